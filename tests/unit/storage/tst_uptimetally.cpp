// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"
#include "storage/probehistory.h"
#include "storage/uptimetally.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using ph::Database;
using ph::ProbeHistory;
using ph::ProbeResult;
using ph::UptimeStats;
using ph::UptimeTally;
using ph::Verdict;

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto r_ = (expr);                                                                    \
        QVERIFY2(bool(r_), r_ ? "" : qPrintable(r_.error().toString()));                           \
    } while (false)

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMinute = 60 * kSecond;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;
// The raw tier spans 24 h from a minute boundary, plus the minute being filled.
constexpr qsizetype kMaxMinutes = 24 * 60 + 2;

const QString kService = u"shop"_s;
const QString kEndpoint = u"health"_s;

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

} // namespace

class TestUptimeTally : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void matchesFullComputation_data();
    void matchesFullComputation();
    void outOfOrderSampleIsRefused();
    void tiesAndMinuteEdges();

private:
    // Compares the fast figure with the full recomputation over [from, to), to the ms.
    void compare(const ProbeHistory &history, const UptimeTally &tally, qint64 fromMs, qint64 toMs,
                 qint64 maxGapMs);
    std::shared_ptr<Database> openDb();

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_counter = 0;
};

void TestUptimeTally::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::shared_ptr<Database> TestUptimeTally::openDb()
{
    auto db = Database::open(m_dir->filePath(u"db%1.sqlite"_s.arg(++m_counter)));
    if (!db)
        qWarning() << db.error().toString();
    return db ? *db : nullptr;
}

void TestUptimeTally::compare(const ProbeHistory &history, const UptimeTally &tally, qint64 fromMs,
                              qint64 toMs, qint64 maxGapMs)
{
    auto fast = history.uptime(kService, kEndpoint, utc(fromMs), utc(toMs), tally);
    auto full = history.uptime(kService, kEndpoint, utc(fromMs), utc(toMs), maxGapMs);
    VERIFY_OK(fast);
    VERIFY_OK(full);
    const QByteArray where =
        "window [" + QByteArray::number(fromMs) + ", " + QByteArray::number(toMs) + ")";
    const QByteArray observed = where + " observed " + QByteArray::number(fast->observedMs) +
                                " vs " + QByteArray::number(full->observedMs);
    QVERIFY2(fast->observedMs == full->observedMs, observed.constData());
    const QByteArray up =
        where + " up " + QByteArray::number(fast->upMs) + " vs " + QByteArray::number(full->upMs);
    QVERIFY2(fast->upMs == full->upMs, up.constData());
}

void TestUptimeTally::matchesFullComputation_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qint64>("maxGapMs");
    QTest::addColumn<qint64>("stepMs");
    QTest::newRow("5 s probes, 10 s gap") << 1u << 10 * kSecond << 5 * kSecond;
    QTest::newRow("10 s probes, 30 s gap") << 2u << 30 * kSecond << 10 * kSecond;
    QTest::newRow("15 s probes, 30 s gap") << 3u << 30 * kSecond << 15 * kSecond;
    QTest::newRow("60 s probes, 120 s gap") << 4u << 120 * kSecond << 60 * kSecond;
}

// Random series over 31 h with gaps, restarts (ties), verdict changes and samples exactly
// on minute boundaries; checked every few hours, before and after roll-ups.
void TestUptimeTally::matchesFullComputation()
{
    QFETCH(quint32, seed);
    QFETCH(qint64, maxGapMs);
    QFETCH(qint64, stepMs);
    auto db = openDb();
    QVERIFY(db);
    ProbeHistory history(db);
    history.setDefaultMaxGapMs(maxGapMs);
    UptimeTally live(maxGapMs);
    QRandomGenerator rng(seed);

    const Verdict verdicts[] = {Verdict::Pass, Verdict::Warn,  Verdict::Fail,
                                Verdict::Down, Verdict::Stale, Verdict::Unknown};
    const qint64 start =
        QDateTime(QDate(2024, 3, 1), QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch() +
        rng.bounded(60000);
    const qint64 end = start + 31 * kHour;
    const qint64 checkEvery = 5 * kHour + 17 * kMinute;
    qint64 t = start;
    qint64 nextCheck = start + checkEvery;
    Verdict verdict = Verdict::Pass;
    int rolled = 0;

    while (t < end) {
        QList<ProbeResult> batch;
        for (; t < end && t < nextCheck;) {
            if (rng.bounded(20) == 0)
                verdict = verdicts[rng.bounded(6)];
            ProbeResult r;
            r.service = kService;
            r.endpoint = kEndpoint;
            r.verdict = verdict;
            r.checkedAt = utc(t);
            batch.append(r);
            const int event = rng.bounded(1000);
            if (event < 5)
                t += maxGapMs + rng.bounded(int(10 * kMinute)); // nobody looked
            else if (event < 15)
                ; // a restart probes again at the same instant
            else if (event < 60)
                t = (t / kMinute + 1) * kMinute; // exactly on the next minute
            else
                t += stepMs - 500 + rng.bounded(1000);
        }
        VERIFY_OK(db->transaction([&]() -> ph::Result<void> {
            for (const ProbeResult &r : std::as_const(batch)) {
                if (auto done = history.record(r); !done)
                    return done;
            }
            return {};
        }));
        for (const ProbeResult &r : std::as_const(batch))
            QVERIFY(live.add(r.checkedAt.toMSecsSinceEpoch(), r.verdict));

        const qint64 now = t + rng.bounded(int(stepMs));
        nextCheck += checkEvery;
        for (int pass = 0; pass < 2; ++pass) {
            compare(history, live, now - kDay, now, maxGapMs);
            compare(history, live, now - 7 * kDay, now, maxGapMs);
            // A window starting on a minute boundary, one just after, one anywhere.
            compare(history, live, (now - 3 * kHour) / kMinute * kMinute, now, maxGapMs);
            compare(history, live, (now - 2 * kHour) / kMinute * kMinute + 1, now, maxGapMs);
            compare(history, live, now - 1 - rng.bounded(int(20 * kHour)), now, maxGapMs);
            // Ending before the newest sample: worked out in full, still the same figure.
            compare(history, live, now - 6 * kHour, now - kHour, maxGapMs);
            if (QTest::currentTestFailed())
                return;

            // Seeding from the database gives the tally a writer would have built live.
            auto seeded = history.seedTally(kService, kEndpoint, maxGapMs);
            VERIFY_OK(seeded);
            QCOMPARE(seeded->minuteCount(), live.minuteCount());
            QVERIFY(seeded->newestAtMs() == live.newestAtMs());
            const UptimeStats a = seeded->startingIn(start - kDay, now);
            const UptimeStats b = live.startingIn(start - kDay, now);
            QCOMPARE(a.observedMs, b.observedMs);
            QCOMPARE(a.upMs, b.upMs);
            QVERIFY(a.observedMs > 0);
            compare(history, *seeded, now - kDay, now, maxGapMs);

            if (pass == 0 && now - start > kDay) {
                VERIFY_OK(history.rollUp(utc(now)));
                live.dropBefore(ProbeHistory::rawCutoffMs(now));
                ++rolled;
                // Memory follows the raw tier, not the samples ever seen.
                QVERIFY2(live.minuteCount() <= kMaxMinutes,
                         QByteArray::number(live.minuteCount()).constData());
            } else {
                break;
            }
        }
    }
    QVERIFY(rolled >= 2);
}

void TestUptimeTally::outOfOrderSampleIsRefused()
{
    UptimeTally tally(30 * kSecond);
    QVERIFY(tally.add(100 * kSecond, Verdict::Pass));
    QVERIFY(tally.add(110 * kSecond, Verdict::Down));
    const UptimeStats before = tally.startingIn(0, 200 * kSecond);
    QCOMPARE(before.observedMs, 40 * kSecond); // 10 s up, then 30 s down until now
    QCOMPARE(before.upMs, 10 * kSecond);

    QVERIFY(!tally.add(105 * kSecond, Verdict::Pass));
    const UptimeStats after = tally.startingIn(0, 200 * kSecond);
    QCOMPARE(after.observedMs, before.observedMs);
    QCOMPARE(after.upMs, before.upMs);
    QVERIFY(tally.newestAtMs() == std::optional<qint64>(110 * kSecond));
}

void TestUptimeTally::tiesAndMinuteEdges()
{
    UptimeTally tally(30 * kSecond);
    QVERIFY(!tally.newestAtMs());
    QVERIFY(tally.add(50 * kSecond, Verdict::Pass)); // covers 50..60 s, in minute 0
    QVERIFY(tally.add(60 * kSecond, Verdict::Down)); // tie: covers nothing
    QVERIFY(tally.add(60 * kSecond, Verdict::Pass)); // covers 60..90 s (capped), minute 1
    QVERIFY(tally.add(120 * kSecond, Verdict::Stale));
    UptimeStats minute0 = tally.startingIn(0, kMinute);
    QCOMPARE(minute0.observedMs, 10 * kSecond);
    QCOMPARE(minute0.upMs, 10 * kSecond);
    UptimeStats minute1 = tally.startingIn(kMinute, 2 * kMinute);
    QCOMPARE(minute1.observedMs, 30 * kSecond);
    QCOMPARE(minute1.upMs, 30 * kSecond);

    tally.dropBefore(kMinute);
    QCOMPARE(tally.minuteCount(), qsizetype(1));
    QCOMPARE(tally.startingIn(0, kMinute).observedMs, qint64(0));
    tally.dropBefore(3 * kMinute);
    QCOMPARE(tally.minuteCount(), qsizetype(0));
    QVERIFY(!tally.newestAtMs());
}

QTEST_GUILESS_MAIN(TestUptimeTally)
#include "tst_uptimetally.moc"
