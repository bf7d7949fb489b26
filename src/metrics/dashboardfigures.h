// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/slo.h"
#include "metrics/sloreading.h"
#include "probes/proberesult.h"

#include <QByteArray>
#include <QJsonValue>
#include <QMap>
#include <QString>

#include <span>

namespace ph {

/// What range a dashboard figure must lie in to be believed.
enum class FigureKind
{
    Ratio,       ///< 0..1
    Positive,    ///< > 0 (a window length)
    NonNegative, ///< >= 0
};

/// One number a status endpoint reports: its field name (also the key of the service's
/// field mappings) and the range it must lie in.
struct FigureField
{
    const char *name;
    FigureKind kind;
};

/// The fields of /api/slo/status, in the order SloFigures holds them.
std::span<const FigureField> sloFigureFields();
/// The fields of /api/queue/status, in the order QueueFigures holds them.
std::span<const FigureField> queueFigureFields();

/// What /api/slo/status reports (ratios 0..1, latencies in ms).
struct SloFigures
{
    double windowDays = 0;
    double availability = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double webhookSuccess = 0;
};

/// What /api/queue/status reports.
struct QueueFigures
{
    double depth = 0;
    double ratePerMin = 0;
    double failedRatio = 0; ///< 0..1
    double stuck = 0;
};

/**
 * A dashboard threshold ("slo.availability.target", "slo.p95_ms.max", "slo.p99_ms.max",
 * "slo.webhook_success.target", "queue.depth.max", "queue.rate.min_per_min",
 * "queue.failed_ratio.max") from the workspace's @p thresholds, else the target of
 * PRODUCT.md §2. 0 for a key that is none of these.
 */
double dashboardThreshold(const QMap<QString, double> &thresholds, const QString &key);

/// How each SLO figure stands against its target (Pass = met, Fail = breached).
struct SloVerdicts
{
    Verdict availability = Verdict::Unknown;
    Verdict p95 = Verdict::Unknown;
    Verdict p99 = Verdict::Unknown;
    Verdict webhook = Verdict::Unknown;
    /// Fail when spent, Warn below a quarter left, Unknown when it cannot be computed.
    Verdict budget = Verdict::Unknown;
    /// Error budget left over the window as a ratio (1 untouched, <= 0 spent); NaN if unknown.
    double budgetLeft = 0;
    /// The multi-window burn rule: Fail on a fast burn (page), Warn on a slow burn, Pass
    /// when the known rates are below both, Unknown when no burn rate is known.
    Verdict burn = Verdict::Unknown;
    BurnRateAlert burnAlert;

    Verdict worst() const;
};

/// The SLO verdicts of @p figures against the workspace's @p thresholds (dashboardThreshold()).
SloVerdicts evaluateSlo(const SloFigures &figures, const QMap<QString, double> &thresholds);

/// As above for a reading of any source; a figure the source could not give is Unknown.
SloVerdicts evaluateSlo(const SloReading &reading, const QMap<QString, double> &thresholds);

/**
 * What /api/slo/status reported at @p at, as a reading of source Endpoint. The endpoint
 * reports only its window's totals, so the burn rates are unknown, with a note that
 * says where they can come from; the budget is read from the window's availability.
 */
SloReading sloReadingFromFigures(const SloFigures &figures, double availabilityTarget,
                                 const QString &sourceLabel, const QDateTime &at);

/// How each queue figure stands against its limit; Warn in the last fifth before it.
struct QueueVerdicts
{
    Verdict depth = Verdict::Unknown;
    Verdict rate = Verdict::Unknown;
    Verdict failed = Verdict::Unknown;
    Verdict stuck = Verdict::Unknown; ///< Warn while any job is stuck; never Fail

    Verdict worst() const;
};

/// The queue verdicts of @p figures against the workspace's @p thresholds.
QueueVerdicts evaluateQueue(const QueueFigures &figures, const QMap<QString, double> &thresholds);

/**
 * The value at @p field of @p root: at the JSON pointer the service's @p mappings give
 * for it, else at "/field". Undefined when it is not there.
 */
QJsonValue figureValue(const QJsonValue &root, const QMap<QString, QString> &mappings,
                       const QString &field);

/**
 * Reads @p field (through the service's field mapping when it has one) as a number of
 * @p kind. Returns the "unexpected response: …" problem naming the pointer, or an empty
 * string and the number in @p out.
 */
QString readFigure(const QJsonValue &root, const QMap<QString, QString> &mappings,
                   const QString &field, FigureKind kind, double *out);

/**
 * Parses a status body as JSON. Returns the root (object or array), or Undefined with
 * the "unexpected response: …" problem in @p problem (empty body, not JSON).
 */
QJsonValue parseFigureBody(const QByteArray &body, QString *problem);

/// Why @p result carries no body to read figures from (stale, no answer, HTTP error);
/// empty when it was answered with 2xx.
QString unusableAnswer(const ProbeResult &result);

/**
 * Reads every SLO figure of a 2xx /api/slo/status @p body. Returns the first problem
 * (empty when all were read; @p out is only written then).
 */
QString readSloFigures(const QByteArray &body, const QMap<QString, QString> &mappings,
                       SloFigures *out);

/// As readSloFigures(), for /api/queue/status.
QString readQueueFigures(const QByteArray &body, const QMap<QString, QString> &mappings,
                         QueueFigures *out);

} // namespace ph
