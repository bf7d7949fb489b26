// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/secretprompt.h"

#include "console/browsertunnels.h"
#include "console/hostcredentials.h"
#include "secrets/secretstore.h"
#include "ssh/knownhosts.h"
#include "ssh/sshsession.h"
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

const Host *SecretPrompt::hostMissingSecret(const Workspace &workspace, const QString &hostName,
                                            const QString &errorMessage)
{
    // A hop that logged in fine is not named in the error of a host behind it; the first
    // one named (in connection order) is where the chain broke.
    const auto names = [&errorMessage](const QString &hop) {
        for (qsizetype at = errorMessage.indexOf(hop); at >= 0;
             at = errorMessage.indexOf(hop, at + 1)) {
            // "10.0.0.1" must not match inside "10.0.0.12".
            const qsizetype end = at + hop.size();
            const QChar next = end < errorMessage.size() ? errorMessage.at(end) : u' ';
            const QChar before = at > 0 ? errorMessage.at(at - 1) : u' ';
            const auto partOfName = [](QChar c) {
                return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_';
            };
            if (!partOfName(next) && !partOfName(before))
                return true;
        }
        return false;
    };
    const Result<QList<Host>> chain = SshTarget::jumpChain(workspace, hostName);
    if (chain) {
        for (const Host &jump : *chain) {
            const Host *hop = workspace.host(jump.name);
            if (hop && canAsk(*hop) && names(KnownHosts::hostName(hop->address, hop->port)))
                return hop;
        }
    }
    return workspace.host(hostName);
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
    // The hosts already asked for while opening each service: a host lacking its secret
    // again is reported, not asked again, so a refused answer cannot loop. A jump host and
    // the host behind it may each lack theirs, so each is asked once.
    auto asked = std::make_shared<QHash<QString, QSet<QString>>>();
    const QPointer<BrowserTunnels> guarded(tunnels);
    QObject::connect(tunnels, &BrowserTunnels::opened, prompt,
                     [asked](const QString &service) { asked->remove(service); });
    QObject::connect(
        tunnels, &BrowserTunnels::failed, prompt,
        [guarded, prompt, report, asked](const QString &serviceName, const Error &error) {
            const Workspace &ws = guarded->workspace();
            const Service *service = ws.service(serviceName);
            // A jump host in front of the service's host may be the one lacking its secret.
            const Host *host =
                service && SecretPrompt::isSecretMissing(error)
                    ? SecretPrompt::hostMissingSecret(ws, service->via, error.message)
                    : nullptr;
            if (!host || asked->value(serviceName).contains(host->name)) {
                asked->remove(serviceName);
                report(serviceName, error);
                return;
            }
            const QString hostName = host->name;
            if (!prompt->ask(*host, prompt,
                             [guarded, report, asked, serviceName, hostName](Result<void> answer) {
                                 if (!answer) {
                                     asked->remove(serviceName);
                                     report(serviceName, answer.error());
                                     return;
                                 }
                                 if (!guarded)
                                     return;
                                 (*asked)[serviceName].insert(hostName);
                                 guarded->open(serviceName);
                             })) {
                asked->remove(serviceName);
                report(serviceName, error);
            }
        });
}

} // namespace ph
