// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/hostcommands.h"

#include "console/hostcredentials.h"
#include "ssh/sshsessionpool.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

CommandResult failedResult(const QString &code, const QString &message)
{
    CommandResult r;
    r.failed = true;
    r.error = Error{code, message, {}};
    return r;
}

} // namespace

HostCommands::HostCommands(SecretStore *secrets, SshSessionPool *pool, QObject *parent)
    : QObject(parent)
    , m_credentials(new HostCredentials(secrets, this))
    , m_pool(pool)
{
}

void HostCommands::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    m_credentials->setWorkspaceName(workspace.name);
}

const Host *HostCommands::host(const QString &name) const
{
    for (const Host &h : m_workspace.hosts) {
        if (h.name == name)
            return &h;
    }
    return nullptr;
}

SshCredentials HostCommands::credentialsFor(const Host &host)
{
    return SshCredentials::fromHost(host);
}

quint64 HostCommands::run(const QString &hostName, const QString &command,
                          const CommandOptions &options)
{
    const quint64 id = ++m_next;
    m_jobs.insert(id, Job{{}, 0, hostName, false});
    const Host *h = host(hostName);
    if (!h) {
        const CommandResult r = failedResult(
            u"ssh.unknown_host"_s,
            tr("The workspace has no host named %1; add it under \"hosts\".").arg(hostName));
        // Queued, so the caller can always connect before the answer arrives.
        QMetaObject::invokeMethod(
            this, [this, id, r] { finish(id, r); }, Qt::QueuedConnection);
        return id;
    }
    const Host hostCopy = *h;
    const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, hostName);
    if (!chain) {
        const CommandResult r = failedResult(chain.error().code, chain.error().message);
        QMetaObject::invokeMethod(
            this, [this, id, r] { finish(id, r); }, Qt::QueuedConnection);
        return id;
    }
    const QList<Host> jumps = *chain;
    m_credentials->resolveAll(
        jumps + QList<Host>{hostCopy}, this, [=, this](Result<QList<SshCredentials>> credentials) {
            if (!credentials) {
                finish(id, failedResult(credentials.error().code, credentials.error().message));
                return;
            }
            start(id, hostCopy, jumps, *credentials, command, options);
        });
    return id;
}

void HostCommands::start(quint64 id, const Host &host, const QList<Host> &jumps,
                         const QList<SshCredentials> &credentials, const QString &command,
                         const CommandOptions &options)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    if (it->cancelled) {
        CommandResult r;
        r.cancelled = true;
        finish(id, r);
        return;
    }
    QList<SshHop> hops;
    for (qsizetype i = 0; i < jumps.size(); ++i)
        hops.append(SshHop{SshTarget::fromHost(jumps.at(i)), credentials.at(i)});
    SshSession *session = m_pool->acquire(SshTarget::fromHost(host), credentials.constLast(), hops);
    watch(session, host.name);
    // A jump host's unknown key is asked on its own session, under its own name.
    const QList<SshSession *> jumpSessions = m_pool->jumpSessions(session);
    for (qsizetype i = 0; i < jumpSessions.size() && i < jumps.size(); ++i)
        watch(jumpSessions.at(i), jumps.at(i).name);
    it->session = session;
    it->sessionJob = session->run(command, options);
}

void HostCommands::watch(SshSession *session, const QString &hostName)
{
    if (m_watched.contains(session))
        return;
    m_watched.insert(session, hostName);
    connect(session, &QObject::destroyed, this, [this, session] { m_watched.remove(session); });
    connect(session, &SshSession::stdoutReceived, this,
            [this, session](quint64 job, const QByteArray &data) {
                if (const quint64 id = idOf(session, job))
                    Q_EMIT outputReceived(id, data, false);
            });
    connect(session, &SshSession::stderrReceived, this,
            [this, session](quint64 job, const QByteArray &data) {
                if (const quint64 id = idOf(session, job))
                    Q_EMIT outputReceived(id, data, true);
            });
    connect(session, &SshSession::finished, this,
            [this, session](quint64 job, const CommandResult &result) {
                if (const quint64 id = idOf(session, job))
                    finish(id, result);
            });
    connect(session, &SshSession::hostKeyUnknown, this,
            [this, hostName](const QString &address, int port, const QString &keyType,
                             const QString &fingerprint) {
                Q_EMIT hostKeyUnknown(hostName, address, port, keyType, fingerprint);
            });
}

quint64 HostCommands::idOf(SshSession *session, quint64 sessionJob) const
{
    for (auto it = m_jobs.cbegin(); it != m_jobs.cend(); ++it) {
        if (it->session == session && it->sessionJob == sessionJob)
            return it.key();
    }
    return 0;
}

void HostCommands::cancel(quint64 id)
{
    auto it = m_jobs.find(id);
    if (it == m_jobs.end())
        return;
    it->cancelled = true;
    if (it->session && it->sessionJob)
        it->session->cancel(it->sessionJob);
}

void HostCommands::acceptHostKey(const QString &hostName, HostKeyDecision decision)
{
    for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it) {
        if (it.value() == hostName)
            it.key()->acceptHostKey(decision);
    }
}

void HostCommands::finish(quint64 id, const CommandResult &result)
{
    const Job job = m_jobs.take(id);
    if (job.session)
        m_pool->release(job.session);
    Q_EMIT finished(id, result);
}

} // namespace ph
