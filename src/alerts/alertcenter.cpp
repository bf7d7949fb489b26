// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertcenter.h"

#include "probes/proberesult.h"

#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace ph {

AlertCenter::AlertCenter(QObject *parent)
    : QObject(parent)
    , m_engine(new AlertEngine(nullptr, this))
{
    connect(m_engine, &AlertEngine::alertRaised, this, &AlertCenter::alertRaised);
    connect(m_engine, &AlertEngine::alertResolved, this, &AlertCenter::alertResolved);
    connect(m_engine, &AlertEngine::alertAcknowledged, this, &AlertCenter::alertAcknowledged);
    connect(m_engine, &AlertEngine::alertEscalated, this, &AlertCenter::alertEscalated);
    for (auto signal :
         {&AlertEngine::alertRaised, &AlertEngine::alertResolved, &AlertEngine::alertUpdated,
          &AlertEngine::alertAcknowledged, &AlertEngine::alertEscalated})
        connect(m_engine, signal, this, &AlertCenter::alertsChanged);
}

AlertCenter::~AlertCenter() = default;

void AlertCenter::setNotifier(Notifier *notifier)
{
    m_engine->setNotifier(notifier);
}

void AlertCenter::setClock(Clock clock)
{
    m_engine->setClock(std::move(clock));
}

void AlertCenter::setWorkspace(const Workspace &workspace)
{
    for (const Service &s : workspace.services) {
        m_engine->setServiceProfile(s.name, s.profile);
        m_engine->setServiceEnvironment(s.name, s.environment);
    }
    m_feed.setServices(workspace.services);
    if (auto applied = m_engine->setThresholds(workspace.thresholds); !applied) {
        m_thresholdProblem = applied.error();
        Q_EMIT thresholdsRejected(m_thresholdProblem);
    } else {
        m_thresholdProblem = {};
    }
}

void AlertCenter::setWatchedServices(const QStringList &services)
{
    const QSet<QString> watched(services.cbegin(), services.cend());
    for (auto it = m_inputs.cbegin(); it != m_inputs.cend(); ++it) {
        if (!watched.contains(it.key()))
            freeze(it.key());
    }
    m_watched = watched;
    m_watchedKnown = true;
}

void AlertCenter::freeze(const QString &service)
{
    const QDateTime at = now();
    for (const QString &metric : m_inputs.value(service))
        m_engine->feed(Observation::staleInput(service, metric, at));
}

void AlertCenter::start()
{
    m_engine->start();
}

void AlertCenter::stop()
{
    m_engine->stop();
}

void AlertCenter::tick()
{
    m_engine->tick(now());
}

QList<Alert> AlertCenter::recentlyResolved(int max) const
{
    QList<Alert> all = m_engine->resolvedAlerts();
    std::reverse(all.begin(), all.end());
    if (all.size() > max)
        all.resize(max);
    return all;
}

Result<void> AlertCenter::acknowledge(const QString &id, const QString &owner, const QString &note)
{
    return m_engine->acknowledge(id, owner, note);
}

QString AlertCenter::defaultOwner()
{
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString v = qEnvironmentVariable(name).trimmed();
        if (!v.isEmpty())
            return v;
    }
#ifdef Q_OS_UNIX
    // Sessions started by a service manager or a container often have no USER set.
    if (const passwd *pw = getpwuid(getuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    return {};
}

void AlertCenter::muteFor(Severity severity, std::chrono::seconds duration)
{
    m_engine->mute(severity, now().addSecs(duration.count()));
    Q_EMIT mutesChanged();
    // Tell the view when it runs out; the engine's clock decides whether it has.
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(duration) + std::chrono::seconds(1);
    QTimer::singleShot(ms, this, &AlertCenter::mutesChanged);
}

void AlertCenter::unmute(Severity severity)
{
    m_engine->unmute(severity);
    Q_EMIT mutesChanged();
}

void AlertCenter::applyResult(const ProbeResult &result)
{
    // A late answer from the environment the user just left must not thaw its inputs.
    if (m_watchedKnown && !m_watched.contains(result.service))
        return;
    const QList<Observation> observations = m_feed.observe(result);
    for (const Observation &o : observations) {
        m_inputs[o.service].insert(o.metric);
        m_engine->feed(o);
    }
}

void AlertCenter::setOffline(bool offline)
{
    m_engine->setOffline(offline);
}

} // namespace ph
