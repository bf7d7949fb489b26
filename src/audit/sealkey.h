// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <optional>

namespace ph {

/**
 * Where the audit log's seal key lives: in the application, an adapter over SecretStore
 * (entry kSealKeyEntry); in tests, a map. The key is stored as Base64 text, because
 * keychain entries hold text.
 *
 * load answers std::nullopt when the entry is not set (SecretStore's "keychain.not_found")
 * and an error for anything else, so a locked keychain never leads to a new key.
 */
struct SealKeyStore
{
    std::function<Result<std::optional<QString>>()> load;
    std::function<Result<void>(const QString &)> store;
};

/// The keychain entry (purpose) of the seal key.
inline const QString kSealKeyEntry = QStringLiteral("audit-seal-key");

/// 32 bytes from the system's cryptographic random source.
QByteArray generateSealKey();

/**
 * Loads the seal key, or on first use generates one and stores it. A stored value that is
 * not Base64 of 32 bytes is an error and is never overwritten (that would make the existing
 * log unverifiable). Blocking if @p keys is; keep it off the GUI thread.
 */
Result<QByteArray> obtainSealKey(const SealKeyStore &keys);

} // namespace ph
