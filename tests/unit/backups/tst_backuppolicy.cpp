// SPDX-License-Identifier: GPL-3.0-or-later
// Backup listings, RPO verdicts (including schedules that cannot meet the RPO) and
// retention compliance, on a fixed clock.
#include "backups/backuplisting.h"
#include "backups/backuppolicy.h"

#include <QLocale>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QDateTime kNow(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);

BackupArchive archive(const QDateTime &at, const QString &path = u"a.tar.gz"_s)
{
    return {path, 1000, at};
}

/// One archive per day at 00:30 UTC, for @p days completed days before kNow.
QList<BackupArchive> dailyArchives(int days, int skipDay = -1)
{
    QList<BackupArchive> list;
    for (int d = 1; d <= days; ++d) {
        if (d == skipDay)
            continue;
        list.append(archive(QDateTime(kNow.date().addDays(-d), QTime(0, 30), Qt::UTC)));
    }
    return list;
}

BackupJob job(const QString &schedule, int rpoMinutes)
{
    BackupJob j;
    j.name = u"mongo"_s;
    j.location = u"/opt/bot-core/backups"_s;
    j.pattern = u"mongodb-*.tar.gz"_s;
    j.schedule = schedule;
    j.rpoMinutes = rpoMinutes;
    return j;
}

const RetentionTier &tier(const QList<RetentionTier> &tiers, const QString &name)
{
    for (const RetentionTier &t : tiers) {
        if (t.name == name)
            return t;
    }
    static RetentionTier none;
    return none;
}

} // namespace

class TestBackupPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void listingCommandQuotesEverything()
    {
        BackupJob j = job(u"daily 02:00 UTC"_s, 60);
        j.location = u"/srv/it's here"_s;
        const QString cmd = backupListCommand(j);
        QVERIFY2(cmd.contains(u"'/srv/it'\\''s here'"_s), qPrintable(cmd));
        QVERIFY(cmd.contains(u"-name 'mongodb-*.tar.gz'"_s));
        QVERIFY(cmd.contains(u"-printf '%T@ %s %P\\0'"_s));
        QVERIFY(!cmd.contains(u"ls "_s)); // never the locale-dependent listing
    }

    void listingParses()
    {
        QByteArray out;
        out += "1795000000.5 2048 20261120-020000/mongodb-a.tar.gz";
        out += '\0';
        out += "1795086400.0000000000 4096 with space and\nnewline.tar.gz";
        out += '\0';
        out += "garbage";
        out += '\0';
        out += "12x 10 bad-time.tar.gz";
        out += '\0';
        out += "1795000000 -5 negative.tar.gz";
        out += '\0';
        const BackupListing l = parseBackupListing(out);
        QCOMPARE(l.archives.size(), 2);
        // Newest first, names kept byte-exact (spaces, newlines).
        QCOMPARE(l.archives.at(0).path, u"with space and\nnewline.tar.gz"_s);
        QCOMPARE(l.archives.at(0).size, 4096);
        QCOMPARE(l.archives.at(0).modified, QDateTime::fromSecsSinceEpoch(1795086400, Qt::UTC));
        QCOMPARE(l.archives.at(1).path, u"20261120-020000/mongodb-a.tar.gz"_s);
        QCOMPARE(l.archives.at(1).modified.toMSecsSinceEpoch(), 1795000000500);
        QCOMPARE(l.bad.size(), 3);
        QCOMPARE(l.bad.at(0).index, 3);
        QCOMPARE(l.bad.at(1).index, 4);
        QCOMPARE(l.bad.at(2).index, 5);
    }

    void emptyListing()
    {
        const BackupListing l = parseBackupListing(QByteArray());
        QVERIFY(l.archives.isEmpty());
        QVERIFY(l.bad.isEmpty());
    }

    void scheduleIntervals_data()
    {
        QTest::addColumn<QString>("schedule");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("daily") << u"daily 02:00 UTC"_s << qint64(86400);
        QTest::newRow("weekly") << u"weekly sun 03:00 UTC"_s << qint64(7 * 86400);
        QTest::newRow("monthly") << u"monthly first-monday 09:00 UTC"_s << qint64(31 * 86400);
        QTest::newRow("hourly") << u"hourly"_s << qint64(3600);
        QTest::newRow("every 15 min") << u"every 15 min"_s << qint64(900);
        QTest::newRow("every 6 h") << u"Every 6 hours"_s << qint64(6 * 3600);
        QTest::newRow("unreadable") << u"whenever the cron feels like it"_s << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
    }

    void scheduleIntervals()
    {
        QFETCH(QString, schedule);
        QFETCH(qint64, seconds);
        const auto got = scheduleIntervalSeconds(schedule);
        QCOMPARE(got.value_or(-1), seconds);
    }

    void rpoMetAndBreached()
    {
        const BackupJob j = job(u"every 15 min"_s, 60);
        RpoVerdict v = evaluateRpo(j, {archive(kNow.addSecs(-20 * 60))}, kNow);
        QCOMPARE(v.state, RpoVerdict::State::Met);
        QCOMPARE(v.newestAgeSeconds, 20 * 60);
        QVERIFY(!v.scheduleCannotMeetRpo);
        QVERIFY2(v.message.contains(u"20 min old"_s), qPrintable(v.message));

        v = evaluateRpo(j, {archive(kNow.addSecs(-3 * 3600)), archive(kNow.addDays(-1))}, kNow);
        QCOMPARE(v.state, RpoVerdict::State::Breached);
        QCOMPARE(v.newestAgeSeconds, 3 * 3600);
        QVERIFY2(v.message.contains(u"3 h old; the RPO is 1 h"_s), qPrintable(v.message));
    }

    void dailyDumpCannotMeetAnHourlyRpo()
    {
        // Bot Core promises RPO < 1 h but dumps once a day: said in words, even right after
        // a successful dump.
        const BackupJob j = job(u"daily 02:00 UTC"_s, 60);
        const RpoVerdict v = evaluateRpo(j, {archive(kNow.addSecs(-10 * 60))}, kNow);
        QCOMPARE(v.state, RpoVerdict::State::Met);
        QVERIFY(v.scheduleCannotMeetRpo);
        QCOMPARE(v.scheduleIntervalSeconds.value_or(0), 86400);
        QVERIFY2(v.message.contains(u"cannot meet the RPO of 1 h"_s), qPrintable(v.message));
        QVERIFY2(v.message.contains(u"every 1 d"_s), qPrintable(v.message));
    }

    void noArchives()
    {
        const RpoVerdict v = evaluateRpo(job(u"daily 02:00 UTC"_s, 1440), {}, kNow);
        QCOMPARE(v.state, RpoVerdict::State::NoArchives);
        QCOMPARE(v.newestAgeSeconds, -1);
        QVERIFY(v.message.contains(u"mongodb-*.tar.gz"_s));
    }

    void clockSkewedArchiveIsFlagged()
    {
        const BackupJob j = job(u"daily 02:00 UTC"_s, 1440);
        const RpoVerdict v =
            evaluateRpo(j, {archive(kNow.addSecs(3 * 3600)), archive(kNow.addDays(-1))}, kNow);
        QCOMPARE(v.futureArchives, 1);
        QCOMPARE(v.newestAgeSeconds, 0); // never negative
        QVERIFY2(v.message.contains(u"in the future"_s), qPrintable(v.message));
        // Two minutes ahead is ordinary drift.
        QCOMPARE(evaluateRpo(j, {archive(kNow.addSecs(120))}, kNow).futureArchives, 0);
    }

    void retentionOfAHostThatKeeps30Days()
    {
        // The host holds 30 daily archives: daily is met; older weeks, months and years
        // are not red but unknown, because object storage is not listed.
        const QList<RetentionTier> t = evaluateRetention(dailyArchives(30), kNow);
        QCOMPARE(tier(t, u"daily"_s).state, RetentionTier::State::Met);
        QCOMPARE(tier(t, u"daily"_s).covered, 30);
        QCOMPARE(tier(t, u"weekly"_s).state, RetentionTier::State::Unknown);
        QVERIFY(tier(t, u"weekly"_s).covered >= 4);
        QVERIFY(tier(t, u"weekly"_s).missingPeriods.isEmpty());
        QCOMPARE(tier(t, u"monthly"_s).state, RetentionTier::State::Unknown);
        QCOMPARE(tier(t, u"yearly"_s).state, RetentionTier::State::Unknown);
        QCOMPARE(tier(t, u"yearly"_s).unknown, 7);
    }

    void aMissedDayIsMissingNotUnknown()
    {
        const QList<RetentionTier> t = evaluateRetention(dailyArchives(30, 5), kNow);
        const RetentionTier &daily = tier(t, u"daily"_s);
        QCOMPARE(daily.state, RetentionTier::State::Missing);
        QCOMPARE(daily.missingPeriods,
                 QStringList{kNow.date().addDays(-5).toString(u"yyyy-MM-dd"_s)});
        QCOMPARE(daily.covered, 29);
    }

    void todayNotYetRunIsNotMissing()
    {
        // At 12:00 with no archive today yet, the daily tier only judges completed days.
        const QList<RetentionTier> t = evaluateRetention(dailyArchives(30), kNow);
        QCOMPARE(tier(t, u"daily"_s).expected, 30);
    }

    void remoteListingMakesOldPeriodsKnown()
    {
        // With everything listed, periods before the first archive were never expected.
        const QList<RetentionTier> t = evaluateRetention(dailyArchives(10), kNow, true);
        QCOMPARE(tier(t, u"daily"_s).state, RetentionTier::State::Met);
        QCOMPARE(tier(t, u"daily"_s).expected, 10);
        QCOMPARE(tier(t, u"yearly"_s).state, RetentionTier::State::Met);
        QCOMPARE(tier(t, u"yearly"_s).expected, 0);
    }

    void noArchivesMeansEverythingUnknownOrMissing()
    {
        const QList<RetentionTier> t = evaluateRetention({}, kNow);
        QCOMPARE(tier(t, u"daily"_s).state, RetentionTier::State::Unknown);
        QCOMPARE(tier(t, u"daily"_s).covered, 0);
    }

    void tenThousandFiles()
    {
        QByteArray out;
        for (int i = 0; i < 10000; ++i) {
            out += QByteArray::number(1795000000 + i * 60) + " 123 f" + QByteArray::number(i) +
                   ".tar.gz";
            out += '\0';
        }
        const BackupListing l = parseBackupListing(out);
        QCOMPARE(l.archives.size(), 10000);
        QCOMPARE(l.archives.first().path, u"f9999.tar.gz"_s);
        QVERIFY(l.bad.isEmpty());
    }

    void formatting()
    {
        QCOMPARE(formatBytes(0), u"0 B"_s);
        QCOMPARE(formatBytes(1500), u"1.5 KB"_s);
        QCOMPARE(formatBytes(1400000000), u"1.4 GB"_s);
        QCOMPARE(formatAge(45), u"45 s"_s);
        QCOMPARE(formatAge(3 * 3600 + 12 * 60), u"3 h 12 min"_s);
        QCOMPARE(formatAge(2 * 86400 + 4 * 3600), u"2 d 4 h"_s);
    }
};

QTEST_GUILESS_MAIN(TestBackupPolicy)
#include "tst_backuppolicy.moc"
