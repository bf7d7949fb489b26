// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QWidget;

namespace ph {

class BrowserTunnels;
class HostCredentials;
class PassphraseDialog;
class SecretStore;

/**
 * Asks for a host's key passphrase or password when a login failed for lack of it
 * (`ssh.auth_secret_missing`), stores the answer as the user chose (keychain when "Save in
 * keychain" is ticked, always for this session) and hands control back so the caller can
 * retry. One question per host at a time: asking again while a dialog for the host is
 * open waits for that dialog's answer instead of opening a second one. Cancel stores
 * nothing and answers with `ssh.auth_cancelled`.
 */
class SecretPrompt : public QObject
{
    Q_OBJECT
public:
    /// Ok: the secret is stored, retry now. Error: cancelled (`ssh.auth_cancelled`).
    using Answer = std::function<void(Result<void>)>;

    /// @p credentials and @p secrets are not owned (@p secrets may be null: nothing can be
    /// saved then); dialogs are window-modal to @p dialogParent.
    SecretPrompt(HostCredentials *credentials, SecretStore *secrets, QWidget *dialogParent);
    ~SecretPrompt() override;

    void setCredentials(HostCredentials *credentials) { m_credentials = credentials; }
    void setSecretStore(SecretStore *secrets) { m_secrets = secrets; }

    /// True when @p error is a login that failed only because a secret was not given.
    static bool isSecretMissing(const Error &error);
    /// True when @p host names a secret that could be asked for.
    static bool canAsk(const Host &host);
    /// The error an action ends with when the user cancelled the question.
    static Error cancelledError(const QString &hostName);
    /**
     * Whose secret to ask for when reaching workspace host @p hostName failed for lack of
     * one with @p errorMessage: the jump host in front of it whose own login failed (the
     * error names that hop, "[address]:port"), else @p hostName itself. Null when
     * @p workspace has no such host.
     */
    static const Host *hostMissingSecret(const Workspace &workspace, const QString &hostName,
                                         const QString &errorMessage);

    /**
     * Asks for @p host's secret; @p done runs once with the answer, later, unless this
     * prompt or @p context is gone by then. Returns false (and @p done never runs) when the
     * host names no secret.
     */
    bool ask(const Host &host, QObject *context, Answer done);
    bool isAsking(const QString &hostName) const;
    /// The open dialog for @p hostName, or null.
    PassphraseDialog *dialogFor(const QString &hostName) const;

Q_SIGNALS:
    /// A dialog for @p hostName opened (not when a question joined an open one).
    void questionOpened(const QString &hostName);
    /// "Save in keychain" was asked for and the keychain refused; the secret is still
    /// kept for this session. @p message is ready to show.
    void saveFailed(const QString &message);

private:
    struct Waiting
    {
        QPointer<QObject> context;
        Answer done;
    };
    struct Question
    {
        QPointer<PassphraseDialog> dialog;
        QList<Waiting> waiting;
    };
    void answered(const Host &host, const QString &entry, int result);

    HostCredentials *m_credentials;
    SecretStore *m_secrets;
    QPointer<QWidget> m_dialogParent;
    QHash<QString, Question> m_questions; ///< by host name
};

/**
 * "Open in browser" with a tunnel whose host lacks its secret: asks through @p prompt and
 * opens the service again, once per request. Every failure the user must see reaches
 * @p report: the ones not answered by asking, and a cancel as `ssh.auth_cancelled`.
 * @p tunnels and @p prompt are not owned; the connection ends with @p prompt.
 */
void askForTunnelSecrets(BrowserTunnels *tunnels, SecretPrompt *prompt,
                         std::function<void(const QString &service, const Error &error)> report);

} // namespace ph
