// SPDX-License-Identifier: GPL-3.0-or-later
// The Alerts page: fed by hand on a fake clock, then end to end with the simulator.
#include "alerts/alertcenter.h"
#include "console/console.h"
#include "demo/simulatorprocess.h"
#include "notify/fakenotifier.h"
#include "ui/alerts/acknowledgedialog.h"
#include "ui/alerts/alertsmodel.h"
#include "ui/alerts/alertsview.h"
#include "ui/consolewindowbinder.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 23), QTime(3, 0), Qt::UTC);
const QString Engine = u"engine"_s;
const QString Echo = u"echo"_s;

ProbeResult probe(const QString &service, const QString &endpoint, Verdict verdict, int status,
                  const QByteArray &body, const QDateTime &at)
{
    ProbeResult r;
    r.service = service;
    r.endpoint = endpoint;
    r.verdict = verdict;
    r.statusCode = status;
    r.body = body;
    r.checkedAt = at;
    return r;
}

QString text(QAbstractItemModel *m, int row, int column, int role = Qt::DisplayRole)
{
    return m->index(row, column).data(role).toString();
}

int rowOfRule(AlertsModel *m, const QString &rule)
{
    for (int i = 0; i < m->rowCount(); ++i) {
        if (m->alerts().at(i).ruleId == rule)
            return i;
    }
    return -1;
}

/// Answers the acknowledge dialog the view opened.
bool answerAcknowledge(QWidget *window, const QString &owner, const QString &note,
                       QString *defaultOwner = nullptr)
{
    AcknowledgeDialog *dialog = nullptr;
    QElapsedTimer t;
    t.start();
    while (!dialog && t.elapsed() < 5000) {
        dialog = window->findChild<AcknowledgeDialog *>();
        if (!dialog || !dialog->isVisible()) {
            dialog = nullptr;
            QTest::qWait(20);
        }
    }
    if (!dialog)
        return false;
    auto *ownerEdit = dialog->findChild<QLineEdit *>(u"ownerEdit"_s);
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    if (defaultOwner)
        *defaultOwner = ownerEdit->text();
    ownerEdit->clear();
    if (ok->isEnabled())
        return false; // an empty owner must not be accepted
    ownerEdit->setText(owner);
    dialog->findChild<QPlainTextEdit *>(u"noteEdit"_s)->setPlainText(note);
    ok->click();
    return true;
}

} // namespace

class TestAlertsView : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimulatorProcess m_sim;
    QDateTime m_now;

    static Workspace workspace()
    {
        Workspace ws;
        ws.name = u"alerts"_s;
        ws.environments = {{u"production"_s, true, u"UTC"_s}, {u"staging"_s, false, u"UTC"_s}};
        Service engine;
        engine.name = Engine;
        engine.profile = u"botcore"_s;
        engine.environment = u"production"_s;
        Service echo = engine;
        echo.name = Echo;
        echo.profile = u"echopilot"_s;
        ws.services = {engine, echo};
        return ws;
    }

    void feed(AlertCenter &center, const ProbeResult &r)
    {
        m_now = std::max(m_now, r.checkedAt);
        center.applyResult(r);
        center.tick();
    }

private Q_SLOTS:
    void init() { m_now = T0; }

    void viewShowsAlertsAndActs()
    {
        AlertCenter center;
        center.setClock([this] { return m_now; });
        const Workspace ws = workspace();
        center.setWorkspace(ws);
        center.setWatchedServices({Engine, Echo});

        MainWindow window;
        window.setWorkspace(ws);
        AlertsView *view = window.alertsView();
        view->setCenter(&center);
        AlertsModel *active = view->activeModel();
        QAbstractItemModelTester activeTester(
            active, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester resolvedTester(
            view->resolvedModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        window.showPage(MainWindow::AlertsPage);
        auto *nav = window.findChild<QListWidget *>(u"navigation"_s);
        QCOMPARE(nav->item(MainWindow::AlertsPage)->text(), u"Alerts"_s);
        QCOMPARE(active->rowCount(), 0);

        // The engine says its database is gone; EchoPilot's p95 is over its target.
        feed(center, probe(Engine, u"health"_s, Verdict::Fail, 503,
                           "{\"status\":\"down\",\"database\":\"disconnected\"}", T0));
        feed(center, probe(Echo, u"slo"_s, Verdict::Pass, 200,
                           "{\"availability\":0.9995,\"p95_ms\":900,\"p99_ms\":1000,"
                           "\"webhook_success\":0.995}",
                           T0.addSecs(1)));
        QCOMPARE(active->rowCount(), 2);
        QCOMPARE(nav->item(MainWindow::AlertsPage)->text(), u"Alerts (2)"_s);
        QCOMPARE(text(active, 0, AlertsModel::SeverityCol), u"P0 — critical"_s);
        QCOMPARE(
            active->index(0, AlertsModel::SeverityCol).data(Qt::BackgroundRole).value<QColor>(),
            QColor(0xc0, 0x1c, 0x28));
        QCOMPARE(text(active, 1, AlertsModel::SeverityCol), u"P1 — high"_s);
        QVERIFY(text(active, 0, AlertsModel::TitleCol).contains(u"database"_s));
        QCOMPARE(text(active, 0, AlertsModel::ServiceCol), Engine);
        QCOMPARE(text(active, 0, AlertsModel::EnvironmentCol), u"production"_s);
        QCOMPARE(text(active, 0, AlertsModel::EnvironmentCol, Qt::ToolTipRole),
                 u"Production environment"_s);
        QCOMPARE(text(active, 0, AlertsModel::OwnerCol), u"unacknowledged"_s);
        QCOMPARE(text(active, 0, AlertsModel::EscalatedCol), QString());
        auto *summary = view->findChild<QLabel *>(u"alertsSummary"_s);
        QVERIFY2(summary->text().contains(u"1 P0, 1 P1"_s), qPrintable(summary->text()));

        // Since: relative, with the absolute time as tooltip.
        m_now = T0.addSecs(5 * 60);
        view->refresh();
        QCOMPARE(text(active, 0, AlertsModel::SinceCol), u"5 min ago"_s);
        QVERIFY(text(active, 0, AlertsModel::SinceCol, Qt::ToolTipRole)
                    .startsWith(u"2026-11-23 03:00:00 UTC"_s));

        // Details of the selected alert name the rule's input and its value.
        QVERIFY(view->selectAlert(active->alerts().at(0).id));
        auto *details = view->findChild<QTextBrowser *>(u"alertDetails"_s);
        const QString shown = details->toPlainText();
        QVERIFY2(shown.contains(u"Database field of the service's health body"_s),
                 qPrintable(shown));
        QVERIFY2(shown.contains(u"botcore.database.p0"_s), qPrintable(shown));
        QVERIFY2(shown.contains(u"Latest value"_s) && shown.contains(u"no"_s), qPrintable(shown));

        // The response runbook: the signal names it and the window goes to Runbooks.
        QSignalSpy runbook(view, &AlertsView::runbookRequested);
        view->findChild<QPushButton *>(u"runbookButton"_s)->click();
        QCOMPARE(runbook.size(), 1);
        QCOMPARE(runbook.first().first().toString(), u"botcore/alert-response#p0-service-down"_s);
        QCOMPARE(window.currentPage(), MainWindow::RunbooksPage);
        window.showPage(MainWindow::AlertsPage);

        // Acknowledge: the OS user is offered, an empty owner is refused, the owner shows.
        auto *ack = view->findChild<QPushButton *>(u"acknowledgeButton"_s);
        QVERIFY(ack->isEnabled());
        ack->click();
        QString offered;
        QVERIFY(answerAcknowledge(&window, u"alice"_s, u"restarting mongo"_s, &offered));
        QCOMPARE(offered, AlertCenter::defaultOwner());
        QCOMPARE(text(active, 0, AlertsModel::OwnerCol), u"alice"_s);
        QVERIFY(text(active, 0, AlertsModel::OwnerCol, Qt::ToolTipRole)
                    .contains(u"restarting mongo"_s));
        QVERIFY(!ack->isEnabled());
        QVERIFY(details->toPlainText().contains(u"restarting mongo"_s));

        // An unacknowledged P0 escalates 5 minutes after firing: the war-room marker.
        for (int s = 0; s <= 120; s += 15)
            feed(center, probe(Echo, u"health"_s, Verdict::Fail, 500, {}, m_now.addSecs(15)));
        const int echoDown = rowOfRule(active, u"echopilot.health.p0"_s);
        QVERIFY(echoDown >= 0);
        QCOMPARE(text(active, echoDown, AlertsModel::EscalatedCol), QString());
        for (int s = 0; s < 5 * 60; s += 15)
            feed(center, probe(Echo, u"health"_s, Verdict::Fail, 500, {}, m_now.addSecs(15)));
        const int escalated = rowOfRule(active, u"echopilot.health.p0"_s);
        QCOMPARE(text(active, escalated, AlertsModel::EscalatedCol), u"ESCALATED — war room"_s);
        QCOMPARE(nav->item(MainWindow::AlertsPage)->text(), u"Alerts (3)"_s);

        // Recovery moves the alert to "Recently resolved", owner and all.
        feed(center,
             probe(Engine, u"health"_s, Verdict::Pass, 200,
                   "{\"status\":\"healthy\",\"database\":\"connected\"}", m_now.addSecs(15)));
        QCOMPARE(active->rowCount(), 2);
        QCOMPARE(rowOfRule(active, u"botcore.database.p0"_s), -1);
        AlertsModel *resolved = view->resolvedModel();
        QCOMPARE(resolved->rowCount(), 1);
        QCOMPARE(resolved->alerts().first().ruleId, u"botcore.database.p0"_s);
        QCOMPARE(text(resolved, 0, AlertsModel::OwnerCol), u"alice"_s);
        QCOMPARE(resolved->headerData(AlertsModel::SinceCol, Qt::Horizontal).toString(),
                 u"Resolved"_s);
        QCOMPARE(nav->item(MainWindow::AlertsPage)->text(), u"Alerts (2)"_s);
    }

    void mutesShowAndRunOut()
    {
        AlertCenter center;
        center.setClock([this] { return m_now; });
        FakeNotifier notifier;
        center.setNotifier(&notifier);
        center.setWorkspace(workspace());
        AlertsView view;
        view.setCenter(&center);
        view.show();
        auto *status = view.findChild<QLabel *>(u"muteStatus"_s);
        QVERIFY2(status->text().contains(u"P1 on"_s), qPrintable(status->text()));

        auto *muteP1 = view.findChild<QAction *>(u"muteP1_60"_s);
        QVERIFY(muteP1);
        muteP1->trigger();
        QCOMPARE(center.mutedUntil(Severity::P1), T0.addSecs(3600));
        QVERIFY2(status->text().contains(u"P1 muted until"_s), qPrintable(status->text()));
        QVERIFY(status->text().contains(u"P0 on"_s));

        const QByteArray slow = "{\"availability\":0.9995,\"p95_ms\":900,\"p99_ms\":1000,"
                                "\"webhook_success\":0.995}";
        feed(center, probe(Echo, u"slo"_s, Verdict::Pass, 200, slow, T0.addSecs(10)));
        QCOMPARE(view.activeModel()->rowCount(), 1); // shown, only not announced
        QCOMPARE(notifier.calls().size(), 0);

        m_now = T0.addSecs(3601);
        view.refresh();
        QVERIFY2(status->text().contains(u"P1 on"_s), qPrintable(status->text()));

        view.findChild<QAction *>(u"muteP0_15"_s)->trigger();
        QVERIFY(status->text().contains(u"P0 muted until"_s));
        view.findChild<QAction *>(u"unmuteP0"_s)->trigger();
        QVERIFY(status->text().contains(u"P0 on"_s));
    }

    void liveFaultRaisesAndIsAcknowledged()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_sim.start({u"--seed"_s, u"7"_s, u"--no-jitter"_s});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        QFile in(QStringLiteral(PILOTHOUSE_SOURCE_DIR "/tests/gui/alerts/workspace.jsonc.in"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QString path = m_dir.filePath(u"ws.jsonc"_s);
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QString::fromUtf8(in.readAll()).arg(m_sim.port(u"rust-core-engine"_s)).toUtf8());
        out.close();

        FakeNotifier notifier;
        Console console;
        Console::Options options;
        options.workspacePath = path;
        options.databasePath = m_dir.filePath(u"alerts.sqlite"_s);
        options.keychainService = u"pilothouse-test"_s;
        options.notifier = &notifier;
        auto opened = console.open(options);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));

        MainWindow window;
        ConsoleWindowBinder binder(&console, &window);
        AlertsView *view = window.alertsView();
        AlertsModel *active = view->activeModel();
        QAbstractItemModelTester tester(active,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        window.showPage(MainWindow::AlertsPage);
        console.start();

        // Healthy first: a few sweeps raise nothing.
        QSignalSpy results(&console, &Console::resultReady);
        QTRY_VERIFY_WITH_TIMEOUT(results.size() >= 6, 10000);
        QCOMPARE(active->rowCount(), 0);

        // The engine loses its database: a P0 at once, announced once.
        QVERIFY(m_sim.setHealth(u"rust-core-engine"_s, u"down"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowOfRule(active, u"botcore.database.p0"_s) >= 0, 10000);
        const int row = rowOfRule(active, u"botcore.database.p0"_s);
        QCOMPARE(text(active, row, AlertsModel::SeverityCol), u"P0 — critical"_s);
        QCOMPARE(text(active, row, AlertsModel::ServiceCol), u"rust-core-engine"_s);
        QVERIFY(text(active, row, AlertsModel::TitleCol).contains(u"database"_s));
        auto *nav = window.findChild<QListWidget *>(u"navigation"_s);
        QCOMPARE(nav->item(MainWindow::AlertsPage)->text(),
                 u"Alerts (%1)"_s.arg(active->rowCount()));
        const auto announced = [&notifier] {
            int n = 0;
            for (const FakeNotifier::Call &c : notifier.calls()) {
                if (c.title.contains(u"lost its database connection"_s)) {
                    ++n;
                    if (c.urgency != Notifier::Urgency::Critical)
                        return -1;
                }
            }
            return n;
        };
        QCOMPARE(announced(), 1);

        // Acknowledge it through the dialog.
        QVERIFY(view->selectAlert(active->alerts().at(row).id));
        view->findChild<QPushButton *>(u"acknowledgeButton"_s)->click();
        QVERIFY(answerAcknowledge(&window, u"oncall-bob"_s, QString()));
        QCOMPARE(text(active, rowOfRule(active, u"botcore.database.p0"_s), AlertsModel::OwnerCol),
                 u"oncall-bob"_s);
        QCOMPARE(console.alerts()->activeAlerts().value(0).owner, u"oncall-bob"_s);

        // Further failing sweeps keep one alert and say nothing new.
        const qsizetype before = results.size();
        QTRY_VERIFY_WITH_TIMEOUT(results.size() >= before + 6, 10000);
        QCOMPARE(announced(), 1);

        // The database is back: the alert resolves and is listed as resolved.
        QVERIFY(m_sim.setHealth(u"rust-core-engine"_s, u"ok"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rowOfRule(active, u"botcore.database.p0"_s), -1, 10000);
        QCOMPARE(rowOfRule(view->resolvedModel(), u"botcore.database.p0"_s), 0);
        QCOMPARE(text(view->resolvedModel(), 0, AlertsModel::OwnerCol), u"oncall-bob"_s);
        console.stop();
        m_sim.stop();
    }

    void cleanupTestCase() { m_sim.stop(); }
};

QTEST_MAIN(TestAlertsView)
#include "tst_alertsview.moc"
