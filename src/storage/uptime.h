// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

#include <QList>
#include <QtGlobal>

#include <limits>

namespace ph {

/// One probe outcome as seen by the uptime maths: when, and what it concluded.
struct UptimeSample
{
    qint64 atMs = 0; ///< UTC milliseconds since the epoch
    Verdict verdict = Verdict::Unknown;
};

/**
 * Uptime over a window: the share of *observed* time during which the endpoint was up.
 * Time the console did not observe (laptop offline, probes stopped) is neither up nor down.
 */
struct UptimeStats
{
    double upRatio = std::numeric_limits<double>::quiet_NaN(); ///< NaN when nothing observed
    qint64 observedMs = 0;
    qint64 upMs = 0;

    bool hasData() const { return observedMs > 0; }
    /// Adds observed time from another, disjoint, stretch and recomputes the ratio.
    UptimeStats &operator+=(const UptimeStats &other);
};

/// Whether a verdict counts as "up" (Pass, Warn), "down" (Fail, Down) or not observed.
bool isUpVerdict(Verdict v);
bool isDownVerdict(Verdict v);
inline bool isObservedVerdict(Verdict v)
{
    return isUpVerdict(v) || isDownVerdict(v);
}

/**
 * How long a sample at @p atMs vouches for the endpoint: until the next sample, but never
 * longer than @p maxGapMs. @p nextAtMs < 0 means there is no next sample (yet).
 */
qint64 sampleCoverageMs(qint64 atMs, qint64 nextAtMs, qint64 maxGapMs);

/**
 * Uptime of one endpoint over the window [@p fromMs, @p toMs).
 *
 * Each sample covers the time until the next sample, but at most @p maxGapMs (normally two
 * probe intervals): beyond that nobody was looking. Pass and Warn samples make their
 * covered time "up", Fail and Down "down"; Stale and Unknown samples and uncovered time
 * are unobserved and left out of both numerator and denominator. Coverage is clipped to
 * the window, so a sample taken just before @p fromMs still counts for its overlap.
 *
 * Worked example, maxGap = 30 s, window [0 s, 120 s):
 * @code
 *   t=0 s  Pass  -> covers  0..10 s (next sample at 10 s)          up 10 s
 *   t=10 s Down  -> covers 10..20 s                              down 10 s
 *   t=20 s Pass  -> covers 20..50 s (next at 90 s, capped at 30 s)  up 30 s
 *                   50..90 s nobody looked: unobserved
 *   t=90 s Stale -> covers 90..100 s, but stale: unobserved
 *   t=100 s Pass -> covers 100..120 s (clipped to the window)       up 20 s
 *   observed = 70 s, up = 60 s, upRatio = 60/70 = 85.7 %
 * @endcode
 *
 * @p samples must be sorted by time (ties allowed: the earlier one covers nothing).
 */
UptimeStats computeUptime(const QList<UptimeSample> &samples, qint64 fromMs, qint64 toMs,
                          qint64 maxGapMs);

} // namespace ph
