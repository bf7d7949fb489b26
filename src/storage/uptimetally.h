// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/uptime.h"

#include <QtGlobal>

#include <map>
#include <optional>

namespace ph {

/**
 * A running tally of one endpoint's raw probe samples, so uptime figures need not re-read
 * every raw row.
 *
 * Each minute holds the observed and up time of the samples that *start* in it, with the
 * same coverage rules as computeUptime() and the minute roll-up: a sample covers until the
 * next sample, at most maxGap. The newest sample is kept apart ("pending") because its
 * coverage is only known once the next one arrives. Feed it the samples in the order they
 * are stored; dropBefore() follows the roll-up so it never holds more than the raw tier.
 */
class UptimeTally
{
public:
    explicit UptimeTally(qint64 maxGapMs = 0)
        : m_maxGapMs(maxGapMs)
    {
    }

    qint64 maxGapMs() const { return m_maxGapMs; }

    /// Adds the next stored sample. Returns false, changing nothing, if @p atMs lies before
    /// the newest sample: the tally can then no longer mirror the stored order.
    bool add(qint64 atMs, Verdict verdict);

    /// Forgets samples before @p cutoffMs (a minute boundary), as the roll-up does.
    void dropBefore(qint64 cutoffMs);

    /// Observed and up time of the samples that start in [@p fromMs, @p toMs); the pending
    /// sample's coverage is clipped to @p toMs. @p fromMs must be a minute boundary.
    UptimeStats startingIn(qint64 fromMs, qint64 toMs) const;

    /// Time of the newest sample, or nothing while empty.
    std::optional<qint64> newestAtMs() const;
    /// Minutes held (the memory the tally uses grows with this, not with samples).
    qsizetype minuteCount() const { return qsizetype(m_minutes.size()); }

    static constexpr qint64 kMinuteMs = 60LL * 1000;
    /// @p ms rounded down to a minute boundary, also before 1970.
    static qint64 floorToMinute(qint64 ms);

private:
    struct Minute
    {
        qint64 observedMs = 0;
        qint64 upMs = 0;
    };

    qint64 m_maxGapMs = 0;
    std::map<qint64, Minute> m_minutes;
    std::optional<UptimeSample> m_pending;
};

} // namespace ph
