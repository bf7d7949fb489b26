// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backups/backuplisting.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace ph {

/// Whether the newest archive is recent enough for the job's recovery point objective.
struct RpoVerdict
{
    enum class State
    {
        Met,
        Breached,
        NoArchives
    };
    State state = State::NoArchives;
    qint64 newestAgeSeconds = -1; ///< -1 when there is no archive
    /// The schedule's interval when it could be read; empty when not.
    std::optional<qint64> scheduleIntervalSeconds;
    /// True when even a schedule that never fails would leave gaps longer than the RPO.
    bool scheduleCannotMeetRpo = false;
    /// Archives dated in the future (clock skew between the host and this machine).
    int futureArchives = 0;
    QString message; ///< translated, one or two sentences a user can act on
};

/// One tier of the retention policy and what the visible archives say about it.
struct RetentionTier
{
    enum class State
    {
        Met,     ///< every expected period has an archive
        Missing, ///< some period the host should still hold has none
        Unknown  ///< only periods older than the host's oldest archive lack one: they may
                 ///< live in object storage, which nothing here lists
    };
    QString name;     ///< "daily", "weekly", "monthly", "yearly"
    int keep = 0;     ///< periods the policy keeps
    int expected = 0; ///< periods since the job's first archive, at most `keep`
    int covered = 0;
    int unknown = 0;
    QStringList missingPeriods; ///< e.g. "2026-11-20", "2026-W45", "2026-10", "2025"
    State state = State::Unknown;
};

/// The retention policy: daily 30 days, weekly 12 weeks, monthly 12 months, yearly 7 years.
struct RetentionPolicy
{
    int daily = 30;
    int weekly = 12;
    int monthly = 12;
    int yearly = 7;
};

/**
 * The interval between two runs of a backup schedule: "hourly", "every 15 min",
 * "every 6 h", or any runbook schedule ("daily 02:00 UTC", "weekly sun 03:00 UTC", …;
 * see Schedule). Empty when the text cannot be read.
 */
std::optional<qint64> scheduleIntervalSeconds(const QString &schedule);

/// The RPO verdict of @p job given its archives (newest first) at @p now (UTC).
RpoVerdict evaluateRpo(const BackupJob &job, const QList<BackupArchive> &archives,
                       const QDateTime &now);

/**
 * Retention compliance of @p archives at @p now (UTC). Periods are UTC calendar days,
 * ISO weeks, months and years counted back from the current one. A tier expects only
 * the periods since the job's first archive when @p remoteListed is true (everything is
 * visible); otherwise a period older than the oldest visible archive is "unknown".
 */
QList<RetentionTier> evaluateRetention(const QList<BackupArchive> &archives, const QDateTime &now,
                                       bool remoteListed = false,
                                       const RetentionPolicy &policy = {});

/// "3 h 12 min", "2 d 4 h", "45 s": an age for people.
QString formatAge(qint64 seconds);

} // namespace ph
