// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "runbooks/runbook.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTime>
#include <QTimeZone>
#include <QTimer>

#include <functional>

namespace ph {

/**
 * When a runbook is meant to run, read from its `schedule:` line:
 *
 *   daily 08:00 UTC
 *   weekly sun 03:00 UTC
 *   monthly first-monday 09:00 Europe/Berlin     (first..fourth, last)
 *   biweekly sat 02:00-06:00 UTC anchor=workspace (or anchor=2026-01-03, or a bare ISO date)
 *
 * The zone is "UTC", "local" (the environment's zone) or any IANA id; without one the
 * environment's zone applies. An optional window ("02:00-06:00") gives the occurrence a
 * length; it may cross midnight.
 *
 * Periods are calendar periods in the schedule's zone: a day (daily), the seven days that
 * start at midnight of the scheduled weekday (weekly), the month (monthly) and the fourteen
 * days that start at midnight of an anchor-aligned day (biweekly). Each period holds
 * exactly one occurrence.
 *
 * Daylight saving: occurrences are wall-clock times built by QDateTime in the zone. A time
 * that does not exist on a spring-forward day (02:30 in Berlin on 2026-03-29) moves forward
 * by the gap (03:30); a time that exists twice on a fall-back day is taken as QDateTime
 * resolves it (Qt picks one of the two instants; both read the same on the wall clock).
 */
class Schedule
{
    Q_DECLARE_TR_FUNCTIONS(ph::Schedule)

public:
    enum class Kind
    {
        Daily,
        Weekly,
        Monthly,
        Biweekly
    };

    enum class Status
    {
        Upcoming, ///< this period's occurrence has not come yet
        Due,      ///< it has come, not done yet, within the grace period
        Overdue,  ///< the grace period has passed and it is still not done
        Done      ///< a run completed within this period
    };

    /**
     * Reads @p text. @p defaultZone is the environment's zone (used for "local" and when no
     * zone is written); @p workspaceAnchor is the workspace's maintenance_anchor, needed
     * by "anchor=workspace".
     */
    static Result<Schedule> parse(const QString &text, const QTimeZone &defaultZone,
                                  const QDate &workspaceAnchor = {});

    Schedule() = default;
    bool isValid() const { return m_valid; }

    QString text() const { return m_text; }
    Kind kind() const { return m_kind; }
    QTime time() const { return m_time; }
    int windowMinutes() const { return m_windowMinutes; } ///< 0 = no window
    QTimeZone zone() const { return m_zone; }
    int weekday() const { return m_weekday; } ///< 1 = Monday .. 7 = Sunday; 0 for daily
    int nth() const { return m_nth; }         ///< monthly: 1..4, -1 = last
    QDate anchor() const { return m_anchor; } ///< biweekly only

    /// The occurrence inside the period that contains @p now (UTC; may lie after @p now).
    QDateTime occurrence(const QDateTime &now) const;
    /// The latest occurrence at or before @p now (UTC); invalid when there is none.
    QDateTime previousOccurrence(const QDateTime &now) const;
    /// The first occurrence strictly after @p now (UTC).
    QDateTime nextOccurrence(const QDateTime &now) const;
    /// Start (inclusive) and end (exclusive) of the period containing @p now, in UTC.
    std::pair<QDateTime, QDateTime> period(const QDateTime &now) const;
    /// Daily 1 h, weekly 1 day, monthly 3 days, biweekly 1 day.
    qint64 graceSeconds() const;

    /**
     * Status of the period containing @p now. A run completed at or after the start of the
     * period counts as done for it. Before this period's occurrence, the previous period's
     * run is still reported Due while its grace period lasts (a 23:30 daily at 00:10).
     */
    Status status(const QDateTime &now, const QDateTime &lastCompletedRunAt) const;

private:
    QDate occurrenceDateInPeriodOf(const QDate &day) const;
    QDate periodStartDate(const QDate &day) const;
    QDate nextPeriodStartDate(const QDate &periodStart) const;
    QDateTime atZone(const QDate &day, const QTime &time) const;

    bool m_valid = false;
    QString m_text;
    Kind m_kind = Kind::Daily;
    QTime m_time;
    int m_windowMinutes = 0;
    QTimeZone m_zone;
    int m_weekday = 0;
    int m_nth = 0;
    QDate m_anchor;
};

QString scheduleStatusName(Schedule::Status status); ///< "upcoming" | "due" | "overdue" | "done"

/**
 * What is due now across a set of runbooks. refresh() runs on a QTimer (and may be called
 * directly); the clock is injectable for tests. becameDue() fires once when a runbook's
 * current period turns Due or Overdue from Upcoming or Done, which is what a notifier needs.
 */
class ScheduleBoard : public QObject
{
    Q_OBJECT

public:
    using Clock = std::function<QDateTime()>;

    struct Entry
    {
        Runbook runbook;
        Schedule schedule; ///< invalid when the runbook has none or it did not parse
        QString error;     ///< why the schedule did not parse; empty otherwise
        Schedule::Status status = Schedule::Status::Upcoming;
        QDateTime occurrence;    ///< of the current period, UTC
        QDateTime lastCompleted; ///< UTC; invalid = never
    };

    explicit ScheduleBoard(QObject *parent = nullptr);

    void setClock(Clock clock);
    void setDefaultZone(const QTimeZone &zone);
    void setWorkspaceAnchor(const QDate &anchor);
    /// How often refresh() runs while started; default one minute.
    void setInterval(int msec);

    /// Replaces the runbooks; runbooks without a schedule are left out of entries().
    void setRunbooks(const QList<Runbook> &runbooks);
    /// Keyed by Runbook::sourcePath.
    void setLastCompleted(const QString &sourcePath, const QDateTime &at);

    void start();
    void stop();

    QList<Entry> entries() const { return m_entries; }
    /// Entries whose status is Due or Overdue, in runbook order.
    QList<Entry> dueNow() const;

public Q_SLOTS:
    void refresh();

Q_SIGNALS:
    void becameDue(const ph::Runbook &runbook);
    void refreshed();

private:
    void rebuild();

    Clock m_clock;
    QTimeZone m_defaultZone = QTimeZone::systemTimeZone();
    QDate m_anchor;
    QList<Runbook> m_runbooks;
    QHash<QString, QDateTime> m_lastCompleted;
    QList<Entry> m_entries;
    QTimer m_timer;
};

} // namespace ph
