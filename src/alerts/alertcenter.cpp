// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertcenter.h"

#include "alerts/alertstatestore.h"
#include "probes/proberesult.h"
#include "storage/database.h"

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

AlertCenter::~AlertCenter()
{
    if (!m_storeContext)
        return;
    // Posted calls run in order: once this one returns, every queued write has landed.
    QMetaObject::invokeMethod(
        m_storeContext, [db = m_store->database()] { db->releaseThreadConnection(); },
        Qt::BlockingQueuedConnection);
    m_storeThread.quit();
    m_storeThread.wait();
    delete m_storeContext;
}

Result<void> AlertCenter::attachDatabase(std::shared_ptr<Database> db)
{
    if (!db)
        return fail(u"alerts.storage"_s, tr("There is no database to keep acknowledgements in."));
    if (m_store)
        return fail(u"alerts.storage"_s,
                    tr("The alerts already keep their acknowledgements in a database."));
    auto store = std::make_shared<AlertStateStore>(std::move(db));
    // One small read at start-up, before any alert can fire and look unacknowledged.
    auto memory = store->load(now());
    if (!memory)
        return tl::unexpected(memory.error());
    for (const AcknowledgementRecord &r : std::as_const(memory->acknowledgements))
        m_engine->restoreAcknowledgement(r.ruleId, r.service, r.owner, r.at, r.note);
    for (auto it = memory->mutes.cbegin(); it != memory->mutes.cend(); ++it)
        applyMute(it.key(), it.value());

    m_store = std::move(store);
    m_storeThread.setObjectName(u"pilothouse-alerts"_s);
    m_storeContext = new QObject;
    m_storeContext->moveToThread(&m_storeThread);
    m_storeThread.start();

    connect(m_engine, &AlertEngine::alertAcknowledged, this, [this](const Alert &a) {
        queueWrite(
            [r = AcknowledgementRecord{a.ruleId, a.service, a.severity, a.owner, a.ackAt, a.note}](
                const AlertStateStore &s) { return s.saveAcknowledgement(r); });
    });
    connect(m_engine, &AlertEngine::acknowledgementEnded, this,
            [this](const QString &ruleId, const QString &service) {
                queueWrite([ruleId, service](const AlertStateStore &s) {
                    return s.removeAcknowledgement(ruleId, service);
                });
            });
    return {};
}

void AlertCenter::queueWrite(std::function<Result<void>(const AlertStateStore &)> write)
{
    if (!m_storeContext)
        return;
    QMetaObject::invokeMethod(
        m_storeContext,
        [this, store = m_store, write = std::move(write)] {
            if (auto done = write(*store); !done) {
                // The centre outlives every queued write (its destructor waits for them).
                QMetaObject::invokeMethod(
                    this, [this, error = done.error()] { Q_EMIT storageFailed(error); },
                    Qt::QueuedConnection);
            }
        },
        Qt::QueuedConnection);
}

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
    const QDateTime until = now().addSecs(duration.count());
    applyMute(severity, until);
    queueWrite([severity, until](const AlertStateStore &s) { return s.saveMute(severity, until); });
}

void AlertCenter::applyMute(Severity severity, const QDateTime &until)
{
    m_engine->mute(severity, until);
    Q_EMIT mutesChanged();
    // Tell the view when it runs out; the engine's clock decides whether it has.
    const qint64 ms = std::max<qint64>(0, now().msecsTo(until)) + 1000;
    QTimer::singleShot(std::chrono::milliseconds(ms), this, &AlertCenter::mutesChanged);
}

void AlertCenter::unmute(Severity severity)
{
    m_engine->unmute(severity);
    Q_EMIT mutesChanged();
    queueWrite([severity](const AlertStateStore &s) { return s.removeMute(severity); });
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
