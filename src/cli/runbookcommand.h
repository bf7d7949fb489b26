// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QStringList>

class QTextStream;

namespace ph::cli {

/**
 * `pilothouse-cli runbook import FILE [--json]`, `runbook list [--workspace F | --demo]
 * [--json]`, `runbook show NAME [--workspace F | --demo] [--json]` and `runbook run`.
 *
 * import parses any Markdown manual; list and show offer the runbooks `run` finds by name:
 * those of the workspace's runbook folders (named by their path in the folder) first, then
 * the built-in ones, named by their path under resources/runbooks without ".md"
 * ("echopilot/daily"). --json prints one document with "format": 1; without it a summary a
 * person can read. Returns the process exit code: 0 ok, 2 usage error or a file that cannot
 * be read.
 */
int runRunbookCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

/**
 * The exit code (PRODUCT.md §9) of `runbook run` when a step could not run because of
 * @p error: 4 refused (host key, missing --confirm), 3 needs a person (manual step, a
 * secret nobody can be asked for), 5 keychain unavailable, 2 a runbook or workspace to fix,
 * and 1 for every other failure (unreachable host, tunnel, login, lost connection).
 */
int runbookExitCodeFor(const Error &error);

} // namespace ph::cli
