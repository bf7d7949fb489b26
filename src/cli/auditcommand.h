// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

class QTextStream;

namespace ph::cli {

/**
 * `pilothouse-cli audit verify [--database F] [--json] [--secret-stdin NAME]` and
 * `audit export [--csv] [--database F] [--from ISO] [--to ISO]`.
 *
 * verify walks the hash chain and checks its seal with the key from the keychain (service
 * "pilothouse", entry kSealKeyEntry); --secret-stdin audit-seal-key reads the Base64 key
 * from standard input instead, for cron. Exit codes: 0 intact, 1 broken (the first broken
 * record is named), 2 usage or an unreadable database, 5 keychain unavailable.
 * export prints the matching records as RFC 4180 CSV. Blocks: command-line use only.
 */
int runAuditCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace ph::cli
