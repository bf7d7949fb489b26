// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace ph::cli {

/**
 * `pilothouse-cli exec (--host H… | --group G) [--workspace F | --demo] [--env E] [--json]
 * [--identity FILE] [--known-hosts FILE] [--concurrency N] [--accept-new-host-key]
 * [--confirm ENV…] [--timeout S] [--database F] [--secret-stdin audit-seal-key] -- CMD`
 *
 * Runs CMD on every host at once (at most --concurrency, default 32) and prints one block
 * per host and an outcome matrix, or with --json one document
 * {"format":1,"command":…,"hosts":[{host,outcome,exit_status,stdout,stderr,duration_ms}]}.
 *
 * --host takes a workspace host name or `[user@]address[:port]` (ad-hoc, environment
 * "ad-hoc"); --group needs a workspace. Unknown host keys are refused unless
 * --accept-new-host-key. A destructive command runs only with --confirm naming every
 * environment it touches. The confirmation or refusal and every host's command (exit
 * status, SHA-256 of the output) go to the audit log; without a usable keychain for the
 * log's seal key nothing runs.
 *
 * Exit codes: 0 every host ok, 1 a host failed, 2 usage or configuration, 4 refused
 * (missing confirmation, or a host key refused), 5 keychain unavailable.
 */
int runExecCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace ph::cli
