// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probeengine.h"

#include "core/logging.h"
#include "probes/networkwatch.h"
#include "probes/proberunner.h"
#include "probes/probesink.h"
#include "probes/probetarget.h"

#include <algorithm>

namespace ph {

ProbeEngine::ProbeEngine(QObject *parent)
    : QObject(parent)
    , m_runner(new ProbeRunner(this))
    , m_network(new NetworkWatch(this))
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_runner->setSettings(m_settings);
    m_runner->setNetworkOnline(m_network->isOnline());
    connect(m_runner, &ProbeRunner::resultReady, this, &ProbeEngine::onResult);
    connect(m_network, &NetworkWatch::onlineChanged, this, &ProbeEngine::networkChanged);
    m_tick.setTimerType(Qt::CoarseTimer);
    connect(&m_tick, &QTimer::timeout, this, &ProbeEngine::tick);
}

ProbeEngine::~ProbeEngine()
{
    m_runner->cancelAll();
}

void ProbeEngine::setSettings(const ProbeSettings &settings)
{
    m_settings = settings;
}

void ProbeEngine::setKeyProvider(KeyProvider *provider)
{
    m_runner->setKeyProvider(provider);
}

void ProbeEngine::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void ProbeEngine::setServices(const QList<Service> &services)
{
    m_runner->cancelAll();
    m_runner->setSettings(m_settings);
    QList<ProbeTarget> targets = buildProbeTargets(services, m_settings);

    QList<ProbeResult> identities;
    QList<int> intervals;
    identities.reserve(targets.size());
    intervals.reserve(targets.size());
    for (const ProbeTarget &t : std::as_const(targets)) {
        ProbeResult id;
        id.service = t.service;
        id.endpoint = t.endpoint;
        id.url = t.url;
        identities.append(id);
        intervals.append(t.intervalMs);
    }
    m_tracker.reset(identities, intervals, m_clock());
    const size_t n = size_t(targets.size());
    m_nextDueMs.assign(n, 0);
    m_inFlight.assign(n, false);
    m_intervalMs.assign(intervals.cbegin(), intervals.cend());
    m_runner->setTargets(std::move(targets));

    const int shortest = m_intervalMs.empty()
                             ? m_settings.defaultIntervalMs
                             : *std::min_element(m_intervalMs.cbegin(), m_intervalMs.cend());
    // A quarter interval keeps a state change within 25 % of its due time.
    m_tick.setInterval(std::clamp(shortest / 4, 50, 1000));
    if (m_running)
        tick();
}

int ProbeEngine::endpointCount() const
{
    return m_tracker.size();
}

void ProbeEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_tick.start();
    tick();
}

void ProbeEngine::stop()
{
    m_running = false;
    m_tick.stop();
    m_runner->cancelAll();
    std::fill(m_inFlight.begin(), m_inFlight.end(), false);
}

void ProbeEngine::checkNow()
{
    const qint64 now = m_clock().toMSecsSinceEpoch();
    for (size_t i = 0; i < m_inFlight.size(); ++i) {
        if (!m_inFlight[i])
            send(int(i), now);
    }
}

bool ProbeEngine::isNetworkOnline() const
{
    return m_network->isOnline();
}

void ProbeEngine::setNetworkOnline(bool online)
{
    m_network->setOnline(online);
}

void ProbeEngine::networkChanged(bool online)
{
    m_runner->setNetworkOnline(online);
    // Back online: do not leave endpoints grey until their next interval.
    if (online && m_running)
        checkNow();
}

void ProbeEngine::send(int index, qint64 nowMs)
{
    m_inFlight[size_t(index)] = true;
    m_nextDueMs[size_t(index)] = nowMs + m_intervalMs[size_t(index)];
    m_runner->enqueue(index);
}

void ProbeEngine::tick()
{
    const QDateTime now = m_clock();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (m_running) {
        for (size_t i = 0; i < m_nextDueMs.size(); ++i) {
            if (!m_inFlight[i] && nowMs >= m_nextDueMs[i])
                send(int(i), nowMs);
        }
    }
    const QList<ProbeStateTracker::Change> changes = m_tracker.expire(now);
    for (ProbeStateTracker::Change change : changes)
        publish(change.result, change.previous);
}

void ProbeEngine::onResult(int index, const ProbeResult &result)
{
    m_inFlight[size_t(index)] = false;
    ProbeResult r = result;
    r.checkedAt = m_clock();
    const Verdict previous = m_tracker.apply(index, r, r.checkedAt);
    publish(r, previous);
}

void ProbeEngine::publish(ProbeResult &result, Verdict previous)
{
    if (m_sink)
        m_sink->record(result);
    Q_EMIT resultReady(result);
    if (result.verdict != previous) {
        qCDebug(lcProbes) << result.service << result.endpoint << verdictName(previous) << "->"
                          << verdictName(result.verdict) << result.error;
        if (m_sink)
            m_sink->recordStateChange(result, previous);
        Q_EMIT stateChanged(result, previous);
    }
}

void ProbeEngine::setTunnelProvider(TunnelProvider *provider)
{
    m_runner->setTunnelProvider(provider);
}

} // namespace ph
