// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/console.h"

#include "alerts/alertcenter.h"
#include "console/auditrecorder.h"
#include "console/historywriter.h"
#include "console/hostcommands.h"
#include "console/hostfactscollector.h"
#include "console/sleepdetector.h"
#include "core/logging.h"
#include "notify/probenotifications.h"
#include "probes/networkwatch.h"
#include "probes/probeengine.h"
#include "probes/probesettings.h"
#include "probes/secretstorekeyprovider.h"
#include "probes/servicefetcher.h"
#include "secrets/secretstore.h"
#include "ssh/sshsessionpool.h"
#include "ssh/sshtunnelprovider.h"
#include "storage/database.h"
#include "workspace/workspaceloader.h"
#include "workspace/workspacewatcher.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace ph {

Console::Console(QObject *parent)
    : QObject(parent)
    , m_watcher(new WorkspaceWatcher(this))
    , m_engine(new ProbeEngine(this))
    , m_tunnels(new SshTunnelProvider(this))
    , m_alerts(new AlertCenter(this))
    , m_uptimeTimer(new QTimer(this))
    , m_rollUpTimer(new QTimer(this))
{
    m_storageThread.setObjectName(u"pilothouse-storage"_s);
    connect(m_engine, &ProbeEngine::resultReady, this, &Console::resultReady);
    // Offline reaches the alerts as stale results, which freeze their inputs.
    connect(m_engine, &ProbeEngine::resultReady, m_alerts, &AlertCenter::applyResult);
    m_engine->setTunnelProvider(m_tunnels);
    connect(m_watcher, &WorkspaceWatcher::loaded, this,
            [this](const Workspace &ws, const QStringList &warnings) {
                m_warnings = warnings;
                applyWorkspace(ws);
                Q_EMIT workspaceLoaded(ws, warnings);
            });
    connect(m_watcher, &WorkspaceWatcher::loadFailed, this, &Console::workspaceFailed);
    m_uptimeTimer->setInterval(30 * 1000);
    connect(m_uptimeTimer, &QTimer::timeout, this, &Console::requestUptime);
    m_rollUpTimer->setInterval(15 * 60 * 1000);
}

Console::~Console()
{
    stop();
    m_engine->setSink(nullptr);
    m_engine->setTunnelProvider(nullptr);
    if (m_writer)
        m_writer->deleteLater(); // runs on the storage thread before it quits
    m_storageThread.quit();
    m_storageThread.wait();
}

Result<void> Console::open(const Options &options)
{
    // Load once up front so a broken file is reported before anything starts.
    auto loaded = WorkspaceLoader::loadFile(options.workspacePath, options.variables);
    if (!loaded)
        return tl::unexpected(loaded.error());

    auto db = Database::open(options.databasePath);
    if (!db)
        return tl::unexpected(db.error());
    m_db = *db;

    m_secrets = new SecretStore(options.keychainService, this);
    m_keys = std::make_unique<SecretStoreKeyProvider>(m_secrets);
    m_engine->setKeyProvider(m_keys.get());
    m_fetcher = new ServiceFetcher(this);
    m_fetcher->setKeyProvider(m_keys.get());
    m_sshPool = new SshSessionPool({}, this);
    m_hostCommands = new HostCommands(m_secrets, m_sshPool, this);
    // After a sleep or a network change, pooled SSH connections may be dead without knowing
    // it: the next command gets a fresh, re-checked connection.
    auto *sleep = new SleepDetector(this);
    connect(sleep, &SleepDetector::resumed, m_sshPool, &SshSessionPool::revalidateAll);
    auto *network = new NetworkWatch(this);
    connect(network, &NetworkWatch::onlineChanged, this, &Console::onlineChanged);
    connect(network, &NetworkWatch::onlineChanged, m_sshPool, &SshSessionPool::revalidateAll);
    sleep->start();
    m_hostFacts = new HostFactsCollector(m_hostCommands, this);
    m_hostFacts->setOnlineCheck([this] { return m_engine->isNetworkOnline(); });
    connect(m_hostFacts, &HostFactsCollector::factsReady, this, &Console::feedHostFacts);
    m_audit = new AuditRecorder(m_db, AuditRecorder::keychainStore(m_secrets), this);

    m_writer = new HistoryWriter(m_db);
    m_writer->moveToThread(&m_storageThread);
    connect(m_writer, &HistoryWriter::uptimeReady, this, &Console::uptimeReady);
    connect(m_writer, &HistoryWriter::failed, this, &Console::storageFailed);
    connect(m_rollUpTimer, &QTimer::timeout, m_writer, &HistoryWriter::rollUp);
    m_storageThread.start();
    m_sink = std::make_unique<QueuedHistorySink>(m_writer);
    m_engine->setSink(m_sink.get());

    m_alerts->setNotifier(options.notifier);
    connect(m_alerts, &AlertCenter::storageFailed, this, &Console::storageFailed);
    if (auto remembered = m_alerts->attachDatabase(m_db); !remembered) {
        // Alerts still work, they only forget who took them at the next start; say so once
        // the window listens.
        QTimer::singleShot(0, this,
                           [this, error = remembered.error()] { Q_EMIT storageFailed(error); });
    }
    if (options.notifier) {
        m_notifications = new ProbeNotifications(options.notifier, this);
        m_notifications->watch(m_engine);
    }

    m_warnings = loaded->warnings;
    applyWorkspace(loaded->workspace);
    m_watcher->setFilePath(options.workspacePath, options.variables);
    return {};
}

const Workspace &Console::workspace() const
{
    return m_workspace;
}

QStringList Console::warnings() const
{
    return m_warnings;
}

void Console::start()
{
    m_started = true;
    probeEnvironment();
    m_uptimeTimer->start();
    m_rollUpTimer->start();
    m_alerts->start();
    if (m_hostFacts)
        m_hostFacts->start();
    QMetaObject::invokeMethod(m_writer, &HistoryWriter::rollUp, Qt::QueuedConnection);
}

void Console::stop()
{
    m_started = false;
    m_engine->stop();
    m_uptimeTimer->stop();
    m_rollUpTimer->stop();
    m_alerts->stop();
    if (m_hostFacts)
        m_hostFacts->stop();
}

void Console::applyWorkspace(const Workspace &ws)
{
    m_workspace = ws;
    m_keys->setWorkspaceName(ws.name);
    if (m_hostCommands)
        m_hostCommands->setWorkspace(ws);
    m_tunnels->setWorkspace(ws);
    m_engine->setSettings(ProbeSettings::fromWorkspace(ws.settings));
    m_alerts->setWorkspace(ws);
    // Keep the environment the user chose if it still exists.
    if (!ws.environment(m_environment))
        m_environment = ws.environments.isEmpty() ? QString() : ws.environments.first().name;
    if (m_notifications)
        m_notifications->reset();
    probeEnvironment();
}

void Console::setEnvironment(const QString &name)
{
    if (name == m_environment || !workspace().environment(name))
        return;
    m_environment = name;
    probeEnvironment();
    Q_EMIT environmentChanged(name);
}

void Console::probeEnvironment()
{
    m_engine->stop();
    m_engine->setServices(m_workspace.servicesIn(m_environment));
    QStringList watched;
    for (const Service &s : m_workspace.servicesIn(m_environment))
        watched.append(s.name);
    m_alerts->setWatchedServices(watched);
    if (m_hostFacts) {
        m_hostFacts->setServices(m_workspace.servicesIn(m_environment));
        if (m_started)
            m_hostFacts->collectNow();
    }
    if (m_started) {
        m_engine->start();
        // After the first sweep has been stored, then on the timer.
        QTimer::singleShot(3000, this, &Console::requestUptime);
    }
}

void Console::feedHostFacts(const HostFacts &facts)
{
    // A late report from a host of the environment the user just left must not count.
    const QList<Service> current = m_workspace.servicesIn(m_environment);
    for (const Observation &o : HostFactsCollector::observationsFrom(facts)) {
        if (std::any_of(current.cbegin(), current.cend(),
                        [&](const Service &s) { return s.name == o.service; }))
            m_alerts->engine()->feed(o);
    }
}

void Console::checkNow()
{
    m_engine->checkNow();
}

void Console::requestUptime()
{
    QStringList keys;
    qint64 maxGap = 0;
    for (const Service &s : workspace().servicesIn(m_environment)) {
        const int interval = s.intervalMs > 0 ? s.intervalMs : workspace().settings.probeIntervalMs;
        maxGap = std::max<qint64>(maxGap, 2LL * interval);
        for (const EndpointSpec &e : s.endpoints) {
            if (e.probe)
                keys.append(s.name + u'\n' + e.name);
        }
    }
    if (keys.isEmpty() || !m_writer)
        return;
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, keys, maxGap] { w->computeUptime(keys, maxGap); },
        Qt::QueuedConnection);
}

} // namespace ph
