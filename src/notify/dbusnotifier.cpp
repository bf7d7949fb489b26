// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/dbusnotifier.h"

#include "core/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QStringList>
#include <QVariantMap>

using namespace Qt::StringLiterals;

namespace ph {

DBusNotifier::DBusNotifier(QObject *parent)
    : QObject(parent)
{
}

void DBusNotifier::unavailable(const QString &why)
{
    m_available = false;
    if (m_warned)
        return;
    m_warned = true;
    qCInfo(lcNotify).noquote() << "desktop notifications unavailable:" << why;
}

void DBusNotifier::notify(const QString &title, const QString &body, Urgency urgency)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        unavailable(bus.lastError().message());
        Q_EMIT delivered(false);
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        u"org.freedesktop.Notifications"_s, u"/org/freedesktop/Notifications"_s,
        u"org.freedesktop.Notifications"_s, u"Notify"_s);
    uchar level = 1;
    if (urgency == Urgency::Low)
        level = 0;
    else if (urgency == Urgency::Critical)
        level = 2;
    QVariantMap hints;
    hints.insert(u"urgency"_s, QVariant::fromValue(level));
    hints.insert(u"desktop-entry"_s, u"io.pilothouse.Pilothouse"_s);
    call << u"Pilothouse"_s << uint(0) << u"io.pilothouse.Pilothouse"_s << title << body
         << QStringList() << hints << int(-1);

    ++m_sent;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError()) {
            unavailable(reply.error().message());
            Q_EMIT delivered(false);
            return;
        }
        m_available = true;
        Q_EMIT delivered(true);
    });
}

} // namespace ph
