// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"
#include "probes/probesettings.h"
#include "workspace/workspace.h"

#include <QList>
#include <QObject>

namespace ph {

class KeyProvider;
class TunnelProvider;
class NetworkWatch;
class ProbeRunner;

/**
 * Checks every probed endpoint once, with bounded concurrency, judged exactly as the
 * engine judges. For the command line and benchmarks. By default bodies are judged and
 * dropped (ProbeSettings::keepBodies = false) to keep a large sweep cheap.
 */
class ProbeSweep : public QObject
{
    Q_OBJECT
public:
    explicit ProbeSweep(QObject *parent = nullptr);
    ~ProbeSweep() override;

    static ProbeSettings defaultSettings();
    void setSettings(const ProbeSettings &settings) { m_settings = settings; }
    /// Not owned; must outlive the sweep.
    void setKeyProvider(KeyProvider *provider);
    /// Not owned; opens tunnels for services with a `via`.
    void setTunnelProvider(TunnelProvider *provider);
    void setNetworkOnline(bool online);

    /// Starts a sweep; finished() follows once, also for an empty list (queued).
    void start(const QList<Service> &services);
    /// Stops without emitting finished().
    void cancel();
    bool isRunning() const { return m_running; }
    int total() const { return int(m_results.size()); }
    int done() const { return m_done; }
    /// In service/endpoint order; complete once finished() was emitted.
    const QList<ProbeResult> &results() const { return m_results; }

Q_SIGNALS:
    void progressed(int done, int total);
    void finished(const QList<ph::ProbeResult> &results);

private:
    void onResult(int index, const ph::ProbeResult &result);

    ProbeSettings m_settings = defaultSettings();
    ProbeRunner *m_runner;
    NetworkWatch *m_network;
    QList<ProbeResult> m_results;
    int m_done = 0;
    bool m_running = false;
};

} // namespace ph
