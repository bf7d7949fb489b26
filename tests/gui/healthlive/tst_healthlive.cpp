// SPDX-License-Identifier: GPL-3.0-or-later
// The Health view end to end: a real simulator, the Console, the window, a temp database.
#include "console/console.h"
#include "demo/simulatorprocess.h"
#include "ui/consolewindowbinder.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QChartView>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QTableView>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QtTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace ph;

class TestHealthLive : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SimulatorProcess m_sim;
    int m_closedPort = 0;

    QString workspaceText(const QString &name) const
    {
        // Generic services: the test is about the view, not about keys.
        QFile f(QStringLiteral(PILOTHOUSE_SOURCE_DIR "/tests/gui/healthlive/workspace.jsonc.in"));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromUtf8(f.readAll())
            .arg(name)
            .arg(m_sim.port(u"echopilot"_s))
            .arg(m_closedPort);
    }

    QString writeWorkspace(const QByteArray &text)
    {
        const QString path = m_dir.filePath(u"ws.jsonc"_s);
        QFile f(path + u".tmp"_s);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        f.close();
        QFile::remove(path);
        QFile::rename(path + u".tmp"_s, path); // as editors save: replace by rename
        return path;
    }

    static Verdict verdictOf(HealthModel *m, const QString &service, const QString &endpoint)
    {
        const int row = m->rowOf(service, endpoint);
        return row < 0 ? Verdict::Unknown : m->rowAt(row).last.verdict;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        auto started = m_sim.start({u"--seed"_s, u"5"_s, u"--no-jitter"_s});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        // A port that was free a moment ago: connections to it are refused.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_closedPort = probe.serverPort();
        probe.close();
    }

    void init() { QVERIFY(m_sim.clearFaults()); }

    void healthViewFillsAndFollowsFaults()
    {
        const QString path = writeWorkspace(workspaceText(u"live"_s).toUtf8());
        Console console;
        Console::Options options;
        options.workspacePath = path;
        options.databasePath = m_dir.filePath(u"live.sqlite"_s);
        options.keychainService = u"pilothouse-test"_s;
        auto opened = console.open(options);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));

        MainWindow window;
        ConsoleWindowBinder binder(&console, &window);
        HealthModel *model = window.healthView()->model();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        window.show();
        console.start();

        QCOMPARE(model->rowCount(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"api"_s, u"health"_s), Verdict::Pass, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"api"_s, u"slo"_s), Verdict::Pass, 10000);
        const int row = model->rowOf(u"api"_s, u"health"_s);
        QCOMPARE(model->index(row, HealthModel::HttpCol).data().toString(), u"200"_s);

        // The selected row's latency chart: every tick of its millisecond axis is a whole
        // number of milliseconds, and the top holds the slowest check.
        auto *table = window.findChild<QTableView *>(u"healthTable"_s);
        QVERIFY(table);
        table->selectRow(row);
        auto *chartView = window.findChild<QChartView *>(u"healthDetailChart"_s);
        QVERIFY(chartView);
        QTRY_VERIFY(!model->rowAt(row).latencies.isEmpty() && chartView->chart() &&
                    !chartView->chart()->series().isEmpty() &&
                    qobject_cast<QLineSeries *>(chartView->chart()->series().first())->count() > 0);
        auto *msAxis = qobject_cast<QValueAxis *>(chartView->chart()->axes(Qt::Vertical).value(0));
        QVERIFY(msAxis);
        const double gap = (msAxis->max() - msAxis->min()) / (msAxis->tickCount() - 1);
        QCOMPARE(gap, std::floor(gap));
        QVERIFY(gap >= 1);
        for (const QPointF &p :
             qobject_cast<QLineSeries *>(chartView->chart()->series().first())->points())
            QVERIFY(p.y() <= msAxis->max());

        // Refused connection: down, with the reason.
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"gone"_s, u"health"_s), Verdict::Down, 10000);
        const int goneRow = model->rowOf(u"gone"_s, u"health"_s);
        QVERIFY2(model->rowAt(goneRow).last.error.contains(u"refused"_s, Qt::CaseInsensitive),
                 qPrintable(model->rowAt(goneRow).last.error));

        // A server error is a failing check with its code.
        SimulatorFault fault;
        fault.service = u"echopilot"_s;
        fault.path = u"/api/slo/status"_s;
        fault.mode = u"status"_s;
        fault.status = 500;
        QVERIFY(m_sim.injectFault(fault));
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"api"_s, u"slo"_s), Verdict::Fail, 10000);
        QCOMPARE(model->rowAt(model->rowOf(u"api"_s, u"slo"_s)).last.statusCode, 500);

        // A hang: no answer for two intervals turns the row stale (grey) before any deadline.
        QVERIFY(m_sim.clearFaults());
        fault.path = u"/api/health"_s;
        fault.mode = u"hang"_s;
        QVERIFY(m_sim.injectFault(fault));
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"api"_s, u"health"_s), Verdict::Stale, 6000);
        // The last real answer stays on screen, with its age.
        QCOMPARE(model->index(row, HealthModel::HttpCol).data().toString(), u"200"_s);
        QVERIFY(model->index(row, HealthModel::AgeCol).data().toString().contains(u"ago"_s));
        QVERIFY(m_sim.clearFaults());
    }

    void badWorkspaceKeepsTheOldOne()
    {
        const QString path = writeWorkspace(workspaceText(u"first"_s).toUtf8());
        Console console;
        Console::Options options;
        options.workspacePath = path;
        options.databasePath = m_dir.filePath(u"bad.sqlite"_s);
        options.keychainService = u"pilothouse-test"_s;
        QVERIFY(console.open(options));
        MainWindow window;
        ConsoleWindowBinder binder(&console, &window);
        window.show();
        console.start();
        HealthModel *model = window.healthView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(verdictOf(model, u"api"_s, u"health"_s), Verdict::Pass, 10000);

        QSignalSpy failed(&console, &Console::workspaceFailed);
        writeWorkspace("{ \"schema_version\": 2,\n  \"name\": \"broken\"\n  \"services\": [] }");
        QTRY_VERIFY_WITH_TIMEOUT(failed.count() >= 1, 10000);
        auto *banner = window.findChild<QWidget *>(u"workspaceErrorBanner"_s);
        QVERIFY(banner->isVisible());
        auto *text = window.findChild<QLabel *>(u"workspaceErrorText"_s);
        QVERIFY2(text->text().contains(u"ws.jsonc:3:"_s), qPrintable(text->text()));
        // Nothing lost: the old workspace is still the one shown and probed.
        QCOMPARE(console.workspace().name, u"first"_s);
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(verdictOf(model, u"api"_s, u"health"_s), Verdict::Pass);

        QSignalSpy loaded(&console, &Console::workspaceLoaded);
        writeWorkspace(workspaceText(u"second"_s).toUtf8());
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() >= 1, 10000);
        QCOMPARE(console.workspace().name, u"second"_s);
    }

    void resultsAreStoredAndSurviveReopen()
    {
        const QString path = writeWorkspace(workspaceText(u"stored"_s).toUtf8());
        const QString db = m_dir.filePath(u"stored.sqlite"_s);
        {
            Console console;
            Console::Options options;
            options.workspacePath = path;
            options.databasePath = db;
            options.keychainService = u"pilothouse-test"_s;
            QVERIFY(console.open(options));
            QSignalSpy uptime(&console, &Console::uptimeReady);
            console.start();
            // Uptime comes from the stored history once the first results are in.
            QTRY_VERIFY_WITH_TIMEOUT(!uptime.isEmpty(), 15000);
            bool sawHealth = false;
            for (const auto &args : std::as_const(uptime)) {
                if (args.at(0).toString() == u"api"_s && args.at(1).toString() == u"health"_s) {
                    sawHealth = true;
                    QVERIFY(args.at(2).toDouble() > 0.99);
                }
            }
            QVERIFY(sawHealth);
        }
        // Reopening the same file keeps what was recorded.
        Console again;
        Console::Options options;
        options.workspacePath = path;
        options.databasePath = db;
        options.keychainService = u"pilothouse-test"_s;
        QVERIFY(again.open(options));
    }
};

QTEST_MAIN(TestHealthLive)
#include "tst_healthlive.moc"
