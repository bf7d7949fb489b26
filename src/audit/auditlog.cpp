// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditlog.h"

#include "audit/canonicaljson.h"
#include "storage/database.h"

#include <QLoggingCategory>
#include <QMessageAuthenticationCode>
#include <QSqlQuery>

#include <limits>

#ifdef Q_OS_UNIX
#include <pwd.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAudit, "pilothouse.audit", QtInfoMsg)

namespace ph {

namespace {

struct Seal
{
    qint64 length = 0;
    QString headHash;
    QString mac;
};

// Compares without an early exit, so the time taken says nothing about where a forged MAC
// first differs.
bool equalMacs(const QString &a, const QString &b)
{
    if (a.size() != b.size())
        return false;
    char16_t diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= a.at(i).unicode() ^ b.at(i).unicode();
    return diff == 0;
}

Result<std::optional<Seal>> readSeal(const Database &db)
{
    auto query = db.run(db.dialect().selectAuditSeal);
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return std::optional<Seal>();
    return std::optional<Seal>(
        Seal{query->value(0).toLongLong(), query->value(1).toString(), query->value(2).toString()});
}

QByteArray csvField(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    if (utf8.contains(',') || utf8.contains('"') || utf8.contains('\r') || utf8.contains('\n')) {
        utf8.replace("\"", "\"\"");
        return '"' + utf8 + '"';
    }
    return utf8;
}

// Qt binds a null QString as SQL NULL; the filter columns are NOT NULL text.
QString notNull(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

bool matchesText(const AuditRecord &record, const QString &text)
{
    if (text.isEmpty())
        return true;
    const AuditEvent &e = record.event;
    for (const QString *field : {&e.actor, &e.environment, &e.host, &e.command}) {
        if (field->contains(text, Qt::CaseInsensitive))
            return true;
    }
    return QString::fromUtf8(canonicalJson(e.detail)).contains(text, Qt::CaseInsensitive);
}

} // namespace

AuditLog::AuditLog(std::shared_ptr<Database> database, QByteArray sealKey)
    : m_database(std::move(database))
    , m_sealKey(std::move(sealKey))
{
}

QString AuditLog::currentOsUser()
{
#ifdef Q_OS_UNIX
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
#endif
    for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
        const QString user = qEnvironmentVariable(name);
        if (!user.isEmpty())
            return user;
    }
    return u"unknown"_s;
}

QString AuditLog::sealMac(const QByteArray &key, qint64 length, const QString &headHash)
{
    const QByteArray message =
        "pilothouse-audit-seal-v1\n" + QByteArray::number(length) + '\n' + headHash.toLatin1();
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toHex());
}

Result<AuditRecord> AuditLog::append(const AuditEvent &event) const
{
    if (m_sealKey.isEmpty()) {
        return fail(u"audit.no_key"_s,
                    tr("The audit log's seal key is not available, so nothing was recorded. "
                       "Unlock the keychain and try again."));
    }
    if (!event.outputSha256.isEmpty() && !audit::isSha256Hex(event.outputSha256)) {
        return fail(u"audit.invalid"_s,
                    tr("The output digest of an audit record must be 64 lowercase hex digits "
                       "(SHA-256); nothing was recorded."),
                    u"outputSha256 has %1 characters"_s.arg(event.outputSha256.size()));
    }

    const SqlDialect &sql = m_database->dialect();
    if (auto begun = m_database->run(sql.beginWrite); !begun) {
        Error error = begun.error();
        error.code = u"audit.busy"_s;
        error.message = tr("The audit log stayed locked by another Pilothouse window or "
                           "command, so nothing was recorded. Try again in a moment.");
        return tl::unexpected(error);
    }
    Result<AuditRecord> record = appendLocked(event);
    if (record) {
        if (auto committed = m_database->run(sql.commitWrite); !committed)
            record = tl::unexpected(committed.error());
    }
    if (!record) {
        if (auto rolledBack = m_database->run(sql.rollbackWrite); !rolledBack)
            qCWarning(lcAudit) << "rollback failed:" << rolledBack.error().detail;
        return record;
    }
    qCDebug(lcAudit) << "appended record" << record->seq << auditKindName(record->event.kind);
    return record;
}

Result<AuditRecord> AuditLog::appendLocked(const AuditEvent &event) const
{
    const Database &db = *m_database;
    qint64 tipSeq = 0;
    QString tipHash = audit::genesisHash();
    {
        auto tip = db.run(db.dialect().selectAuditTip);
        if (!tip)
            return tl::unexpected(tip.error());
        if (tip->next()) {
            tipSeq = tip->value(0).toLongLong();
            tipHash = tip->value(1).toString();
        }
    }
    auto seal = readSeal(db);
    if (!seal)
        return tl::unexpected(seal.error());
    const bool sealHolds = *seal ? ((*seal)->length == tipSeq && (*seal)->headHash == tipHash &&
                                    equalMacs((*seal)->mac, sealMac(m_sealKey, tipSeq, tipHash)))
                                 : tipSeq == 0;
    if (!sealHolds) {
        return fail(u"audit.seal_mismatch"_s,
                    tr("The audit log's seal does not match its last record: records may have "
                       "been removed or rewritten, or the seal key in the keychain has "
                       "changed. Nothing was recorded; verify the audit log to see what is "
                       "wrong."),
                    u"tip %1"_s.arg(tipSeq));
    }

    AuditRecord record;
    record.seq = tipSeq + 1;
    record.event = event;
    const QDateTime at = event.at.isValid() ? event.at : QDateTime::currentDateTimeUtc();
    // Milliseconds are all the record keeps; the returned record must equal a read-back one.
    record.event.at = QDateTime::fromMSecsSinceEpoch(at.toMSecsSinceEpoch()).toUTC();
    if (record.event.actor.isEmpty())
        record.event.actor = currentOsUser();
    record.canonical = audit::canonicalRecord(record.seq, record.event);
    record.prevHash = tipHash;
    record.hash = audit::chainHash(tipHash, record.canonical);

    if (auto inserted = db.run(db.dialect().insertAuditRecord,
                               {{u"seq"_s, record.seq},
                                {u"at"_s, record.event.at.toMSecsSinceEpoch()},
                                {u"kind"_s, auditKindName(record.event.kind)},
                                {u"environment"_s, notNull(record.event.environment)},
                                {u"host"_s, notNull(record.event.host)},
                                {u"record_json"_s, QString::fromUtf8(record.canonical)},
                                {u"prev_hash"_s, record.prevHash},
                                {u"hash"_s, record.hash}});
        !inserted)
        return tl::unexpected(inserted.error());
    if (auto sealed = db.run(db.dialect().upsertAuditSeal,
                             {{u"length"_s, record.seq},
                              {u"head_hash"_s, record.hash},
                              {u"mac"_s, sealMac(m_sealKey, record.seq, record.hash)},
                              {u"sealed_at"_s, QDateTime::currentMSecsSinceEpoch()}});
        !sealed)
        return tl::unexpected(sealed.error());
    return record;
}

Result<VerifyReport> AuditLog::verify() const
{
    const Database &db = *m_database;
    VerifyReport report;
    auto broken = [&report](qint64 seq, QString message) {
        report.ok = false;
        report.firstBrokenSeq = seq;
        report.message = std::move(message);
    };

    // One read transaction: a record appended meanwhile by another process cannot make
    // the chain and the seal disagree.
    auto walked = db.transaction([&]() -> Result<void> {
        QString prevHash = audit::genesisHash();
        qint64 expected = 1;
        {
            auto rows = db.run(db.dialect().selectAuditChain);
            if (!rows)
                return tl::unexpected(rows.error());
            while (rows->next()) {
                const qint64 seq = rows->value(0).toLongLong();
                const QByteArray canonical = rows->value(5).toString().toUtf8();
                const QString storedPrev = rows->value(6).toString();
                const QString storedHash = rows->value(7).toString();
                if (seq != expected) {
                    broken(expected, tr("record %1: missing, the chain jumps from record %2 to "
                                        "record %3")
                                         .arg(expected)
                                         .arg(expected - 1)
                                         .arg(seq));
                    return {};
                }
                if (storedPrev != prevHash) {
                    broken(seq, tr("record %1: previous-hash link broken").arg(seq));
                    return {};
                }
                if (audit::chainHash(storedPrev, canonical) != storedHash) {
                    broken(seq, tr("record %1: hash does not match its contents").arg(seq));
                    return {};
                }
                // The hash vouches for the JSON; the filter columns beside it are copies
                // that must agree, or a record could be hidden from the Audit view.
                auto parsed = audit::parseRecord(canonical);
                if (!parsed || parsed->seq != seq ||
                    parsed->event.at.toMSecsSinceEpoch() != rows->value(1).toLongLong() ||
                    auditKindName(parsed->event.kind) != rows->value(2).toString() ||
                    parsed->event.environment != rows->value(3).toString() ||
                    parsed->event.host != rows->value(4).toString()) {
                    broken(seq,
                           tr("record %1: its stored columns do not match its contents").arg(seq));
                    return {};
                }
                prevHash = storedHash;
                report.length = seq;
                ++expected;
            }
        }

        auto seal = readSeal(db);
        if (!seal)
            return tl::unexpected(seal.error());
        if (m_sealKey.isEmpty()) {
            broken(1, tr("the seal cannot be checked: the audit log's seal key is not "
                         "available (unlock the keychain)"));
            return {};
        }
        if (!*seal) {
            if (report.length > 0)
                broken(1, tr("seal does not match: the seal is missing, the chain was "
                             "rewritten"));
            else
                report.ok = true;
            return {};
        }
        const Seal &s = **seal;
        if (!equalMacs(s.mac, sealMac(m_sealKey, s.length, s.headHash))) {
            broken(1, tr("seal does not match: the chain was rewritten, or the seal key is "
                         "not the one this log was sealed with"));
            return {};
        }
        if (s.length > report.length) {
            broken(report.length + 1, tr("chain ends at %1 but the seal says %2 records: "
                                         "records were removed from the end")
                                          .arg(report.length)
                                          .arg(s.length));
            return {};
        }
        if (s.length < report.length) {
            broken(s.length + 1, tr("chain has %1 records but the seal covers only %2: "
                                    "records after %2 were added without the seal key")
                                     .arg(report.length)
                                     .arg(s.length));
            return {};
        }
        if (s.headHash != prevHash) {
            broken(1, tr("seal does not match: the chain was rewritten"));
            return {};
        }
        report.ok = true;
        return {};
    });
    if (!walked)
        return tl::unexpected(walked.error());
    if (report.ok) {
        report.firstBrokenSeq = -1;
        report.message = tr("%n record(s), chain and seal intact", nullptr, int(report.length));
    } else {
        qCWarning(lcAudit) << "audit log verification failed:" << report.message;
    }
    return report;
}

Result<QList<AuditRecord>> AuditLog::query(const AuditFilter &filter) const
{
    const Database &db = *m_database;
    const qint64 from = filter.from.isValid() ? filter.from.toMSecsSinceEpoch()
                                              : std::numeric_limits<qint64>::min();
    const qint64 to =
        filter.to.isValid() ? filter.to.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
    auto rows = db.run(db.dialect().selectAuditRange,
                       {{u"from"_s, from},
                        {u"to"_s, to},
                        {u"any_kind"_s, filter.kind ? 0 : 1},
                        {u"kind"_s, filter.kind ? auditKindName(*filter.kind) : QString()},
                        {u"any_environment"_s, filter.environment.isEmpty() ? 1 : 0},
                        {u"environment"_s, filter.environment},
                        {u"any_host"_s, filter.host.isEmpty() ? 1 : 0},
                        {u"host"_s, filter.host}});
    if (!rows)
        return tl::unexpected(rows.error());
    QList<AuditRecord> records;
    while (rows->next()) {
        auto record = audit::parseRecord(rows->value(1).toString().toUtf8());
        if (!record) {
            Error error = record.error();
            error.detail = u"record %1: "_s.arg(rows->value(0).toLongLong()) + error.detail;
            return tl::unexpected(error);
        }
        record->prevHash = rows->value(2).toString();
        record->hash = rows->value(3).toString();
        if (matchesText(*record, filter.text))
            records.append(std::move(*record));
    }
    return records;
}

Result<QByteArray> AuditLog::exportCsv(const AuditFilter &filter) const
{
    auto records = query(filter);
    if (!records)
        return tl::unexpected(records.error());
    QByteArray csv = "seq,at,kind,actor,environment,host,command,exit_status,output_sha256,"
                     "confirmed_by,detail,prev_hash,hash\r\n";
    for (const AuditRecord &r : std::as_const(*records)) {
        const AuditEvent &e = r.event;
        const QStringList fields{QString::number(r.seq),
                                 e.at.toUTC().toString(Qt::ISODateWithMs),
                                 auditKindName(e.kind),
                                 e.actor,
                                 e.environment,
                                 e.host,
                                 e.command,
                                 e.exitStatus ? QString::number(*e.exitStatus) : QString(),
                                 e.outputSha256,
                                 confirmedByName(e.confirmedBy),
                                 QString::fromUtf8(canonicalJson(e.detail)),
                                 r.prevHash,
                                 r.hash};
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                csv.append(',');
            csv.append(csvField(fields.at(i)));
        }
        csv.append("\r\n");
    }
    return csv;
}

} // namespace ph
