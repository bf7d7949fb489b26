// SPDX-License-Identifier: GPL-3.0-or-later
// The Remote view against a real sshd: a workspace written here points a host at the
// fixture (key auth with the fixture's client key, its host key already known).
#include "audit/auditlog.h"
#include "console/auditrecorder.h"
#include "sshdfixture.h"
#include "storage/database.h"
#include "ui/dialogs/confirmdestructivedialog.h"
#include "ui/dialogs/hostkeydialog.h"
#include "ui/remote/commandedit.h"
#include "ui/remote/commandhistory.h"
#include "ui/remote/hosttreemodel.h"
#include "ui/remote/outputpane.h"
#include "ui/remote/remoteview.h"
#include "workspace/workspaceloader.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTreeView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QByteArray kSealKey(32, 's');

/// Processes on this machine whose command line is exactly @p argv (space-joined).
int processesRunning(const QByteArray &argv)
{
    int count = 0;
    QDirIterator it(u"/proc"_s, QDir::Dirs | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        QFile f(it.next() + u"/cmdline"_s);
        if (f.open(QIODevice::ReadOnly) && f.readAll().replace('\0', ' ').trimmed() == argv)
            ++count;
    }
    return count;
}

template <typename T> T *visibleChild(const QWidget *parent)
{
    const auto all = parent->findChildren<T *>();
    for (T *w : all) {
        if (w->isVisible())
            return w;
    }
    return nullptr;
}

} // namespace

class TestRemoteView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();

    void treeGroupsHosts();
    void commandHistory();
    void runShowsOutputAndExitStatus();
    void stderrLooksDifferent();
    void destructiveCancelledRunsNothing();
    void destructiveConfirmedRuns();
    void historyUpRecallsLastCommand();
    void cancelEndsRemoteProcess();
    void unknownHostKeyAsked_data();
    void unknownHostKeyAsked();
    void saveOutputWritesEverything();
    void groupRunShowsMatrixAndRetries();
    void productionNeedsTypedName();
    // Last: it gives the server a new host key.
    void changedHostKeyRefused();

private:
    void writeWorkspace();
    std::unique_ptr<RemoteView> makeView(const QString &knownHosts);
    CommandResult runAndWait(RemoteView &view, const QString &host, const QString &command);
    QList<AuditRecord> auditRecords() const;
    bool usesPty() const { return m_sshd.user() == u"root"_s; }

    SshdFixture m_sshd;
    QTemporaryDir m_dir;
    Workspace m_workspace;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<AuditRecorder> m_audit;
    QString m_knownHosts;
    QString m_emptyKnownHosts;
};

void TestRemoteView::initTestCase()
{
    qRegisterMetaType<ph::CommandResult>();
    QCoreApplication::setOrganizationName(u"PilothouseTest"_s);
    QCoreApplication::setApplicationName(u"tst_remoteview"_s);
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    QVERIFY(m_dir.isValid());

    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile kh(m_knownHosts);
    QVERIFY(kh.open(QIODevice::WriteOnly));
    kh.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    kh.close();
    m_emptyKnownHosts = m_dir.filePath(u"known_hosts.empty"_s);
    writeWorkspace();

    auto db = Database::open(m_dir.filePath(u"pilothouse.sqlite"_s));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

void TestRemoteView::cleanupTestCase()
{
    m_audit.reset();
    m_sshd.stop();
}

void TestRemoteView::init()
{
    QSettings().remove(u"remote/history"_s);
    // Every test gets its own empty file for unknown keys (accept-and-save writes to it).
    QFile::remove(m_emptyKnownHosts);
    SealKeyStore keys;
    keys.load = [] {
        return Result<std::optional<QString>>(QString::fromLatin1(kSealKey.toBase64()));
    };
    keys.store = [](const QString &) {
        return Result<void>();
    };
    m_audit = std::make_unique<AuditRecorder>(m_db, keys);
}

void TestRemoteView::cleanup()
{
    m_audit.reset();
}

void TestRemoteView::writeWorkspace()
{
    QFile templ(QStringLiteral(PILOTHOUSE_SOURCE_DIR "/tests/gui/remote/workspace.jsonc.in"));
    QVERIFY(templ.open(QIODevice::ReadOnly));
    const QString text =
        QString::fromUtf8(templ.readAll())
            .arg(QString::number(m_sshd.port()), m_sshd.user(), m_sshd.clientKeyPath());
    const QString path = m_dir.filePath(u"remote.workspace.jsonc"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text.toUtf8());
    f.close();
    auto loaded = WorkspaceLoader::loadFile(path);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    m_workspace = loaded->workspace;
}

std::unique_ptr<RemoteView> TestRemoteView::makeView(const QString &knownHosts)
{
    auto view = std::make_unique<RemoteView>();
    SshSessionOptions options;
    options.knownHostsFile = knownHosts;
    // Nothing from the machine's own known_hosts files.
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    options.connectTimeoutMs = 10000;
    view->setSessionOptions(options);
    view->setAudit(m_audit.get());
    view->setWorkspace(m_workspace);
    view->resize(1000, 600);
    view->show();
    return view;
}

CommandResult TestRemoteView::runAndWait(RemoteView &view, const QString &host,
                                         const QString &command)
{
    QSignalSpy finished(&view, &RemoteView::commandFinished);
    view.runCommand(command);
    if (!finished.wait(30000))
        return {};
    if (finished.at(0).at(0).toString() != host)
        return {};
    return finished.at(0).at(1).value<CommandResult>();
}

QList<AuditRecord> TestRemoteView::auditRecords() const
{
    auto records = AuditLog(m_db, kSealKey).query();
    return records ? *records : QList<AuditRecord>();
}

void TestRemoteView::treeGroupsHosts()
{
    HostTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(m_workspace);
    QCOMPARE(model.rowCount(), 2); // staging, production
    const QModelIndex staging = model.index(0, 0);
    QCOMPARE(staging.data(HostTreeModel::NameRole).toString(), u"staging"_s);
    // Groups sorted, then the ungrouped host.
    QCOMPARE(model.rowCount(staging), 4);
    QCOMPARE(model.index(0, 0, staging).data(HostTreeModel::NameRole).toString(), u"broken"_s);
    QCOMPARE(model.index(1, 0, staging).data(HostTreeModel::NameRole).toString(), u"fleet"_s);
    QCOMPARE(model.index(2, 0, staging).data(HostTreeModel::NameRole).toString(), u"web"_s);
    QCOMPARE(model.index(3, 0, staging).data(HostTreeModel::NameRole).toString(), u"lonely"_s);
    const QModelIndex fleet = model.index(1, 0, staging);
    QCOMPARE(model.rowCount(fleet), 2);
    QVERIFY(model.index(0, 0).data(Qt::DisplayRole).toString() == u"staging"_s);
    QVERIFY(model.index(1, 0).data(Qt::DisplayRole).toString().contains(u"PRODUCTION"_s));

    // A host in two groups shows one state in both places, the reason as tooltip.
    model.setHostState(u"box"_s, HostTreeModel::ConnectionState::Failed, u"no route"_s);
    int shown = 0;
    for (const QModelIndex &group : {fleet, model.index(2, 0, staging)}) {
        for (int r = 0; r < model.rowCount(group); ++r) {
            const QModelIndex host = model.index(r, 0, group);
            if (host.data(HostTreeModel::NameRole).toString() != u"box"_s)
                continue;
            ++shown;
            QCOMPARE(host.siblingAtColumn(1).data().toString(), u"failed"_s);
            QVERIFY(host.data(Qt::ToolTipRole).toString().contains(u"no route"_s));
        }
    }
    QCOMPARE(shown, 2);
    QCOMPARE(model.hostState(u"box-two"_s), HostTreeModel::ConnectionState::Idle);

    // Reloading keeps what is known about hosts that remain.
    model.setWorkspace(m_workspace);
    QCOMPARE(model.hostState(u"box"_s), HostTreeModel::ConnectionState::Failed);
    model.setHostState(u"box"_s, HostTreeModel::ConnectionState::Connected);
    QVERIFY(!model.hostIndex(u"box"_s).data(Qt::ToolTipRole).toString().contains(u"no route"_s));
}

void TestRemoteView::commandHistory()
{
    CommandHistory h(u"remote/history"_s, 3);
    QCOMPARE(h.older(u"draft"_s), u"draft"_s); // nothing yet
    h.add(u"uptime"_s);
    h.add(u"  uptime "_s); // same again: not twice in a row
    h.add(u""_s);
    h.add(u"df -h"_s);
    h.add(u"uptime"_s);
    QCOMPARE(h.entries(), (QStringList{u"uptime"_s, u"df -h"_s, u"uptime"_s}));
    h.add(u"free -m"_s); // bounded: the oldest goes
    QCOMPARE(h.entries(), (QStringList{u"df -h"_s, u"uptime"_s, u"free -m"_s}));

    QCOMPARE(h.older(u"typing"_s), u"free -m"_s);
    QCOMPARE(h.older({}), u"uptime"_s);
    QCOMPARE(h.older({}), u"df -h"_s);
    QCOMPARE(h.older({}), u"df -h"_s); // stays on the oldest
    QCOMPARE(h.newer(), u"uptime"_s);
    QCOMPARE(h.newer(), u"free -m"_s);
    QCOMPARE(h.newer(), u"typing"_s); // the draft comes back
    QVERIFY(!h.isBrowsing());

    // Persisted: a new history over the same key sees the same entries.
    CommandHistory again(u"remote/history"_s, 3);
    QCOMPARE(again.entries(), h.entries());
}

void TestRemoteView::runShowsOutputAndExitStatus()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    QCOMPARE(view->target().kind, RemoteView::Target::Kind::Host);
    const qsizetype before = auditRecords().size();

    CommandEdit *edit = view->commandEdit();
    edit->setFocus();
    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    QTest::keyClicks(edit, u"echo hello-pilothouse; printf '\\033[31mred\\033[0m\\n'; exit 3"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(edit->command().isEmpty()); // taken, and into the history
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(0).toString(), u"box"_s);
    const auto result = finished.at(0).at(1).value<CommandResult>();
    QVERIFY2(!result.failed, qPrintable(result.error.toString()));
    QCOMPARE(result.exitStatus, 3);

    OutputPane *pane = view->pane(u"box"_s);
    QVERIFY(pane);
    const QString text = pane->visibleText();
    QVERIFY2(text.contains(u"hello-pilothouse\n"_s), qPrintable(text));
    QVERIFY2(text.contains(u"red\n"_s), qPrintable(text));
    QVERIFY2(!text.contains(u"\x1b"_s) && !text.contains(u'\r'), qPrintable(text));
    QVERIFY(pane->lastStatus().startsWith(u"exit 3"_s));
    QVERIFY(text.contains(u"exit 3"_s));
    // The ANSI red is drawn red.
    bool sawRed = false;
    for (QTextBlock b = pane->view()->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text() == u"red"_s)
                sawRed = it.fragment().charFormat().foreground().color() == QColor(0xcd, 0, 0);
        }
    }
    QVERIFY(sawRed);
    QCOMPARE(view->model()->hostState(u"box"_s), HostTreeModel::ConnectionState::Connected);

    // The audit log has the command with its exit status and the digest of its output.
    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() == before + 1, 10000);
    const AuditEvent e = auditRecords().constLast().event;
    QCOMPARE(e.kind, AuditKind::Command);
    QCOMPARE(e.host, u"box"_s);
    QCOMPARE(e.environment, u"staging"_s);
    QCOMPARE(e.exitStatus, std::optional<int>(3));
    const QByteArray nl = usesPty() ? "\r\n" : "\n";
    QCOMPARE(e.outputSha256, audit::sha256Hex("hello-pilothouse" + nl + "\x1b[31mred\x1b[0m" + nl));
    QVERIFY(e.command.contains(u"echo hello-pilothouse"_s));

    // The same session serves the next command: no new TCP connection.
    const int connections = m_sshd.connectionCount();
    const CommandResult second = runAndWait(*view, u"box"_s, u"true"_s);
    QCOMPARE(second.exitStatus, 0);
    QCOMPARE(m_sshd.connectionCount(), connections);
}

void TestRemoteView::stderrLooksDifferent()
{
    // On a terminal (root logins) stderr arrives mixed into stdout, so the pane is checked
    // directly: the two streams must never look alike.
    OutputPane pane(u"h"_s);
    pane.beginCommand(u"cmd"_s);
    pane.appendStdout("out line\n");
    pane.appendStderr("err line\n");
    QTextCharFormat out, err;
    for (QTextBlock b = pane.view()->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            if (it.fragment().text().startsWith(u"out line"_s))
                out = it.fragment().charFormat();
            if (it.fragment().text().startsWith(u"err line"_s))
                err = it.fragment().charFormat();
        }
    }
    QVERIFY(err.isValid());
    QVERIFY(err.foreground().color() != out.foreground().color());
    QVERIFY(err.background() != out.background());
}

void TestRemoteView::destructiveCancelledRunsNothing()
{
    QTemporaryDir scratch;
    const QString victim = scratch.filePath(u"x"_s);
    QVERIFY(QDir().mkpath(victim + u"/inner"_s));
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    const qsizetype before = auditRecords().size();

    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    CommandEdit *edit = view->commandEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"rm -r "_s + victim);
    // Flagged while typing, before anything runs.
    auto *verdict = view->findChild<QLabel *>(u"commandVerdict"_s);
    QVERIFY(verdict->isVisible());
    QVERIFY2(verdict->text().startsWith(u"Destructive"_s), qPrintable(verdict->text()));
    QTest::keyClick(edit, Qt::Key_Return);

    ConfirmDestructiveDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ConfirmDestructiveDialog>(view.get())));
    QCOMPARE(dialog->request().hosts, QStringList{u"box"_s});
    QCOMPARE(dialog->request().environment, u"staging"_s);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"cancelButton"_s), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() == before + 1, 10000);
    QCOMPARE(auditRecords().constLast().event.kind, AuditKind::Refusal);
    QVERIFY(view->pane(u"box"_s)->visibleText().contains(u"Not run"_s));
    // A later command on the same host runs after anything queued before it: once it is
    // back, the folder must still be there.
    const CommandResult after = runAndWait(*view, u"box"_s, u"test -d "_s + victim);
    QCOMPARE(after.exitStatus, 0);
    QVERIFY(QFileInfo::exists(victim + u"/inner"_s));
    QCOMPARE(finished.size(), 1); // only the test -d
}

void TestRemoteView::destructiveConfirmedRuns()
{
    QTemporaryDir scratch;
    const QString victim = scratch.filePath(u"x"_s);
    QVERIFY(QDir().mkpath(victim + u"/inner"_s));
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    const qsizetype before = auditRecords().size();

    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    view->runCommand(u"rm -r "_s + victim);
    ConfirmDestructiveDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ConfirmDestructiveDialog>(view.get())));
    QVERIFY(!dialog->needsTypedName()); // staging: a plain confirmation
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"confirmButton"_s), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(0).at(1).value<CommandResult>().exitStatus, 0);
    QVERIFY(!QFileInfo::exists(victim));

    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() == before + 2, 10000);
    const QList<AuditRecord> records = auditRecords();
    QCOMPARE(records.at(before).event.kind, AuditKind::Confirmation);
    QCOMPARE(records.at(before).event.confirmedBy, ConfirmedBy::Dialog);
    QCOMPARE(records.at(before + 1).event.kind, AuditKind::Command);
    QCOMPARE(records.at(before + 1).event.confirmedBy, ConfirmedBy::Dialog);
    QCOMPARE(records.at(before + 1).event.exitStatus, std::optional<int>(0));
}

void TestRemoteView::historyUpRecallsLastCommand()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    QCOMPARE(runAndWait(*view, u"box"_s, u"echo first"_s).exitStatus, 0);
    CommandEdit *edit = view->commandEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"echo second"_s);
    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(finished.wait(30000));

    QTest::keyClicks(edit, u"half-typed"_s);
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(edit->command(), u"echo second"_s);
    QTest::keyClick(edit, Qt::Key_Up);
    QCOMPARE(edit->command(), u"echo first"_s);
    QTest::keyClick(edit, Qt::Key_Down);
    QTest::keyClick(edit, Qt::Key_Down);
    QCOMPARE(edit->command(), u"half-typed"_s);

    // A new view (a new start of the console) still has the history.
    auto next = makeView(m_knownHosts);
    next->commandEdit()->setFocus();
    QTest::keyClick(next->commandEdit(), Qt::Key_Up);
    QCOMPARE(next->commandEdit()->command(), u"echo second"_s);
}

void TestRemoteView::cancelEndsRemoteProcess()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    const QByteArray marker = "sleep 613";
    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    view->runCommand(QString::fromLatin1(marker));
    QTRY_VERIFY_WITH_TIMEOUT(processesRunning(marker) > 0, 15000);
    auto *cancel = view->findChild<QPushButton *>(u"cancelButton"_s);
    QVERIFY(cancel->isEnabled());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(finished.wait(15000));
    const auto result = finished.at(0).at(1).value<CommandResult>();
    QVERIFY(result.cancelled);
    QVERIFY(view->pane(u"box"_s)->lastStatus().startsWith(u"cancelled"_s));
    QTRY_COMPARE_WITH_TIMEOUT(processesRunning(marker), 0, 10000);
    QVERIFY(!cancel->isEnabled());
}

void TestRemoteView::unknownHostKeyAsked_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<QString>("decision");
    QTest::addColumn<bool>("runs");
    QTest::addColumn<bool>("saved");
    QTest::newRow("accept once") << u"acceptOnceButton"_s << u"accept-once"_s << true << false;
    QTest::newRow("accept and remember")
        << u"acceptSaveButton"_s << u"accept-and-save"_s << true << true;
    QTest::newRow("reject") << u"rejectButton"_s << u"reject"_s << false << false;
}

void TestRemoteView::unknownHostKeyAsked()
{
    QFETCH(QString, button);
    QFETCH(QString, decision);
    QFETCH(bool, runs);
    QFETCH(bool, saved);
    auto view = makeView(m_emptyKnownHosts);
    QVERIFY(view->selectTarget(u"lonely"_s));
    const qsizetype before = auditRecords().size();
    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    view->runCommand(u"echo through"_s);

    HostKeyDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = visibleChild<HostKeyDialog>(view.get())), 15000);
    QCOMPARE(dialog->findChild<QLabel *>(u"hostKeyFingerprint"_s)->text(),
             m_sshd.hostKeyFingerprint());
    QTest::mouseClick(dialog->findChild<QPushButton *>(button), Qt::LeftButton);
    QVERIFY(finished.wait(30000));
    const auto result = finished.at(0).at(1).value<CommandResult>();
    QCOMPARE(result.exitStatus == 0, runs);
    if (!runs) {
        QCOMPARE(result.error.code, u"ssh.hostkey_rejected"_s);
        QCOMPARE(view->model()->hostState(u"lonely"_s), HostTreeModel::ConnectionState::Failed);
        QVERIFY(view->model()
                    ->hostIndex(u"lonely"_s)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"not accepted"_s));
    }
    QFile kh(m_emptyKnownHosts);
    const QByteArray written = kh.open(QIODevice::ReadOnly) ? kh.readAll() : QByteArray();
    QCOMPARE(written.contains(m_sshd.knownHostsLine().toUtf8()), saved);

    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() >= before + 2, 30000);
    const QList<AuditRecord> records = auditRecords();
    const AuditEvent key = records.at(before).event;
    QCOMPARE(key.kind, AuditKind::HostKey);
    QCOMPARE(key.host, u"lonely"_s);
    QCOMPARE(key.detail.value(u"decision"_s).toString(), decision);
    QCOMPARE(key.detail.value(u"fingerprint"_s).toString(), m_sshd.hostKeyFingerprint());
    QCOMPARE(records.at(before + 1).event.kind, AuditKind::Command);
}

void TestRemoteView::saveOutputWritesEverything()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"box"_s));
    // More lines than the pane keeps: the file still has all of them.
    const int lines = OutputPane::kMaxLines + 500;
    QCOMPARE(runAndWait(*view, u"box"_s, u"seq 1 %1"_s.arg(lines)).exitStatus, 0);
    OutputPane *pane = view->pane(u"box"_s);
    QVERIFY(!pane->visibleText().contains(u"\n1\n"_s));

    const QString path = m_dir.filePath(u"saved.txt"_s);
    QSignalSpy saved(view.get(), &RemoteView::outputSaved);
    view->saveOutput(u"box"_s, path);
    QVERIFY(saved.wait(10000));
    QCOMPARE(saved.at(0).at(1).toBool(), true);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(f.readAll());
    QVERIFY(text.contains(u"$ seq 1 %1\n"_s.arg(lines)));
    QVERIFY(text.contains(u"\n1\n2\n3\n"_s));
    QVERIFY(text.contains(u"\n%1\n"_s.arg(lines)));
    QVERIFY(text.contains(u"exit 0"_s));

    // A folder that does not exist: a clear failure, nothing half-written.
    QSignalSpy failed(view.get(), &RemoteView::outputSaved);
    view->saveOutput(u"box"_s, m_dir.filePath(u"no/such/folder/out.txt"_s));
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.at(0).at(1).toBool(), false);
    auto *status = view->findChild<QLabel *>(u"remoteStatus"_s);
    QVERIFY(status->isVisible());
    QVERIFY(status->text().contains(u"out.txt"_s));
}

void TestRemoteView::groupRunShowsMatrixAndRetries()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"broken"_s, u"staging"_s));
    QCOMPARE(view->target().kind, RemoteView::Target::Kind::Group);
    auto *retry = view->findChild<QPushButton *>(u"retryFailedButton"_s);
    QVERIFY(retry);
    const qsizetype before = auditRecords().size();

    // Fails the first time it runs anywhere, succeeds from then on.
    QTemporaryDir scratch;
    const QString counter = scratch.filePath(u"count"_s);
    // (Appending, not ">", which would be a destructive truncation needing a confirmation.)
    const QString command =
        u"echo x >> %1; n=$(wc -l < %1); echo try-$n; test $n -ge 2"_s.arg(counter);
    QSignalSpy done(view.get(), &RemoteView::groupFinished);
    view->runCommand(command);
    QVERIFY(done.wait(30000));

    QTableWidget *matrix = view->outcomeMatrix();
    QCOMPARE(matrix->rowCount(), 2);
    auto outcome = [matrix](int row) {
        return matrix->item(row, 1)->data(Qt::UserRole).toString();
    };
    QCOMPARE(matrix->item(0, 0)->text(), u"box-two"_s);
    QCOMPARE(outcome(0), u"failed"_s);
    QCOMPARE(matrix->item(0, 2)->text(), u"1"_s);
    QCOMPARE(matrix->item(1, 0)->text(), u"dead"_s);
    QCOMPARE(outcome(1), u"unreachable"_s);
    QVERIFY(!matrix->item(1, 4)->text().isEmpty()); // why
    QCOMPARE(view->model()->hostState(u"dead"_s), HostTreeModel::ConnectionState::Failed);
    QVERIFY(view->pane(u"box-two"_s)->visibleText().contains(u"try-1"_s));
    QVERIFY(view->pane(u"dead"_s));
    QVERIFY(retry->isEnabled());

    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(done.wait(30000));
    QCOMPARE(outcome(0), u"ok"_s);
    QCOMPARE(outcome(1), u"unreachable"_s);
    QVERIFY(view->pane(u"box-two"_s)->visibleText().contains(u"try-2"_s));
    QVERIFY(retry->isEnabled()); // dead is still down

    // Every host of every attempt is in the audit log.
    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() == before + 4, 10000);
    int commands = 0;
    for (const AuditRecord &r : auditRecords().mid(before)) {
        QCOMPARE(r.event.kind, AuditKind::Command);
        QCOMPARE(r.event.detail.value(u"group"_s).toString(), u"broken"_s);
        ++commands;
    }
    QCOMPARE(commands, 4);
}

void TestRemoteView::productionNeedsTypedName()
{
    auto view = makeView(m_knownHosts);
    QVERIFY(view->selectTarget(u"prod-box"_s));
    auto *target = view->findChild<QLabel *>(u"targetLabel"_s);
    QVERIFY(target->text().contains(u"PRODUCTION"_s));
    QSignalSpy finished(view.get(), &RemoteView::commandFinished);
    view->runCommand(u"pkill -f gunicorn-that-does-not-exist"_s);
    ConfirmDestructiveDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = visibleChild<ConfirmDestructiveDialog>(view.get())));
    QVERIFY(dialog->needsTypedName());
    QCOMPARE(dialog->request().environment, u"production"_s);
    QVERIFY(!dialog->findChild<QPushButton *>(u"confirmButton"_s)->isEnabled());
    dialog->reject();
    QTRY_VERIFY(!visibleChild<ConfirmDestructiveDialog>(view.get()));
    QCOMPARE(finished.size(), 0);
}

void TestRemoteView::changedHostKeyRefused()
{
    const QString oldFingerprint = m_sshd.hostKeyFingerprint();
    QVERIFY(m_sshd.regenerateHostKey());
    QVERIFY(m_sshd.hostKeyFingerprint() != oldFingerprint);
    auto view = makeView(m_knownHosts); // still holds the old key
    QVERIFY(view->selectTarget(u"box"_s));
    const qsizetype before = auditRecords().size();

    const CommandResult result = runAndWait(*view, u"box"_s, u"echo must-not-run"_s);
    QVERIFY(result.failed);
    QCOMPARE(result.error.code, u"ssh.hostkey_changed"_s);
    // A refusal to read, with both fingerprints, and no dialog that could accept the key.
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleChild<QMessageBox>(view.get())));
    QCOMPARE(box->objectName(), u"hostKeyRefusal"_s);
    QVERIFY(box->informativeText().contains(oldFingerprint));
    QVERIFY(box->informativeText().contains(m_sshd.hostKeyFingerprint()));
    QVERIFY(!visibleChild<HostKeyDialog>(view.get()));
    QVERIFY(!view->pane(u"box"_s)->visibleText().contains(u"\nmust-not-run"_s));
    QCOMPARE(view->model()->hostState(u"box"_s), HostTreeModel::ConnectionState::Failed);

    QTRY_VERIFY_WITH_TIMEOUT(auditRecords().size() >= before + 2, 30000);
    bool refused = false;
    for (const AuditRecord &r : auditRecords().mid(before)) {
        if (r.event.kind == AuditKind::HostKey)
            refused = r.event.detail.value(u"decision"_s).toString() == u"refused-changed"_s;
    }
    QVERIFY(refused);
    box->close();
}

QTEST_MAIN(TestRemoteView)
#include "tst_remoteview.moc"
