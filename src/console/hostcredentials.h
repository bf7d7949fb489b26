// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/sshsession.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

namespace ph {

class SecretStore;

/**
 * The one place that turns a workspace host's entry into SSH credentials: the login
 * methods its "auth" asks for, plus the key passphrase or password its "secret" names.
 * Host commands, fan-out and the probes' tunnels all log in through it, so a host that
 * works in the Remote view also works for a tunnel.
 *
 * A secret comes from memory first (given this session with rememberForSession()), then
 * from the keychain, read without blocking. A missing keychain entry is not an error here:
 * the login then fails and says what is missing, and the GUI can ask for it.
 */
class HostCredentials : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<SshCredentials>)>;
    using ChainCallback = std::function<void(Result<QList<SshCredentials>>)>;

    /// @p secrets is not owned and may be null (agent and unencrypted keys only).
    explicit HostCredentials(SecretStore *secrets, QObject *parent = nullptr);

    /// The workspace whose keychain entries are read (entry names include its name).
    void setWorkspaceName(const QString &name) { m_workspaceName = name; }
    QString workspaceName() const { return m_workspaceName; }

    /// True when @p host logs in with a secret (key passphrase or password) it names.
    static bool usesSecret(const Host &host);
    /// The keychain entry holding @p host's secret; empty when it uses none.
    QString entryName(const Host &host) const;

    /// The credentials of @p host; @p done runs later (never inside this call) in
    /// @p context's thread, unless @p context is gone by then.
    void resolve(const Host &host, QObject *context, Callback done);
    /// resolve() for each host of @p hosts, in order; fails with the first failure.
    void resolveAll(const QList<Host> &hosts, QObject *context, ChainCallback done);

    /// Uses @p secret for @p host until the console quits; never written anywhere.
    void rememberForSession(const Host &host, const QString &secret);
    /// Drops a secret given with rememberForSession() (e.g. after it was refused).
    void forgetSessionSecret(const Host &host);
    bool hasSessionSecret(const Host &host) const;
    /// Where secrets are read from and saved to; may be null.
    SecretStore *secretStore() const { return m_secrets; }

private:
    struct ChainState;
    void resolveNext(const std::shared_ptr<ChainState> &state);

    SecretStore *m_secrets;
    QString m_workspaceName;
    QHash<QString, QString> m_sessionSecrets; ///< by keychain entry name
};

} // namespace ph
