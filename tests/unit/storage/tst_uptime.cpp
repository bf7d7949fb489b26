// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/uptime.h"

#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using ph::UptimeSample;
using ph::Verdict;

namespace {

constexpr qint64 s = 1000;

// Samples every 10 s from 0 s to 110 s, all Pass unless overridden.
QList<UptimeSample> everyTenSeconds(const QHash<qint64, Verdict> &overrides = {})
{
    QList<UptimeSample> samples;
    for (qint64 t = 0; t < 120; t += 10)
        samples.append({t * s, overrides.value(t, Verdict::Pass)});
    return samples;
}

} // namespace

class TestUptime : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void compute_data();
    void compute();
    void coverage_data();
    void coverage();
    void combiningTiers();
};

void TestUptime::compute_data()
{
    QTest::addColumn<QList<UptimeSample>>("samples");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("to");
    QTest::addColumn<qint64>("maxGap");
    QTest::addColumn<qint64>("observed");
    QTest::addColumn<qint64>("up");

    QTest::newRow("all up") << everyTenSeconds() << 0 * s << 120 * s << 30 * s << 120 * s
                            << 120 * s;
    QTest::newRow("one down sample") << everyTenSeconds({{50, Verdict::Down}}) << 0 * s << 120 * s
                                     << 30 * s << 120 * s << 110 * s;
    QTest::newRow("fail and warn") << everyTenSeconds({{20, Verdict::Fail}, {30, Verdict::Warn}})
                                   << 0 * s << 120 * s << 30 * s << 120 * s << 110 * s;
    QTest::newRow("stale excluded") << everyTenSeconds({{50, Verdict::Stale}}) << 0 * s << 120 * s
                                    << 30 * s << 110 * s << 110 * s;
    QTest::newRow("unknown excluded") << everyTenSeconds({{0, Verdict::Unknown}}) << 0 * s
                                      << 120 * s << 30 * s << 110 * s << 110 * s;

    // 0 and 10 s, then nothing until 100 s: 10 s covers 30 s at most, 40..100 s is unobserved.
    QList<UptimeSample> gap{{0, Verdict::Pass},
                            {10 * s, Verdict::Down},
                            {100 * s, Verdict::Pass},
                            {110 * s, Verdict::Pass}};
    QTest::newRow("gap longer than maxGap")
        << gap << 0 * s << 120 * s << 30 * s << 60 * s << 30 * s;
    QTest::newRow("window clipping")
        << everyTenSeconds({{10, Verdict::Down}}) << 15 * s << 95 * s << 30 * s << 80 * s << 75 * s;
    QTest::newRow("sample before the window covers its start")
        << QList<UptimeSample>{{-20 * s, Verdict::Down}, {20 * s, Verdict::Pass}} << 0 * s << 60 * s
        << 30 * s << 40 * s << 30 * s;
    QTest::newRow("samples after the window ignored")
        << QList<UptimeSample>{{0, Verdict::Pass}, {200 * s, Verdict::Down}} << 0 * s << 100 * s
        << 30 * s << 30 * s << 30 * s;
    QTest::newRow("last sample capped at maxGap") << QList<UptimeSample>{{0, Verdict::Pass}}
                                                  << 0 * s << 100 * s << 30 * s << 30 * s << 30 * s;
    QTest::newRow("duplicate time covers nothing")
        << QList<UptimeSample>{{0, Verdict::Down}, {0, Verdict::Pass}} << 0 * s << 100 * s << 30 * s
        << 30 * s << 30 * s;
    QTest::newRow("worked example from the header")
        << QList<UptimeSample>{{0, Verdict::Pass},
                               {10 * s, Verdict::Down},
                               {20 * s, Verdict::Pass},
                               {90 * s, Verdict::Stale},
                               {100 * s, Verdict::Pass}}
        << 0 * s << 120 * s << 30 * s << 70 * s << 60 * s;
    QTest::newRow("nothing observed: no samples")
        << QList<UptimeSample>{} << 0 * s << 120 * s << 30 * s << 0 * s << 0 * s;
    QTest::newRow("nothing observed: only stale")
        << QList<UptimeSample>{{0, Verdict::Stale}, {10 * s, Verdict::Unknown}} << 0 * s << 120 * s
        << 30 * s << 0 * s << 0 * s;
    QTest::newRow("nothing observed: empty window")
        << everyTenSeconds() << 50 * s << 50 * s << 30 * s << 0 * s << 0 * s;
}

void TestUptime::compute()
{
    QFETCH(QList<UptimeSample>, samples);
    QFETCH(qint64, from);
    QFETCH(qint64, to);
    QFETCH(qint64, maxGap);
    QFETCH(qint64, observed);
    QFETCH(qint64, up);

    const ph::UptimeStats stats = ph::computeUptime(samples, from, to, maxGap);
    QCOMPARE(stats.observedMs, observed);
    QCOMPARE(stats.upMs, up);
    QCOMPARE(stats.hasData(), observed > 0);
    if (observed == 0)
        QVERIFY2(std::isnan(stats.upRatio), "nothing observed must read as NaN, not 0 % or 100 %");
    else
        QCOMPARE(stats.upRatio, double(up) / double(observed));
}

void TestUptime::coverage_data()
{
    QTest::addColumn<qint64>("at");
    QTest::addColumn<qint64>("next");
    QTest::addColumn<qint64>("maxGap");
    QTest::addColumn<qint64>("covered");

    QTest::newRow("until next") << 0LL << 10LL << 30LL << 10LL;
    QTest::newRow("capped") << 0LL << 100LL << 30LL << 30LL;
    QTest::newRow("no next") << 0LL << -1LL << 30LL << 30LL;
    QTest::newRow("next before (unsorted)") << 50LL << 10LL << 30LL << 0LL;
}

void TestUptime::coverage()
{
    QFETCH(qint64, at);
    QFETCH(qint64, next);
    QFETCH(qint64, maxGap);
    QFETCH(qint64, covered);
    QCOMPARE(ph::sampleCoverageMs(at, next, maxGap), covered);
}

void TestUptime::combiningTiers()
{
    ph::UptimeStats total;
    QVERIFY(std::isnan(total.upRatio));
    total += ph::UptimeStats{1.0, 100, 100};
    total += ph::UptimeStats{0.0, 300, 0};
    QCOMPARE(total.observedMs, qint64(400));
    QCOMPARE(total.upMs, qint64(100));
    QCOMPARE(total.upRatio, 0.25);
}

QTEST_GUILESS_MAIN(TestUptime)
#include "tst_uptime.moc"
