// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/sshsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QObject>
#include <QPointer>

namespace ph {

class SshSessionPool;

/// How one host of a fan-out ended up.
enum class HostOutcome
{
    Pending,        ///< not started yet
    Running,        ///< connecting or running
    Ok,             ///< exit status 0
    Failed,         ///< non-zero exit status, or the command broke off (see error)
    Unreachable,    ///< no connection could be made (refused, no route, connect timed out)
    AuthFailed,     ///< connected, but the login was refused
    HostKeyRefused, ///< the host key changed, or an unknown key was not accepted
    TimedOut,       ///< the command ran longer than allowed and was stopped
    Cancelled,      ///< stopped by cancel() or never started because of it
};

/// Stable lowercase id: "ok", "failed", "unreachable", "auth_failed", "host_key_refused",
/// "timed_out", "cancelled", "pending", "running".
QString hostOutcomeName(HostOutcome outcome);
/// Translated word for tables, e.g. "host key refused".
QString hostOutcomeText(HostOutcome outcome);
/// The outcome of a finished command, from its result and SshSession's error codes.
HostOutcome outcomeOf(const CommandResult &result);

/// One host to run on.
struct FanOutHost
{
    QString name; ///< as the user knows it: workspace name or what they typed
    SshTarget target;
    SshCredentials credentials;
    QString environment; ///< for the caller's bookkeeping (audit), not used by FanOut
    /// Jump hosts in front of the target, the first connected to first; each hop's host
    /// key follows unknownHostKeyPolicy() like the target's.
    QList<SshHop> jumps;
};

/// What happened on one host. Output is the newest CommandOptions::keepBytes per stream.
struct FanOutHostResult
{
    QString name;
    SshTarget target;
    QString environment;
    HostOutcome outcome = HostOutcome::Pending;
    int exitStatus = -1; ///< -1 when there is none (never ran, killed, broke off)
    QString signal;      ///< e.g. "TERM" when the command died of a signal
    QByteArray stdoutData;
    QByteArray stderrData;
    qint64 stdoutBytes = 0; ///< all bytes received, including those not kept
    qint64 stderrBytes = 0;
    qint64 durationMs = 0; ///< from start on this host (connecting included) to its end
    Error error;           ///< why, for every outcome but Ok and Failed-with-exit-status
    int attempts = 0;      ///< 1 + the times retryFailed() re-ran it

    bool isDone() const
    {
        return outcome != HostOutcome::Pending && outcome != HostOutcome::Running;
    }
};

/**
 * Runs one command on many hosts at once, with at most concurrency() hosts busy at a
 * time (default 32). Each host's output and outcome are kept apart (bounded by
 * CommandOptions::keepBytes per stream); signals report progress per host.
 *
 * Sessions come from an SshSessionPool, so a host that was used a moment ago answers
 * over its open connection, and retryFailed() re-runs only the hosts that did not
 * succeed.
 *
 * Unknown host keys follow unknownHostKeyPolicy(): Refuse (the CLI's default), accept
 * (once, or saved to the console's known_hosts), or Ask — hostKeyUnknown() is emitted
 * and the host waits until answerHostKey() (the GUI shows its dialog). A changed key is
 * always refused by the session itself, before any login.
 */
class FanOut : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultConcurrency = 32;

    enum class UnknownHostKeyPolicy
    {
        Refuse,
        AcceptOnce,
        AcceptAndSave,
        Ask
    };

    /// @p pool must outlive this object.
    explicit FanOut(SshSessionPool *pool, QObject *parent = nullptr);
    ~FanOut() override;

    int concurrency() const { return m_concurrency; }
    void setConcurrency(int hosts) { m_concurrency = std::max(1, hosts); }
    CommandOptions commandOptions() const { return m_options; }
    void setCommandOptions(const CommandOptions &options) { m_options = options; }
    UnknownHostKeyPolicy unknownHostKeyPolicy() const { return m_hostKeyPolicy; }
    void setUnknownHostKeyPolicy(UnknownHostKeyPolicy policy) { m_hostKeyPolicy = policy; }

    /// Starts @p command on @p hosts; ignored while running. finished() follows, also
    /// for an empty list.
    void start(const QString &command, const QList<FanOutHost> &hosts);
    /// Stops running hosts and marks the ones not started as cancelled.
    void cancel();
    /// Re-runs the hosts whose outcome is not Ok; returns how many. Ignored while running.
    int retryFailed();
    /**
     * Re-runs only the hosts @p indexes, e.g. once a missing passphrase was given; their
     * credentials are replaced by @p credentials, and their jump hosts by @p jumps (with
     * the hops' credentials), where these have an entry. Returns how many were started.
     * Ignored while running.
     */
    int retryHosts(const QList<int> &indexes, const QHash<int, SshCredentials> &credentials = {},
                   const QHash<int, QList<SshHop>> &jumps = {});
    /// The answer to hostKeyUnknown() for host @p index.
    void answerHostKey(int index, HostKeyDecision decision);

    bool isRunning() const { return m_running; }
    QString command() const { return m_command; }
    /// One entry per host, in the order given to start().
    QList<FanOutHostResult> results() const;
    FanOutHostResult result(int index) const;
    /// True when every host finished with Ok.
    bool allOk() const;

Q_SIGNALS:
    void hostStarted(int index, const QString &name);
    void stdoutReceived(int index, const QByteArray &data);
    void stderrReceived(int index, const QByteArray &data);
    void hostKeyUnknown(int index, const QString &host, int port, const QString &keyType,
                        const QString &fingerprint);
    /// An unknown host key was accepted or rejected, by policy or by answerHostKey(), for
    /// the audit log. (A changed key never gets here: it ends as HostKeyRefused.)
    void hostKeyDecided(int index, const QString &keyType, const QString &fingerprint,
                        ph::HostKeyDecision decision);
    void hostFinished(int index, const ph::FanOutHostResult &result);
    void finished();

private:
    struct Slot
    {
        FanOutHost host;
        FanOutHostResult result;
        QPointer<SshSession> session;
        QPointer<SshSession> keySession; ///< the hop whose unknown key is being decided
        quint64 job = 0;
        bool awaitingHostKey = false;
        QString offeredKeyType; ///< of the unknown key being decided
        QString offeredFingerprint;
        QElapsedTimer clock;
        QList<QMetaObject::Connection> connections;
    };

    void launchMore();
    void launch(int index);
    void decideHostKey(int index, HostKeyDecision decision);
    void finishHost(int index, const CommandResult &result);
    void detach(Slot &slot);
    void checkAllDone();

    SshSessionPool *m_pool;
    int m_concurrency = kDefaultConcurrency;
    CommandOptions m_options;
    UnknownHostKeyPolicy m_hostKeyPolicy = UnknownHostKeyPolicy::Refuse;
    QString m_command;
    QList<Slot> m_slots;
    QList<int> m_queue; ///< indexes waiting for a free place
    int m_active = 0;
    bool m_running = false;
    bool m_cancelling = false;
};

} // namespace ph

Q_DECLARE_METATYPE(ph::FanOutHostResult)
