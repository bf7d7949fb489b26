// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/observation.h"

#include "probes/proberesult.h"

using namespace Qt::StringLiterals;

namespace ph {

Observation Observation::number(const QString &service, const QString &metric, double value,
                                const QDateTime &at)
{
    return Observation{service, metric, value, at, false};
}

Observation Observation::flag(const QString &service, const QString &metric, bool value,
                              const QDateTime &at)
{
    return Observation{service, metric, value ? 1.0 : 0.0, at, false};
}

Observation Observation::staleInput(const QString &service, const QString &metric,
                                    const QDateTime &at)
{
    return Observation{service, metric, 0, at, true};
}

QList<Observation> observationsFromHealthProbe(const ProbeResult &result)
{
    if (result.endpoint != "health"_L1 || result.verdict == Verdict::Unknown)
        return {};
    const QString up = u"service.up"_s;
    const QString ok = u"health.ok"_s;
    if (result.verdict == Verdict::Stale)
        return {Observation::staleInput(result.service, up, result.checkedAt),
                Observation::staleInput(result.service, ok, result.checkedAt)};
    // A Fail was answered: the service is up but unhealthy. Only Down means gone.
    const bool isUp = result.verdict != Verdict::Down;
    const bool isOk = result.verdict == Verdict::Pass || result.verdict == Verdict::Warn;
    return {Observation::flag(result.service, up, isUp, result.checkedAt),
            Observation::flag(result.service, ok, isOk, result.checkedAt)};
}

} // namespace ph
