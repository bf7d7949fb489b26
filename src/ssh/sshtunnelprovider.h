// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/tunnelprovider.h"
#include "ssh/sshsession.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

namespace ph {

class SshTunnel;

/**
 * The probes' tunnels over SSH sessions to workspace hosts. One session per host (jump
 * hosts included, shared between the hosts behind them) and one tunnel per
 * (via, host, port), opened on first use and kept while they work; a tunnel that failed
 * is opened afresh by the next request.
 *
 * Probes run unattended, so an unknown host key is refused rather than asked about: the
 * user accepts it once from the Remote view. Every request is answered within the open
 * timeout.
 */
class SshTunnelProvider : public QObject, public TunnelProvider
{
    Q_OBJECT
public:
    using CredentialsFor = std::function<SshCredentials(const Host &host)>;
    using CredentialsDone = std::function<void(Result<QList<SshCredentials>>)>;
    /// Answers later, in @p context's thread, with the credentials of each of @p hosts.
    using CredentialResolver =
        std::function<void(const QList<Host> &hosts, QObject *context, CredentialsDone done)>;

    explicit SshTunnelProvider(QObject *parent = nullptr);
    ~SshTunnelProvider() override;

    /// The hosts tunnels go through; closes every tunnel and session made so far.
    void setWorkspace(const Workspace &workspace);
    /// For sessions made from now on.
    void setSessionOptions(const SshSessionOptions &options) { m_options = options; }
    /// For sessions made from now on. Default: defaultCredentials().
    void setCredentials(CredentialsFor credentialsFor)
    {
        m_credentialsFor = std::move(credentialsFor);
    }
    /**
     * Where sessions made from now on get their credentials, secrets included (the
     * console passes the one resolver its host commands use). Takes precedence over
     * setCredentials().
     */
    void setCredentialResolver(CredentialResolver resolver) { m_resolver = std::move(resolver); }
    void setOpenTimeout(int milliseconds) { m_openTimeoutMs = milliseconds; }

    /// The methods the host's entry asks for, without secrets (SshCredentials::fromHost()).
    static SshCredentials defaultCredentials(const Host &host);

    void localPort(const QString &via, const QString &host, int port, QObject *context,
                   Callback done) override;
    /// Tunnels now listening.
    int openTunnelCount() const;
    /**
     * Logs in to @p hostName afresh from the next request on, reading its credentials
     * again (e.g. after the user gave the secret it lacked): drops its session, the
     * sessions of the hosts behind it and their tunnels. Requests still waiting are
     * opened again with the new credentials instead of failing.
     */
    void retryHost(const QString &hostName);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        Callback done;
    };

    Result<SshSession *> sessionFor(const QString &hostName, int depth = 0);
    void openTunnel(const QString &key, const QString &via, const QString &host, int port);
    void deliver(const QString &key, const Result<quint16> &result);
    void clear();

    Workspace m_workspace;
    SshSessionOptions m_options;
    CredentialsFor m_credentialsFor;
    CredentialResolver m_resolver;
    QHash<QString, SshCredentials> m_resolved; ///< by host name, from m_resolver
    quint64 m_generation = 0;                  ///< bumped by clear()
    int m_openTimeoutMs = 30000;
    QHash<QString, SshSession *> m_sessions; ///< by workspace host name; owned
    QHash<QString, SshTunnel *> m_tunnels;   ///< by "via|host|port"; owned
    QHash<QString, QList<Waiter>> m_waiting; ///< by tunnel key, while it opens
    QHash<QString, QString> m_unknownKeys;   ///< host name -> fingerprint refused unasked
};

} // namespace ph
