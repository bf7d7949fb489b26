// SPDX-License-Identifier: GPL-3.0-or-later
// Private to ph_ssh: the object that owns a libssh session on the session's thread.
#pragma once

#include "ssh/knownhosts.h"
#include "ssh/sshsession.h"

#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QWaitCondition>

#include <atomic>
#include <memory>
#include <vector>

class QSocketNotifier;
class QTimer;

struct ssh_session_struct;
struct ssh_channel_struct;
struct ssh_event_struct;

namespace ph {

/// State shared between SshSession (any thread) and its worker.
struct SshShared
{
    QMutex mutex;
    QSet<quint64> cancelled; ///< guarded by mutex
    std::atomic<bool> connected{false};
    std::atomic<bool> shuttingDown{false};
    std::atomic<quint64> nextJob{1};

    bool isCancelled(quint64 job)
    {
        QMutexLocker lock(&mutex);
        return cancelled.contains(job);
    }
};

/// One direct-tcpip forward asked of a session: the local socket end the session's thread
/// pumps into the channel, where the channel goes, and how it went (readable anywhere).
struct ForwardRequest
{
    enum class State
    {
        Pending,
        Open,
        Failed,
        Closed
    };

    quint64 id = 0;
    QString host;
    int port = 0;

    QMutex mutex;
    QWaitCondition changed;
    int fd = -1; ///< guarded by mutex; the worker takes it when the channel opens
    State state = State::Pending;
    Error error;

    /// Records the outcome; a failed request closes its socket so the peer sees EOF.
    void resolve(State to, const Error &why = {});
    /// Takes the socket for pumping; -1 when the request was already given up.
    int takeFd();
    /// Waits until the request is no longer pending or @p abort is set.
    State waitResolved(const std::atomic<bool> &abort);
};

/// Lets any thread post forwards to a session's worker for as long as the session lives.
struct ForwardLink
{
    QMutex mutex;
    SshWorker *worker = nullptr; ///< guarded by mutex; cleared when the session goes away
    QString hopName;             ///< "[host]:port" of the session, for messages
    std::vector<std::weak_ptr<ForwardRequest>> posted; ///< guarded by mutex

    /// False when the session is gone (the request is then failed).
    bool post(const std::shared_ptr<ForwardRequest> &request);
    /// Fails what the worker never saw; called once the worker has stopped.
    void failUnhandled(const Error &error);
};

class SshWorker : public QObject
{
    Q_OBJECT
public:
    SshWorker(const SshTarget &target, const SshSessionOptions &options,
              std::shared_ptr<SshShared> shared);
    ~SshWorker() override;

    // Called on the worker's thread only (queued from SshSession).
    void setCredentials(const SshCredentials &credentials) { m_credentials = credentials; }
    void connectToHost();
    void hostKeyDecided(HostKeyDecision decision);
    void enqueue(quint64 job, const QString &command, const CommandOptions &options);
    void dropQueued(quint64 job);
    void disconnectFromHost();
    void setJump(std::shared_ptr<ForwardLink> jump) { m_jump = std::move(jump); }
    void addForward(const std::shared_ptr<ForwardRequest> &request);

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
    enum class State
    {
        Disconnected,
        AwaitingHostKey,
        Connected
    };
    struct Job
    {
        quint64 id;
        QString command;
        CommandOptions options;
    };
    struct Forward
    {
        quint64 id = 0;
        ssh_channel_struct *channel = nullptr;
        int fd = -1;
        QByteArray toLocal; ///< came from the channel, not yet written to fd
        bool localEof = false;
        bool remoteEof = false;
        bool shutWrite = false;
        QSocketNotifier *readable = nullptr;
        QSocketNotifier *writable = nullptr;
    };

    Result<void> openAndCheckHostKey();
    Result<void> authenticate();
    void connectionDone(const Result<void> &result);
    void processQueue();
    CommandResult execute(const Job &job);
    void failQueued(const Error &error);
    void closeSession();
    QString knownHostsFile() const;
    Result<int> socketThroughJump();
    void openForward(const std::shared_ptr<ForwardRequest> &request);
    void failForwards(const Error &error);
    /// Moves data between every forward's socket and its channel without blocking.
    void pumpForwards();
    /// Returns false when the forward is finished and was removed.
    bool pumpOne(Forward &forward);
    void closeForward(Forward &forward);
    void sessionReadable();
    void updatePumpWatch();

    SshTarget m_target;
    SshSessionOptions m_options;
    SshCredentials m_credentials;
    std::shared_ptr<SshShared> m_shared;
    ssh_session_struct *m_session = nullptr;
    State m_state = State::Disconnected;
    HostKey m_serverKey;
    HostKey m_acceptedOnce; ///< trusted for this session by the user's "once"
    QQueue<Job> m_queue;
    bool m_processing = false;

    std::shared_ptr<ForwardLink> m_jump; ///< the session this one runs through, if any
    QList<std::shared_ptr<ForwardRequest>> m_pendingForwards; ///< waiting for login
    std::vector<std::unique_ptr<Forward>> m_forwards;
    ssh_event_struct *m_event = nullptr;
    QSocketNotifier *m_sessionNotifier = nullptr;
    QTimer *m_pumpTimer = nullptr;
    bool m_pumping = false;
    std::vector<char> m_pumpBuffer;
};

} // namespace ph
