// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probestatetracker.h"

#include <QCoreApplication>

namespace ph {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Probe)
};
} // namespace

void ProbeStateTracker::reset(const QList<ProbeResult> &identities, const QList<int> &intervalsMs,
                              const QDateTime &now)
{
    Q_ASSERT(identities.size() == intervalsMs.size());
    m_entries.clear();
    m_entries.resize(size_t(identities.size()));
    for (qsizetype i = 0; i < identities.size(); ++i) {
        Entry &e = m_entries[size_t(i)];
        e.shown = identities.at(i);
        e.shown.verdict = Verdict::Unknown;
        e.lastResultAt = now;
        e.intervalMs = intervalsMs.at(i);
    }
}

Verdict ProbeStateTracker::apply(int index, ProbeResult &result, const QDateTime &now)
{
    Entry &e = m_entries[size_t(index)];
    const Verdict previous = e.shown.verdict;
    e.lastResultAt = now;
    if (result.verdict != Verdict::Stale && result.verdict != Verdict::Unknown)
        e.lastAnswerAt = result.checkedAt.isValid() ? result.checkedAt : now;
    result.lastAnswerAt = e.lastAnswerAt;
    e.shown = result;
    return previous;
}

QList<ProbeStateTracker::Change> ProbeStateTracker::expire(const QDateTime &now)
{
    QList<Change> changes;
    for (size_t i = 0; i < m_entries.size(); ++i) {
        Entry &e = m_entries[i];
        if (e.shown.verdict == Verdict::Stale || e.intervalMs <= 0)
            continue;
        const qint64 silentMs = e.lastResultAt.msecsTo(now);
        if (silentMs < 2 * qint64(e.intervalMs))
            continue;
        Change change;
        change.index = int(i);
        change.previous = e.shown.verdict;
        ProbeResult &r = change.result;
        r.service = e.shown.service;
        r.endpoint = e.shown.endpoint;
        r.url = e.shown.url;
        r.verdict = Verdict::Stale;
        r.checkedAt = now;
        r.lastAnswerAt = e.lastAnswerAt;
        if (e.lastAnswerAt.isValid()) {
            r.error = Tr::tr("no answer for %1 s; last answer %2 s ago")
                          .arg(silentMs / 1000)
                          .arg(e.lastAnswerAt.secsTo(now));
        } else {
            r.error = Tr::tr("no answer for %1 s; never answered").arg(silentMs / 1000);
        }
        e.shown = r;
        changes.append(std::move(change));
    }
    return changes;
}

QList<ProbeResult> ProbeStateTracker::shownAll() const
{
    QList<ProbeResult> all;
    all.reserve(qsizetype(m_entries.size()));
    for (const Entry &e : m_entries)
        all.append(e.shown);
    return all;
}

} // namespace ph
