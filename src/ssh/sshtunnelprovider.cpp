// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshtunnelprovider.h"

#include "core/logging.h"
#include "ssh/sshtunnel.h"

#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ph {

SshTunnelProvider::SshTunnelProvider(QObject *parent)
    : QObject(parent)
    , m_credentialsFor(&SshTunnelProvider::defaultCredentials)
{
}

SshTunnelProvider::~SshTunnelProvider()
{
    clear();
}

SshCredentials SshTunnelProvider::defaultCredentials(const Host &host)
{
    return SshCredentials::fromHost(host);
}

void SshTunnelProvider::setWorkspace(const Workspace &workspace)
{
    clear();
    m_workspace = workspace;
}

void SshTunnelProvider::clear()
{
    const auto waiting = std::exchange(m_waiting, {});
    for (auto it = waiting.begin(); it != waiting.end(); ++it) {
        for (const Waiter &waiter : it.value()) {
            if (!waiter.context)
                continue;
            // Queued like every answer, so callers that reset along with the workspace
            // (the probe runner) can tell it is stale.
            const Error error{u"ssh.tunnel"_s, tr("tunnel: the workspace was reloaded."), {}};
            QMetaObject::invokeMethod(
                waiter.context, [done = waiter.done, error] { done(tl::unexpected(error)); },
                Qt::QueuedConnection);
        }
    }
    // Tunnels first: they use the sessions.
    qDeleteAll(std::exchange(m_tunnels, {}));
    qDeleteAll(std::exchange(m_sessions, {}));
    m_unknownKeys.clear();
    m_resolved.clear();
    ++m_generation;
}

int SshTunnelProvider::openTunnelCount() const
{
    int count = 0;
    for (const SshTunnel *tunnel : m_tunnels)
        count += tunnel->isOpen() ? 1 : 0;
    return count;
}

Result<SshSession *> SshTunnelProvider::sessionFor(const QString &hostName, int depth)
{
    if (SshSession *session = m_sessions.value(hostName))
        return session;
    const Host *host = m_workspace.host(hostName);
    if (!host)
        return fail(u"ssh.tunnel"_s, tr("the workspace has no host %1.").arg(hostName));
    SshSession *jump = nullptr;
    if (!host->jump.isEmpty()) {
        // jumpChain() reports unknown names and loops with the whole chain in the message.
        const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, hostName);
        if (!chain)
            return tl::unexpected(chain.error());
        if (depth > chain->size())
            return fail(u"ssh.jump"_s, tr("the jump hosts of %1 form a loop.").arg(hostName));
        const Result<SshSession *> viaJump = sessionFor(host->jump, depth + 1);
        if (!viaJump)
            return viaJump;
        jump = *viaJump;
    }
    auto *session = new SshSession(SshTarget::fromHost(*host), m_options, this);
    const auto resolved = m_resolved.constFind(hostName);
    session->setCredentials(resolved != m_resolved.cend() ? resolved.value()
                                                          : m_credentialsFor(*host));
    if (jump)
        session->setJumpSession(jump);
    connect(session, &SshSession::hostKeyUnknown, this,
            [this, session, hostName](const QString &, int, const QString &keyType,
                                      const QString &fingerprint) {
                qCInfo(lcSsh) << "tunnel: unknown host key of" << hostName << fingerprint
                              << "refused; accept it from the Remote view first";
                m_unknownKeys.insert(hostName, keyType + u' ' + fingerprint);
                session->acceptHostKey(HostKeyDecision::Reject);
            });
    m_sessions.insert(hostName, session);
    return session;
}

void SshTunnelProvider::retryHost(const QString &hostName)
{
    // The host itself and every host whose jump chain runs through it: their sessions
    // logged in (or failed to) with the old credentials.
    QSet<QString> affected{hostName};
    for (const Host &h : std::as_const(m_workspace.hosts)) {
        const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, h.name);
        if (!chain)
            continue;
        for (const Host &jump : *chain) {
            if (jump.name == hostName)
                affected.insert(h.name);
        }
    }
    // Requests still opening are asked again below: their old attempt (or its credential
    // lookup, ignored by the new generation) would answer with the old credentials.
    const auto waiting = std::exchange(m_waiting, {});
    ++m_generation;
    for (auto it = m_tunnels.begin(); it != m_tunnels.end();) {
        if (affected.contains(it.key().section(u'|', 0, 0)) || waiting.contains(it.key())) {
            // At once, as in clear(): a late signal of the old tunnel would answer the
            // requests asked again below.
            delete it.value();
            it = m_tunnels.erase(it);
        } else {
            ++it;
        }
    }
    for (const QString &name : std::as_const(affected)) {
        delete m_sessions.take(name);
        m_resolved.remove(name);
        m_unknownKeys.remove(name);
    }
    for (auto it = waiting.begin(); it != waiting.end(); ++it) {
        const QStringList parts = it.key().split(u'|');
        if (parts.size() != 3)
            continue;
        for (const Waiter &waiter : it.value()) {
            if (waiter.context)
                localPort(parts.at(0), parts.at(1), parts.at(2).toInt(), waiter.context,
                          waiter.done);
        }
    }
}

void SshTunnelProvider::localPort(const QString &via, const QString &host, int port,
                                  QObject *context, Callback done)
{
    auto answer = [context, done](const Result<quint16> &result) {
        // Always queued, so the caller never sees its answer from inside its own request.
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
    };
    const QString key = via + u'|' + host + u'|' + QString::number(port);
    if (SshTunnel *tunnel = m_tunnels.value(key); tunnel && tunnel->isOpen()) {
        answer(tunnel->localPort());
        return;
    }
    QList<Waiter> &waiters = m_waiting[key];
    waiters.append(Waiter{context, done});
    if (waiters.size() > 1)
        return; // already opening

    if (m_resolver && !m_sessions.contains(via)) {
        // Secrets first (the keychain answers asynchronously), for every hop at once.
        const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, via);
        if (!chain) {
            deliver(key, fail(chain.error().code,
                              tr("tunnel via %1: %2").arg(via, chain.error().message)));
            return;
        }
        QList<Host> hosts = *chain;
        hosts.append(*m_workspace.host(via));
        m_resolver(hosts, this,
                   [this, hosts, key, via, host, port,
                    generation = m_generation](Result<QList<SshCredentials>> credentials) {
                       if (generation != m_generation)
                           return; // the workspace was reloaded meanwhile
                       if (!credentials) {
                           deliver(
                               key,
                               fail(credentials.error().code,
                                    tr("tunnel via %1: %2").arg(via, credentials.error().message)));
                           return;
                       }
                       for (qsizetype i = 0; i < hosts.size() && i < credentials->size(); ++i)
                           m_resolved.insert(hosts.at(i).name, credentials->at(i));
                       openTunnel(key, via, host, port);
                   });
        return;
    }
    openTunnel(key, via, host, port);
}

void SshTunnelProvider::openTunnel(const QString &key, const QString &via, const QString &host,
                                   int port)
{
    const Result<SshSession *> session = sessionFor(via);
    if (!session) {
        deliver(key, fail(session.error().code,
                          tr("tunnel via %1: %2").arg(via, session.error().message),
                          session.error().detail));
        return;
    }
    auto *tunnel = new SshTunnel(*session, host, port, this);
    tunnel->setViaName(via);
    delete m_tunnels.take(key);
    m_tunnels.insert(key, tunnel);
    connect(tunnel, &SshTunnel::opened, this, [this, key](quint16 local) { deliver(key, local); });
    connect(tunnel, &SshTunnel::failed, this, [this, key, tunnel, via](const Error &error) {
        if (m_tunnels.value(key) == tunnel)
            m_tunnels.take(key)->deleteLater();
        if (error.code == u"ssh.hostkey_rejected"_s && !m_unknownKeys.isEmpty()) {
            // Nobody was asked: say what to do instead of "not accepted".
            const QString host = m_unknownKeys.constBegin().key();
            deliver(key, fail(error.code,
                              tr("tunnel via %1: the host key of %2 is not known yet (%3). "
                                 "Connect to %2 once from the Remote view to check and "
                                 "accept it.")
                                  .arg(via, host, m_unknownKeys.value(host)),
                              error.message));
            m_unknownKeys.clear();
            return;
        }
        deliver(key, tl::unexpected(error));
    });
    auto *timer = new QTimer(tunnel);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, key, tunnel, via] {
        if (tunnel->isOpen())
            return;
        if (m_tunnels.value(key) == tunnel)
            m_tunnels.take(key)->deleteLater();
        deliver(
            key,
            fail(u"ssh.tunnel"_s,
                 tr("tunnel via %1: not open after %2 s.").arg(via).arg(m_openTimeoutMs / 1000.0)));
    });
    timer->start(m_openTimeoutMs);
    tunnel->open();
}

void SshTunnelProvider::deliver(const QString &key, const Result<quint16> &result)
{
    const QList<Waiter> waiters = m_waiting.take(key);
    for (const Waiter &waiter : waiters) {
        if (!waiter.context)
            continue;
        QMetaObject::invokeMethod(
            waiter.context, [done = waiter.done, result] { done(result); }, Qt::QueuedConnection);
    }
}

} // namespace ph
