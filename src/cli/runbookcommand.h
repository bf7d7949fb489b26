// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

} // namespace ph::cli
