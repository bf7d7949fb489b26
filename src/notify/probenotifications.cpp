// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/probenotifications.h"

#include "probes/probeengine.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace ph {

ProbeNotifications::ProbeNotifications(Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
{
}

void ProbeNotifications::watch(ProbeEngine *engine)
{
    connect(engine, &ProbeEngine::stateChanged, this, &ProbeNotifications::handleStateChange);
}

void ProbeNotifications::handleStateChange(const ProbeResult &now, Verdict previous)
{
    Q_UNUSED(previous)
    bool bad = false;
    switch (now.verdict) {
    case Verdict::Down:
    case Verdict::Fail:
        bad = true;
        break;
    case Verdict::Pass:
    case Verdict::Warn:
        break;
    case Verdict::Stale:
    case Verdict::Unknown:
        return;
    }

    const QString key = now.service + u'\x1f' + now.endpoint;
    const auto it = m_announced.constFind(key);
    const bool known = it != m_announced.constEnd();
    if (bad == (known && *it == Announced::Down))
        return;
    m_announced.insert(key, bad ? Announced::Down : Announced::Up);
    if (!bad && !known)
        return; // the first answer being fine is not news

    QString path = QUrl(now.url).path();
    if (path.isEmpty())
        path = now.endpoint;
    const QString what = now.service + u' ' + path;
    if (bad) {
        const QString title = now.verdict == Verdict::Down ? tr("%1 is down").arg(what)
                                                           : tr("%1 is failing").arg(what);
        m_notifier->notify(title, title + u": "_s + now.error, Notifier::Urgency::Critical);
    } else {
        const QString title = tr("%1 is back up").arg(what);
        const QString body = now.latencyMs >= 0
                                 ? tr("%1 answered again in %2 ms").arg(what).arg(now.latencyMs)
                                 : tr("%1 answered again").arg(what);
        m_notifier->notify(title, body, Notifier::Urgency::Normal);
    }
}

} // namespace ph
