// SPDX-License-Identifier: GPL-3.0-or-later
// The window on its own, fed by hand: models, production marking, error banner.
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dashboards/queuepanel.h"
#include "ui/dashboards/slopanel.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static Workspace twoEnvironments()
    {
        Workspace ws;
        ws.name = u"test"_s;
        ws.filePath = u"/tmp/test.workspace.jsonc"_s;
        ws.environments = {{u"production"_s, true, u"Europe/Berlin"_s},
                           {u"staging"_s, false, u"UTC"_s}};
        Service prod;
        prod.name = u"echopilot"_s;
        prod.environment = u"production"_s;
        prod.endpoints = {{u"health"_s, u"/api/health"_s}, {u"slo"_s, u"/api/slo/status"_s}};
        Service hidden = prod;
        hidden.endpoints.append({u"payouts"_s, u"/api/growth/payouts/export"_s});
        hidden.endpoints.last().probe = false;
        hidden.name = u"echopilot-staging"_s;
        hidden.environment = u"staging"_s;
        ws.services = {prod, hidden};
        return ws;
    }

    static ProbeResult result(const QString &endpoint, Verdict v, int code, int latency)
    {
        ProbeResult r;
        r.service = u"echopilot"_s;
        r.endpoint = endpoint;
        r.url = u"http://127.0.0.1:1/api/"_s + endpoint;
        r.verdict = v;
        r.statusCode = code;
        r.latencyMs = latency;
        r.checkedAt = QDateTime::currentDateTimeUtc();
        r.body = R"({"status":"ok"})";
        return r;
    }

private Q_SLOTS:
    void init() { QSettings().clear(); }

    void healthModelPassesModelTester()
    {
        HealthModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        Workspace ws = twoEnvironments();
        model.setServices(ws.services);
        // Endpoints that are not probed (payouts export) get no row.
        QCOMPARE(model.rowCount(), 4);
        model.applyResult(result(u"health"_s, Verdict::Pass, 200, 12));
        model.applyResult(result(u"health"_s, Verdict::Down, 0, -1));
        model.setUptime(u"echopilot"_s, u"health"_s, 0.5, 0.75);
        model.refreshAges(QDateTime::currentDateTimeUtc());
        const int row = model.rowOf(u"echopilot"_s, u"health"_s);
        QCOMPARE(model.index(row, HealthModel::StatusCol).data().toString(), u"Down"_s);
        QCOMPARE(model.index(row, HealthModel::Uptime24hCol).data().toString(),
                 QLocale().toString(50.0, 'f', 2) + u" %"_s);
        model.setServices({});
        QCOMPARE(model.rowCount(), 0);
    }

    void staleKeepsLastAnswer()
    {
        HealthModel model;
        model.setServices(twoEnvironments().services);
        model.applyResult(result(u"health"_s, Verdict::Pass, 200, 40));
        ProbeResult stale = result(u"health"_s, Verdict::Stale, 0, -1);
        stale.error = u"no answer for 2 intervals"_s;
        model.applyResult(stale);
        const int row = model.rowOf(u"echopilot"_s, u"health"_s);
        QCOMPARE(model.index(row, HealthModel::StatusCol).data().toString(), u"Stale"_s);
        // The last real figures stay visible, greyed, with their age.
        QCOMPARE(model.index(row, HealthModel::HttpCol).data().toString(), u"200"_s);
        QCOMPARE(model.index(row, HealthModel::LatencyCol).data().toString(), u"40 ms"_s);
        QVERIFY(model.index(row, HealthModel::AgeCol).data().toString().contains(u"ago"_s));
    }

    void productionIsMarked()
    {
        MainWindow w;
        w.show();
        QSignalSpy envSpy(&w, &MainWindow::environmentChanged);
        w.setWorkspace(twoEnvironments());
        QCOMPARE(envSpy.count(), 1);
        QCOMPARE(envSpy.takeFirst().at(0).toString(), u"production"_s);
        auto *bar = w.findChild<QWidget *>(u"productionBar"_s);
        QVERIFY(bar);
        QVERIFY(bar->isVisible());
        QVERIFY(w.windowTitle().contains(u"PRODUCTION"_s));
        auto *switcher = w.findChild<QComboBox *>(u"environmentSwitcher"_s);
        switcher->setCurrentIndex(switcher->findData(u"staging"_s));
        QCOMPARE(envSpy.count(), 1);
        QVERIFY(!bar->isVisible());
        QVERIFY(!w.windowTitle().contains(u"PRODUCTION"_s));
    }

    void environmentFiltersRows()
    {
        MainWindow w;
        w.setWorkspace(twoEnvironments());
        w.setEnvironment(u"production"_s);
        QCOMPARE(w.healthView()->model()->rowCount(), 2);
        w.setEnvironment(u"staging"_s);
        QCOMPARE(w.healthView()->model()->rowCount(), 2);
        QCOMPARE(w.healthView()->model()->rowAt(0).service, u"echopilot-staging"_s);
        QCOMPARE(w.healthView()->model()->rowOf(u"echopilot-staging"_s, u"payouts"_s), -1);
    }

    void workspaceErrorKeepsOldRows()
    {
        MainWindow w;
        w.show();
        w.setWorkspace(twoEnvironments());
        w.setEnvironment(u"production"_s);
        w.applyResult(result(u"health"_s, Verdict::Pass, 200, 10));
        w.showWorkspaceError(Error{u"workspace.syntax"_s, u"test.jsonc:3:7: expected ','"_s, {}});
        auto *banner = w.findChild<QWidget *>(u"workspaceErrorBanner"_s);
        QVERIFY(banner->isVisible());
        auto *text = w.findChild<QLabel *>(u"workspaceErrorText"_s);
        QVERIFY(text->text().contains(u"3:7"_s));
        QVERIFY(text->text().contains(u"previous workspace stays loaded"_s));
        QCOMPARE(w.healthView()->model()->rowCount(), 2);
        QCOMPARE(w.healthView()->model()->rowAt(0).last.statusCode, 200);
    }

    void detailShowsSelectedEndpoint()
    {
        MainWindow w;
        w.show();
        w.setWorkspace(twoEnvironments());
        w.setEnvironment(u"production"_s);
        ProbeResult r = result(u"health"_s, Verdict::Fail, 500, 30);
        r.error = u"HTTP 500"_s;
        r.headers = {{"Content-Type", "application/json"}};
        w.applyResult(r);
        w.healthView()->table()->selectRow(0);
        auto *title = w.findChild<QLabel *>(u"healthDetailTitle"_s);
        QTRY_VERIFY(title->text().contains(u"Failing"_s));
        auto *error = w.findChild<QLabel *>(u"healthDetailError"_s);
        QCOMPARE(error->text(), u"HTTP 500"_s);
        auto *body = w.findChild<QPlainTextEdit *>(u"healthDetailBody"_s);
        QVERIFY(body->toPlainText().contains(u"\"status\": \"ok\""_s));
    }

    void dashboardPanelsGetResults()
    {
        MainWindow w;
        w.setWorkspace(twoEnvironments());
        w.setEnvironment(u"production"_s);
        ProbeResult slo = result(u"slo"_s, Verdict::Pass, 200, 5);
        slo.body = "{\"window_days\":30,\"availability\":0.9994,\"p95_ms\":612,"
                   "\"p99_ms\":1034,\"webhook_success\":0.995}";
        w.applyResult(slo);
        SloModel *model = w.sloPanel()->model();
        const int row = model->rowOf(u"echopilot"_s);
        QVERIFY(row >= 0);
        QVERIFY(model->rowAt(row).hasFigures);
        QCOMPARE(model->rowAt(row).reading.p95Ms.value, 612.0);
    }

    void geometryIsRemembered()
    {
        {
            MainWindow w;
            w.show();
            w.resize(900, 700);
            w.close();
        }
        MainWindow again;
        QCOMPARE(again.size(), QSize(900, 700));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
