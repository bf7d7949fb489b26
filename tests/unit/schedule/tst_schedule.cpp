// SPDX-License-Identifier: GPL-3.0-or-later
#include "runbooks/schedule.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

Q_DECLARE_METATYPE(ph::Schedule::Status)

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime t = QDateTime::fromString(iso, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t;
}

QTimeZone berlin()
{
    return QTimeZone("Europe/Berlin");
}

Schedule mustParse(const QString &text, const QTimeZone &zone = QTimeZone::utc(),
                   const QDate &anchor = {})
{
    auto s = Schedule::parse(text, zone, anchor);
    if (!s)
        qWarning() << "unexpected parse error:" << s.error().toString();
    return s ? *s : Schedule();
}

Runbook runbook(const QString &title, const QString &schedule)
{
    Runbook rb;
    rb.title = title;
    rb.sourcePath = u":/runbooks/"_s + title + u".md"_s;
    rb.schedule = schedule;
    return rb;
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void malformed_data();
    void malformed();
    void monthlyNthWeekday_data();
    void monthlyNthWeekday();
    void biweeklyFromAnchor();
    void dst_data();
    void dst();
    void dstPeriodLength();
    void localZone();
    void status_data();
    void status();
    void board();
};

void TestSchedule::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("time");
    QTest::addColumn<int>("window");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<int>("weekday");
    QTest::addColumn<int>("nth");

    const auto D = int(Schedule::Kind::Daily), W = int(Schedule::Kind::Weekly),
               M = int(Schedule::Kind::Monthly), B = int(Schedule::Kind::Biweekly);
    QTest::newRow("daily utc") << u"daily 08:00 UTC"_s << D << u"08:00"_s << 0 << "UTC"_ba << 0
                               << 0;
    QTest::newRow("weekly sun") << u"weekly sun 03:00 UTC"_s << W << u"03:00"_s << 0 << "UTC"_ba
                                << 7 << 0;
    QTest::newRow("monthly first-monday")
        << u"monthly first-monday 09:00 UTC"_s << M << u"09:00"_s << 0 << "UTC"_ba << 1 << 1;
    QTest::newRow("daily local") << u"daily 09:00 local"_s << D << u"09:00"_s << 0
                                 << "Europe/Berlin"_ba << 0 << 0;
    QTest::newRow("weekly mon local")
        << u"weekly mon 10:00 local"_s << W << u"10:00"_s << 0 << "Europe/Berlin"_ba << 1 << 0;
    QTest::newRow("monthly local") << u"monthly first-monday 10:00 local"_s << M << u"10:00"_s << 0
                                   << "Europe/Berlin"_ba << 1 << 1;
    QTest::newRow("biweekly workspace") << u"biweekly sat 02:00 UTC anchor=workspace"_s << B
                                        << u"02:00"_s << 0 << "UTC"_ba << 6 << 0;
    QTest::newRow("biweekly window") << u"biweekly sat 02:00-06:00 UTC anchor=2026-01-03"_s << B
                                     << u"02:00"_s << 240 << "UTC"_ba << 6 << 0;
    QTest::newRow("bare anchor date") << u"biweekly saturday 2026-01-03 02:00 UTC"_s << B
                                      << u"02:00"_s << 0 << "UTC"_ba << 6 << 0;
    QTest::newRow("iana zone") << u"daily 07:15 America/New_York"_s << D << u"07:15"_s << 0
                               << "America/New_York"_ba << 0 << 0;
    QTest::newRow("no zone = environment")
        << u"daily 07:15"_s << D << u"07:15"_s << 0 << "Europe/Berlin"_ba << 0 << 0;
    QTest::newRow("second-tuesday")
        << u"Monthly Second-Tuesday 9:05 UTC"_s << M << u"09:05"_s << 0 << "UTC"_ba << 2 << 2;
    QTest::newRow("last-friday") << u"monthly last-friday 17:00 UTC"_s << M << u"17:00"_s << 0
                                 << "UTC"_ba << 5 << -1;
    QTest::newRow("window over midnight")
        << u"daily 22:00-02:00 UTC"_s << D << u"22:00"_s << 240 << "UTC"_ba << 0 << 0;
}

void TestSchedule::parse()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, time);
    QFETCH(int, window);
    QFETCH(QByteArray, zone);
    QFETCH(int, weekday);
    QFETCH(int, nth);

    auto s = Schedule::parse(text, berlin(), QDate(2026, 1, 3));
    QVERIFY2(s.has_value(), qPrintable(s ? QString() : s.error().toString()));
    QVERIFY(s->isValid());
    QCOMPARE(int(s->kind()), kind);
    QCOMPARE(s->time().toString(u"HH:mm"_s), time);
    QCOMPARE(s->windowMinutes(), window);
    if (zone == "UTC")
        QCOMPARE(s->zone().offsetFromUtc(QDateTime::currentDateTimeUtc()), 0);
    else
        QCOMPARE(s->zone().id(), zone);
    QCOMPARE(s->weekday(), weekday);
    QCOMPARE(s->nth(), nth);
}

void TestSchedule::malformed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDate>("workspaceAnchor");
    QTest::addColumn<QString>("hint"); // a piece of the message that tells the user what to do

    const QDate none;
    const QDate sat(2026, 1, 3);
    QTest::newRow("empty") << u"   "_s << none << u"empty"_s;
    QTest::newRow("unknown kind") << u"hourly 08:00 UTC"_s << none << u"daily, weekly"_s;
    QTest::newRow("weekly without weekday") << u"weekly 08:00 UTC"_s << none << u"weekday"_s;
    QTest::newRow("bad weekday") << u"weekly funday 08:00 UTC"_s << none << u"weekday"_s;
    QTest::newRow("fifth monday") << u"monthly fifth-monday 09:00 UTC"_s << none
                                  << u"first-monday"_s;
    QTest::newRow("monthly no day") << u"monthly 09:00 UTC"_s << none << u"first-monday"_s;
    QTest::newRow("hour 25") << u"daily 25:00 UTC"_s << none << u"not a time of day"_s;
    QTest::newRow("minute 61") << u"daily 08:61 UTC"_s << none << u"not a time of day"_s;
    QTest::newRow("no time") << u"daily UTC"_s << none << u"no time of day"_s;
    QTest::newRow("two times") << u"daily 08:00 09:00 UTC"_s << none << u"more than one"_s;
    QTest::newRow("unknown zone") << u"daily 08:00 Mars/Olympus"_s << none << u"not a time zone"_s;
    QTest::newRow("extra word") << u"daily 08:00 UTC please"_s << none << u"unexpected word"_s;
    QTest::newRow("empty window") << u"daily 08:00-08:00 UTC"_s << none << u"window"_s;
    QTest::newRow("biweekly no anchor")
        << u"biweekly sat 02:00 UTC"_s << none << u"anchor=YYYY-MM-DD"_s;
    QTest::newRow("workspace anchor missing")
        << u"biweekly sat 02:00 UTC anchor=workspace"_s << none << u"maintenance_anchor"_s;
    QTest::newRow("anchor not a saturday")
        << u"biweekly sat 02:00 UTC anchor=2026-01-05"_s << none << u"is not a Saturday"_s;
    QTest::newRow("bad anchor date")
        << u"biweekly sat 02:00 UTC anchor=2026-02-30"_s << sat << u"not a date"_s;
    QTest::newRow("anchor on daily")
        << u"daily 08:00 UTC anchor=2026-01-03"_s << none << u"only biweekly"_s;
}

void TestSchedule::malformed()
{
    QFETCH(QString, text);
    QFETCH(QDate, workspaceAnchor);
    QFETCH(QString, hint);

    auto s = Schedule::parse(text, berlin(), workspaceAnchor);
    QVERIFY(!s.has_value());
    QCOMPARE(s.error().code, u"schedule.syntax"_s);
    QVERIFY2(s.error().message.contains(hint, Qt::CaseInsensitive), qPrintable(s.error().message));
}

void TestSchedule::monthlyNthWeekday_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("expectedNext");

    const QString fm = u"monthly first-monday 09:00 UTC"_s;
    QTest::newRow("jan") << fm << utc(u"2026-01-01T00:00:00"_s) << utc(u"2026-01-05T09:00:00"_s);
    QTest::newRow("feb") << fm << utc(u"2026-01-05T09:00:00"_s) << utc(u"2026-02-02T09:00:00"_s);
    QTest::newRow("mar") << fm << utc(u"2026-02-20T12:00:00"_s) << utc(u"2026-03-02T09:00:00"_s);
    QTest::newRow("jun on the 1st")
        << fm << utc(u"2026-05-31T23:00:00"_s) << utc(u"2026-06-01T09:00:00"_s);
    QTest::newRow("sep") << fm << utc(u"2026-09-01T00:00:00"_s) << utc(u"2026-09-07T09:00:00"_s);
    QTest::newRow("dec") << fm << utc(u"2026-11-02T09:30:00"_s) << utc(u"2026-12-07T09:00:00"_s);
    QTest::newRow("second-tuesday")
        << u"monthly second-tuesday 09:00 UTC"_s << utc(u"2026-02-01T00:00:00"_s)
        << utc(u"2026-02-10T09:00:00"_s);
    QTest::newRow("last-friday") << u"monthly last-friday 17:00 UTC"_s
                                 << utc(u"2026-01-15T00:00:00"_s) << utc(u"2026-01-30T17:00:00"_s);
    QTest::newRow("berlin first-monday")
        << u"monthly first-monday 10:00 Europe/Berlin"_s << utc(u"2026-03-10T00:00:00"_s)
        << utc(u"2026-04-06T08:00:00"_s); // CEST
}

void TestSchedule::monthlyNthWeekday()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, expectedNext);

    const Schedule s = mustParse(text);
    QVERIFY(s.isValid());
    QCOMPARE(s.nextOccurrence(now), expectedNext);
    QCOMPARE(s.previousOccurrence(expectedNext), expectedNext);
    QVERIFY(s.previousOccurrence(expectedNext.addSecs(-1)) < expectedNext);
    QCOMPARE(s.occurrence(expectedNext.addSecs(-60)), expectedNext);
}

void TestSchedule::biweeklyFromAnchor()
{
    const Schedule s = mustParse(u"biweekly sat 02:00-06:00 UTC anchor=workspace"_s,
                                 QTimeZone::utc(), QDate(2026, 1, 3));
    QVERIFY(s.isValid());
    QCOMPARE(s.anchor(), QDate(2026, 1, 3));

    QList<QDateTime> seen;
    QDateTime t = utc(u"2026-01-01T00:00:00"_s);
    for (int i = 0; i < 6; ++i) {
        t = s.nextOccurrence(t);
        seen.append(t);
    }
    const QList<QDateTime> expected = {
        utc(u"2026-01-03T02:00:00"_s), utc(u"2026-01-17T02:00:00"_s),
        utc(u"2026-01-31T02:00:00"_s), utc(u"2026-02-14T02:00:00"_s),
        utc(u"2026-02-28T02:00:00"_s), utc(u"2026-03-14T02:00:00"_s)};
    QCOMPARE(seen, expected);

    // The Saturdays in between are not maintenance days.
    QCOMPARE(s.occurrence(utc(u"2026-01-10T03:00:00"_s)), utc(u"2026-01-03T02:00:00"_s));
    // Counting works backwards from the anchor as well.
    QCOMPARE(s.previousOccurrence(utc(u"2026-01-01T00:00:00"_s)), utc(u"2025-12-20T02:00:00"_s));
    const auto [from, to] = s.period(utc(u"2026-01-20T00:00:00"_s));
    QCOMPARE(from, utc(u"2026-01-17T00:00:00"_s));
    QCOMPARE(to, utc(u"2026-01-31T00:00:00"_s));
}

void TestSchedule::dst_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("expectedOccurrence");

    // Europe/Berlin 2026: CET -> CEST on 29 March 02:00, back on 25 October 03:00.
    const QString b9 = u"daily 09:00 Europe/Berlin"_s;
    QTest::newRow("berlin before spring")
        << b9 << utc(u"2026-03-28T12:00:00"_s) << utc(u"2026-03-28T08:00:00"_s);
    QTest::newRow("berlin spring day")
        << b9 << utc(u"2026-03-29T12:00:00"_s) << utc(u"2026-03-29T07:00:00"_s);
    QTest::newRow("berlin autumn eve")
        << b9 << utc(u"2026-10-24T12:00:00"_s) << utc(u"2026-10-24T07:00:00"_s);
    QTest::newRow("berlin autumn day")
        << b9 << utc(u"2026-10-25T12:00:00"_s) << utc(u"2026-10-25T08:00:00"_s);
    // 02:30 does not exist on 29 March: it moves forward by the gap, to 03:30 CEST.
    const QString b230 = u"daily 02:30 Europe/Berlin"_s;
    QTest::newRow("berlin gap") << b230 << utc(u"2026-03-29T12:00:00"_s)
                                << utc(u"2026-03-29T01:30:00"_s);
    QTest::newRow("berlin after gap")
        << b230 << utc(u"2026-03-30T12:00:00"_s) << utc(u"2026-03-30T00:30:00"_s);
    QTest::newRow("berlin weekly sunday")
        << u"weekly sun 03:00 Europe/Berlin"_s << utc(u"2026-03-29T12:00:00"_s)
        << utc(u"2026-03-29T01:00:00"_s);
    // America/New_York 2026: EST -> EDT on 8 March 02:00, back on 1 November 02:00.
    const QString n9 = u"daily 09:00 America/New_York"_s;
    QTest::newRow("ny before spring")
        << n9 << utc(u"2026-03-07T18:00:00"_s) << utc(u"2026-03-07T14:00:00"_s);
    QTest::newRow("ny spring day")
        << n9 << utc(u"2026-03-08T18:00:00"_s) << utc(u"2026-03-08T13:00:00"_s);
    QTest::newRow("ny autumn eve")
        << n9 << utc(u"2026-10-31T18:00:00"_s) << utc(u"2026-10-31T13:00:00"_s);
    QTest::newRow("ny autumn day")
        << n9 << utc(u"2026-11-01T18:00:00"_s) << utc(u"2026-11-01T14:00:00"_s);
    QTest::newRow("ny gap") << u"daily 02:30 America/New_York"_s << utc(u"2026-03-08T18:00:00"_s)
                            << utc(u"2026-03-08T07:30:00"_s);
    QTest::newRow("ny monthly first-monday")
        << u"monthly first-monday 09:00 America/New_York"_s << utc(u"2026-03-20T00:00:00"_s)
        << utc(u"2026-03-02T14:00:00"_s);
}

void TestSchedule::dst()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, expectedOccurrence);

    const Schedule s = mustParse(text);
    QVERIFY(s.isValid());
    QCOMPARE(s.occurrence(now), expectedOccurrence);
    QCOMPARE(s.occurrence(now).timeSpec(), Qt::UTC);
    QCOMPARE(s.previousOccurrence(now), expectedOccurrence);
    QCOMPARE(s.nextOccurrence(expectedOccurrence.addSecs(-1)), expectedOccurrence);
}

void TestSchedule::dstPeriodLength()
{
    const Schedule s = mustParse(u"daily 09:00 Europe/Berlin"_s);
    const auto [spring0, spring1] = s.period(utc(u"2026-03-29T12:00:00"_s));
    QCOMPARE(spring0.secsTo(spring1), 23 * 3600);
    const auto [fall0, fall1] = s.period(utc(u"2026-10-25T12:00:00"_s));
    QCOMPARE(fall0.secsTo(fall1), 25 * 3600);

    // An ambiguous 02:30 on the fall-back day resolves to one instant, on that day.
    const Schedule amb = mustParse(u"daily 02:30 Europe/Berlin"_s);
    const QDateTime occ = amb.occurrence(utc(u"2026-10-25T12:00:00"_s));
    QVERIFY(occ == utc(u"2026-10-25T00:30:00"_s) || occ == utc(u"2026-10-25T01:30:00"_s));
    QCOMPARE(occ.toTimeZone(berlin()).time(), QTime(2, 30));
}

void TestSchedule::localZone()
{
    const Schedule berlinLocal = mustParse(u"daily 09:00 local"_s, berlin());
    QCOMPARE(berlinLocal.occurrence(utc(u"2026-01-10T12:00:00"_s)), utc(u"2026-01-10T08:00:00"_s));
    const Schedule nyLocal = mustParse(u"daily 09:00 local"_s, QTimeZone("America/New_York"));
    QCOMPARE(nyLocal.occurrence(utc(u"2026-01-10T18:00:00"_s)), utc(u"2026-01-10T14:00:00"_s));
    // An explicit zone wins over the environment's.
    const Schedule explicitUtc = mustParse(u"daily 09:00 UTC"_s, berlin());
    QCOMPARE(explicitUtc.occurrence(utc(u"2026-01-10T12:00:00"_s)), utc(u"2026-01-10T09:00:00"_s));
}

void TestSchedule::status_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QDateTime>("now");
    QTest::addColumn<QDateTime>("lastCompleted");
    QTest::addColumn<Schedule::Status>("expected");

    using S = Schedule::Status;
    const QDateTime never;
    const QString daily = u"daily 08:00 UTC"_s;
    QTest::newRow("daily before") << daily << utc(u"2026-03-10T07:00:00"_s) << never << S::Upcoming;
    QTest::newRow("daily at") << daily << utc(u"2026-03-10T08:00:00"_s) << never << S::Due;
    QTest::newRow("daily in grace") << daily << utc(u"2026-03-10T08:59:59"_s) << never << S::Due;
    QTest::newRow("daily grace over")
        << daily << utc(u"2026-03-10T09:00:00"_s) << never << S::Overdue;
    QTest::newRow("daily done") << daily << utc(u"2026-03-10T10:00:00"_s)
                                << utc(u"2026-03-10T09:30:00"_s) << S::Done;
    QTest::newRow("daily done early")
        << daily << utc(u"2026-03-10T08:30:00"_s) << utc(u"2026-03-10T07:50:00"_s) << S::Done;
    QTest::newRow("daily done yesterday")
        << daily << utc(u"2026-03-10T10:00:00"_s) << utc(u"2026-03-09T09:30:00"_s) << S::Overdue;
    QTest::newRow("daily late grace over midnight")
        << u"daily 23:30 UTC"_s << utc(u"2026-03-11T00:10:00"_s) << never << S::Due;
    QTest::newRow("daily late, grace passed")
        << u"daily 23:30 UTC"_s << utc(u"2026-03-11T00:40:00"_s) << never << S::Upcoming;

    const QString weekly = u"weekly sun 03:00 UTC"_s; // 2026-03-01 is a Sunday
    QTest::newRow("weekly before")
        << weekly << utc(u"2026-03-01T02:00:00"_s) << never << S::Upcoming;
    QTest::newRow("weekly due") << weekly << utc(u"2026-03-01T03:30:00"_s) << never << S::Due;
    QTest::newRow("weekly due next morning")
        << weekly << utc(u"2026-03-02T02:59:00"_s) << never << S::Due;
    QTest::newRow("weekly overdue")
        << weekly << utc(u"2026-03-02T03:00:00"_s) << never << S::Overdue;
    QTest::newRow("weekly overdue saturday")
        << weekly << utc(u"2026-03-07T20:00:00"_s) << never << S::Overdue;
    QTest::newRow("weekly done monday")
        << weekly << utc(u"2026-03-07T20:00:00"_s) << utc(u"2026-03-02T10:00:00"_s) << S::Done;
    QTest::newRow("weekly done last week")
        << weekly << utc(u"2026-03-02T04:00:00"_s) << utc(u"2026-02-22T04:00:00"_s) << S::Overdue;

    const QString monthly = u"monthly first-monday 09:00 UTC"_s; // 2026-03-02
    QTest::newRow("monthly upcoming")
        << monthly << utc(u"2026-03-01T12:00:00"_s) << never << S::Upcoming;
    QTest::newRow("monthly due") << monthly << utc(u"2026-03-02T10:00:00"_s) << never << S::Due;
    QTest::newRow("monthly due day 3")
        << monthly << utc(u"2026-03-05T08:59:00"_s) << never << S::Due;
    QTest::newRow("monthly overdue")
        << monthly << utc(u"2026-03-05T09:00:00"_s) << never << S::Overdue;
    QTest::newRow("monthly done") << monthly << utc(u"2026-03-20T09:00:00"_s)
                                  << utc(u"2026-03-03T09:00:00"_s) << S::Done;

    const QString bi = u"biweekly sat 02:00-06:00 UTC anchor=2026-01-03"_s;
    QTest::newRow("biweekly window open") << bi << utc(u"2026-01-03T05:00:00"_s) << never << S::Due;
    QTest::newRow("biweekly grace after window")
        << bi << utc(u"2026-01-04T05:59:00"_s) << never << S::Due;
    QTest::newRow("biweekly overdue") << bi << utc(u"2026-01-04T06:00:00"_s) << never << S::Overdue;
    QTest::newRow("biweekly off saturday")
        << bi << utc(u"2026-01-10T03:00:00"_s) << never << S::Overdue;
    QTest::newRow("biweekly done")
        << bi << utc(u"2026-01-10T03:00:00"_s) << utc(u"2026-01-03T06:30:00"_s) << S::Done;
    QTest::newRow("biweekly next upcoming")
        << bi << utc(u"2026-01-17T01:00:00"_s) << utc(u"2026-01-03T06:30:00"_s) << S::Upcoming;

    QTest::newRow("berlin local due")
        << u"daily 09:00 Europe/Berlin"_s << utc(u"2026-03-29T07:30:00"_s) << never << S::Due;
    QTest::newRow("berlin local before")
        << u"daily 09:00 Europe/Berlin"_s << utc(u"2026-03-29T06:59:00"_s) << never << S::Upcoming;
}

void TestSchedule::status()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, now);
    QFETCH(QDateTime, lastCompleted);
    QFETCH(Schedule::Status, expected);

    const Schedule s = mustParse(text);
    QVERIFY(s.isValid());
    QCOMPARE(scheduleStatusName(s.status(now, lastCompleted)), scheduleStatusName(expected));
}

void TestSchedule::board()
{
    QDateTime now = utc(u"2026-03-10T07:00:00"_s);
    ScheduleBoard board;
    board.setClock([&now] { return now; });
    board.setDefaultZone(QTimeZone::utc());
    board.setWorkspaceAnchor(QDate(2026, 1, 3));
    board.setInterval(5);
    board.setRunbooks(
        {runbook(u"daily"_s, u"daily 08:00 UTC"_s), runbook(u"weekly"_s, u"weekly sun 03:00 UTC"_s),
         runbook(u"broken"_s, u"every tuesday at noon"_s), runbook(u"unscheduled"_s, QString()),
         runbook(u"maintenance"_s, u"biweekly sat 02:00 UTC anchor=workspace"_s)});
    board.setLastCompleted(u":/runbooks/weekly.md"_s, utc(u"2026-03-08T04:00:00"_s));
    board.setLastCompleted(u":/runbooks/maintenance.md"_s, utc(u"2026-02-28T03:00:00"_s));

    QSignalSpy due(&board, &ScheduleBoard::becameDue);
    QSignalSpy refreshed(&board, &ScheduleBoard::refreshed);
    board.start();

    const auto entries = board.entries();
    QCOMPARE(entries.size(), 4); // the unscheduled runbook is not on the board
    QCOMPARE(entries.at(2).runbook.title, u"broken"_s);
    QVERIFY(!entries.at(2).schedule.isValid());
    QVERIFY(entries.at(2).error.contains(u"does not start with"_s));
    QCOMPARE(due.count(), 0);
    QVERIFY(board.dueNow().isEmpty());

    now = utc(u"2026-03-10T08:05:00"_s);
    QTRY_COMPARE(due.count(), 1);
    QCOMPARE(due.at(0).at(0).value<Runbook>().title, u"daily"_s);
    QCOMPARE(board.dueNow().size(), 1);
    QCOMPARE(board.dueNow().at(0).occurrence, utc(u"2026-03-10T08:00:00"_s));

    // Crossing from due to overdue is not announced again, nor is staying due.
    now = utc(u"2026-03-10T09:30:00"_s);
    const auto seen = refreshed.count();
    QTRY_VERIFY(refreshed.count() >= seen + 3);
    QCOMPARE(due.count(), 1);
    QCOMPARE(scheduleStatusName(board.dueNow().at(0).status), u"overdue"_s);

    board.setLastCompleted(u":/runbooks/daily.md"_s, utc(u"2026-03-10T09:40:00"_s));
    now = utc(u"2026-03-10T09:45:00"_s);
    QTRY_VERIFY(board.dueNow().isEmpty());

    // Next day the daily one is due again.
    now = utc(u"2026-03-11T08:00:00"_s);
    QTRY_COMPARE(due.count(), 2);
    QCOMPARE(due.at(1).at(0).value<Runbook>().title, u"daily"_s);
    board.stop();
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
