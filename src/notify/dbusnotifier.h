// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/notifier.h"

#include <QObject>

namespace ph {

/**
 * Notifications through the freedesktop org.freedesktop.Notifications service on the
 * session bus. Without a bus or without that service it logs once and carries on: a
 * missing notification daemon must never stop the console.
 */
class DBusNotifier : public QObject, public Notifier
{
    Q_OBJECT
public:
    explicit DBusNotifier(QObject *parent = nullptr);

    void notify(const QString &title, const QString &body, Urgency urgency) override;
    /// Whether the last attempt reached the service (false until one did).
    bool isAvailable() const { return m_available; }
    int sentCount() const { return m_sent; }

Q_SIGNALS:
    /// The service answered (or refused) a notification; for tests and diagnostics.
    void delivered(bool ok);

private:
    void unavailable(const QString &why);

    bool m_available = false;
    bool m_warned = false;
    int m_sent = 0;
};

} // namespace ph
