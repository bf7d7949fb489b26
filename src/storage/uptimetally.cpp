// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/uptimetally.h"

#include <algorithm>

namespace ph {

qint64 UptimeTally::floorToMinute(qint64 ms)
{
    qint64 q = ms / kMinuteMs;
    if (ms % kMinuteMs < 0)
        --q;
    return q * kMinuteMs;
}

bool UptimeTally::add(qint64 atMs, Verdict verdict)
{
    if (m_pending) {
        if (atMs < m_pending->atMs)
            return false;
        if (isObservedVerdict(m_pending->verdict)) {
            const qint64 covered = sampleCoverageMs(m_pending->atMs, atMs, m_maxGapMs);
            // A tie covers nothing; no need to create an empty minute for it.
            if (covered > 0) {
                Minute &m = m_minutes[floorToMinute(m_pending->atMs)];
                m.observedMs += covered;
                if (isUpVerdict(m_pending->verdict))
                    m.upMs += covered;
            }
        }
    }
    m_pending = UptimeSample{atMs, verdict};
    return true;
}

void UptimeTally::dropBefore(qint64 cutoffMs)
{
    m_minutes.erase(m_minutes.begin(), m_minutes.lower_bound(cutoffMs));
    if (m_pending && m_pending->atMs < cutoffMs)
        m_pending.reset();
}

UptimeStats UptimeTally::startingIn(qint64 fromMs, qint64 toMs) const
{
    UptimeStats stats;
    for (auto it = m_minutes.lower_bound(fromMs); it != m_minutes.end() && it->first < toMs; ++it) {
        stats.observedMs += it->second.observedMs;
        stats.upMs += it->second.upMs;
    }
    if (m_pending && m_pending->atMs >= fromMs && m_pending->atMs < toMs &&
        isObservedVerdict(m_pending->verdict)) {
        const qint64 covered =
            std::min(m_pending->atMs + sampleCoverageMs(m_pending->atMs, -1, m_maxGapMs), toMs) -
            m_pending->atMs;
        stats.observedMs += covered;
        if (isUpVerdict(m_pending->verdict))
            stats.upMs += covered;
    }
    if (stats.observedMs > 0)
        stats.upRatio = double(stats.upMs) / double(stats.observedMs);
    return stats;
}

std::optional<qint64> UptimeTally::newestAtMs() const
{
    // Minutes only exist for finalised samples, which are never newer than the pending one.
    return m_pending ? std::optional<qint64>(m_pending->atMs) : std::nullopt;
}

} // namespace ph
