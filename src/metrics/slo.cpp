// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/slo.h"

#include <cmath>
#include <limits>

namespace ph {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool validTarget(double target)
{
    return target > 0 && target < 1;
}

bool validCounts(SloCounts c)
{
    return c.good >= 0 && c.total >= 0 && c.good <= c.total;
}

} // namespace

double errorRatio(SloCounts counts)
{
    if (!validCounts(counts) || counts.total == 0)
        return kNaN;
    return (counts.total - counts.good) / counts.total;
}

double errorBudgetRemaining(double target, SloCounts counts)
{
    if (!validTarget(target) || !validCounts(counts))
        return kNaN;
    if (counts.total == 0)
        return 1.0;
    const double allowedFailures = (1.0 - target) * counts.total;
    return 1.0 - (counts.total - counts.good) / allowedFailures;
}

double burnRate(double target, SloCounts counts)
{
    if (!validTarget(target))
        return kNaN;
    return errorRatio(counts) / (1.0 - target);
}

BurnRateAlert evaluateBurnRate(double target, const BurnRateWindows &windows)
{
    return evaluateBurnRate(burnRate(target, windows.last5m), burnRate(target, windows.last30m),
                            burnRate(target, windows.last1h), burnRate(target, windows.last6h));
}

BurnRateAlert evaluateBurnRate(double burn5m, double burn30m, double burn1h, double burn6h)
{
    BurnRateAlert alert;
    alert.burn5m = burn5m;
    alert.burn30m = burn30m;
    alert.burn1h = burn1h;
    alert.burn6h = burn6h;
    // Comparisons with NaN are false, so a window without traffic keeps the alert quiet.
    alert.fast =
        alert.burn1h > BurnRateAlert::FastThreshold && alert.burn5m > BurnRateAlert::FastThreshold;
    alert.slow =
        alert.burn6h > BurnRateAlert::SlowThreshold && alert.burn30m > BurnRateAlert::SlowThreshold;
    return alert;
}

} // namespace ph
