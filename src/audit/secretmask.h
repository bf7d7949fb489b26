// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"

#include <QString>
#include <QStringList>

namespace ph {

/// What a masked secret reads as in the audit log, reports and exports.
inline const QString kSecretMask = QStringLiteral("\u2022\u2022\u2022");

/**
 * Replaces every occurrence of each of @p secrets in @p text with kSecretMask. Longer
 * secrets are replaced first, so a secret that contains another is hidden whole; empty
 * secrets are ignored.
 */
QString maskSecrets(const QString &text, const QStringList &secrets);

/// Masks @p secrets in the command, host, environment and every string (keys too) of the
/// detail of @p event.
AuditEvent maskSecrets(AuditEvent event, const QStringList &secrets);

} // namespace ph
