// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QProcess;

namespace ph {

/// A fault for the simulator's control endpoint; "*" matches every service or path.
struct SimulatorFault
{
    QString service = QStringLiteral("*");
    QString path = QStringLiteral("*");
    QString mode;       ///< status, hang, delay, malformed, oversized or nokey
    int status = 503;   ///< for mode "status"
    int delayMs = 1000; ///< for mode "delay"
};

/**
 * Runs `pilothouse-sim` as a child process for the demo and for tests: starts it, waits
 * (bounded) for the line that maps services to ports, and stops it again — by SIGTERM,
 * then SIGKILL, and in the destructor. The child gets PR_SET_PDEATHSIG, so it dies with
 * the thread that started it even when this process is killed with SIGKILL; start it
 * from a thread that lives as long as the simulator should (normally the main thread).
 *
 * The control helpers (injectFault(), clearFaults(), setHealth(), state()) wait for the
 * answer with a nested event loop and a deadline: meant for tests and the demo launcher.
 */
class SimulatorProcess : public QObject
{
    Q_OBJECT

public:
    explicit SimulatorProcess(QObject *parent = nullptr);
    ~SimulatorProcess() override;

    /// $PILOTHOUSE_SIM if set, else pilothouse-sim next to the running executable.
    static QString defaultExecutable();

    QString executable() const { return m_executable; }
    void setExecutable(const QString &path) { m_executable = path; }
    int startTimeout() const { return m_startTimeoutMs; }
    void setStartTimeout(int milliseconds) { m_startTimeoutMs = milliseconds; }

    /// Starts the simulator with @p arguments and waits for its port map.
    Result<void> start(const QStringList &arguments = {});
    /// SIGTERM, a bounded wait, then SIGKILL. Safe to call when not running.
    void stop();

    bool isRunning() const;
    qint64 processId() const;

    QMap<QString, int> ports() const { return m_ports; }
    /// The port of @p service, or 0 when the simulator does not serve it.
    int port(const QString &service) const { return m_ports.value(service); }
    /// http://127.0.0.1:<port>, or an invalid QUrl for an unknown service.
    QUrl baseUrl(const QString &service) const;
    int controlPort() const { return port(QStringLiteral("_control")); }

    Result<void> injectFault(const SimulatorFault &fault);
    Result<void> clearFaults();
    /// Sets a service's health body: "ok", "degraded" or "down".
    Result<void> setHealth(const QString &service, const QString &status);
    /// Request counters per service and path, health, fault count, seed.
    Result<QJsonObject> state();

    /// The last lines the simulator wrote to stderr (for error messages and test logs).
    QByteArray errorOutput() const { return m_stderrTail; }

Q_SIGNALS:
    /// The simulator ended without stop() being called.
    void exitedUnexpectedly(int exitCode);

private:
    Result<QByteArray> control(const QByteArray &verb, const QString &path,
                               const QByteArray &body = {});
    void readStandardError();

    QString m_executable;
    int m_startTimeoutMs = 10000;
    QProcess *m_process = nullptr;
    QNetworkAccessManager *m_network = nullptr;
    QMap<QString, int> m_ports;
    QByteArray m_stdoutBuffer;
    QByteArray m_stderrTail;
};

} // namespace ph
