// SPDX-License-Identifier: GPL-3.0-or-later
#include "profiles.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

EndpointSpec endpoint(const QString &name, const QString &path, bool needsKey = false,
                      bool healthBody = false, bool probe = true, const QString &method = u"GET"_s)
{
    EndpointSpec e;
    e.name = name;
    e.path = path;
    e.method = method;
    e.needsKey = needsKey;
    e.healthBody = healthBody;
    e.probe = probe;
    return e;
}

QList<EndpointSpec> echoPilotEndpoints()
{
    // Endpoints that need a parameter (partners), return CSV (payouts) or change state
    // (clear_stuck) are listed for the panels and actions but never probed.
    return {
        endpoint(u"health"_s, u"/api/health"_s, false, true),
        endpoint(u"platform_status"_s, u"/api/platform/status"_s, false, true),
        endpoint(u"queue"_s, u"/api/queue/status"_s, true),
        endpoint(u"slo"_s, u"/api/slo/status"_s),
        endpoint(u"finops"_s, u"/api/finops/summary?days=30"_s, true),
        endpoint(u"payouts"_s, u"/api/growth/payouts/export"_s, true, false, false),
        endpoint(u"partners"_s, u"/api/partners/dashboard"_s, true, false, false),
        endpoint(u"predict_load"_s, u"/api/predict/load"_s),
        endpoint(u"healing"_s, u"/api/healing/status"_s),
        endpoint(u"regions"_s, u"/api/regions/status"_s),
        endpoint(u"audit_chain"_s, u"/api/audit/chain"_s, true),
        endpoint(u"phase_report"_s, u"/api/platform/phase-report"_s, true, false, false),
        endpoint(u"analytics_usage"_s, u"/api/analytics/usage"_s, true, false, false),
        endpoint(u"metrics"_s, u"/metrics"_s),
        endpoint(u"clear_stuck"_s, u"/api/queue/clear-stuck"_s, true, false, false, u"POST"_s),
    };
}

} // namespace

QStringList knownProfiles()
{
    return {u"echopilot"_s, u"botcore"_s, u"generic"_s};
}

bool isKnownProfile(const QString &profile)
{
    return knownProfiles().contains(profile);
}

QStringList profileComponents(const QString &profile)
{
    if (profile == "botcore"_L1)
        return {u"rust-core-engine"_s, u"python-ai-service"_s};
    return {};
}

QList<EndpointSpec> profileEndpoints(const QString &profile, const QString &component)
{
    if (profile == "echopilot"_L1)
        return echoPilotEndpoints();
    if (profile == "botcore"_L1) {
        if (component == "rust-core-engine"_L1) {
            return {
                endpoint(u"health"_s, u"/api/health"_s, false, true),
                endpoint(u"binance_ping"_s, u"/api/v1/binance/ping"_s),
                endpoint(u"metrics"_s, u"/metrics"_s),
            };
        }
        if (component == "python-ai-service"_L1) {
            return {
                endpoint(u"health"_s, u"/health"_s, false, true),
                // Its body says "ready" when the model is loaded; anything else is a warning.
                endpoint(u"ai_status"_s, u"/api/ai/status"_s, false, true),
                endpoint(u"metrics"_s, u"/metrics"_s),
            };
        }
    }
    return {};
}

QUrl defaultBaseUrl(const QString &profile, const QString &component)
{
    if (profile == "echopilot"_L1)
        return QUrl(u"http://localhost:5000"_s);
    if (profile == "botcore"_L1 && component == "rust-core-engine"_L1)
        return QUrl(u"http://localhost:8080"_s);
    if (profile == "botcore"_L1 && component == "python-ai-service"_L1)
        return QUrl(u"http://localhost:8000"_s);
    return {};
}

bool isHealthyStatus(const QString &status)
{
    const QString s = status.trimmed().toLower();
    return s == "ok"_L1 || s == "healthy"_L1 || s == "ready"_L1 || s == "up"_L1;
}

bool isDegradedStatus(const QString &status)
{
    const QString s = status.trimmed().toLower();
    return s == "degraded"_L1 || s == "warn"_L1 || s == "warning"_L1;
}

int defaultLatencyBudgetMs(const QString &profile)
{
    Q_UNUSED(profile)
    // EchoPilot's manual sets 1000 ms; Bot Core's states none for a single check, so the
    // same budget applies until a workspace sets its own.
    return 1000;
}

} // namespace ph
