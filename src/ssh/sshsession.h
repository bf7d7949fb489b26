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
struct ForwardLink;
struct Host;
struct SshShared;
struct Workspace;

/// Where to connect and as whom.
struct SshTarget
{
    QString host; ///< address or name to connect to; also the known_hosts name
    int port = 22;
    QString user;
    /// Workspace name of the jump host this target is reached through; empty = direct.
    /// Informational: the connection goes through whatever SshSession::setJumpSession() set.
    QString jump;

    /// The target of a workspace host (its address, port, user and jump host name).
    static SshTarget fromHost(const Host &host);
    /**
     * The jump hosts in front of workspace host @p hostName, the first one connected to
     * first and the last one right in front of the host; empty for a direct host. Fails
     * with a message naming the host when a jump host is unknown or the chain loops.
     */
    static Result<QList<Host>> jumpChain(const Workspace &workspace, const QString &hostName);
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

    /**
     * The login methods a workspace host's entry asks for ("key": its identity file, then
     * the agent; "password"; otherwise the agent). Secrets are not filled in: the caller
     * reads them from the keychain (see HostCredentials in the console).
     */
    static SshCredentials fromHost(const Host &host);
};

/// A jump host in front of a target: where it is and how to log in to it.
struct SshHop
{
    SshTarget target;
    SshCredentials credentials;
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
 *
 * Jump hosts: setJumpSession() makes the connection run through a direct-tcpip channel of
 * another session (its thread pumps a socket pair that this session's libssh uses as its
 * socket). A chain A → B → target is B.setJumpSession(A), target.setJumpSession(B). Each
 * hop checks its own host key (an unknown jump key is asked on the jump session's
 * hostKeyUnknown()), and a failing hop is named in the target's error.
 *
 * Forwards: openForward() connects a local socket to a host:port as seen from this host;
 * SshTunnel builds a local listener on it.
 */
class SshSession : public QObject
{
    Q_OBJECT
public:
    explicit SshSession(const SshTarget &target, const SshSessionOptions &options = {},
                        QObject *parent = nullptr);
    ~SshSession() override;

    SshTarget target() const { return m_target; }
    /// "[host]:port" or "host", as in known_hosts and in messages.
    QString hopName() const;
    /**
     * Connect through @p jump from the next connection attempt on (nullptr = directly).
     * @p jump connects on demand; it need not outlive this session, but when it goes,
     * this session's connection breaks.
     */
    void setJumpSession(SshSession *jump);
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

    /**
     * Connects the local stream socket @p socketDescriptor (ownership passes to the
     * session, which closes it) to @p remoteHost:@p remotePort through a direct-tcpip
     * channel, connecting first if needed. Returns an id for forwardOpened(),
     * forwardFailed() (the socket is then closed) and forwardClosed().
     */
    quint64 openForward(qintptr socketDescriptor, const QString &remoteHost, int remotePort);

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
    void forwardOpened(quint64 id);
    void forwardFailed(quint64 id, const ph::Error &error);
    void forwardClosed(quint64 id);

private:
    SshTarget m_target;
    std::shared_ptr<ForwardLink> m_link;
    QThread *m_thread = nullptr;
    SshWorker *m_worker = nullptr;
    std::shared_ptr<SshShared> m_shared;
};

} // namespace ph

Q_DECLARE_METATYPE(ph::CommandResult)
