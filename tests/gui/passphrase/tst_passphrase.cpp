// SPDX-License-Identifier: GPL-3.0-or-later
// PassphraseDialog on the offscreen platform, the Remote view asking for a missing key
// passphrase and running the command again (real sshd on 127.0.0.1), and the "Open in
// browser" entry points (Health row menu, Remote host menu, status bar tunnel list).
// SecretPrompt asking once per host for the Backups page, "Open in browser" through a
// tunnel and group commands, retrying only what lacked the secret.
#include "console/browsertunnels.h"
#include "console/hostcommands.h"
#include "console/hostcredentials.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "tcpowners.h"
#include "ui/backups/backupspanel.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dialogs/passphrasedialog.h"
#include "ui/dialogs/secretprompt.h"
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

private:
    Workspace workspace() const;
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

    SshSessionPool pool(sessionOptions());
    HostCredentials credentials(nullptr);
    credentials.setWorkspaceName(ws.name);
    BrowserTunnels tunnels(&pool, &credentials);
    tunnels.setWorkspace(ws);
    QList<QUrl> opened;
    tunnels.setUrlOpener([&opened](const QUrl &url) {
        opened.append(url);
        return true;
    });
    QWidget window;
    SecretPrompt prompt(&credentials, nullptr, &window);
    QList<Error> reported;
    askForTunnelSecrets(&tunnels, &prompt, [&reported](const QString &, const Error &error) {
        reported.append(error);
    });
    QSignalSpy asked(&prompt, &SecretPrompt::questionOpened);

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

QTEST_MAIN(TestPassphrase)
#include "tst_passphrase.moc"
