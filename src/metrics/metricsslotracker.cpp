// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/metricsslotracker.h"

#include "metrics/prometheusparser.h"
#include "metrics/slo.h"

#include <QSet>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr qint64 FiveMinutesMs = 5 * 60 * 1000;
constexpr qint64 ThirtyMinutesMs = 30 * 60 * 1000;
constexpr qint64 OneHourMs = 60 * 60 * 1000;
constexpr qint64 SixHoursMs = 6 * OneHourMs;

// Labels in a stable order, so a series is the same key however the exporter orders them.
QString seriesKey(const MetricFamily &family, const Sample &sample, bool skipLe)
{
    QStringList parts;
    for (const LabelRef l : family.labels(sample)) {
        if (skipLe && l.name == u"le")
            continue;
        parts.append(l.name + u'=' + l.value);
    }
    parts.sort();
    return parts.join(QChar(0x1f));
}

QList<HistogramBucket> toBuckets(const QMap<double, double> &byBound)
{
    QList<HistogramBucket> out;
    out.reserve(byBound.size());
    for (auto it = byBound.cbegin(); it != byBound.cend(); ++it)
        out.append(HistogramBucket{it.key(), it.value()});
    return out;
}

bool sameBounds(const QList<HistogramBucket> &a, const QList<HistogramBucket> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(),
                      [](const HistogramBucket &x, const HistogramBucket &y) {
                          return x.upperBound == y.upperBound;
                      });
}

} // namespace

MetricsSloTracker::MetricsSloTracker(QString sourceLabel, double availabilityTarget,
                                     double windowDays)
    : m_parser(std::make_unique<PrometheusParser>())
    , m_sourceLabel(std::move(sourceLabel))
    , m_target(availabilityTarget)
    , m_windowDays(windowDays)
{
    m_parser->setMaxIssues(20);
}

MetricsSloTracker::~MetricsSloTracker() = default;

QString MetricsSloTracker::formatSpan(qint64 ms)
{
    const qint64 minutes = ms / 60000;
    if (minutes < 1)
        return tr("%1 s").arg(ms / 1000);
    if (minutes < 60)
        return tr("%1 min").arg(minutes);
    if (minutes % 60 == 0)
        return tr("%1 h").arg(minutes / 60);
    return tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
}

Result<void> MetricsSloTracker::addScrape(QByteArrayView body, const QDateTime &at)
{
    if (!at.isValid())
        return fail(u"metrics.no_time"_s,
                    tr("A scrape of %1 has no time; it was ignored.").arg(m_sourceLabel));
    const qint64 atMs = at.toMSecsSinceEpoch();
    if (!m_ring.isEmpty() && atMs <= m_ring.last().atMs)
        return fail(u"metrics.out_of_order"_s,
                    tr("A scrape of %1 is not newer than the previous one; it was ignored.")
                        .arg(m_sourceLabel));

    const PrometheusParseResult parsed = m_parser->parse(body);
    if (!parsed.isClean()) {
        const qsizetype more = parsed.issues.size() - 1 + parsed.omittedIssues;
        const ParseIssue first = parsed.issues.value(0);
        QString message = tr("%1 is malformed at line %2: %3.")
                              .arg(m_sourceLabel)
                              .arg(first.line)
                              .arg(first.message);
        if (more > 0)
            message += u' ' + tr("(and %n more bad line(s))", nullptr, int(more));
        message += u' ' + tr("The figures from the scrapes before are kept.");
        return fail(u"metrics.malformed"_s, message);
    }
    const MetricFamily *requests = parsed.family(u"http_requests_total");
    if (!requests)
        return fail(u"metrics.no_requests"_s,
                    tr("%1 has no http_requests_total counter, which the availability and burn "
                       "rates are computed from.")
                        .arg(m_sourceLabel));

    RawSeries raw;
    QSet<QString> failing;
    for (const Sample &s : requests->samples) {
        if (s.role != SampleRole::Value)
            continue;
        const QString key = seriesKey(*requests, s, false);
        raw.requests[key] += s.value;
        if (requests->labelValue(s, u"code").startsWith(u'5'))
            failing.insert(key);
    }
    const MetricFamily *latency = parsed.family(u"http_request_duration_seconds");
    if (latency && latency->type == MetricType::Histogram) {
        for (const Sample &s : latency->samples) {
            if (s.role == SampleRole::Bucket)
                raw.buckets[seriesKey(*latency, s, true)][s.bound] = s.value;
        }
    }

    Entry e;
    e.atMs = atMs;
    QMap<double, double> bucketIncrease;
    if (m_scrapes == 0) {
        double total = 0;
        double failed = 0;
        for (auto it = raw.requests.cbegin(); it != raw.requests.cend(); ++it) {
            total += it.value();
            if (failing.contains(it.key()))
                failed += it.value();
        }
        QMap<double, double> sums;
        for (const auto &series : std::as_const(raw.buckets)) {
            for (auto it = series.cbegin(); it != series.cend(); ++it) {
                sums[it.key()] += it.value();
                bucketIncrease[it.key()] += 0;
            }
        }
        m_firstTotal = total;
        m_firstFailed = failed;
        m_firstBuckets = toBuckets(sums);
        m_firstAtMs = atMs;
        e.buckets = toBuckets(bucketIncrease);
    } else {
        const Entry &last = m_ring.last();
        double total = 0;
        double failed = 0;
        for (auto it = raw.requests.cbegin(); it != raw.requests.cend(); ++it) {
            const auto prev = m_last.requests.constFind(it.key());
            // A series seen for the first time counted its whole value since the last scrape:
            // exporters create a code="500" series at the first failure.
            const double inc =
                prev == m_last.requests.cend() ? it.value() : counterIncrease(*prev, it.value());
            total += inc;
            if (failing.contains(it.key()))
                failed += inc;
        }
        for (auto it = raw.buckets.cbegin(); it != raw.buckets.cend(); ++it) {
            const auto prev = m_last.buckets.constFind(it.key());
            bool restarted = prev == m_last.buckets.cend();
            // One process owns all buckets of a series: if any went down, all restarted.
            for (auto b = it->cbegin(); !restarted && b != it->cend(); ++b)
                restarted = b.value() < prev->value(b.key(), 0);
            for (auto b = it->cbegin(); b != it->cend(); ++b)
                bucketIncrease[b.key()] +=
                    restarted ? b.value() : b.value() - prev->value(b.key(), 0);
        }
        e.total = last.total + total;
        e.failed = last.failed + failed;
        e.buckets = toBuckets(bucketIncrease);
        e.layout = last.layout;
        if (sameBounds(e.buckets, last.buckets)) {
            for (qsizetype i = 0; i < e.buckets.size(); ++i)
                e.buckets[i].count += last.buckets.at(i).count;
        } else {
            // Different bounds cannot be subtracted: quantiles start over from here.
            ++e.layout;
        }
    }
    m_last = std::move(raw);
    ++m_scrapes;

    // Entries closer together than this are merged into the newest one, so MaxEntries
    // always spans RetentionMs however often the endpoint is scraped.
    constexpr qint64 minGap = RetentionMs / (MaxEntries - 4);
    if (m_ring.size() >= 2 && m_ring.last().atMs - m_ring.at(m_ring.size() - 2).atMs < minGap)
        m_ring.last() = std::move(e);
    else
        m_ring.append(std::move(e));
    // Keep one entry at or before the retention edge so the longest window stays covered.
    while (m_ring.size() > 2 && m_ring.at(1).atMs <= atMs - RetentionMs)
        m_ring.removeFirst();
    while (m_ring.size() > MaxEntries)
        m_ring.removeFirst();
    return {};
}

const MetricsSloTracker::Entry *MetricsSloTracker::entryAtOrBefore(qint64 atMs) const
{
    for (qsizetype i = m_ring.size() - 1; i >= 0; --i) {
        if (m_ring.at(i).atMs <= atMs)
            return &m_ring.at(i);
    }
    return nullptr;
}

const MetricsSloTracker::Entry *MetricsSloTracker::oldestWithLayout(int layout) const
{
    for (const Entry &e : m_ring) {
        if (e.layout == layout)
            return &e;
    }
    return nullptr;
}

SloValue MetricsSloTracker::burn(qint64 windowMs, const QString &windowName) const
{
    if (m_ring.size() < 2)
        return {qQNaN(), tr("needs two scrapes of %1 to compute a rate").arg(m_sourceLabel)};
    const Entry &last = m_ring.last();
    const Entry *from = entryAtOrBefore(last.atMs - windowMs);
    const bool partial = from == nullptr;
    if (partial)
        from = &m_ring.first();
    const QString covered = formatSpan(last.atMs - from->atMs);
    const SloCounts counts{(last.total - last.failed) - (from->total - from->failed),
                           last.total - from->total};
    if (counts.total <= 0) {
        return {qQNaN(), partial ? tr("no requests in the %1 seen of %2").arg(covered, windowName)
                                 : tr("no requests in the last %1").arg(windowName)};
    }
    return {burnRate(m_target, counts),
            partial ? tr("covers %1 of %2").arg(covered, windowName) : QString()};
}

SloValue MetricsSloTracker::quantile(double q) const
{
    QList<HistogramBucket> window;
    QString note;
    if (m_ring.size() < 2) {
        window = m_firstBuckets;
        note = tr("since the service's counters started (one scrape so far)");
    } else {
        const Entry &last = m_ring.last();
        const Entry *from = entryAtOrBefore(last.atMs - FiveMinutesMs);
        if (!from || from->layout != last.layout) {
            from = oldestWithLayout(last.layout);
            note = tr("covers %1 of 5 min").arg(formatSpan(last.atMs - from->atMs));
        }
        window = last.buckets;
        for (qsizetype i = 0; i < window.size(); ++i)
            window[i].count -= from->buckets.at(i).count;
    }
    if (window.isEmpty())
        return {qQNaN(),
                tr("%1 has no http_request_duration_seconds histogram").arg(m_sourceLabel)};
    const double seconds = histogramQuantile(q, window);
    if (qIsNaN(seconds)) {
        const bool none = window.last().count <= 0;
        return {qQNaN(), none ? tr("no requests in the last 5 min")
                              : tr("the histogram's buckets cannot give a quantile")};
    }
    return {seconds * 1000.0, note};
}

SloReading MetricsSloTracker::reading() const
{
    SloReading r;
    r.source = SloSourceKind::Metrics;
    r.sourceLabel = m_sourceLabel;
    r.windowDays = m_windowDays;
    r.webhookSuccess.note = tr("%1 does not report webhook success; the service's SLO endpoint "
                               "or a Prometheus server can")
                                .arg(m_sourceLabel);
    if (m_ring.isEmpty()) {
        r.error = tr("Waiting for the first scrape of %1.").arg(m_sourceLabel);
        return r;
    }
    const Entry &last = m_ring.last();
    r.observedAt = QDateTime::fromMSecsSinceEpoch(last.atMs).toUTC();

    SloCounts seen;
    QString note;
    if (m_ring.size() < 2) {
        seen = {m_firstTotal - m_firstFailed, m_firstTotal};
        note = tr("since the service's counters started (one scrape so far)");
    } else {
        seen = {last.total - last.failed, last.total};
        note = tr("over %1 seen of the %2-day window")
                   .arg(formatSpan(last.atMs - m_firstAtMs))
                   .arg(m_windowDays);
    }
    if (seen.total > 0) {
        r.availability = {seen.good / seen.total, note};
        r.budgetRemaining = {errorBudgetRemaining(m_target, seen), note};
    } else {
        r.availability.note = tr("no requests seen yet");
        r.budgetRemaining.note = r.availability.note;
    }
    r.p95Ms = quantile(0.95);
    r.p99Ms = quantile(0.99);
    r.burn5m = burn(FiveMinutesMs, formatSpan(FiveMinutesMs));
    r.burn30m = burn(ThirtyMinutesMs, formatSpan(ThirtyMinutesMs));
    r.burn1h = burn(OneHourMs, formatSpan(OneHourMs));
    r.burn6h = burn(SixHoursMs, formatSpan(SixHoursMs));
    return r;
}

} // namespace ph
