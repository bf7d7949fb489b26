// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/quantile.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

void sortByBound(QList<HistogramBucket> &buckets)
{
    std::stable_sort(buckets.begin(), buckets.end(),
                     [](const HistogramBucket &a, const HistogramBucket &b) {
                         return a.upperBound < b.upperBound;
                     });
}

} // namespace

double histogramQuantile(double q, QList<HistogramBucket> buckets)
{
    if (std::isnan(q) || buckets.isEmpty())
        return kNaN;
    if (q < 0)
        return -kInf;
    if (q > 1)
        return kInf;

    sortByBound(buckets);
    if (buckets.last().upperBound != kInf)
        return kNaN;

    // Two series with the same bound (e.g. `le="1"` and `le="1.0"`) count as one bucket.
    qsizetype out = 0;
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        if (buckets[i].upperBound == buckets[out].upperBound)
            buckets[out].count += buckets[i].count;
        else
            buckets[++out] = buckets[i];
    }
    buckets.resize(out + 1);

    // Float noise from aggregation can make neighbours differ by a hair in either
    // direction; treat such differences as equal before forcing monotonicity.
    double prev = buckets[0].count;
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        const double cur = buckets[i].count;
        const double delta = std::abs(cur - prev);
        if (delta == 0)
            continue;
        if (delta / cur <= 1e-12)
            buckets[i].count = prev;
        else
            prev = cur;
    }
    // A decrease between buckets is impossible for real data; the binary search below
    // needs monotonic counts, so take the running maximum.
    double max = buckets[0].count;
    for (qsizetype i = 1; i < buckets.size(); ++i) {
        if (buckets[i].count > max)
            max = buckets[i].count;
        else if (buckets[i].count < max)
            buckets[i].count = max;
    }

    if (buckets.size() < 2)
        return kNaN;
    const double observations = buckets.last().count;
    if (observations == 0 || std::isnan(observations))
        return kNaN;

    double rank = q * observations;
    // First bucket (excluding +Inf) whose cumulative count reaches the rank.
    const auto searchEnd = buckets.cbegin() + (buckets.size() - 1);
    const auto it = std::partition_point(
        buckets.cbegin(), searchEnd, [rank](const HistogramBucket &b) { return b.count < rank; });
    const qsizetype b = it - buckets.cbegin();

    if (b == buckets.size() - 1)
        return buckets[buckets.size() - 2].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0)
        return buckets[0].upperBound;

    double bucketStart = 0;
    const double bucketEnd = buckets[b].upperBound;
    double count = buckets[b].count;
    if (b > 0) {
        bucketStart = buckets[b - 1].upperBound;
        count -= buckets[b - 1].count;
        rank -= buckets[b - 1].count;
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

double counterIncrease(double previous, double current)
{
    return current < previous ? current : current - previous;
}

double counterRate(double previous, qint64 previousMs, double current, qint64 currentMs)
{
    if (currentMs <= previousMs)
        return kNaN;
    return counterIncrease(previous, current) * 1000.0 / double(currentMs - previousMs);
}

Result<QList<HistogramBucket>> histogramDelta(QList<HistogramBucket> older,
                                              QList<HistogramBucket> newer)
{
    sortByBound(older);
    sortByBound(newer);
    bool sameLayout = older.size() == newer.size();
    for (qsizetype i = 0; sameLayout && i < older.size(); ++i)
        sameLayout = older[i].upperBound == newer[i].upperBound;
    if (!sameLayout) {
        return fail(u"metrics.bucketLayout"_s,
                    QCoreApplication::translate(
                        "ph::Quantile", "The histogram's buckets changed between two scrapes; "
                                        "the window starts again with the next scrape."),
                    u"%1 buckets before, %2 now"_s.arg(older.size()).arg(newer.size()));
    }
    QList<HistogramBucket> delta = newer;
    for (qsizetype i = 0; i < delta.size(); ++i)
        delta[i].count = counterIncrease(older[i].count, newer[i].count);
    return delta;
}

} // namespace ph
