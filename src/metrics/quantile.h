// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QList>

namespace ph {

/// One cumulative bucket of a classic Prometheus histogram (`le` = upperBound).
struct HistogramBucket
{
    double upperBound = 0; ///< the `le` label; +Inf for the last bucket
    double count = 0;      ///< cumulative count of observations <= upperBound

    friend bool operator==(const HistogramBucket &, const HistogramBucket &) = default;
};

/**
 * The φ-quantile of a classic histogram, computed as Prometheus' `histogram_quantile`:
 * buckets are sorted and equal bounds merged, counts within 1e-12 of each other are
 * levelled and decreasing counts raised to the running maximum, then the rank q·count
 * is located and interpolated linearly inside its bucket. The lowest bucket starts at 0
 * when its upper bound is positive (otherwise its upper bound is returned); a rank in
 * the +Inf bucket returns the upper bound of the bucket before it.
 *
 * Returns NaN for q = NaN, no buckets, fewer than two buckets, no +Inf bucket, or zero
 * observations; -Inf for q < 0 and +Inf for q > 1.
 */
double histogramQuantile(double q, QList<HistogramBucket> buckets);

/**
 * How much a counter grew between two scrapes. A smaller current value means the
 * process restarted and the counter began again at 0, so the growth is the current value.
 */
double counterIncrease(double previous, double current);

/**
 * Per-second rate of a counter between two scrapes taken at the given times (ms since
 * the epoch), with the reset rule of counterIncrease(). NaN when time did not advance.
 */
double counterRate(double previous, qint64 previousMs, double current, qint64 currentMs);

/**
 * What each bucket of a histogram gained between two scrapes (for a quantile over the
 * window between them), bucket by bucket with counterIncrease()'s reset rule. The result
 * is sorted by upper bound. Fails when the two scrapes do not have the same bucket
 * bounds, since a delta of different layouts means nothing.
 */
Result<QList<HistogramBucket>> histogramDelta(QList<HistogramBucket> older,
                                              QList<HistogramBucket> newer);

} // namespace ph

Q_DECLARE_TYPEINFO(ph::HistogramBucket, Q_PRIMITIVE_TYPE);
