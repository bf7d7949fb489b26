// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

#include <optional>

namespace ph {

/// What an audit record is about. Stored by name (auditKindName()).
enum class AuditKind
{
    Command,      ///< a remote or local command ran (or failed to start)
    Confirmation, ///< a destructive action was confirmed
    Refusal,      ///< a destructive action was refused or cancelled
    HostKey,      ///< a host key was accepted or refused; detail says which
    Checklist,    ///< a checklist step or run finished; detail holds the outcome
    Incident,     ///< an incident was declared, updated or closed
};

/// "command", "confirmation", "refusal", "hostkey", "checklist", "incident".
QString auditKindName(AuditKind kind);
std::optional<AuditKind> auditKindFromName(const QString &name);

/// How a destructive action was confirmed.
enum class ConfirmedBy
{
    None,
    Dialog,    ///< the confirmation dialog
    Flag,      ///< the CLI's --confirm <environment>
    TypedName, ///< the user typed the host or environment name (production)
};

/// "", "dialog", "flag", "typed-name".
QString confirmedByName(ConfirmedBy by);
std::optional<ConfirmedBy> confirmedByFromName(const QString &name);

/**
 * What the caller hands to AuditLog::append(). Secrets must already be replaced by
 * placeholders or masked (maskSecrets()); the log stores exactly what it is given.
 */
struct AuditEvent
{
    AuditKind kind = AuditKind::Command;
    QString actor;       ///< OS user; empty = AuditLog::currentOsUser()
    QDateTime at;        ///< invalid = the time of append(); stored in UTC, milliseconds
    QString environment; ///< workspace environment name, e.g. "production"
    QString host;        ///< host alias or group; empty when none
    QString command;     ///< exactly what ran, secrets as placeholders
    std::optional<int> exitStatus;
    QString outputSha256; ///< lowercase hex SHA-256 of the output; empty when none
    QJsonObject detail;   ///< anything else (decision, step id, fingerprint...)
    ConfirmedBy confirmedBy = ConfirmedBy::None;

    bool operator==(const AuditEvent &) const = default;
};

/**
 * One stored record: the event as hashed, its place in the chain and its hashes.
 *
 * hash = lowercase hex of SHA-256(prevHash as 32 raw bytes || canonical record bytes);
 * the first record's prevHash is 64 zeros. The canonical record is canonicalJson() of
 * {"actor","at","command","confirmed_by","detail","environment","exit_status","host",
 * "kind","output_sha256","seq","v"} with "v" = 1, "at" as "yyyy-MM-ddTHH:mm:ss.zzzZ" (UTC),
 * "exit_status" an integer or null and every other member a string (or object for detail),
 * always all present.
 */
struct AuditRecord
{
    qint64 seq = 0;
    AuditEvent event; ///< event.at is set (UTC) and event.actor filled in
    QByteArray canonical;
    QString prevHash;
    QString hash;
};

namespace audit {

inline constexpr int kRecordVersion = 1;

/// The canonical record bytes of @p event (actor and at filled in) at position @p seq.
QByteArray canonicalRecord(qint64 seq, const AuditEvent &event);
/// Reads canonical record bytes back; fails on anything canonicalRecord() cannot produce.
Result<AuditRecord> parseRecord(const QByteArray &canonical);
/// 64 zeros: the previous hash of record 1.
QString genesisHash();
/// hash = hex(SHA-256(fromHex(prevHash) || canonical)).
QString chainHash(const QString &prevHash, const QByteArray &canonical);
/// Lowercase hex SHA-256 of @p data, for AuditEvent::outputSha256.
QString sha256Hex(const QByteArray &data);
/// True for exactly 64 lowercase hex digits.
bool isSha256Hex(const QString &text);

} // namespace audit

} // namespace ph
Q_DECLARE_METATYPE(ph::AuditEvent)
