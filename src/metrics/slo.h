// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace ph {

/// Good and total event counts over one window (e.g. requests answered without a 5xx).
struct SloCounts
{
    double good = 0;
    double total = 0;
};

/**
 * Fraction of events that failed: (total - good) / total. NaN when there were no events
 * or the counts are impossible (negative, good > total).
 */
double errorRatio(SloCounts counts);

/**
 * Fraction of the error budget still unspent over a window for an availability target
 * in (0, 1): 1 - failed / ((1 - target) · total). 1 means untouched, 0 spent, negative
 * overspent. With no events the budget is untouched (1). NaN for a target outside (0, 1)
 * or impossible counts.
 */
double errorBudgetRemaining(double target, SloCounts counts);

/**
 * How fast the budget burns: error ratio / (1 - target). 1 spends exactly the budget
 * over the SLO period. NaN for a target outside (0, 1) or a window without events.
 */
double burnRate(double target, SloCounts counts);

/// The four windows of the SRE workbook's multi-window, multi-burn-rate alert.
struct BurnRateWindows
{
    SloCounts last5m;
    SloCounts last30m;
    SloCounts last1h;
    SloCounts last6h;
};

/// Which burn-rate alerts fired, with the rates that decided it.
struct BurnRateAlert
{
    static constexpr double FastThreshold = 14.4; ///< 2 % of a 30-day budget in 1 h
    static constexpr double SlowThreshold = 6.0;  ///< 5 % of a 30-day budget in 6 h

    bool fast = false; ///< 1 h and 5 min both above FastThreshold: page
    bool slow = false; ///< 6 h and 30 min both above SlowThreshold: page
    double burn5m = 0;
    double burn30m = 0;
    double burn1h = 0;
    double burn6h = 0;

    bool fired() const { return fast || slow; }
};

/**
 * The SRE workbook rule: fast fires when the 1 h AND the 5 min burn rates exceed 14.4,
 * slow when the 6 h AND the 30 min rates exceed 6. The short window makes the alert stop
 * soon after the problem does. A window without events (NaN rate) never fires.
 */
BurnRateAlert evaluateBurnRate(double target, const BurnRateWindows &windows);

/**
 * The same rule on burn rates a source already computed (NaN = unknown, never fires):
 * for sources that report rates rather than counts, such as a Prometheus server.
 */
BurnRateAlert evaluateBurnRate(double burn5m, double burn30m, double burn1h, double burn6h);

} // namespace ph
