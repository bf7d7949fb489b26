// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/auditcommand.h"

#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "cli/exitcodes.h"
#include "secrets/secretstore.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace ph::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AuditCommand", text);
}

void usage(QTextStream &stream)
{
    stream << tr("Usage: pilothouse-cli audit SUBCOMMAND [options]\n\n"
                 "Subcommands:\n"
                 "  verify [--database F] [--json] [--secret-stdin audit-seal-key]\n"
                 "                        check the hash chain and its seal\n"
                 "  export [--csv] [--database F] [--from ISO] [--to ISO]\n"
                 "                        print the records as CSV\n");
}

/// Opens an existing database: checking a log must never create an empty one in its place.
Result<std::shared_ptr<Database>> openExisting(const QString &given)
{
    const QString path = given.isEmpty() ? Database::defaultPath() : given;
    if (!QFileInfo::exists(path)) {
        return fail(
            u"cli.no_database"_s,
            tr("There is no Pilothouse database at %1. Name one with --database FILE.").arg(path));
    }
    return Database::open(path);
}

/// "2024-03-01", "2024-03-01T09:00" (UTC) or with an offset ("...+02:00", "...Z").
QDateTime parseIsoTime(const QString &text)
{
    QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!at.isValid()) {
        const QDate day = QDate::fromString(text, Qt::ISODate);
        if (day.isValid())
            at = day.startOfDay(QTimeZone::utc());
    }
    // The log is kept in UTC, so a time without an offset means UTC here too, whatever
    // the machine's time zone: the same command gives the same export on every host.
    if (at.isValid() && at.timeSpec() == Qt::LocalTime)
        at.setTimeZone(QTimeZone::utc());
    return at;
}

Result<QByteArray> decodeSealKey(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != AuditLog::kSealKeySize) {
        return fail(u"audit.bad_key"_s,
                    tr("The seal key given for %1 is not the Base64 text of a %2-byte key, as "
                       "stored in the keychain.")
                        .arg(kSealKeyEntry)
                        .arg(AuditLog::kSealKeySize));
    }
    return decoded.decoded;
}

int runVerify(const QCommandLineParser &parser, const QCommandLineOption &dbOpt,
              const QCommandLineOption &jsonOpt, const QCommandLineOption &stdinOpt,
              QTextStream &out, QTextStream &err)
{
    QByteArray key;
    bool keyMissing = false;
    if (parser.isSet(stdinOpt)) {
        if (parser.value(stdinOpt) != kSealKeyEntry) {
            err << tr("audit verify reads only the seal key from standard input: use "
                      "--secret-stdin %1.")
                       .arg(kSealKeyEntry)
                << '\n';
            return ExitUsage;
        }
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << tr("Could not read standard input.") << '\n';
            return ExitUsage;
        }
        auto decoded = decodeSealKey(QString::fromLatin1(in.readAll()));
        if (!decoded) {
            err << decoded.error().message << '\n';
            return ExitUsage;
        }
        key = *decoded;
    }

    auto db = openExisting(parser.value(dbOpt));
    if (!db) {
        err << db.error().toString() << '\n';
        return ExitUsage;
    }

    if (!parser.isSet(stdinOpt)) {
        SecretStore store(u"pilothouse"_s);
        auto stored = store.readBlocking(kSealKeyEntry);
        if (stored) {
            auto decoded = decodeSealKey(*stored);
            if (!decoded) {
                err << decoded.error().message << '\n';
                return ExitCheckFailed;
            }
            key = *decoded;
        } else if (stored.error().code == u"keychain.not_found"_s) {
            keyMissing = true;
        } else {
            err << stored.error().toString() << '\n'
                << tr("For cron, pass the key with --secret-stdin %1.").arg(kSealKeyEntry) << '\n';
            return ExitKeychainUnavailable;
        }
    }

    const AuditLog log(*db, key);
    VerifyReport report;
    if (keyMissing) {
        // Nothing has been sealed yet when nothing was ever logged: that is not a failure.
        auto records = log.query();
        if (!records) {
            err << records.error().toString() << '\n';
            return ExitUsage;
        }
        if (records->isEmpty()) {
            report.ok = true;
        } else {
            auto verified = log.verify();
            if (!verified) {
                err << verified.error().toString() << '\n';
                return ExitUsage;
            }
            report = *verified;
            report.ok = false;
        }
    } else {
        auto verified = log.verify();
        if (!verified) {
            err << verified.error().toString() << '\n';
            return ExitUsage;
        }
        report = *verified;
    }

    if (parser.isSet(jsonOpt)) {
        const QJsonObject doc{
            {u"format"_s, 1},
            {u"database"_s, (*db)->path()},
            {u"ok"_s, report.ok},
            {u"records"_s, report.length},
            {u"first_broken"_s,
             report.ok ? QJsonValue() : QJsonValue(qint64(report.firstBrokenSeq))},
            {u"message"_s, report.message.isEmpty() ? QJsonValue() : QJsonValue(report.message)},
        };
        out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else if (report.ok) {
        out << tr("audit chain intact: %1 records").arg(report.length) << '\n';
    } else {
        out << tr("audit chain BROKEN: %1").arg(report.message) << '\n';
    }
    return report.ok ? ExitOk : ExitCheckFailed;
}

int runExport(const QCommandLineParser &parser, const QCommandLineOption &dbOpt,
              const QCommandLineOption &fromOpt, const QCommandLineOption &toOpt, QTextStream &out,
              QTextStream &err)
{
    AuditFilter filter;
    const std::pair<const QCommandLineOption *, QDateTime *> bounds[] = {{&fromOpt, &filter.from},
                                                                         {&toOpt, &filter.to}};
    for (const auto &[option, target] : bounds) {
        if (!parser.isSet(*option))
            continue;
        *target = parseIsoTime(parser.value(*option));
        if (!target->isValid()) {
            err << tr("--%1 \"%2\" is not an ISO 8601 date or time; write e.g. 2024-03-01 or "
                      "2024-03-01T09:00Z.")
                       .arg(option->names().constFirst(), parser.value(*option))
                << '\n';
            return ExitUsage;
        }
    }
    auto db = openExisting(parser.value(dbOpt));
    if (!db) {
        err << db.error().toString() << '\n';
        return ExitUsage;
    }
    // Reading needs no seal key; only append() and the seal check do.
    const AuditLog log(*db, {});
    auto csv = log.exportCsv(filter);
    if (!csv) {
        err << csv.error().toString() << '\n';
        return ExitUsage;
    }
    out.flush();
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly) || stdoutFile.write(*csv) != csv->size()) {
        err << tr("Could not write to standard output.") << '\n';
        return ExitUsage;
    }
    return ExitOk;
}

} // namespace

int runAuditCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList args = arguments;
    const QString sub = args.size() > 1 ? args.takeAt(1) : QString();
    if (sub.isEmpty() || sub == u"--help"_s || sub == u"-h"_s) {
        usage(sub.isEmpty() ? err : out);
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }
    if (sub != u"verify"_s && sub != u"export"_s) {
        err << tr("Unknown audit subcommand \"%1\".").arg(sub) << '\n';
        usage(err);
        return ExitUsage;
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption dbOpt(
        {u"d"_s, u"database"_s},
        tr("The database FILE (default: %1).").arg(Database::defaultPath()), tr("FILE"));
    const QCommandLineOption jsonOpt(u"json"_s, tr("Print one JSON document."));
    const QCommandLineOption stdinOpt(
        u"secret-stdin"_s, tr("Read the keychain entry NAME from standard input."), tr("NAME"));
    const QCommandLineOption csvOpt(u"csv"_s, tr("Export as CSV (the default)."));
    const QCommandLineOption fromOpt(u"from"_s, tr("Only records at or after ISO."), tr("ISO"));
    const QCommandLineOption toOpt(u"to"_s, tr("Only records before ISO."), tr("ISO"));
    parser.addOption(dbOpt);
    if (sub == u"verify"_s) {
        parser.setApplicationDescription(tr("Check the audit log's hash chain and seal."));
        parser.addOptions({jsonOpt, stdinOpt});
    } else {
        parser.setApplicationDescription(tr("Export the audit log."));
        parser.addOptions({csvOpt, fromOpt, toOpt});
    }
    if (!parser.parse(args)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst())
            << '\n';
        return ExitUsage;
    }
    if (sub == u"verify"_s)
        return runVerify(parser, dbOpt, jsonOpt, stdinOpt, out, err);
    return runExport(parser, dbOpt, fromOpt, toOpt, out, err);
}

} // namespace ph::cli
