// SPDX-License-Identifier: GPL-3.0-or-later
// `pilothouse-cli runbook run` as an operator or cron runs it: against a real OpenSSH sshd
// (SshdFixture) and the simulator, with the dashboard key and the audit seal key in the
// keychain, and a crash in the middle of a run.
#include "checklist/runstore.h"
#include "demo/simulatorprocess.h"
#include "secrets/secretstore.h"
#include "sshdfixture.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// Planted so a leak anywhere is found by a plain byte search.
const QString kDashKey = u"steprun-dash-key-7f3a9c"_s;
const QString kWorkspaceName = u"Steprun test"_s;
const QString kTokenValue = u"planted-token-51d2e8"_s;

struct CliRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QJsonObject json;
};

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool processRunning(const QString &pattern)
{
    QProcess pgrep;
    pgrep.start(u"pgrep"_s, {u"-f"_s, pattern});
    pgrep.waitForFinished(5000);
    return pgrep.exitCode() == 0;
}

QString frontMatter(const QString &title)
{
    return u"---\ntitle: "_s + title + u"\nservice: echopilot\nenvironment: test\n---\n# "_s +
           title + u"\n## Steps\n"_s;
}

QString commandStep(const QString &text, const QString &command, const QString &attributes = {})
{
    return u"\n"_s + text + u"\n\n```bash"_s +
           (attributes.isEmpty() ? QString() : u" {"_s + attributes + u'}') + u"\n"_s + command +
           u"\n```\n"_s;
}

QStringList states(const QJsonObject &doc)
{
    QStringList out;
    for (const QJsonValue &v : doc.value(u"steps"_s).toArray())
        out.append(v.toObject().value(u"state"_s).toString());
    return out;
}

} // namespace

class TestStepRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void commandStepsPassOnExitCodeAndRegex();
    void failedCommandStops_data();
    void failedCommandStops();
    void httpStepPassesAndKeyStaysSecret();
    void manualCheckNeedsPerson();
    void destructiveNeedsConfirmation_data();
    void destructiveNeedsConfirmation();
    void unknownRunbookIsUsageError();
    void parametersSubstitutedAndSecretsMasked();
    void missingParameterIsUsageError();
    void unknownHostKeyIsRefused();
    void crashMidRunThenResume();

private:
    CliRun run(const QStringList &arguments, bool json = true);
    QStringList baseArgs(const QString &runbook) const;
    QString writeRunbook(const QString &name, const QString &markdown);

    SshdFixture m_sshd;
    SimulatorProcess m_sim;
    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_database;
    QString m_appDir;
};

void TestStepRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(!qEnvironmentVariable("PILOTHOUSE_CLI").isEmpty(), "PILOTHOUSE_CLI is not set");
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    m_sim.setExecutable(qEnvironmentVariable("PILOTHOUSE_SIM"));
    auto started = m_sim.start({u"--key"_s, kDashKey, u"--seed"_s, u"7"_s});
    QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));

    // The host key is known, as after a first connection from the Remote view.
    QVERIFY(writeFile(QDir::homePath() + u"/.ssh/known_hosts"_s,
                      m_sshd.knownHostsLine().toUtf8() + '\n'));

    // The dashboard key lives in the keychain, nowhere else.
    SecretStore store;
    bool done = false;
    Result<void> written;
    store.write(SecretStore::entryName(kWorkspaceName, u"echopilot-dash-key"_s), kDashKey, this,
                [&](Result<void> r) {
                    written = r;
                    done = true;
                });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));
    done = false;
    store.write(SecretStore::entryName(kWorkspaceName, u"probe-token"_s), kTokenValue, this,
                [&](Result<void> r) {
                    written = r;
                    done = true;
                });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(written, written ? "" : qPrintable(written.error().toString()));

    m_appDir = m_dir.filePath(u"app"_s);
    QVERIFY(QDir().mkpath(m_appDir));
    m_database = m_dir.filePath(u"pilothouse.sqlite"_s);
    m_workspace = m_dir.filePath(u"workspace.jsonc"_s);
    const QJsonObject ws{
        {u"schema_version"_s, 2},
        {u"name"_s, kWorkspaceName},
        {u"environments"_s, QJsonArray{QJsonObject{{u"name"_s, u"test"_s}}}},
        {u"services"_s,
         QJsonArray{QJsonObject{{u"name"_s, u"echopilot"_s},
                                {u"environment"_s, u"test"_s},
                                {u"profile"_s, u"echopilot"_s},
                                {u"base_url"_s, m_sim.baseUrl(u"echopilot"_s).toString()},
                                {u"dashboard_key_ref"_s, u"echopilot-dash-key"_s},
                                {u"host"_s, u"box"_s},
                                {u"working_directory"_s, m_appDir}}}},
        {u"hosts"_s, QJsonArray{QJsonObject{{u"name"_s, u"box"_s},
                                            {u"environment"_s, u"test"_s},
                                            {u"address"_s, m_sshd.host()},
                                            {u"port"_s, m_sshd.port()},
                                            {u"user"_s, m_sshd.user()},
                                            {u"auth"_s, u"key"_s},
                                            {u"identity_file"_s, m_sshd.clientKeyPath()}}}},
    };
    QVERIFY(writeFile(m_workspace, QJsonDocument(ws).toJson()));
}

void TestStepRun::cleanupTestCase()
{
    m_sim.stop();
    m_sshd.stop();
    QFile::remove(QDir::homePath() + u"/.ssh/known_hosts"_s);
}

QStringList TestStepRun::baseArgs(const QString &runbook) const
{
    return {u"runbook"_s, u"run"_s,        runbook,   u"--workspace"_s,
            m_workspace,  u"--database"_s, m_database};
}

QString TestStepRun::writeRunbook(const QString &name, const QString &markdown)
{
    const QString path = m_dir.filePath(name);
    writeFile(path, markdown.toUtf8());
    return path;
}

CliRun TestStepRun::run(const QStringList &arguments, bool json)
{
    CliRun result;
    QProcess process;
    process.start(qEnvironmentVariable("PILOTHOUSE_CLI"),
                  json ? arguments + QStringList{u"--json"_s} : arguments);
    if (!process.waitForStarted(10000) || !process.waitForFinished(90000)) {
        process.kill();
        process.waitForFinished(5000);
        result.err = u"pilothouse-cli did not finish within 90 s"_s;
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    if (json)
        result.json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    return result;
}

void TestStepRun::commandStepsPassOnExitCodeAndRegex()
{
    const QString path =
        writeRunbook(u"pass.md"_s, frontMatter(u"Pass"_s) +
                                       commandStep(u"Runs in the service's working directory."_s,
                                                   u"pwd"_s, u"expect.regex=\"/app\\s*$\""_s) +
                                       commandStep(u"Exit status 0 by default."_s,
                                                   u"echo hello from $(hostname)"_s) +
                                       commandStep(u"An expected non-zero status."_s,
                                                   u"sh -c 'exit 3'"_s, u"expect.exit=3"_s));
    const CliRun r = run(baseArgs(path));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QCOMPARE(r.json.value(u"format"_s).toInt(), 1);
    QCOMPARE(r.json.value(u"outcome"_s).toString(), u"passed"_s);
    QCOMPARE(states(r.json), (QStringList{u"passed"_s, u"passed"_s, u"passed"_s}));
    const QJsonArray steps = r.json.value(u"steps"_s).toArray();
    QVERIFY2(steps.at(0).toObject().value(u"output_excerpt"_s).toString().contains(m_appDir),
             qPrintable(steps.at(0).toObject().value(u"output_excerpt"_s).toString()));
    QCOMPARE(steps.at(2).toObject().value(u"exit_status"_s).toInt(), 3);
    QVERIFY(!r.json.value(u"signed_off_by"_s).toString().isEmpty());
}

void TestStepRun::failedCommandStops_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("attributes");
    QTest::addColumn<QString>("reasonContains");
    QTest::newRow("exit status") << u"echo partial; exit 5"_s << QString() << u"5"_s;
    QTest::newRow("regex") << u"echo status=degraded"_s << u"expect.regex=\"status=ok\""_s
                           << u"status=ok"_s;
    QTest::newRow("timeout") << u"sleep 20"_s << u"timeout=1"_s << u"1 s"_s;
}

void TestStepRun::failedCommandStops()
{
    QFETCH(QString, command);
    QFETCH(QString, attributes);
    QFETCH(QString, reasonContains);
    const QString path = writeRunbook(
        u"fail-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-') + u".md"_s,
        frontMatter(u"Fail"_s) + commandStep(u"Fails."_s, command, attributes) +
            commandStep(u"Never reached."_s, u"echo after"_s));
    const CliRun r = run(baseArgs(path));
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err));
    QCOMPARE(r.json.value(u"outcome"_s).toString(), u"failed"_s);
    QCOMPARE(states(r.json), (QStringList{u"failed"_s, u"pending"_s}));
    const QString reason =
        r.json.value(u"steps"_s).toArray().at(0).toObject().value(u"reason"_s).toString();
    QVERIFY2(reason.contains(reasonContains), qPrintable(reason));
    QCOMPARE(r.json.value(u"stopped_at"_s).toInt(), 1);
}

void TestStepRun::httpStepPassesAndKeyStaysSecret()
{
    const QString path = writeRunbook(
        u"http.md"_s,
        frontMatter(u"Queue"_s) +
            commandStep(u"Queue depth."_s,
                        u"curl -s http://localhost:5000/api/queue/status -H \"X-Dash-Key: "
                        u"$DASHBOARD_KEY\" | jq '.depth'"_s,
                        u"expect.http=200 expect.json=\"/depth < 100000\""_s) +
            commandStep(u"Health."_s, u"curl -s http://localhost:5000/api/health | jq .status"_s,
                        u"expect.http=200 expect.regex=\"ok|degraded\""_s));
    const CliRun r = run(baseArgs(path));
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QJsonArray steps = r.json.value(u"steps"_s).toArray();
    QCOMPARE(steps.at(0).toObject().value(u"kind"_s).toString(), u"http"_s);
    QCOMPARE(steps.at(0).toObject().value(u"http_status"_s).toInt(), 200);
    // The value shown is what jq would print for .depth: a number.
    bool isNumber = false;
    steps.at(0).toObject().value(u"output_excerpt"_s).toString().trimmed().toDouble(&isNumber);
    QVERIFY2(isNumber, qPrintable(steps.at(0).toObject().value(u"output_excerpt"_s).toString()));
    QVERIFY(steps.at(1).toObject().value(u"output_excerpt"_s).toString().startsWith(u'"'));

    // The simulator saw the key (or it would have answered 401), and it is nowhere else.
    QVERIFY(!r.out.contains(kDashKey));
    QVERIFY(!r.err.contains(kDashKey));
    const QByteArray key = kDashKey.toUtf8();
    QVERIFY(!readFile(m_database).contains(key));
    QVERIFY(!readFile(m_database + u"-wal"_s).contains(key));
}

void TestStepRun::manualCheckNeedsPerson()
{
    const QString path = writeRunbook(
        u"manual.md"_s, frontMatter(u"Manual"_s) + commandStep(u"First."_s, u"echo first"_s) +
                            u"\n- [ ] Look at the dashboard\n"_s +
                            commandStep(u"After."_s, u"echo after"_s));
    const CliRun r = run(baseArgs(path));
    QVERIFY2(r.exitCode == 3, qPrintable(r.out + r.err));
    QCOMPARE(r.json.value(u"outcome"_s).toString(), u"needs-person"_s);
    QCOMPARE(states(r.json), (QStringList{u"passed"_s, u"pending"_s, u"pending"_s}));
    QCOMPARE(r.json.value(u"stopped_at"_s).toInt(), 2);

    // The run is left unfinished, so a resume starts from the manual check again.
    const CliRun again = run(baseArgs(path) + QStringList{u"--resume"_s});
    QCOMPARE(again.exitCode, 3);
    QCOMPARE(again.json.value(u"run_id"_s).toInteger(), r.json.value(u"run_id"_s).toInteger());
    QVERIFY(again.json.value(u"resumed"_s).toBool());
}

void TestStepRun::destructiveNeedsConfirmation_data()
{
    QTest::addColumn<QString>("marker");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("attributes");
    // Marked in the runbook, and recognised by the classifier only.
    QTest::newRow("marked") << u"marked"_s << u"touch %1"_s << u"destructive"_s;
    QTest::newRow("classified") << u"classified"_s
                                << u"docker-compose restart api 2>/dev/null || touch %1"_s
                                << QString();
}

void TestStepRun::destructiveNeedsConfirmation()
{
    QFETCH(QString, marker);
    QFETCH(QString, command);
    QFETCH(QString, attributes);
    const QString markerPath = m_dir.filePath(marker + u".marker"_s);
    const QString path = writeRunbook(
        marker + u"-destructive.md"_s,
        frontMatter(u"Destructive "_s + marker) + commandStep(u"Safe."_s, u"echo safe"_s) +
            commandStep(u"Dangerous."_s, command.arg(markerPath), attributes));

    for (const QStringList &extra : {QStringList{}, QStringList{u"--confirm"_s, u"prod"_s}}) {
        const CliRun r = run(baseArgs(path) + extra);
        QVERIFY2(r.exitCode == 4, qPrintable(r.out + r.err));
        QCOMPARE(r.json.value(u"outcome"_s).toString(), u"refused"_s);
        QCOMPARE(states(r.json).at(1), u"pending"_s);
        QVERIFY2(r.json.value(u"message"_s).toString().contains(u"test"_s),
                 qPrintable(r.json.value(u"message"_s).toString()));
        QVERIFY(!QFile::exists(markerPath));
    }

    const CliRun ok = run(baseArgs(path) + QStringList{u"--confirm"_s, u"test"_s, u"--resume"_s});
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
    QVERIFY(QFile::exists(markerPath));

    // Two refusals and one confirmation by flag, in the audit log.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"audit-check"_s);
        db.setDatabaseName(m_database);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT kind, record_json FROM audit_log WHERE record_json LIKE '%"_s +
                       marker + u".marker%' ORDER BY seq"_s));
        QStringList kinds;
        bool flagged = false;
        while (q.next()) {
            kinds.append(q.value(0).toString());
            if (q.value(0).toString() == u"confirmation"_s)
                flagged = q.value(1).toString().contains(u"\"confirmed_by\":\"flag\""_s);
        }
        QCOMPARE(kinds, (QStringList{u"refusal"_s, u"refusal"_s, u"confirmation"_s, u"command"_s}));
        QVERIFY(flagged);
    }
    QSqlDatabase::removeDatabase(u"audit-check"_s);
}

void TestStepRun::unknownRunbookIsUsageError()
{
    const CliRun r = run(baseArgs(u"no/such-runbook"_s), false);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"no/such-runbook"_s), qPrintable(r.err));
}

void TestStepRun::parametersSubstitutedAndSecretsMasked()
{
    const QString path =
        writeRunbook(u"params.md"_s,
                     frontMatter(u"Params"_s) +
                         commandStep(u"Uses both."_s, u"echo \"svc=<service> token=<api-token>\""_s,
                                     u"expect.regex=\"svc=api token=\""_s));
    const CliRun r = run(baseArgs(path) + QStringList{u"--param"_s, u"service=api"_s, u"--param"_s,
                                                      u"api-token=probe-token"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    const QString excerpt =
        r.json.value(u"steps"_s).toArray().at(0).toObject().value(u"output_excerpt"_s).toString();
    // The remote command got the real value; what is kept shows only the mask.
    QVERIFY2(excerpt.contains(u"svc=api token=•••"_s), qPrintable(excerpt));
    QVERIFY(!r.out.contains(kTokenValue));
    QVERIFY(!r.err.contains(kTokenValue));
    const QByteArray secret = kTokenValue.toUtf8();
    QVERIFY(!readFile(m_database).contains(secret));
    QVERIFY(!readFile(m_database + u"-wal"_s).contains(secret));

    // The audit log has the command with the secret's placeholder, not its value.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"params-check"_s);
    db.setDatabaseName(m_database);
    QVERIFY(db.open());
    {
        QSqlQuery q(db);
        QVERIFY(q.exec(u"SELECT record_json FROM audit_log WHERE kind = 'command' AND "
                       u"record_json LIKE '%svc=api%'"_s));
        QVERIFY(q.next());
        QVERIFY2(q.value(0).toString().contains(u"token=<api-token>"_s),
                 qPrintable(q.value(0).toString()));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"params-check"_s);
}

void TestStepRun::missingParameterIsUsageError()
{
    const QString path =
        writeRunbook(u"missing.md"_s,
                     frontMatter(u"Missing"_s) + commandStep(u"Needs it."_s, u"echo <service>"_s));
    const CliRun r = run(baseArgs(path), false);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(u"<service>"_s), qPrintable(r.err));
    QVERIFY2(r.err.contains(u"--param"_s), qPrintable(r.err));
}

void TestStepRun::unknownHostKeyIsRefused()
{
    const QString knownHosts = QDir::homePath() + u"/.ssh/known_hosts"_s;
    QVERIFY(QFile::remove(knownHosts));
    const QString marker = m_dir.filePath(u"hostkey.marker"_s);
    const QString path =
        writeRunbook(u"hostkey.md"_s, frontMatter(u"Host key"_s) +
                                          commandStep(u"Touch."_s, u"touch '%1'"_s.arg(marker)));
    const CliRun r = run(baseArgs(path));
    QVERIFY(writeFile(knownHosts, m_sshd.knownHostsLine().toUtf8() + '\n'));
    QVERIFY2(r.exitCode == 4, qPrintable(r.out + r.err));
    QCOMPARE(states(r.json), QStringList{u"pending"_s});
    QVERIFY2(r.json.value(u"message"_s).toString().contains(m_sshd.hostKeyFingerprint()),
             qPrintable(r.json.value(u"message"_s).toString()));
    QVERIFY(!QFile::exists(marker));
}

void TestStepRun::crashMidRunThenResume()
{
    const QString fast = m_dir.filePath(u"fast"_s);
    // 37 s: an unusual number, so pgrep finds only this sleep.
    const QString path = writeRunbook(
        u"crash.md"_s,
        frontMatter(u"Crash"_s) + commandStep(u"One."_s, u"echo one"_s) +
            commandStep(u"Two."_s, u"echo two"_s) +
            commandStep(u"Slow."_s,
                        u"if [ -e '%1' ]; then echo fast; else sleep 37; fi"_s.arg(fast),
                        u"timeout=120"_s) +
            commandStep(u"Four."_s, u"echo four"_s));

    QProcess cli;
    cli.start(qEnvironmentVariable("PILOTHOUSE_CLI"), baseArgs(path) + QStringList{u"--json"_s});
    QVERIFY(cli.waitForStarted(10000));

    // Synchronise on the database: steps 1–2 passed and step 3 running.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crash-poll"_s);
    db.setDatabaseName(m_database);
    db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=1000"_s);
    QVERIFY(db.open());
    qint64 runId = 0;
    auto poll = [&]() {
        QSqlQuery q(db);
        if (!q.exec(u"SELECT id FROM runs WHERE runbook LIKE '%crash.md' ORDER BY id DESC "
                    u"LIMIT 1"_s) ||
            !q.next())
            return QStringList();
        runId = q.value(0).toLongLong();
        QSqlQuery s(db);
        s.prepare(u"SELECT state FROM run_steps WHERE run_id = :id ORDER BY step_index"_s);
        s.bindValue(u":id"_s, runId);
        QStringList found;
        if (s.exec()) {
            while (s.next())
                found.append(s.value(0).toString());
        }
        return found;
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        poll().mid(0, 3) == (QStringList{u"passed"_s, u"passed"_s, u"running"_s}), 30000);
    QVERIFY(processRunning(u"sleep 37"_s));

    const qint64 pid = cli.processId();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QVERIFY(cli.waitForFinished(10000));
    QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
    QCOMPARE(poll().mid(0, 3), (QStringList{u"passed"_s, u"passed"_s, u"running"_s}));
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"crash-poll"_s);

    // The dead client's pseudo-terminal hangs up, and the remote sleep ends with it.
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(u"sleep 37"_s), 15000);

    QVERIFY(writeFile(fast, "1"));
    const CliRun r = run(baseArgs(path) + QStringList{u"--resume"_s});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY(r.json.value(u"resumed"_s).toBool());
    QCOMPARE(r.json.value(u"run_id"_s).toInteger(), runId);
    QCOMPARE(states(r.json), (QStringList{u"passed"_s, u"passed"_s, u"passed"_s, u"passed"_s}));
    const QJsonArray steps = r.json.value(u"steps"_s).toArray();
    QCOMPARE(steps.at(0).toObject().value(u"attempts"_s).toInt(), 1);
    QCOMPARE(steps.at(1).toObject().value(u"attempts"_s).toInt(), 1);
    QCOMPARE(steps.at(2).toObject().value(u"attempts"_s).toInt(), 2);
    QVERIFY(steps.at(2).toObject().value(u"output_excerpt"_s).toString().contains(u"fast"_s));

    // Nothing lost: the first two steps are the ones run before the kill, and step 3's
    // first attempt is on record as interrupted, never passed.
    auto database = Database::open(m_database);
    QVERIFY(database);
    RunStore store(*database);
    auto loaded = store.load(runId);
    QVERIFY(loaded);
    QVERIFY(loaded->isSignedOff());
    QCOMPARE(loaded->step(0).output.excerpt.trimmed(), u"one"_s);
    QCOMPARE(loaded->step(1).output.excerpt.trimmed(), u"two"_s);
    QVERIFY(loaded->step(0).attempts.isEmpty());
    QCOMPARE(loaded->step(2).attempts.size(), 1);
    QCOMPARE(loaded->step(2).attempts.first().state, StepState::Interrupted);
}

QTEST_GUILESS_MAIN(TestStepRun)
#include "tst_steprun.moc"
