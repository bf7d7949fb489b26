// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/sealkey.h"

#include "audit/auditlog.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace ph {

QByteArray generateSealKey()
{
    QByteArray key(AuditLog::kSealKeySize, Qt::Uninitialized);
    auto *words = reinterpret_cast<quint32 *>(key.data());
    QRandomGenerator::system()->fillRange(words, AuditLog::kSealKeySize / sizeof(quint32));
    return key;
}

Result<QByteArray> obtainSealKey(const SealKeyStore &keys)
{
    auto loaded = keys.load();
    if (!loaded)
        return tl::unexpected(loaded.error());
    if (*loaded) {
        const auto decoded = QByteArray::fromBase64Encoding(
            (*loaded)->toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.size() != AuditLog::kSealKeySize) {
            return fail(u"audit.bad_key"_s,
                        AuditLog::tr("The audit log's seal key in the keychain (%1) is damaged. "
                                     "Restore it from a backup of the keychain; Pilothouse "
                                     "does not replace it, because the existing log could "
                                     "then no longer be verified.")
                            .arg(kSealKeyEntry));
        }
        return decoded.decoded;
    }
    QByteArray key = generateSealKey();
    if (auto stored = keys.store(QString::fromLatin1(key.toBase64())); !stored)
        return tl::unexpected(stored.error());
    return key;
}

} // namespace ph
