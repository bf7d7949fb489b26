// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "core/error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace ph {

class Database;

/// Which records query() and exportCsv() return. Empty/invalid members do not filter.
struct AuditFilter
{
    QDateTime from; ///< at >= from
    QDateTime to;   ///< at < to
    QString environment;
    QString host;
    std::optional<AuditKind> kind;
    /// Case-insensitive substring of actor, environment, host, command or detail.
    QString text;
};

/// The outcome of AuditLog::verify().
struct VerifyReport
{
    bool ok = false;
    qint64 length = 0;          ///< records found in the chain
    qint64 firstBrokenSeq = -1; ///< -1 when ok; see AuditLog::verify()
    QString message;            ///< translated; names the record and what is wrong
};

/**
 * The append-only, hash-chained audit log in the local database (tables audit_log and
 * audit_seal).
 *
 * Each record carries the hash of the one before (see AuditRecord), so changing or
 * removing a record breaks the chain from there on. Because whoever can write the file can
 * also recompute every hash, the chain's length and head hash are also sealed with
 * HMAC-SHA256 under a key kept in the OS keychain (see obtainSealKey()); the seal row is
 * written in the same transaction as the record. The seal covers
 * "pilothouse-audit-seal-v1\n<length>\n<head hash>".
 *
 * append() takes SQLite's write lock before it reads the chain's tip (BEGIN IMMEDIATE),
 * so the GUI and the CLI appending at the same moment queue up and extend one chain.
 *
 * Usable from any thread (the Database hands each thread its own connection); blocking,
 * so never call it on the GUI thread.
 */
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(ph::AuditLog)

public:
    static constexpr int kSealKeySize = 32;

    /// @p sealKey: the HMAC key from the keychain; an empty key makes append() fail.
    AuditLog(std::shared_ptr<Database> database, QByteArray sealKey);

    /**
     * Appends @p event. Refuses ("audit.seal_mismatch") to extend a chain whose seal does
     * not match its tip, because sealing it again would hide a removed or rewritten tail;
     * verify() then says what is wrong.
     */
    Result<AuditRecord> append(const AuditEvent &event) const;

    /**
     * Walks the whole chain and checks the seal. firstBrokenSeq is the first record that
     * fails (a changed record, a broken link, a gap), the first missing record when the
     * end was cut off, or 1 when only the seal disagrees (the whole chain is suspect).
     * Errors only when the database cannot be read.
     */
    Result<VerifyReport> verify() const;

    /// Records matching @p filter, oldest first.
    Result<QList<AuditRecord>> query(const AuditFilter &filter = {}) const;

    /**
     * RFC 4180 CSV (UTF-8, CRLF, header row, quoted where needed) of the records matching
     * @p filter: seq, at, kind, actor, environment, host, command, exit_status,
     * output_sha256, confirmed_by, detail (canonical JSON), prev_hash, hash.
     */
    Result<QByteArray> exportCsv(const AuditFilter &filter = {}) const;

    /// The user name of this process's user (for AuditEvent::actor).
    static QString currentOsUser();
    /// The MAC stored in the seal row for @p length records ending in @p headHash.
    static QString sealMac(const QByteArray &key, qint64 length, const QString &headHash);

private:
    Result<AuditRecord> appendLocked(const AuditEvent &event) const;

    std::shared_ptr<Database> m_database;
    QByteArray m_sealKey;
};

} // namespace ph
