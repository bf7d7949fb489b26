// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/observation.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QString>

#include <chrono>
#include <memory>

namespace ph {

struct ProbeResult;

/**
 * Turns what the console's probes already fetch into Observations for the AlertEngine,
 * so the alert rules never see raw HTTP. Per endpoint name:
 *
 * - "health": "service.up" and "health.ok" (see observationsFromHealthProbe()), and
 *   "db.connected" when the body has a "database" field ("connected", "ok", "up" or
 *   true are connected; any other string or false is not) — read even from a 5xx answer,
 *   since a service that says its database is gone is telling the truth about it.
 * - "slo": "slo.availability" and "slo.webhook_success" (percent), "slo.p95_ms",
 *   "slo.p99_ms".
 * - "queue": "queue.depth", "queue.processing_rate" (per minute), "queue.failed_ratio"
 *   (percent), "queue.stuck".
 * - "metrics": "error_rate" (percent of http_requests_total with a 5xx code),
 *   "p95_ms" (from the http_request_duration_seconds histogram) and
 *   "trades_failed.rate" (trades_failed_total per minute). Counters only mean something
 *   as rates, so these come from the difference between the newest scrape and the oldest
 *   one within rateWindow(), once the two are at least minRateSpan() apart; counter
 *   resets (a restarted process) count from zero.
 *
 * Fields are read through the service's field mappings (JSON pointers) when it has them.
 * A stale result, or an answer without usable figures (HTTP error, not JSON, a field
 * missing), gives stale observations for that endpoint's inputs: the engine then neither
 * fires nor resolves anything on them until a good answer comes.
 */
class AlertFeed
{
public:
    AlertFeed();
    ~AlertFeed();
    AlertFeed(const AlertFeed &) = delete;
    AlertFeed &operator=(const AlertFeed &) = delete;

    /// The services whose results arrive; their field mappings are used. Scrape history of
    /// services no longer listed is dropped.
    void setServices(const QList<Service> &services);

    /// The observations in @p result; results of endpoints not listed above give none.
    QList<Observation> observe(const ProbeResult &result);

    static constexpr std::chrono::seconds rateWindow() { return std::chrono::minutes(5); }
    static constexpr std::chrono::seconds minRateSpan() { return std::chrono::minutes(1); }

    /// The input metrics an endpoint feeds (for marking them stale); empty for others.
    static QStringList metricsOf(const QString &endpoint);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace ph
