// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

namespace ph {

/**
 * Where the probe engine hands every result, so history and uptime can be stored
 * without the engine knowing about the database. Called on the engine's thread.
 */
class ProbeSink
{
public:
    virtual ~ProbeSink() = default;
    virtual void record(const ProbeResult &result) = 0;
    virtual void recordStateChange(const ProbeResult &now, Verdict previous) = 0;
};

} // namespace ph
