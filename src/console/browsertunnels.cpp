// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/browsertunnels.h"

#include "console/hostcredentials.h"
#include "core/logging.h"
#include "ssh/sshsession.h"
#include "ssh/sshsessionpool.h"
#include "ssh/sshtunnel.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace ph {

BrowserTunnels::BrowserTunnels(SshSessionPool *pool, HostCredentials *credentials, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_credentials(credentials)
{
}

BrowserTunnels::~BrowserTunnels()
{
    closeAll();
}

void BrowserTunnels::setWorkspace(const Workspace &workspace)
{
    closeAll();
    ++m_generation;
    m_workspace = workspace;
}

QStringList BrowserTunnels::servicesVia(const QString &hostName) const
{
    QStringList names;
    for (const Service &s : m_workspace.services) {
        if (s.via == hostName)
            names.append(s.name);
    }
    return names;
}

QUrl BrowserTunnels::localUrl(const QUrl &remote, quint16 localPort)
{
    QUrl url;
    url.setScheme(remote.scheme().isEmpty() ? u"http"_s : remote.scheme());
    url.setHost(u"127.0.0.1"_s);
    url.setPort(localPort);
    url.setPath(remote.path().isEmpty() ? u"/"_s : remote.path());
    url.setQuery(remote.query());
    url.setFragment(remote.fragment());
    return url;
}

QList<BrowserTunnel> BrowserTunnels::tunnels() const
{
    QList<BrowserTunnel> list;
    for (const Entry &e : m_entries)
        list.append(e.info);
    return list;
}

void BrowserTunnels::openUrl(const QString &service, const QUrl &url)
{
    if (!m_opener || !m_opener(url)) {
        Q_EMIT failed(service, Error{u"browser.open"_s,
                                     tr("No browser could be started for %1. Open %2 yourself.")
                                         .arg(service, url.toString()),
                                     {}});
        return;
    }
    Q_EMIT opened(service, url);
}

void BrowserTunnels::open(const QString &serviceName)
{
    const Service *service = m_workspace.service(serviceName);
    auto failLater = [this, serviceName](const Error &error) {
        QMetaObject::invokeMethod(
            this, [this, serviceName, error] { Q_EMIT failed(serviceName, error); },
            Qt::QueuedConnection);
    };
    if (!service) {
        failLater(Error{u"browser.unknown_service"_s,
                        tr("The workspace has no service %1.").arg(serviceName),
                        {}});
        return;
    }
    if (!service->baseUrl.isValid() || service->baseUrl.host().isEmpty()) {
        failLater(Error{
            u"browser.no_url"_s,
            tr("%1 has no base URL to open; set \"base_url\" in the workspace.").arg(serviceName),
            {}});
        return;
    }
    if (service->via.isEmpty()) {
        const QUrl url = service->baseUrl;
        QMetaObject::invokeMethod(
            this, [this, serviceName, url] { openUrl(serviceName, url); }, Qt::QueuedConnection);
        return;
    }
    // One tunnel per service: opening it again shows the same page.
    for (const Entry &e : std::as_const(m_entries)) {
        if (e.info.service == serviceName && e.info.open) {
            const QUrl url = e.info.localUrl;
            QMetaObject::invokeMethod(
                this, [this, serviceName, url] { openUrl(serviceName, url); },
                Qt::QueuedConnection);
            return;
        }
        if (e.info.service == serviceName)
            return; // still opening; its answer comes
    }
    const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, service->via);
    if (!chain) {
        failLater(Error{chain.error().code,
                        tr("%1 is reached through %2: %3")
                            .arg(serviceName, service->via, chain.error().message),
                        {}});
        return;
    }
    QList<Host> hosts = *chain;
    hosts.append(*m_workspace.host(service->via));
    const Service copy = *service;
    const QList<Host> jumps = *chain;
    m_credentials->resolveAll(
        hosts, this,
        [this, copy, jumps, generation = m_generation](Result<QList<SshCredentials>> credentials) {
            if (generation != m_generation)
                return;
            if (!credentials) {
                Q_EMIT failed(copy.name, credentials.error());
                return;
            }
            startTunnel(copy, jumps, *credentials);
        });
}

void BrowserTunnels::startTunnel(const Service &service, const QList<Host> &chain,
                                 const QList<SshCredentials> &credentials)
{
    const Host *via = m_workspace.host(service.via);
    if (!via || !m_pool || credentials.size() != chain.size() + 1)
        return;
    QList<SshHop> hops;
    for (qsizetype i = 0; i < chain.size(); ++i)
        hops.append(SshHop{SshTarget::fromHost(chain.at(i)), credentials.at(i)});
    SshSession *session = m_pool->acquire(SshTarget::fromHost(*via), credentials.constLast(), hops);

    const QUrl remote = service.baseUrl;
    const int defaultPort = remote.scheme() == u"https"_s ? 443 : 80;
    Entry entry;
    entry.info.id = ++m_next;
    entry.info.service = service.name;
    entry.info.via = service.via;
    entry.info.remoteUrl = remote;
    entry.session = session;
    entry.tunnel = new SshTunnel(session, remote.host(), remote.port(defaultPort), this);
    entry.tunnel->setViaName(service.via);
    const quint64 id = entry.info.id;
    m_entries.append(entry);

    // Opening a page is something the user asked for now: an unknown host key is not
    // asked about here but refused with what to do, like the probes' tunnels.
    QList<SshSession *> asking = m_pool->jumpSessions(session);
    asking.append(session);
    for (SshSession *s : std::as_const(asking)) {
        connect(s, &SshSession::hostKeyUnknown, entry.tunnel,
                [s](const QString &, int, const QString &, const QString &) {
                    s->acceptHostKey(HostKeyDecision::Reject);
                });
    }
    connect(entry.tunnel, &SshTunnel::opened, this, [this, id](quint16 port) {
        for (Entry &e : m_entries) {
            if (e.info.id != id)
                continue;
            e.info.open = true;
            e.info.localUrl = localUrl(e.info.remoteUrl, port);
            qCInfo(lcSsh) << "browser tunnel for" << e.info.service << "on port" << port;
            const QString name = e.info.service;
            const QUrl url = e.info.localUrl;
            Q_EMIT tunnelsChanged();
            openUrl(name, url);
            return;
        }
    });
    connect(entry.tunnel, &SshTunnel::failed, this, [this, id](const Error &error) {
        QString name;
        for (const Entry &e : std::as_const(m_entries)) {
            if (e.info.id == id)
                name = e.info.service;
        }
        Error shown = error;
        if (error.code == u"ssh.hostkey_rejected"_s)
            shown.message = tr("%1: the host key is not known yet. Connect to the host once "
                               "from the Remote view to check and accept it.")
                                .arg(error.message);
        drop(id);
        Q_EMIT failed(name, shown);
    });
    auto *timer = new QTimer(entry.tunnel);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, id, name = service.name, via = service.via] {
        for (const Entry &e : std::as_const(m_entries)) {
            if (e.info.id == id && e.info.open)
                return;
        }
        drop(id);
        Q_EMIT failed(
            name,
            Error{u"ssh.tunnel"_s,
                  tr("tunnel via %1: not open after %2 s.").arg(via).arg(m_openTimeoutMs / 1000.0),
                  {}});
    });
    timer->start(m_openTimeoutMs);
    entry.tunnel->open();
}

void BrowserTunnels::drop(quint64 id)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).info.id != id)
            continue;
        Entry e = m_entries.takeAt(i);
        const bool wasOpen = e.info.open;
        if (e.tunnel) {
            e.tunnel->close();
            // Often called from the tunnel's own signal.
            e.tunnel->deleteLater();
        }
        if (e.session && m_pool)
            m_pool->release(e.session);
        if (wasOpen)
            Q_EMIT tunnelsChanged();
        return;
    }
}

void BrowserTunnels::close(quint64 id)
{
    drop(id);
}

void BrowserTunnels::closeAll()
{
    while (!m_entries.isEmpty())
        drop(m_entries.constFirst().info.id);
}

} // namespace ph
