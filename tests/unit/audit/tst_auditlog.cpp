// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditlog.h"
#include "audit/canonicaljson.h"
#include "audit/sealkey.h"
#include "audit/secretmask.h"
#include "storage/database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;
using ph::AuditEvent;
using ph::AuditFilter;
using ph::AuditKind;
using ph::AuditLog;
using ph::AuditRecord;
using ph::ConfirmedBy;
using ph::Database;

Q_DECLARE_METATYPE(std::optional<AuditKind>)

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        const auto r_ = (expr);                                                                    \
        QVERIFY2(bool(r_), r_ ? "" : qPrintable(r_.error().toString()));                           \
    } while (false)

namespace {

const QByteArray kKey =
    QByteArray::fromHex("8f3a1c5e7b9d2f4a6c8e0b1d3f5a7c9e2b4d6f8a0c1e3b5d7f9a2c4e6b8d0f1a");
const QByteArray kOtherKey(32, 'x');
const QDateTime t0(QDate(2024, 3, 1), QTime(9, 0), QTimeZone::utc());

AuditEvent sampleEvent(int i, const QString &environment = u"production"_s,
                       const QString &host = u"db-1"_s, AuditKind kind = AuditKind::Command)
{
    AuditEvent e;
    e.kind = kind;
    e.actor = u"oncall"_s;
    e.at = t0.addSecs(60 * i);
    e.environment = environment;
    e.host = host;
    e.command = u"systemctl restart echopilot --step %1"_s.arg(i);
    e.exitStatus = i % 3;
    e.outputSha256 = ph::audit::sha256Hex(QByteArray::number(i));
    e.detail = QJsonObject{{u"step"_s, i}, {u"note"_s, u"Zürich ✓"_s}};
    return e;
}

// Runs SQL an attacker with write access to the file could run; not part of the product,
// so it stays here rather than in the dialect.
bool exec(const std::shared_ptr<Database> &db, const QString &sql)
{
    auto connection = db->connection();
    if (!connection)
        return false;
    QSqlQuery query(*connection);
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return false;
    }
    return true;
}

bool dropGuards(const std::shared_ptr<Database> &db)
{
    return exec(db, u"DROP TRIGGER audit_log_no_update"_s) &&
           exec(db, u"DROP TRIGGER audit_log_no_delete"_s);
}

qint64 rowCount(const std::shared_ptr<Database> &db)
{
    auto connection = db->connection();
    QSqlQuery query(*connection);
    if (!query.exec(u"SELECT COUNT(*) FROM audit_log"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

QString column(const std::shared_ptr<Database> &db, qint64 seq, const QString &name)
{
    auto connection = db->connection();
    QSqlQuery query(*connection);
    query.prepare(u"SELECT "_s + name + u" FROM audit_log WHERE seq = :seq"_s);
    query.bindValue(u":seq"_s, seq);
    if (!query.exec() || !query.next())
        return {};
    return query.value(0).toString();
}

bool setColumn(const std::shared_ptr<Database> &db, qint64 seq, const QString &name,
               const QVariant &value)
{
    auto connection = db->connection();
    QSqlQuery query(*connection);
    query.prepare(u"UPDATE audit_log SET "_s + name + u" = :value WHERE seq = :seq"_s);
    query.bindValue(u":value"_s, value);
    query.bindValue(u":seq"_s, seq);
    return query.exec() && query.numRowsAffected() == 1;
}

} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void canonicalJson_data();
    void canonicalJson();
    void recordFormatIsExact();

    void appendAndVerify();
    void emptyLogVerifies();
    void tableIsAppendOnly();
    void tamperedRecordFoundAtThatRecord_data();
    void tamperedRecordFoundAtThatRecord();
    void removedMiddleRecordFound();
    void removedLastRecordFoundBySeal();
    void rewrittenChainFoundBySeal_data();
    void rewrittenChainFoundBySeal();
    void wrongKeyReportsSealMismatch();
    void appendRefusesBrokenSeal();
    void badInputIsRefused_data();
    void badInputIsRefused();

    void twoHandlesOnTwoThreadsKeepOneChain();
    void secondProcessKeepsOneChain();

    void queryFilters_data();
    void queryFilters();
    void csvExportQuotes();

    void maskText_data();
    void maskText();
    void maskEvent();

    void sealKeyCreatedOnFirstUse();
    void damagedSealKeyIsNotReplaced();
    void keychainErrorIsPassedOn();

private:
    std::shared_ptr<Database> openDb(const QString &name = u"audit.sqlite"_s);
    void fill(const AuditLog &log, int count);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAuditLog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAuditLog::cleanup()
{
    m_dir.reset();
}

std::shared_ptr<Database> TestAuditLog::openDb(const QString &name)
{
    auto db = Database::open(m_dir->filePath(name));
    if (!db) {
        qWarning() << db.error().toString();
        return {};
    }
    return *db;
}

void TestAuditLog::fill(const AuditLog &log, int count)
{
    for (int i = 1; i <= count; ++i)
        VERIFY_OK(log.append(sampleEvent(i)));
}

void TestAuditLog::canonicalJson_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("sorted keys, no spaces")
        << QJsonValue(QJsonObject{{u"b"_s, 1}, {u"a"_s, true}, {u"B"_s, QJsonValue()}})
        << QByteArray(R"({"B":null,"a":true,"b":1})");
    QTest::newRow("nested") << QJsonValue(QJsonObject{
                                   {u"z"_s, QJsonArray{3, u"x"_s, QJsonObject{{u"k"_s, false}}}},
                                   {u"a"_s, QJsonObject{}}})
                            << QByteArray(R"({"a":{},"z":[3,"x",{"k":false}]})");
    QTest::newRow("escapes") << QJsonValue(u"q\" b\\ n\n t\t c\x01 / \x7f"_s)
                             << QByteArray("\"q\\\" b\\\\ n\\n t\\t c\\u0001 / \x7f\"");
    QTest::newRow("utf-8 raw") << QJsonValue(u"Zürich ✓ 😀"_s)
                               << QByteArray("\"Z\xc3\xbcrich \xe2\x9c\x93 \xf0\x9f\x98\x80\"");
    QTest::newRow("integers") << QJsonValue(QJsonArray{0, -0.0, 42, -7, 9007199254740991.0})
                              << QByteArray("[0,0,42,-7,9007199254740991]");
    QTest::newRow("fractions") << QJsonValue(QJsonArray{1.5, 0.1, -2.25, 1e300})
                               << QByteArray("[1.5,0.1,-2.25,1e+300]");
    // UTF-16 order: U+FF21 sorts after U+00E9 and both after ASCII.
    QTest::newRow("key order by UTF-16")
        << QJsonValue(QJsonObject{{u"\uff21"_s, 1}, {u"\u00e9"_s, 2}, {u"z"_s, 3}})
        << QByteArray("{\"z\":3,\"\xc3\xa9\":2,\"\xef\xbc\xa1\":1}");
}

void TestAuditLog::canonicalJson()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(ph::canonicalJson(value), expected);
}

void TestAuditLog::recordFormatIsExact()
{
    AuditEvent e;
    e.kind = AuditKind::Confirmation;
    e.actor = u"alice"_s;
    e.at = QDateTime(QDate(2024, 3, 1), QTime(9, 0, 5, 250), QTimeZone::utc());
    e.environment = u"production"_s;
    e.host = u"db-1"_s;
    e.command = u"mongorestore --drop"_s;
    e.confirmedBy = ConfirmedBy::TypedName;
    const QByteArray canonical = ph::audit::canonicalRecord(7, e);
    QCOMPARE(
        canonical,
        QByteArray(R"({"actor":"alice","at":"2024-03-01T09:00:05.250Z",)"
                   R"("command":"mongorestore --drop","confirmed_by":"typed-name",)"
                   R"("detail":{},"environment":"production","exit_status":null,)"
                   R"("host":"db-1","kind":"confirmation","output_sha256":"","seq":7,"v":1})"));
    auto parsed = ph::audit::parseRecord(canonical);
    VERIFY_OK(parsed);
    QCOMPARE(parsed->seq, 7);
    QCOMPARE(parsed->event, e);

    // Same content, other spacing: not a record this format wrote.
    QByteArray spaced = canonical;
    spaced.replace(",\"v\":1}", ", \"v\":1}");
    QCOMPARE(ph::audit::parseRecord(spaced).error().code, u"audit.bad_record"_s);

    // hash = SHA-256(previous hash as raw bytes || record bytes)
    const QString prev = ph::audit::sha256Hex("previous");
    QCOMPARE(ph::audit::chainHash(prev, canonical),
             ph::audit::sha256Hex(QByteArray::fromHex(prev.toLatin1()) + canonical));
    QCOMPARE(ph::audit::genesisHash(), QString(64, u'0'));
}

void TestAuditLog::appendAndVerify()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    QList<AuditRecord> appended;
    for (int i = 1; i <= 5; ++i) {
        auto record = log.append(sampleEvent(i));
        VERIFY_OK(record);
        QCOMPARE(record->seq, i);
        appended.append(*record);
    }
    QCOMPARE(appended.first().prevHash, ph::audit::genesisHash());
    for (int i = 1; i < appended.size(); ++i)
        QCOMPARE(appended.at(i).prevHash, appended.at(i - 1).hash);

    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->message));
    QCOMPARE(report->length, 5);
    QCOMPARE(report->firstBrokenSeq, -1);

    auto records = log.query();
    VERIFY_OK(records);
    QCOMPARE(records->size(), 5);
    for (int i = 0; i < 5; ++i) {
        QCOMPARE(records->at(i).event, appended.at(i).event);
        QCOMPARE(records->at(i).event, sampleEvent(i + 1));
        QCOMPARE(records->at(i).hash, appended.at(i).hash);
        QCOMPARE(records->at(i).canonical, appended.at(i).canonical);
    }

    // Without an actor or time the OS user and now are recorded.
    AuditEvent bare;
    bare.kind = AuditKind::HostKey;
    bare.host = u"db-2"_s;
    bare.detail = QJsonObject{{u"decision"_s, u"refused"_s}};
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    auto record = log.append(bare);
    VERIFY_OK(record);
    QCOMPARE(record->event.actor, AuditLog::currentOsUser());
    QVERIFY(!record->event.actor.isEmpty());
    QVERIFY(record->event.at >= before);
    QVERIFY(record->event.at <= QDateTime::currentDateTimeUtc());
    QCOMPARE(record->event.at.timeSpec(), Qt::UTC);
    QVERIFY(log.verify()->ok);
}

void TestAuditLog::emptyLogVerifies()
{
    auto db = openDb();
    QVERIFY(db);
    auto report = AuditLog(db, kKey).verify();
    VERIFY_OK(report);
    QVERIFY(report->ok);
    QCOMPARE(report->length, 0);
}

void TestAuditLog::tableIsAppendOnly()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 2);
    QVERIFY(!setColumn(db, 1, u"host"_s, u"elsewhere"_s));
    QVERIFY(!exec(db, u"DELETE FROM audit_log WHERE seq = 2"_s));
    QCOMPARE(rowCount(db), 2);
    QVERIFY(log.verify()->ok);
}

void TestAuditLog::tamperedRecordFoundAtThatRecord_data()
{
    QTest::addColumn<int>("seq");
    QTest::addColumn<QString>("columnName");
    QTest::addColumn<QString>("expected");

    for (int seq : {1, 4, 7}) {
        QTest::addRow("record_json %d", seq)
            << seq << u"record_json"_s << u"record %1: hash does not match its contents"_s.arg(seq);
        QTest::addRow("hash %d", seq)
            << seq << u"hash"_s << u"record %1: hash does not match its contents"_s.arg(seq);
        QTest::addRow("prev_hash %d", seq)
            << seq << u"prev_hash"_s << u"record %1: previous-hash link broken"_s.arg(seq);
        QTest::addRow("environment %d", seq)
            << seq << u"environment"_s
            << u"record %1: its stored columns do not match its contents"_s.arg(seq);
    }
}

void TestAuditLog::tamperedRecordFoundAtThatRecord()
{
    QFETCH(int, seq);
    QFETCH(QString, columnName);
    QFETCH(QString, expected);

    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 7);
    QVERIFY(log.verify()->ok);

    // Flip one bit of one byte, in the middle of the stored value.
    QByteArray value = column(db, seq, columnName).toUtf8();
    QVERIFY(!value.isEmpty());
    value[value.size() / 2] = char(value.at(value.size() / 2) ^ 0x01);
    QVERIFY(dropGuards(db));
    QVERIFY(setColumn(db, seq, columnName, QString::fromUtf8(value)));

    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QCOMPARE(report->firstBrokenSeq, seq);
    QCOMPARE(report->message, expected);
    QCOMPARE(report->length, seq - 1);
}

void TestAuditLog::removedMiddleRecordFound()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 5);
    QVERIFY(dropGuards(db));
    QVERIFY(exec(db, u"DELETE FROM audit_log WHERE seq = 3"_s));
    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QCOMPARE(report->firstBrokenSeq, 3);
    QCOMPARE(report->message, u"record 3: missing, the chain jumps from record 2 to record 4"_s);
}

void TestAuditLog::removedLastRecordFoundBySeal()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 42);
    QVERIFY(dropGuards(db));
    QVERIFY(exec(db, u"DELETE FROM audit_log WHERE seq = 42"_s));
    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QCOMPARE(report->length, 41);
    QCOMPARE(report->firstBrokenSeq, 42);
    QCOMPARE(report->message,
             u"chain ends at 41 but the seal says 42 records: records were removed from the end"_s);
}

void TestAuditLog::rewrittenChainFoundBySeal_data()
{
    QTest::addColumn<QString>("sealing");
    QTest::newRow("seal left alone") << u"keep"_s;
    QTest::newRow("seal forged with another key") << u"forge"_s;
    QTest::newRow("seal removed") << u"remove"_s;
}

void TestAuditLog::rewrittenChainFoundBySeal()
{
    QFETCH(QString, sealing);
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 6);

    // The attacker knows the format and hashes but not the key: record 3 loses its
    // "restart", every hash from there on is recomputed, so the chain alone looks intact.
    QVERIFY(dropGuards(db));
    QString prev = column(db, 2, u"hash"_s);
    for (int seq = 3; seq <= 6; ++seq) {
        auto record = ph::audit::parseRecord(column(db, seq, u"record_json"_s).toUtf8());
        VERIFY_OK(record);
        if (seq == 3)
            record->event.command = u"systemctl status echopilot"_s;
        const QByteArray canonical = ph::audit::canonicalRecord(seq, record->event);
        const QString hash = ph::audit::chainHash(prev, canonical);
        QVERIFY(setColumn(db, seq, u"record_json"_s, QString::fromUtf8(canonical)));
        QVERIFY(setColumn(db, seq, u"prev_hash"_s, prev));
        QVERIFY(setColumn(db, seq, u"hash"_s, hash));
        prev = hash;
    }
    if (sealing == u"forge"_s) {
        QVERIFY(exec(db, u"UPDATE audit_seal SET head_hash = '%1', mac = '%2'"_s.arg(
                             prev, AuditLog::sealMac(kOtherKey, 6, prev))));
    } else if (sealing == u"remove"_s) {
        QVERIFY(exec(db, u"DELETE FROM audit_seal"_s));
    }

    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QCOMPARE(report->length, 6); // every link and hash holds
    QCOMPARE(report->firstBrokenSeq, 1);
    QVERIFY2(report->message.startsWith(u"seal does not match: "_s), qPrintable(report->message));
    QVERIFY2(report->message.contains(u"the chain was rewritten"_s), qPrintable(report->message));
}

void TestAuditLog::wrongKeyReportsSealMismatch()
{
    auto db = openDb();
    QVERIFY(db);
    fill(AuditLog(db, kKey), 3);

    const AuditLog wrong(db, kOtherKey);
    auto report = wrong.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QCOMPARE(report->firstBrokenSeq, 1);
    QVERIFY(report->message.startsWith(u"seal does not match: the chain was rewritten"_s));
    QVERIFY(report->message.contains(u"seal key"_s));

    const AuditLog noKey(db, {});
    report = noKey.verify();
    VERIFY_OK(report);
    QVERIFY(!report->ok);
    QVERIFY(report->message.contains(u"keychain"_s));
}

void TestAuditLog::appendRefusesBrokenSeal()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    fill(log, 4);
    QVERIFY(dropGuards(db));
    QVERIFY(exec(db, u"DELETE FROM audit_log WHERE seq = 4"_s));

    // Sealing record 5 on top of record 3 would hide that record 4 was cut off.
    auto appended = log.append(sampleEvent(5));
    QVERIFY(!appended);
    QCOMPARE(appended.error().code, u"audit.seal_mismatch"_s);
    QVERIFY(appended.error().message.contains(u"Nothing was recorded"_s));
    QCOMPARE(rowCount(db), 3);
    QCOMPARE(log.verify()->firstBrokenSeq, 4);

    // The wrong key cannot extend a good chain either.
    auto other = openDb(u"other.sqlite"_s);
    QVERIFY(other);
    fill(AuditLog(other, kKey), 2);
    auto wrong = AuditLog(other, kOtherKey).append(sampleEvent(3));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, u"audit.seal_mismatch"_s);
    QCOMPARE(rowCount(other), 2);
    QVERIFY(AuditLog(other, kKey).verify()->ok);
}

void TestAuditLog::badInputIsRefused_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QString>("outputSha256");
    QTest::addColumn<QString>("code");

    QTest::newRow("no key") << QByteArray() << QString() << u"audit.no_key"_s;
    QTest::newRow("digest too short") << kKey << u"abc123"_s << u"audit.invalid"_s;
    QTest::newRow("digest upper case")
        << kKey << ph::audit::sha256Hex("x").toUpper() << u"audit.invalid"_s;
    QTest::newRow("digest not hex") << kKey << QString(64, u'g') << u"audit.invalid"_s;
}

void TestAuditLog::badInputIsRefused()
{
    QFETCH(QByteArray, key);
    QFETCH(QString, outputSha256);
    QFETCH(QString, code);

    auto db = openDb();
    QVERIFY(db);
    fill(AuditLog(db, kKey), 2);
    AuditEvent e = sampleEvent(3);
    e.outputSha256 = outputSha256;
    auto appended = AuditLog(db, key).append(e);
    QVERIFY(!appended);
    QCOMPARE(appended.error().code, code);
    QVERIFY(!appended.error().message.isEmpty());
    QCOMPARE(rowCount(db), 2);
    QVERIFY(AuditLog(db, kKey).verify()->ok);
}

void TestAuditLog::twoHandlesOnTwoThreadsKeepOneChain()
{
    // Two Database handles on one file behave like the GUI and the CLI: separate
    // connections, each needing the write lock for every append.
    const QString path = m_dir->filePath(u"shared.sqlite"_s);
    auto gui = Database::open(path);
    auto cli = Database::open(path);
    VERIFY_OK(gui);
    VERIFY_OK(cli);

    constexpr int kEach = 40;
    QAtomicInt failures = 0;
    auto writer = [&failures](std::shared_ptr<Database> db, QString host) {
        const AuditLog log(db, kKey);
        for (int i = 0; i < kEach; ++i) {
            if (!log.append(sampleEvent(i, u"staging"_s, host)))
                failures.fetchAndAddRelaxed(1);
        }
        db->releaseThreadConnection();
    };
    std::unique_ptr<QThread> a(QThread::create(writer, *gui, u"gui-host"_s));
    std::unique_ptr<QThread> b(QThread::create(writer, *cli, u"cli-host"_s));
    a->start();
    b->start();
    QVERIFY(a->wait(60000));
    QVERIFY(b->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);

    const AuditLog log(*gui, kKey);
    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->message));
    QCOMPARE(report->length, 2 * kEach);
    AuditFilter filter;
    filter.host = u"gui-host"_s;
    QCOMPARE(log.query(filter)->size(), kEach);
    filter.host = u"cli-host"_s;
    QCOMPARE(log.query(filter)->size(), kEach);
}

void TestAuditLog::secondProcessKeepsOneChain()
{
    const QString path = m_dir->filePath(u"shared.sqlite"_s);
    auto db = openDb(u"shared.sqlite"_s);
    QVERIFY(db);
    const AuditLog log(db, kKey);

    constexpr int kEach = 30;
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QStringLiteral(AUDIT_APPEND_CHILD),
                {path, QString::fromLatin1(kKey.toHex()), QString::number(kEach), u"child-host"_s});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    for (int i = 0; i < kEach; ++i)
        VERIFY_OK(log.append(sampleEvent(i, u"staging"_s, u"parent-host"_s)));
    QVERIFY(child.waitForFinished(60000));
    QCOMPARE(child.exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.exitCode(), 0);

    auto report = log.verify();
    VERIFY_OK(report);
    QVERIFY2(report->ok, qPrintable(report->message));
    QCOMPARE(report->length, 2 * kEach);
    AuditFilter filter;
    filter.host = u"child-host"_s;
    QCOMPARE(log.query(filter)->size(), kEach);
}

void TestAuditLog::queryFilters_data()
{
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("host");
    QTest::addColumn<std::optional<AuditKind>>("kind");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QList<qint64>>("expected");

    const std::optional<AuditKind> any;
    // Records 1..6 at t0 + i minutes (see queryFilters()).
    QTest::newRow("all") << QDateTime() << QDateTime() << QString() << QString() << any << QString()
                         << QList<qint64>{1, 2, 3, 4, 5, 6};
    QTest::newRow("from inclusive, to exclusive")
        << t0.addSecs(120) << t0.addSecs(240) << QString() << QString() << any << QString()
        << QList<qint64>{2, 3};
    QTest::newRow("environment") << QDateTime() << QDateTime() << u"staging"_s << QString() << any
                                 << QString() << QList<qint64>{2, 4, 6};
    QTest::newRow("host") << QDateTime() << QDateTime() << QString() << u"db-2"_s << any
                          << QString() << QList<qint64>{3, 6};
    QTest::newRow("kind") << QDateTime() << QDateTime() << QString() << QString()
                          << std::optional(AuditKind::Refusal) << QString() << QList<qint64>{5};
    QTest::newRow("text in command, any case")
        << QDateTime() << QDateTime() << QString() << QString() << any << u"STEP 4"_s
        << QList<qint64>{4};
    QTest::newRow("text in detail") << QDateTime() << QDateTime() << QString() << QString() << any
                                    << u"zürich"_s << QList<qint64>{1, 2, 3, 4, 5, 6};
    QTest::newRow("combined") << t0.addSecs(60) << QDateTime() << u"staging"_s << u"db-2"_s << any
                              << QString() << QList<qint64>{6};
    QTest::newRow("nothing") << QDateTime() << QDateTime() << u"nowhere"_s << QString() << any
                             << QString() << QList<qint64>{};
}

void TestAuditLog::queryFilters()
{
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(QString, environment);
    QFETCH(QString, host);
    QFETCH(std::optional<AuditKind>, kind);
    QFETCH(QString, text);
    QFETCH(QList<qint64>, expected);

    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    for (int i = 1; i <= 6; ++i) {
        VERIFY_OK(log.append(sampleEvent(i, i % 2 ? u"production"_s : u"staging"_s,
                                         i % 3 ? u"db-1"_s : u"db-2"_s,
                                         i == 5 ? AuditKind::Refusal : AuditKind::Command)));
    }
    AuditFilter filter;
    filter.from = from;
    filter.to = to;
    filter.environment = environment;
    filter.host = host;
    filter.kind = kind;
    filter.text = text;
    auto records = log.query(filter);
    VERIFY_OK(records);
    QList<qint64> seqs;
    for (const AuditRecord &r : std::as_const(*records))
        seqs.append(r.seq);
    QCOMPARE(seqs, expected);
}

void TestAuditLog::csvExportQuotes()
{
    auto db = openDb();
    QVERIFY(db);
    const AuditLog log(db, kKey);
    AuditEvent e;
    e.kind = AuditKind::Command;
    e.actor = u"alice"_s;
    e.at = t0;
    e.environment = u"production"_s;
    e.host = u"db-1,db-2"_s;
    e.command = u"echo \"a, b\"\nwc -l"_s;
    e.exitStatus = 1;
    e.detail = QJsonObject{{u"k"_s, u"v"_s}};
    e.confirmedBy = ConfirmedBy::Flag;
    auto first = log.append(e);
    VERIFY_OK(first);
    AuditEvent plain;
    plain.kind = AuditKind::Checklist;
    plain.actor = u"bob"_s;
    plain.at = t0.addSecs(1);
    auto second = log.append(plain);
    VERIFY_OK(second);

    auto csv = log.exportCsv();
    VERIFY_OK(csv);
    const QByteArray expected =
        "seq,at,kind,actor,environment,host,command,exit_status,output_sha256,confirmed_by,"
        "detail,prev_hash,hash\r\n"
        "1,2024-03-01T09:00:00.000Z,command,alice,production,\"db-1,db-2\","
        "\"echo \"\"a, b\"\"\nwc -l\",1,,flag,\"{\"\"k\"\":\"\"v\"\"}\"," +
        ph::audit::genesisHash().toLatin1() + ',' + first->hash.toLatin1() +
        "\r\n"
        "2,2024-03-01T09:00:01.000Z,checklist,bob,,,,,,,{}," +
        first->hash.toLatin1() + ',' + second->hash.toLatin1() + "\r\n";
    QCOMPARE(*csv, expected);

    AuditFilter onlyBob;
    onlyBob.text = u"bob"_s;
    auto filtered = log.exportCsv(onlyBob);
    VERIFY_OK(filtered);
    QCOMPARE(filtered->count("\r\n"), 2);
    QVERIFY(filtered->contains("\r\n2,"));
}

void TestAuditLog::maskText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("secrets");
    QTest::addColumn<QString>("expected");

    QTest::newRow("none") << u"mongodump --uri x"_s << QStringList{} << u"mongodump --uri x"_s;
    QTest::newRow("one, twice") << u"curl -H 'X-Dash-Key: s3cr3t' ?k=s3cr3t"_s
                                << QStringList{u"s3cr3t"_s}
                                << u"curl -H 'X-Dash-Key: •••' ?k=•••"_s;
    QTest::newRow("longest first")
        << u"pw=hunter2-extra"_s << QStringList{u"hunter2"_s, u"hunter2-extra"_s} << u"pw=•••"_s;
    QTest::newRow("empty secret ignored") << u"ls"_s << QStringList{QString()} << u"ls"_s;
    QTest::newRow("case matters") << u"TOKEN token"_s << QStringList{u"token"_s} << u"TOKEN •••"_s;
}

void TestAuditLog::maskText()
{
    QFETCH(QString, text);
    QFETCH(QStringList, secrets);
    QFETCH(QString, expected);
    QCOMPARE(ph::maskSecrets(text, secrets), expected);
}

void TestAuditLog::maskEvent()
{
    AuditEvent e = sampleEvent(1);
    e.command = u"psql postgres://ops:pa55@db/prod"_s;
    e.detail = QJsonObject{{u"env"_s, QJsonArray{u"PGPASSWORD=pa55"_s, 3}},
                           {u"nested"_s, QJsonObject{{u"pa55"_s, u"x"_s}}}};
    const AuditEvent masked = ph::maskSecrets(e, {u"pa55"_s});
    QCOMPARE(masked.command, u"psql postgres://ops:•••@db/prod"_s);
    const QByteArray detail = ph::canonicalJson(masked.detail);
    QVERIFY(!detail.contains("pa55"));
    QCOMPARE(detail, QByteArray(R"({"env":["PGPASSWORD=•••",3],"nested":{"•••":"x"}})"));
    QCOMPARE(masked.host, e.host);
    QCOMPARE(masked.exitStatus, e.exitStatus);

    // What reaches the database is the masked text.
    auto db = openDb();
    QVERIFY(db);
    VERIFY_OK(AuditLog(db, kKey).append(masked));
    QVERIFY(!column(db, 1, u"record_json"_s).contains(u"pa55"_s));
}

void TestAuditLog::sealKeyCreatedOnFirstUse()
{
    std::optional<QString> stored;
    int stores = 0;
    const ph::SealKeyStore keys{[&]() -> ph::Result<std::optional<QString>> { return stored; },
                                [&](const QString &value) -> ph::Result<void> {
                                    ++stores;
                                    stored = value;
                                    return {};
                                }};
    auto first = ph::obtainSealKey(keys);
    VERIFY_OK(first);
    QCOMPARE(first->size(), AuditLog::kSealKeySize);
    QCOMPARE(stores, 1);
    QVERIFY(stored);
    QCOMPARE(QByteArray::fromBase64(stored->toLatin1()), *first);

    auto second = ph::obtainSealKey(keys);
    VERIFY_OK(second);
    QCOMPARE(*second, *first);
    QCOMPARE(stores, 1);

    QVERIFY(ph::generateSealKey() != ph::generateSealKey());
}

void TestAuditLog::damagedSealKeyIsNotReplaced()
{
    int stores = 0;
    const ph::SealKeyStore keys{
        []() -> ph::Result<std::optional<QString>> { return std::optional(u"c2hvcnQ="_s); },
        [&](const QString &) -> ph::Result<void> {
            ++stores;
            return {};
        }};
    auto key = ph::obtainSealKey(keys);
    QVERIFY(!key);
    QCOMPARE(key.error().code, u"audit.bad_key"_s);
    QVERIFY(key.error().message.contains(u"does not replace it"_s));
    QCOMPARE(stores, 0);
}

void TestAuditLog::keychainErrorIsPassedOn()
{
    int stores = 0;
    const ph::SealKeyStore keys{[]() -> ph::Result<std::optional<QString>> {
                                    return ph::fail(u"keychain.denied"_s, u"locked"_s);
                                },
                                [&](const QString &) -> ph::Result<void> {
                                    ++stores;
                                    return {};
                                }};
    auto key = ph::obtainSealKey(keys);
    QVERIFY(!key);
    QCOMPARE(key.error().code, u"keychain.denied"_s);
    QCOMPARE(stores, 0);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
