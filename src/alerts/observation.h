// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace ph {

struct ProbeResult;

/**
 * One typed reading that alert rules look at: a number (percentages are 0–100, latencies in
 * milliseconds) or a flag (stored as 1 = true, 0 = false). Adapters turn probe results,
 * Prometheus samples and SSH output into these, so the rules never see raw HTTP.
 *
 * Metric ids in use: "service.up", "db.connected", "disk.percent", "memory.percent",
 * "error_rate" (percent), "p95_ms", "trades_failed.rate" (per minute), "backup.ok",
 * "health.ok", "slo.availability" (percent), "slo.p95_ms", "slo.p99_ms",
 * "slo.webhook_success" (percent), "dr.verified", "security.issues",
 * "payments.reconciliation_errors", "queue.depth", "queue.processing_rate" (per minute),
 * "queue.failed_ratio" (percent), "queue.stuck".
 *
 * A stale observation says "no fresh answer for this input" (laptop offline, nothing for
 * two intervals); its value is meaningless and no rule looks at it.
 */
struct Observation
{
    QString service;
    QString metric;
    double value = 0;
    QDateTime at; ///< when the reading was taken, UTC
    bool stale = false;

    static Observation number(const QString &service, const QString &metric, double value,
                              const QDateTime &at);
    static Observation flag(const QString &service, const QString &metric, bool value,
                            const QDateTime &at);
    static Observation staleInput(const QString &service, const QString &metric,
                                  const QDateTime &at);

    bool isValid() const { return !service.isEmpty() && !metric.isEmpty() && at.isValid(); }
};

/**
 * What a health probe says for alerting: "service.up" (false only when the service was
 * reachable-in-principle but refused, failed or timed out) and "health.ok" (false also for
 * a wrong status, an unhealthy body or a blown latency budget). Results of other endpoints,
 * and Unknown verdicts, give nothing; a Stale verdict gives stale observations.
 */
QList<Observation> observationsFromHealthProbe(const ProbeResult &result);

} // namespace ph

Q_DECLARE_METATYPE(ph::Observation)
