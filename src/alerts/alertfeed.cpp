// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertfeed.h"

#include "metrics/dashboardfigures.h"
#include "metrics/prometheusparser.h"
#include "metrics/quantile.h"
#include "probes/proberesult.h"

#include <QJsonValue>
#include <QMap>

#include <cmath>
#include <optional>
#include <span>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

const QString Health = u"health"_s;
const QString Slo = u"slo"_s;
const QString Queue = u"queue"_s;
const QString Metrics = u"metrics"_s;

/// How a figure of a JSON body becomes an observation.
struct Field
{
    const char *name;   ///< field name, also the key of the service's field mappings
    const char *metric; ///< observation metric
    bool ratio;         ///< 0..1 in the body, percent in the observation
};

constexpr Field SloFields[] = {
    {"availability", "slo.availability", true},
    {"p95_ms", "slo.p95_ms", false},
    {"p99_ms", "slo.p99_ms", false},
    {"webhook_success", "slo.webhook_success", true},
};

constexpr Field QueueFields[] = {
    {"depth", "queue.depth", false},
    {"processing_rate_per_min", "queue.processing_rate", false},
    {"failed_ratio", "queue.failed_ratio", true},
    {"stuck", "queue.stuck", false},
};

const QStringList MetricsInputs = {u"error_rate"_s, u"p95_ms"_s, u"trades_failed.rate"_s};

// Percentages computed from ratios (0.999 * 100) land a hair off the decimal a person
// reads, which would put a value exactly at a threshold on the wrong side of it.
double tidy(double v)
{
    return std::round(v * 1e6) / 1e6;
}

bool answered2xx(const ProbeResult &r)
{
    return r.verdict != Verdict::Stale && r.statusCode >= 200 && r.statusCode < 300;
}

std::optional<bool> databaseConnected(const QJsonValue &v)
{
    if (v.isBool())
        return v.toBool();
    if (!v.isString())
        return std::nullopt;
    const QString s = v.toString().trimmed().toLower();
    return s == "connected"_L1 || s == "ok"_L1 || s == "up"_L1 || s == "healthy"_L1;
}

} // namespace

struct AlertFeed::Private
{
    /// What one /metrics scrape said, summed over label sets.
    struct Scrape
    {
        QDateTime at;
        bool hasRequests = false;
        double requests = 0;
        double errors = 0;
        QList<HistogramBucket> latency; ///< seconds; empty when the family is absent
        bool hasTrades = false;
        double tradesFailed = 0;
    };

    /// What the counters grew by over a run of scrapes.
    struct Increase
    {
        bool hasRequests = false;
        double requests = 0;
        double errors = 0;
        QMap<double, double> latency; ///< upper bound -> observations added
        bool hasTrades = false;
        double tradesFailed = 0;

        void add(const Scrape &older, const Scrape &newer)
        {
            if (older.hasRequests && newer.hasRequests) {
                hasRequests = true;
                requests += counterIncrease(older.requests, newer.requests);
                errors += counterIncrease(older.errors, newer.errors);
            }
            if (!older.latency.isEmpty() && !newer.latency.isEmpty()) {
                // A changed bucket layout makes this one step meaningless, not the window.
                if (const auto delta = histogramDelta(older.latency, newer.latency)) {
                    for (const HistogramBucket &b : *delta)
                        latency[b.upperBound] += b.count;
                }
            }
            if (older.hasTrades && newer.hasTrades) {
                hasTrades = true;
                tradesFailed += counterIncrease(older.tradesFailed, newer.tradesFailed);
            }
        }
    };

    QHash<QString, QMap<QString, QString>> mappings;
    QHash<QString, QList<Scrape>> scrapes;
    PrometheusParser parser;

    QList<Observation> fromFields(const ProbeResult &r, std::span<const Field> fields) const;
    QList<Observation> fromHealthBody(const ProbeResult &r) const;
    QList<Observation> fromMetrics(const ProbeResult &r);
    static std::optional<Scrape> readScrape(const PrometheusParseResult &parsed);
};

AlertFeed::AlertFeed()
    : d(std::make_unique<Private>())
{
}

AlertFeed::~AlertFeed() = default;

void AlertFeed::setServices(const QList<Service> &services)
{
    d->mappings.clear();
    for (const Service &s : services)
        d->mappings.insert(s.name, s.fieldMappings);
    for (auto it = d->scrapes.begin(); it != d->scrapes.end();) {
        if (d->mappings.contains(it.key()))
            ++it;
        else
            it = d->scrapes.erase(it);
    }
}

QStringList AlertFeed::metricsOf(const QString &endpoint)
{
    QStringList out;
    if (endpoint == Health)
        return {u"service.up"_s, u"health.ok"_s, u"db.connected"_s};
    if (endpoint == Slo) {
        for (const Field &f : SloFields)
            out << QString::fromLatin1(f.metric);
    } else if (endpoint == Queue) {
        for (const Field &f : QueueFields)
            out << QString::fromLatin1(f.metric);
    } else if (endpoint == Metrics) {
        out = MetricsInputs;
    }
    return out;
}

QList<Observation> AlertFeed::observe(const ProbeResult &result)
{
    if (result.service.isEmpty() || !result.checkedAt.isValid() ||
        result.verdict == Verdict::Unknown)
        return {};
    if (result.endpoint == Health)
        return observationsFromHealthProbe(result) + d->fromHealthBody(result);
    if (result.endpoint == Slo)
        return d->fromFields(result, SloFields);
    if (result.endpoint == Queue)
        return d->fromFields(result, QueueFields);
    if (result.endpoint == Metrics)
        return d->fromMetrics(result);
    return {};
}

QList<Observation> AlertFeed::Private::fromHealthBody(const ProbeResult &r) const
{
    const QString metric = u"db.connected"_s;
    if (r.verdict == Verdict::Stale)
        return {Observation::staleInput(r.service, metric, r.checkedAt)};
    // No answer says nothing about the database; the service-down rule covers that.
    if (r.statusCode <= 0 || r.body.isEmpty())
        return {};
    QString problem;
    const QJsonValue root = parseFigureBody(r.body, &problem);
    if (!root.isObject())
        return {};
    const auto connected =
        databaseConnected(figureValue(root, mappings.value(r.service), u"database"_s));
    if (!connected)
        return {}; // this service's health body does not report its database
    return {Observation::flag(r.service, metric, *connected, r.checkedAt)};
}

QList<Observation> AlertFeed::Private::fromFields(const ProbeResult &r,
                                                  std::span<const Field> fields) const
{
    QList<Observation> out;
    QString problem = u"unanswered"_s;
    const QJsonValue root = answered2xx(r) ? parseFigureBody(r.body, &problem) : QJsonValue();
    const QMap<QString, QString> maps = mappings.value(r.service);
    for (const Field &f : fields) {
        const QString metric = QString::fromLatin1(f.metric);
        // Each figure on its own: one bad field leaves the others' rules their input.
        double d = 0;
        const bool usable = problem.isEmpty() &&
                            readFigure(root, maps, QString::fromLatin1(f.name),
                                       f.ratio ? FigureKind::Ratio : FigureKind::NonNegative, &d)
                                .isEmpty();
        if (!usable)
            out << Observation::staleInput(r.service, metric, r.checkedAt);
        else
            out << Observation::number(r.service, metric, f.ratio ? tidy(d * 100) : d, r.checkedAt);
    }
    return out;
}

std::optional<AlertFeed::Private::Scrape>
AlertFeed::Private::readScrape(const PrometheusParseResult &parsed)
{
    Scrape s;
    if (const MetricFamily *f = parsed.family(u"http_requests_total")) {
        for (const Sample &sample : f->samples) {
            if (sample.role != SampleRole::Value || !std::isfinite(sample.value))
                continue;
            QString code = f->labelValue(sample, u"code");
            if (code.isNull())
                code = f->labelValue(sample, u"status");
            s.requests += sample.value;
            if (code.startsWith(u'5'))
                s.errors += sample.value;
            s.hasRequests = true;
        }
    }
    if (const MetricFamily *f = parsed.family(u"http_request_duration_seconds")) {
        // Series differ by route or method; the service's p95 is over all of them.
        QMap<double, double> merged;
        for (const HistogramSeries &series : f->histograms) {
            for (const HistogramBucket &b : series.buckets)
                merged[b.upperBound] += b.count;
        }
        for (auto it = merged.cbegin(); it != merged.cend(); ++it)
            s.latency.append(HistogramBucket{it.key(), it.value()});
    }
    if (const MetricFamily *f = parsed.family(u"trades_failed_total")) {
        for (const Sample &sample : f->samples) {
            if (sample.role == SampleRole::Value && std::isfinite(sample.value)) {
                s.tradesFailed += sample.value;
                s.hasTrades = true;
            }
        }
    }
    if (!s.hasRequests && s.latency.isEmpty() && !s.hasTrades)
        return std::nullopt;
    return s;
}

QList<Observation> AlertFeed::Private::fromMetrics(const ProbeResult &r)
{
    auto staleAll = [&r] {
        QList<Observation> out;
        for (const QString &m : MetricsInputs)
            out << Observation::staleInput(r.service, m, r.checkedAt);
        return out;
    };
    if (!answered2xx(r))
        return staleAll();
    const std::optional<Scrape> scrape = readScrape(parser.parse(QByteArrayView(r.body)));
    if (!scrape)
        return staleAll();

    QList<Scrape> &history = scrapes[r.service];
    if (!history.isEmpty() && history.last().at >= r.checkedAt)
        history.clear(); // the clock went backwards: start over rather than divide by it
    history.append(*scrape);
    history.last().at = r.checkedAt;
    const QDateTime horizon = r.checkedAt.addSecs(-rateWindow().count());
    while (history.size() > 1 && history.first().at < horizon)
        history.removeFirst();

    const qint64 spanMs = history.first().at.msecsTo(history.last().at);
    if (spanMs < qint64(minRateSpan().count()) * 1000)
        return {}; // not enough of a window for a rate yet

    // Step by step, as Prometheus' increase() does, so a reset between two scrapes loses
    // only that step and not the whole window.
    Increase inc;
    for (qsizetype i = 1; i < history.size(); ++i)
        inc.add(history.at(i - 1), history.at(i));

    QList<Observation> out;
    if (inc.hasRequests && inc.requests > 0)
        out << Observation::number(r.service, u"error_rate"_s,
                                   tidy(100.0 * std::min(inc.errors, inc.requests) / inc.requests),
                                   r.checkedAt);
    if (!inc.latency.isEmpty()) {
        QList<HistogramBucket> buckets;
        for (auto it = inc.latency.cbegin(); it != inc.latency.cend(); ++it)
            buckets.append(HistogramBucket{it.key(), it.value()});
        const double p95 = histogramQuantile(0.95, buckets);
        if (std::isfinite(p95))
            out << Observation::number(r.service, u"p95_ms"_s, tidy(p95 * 1000.0), r.checkedAt);
    }
    if (inc.hasTrades)
        out << Observation::number(r.service, u"trades_failed.rate"_s,
                                   tidy(inc.tradesFailed * 60000.0 / double(spanMs)), r.checkedAt);
    return out;
}

} // namespace ph
