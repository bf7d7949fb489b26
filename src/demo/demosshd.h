// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QMap>
#include <QObject>
#include <QString>

class QProcess;

namespace ph {

/**
 * The demo host: a private OpenSSH sshd on 127.0.0.1 that lets the current user in with a
 * key the demo made, so the runbooks' SSH steps run for real without a server.
 *
 * Keys (host and client, ed25519, made with libssh) live in the folder given to start()
 * and are reused across runs, as is the port when it is still free. The server's own
 * config allows only that key, no PAM and no passwords, and sets PATH so the sandbox's
 * stand-ins come before the system's tools. The host key goes into the console's own
 * known_hosts file, so the first connection asks nothing.
 *
 * sshd gets PR_SET_PDEATHSIG and is stopped by PID in stop() and the destructor, with the
 * per-connection processes it forked: nothing of the demo outlives the console.
 */
class DemoSshd : public QObject
{
    Q_OBJECT
public:
    explicit DemoSshd(QObject *parent = nullptr);
    ~DemoSshd() override;

    static QString defaultProgram() { return QStringLiteral("/usr/sbin/sshd"); }
    QString program() const { return m_program; }
    /// For tests: another sshd, or a path that does not exist.
    void setProgram(const QString &path) { m_program = path; }
    /// The file the host key is recorded in; empty = the console's own known_hosts.
    void setKnownHostsFile(const QString &path) { m_knownHostsFile = path; }
    QString knownHostsFile() const;
    /// Variables every session gets (sshd's SetEnv), besides PATH.
    void setEnvironment(const QMap<QString, QString> &variables) { m_environment = variables; }

    /**
     * Starts sshd with keys and config in @p directory and @p sandbox's bin/ first on PATH,
     * and waits (bounded) for its banner. Without sshd installed the error says so and how
     * to install it.
     */
    Result<void> start(const QString &directory, const QString &sandbox);
    /// SIGTERM to the sessions and the server, a bounded wait, then SIGKILL.
    void stop();

    bool isRunning() const;
    qint64 processId() const;
    QString host() const { return QStringLiteral("127.0.0.1"); }
    int port() const { return m_port; }
    /// The local user sshd lets in.
    static QString user();
    /// The private key authorised to log in.
    QString identityFile() const;
    /// "SHA256:…" of the host key.
    QString hostKeyFingerprint() const { return m_fingerprint; }
    QString logFile() const;

Q_SIGNALS:
    /// sshd ended without stop() being called.
    void exitedUnexpectedly(int exitCode);

private:
    Result<void> ensureKeys();
    Result<void> writeConfig(const QString &sandbox);
    Result<void> recordHostKey();
    QString logTail() const;

    QString m_program = defaultProgram();
    QString m_knownHostsFile;
    QMap<QString, QString> m_environment;
    QString m_directory;
    QProcess *m_process = nullptr;
    int m_port = 0;
    QString m_hostKeyType;
    QByteArray m_hostKeyBlob;
    QString m_fingerprint;
};

} // namespace ph
