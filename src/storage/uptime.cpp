// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/uptime.h"

#include <algorithm>

namespace ph {

UptimeStats &UptimeStats::operator+=(const UptimeStats &other)
{
    observedMs += other.observedMs;
    upMs += other.upMs;
    upRatio = observedMs > 0 ? double(upMs) / double(observedMs)
                             : std::numeric_limits<double>::quiet_NaN();
    return *this;
}

bool isUpVerdict(Verdict v)
{
    return v == Verdict::Pass || v == Verdict::Warn;
}

bool isDownVerdict(Verdict v)
{
    return v == Verdict::Fail || v == Verdict::Down;
}

qint64 sampleCoverageMs(qint64 atMs, qint64 nextAtMs, qint64 maxGapMs)
{
    const qint64 cap = std::max<qint64>(0, maxGapMs);
    if (nextAtMs < 0)
        return cap;
    return std::clamp<qint64>(nextAtMs - atMs, 0, cap);
}

UptimeStats computeUptime(const QList<UptimeSample> &samples, qint64 fromMs, qint64 toMs,
                          qint64 maxGapMs)
{
    UptimeStats stats;
    for (qsizetype i = 0; i < samples.size(); ++i) {
        const UptimeSample &s = samples.at(i);
        if (s.atMs >= toMs)
            break;
        if (!isObservedVerdict(s.verdict))
            continue;
        const qint64 next = i + 1 < samples.size() ? samples.at(i + 1).atMs : -1;
        const qint64 begin = std::max(s.atMs, fromMs);
        const qint64 end = std::min(s.atMs + sampleCoverageMs(s.atMs, next, maxGapMs), toMs);
        if (end <= begin)
            continue;
        stats.observedMs += end - begin;
        if (isUpVerdict(s.verdict))
            stats.upMs += end - begin;
    }
    if (stats.observedMs > 0)
        stats.upRatio = double(stats.upMs) / double(stats.observedMs);
    return stats;
}

} // namespace ph
