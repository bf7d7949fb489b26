// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/secretprompt.h"

#include "console/browsertunnels.h"
#include "console/hostcredentials.h"
#include "secrets/secretstore.h"
#include "ui/dialogs/passphrasedialog.h"

#include <QDir>
#include <QSet>
#include <QWidget>

#include <memory>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString expandHome(const QString &path)
{
    if (path == u"~"_s)
        return QDir::homePath();
    if (path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

} // namespace

SecretPrompt::SecretPrompt(HostCredentials *credentials, SecretStore *secrets,
                           QWidget *dialogParent)
    : QObject(dialogParent)
    , m_credentials(credentials)
    , m_secrets(secrets)
    , m_dialogParent(dialogParent)
{
}

SecretPrompt::~SecretPrompt()
{
    // The callers' answers capture them; none may run once the prompt is gone.
    for (Question &q : m_questions) {
        if (q.dialog) {
            q.dialog->disconnect(this);
            q.dialog->deleteLater();
        }
    }
}

bool SecretPrompt::isSecretMissing(const Error &error)
{
    return error.code == u"ssh.auth_secret_missing"_s;
}

bool SecretPrompt::canAsk(const Host &host)
{
    return host.auth == u"key"_s || host.auth == u"password"_s;
}

Error SecretPrompt::cancelledError(const QString &hostName)
{
    return Error{u"ssh.auth_cancelled"_s,
                 tr("Authentication to %1 cancelled: nothing was stored, and the action did "
                    "not run.")
                     .arg(hostName),
                 {}};
}

bool SecretPrompt::isAsking(const QString &hostName) const
{
    return m_questions.contains(hostName);
}

PassphraseDialog *SecretPrompt::dialogFor(const QString &hostName) const
{
    const auto it = m_questions.constFind(hostName);
    return it == m_questions.cend() ? nullptr : it->dialog.data();
}

bool SecretPrompt::ask(const Host &host, QObject *context, Answer done)
{
    if (!m_credentials || !canAsk(host))
        return false;
    auto it = m_questions.find(host.name);
    if (it != m_questions.end()) {
        it->waiting.append(Waiting{context, std::move(done)});
        return true;
    }
    const QString entry = m_credentials->entryName(host);
    auto *dialog =
        new PassphraseDialog(host.auth == u"key"_s ? PassphraseDialog::Kind::KeyPassphrase
                                                   : PassphraseDialog::Kind::Password,
                             host.name, expandHome(host.identityFile), entry, m_dialogParent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_questions.insert(host.name, Question{dialog, {Waiting{context, std::move(done)}}});
    connect(dialog, &QDialog::finished, this,
            [this, host, entry](int result) { answered(host, entry, result); });
    dialog->open();
    Q_EMIT questionOpened(host.name);
    return true;
}

void SecretPrompt::answered(const Host &host, const QString &entry, int result)
{
    const Question question = m_questions.take(host.name);
    if (result == QDialog::Accepted && question.dialog && m_credentials) {
        const QString secret = question.dialog->secret();
        // Kept for this session either way, so the retry does not wait on the keychain.
        m_credentials->rememberForSession(host, secret);
        if (question.dialog->saveInKeychain() && m_secrets && !entry.isEmpty()) {
            m_secrets->write(entry, secret, this, [this, entry](Result<void> written) {
                if (!written)
                    Q_EMIT saveFailed(tr("Could not save %1 in the keychain: %2")
                                          .arg(entry, written.error().message));
            });
        }
        for (const Waiting &w : question.waiting) {
            if (w.context)
                w.done({});
        }
        return;
    }
    const Error cancelled = cancelledError(host.name);
    for (const Waiting &w : question.waiting) {
        if (w.context)
            w.done(tl::unexpected(cancelled));
    }
}

void askForTunnelSecrets(BrowserTunnels *tunnels, SecretPrompt *prompt,
                         std::function<void(const QString &service, const Error &error)> report)
{
    // Services opened again after an answer: a second missing secret is reported, not
    // asked again, so a refused answer cannot loop.
    auto retried = std::make_shared<QSet<QString>>();
    const QPointer<BrowserTunnels> guarded(tunnels);
    QObject::connect(tunnels, &BrowserTunnels::opened, prompt,
                     [retried](const QString &service) { retried->remove(service); });
    QObject::connect(
        tunnels, &BrowserTunnels::failed, prompt,
        [guarded, prompt, report, retried](const QString &serviceName, const Error &error) {
            if (!SecretPrompt::isSecretMissing(error) || retried->contains(serviceName)) {
                retried->remove(serviceName);
                report(serviceName, error);
                return;
            }
            const Workspace &ws = guarded->workspace();
            const Service *service = ws.service(serviceName);
            const Host *via = service ? ws.host(service->via) : nullptr;
            if (!via || !prompt->ask(*via, prompt,
                                     [guarded, report, retried, serviceName](Result<void> answer) {
                                         if (!answer) {
                                             report(serviceName, answer.error());
                                             return;
                                         }
                                         if (!guarded)
                                             return;
                                         retried->insert(serviceName);
                                         guarded->open(serviceName);
                                     })) {
                report(serviceName, error);
            }
        });
}

} // namespace ph
