// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
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

    /// Writes the configuration, starts Prometheus and waits until it is ready (bounded,
    /// with a nested event loop); a port lost to another program is tried once more.
    Result<void> start();
    /**
     * Starts Prometheus without waiting: fails at once only for what needs no waiting
     * (not installed, bad jobs, no temp dir). The port and baseUrl() are known on return;
     * started() or startFailed() follow. A lost port race is a startFailed() here, since
     * the URL has already been handed out.
     */
    Result<void> startInBackground();
    /// SIGTERM, a bounded wait, then SIGKILL; removes the data directory. Safe when stopped.
    void stop();

    bool isRunning() const;
    /// Running and answering `/-/ready`.
    bool isReady() const { return m_ready && isRunning(); }
    qint64 processId() const;
    int port() const { return m_port; }
    /// http://127.0.0.1:<port> while running; invalid otherwise.
    QUrl baseUrl() const;
    /// The generated prometheus.yml (for tests and the log).
    QString configText() const { return m_config; }
    /// The last lines Prometheus wrote to stderr (its log), for error messages.
    QByteArray errorOutput() const { return m_stderrTail; }

Q_SIGNALS:
    /// After startInBackground(): Prometheus answers `/-/ready`.
    void started();
    /// After startInBackground(): Prometheus exited or was not ready in time, and why.
    void startFailed(const ph::Error &error);
    /// Prometheus ended without stop() being called.
    void exitedUnexpectedly(int exitCode);

private:
    Result<void> prepare();
    Result<void> launch();
    bool waitUntilReady();
    void pollReady();
    void becomeReady();
    /// Why the last launch did not become ready; stops the process.
    Error failure(bool timedOut = false);
    QString buildConfig(int port) const;
    void readStandardError();
    void terminate();

    QString m_executable;
    int m_scrapeIntervalMs = 5000;
    int m_startTimeoutMs = 30000;
    QList<PrometheusScrapeJob> m_jobs;
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess *m_process = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QElapsedTimer m_readyClock;
    bool m_ready = false;
    int m_port = 0;
    QString m_config;
    QByteArray m_stderrTail;
};

} // namespace ph
