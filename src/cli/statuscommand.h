// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace ph::cli {

/**
 * `pilothouse-cli status [--workspace F | --demo] [--env E] [--json] [--secret-stdin NAME]
 * [--database F]`:
 * probes the environment once and prints what every dashboard shows — health per
 * endpoint, SLOs with error budget, queues, backups with RPO and retention verdicts,
 * the Bot Core hosts' containers and disks judged by the alert tiers (a host that cannot
 * be asked says why), payout totals and active alerts with who acknowledged them (from the
 * console's database) — as text or one JSON document ("format": 1).
 * Returns the process exit code (0 all good, 1 something failing or breached).
 * Blocks on its own event loop: command-line use only.
 */
int runStatusCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace ph::cli
