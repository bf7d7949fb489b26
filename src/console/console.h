// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QMap>
#include <QObject>
#include <QThread>

#include <memory>

class QTimer;

namespace ph {

class AlertCenter;
class Database;
class HistoryWriter;
class Notifier;
class ProbeEngine;
class ProbeNotifications;
class ProbeSink;
class SecretStoreKeyProvider;
class ServiceFetcher;
class HostCommands;
class BrowserTunnels;
class HostFactsCollector;
struct HostFacts;
class AuditRecorder;
class SshSessionPool;
class SecretStore;
class SshTunnelProvider;
class WorkspaceWatcher;

/**
 * One open workspace and everything that watches it: the workspace file (reloaded on
 * change, the last good one kept), the keychain, the local database on its own thread,
 * the probe engine for the chosen environment and the down/up notifications. The window
 * and the command-line twin both drive this; it has no widgets.
 */
class Console : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString workspacePath;
        QMap<QString, QString> variables; ///< ${name} substitutions (demo ports)
        QString keychainService = QStringLiteral("pilothouse");
        QString databasePath;         ///< empty = the user's data folder
        Notifier *notifier = nullptr; ///< not owned; null = no notifications
    };

    explicit Console(QObject *parent = nullptr);
    ~Console() override;

    /// Opens the database and loads the workspace. Fails (and changes nothing) when either
    /// cannot be used; the message says what to do.
    Result<void> open(const Options &options);
    /// Starts watching the file and probing the current environment.
    void start();
    void stop();

    const Workspace &workspace() const;
    QStringList warnings() const;
    QString environment() const { return m_environment; }
    void setEnvironment(const QString &name);
    void checkNow();

    SecretStore *secrets() const { return m_secrets; }
    ProbeEngine *engine() const { return m_engine; }
    /// One-off fetches of endpoints the probes do not poll (payouts export, partners).
    ServiceFetcher *fetcher() const { return m_fetcher; }
    /// Commands on the workspace's hosts by name, over pooled SSH sessions.
    HostCommands *hostCommands() const { return m_hostCommands; }
    SshSessionPool *sshPool() const { return m_sshPool; }
    /// Dashboard keys and other secrets read from the keychain, for the step runner.
    SecretStoreKeyProvider *keyProvider() const { return m_keys.get(); }
    /// Containers, memory and disks of the hosts running Bot Core; feeds the alerts.
    HostFactsCollector *hostFacts() const { return m_hostFacts; }
    /// Appends audit events off the GUI thread, in order; the seal key comes from the keychain.
    AuditRecorder *auditRecorder() const { return m_audit; }
    WorkspaceWatcher *watcher() const { return m_watcher; }
    std::shared_ptr<Database> database() const { return m_db; }
    /// Live alerts of the probed services, shared by the window and the command line.
    AlertCenter *alerts() const { return m_alerts; }
    /// Opens the SSH tunnels the probes of services with `via` go through.
    SshTunnelProvider *tunnels() const { return m_tunnels; }
    /// Opens services in the browser, through a tunnel for those with `via`.
    BrowserTunnels *browserTunnels() const { return m_browserTunnels; }

Q_SIGNALS:
    void workspaceLoaded(const ph::Workspace &workspace, const QStringList &warnings);
    void workspaceFailed(const ph::Error &error);
    void environmentChanged(const QString &name);
    void resultReady(const ph::ProbeResult &result);
    void uptimeReady(const QString &service, const QString &endpoint, double day, double week);
    void onlineChanged(bool online);
    void storageFailed(const ph::Error &error);

private:
    void applyWorkspace(const Workspace &ws);
    void probeEnvironment();
    void requestUptime();
    void feedHostFacts(const ph::HostFacts &facts);

    WorkspaceWatcher *m_watcher;
    SecretStore *m_secrets = nullptr;
    std::unique_ptr<SecretStoreKeyProvider> m_keys;
    ProbeEngine *m_engine;
    ServiceFetcher *m_fetcher = nullptr;
    SshSessionPool *m_sshPool = nullptr;
    HostCommands *m_hostCommands = nullptr;
    HostFactsCollector *m_hostFacts = nullptr;
    AuditRecorder *m_audit = nullptr;
    SshTunnelProvider *m_tunnels;
    BrowserTunnels *m_browserTunnels = nullptr;
    ProbeNotifications *m_notifications = nullptr;
    AlertCenter *m_alerts;
    std::shared_ptr<Database> m_db;
    QThread m_storageThread;
    HistoryWriter *m_writer = nullptr;
    std::unique_ptr<ProbeSink> m_sink;
    QTimer *m_uptimeTimer;
    QTimer *m_rollUpTimer;
    Workspace m_workspace; ///< the last good one; the watcher's first load is asynchronous
    QStringList m_warnings;
    QString m_environment;
    bool m_started = false;
};

} // namespace ph
