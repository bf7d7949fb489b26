// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/hostcredentials.h"

#include "secrets/secretstore.h"

#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace ph {

HostCredentials::HostCredentials(SecretStore *secrets, QObject *parent)
    : QObject(parent)
    , m_secrets(secrets)
{
}

bool HostCredentials::usesSecret(const Host &host)
{
    return !host.secretRef.isEmpty() && (host.auth == u"key"_s || host.auth == u"password"_s);
}

QString HostCredentials::entryName(const Host &host) const
{
    return usesSecret(host) ? SecretStore::entryName(m_workspaceName, host.secretRef) : QString();
}

void HostCredentials::rememberForSession(const Host &host, const QString &secret)
{
    if (usesSecret(host))
        m_sessionSecrets.insert(entryName(host), secret);
}

void HostCredentials::forgetSessionSecret(const Host &host)
{
    m_sessionSecrets.remove(entryName(host));
}

bool HostCredentials::hasSessionSecret(const Host &host) const
{
    return usesSecret(host) && m_sessionSecrets.contains(entryName(host));
}

void HostCredentials::resolve(const Host &host, QObject *context, Callback done)
{
    SshCredentials credentials = SshCredentials::fromHost(host);
    auto fill = [host](SshCredentials c, const QString &secret) {
        if (host.auth == u"key"_s)
            c.passphrase = secret;
        else
            c.password = secret;
        return c;
    };
    auto answer = [context, done](Result<SshCredentials> result) {
        QMetaObject::invokeMethod(
            context, [done, result] { done(result); }, Qt::QueuedConnection);
    };
    if (!usesSecret(host)) {
        answer(credentials);
        return;
    }
    const QString entry = entryName(host);
    if (const auto it = m_sessionSecrets.constFind(entry); it != m_sessionSecrets.cend()) {
        answer(fill(credentials, it.value()));
        return;
    }
    if (!m_secrets) {
        answer(credentials);
        return;
    }
    const QString hostName = host.name;
    m_secrets->read(entry, context, [=](Result<QString> secret) {
        if (!secret && secret.error().code != u"keychain.not_found"_s) {
            done(fail(secret.error().code,
                      tr("The secret of %1 could not be read from the keychain: %2")
                          .arg(hostName, secret.error().message),
                      secret.error().detail));
            return;
        }
        done(fill(credentials, secret ? *secret : QString()));
    });
}

struct HostCredentials::ChainState
{
    QList<Host> hosts;
    QList<SshCredentials> resolved;
    ChainCallback done;
    QPointer<QObject> context;
};

void HostCredentials::resolveAll(const QList<Host> &hosts, QObject *context, ChainCallback done)
{
    auto state = std::make_shared<ChainState>(ChainState{hosts, {}, std::move(done), context});
    if (hosts.isEmpty()) {
        QMetaObject::invokeMethod(
            context, [state] { state->done(QList<SshCredentials>{}); }, Qt::QueuedConnection);
        return;
    }
    resolveNext(state);
}

void HostCredentials::resolveNext(const std::shared_ptr<ChainState> &state)
{
    if (!state->context)
        return;
    // One after another, so a keychain that prompts asks one thing at a time.
    resolve(state->hosts.at(state->resolved.size()), state->context,
            [this, state](Result<SshCredentials> c) {
                if (!c) {
                    state->done(tl::unexpected(c.error()));
                    return;
                }
                state->resolved.append(*c);
                if (state->resolved.size() == state->hosts.size())
                    state->done(state->resolved);
                else
                    resolveNext(state);
            });
}

} // namespace ph
