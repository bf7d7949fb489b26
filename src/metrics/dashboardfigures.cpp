// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/dashboardfigures.h"

#include "core/jsonpointer.h"
#include "metrics/slo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(DashboardFigures)
};

constexpr FigureField SloFields[] = {
    {"window_days", FigureKind::Positive},  {"availability", FigureKind::Ratio},
    {"p95_ms", FigureKind::NonNegative},    {"p99_ms", FigureKind::NonNegative},
    {"webhook_success", FigureKind::Ratio},
};

constexpr FigureField QueueFields[] = {
    {"depth", FigureKind::NonNegative},
    {"processing_rate_per_min", FigureKind::NonNegative},
    {"failed_ratio", FigureKind::Ratio},
    {"stuck", FigureKind::NonNegative},
};

QString fieldPointer(const QMap<QString, QString> &mappings, const QString &field)
{
    const QString mapped = mappings.value(field);
    return mapped.isEmpty() ? u"/"_s + field : mapped;
}

/// Reads @p fields in order into @p out (as many doubles as there are fields).
QString readAll(const QByteArray &body, const QMap<QString, QString> &mappings,
                std::span<const FigureField> fields, double *out)
{
    QString problem;
    const QJsonValue root = parseFigureBody(body, &problem);
    if (!problem.isEmpty())
        return problem;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        problem = readFigure(root, mappings, QString::fromLatin1(fields[i].name), fields[i].kind,
                             &out[i]);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace

double dashboardThreshold(const QMap<QString, double> &thresholds, const QString &key)
{
    static const QMap<QString, double> defaults = {{u"slo.availability.target"_s, 0.999},
                                                   {u"slo.p95_ms.max"_s, 800},
                                                   {u"slo.p99_ms.max"_s, 1200},
                                                   {u"slo.webhook_success.target"_s, 0.99},
                                                   {u"queue.depth.max"_s, 50},
                                                   {u"queue.rate.min_per_min"_s, 10},
                                                   {u"queue.failed_ratio.max"_s, 0.05}};
    return thresholds.value(key, defaults.value(key));
}

namespace {

Verdict worstOf(std::initializer_list<Verdict> verdicts)
{
    Verdict worst = Verdict::Pass;
    for (const Verdict v : verdicts) {
        if (v == Verdict::Fail)
            return Verdict::Fail;
        if (v == Verdict::Warn)
            worst = Verdict::Warn;
    }
    return worst;
}

Verdict met(bool ok)
{
    return ok ? Verdict::Pass : Verdict::Fail;
}

} // namespace

Verdict SloVerdicts::worst() const
{
    return worstOf({availability, p95, p99, webhook, budget, burn});
}

SloVerdicts evaluateSlo(const SloFigures &f, const QMap<QString, double> &thresholds)
{
    const double target = dashboardThreshold(thresholds, u"slo.availability.target"_s);
    SloVerdicts v;
    v.availability = met(f.availability >= target);
    v.p95 = met(f.p95Ms < dashboardThreshold(thresholds, u"slo.p95_ms.max"_s));
    v.p99 = met(f.p99Ms < dashboardThreshold(thresholds, u"slo.p99_ms.max"_s));
    v.webhook =
        met(f.webhookSuccess >= dashboardThreshold(thresholds, u"slo.webhook_success.target"_s));
    // The endpoint reports a ratio, not counts: one event of weight 1 gives the same budget.
    v.budgetLeft = errorBudgetRemaining(target, SloCounts{f.availability, 1.0});
    // A quarter of the budget left is the usual point to slow down risky changes.
    v.budget = std::isnan(v.budgetLeft) ? Verdict::Unknown
               : v.budgetLeft <= 0      ? Verdict::Fail
               : v.budgetLeft < 0.25    ? Verdict::Warn
                                        : Verdict::Pass;
    return v;
}

SloVerdicts evaluateSlo(const SloReading &r, const QMap<QString, double> &thresholds)
{
    auto judge = [](const SloValue &v, bool ok) {
        return v.known() ? met(ok) : Verdict::Unknown;
    };
    SloVerdicts v;
    v.availability =
        judge(r.availability,
              r.availability.value >= dashboardThreshold(thresholds, u"slo.availability.target"_s));
    v.p95 = judge(r.p95Ms, r.p95Ms.value < dashboardThreshold(thresholds, u"slo.p95_ms.max"_s));
    v.p99 = judge(r.p99Ms, r.p99Ms.value < dashboardThreshold(thresholds, u"slo.p99_ms.max"_s));
    v.webhook = judge(r.webhookSuccess,
                      r.webhookSuccess.value >=
                          dashboardThreshold(thresholds, u"slo.webhook_success.target"_s));
    v.budgetLeft = r.budgetRemaining.value;
    v.budget = std::isnan(v.budgetLeft) ? Verdict::Unknown
               : v.budgetLeft <= 0      ? Verdict::Fail
               : v.budgetLeft < 0.25    ? Verdict::Warn
                                        : Verdict::Pass;
    v.burnAlert = evaluateBurnRate(r.burn5m.value, r.burn30m.value, r.burn1h.value, r.burn6h.value);
    const bool anyBurn =
        r.burn5m.known() || r.burn30m.known() || r.burn1h.known() || r.burn6h.known();
    v.burn = v.burnAlert.fast   ? Verdict::Fail
             : v.burnAlert.slow ? Verdict::Warn
             : anyBurn          ? Verdict::Pass
                                : Verdict::Unknown;
    return v;
}

SloReading sloReadingFromFigures(const SloFigures &f, double availabilityTarget,
                                 const QString &sourceLabel, const QDateTime &at)
{
    SloReading r;
    r.source = SloSourceKind::Endpoint;
    r.sourceLabel = sourceLabel;
    r.observedAt = at.toUTC();
    r.windowDays = f.windowDays;
    r.availability.value = f.availability;
    r.p95Ms.value = f.p95Ms;
    r.p99Ms.value = f.p99Ms;
    r.webhookSuccess.value = f.webhookSuccess;
    // A ratio without counts: one event of weight 1 gives the same budget.
    r.budgetRemaining.value =
        errorBudgetRemaining(availabilityTarget, SloCounts{f.availability, 1.0});
    r.budgetRemaining.note =
        QCoreApplication::translate("ph::SloReading", "over the %1-day window the endpoint reports")
            .arg(f.windowDays);
    const QString why =
        QCoreApplication::translate(
            "ph::SloReading",
            "%1 reports only its window's totals, so no burn rate over 5 min to 6 h can be "
            "computed "
            "from it; choose the service's /metrics or a Prometheus server as its SLO source")
            .arg(sourceLabel);
    r.burn5m.note = why;
    r.burn30m.note = why;
    r.burn1h.note = why;
    r.burn6h.note = why;
    return r;
}

Verdict QueueVerdicts::worst() const
{
    return worstOf({depth, rate, failed, stuck});
}

QueueVerdicts evaluateQueue(const QueueFigures &f, const QMap<QString, double> &thresholds)
{
    // Warn in the last fifth before a limit, so a queue that is filling up is seen early.
    QueueVerdicts v;
    const double maxDepth = dashboardThreshold(thresholds, u"queue.depth.max"_s);
    v.depth = f.depth >= maxDepth         ? Verdict::Fail
              : f.depth >= 0.8 * maxDepth ? Verdict::Warn
                                          : Verdict::Pass;
    // An empty queue has nothing to process; a low rate is then no problem.
    const double minRate = dashboardThreshold(thresholds, u"queue.rate.min_per_min"_s);
    v.rate = f.depth <= 0                   ? Verdict::Pass
             : f.ratePerMin <= minRate      ? Verdict::Fail
             : f.ratePerMin < 1.2 * minRate ? Verdict::Warn
                                            : Verdict::Pass;
    const double maxFailed = dashboardThreshold(thresholds, u"queue.failed_ratio.max"_s);
    v.failed = f.failedRatio >= maxFailed         ? Verdict::Fail
               : f.failedRatio >= 0.8 * maxFailed ? Verdict::Warn
                                                  : Verdict::Pass;
    // Stuck jobs need someone to clear them, but the queue still moves.
    v.stuck = f.stuck > 0 ? Verdict::Warn : Verdict::Pass;
    return v;
}

std::span<const FigureField> sloFigureFields()
{
    return SloFields;
}

std::span<const FigureField> queueFigureFields()
{
    return QueueFields;
}

QJsonValue figureValue(const QJsonValue &root, const QMap<QString, QString> &mappings,
                       const QString &field)
{
    QJsonValue v;
    if (!resolveJsonPointer(root, fieldPointer(mappings, field), &v))
        return QJsonValue(QJsonValue::Undefined);
    return v;
}

QString readFigure(const QJsonValue &root, const QMap<QString, QString> &mappings,
                   const QString &field, FigureKind kind, double *out)
{
    const QString pointer = fieldPointer(mappings, field);
    QJsonValue v;
    if (!resolveJsonPointer(root, pointer, &v))
        return Tr::tr("unexpected response: field %1 missing").arg(pointer);
    if (!v.isDouble())
        return Tr::tr("unexpected response: field %1 is not a number").arg(pointer);
    const double d = v.toDouble();
    const QString shown = QLocale().toString(d);
    switch (kind) {
    case FigureKind::Ratio:
        if (d < 0 || d > 1)
            return Tr::tr("unexpected response: field %1 is %2, expected a ratio between 0 and 1")
                .arg(pointer, shown);
        break;
    case FigureKind::Positive:
        if (d <= 0)
            return Tr::tr("unexpected response: field %1 is %2, expected a number above 0")
                .arg(pointer, shown);
        break;
    case FigureKind::NonNegative:
        if (d < 0)
            return Tr::tr("unexpected response: field %1 is %2, expected a number of at least 0")
                .arg(pointer, shown);
        break;
    }
    *out = d;
    return {};
}

QJsonValue parseFigureBody(const QByteArray &body, QString *problem)
{
    if (body.trimmed().isEmpty()) {
        *problem = Tr::tr("unexpected response: empty body");
        return QJsonValue(QJsonValue::Undefined);
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError) {
        *problem = Tr::tr("unexpected response: not JSON (%1 at byte %2)")
                       .arg(err.errorString())
                       .arg(err.offset);
        return QJsonValue(QJsonValue::Undefined);
    }
    problem->clear();
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QString unusableAnswer(const ProbeResult &result)
{
    if (result.verdict == Verdict::Stale)
        return result.error.isEmpty() ? Tr::tr("no fresh answer") : result.error;
    if (result.statusCode >= 200 && result.statusCode < 300)
        return {};
    if (!result.error.isEmpty())
        return result.error;
    return result.statusCode > 0 ? Tr::tr("HTTP %1").arg(result.statusCode) : Tr::tr("no answer");
}

QString readSloFigures(const QByteArray &body, const QMap<QString, QString> &mappings,
                       SloFigures *out)
{
    double v[std::size(SloFields)] = {};
    const QString problem = readAll(body, mappings, SloFields, v);
    if (problem.isEmpty())
        *out = SloFigures{v[0], v[1], v[2], v[3], v[4]};
    return problem;
}

QString readQueueFigures(const QByteArray &body, const QMap<QString, QString> &mappings,
                         QueueFigures *out)
{
    double v[std::size(QueueFields)] = {};
    const QString problem = readAll(body, mappings, QueueFields, v);
    if (problem.isEmpty())
        *out = QueueFigures{v[0], v[1], v[2], v[3]};
    return problem;
}

} // namespace ph
