// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshtunnel.h"

#include "core/logging.h"
#include "ssh/sshsession.h"

#include <QTcpServer>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace ph {

/// Hands accepted sockets to the tunnel as raw descriptors: they go to the session's
/// thread, so no QTcpSocket may be made for them here.
class TunnelListener : public QTcpServer
{
public:
    explicit TunnelListener(SshTunnel *tunnel)
        : QTcpServer(tunnel)
        , m_tunnel(tunnel)
    {
    }

protected:
    void incomingConnection(qintptr socketDescriptor) override
    {
        m_tunnel->accept(socketDescriptor);
    }

private:
    SshTunnel *m_tunnel;
};

SshTunnel::SshTunnel(SshSession *session, const QString &remoteHost, int remotePort,
                     QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_remoteHost(remoteHost)
    , m_remotePort(remotePort)
{
    if (session) {
        connect(session, &SshSession::forwardOpened, this, &SshTunnel::forwardOpened);
        connect(session, &SshSession::forwardFailed, this, &SshTunnel::forwardFailed);
        connect(session, &SshSession::forwardClosed, this, &SshTunnel::forwardClosed);
    }
}

SshTunnel::~SshTunnel()
{
    close();
}

QString SshTunnel::viaName() const
{
    if (!m_viaName.isEmpty())
        return m_viaName;
    return m_session ? m_session->hopName() : QString();
}

quint16 SshTunnel::localPort() const
{
    return m_open && m_listener ? m_listener->serverPort() : 0;
}

Error SshTunnel::tunnelError(const Error &cause) const
{
    return Error{cause.code.isEmpty() ? u"ssh.tunnel"_s : cause.code,
                 tr("tunnel via %1: %2").arg(viaName(), cause.message), cause.detail};
}

void SshTunnel::open()
{
    if (m_open) {
        Q_EMIT opened(localPort());
        return;
    }
    if (m_checking)
        return;
    if (!m_session) {
        finishCheck(fail(u"ssh.tunnel"_s, tr("the SSH session is gone.")));
        return;
    }
    int pair[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        finishCheck(fail(u"ssh.tunnel"_s, tr("no socket could be created."),
                         QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    m_checking = true;
    m_checkFd = pair[0];
    m_checkId = m_session->openForward(pair[1], m_remoteHost, m_remotePort);
}

void SshTunnel::finishCheck(const Result<void> &result)
{
    m_checking = false;
    if (m_checkFd >= 0) {
        ::close(m_checkFd); // the worker sees EOF and closes the check channel
        m_checkFd = -1;
    }
    if (!result) {
        const Error error = tunnelError(result.error());
        qCInfo(lcSsh) << "tunnel to" << m_remoteHost << m_remotePort << "failed:" << error.code;
        Q_EMIT failed(error);
        return;
    }
    if (!m_listener)
        m_listener = new TunnelListener(this);
    if (!m_listener->listen(QHostAddress::LocalHost, 0)) {
        Q_EMIT failed(tunnelError(
            Error{u"ssh.tunnel"_s,
                  tr("could not listen on 127.0.0.1 (%1).").arg(m_listener->errorString()),
                  {}}));
        return;
    }
    m_open = true;
    Q_EMIT opened(m_listener->serverPort());
}

void SshTunnel::close()
{
    m_open = false;
    if (m_listener)
        m_listener->close();
    if (m_checkFd >= 0) {
        ::close(m_checkFd);
        m_checkFd = -1;
    }
    m_checking = false;
}

void SshTunnel::accept(qintptr socketDescriptor)
{
    if (!m_session || !m_open) {
        ::close(int(socketDescriptor));
        return;
    }
    m_connections.insert(m_session->openForward(socketDescriptor, m_remoteHost, m_remotePort));
}

void SshTunnel::forwardOpened(quint64 id)
{
    if (m_checking && id == m_checkId)
        finishCheck({});
}

void SshTunnel::forwardFailed(quint64 id, const Error &error)
{
    if (m_checking && id == m_checkId) {
        finishCheck(tl::unexpected(error));
        return;
    }
    if (m_connections.remove(id))
        Q_EMIT connectionFailed(tunnelError(error));
}

void SshTunnel::forwardClosed(quint64 id)
{
    if (m_connections.remove(id))
        Q_EMIT connectionClosed();
}

} // namespace ph
