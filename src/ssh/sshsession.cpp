// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshsession.h"

#include "ssh/sshworker.h"
#include "workspace/workspace.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace ph {

SshTarget SshTarget::fromHost(const Host &host)
{
    return SshTarget{host.address.isEmpty() ? host.name : host.address, host.port, host.user};
}

SshSession::SshSession(const SshTarget &target, const SshSessionOptions &options, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_shared(std::make_shared<SshShared>())
{
    qRegisterMetaType<ph::CommandResult>();
    qRegisterMetaType<ph::Error>();

    m_thread = new QThread(this);
    m_thread->setObjectName(u"ssh:"_s + target.host);
    m_worker = new SshWorker(target, options, m_shared);
    m_worker->moveToThread(m_thread);
    connect(m_worker, &SshWorker::hostKeyUnknown, this, &SshSession::hostKeyUnknown);
    connect(m_worker, &SshWorker::connected, this, &SshSession::connected);
    connect(m_worker, &SshWorker::connectionFailed, this, &SshSession::connectionFailed);
    connect(m_worker, &SshWorker::disconnected, this, &SshSession::disconnected);
    connect(m_worker, &SshWorker::stdoutReceived, this, &SshSession::stdoutReceived);
    connect(m_worker, &SshWorker::stderrReceived, this, &SshSession::stderrReceived);
    connect(m_worker, &SshWorker::finished, this, &SshSession::finished);
    m_thread->start();
}

SshSession::~SshSession()
{
    // Stops a running command at its next check, then lets the worker hang up cleanly.
    m_shared->shuttingDown = true;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->disconnectFromHost(); });
    m_thread->quit();
    m_thread->wait();
    delete m_worker;
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
