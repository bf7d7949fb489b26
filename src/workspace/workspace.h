// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ph {

/// A Prometheus server whose HTTP query API answers for a whole environment.
struct PrometheusServer
{
    QString url;    ///< base URL, e.g. "https://prometheus.ops.example.com"; empty = none
    QString caFile; ///< extra CA certificate file for TLS
};

/// A deployment stage. Production is marked everywhere in the UI.
struct Environment
{
    QString name;
    bool production = false;
    QString timeZone = QStringLiteral("UTC"); ///< IANA name, e.g. "Europe/Berlin"
    PrometheusServer prometheus;              ///< optional "prometheus" object
};

/// One HTTP endpoint of a service, after profile defaults and workspace overrides.
struct EndpointSpec
{
    QString name; ///< stable id within the service, e.g. "health", "queue"
    QString path; ///< e.g. "/api/health"
    QString method = QStringLiteral("GET");
    bool needsKey = false; ///< sends X-Dash-Key from the keychain
    int expectStatus = 200;
    bool healthBody = false; ///< body carries a "status" field: degraded = warn, down = fail
    bool probe = true;       ///< probed by the Health view (false for actions, CSV exports)
};

/// Where a service's SLO figures come from: the "slo" object of a service.
struct SloSourceSpec
{
    /// "endpoint" (its /api/slo/status), "metrics" (its /metrics, rates computed by the
    /// console) or "prometheus" (the environment's Prometheus server); empty = no SLO row.
    QString source;
    QString selector;        ///< PromQL label matchers for "prometheus", e.g. job="echopilot"
    QString metricsEndpoint; ///< endpoint whose body is the /metrics text (default "metrics")
};

/// A watched service (one API base URL).
struct Service
{
    QString name;
    QString environment;
    QString profile = QStringLiteral("generic"); ///< "echopilot" | "botcore" | "generic"
    /// For "botcore": which component ("rust-core-engine" | "python-ai-service").
    QString component;
    QUrl baseUrl;
    QList<EndpointSpec> endpoints;            ///< resolved: profile defaults + overrides
    QMap<QString, QString> endpointOverrides; ///< endpoint name -> path, as written
    QMap<QString, QString> fieldMappings;     ///< field name -> JSON pointer
    int latencyBudgetMs = 1000;
    QString dashboardKeyRef;  ///< keychain entry name of the X-Dash-Key, empty = none
    QString via;              ///< host name to tunnel through, empty = direct
    QString workingDirectory; ///< deployment root on its host, e.g. "/opt/bot-core"
    QString host;             ///< host the deployment runs on (for SSH steps)
    QString caFile;           ///< extra CA certificate file for TLS
    int intervalMs = 0;       ///< 0 = workspace default
    QString metricsSource;    ///< "service" | "metrics" | "prometheus"
    SloSourceSpec slo;        ///< resolved: "slo", else metrics_source, else the SLO endpoint
};

/// An SSH host.
struct Host
{
    QString name;
    QString environment;
    QString address;
    int port = 22;
    QString user;
    QString auth = QStringLiteral("agent"); ///< "agent" | "key" | "password"
    QString identityFile;
    QString secretRef; ///< keychain entry of the passphrase or password
    QStringList groups;
    QString jump; ///< name of the jump host, empty = direct
};

/// A backup job whose archives the Backups view lists.
struct BackupJob
{
    QString name;
    QString environment;
    QString host;
    QString location; ///< folder on the host
    QString pattern = QStringLiteral("*.tar.gz");
    QString schedule; ///< e.g. "daily 02:00 UTC"
    int rpoMinutes = 1440;
    QString verifyCommand;     ///< run with $ARCHIVE set to the newest archive's path
    QString restoreCommand;    ///< run with $ARCHIVE set to the chosen archive; destructive
    QString workingDirectory;  ///< where verify/restore run; empty = the location
    QString remoteListCommand; ///< optional: lists what object storage holds
};

struct Settings
{
    int probeIntervalMs = 15000;
    int probeInactivityTimeoutMs = 5000;
    int probeDeadlineMs = 10000;
    QString maintenanceAnchor;  ///< ISO date of a maintenance Saturday
    QStringList scratchTargets; ///< restore targets that need no typed confirmation
    QString prometheusUrl;
    QString theme = QStringLiteral("system");
};

/// A loaded, validated workspace. Secrets are referenced by keychain entry name only.
struct Workspace
{
    static constexpr int currentSchemaVersion = 2;

    int schemaVersion = currentSchemaVersion;
    QString name;
    QString filePath;
    QList<Environment> environments;
    QList<Service> services;
    QList<Host> hosts;
    QList<BackupJob> backupJobs;
    QStringList runbookFolders;
    QMap<QString, double> thresholds; ///< e.g. "queue.depth.max" -> 50
    Settings settings;
    QJsonObject layout; ///< dashboard layout, free-form; kept as written

    /// Lookups by name; nullptr when there is none. Pointers die with the workspace.
    const Environment *environment(const QString &name) const;
    const Service *service(const QString &name) const;
    const Host *host(const QString &name) const;
    const BackupJob *backupJob(const QString &name) const;
    QList<Service> servicesIn(const QString &environment) const;
    QList<Host> hostsIn(const QString &environment) const;
    /// Hosts whose groups contain @p group.
    QList<Host> hostsInGroup(const QString &group) const;
    /// True when @p environment names a production environment.
    bool isProduction(const QString &environment) const;
    /// The Prometheus server of @p environment, else settings.prometheus_url; url empty if none.
    PrometheusServer prometheusFor(const QString &environment) const;
};

} // namespace ph
