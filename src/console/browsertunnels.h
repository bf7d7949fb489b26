// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <functional>

namespace ph {

class HostCredentials;
class SshSession;
class SshSessionPool;
class SshTunnel;
struct SshCredentials;

/// A tunnel the user opened to look at a service in the browser.
struct BrowserTunnel
{
    quint64 id = 0;
    QString service;
    QString via;    ///< workspace host it goes through
    QUrl remoteUrl; ///< the service's base URL, as seen from the host
    QUrl localUrl;  ///< http://127.0.0.1:<port>/… that the browser was given
    bool open = false;
};

/**
 * Opens services in the user's browser: a service reached through a host (`via`, e.g.
 * Grafana on the Bot Core host's localhost:3001) gets a local tunnel over the host's
 * pooled SSH session, and the browser is sent to http://127.0.0.1:<port>/…; a service
 * without `via` opens at its URL. Tunnels stay open until close() or the console quits.
 *
 * The URL opener is injected (the GUI passes QDesktopServices::openUrl, tests a
 * recorder), so core never touches Qt Gui.
 */
class BrowserTunnels : public QObject
{
    Q_OBJECT
public:
    using UrlOpener = std::function<bool(const QUrl &url)>;

    /// @p pool and @p credentials are not owned and must outlive this object.
    BrowserTunnels(SshSessionPool *pool, HostCredentials *credentials, QObject *parent = nullptr);
    ~BrowserTunnels() override;

    /// Closes every tunnel: its services may have gone.
    void setWorkspace(const Workspace &workspace);
    void setUrlOpener(UrlOpener opener) { m_opener = std::move(opener); }
    void setOpenTimeout(int milliseconds) { m_openTimeoutMs = milliseconds; }

    /// Services of the workspace that go through host @p hostName.
    QStringList servicesVia(const QString &hostName) const;
    /// Opens @p serviceName in the browser; opened() or failed() follows exactly once.
    void open(const QString &serviceName);
    /// Stops tunnel @p id listening and lets its session go idle.
    void close(quint64 id);
    void closeAll();
    QList<BrowserTunnel> tunnels() const;
    const Workspace &workspace() const { return m_workspace; }

    /// The browser URL for @p remote reached at local port @p localPort: same path and
    /// query, host 127.0.0.1.
    static QUrl localUrl(const QUrl &remote, quint16 localPort);

Q_SIGNALS:
    void opened(const QString &service, const QUrl &url);
    void failed(const QString &service, const ph::Error &error);
    /// A tunnel was opened or closed.
    void tunnelsChanged();

private:
    struct Entry
    {
        BrowserTunnel info;
        QPointer<SshSession> session;
        SshTunnel *tunnel = nullptr;
    };
    void startTunnel(const Service &service, const QList<Host> &chain,
                     const QList<SshCredentials> &credentials);
    void openUrl(const QString &service, const QUrl &url);
    void drop(quint64 id);

    QPointer<SshSessionPool> m_pool; ///< may go first when the console shuts down
    HostCredentials *m_credentials;
    Workspace m_workspace;
    UrlOpener m_opener;
    int m_openTimeoutMs = 30000;
    QList<Entry> m_entries;
    quint64 m_next = 0;
    quint64 m_generation = 0;
};

} // namespace ph
