// SPDX-License-Identifier: GPL-3.0-or-later
// PassphraseDialog on the offscreen platform, the Remote view asking for a missing key
// passphrase and running the command again (real sshd on 127.0.0.1), and the "Open in
// browser" entry points (Health row menu, Remote host menu, status bar tunnel list).
// SecretPrompt asking once per host for the Backups page, "Open in browser" through a
// tunnel and group commands, retrying only what lacked the secret. A jump host lacking its
// own secret is the one asked about. The Health view offers the question for a probe
// tunnel (only on a click) and the row turns OK once answered; that test uses the
// console's keychain, so run under dbus-run-session with an unlocked gnome-keyring.
#include "console/browsertunnels.h"
#include "console/console.h"
#include "console/hostcommands.h"
#include "console/hostcredentials.h"
#include "pageserver.h"
#include "secrets/secretstore.h"
#include "ssh/knownhosts.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "tcpowners.h"
#include "ui/backups/backupspanel.h"
#include "ui/consolewindowbinder.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dialogs/passphrasedialog.h"
#include "ui/dialogs/secretprompt.h"
#include "ui/mainwindow.h"
#include "ui/remote/outputpane.h"
#include "ui/remote/remoteview.h"
#include "ui/widgets/tunnelindicator.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QString kPassphrase = u"open sesame 4711"_s;

/// Answers @p dialog: the passphrase and OK, or Cancel.
void answer(PassphraseDialog *dialog, bool give)
{
    if (give) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"passphraseEdit"_s), kPassphrase);
        dialog->findChild<QPushButton *>(u"passphraseOkButton"_s)->click();
    } else {
        dialog->findChild<QPushButton *>(u"passphraseCancelButton"_s)->click();
    }
}

/// "Open in browser" wired as the window wires it: tunnels over @p credentials, the secret
/// question asked through a SecretPrompt, opened URLs and reported errors collected.
struct BrowserRig
{
    BrowserRig(const Workspace &ws, HostCredentials *credentials, const SshSessionOptions &options)
        : pool(options)
        , tunnels(&pool, credentials)
        , prompt(credentials, nullptr, &window)
        , asked(&prompt, &SecretPrompt::questionOpened)
    {
        tunnels.setWorkspace(ws);
        tunnels.setUrlOpener([this](const QUrl &url) {
            opened.append(url);
            return true;
        });
        askForTunnelSecrets(&tunnels, &prompt, [this](const QString &, const Error &error) {
            reported.append(error);
        });
    }

    SshSessionPool pool;
    BrowserTunnels tunnels;
    QWidget window;
    SecretPrompt prompt;
    QSignalSpy asked;
    QList<QUrl> opened;
    QList<Error> reported;
};

} // namespace

class TestPassphrase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dialogShowsHostAndKeyNeverEchoes();
    void dialogWithoutEntryCannotSave();
    void remoteViewAsksOnceAndRetries_data();
    void remoteViewAsksOnceAndRetries();
    void openInBrowserMenus();
    void remoteViewThroughJumpHost();
    void backupsListAsksOnce_data();
    void backupsListAsksOnce();
    void openInBrowserAsksOnce_data();
    void openInBrowserAsksOnce();
    void groupAsksOncePerHostAndRetriesThose();
    void hostMissingSecretNamesTheBrokenHop_data();
    void hostMissingSecretNamesTheBrokenHop();
    void jumpHostLackingItsSecretIsAsked_data();
    void jumpHostLackingItsSecretIsAsked();
    void healthAsksForTunnelSecretOnlyOnClick_data();
    void healthAsksForTunnelSecretOnlyOnClick();

private:
    Workspace workspace() const;
    /// workspace() with "inner" (@p inner's sshd, its plain client key, no secret) behind
    /// the jump host "locked", in the group "inside", and the service "grafana" via inner.
    Workspace jumpWorkspace(const SshdFixture &inner) const;
    SshSessionOptions sessionOptions() const;

    SshdFixture m_sshd;
    QTemporaryDir m_dir;
    QString m_key;
    QString m_knownHosts;
};

void TestPassphrase::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    m_key = m_sshd.makeEncryptedAuthorizedKey(u"encrypted_key"_s, kPassphrase);
    QVERIFY(!m_key.isEmpty());
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::WriteOnly));
    known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    known.close();
    // No agent: the encrypted key is the only way in.
    qunsetenv("SSH_AUTH_SOCK");
}

Workspace TestPassphrase::workspace() const
{
    Workspace ws;
    ws.name = u"Passphrase test"_s;
    Environment env;
    env.name = u"staging"_s;
    ws.environments = {env};
    Host host;
    host.name = u"locked"_s;
    host.environment = u"staging"_s;
    host.address = m_sshd.host();
    host.port = m_sshd.port();
    host.user = m_sshd.user();
    host.auth = u"key"_s;
    host.identityFile = m_key;
    host.secretRef = u"locked-key"_s;
    ws.hosts = {host};
    Service grafana;
    grafana.name = u"grafana"_s;
    grafana.environment = u"staging"_s;
    grafana.baseUrl = QUrl(u"http://localhost:3001/"_s);
    grafana.via = host.name;
    EndpointSpec health;
    health.name = u"health"_s;
    health.path = u"/api/health"_s;
    grafana.endpoints = {health};
    ws.services = {grafana};
    return ws;
}

SshSessionOptions TestPassphrase::sessionOptions() const
{
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    return options;
}

void TestPassphrase::dialogShowsHostAndKeyNeverEchoes()
{
    PassphraseDialog dialog(PassphraseDialog::Kind::KeyPassphrase, u"bot-core"_s,
                            u"/home/op/.ssh/id_ed25519"_s, u"Prod/bot-core-key"_s);
    dialog.show();
    QCOMPARE(dialog.findChild<QLabel *>(u"passphraseHost"_s)->text(), u"bot-core"_s);
    QCOMPARE(dialog.findChild<QLabel *>(u"passphraseKeyFile"_s)->text(),
             u"/home/op/.ssh/id_ed25519"_s);
    auto *edit = dialog.findChild<QLineEdit *>(u"passphraseEdit"_s);
    auto *ok = dialog.findChild<QPushButton *>(u"passphraseOkButton"_s);
    auto *save = dialog.findChild<QCheckBox *>(u"saveInKeychainCheck"_s);
    QVERIFY(edit && ok && save);
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    QVERIFY(!ok->isEnabled());
    QVERIFY(save->isEnabled());
    QVERIFY(!save->isChecked());
    QVERIFY(save->toolTip().contains(u"Prod/bot-core-key"_s));
    QTest::keyClicks(edit, u"s3cret"_s);
    QVERIFY(ok->isEnabled());
    QCOMPARE(dialog.secret(), u"s3cret"_s);
    // The secret is nowhere in the dialog's visible text.
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        QVERIFY(!label->text().contains(u"s3cret"_s));
    QVERIFY(!dialog.saveInKeychain());
    save->setChecked(true);
    QVERIFY(dialog.saveInKeychain());
    QSignalSpy finished(&dialog, &QDialog::finished);
    ok->click();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));
}

void TestPassphrase::dialogWithoutEntryCannotSave()
{
    PassphraseDialog dialog(PassphraseDialog::Kind::Password, u"db"_s, {}, {});
    auto *save = dialog.findChild<QCheckBox *>(u"saveInKeychainCheck"_s);
    QVERIFY(!save->isEnabled());
    save->setChecked(true);
    QVERIFY(!dialog.saveInKeychain());
    QVERIFY(!dialog.findChild<QLabel *>(u"passphraseKeyFile"_s)); // no key for a password
}

void TestPassphrase::remoteViewAsksOnceAndRetries_data()
{
    QTest::addColumn<bool>("answer");
    QTest::newRow("passphrase given") << true;
    QTest::newRow("cancelled") << false;
}

void TestPassphrase::remoteViewAsksOnceAndRetries()
{
    QFETCH(bool, answer);
    HostCredentials credentials(nullptr); // no keychain: it has no entry, by construction
    credentials.setWorkspaceName(u"Passphrase test"_s);
    RemoteView view;
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    view.setSessionOptions(options);
    view.setHostCredentials(&credentials);
    view.setWorkspace(workspace());
    view.resize(900, 500);
    view.show();
    QVERIFY(view.selectTarget(u"locked"_s));

    QSignalSpy finished(&view, &RemoteView::commandFinished);
    view.runCommand(u"echo unlocked"_s);
    PassphraseDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<PassphraseDialog *>()) != nullptr, 20000);
    QCOMPARE(dialog->hostName(), u"locked"_s);
    QVERIFY(finished.isEmpty()); // not finished while asking
    if (answer) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"passphraseEdit"_s), kPassphrase);
        dialog->findChild<QPushButton *>(u"passphraseOkButton"_s)->click();
    } else {
        dialog->findChild<QPushButton *>(u"passphraseCancelButton"_s)->click();
    }
    // A cancel answers at once, a retry after the login: wait for either.
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    const auto result = finished.first().at(1).value<CommandResult>();
    if (answer) {
        QVERIFY2(!result.failed, qPrintable(result.error.toString()));
        // Root logins run on a terminal (see RemoteView::usesPty): "\r\n" then.
        QCOMPARE(result.stdoutTail.trimmed(), QByteArray("unlocked"));
        // Kept for this session only: the next command does not ask again.
        QVERIFY(credentials.hasSessionSecret(workspace().hosts.first()));
        finished.clear();
        view.runCommand(u"echo again"_s);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(1).value<CommandResult>().stdoutTail.trimmed(),
                 QByteArray("again"));
        // An answered dialog is deleted later; a second one left open would stay.
        QTRY_VERIFY(view.findChildren<PassphraseDialog *>().isEmpty());
    } else {
        QVERIFY(result.failed);
        QCOMPARE(result.error.code, u"ssh.auth_cancelled"_s);
        QVERIFY(result.error.message.contains(u"cancelled"_s));
        QVERIFY(!credentials.hasSessionSecret(workspace().hosts.first()));
        QVERIFY(view.pane(u"locked"_s)->visibleText().contains(u"Authentication cancelled"_s));
    }
}

void TestPassphrase::openInBrowserMenus()
{
    // Remote view: the host's menu lists the services reached through it.
    RemoteView remote;
    remote.setWorkspace(workspace());
    QSignalSpy remoteAsked(&remote, &RemoteView::openInBrowserRequested);
    std::unique_ptr<QMenu> hostMenu(remote.hostMenu(u"locked"_s));
    QAction *open = hostMenu->findChild<QAction *>(u"openInBrowser:grafana"_s);
    QVERIFY(open);
    open->trigger();
    QCOMPARE(remoteAsked.size(), 1);
    QCOMPARE(remoteAsked.first().first().toString(), u"grafana"_s);
    std::unique_ptr<QMenu> none(remote.hostMenu(u"other"_s));
    QCOMPARE(none->actions().size(), 1);
    QVERIFY(!none->actions().first()->isEnabled());

    // Health view: the row's menu and the detail's button.
    HealthView health;
    health.model()->setServices(workspace().services);
    QVERIFY(health.model()->rowCount() > 0);
    health.table()->selectRow(0);
    QSignalSpy healthAsked(&health, &HealthView::openInBrowserRequested);
    std::unique_ptr<QMenu> rowMenu(health.rowMenu(0));
    rowMenu->findChild<QAction *>(u"openInBrowser"_s)->trigger();
    QVERIFY(health.openInBrowserButton()->isEnabled());
    health.openInBrowserButton()->click();
    QCOMPARE(healthAsked.size(), 2);
    QCOMPARE(healthAsked.at(1).first().toString(), u"grafana"_s);

    // Status bar: hidden without tunnels.
    SshSessionPool pool;
    HostCredentials credentials(nullptr);
    BrowserTunnels tunnels(&pool, &credentials);
    TunnelIndicator indicator;
    indicator.setTunnels(&tunnels);
    QVERIFY(indicator.isHidden());
    QVERIFY(indicator.menu()->actions().isEmpty());
}

void TestPassphrase::remoteViewThroughJumpHost()
{
    // "inner" (the encrypted-key sshd) is reached only through "gate", a second sshd; the
    // passphrase was given earlier this session, so nothing is asked.
    SshdFixture gate;
    QVERIFY2(gate.start(), qPrintable(gate.errorString()));
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::Append));
    known.write(gate.knownHostsLine().toUtf8() + '\n');
    known.close();

    Workspace ws = workspace();
    Host inner = ws.hosts.first();
    inner.name = u"inner"_s;
    inner.jump = u"gate"_s;
    inner.groups = {u"inside"_s};
    Host jump;
    jump.name = u"gate"_s;
    jump.environment = u"staging"_s;
    jump.address = gate.host();
    jump.port = gate.port();
    jump.user = gate.user();
    jump.auth = u"key"_s;
    jump.identityFile = gate.clientKeyPath();
    ws.hosts = {jump, inner};

    HostCredentials credentials(nullptr);
    credentials.setWorkspaceName(ws.name);
    credentials.rememberForSession(inner, kPassphrase);
    RemoteView view;
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    view.setSessionOptions(options);
    view.setHostCredentials(&credentials);
    view.setWorkspace(ws);
    view.show();

    // One host.
    QVERIFY(view.selectTarget(u"inner"_s));
    QSignalSpy finished(&view, &RemoteView::commandFinished);
    view.runCommand(u"echo behind-the-gate"_s);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
    const auto result = finished.first().at(1).value<CommandResult>();
    QVERIFY2(!result.failed, qPrintable(result.error.toString()));
    QCOMPARE(result.stdoutTail.trimmed(), QByteArray("behind-the-gate"));
    // An answered dialog is deleted later; a second one left open would stay.
    QTRY_VERIFY(view.findChildren<PassphraseDialog *>().isEmpty());
    QVERIFY2(reachedOnlyThrough(m_sshd.port(), gate.pid()),
             qPrintable(describeConnectionOwners(m_sshd.port())));

    // The group: fan-out through the same jump host.
    QVERIFY(view.selectTarget(u"inside"_s, u"staging"_s));
    QCOMPARE(view.target().kind, RemoteView::Target::Kind::Group);
    QSignalSpy done(&view, &RemoteView::groupFinished);
    view.runCommand(u"echo group-behind-the-gate"_s);
    QVERIFY(done.wait(30000));
    QTableWidget *matrix = view.outcomeMatrix();
    QCOMPARE(matrix->rowCount(), 1);
    QCOMPARE(matrix->item(0, 0)->text(), u"inner"_s);
    QCOMPARE(matrix->item(0, 1)->data(Qt::UserRole).toString(), u"ok"_s);
    QVERIFY(view.pane(u"inner"_s)->visibleText().contains(u"group-behind-the-gate"_s));
}

void TestPassphrase::backupsListAsksOnce_data()
{
    QTest::addColumn<bool>("give");
    QTest::newRow("passphrase given") << true;
    QTest::newRow("cancelled") << false;
}

void TestPassphrase::backupsListAsksOnce()
{
    QFETCH(bool, give);
    const QString folder = m_dir.filePath(u"backups"_s);
    QVERIFY(QDir().mkpath(folder));
    QFile archive(folder + u"/db-1.tar.gz"_s);
    QVERIFY(archive.open(QIODevice::WriteOnly));
    archive.close();

    SshSessionPool pool(sessionOptions());
    HostCommands commands(nullptr, &pool); // no keychain: it has no entry, by construction
    commands.setWorkspace(workspace());
    // Two jobs on the one locked host: one question answers both.
    QList<BackupJob> jobs;
    for (const QString &name : {u"nightly"_s, u"hourly"_s}) {
        BackupJob job;
        job.name = name;
        job.environment = u"staging"_s;
        job.host = u"locked"_s;
        job.location = folder;
        job.pattern = u"*.tar.gz"_s;
        job.schedule = u"hourly"_s;
        job.rpoMinutes = 120;
        jobs.append(job);
    }
    BackupsPanel panel;
    panel.setHostCommands(&commands);
    panel.setJobs(jobs, u"staging"_s, false, {});
    panel.refresh();

    PassphraseDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = panel.findChild<PassphraseDialog *>()) != nullptr, 20000);
    QCOMPARE(dialog->hostName(), u"locked"_s);
    auto *prompt = panel.findChild<SecretPrompt *>();
    QVERIFY(prompt);
    QSignalSpy asked(prompt, &SecretPrompt::questionOpened);
    QCOMPARE(panel.findChildren<PassphraseDialog *>().size(), 1);
    QVERIFY(!panel.jobState(0).listed);
    answer(dialog, give);

    const Host locked = workspace().hosts.first();
    if (give) {
        QTRY_VERIFY2_WITH_TIMEOUT(
            panel.jobState(0).listed && panel.jobState(1).listed,
            qPrintable(panel.jobState(0).error + u" / "_s + panel.jobState(1).error), 20000);
        for (int i = 0; i < 2; ++i) {
            QVERIFY2(panel.jobState(i).error.isEmpty(), qPrintable(panel.jobState(i).error));
            QCOMPARE(panel.jobState(i).listing.archives.size(), 1);
        }
        QVERIFY(commands.credentials()->hasSessionSecret(locked));
        // Listed again: the answer holds, nothing is asked.
        const QDateTime before = panel.jobState(0).listedAt;
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!panel.jobState(0).busy && !panel.jobState(1).busy, 20000);
        QVERIFY(panel.jobState(0).listedAt >= before);
        QVERIFY2(panel.jobState(0).error.isEmpty(), qPrintable(panel.jobState(0).error));
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!panel.jobState(0).busy && !panel.jobState(1).busy, 20000);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(!panel.jobState(i).listed);
            QVERIFY2(panel.jobState(i).error.contains(u"cancelled"_s),
                     qPrintable(panel.jobState(i).error));
        }
        QVERIFY(!commands.credentials()->hasSessionSecret(locked));
    }
    QCOMPARE(asked.size(), 0);
    // An answered dialog is deleted later; a second one left open would stay.
    QTRY_VERIFY(panel.findChildren<PassphraseDialog *>().isEmpty());
}

void TestPassphrase::openInBrowserAsksOnce_data()
{
    QTest::addColumn<bool>("give");
    QTest::newRow("passphrase given") << true;
    QTest::newRow("cancelled") << false;
}

void TestPassphrase::openInBrowserAsksOnce()
{
    QFETCH(bool, give);
    // The "service" behind the host: anything listening on the host's loopback.
    QTcpServer service;
    QVERIFY(service.listen(QHostAddress::LocalHost, 0));
    Workspace ws = workspace();
    ws.services.first().baseUrl = QUrl(u"http://localhost:%1/login"_s.arg(service.serverPort()));

    HostCredentials credentials(nullptr);
    credentials.setWorkspaceName(ws.name);
    BrowserRig rig(ws, &credentials, sessionOptions());
    auto &[pool, tunnels, window, prompt, asked, opened, reported] = rig;

    tunnels.open(u"grafana"_s);
    QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
    PassphraseDialog *dialog = prompt.dialogFor(u"locked"_s);
    QVERIFY(dialog);
    QVERIFY(opened.isEmpty());
    answer(dialog, give);
    if (give) {
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
        QCOMPARE(opened.first().host(), u"127.0.0.1"_s);
        QCOMPARE(opened.first().path(), u"/login"_s);
        // Opened again: the same tunnel, nothing asked.
        tunnels.open(u"grafana"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, 20000);
        QCOMPARE(opened.at(1), opened.first());
        QVERIFY(reported.isEmpty());
        QVERIFY(credentials.hasSessionSecret(ws.hosts.first()));
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(reported.size(), 1, 20000);
        QCOMPARE(reported.first().code, u"ssh.auth_cancelled"_s);
        QVERIFY(opened.isEmpty());
        QVERIFY(!credentials.hasSessionSecret(ws.hosts.first()));
    }
    QCOMPARE(asked.size(), 1);
}

void TestPassphrase::groupAsksOncePerHostAndRetriesThose()
{
    // Two hosts on encrypted keys, each with its own secret, and one that needs none; each
    // its own sshd, since the pool shares one session per address.
    SshdFixture second;
    SshdFixture third;
    QVERIFY2(second.start(), qPrintable(second.errorString()));
    QVERIFY2(third.start(), qPrintable(third.errorString()));
    const QString secondKey = second.makeEncryptedAuthorizedKey(u"second_key"_s, kPassphrase);
    QVERIFY(!secondKey.isEmpty());
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::Append));
    known.write(second.knownHostsLine().toUtf8() + '\n' + third.knownHostsLine().toUtf8() + '\n');
    known.close();

    Workspace ws = workspace();
    Host first = ws.hosts.first();
    first.name = u"locked-a"_s;
    first.secretRef = u"locked-a-key"_s;
    first.groups = {u"pair"_s};
    Host other = first;
    other.name = u"locked-b"_s;
    other.secretRef = u"locked-b-key"_s;
    other.address = second.host();
    other.port = second.port();
    other.user = second.user();
    other.identityFile = secondKey;
    Host open = first;
    open.name = u"open"_s;
    open.address = third.host();
    open.port = third.port();
    open.user = third.user();
    open.identityFile = third.clientKeyPath();
    open.secretRef.clear();
    ws.hosts = {first, other, open};
    ws.services.clear();

    HostCredentials credentials(nullptr);
    credentials.setWorkspaceName(ws.name);
    RemoteView view;
    view.setSessionOptions(sessionOptions());
    view.setHostCredentials(&credentials);
    view.setWorkspace(ws);
    view.resize(900, 500);
    view.show();
    QVERIFY(view.selectTarget(u"pair"_s, u"staging"_s));
    QCOMPARE(view.target().kind, RemoteView::Target::Kind::Group);

    QSignalSpy hostDone(&view, &RemoteView::commandFinished);
    QSignalSpy groupDone(&view, &RemoteView::groupFinished);
    view.runCommand(u"echo grouped"_s);
    QStringList askedFor;
    for (int i = 0; i < 2; ++i) {
        // One dialog at a time, each for a host not asked before.
        QTRY_COMPARE_WITH_TIMEOUT(view.findChildren<PassphraseDialog *>().size(), 1, 30000);
        PassphraseDialog *dialog = view.findChild<PassphraseDialog *>();
        QVERIFY(!askedFor.contains(dialog->hostName()));
        askedFor.append(dialog->hostName());
        QVERIFY(groupDone.isEmpty()); // not finished while asking
        answer(dialog, true);
        QTRY_VERIFY(view.findChildren<PassphraseDialog *>().size() != 1 ||
                    view.findChild<PassphraseDialog *>()->hostName() != askedFor.last());
    }
    askedFor.sort();
    QCOMPARE(askedFor, (QStringList{u"locked-a"_s, u"locked-b"_s}));
    QTRY_COMPARE_WITH_TIMEOUT(groupDone.size(), 1, 30000);
    // An answered dialog is deleted later; a second one left open would stay.
    QTRY_VERIFY(view.findChildren<PassphraseDialog *>().isEmpty());

    QTableWidget *matrix = view.outcomeMatrix();
    QCOMPARE(matrix->rowCount(), 3);
    for (int row = 0; row < 3; ++row)
        QCOMPARE(matrix->item(row, 1)->data(Qt::UserRole).toString(), u"ok"_s);
    // Only the hosts that lacked the secret ran twice.
    QHash<QString, int> runs;
    for (const QList<QVariant> &args : std::as_const(hostDone))
        ++runs[args.first().toString()];
    QCOMPARE(runs.value(u"open"_s), 1);
    QCOMPARE(runs.value(u"locked-a"_s), 2);
    QCOMPARE(runs.value(u"locked-b"_s), 2);
    QVERIFY(view.pane(u"locked-a"_s)->visibleText().contains(u"grouped"_s));
}

void TestPassphrase::hostMissingSecretNamesTheBrokenHop_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("expected"); ///< empty = null

    const QString gate = KnownHosts::hostName(u"127.0.0.1"_s, 2201);
    const QString mid = KnownHosts::hostName(u"10.0.0.1"_s, 22);
    const QString target = KnownHosts::hostName(u"10.0.0.12"_s, 22);
    const QString logIn = u"Could not log in to %1 as op. Tried: key file /k: it needs a "
                          "passphrase and none is stored in the keychain."_s;
    const QString through = u"Could not connect to %1 through the jump host %2: %3"_s;
    QTest::newRow("direct host") << u"gate"_s << logIn.arg(gate) << u"gate"_s;
    // Also: 10.0.0.1 (mid) is a prefix of 10.0.0.12 (target), yet not named by it.
    QTest::newRow("target's own login") << u"target"_s << logIn.arg(target) << u"target"_s;
    QTest::newRow("last jump host's login")
        << u"target"_s << through.arg(target, mid, logIn.arg(mid)) << u"mid"_s;
    QTest::newRow("first jump host's login")
        << u"target"_s << through.arg(target, mid, through.arg(mid, gate, logIn.arg(gate)))
        << u"gate"_s;
    QTest::newRow("tunnel error") << u"mid"_s
                                  << u"tunnel via mid: "_s + through.arg(mid, gate, logIn.arg(gate))
                                  << u"gate"_s;
    QTest::newRow("unknown host") << u"nowhere"_s << logIn.arg(gate) << QString();
}

void TestPassphrase::hostMissingSecretNamesTheBrokenHop()
{
    QFETCH(QString, host);
    QFETCH(QString, message);
    QFETCH(QString, expected);
    Workspace ws;
    const auto add = [&ws](const QString &name, const QString &address, int port,
                           const QString &jump) {
        Host h;
        h.name = name;
        h.address = address;
        h.port = port;
        h.auth = u"key"_s;
        h.secretRef = name + u"-key"_s;
        h.jump = jump;
        ws.hosts.append(h);
    };
    add(u"gate"_s, u"127.0.0.1"_s, 2201, {});
    add(u"mid"_s, u"10.0.0.1"_s, 22, u"gate"_s);
    add(u"target"_s, u"10.0.0.12"_s, 22, u"mid"_s);
    const Host *asked = SecretPrompt::hostMissingSecret(ws, host, message);
    QCOMPARE(asked ? asked->name : QString(), expected);
}

Workspace TestPassphrase::jumpWorkspace(const SshdFixture &inner) const
{
    Workspace ws = workspace();
    Host target;
    target.name = u"inner"_s;
    target.environment = u"staging"_s;
    target.address = inner.host();
    target.port = inner.port();
    target.user = inner.user();
    target.auth = u"key"_s;
    target.identityFile = inner.clientKeyPath();
    target.jump = u"locked"_s;
    target.groups = {u"inside"_s};
    ws.hosts.append(target);
    ws.services.first().via = target.name;
    return ws;
}

void TestPassphrase::jumpHostLackingItsSecretIsAsked_data()
{
    QTest::addColumn<QString>("where");
    QTest::newRow("single run") << u"single"_s;
    QTest::newRow("group run") << u"group"_s;
    QTest::newRow("open in browser") << u"browser"_s;
}

void TestPassphrase::jumpHostLackingItsSecretIsAsked()
{
    // "inner" logs in without a secret; the jump host in front of it ("locked", the
    // encrypted-key sshd) lacks its passphrase. The question is about the jump host.
    QFETCH(QString, where);
    SshdFixture inner;
    QVERIFY2(inner.start(), qPrintable(inner.errorString()));
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::Append));
    known.write(inner.knownHostsLine().toUtf8() + '\n');
    known.close();
    PageServer page;
    QVERIFY(page.listen(QHostAddress::LocalHost, 0));
    Workspace ws = jumpWorkspace(inner);
    ws.services.first().baseUrl = QUrl(u"http://127.0.0.1:%1/login"_s.arg(page.serverPort()));
    const Host locked = ws.hosts.first();

    HostCredentials credentials(nullptr);
    credentials.setWorkspaceName(ws.name);
    if (where == u"browser"_s) {
        BrowserRig rig(ws, &credentials, sessionOptions());
        auto &[pool, tunnels, window, prompt, asked, opened, reported] = rig;
        tunnels.open(u"grafana"_s);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 20000);
        QCOMPARE(asked.first().first().toString(), u"locked"_s);
        QVERIFY(!prompt.dialogFor(u"inner"_s));
        answer(prompt.dialogFor(u"locked"_s), true);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 20000);
        QCOMPARE(opened.first().path(), u"/login"_s);
        QVERIFY2(reported.isEmpty(), qPrintable(reported.value(0).toString()));
        QCOMPARE(asked.size(), 1);
        QVERIFY(credentials.hasSessionSecret(locked));
        return;
    }

    RemoteView view;
    view.setSessionOptions(sessionOptions());
    view.setHostCredentials(&credentials);
    view.setWorkspace(ws);
    view.resize(900, 500);
    view.show();
    const bool group = where == u"group"_s;
    QVERIFY(group ? view.selectTarget(u"inside"_s, u"staging"_s) : view.selectTarget(u"inner"_s));
    QSignalSpy finished(&view, &RemoteView::commandFinished);
    QSignalSpy groupDone(&view, &RemoteView::groupFinished);
    view.runCommand(u"echo past-the-locked-gate"_s);
    PassphraseDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = view.findChild<PassphraseDialog *>()) != nullptr, 30000);
    QCOMPARE(dialog->hostName(), u"locked"_s);
    answer(dialog, true);
    if (group) {
        QTRY_COMPARE_WITH_TIMEOUT(groupDone.size(), 1, 30000);
        QTableWidget *matrix = view.outcomeMatrix();
        QCOMPARE(matrix->rowCount(), 1);
        QCOMPARE(matrix->item(0, 0)->text(), u"inner"_s);
        QCOMPARE(matrix->item(0, 1)->data(Qt::UserRole).toString(), u"ok"_s);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        const auto result = finished.last().at(1).value<CommandResult>();
        QVERIFY2(!result.failed, qPrintable(result.error.toString()));
    }
    QVERIFY(view.pane(u"inner"_s)->visibleText().contains(u"past-the-locked-gate"_s));
    QVERIFY(credentials.hasSessionSecret(locked));
    // An answered dialog is deleted later; a second one left open would stay.
    QTRY_VERIFY(view.findChildren<PassphraseDialog *>().isEmpty());
}

void TestPassphrase::healthAsksForTunnelSecretOnlyOnClick_data()
{
    QTest::addColumn<bool>("give");
    QTest::newRow("passphrase given and saved") << true;
    QTest::newRow("cancelled") << false;
}

void TestPassphrase::healthAsksForTunnelSecretOnlyOnClick()
{
    QFETCH(bool, give);
    // The console reads the test HOME's ~/.ssh/known_hosts; never the user's own.
    const QString home = QDir::homePath();
    QVERIFY2(home.startsWith(QStringLiteral(PILOTHOUSE_BINARY_DIR)),
             "run through ctest, which gives the test a private HOME");
    QVERIFY(QDir().mkpath(home + u"/.ssh"_s));
    QFile known(home + u"/.ssh/known_hosts"_s);
    QVERIFY(known.open(QIODevice::WriteOnly | QIODevice::Truncate));
    known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    known.close();

    PageServer page("health-page-behind-the-tunnel");
    QVERIFY(page.listen(QHostAddress::LocalHost, 0));
    QFile templ(QStringLiteral(PILOTHOUSE_SOURCE_DIR "/tests/gui/passphrase/probesecret.jsonc.in"));
    QVERIFY(templ.open(QIODevice::ReadOnly));
    const QString wsName = u"ProbeSecret-"_s + QUuid::createUuid().toString(QUuid::Id128);
    const QString text = QString::fromUtf8(templ.readAll())
                             .arg(wsName)
                             .arg(m_sshd.port())
                             .arg(m_sshd.user(), m_key)
                             .arg(page.serverPort());
    const QString path = m_dir.filePath(wsName + u".jsonc"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();

    Console console;
    Console::Options options;
    options.workspacePath = path;
    options.databasePath = m_dir.filePath(wsName + u".sqlite"_s);
    options.keychainService = u"pilothouse-test-"_s + wsName;
    const Result<void> opened = console.open(options);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
    MainWindow window;
    ConsoleWindowBinder binder(&console, &window);
    window.resize(1200, 800);
    window.show();
    QSignalSpy results(&console, &Console::resultReady);
    console.start();

    HealthView *health = window.healthView();
    HealthModel *model = health->model();
    const int row = model->rowOf(u"grafana"_s, u"health"_s);
    QVERIFY(row >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(model->rowAt(row).last.errorCode == u"ssh.auth_secret_missing"_s,
                             20000);
    QCOMPARE(model->rowAt(row).last.verdict, Verdict::Down);
    health->table()->selectRow(row);
    QPushButton *enter = window.findChild<QPushButton *>(u"healthEnterSecret"_s);
    QVERIFY(enter);
    QVERIFY(enter->isVisible());
    QVERIFY2(enter->text().contains(u"locked"_s), qPrintable(enter->text()));

    // Rounds keep failing, and none of them asks by itself.
    const auto roundsSoFar = [&results] {
        int n = 0;
        for (const QList<QVariant> &args : std::as_const(results))
            n += args.first().value<ProbeResult>().service == u"grafana"_s ? 1 : 0;
        return n;
    };
    const int before = roundsSoFar();
    QTRY_VERIFY_WITH_TIMEOUT(roundsSoFar() >= before + 3, 20000);
    QVERIFY(window.findChildren<PassphraseDialog *>().isEmpty());

    enter->click();
    PassphraseDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.findChild<PassphraseDialog *>()) != nullptr, 5000);
    QCOMPARE(dialog->hostName(), u"locked"_s);
    if (give)
        dialog->findChild<QCheckBox *>(u"saveInKeychainCheck"_s)->setChecked(true);
    answer(dialog, give);

    const Host locked = *console.workspace().host(u"locked"_s);
    const QString entry = console.hostCommands()->credentials()->entryName(locked);
    const auto readEntry = [&console, &entry, this] {
        std::optional<Result<QString>> read;
        console.secrets()->read(entry, this, [&read](Result<QString> r) { read = r; });
        return QTest::qWaitFor([&read] { return read.has_value(); }, 20000)
                   ? read
                   : std::optional<Result<QString>>{};
    };
    if (give) {
        // At once, not at the tunnel's next chance minutes later.
        QTRY_COMPARE_WITH_TIMEOUT(model->rowAt(row).last.verdict, Verdict::Pass, 10000);
        QVERIFY(model->rowAt(row).last.errorCode.isEmpty());
        QVERIFY(page.requestCount() > 0);
        QTRY_VERIFY(!enter->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto stored = readEntry();
                return stored && *stored && **stored == kPassphrase;
            }(),
            20000);
        // Leave the throwaway keyring as found.
        std::optional<Result<void>> removed;
        console.secrets()->remove(entry, this, [&removed](Result<void> r) { removed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 20000);
    } else {
        const auto stored = readEntry();
        QVERIFY(stored.has_value());
        QVERIFY2(!*stored && stored->error().code == u"keychain.not_found"_s,
                 qPrintable(*stored ? u"an entry was stored"_s : stored->error().toString()));
        QVERIFY(!console.hostCommands()->credentials()->hasSessionSecret(locked));
        // Still failing, still offered, still never asked unbidden.
        const int after = roundsSoFar();
        QTRY_VERIFY_WITH_TIMEOUT(roundsSoFar() >= after + 2, 20000);
        QCOMPARE(model->rowAt(row).last.errorCode, u"ssh.auth_secret_missing"_s);
        QVERIFY(enter->isVisible());
        QTRY_VERIFY(window.findChildren<PassphraseDialog *>().isEmpty());
    }
    console.stop();
}

QTEST_MAIN(TestPassphrase)
#include "tst_passphrase.moc"
