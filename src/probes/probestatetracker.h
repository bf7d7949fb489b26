// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

#include <QDateTime>
#include <QList>

#include <vector>

namespace ph {

/**
 * What each endpoint currently shows, and when it turns Stale. Pure bookkeeping with the
 * time passed in, so the two-interval rule is testable without waiting.
 *
 * An endpoint with no result for two of its intervals shows Stale, with the time of its
 * last real answer, even while a (hanging) request is still running.
 */
class ProbeStateTracker
{
public:
    struct Change
    {
        int index = -1;
        ProbeResult result;
        Verdict previous = Verdict::Unknown;
    };

    /// Starts over with one entry per endpoint; @p identities give service/endpoint/url.
    void reset(const QList<ProbeResult> &identities, const QList<int> &intervalsMs,
               const QDateTime &now);
    int size() const { return int(m_entries.size()); }

    /// Records a completed check, fills its lastAnswerAt, returns the verdict shown before.
    Verdict apply(int index, ProbeResult &result, const QDateTime &now);
    /// Turns endpoints silent for two intervals Stale; returns those that just turned.
    QList<Change> expire(const QDateTime &now);

    const ProbeResult &shown(int index) const { return m_entries[size_t(index)].shown; }
    QList<ProbeResult> shownAll() const;

private:
    struct Entry
    {
        ProbeResult shown;
        QDateTime lastResultAt; ///< last completed check, or when tracking began
        QDateTime lastAnswerAt; ///< last non-stale check
        int intervalMs = 0;
    };
    std::vector<Entry> m_entries;
};

} // namespace ph
