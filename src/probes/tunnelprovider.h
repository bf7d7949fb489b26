// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QString>

#include <functional>

class QNetworkRequest;
class QObject;

namespace ph {

/**
 * Opens tunnels for services whose API is only reachable from one of the workspace's SSH
 * hosts (a service's `via`). The probes then send to 127.0.0.1:<port> while TLS and the
 * Host header keep the real name. Asynchronous because logging in to the host is;
 * @p done runs on @p context's thread and never after @p context is destroyed. Errors
 * read "tunnel via <host>: …" and arrive in bounded time.
 */
class TunnelProvider
{
public:
    using Callback = std::function<void(Result<quint16>)>;

    virtual ~TunnelProvider() = default;
    /// A local port on 127.0.0.1 reaching @p host:@p port as seen from workspace host @p via.
    virtual void localPort(const QString &via, const QString &host, int port, QObject *context,
                           Callback done) = 0;
};

/**
 * Points @p request at the tunnel's end, 127.0.0.1:@p tunnelPort, while the server still
 * sees its own name in the Host header and TLS still checks the certificate against it.
 */
void routeThroughTunnel(QNetworkRequest &request, quint16 tunnelPort);

} // namespace ph
