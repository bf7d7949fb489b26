// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sim/simdata.h"
#include "sim/simfault.h"

#include <QHash>
#include <QList>
#include <QString>

namespace ph {

/// What every simulated service and the control endpoint share: figures, key, faults, health.
struct SimulatorState
{
    SimData data{0};
    QString dashKey;
    bool jitter = true;
    QList<SimFault> faults;
    QHash<QString, QString> health; ///< service -> "ok" / "degraded" / "down"

    /// The most recently injected fault that applies, or nullptr.
    const SimFault *faultFor(const QString &service, const QString &path) const
    {
        for (auto it = faults.crbegin(); it != faults.crend(); ++it) {
            if (it->matches(service, path))
                return &*it;
        }
        return nullptr;
    }

    QString healthOf(const QString &service) const
    {
        return health.value(service, QStringLiteral("ok"));
    }
};

} // namespace ph
