// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/notifier.h"
#include "probes/proberesult.h"

#include <QHash>
#include <QObject>

namespace ph {

class ProbeEngine;

/**
 * Turns probe state changes into desktop notifications: once when an endpoint goes
 * down (or starts failing), once when it comes back. Moving between Down and Fail, or
 * through Stale, repeats nothing, and Stale itself never notifies: a laptop losing its
 * Wi-Fi says nothing about the services.
 */
class ProbeNotifications : public QObject
{
    Q_OBJECT
public:
    /// @p notifier is not owned and must outlive this object.
    explicit ProbeNotifications(Notifier *notifier, QObject *parent = nullptr);

    /// Listens to @p engine's state changes.
    void watch(ProbeEngine *engine);
    /// Forgets what was announced, e.g. after the workspace changed.
    void reset() { m_announced.clear(); }

public Q_SLOTS:
    void handleStateChange(const ph::ProbeResult &now, ph::Verdict previous);

private:
    enum class Announced
    {
        Up,
        Down
    };
    Notifier *m_notifier;
    QHash<QString, Announced> m_announced;
};

} // namespace ph
