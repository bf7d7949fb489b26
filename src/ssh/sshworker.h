// SPDX-License-Identifier: GPL-3.0-or-later
// Private to ph_ssh: the object that owns a libssh session on the session's thread.
#pragma once

#include "ssh/knownhosts.h"
#include "ssh/sshsession.h"

#include <QMutex>
#include <QObject>
#include <QQueue>
#include <QSet>

#include <atomic>

struct ssh_session_struct;

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

    Result<void> openAndCheckHostKey();
    Result<void> authenticate();
    void connectionDone(const Result<void> &result);
    void processQueue();
    CommandResult execute(const Job &job);
    void failQueued(const Error &error);
    void closeSession();
    QString knownHostsFile() const;

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
};

} // namespace ph
