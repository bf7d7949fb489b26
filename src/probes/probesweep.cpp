// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probesweep.h"

#include "probes/networkwatch.h"
#include "probes/proberunner.h"
#include "probes/probetarget.h"

#include <QMetaObject>

namespace ph {

ProbeSweep::ProbeSweep(QObject *parent)
    : QObject(parent)
    , m_runner(new ProbeRunner(this))
    , m_network(new NetworkWatch(this))
{
    connect(m_runner, &ProbeRunner::resultReady, this, &ProbeSweep::onResult);
    connect(m_network, &NetworkWatch::onlineChanged, m_runner, &ProbeRunner::setNetworkOnline);
}

ProbeSweep::~ProbeSweep()
{
    m_runner->cancelAll();
}

ProbeSettings ProbeSweep::defaultSettings()
{
    ProbeSettings s;
    s.keepBodies = false;
    return s;
}

void ProbeSweep::setKeyProvider(KeyProvider *provider)
{
    m_runner->setKeyProvider(provider);
}

void ProbeSweep::setNetworkOnline(bool online)
{
    m_network->setOnline(online);
    m_runner->setNetworkOnline(online);
}

void ProbeSweep::start(const QList<Service> &services)
{
    m_runner->cancelAll();
    m_runner->setSettings(m_settings);
    m_runner->setNetworkOnline(m_network->isOnline());
    QList<ProbeTarget> targets = buildProbeTargets(services, m_settings);
    const int n = int(targets.size());

    m_results.clear();
    m_results.reserve(n);
    for (const ProbeTarget &t : std::as_const(targets)) {
        ProbeResult r;
        r.service = t.service;
        r.endpoint = t.endpoint;
        r.url = t.url;
        m_results.append(std::move(r));
    }
    m_runner->setTargets(std::move(targets));
    m_done = 0;
    m_running = true;
    if (n == 0) {
        QMetaObject::invokeMethod(
            this,
            [this]() {
                if (!m_running || !m_results.isEmpty())
                    return;
                m_running = false;
                Q_EMIT finished(m_results);
            },
            Qt::QueuedConnection);
        return;
    }
    for (int i = 0; i < n; ++i)
        m_runner->enqueue(i);
}

void ProbeSweep::cancel()
{
    m_running = false;
    m_runner->cancelAll();
}

void ProbeSweep::onResult(int index, const ProbeResult &result)
{
    if (!m_running)
        return;
    m_results[index] = result;
    ++m_done;
    Q_EMIT progressed(m_done, int(m_results.size()));
    if (m_done == m_results.size()) {
        m_running = false;
        Q_EMIT finished(m_results);
    }
}

void ProbeSweep::setTunnelProvider(TunnelProvider *provider)
{
    m_runner->setTunnelProvider(provider);
}

} // namespace ph
