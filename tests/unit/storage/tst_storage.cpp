// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"
#include "storage/probehistory.h"
#include "storage/sqlitedialect.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;
using ph::Database;
using ph::ProbeHistory;
using ph::Verdict;

// Like QVERIFY, but shows the error of a failed ph::Result.
#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto r_ = (expr);                                                                    \
        QVERIFY2(bool(r_), r_ ? "" : qPrintable(r_.error().toString()));                           \
    } while (false)

namespace {

constexpr qint64 kMinute = 60 * 1000;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

const QDateTime t0 = QDateTime(QDate(2024, 1, 1), QTime(0, 0), QTimeZone::utc());

QDateTime at(qint64 offsetMs)
{
    return t0.addMSecs(offsetMs);
}

QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

ph::ProbeResult result(qint64 offsetMs, Verdict v, int latency,
                       const QString &endpoint = u"health"_s)
{
    ph::ProbeResult r;
    r.service = u"echopilot"_s;
    r.endpoint = endpoint;
    r.url = u"http://127.0.0.1:5000/api/health"_s;
    r.verdict = v;
    r.statusCode = v == Verdict::Down ? 0 : 200;
    r.latencyMs = v == Verdict::Down ? -1 : latency;
    r.error = v == Verdict::Down ? u"Connection refused"_s : QString();
    r.checkedAt = at(offsetMs);
    r.body = QByteArrayLiteral("{\"status\":\"healthy\",\"token\":\"never-stored\"}");
    return r;
}

// Three days of checks, one a minute: down for 30 minutes on day 0, stale for an hour on
// day 1, and two hours with no checks at all on day 2.
struct Generated
{
    QList<ph::ProbeResult> results;
    QList<ph::UptimeSample> samples;
};

Generated threeDays()
{
    Generated g;
    for (qint64 i = 0; i < 3 * 24 * 60; ++i) {
        const qint64 offset = i * kMinute;
        if (offset >= 2 * kDay + 5 * kHour && offset < 2 * kDay + 7 * kHour)
            continue;
        Verdict v = Verdict::Pass;
        if (offset >= 3 * kHour && offset < 3 * kHour + 30 * kMinute)
            v = Verdict::Down;
        else if (offset >= kDay + 10 * kHour && offset < kDay + 11 * kHour)
            v = Verdict::Stale;
        else if (i % 97 == 0)
            v = Verdict::Warn;
        g.results.append(result(offset, v, int(100 + i % 50)));
        g.samples.append({at(offset).toMSecsSinceEpoch(), v});
    }
    return g;
}

} // namespace

class TestStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void freshFileIsMigrated();
    void migratesStepByStep();
    void survivesReopen();
    void newerSchemaIsRefusedUntouched();
    void corruptFileIsRefusedUntouched_data();
    void corruptFileIsRefusedUntouched();
    void connectionPerThread();
    void threadsThatEndWithoutReleasing();

    void recordRejectsBadInput_data();
    void recordRejectsBadInput();
    void stateChangesRoundTrip();
    void rollUpTiers();
    void rollUpMergesLateRows();
    void retentionDeletes();

private:
    QString newPath() { return m_dir->filePath(u"db%1.sqlite"_s.arg(++m_counter)); }
    std::shared_ptr<Database> openOrFail(const QString &path)
    {
        auto db = Database::open(path);
        if (!db)
            qWarning() << db.error().toString();
        return db ? *db : nullptr;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    int m_counter = 0;
};

void TestStorage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStorage::freshFileIsMigrated()
{
    const QString path = newPath();
    auto db = openOrFail(path);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QVERIFY(Database::latestSchemaVersion() >= 2);

    auto version = db->run(db->dialect().readSchemaVersion);
    QVERIFY(version && version->next());
    QCOMPARE(version->value(0).toInt(), Database::latestSchemaVersion());

    auto connection = db->connection();
    QVERIFY(connection);
    const QStringList tables = connection->tables();
    for (const auto &table :
         {u"probe_results"_s, u"probe_minute"_s, u"probe_hour"_s, u"probe_state_changes"_s,
          u"audit_log"_s, u"runs"_s, u"run_steps"_s, u"alert_acks"_s})
        QVERIFY2(tables.contains(table), qPrintable(table));

    auto wal = db->run(db->dialect().enableWal);
    QVERIFY(wal && wal->next());
    QCOMPARE(wal->value(0).toString(), u"wal"_s);
}

void TestStorage::migratesStepByStep()
{
    const QString path = newPath();
    {
        Database::Options options;
        options.path = path;
        options.migrateTo = 1;
        auto db = Database::open(options);
        QVERIFY(db);
        QCOMPARE((*db)->schemaVersion(), 1);
        auto connection = (*db)->connection();
        QVERIFY(connection->tables().contains(u"probe_results"_s));
        QVERIFY(!connection->tables().contains(u"audit_log"_s));
        ProbeHistory history(*db);
        VERIFY_OK(history.record(result(0, Verdict::Pass, 120)));
    }
    auto db = openOrFail(path);
    QVERIFY(db);
    QCOMPARE(db->schemaVersion(), Database::latestSchemaVersion());
    QVERIFY(db->connection()->tables().contains(u"audit_log"_s));
    auto sizes = ProbeHistory(db).sizes();
    QVERIFY(sizes);
    QCOMPARE(sizes->raw, 1);
}

void TestStorage::survivesReopen()
{
    const QString path = newPath();
    {
        auto db = openOrFail(path);
        QVERIFY(db);
        ProbeHistory history(db);
        VERIFY_OK(history.record(result(0, Verdict::Pass, 120)));
        VERIFY_OK(history.record(result(kMinute, Verdict::Down, 0)));
    }
    auto db = openOrFail(path);
    QVERIFY(db);
    auto points = ProbeHistory(db).history(u"echopilot"_s, u"health"_s, at(0), at(kHour));
    QVERIFY(points);
    QCOMPARE(points->size(), 2);
    QCOMPARE(points->at(0).at, at(0));
    QCOMPARE(points->at(0).latencyMs, 120);
    QCOMPARE(points->at(0).verdict, Verdict::Pass);
    QCOMPARE(points->at(1).verdict, Verdict::Down);
    QCOMPARE(points->at(1).latencyMs, -1);
}

void TestStorage::newerSchemaIsRefusedUntouched()
{
    const QString path = newPath();
    {
        auto db = openOrFail(path);
        QVERIFY(db);
        QVERIFY(ProbeHistory(db).record(result(0, Verdict::Pass, 120)));
        QVERIFY(db->run(db->dialect().writeSchemaVersion.arg(Database::latestSchemaVersion() + 7)));
    }
    QVERIFY(!QFile::exists(path + u"-wal"_s)); // the last connection checkpointed
    const QByteArray before = fileHash(path);
    QVERIFY(!before.isEmpty());

    auto db = Database::open(path);
    QVERIFY(!db);
    QCOMPARE(db.error().code, u"storage.too_new"_s);
    QVERIFY(db.error().message.contains(u"newer Pilothouse"_s));
    QVERIFY(db.error().message.contains(u"another data folder"_s));
    QVERIFY(db.error().message.contains(path));
    QCOMPARE(fileHash(path), before);
}

void TestStorage::corruptFileIsRefusedUntouched_data()
{
    QTest::addColumn<QByteArray>("content");
    QByteArray text;
    for (int i = 0; i < 200; ++i)
        text += "This is a shopping list, not a database.\n";
    QTest::newRow("plain text") << text;

    QByteArray header("SQLite format 3", 16);
    header += QByteArray(8192, '\x5a');
    QTest::newRow("SQLite header, garbage pages") << header;

    // A real Pilothouse database whose table pages were overwritten.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"real.sqlite"_s);
    {
        auto db = Database::open(path);
        QVERIFY(db);
        ProbeHistory history(*db);
        for (int i = 0; i < 2000; ++i)
            VERIFY_OK(history.record(result(i * kMinute, Verdict::Pass, 100 + i % 50)));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray damaged = f.readAll();
    QVERIFY(damaged.size() > 40000);
    for (qsizetype i = 8192; i < damaged.size() - 4096; i += 3)
        damaged[i] = char(i * 7);
    QTest::newRow("damaged pages") << damaged;
}

void TestStorage::corruptFileIsRefusedUntouched()
{
    QFETCH(QByteArray, content);
    const QString path = newPath();
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(content), content.size());
    }
    auto db = Database::open(path);
    QVERIFY(!db);
    QCOMPARE(db.error().code, u"storage.corrupt"_s);
    QVERIFY(db.error().message.contains(u"left untouched"_s));
    QVERIFY(db.error().message.contains(path));

    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), content);
}

void TestStorage::connectionPerThread()
{
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    VERIFY_OK(history.record(result(0, Verdict::Pass, 120)));
    const QString mainName = db->connection()->connectionName();

    QString workerName;
    qint64 workerCount = -1;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        workerName = db->connection()->connectionName();
        ProbeHistory inWorker(db);
        if (inWorker.record(result(kMinute, Verdict::Warn, 900))) {
            if (auto sizes = inWorker.sizes())
                workerCount = sizes->raw;
        }
        db->releaseThreadConnection();
    }));
    worker->start();
    QVERIFY(worker->wait(30000));
    QVERIFY(!workerName.isEmpty());
    QVERIFY(workerName != mainName);
    QCOMPARE(workerCount, 2);
    QVERIFY(!QSqlDatabase::contains(workerName));
    QCOMPARE(history.sizes()->raw, 2);
}

void TestStorage::threadsThatEndWithoutReleasing()
{
    // Threads (pool threads, short workers) often end without releasing their connection,
    // and the system hands their thread ids to the next threads. Every later thread must
    // still get a working connection of its own.
    auto db = openOrFail(newPath());
    QVERIFY(db);
    int failures = 0;
    QString firstError;
    for (int i = 0; i < 20; ++i) {
        std::unique_ptr<QThread> worker(QThread::create([&] {
            ProbeHistory inWorker(db);
            auto recorded = inWorker.record(result(i * kMinute, Verdict::Pass, 100));
            if (!recorded) {
                ++failures;
                if (firstError.isEmpty())
                    firstError = recorded.error().toString();
            }
        }));
        worker->start();
        QVERIFY(worker->wait(30000));
    }
    QVERIFY2(failures == 0, qPrintable(firstError));
    ProbeHistory history(db);
    QCOMPARE(history.sizes()->raw, 20);
}

void TestStorage::recordRejectsBadInput_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QDateTime>("checkedAt");
    QTest::newRow("no service") << QString() << u"health"_s << at(0);
    QTest::newRow("no endpoint") << u"echopilot"_s << QString() << at(0);
    QTest::newRow("no time") << u"echopilot"_s << u"health"_s << QDateTime();
}

void TestStorage::recordRejectsBadInput()
{
    QFETCH(QString, service);
    QFETCH(QString, endpoint);
    QFETCH(QDateTime, checkedAt);
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    VERIFY_OK(history.record(result(0, Verdict::Pass, 100)));

    ph::ProbeResult bad = result(kMinute, Verdict::Pass, 100);
    bad.service = service;
    bad.endpoint = endpoint;
    bad.checkedAt = checkedAt;
    auto recorded = history.record(bad);
    QVERIFY(!recorded);
    QCOMPARE(recorded.error().code, u"storage.invalid"_s);
    QVERIFY(!recorded.error().message.isEmpty());
    QCOMPARE(history.sizes()->raw, 1); // the earlier row is still there, nothing else
    QVERIFY(!history.rollUp(QDateTime()));
    QCOMPARE(history.sizes()->raw, 1);
}

void TestStorage::stateChangesRoundTrip()
{
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    VERIFY_OK(history.recordStateChange(u"echopilot"_s, u"health"_s, at(0), Verdict::Unknown,
                                        Verdict::Pass));
    ph::ProbeResult down = result(kMinute, Verdict::Down, 0);
    VERIFY_OK(history.recordStateChange(down, Verdict::Pass));
    VERIFY_OK(history.recordStateChange(u"echopilot"_s, u"queue"_s, at(kMinute), Verdict::Pass,
                                        Verdict::Fail));
    auto changes = history.stateChanges(u"echopilot"_s, u"health"_s, at(0), at(kHour));
    QVERIFY(changes);
    QCOMPARE(changes->size(), 2);
    QCOMPARE(changes->at(1).at, at(kMinute));
    QCOMPARE(changes->at(1).from, Verdict::Pass);
    QCOMPARE(changes->at(1).to, Verdict::Down);
    QCOMPARE(changes->at(1).error, u"Connection refused"_s);
}

void TestStorage::rollUpTiers()
{
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    history.setDefaultMaxGapMs(2 * kMinute);
    const Generated g = threeDays();
    VERIFY_OK(db->transaction([&]() -> ph::Result<void> {
        for (const auto &r : g.results) {
            if (auto done = history.record(r); !done)
                return done;
        }
        return {};
    }));
    QCOMPARE(history.sizes()->raw, g.results.size());

    const QDateTime now = at(8 * kDay + 12 * kHour);
    const QDateTime weekAgo = now.addDays(-7);
    const QString svc = u"echopilot"_s;
    const QString ep = u"health"_s;
    const qint64 gap = 2 * kMinute;

    // The stored history agrees with the maths on the same samples before any roll-up.
    auto allBefore = history.uptime(svc, ep, now.addDays(-90), now, gap);
    auto weekBefore = history.uptime(svc, ep, weekAgo, now, gap);
    QVERIFY(allBefore && weekBefore);
    const ph::UptimeStats expectedAll = ph::computeUptime(
        g.samples, now.addDays(-90).toMSecsSinceEpoch(), now.toMSecsSinceEpoch(), gap);
    QCOMPARE(allBefore->observedMs, expectedAll.observedMs);
    QCOMPARE(allBefore->upMs, expectedAll.upMs);
    QVERIFY(allBefore->upRatio < 1.0 && allBefore->upRatio > 0.9);

    VERIFY_OK(history.rollUp(now));
    auto sizes = history.sizes();
    QVERIFY(sizes);
    // All raw rows are older than 24 h; minutes older than 7 days (day 0 to 1.5) became hours.
    QCOMPARE(sizes->raw, 0);
    const qint64 minuteCutoff = weekAgo.toMSecsSinceEpoch();
    qint64 recentSamples = 0;
    for (const auto &sample : g.samples)
        recentSamples += sample.atMs >= minuteCutoff ? 1 : 0;
    QCOMPARE(sizes->minutes, recentSamples);
    QCOMPARE(sizes->hours, 36);

    // Hour 3 of day 0: 30 down checks, 30 passing ones.
    auto hours = history.buckets(ProbeHistory::Tier::Hour, svc, ep, at(3 * kHour), at(4 * kHour));
    QVERIFY(hours);
    QCOMPARE(hours->size(), 1);
    const ph::ProbeBucket h3 = hours->first();
    QCOMPARE(h3.downCount, 30);
    QCOMPARE(h3.passCount + h3.warnCount, 30);
    QCOMPARE(h3.samples(), 60);
    QCOMPARE(h3.observedMs, kHour);
    QCOMPARE(h3.upMs, 30 * kMinute);
    int minLatency = INT_MAX, maxLatency = 0;
    qint64 sum = 0;
    for (const auto &r : g.results) {
        if (r.checkedAt >= at(3 * kHour) && r.checkedAt < at(4 * kHour) && r.latencyMs >= 0) {
            minLatency = std::min(minLatency, r.latencyMs);
            maxLatency = std::max(maxLatency, r.latencyMs);
            sum += r.latencyMs;
        }
    }
    QCOMPARE(h3.latencyMin, minLatency);
    QCOMPARE(h3.latencyMax, maxLatency);
    QCOMPARE(h3.latencySum, sum);
    QCOMPARE(h3.latencySamples, 30);

    // Hour 10 of day 1 was stale throughout: counted, but not observed.
    hours = history.buckets(ProbeHistory::Tier::Hour, svc, ep, at(kDay + 10 * kHour),
                            at(kDay + 11 * kHour));
    QVERIFY(hours && hours->size() == 1);
    QCOMPARE(hours->first().staleCount, 60);
    QCOMPARE(hours->first().observedMs, 0);

    // A minute of day 2, and the edge before the two unobserved hours: the last check
    // covers only maxGap.
    auto minutes = history.buckets(ProbeHistory::Tier::Minute, svc, ep,
                                   at(2 * kDay + 5 * kHour - kMinute), at(2 * kDay + 5 * kHour));
    QVERIFY(minutes && minutes->size() == 1);
    QCOMPARE(minutes->first().samples(), 1);
    QCOMPARE(minutes->first().observedMs, gap);

    // Uptime is the same from the tiers as it was from the raw rows.
    auto allAfter = history.uptime(svc, ep, now.addDays(-90), now, gap);
    auto weekAfter = history.uptime(svc, ep, weekAgo, now, gap);
    QVERIFY(allAfter && weekAfter);
    QCOMPARE(allAfter->observedMs, allBefore->observedMs);
    QCOMPARE(allAfter->upMs, allBefore->upMs);
    QVERIFY(std::abs(weekAfter->upRatio - weekBefore->upRatio) < 1e-4);
    QVERIFY(std::abs(weekAfter->observedMs - weekBefore->observedMs) <= gap);

    // Sparkline points come from every tier, in time order.
    auto points = history.history(svc, ep, now.addDays(-90), now);
    QVERIFY(points);
    QCOMPARE(points->size(), sizes->hours + sizes->minutes);
    QVERIFY(std::is_sorted(points->cbegin(), points->cend(),
                           [](const auto &a, const auto &b) { return a.at < b.at; }));
    QCOMPARE(points->first().samples, 60);

    // Idempotent: a second run changes nothing.
    VERIFY_OK(history.rollUp(now));
    auto again = history.sizes();
    QCOMPARE(again->minutes, sizes->minutes);
    QCOMPARE(again->hours, sizes->hours);
    auto allAgain = history.uptime(svc, ep, now.addDays(-90), now, gap);
    QCOMPARE(allAgain->observedMs, allAfter->observedMs);
    QCOMPARE(allAgain->upMs, allAfter->upMs);
    hours = history.buckets(ProbeHistory::Tier::Hour, svc, ep, at(3 * kHour), at(4 * kHour));
    QCOMPARE(hours->first().samples(), 60);
}

void TestStorage::rollUpMergesLateRows()
{
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    VERIFY_OK(history.record(result(0, Verdict::Pass, 100)));
    VERIFY_OK(history.record(result(20 * 1000, Verdict::Pass, 300)));
    const QDateTime now = at(2 * kDay);
    VERIFY_OK(history.rollUp(now));

    // A result that arrives late for a minute that was already rolled up adds to it.
    VERIFY_OK(history.record(result(40 * 1000, Verdict::Down, 0)));
    VERIFY_OK(history.record(result(50 * 1000, Verdict::Pass, 50)));
    VERIFY_OK(history.rollUp(now));
    auto minutes = history.buckets(ProbeHistory::Tier::Minute, u"echopilot"_s, u"health"_s, at(0),
                                   at(kMinute));
    QVERIFY(minutes);
    QCOMPARE(minutes->size(), 1);
    QCOMPARE(minutes->first().passCount, 3);
    QCOMPARE(minutes->first().downCount, 1);
    QCOMPARE(minutes->first().latencyMin, 50);
    QCOMPARE(minutes->first().latencyMax, 300);
    QCOMPARE(minutes->first().latencyAvg(), 150);
    QCOMPARE(history.sizes()->raw, 0);
}

void TestStorage::retentionDeletes()
{
    auto db = openOrFail(newPath());
    QVERIFY(db);
    ProbeHistory history(db);
    const Generated g = threeDays();
    VERIFY_OK(db->transaction([&]() -> ph::Result<void> {
        for (const auto &r : g.results) {
            if (auto done = history.record(r); !done)
                return done;
        }
        return {};
    }));
    VERIFY_OK(history.rollUp(at(8 * kDay)));
    const qint64 hoursBefore = history.sizes()->hours;

    // 91.5 days on, the first 36 hours are past the 90-day retention; every minute is
    // older than 7 days and became an hour.
    VERIFY_OK(history.rollUp(at(91 * kDay + 12 * kHour)));
    auto sizes = history.sizes();
    QCOMPARE(sizes->raw, 0);
    QCOMPARE(sizes->minutes, 0);
    QVERIFY(sizes->hours < hoursBefore + 36);
    auto kept = history.buckets(ProbeHistory::Tier::Hour, u"echopilot"_s, u"health"_s, at(0),
                                at(10 * kDay));
    QVERIFY(kept);
    QCOMPARE(kept->size(), sizes->hours);
    QCOMPARE(kept->first().start, at(kDay + 12 * kHour));
    QCOMPARE(sizes->hours, 36 - 2); // day 1.5 to 3, minus the two hours without checks

    VERIFY_OK(history.rollUp(at(100 * kDay)));
    sizes = history.sizes();
    QCOMPARE(sizes->raw + sizes->minutes + sizes->hours, 0);
}

QTEST_GUILESS_MAIN(TestStorage)
#include "tst_storage.moc"
