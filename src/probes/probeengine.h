// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"
#include "probes/probesettings.h"
#include "probes/probestatetracker.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace ph {

class KeyProvider;
class TunnelProvider;
class NetworkWatch;
class ProbeRunner;
class ProbeSink;

/**
 * Checks every probed endpoint of the given services on its own interval and reports
 * each result and each change of verdict.
 *
 * While the computer is offline, unreachable services read Stale instead of Down; an
 * endpoint without a result for two intervals also turns Stale (with the age of its last
 * answer) before a hanging request's deadline marks it Down.
 */
class ProbeEngine : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    explicit ProbeEngine(QObject *parent = nullptr);
    ~ProbeEngine() override;

    /// Applies to the next setServices().
    void setSettings(const ProbeSettings &settings);
    ProbeSettings settings() const { return m_settings; }
    /// Not owned; the key provider must outlive the engine or be reset first.
    void setKeyProvider(KeyProvider *provider);
    /// Not owned; opens tunnels for services with a `via`.
    void setTunnelProvider(TunnelProvider *provider);
    /// Not owned; receives every result and change. nullptr = none.
    void setSink(ProbeSink *sink) { m_sink = sink; }
    /// For tests: the time used for scheduling, staleness and checkedAt (UTC).
    void setClock(Clock clock);

    /// Replaces what is checked; running checks are cancelled and states start Unknown.
    void setServices(const QList<Service> &services);
    int endpointCount() const;

    void start();
    void stop();
    bool isRunning() const { return m_running; }
    /// Checks every endpoint now (those not already being checked).
    void checkNow();

    /// What each endpoint shows now, in service/endpoint order.
    QList<ProbeResult> latestResults() const { return m_tracker.shownAll(); }

    bool isNetworkOnline() const;
    /// Overrides the network information backend (tests, demo) until it reports a change.
    void setNetworkOnline(bool online);

Q_SIGNALS:
    void resultReady(const ph::ProbeResult &result);
    void stateChanged(const ph::ProbeResult &now, ph::Verdict previous);

private:
    void tick();
    void send(int index, qint64 nowMs);
    void onResult(int index, const ph::ProbeResult &result);
    void publish(ProbeResult &result, Verdict previous);
    void networkChanged(bool online);

    ProbeSettings m_settings;
    ProbeRunner *m_runner;
    NetworkWatch *m_network;
    ProbeSink *m_sink = nullptr;
    Clock m_clock;
    QTimer m_tick;
    ProbeStateTracker m_tracker;
    std::vector<qint64> m_nextDueMs;
    std::vector<int> m_intervalMs;
    std::vector<bool> m_inFlight;
    bool m_running = false;
};

} // namespace ph
