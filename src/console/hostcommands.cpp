// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/hostcommands.h"

#include "secrets/secretstore.h"
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
    , m_secrets(secrets)
    , m_pool(pool)
{
}

void HostCommands::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
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
    SshCredentials c;
    if (host.auth == u"key"_s) {
        c.methods = {SshCredentials::Method::KeyFile, SshCredentials::Method::Agent};
        c.keyFile = host.identityFile;
    } else if (host.auth == u"password"_s) {
        c.methods = {SshCredentials::Method::Password};
    } else {
        c.methods = {SshCredentials::Method::Agent};
    }
    return c;
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
    SshCredentials credentials = credentialsFor(hostCopy);
    if (hostCopy.secretRef.isEmpty() || hostCopy.auth == u"agent"_s || !m_secrets) {
        QMetaObject::invokeMethod(
            this, [=, this] { start(id, hostCopy, credentials, command, options); },
            Qt::QueuedConnection);
        return id;
    }
    m_secrets->read(SecretStore::entryName(m_workspace.name, hostCopy.secretRef), this,
                    [=, this](Result<QString> secret) mutable {
                        if (!secret && secret.error().code != u"keychain.not_found"_s) {
                            finish(id, failedResult(secret.error().code,
                                                    tr("The secret of %1 could not be read from "
                                                       "the keychain: %2")
                                                        .arg(hostName, secret.error().message)));
                            return;
                        }
                        const QString value = secret ? *secret : QString();
                        if (hostCopy.auth == u"key"_s)
                            credentials.passphrase = value;
                        else
                            credentials.password = value;
                        start(id, hostCopy, credentials, command, options);
                    });
    return id;
}

void HostCommands::start(quint64 id, const Host &host, const SshCredentials &credentials,
                         const QString &command, const CommandOptions &options)
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
    SshSession *session = m_pool->acquire(SshTarget::fromHost(host), credentials);
    watch(session, host.name);
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
