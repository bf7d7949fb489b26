// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace ph {

class SshWorker;
struct Host;
struct SshShared;

/// Where to connect and as whom.
struct SshTarget
{
    QString host; ///< address or name to connect to; also the known_hosts name
    int port = 22;
    QString user;

    /// The target of a workspace host (its address, port and user).
    static SshTarget fromHost(const Host &host);
};

/// How to authenticate. Secrets come from the caller (who reads them from the keychain)
/// and are kept only in memory for the session's lifetime; they are never logged.
struct SshCredentials
{
    enum class Method
    {
        Agent,
        KeyFile,
        Password
    };
    QList<Method> methods{Method::Agent}; ///< tried in this order
    QString agentSocket;                  ///< empty = $SSH_AUTH_SOCK at connect time
    QString keyFile;
    QString passphrase; ///< for an encrypted key file
    QString password;
};

/// Session-wide settings.
struct SshSessionOptions
{
    int connectTimeoutMs = 15000;
    /// The console's own known_hosts file, the only one Pilothouse writes to.
    /// Empty = ph::paths::dataDir() + "/known_hosts".
    QString knownHostsFile;
    /// Files also read (never written). Empty = ~/.ssh/known_hosts and the system file.
    QStringList readOnlyKnownHostsFiles;
};

/// How to run one command.
struct CommandOptions
{
    int timeoutMs = 0; ///< 0 = no limit
    /// Runs the command on a pseudo-terminal so cancelling really ends it (Ctrl-C, then
    /// hang-up). Output then arrives on stdout only.
    bool pty = false;
    bool sudo = false;                 ///< run through `sudo -n`: never waits for a password
    qsizetype keepBytes = 1024 * 1024; ///< newest output bytes kept per stream
};

/// The outcome of one command.
struct CommandResult
{
    int exitStatus = -1; ///< -1 when the command was killed by a signal or never ran
    QString signal;      ///< e.g. "INT", when killed by a signal
    bool timedOut = false;
    bool cancelled = false;
    bool failed = false; ///< true when @ref error says why it could not run or finish
    Error error;
    qint64 stdoutBytes = 0; ///< all bytes received, including those not kept
    qint64 stderrBytes = 0;
    QByteArray stdoutTail; ///< newest CommandOptions::keepBytes of stdout
    QByteArray stderrTail;

    bool isSuccess() const { return !failed && !timedOut && !cancelled && exitStatus == 0; }
};

/// The user's answer to an unknown host key.
enum class HostKeyDecision
{
    AcceptOnce,    ///< trust it for this session only
    AcceptAndSave, ///< trust it and save it to the console's known_hosts file
    Reject
};

/**
 * One SSH connection to one host, driven from any thread without blocking it.
 *
 * The libssh session lives on its own thread with a worker object; calls here are queued
 * to it and results come back by signals. Commands run one after another over the same
 * connection (no new handshake per command). Host keys are checked before any
 * authentication: an unknown key pauses the session at hostKeyUnknown() until
 * acceptHostKey(); a changed key fails with "ssh.hostkey_changed".
 */
class SshSession : public QObject
{
    Q_OBJECT
public:
    explicit SshSession(const SshTarget &target, const SshSessionOptions &options = {},
                        QObject *parent = nullptr);
    ~SshSession() override;

    SshTarget target() const { return m_target; }
    /// Used by the next connection attempt.
    void setCredentials(const SshCredentials &credentials);
    /// Connects, checks the host key and authenticates; run() does this on demand.
    void connectToHost();
    void acceptHostKey(HostKeyDecision decision);
    /// Queues @p command; returns its job id for the signals below and cancel().
    quint64 run(const QString &command, const CommandOptions &options = {});
    /// Stops a queued or running job; it finishes with CommandResult::cancelled set.
    void cancel(quint64 job);
    void disconnectFromHost();
    bool isConnected() const;

    /// The command line run() sends for @p command under @p options (sudo wrapping).
    static QString remoteCommand(const QString &command, const CommandOptions &options);
    /// True when @p stderrText is sudo saying it needed a password it may not ask for.
    static bool isSudoPasswordPrompt(const QByteArray &stderrText);

Q_SIGNALS:
    void hostKeyUnknown(const QString &host, int port, const QString &keyType,
                        const QString &fingerprint);
    void connected();
    void connectionFailed(const ph::Error &error);
    void disconnected();
    void stdoutReceived(quint64 job, const QByteArray &data);
    void stderrReceived(quint64 job, const QByteArray &data);
    void finished(quint64 job, const ph::CommandResult &result);

private:
    SshTarget m_target;
    QThread *m_thread = nullptr;
    SshWorker *m_worker = nullptr;
    std::shared_ptr<SshShared> m_shared;
};

} // namespace ph

Q_DECLARE_METATYPE(ph::CommandResult)
