// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "clirunner.h"
#include "storage/database.h"
#include "testfile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace Qt::StringLiterals;
using ph::AuditEvent;
using ph::AuditLog;
using ph::CliRun;
using ph::Database;
using ph::runCli;

namespace {

const QByteArray kKey =
    QByteArray::fromHex("2b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfe");

QJsonObject parseObject(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    return doc.isObject() ? doc.object() : QJsonObject();
}

// A manual as people write them: front matter, prose between blocks, a task list, a
// block without a language, a curl line with the dashboard key and a placeholder.
const char kMessyManual[] = "---\n"
                            "title: Messy cache manual\n"
                            "service: echopilot\n"
                            "---\n"
                            "\n"
                            "Read this before you start. Ask in #ops if unsure.\n"
                            "\n"
                            "# Clear the cache\n"
                            "\n"
                            "Look at the disk first.\n"
                            "\n"
                            "```bash\n"
                            "df -h /var/lib/echopilot\n"
                            "```\n"
                            "\n"
                            "Then remove the cache of the customer <customer-id>:\n"
                            "\n"
                            "```bash\n"
                            "rm -rf /var/cache/echopilot/<customer-id>\n"
                            "```\n"
                            "\n"
                            "## Check\n"
                            "\n"
                            "- [ ] The dashboard shows the customer again\n"
                            "- [ ] Tell the team in #ops\n"
                            "\n"
                            "```sql {destructive}\n"
                            "SELECT count(*) FROM sessions;\n"
                            "```\n"
                            "\n"
                            "```\n"
                            "curl -s -H \"X-Dash-Key: $ECHOPILOT_DASH_KEY\" "
                            "http://127.0.0.1:5000/api/health | jq .status\n"
                            "```\n";

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

AuditEvent sampleEvent(int i)
{
    AuditEvent e;
    e.actor = u"oncall"_s;
    e.at = QDateTime(QDate(2024, 3, 1), QTime(9, i), QTimeZone::utc());
    e.environment = u"production"_s;
    e.host = u"app-1"_s;
    e.command = u"systemctl status echopilot # %1"_s.arg(i);
    e.exitStatus = 0;
    return e;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void importMessyManual();
    void importSummaryNamesKindsAndDestructive();
    void importBadInput_data();
    void importBadInput();
    void listBuiltins();
    void showBuiltinJson();
    void showUnknown();
    void listAndShowWorkspaceFolders();
    void listAndShowDemo();
    void listBadInput_data();
    void listBadInput();

    void verifyEmptyDatabase();
    void verifyAfterAppends();
    void verifyTamperedRecord();
    void verifyWrongKeyFails();
    void verifyBadUsage_data();
    void verifyBadUsage();
    void verifyWithoutKeychain();
    void exportCsv();

private:
    std::shared_ptr<Database> freshDatabase(const QString &name);

    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFileInfo(qEnvironmentVariable("PILOTHOUSE_CLI")).isExecutable(),
             "PILOTHOUSE_CLI must name the built pilothouse-cli");
}

std::shared_ptr<Database> TestCli::freshDatabase(const QString &name)
{
    auto db = Database::open(m_dir.filePath(name));
    if (!db) {
        qWarning() << db.error().toString();
        return {};
    }
    return *db;
}

void TestCli::importMessyManual()
{
    const QString path = m_dir.filePath(u"messy.md"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kMessyManual);
    }
    const CliRun run = runCli({u"runbook"_s, u"import"_s, path, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"format"_s).toInt(), 1);
    QCOMPARE(doc.value(u"title"_s).toString(), u"Messy cache manual"_s);
    QCOMPARE(doc.value(u"service"_s).toString(), u"echopilot"_s);

    QStringList kinds;
    QList<bool> destructive;
    QJsonObject removal;
    for (const QJsonValue &section : doc.value(u"sections"_s).toArray()) {
        for (const QJsonValue &v : section.toObject().value(u"steps"_s).toArray()) {
            const QJsonObject step = v.toObject();
            kinds << step.value(u"kind"_s).toString();
            destructive << step.value(u"destructive"_s).toBool();
            if (step.value(u"command"_s).toString().startsWith(u"rm -rf"_s))
                removal = step;
        }
    }
    QCOMPARE(kinds, (QStringList{u"command"_s, u"command"_s, u"manual"_s, u"manual"_s, u"command"_s,
                                 u"http"_s}));
    // df reads, rm -rf deletes, the SQL block is marked by its author, curl only reads.
    QCOMPARE(destructive, (QList<bool>{false, true, false, false, true, false}));
    QVERIFY(!removal.value(u"why"_s).toArray().isEmpty());

    QStringList params;
    for (const QJsonValue &p : doc.value(u"parameters"_s).toArray())
        params << p.toObject().value(u"name"_s).toString();
    QVERIFY2(params.contains(u"customer-id"_s), qPrintable(params.join(u", "_s)));
    QCOMPARE(doc.value(u"counts"_s).toObject().value(u"destructive"_s).toInt(), 2);
}

void TestCli::importSummaryNamesKindsAndDestructive()
{
    const QString path = m_dir.filePath(u"messy-summary.md"_s);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kMessyManual);
    }
    const CliRun run = runCli({u"runbook"_s, u"import"_s, path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"Messy cache manual"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"6 steps: 3 command, 1 http, 2 manual; 2 destructive"_s),
             qPrintable(run.out));
    QVERIFY(run.out.contains(u"DESTRUCTIVE"_s));
    QVERIFY(run.out.contains(u"[manual]"_s));
    QVERIFY(run.out.contains(u"<customer-id>"_s));
}

void TestCli::importBadInput_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing file") << u"does-not-exist.md"_s << u"no such file"_s;
    QTest::newRow("folder") << QString() << u"folder"_s;
}

void TestCli::importBadInput()
{
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const QString path = name.isEmpty() ? m_dir.path() : m_dir.filePath(name);
    const CliRun run = runCli({u"runbook"_s, u"import"_s, path, u"--json"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(path), qPrintable(run.err));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(u"does-not-exist.md"_s)));
}

void TestCli::listBuiltins()
{
    const CliRun run = runCli({u"runbook"_s, u"list"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"format"_s).toInt(), 1);
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &v : doc.value(u"runbooks"_s).toArray())
        byName.insert(v.toObject().value(u"name"_s).toString(), v.toObject());
    QVERIFY2(byName.contains(u"echopilot/daily"_s), qPrintable(run.out));
    QVERIFY2(byName.contains(u"botcore/daily"_s), qPrintable(run.out));
    QCOMPARE(byName.value(u"echopilot/daily"_s).value(u"title"_s).toString(),
             u"EchoPilot daily checks"_s);
    QCOMPARE(byName.value(u"echopilot/daily"_s).value(u"schedule"_s).toString(),
             u"daily 08:00 UTC"_s);
    QVERIFY(byName.value(u"botcore/daily"_s).value(u"steps"_s).toInt() > 0);

    const CliRun table = runCli({u"runbook"_s, u"list"_s});
    QCOMPARE(table.exitCode, 0);
    QVERIFY(table.out.contains(u"echopilot/daily"_s));
    QVERIFY(table.out.contains(u"EchoPilot daily checks"_s));
}

void TestCli::showBuiltinJson()
{
    const CliRun run = runCli({u"runbook"_s, u"show"_s, u"echopilot/daily"_s, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"format"_s).toInt(), 1);
    QCOMPARE(doc.value(u"title"_s).toString(), u"EchoPilot daily checks"_s);
    QVERIFY(doc.value(u"counts"_s).toObject().value(u"steps"_s).toInt() > 0);
}

void TestCli::showUnknown()
{
    const CliRun run = runCli({u"runbook"_s, u"show"_s, u"echopilot/nightly"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"echopilot/nightly"_s), qPrintable(run.err));
    QVERIFY(run.err.contains(u"runbook list"_s));
}

namespace {

QHash<QString, QJsonObject> runbooksByName(const QString &json)
{
    QHash<QString, QJsonObject> byName;
    for (const QJsonValue &v : parseObject(json).value(u"runbooks"_s).toArray())
        byName.insert(v.toObject().value(u"name"_s).toString(), v.toObject());
    return byName;
}

/// A workspace with two runbook folders under @p root; returns its path, empty on failure.
QString writeCatalogue(const QString &root)
{
    const QString wsPath = root + u"/team.workspace.jsonc"_s;
    const QStringList folders = {u"/team/echopilot"_s, u"/more"_s};
    for (const QString &f : folders) {
        if (!QDir().mkpath(root + f))
            return {};
    }
    const bool written =
        ph::writeTestFile(wsPath,
                          "{ \"schema_version\": 2, \"name\": \"catalogue\",\n"
                          "  \"environments\": [ { \"name\": \"staging\", \"production\": false, "
                          "\"time_zone\": \"UTC\" } ],\n"
                          "  \"runbook_folders\": [ \"team\", \"more\" ] }\n") &&
        ph::writeTestFile(root + u"/team/echopilot/daily.md"_s,
                          "# Team daily\n\nOur own morning round.\n\n```bash\nuptime\n```\n") &&
        ph::writeTestFile(root + u"/team/deploy.md"_s,
                          "# Team deploy\n\n```bash\ngit pull\n```\n") &&
        ph::writeTestFile(root + u"/more/deploy.md"_s,
                          "# Shadowed deploy\n\n```bash\ntrue\n```\n") &&
        ph::writeTestFile(root + u"/more/restore.md"_s, "# Restore drill\n\n```bash\ntrue\n```\n");
    return written ? wsPath : QString();
}

} // namespace

void TestCli::listAndShowWorkspaceFolders()
{
    // Two folders: the first wins a name, and a workspace runbook shadows a built-in one,
    // as `runbook run NAME` picks them.
    const QString root = m_dir.filePath(u"catalogue"_s);
    const QString wsPath = writeCatalogue(root);
    QVERIFY(!wsPath.isEmpty());

    const CliRun run = runCli({u"runbook"_s, u"list"_s, u"--workspace"_s, wsPath, u"--json"_s});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QHash<QString, QJsonObject> byName = runbooksByName(run.out);
    QCOMPARE(byName.value(u"echopilot/daily"_s).value(u"title"_s).toString(), u"Team daily"_s);
    QCOMPARE(byName.value(u"echopilot/daily"_s).value(u"source"_s).toString(), u"workspace"_s);
    QCOMPARE(byName.value(u"echopilot/daily"_s).value(u"path"_s).toString(),
             QDir::cleanPath(root + u"/team/echopilot/daily.md"_s));
    QCOMPARE(byName.value(u"deploy"_s).value(u"title"_s).toString(), u"Team deploy"_s);
    QCOMPARE(byName.value(u"restore"_s).value(u"title"_s).toString(), u"Restore drill"_s);
    QCOMPARE(byName.value(u"botcore/daily"_s).value(u"source"_s).toString(), u"builtin"_s);
    QVERIFY(byName.value(u"botcore/daily"_s).value(u"path"_s).isNull());
    // One entry per name: the shadowed ones are not listed.
    QCOMPARE(run.out.count(u"\"name\": \"deploy\""_s), 1);
    QCOMPARE(run.out.count(u"\"name\": \"echopilot/daily\""_s), 1);

    const CliRun table = runCli({u"runbook"_s, u"list"_s, u"-w"_s, wsPath});
    QCOMPARE(table.exitCode, 0);
    QVERIFY2(table.out.contains(u"Team deploy"_s) && table.out.contains(u"built-in"_s),
             qPrintable(table.out));
    QVERIFY(!table.out.contains(u"Shadowed deploy"_s));

    CliRun show = runCli(
        {u"runbook"_s, u"show"_s, u"echopilot/daily"_s, u"--workspace"_s, wsPath, u"--json"_s});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QCOMPARE(parseObject(show.out).value(u"title"_s).toString(), u"Team daily"_s);
    show = runCli({u"runbook"_s, u"show"_s, u"restore"_s, u"--workspace"_s, wsPath});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QVERIFY(show.out.startsWith(u"Restore drill"_s));
    // Without the workspace the built-in one is shown.
    show = runCli({u"runbook"_s, u"show"_s, u"echopilot/daily"_s, u"--json"_s});
    QCOMPARE(parseObject(show.out).value(u"title"_s).toString(), u"EchoPilot daily checks"_s);
}

void TestCli::listAndShowDemo()
{
    const CliRun plain = runCli({u"runbook"_s, u"list"_s, u"--json"_s});
    QCOMPARE(plain.exitCode, 0);
    const CliRun demo = runCli({u"runbook"_s, u"list"_s, u"--demo"_s, u"--json"_s});
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    const QHash<QString, QJsonObject> byName = runbooksByName(demo.out);
    QVERIFY2(byName.contains(u"echopilot/daily"_s), qPrintable(demo.out));
    // The demo workspace brings no folders of its own: the same runbooks as built in.
    QStringList demoNames = byName.keys();
    QStringList plainNames = runbooksByName(plain.out).keys();
    demoNames.sort();
    plainNames.sort();
    QCOMPARE(demoNames, plainNames);
    for (const QJsonObject &o : byName)
        QCOMPARE(o.value(u"source"_s).toString(), u"builtin"_s);

    const CliRun show = runCli({u"runbook"_s, u"show"_s, u"botcore/daily"_s, u"--demo"_s});
    QVERIFY2(show.exitCode == 0, qPrintable(show.err));
    QVERIFY(show.out.contains(u"source: "_s));
}

void TestCli::listBadInput_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("errorMentions");
    const QString missing = m_dir.filePath(u"absent.workspace.jsonc"_s);
    const QString broken = m_dir.filePath(u"broken.workspace.jsonc"_s);
    QVERIFY(ph::writeTestFile(broken, "{ \"schema_version\": 2, \"name\": "));
    QTest::newRow("demo and workspace")
        << QStringList{u"list"_s, u"--demo"_s, u"--workspace"_s, missing} << u"not both"_s;
    QTest::newRow("missing workspace")
        << QStringList{u"list"_s, u"--workspace"_s, missing} << u"absent.workspace.jsonc"_s;
    QTest::newRow("broken workspace")
        << QStringList{u"list"_s, u"--workspace"_s, broken} << u"broken.workspace.jsonc"_s;
    QTest::newRow("show with broken workspace")
        << QStringList{u"show"_s, u"echopilot/daily"_s, u"--workspace"_s, broken}
        << u"broken.workspace.jsonc"_s;
    QTest::newRow("show unknown in workspace")
        << QStringList{u"show"_s, u"nope"_s, u"--workspace"_s,
                       writeCatalogue(m_dir.filePath(u"catalogue-bad"_s))}
        << u"runbook folders"_s;
}

void TestCli::listBadInput()
{
    QFETCH(QStringList, args);
    QFETCH(QString, errorMentions);
    args.prepend(u"runbook"_s);
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(errorMentions), qPrintable(run.err));
    QVERIFY2(run.out.isEmpty(), qPrintable(run.out));
}

void TestCli::verifyEmptyDatabase()
{
    const auto db = freshDatabase(u"empty.sqlite"_s);
    QVERIFY(db);
    const CliRun run = runCli({u"audit"_s, u"verify"_s, u"--database"_s, db->path(),
                               u"--secret-stdin"_s, ph::kSealKeyEntry},
                              kKey.toBase64());
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains(u"audit chain intact: 0 records"_s), qPrintable(run.out));
}

void TestCli::verifyAfterAppends()
{
    const auto db = freshDatabase(u"appended.sqlite"_s);
    QVERIFY(db);
    const AuditLog log(db, kKey);
    for (int i = 0; i < 3; ++i)
        QVERIFY(log.append(sampleEvent(i)));
    const CliRun run = runCli({u"audit"_s, u"verify"_s, u"--database"_s, db->path(), u"--json"_s,
                               u"--secret-stdin"_s, ph::kSealKeyEntry},
                              kKey.toBase64() + '\n');
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject doc = parseObject(run.out);
    QCOMPARE(doc.value(u"format"_s).toInt(), 1);
    QCOMPARE(doc.value(u"ok"_s).toBool(), true);
    QCOMPARE(doc.value(u"records"_s).toInt(), 3);
    QVERIFY(doc.value(u"first_broken"_s).isNull());
}

void TestCli::verifyTamperedRecord()
{
    const auto db = freshDatabase(u"tampered.sqlite"_s);
    QVERIFY(db);
    const AuditLog log(db, kKey);
    for (int i = 0; i < 4; ++i)
        QVERIFY(log.append(sampleEvent(i)));
    const QStringList args{u"audit"_s, u"verify"_s,         u"--database"_s,
                           db->path(), u"--secret-stdin"_s, ph::kSealKeyEntry};
    QCOMPARE(runCli(args, kKey.toBase64()).exitCode, 0);

    // What someone with write access to the file could do: lift the guard, rewrite history.
    QVERIFY(exec(db, u"DROP TRIGGER audit_log_no_update"_s));
    QVERIFY(exec(db, u"UPDATE audit_log SET record_json = replace(record_json, "
                     "'systemctl status', 'systemctl restart') WHERE seq = 2"_s));

    const CliRun run = runCli(args, kKey.toBase64());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"record 2"_s), qPrintable(run.out));

    const CliRun json = runCli(args + QStringList{u"--json"_s}, kKey.toBase64());
    QCOMPARE(json.exitCode, 1);
    const QJsonObject doc = parseObject(json.out);
    QCOMPARE(doc.value(u"ok"_s).toBool(), false);
    QCOMPARE(doc.value(u"first_broken"_s).toInt(), 2);
    QVERIFY(doc.value(u"message"_s).toString().contains(u"record 2"_s));
}

void TestCli::verifyWrongKeyFails()
{
    const auto db = freshDatabase(u"wrongkey.sqlite"_s);
    QVERIFY(db);
    QVERIFY(AuditLog(db, kKey).append(sampleEvent(1)));
    const CliRun run = runCli({u"audit"_s, u"verify"_s, u"--database"_s, db->path(),
                               u"--secret-stdin"_s, ph::kSealKeyEntry},
                              QByteArray(32, 'x').toBase64());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains(u"seal"_s), qPrintable(run.out));
}

void TestCli::verifyBadUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    const QString missing = QDir::tempPath() + u"/pilothouse-no-such-db.sqlite"_s;
    QTest::newRow("missing database")
        << QStringList{u"--database"_s, missing, u"--secret-stdin"_s, ph::kSealKeyEntry}
        << kKey.toBase64() << missing;
    QTest::newRow("key not base64") << QStringList{u"--secret-stdin"_s, ph::kSealKeyEntry}
                                    << QByteArray("not a key!") << u"Base64"_s;
    QTest::newRow("short key") << QStringList{u"--secret-stdin"_s, ph::kSealKeyEntry}
                               << QByteArray(16, 'a').toBase64() << u"32-byte"_s;
    QTest::newRow("other entry") << QStringList{u"--secret-stdin"_s, u"echopilot-dash-key"_s}
                                 << QByteArray("x") << ph::kSealKeyEntry;
}

void TestCli::verifyBadUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    const auto db = freshDatabase(u"usage.sqlite"_s);
    QVERIFY(db);
    QStringList args{u"audit"_s, u"verify"_s};
    if (!arguments.contains(u"--database"_s))
        args << u"--database"_s << db->path();
    const CliRun run = runCli(args + arguments, input);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY(!QFileInfo::exists(QDir::tempPath() + u"/pilothouse-no-such-db.sqlite"_s));
}

void TestCli::verifyWithoutKeychain()
{
    const auto db = freshDatabase(u"nokeychain.sqlite"_s);
    QVERIFY(db);
    QVERIFY(AuditLog(db, kKey).append(sampleEvent(1)));
    // A session bus that is not there: the keychain cannot be asked at all.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus"_s.arg(m_dir.path()));
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    const CliRun run = runCli({u"audit"_s, u"verify"_s, u"--database"_s, db->path()}, {}, env);
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.err.contains(u"--secret-stdin"_s), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
}

void TestCli::exportCsv()
{
    const auto db = freshDatabase(u"export.sqlite"_s);
    QVERIFY(db);
    const AuditLog log(db, kKey);
    for (int i = 0; i < 4; ++i)
        QVERIFY(log.append(sampleEvent(i * 10)));

    const CliRun all = runCli({u"audit"_s, u"export"_s, u"--csv"_s, u"--database"_s, db->path()});
    QVERIFY2(all.exitCode == 0, qPrintable(all.err));
    QStringList lines = all.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.first().startsWith(u"seq,at,kind"_s));

    // 09:10 up to (not including) 09:30, without an offset: UTC.
    const CliRun window = runCli({u"audit"_s, u"export"_s, u"--database"_s, db->path(), u"--from"_s,
                                  u"2024-03-01T09:10:00"_s, u"--to"_s, u"2024-03-01T09:30:00Z"_s});
    QVERIFY2(window.exitCode == 0, qPrintable(window.err));
    lines = window.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(1).startsWith(u"2,"_s));
    QVERIFY(lines.at(2).startsWith(u"3,"_s));

    const CliRun bad =
        runCli({u"audit"_s, u"export"_s, u"--database"_s, db->path(), u"--from"_s, u"yesterday"_s});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains(u"yesterday"_s), qPrintable(bad.err));
    QVERIFY(bad.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
