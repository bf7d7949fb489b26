// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ssh/sshsession.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace ph {

class HostCredentials;
class SecretStore;
class SshSessionPool;

/**
 * Runs commands on the workspace's hosts by name, for the views that need a host's facts
 * (backup listings, verification) without dealing with SSH themselves: it builds the
 * credentials from the host's entry (agent, key file, password; passphrase or password
 * read from the keychain without blocking), takes the host's session from the pool so
 * consecutive commands share one connection, and reports output and the result by job id.
 *
 * A host with a "jump" is reached through its jump hosts (their pooled sessions, each
 * logged in with its own entry's credentials). An unknown host key, of the host or of a
 * jump host, pauses the job at hostKeyUnknown() naming that host; answer with
 * acceptHostKey().
 */
class HostCommands : public QObject
{
    Q_OBJECT
public:
    /// @p secrets and @p pool are not owned and must outlive this object.
    HostCommands(SecretStore *secrets, SshSessionPool *pool, QObject *parent = nullptr);

    void setWorkspace(const Workspace &workspace);
    /// Where every login's credentials come from; shared with the probes' tunnels.
    HostCredentials *credentials() const { return m_credentials; }
    const Host *host(const QString &name) const;

    /// Starts @p command on host @p hostName; finished() follows exactly once for the id.
    quint64 run(const QString &hostName, const QString &command,
                const CommandOptions &options = {});
    void cancel(quint64 id);
    void acceptHostKey(const QString &hostName, HostKeyDecision decision);

    /// The credentials a workspace host's entry asks for (secrets not yet filled in).
    static SshCredentials credentialsFor(const Host &host);

Q_SIGNALS:
    void outputReceived(quint64 id, const QByteArray &data, bool isStderr);
    void finished(quint64 id, const ph::CommandResult &result);
    void hostKeyUnknown(const QString &hostName, const QString &address, int port,
                        const QString &keyType, const QString &fingerprint);

private:
    struct Job
    {
        QPointer<SshSession> session;
        quint64 sessionJob = 0;
        QString hostName;
        bool cancelled = false;
    };
    void start(quint64 id, const Host &host, const QList<Host> &jumps,
               const QList<SshCredentials> &credentials, const QString &command,
               const CommandOptions &options);
    void watch(SshSession *session, const QString &hostName);
    void finish(quint64 id, const CommandResult &result);
    quint64 idOf(SshSession *session, quint64 sessionJob) const;

    HostCredentials *m_credentials;
    SshSessionPool *m_pool;
    Workspace m_workspace;
    QHash<quint64, Job> m_jobs;
    QHash<SshSession *, QString> m_watched;
    quint64 m_next = 0;
};

} // namespace ph
