// SPDX-License-Identifier: GPL-3.0-or-later
#include "backups/backuppolicy.h"

#include "runbooks/schedule.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(BackupPolicy)
};

constexpr qint64 kMinute = 60;
constexpr qint64 kHour = 60 * kMinute;
constexpr qint64 kDay = 24 * kHour;

enum class Unit
{
    Day,
    Week,
    Month,
    Year
};

QString periodKey(const QDate &d, Unit unit)
{
    switch (unit) {
    case Unit::Day:
        return d.toString(u"yyyy-MM-dd"_s);
    case Unit::Week: {
        int year = 0;
        const int week = d.weekNumber(&year);
        return u"%1-W%2"_s.arg(year).arg(week, 2, 10, QLatin1Char('0'));
    }
    case Unit::Month:
        return d.toString(u"yyyy-MM"_s);
    case Unit::Year:
        return QString::number(d.year());
    }
    return {};
}

/// First day of the period that lies @p back periods before the one holding @p today.
QDate periodStart(const QDate &today, Unit unit, int back)
{
    switch (unit) {
    case Unit::Day:
        return today.addDays(-back);
    case Unit::Week:
        return today.addDays(-(today.dayOfWeek() - 1) - 7 * back);
    case Unit::Month:
        return QDate(today.year(), today.month(), 1).addMonths(-back);
    case Unit::Year:
        return QDate(today.year() - back, 1, 1);
    }
    return {};
}

QDate periodEnd(const QDate &start, Unit unit)
{
    switch (unit) {
    case Unit::Day:
        return start.addDays(1);
    case Unit::Week:
        return start.addDays(7);
    case Unit::Month:
        return start.addMonths(1);
    case Unit::Year:
        return start.addYears(1);
    }
    return {};
}

} // namespace

QString formatAge(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < kMinute)
        return Tr::tr("%1 s").arg(seconds);
    if (seconds < kHour)
        return Tr::tr("%1 min").arg(seconds / kMinute);
    if (seconds < kDay) {
        const qint64 m = (seconds % kHour) / kMinute;
        return m ? Tr::tr("%1 h %2 min").arg(seconds / kHour).arg(m)
                 : Tr::tr("%1 h").arg(seconds / kHour);
    }
    const qint64 h = (seconds % kDay) / kHour;
    return h ? Tr::tr("%1 d %2 h").arg(seconds / kDay).arg(h) : Tr::tr("%1 d").arg(seconds / kDay);
}

std::optional<qint64> scheduleIntervalSeconds(const QString &schedule)
{
    const QString text = schedule.trimmed().toLower();
    if (text.isEmpty())
        return std::nullopt;
    if (text.startsWith(u"hourly"_s))
        return kHour;
    static const QRegularExpression every(
        u"^every\\s+(\\d+)\\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?)\\b"_s);
    const auto m = every.match(text);
    if (m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const QChar u = m.captured(2).at(0);
        const qint64 unit = u == u's' ? 1 : u == u'm' ? kMinute : u == u'h' ? kHour : kDay;
        return n > 0 ? std::optional<qint64>(n * unit) : std::nullopt;
    }
    auto parsed = Schedule::parse(schedule, QTimeZone::utc(), QDate(2026, 1, 3));
    if (!parsed)
        return std::nullopt;
    switch (parsed->kind()) {
    case Schedule::Kind::Daily:
        return kDay;
    case Schedule::Kind::Weekly:
        return 7 * kDay;
    case Schedule::Kind::Biweekly:
        return 14 * kDay;
    case Schedule::Kind::Monthly:
        return 31 * kDay; // the longest gap between two monthly runs
    }
    return std::nullopt;
}

RpoVerdict evaluateRpo(const BackupJob &job, const QList<BackupArchive> &archives,
                       const QDateTime &now)
{
    RpoVerdict v;
    const qint64 rpo = qint64(job.rpoMinutes) * kMinute;
    v.scheduleIntervalSeconds = scheduleIntervalSeconds(job.schedule);
    v.scheduleCannotMeetRpo =
        v.scheduleIntervalSeconds && rpo > 0 && *v.scheduleIntervalSeconds > rpo;

    QDateTime newest;
    for (const BackupArchive &a : archives) {
        // A few minutes ahead is ordinary drift; more is worth telling.
        if (a.modified > now.addSecs(5 * kMinute))
            ++v.futureArchives;
        if (!newest.isValid() || a.modified > newest)
            newest = a.modified;
    }

    QStringList sentences;
    if (!newest.isValid()) {
        v.state = RpoVerdict::State::NoArchives;
        sentences << Tr::tr("No archive matching %1 in %2 — nothing to restore from.")
                         .arg(job.pattern, job.location);
    } else {
        v.newestAgeSeconds = std::max<qint64>(0, newest.secsTo(now));
        const bool met = v.newestAgeSeconds <= rpo;
        v.state = met ? RpoVerdict::State::Met : RpoVerdict::State::Breached;
        sentences << (met ? Tr::tr("The newest archive is %1 old, within the RPO of %2.")
                          : Tr::tr("The newest archive is %1 old; the RPO is %2."))
                         .arg(formatAge(v.newestAgeSeconds), formatAge(rpo));
    }
    if (v.scheduleCannotMeetRpo) {
        sentences << Tr::tr("The schedule (%1) makes one backup every %2, so it cannot meet the "
                            "RPO of %3 even when every run succeeds: up to %2 of data could be "
                            "lost. Back up more often or change the promised RPO.")
                         .arg(job.schedule, formatAge(*v.scheduleIntervalSeconds), formatAge(rpo));
    } else if (!job.schedule.isEmpty() && !v.scheduleIntervalSeconds) {
        sentences << Tr::tr("The schedule \"%1\" could not be read, so whether it can meet the "
                            "RPO is unknown.")
                         .arg(job.schedule);
    }
    if (v.futureArchives > 0) {
        sentences << Tr::tr("%n archive(s) are dated in the future; the host's clock may be wrong "
                            "and the age above may be too young.",
                            nullptr, v.futureArchives);
    }
    v.message = sentences.join(u' ');
    return v;
}

QList<RetentionTier> evaluateRetention(const QList<BackupArchive> &archives, const QDateTime &now,
                                       bool remoteListed, const RetentionPolicy &policy)
{
    const QDate today = now.toUTC().date();
    QDate oldest;
    for (const BackupArchive &a : archives) {
        const QDate d = a.modified.toUTC().date();
        if (!oldest.isValid() || d < oldest)
            oldest = d;
    }

    const struct
    {
        QString name;
        Unit unit;
        int keep;
    } tiers[] = {{u"daily"_s, Unit::Day, policy.daily},
                 {u"weekly"_s, Unit::Week, policy.weekly},
                 {u"monthly"_s, Unit::Month, policy.monthly},
                 {u"yearly"_s, Unit::Year, policy.yearly}};

    QList<RetentionTier> result;
    for (const auto &t : tiers) {
        QSet<QString> covered;
        for (const BackupArchive &a : archives)
            covered.insert(periodKey(a.modified.toUTC().date(), t.unit));

        RetentionTier tier;
        tier.name = t.name;
        tier.keep = t.keep;
        // Completed periods only: today's backup may simply not have run yet, and its
        // recency is the RPO's business.
        for (int back = 1; back <= t.keep; ++back) {
            const QDate start = periodStart(today, t.unit, back);
            const QString key = periodKey(start, t.unit);
            if (covered.contains(key)) {
                ++tier.expected;
                ++tier.covered;
                continue;
            }
            const bool beforeOldest = !oldest.isValid() || periodEnd(start, t.unit) <= oldest;
            if (beforeOldest && remoteListed)
                continue; // the job did not exist yet
            ++tier.expected;
            if (beforeOldest)
                ++tier.unknown;
            else
                tier.missingPeriods.append(key);
        }
        tier.state = !tier.missingPeriods.isEmpty() ? RetentionTier::State::Missing
                     : tier.unknown > 0             ? RetentionTier::State::Unknown
                                                    : RetentionTier::State::Met;
        result.append(tier);
    }
    return result;
}

} // namespace ph
