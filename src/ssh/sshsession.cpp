// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshsession.h"

#include "ssh/sshworker.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QThread>

using namespace Qt::StringLiterals;

namespace ph {

SshTarget SshTarget::fromHost(const Host &host)
{
    return SshTarget{host.address.isEmpty() ? host.name : host.address, host.port, host.user,
                     host.jump};
}

SshCredentials SshCredentials::fromHost(const Host &host)
{
    SshCredentials c;
    if (host.auth == u"key"_s) {
        c.methods = {Method::KeyFile, Method::Agent};
        c.keyFile = host.identityFile;
    } else if (host.auth == u"password"_s) {
        c.methods = {Method::Password};
    } else {
        c.methods = {Method::Agent};
    }
    return c;
}

Result<QList<Host>> SshTarget::jumpChain(const Workspace &workspace, const QString &hostName)
{
    // Longer chains than this are almost certainly a mistake, and each hop adds latency.
    constexpr int maxHops = 4;
    const Host *host = workspace.host(hostName);
    if (!host) {
        return fail(u"ssh.jump"_s,
                    QCoreApplication::translate("SshSession", "The workspace has no host %1.")
                        .arg(hostName));
    }
    QList<Host> chain;
    QStringList seen{host->name};
    QString next = host->jump;
    while (!next.isEmpty()) {
        const Host *jump = workspace.host(next);
        if (!jump) {
            return fail(u"ssh.jump"_s,
                        QCoreApplication::translate(
                            "SshSession", "Host %1 is reached through the jump host %2, which "
                                          "the workspace does not define.")
                            .arg(seen.constLast(), next));
        }
        if (seen.contains(jump->name) || chain.size() >= maxHops) {
            seen.append(jump->name);
            return fail(u"ssh.jump"_s, QCoreApplication::translate(
                                           "SshSession", "The jump hosts of %1 form a loop or a "
                                                         "chain longer than %2 hops: %3.")
                                           .arg(hostName)
                                           .arg(maxHops)
                                           .arg(seen.join(u" \u2192 "_s)));
        }
        seen.append(jump->name);
        chain.prepend(*jump);
        next = jump->jump;
    }
    return chain;
}

SshSession::SshSession(const SshTarget &target, const SshSessionOptions &options, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_link(std::make_shared<ForwardLink>())
    , m_shared(std::make_shared<SshShared>())
{
    qRegisterMetaType<ph::CommandResult>();
    qRegisterMetaType<ph::Error>();

    m_thread = new QThread(this);
    m_thread->setObjectName(u"ssh:"_s + target.host);
    m_worker = new SshWorker(target, options, m_shared);
    m_worker->moveToThread(m_thread);
    m_link->worker = m_worker;
    m_link->hopName = KnownHosts::hostName(target.host, target.port);
    connect(m_worker, &SshWorker::hostKeyUnknown, this, &SshSession::hostKeyUnknown);
    connect(m_worker, &SshWorker::connected, this, &SshSession::connected);
    connect(m_worker, &SshWorker::connectionFailed, this, &SshSession::connectionFailed);
    connect(m_worker, &SshWorker::disconnected, this, &SshSession::disconnected);
    connect(m_worker, &SshWorker::stdoutReceived, this, &SshSession::stdoutReceived);
    connect(m_worker, &SshWorker::stderrReceived, this, &SshSession::stderrReceived);
    connect(m_worker, &SshWorker::finished, this, &SshSession::finished);
    connect(m_worker, &SshWorker::forwardOpened, this, &SshSession::forwardOpened);
    connect(m_worker, &SshWorker::forwardFailed, this, &SshSession::forwardFailed);
    connect(m_worker, &SshWorker::forwardClosed, this, &SshSession::forwardClosed);
    m_thread->start();
}

SshSession::~SshSession()
{
    // Stops a running command at its next check, then lets the worker hang up cleanly.
    m_shared->shuttingDown = true;
    {
        // Sessions jumping through this one get no new forwards from now on.
        QMutexLocker lock(&m_link->mutex);
        m_link->worker = nullptr;
    }
    // Blocking, so the worker's timers and notifiers are stopped on their own thread
    // before it quits; a running command or connect ends at its next check.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->disconnectFromHost(); },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
    // Forwards posted but never seen by the worker must not leave anyone waiting.
    m_link->failUnhandled(Error{
        u"ssh.disconnected"_s, tr("The SSH session to %1 was closed.").arg(m_link->hopName), {}});
}

QString SshSession::hopName() const
{
    return m_link->hopName;
}

void SshSession::setJumpSession(SshSession *jump)
{
    std::shared_ptr<ForwardLink> link = jump ? jump->m_link : nullptr;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, link] { worker->setJump(link); });
}

quint64 SshSession::openForward(qintptr socketDescriptor, const QString &remoteHost, int remotePort)
{
    auto request = std::make_shared<ForwardRequest>();
    request->id = m_shared->nextJob++;
    request->host = remoteHost;
    request->port = remotePort;
    request->fd = int(socketDescriptor);
    const quint64 id = request->id;
    if (!m_link->post(request)) {
        const Error error{u"ssh.disconnected"_s,
                          tr("The SSH session to %1 was closed.").arg(m_link->hopName),
                          {}};
        request->resolve(ForwardRequest::State::Failed, error);
        QMetaObject::invokeMethod(
            this, [this, id, error] { Q_EMIT forwardFailed(id, error); }, Qt::QueuedConnection);
    }
    return id;
}

void SshSession::setCredentials(const SshCredentials &credentials)
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, credentials] { worker->setCredentials(credentials); });
}

void SshSession::connectToHost()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->connectToHost(); });
}

void SshSession::acceptHostKey(HostKeyDecision decision)
{
    QMetaObject::invokeMethod(m_worker,
                              [worker = m_worker, decision] { worker->hostKeyDecided(decision); });
}

quint64 SshSession::run(const QString &command, const CommandOptions &options)
{
    const quint64 job = m_shared->nextJob++;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job, command, options] {
        worker->enqueue(job, command, options);
    });
    return job;
}

void SshSession::cancel(quint64 job)
{
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->cancelled.insert(job);
    }
    // A running job sees the flag; a queued one is dropped once the worker is free.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, job] { worker->dropQueued(job); });
}

void SshSession::disconnectFromHost()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->disconnectFromHost(); });
}

bool SshSession::isConnected() const
{
    return m_shared->connected;
}

QString SshSession::remoteCommand(const QString &command, const CommandOptions &options)
{
    if (!options.sudo)
        return command;
    // The whole line runs under sudo, pipes included; -n makes sudo fail instead of
    // waiting for a password nobody will type.
    QString quoted = command;
    quoted.replace(u'\'', u"'\\''"_s);
    return u"sudo -n sh -c '"_s + quoted + u'\'';
}

bool SshSession::isSudoPasswordPrompt(const QByteArray &stderrText)
{
    return stderrText.contains("sudo: a password is required") ||
           stderrText.contains("sudo: a terminal is required") ||
           stderrText.contains("sudo: no tty present");
}

} // namespace ph
