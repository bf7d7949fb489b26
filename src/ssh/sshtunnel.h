// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

namespace ph {

class SshSession;
class TunnelListener;

/**
 * A local port on 127.0.0.1 that reaches a host:port as seen from an SSH host.
 *
 * Every connection accepted on the port is forwarded through its own direct-tcpip channel
 * of the session; the session's thread pumps the data, so libssh objects never leave it.
 * open() first checks, through one forward, that the remote end accepts connections, so a
 * service that is down or a host that cannot be logged in to fails here with a clear
 * message ("tunnel via …: …") instead of later as a closed connection.
 *
 * close() (and the destructor) stops listening; connections already accepted run until
 * either side ends them, or the session closes.
 */
class SshTunnel : public QObject
{
    Q_OBJECT
public:
    /// @p session is not owned and must outlive the tunnel's connections.
    SshTunnel(SshSession *session, const QString &remoteHost, int remotePort,
              QObject *parent = nullptr);
    ~SshTunnel() override;

    QString remoteHost() const { return m_remoteHost; }
    int remotePort() const { return m_remotePort; }
    /// How messages name the host the tunnel goes through; default: the session's
    /// "[address]:port". A workspace host name reads better where there is one.
    QString viaName() const;
    void setViaName(const QString &name) { m_viaName = name; }

    /// Connects the session if needed, checks the remote end and starts listening;
    /// opened() or failed() follows exactly once.
    void open();
    void close();
    bool isOpen() const { return m_open; }
    /// The listening port, 0 while not open.
    quint16 localPort() const;
    /// Connections currently forwarded.
    int connectionCount() const { return int(m_connections.size()); }

Q_SIGNALS:
    void opened(quint16 localPort);
    void failed(const ph::Error &error);
    /// One accepted connection could not be forwarded (it was closed).
    void connectionFailed(const ph::Error &error);
    void connectionClosed();

private:
    void accept(qintptr socketDescriptor);
    void forwardOpened(quint64 id);
    void forwardFailed(quint64 id, const ph::Error &error);
    void forwardClosed(quint64 id);
    Error tunnelError(const Error &cause) const;
    void finishCheck(const Result<void> &result);

    friend class TunnelListener;

    QPointer<SshSession> m_session;
    QString m_remoteHost;
    int m_remotePort = 0;
    QString m_viaName;
    TunnelListener *m_listener = nullptr;
    QSet<quint64> m_connections;
    quint64 m_checkId = 0;
    int m_checkFd = -1; ///< our end of the check forward's socket pair
    bool m_checking = false;
    bool m_open = false;
};

} // namespace ph
