// SPDX-License-Identifier: GPL-3.0-or-later
// A real Prometheus (Debian's /usr/bin/prometheus) on loopback, scraping itself and the
// seeded simulator every second: its own /metrics text through the console's parser, the
// PromQL client against it, and SLO figures read from it checked against the counters.
#include "demo/prometheusprocess.h"
#include "demo/simulatorprocess.h"
#include "metrics/prometheusparser.h"
#include "metrics/promqlclient.h"
#include "metrics/promslosource.h"
#include "metrics/quantile.h"
#include "metrics/slo.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <csignal>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int seed = 11;

std::optional<Result<PromQlResult>> runQuery(PromQlClient &client, const QString &promql,
                                             std::optional<QDateTime> time = std::nullopt)
{
    std::optional<Result<PromQlResult>> answer;
    QObject context;
    client.query(
        promql, &context, [&answer](Result<PromQlResult> r) { answer = std::move(r); }, time);
    QElapsedTimer clock;
    clock.start();
    while (!answer && clock.elapsed() < 15000)
        QTest::qWait(10);
    return answer;
}

/// The single value of an instant query, or NaN when it failed or was empty.
double scalarOf(PromQlClient &client, const QString &promql)
{
    const auto answer = runQuery(client, promql);
    if (!answer || !*answer || (*answer)->series.isEmpty() ||
        (*answer)->series.first().points.isEmpty())
        return qQNaN();
    return (*answer)->series.first().points.first().value;
}

/// Growth of a counter over its samples, with the reset rule Prometheus applies.
double growth(const QList<PromQlPoint> &points)
{
    double sum = 0;
    for (qsizetype i = 1; i < points.size(); ++i)
        sum += counterIncrease(points.at(i - 1).value, points.at(i).value);
    return sum;
}

QString describe(const PrometheusParseResult &r)
{
    QStringList lines;
    for (const ParseIssue &i : r.issues)
        lines.append(u"%1: %2"_s.arg(i.line).arg(i.message));
    return lines.join(u'\n');
}

} // namespace

class TestPrometheus : public QObject
{
    Q_OBJECT

    SimulatorProcess m_sim;
    PrometheusProcess m_prom;
    std::unique_ptr<PromQlClient> m_client;

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_prom.isInstalled()) {
            const QString why = u"Prometheus is not installed at %1; install it with: %2"_s.arg(
                m_prom.executable(), PrometheusProcess::installHint());
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        const auto sim = m_sim.start({u"--seed"_s, QString::number(seed), u"--no-jitter"_s});
        QVERIFY2(sim, sim ? "" : qPrintable(sim.error().toString()));

        m_prom.setScrapeIntervalMs(1000);
        m_prom.setJobs({
            {u"echopilot"_s, {u"127.0.0.1:%1"_s.arg(m_sim.port(u"echopilot"_s))}},
            {u"rust-core-engine"_s, {u"127.0.0.1:%1"_s.arg(m_sim.port(u"rust-core-engine"_s))}},
        });
        const auto started = m_prom.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
        QVERIFY(m_prom.isRunning());
        QVERIFY(m_prom.baseUrl().isValid());
        QVERIFY(m_prom.configText().contains(u"job_name: \"echopilot\""_s));
        m_client = std::make_unique<PromQlClient>(m_prom.baseUrl());
    }

    void cleanupTestCase()
    {
        m_client.reset();
        m_prom.stop();
        m_sim.stop();
    }

    void missingProgramIsAClearError()
    {
        PrometheusProcess absent;
        absent.setExecutable(u"/nonexistent/prometheus"_s);
        QVERIFY(!absent.isInstalled());
        const auto started = absent.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, u"prometheus.missing"_s);
        QVERIFY(started.error().message.contains(u"/nonexistent/prometheus"_s));
        QVERIFY(started.error().message.contains(PrometheusProcess::installHint()));
        QVERIFY(!absent.isRunning());
    }

    void duplicateJobIsRefused()
    {
        PrometheusProcess twice;
        twice.setJobs({{u"a"_s, {u"127.0.0.1:1"_s}}, {u"a"_s, {u"127.0.0.1:2"_s}}});
        const auto started = twice.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, u"prometheus.config"_s);
        QVERIFY(!twice.isRunning());
    }

    // (a) Text nobody here wrote: Prometheus' own exposition.
    void ownMetricsParseCleanly()
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(m_prom.baseUrl().toString() + u"/metrics"_s));
        request.setRawHeader(QByteArrayLiteral("Accept"),
                             QByteArrayLiteral("text/plain; version=0.0.4"));
        request.setTransferTimeout(10000);
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(reply->isFinished() || finished.wait(15000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QByteArray text = reply->readAll();
        reply->deleteLater();
        QVERIFY(text.size() > 1000);

        PrometheusParser parser;
        const PrometheusParseResult parsed = parser.parse(text);
        QVERIFY2(parsed.isClean(), qPrintable(describe(parsed)));
        QVERIFY(parsed.families.size() > 50);

        const MetricFamily *histogram = parsed.family(u"prometheus_http_request_duration_seconds");
        QVERIFY(histogram);
        QCOMPARE(histogram->type, MetricType::Histogram);
        QVERIFY(!histogram->histograms.isEmpty());
        for (const HistogramSeries &series : histogram->histograms) {
            QVERIFY(series.buckets.size() >= 2);
            QVERIFY(std::isinf(series.buckets.last().upperBound));
            QCOMPARE(series.buckets.last().count, series.count);
        }

        const MetricFamily *counter = parsed.family(u"prometheus_http_requests_total");
        QVERIFY(counter);
        QCOMPARE(counter->type, MetricType::Counter);
        QVERIFY(!counter->samples.isEmpty());
        const MetricFamily *gauge = parsed.family(u"go_goroutines");
        QVERIFY(gauge);
        QCOMPARE(gauge->type, MetricType::Gauge);
        QVERIFY(gauge->samples.first().value > 0);
    }

    // (b) The PromQL client against the real server.
    void upBecomesOne()
    {
        QTRY_COMPARE_WITH_TIMEOUT(scalarOf(*m_client, u"up{job=\"prometheus\"}"_s), 1.0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(scalarOf(*m_client, u"up{job=\"echopilot\"}"_s), 1.0, 30000);
        const auto answer = runQuery(*m_client, u"up"_s);
        QVERIFY(answer && *answer);
        QCOMPARE((*answer)->resultType, PromQlResultType::Vector);
        QStringList jobs;
        for (const PromQlSeries &s : (*answer)->series)
            jobs.append(s.labels.value(u"job"_s));
        jobs.sort();
        QCOMPARE(jobs, (QStringList{u"echopilot"_s, u"prometheus"_s, u"rust-core-engine"_s}));
    }

    void rangeQueryGivesMatrix()
    {
        const auto points = [this] {
            const QDateTime end = QDateTime::currentDateTimeUtc();
            std::optional<Result<PromQlResult>> range;
            m_client->queryRange(u"up{job=\"prometheus\"}"_s, end.addSecs(-30), end, 1, this,
                                 [&range](Result<PromQlResult> r) { range = std::move(r); });
            QElapsedTimer clock;
            clock.start();
            while (!range && clock.elapsed() < 15000)
                QTest::qWait(10);
            if (!range || !*range || (*range)->resultType != PromQlResultType::Matrix ||
                (*range)->series.size() != 1)
                return qsizetype(-1);
            for (const PromQlPoint &p : (*range)->series.first().points) {
                if (p.value != 1.0 || p.timestampMs > end.toMSecsSinceEpoch() + 1)
                    return qsizetype(-2);
            }
            return (*range)->series.first().points.size();
        };
        QTRY_VERIFY_WITH_TIMEOUT(points() >= 2, 30000);
    }

    void badQueryGivesPrometheusText()
    {
        const auto answer = runQuery(*m_client, u"sum(rate(up[5m]"_s);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QCOMPARE(answer->error().code, u"promql.bad_query"_s);
        // Prometheus' own words, not ours.
        QVERIFY2(answer->error().message.contains(u"parse error"_s),
                 qPrintable(answer->error().message));
        QVERIFY(answer->error().message.contains(m_client->authority()));

        const auto wrongFunction = runQuery(*m_client, u"no_such_function(up)"_s);
        QVERIFY(wrongFunction && !*wrongFunction);
        QVERIFY2(wrongFunction->error().message.contains(u"no_such_function"_s),
                 qPrintable(wrongFunction->error().message));
    }

    // (c) SLO figures from Prometheus, against our own computation from the raw counters.
    void sloReadingAgreesWithCounters()
    {
        // Enough scrapes that the 5 m rate and the window's increase have several samples.
        QTRY_VERIFY_WITH_TIMEOUT(scalarOf(*m_client,
                                          u"count_over_time(http_requests_total{job=\"echopilot\","
                                          "code=\"200\"}[5m])"_s) >= 8,
                                 60000);
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(
            QDateTime::currentMSecsSinceEpoch() / 1000 * 1000, Qt::UTC);

        PromSloSource source(m_client.get());
        source.setSelector(u"job=\"echopilot\""_s);
        QCOMPARE(source.availabilityTarget(), 0.999);
        source.setEvaluationTime(at);
        QSignalSpy ready(&source, &PromSloSource::readingReady);
        source.refresh();
        QVERIFY(source.isBusy());
        QVERIFY(ready.wait(20000));
        QCOMPARE(ready.size(), 1);
        QVERIFY(!source.isBusy());
        const auto reading = ready.first().first().value<SloReading>();

        QCOMPARE(reading.source, SloSourceKind::Prometheus);
        QCOMPARE(reading.sourceLabel, u"Prometheus "_s + m_client->authority());
        QVERIFY(reading.error.isEmpty());
        QVERIFY(qAbs(reading.observedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QCOMPARE(reading.windowDays, 30.0);
        QVERIFY2(reading.availability.known(), qPrintable(reading.availability.note));
        QVERIFY(reading.availability.value > 0 && reading.availability.value <= 1);
        QVERIFY2(reading.p95Ms.known(), qPrintable(reading.p95Ms.note));
        QVERIFY2(reading.p99Ms.known(), qPrintable(reading.p99Ms.note));
        QVERIFY(reading.p95Ms.value > 0);
        QVERIFY(reading.p95Ms.value < reading.p99Ms.value);
        QVERIFY(!reading.webhookSuccess.known());
        QVERIFY(!reading.webhookSuccess.note.isEmpty());
        for (const SloValue *v : {&reading.budgetRemaining, &reading.burn5m, &reading.burn30m,
                                  &reading.burn1h, &reading.burn6h})
            QVERIFY2(v->known(), qPrintable(v->note));

        // Own computation from the raw counter samples Prometheus holds at the same moment:
        // increase() extrapolates every series of one target by the same factor, so the
        // ratios agree exactly (tolerance 1e-9 for floating point).
        const auto raw = runQuery(*m_client, u"http_requests_total{job=\"echopilot\"}[30d]"_s, at);
        QVERIFY(raw && *raw);
        QCOMPARE((*raw)->resultType, PromQlResultType::Matrix);
        double total = 0;
        double bad = 0;
        for (const PromQlSeries &s : (*raw)->series) {
            const double g = growth(s.points);
            total += g;
            if (s.labels.value(u"code"_s).startsWith(u'5'))
                bad += g;
        }
        QVERIFY(total > 0);
        const SloCounts counts{total - bad, total};
        const double availability = 1 - errorRatio(counts);
        QVERIFY2(qAbs(reading.availability.value - availability) < 1e-9,
                 qPrintable(u"%1 vs %2"_s.arg(reading.availability.value).arg(availability)));
        QVERIFY(qAbs(reading.budgetRemaining.value - errorBudgetRemaining(0.999, counts)) < 1e-6);

        const auto buckets = runQuery(
            *m_client, u"http_request_duration_seconds_bucket{job=\"echopilot\"}[5m]"_s, at);
        QVERIFY(buckets && *buckets);
        QList<HistogramBucket> delta;
        for (const PromQlSeries &s : (*buckets)->series) {
            const QString le = s.labels.value(u"le"_s);
            const double bound = le == u"+Inf"_s ? qInf() : le.toDouble();
            delta.append({bound, growth(s.points)});
        }
        QCOMPARE(delta.size(), 7);
        const double p95 = histogramQuantile(0.95, delta) * 1000;
        const double p99 = histogramQuantile(0.99, delta) * 1000;
        QVERIFY2(qAbs(reading.p95Ms.value - p95) < 1e-6,
                 qPrintable(u"%1 vs %2"_s.arg(reading.p95Ms.value).arg(p95)));
        QVERIFY2(qAbs(reading.p99Ms.value - p99) < 1e-6,
                 qPrintable(u"%1 vs %2"_s.arg(reading.p99Ms.value).arg(p99)));

        // By hand from the simulator's formula: each scrape adds 37 answers with 200, a
        // third of a 401 and a fifth of a 500, so availability is 1 - 0.2/37.53 = 0.99467;
        // with at least 8 scrapes the whole-number steps of the 500 counter move it by at
        // most 1/(37.5 * 7) = 0.0038. Latency buckets hold 88 % and 96 % at 0.25 s and
        // 0.5 s, so p95 = 0.25 + 0.25 * 7/8 s = 468.75 ms, within rounding of ±60 ms.
        QVERIFY2(qAbs(reading.availability.value - 0.99467) < 0.004,
                 qPrintable(QString::number(reading.availability.value)));
        QVERIFY2(qAbs(reading.p95Ms.value - 468.75) < 60,
                 qPrintable(QString::number(reading.p95Ms.value)));
    }

    void unknownSelectorSaysNoSamples()
    {
        PromSloSource source(m_client.get());
        source.setSelector(u"{job=\"nosuch\"}"_s);
        QCOMPARE(source.selector(), u"job=\"nosuch\""_s);
        QSignalSpy ready(&source, &PromSloSource::readingReady);
        source.refresh();
        QVERIFY(ready.wait(20000));
        const auto reading = ready.first().first().value<SloReading>();
        QVERIFY(reading.error.isEmpty()); // answered, just without data
        QVERIFY(!reading.availability.known());
        QVERIFY2(reading.availability.note.contains(
                     u"no samples of http_requests_total for job=\"nosuch\" yet"_s),
                 qPrintable(reading.availability.note));
        QVERIFY(!reading.p95Ms.known());
        QVERIFY(reading.p95Ms.note.contains(u"http_request_duration_seconds_bucket"_s));
        QVERIFY(!reading.burn1h.known());
    }

    // Last: stops the server.
    void stoppedServerIsUnreachable()
    {
        const qint64 pid = m_prom.processId();
        const QUrl url = m_prom.baseUrl();
        QVERIFY(pid > 0);
        m_prom.stop();
        QVERIFY(!m_prom.isRunning());
        QVERIFY(::kill(pid_t(pid), 0) != 0); // gone, not just detached

        const auto answer = runQuery(*m_client, u"up"_s);
        QVERIFY(answer);
        QVERIFY(!*answer);
        QCOMPARE(answer->error().code, u"promql.unreachable"_s);
        QVERIFY2(answer->error().message.contains(url.toString() + u"/api/v1/query"_s),
                 qPrintable(answer->error().message));

        PromSloSource source(url);
        QSignalSpy ready(&source, &PromSloSource::readingReady);
        source.refresh();
        QVERIFY(ready.wait(20000));
        const auto reading = ready.first().first().value<SloReading>();
        QVERIFY2(reading.error.contains(url.toString()), qPrintable(reading.error));
        QVERIFY(!reading.availability.known());
        QVERIFY(!reading.availability.note.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
