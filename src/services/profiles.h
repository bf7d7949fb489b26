// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace ph {

/**
 * @file
 * The built-in service profiles: which endpoints EchoPilot and the Bot Core components
 * expose (see API-CONTRACT.md), and how their health bodies read. A workspace service
 * names a profile; the loader starts from these endpoints and applies its overrides.
 */

/// "echopilot", "botcore" and "generic", in that order.
QStringList knownProfiles();

/// True when @p profile is one of knownProfiles().
bool isKnownProfile(const QString &profile);

/// The components a profile needs one of ("botcore": the two services); empty = none.
QStringList profileComponents(const QString &profile);

/**
 * The default endpoints of a profile (and component, for "botcore"). Unknown profiles,
 * "generic" and a "botcore" without a known component give an empty list.
 */
QList<EndpointSpec> profileEndpoints(const QString &profile, const QString &component = {});

/// The base URL a profile's service listens on by default (on its own host), or empty.
QUrl defaultBaseUrl(const QString &profile, const QString &component = {});

/// "ok", "healthy", "ready" and "up" (any case): the service says it is fine.
bool isHealthyStatus(const QString &status);

/// "degraded", "warn" and "warning" (any case): answered, but a warning (amber).
bool isDegradedStatus(const QString &status);

/// The latency budget of a health check when the workspace sets none (1000 ms).
int defaultLatencyBudgetMs(const QString &profile);

} // namespace ph
