// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/dashboardfigures.h"
#include "metrics/metricsslotracker.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using ph::MetricsSloTracker;
using ph::SloReading;
using ph::SloValue;

namespace {

const QDateTime T0 = QDateTime::fromString(u"2026-11-23T03:00:00Z"_s, Qt::ISODate);

/// One scrape: requests per code, and the latency buckets (le 0.1, 0.5, 1, +Inf).
struct Scrape
{
    int atSec = 0;
    double ok = 0;
    double failed = 0;  ///< code="500"; negative = no such series yet
    QList<double> le{}; ///< cumulative counts of the four buckets; empty = no histogram
};

QByteArray body(const Scrape &s)
{
    QByteArray out = "# TYPE http_requests_total counter\n"
                     "http_requests_total{code=\"200\"} " +
                     QByteArray::number(s.ok, 'g', 17) + '\n';
    if (s.failed >= 0)
        out += "http_requests_total{code=\"500\"} " + QByteArray::number(s.failed, 'g', 17) + '\n';
    if (!s.le.isEmpty()) {
        static const char *bounds[] = {"0.1", "0.5", "1", "+Inf"};
        out += "# TYPE http_request_duration_seconds histogram\n";
        for (int i = 0; i < 4; ++i) {
            out += QByteArray("http_request_duration_seconds_bucket{le=\"") + bounds[i] + "\"} " +
                   QByteArray::number(s.le.at(i), 'g', 17) + '\n';
        }
        out += "http_request_duration_seconds_count " + QByteArray::number(s.le.at(3)) + '\n';
    }
    return out;
}

void feed(MetricsSloTracker &t, const QList<Scrape> &scrapes)
{
    for (const Scrape &s : scrapes) {
        const auto r = t.addScrape(body(s), T0.addSecs(s.atSec));
        QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().message));
    }
}

void compareValue(const SloValue &actual, double expected, const char *what)
{
    if (std::isnan(expected)) {
        QVERIFY2(!actual.known(),
                 qPrintable(u"%1: expected unknown, got %2"_s.arg(QLatin1StringView(what))
                                .arg(actual.value, 0, 'g', 17)));
        return;
    }
    QVERIFY2(std::abs(actual.value - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
             qPrintable(u"%1: expected %2, got %3"_s.arg(QLatin1StringView(what))
                            .arg(expected, 0, 'g', 17)
                            .arg(actual.value, 0, 'g', 17)));
}

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

} // namespace

class TestMetricsSloTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figures_data();
    void figures();
    void resetOfOneSeries();
    void quantileOverLastFiveMinutes();
    void fullWindowsAndFastBurn();
    void windowWithoutRequestsIsUnknown();
    void malformedScrapeKeepsData_data();
    void malformedScrapeKeepsData();
    void ringIsBoundedAndCoversSixHours();
    void endpointAdapter();
    void verdicts();
};

void TestMetricsSloTracker::figures_data()
{
    QTest::addColumn<QList<Scrape>>("scrapes");
    QTest::addColumn<double>("availability");
    QTest::addColumn<double>("budget");
    QTest::addColumn<double>("burn5m");
    QTest::addColumn<QString>("burnNote");

    // 1000 requests in one minute, 10 of them 5xx: error ratio 1 %, ten times the 0.1 %
    // budget; the budget seen so far is overspent nine times over.
    QTest::newRow("two scrapes") << QList<Scrape>{{0, 1000, 10}, {60, 1990, 20}} << 0.99 << -9.0
                                 << 10.0 << u"covers 1 min of 5 min"_s;
    // The process restarted at 120 s: 50 ok and 5 failed since, not -1050.
    // Seen: 100 + 50 ok, 5 failed of 155; burn = (5/155)/0.001.
    QTest::newRow("counter reset")
        << QList<Scrape>{{0, 1000, 10}, {60, 1100, 10}, {120, 50, 5}} << 150.0 / 155.0
        << 1.0 - 5.0 / (0.001 * 155.0) << (5.0 / 155.0) / 0.001 << u"covers 2 min of 5 min"_s;
    // A code="500" series appearing later counted its whole value.
    QTest::newRow("failures start") << QList<Scrape>{{0, 100, -1}, {60, 196, 4}} << 96.0 / 100.0
                                    << 1.0 - 4.0 / 0.1 << 40.0 << u"covers 1 min of 5 min"_s;
    // One scrape: what the counters hold since the service started; no rate yet.
    QTest::newRow("one scrape") << QList<Scrape>{{0, 998, 2}} << 0.998 << 1.0 - 2.0 / 1.0 << NaN
                                << u"needs two scrapes"_s;
}

void TestMetricsSloTracker::figures()
{
    QFETCH(QList<Scrape>, scrapes);
    QFETCH(double, availability);
    QFETCH(double, budget);
    QFETCH(double, burn5m);
    QFETCH(QString, burnNote);

    MetricsSloTracker t(u"/metrics"_s, 0.999);
    feed(t, scrapes);
    const SloReading r = t.reading();
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.source, ph::SloSourceKind::Metrics);
    QCOMPARE(r.sourceLabel, u"/metrics"_s);
    QCOMPARE(r.observedAt, T0.addSecs(scrapes.last().atSec));
    compareValue(r.availability, availability, "availability");
    compareValue(r.budgetRemaining, budget, "budget");
    compareValue(r.burn5m, burn5m, "burn 5m");
    QVERIFY2(r.burn5m.note.contains(burnNote), qPrintable(r.burn5m.note));
    QVERIFY2(!r.availability.note.isEmpty(), "the availability does not say what it covers");
    QVERIFY(!r.webhookSuccess.known());
    QVERIFY(!r.webhookSuccess.note.isEmpty());
}

void TestMetricsSloTracker::resetOfOneSeries()
{
    // Two series of code 200; only the POST one restarts (a worker process came back).
    auto text = [](double get, double post, double failed) -> QByteArray {
        return "http_requests_total{code=\"200\",method=\"GET\"} " + QByteArray::number(get) +
               "\nhttp_requests_total{method=\"POST\",code=\"200\"} " + QByteArray::number(post) +
               "\nhttp_requests_total{code=\"503\"} " + QByteArray::number(failed) + "\n";
    };
    MetricsSloTracker t;
    QVERIFY(t.addScrape(text(500, 300, 0), T0).has_value());
    QVERIFY(t.addScrape(text(600, 20, 1), T0.addSecs(60)).has_value());
    // GET +100, POST restarted: +20, 503 +1: 121 requests, 1 failed.
    const SloReading r = t.reading();
    compareValue(r.availability, 120.0 / 121.0, "availability");
    compareValue(r.burn1h, (1.0 / 121.0) / 0.001, "burn 1h");
}

void TestMetricsSloTracker::quantileOverLastFiveMinutes()
{
    MetricsSloTracker t;
    // 0 → 60 s: 100 slow requests (all between 0.5 s and 1 s).
    // 7 min → 8 min: 100 requests, 50 <= 0.1 s, 90 <= 0.5 s, 100 <= 1 s.
    feed(t, {{0, 0, 0, {0, 0, 0, 0}},
             {60, 100, 0, {0, 0, 100, 100}},
             {420, 100, 0, {0, 0, 100, 100}},
             {480, 200, 0, {50, 90, 200, 200}}});
    // The window from 8 min back to 3 min starts at the 60 s scrape: only the fast ones.
    // p95: rank 95 in (0.5, 1] holding 90..100 → 0.5 + 0.5 · 5/10 = 0.75 s.
    const SloReading r = t.reading();
    compareValue(r.p95Ms, 750, "p95");
    compareValue(r.p99Ms, 950, "p99");
    QVERIFY2(r.p95Ms.note.isEmpty(), qPrintable(r.p95Ms.note));

    // Only the first interval: its slow requests alone, and the window is not yet covered.
    MetricsSloTracker early;
    feed(early, {{0, 0, 0, {0, 0, 0, 0}}, {60, 100, 0, {0, 0, 100, 100}}});
    const SloReading e = early.reading();
    compareValue(e.p95Ms, 500 + 500 * 0.95, "early p95");
    QVERIFY2(e.p95Ms.note.contains(u"covers 1 min of 5 min"_s), qPrintable(e.p95Ms.note));

    // No histogram at all: unknown, saying why.
    MetricsSloTracker none;
    feed(none, {{0, 10, 0}, {60, 20, 0}});
    QVERIFY(!none.reading().p95Ms.known());
    QVERIFY(none.reading().p95Ms.note.contains(u"http_request_duration_seconds"_s));
}

void TestMetricsSloTracker::fullWindowsAndFastBurn()
{
    // Every 5 min for 6 h 30 min, 1000 requests per interval; in the last hour 20 of every
    // 1000 fail. 1 h, 30 min, 5 min: 2 % / 0.1 % = 20. 6 h: 240 of 72,000 → 3.33.
    MetricsSloTracker t;
    QList<Scrape> scrapes;
    double ok = 0;
    double failed = 0;
    for (int i = 0; i <= 78; ++i) {
        if (i > 0) {
            const bool lastHour = i > 78 - 12;
            failed += lastHour ? 20 : 0;
            ok += lastHour ? 980 : 1000;
        }
        scrapes.append({i * 300, ok, failed});
    }
    feed(t, scrapes);
    const SloReading r = t.reading();
    compareValue(r.burn5m, 20, "burn 5m");
    compareValue(r.burn30m, 20, "burn 30m");
    compareValue(r.burn1h, 20, "burn 1h");
    compareValue(r.burn6h, 240.0 / 72000.0 / 0.001, "burn 6h");
    for (const SloValue *v : {&r.burn5m, &r.burn30m, &r.burn1h, &r.burn6h})
        QVERIFY2(v->note.isEmpty(), qPrintable(v->note));
    compareValue(r.availability, 1.0 - 240.0 / 78000.0, "availability");
    QVERIFY2(r.availability.note.contains(u"6 h 30 min"_s), qPrintable(r.availability.note));

    const ph::SloVerdicts v = ph::evaluateSlo(r, {});
    QVERIFY(v.burnAlert.fast);
    QVERIFY(!v.burnAlert.slow);
    QCOMPARE(v.burn, ph::Verdict::Fail);
}

void TestMetricsSloTracker::windowWithoutRequestsIsUnknown()
{
    // Traffic for the first hour, then none for an hour: the last hour has no requests,
    // so its burn rate is unknown — not 0, which would read as "all good".
    MetricsSloTracker t;
    feed(t, {{0, 0, 0}, {3600, 1000, 5}, {5400, 1000, 5}, {7200, 1000, 5}});
    const SloReading r = t.reading();
    QVERIFY(!r.burn1h.known());
    QVERIFY2(r.burn1h.note.contains(u"no requests in the last 1 h"_s), qPrintable(r.burn1h.note));
    QVERIFY(!r.burn5m.known());
    // 6 h: only 2 h seen, with the first hour's failures.
    compareValue(r.burn6h, 5.0 / 1005.0 / 0.001, "burn 6h");
    QVERIFY2(r.burn6h.note.contains(u"covers 2 h of 6 h"_s), qPrintable(r.burn6h.note));
    QCOMPARE(ph::evaluateSlo(r, {}).burn, ph::Verdict::Pass);
}

void TestMetricsSloTracker::malformedScrapeKeepsData_data()
{
    QTest::addColumn<QByteArray>("bad");
    QTest::addColumn<QString>("message");

    QTest::newRow("bad line") << QByteArray("http_requests_total{code=\"200\"} 1200\n"
                                            "http_requests_total{code=\"500\" 3\n")
                              << u"line 2"_s;
    QTest::newRow("no requests counter")
        << QByteArray("process_cpu_seconds_total 12\n") << u"no http_requests_total"_s;
    QTest::newRow("html") << QByteArray("<html><body>502 Bad Gateway</body></html>\n")
                          << u"line 1"_s;
}

void TestMetricsSloTracker::malformedScrapeKeepsData()
{
    QFETCH(QByteArray, bad);
    QFETCH(QString, message);

    MetricsSloTracker t;
    feed(t, {{0, 1000, 0}, {60, 1099, 1}});
    const SloReading before = t.reading();
    const auto r = t.addScrape(bad, T0.addSecs(120));
    QVERIFY(!r.has_value());
    QVERIFY2(r.error().message.contains(message), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"/metrics"_s), qPrintable(r.error().message));

    const SloReading after = t.reading();
    QCOMPARE(after.observedAt, before.observedAt);
    compareValue(after.availability, 0.99, "availability kept");
    compareValue(after.burn5m, before.burn5m.value, "burn kept");

    // The next good scrape continues from the last good one.
    feed(t, {{180, 1199, 1}});
    compareValue(t.reading().availability, 199.0 / 200.0, "availability after");

    // Time must move forward.
    QVERIFY(!t.addScrape(body({180, 1300, 1}), T0.addSecs(180)).has_value());
}

void TestMetricsSloTracker::ringIsBoundedAndCoversSixHours()
{
    // One scrape a second for 7 h: the ring stays bounded and still spans 6 h.
    MetricsSloTracker t;
    QByteArray text;
    for (int s = 0; s <= 7 * 3600; ++s) {
        text = "http_requests_total{code=\"200\"} " + QByteArray::number(10 * s) + '\n';
        QVERIFY(t.addScrape(text, T0.addSecs(s)).has_value());
    }
    QVERIFY2(t.entryCount() <= MetricsSloTracker::MaxEntries + 1,
             qPrintable(QString::number(t.entryCount())));
    const SloReading r = t.reading();
    compareValue(r.burn6h, 0, "burn 6h");
    QVERIFY2(r.burn6h.note.isEmpty(), qPrintable(r.burn6h.note));
    compareValue(r.burn5m, 0, "burn 5m");
    QVERIFY2(r.burn5m.note.isEmpty(), qPrintable(r.burn5m.note));
}

void TestMetricsSloTracker::endpointAdapter()
{
    const ph::SloFigures f{30, 0.9994, 612, 1034, 0.995};
    const SloReading r = ph::sloReadingFromFigures(f, 0.999, u"/api/slo/status"_s, T0);
    QCOMPARE(r.source, ph::SloSourceKind::Endpoint);
    QCOMPARE(r.sourceLabel, u"/api/slo/status"_s);
    QCOMPARE(r.observedAt, T0);
    QCOMPARE(r.windowDays, 30.0);
    compareValue(r.availability, 0.9994, "availability");
    compareValue(r.p95Ms, 612, "p95");
    compareValue(r.p99Ms, 1034, "p99");
    compareValue(r.webhookSuccess, 0.995, "webhook");
    compareValue(r.budgetRemaining, 1.0 - 0.0006 / 0.001, "budget");
    for (const SloValue *v : {&r.burn5m, &r.burn30m, &r.burn1h, &r.burn6h}) {
        QVERIFY(!v->known());
        QVERIFY2(v->note.contains(u"/metrics"_s) && v->note.contains(u"Prometheus"_s),
                 qPrintable(v->note));
    }
    const ph::SloVerdicts v = ph::evaluateSlo(r, {});
    QCOMPARE(v.burn, ph::Verdict::Unknown);
    QCOMPARE(v.worst(), ph::evaluateSlo(f, {}).worst());
}

void TestMetricsSloTracker::verdicts()
{
    SloReading r;
    r.availability.value = 0.9995;
    r.p95Ms.value = 900; // over 800
    r.burn1h.value = 7;
    r.burn6h.value = 7;
    r.burn30m.value = 6.5;
    r.burn5m.value = 20;
    ph::SloVerdicts v = ph::evaluateSlo(r, {});
    QCOMPARE(v.availability, ph::Verdict::Pass);
    QCOMPARE(v.p95, ph::Verdict::Fail);
    QCOMPARE(v.p99, ph::Verdict::Unknown);
    QCOMPARE(v.webhook, ph::Verdict::Unknown);
    QVERIFY(v.burnAlert.slow);
    QVERIFY(!v.burnAlert.fast); // 1 h below 14.4
    QCOMPARE(v.burn, ph::Verdict::Warn);
}

QTEST_GUILESS_MAIN(TestMetricsSloTracker)
#include "tst_metricsslotracker.moc"
