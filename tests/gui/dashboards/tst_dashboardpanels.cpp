// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/promslosource.h"
#include "ui/dashboards/queuepanel.h"
#include "ui/dashboards/slopanel.h"
#include "ui/widgets/statuscolors.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QFont>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using ph::ProbeResult;
using ph::QueueModel;
using ph::SloModel;
using ph::Verdict;

namespace {

const QByteArray QueueSample =
    R"({"depth":12,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})";
const QByteArray SloSample =
    R"({"window_days":30,"availability":0.9994,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})";
const QDateTime T0 = QDateTime(QDate(2026, 11, 23), QTime(3, 0), Qt::UTC);

ph::Service service(const QString &name, const QMap<QString, QString> &mappings = {})
{
    ph::Service s;
    s.name = name;
    s.profile = u"echopilot"_s;
    ph::EndpointSpec health;
    health.name = u"health"_s;
    health.path = u"/api/health"_s;
    ph::EndpointSpec queue;
    queue.name = u"queue"_s;
    queue.path = u"/api/queue/status"_s;
    ph::EndpointSpec slo;
    slo.name = u"slo"_s;
    slo.path = u"/api/slo/status"_s;
    s.endpoints = {health, queue, slo};
    s.fieldMappings = mappings;
    return s;
}

// A botcore-like service whose SLO source is its /metrics.
ph::Service metricsService(const QString &name)
{
    ph::Service s;
    s.name = name;
    s.profile = u"botcore"_s;
    ph::EndpointSpec metrics;
    metrics.name = u"metrics"_s;
    metrics.path = u"/metrics"_s;
    s.endpoints = {metrics};
    s.slo.source = u"metrics"_s;
    s.slo.metricsEndpoint = u"metrics"_s;
    return s;
}

QByteArray metricsBody(double ok, double failed)
{
    return "http_requests_total{code=\"200\"} " + QByteArray::number(ok, 'g', 17) +
           "\nhttp_requests_total{code=\"500\"} " + QByteArray::number(failed, 'g', 17) +
           "\n# TYPE http_request_duration_seconds histogram"
           "\nhttp_request_duration_seconds_bucket{le=\"0.5\"} " +
           QByteArray::number((ok + failed) / 2, 'g', 17) +
           "\nhttp_request_duration_seconds_bucket{le=\"1\"} " +
           QByteArray::number(ok + failed, 'g', 17) +
           "\nhttp_request_duration_seconds_bucket{le=\"+Inf\"} " +
           QByteArray::number(ok + failed, 'g', 17) + '\n';
}

ProbeResult result(const QString &endpoint, const QByteArray &body, const QDateTime &at = T0,
                   const QString &svc = u"echopilot-prod"_s)
{
    ProbeResult r;
    r.service = svc;
    r.endpoint = endpoint;
    r.url = u"http://127.0.0.1:5000/api/"_s + endpoint + u"/status"_s;
    r.verdict = Verdict::Pass;
    r.statusCode = 200;
    r.latencyMs = 20;
    r.checkedAt = at;
    r.lastAnswerAt = at;
    r.body = body;
    return r;
}

QVariant cell(const QAbstractItemModel *m, int column, int role = Qt::DisplayRole, int row = 0)
{
    return m->index(row, column).data(role);
}

Verdict verdictAt(const QAbstractItemModel *m, int column, int role)
{
    return Verdict(cell(m, column, role).toInt());
}

QColor colourAt(const QAbstractItemModel *m, int column)
{
    return cell(m, column, Qt::ForegroundRole).value<QColor>();
}

} // namespace

class TestDashboardPanels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void queueFigures_data();
    void queueFigures();
    void queueThresholdsFromWorkspace();
    void queueBadResponse_data();
    void queueBadResponse();
    void queueKeepsLastFiguresGreyed();
    void queueFieldMappings();
    void queueIgnoresOtherResults();
    void queueChartAndSummary();

    void sloFigures();
    void sloBreached();
    void sloBudget_data();
    void sloBudget();
    void sloBadResponse_data();
    void sloBadResponse();
    void sloFieldMappings();
    void sloChart();
    void sloEndpointHasNoBurnRates();
    void sloFromMetrics();
    void sloBurnVerdicts_data();
    void sloBurnVerdicts();
    void sloPrometheusSource();

    void modelsPassTheTester();
    void screenshot();
};

void TestDashboardPanels::queueFigures_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("depth");
    QTest::addColumn<Verdict>("depthVerdict");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<Verdict>("rateVerdict");
    QTest::addColumn<QString>("failed");
    QTest::addColumn<Verdict>("failedVerdict");
    QTest::addColumn<Verdict>("stuckVerdict");
    QTest::addColumn<QString>("state");

    QTest::newRow("contract sample")
        << QueueSample << u"12"_s << Verdict::Pass << u"34.5/min"_s << Verdict::Pass << u"1.2 %"_s
        << Verdict::Pass << Verdict::Warn << u"near a threshold"_s;
    QTest::newRow("deep queue")
        << R"({"depth":75,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":0})"_ba
        << u"75"_s << Verdict::Fail << u"34.5/min"_s << Verdict::Pass << u"1.2 %"_s << Verdict::Pass
        << Verdict::Pass << u"over a threshold"_s;
    QTest::newRow("filling up")
        << R"({"depth":45,"processing_rate_per_min":11,"failed_ratio":0.041,"stuck":0})"_ba
        << u"45"_s << Verdict::Warn << u"11.0/min"_s << Verdict::Warn << u"4.1 %"_s << Verdict::Warn
        << Verdict::Pass << u"near a threshold"_s;
    QTest::newRow("slow and failing")
        << R"({"depth":20,"processing_rate_per_min":4,"failed_ratio":0.07,"stuck":0})"_ba << u"20"_s
        << Verdict::Pass << u"4.0/min"_s << Verdict::Fail << u"7.0 %"_s << Verdict::Fail
        << Verdict::Pass << u"over a threshold"_s;
    QTest::newRow("idle queue, no rate")
        << R"({"depth":0,"processing_rate_per_min":0,"failed_ratio":0,"stuck":0})"_ba << u"0"_s
        << Verdict::Pass << u"0.0/min"_s << Verdict::Pass << u"0.0 %"_s << Verdict::Pass
        << Verdict::Pass << u"within thresholds"_s;
}

void TestDashboardPanels::queueFigures()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, depth);
    QFETCH(Verdict, depthVerdict);
    QFETCH(QString, rate);
    QFETCH(Verdict, rateVerdict);
    QFETCH(QString, failed);
    QFETCH(Verdict, failedVerdict);
    QFETCH(Verdict, stuckVerdict);
    QFETCH(QString, state);

    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const QueueModel *m = panel.model();
    QCOMPARE(m->rowCount(), 1);
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), u"–"_s);

    panel.applyResult(result(u"queue"_s, body));
    QCOMPARE(cell(m, QueueModel::ServiceCol).toString(), u"echopilot-prod"_s);
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), depth);
    QCOMPARE(cell(m, QueueModel::RateCol).toString(), rate);
    QCOMPARE(cell(m, QueueModel::FailedCol).toString(), failed);
    QCOMPARE(verdictAt(m, QueueModel::DepthCol, QueueModel::VerdictRole), depthVerdict);
    QCOMPARE(verdictAt(m, QueueModel::RateCol, QueueModel::VerdictRole), rateVerdict);
    QCOMPARE(verdictAt(m, QueueModel::FailedCol, QueueModel::VerdictRole), failedVerdict);
    QCOMPARE(verdictAt(m, QueueModel::StuckCol, QueueModel::VerdictRole), stuckVerdict);
    QCOMPARE(colourAt(m, QueueModel::DepthCol), ph::statusColor(depthVerdict));
    QCOMPARE(colourAt(m, QueueModel::FailedCol), ph::statusColor(failedVerdict));
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), state);
    QCOMPARE(cell(m, QueueModel::DepthCol, QueueModel::StaleRole).toBool(), false);
    QCOMPARE(cell(m, QueueModel::SourceCol).toString(), u"/api/queue/status"_s);
    const QString tip = cell(m, QueueModel::DepthCol, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"/api/queue/status"_s), qPrintable(tip));
}

void TestDashboardPanels::queueThresholdsFromWorkspace()
{
    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s)},
                      {{u"queue.depth.max"_s, 100}, {u"queue.failed_ratio.max"_s, 0.01}});
    const QueueModel *m = panel.model();
    panel.applyResult(
        result(u"queue"_s,
               R"({"depth":85,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":0})"));
    // 85 is under the workspace's 100 but past its 80 % early warning; 1.2 % is over 1 %.
    QCOMPARE(verdictAt(m, QueueModel::DepthCol, QueueModel::VerdictRole), Verdict::Warn);
    QCOMPARE(verdictAt(m, QueueModel::FailedCol, QueueModel::VerdictRole), Verdict::Fail);
    QCOMPARE(m->headerData(QueueModel::DepthCol, Qt::Horizontal).toString(), u"Depth (< 100)"_s);
    QCOMPARE(m->headerData(QueueModel::FailedCol, Qt::Horizontal).toString(), u"Failed (< 1 %)"_s);
}

void TestDashboardPanels::queueBadResponse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("missing depth")
        << R"({"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})"_ba
        << u"unexpected response: field /depth missing"_s;
    QTest::newRow("depth as text")
        << R"({"depth":"12","processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})"_ba
        << u"unexpected response: field /depth is not a number"_s;
    QTest::newRow("stuck null")
        << R"({"depth":12,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":null})"_ba
        << u"unexpected response: field /stuck is not a number"_s;
    QTest::newRow("ratio as percent")
        << R"({"depth":12,"processing_rate_per_min":34.5,"failed_ratio":1.2,"stuck":2})"_ba
        << u"unexpected response: field /failed_ratio is 1.2, expected a ratio between 0 and 1"_s;
    QTest::newRow("negative depth")
        << R"({"depth":-3,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})"_ba
        << u"unexpected response: field /depth is -3, expected a number of at least 0"_s;
    QTest::newRow("html") << "<html>502 Bad Gateway</html>"_ba
                          << u"unexpected response: not JSON (illegal value at byte 1)"_s;
    QTest::newRow("empty") << QByteArray() << u"unexpected response: empty body"_s;
}

void TestDashboardPanels::queueBadResponse()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);

    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const QueueModel *m = panel.model();
    panel.applyResult(result(u"queue"_s, body));
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), problem);
    QCOMPARE(verdictAt(m, QueueModel::StateCol, QueueModel::VerdictRole), Verdict::Fail);
    QCOMPARE(colourAt(m, QueueModel::StateCol), ph::statusColor(Verdict::Fail));
    // Never a silent zero: no figure is shown, none has a value.
    for (int c = QueueModel::DepthCol; c <= QueueModel::StuckCol; ++c) {
        QCOMPARE(cell(m, c).toString(), u"–"_s);
        QVERIFY(!cell(m, c, QueueModel::ValueRole).isValid());
    }
    QVERIFY(panel.depthHistory(u"echopilot-prod"_s).isEmpty());
    const auto *summary = panel.findChild<QLabel *>(u"queueSummary"_s);
    QVERIFY(summary);
    QVERIFY2(summary->text().contains(u"1 without current figures"_s), qPrintable(summary->text()));
}

void TestDashboardPanels::queueKeepsLastFiguresGreyed()
{
    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const QueueModel *m = panel.model();
    panel.applyResult(result(u"queue"_s, QueueSample));
    panel.refreshAges(T0.addSecs(42));
    QCOMPARE(cell(m, QueueModel::AgeCol).toString(), u"42 s ago"_s);

    // A mistyped answer leaves the last good figures, greyed, with the reason beside them.
    panel.applyResult(result(u"queue"_s, R"({"depth":"lots"})", T0.addSecs(15)));
    panel.refreshAges(T0.addSecs(60));
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), u"12"_s);
    QCOMPARE(cell(m, QueueModel::DepthCol, QueueModel::StaleRole).toBool(), true);
    QCOMPARE(colourAt(m, QueueModel::DepthCol), ph::staleTextColor());
    QCOMPARE(cell(m, QueueModel::AgeCol).toString(), u"1 min ago"_s);
    QCOMPARE(cell(m, QueueModel::StateCol).toString(),
             u"unexpected response: field /depth is not a number"_s);

    // A stale result greys them too and says why.
    ProbeResult stale = result(u"queue"_s, {}, T0.addSecs(30));
    stale.verdict = Verdict::Stale;
    stale.statusCode = 0;
    stale.error = u"offline: no network"_s;
    panel.applyResult(stale);
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), u"offline: no network"_s);
    QCOMPARE(colourAt(m, QueueModel::FailedCol), ph::staleTextColor());

    // So does a refused key.
    ProbeResult unauthorised = result(u"queue"_s, R"({"error":"unauthorized"})", T0.addSecs(45));
    unauthorised.verdict = Verdict::Fail;
    unauthorised.statusCode = 401;
    unauthorised.error.clear();
    panel.applyResult(unauthorised);
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), u"HTTP 401"_s);
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), u"12"_s);

    // A good answer brings the colours back.
    panel.applyResult(result(u"queue"_s, QueueSample, T0.addSecs(60)));
    QCOMPARE(cell(m, QueueModel::DepthCol, QueueModel::StaleRole).toBool(), false);
    QCOMPARE(colourAt(m, QueueModel::DepthCol), ph::statusColor(Verdict::Pass));
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), u"near a threshold"_s);
}

void TestDashboardPanels::queueFieldMappings()
{
    const QMap<QString, QString> mappings = {{u"depth"_s, u"/data/queue/pending"_s},
                                             {u"processing_rate_per_min"_s, u"/data/rate"_s},
                                             {u"failed_ratio"_s, u"/data/errors~1total"_s}};
    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s, mappings)}, {});
    const QueueModel *m = panel.model();
    panel.applyResult(
        result(u"queue"_s,
               R"({"data":{"queue":{"pending":75},"rate":12.5,"errors/total":0.02},"stuck":1})"));
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), u"over a threshold"_s);
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), u"75"_s);
    QCOMPARE(cell(m, QueueModel::RateCol).toString(), u"12.5/min"_s);
    QCOMPARE(cell(m, QueueModel::FailedCol).toString(), u"2.0 %"_s);
    QCOMPARE(cell(m, QueueModel::StuckCol).toString(), u"1"_s);
    QCOMPARE(verdictAt(m, QueueModel::DepthCol, QueueModel::VerdictRole), Verdict::Fail);

    // The default shape no longer fits, and the message names the mapped pointer.
    panel.applyResult(result(u"queue"_s, QueueSample, T0.addSecs(15)));
    QCOMPARE(cell(m, QueueModel::StateCol).toString(),
             u"unexpected response: field /data/queue/pending missing"_s);
}

void TestDashboardPanels::queueIgnoresOtherResults()
{
    ph::QueuePanel panel;
    ph::Service noQueue = service(u"botcore-engine"_s);
    noQueue.endpoints.removeIf([](const ph::EndpointSpec &e) { return e.name == u"queue"; });
    panel.setServices({service(u"echopilot-prod"_s), noQueue}, {});
    const QueueModel *m = panel.model();
    QCOMPARE(m->rowCount(), 1);
    panel.applyResult(result(u"health"_s, R"({"status":"ok"})"));
    panel.applyResult(result(u"queue"_s, QueueSample, T0, u"somebody-else"_s));
    panel.applyResult(result(u"slo"_s, SloSample));
    QCOMPARE(cell(m, QueueModel::DepthCol).toString(), u"–"_s);
    QCOMPARE(cell(m, QueueModel::StateCol).toString(), u"waiting for the first answer"_s);
}

void TestDashboardPanels::queueChartAndSummary()
{
    ph::QueuePanel panel;
    panel.setServices({service(u"echopilot-prod"_s), service(u"echopilot-staging"_s)}, {});
    panel.applyResult(result(u"queue"_s, QueueSample));
    panel.applyResult(result(
        u"queue"_s, R"({"depth":75,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})",
        T0.addSecs(15)));
    panel.applyResult(result(u"queue"_s, QueueSample, T0, u"echopilot-staging"_s));

    const QList<QPointF> history = panel.depthHistory(u"echopilot-prod"_s);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.at(0), QPointF(double(T0.toMSecsSinceEpoch()), 12));
    QCOMPARE(history.at(1), QPointF(double(T0.addSecs(15).toMSecsSinceEpoch()), 75));
    QCOMPARE(panel.depthHistory(u"echopilot-staging"_s).size(), 1);

    QChart *chart = panel.findChild<QChartView *>(u"queueChart"_s)->chart();
    QLineSeries *limit = nullptr;
    for (QAbstractSeries *s : chart->series()) {
        if (s->name() == u"Limit (50)")
            limit = qobject_cast<QLineSeries *>(s);
    }
    QVERIFY(limit);
    QCOMPARE(limit->count(), 2);
    QCOMPARE(limit->at(0).y(), 50.0);
    QVERIFY(limit->at(1).x() >= history.at(1).x());

    // A workspace reload keeps the session's history of the services that remain.
    panel.setServices({service(u"echopilot-prod"_s)}, {{u"queue.depth.max"_s, 80}});
    QCOMPARE(panel.depthHistory(u"echopilot-prod"_s).size(), 2);
    QVERIFY(panel.depthHistory(u"echopilot-staging"_s).isEmpty());
    QCOMPARE(panel.model()->rowCount(), 1);
    QCOMPARE(cell(panel.model(), QueueModel::DepthCol).toString(), u"75"_s);

    const auto *summary = panel.findChild<QLabel *>(u"queueSummary"_s);
    QCOMPARE(summary->text(), u"1 queue(s)"_s);
    panel.applyResult(result(
        u"queue"_s, R"({"depth":95,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})",
        T0.addSecs(30)));
    QCOMPARE(summary->text(), u"1 queue(s) · 1 over a threshold"_s);
}

void TestDashboardPanels::sloFigures()
{
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const SloModel *m = panel.model();
    QCOMPARE(m->rowCount(), 1);
    panel.applyResult(result(u"slo"_s, SloSample));

    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"99.94 %"_s);
    QCOMPARE(cell(m, SloModel::P95Col).toString(), u"612 ms"_s);
    QCOMPARE(cell(m, SloModel::P99Col).toString(), u"1034 ms"_s);
    QCOMPARE(cell(m, SloModel::WebhookCol).toString(), u"99.50 %"_s);
    // 1 - (1 - 0.9994) / (1 - 0.999) = 1 - 0.6 = 0.4
    QCOMPARE(cell(m, SloModel::BudgetCol).toString(), u"40 % of 30 d"_s);
    QVERIFY(qAbs(cell(m, SloModel::BudgetCol, SloModel::ValueRole).toDouble() - 0.4) < 1e-9);
    for (int c = SloModel::AvailabilityCol; c <= SloModel::BudgetCol; ++c) {
        QCOMPARE(verdictAt(m, c, SloModel::VerdictRole), Verdict::Pass);
        QCOMPARE(colourAt(m, c), ph::statusColor(Verdict::Pass));
    }
    QCOMPARE(cell(m, SloModel::StateCol).toString(), u"met"_s);
    QCOMPARE(cell(m, SloModel::SourceCol).toString(), u"/api/slo/status"_s);
    QCOMPARE(m->headerData(SloModel::AvailabilityCol, Qt::Horizontal).toString(),
             u"Availability (≥ 99.9 %)"_s);
    QCOMPARE(m->headerData(SloModel::P95Col, Qt::Horizontal).toString(), u"p95 (< 800 ms)"_s);
    panel.refreshAges(T0.addSecs(5));
    QCOMPARE(cell(m, SloModel::AgeCol).toString(), u"5 s ago"_s);
    const QString tip = cell(m, SloModel::BudgetCol, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(u"/api/slo/status"_s) && tip.contains(u"5 s ago"_s) &&
                 tip.contains(u"burn rate over the window: 0.60×"_s),
             qPrintable(tip));
    QCOMPARE(panel.findChild<QLabel *>(u"sloSummary"_s)->text(), u"1 service(s) with SLOs"_s);
}

void TestDashboardPanels::sloBreached()
{
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const SloModel *m = panel.model();
    panel.applyResult(result(
        u"slo"_s,
        R"({"window_days":28,"availability":0.9985,"p95_ms":800,"p99_ms":1100,"webhook_success":0.98})"));
    QCOMPARE(verdictAt(m, SloModel::AvailabilityCol, SloModel::VerdictRole), Verdict::Fail);
    QCOMPARE(verdictAt(m, SloModel::P95Col, SloModel::VerdictRole), Verdict::Fail); // not < 800
    QCOMPARE(verdictAt(m, SloModel::P99Col, SloModel::VerdictRole), Verdict::Pass);
    QCOMPARE(verdictAt(m, SloModel::WebhookCol, SloModel::VerdictRole), Verdict::Fail);
    QCOMPARE(colourAt(m, SloModel::AvailabilityCol), ph::statusColor(Verdict::Fail));
    // 1 - 0.0015 / 0.001 = -0.5: overspent by half.
    QCOMPARE(cell(m, SloModel::BudgetCol).toString(), u"-50 % of 28 d"_s);
    QCOMPARE(verdictAt(m, SloModel::BudgetCol, SloModel::VerdictRole), Verdict::Fail);
    QCOMPARE(cell(m, SloModel::StateCol).toString(), u"breached"_s);
    QCOMPARE(panel.findChild<QLabel *>(u"sloSummary"_s)->text(),
             u"1 service(s) with SLOs · 1 breached"_s);
}

void TestDashboardPanels::sloBudget_data()
{
    QTest::addColumn<double>("availability");
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("budget");
    QTest::addColumn<QString>("text");
    QTest::addColumn<Verdict>("verdict");

    QTest::newRow("contract sample")
        << 0.9994 << 0.999 << 0.4 << u"40 % of 30 d"_s << Verdict::Pass;
    QTest::newRow("exactly spent") << 0.999 << 0.999 << 0.0 << u"0 % of 30 d"_s << Verdict::Fail;
    QTest::newRow("untouched") << 1.0 << 0.999 << 1.0 << u"100 % of 30 d"_s << Verdict::Pass;
    QTest::newRow("looser target") << 0.9995 << 0.99 << 0.95 << u"95 % of 30 d"_s << Verdict::Pass;
    QTest::newRow("running low") << 0.9992 << 0.999 << 0.2 << u"20 % of 30 d"_s << Verdict::Warn;
}

void TestDashboardPanels::sloBudget()
{
    QFETCH(double, availability);
    QFETCH(double, target);
    QFETCH(double, budget);
    QFETCH(QString, text);
    QFETCH(Verdict, verdict);

    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {{u"slo.availability.target"_s, target}});
    const SloModel *m = panel.model();
    const QByteArray body = R"({"window_days":30,"availability":)" +
                            QByteArray::number(availability, 'g', 17) +
                            R"(,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})";
    panel.applyResult(result(u"slo"_s, body));
    QCOMPARE(cell(m, SloModel::StateCol, Qt::DisplayRole).toString().startsWith(u"unexpected"_s),
             false);
    QVERIFY(qAbs(cell(m, SloModel::BudgetCol, SloModel::ValueRole).toDouble() - budget) < 1e-9);
    QCOMPARE(cell(m, SloModel::BudgetCol).toString(), text);
    QCOMPARE(verdictAt(m, SloModel::BudgetCol, SloModel::VerdictRole), verdict);
}

void TestDashboardPanels::sloBadResponse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("problem");

    QTest::newRow("missing p95")
        << R"({"window_days":30,"availability":0.9994,"p99_ms":1034,"webhook_success":0.995})"_ba
        << u"unexpected response: field /p95_ms missing"_s;
    QTest::newRow("availability as text")
        << R"({"window_days":30,"availability":"99.94%","p95_ms":612,"p99_ms":1034,"webhook_success":0.995})"_ba
        << u"unexpected response: field /availability is not a number"_s;
    QTest::newRow("availability in percent")
        << R"({"window_days":30,"availability":99.94,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})"_ba
        << u"unexpected response: field /availability is 99.94, expected a ratio between 0 and 1"_s;
    QTest::newRow("zero window")
        << R"({"window_days":0,"availability":0.9994,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})"_ba
        << u"unexpected response: field /window_days is 0, expected a number above 0"_s;
    QTest::newRow("array") << "[1,2,3]"_ba << u"unexpected response: field /window_days missing"_s;
    QTest::newRow("truncated")
        << R"({"window_days":30,"availab)"_ba
        << u"unexpected response: not JSON (unterminated string at byte 27)"_s;
}

void TestDashboardPanels::sloBadResponse()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, problem);

    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const SloModel *m = panel.model();
    panel.applyResult(result(u"slo"_s, body));
    QCOMPARE(cell(m, SloModel::StateCol).toString(), problem);
    QCOMPARE(verdictAt(m, SloModel::StateCol, SloModel::VerdictRole), Verdict::Fail);
    for (int c = SloModel::AvailabilityCol; c <= SloModel::BudgetCol; ++c) {
        QCOMPARE(cell(m, c).toString(), u"–"_s);
        QVERIFY(!cell(m, c, SloModel::ValueRole).isValid());
    }
    QVERIFY(panel.availabilityHistory(u"echopilot-prod"_s).isEmpty());

    // The last good figures survive a bad answer, greyed.
    panel.applyResult(result(u"slo"_s, SloSample));
    panel.applyResult(result(u"slo"_s, body, T0.addSecs(15)));
    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"99.94 %"_s);
    QCOMPARE(colourAt(m, SloModel::AvailabilityCol), ph::staleTextColor());
    QCOMPARE(cell(m, SloModel::AvailabilityCol, SloModel::StaleRole).toBool(), true);
    QCOMPARE(cell(m, SloModel::StateCol).toString(), problem);
}

void TestDashboardPanels::sloFieldMappings()
{
    const QMap<QString, QString> mappings = {{u"availability"_s, u"/slo/availability"_s},
                                             {u"p95_ms"_s, u"/latency/p95"_s},
                                             {u"p99_ms"_s, u"/latency/p99"_s},
                                             {u"webhook_success"_s, u"/webhooks/0/success"_s}};
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s, mappings)}, {});
    const SloModel *m = panel.model();
    panel.applyResult(result(
        u"slo"_s,
        R"({"window_days":7,"slo":{"availability":0.9991},"latency":{"p95":850,"p99":900},"webhooks":[{"success":0.999}]})"));
    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"99.91 %"_s);
    QCOMPARE(cell(m, SloModel::P95Col).toString(), u"850 ms"_s);
    QCOMPARE(cell(m, SloModel::P99Col).toString(), u"900 ms"_s);
    QCOMPARE(cell(m, SloModel::WebhookCol).toString(), u"99.90 %"_s);
    QCOMPARE(cell(m, SloModel::BudgetCol).toString(), u"10 % of 7 d"_s);
    QCOMPARE(verdictAt(m, SloModel::P95Col, SloModel::VerdictRole), Verdict::Fail);

    panel.applyResult(result(
        u"slo"_s,
        R"({"window_days":7,"slo":{"availability":0.9991},"latency":{"p95":850,"p99":900},"webhooks":[]})",
        T0.addSecs(15)));
    QCOMPARE(cell(m, SloModel::StateCol).toString(),
             u"unexpected response: field /webhooks/0/success missing"_s);
}

void TestDashboardPanels::sloChart()
{
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    panel.applyResult(result(u"slo"_s, SloSample));
    panel.applyResult(result(
        u"slo"_s,
        R"({"window_days":30,"availability":0.9988,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})",
        T0.addSecs(15)));
    const QList<QPointF> history = panel.availabilityHistory(u"echopilot-prod"_s);
    QCOMPARE(history.size(), 2);
    QVERIFY(qAbs(history.at(0).y() - 99.94) < 1e-9);
    QVERIFY(qAbs(history.at(1).y() - 99.88) < 1e-9);

    QChart *chart = panel.findChild<QChartView *>(u"sloChart"_s)->chart();
    QLineSeries *target = nullptr;
    for (QAbstractSeries *s : chart->series()) {
        if (s->name() == u"Target (99.9 %)")
            target = qobject_cast<QLineSeries *>(s);
    }
    QVERIFY(target);
    QVERIFY(qAbs(target->at(0).y() - 99.9) < 1e-9);
    auto *axis = qobject_cast<QValueAxis *>(chart->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    // Every point and the target line are inside the plotted range.
    QVERIFY(axis->min() < 99.88 && axis->max() >= 100.0);
}

void TestDashboardPanels::sloEndpointHasNoBurnRates()
{
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s)}, {});
    const SloModel *m = panel.model();
    panel.applyResult(result(u"slo"_s, SloSample));
    for (int c : {SloModel::Burn1hCol, SloModel::Burn6hCol}) {
        QCOMPARE(cell(m, c).toString(), u"–"_s);
        QVERIFY(!cell(m, c, SloModel::ValueRole).isValid());
        const QString tip = cell(m, c, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"only its window's totals"_s) && tip.contains(u"/metrics"_s),
                 qPrintable(tip));
    }
    QCOMPARE(m->headerData(SloModel::Burn1hCol, Qt::Horizontal).toString(), u"Burn 1 h"_s);
    QCOMPARE(cell(m, SloModel::StateCol).toString(), u"met"_s);
}

void TestDashboardPanels::sloFromMetrics()
{
    ph::SloPanel panel;
    panel.setServices({service(u"echopilot-prod"_s), metricsService(u"engine"_s)}, {});
    const SloModel *m = panel.model();
    QCOMPARE(m->rowCount(), 2);
    const int row = m->rowOf(u"engine"_s);
    QCOMPARE(m->index(row, SloModel::SourceCol).data().toString(), u"/metrics"_s);

    // Another endpoint of the service, or another service's /metrics, is not this row's.
    panel.applyResult(result(u"health"_s, "{}", T0, u"engine"_s));
    QCOMPARE(m->index(row, SloModel::StateCol).data().toString(),
             u"waiting for the first answer"_s);

    panel.applyResult(result(u"metrics"_s, metricsBody(1000, 10), T0, u"engine"_s));
    panel.applyResult(result(u"metrics"_s, metricsBody(1990, 20), T0.addSecs(60), u"engine"_s));
    // Seen: 1000 requests, 10 failed: 99 %, burning ten times the budget-neutral rate.
    QCOMPARE(m->index(row, SloModel::AvailabilityCol).data().toString(), u"99.00 %"_s);
    QCOMPARE(m->index(row, SloModel::Burn1hCol).data().toString(), u"10.00×"_s);
    // 5 min to 6 h all saw the same minute: 10× is above the slow rule's 6×.
    QCOMPARE(m->index(row, SloModel::Burn6hCol).data().toString(), u"10.00× slow burn"_s);
    QCOMPARE(Verdict(m->index(row, SloModel::Burn1hCol).data(SloModel::VerdictRole).toInt()),
             Verdict::Pass);
    const QString burnTip = m->index(row, SloModel::Burn1hCol).data(Qt::ToolTipRole).toString();
    QVERIFY2(burnTip.contains(u"covers 1 min of 1 h"_s) && burnTip.contains(u"/metrics"_s),
             qPrintable(burnTip));
    // Half the requests at most 0.5 s, the rest at most 1 s: p95 = 0.5 + 0.5 · 0.45/0.5.
    QCOMPARE(m->index(row, SloModel::P95Col).data().toString(), u"950 ms"_s);
    QCOMPARE(m->index(row, SloModel::WebhookCol).data().toString(), u"–"_s);
    QVERIFY(m->index(row, SloModel::WebhookCol)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(u"does not report webhook success"_s));
    QCOMPARE(m->index(row, SloModel::AgeCol).data().toString().isEmpty(), false);
    // The first scrape counts since the engine started, not this session: not charted.
    QCOMPARE(panel.availabilityHistory(u"engine"_s).size(), 1);
    QVERIFY(m->index(row, SloModel::Burn1hCol).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(!m->index(row, SloModel::AvailabilityCol).data(Qt::FontRole).isValid());

    // A malformed scrape: said so, the figures stay, greyed.
    panel.applyResult(
        result(u"metrics"_s, "http_requests_total{code=\"200\" 5\n", T0.addSecs(120), u"engine"_s));
    const QString state = m->index(row, SloModel::StateCol).data().toString();
    QVERIFY2(state.contains(u"malformed at line 1"_s), qPrintable(state));
    QCOMPARE(m->index(row, SloModel::AvailabilityCol).data().toString(), u"99.00 %"_s);
    QCOMPARE(m->index(row, SloModel::AvailabilityCol).data(Qt::ForegroundRole).value<QColor>(),
             ph::staleTextColor());
    QCOMPARE(panel.availabilityHistory(u"engine"_s).size(), 1);

    // A reload of the same workspace keeps what the tracker has seen.
    panel.setServices({metricsService(u"engine"_s)}, {});
    panel.applyResult(result(u"metrics"_s, metricsBody(2990, 20), T0.addSecs(180), u"engine"_s));
    QCOMPARE(m->index(0, SloModel::AvailabilityCol).data().toString(), u"99.50 %"_s);
}

void TestDashboardPanels::sloBurnVerdicts_data()
{
    QTest::addColumn<double>("failedPerMille");
    QTest::addColumn<QString>("burn1h");
    QTest::addColumn<QString>("burn6h");
    QTest::addColumn<Verdict>("verdict1h");
    QTest::addColumn<Verdict>("verdict6h");
    QTest::addColumn<QString>("state");

    // 20 ‰ failing = 20× the 1 ‰ budget: both rules fire, the fast one pages.
    QTest::newRow("fast") << 20.0 << u"20.00× fast burn — page"_s << u"20.00× slow burn"_s
                          << Verdict::Fail << Verdict::Warn << u"fast burn — page"_s;
    QTest::newRow("slow") << 8.0 << u"8.00×"_s << u"8.00× slow burn"_s << Verdict::Pass
                          << Verdict::Warn << u"slow burn"_s;
    QTest::newRow("none") << 0.5 << u"0.50×"_s << u"0.50×"_s << Verdict::Pass << Verdict::Pass
                          << u"met"_s;
}

void TestDashboardPanels::sloBurnVerdicts()
{
    QFETCH(double, failedPerMille);
    QFETCH(QString, burn1h);
    QFETCH(QString, burn6h);
    QFETCH(Verdict, verdict1h);
    QFETCH(Verdict, verdict6h);
    QFETCH(QString, state);

    ph::SloPanel panel;
    // Lenient latency limits keep the histogram out of the state.
    panel.setServices({metricsService(u"engine"_s)},
                      {{u"slo.p95_ms.max"_s, 2000}, {u"slo.p99_ms.max"_s, 2000}});
    const SloModel *m = panel.model();
    // 1000 requests every 5 min for 70 min; against the 1 ‰ budget the burn rate is the
    // failures per mille.
    for (int i = 0; i <= 14; ++i) {
        const double failed = i * failedPerMille;
        panel.applyResult(result(u"metrics"_s, metricsBody(i * 1000 - failed, failed),
                                 T0.addSecs(i * 300), u"engine"_s));
    }
    QCOMPARE(cell(m, SloModel::Burn1hCol).toString(), burn1h);
    QCOMPARE(cell(m, SloModel::Burn6hCol).toString(), burn6h);
    QCOMPARE(verdictAt(m, SloModel::Burn1hCol, SloModel::VerdictRole), verdict1h);
    QCOMPARE(verdictAt(m, SloModel::Burn6hCol, SloModel::VerdictRole), verdict6h);
    QCOMPARE(colourAt(m, SloModel::Burn1hCol), ph::statusColor(verdict1h));
    QCOMPARE(colourAt(m, SloModel::Burn6hCol), ph::statusColor(verdict6h));
    QCOMPARE(cell(m, SloModel::StateCol).toString(), state);
    // Seventy minutes seen: the hour is covered, six hours are not.
    QVERIFY(cell(m, SloModel::Burn1hCol, SloModel::NoteRole).toString().isEmpty());
    QCOMPARE(cell(m, SloModel::Burn6hCol, SloModel::NoteRole).toString(),
             u"covers 1 h 10 min of 6 h"_s);
}

void TestDashboardPanels::sloPrometheusSource()
{
    ph::Service fleet = metricsService(u"fleet"_s);
    fleet.environment = u"production"_s;
    fleet.slo.source = u"prometheus"_s;
    fleet.slo.selector = u"job=\"fleet\""_s;

    // No server for the environment: the row says what to add.
    ph::SloPanel panel;
    panel.setServices({fleet}, {});
    const SloModel *m = panel.model();
    QCOMPARE(cell(m, SloModel::SourceCol).toString(), u"Prometheus"_s);
    QVERIFY2(cell(m, SloModel::StateCol)
                 .toString()
                 .startsWith(u"No Prometheus server is set for the environment \"production\""_s),
             qPrintable(cell(m, SloModel::StateCol).toString()));
    QCOMPARE(verdictAt(m, SloModel::StateCol, SloModel::VerdictRole), Verdict::Fail);
    QVERIFY(!panel.prometheusSource(u"fleet"_s));
    // Its /metrics is not its source.
    panel.applyResult(result(u"metrics"_s, metricsBody(100, 0), T0, u"fleet"_s));
    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"–"_s);

    // A reading arrives: shown like any other source's.
    ph::SloReading reading;
    reading.source = ph::SloSourceKind::Prometheus;
    reading.sourceLabel = u"Prometheus"_s;
    reading.observedAt = T0;
    reading.availability.value = 0.9995;
    reading.burn1h.value = 0.5;
    reading.burn6h.value = 0.25;
    panel.applyReading(u"fleet"_s, reading);
    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"99.950 %"_s);
    QCOMPARE(cell(m, SloModel::Burn1hCol).toString(), u"0.50×"_s);
    QCOMPARE(cell(m, SloModel::StateCol).toString(), u"met"_s);

    reading.error = u"Prometheus at 127.0.0.1:9 is unreachable."_s;
    panel.applyReading(u"fleet"_s, reading);
    QCOMPARE(cell(m, SloModel::StateCol).toString(), reading.error);
    QCOMPARE(cell(m, SloModel::AvailabilityCol).toString(), u"99.950 %"_s);
    QCOMPARE(cell(m, SloModel::AvailabilityCol, SloModel::StaleRole).toBool(), true);

    // With a server (here one that refuses): queried asynchronously, its answer shown.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const quint16 port = closed.serverPort();
    closed.close();
    ph::SloPanel wired;
    QString askedFor;
    wired.setPrometheus(
        [&askedFor, port](const QString &env) {
            askedFor = env;
            return ph::PrometheusServer{u"http://127.0.0.1:%1"_s.arg(port), {}};
        },
        1000);
    wired.setServices({fleet}, {});
    QCOMPARE(askedFor, u"production"_s);
    QVERIFY(wired.prometheusSource(u"fleet"_s));
    QCOMPARE(wired.prometheusSource(u"fleet"_s)->selector(), u"job=\"fleet\""_s);
    const SloModel *w = wired.model();
    QTRY_VERIFY_WITH_TIMEOUT(cell(w, SloModel::StateCol).toString().contains(u"unreachable"_s),
                             10000);
    QCOMPARE(verdictAt(w, SloModel::StateCol, SloModel::VerdictRole), Verdict::Fail);
}

void TestDashboardPanels::modelsPassTheTester()
{
    ph::QueuePanel queues;
    ph::SloPanel slos;
    QAbstractItemModelTester queueTester(queues.model(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sloTester(slos.model(),
                                       QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QList<ph::Service> services = {service(u"a"_s), service(u"b"_s), service(u"c"_s),
                                         metricsService(u"d"_s)};
    queues.setServices(services, {});
    slos.setServices(services, {});
    slos.applyResult(result(u"metrics"_s, metricsBody(10, 1), T0, u"d"_s));
    slos.applyResult(result(u"metrics"_s, metricsBody(20, 1), T0.addSecs(30), u"d"_s));
    queues.applyResult(result(u"queue"_s, QueueSample, T0, u"b"_s));
    queues.applyResult(result(u"queue"_s, "{}", T0, u"c"_s));
    slos.applyResult(result(u"slo"_s, SloSample, T0, u"a"_s));
    slos.applyResult(result(u"slo"_s, "nope", T0, u"c"_s));
    queues.refreshAges(T0.addSecs(3));
    slos.refreshAges(T0.addSecs(3));
    queues.setServices({service(u"c"_s)}, {});
    slos.setServices({}, {});
    QCOMPARE(queues.model()->rowCount(), 1);
    QCOMPARE(slos.model()->rowCount(), 0);
    QCOMPARE(slos.findChild<QLabel *>(u"sloSummary"_s)->text(),
             u"No service here has an SLO source."_s);
}

void TestDashboardPanels::screenshot()
{
    QWidget window;
    auto *layout = new QHBoxLayout(&window);
    auto *queues = new ph::QueuePanel(&window);
    auto *slos = new ph::SloPanel(&window);
    layout->addWidget(queues);
    layout->addWidget(slos);
    const QList<ph::Service> services = {service(u"echopilot-prod"_s),
                                         service(u"echopilot-staging"_s)};
    queues->setServices(services, {});
    slos->setServices(services, {});
    const int depths[] = {12, 18, 25, 33, 41, 48, 56, 61};
    for (int i = 0; i < 8; ++i) {
        const QDateTime at = T0.addSecs(15 * i);
        queues->applyResult(
            result(u"queue"_s,
                   QByteArray(R"({"depth":)") + QByteArray::number(depths[i]) +
                       R"(,"processing_rate_per_min":34.5,"failed_ratio":0.012,"stuck":2})",
                   at));
        queues->applyResult(result(u"queue"_s, QueueSample, at, u"echopilot-staging"_s));
        slos->applyResult(result(u"slo"_s,
                                 R"({"window_days":30,"availability":)" +
                                     QByteArray::number(0.9996 - 0.0001 * i, 'f', 4) +
                                     R"(,"p95_ms":612,"p99_ms":1034,"webhook_success":0.995})",
                                 at));
    }
    slos->applyResult(result(u"slo"_s, R"({"window_days":30,"availability":0.9994})", T0,
                             u"echopilot-staging"_s));
    queues->refreshAges(T0.addSecs(120));
    slos->refreshAges(T0.addSecs(120));
    window.resize(1600, 560);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QImage image = window.grab().toImage();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(u"/tmp/panels.png"_s));
}

QTEST_MAIN(TestDashboardPanels)
#include "tst_dashboardpanels.moc"
