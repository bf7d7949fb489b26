// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertrule.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace ph {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::P0:
        return u"P0"_s;
    case Severity::P1:
        return u"P1"_s;
    case Severity::P2:
        return u"P2"_s;
    }
    return {};
}

std::optional<Severity> severityFromName(const QString &name)
{
    const QString n = name.trimmed().toUpper();
    if (n == "P0"_L1)
        return Severity::P0;
    if (n == "P1"_L1)
        return Severity::P1;
    if (n == "P2"_L1)
        return Severity::P2;
    return std::nullopt;
}

bool AlertRule::appliesTo(const QString &serviceProfile) const
{
    return profile == "any"_L1 || profile == serviceProfile;
}

bool AlertRule::holds(double value) const
{
    if (std::isnan(value))
        return false;
    switch (comparison) {
    case Comparison::Above:
        return value > threshold;
    case Comparison::AtLeast:
        return value >= threshold;
    case Comparison::Below:
        return value < threshold;
    case Comparison::AtMost:
        return value <= threshold;
    case Comparison::IsFalse:
        return value == 0;
    case Comparison::IsTrue:
        return value != 0;
    }
    return false;
}

std::optional<AlertRule> breachedRule(const QList<AlertRule> &rules, const QString &profile,
                                      const QString &metric, double value,
                                      const QMap<QString, double> &thresholds)
{
    std::optional<AlertRule> worst;
    for (AlertRule r : rules) {
        if (r.metric != metric || !r.appliesTo(profile))
            continue;
        r.threshold = thresholds.value(r.thresholdKey(), r.threshold);
        if (r.holds(value) && (!worst || r.severity < worst->severity))
            worst = r;
    }
    return worst;
}

QString formatAlertValue(double value)
{
    QString s = QString::number(value, 'f', 2);
    while (s.contains(u'.') && (s.endsWith(u'0') || s.endsWith(u'.')))
        s.chop(1);
    return s;
}

QString AlertRule::title(const QString &service, double value) const
{
    QString t = titleTemplate;
    t.replace(u"{service}"_s, service);
    t.replace(u"{value}"_s, formatAlertValue(value));
    t.replace(u"{threshold}"_s, formatAlertValue(threshold));
    return t;
}

namespace {

// Lets lupdate see the rule strings under one context.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(AlertRules)
};

AlertRule make(const char *id, const char *profile, Severity severity, const char *metric,
               Comparison comparison, double threshold, std::chrono::seconds forDuration,
               const QString &title, const QString &input, const char *runbook)
{
    AlertRule r;
    r.id = QString::fromLatin1(id);
    r.profile = QString::fromLatin1(profile);
    r.severity = severity;
    r.metric = QString::fromLatin1(metric);
    r.comparison = comparison;
    r.threshold = threshold;
    r.forDuration = forDuration;
    r.titleTemplate = title;
    r.inputDescription = input;
    r.runbookId = QString::fromLatin1(runbook);
    return r;
}

} // namespace

QList<AlertRule> builtInAlertRules()
{
    using enum Severity;
    using C = Comparison;
    const QString disk = Tr::tr("Disk usage from df over SSH on the service's host");
    const QString memory = Tr::tr("Memory usage from docker stats over SSH");
    const QString errors =
        Tr::tr("Share of 5xx in http_requests_total from the service's /metrics");
    const QString latency =
        Tr::tr("p95 of http_request_duration_seconds from the service's /metrics");
    const QString slo = Tr::tr("The service's SLO endpoint (or its /metrics)");
    const char *p0 = "botcore/alert-response#p0-service-down";
    const char *p1 = "botcore/alert-response#p1-resources";
    const char *p2 = "botcore/alert-response#p2-degradation";

    return {
        // Bot Core P0
        make("botcore.service_down.p0", "botcore", P0, "service.up", C::IsFalse, 0, 120s,
             Tr::tr("{service} is down"), Tr::tr("Health probe of the service (/api/health)"), p0),
        make("botcore.database.p0", "botcore", P0, "db.connected", C::IsFalse, 0, 0s,
             Tr::tr("{service} lost its database connection"),
             Tr::tr("Database field of the service's health body"), p0),
        make("botcore.disk.p0", "botcore", P0, "disk.percent", C::Above, 90, 0s,
             Tr::tr("{service}: disk {value} % (over {threshold} %)"), disk, p0),
        make("botcore.memory.p0", "botcore", P0, "memory.percent", C::Above, 95, 0s,
             Tr::tr("{service}: memory {value} % (over {threshold} %)"), memory, p0),
        make("botcore.error_rate.p0", "botcore", P0, "error_rate", C::Above, 10, 0s,
             Tr::tr("{service}: error rate {value} % (over {threshold} %)"), errors, p0),
        make("botcore.trades_failed.p0", "botcore", P0, "trades_failed.rate", C::Above, 0, 0s,
             Tr::tr("{service}: trade executions failing ({value}/min)"),
             Tr::tr("Rate of trades_failed_total from the service's /metrics"), p0),
        // Bot Core P1
        make("botcore.p95.p1", "botcore", P1, "p95_ms", C::Above, 500, 0s,
             Tr::tr("{service}: p95 latency {value} ms (over {threshold} ms)"), latency, p1),
        make("botcore.memory.p1", "botcore", P1, "memory.percent", C::Above, 85, 0s,
             Tr::tr("{service}: memory {value} % (over {threshold} %)"), memory, p1),
        make("botcore.disk.p1", "botcore", P1, "disk.percent", C::Above, 80, 0s,
             Tr::tr("{service}: disk {value} % (over {threshold} %)"), disk, p1),
        make("botcore.error_rate.p1", "botcore", P1, "error_rate", C::Above, 5, 0s,
             Tr::tr("{service}: error rate {value} % (over {threshold} %)"), errors, p1),
        make("botcore.backup.p1", "botcore", P1, "backup.ok", C::IsFalse, 0, 0s,
             Tr::tr("{service}: backup failed"),
             Tr::tr("The latest run of the service's backup job (Backups view)"),
             "botcore/backups"),
        // Bot Core P2
        make("botcore.p95.p2", "botcore", P2, "p95_ms", C::Above, 200, 0s,
             Tr::tr("{service}: p95 latency {value} ms (over {threshold} ms)"), latency, p2),
        make("botcore.memory.p2", "botcore", P2, "memory.percent", C::Above, 70, 0s,
             Tr::tr("{service}: memory {value} % (over {threshold} %)"), memory, p2),
        make("botcore.disk.p2", "botcore", P2, "disk.percent", C::Above, 70, 0s,
             Tr::tr("{service}: disk {value} % (over {threshold} %)"), disk, p2),
        make("botcore.error_rate.p2", "botcore", P2, "error_rate", C::Above, 1, 0s,
             Tr::tr("{service}: error rate {value} % (over {threshold} %)"), errors, p2),

        // EchoPilot: its own SLO targets, not Bot Core's latency tiers.
        make("echopilot.health.p0", "echopilot", P0, "health.ok", C::IsFalse, 0, 120s,
             Tr::tr("{service} health check failing"),
             Tr::tr("Health probe of the service (/api/health)"),
             "echopilot/emergency-service-down"),
        make("echopilot.slo_availability.p1", "echopilot", P1, "slo.availability", C::Below, 99.9,
             0s, Tr::tr("{service}: availability {value} % (target {threshold} %)"), slo,
             "echopilot/emergency-service-down"),
        make("echopilot.slo_p95.p1", "echopilot", P1, "slo.p95_ms", C::Above, 800, 0s,
             Tr::tr("{service}: p95 latency {value} ms (target under {threshold} ms)"), slo,
             "echopilot/emergency-high-load"),
        make("echopilot.slo_p99.p1", "echopilot", P1, "slo.p99_ms", C::Above, 1200, 0s,
             Tr::tr("{service}: p99 latency {value} ms (target under {threshold} ms)"), slo,
             "echopilot/emergency-high-load"),
        make("echopilot.slo_webhook.p1", "echopilot", P1, "slo.webhook_success", C::Below, 99, 0s,
             Tr::tr("{service}: webhook success {value} % (target {threshold} %)"), slo,
             "echopilot/emergency-high-load"),
        make("echopilot.security.p1", "echopilot", P1, "security.issues", C::Above, 0, 0s,
             Tr::tr("{service}: security scan found {value} issues"),
             Tr::tr("The latest security scan of the service"), "echopilot/security#weekly-scan"),
        make("echopilot.dr.p1", "echopilot", P1, "dr.verified", C::IsFalse, 0, 0s,
             Tr::tr("{service}: disaster-recovery verification failed"),
             Tr::tr("dr_restore_check.py run from the Backups view"), "echopilot/backup"),
        make("echopilot.reconciliation.p1", "echopilot", P1, "payments.reconciliation_errors",
             C::Above, 0, 0s, Tr::tr("{service}: {value} payment reconciliation errors"),
             Tr::tr("Payment reconciliation of the service's payouts"),
             "echopilot/monthly#partner-payouts"),
    };
}

} // namespace ph
