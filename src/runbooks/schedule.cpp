// SPDX-License-Identifier: GPL-3.0-or-later
#include "runbooks/schedule.h"

#include <QLocale>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 24 * kHour;

int weekdayFromName(const QString &name)
{
    static const QStringList shortNames = {u"mon"_s, u"tue"_s, u"wed"_s, u"thu"_s,
                                           u"fri"_s, u"sat"_s, u"sun"_s};
    static const QStringList longNames = {u"monday"_s, u"tuesday"_s,  u"wednesday"_s, u"thursday"_s,
                                          u"friday"_s, u"saturday"_s, u"sunday"_s};
    const QString lower = name.toLower();
    for (int i = 0; i < 7; ++i) {
        if (lower == shortNames.at(i) || lower == longNames.at(i))
            return i + 1;
    }
    return 0;
}

int nthFromName(const QString &name)
{
    static const QStringList names = {u"first"_s, u"second"_s, u"third"_s, u"fourth"_s};
    const QString lower = name.toLower();
    if (lower == u"last"_s)
        return -1;
    const qsizetype i = names.indexOf(lower);
    return i < 0 ? 0 : int(i) + 1;
}

// Whole-day difference rounded towards minus infinity, for days before the anchor.
qint64 floorDiv(qint64 a, qint64 b)
{
    qint64 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

Error syntaxError(const QString &text, const QString &message)
{
    return Error{u"schedule.syntax"_s, message, text};
}

} // namespace

QString scheduleStatusName(Schedule::Status status)
{
    switch (status) {
    case Schedule::Status::Upcoming:
        return u"upcoming"_s;
    case Schedule::Status::Due:
        return u"due"_s;
    case Schedule::Status::Overdue:
        return u"overdue"_s;
    case Schedule::Status::Done:
        return u"done"_s;
    }
    return {};
}

Result<Schedule> Schedule::parse(const QString &text, const QTimeZone &defaultZone,
                                 const QDate &workspaceAnchor)
{
    static const QRegularExpression timeRe(u"^(\\d{1,2}):(\\d{2})(?:-(\\d{1,2}):(\\d{2}))?$"_s);
    static const QRegularExpression dateRe(u"^\\d{4}-\\d{2}-\\d{2}$"_s);
    const QString example = tr("Write it like “daily 08:00 UTC”, “weekly sun 03:00 UTC”, "
                               "“monthly first-monday 09:00 local” or “biweekly sat "
                               "02:00-06:00 UTC anchor=workspace”.");

    const QStringList tokens = text.simplified().split(u' ', Qt::SkipEmptyParts);
    if (tokens.isEmpty())
        return tl::unexpected(syntaxError(text, tr("The schedule is empty. ") + example));

    Schedule s;
    s.m_text = text.simplified();
    const QString kind = tokens.first().toLower();
    qsizetype next = 1;
    if (kind == u"daily"_s) {
        s.m_kind = Kind::Daily;
    } else if (kind == u"weekly"_s || kind == u"biweekly"_s) {
        s.m_kind = kind == u"weekly"_s ? Kind::Weekly : Kind::Biweekly;
        s.m_weekday = tokens.size() > 1 ? weekdayFromName(tokens.at(1)) : 0;
        if (s.m_weekday == 0) {
            return tl::unexpected(syntaxError(
                text, tr("The schedule “%1” needs a weekday after “%2” (mon, tue, … sun). ")
                              .arg(s.m_text, kind) +
                          example));
        }
        next = 2;
    } else if (kind == u"monthly"_s) {
        s.m_kind = Kind::Monthly;
        const QStringList parts = tokens.size() > 1 ? tokens.at(1).split(u'-') : QStringList{};
        if (parts.size() == 2) {
            s.m_nth = nthFromName(parts.at(0));
            s.m_weekday = weekdayFromName(parts.at(1));
        }
        if (s.m_nth == 0 || s.m_weekday == 0) {
            return tl::unexpected(syntaxError(
                text, tr("The schedule “%1” needs the day of the month as “first-monday”, "
                         "“second-tuesday” … “fourth-…” or “last-friday”. ")
                              .arg(s.m_text) +
                          example));
        }
        next = 2;
    } else {
        return tl::unexpected(
            syntaxError(text, tr("The schedule “%1” does not start with daily, weekly, biweekly or "
                                 "monthly. ")
                                      .arg(s.m_text) +
                                  example));
    }

    bool haveZone = false;
    bool anchorFromWorkspace = false;
    for (; next < tokens.size(); ++next) {
        const QString &tok = tokens.at(next);
        const auto timeMatch = timeRe.match(tok);
        if (timeMatch.hasMatch()) {
            if (s.m_time.isValid()) {
                return tl::unexpected(syntaxError(
                    text, tr("The schedule “%1” has more than one time of day.").arg(s.m_text)));
            }
            const QTime start(timeMatch.captured(1).toInt(), timeMatch.captured(2).toInt());
            if (!start.isValid()) {
                return tl::unexpected(syntaxError(
                    text, tr("“%1” in the schedule “%2” is not a time of day (00:00 to 23:59).")
                              .arg(tok, s.m_text)));
            }
            s.m_time = start;
            if (!timeMatch.captured(3).isEmpty()) {
                const QTime end(timeMatch.captured(3).toInt(), timeMatch.captured(4).toInt());
                if (!end.isValid() || end == start) {
                    return tl::unexpected(syntaxError(
                        text, tr("The window “%1” in the schedule “%2” must end at another "
                                 "time of day than it starts.")
                                  .arg(tok, s.m_text)));
                }
                int minutes = (end.msecsSinceStartOfDay() - start.msecsSinceStartOfDay()) / 60000;
                if (minutes < 0)
                    minutes += 24 * 60; // a window that crosses midnight
                s.m_windowMinutes = minutes;
            }
            continue;
        }
        if (tok.startsWith(u"anchor="_s, Qt::CaseInsensitive) || dateRe.match(tok).hasMatch()) {
            const QString value = tok.contains(u'=') ? tok.section(u'=', 1) : tok;
            if (value.compare(u"workspace"_s, Qt::CaseInsensitive) == 0) {
                anchorFromWorkspace = true;
                s.m_anchor = workspaceAnchor;
            } else {
                s.m_anchor = QDate::fromString(value, Qt::ISODate);
                if (!s.m_anchor.isValid()) {
                    return tl::unexpected(syntaxError(
                        text, tr("“%1” in the schedule “%2” is not a date; write the anchor as "
                                 "YYYY-MM-DD or anchor=workspace.")
                                  .arg(value, s.m_text)));
                }
            }
            continue;
        }
        if (haveZone) {
            return tl::unexpected(syntaxError(
                text, tr("The schedule “%1” has an unexpected word “%2”.").arg(s.m_text, tok)));
        }
        if (tok.compare(u"utc"_s, Qt::CaseInsensitive) == 0 || tok == u"Z"_s) {
            s.m_zone = QTimeZone::utc();
        } else if (tok.compare(u"local"_s, Qt::CaseInsensitive) == 0) {
            s.m_zone = defaultZone;
        } else {
            const QTimeZone zone(tok.toLatin1());
            if (!zone.isValid()) {
                return tl::unexpected(syntaxError(
                    text, tr("“%1” in the schedule “%2” is not a time zone. Use UTC, local or "
                             "an IANA name such as Europe/Berlin.")
                              .arg(tok, s.m_text)));
            }
            s.m_zone = zone;
        }
        haveZone = true;
    }

    if (!s.m_time.isValid()) {
        return tl::unexpected(syntaxError(
            text, tr("The schedule “%1” has no time of day. ").arg(s.m_text) + example));
    }
    if (!haveZone)
        s.m_zone = defaultZone;
    if (!s.m_zone.isValid()) {
        return tl::unexpected(syntaxError(
            text, tr("The schedule “%1” uses the local time zone, but the environment has "
                     "none set. Write the zone, e.g. UTC.")
                      .arg(s.m_text)));
    }

    if (s.m_kind == Kind::Biweekly) {
        if (!s.m_anchor.isValid()) {
            return tl::unexpected(syntaxError(
                text, anchorFromWorkspace
                          ? tr("The schedule “%1” counts every other week from the workspace's "
                               "maintenance anchor, but the workspace sets no "
                               "maintenance_anchor. Add one (an ISO date) to the workspace.")
                                .arg(s.m_text)
                          : tr("The schedule “%1” runs every other week and needs a first date "
                               "to count from: add anchor=YYYY-MM-DD or anchor=workspace.")
                                .arg(s.m_text)));
        }
        if (s.m_anchor.dayOfWeek() != s.m_weekday) {
            return tl::unexpected(syntaxError(
                text, tr("The anchor %1 of the schedule “%2” is not a %3. Choose an anchor on "
                         "the scheduled weekday.")
                          .arg(s.m_anchor.toString(Qt::ISODate), s.m_text,
                               QLocale::c().dayName(s.m_weekday))));
        }
    } else if (s.m_anchor.isValid() || anchorFromWorkspace) {
        return tl::unexpected(syntaxError(
            text, tr("The schedule “%1” has an anchor, which only biweekly schedules use.")
                      .arg(s.m_text)));
    }

    s.m_valid = true;
    return s;
}

QDateTime Schedule::atZone(const QDate &day, const QTime &time) const
{
    const QDateTime local(day, time, m_zone);
    if (local.isValid())
        return local.toUTC();
    // A wall-clock time inside a spring-forward gap does not exist. Read it with the offset
    // in force before the gap, which moves it forward by the gap's length (02:30 -> 03:30),
    // the way newer Qt resolves it too; Qt 6.4 just returns an invalid QDateTime.
    const QDateTime naive(day, time, QTimeZone::utc());
    const int offsetBefore = m_zone.offsetFromUtc(naive.addSecs(-kDay));
    return naive.addSecs(-offsetBefore).toUTC();
}

QDate Schedule::periodStartDate(const QDate &day) const
{
    switch (m_kind) {
    case Kind::Daily:
        return day;
    case Kind::Weekly:
        return day.addDays(-((day.dayOfWeek() - m_weekday + 7) % 7));
    case Kind::Monthly:
        return QDate(day.year(), day.month(), 1);
    case Kind::Biweekly:
        return m_anchor.addDays(14 * floorDiv(m_anchor.daysTo(day), 14));
    }
    return day;
}

QDate Schedule::nextPeriodStartDate(const QDate &periodStart) const
{
    switch (m_kind) {
    case Kind::Daily:
        return periodStart.addDays(1);
    case Kind::Weekly:
        return periodStart.addDays(7);
    case Kind::Monthly:
        return periodStart.addMonths(1);
    case Kind::Biweekly:
        return periodStart.addDays(14);
    }
    return periodStart;
}

QDate Schedule::occurrenceDateInPeriodOf(const QDate &periodStart) const
{
    if (m_kind != Kind::Monthly)
        return periodStart;
    if (m_nth > 0) {
        const int offset = (m_weekday - periodStart.dayOfWeek() + 7) % 7;
        return periodStart.addDays(offset + 7 * (m_nth - 1));
    }
    const QDate last(periodStart.year(), periodStart.month(), periodStart.daysInMonth());
    return last.addDays(-((last.dayOfWeek() - m_weekday + 7) % 7));
}

std::pair<QDateTime, QDateTime> Schedule::period(const QDateTime &now) const
{
    if (!m_valid)
        return {};
    const QDate start = periodStartDate(now.toTimeZone(m_zone).date());
    return {atZone(start, QTime(0, 0)), atZone(nextPeriodStartDate(start), QTime(0, 0))};
}

QDateTime Schedule::occurrence(const QDateTime &now) const
{
    if (!m_valid)
        return {};
    const QDate start = periodStartDate(now.toTimeZone(m_zone).date());
    return atZone(occurrenceDateInPeriodOf(start), m_time);
}

QDateTime Schedule::previousOccurrence(const QDateTime &now) const
{
    if (!m_valid)
        return {};
    const QDate start = periodStartDate(now.toTimeZone(m_zone).date());
    const QDateTime current = atZone(occurrenceDateInPeriodOf(start), m_time);
    if (current <= now)
        return current;
    return atZone(occurrenceDateInPeriodOf(periodStartDate(start.addDays(-1))), m_time);
}

QDateTime Schedule::nextOccurrence(const QDateTime &now) const
{
    if (!m_valid)
        return {};
    const QDate start = periodStartDate(now.toTimeZone(m_zone).date());
    const QDateTime current = atZone(occurrenceDateInPeriodOf(start), m_time);
    if (current > now)
        return current;
    return atZone(occurrenceDateInPeriodOf(nextPeriodStartDate(start)), m_time);
}

qint64 Schedule::graceSeconds() const
{
    switch (m_kind) {
    case Kind::Daily:
        return kHour;
    case Kind::Weekly:
    case Kind::Biweekly:
        return kDay;
    case Kind::Monthly:
        return 3 * kDay;
    }
    return kHour;
}

Schedule::Status Schedule::status(const QDateTime &now, const QDateTime &lastCompletedRunAt) const
{
    if (!m_valid)
        return Status::Upcoming;
    const QDate start = periodStartDate(now.toTimeZone(m_zone).date());
    const QDateTime periodStart = atZone(start, QTime(0, 0));
    const bool done = lastCompletedRunAt.isValid() && lastCompletedRunAt >= periodStart;
    if (done)
        return Status::Done;

    // The grace period starts when a window closes: a maintenance window is not overdue
    // while it is still open.
    const qint64 dueSeconds = graceSeconds() + qint64(m_windowMinutes) * 60;
    const QDateTime occ = atZone(occurrenceDateInPeriodOf(start), m_time);
    if (now < occ) {
        const QDate prevStart = periodStartDate(start.addDays(-1));
        const QDateTime prevOcc = atZone(occurrenceDateInPeriodOf(prevStart), m_time);
        const bool prevDone =
            lastCompletedRunAt.isValid() && lastCompletedRunAt >= atZone(prevStart, QTime(0, 0));
        if (!prevDone && now >= prevOcc && now < prevOcc.addSecs(dueSeconds))
            return Status::Due;
        return Status::Upcoming;
    }
    return now < occ.addSecs(dueSeconds) ? Status::Due : Status::Overdue;
}

// ---------------------------------------------------------------------------------------

ScheduleBoard::ScheduleBoard(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_timer.setInterval(60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &ScheduleBoard::refresh);
}

void ScheduleBoard::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void ScheduleBoard::setDefaultZone(const QTimeZone &zone)
{
    m_defaultZone = zone;
    rebuild();
}

void ScheduleBoard::setWorkspaceAnchor(const QDate &anchor)
{
    m_anchor = anchor;
    rebuild();
}

void ScheduleBoard::setInterval(int msec)
{
    m_timer.setInterval(msec);
}

void ScheduleBoard::setRunbooks(const QList<Runbook> &runbooks)
{
    m_runbooks = runbooks;
    rebuild();
}

void ScheduleBoard::setLastCompleted(const QString &sourcePath, const QDateTime &at)
{
    m_lastCompleted.insert(sourcePath, at.toUTC());
    for (Entry &e : m_entries) {
        if (e.runbook.sourcePath == sourcePath)
            e.lastCompleted = at.toUTC();
    }
}

void ScheduleBoard::start()
{
    refresh();
    m_timer.start();
}

void ScheduleBoard::stop()
{
    m_timer.stop();
}

QList<ScheduleBoard::Entry> ScheduleBoard::dueNow() const
{
    QList<Entry> out;
    for (const Entry &e : m_entries) {
        if (e.schedule.isValid() &&
            (e.status == Schedule::Status::Due || e.status == Schedule::Status::Overdue))
            out.append(e);
    }
    return out;
}

void ScheduleBoard::rebuild()
{
    // Statuses carry over by source path, so re-reading the runbooks does not re-announce
    // what is already due.
    QHash<QString, Schedule::Status> previous;
    for (const Entry &e : std::as_const(m_entries))
        previous.insert(e.runbook.sourcePath, e.status);

    m_entries.clear();
    for (const Runbook &rb : std::as_const(m_runbooks)) {
        if (rb.schedule.trimmed().isEmpty())
            continue;
        Entry e;
        e.runbook = rb;
        e.lastCompleted = m_lastCompleted.value(rb.sourcePath);
        e.status = previous.value(rb.sourcePath, Schedule::Status::Upcoming);
        auto parsed = Schedule::parse(rb.schedule, m_defaultZone, m_anchor);
        if (parsed)
            e.schedule = *parsed;
        else
            e.error = parsed.error().message;
        m_entries.append(e);
    }
}

void ScheduleBoard::refresh()
{
    const QDateTime now = m_clock().toUTC();
    QList<Runbook> announce;
    for (Entry &e : m_entries) {
        if (!e.schedule.isValid())
            continue;
        const Schedule::Status before = e.status;
        e.status = e.schedule.status(now, e.lastCompleted);
        e.occurrence = e.schedule.occurrence(now);
        const bool wasDue = before == Schedule::Status::Due || before == Schedule::Status::Overdue;
        const bool isDue =
            e.status == Schedule::Status::Due || e.status == Schedule::Status::Overdue;
        if (isDue && !wasDue)
            announce.append(e.runbook);
    }
    // Signals go out after the entries are consistent, so a slot may read entries().
    for (const Runbook &rb : std::as_const(announce))
        Q_EMIT becameDue(rb);
    Q_EMIT refreshed();
}

} // namespace ph
