// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>
#include <QtNumeric>

namespace ph {

/// Where a service's SLO figures come from: its SLO endpoint, its Prometheus /metrics
/// (rates computed by the console across scrapes), or a Prometheus server's query API.
enum class SloSourceKind
{
    Endpoint,
    Metrics,
    Prometheus,
};

/// One SLO figure as read from a source; NaN when the source cannot give it, with why.
struct SloValue
{
    double value = qQNaN();
    QString note; ///< why it is unknown, or a caveat ("covers 23 min of the 1 h window")

    bool known() const { return !qIsNaN(value); }
};

/**
 * Every SLO figure of one service from one source at one moment: what the SLO view, the
 * `status` command and the alert rules read, whichever source produced it. Ratios are
 * 0..1, latencies milliseconds, burn rates multiples of the budget-neutral rate.
 */
struct SloReading
{
    SloSourceKind source = SloSourceKind::Endpoint;
    QString sourceLabel;  ///< user-facing, e.g. "/api/slo/status", "/metrics", "Prometheus"
    QDateTime observedAt; ///< UTC; when the source answered
    double windowDays = 30;
    SloValue availability;
    SloValue p95Ms;
    SloValue p99Ms;
    SloValue webhookSuccess;
    SloValue budgetRemaining; ///< availability error budget left over the window
    SloValue burn5m;
    SloValue burn30m;
    SloValue burn1h;
    SloValue burn6h;
    QString error; ///< non-empty: nothing could be read, and this says why (user-facing)
};

} // namespace ph
