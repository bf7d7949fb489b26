// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QString>

class QCommandLineParser;

namespace ph {

/// How `pilothouse-sim` was asked to run: seed, dashboard key, synthetic load, latency.
struct SimulatorConfig
{
    quint64 seed = 0;
    bool seeded = false; ///< false: a random seed is drawn at start
    QString dashKey = QStringLiteral("demo-dash-key");
    int syntheticServices = 0;
    int endpointsPerService = 1;
    bool jitter = true;
    bool exitWithParent = false;

    /// Declares --seed, --key, --services, --endpoints-per-service, --no-jitter,
    /// --exit-with-parent.
    static void addOptions(QCommandLineParser &parser);
    /// Reads the options declared by addOptions(); the error names the bad option.
    static Result<SimulatorConfig> fromParser(const QCommandLineParser &parser);
};

} // namespace ph
