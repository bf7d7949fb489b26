// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console/console.h"
#include "core/error.h"

#include <QObject>

namespace ph {

class SecretStore;
class SimulatorProcess;

/**
 * Demo mode: the simulator as a child that dies with the console, the bundled demo
 * workspace pointed at its ports, and the demo's dashboard key under a keychain service
 * of its own ("pilothouse-demo"), so demo entries never mix with real ones.
 */
class DemoSession : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kKeychainService = "pilothouse-demo";
    static constexpr auto kDashboardKey = "demo-dash-key"; ///< the simulator's, not a secret

    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    /// Starts the simulator and writes the demo workspace; returns how to open it.
    Result<Console::Options> start();
    SimulatorProcess *simulator() const { return m_sim; }
    /// Stores the demo dashboard key in the demo keychain service.
    void provisionKey(SecretStore *store, const QString &workspaceName, QObject *context,
                      std::function<void(Result<void>)> done);

private:
    SimulatorProcess *m_sim;
};

} // namespace ph
