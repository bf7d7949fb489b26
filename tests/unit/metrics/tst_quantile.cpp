// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/quantile.h"
#include "metrics/slo.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using ph::HistogramBucket;
using Buckets = QList<HistogramBucket>;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
constexpr double Inf = std::numeric_limits<double>::infinity();

// The histogram most rows use: 40 observations, 10 <= 0.1 s, 30 <= 0.5 s, 38 <= 1 s.
Buckets standard()
{
    return {{0.1, 10}, {0.5, 30}, {1, 38}, {Inf, 40}};
}

void compareNumber(double actual, double expected)
{
    if (std::isnan(expected)) {
        QVERIFY2(std::isnan(actual), qPrintable(u"expected NaN, got %1"_s.arg(actual)));
        return;
    }
    if (std::isinf(expected)) {
        QCOMPARE(actual, expected);
        return;
    }
    QVERIFY2(
        std::abs(actual - expected) <= 1e-9 * std::max(1.0, std::abs(expected)),
        qPrintable(u"expected %1, got %2"_s.arg(expected, 0, 'g', 17).arg(actual, 0, 'g', 17)));
}

} // namespace

class TestQuantile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantile_data();
    void quantile();
    void counterIncrease_data();
    void counterIncrease();
    void counterRate();
    void histogramDelta();
    void histogramDeltaAfterReset();
    void histogramDeltaLayoutChange();
    void budget_data();
    void budget();
    void burnRate_data();
    void burnRate();
    void multiWindow_data();
    void multiWindow();
    void multiWindowWithoutTraffic();
};

void TestQuantile::quantile_data()
{
    QTest::addColumn<Buckets>("buckets");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");

    // rank = 0.5 * 40 = 20 -> bucket le=0.5 (first cumulative count >= 20 is 30);
    // inside it: 0.1 + (0.5 - 0.1) * (20 - 10) / (30 - 10) = 0.1 + 0.4 * 0.5 = 0.3
    QTest::newRow("median") << standard() << 0.5 << 0.3;
    // rank = 38 -> bucket le=1 (38 >= 38): 0.5 + 0.5 * (38 - 30) / (38 - 30) = 1.0
    QTest::newRow("p95") << standard() << 0.95 << 1.0;
    // rank = 39.6 -> only +Inf reaches it: upper bound of the bucket before, 1
    QTest::newRow("+Inf rule p99") << standard() << 0.99 << 1.0;
    // rank = 40 -> +Inf bucket again -> 1
    QTest::newRow("+Inf rule q=1") << standard() << 1.0 << 1.0;
    // rank = 4 -> lowest bucket, which starts at 0: 0 + 0.1 * 4 / 10 = 0.04
    QTest::newRow("lowest bucket from 0") << standard() << 0.1 << 0.04;
    // rank = 0 -> lowest bucket: 0 + 0.1 * 0 / 10 = 0
    QTest::newRow("q=0") << standard() << 0.0 << 0.0;
    // Same buckets in another order are sorted first.
    QTest::newRow("unsorted") << Buckets{{Inf, 40}, {0.5, 30}, {0.1, 10}, {1, 38}} << 0.5 << 0.3;
    // Lowest upper bound <= 0: rank 2.5 falls in it, its upper bound (-1) is returned.
    QTest::newRow("non-positive lowest bucket")
        << Buckets{{-1, 5}, {0, 8}, {Inf, 10}} << 0.25 << -1.0;
    // rank = 7 -> le=0 bucket: -1 + (0 - -1) * (7 - 5) / (8 - 5) = -1 + 2/3
    QTest::newRow("negative bounds interpolate")
        << Buckets{{-1, 5}, {0, 8}, {Inf, 10}} << 0.7 << -1.0 + 2.0 / 3.0;
    // Counts {10, 8, 20, 20} become {10, 10, 20, 20}. rank = 15 -> le=1:
    // 0.5 + 0.5 * (15 - 10) / (20 - 10) = 0.75 (unfixed it would be 0.5 + 0.5 * 7/12).
    QTest::newRow("non-monotonic fixed")
        << Buckets{{0.1, 10}, {0.5, 8}, {1, 20}, {Inf, 20}} << 0.75 << 0.75;
    // Two le=0.1 series merge into {0.1: 10}; then as "median" without le=1:
    // rank 20 -> 0.1 + 0.4 * 10 / 20 = 0.3
    QTest::newRow("equal bounds merged")
        << Buckets{{0.1, 4}, {0.1, 6}, {0.5, 30}, {Inf, 40}} << 0.5 << 0.3;
    QTest::newRow("no +Inf bucket") << Buckets{{0.1, 10}, {0.5, 30}} << 0.5 << NaN;
    QTest::newRow("only +Inf") << Buckets{{Inf, 40}} << 0.5 << NaN;
    QTest::newRow("no observations") << Buckets{{0.1, 0}, {Inf, 0}} << 0.5 << NaN;
    QTest::newRow("no buckets") << Buckets{} << 0.5 << NaN;
    QTest::newRow("q NaN") << standard() << NaN << NaN;
    QTest::newRow("q < 0") << standard() << -0.1 << -Inf;
    QTest::newRow("q > 1") << standard() << 1.1 << Inf;
}

void TestQuantile::quantile()
{
    QFETCH(Buckets, buckets);
    QFETCH(double, q);
    QFETCH(double, expected);
    compareNumber(ph::histogramQuantile(q, buckets), expected);
}

void TestQuantile::counterIncrease_data()
{
    QTest::addColumn<double>("previous");
    QTest::addColumn<double>("current");
    QTest::addColumn<double>("expected");
    QTest::newRow("growth") << 100.0 << 150.0 << 50.0;
    QTest::newRow("unchanged") << 150.0 << 150.0 << 0.0;
    // The process restarted: the counter went 0 -> 20 since, so 20 happened.
    QTest::newRow("reset") << 150.0 << 20.0 << 20.0;
    QTest::newRow("reset to zero") << 150.0 << 0.0 << 0.0;
}

void TestQuantile::counterIncrease()
{
    QFETCH(double, previous);
    QFETCH(double, current);
    QFETCH(double, expected);
    QCOMPARE(ph::counterIncrease(previous, current), expected);
}

void TestQuantile::counterRate()
{
    // 60 more requests in 60 s -> 1/s.
    compareNumber(ph::counterRate(100, 0, 160, 60'000), 1.0);
    // Reset: 500 -> 30 over 15 s means 30 since the restart: 30 / 15 = 2/s.
    compareNumber(ph::counterRate(500, 1'000, 30, 16'000), 2.0);
    compareNumber(ph::counterRate(100, 5'000, 160, 5'000), NaN);
    compareNumber(ph::counterRate(100, 6'000, 160, 5'000), NaN);
}

void TestQuantile::histogramDelta()
{
    const Buckets older{{0.1, 10}, {0.5, 30}, {Inf, 40}};
    const Buckets newer{{Inf, 70}, {0.1, 15}, {0.5, 50}};
    const auto delta = ph::histogramDelta(older, newer);
    QVERIFY(delta.has_value());
    QCOMPARE(*delta, (Buckets{{0.1, 5}, {0.5, 20}, {Inf, 30}}));
    // Over the window: rank 0.5 * 30 = 15 -> le=0.5: 0.1 + 0.4 * (15 - 5) / (20 - 5) = 0.1 + 0.4 *
    // 2/3
    compareNumber(ph::histogramQuantile(0.5, *delta), 0.1 + 0.4 * 2.0 / 3.0);
}

void TestQuantile::histogramDeltaAfterReset()
{
    const Buckets older{{0.1, 10}, {0.5, 30}, {Inf, 40}};
    const Buckets newer{{0.1, 1}, {0.5, 2}, {Inf, 3}};
    const auto delta = ph::histogramDelta(older, newer);
    QVERIFY(delta.has_value());
    QCOMPARE(*delta, newer);
}

void TestQuantile::histogramDeltaLayoutChange()
{
    const auto delta =
        ph::histogramDelta({{0.1, 10}, {Inf, 40}}, {{0.1, 10}, {0.25, 20}, {Inf, 40}});
    QVERIFY(!delta.has_value());
    QCOMPARE(delta.error().code, u"metrics.bucketLayout"_s);
    QVERIFY(delta.error().message.contains(u"next scrape"_s));
}

void TestQuantile::budget_data()
{
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("good");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("expected");
    // 99.9 % of 1,000,000 allows 1,000 failures.
    QTest::newRow("half spent") << 0.999 << 999'500.0 << 1'000'000.0 << 0.5;  // 500 of 1000
    QTest::newRow("all spent") << 0.999 << 999'000.0 << 1'000'000.0 << 0.0;   // 1000 of 1000
    QTest::newRow("overspent") << 0.999 << 998'000.0 << 1'000'000.0 << -1.0;  // 2000 of 1000
    QTest::newRow("untouched") << 0.999 << 1'000'000.0 << 1'000'000.0 << 1.0; // 0 failures
    // 99 % of 200 allows 2 failures; 1 failed -> half left.
    QTest::newRow("webhooks") << 0.99 << 199.0 << 200.0 << 0.5;
    QTest::newRow("no traffic") << 0.999 << 0.0 << 0.0 << 1.0;
    QTest::newRow("target 1") << 1.0 << 10.0 << 10.0 << NaN;
    QTest::newRow("target 0") << 0.0 << 10.0 << 10.0 << NaN;
    QTest::newRow("good > total") << 0.999 << 11.0 << 10.0 << NaN;
    QTest::newRow("negative") << 0.999 << -1.0 << 10.0 << NaN;
}

void TestQuantile::budget()
{
    QFETCH(double, target);
    QFETCH(double, good);
    QFETCH(double, total);
    QFETCH(double, expected);
    compareNumber(ph::errorBudgetRemaining(target, {good, total}), expected);
}

void TestQuantile::burnRate_data()
{
    QTest::addColumn<double>("target");
    QTest::addColumn<double>("good");
    QTest::addColumn<double>("total");
    QTest::addColumn<double>("expected");
    // 1 % errors against a 0.1 % allowance: 0.01 / 0.001 = 10
    QTest::newRow("10x") << 0.999 << 99'000.0 << 100'000.0 << 10.0;
    // 0.1 % errors exactly spend the budget: 1
    QTest::newRow("1x") << 0.999 << 99'900.0 << 100'000.0 << 1.0;
    QTest::newRow("no errors") << 0.999 << 500.0 << 500.0 << 0.0;
    // 5 % failed webhooks against 1 %: 5
    QTest::newRow("webhooks") << 0.99 << 95.0 << 100.0 << 5.0;
    QTest::newRow("no traffic") << 0.999 << 0.0 << 0.0 << NaN;
    QTest::newRow("bad target") << 1.5 << 1.0 << 2.0 << NaN;
}

void TestQuantile::burnRate()
{
    QFETCH(double, target);
    QFETCH(double, good);
    QFETCH(double, total);
    QFETCH(double, expected);
    compareNumber(ph::burnRate(target, {good, total}), expected);
}

void TestQuantile::multiWindow_data()
{
    // Target 99.9 %: burn rate = error ratio / 0.001, so with 10,000 events per window
    // a window with F failures burns at F / 10.
    QTest::addColumn<double>("failed5m");
    QTest::addColumn<double>("failed30m");
    QTest::addColumn<double>("failed1h");
    QTest::addColumn<double>("failed6h");
    QTest::addColumn<bool>("fast");
    QTest::addColumn<bool>("slow");
    QTest::newRow("quiet") << 1.0 << 1.0 << 1.0 << 1.0 << false << false;
    // 1 h at 20x and 5 min at 15x: both > 14.4 -> fast; 6 h at 5x keeps slow quiet.
    QTest::newRow("fast") << 150.0 << 10.0 << 200.0 << 50.0 << true << false;
    // 1 h still at 20x but 5 min recovered to 10x: no page.
    QTest::newRow("fast recovered") << 100.0 << 10.0 << 200.0 << 50.0 << false << false;
    // 5 min spike at 50x without a bad hour: no page.
    QTest::newRow("fast spike only") << 500.0 << 10.0 << 100.0 << 10.0 << false << false;
    // Just below / above 14.4 in both windows.
    QTest::newRow("fast 14.3") << 143.0 << 0.0 << 143.0 << 0.0 << false << false;
    QTest::newRow("fast 14.5") << 145.0 << 0.0 << 145.0 << 0.0 << true << false;
    // 6 h at 7x and 30 min at 8x: slow.
    QTest::newRow("slow") << 10.0 << 80.0 << 70.0 << 70.0 << false << true;
    // 6 h at 7x but 30 min at 5x: recovered.
    QTest::newRow("slow recovered") << 10.0 << 50.0 << 70.0 << 70.0 << false << false;
    QTest::newRow("both") << 200.0 << 200.0 << 200.0 << 100.0 << true << true;
}

void TestQuantile::multiWindow()
{
    QFETCH(double, failed5m);
    QFETCH(double, failed30m);
    QFETCH(double, failed1h);
    QFETCH(double, failed6h);
    QFETCH(bool, fast);
    QFETCH(bool, slow);
    constexpr double total = 10'000;
    ph::BurnRateWindows w;
    w.last5m = {total - failed5m, total};
    w.last30m = {total - failed30m, total};
    w.last1h = {total - failed1h, total};
    w.last6h = {total - failed6h, total};
    const ph::BurnRateAlert alert = ph::evaluateBurnRate(0.999, w);
    QCOMPARE(alert.fast, fast);
    QCOMPARE(alert.slow, slow);
    QCOMPARE(alert.fired(), fast || slow);
    compareNumber(alert.burn1h, failed1h / 10.0);
    compareNumber(alert.burn5m, failed5m / 10.0);
}

void TestQuantile::multiWindowWithoutTraffic()
{
    // The hour burned at 20x, but nothing came in over the last 5 min: no evidence that
    // it still burns, so no page.
    ph::BurnRateWindows w;
    w.last1h = {9'800, 10'000};
    w.last5m = {0, 0};
    w.last6h = {9'800, 10'000};
    w.last30m = {0, 0};
    const ph::BurnRateAlert alert = ph::evaluateBurnRate(0.999, w);
    QVERIFY(!alert.fast);
    QVERIFY(!alert.slow);
    QVERIFY(std::isnan(alert.burn5m));
    compareNumber(alert.burn1h, 20.0);
}

QTEST_GUILESS_MAIN(TestQuantile)
#include "tst_quantile.moc"
