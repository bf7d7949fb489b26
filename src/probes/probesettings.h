// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QtGlobal>

namespace ph {

/// Limits shared by the probe engine and one-shot sweeps.
struct ProbeSettings
{
    int defaultIntervalMs = 15000;  ///< for services with intervalMs == 0
    int inactivityTimeoutMs = 5000; ///< no bytes for this long aborts the request
    int deadlineMs = 10000;         ///< a complete answer must arrive within this
    int maxInFlight = 256;          ///< requests running at once, over all services
    /// Each network manager opens at most 6 connections per host:port (Qt 6.4), so
    /// requests are spread over this many managers.
    int managerCount = 8;
    qint64 maxBodyBytes = 4 * 1024 * 1024;
    bool keepBodies = true; ///< false: bodies are judged, then dropped (sweeps)

    static ProbeSettings fromWorkspace(const Settings &s)
    {
        ProbeSettings p;
        p.defaultIntervalMs = s.probeIntervalMs;
        p.inactivityTimeoutMs = s.probeInactivityTimeoutMs;
        p.deadlineMs = s.probeDeadlineMs;
        return p;
    }
};

} // namespace ph
