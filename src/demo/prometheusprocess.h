// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QProcess;
class QTemporaryDir;

namespace ph {

/// One scrape job of a private Prometheus: a job name and its `host:port` targets.
struct PrometheusScrapeJob
{
    QString job;         ///< becomes the `job` label of every scraped series
    QStringList targets; ///< e.g. "127.0.0.1:5000"
    QString metricsPath = QStringLiteral("/metrics");
};

/**
 * Runs a private Prometheus server (Debian's `/usr/bin/prometheus`) as a child process for
 * the demo and for tests: a generated configuration that scrapes Prometheus itself plus
 * the given jobs, a TSDB in a temporary directory, and a free port on 127.0.0.1. start()
 * returns once `/-/ready` answers 200 (bounded); stop() ends it by PID — SIGTERM, a
 * bounded wait, then SIGKILL — as does the destructor. The child gets PR_SET_PDEATHSIG,
 * so it dies with the thread that started it; start it from a long-lived thread.
 */
class PrometheusProcess : public QObject
{
    Q_OBJECT

public:
    explicit PrometheusProcess(QObject *parent = nullptr);
    ~PrometheusProcess() override;

    /// $PILOTHOUSE_PROMETHEUS if set, else /usr/bin/prometheus.
    static QString defaultExecutable();
    /// The command that installs Prometheus on Debian, for messages.
    static QString installHint();

    QString executable() const { return m_executable; }
    void setExecutable(const QString &path) { m_executable = path; }
    /// True when executable() exists and can be run.
    bool isInstalled() const;

    int scrapeIntervalMs() const { return m_scrapeIntervalMs; }
    /// How often every job is scraped (and rules evaluated); at least 100 ms.
    void setScrapeIntervalMs(int milliseconds) { m_scrapeIntervalMs = qMax(100, milliseconds); }
    QList<PrometheusScrapeJob> jobs() const { return m_jobs; }
    /// Jobs to scrape besides Prometheus itself (job "prometheus"); used by the next start().
    void setJobs(const QList<PrometheusScrapeJob> &jobs) { m_jobs = jobs; }
    int startTimeoutMs() const { return m_startTimeoutMs; }
    void setStartTimeoutMs(int milliseconds) { m_startTimeoutMs = milliseconds; }

    /// Writes the configuration, starts Prometheus and waits until it is ready.
    Result<void> start();
    /// SIGTERM, a bounded wait, then SIGKILL; removes the data directory. Safe when stopped.
    void stop();

    bool isRunning() const;
    qint64 processId() const;
    int port() const { return m_port; }
    /// http://127.0.0.1:<port> while running; invalid otherwise.
    QUrl baseUrl() const;
    /// The generated prometheus.yml (for tests and the log).
    QString configText() const { return m_config; }
    /// The last lines Prometheus wrote to stderr (its log), for error messages.
    QByteArray errorOutput() const { return m_stderrTail; }

Q_SIGNALS:
    /// Prometheus ended without stop() being called.
    void exitedUnexpectedly(int exitCode);

private:
    enum class Attempt
    {
        Ready,
        PortTaken,
        Failed,
    };
    Attempt startOnce(Error *error);
    QString buildConfig(int port) const;
    void readStandardError();
    void terminate();

    QString m_executable;
    int m_scrapeIntervalMs = 5000;
    int m_startTimeoutMs = 30000;
    QList<PrometheusScrapeJob> m_jobs;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    int m_port = 0;
    QString m_config;
    QByteArray m_stderrTail;
};

} // namespace ph
