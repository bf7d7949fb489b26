// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <chrono>
#include <optional>

namespace ph {

/// How urgent an alert is. Lower is more urgent: P0 pages, P2 is a note on the dashboard.
enum class Severity
{
    P0,
    P1,
    P2
};

QString severityName(Severity severity); ///< "P0", "P1", "P2"
std::optional<Severity> severityFromName(const QString &name);

/// How a rule compares an observation with its threshold.
enum class Comparison
{
    Above,   ///< value > threshold
    AtLeast, ///< value >= threshold
    Below,   ///< value < threshold
    AtMost,  ///< value <= threshold
    IsFalse, ///< a flag observation is false (threshold unused)
    IsTrue,  ///< a flag observation is true (threshold unused)
};

/**
 * One alert rule: when @c metric of a service of @c profile compares true against
 * @c threshold for at least @c forDuration, an alert of @c severity fires.
 *
 * Rules of one profile on the same metric form tiers (disk > 70 % P2, > 80 % P1, > 90 % P0):
 * only the most severe tier that holds is active for a service.
 */
struct AlertRule
{
    QString id;      ///< stable, e.g. "botcore.disk.p0"; override key is "alerts." + id
    QString profile; ///< "botcore" | "echopilot" | "any"
    Severity severity = Severity::P2;
    QString metric;
    Comparison comparison = Comparison::Above;
    double threshold = 0;
    std::chrono::seconds forDuration{0};
    /// Translated; {service}, {value} and {threshold} are filled in.
    QString titleTemplate;
    /// Translated; which input feeds the rule, shown to the user next to the alert.
    QString inputDescription;
    /// Response runbook: resource path without ".md", optionally "#section-slug", e.g.
    /// "botcore/alert-response#p0-service-down".
    QString runbookId;

    /// The key in the workspace's thresholds that overrides @c threshold.
    QString thresholdKey() const { return QStringLiteral("alerts.") + id; }
    bool appliesTo(const QString &serviceProfile) const;
    /// Whether @p value breaks the rule (ignores duration).
    bool holds(double value) const;
    QString title(const QString &service, double value) const;
};

/// The rules of PRODUCT.md §2 for Bot Core and EchoPilot, with their default thresholds.
QList<AlertRule> builtInAlertRules();

/**
 * The most severe of @p rules for a service of @p profile on @p metric that @p value breaks
 * now (durations aside), with the workspace's overrides ("alerts.<rule id>" in
 * @p thresholds) applied; none when no tier does. For views that judge a figure the way the
 * alerts will (a disk at 85 % is the P1 tier).
 */
std::optional<AlertRule> breachedRule(const QList<AlertRule> &rules, const QString &profile,
                                      const QString &metric, double value,
                                      const QMap<QString, double> &thresholds = {});

/// A number for a title: at most two decimals, no trailing zeros.
QString formatAlertValue(double value);

} // namespace ph

Q_DECLARE_METATYPE(ph::Severity)
