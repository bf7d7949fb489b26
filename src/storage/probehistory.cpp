// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/probehistory.h"

#include "core/logging.h"
#include "storage/database.h"

#include <QMap>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr qint64 kMinuteMs = 60LL * 1000;
constexpr qint64 kHourMs = 60 * kMinuteMs;

qint64 floorTo(qint64 ms, qint64 step)
{
    // Division rounds towards zero; times before 1970 must still round down.
    qint64 q = ms / step;
    if (ms % step < 0)
        --q;
    return q * step;
}

QDateTime utc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
}

QString gapKey(const QString &service, const QString &endpoint)
{
    return service + QChar(u'\x1f') + endpoint;
}

// Latency NULL in the database means "no latency measured" (-1 in ProbeResult).
QVariant latencyValue(int latencyMs)
{
    return latencyMs >= 0 ? QVariant(latencyMs) : QVariant(QMetaType::fromType<int>());
}

// Empty text is stored as '' rather than NULL, which the NOT NULL columns refuse.
QString textValue(const QString &text)
{
    return text.isNull() ? u""_s : text;
}

void addSample(ProbeBucket &b, Verdict verdict, int latencyMs, qint64 coveredMs)
{
    switch (verdict) {
    case Verdict::Pass:
        ++b.passCount;
        break;
    case Verdict::Warn:
        ++b.warnCount;
        break;
    case Verdict::Fail:
        ++b.failCount;
        break;
    case Verdict::Down:
        ++b.downCount;
        break;
    case Verdict::Stale:
        ++b.staleCount;
        break;
    case Verdict::Unknown:
        ++b.unknownCount;
        break;
    }
    if (latencyMs >= 0) {
        b.latencyMin = b.latencyMin < 0 ? latencyMs : std::min(b.latencyMin, latencyMs);
        b.latencyMax = std::max(b.latencyMax, latencyMs);
        b.latencySum += latencyMs;
        ++b.latencySamples;
    }
    if (isObservedVerdict(verdict)) {
        b.observedMs += coveredMs;
        if (isUpVerdict(verdict))
            b.upMs += coveredMs;
    }
}

void mergeBucket(ProbeBucket &into, const ProbeBucket &b)
{
    into.passCount += b.passCount;
    into.warnCount += b.warnCount;
    into.failCount += b.failCount;
    into.downCount += b.downCount;
    into.staleCount += b.staleCount;
    into.unknownCount += b.unknownCount;
    if (b.latencyMin >= 0)
        into.latencyMin =
            into.latencyMin < 0 ? b.latencyMin : std::min(into.latencyMin, b.latencyMin);
    into.latencyMax = std::max(into.latencyMax, b.latencyMax);
    into.latencySum += b.latencySum;
    into.latencySamples += b.latencySamples;
    into.observedMs += b.observedMs;
    into.upMs += b.upMs;
}

QVariantHash bucketValues(const ProbeBucket &b)
{
    return {
        {u"service"_s, b.service},
        {u"endpoint"_s, b.endpoint},
        {u"bucket"_s, b.start.toMSecsSinceEpoch()},
        {u"pass_count"_s, b.passCount},
        {u"warn_count"_s, b.warnCount},
        {u"fail_count"_s, b.failCount},
        {u"down_count"_s, b.downCount},
        {u"stale_count"_s, b.staleCount},
        {u"unknown_count"_s, b.unknownCount},
        {u"latency_min"_s, latencyValue(b.latencyMin)},
        {u"latency_max"_s, latencyValue(b.latencyMax)},
        {u"latency_sum"_s, b.latencySum},
        {u"latency_samples"_s, b.latencySamples},
        {u"observed_ms"_s, b.observedMs},
        {u"up_ms"_s, b.upMs},
    };
}

// Column order of SqlDialect's bucket selections.
ProbeBucket bucketFromQuery(const QSqlQuery &q)
{
    ProbeBucket b;
    b.service = q.value(0).toString();
    b.endpoint = q.value(1).toString();
    b.start = utc(q.value(2).toLongLong());
    b.passCount = q.value(3).toInt();
    b.warnCount = q.value(4).toInt();
    b.failCount = q.value(5).toInt();
    b.downCount = q.value(6).toInt();
    b.staleCount = q.value(7).toInt();
    b.unknownCount = q.value(8).toInt();
    b.latencyMin = q.value(9).isNull() ? -1 : q.value(9).toInt();
    b.latencyMax = q.value(10).isNull() ? -1 : q.value(10).toInt();
    b.latencySum = q.value(11).toLongLong();
    b.latencySamples = q.value(12).toInt();
    b.observedMs = q.value(13).toLongLong();
    b.upMs = q.value(14).toLongLong();
    return b;
}

Verdict worstVerdict(const ProbeBucket &b)
{
    if (b.downCount > 0)
        return Verdict::Down;
    if (b.failCount > 0)
        return Verdict::Fail;
    if (b.warnCount > 0)
        return Verdict::Warn;
    if (b.passCount > 0)
        return Verdict::Pass;
    if (b.staleCount > 0)
        return Verdict::Stale;
    return Verdict::Unknown;
}

struct RawRow
{
    QString service;
    QString endpoint;
    qint64 atMs;
    Verdict verdict;
    int latencyMs;
};

} // namespace

ProbeHistory::ProbeHistory(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

void ProbeHistory::setMaxGapMs(const QString &service, const QString &endpoint, qint64 ms)
{
    m_maxGapMs.insert(gapKey(service, endpoint), ms);
}

qint64 ProbeHistory::maxGapMs(const QString &service, const QString &endpoint) const
{
    return m_maxGapMs.value(gapKey(service, endpoint), m_defaultMaxGapMs);
}

QString ProbeHistory::verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return u"pass"_s;
    case Verdict::Warn:
        return u"warn"_s;
    case Verdict::Fail:
        return u"fail"_s;
    case Verdict::Down:
        return u"down"_s;
    case Verdict::Stale:
        return u"stale"_s;
    case Verdict::Unknown:
        break;
    }
    return u"unknown"_s;
}

Verdict ProbeHistory::verdictFromId(const QString &id)
{
    static const QHash<QString, Verdict> ids = {
        {u"pass"_s, Verdict::Pass}, {u"warn"_s, Verdict::Warn},   {u"fail"_s, Verdict::Fail},
        {u"down"_s, Verdict::Down}, {u"stale"_s, Verdict::Stale},
    };
    return ids.value(id, Verdict::Unknown);
}

Result<void> ProbeHistory::record(const ProbeResult &result)
{
    if (result.service.isEmpty() || result.endpoint.isEmpty() || !result.checkedAt.isValid()) {
        return fail(u"storage.invalid"_s,
                    tr("A probe result without a service, endpoint or time cannot be stored."),
                    u"service '%1' endpoint '%2'"_s.arg(result.service, result.endpoint));
    }
    auto done = m_db->run(m_db->dialect().insertProbeResult,
                          {
                              {u"service"_s, result.service},
                              {u"endpoint"_s, result.endpoint},
                              {u"checked_at"_s, result.checkedAt.toMSecsSinceEpoch()},
                              {u"verdict"_s, verdictId(result.verdict)},
                              {u"status_code"_s, result.statusCode},
                              {u"latency_ms"_s, latencyValue(result.latencyMs)},
                              {u"error"_s, textValue(result.error)},
                          });
    if (!done)
        return tl::unexpected(done.error());
    return {};
}

Result<void> ProbeHistory::recordStateChange(const QString &service, const QString &endpoint,
                                             const QDateTime &at, Verdict from, Verdict to,
                                             const QString &error)
{
    if (service.isEmpty() || endpoint.isEmpty() || !at.isValid()) {
        return fail(u"storage.invalid"_s,
                    tr("A state change without a service, endpoint or time cannot be stored."));
    }
    auto done =
        m_db->run(m_db->dialect().insertStateChange, {
                                                         {u"service"_s, service},
                                                         {u"endpoint"_s, endpoint},
                                                         {u"at"_s, at.toMSecsSinceEpoch()},
                                                         {u"from_verdict"_s, verdictId(from)},
                                                         {u"to_verdict"_s, verdictId(to)},
                                                         {u"error"_s, textValue(error)},
                                                     });
    if (!done)
        return tl::unexpected(done.error());
    return {};
}

Result<void> ProbeHistory::recordStateChange(const ProbeResult &now, Verdict previous)
{
    return recordStateChange(now.service, now.endpoint, now.checkedAt, previous, now.verdict,
                             now.error);
}

Result<QList<StateChange>> ProbeHistory::stateChanges(const QString &service,
                                                      const QString &endpoint,
                                                      const QDateTime &from,
                                                      const QDateTime &to) const
{
    auto q = m_db->run(m_db->dialect().selectStateChanges, {{u"service"_s, service},
                                                            {u"endpoint"_s, endpoint},
                                                            {u"from"_s, from.toMSecsSinceEpoch()},
                                                            {u"to"_s, to.toMSecsSinceEpoch()}});
    if (!q)
        return tl::unexpected(q.error());
    QList<StateChange> changes;
    while (q->next()) {
        changes.append(StateChange{utc(q->value(0).toLongLong()),
                                   verdictFromId(q->value(1).toString()),
                                   verdictFromId(q->value(2).toString()), q->value(3).toString()});
    }
    return changes;
}

Result<QList<ProbeBucket>> ProbeHistory::buckets(Tier tier, const QString &service,
                                                 const QString &endpoint, const QDateTime &from,
                                                 const QDateTime &to) const
{
    const SqlDialect &d = m_db->dialect();
    auto q = m_db->run(tier == Tier::Minute ? d.selectMinuteRange : d.selectHourRange,
                       {{u"service"_s, service},
                        {u"endpoint"_s, endpoint},
                        {u"from"_s, from.toMSecsSinceEpoch()},
                        {u"to"_s, to.toMSecsSinceEpoch()}});
    if (!q)
        return tl::unexpected(q.error());
    QList<ProbeBucket> result;
    while (q->next())
        result.append(bucketFromQuery(*q));
    return result;
}

Result<QList<HistoryPoint>> ProbeHistory::history(const QString &service, const QString &endpoint,
                                                  const QDateTime &from, const QDateTime &to) const
{
    QList<HistoryPoint> points;
    for (Tier tier : {Tier::Hour, Tier::Minute}) {
        auto rolled = buckets(tier, service, endpoint, from, to);
        if (!rolled)
            return tl::unexpected(rolled.error());
        for (const ProbeBucket &b : std::as_const(*rolled))
            points.append(HistoryPoint{b.start, b.latencyAvg(), worstVerdict(b), b.samples()});
    }
    auto q = m_db->run(m_db->dialect().selectRawRange, {{u"service"_s, service},
                                                        {u"endpoint"_s, endpoint},
                                                        {u"from"_s, from.toMSecsSinceEpoch()},
                                                        {u"to"_s, to.toMSecsSinceEpoch()}});
    if (!q)
        return tl::unexpected(q.error());
    while (q->next()) {
        points.append(HistoryPoint{utc(q->value(0).toLongLong()),
                                   q->value(3).isNull() ? -1 : q->value(3).toInt(),
                                   verdictFromId(q->value(1).toString()), 1});
    }
    std::stable_sort(points.begin(), points.end(),
                     [](const HistoryPoint &a, const HistoryPoint &b) { return a.at < b.at; });
    return points;
}

Result<UptimeStats> ProbeHistory::uptime(const QString &service, const QString &endpoint,
                                         const QDateTime &from, const QDateTime &to,
                                         qint64 maxGapMs) const
{
    const qint64 fromMs = from.toMSecsSinceEpoch();
    const qint64 toMs = to.toMSecsSinceEpoch();
    if (toMs <= fromMs)
        return UptimeStats{};
    auto rolled = rolledUptime(service, endpoint, from, to);
    if (!rolled)
        return rolled;
    UptimeStats total = *rolled;

    // A raw sample up to maxGap before the window still covers its start.
    auto q = m_db->run(m_db->dialect().selectRawRange, {{u"service"_s, service},
                                                        {u"endpoint"_s, endpoint},
                                                        {u"from"_s, fromMs - maxGapMs},
                                                        {u"to"_s, toMs}});
    if (!q)
        return tl::unexpected(q.error());
    QList<UptimeSample> samples;
    while (q->next())
        samples.append(
            UptimeSample{q->value(0).toLongLong(), verdictFromId(q->value(1).toString())});
    total += computeUptime(samples, fromMs, toMs, maxGapMs);
    return total;
}

Result<UptimeStats> ProbeHistory::rolledUptime(const QString &service, const QString &endpoint,
                                               const QDateTime &from, const QDateTime &to) const
{
    // Buckets already hold observed and up time, worked out when they were rolled up.
    const SqlDialect &d = m_db->dialect();
    UptimeStats total;
    for (const QString *sql : {&d.sumHourRange, &d.sumMinuteRange}) {
        auto q = m_db->run(*sql, {{u"service"_s, service},
                                  {u"endpoint"_s, endpoint},
                                  {u"from"_s, from.toMSecsSinceEpoch()},
                                  {u"to"_s, to.toMSecsSinceEpoch()}});
        if (!q)
            return tl::unexpected(q.error());
        if (q->next()) {
            UptimeStats part;
            part.observedMs = q->value(0).toLongLong();
            part.upMs = q->value(1).toLongLong();
            total += part;
        }
    }
    return total;
}

Result<UptimeStats> ProbeHistory::uptime(const QString &service, const QString &endpoint,
                                         const QDateTime &from, const QDateTime &to,
                                         const UptimeTally &tally) const
{
    const qint64 fromMs = from.toMSecsSinceEpoch();
    const qint64 toMs = to.toMSecsSinceEpoch();
    const qint64 maxGapMs = tally.maxGapMs();
    const qint64 firstWholeMinute = floorTo(fromMs + kMinuteMs - 1, kMinuteMs);
    const std::optional<qint64> newest = tally.newestAtMs();
    // The tally's newest coverage is only final up to its newest sample; a window ending
    // before that (or too short to hold a whole minute) is rare and worked out in full.
    if (toMs <= firstWholeMinute || (newest && *newest > toMs))
        return uptime(service, endpoint, from, to, maxGapMs);

    auto rolled = rolledUptime(service, endpoint, from, to);
    if (!rolled)
        return rolled;
    UptimeStats total = *rolled;

    // Samples before the first whole minute: a few raw rows, clipped exactly as
    // computeUptime() does. Rows up to maxGap later only tell where their coverage ends.
    auto q = m_db->run(m_db->dialect().selectRawRange, {{u"service"_s, service},
                                                        {u"endpoint"_s, endpoint},
                                                        {u"from"_s, fromMs - maxGapMs},
                                                        {u"to"_s, firstWholeMinute + maxGapMs}});
    if (!q)
        return tl::unexpected(q.error());
    QList<UptimeSample> edge;
    while (q->next())
        edge.append(UptimeSample{q->value(0).toLongLong(), verdictFromId(q->value(1).toString())});
    UptimeStats head;
    for (qsizetype i = 0; i < edge.size() && edge.at(i).atMs < firstWholeMinute; ++i) {
        const UptimeSample &s = edge.at(i);
        if (!isObservedVerdict(s.verdict))
            continue;
        const qint64 next = i + 1 < edge.size() ? edge.at(i + 1).atMs : -1;
        const qint64 begin = std::max(s.atMs, fromMs);
        const qint64 end = std::min(s.atMs + sampleCoverageMs(s.atMs, next, maxGapMs), toMs);
        if (end <= begin)
            continue;
        head.observedMs += end - begin;
        if (isUpVerdict(s.verdict))
            head.upMs += end - begin;
    }
    total += head;
    total += tally.startingIn(firstWholeMinute, toMs);
    return total;
}

Result<UptimeTally> ProbeHistory::seedTally(const QString &service, const QString &endpoint,
                                            qint64 maxGapMs) const
{
    auto q =
        m_db->run(m_db->dialect().selectRawRange, {{u"service"_s, service},
                                                   {u"endpoint"_s, endpoint},
                                                   {u"from"_s, std::numeric_limits<qint64>::min()},
                                                   {u"to"_s, std::numeric_limits<qint64>::max()}});
    if (!q)
        return tl::unexpected(q.error());
    UptimeTally tally(maxGapMs);
    while (q->next())
        tally.add(q->value(0).toLongLong(), verdictFromId(q->value(1).toString()));
    return tally;
}

qint64 ProbeHistory::rawCutoffMs(qint64 nowMs)
{
    return floorTo(nowMs - kRawRetentionMs, kMinuteMs);
}

Result<ProbeTierSizes> ProbeHistory::sizes() const
{
    ProbeTierSizes sizes;
    const SqlDialect &d = m_db->dialect();
    const std::pair<const QString *, qint64 *> counts[] = {
        {&d.countRaw, &sizes.raw}, {&d.countMinute, &sizes.minutes}, {&d.countHour, &sizes.hours}};
    for (const auto &[statement, into] : counts) {
        auto q = m_db->run(*statement);
        if (!q)
            return tl::unexpected(q.error());
        *into = q->next() ? q->value(0).toLongLong() : 0;
    }
    return sizes;
}

Result<void> ProbeHistory::rollUp(const QDateTime &now)
{
    if (!now.isValid())
        return fail(u"storage.invalid"_s, tr("Probe history cannot be rolled up without a time."));
    const qint64 nowMs = now.toMSecsSinceEpoch();
    // Cut-offs sit on bucket boundaries so every bucket is complete when it is written.
    const qint64 rawCutoff = rawCutoffMs(nowMs);
    const qint64 minuteCutoff = floorTo(nowMs - kMinuteRetentionMs, kHourMs);
    const qint64 hourCutoff = floorTo(nowMs - kHourRetentionMs, kHourMs);

    auto done = m_db->transaction([&]() -> Result<void> {
        if (auto r = rollRawIntoMinutes(rawCutoff); !r)
            return r;
        if (auto r = rollMinutesIntoHours(minuteCutoff); !r)
            return r;
        if (auto r = m_db->run(m_db->dialect().deleteHourBefore, {{u"cutoff"_s, hourCutoff}}); !r)
            return tl::unexpected(r.error());
        return {};
    });
    if (done)
        qCDebug(lcStorage) << "probe history rolled up at" << now;
    return done;
}

Result<void> ProbeHistory::rollRawIntoMinutes(qint64 cutoffMs)
{
    const SqlDialect &d = m_db->dialect();
    QList<RawRow> rows;
    {
        auto q = m_db->run(d.selectRawBefore, {{u"cutoff"_s, cutoffMs}});
        if (!q)
            return tl::unexpected(q.error());
        while (q->next()) {
            rows.append(RawRow{q->value(0).toString(), q->value(1).toString(),
                               q->value(2).toLongLong(), verdictFromId(q->value(3).toString()),
                               q->value(4).isNull() ? -1 : q->value(4).toInt()});
        }
    }
    if (rows.isEmpty())
        return {};

    QMap<std::pair<std::pair<QString, QString>, qint64>, ProbeBucket> minutes;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const RawRow &row = rows.at(i);
        qint64 next = -1;
        if (i + 1 < rows.size() && rows.at(i + 1).service == row.service &&
            rows.at(i + 1).endpoint == row.endpoint) {
            next = rows.at(i + 1).atMs;
        } else {
            // The last rolled sample of an endpoint covers time up to the first raw sample
            // that stays, exactly as computeUptime() would see it.
            auto q = m_db->run(d.selectFirstRawAtOrAfter, {{u"service"_s, row.service},
                                                           {u"endpoint"_s, row.endpoint},
                                                           {u"cutoff"_s, cutoffMs}});
            if (!q)
                return tl::unexpected(q.error());
            if (q->next())
                next = q->value(0).toLongLong();
        }
        const qint64 start = floorTo(row.atMs, kMinuteMs);
        ProbeBucket &b = minutes[{{row.service, row.endpoint}, start}];
        if (b.service.isEmpty()) {
            b.service = row.service;
            b.endpoint = row.endpoint;
            b.start = utc(start);
        }
        addSample(b, row.verdict, row.latencyMs,
                  sampleCoverageMs(row.atMs, next, maxGapMs(row.service, row.endpoint)));
    }
    for (const ProbeBucket &b : std::as_const(minutes)) {
        if (auto r = m_db->run(d.upsertMinute, bucketValues(b)); !r)
            return tl::unexpected(r.error());
    }
    if (auto r = m_db->run(d.deleteRawBefore, {{u"cutoff"_s, cutoffMs}}); !r)
        return tl::unexpected(r.error());
    return {};
}

Result<void> ProbeHistory::rollMinutesIntoHours(qint64 cutoffMs)
{
    const SqlDialect &d = m_db->dialect();
    QMap<std::pair<std::pair<QString, QString>, qint64>, ProbeBucket> hours;
    {
        auto q = m_db->run(d.selectMinuteBefore, {{u"cutoff"_s, cutoffMs}});
        if (!q)
            return tl::unexpected(q.error());
        while (q->next()) {
            const ProbeBucket minute = bucketFromQuery(*q);
            const qint64 start = floorTo(minute.start.toMSecsSinceEpoch(), kHourMs);
            ProbeBucket &h = hours[{{minute.service, minute.endpoint}, start}];
            if (h.service.isEmpty()) {
                h.service = minute.service;
                h.endpoint = minute.endpoint;
                h.start = utc(start);
            }
            mergeBucket(h, minute);
        }
    }
    if (hours.isEmpty())
        return {};
    for (const ProbeBucket &h : std::as_const(hours)) {
        if (auto r = m_db->run(d.upsertHour, bucketValues(h)); !r)
            return tl::unexpected(r.error());
    }
    if (auto r = m_db->run(d.deleteMinuteBefore, {{u"cutoff"_s, cutoffMs}}); !r)
        return tl::unexpected(r.error());
    return {};
}

} // namespace ph
