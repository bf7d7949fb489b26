// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/dashboardfigures.h"

#include <QTest>

using namespace Qt::StringLiterals;

using Mappings = QMap<QString, QString>;

class TestDashboardFigures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void slo_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Mappings>("mappings");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<double>("availability");
        QTest::addColumn<double>("p99");

        const QByteArray good = "{\"window_days\":30,\"availability\":0.9992,\"p95_ms\":652,"
                                "\"p99_ms\":1094,\"webhook_success\":0.99}";
        QTest::newRow("plain") << good << Mappings{} << QString() << 0.9992 << 1094.0;
        QTest::newRow("mapped") << QByteArray("{\"window_days\":7,\"slo\":{\"avail\":0.95},"
                                              "\"p95_ms\":1,\"lat\":[{\"p99\":2}],"
                                              "\"webhook_success\":1}")
                                << Mappings{{u"availability"_s, u"/slo/avail"_s},
                                            {u"p99_ms"_s, u"/lat/0/p99"_s}}
                                << QString() << 0.95 << 2.0;
        QTest::newRow("empty") << QByteArray("  \n") << Mappings{}
                               << u"unexpected response: empty body"_s << 0.0 << 0.0;
        QTest::newRow("not json") << QByteArray("<html>") << Mappings{}
                                  << u"unexpected response: not JSON"_s << 0.0 << 0.0;
        QTest::newRow("missing") << QByteArray("{\"window_days\":30}") << Mappings{}
                                 << u"unexpected response: field /availability missing"_s << 0.0
                                 << 0.0;
        QTest::newRow("mapping points nowhere")
            << good << Mappings{{u"p95_ms"_s, u"/latency/p95"_s}}
            << u"unexpected response: field /latency/p95 missing"_s << 0.0 << 0.0;
        QTest::newRow("string") << QByteArray(good).replace("0.9992", "\"0.9992\"") << Mappings{}
                                << u"unexpected response: field /availability is not a number"_s
                                << 0.0 << 0.0;
        QTest::newRow("percent, not ratio")
            << QByteArray(good).replace("0.9992", "99.92") << Mappings{}
            << u"expected a ratio between 0 and 1"_s << 0.0 << 0.0;
        QTest::newRow("zero window") << QByteArray(good).replace("30", "0") << Mappings{}
                                     << u"expected a number above 0"_s << 0.0 << 0.0;
        QTest::newRow("negative latency") << QByteArray(good).replace("652", "-1") << Mappings{}
                                          << u"expected a number of at least 0"_s << 0.0 << 0.0;
    }

    void slo()
    {
        QFETCH(QByteArray, body);
        QFETCH(Mappings, mappings);
        QFETCH(QString, problem);
        ph::SloFigures f;
        f.availability = -1; // untouched on failure
        const QString got = ph::readSloFigures(body, mappings, &f);
        if (problem.isEmpty()) {
            QVERIFY2(got.isEmpty(), qPrintable(got));
            QTEST(f.availability, "availability");
            QTEST(f.p99Ms, "p99");
        } else {
            QVERIFY2(got.contains(problem), qPrintable(got));
            QCOMPARE(f.availability, -1.0);
        }
    }

    void queue_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Mappings>("mappings");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<double>("depth");
        QTest::addColumn<double>("stuck");

        QTest::newRow("seeded") << QByteArray("{\"depth\":19,\"processing_rate_per_min\":44.6,"
                                              "\"failed_ratio\":0.001,\"stuck\":2}")
                                << Mappings{} << QString() << 19.0 << 2.0;
        QTest::newRow("mapped") << QByteArray("{\"q\":{\"len\":0},\"processing_rate_per_min\":0,"
                                              "\"failed_ratio\":0,\"stuck\":0}")
                                << Mappings{{u"depth"_s, u"/q/len"_s}} << QString() << 0.0 << 0.0;
        QTest::newRow("failed ratio over 1")
            << QByteArray("{\"depth\":1,\"processing_rate_per_min\":1,\"failed_ratio\":5,"
                          "\"stuck\":0}")
            << Mappings{} << u"field /failed_ratio is 5, expected a ratio"_s << 0.0 << 0.0;
        QTest::newRow("array body")
            << QByteArray("[1,2]") << Mappings{} << u"field /depth missing"_s << 0.0 << 0.0;
        QTest::newRow("null stuck")
            << QByteArray("{\"depth\":1,\"processing_rate_per_min\":1,\"failed_ratio\":0,"
                          "\"stuck\":null}")
            << Mappings{} << u"field /stuck is not a number"_s << 0.0 << 0.0;
    }

    void queue()
    {
        QFETCH(QByteArray, body);
        QFETCH(Mappings, mappings);
        QFETCH(QString, problem);
        ph::QueueFigures f;
        f.depth = -1;
        const QString got = ph::readQueueFigures(body, mappings, &f);
        if (problem.isEmpty()) {
            QVERIFY2(got.isEmpty(), qPrintable(got));
            QTEST(f.depth, "depth");
            QTEST(f.stuck, "stuck");
        } else {
            QVERIFY2(got.contains(problem), qPrintable(got));
            QCOMPARE(f.depth, -1.0);
        }
    }

    void unusableAnswer_data()
    {
        QTest::addColumn<int>("verdict");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("expected");
        QTest::newRow("ok") << int(ph::Verdict::Pass) << 200 << QString() << QString();
        QTest::newRow("fail but answered")
            << int(ph::Verdict::Fail) << 204 << u"too slow"_s << QString();
        QTest::newRow("stale") << int(ph::Verdict::Stale) << 200 << QString()
                               << u"no fresh answer"_s;
        QTest::newRow("http error") << int(ph::Verdict::Fail) << 503 << QString() << u"HTTP 503"_s;
        QTest::newRow("refused") << int(ph::Verdict::Down) << 0 << u"connection refused"_s
                                 << u"connection refused"_s;
        QTest::newRow("nothing") << int(ph::Verdict::Down) << 0 << QString() << u"no answer"_s;
    }

    void unusableAnswer()
    {
        QFETCH(int, verdict);
        QFETCH(int, status);
        QFETCH(QString, error);
        ph::ProbeResult r;
        r.verdict = ph::Verdict(verdict);
        r.statusCode = status;
        r.error = error;
        QTEST(ph::unusableAnswer(r), "expected");
    }

    void thresholdsFallBackToTheProductTargets()
    {
        const QMap<QString, double> ws = {{u"queue.depth.max"_s, 80}};
        QCOMPARE(ph::dashboardThreshold(ws, u"queue.depth.max"_s), 80.0);
        QCOMPARE(ph::dashboardThreshold(ws, u"queue.rate.min_per_min"_s), 10.0);
        QCOMPARE(ph::dashboardThreshold(ws, u"queue.failed_ratio.max"_s), 0.05);
        QCOMPARE(ph::dashboardThreshold({}, u"slo.availability.target"_s), 0.999);
        QCOMPARE(ph::dashboardThreshold({}, u"slo.p95_ms.max"_s), 800.0);
        QCOMPARE(ph::dashboardThreshold({}, u"slo.p99_ms.max"_s), 1200.0);
        QCOMPARE(ph::dashboardThreshold({}, u"slo.webhook_success.target"_s), 0.99);
        QCOMPARE(ph::dashboardThreshold({}, u"no.such"_s), 0.0);
    }

    void queueVerdicts_data()
    {
        QTest::addColumn<double>("depth");
        QTest::addColumn<double>("rate");
        QTest::addColumn<double>("failed");
        QTest::addColumn<double>("stuck");
        QTest::addColumn<int>("depthV");
        QTest::addColumn<int>("rateV");
        QTest::addColumn<int>("failedV");
        QTest::addColumn<int>("worst");
        const int P = int(ph::Verdict::Pass), W = int(ph::Verdict::Warn),
                  F = int(ph::Verdict::Fail);
        QTest::newRow("seeded") << 19.0 << 44.6 << 0.001 << 2.0 << P << P << P << W;
        QTest::newRow("near limits") << 40.0 << 11.0 << 0.045 << 0.0 << W << W << W << W;
        QTest::newRow("at limits") << 50.0 << 10.0 << 0.05 << 0.0 << F << F << F << F;
        QTest::newRow("empty queue, idle") << 0.0 << 0.0 << 0.0 << 0.0 << P << P << P << P;
    }

    void queueVerdicts()
    {
        QFETCH(double, depth);
        QFETCH(double, rate);
        QFETCH(double, failed);
        QFETCH(double, stuck);
        const ph::QueueVerdicts v = ph::evaluateQueue({depth, rate, failed, stuck}, {});
        QTEST(int(v.depth), "depthV");
        QTEST(int(v.rate), "rateV");
        QTEST(int(v.failed), "failedV");
        QTEST(int(v.worst()), "worst");
    }

    void sloVerdicts()
    {
        // Seed 42's first answer: 0.8 of the budget spent, all targets met.
        ph::SloVerdicts v = ph::evaluateSlo({30, 0.9992, 652, 1094, 0.99}, {});
        QVERIFY(qAbs(v.budgetLeft - 0.2) < 1e-9);
        QCOMPARE(v.budget, ph::Verdict::Warn);
        QCOMPARE(v.availability, ph::Verdict::Pass);
        QCOMPARE(v.worst(), ph::Verdict::Warn);
        // Over the budget and p99 too slow; a workspace target moves the line.
        v = ph::evaluateSlo({30, 0.998, 652, 1200, 0.99}, {});
        QCOMPARE(v.availability, ph::Verdict::Fail);
        QCOMPARE(v.budget, ph::Verdict::Fail);
        QCOMPARE(v.p99, ph::Verdict::Fail);
        v = ph::evaluateSlo({30, 0.998, 652, 1100, 0.99}, {{u"slo.availability.target"_s, 0.99}});
        QCOMPARE(v.availability, ph::Verdict::Pass);
        QCOMPARE(v.budget, ph::Verdict::Pass);
        QCOMPARE(v.worst(), ph::Verdict::Pass);
    }

    void figureValueFollowsMappings()
    {
        QString problem;
        const QJsonValue root = ph::parseFigureBody(
            "{\"db\":{\"state\":\"connected\"},\"database\":\"down\"}", &problem);
        QVERIFY(problem.isEmpty());
        QCOMPARE(ph::figureValue(root, {}, u"database"_s).toString(), u"down"_s);
        QCOMPARE(ph::figureValue(root, {{u"database"_s, u"/db/state"_s}}, u"database"_s).toString(),
                 u"connected"_s);
        QVERIFY(ph::figureValue(root, {}, u"absent"_s).isUndefined());
    }
};

QTEST_GUILESS_MAIN(TestDashboardFigures)
#include "tst_dashboardfigures.moc"
