// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "console/console.h"
#include "core/error.h"

#include <QObject>

#include <optional>

namespace ph {

class DemoSshd;
class PrometheusProcess;
class SecretStore;
class SimulatorProcess;

/**
 * Demo mode: the simulator and the demo host (a private sshd over a sandbox of stand-in
 * tools) as children that die with the console, the bundled demo workspace pointed at
 * their ports and folders, and the demo's dashboard key under a keychain service of its
 * own ("pilothouse-demo"), so demo entries never mix with real ones.
 *
 * Without a usable sshd the demo still starts; sshError() says why SSH steps are
 * unavailable, for the window to show.
 *
 * When Prometheus is installed, a private one scrapes the simulator's services (jobs
 * named after them) and its URL is the workspace variable `${demo.prometheus_url}`;
 * without it that variable is empty and prometheusError() says why.
 */
class DemoSession : public QObject
{
    Q_OBJECT
public:
    static constexpr auto kKeychainService = "pilothouse-demo";
    static constexpr auto kDashboardKey = "demo-dash-key"; ///< the simulator's, not a secret

    explicit DemoSession(QObject *parent = nullptr);
    ~DemoSession() override;

    /// Starts the simulator and the demo host and writes the demo workspace; returns how
    /// to open it.
    Result<Console::Options> start();
    /// Stops the demo host and the simulator (the destructor does too).
    void stop();
    SimulatorProcess *simulator() const { return m_sim; }
    DemoSshd *sshd() const { return m_sshd; }
    PrometheusProcess *prometheus() const { return m_prometheus; }
    /// Why the demo runs without its Prometheus (not installed, did not start), or nothing.
    /// Prometheus starts in the background: a failure after start() shows up here later.
    std::optional<Error> prometheusError() const { return m_prometheusError; }
    /// Whether start() also starts Prometheus (default on; off for runs that need no SLOs).
    void setPrometheusWanted(bool wanted) { m_prometheusWanted = wanted; }
    /// Why the demo's SSH steps cannot run (no sshd, it did not start), or nothing.
    std::optional<Error> sshError() const { return m_sshError; }
    /// The sandbox the demo host's sessions work in.
    QString sandboxRoot() const { return m_sandbox; }
    /// Stores the demo dashboard key in the demo keychain service.
    void provisionKey(SecretStore *store, const QString &workspaceName, QObject *context,
                      std::function<void(Result<void>)> done);

private:
    Result<void> startHost(const QString &root);
    Result<void> startPrometheus();

    SimulatorProcess *m_sim;
    DemoSshd *m_sshd;
    QString m_sandbox;
    std::optional<Error> m_sshError;
    PrometheusProcess *m_prometheus;
    std::optional<Error> m_prometheusError;
    bool m_prometheusWanted = true;
};

} // namespace ph
