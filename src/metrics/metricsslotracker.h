// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "metrics/quantile.h"
#include "metrics/sloreading.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

namespace ph {

class PrometheusParser;

/**
 * SLO figures of one service computed by the console from successive scrapes of its
 * Prometheus `/metrics`: `http_requests_total{code=…}` gives requests and 5xx failures,
 * the `http_request_duration_seconds` histogram (summed over every label but `le`) the
 * latency quantiles.
 *
 * Counters are turned into increases series by series, so a restarted process (a series
 * that went down) counts from its new value instead of producing a negative rate. The
 * increases are kept as running totals in a bounded ring that covers at least
 * retentionMs(), enough for the 6 h burn window. Not thread-safe.
 */
class MetricsSloTracker
{
    Q_DECLARE_TR_FUNCTIONS(ph::MetricsSloTracker)
public:
    static constexpr qint64 RetentionMs = (6 * 60 + 30) * 60 * 1000; ///< 6 h 30 min
    static constexpr int MaxEntries = 4096;                          ///< ring bound

    /// @p sourceLabel names the scraped endpoint for the user, e.g. "/metrics".
    explicit MetricsSloTracker(QString sourceLabel = QStringLiteral("/metrics"),
                               double availabilityTarget = 0.999, double windowDays = 30);
    ~MetricsSloTracker();
    MetricsSloTracker(const MetricsSloTracker &) = delete;
    MetricsSloTracker &operator=(const MetricsSloTracker &) = delete;

    void setAvailabilityTarget(double target) { m_target = target; }
    double availabilityTarget() const { return m_target; }

    /**
     * Records one scrape's @p body taken at @p at. A body with bad lines, without
     * `http_requests_total`, or not newer than the last scrape is refused with a message
     * naming the problem, and everything recorded before stays as it was.
     */
    Result<void> addScrape(QByteArrayView body, const QDateTime &at);

    /// Every figure from what was recorded so far; error set only while there is nothing.
    SloReading reading() const;

    qsizetype entryCount() const { return m_ring.size(); }
    qsizetype scrapeCount() const { return m_scrapes; }
    /// "23 min", "1 h", "2 h 10 min": how window notes spell a span.
    static QString formatSpan(qint64 ms);

private:
    /// Running totals since the first scrape (increases only), at one scrape's time.
    struct Entry
    {
        qint64 atMs = 0;
        double total = 0;
        double failed = 0;
        QList<HistogramBucket> buckets; ///< cumulative per `le`, summed over series
        int layout = 0;                 ///< bucket bounds changed when this differs
    };
    /// The raw counter values of the previous scrape, per series, for the increases.
    struct RawSeries
    {
        QMap<QString, double> requests;              ///< series key -> value
        QMap<QString, QMap<double, double>> buckets; ///< series key -> le -> value
    };

    const Entry *entryAtOrBefore(qint64 atMs) const;
    const Entry *oldestWithLayout(int layout) const;
    SloValue burn(qint64 windowMs, const QString &windowName) const;
    SloValue quantile(double q) const;

    std::unique_ptr<PrometheusParser> m_parser;
    QString m_sourceLabel;
    double m_target;
    double m_windowDays;
    QList<Entry> m_ring;
    RawSeries m_last;
    QList<HistogramBucket> m_firstBuckets; ///< raw buckets of the first scrape
    double m_firstTotal = 0;               ///< raw totals of the first scrape
    double m_firstFailed = 0;
    qint64 m_firstAtMs = 0;
    qint64 m_scrapes = 0;
};

} // namespace ph
