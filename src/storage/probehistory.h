// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "probes/proberesult.h"
#include "storage/uptime.h"
#include "storage/uptimetally.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace ph {

class Database;

/// One point of a latency sparkline: a raw check, or a rolled-up minute or hour.
struct HistoryPoint
{
    QDateTime at;                       ///< UTC; a bucket's start for rolled-up points
    int latencyMs = -1;                 ///< average for buckets; -1 = no latency measured
    Verdict verdict = Verdict::Unknown; ///< the worst observed verdict of a bucket
    int samples = 1;                    ///< checks behind this point
};

/// A change of an endpoint's verdict ("last change" in the Health view).
struct StateChange
{
    QDateTime at;
    Verdict from = Verdict::Unknown;
    Verdict to = Verdict::Unknown;
    QString error;
};

/// A rolled-up minute or hour of one endpoint.
struct ProbeBucket
{
    QString service;
    QString endpoint;
    QDateTime start;
    int passCount = 0, warnCount = 0, failCount = 0, downCount = 0, staleCount = 0,
        unknownCount = 0;
    int latencyMin = -1, latencyMax = -1; ///< -1 = no latency measured
    qint64 latencySum = 0;
    int latencySamples = 0;
    qint64 observedMs = 0; ///< covered by Pass/Warn/Fail/Down samples (see computeUptime)
    qint64 upMs = 0;

    int samples() const
    {
        return passCount + warnCount + failCount + downCount + staleCount + unknownCount;
    }
    int latencyAvg() const { return latencySamples > 0 ? int(latencySum / latencySamples) : -1; }
};

/// Row counts per tier, to see that roll-ups keep the file small.
struct ProbeTierSizes
{
    qint64 raw = 0;
    qint64 minutes = 0;
    qint64 hours = 0;
};

/**
 * Probe results over time, in three tiers so the database stays small:
 * raw checks for 24 h, then one row per endpoint and minute for 7 days, then one row per
 * endpoint and hour for 90 days. rollUp() moves rows down the tiers and deletes what is
 * past retention; uptime() and history() read all three tiers.
 *
 * Each thread uses the Database's connection for that thread; the object itself holds no
 * connection and may be used from a worker thread.
 */
class ProbeHistory
{
    Q_DECLARE_TR_FUNCTIONS(ph::ProbeHistory)

public:
    static constexpr qint64 kRawRetentionMs = 24LL * 3600 * 1000;
    static constexpr qint64 kMinuteRetentionMs = 7LL * 24 * 3600 * 1000;
    static constexpr qint64 kHourRetentionMs = 90LL * 24 * 3600 * 1000;
    static constexpr qint64 kDefaultMaxGapMs = 30000; ///< two default probe intervals

    explicit ProbeHistory(std::shared_ptr<Database> db);

    /// The longest time one sample vouches for its endpoint (normally two probe
    /// intervals); roll-ups use it to turn samples into observed time.
    void setDefaultMaxGapMs(qint64 ms) { m_defaultMaxGapMs = ms; }
    void setMaxGapMs(const QString &service, const QString &endpoint, qint64 ms);
    qint64 maxGapMs(const QString &service, const QString &endpoint) const;

    /// Stores one check. The body and headers are never stored.
    Result<void> record(const ProbeResult &result);
    Result<void> recordStateChange(const QString &service, const QString &endpoint,
                                   const QDateTime &at, Verdict from, Verdict to,
                                   const QString &error = {});
    /// The same, in the shape the probe engine reports it (ph::ProbeSink).
    Result<void> recordStateChange(const ProbeResult &now, Verdict previous);
    Result<QList<StateChange>> stateChanges(const QString &service, const QString &endpoint,
                                            const QDateTime &from, const QDateTime &to) const;

    /// Latency points of one endpoint in [from, to) from every tier, oldest first.
    Result<QList<HistoryPoint>> history(const QString &service, const QString &endpoint,
                                        const QDateTime &from, const QDateTime &to) const;

    /**
     * Rolls raw rows older than 24 h into minutes and minutes older than 7 days into
     * hours, then deletes hours older than 90 days; all in one transaction. Running it
     * again with the same @p now changes nothing.
     */
    Result<void> rollUp(const QDateTime &now);

    /**
     * Uptime of one endpoint over [from, to) from all three tiers (see computeUptime()).
     * Raw samples are clipped to the window exactly; a rolled-up bucket counts when its
     * start lies inside the window.
     */
    Result<UptimeStats> uptime(const QString &service, const QString &endpoint,
                               const QDateTime &from, const QDateTime &to, qint64 maxGapMs) const;

    /**
     * The same figure as uptime() above, but the raw tier comes from @p tally (kept in step
     * with this endpoint's raw rows, see seedTally()) plus the few raw rows at the window's
     * start, so the cost does not grow with the rows stored. The tally's maxGap is used.
     * Falls back to the full computation when the tally holds samples after @p to.
     */
    Result<UptimeStats> uptime(const QString &service, const QString &endpoint,
                               const QDateTime &from, const QDateTime &to,
                               const UptimeTally &tally) const;

    /// A tally of this endpoint's raw rows as stored now; reads them all once.
    Result<UptimeTally> seedTally(const QString &service, const QString &endpoint,
                                  qint64 maxGapMs) const;

    /// Where rollUp(@p nowMs) cuts the raw tier: raw rows before it become minutes.
    static qint64 rawCutoffMs(qint64 nowMs);

    enum class Tier
    {
        Minute,
        Hour
    };
    /// Rolled-up buckets of one endpoint whose start lies in [from, to).
    Result<QList<ProbeBucket>> buckets(Tier tier, const QString &service, const QString &endpoint,
                                       const QDateTime &from, const QDateTime &to) const;
    Result<ProbeTierSizes> sizes() const;

    /// Stable ids stored in the database ("pass", "warn", ...).
    static QString verdictId(Verdict v);
    static Verdict verdictFromId(const QString &id);

private:
    Result<void> rollRawIntoMinutes(qint64 cutoffMs);
    Result<UptimeStats> rolledUptime(const QString &service, const QString &endpoint,
                                     const QDateTime &from, const QDateTime &to) const;
    Result<void> rollMinutesIntoHours(qint64 cutoffMs);

    std::shared_ptr<Database> m_db;
    qint64 m_defaultMaxGapMs = kDefaultMaxGapMs;
    QHash<QString, qint64> m_maxGapMs;
};

} // namespace ph
