// SPDX-License-Identifier: GPL-3.0-or-later
// The Runbooks page: schedule order and colours, due notifications, the resume offer,
// starting a run with parameters, and the history opened read-only.
#include "audit/auditlog.h"
#include "checklist/runstore.h"
#include "notify/fakenotifier.h"
#include "runbooks/runbookparser.h"
#include "storage/database.h"
#include "ui/checklist/checklistwizard.h"
#include "ui/checklist/reasondialog.h"
#include "ui/runbooks/runbookcatalog.h"
#include "ui/runbooks/runbooksmodel.h"
#include "ui/runbooks/runbooksview.h"
#include "ui/runbooks/runhistorymodel.h"
#include "ui/runbooks/runparametersdialog.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QDateTime kNow(QDate(2026, 6, 10), QTime(12, 0), QTimeZone::utc());

QByteArray runbookText(const QString &title, const QString &schedule, const QString &extra = {})
{
    QString md = u"---\ntitle: "_s + title + u'\n';
    if (!schedule.isEmpty())
        md += u"schedule: "_s + schedule + u'\n';
    md += u"---\n# Steps\n\n- [ ] First check\n\n```bash\nuptime\n```\n\n- [ ] Last check\n"_s +
          extra;
    return md.toUtf8();
}

Runbook runbook(const QString &title, const QString &schedule, const QString &extra = {})
{
    auto rb =
        RunbookParser::parse(runbookText(title, schedule, extra),
                             u"/runbooks/"_s + title.toLower().replace(u' ', u'-') + u".md"_s);
    if (!rb)
        qFatal("runbook did not parse");
    return *rb;
}

} // namespace

class TestRunbooksView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<Database> m_db;

    static Workspace workspace()
    {
        Workspace ws;
        ws.name = u"test"_s;
        ws.environments = {{u"staging"_s, false, u"UTC"_s}};
        return ws;
    }

    void prepare(RunbooksView &view, FakeNotifier *notifier = nullptr)
    {
        view.board()->setClock([] { return kNow; });
        view.setNotifier(notifier);
        view.setEnvironment(u"staging"_s);
        view.setDatabase(m_db);
    }

private Q_SLOTS:
    void init()
    {
        static int n = 0;
        QVERIFY(m_dir.isValid());
        auto db = Database::open(m_dir.filePath(u"view%1.sqlite"_s.arg(++n)));
        QVERIFY(db);
        m_db = *db;
    }

    void cleanup() { m_db.reset(); }

    void builtinsAreListed()
    {
        // The catalog reads the embedded runbooks; every one of them parses.
        const RunbookCatalogResult r = RunbookCatalog::load({m_dir.filePath(u"missing"_s)});
        QVERIFY(r.runbooks.size() >= 10);
        QCOMPARE(r.problems.size(), 1); // the missing folder, named
        QVERIFY(r.problems.first().contains(m_dir.filePath(u"missing"_s)));
    }

    void overdueFirstAndNotifiedOnce()
    {
        RunbooksView view;
        QAbstractItemModelTester tester(view.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        FakeNotifier notifier;
        prepare(view, &notifier);
        const Runbook later = runbook(u"Evening"_s, u"daily 23:00 UTC"_s);
        const Runbook overdue = runbook(u"Morning"_s, u"daily 08:00 UTC"_s);
        const Runbook due = runbook(u"Noon"_s, u"daily 11:30 UTC"_s);
        const Runbook adhoc = runbook(u"Ad hoc"_s, {});
        view.setRunbooks({later, adhoc, due, overdue});

        RunbooksModel *m = view.model();
        QCOMPARE(m->rowCount(), 4);
        QCOMPARE(m->index(0, 0).data().toString(), u"Morning"_s);
        QCOMPARE(m->index(0, 0).data(RunbooksModel::StatusNameRole).toString(), u"overdue"_s);
        QCOMPARE(m->index(1, 0).data().toString(), u"Noon"_s);
        QCOMPARE(m->index(1, 0).data(RunbooksModel::StatusNameRole).toString(), u"due"_s);
        QCOMPARE(m->index(2, 0).data().toString(), u"Evening"_s);
        QCOMPARE(m->index(3, 0).data().toString(), u"Ad hoc"_s);
        // Coloured: the overdue row stands out, the upcoming one does not.
        QVERIFY(m->index(0, RunbooksModel::StatusCol).data(Qt::BackgroundRole).isValid());
        QVERIFY(!m->index(2, RunbooksModel::StatusCol).data(Qt::BackgroundRole).isValid());
        QCOMPARE(m->index(0, RunbooksModel::StatusCol).data().toString(),
                 scheduleStatusLabel(Schedule::Status::Overdue));

        // One notification per runbook that became due, not one per refresh or reload.
        QCOMPARE(notifier.calls().size(), 2);
        QVERIFY(notifier.calls().at(0).title.contains(u"Morning"_s) ||
                notifier.calls().at(1).title.contains(u"Morning"_s));
        view.board()->refresh();
        view.setRunbooks({later, adhoc, due, overdue});
        QCOMPARE(notifier.calls().size(), 2);

        // Signing off a run today makes it done for this period; it moves below the rest.
        RunStore store(m_db);
        auto run = store.start(overdue, u"staging"_s, {}, kNow.addSecs(-600));
        QVERIFY(run);
        for (int i = 0; i < run->stepCount(); ++i)
            QVERIFY(run->markDone(i, kNow.addSecs(-300)));
        QVERIFY(run->signOff(u"Dana"_s, kNow.addSecs(-60)));
        view.refreshHistory();
        const int row = m->rowOf(overdue.sourcePath);
        QCOMPARE(m->index(row, 0).data(RunbooksModel::StatusNameRole).toString(), u"done"_s);
        QCOMPARE(row, 2);
        QCOMPARE(m->index(0, 0).data().toString(), u"Noon"_s);
    }

    void resumeOfferResumesAtTheRightStep()
    {
        const Runbook rb = runbook(u"Bot Core daily"_s, u"daily 09:00 UTC"_s);
        qint64 id = 0;
        {
            // A run that stopped with its command step running: the console "crashed".
            RunStore store(m_db);
            auto run = store.start(rb, u"staging"_s, {}, kNow.addSecs(-900));
            QVERIFY(run);
            QVERIFY(run->markDone(0, kNow.addSecs(-800)));
            QVERIFY(run->startStep(1, kNow.addSecs(-700)));
            id = run->runId();
        }
        RunbooksView view;
        view.setRunbooks({rb});
        prepare(view);
        QCOMPARE(view.offeredRunId(), id);
        auto *banner = view.findChild<QWidget *>(u"resumeBanner"_s);
        QVERIFY(!banner->isHidden());
        const QString text = view.findChild<QLabel *>(u"resumeLabel"_s)->text();
        QVERIFY2(text.contains(u"Bot Core daily"_s), qPrintable(text));
        QVERIFY2(text.contains(u"step 2 of 3"_s), qPrintable(text));

        view.findChild<QPushButton *>(u"resumeButton"_s)->click();
        QVERIFY(view.isWizardShown());
        ChecklistWizard *w = view.wizard();
        QCOMPARE(w->run().runId(), id);
        QCOMPARE(w->selectedStep(), 1);
        QCOMPARE(w->run().step(0).state, StepState::DoneByHand);
        QCOMPARE(w->run().step(1).state, StepState::Interrupted); // never "passed"
        QVERIFY(!w->isReadOnly());
        QVERIFY(banner->isHidden());
        // The resumed run carries on: the interrupted step can be marked done.
        QVERIFY(view.findChild<QPushButton *>(u"markDoneButton"_s)->isEnabled());
        view.findChild<QPushButton *>(u"markDoneButton"_s)->click();
        QCOMPARE(w->run().step(1).state, StepState::DoneByHand);
        QCOMPARE(w->selectedStep(), 2);
    }

    void resumeFinishByKeyboardSignOffAndExport()
    {
        const Runbook rb = runbook(u"EchoPilot daily"_s, u"daily 08:00 UTC"_s);
        qint64 id = 0;
        {
            // What a console killed mid-step leaves behind: the first check done with a note,
            // the command step still "running" in the database, nothing signed.
            RunStore store(m_db);
            auto run = store.start(rb, u"staging"_s, {}, kNow.addSecs(-900));
            QVERIFY(run);
            QVERIFY(run->markDone(0, kNow.addSecs(-800)));
            QVERIFY(run->addNote(0, u"Dashboards green at 07:58"_s, kNow.addSecs(-790)));
            QVERIFY(run->startStep(1, kNow.addSecs(-700)));
            id = run->runId();
        }
        auto rows = m_db->run(u"SELECT state FROM run_steps WHERE run_id = :id "
                              "ORDER BY step_index"_s,
                              {{u"id"_s, id}});
        QVERIFY(rows);
        QStringList stored;
        while (rows->next())
            stored.append(rows->value(0).toString());
        QCOMPARE(stored, (QStringList{u"done-by-hand"_s, u"running"_s, u"pending"_s}));

        RunbooksView view;
        view.setRunbooks({rb});
        prepare(view);
        view.resize(1200, 800);
        view.show();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        QVERIFY(!view.findChild<QWidget *>(u"resumeBanner"_s)->isHidden());

        // Resume with the keyboard.
        auto *resume = view.findChild<QPushButton *>(u"resumeButton"_s);
        resume->setFocus();
        QTest::keyClick(resume, Qt::Key_Space);
        QVERIFY(view.isWizardShown());
        ChecklistWizard *w = view.wizard();
        QCOMPARE(w->run().runId(), id);
        QCOMPARE(w->selectedStep(), 1);
        QCOMPARE(w->run().step(1).state, StepState::Interrupted);
        auto press = [w](Qt::Key key, Qt::KeyboardModifiers mods) {
            QWidget *target = QApplication::focusWidget() ? QApplication::focusWidget() : w;
            QTest::keyClick(target, key, mods);
        };
        w->findChild<QListWidget *>(u"stepList"_s)->setFocus();

        // The interrupted command was checked on the host by hand: Ctrl+D.
        press(Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(w->run().step(1).state, StepState::DoneByHand);
        QCOMPARE(w->selectedStep(), 2);

        // The last check is skipped, with a reason typed into the dialog.
        press(Qt::Key_K, Qt::ControlModifier);
        auto *dialog = w->findChild<ReasonDialog *>(u"skipReasonDialog"_s);
        QVERIFY(dialog);
        QTRY_COMPARE(QApplication::activeWindow(), dialog);
        auto *edit = dialog->findChild<QPlainTextEdit *>(u"reasonEdit"_s);
        QTest::keyClicks(edit, u"Covered by the incident review"_s);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        QTRY_VERIFY(!w->findChild<ReasonDialog *>(u"skipReasonDialog"_s));
        QCOMPARE(w->run().step(2).state, StepState::Skipped);

        // Sign off: the name, then Enter.
        auto *name = w->findChild<QLineEdit *>(u"signOffName"_s);
        name->setFocus();
        QTest::keyClicks(name, u"Dana Example"_s);
        QTest::keyClick(name, Qt::Key_Return);
        QVERIFY(w->run().isSignedOff());
        QCOMPARE(RunStore(m_db).unfinishedRuns()->size(), 0);

        // Export the Markdown report with Ctrl+Shift+M.
        const QString path = m_dir.filePath(u"resumed-report.md"_s);
        QString suggested;
        w->setSavePathChooser([&](const QString &file, bool pdf) {
            suggested = file;
            return pdf ? QString() : path;
        });
        w->findChild<QListWidget *>(u"stepList"_s)->setFocus();
        press(Qt::Key_M, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(suggested.endsWith(u".md"_s), qPrintable(suggested));
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QString md = QString::fromUtf8(file.readAll());
        for (const QString &expected : {u"EchoPilot daily"_s, u"Dashboards green at 07:58"_s,
                                        u"Covered by the incident review"_s, u"Dana Example"_s,
                                        u"Done by hand"_s, u"Skipped"_s, u"uptime"_s}) {
            QVERIFY2(md.contains(expected), qPrintable(expected + u"\n\n"_s + md));
        }
        // The step that was running when the console died is never reported as passed.
        QVERIFY2(!md.contains(u"Passed"_s), qPrintable(md));
        QVERIFY2(md.contains(u"stopped while this step was running"_s), qPrintable(md));
    }

    void discardAbandonsTheRun()
    {
        const Runbook rb = runbook(u"Weekly"_s, u"weekly sun 03:00 UTC"_s);
        RunStore store(m_db);
        auto run = store.start(rb, u"staging"_s, {}, kNow.addSecs(-900));
        QVERIFY(run);
        RunbooksView view;
        view.setRunbooks({rb});
        prepare(view);
        QCOMPARE(view.offeredRunId(), run->runId());
        view.findChild<QPushButton *>(u"discardButton"_s)->click();
        QCOMPARE(view.offeredRunId(), 0);
        QVERIFY(view.findChild<QWidget *>(u"resumeBanner"_s)->isHidden());
        QCOMPARE(store.unfinishedRuns()->size(), 0);
        // Kept in the history, marked abandoned, nothing lost.
        QCOMPARE(view.historyModel()->rowCount(), 1);
        QCOMPARE(view.historyModel()->entry(0).state, u"abandoned"_s);
        QCOMPARE(view.historyModel()->entry(0).stepCount, 3);
    }

    void startRunAsksParametersOnce()
    {
        const Runbook rb =
            runbook(u"Restart"_s, {}, u"\n```bash\nsystemctl status <service>\n```\n"_s);
        QCOMPARE(rb.parameters.size(), 1);
        RunbooksView view;
        prepare(view);
        view.setRunbooks({rb});
        view.show();
        auto *table = view.findChild<QTableView *>(u"runbooksTable"_s);
        table->selectRow(0);
        view.startSelected();
        auto *dialog = view.findChild<RunParametersDialog *>(u"runParametersDialog"_s);
        QVERIFY(dialog);
        auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog->accept(); // refused while the value is missing
        QVERIFY(dialog->isVisible());
        QVERIFY(!view.isWizardShown());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"param_service"_s), u"echopilot-api"_s);
        QVERIFY(ok->isEnabled());
        ok->click();
        QVERIFY(view.isWizardShown());
        const ChecklistRun &run = view.wizard()->run();
        QCOMPARE(run.parameters().size(), 1);
        QCOMPARE(run.parameters().first().value, u"echopilot-api"_s);
        QCOMPARE(run.environment(), u"staging"_s);
        QVERIFY(run.runId() > 0);
        QCOMPARE(RunStore(m_db).unfinishedRuns()->size(), 1);
    }

    void historyOpensReadOnly()
    {
        const Runbook rb = runbook(u"Monthly"_s, u"monthly first-monday 10:00 UTC"_s);
        RunStore store(m_db);
        auto run = store.start(rb, u"staging"_s, {}, kNow.addSecs(-900));
        QVERIFY(run);
        QVERIFY(run->markDone(0, kNow));
        QVERIFY(run->skipStep(1, u"no host"_s, kNow));
        QVERIFY(run->markDone(2, kNow));
        QVERIFY(run->signOff(u"Sam"_s, kNow));

        RunbooksView view;
        QAbstractItemModelTester tester(view.historyModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        view.setRunbooks({rb});
        prepare(view);
        RunHistoryModel *h = view.historyModel();
        QCOMPARE(h->rowCount(), 1);
        QCOMPARE(h->index(0, RunHistoryModel::SignedOffCol).data().toString(), u"Sam"_s);
        const QString outcome = h->index(0, RunHistoryModel::OutcomeCol).data().toString();
        QVERIFY2(outcome.contains(u"1 skipped"_s) && outcome.contains(u"2 by hand"_s),
                 qPrintable(outcome));
        auto *table = view.findChild<QTableView *>(u"historyTable"_s);
        table->selectRow(0);
        view.findChild<QPushButton *>(u"openRunButton"_s)->click();
        QVERIFY(view.isWizardShown());
        QVERIFY(view.wizard()->isReadOnly());
        QCOMPARE(view.wizard()->run().signedOffBy(), u"Sam"_s);
        QVERIFY(!view.findChild<QPushButton *>(u"markDoneButton"_s)->isEnabled());
        QVERIFY(!view.findChild<QPushButton *>(u"noteButton"_s)->isEnabled());
        QVERIFY(view.findChild<QPushButton *>(u"exportPdfButton"_s)->isEnabled());
        view.findChild<QPushButton *>(u"backButton"_s)->click();
        QVERIFY(!view.isWizardShown());
    }

    void reportCarriesTheAuditHead()
    {
        const Runbook rb = runbook(u"Audited"_s, {});
        RunStore store(m_db);
        auto run = store.start(rb, u"staging"_s, {}, QDateTime::currentDateTimeUtc());
        QVERIFY(run);
        const AuditLog log(m_db, QByteArray(AuditLog::kSealKeySize, 'k'));
        AuditEvent event;
        event.kind = AuditKind::Checklist;
        event.environment = u"staging"_s;
        auto record = log.append(event);
        QVERIFY2(record, qPrintable(record ? QString() : record.error().toString()));

        RunbooksView view;
        view.setRunbooks({rb});
        prepare(view);
        QVERIFY(view.resumeRun(run->runId()));
        const QString path = m_dir.filePath(u"audited.md"_s);
        // The head is read in the background; the report names it once it is there.
        QTRY_VERIFY([&] {
            if (!view.wizard()->exportMarkdown(path))
                return false;
            QFile f(path);
            return f.open(QIODevice::ReadOnly) &&
                   QString::fromUtf8(f.readAll()).contains(record->hash);
        }());
    }
};

QTEST_MAIN(TestRunbooksView)
#include "tst_runbooksview.moc"
