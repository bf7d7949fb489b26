// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runbooks/runbook.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace ph {

/// The verdict on one step's outcome: passed, or the first reason it did not.
struct ExpectationResult
{
    bool passed = false;
    QString reason; ///< translated; empty when passed
};

/**
 * Checks a step's outcome against its expectations. Whatever was not measured is passed
 * as std::nullopt / empty. Defaults when the runbook says nothing: a measured exit status
 * must be 0, and a measured HTTP status must be 2xx. expect.json reads
 * "<JSON pointer> <op> <value>" with op one of < <= > >= == != and a number, a quoted
 * string, true, false or null as the value ("/depth < 50", "/status == \"ok\""); clauses
 * joined by "&&" must all hold ("/depth < 50 && /failed_ratio < 0.05").
 * A malformed expectation fails the step with a reason that says what is wrong with it.
 */
ExpectationResult evaluateExpectations(const StepExpectations &expectations,
                                       std::optional<int> exitStatus, const QString &output,
                                       std::optional<int> httpStatus, std::optional<int> latencyMs,
                                       const QByteArray &jsonBody);

} // namespace ph
