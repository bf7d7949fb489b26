// SPDX-License-Identifier: GPL-3.0-or-later
// The checklist wizard walked with the keyboard only, against a real database file.
#include "checklist/runstore.h"
#include "checklist/steprunner.h"
#include "runbooks/runbookparser.h"
#include "sshdfixture.h"
#include "storage/database.h"
#include "ui/checklist/checklistwizard.h"
#include "ui/checklist/reasondialog.h"
#include "ui/checklist/runreportpdf.h"
#include "ui/dialogs/confirmdestructivedialog.h"

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// A manual check, a command step with guidance on failure, and another manual check.
const QByteArray kThreeSteps = "---\n"
                               "title: Three step check\n"
                               "service: echopilot\n"
                               "---\n"
                               "# Morning\n"
                               "\n"
                               "- [ ] Look at the overnight alerts\n"
                               "\n"
                               "**Disk.** Free space on the data volume.\n"
                               "\n"
                               "```bash {expect.exit=0}\n"
                               "df -h /data\n"
                               "```\n"
                               "\n"
                               "**On failure:** clean the old logs first.\n"
                               "\n"
                               "- [ ] Confirm the backup ran\n";

const QByteArray kDestructive = "---\n"
                                "title: Cleanup\n"
                                "---\n"
                                "# Cleanup\n"
                                "\n"
                                "```bash\n"
                                "rm -rf /var/tmp/pilothouse-old\n"
                                "```\n";

// Two command steps on a real host, then a manual check. The first prints a figure its
// expectation looks for; the second a short log tail.
const QByteArray kQueueCheck = "---\n"
                               "title: Queue check\n"
                               "---\n"
                               "# Queue check\n"
                               "\n"
                               "## Depth\n"
                               "\n"
                               "```bash {host=demo expect.exit=0 expect.regex=\"depth=[0-9]+\"}\n"
                               "echo \"queue depth=42\"\n"
                               "```\n"
                               "\n"
                               "## Log tail\n"
                               "\n"
                               "```bash {host=demo}\n"
                               "echo log-line-1; echo log-line-2-tail\n"
                               "```\n"
                               "\n"
                               "- [ ] Tell the channel the queue is fine\n";

// Split so the marker never appears in the binary as one string by accident.
const QString kPlantedSecret = u"s3cr3t-"_s + u"Planted-Value"_s;

} // namespace

class TestChecklistWizard : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<RunStore> m_store;

    static Runbook parse(const QByteArray &md)
    {
        auto rb = RunbookParser::parse(md, u"test.md"_s);
        if (!rb)
            qFatal("runbook did not parse");
        return *rb;
    }

    static Workspace workspace()
    {
        Workspace ws;
        ws.name = u"test"_s;
        ws.environments = {{u"staging"_s, false, u"UTC"_s}};
        return ws;
    }

    QString storedState(qint64 runId, int index) const
    {
        QSqlQuery q(*m_db->connection());
        q.prepare(u"SELECT state FROM run_steps WHERE run_id = ? AND step_index = ?"_s);
        q.addBindValue(runId);
        q.addBindValue(index);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0).toString();
    }

    QString storedRunState(qint64 runId) const
    {
        QSqlQuery q(*m_db->connection());
        q.prepare(u"SELECT state, operator FROM runs WHERE id = ?"_s);
        q.addBindValue(runId);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0).toString() + u'/' + q.value(1).toString();
    }

    static QString itemState(ChecklistWizard &w, int row)
    {
        return w.findChild<QListWidget *>(u"stepList"_s)->item(row)->data(Qt::UserRole).toString();
    }

    static void press(ChecklistWizard &w, Qt::Key key, Qt::KeyboardModifiers mods)
    {
        // The keys go to whatever has the focus inside the wizard, as a user's would.
        QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : &w;
        QTest::keyClick(target, key, mods);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        static int n = 0;
        auto db = Database::open(m_dir.filePath(u"runs%1.sqlite"_s.arg(++n)));
        QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
        m_db = *db;
        m_store = std::make_unique<RunStore>(m_db);
    }

    void cleanup()
    {
        m_store.reset();
        m_db.reset();
    }

    void walkThreeStepsWithKeyboard()
    {
        const Runbook rb = parse(kThreeSteps);
        QCOMPARE(rb.stepCount(), 3);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        const qint64 id = run->runId();

        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        // The fake executor: answers on the next turn of the event loop, like a worker.
        int requested = -1;
        connect(&w, &ChecklistWizard::runRequested, &w, [&](int index) {
            requested = index;
            QTimer::singleShot(0, &w, [&w, index] {
                const QByteArray out = "Filesystem Size Used Avail\n/dev/sdb1 100G 42G 58G\n";
                w.appendOutput(index, out, false);
                StepResult r;
                r.passed = true;
                r.exitStatus = 0;
                r.output = out;
                w.applyResult(index, r);
            });
        });
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QCOMPARE(QApplication::focusWidget(), w.findChild<QListWidget *>(u"stepList"_s));

        auto *signOff = w.findChild<QPushButton *>(u"signOffButton"_s);
        auto *name = w.findChild<QLineEdit *>(u"signOffName"_s);
        // Typed first, so only the steps hold sign-off back.
        QTest::keyClicks(name, u"Dana Example"_s);
        w.findChild<QListWidget *>(u"stepList"_s)->setFocus();
        QVERIFY(!signOff->isEnabled());

        // Step 1 is a manual check: Ctrl+Enter has nothing to run, Ctrl+D ticks it.
        QCOMPARE(w.selectedStep(), 0);
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested, -1);
        QCOMPARE(itemState(w, 0), u"pending"_s);
        press(w, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(itemState(w, 0), u"done-by-hand"_s);
        QCOMPARE(storedState(id, 0), u"done-by-hand"_s);
        QCOMPARE(w.selectedStep(), 1); // follows the run to its next open step
        QVERIFY(!signOff->isEnabled());

        // Alt+Up / Alt+Down browse without changing anything.
        press(w, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(w.selectedStep(), 0);
        press(w, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(w.selectedStep(), 1);

        // Step 2 runs through the executor and passes.
        auto *next = w.findChild<QPushButton *>(u"wizardNext"_s);
        QVERIFY(next);
        QVERIFY(!next->isEnabled()); // nothing finished to move on from yet
        press(w, Qt::Key_Return, Qt::NoModifier);
        QCOMPARE(w.selectedStep(), 1);
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested, 1);
        QCOMPARE(storedState(id, 1), u"running"_s);
        QTRY_COMPARE(itemState(w, 1), u"passed"_s);
        QCOMPARE(storedState(id, 1), u"passed"_s);
        // The passed step stays in view with what it printed, until the user moves on.
        QCOMPARE(w.selectedStep(), 1);
        QVERIFY(
            w.findChild<QPlainTextEdit *>(u"outputPane"_s)->toPlainText().contains(u"/dev/sdb1"_s));
        QVERIFY(w.findChild<QLabel *>(u"stepVerdict"_s)->text().startsWith(w.tr("Passed")));
        QVERIFY(!signOff->isEnabled());
        QVERIFY(next->isEnabled());
        QTRY_COMPARE(QApplication::focusWidget(), w.findChild<QListWidget *>(u"stepList"_s));
        press(w, Qt::Key_Return, Qt::NoModifier);
        QCOMPARE(w.selectedStep(), 2);
        QVERIFY(!next->isEnabled());

        // Step 3: skipping needs a reason; an empty one is refused and nothing changes.
        press(w, Qt::Key_K, Qt::ControlModifier);
        auto *dialog = w.findChild<ReasonDialog *>(u"skipReasonDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QTRY_COMPARE(QApplication::activeWindow(), dialog);
        auto *edit = dialog->findChild<QPlainTextEdit *>(u"reasonEdit"_s);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->problem().isEmpty());
        QCOMPARE(itemState(w, 2), u"pending"_s);
        QCOMPARE(storedState(id, 2), u"pending"_s);
        QTest::keyClicks(edit, u"   "_s);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(dialog->isVisible());
        QTest::keyClicks(edit, u"Backups are checked by the night shift"_s);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY2(!dialog->isVisible(), qPrintable(dialog->text() + u"/"_s + dialog->problem()));
        QTRY_VERIFY(!w.findChild<ReasonDialog *>(u"skipReasonDialog"_s));
        QCOMPARE(itemState(w, 2), u"skipped"_s);
        QCOMPARE(storedState(id, 2), u"skipped"_s);

        // Focus is back on the step list: a note on the skipped step, also by keyboard.
        QTRY_COMPARE(QApplication::focusWidget(), w.findChild<QListWidget *>(u"stepList"_s));
        w.selectStep(2);
        press(w, Qt::Key_N, Qt::ControlModifier);
        auto *note = w.findChild<ReasonDialog *>(u"noteDialog"_s);
        QVERIFY(note);
        QTRY_COMPARE(QApplication::activeWindow(), note);
        QTest::keyClicks(note->findChild<QPlainTextEdit *>(u"reasonEdit"_s), u"Asked Sam"_s);
        QTest::keyClick(note->findChild<QPlainTextEdit *>(u"reasonEdit"_s), Qt::Key_Return,
                        Qt::ControlModifier);
        QTRY_VERIFY(!w.findChild<ReasonDialog *>(u"noteDialog"_s));
        QCOMPARE(w.run().step(2).notes.size(), 1);

        // Everything is resolved: sign-off opens, and it is stored.
        QVERIFY(signOff->isEnabled());
        w.findChild<QListWidget *>(u"stepList"_s)->setFocus();
        QSignalSpy signedOff(&w, &ChecklistWizard::signedOff);
        press(w, Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(signedOff.count(), 1);
        QCOMPARE(storedRunState(id), u"signed-off/Dana Example"_s);
        QVERIFY(w.isReadOnly());
        QVERIFY(!w.findChild<QPushButton *>(u"markDoneButton"_s)->isEnabled());

        // The database agrees with the screen after a reload.
        auto back = m_store->load(id);
        QVERIFY(back);
        QCOMPARE(back->step(2).reason, u"Backups are checked by the night shift"_s);
        QCOMPARE(back->step(2).notes.value(0).text, u"Asked Sam"_s);
    }

    void passedStepStaysUntilNext()
    {
        SshdFixture sshd;
        // Debian's bash reads ~/.bashrc under sshd otherwise; its output is not the step's.
        sshd.setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        const QString knownHosts = m_dir.filePath(u"stay_known_hosts"_s);
        {
            QFile f(knownHosts);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(sshd.knownHostsLine().toUtf8() + '\n');
        }
        Workspace ws = workspace();
        Host h;
        h.name = u"demo"_s;
        h.environment = u"staging"_s;
        h.address = sshd.host();
        h.port = sshd.port();
        h.user = sshd.user();
        h.auth = u"key"_s;
        h.identityFile = sshd.clientKeyPath();
        ws.hosts = {h};

        const Runbook rb = parse(kQueueCheck);
        QCOMPARE(rb.stepCount(), 3);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        const qint64 id = run->runId();

        StepRunner runner;
        runner.setAuditLog(m_db, QByteArray(32, 'k'));
        SshSessionOptions options;
        options.connectTimeoutMs = 10000;
        options.knownHostsFile = knownHosts;
        options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
        runner.setSshOptions(options);
        ChecklistWizard w;
        w.setStepRunner(&runner);
        w.setRun(*run, rb, ws);
        w.resize(1200, 760);
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *list = w.findChild<QListWidget *>(u"stepList"_s);
        auto *next = w.findChild<QPushButton *>(u"wizardNext"_s);
        auto *output = w.findChild<QPlainTextEdit *>(u"outputPane"_s);
        auto *verdict = w.findChild<QLabel *>(u"stepVerdict"_s);
        QVERIFY(next && output && verdict);
        QVERIFY(next->isDefault());
        QVERIFY(!next->isEnabled());
        QCOMPARE(QApplication::focusWidget(), list);

        // Run the first step with the keyboard; it passes on the real host.
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(itemState(w, 0), u"passed"_s, 30000);
        QTRY_VERIFY(!runner.isBusy());

        // Still on that step: its output, the verdict with what was expected, Next offered.
        QCOMPARE(w.selectedStep(), 0);
        QCOMPARE(list->currentRow(), 0);
        QVERIFY2(output->isVisible(), "the output pane stays on screen");
        QVERIFY2(output->toPlainText().contains(u"queue depth=42"_s),
                 qPrintable(output->toPlainText()));
        const QString text = verdict->text();
        QVERIFY2(text.startsWith(w.tr("Passed")), qPrintable(text));
        QVERIFY2(text.contains(u"depth=[0-9]+"_s), qPrintable(text));
        QVERIFY2(text.contains(u"exit status 0"_s), qPrintable(text));
        // How long it took, in ms or s.
        QVERIFY2(QRegularExpression(u"Passed in [0-9.]+ m?s"_s).match(text).hasMatch(),
                 qPrintable(text));
        QVERIFY(next->isEnabled());
        QVERIFY2(next->toolTip().contains(u"Enter"_s), qPrintable(next->toolTip()));

        // The outcome is in the database already: Next only changes what is on screen.
        QCOMPARE(storedState(id, 0), u"passed"_s);
        {
            auto stored = m_store->load(id);
            QVERIFY(stored);
            QCOMPARE(stored->step(0).output.exitStatus, std::optional<int>(0));
            QVERIFY2(stored->step(0).output.excerpt.contains(u"queue depth=42"_s),
                     qPrintable(stored->step(0).output.excerpt));
            // Resuming after a crash now would land on the first open step, not this one.
            QCOMPARE(stored->currentStep(), 1);
        }

        // Browsing the list keeps working, and coming back shows the same output.
        list->setCurrentRow(2);
        QCOMPARE(w.selectedStep(), 2);
        QVERIFY(!next->isEnabled()); // a pending step has nothing to move on from
        list->setCurrentRow(0);
        QCOMPARE(w.selectedStep(), 0);
        QVERIFY(output->toPlainText().contains(u"queue depth=42"_s));
        list->setFocus();

        // Enter moves on to the next open step.
        press(w, Qt::Key_Return, Qt::NoModifier);
        QCOMPARE(w.selectedStep(), 1);
        QCOMPARE(storedState(id, 1), u"pending"_s);

        // The second step: run it, read the tail, then the Next button.
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(itemState(w, 1), u"passed"_s, 30000);
        QTRY_VERIFY(!runner.isBusy());
        QCOMPARE(w.selectedStep(), 1);
        QVERIFY2(output->toPlainText().contains(u"log-line-2-tail"_s),
                 qPrintable(output->toPlainText()));
        QCOMPARE(storedState(id, 1), u"passed"_s);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(w.selectedStep(), 2);

        // A manual check marked done has nothing to read: the run is finished, no Next.
        list->setFocus();
        press(w, Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(storedState(id, 2), u"done-by-hand"_s);
        QCOMPARE(w.selectedStep(), 2);
        QVERIFY(!next->isEnabled());
        QVERIFY2(next->toolTip().contains(w.tr("sign off")), qPrintable(next->toolTip()));
        press(w, Qt::Key_Return, Qt::NoModifier);
        QCOMPARE(w.selectedStep(), 2);
        sshd.stop();
    }

    void failedStepShowsGuidanceAndRetries()
    {
        const Runbook rb = parse(kThreeSteps);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.selectStep(1);
        QSignalSpy requested(&w, &ChecklistWizard::runRequested);
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested.count(), 1);
        w.applyError(1, Error{u"ssh.connect"_s, u"The host did not answer."_s, {}});
        QCOMPARE(itemState(w, 1), u"failed"_s);
        QCOMPARE(storedState(run->runId(), 1), u"failed"_s);
        // A failed step stays in view too; moving past it is the user's choice.
        QCOMPARE(w.selectedStep(), 1);
        QVERIFY(w.findChild<QPushButton *>(u"wizardNext"_s)->isEnabled());
        w.selectStep(1);
        QVERIFY(w.findChild<QLabel *>(u"stepVerdict"_s)->text().contains(u"did not answer"_s));
        auto *guidance = w.findChild<QWidget *>(u"onFailure"_s);
        QVERIFY(guidance->isVisible());
        press(w, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        // Retry runs the command again at once; the failed attempt stays in the history.
        QCOMPARE(requested.count(), 2);
        QCOMPARE(itemState(w, 1), u"running"_s);
        QCOMPARE(w.run().step(1).attempts.size(), 1);
        QVERIFY(!guidance->isVisible());
    }

    void handActionsMoveOnNotesStay()
    {
        const Runbook rb = parse(kThreeSteps);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        const qint64 id = run->runId();
        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        connect(&w, &ChecklistWizard::runRequested, &w, [&w](int index) {
            StepResult r;
            r.passed = true;
            r.exitStatus = 0;
            r.output = "ok\n";
            w.applyResult(index, r);
        });
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto *next = w.findChild<QPushButton *>(u"wizardNext"_s);

        // Skipping (with a reason) moves on at once: there is no output to read.
        press(w, Qt::Key_K, Qt::ControlModifier);
        auto *dialog = w.findChild<ReasonDialog *>(u"skipReasonDialog"_s);
        QVERIFY(dialog);
        QTRY_COMPARE(QApplication::activeWindow(), dialog);
        auto *edit = dialog->findChild<QPlainTextEdit *>(u"reasonEdit"_s);
        QTest::keyClicks(edit, u"Alerts were read at handover"_s);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!w.findChild<ReasonDialog *>(u"skipReasonDialog"_s));
        QCOMPARE(storedState(id, 0), u"skipped"_s);
        QCOMPARE(w.selectedStep(), 1);

        // The command passes and stays; a note on it does not move the view either.
        QTRY_COMPARE(QApplication::focusWidget(), w.findChild<QListWidget *>(u"stepList"_s));
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(storedState(id, 1), u"passed"_s);
        QCOMPARE(w.selectedStep(), 1);
        press(w, Qt::Key_N, Qt::ControlModifier);
        auto *note = w.findChild<ReasonDialog *>(u"noteDialog"_s);
        QVERIFY(note);
        QTRY_COMPARE(QApplication::activeWindow(), note);
        QTest::keyClicks(note->findChild<QPlainTextEdit *>(u"reasonEdit"_s), u"Looks normal"_s);
        QTest::keyClick(note->findChild<QPlainTextEdit *>(u"reasonEdit"_s), Qt::Key_Return,
                        Qt::ControlModifier);
        QTRY_VERIFY(!w.findChild<ReasonDialog *>(u"noteDialog"_s));
        QCOMPARE(w.selectedStep(), 1);
        QVERIFY(next->isEnabled());

        // Enter in the sign-off name is the name's own; it does not move on.
        auto *name = w.findChild<QLineEdit *>(u"signOffName"_s);
        name->setFocus();
        QTest::keyClick(name, Qt::Key_Return);
        QCOMPARE(w.selectedStep(), 1);
        QVERIFY(!w.run().isSignedOff());
    }

    void groupStepListsEveryHost()
    {
        const Runbook rb = parse(kThreeSteps);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        w.selectStep(1);
        auto *hosts = w.findChild<QLabel *>(u"stepHostOutcomes"_s);
        QVERIFY(hosts);
        QVERIFY(hosts->isHidden()); // a one-host step has no list
        QSignalSpy requested(&w, &ChecklistWizard::runRequested);
        press(w, Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(requested.count(), 1);
        // What the StepRunner reports for a group=… step with one host down.
        StepResult r;
        r.output = "── web1: ok ──\nup 3 days\n── web2: unreachable ──\n";
        r.reason = u"1 of 2 host(s) of group “web” did not pass: web2 (unreachable)"_s;
        r.hosts = {StepHostOutcome{u"web1"_s, u"ok"_s, true, 0, u"ab"_s, 10, u"up 3 days\n"_s, {}},
                   StepHostOutcome{u"web2"_s,
                                   u"unreachable"_s,
                                   false,
                                   std::nullopt,
                                   {},
                                   0,
                                   {},
                                   u"Connection refused"_s}};
        w.applyResult(1, r);
        QCOMPARE(itemState(w, 1), u"failed"_s);
        w.selectStep(1);
        QVERIFY(hosts->isVisible());
        const QString text = hosts->text();
        QVERIFY2(text.contains(u"web1"_s) && text.contains(u"ok"_s), qPrintable(text));
        QVERIFY2(text.contains(u"web2"_s) && text.contains(u"unreachable"_s) &&
                     text.contains(u"Connection refused"_s),
                 qPrintable(text));
        // Stored per host, so a reopened run shows the same list.
        auto back = m_store->load(run->runId());
        QVERIFY(back);
        QCOMPARE(back->step(1).output.hosts.size(), 2);
        QCOMPARE(back->step(1).output.hosts.at(1).outcome, u"unreachable"_s);
        w.selectStep(0);
        QVERIFY(hosts->isHidden());
    }

    void destructiveStepAsksFirst()
    {
        const Runbook rb = parse(kDestructive);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        w.show();
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QSignalSpy requested(&w, &ChecklistWizard::runRequested);
        press(w, Qt::Key_Return, Qt::ControlModifier);
        auto *confirm = w.findChild<ConfirmDestructiveDialog *>();
        QVERIFY(confirm);
        QCOMPARE(requested.count(), 0);
        QCOMPARE(storedState(run->runId(), 0), u"pending"_s);
        confirm->reject();
        QCOMPARE(requested.count(), 0);
        QCOMPARE(itemState(w, 0), u"pending"_s);

        press(w, Qt::Key_Return, Qt::ControlModifier);
        confirm = w.findChild<ConfirmDestructiveDialog *>();
        QVERIFY(confirm);
        QVERIFY(confirm->canConfirm()); // staging: a plain confirmation
        confirm->accept();
        QCOMPARE(requested.count(), 1);
        QCOMPARE(storedState(run->runId(), 0), u"running"_s);
    }

    void runUnavailableDisablesRun()
    {
        const Runbook rb = parse(kThreeSteps);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        ChecklistWizard w;
        w.setRun(*run, rb, workspace());
        w.selectStep(1);
        auto *runButton = w.findChild<QPushButton *>(u"runButton"_s);
        QVERIFY(runButton->isEnabled());
        w.setRunAvailable(false, u"No executor"_s);
        QVERIFY(!runButton->isEnabled());
        QCOMPARE(runButton->toolTip(), u"No executor"_s);
        // Marking done by hand stays possible.
        QVERIFY(w.findChild<QPushButton *>(u"markDoneButton"_s)->isEnabled());
    }

    void connectingStepShowsItAndLocksHandButtons()
    {
        // A host that accepts the connection and never speaks: the step stays in "connecting".
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                held.append(s);
        });
        const Runbook rb = parse("---\ntitle: Slow host\n---\n# Check\n\n"
                                 "```bash {host=slow}\nuptime\n```\n");
        Workspace ws = workspace();
        Host h;
        h.name = u"slow"_s;
        h.environment = u"staging"_s;
        h.address = u"127.0.0.1"_s;
        h.port = silent.serverPort();
        h.user = u"ops"_s;
        ws.hosts = {h};
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);

        StepRunner runner;
        runner.setAuditLog(m_db, QByteArray(32, 'k'));
        SshSessionOptions options;
        options.connectTimeoutMs = 3000;
        options.knownHostsFile = m_dir.filePath(u"known_hosts"_s);
        options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
        runner.setSshOptions(options);
        ChecklistWizard w;
        w.setStepRunner(&runner);
        w.setRun(*run, rb, ws);
        w.show();
        auto *runButton = w.findChild<QPushButton *>(u"runButton"_s);
        auto *doneButton = w.findChild<QPushButton *>(u"markDoneButton"_s);
        auto *skipButton = w.findChild<QPushButton *>(u"skipButton"_s);
        auto *list = w.findChild<QListWidget *>(u"stepList"_s);
        QVERIFY(runButton->isEnabled());
        runButton->click();

        // Pressed Run: the user sees it is connecting, and cannot tick it off meanwhile.
        QTRY_VERIFY(list->item(0)->text().contains(u"Connecting"_s));
        QVERIFY(w.findChild<QLabel *>(u"stepVerdict"_s)->text().contains(u"Connecting"_s));
        QVERIFY(!runButton->isEnabled());
        QVERIFY(!doneButton->isEnabled());
        QVERIFY(!skipButton->isEnabled());
        QCOMPARE(itemState(w, 0), u"pending"_s);

        // The host never answers: the attempt ends with an error in view, hands are free again.
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isBusy(), 20000);
        QTRY_VERIFY(w.findChild<QLabel *>(u"wizardError"_s)->isVisible());
        QVERIFY(!list->item(0)->text().contains(u"Connecting"_s));
        QVERIFY(doneButton->isEnabled());
        qDeleteAll(held);
    }

    void pdfReportHasStepsAndNoSecret()
    {
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        QVERIFY2(!pdftotext.isEmpty(), "pdftotext (poppler-utils) is a test dependency");

        const Runbook rb = parse(kThreeSteps);
        auto run = m_store->start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        const QDateTime t = QDateTime::currentDateTimeUtc();
        QVERIFY(run->markDone(0, t));
        QVERIFY(run->startStep(1, t));
        StepResult r;
        r.passed = true;
        r.exitStatus = 0;
        r.output = "token=" + kPlantedSecret.toUtf8() + "\n/dev/sdb1 100G 42G 58G\n";
        r.secretValues = {kPlantedSecret};
        QVERIFY(run->finishStep(1, r, t.addSecs(3)));
        QVERIFY(run->addNote(1, u"The key was "_s + kPlantedSecret, t.addSecs(4)));
        QVERIFY(run->skipStep(2, u"Not today"_s, t.addSecs(5)));
        QVERIFY(run->signOff(u"Dana Example"_s, t.addSecs(6)));

        const QString pdf = m_dir.filePath(u"report.pdf"_s);
        auto written = RunReportPdf::write(pdf, *run, rb, u"abc123head"_s, {kPlantedSecret});
        QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));

        QProcess p;
        p.start(pdftotext, {u"-layout"_s, pdf, u"-"_s});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QString text = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(text.contains(u"Look at the overnight alerts"_s), qPrintable(text));
        QVERIFY2(text.contains(u"Confirm the backup ran"_s), qPrintable(text));
        QVERIFY(text.contains(u"Not today"_s));
        QVERIFY(text.contains(u"Dana Example"_s));
        QVERIFY(text.contains(u"abc123head"_s));
        QVERIFY(text.contains(u"/dev/sdb1"_s));
        QVERIFY(!text.contains(kPlantedSecret));
        QVERIFY(!text.contains(u"Planted-Value"_s));

        // An unwritable place is an error that names it, not an empty file.
        auto refused = RunReportPdf::write(u"/nonexistent-dir/report.pdf"_s, *run, rb, {});
        QVERIFY(!refused);
        QVERIFY(refused.error().message.contains(u"/nonexistent-dir/report.pdf"_s));
    }
};

QTEST_MAIN(TestChecklistWizard)
#include "tst_checklistwizard.moc"
