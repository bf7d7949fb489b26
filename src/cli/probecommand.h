// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace ph::cli {

/**
 * `pilothouse-cli probe [--workspace F | --demo] [--env E] [--json] [--secret-stdin NAME]`:
 * one sweep over every probed endpoint; a table or one JSON document ("format": 1).
 * Returns the process exit code. Blocks on its own event loop: command-line use only.
 */
int runProbeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace ph::cli
