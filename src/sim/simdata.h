// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ph {

/**
 * The figures the simulator serves, as pure functions of a seed s and a per-endpoint
 * request counter n (0 for the first request to that path on that service). Nothing
 * reads the clock, so with `--seed` two runs that send the same requests get the same
 * bodies, and a test can compute a figure by hand. Fractions are integers divided by a
 * power of ten so they print exactly.
 *
 * GET /api/queue/status (echopilot):
 *   depth                   = 5 + (7s + 3n) mod 40
 *   processing_rate_per_min = (300 + (13s + 7n) mod 200) / 10
 *   failed_ratio            = ((3s + n) mod 25) / 1000
 *   stuck                   = (s + n) mod 4, but after POST /api/queue/clear-stuck at
 *                             queue counter c it is min(that, (n - c) / 10)
 *   e.g. seed 42, first request: depth 19, rate 44.6, failed_ratio 0.001, stuck 2.
 * GET /api/slo/status: availability = (9990 + (s + n) mod 10) / 10000,
 *   p95_ms = 550 + (11s + 5n) mod 120, p99_ms = p95_ms + 400 + (s + 3n) mod 50,
 *   webhook_success = (990 + (5s + n) mod 10) / 1000, window_days = 30.
 * GET /api/finops/summary?days=D: cost_usd = D * (4000 + (17s + 11n) mod 1000) / 100,
 *   revenue_usd = D * (18000 + (29s + 13n) mod 3000) / 100.
 * GET /api/partners/dashboard?partner_id=PTR_k: earnings = cents
 *   50000 + (37s + 101n + 1000k) mod 50000 as "E.CC", referrals = 10 + (s + n + k) mod 15.
 * GET /api/growth/payouts/export: row i (0-based) amount = cents
 *   10000 + (31s + 7n + 4567i) mod 200000 as "A.CC".
 * GET /api/predict/load: predicted_rps = (300 + (19s + 7n) mod 300) / 10, horizon_min 60.
 * GET /api/audit/chain: length = 5000 + s mod 100 + 3n, head = sha256("pilothouse-sim:s:length").
 * GET /metrics, with m the counter of /metrics on that service:
 *   http_requests_total{code="200"} = 1000 + s mod 500 + 37m, {code="401"} = 5 + m/3,
 *   {code="500"} = 3 + s mod 7 + m/5 (integer division); the histogram count is their
 *   sum C, buckets are floor(C * 40, 70, 88, 96, 99, 100 / 100) at le 0.05 .. 2.5, +Inf,
 *   _sum = (90C + (s mod 50) m) / 1000; jobs_processed_total = 500 + s mod 100 + 12m,
 *   database_connections_active = 5 + (s + m) mod 10, trades_executed_total =
 *   200 + s mod 50 + 9m, trades_failed_total = 2 + s mod 5 + m/4.
 * GET /ep/<i> (synthetic): value = (s + 31i + 7n) mod 1000.
 * Artificial latency (unless --no-jitter): 1 + (s + 7n) mod 4 ms.
 */
class SimData
{
public:
    explicit SimData(quint64 seed)
        : m_seed(seed)
    {
    }

    quint64 seed() const { return m_seed; }

    QJsonObject queueStatus(quint64 n, qint64 clearedAt) const;
    int stuck(quint64 n, qint64 clearedAt) const;
    QJsonObject sloStatus(quint64 n) const;
    QJsonObject finopsSummary(quint64 n, int days) const;
    QJsonObject partnerDashboard(quint64 n, const QString &partnerId) const;
    QByteArray payoutsCsv(quint64 n) const;
    QJsonObject predictLoad(quint64 n) const;
    QJsonObject healingStatus(quint64 n) const;
    QJsonObject regionsStatus(quint64 n) const;
    QJsonObject auditChain(quint64 n) const;
    QJsonObject phaseReport(quint64 n) const;
    QJsonObject analyticsUsage(quint64 n) const;
    QJsonObject binancePing(quint64 n) const;

    enum class MetricsFlavour
    {
        EchoPilot,
        RustCore,
        PythonAi
    };
    QByteArray metrics(quint64 m, MetricsFlavour flavour) const;

    QByteArray syntheticEndpoint(const QString &service, int index, quint64 n) const;
    int jitterMs(quint64 n) const;

    /// "1234.50" from 123450 cents: money stays integral until it is printed.
    static QString formatCents(quint64 cents);

private:
    quint64 m_seed;
};

} // namespace ph
