// SPDX-License-Identifier: GPL-3.0-or-later
// `pilothouse-cli exec` (PILOTHOUSE_CLI) against real sshd daemons started by SshdFixture.
#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "clirunner.h"
#include "sshdfixture.h"
#include "storage/database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kHosts = 4;
constexpr int kStopped = 3;

const QByteArray kSealKey =
    QByteArray::fromHex("8f14e45fceea167a5a36dedd4bea2543a1d0c8a5f4b7e2d9c3b6a59e8d7c6b5a");

QJsonObject parseObject(const QString &text)
{
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    return doc.isObject() ? doc.object() : QJsonObject();
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

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

class TestCliExec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void jsonPerHostAndAudited();
    void humanOutputHasBlocksAndMatrix();
    void destructiveNeedsConfirm_data();
    void destructiveNeedsConfirm();
    void unknownHostKeyRefusedUnlessAccepted();
    void workspaceGroup();
    void keychainUnavailableRunsNothing();
    void interruptCancelsAndRecords();
    void usageErrors_data();
    void usageErrors();

private:
    QString spec(int i) const;
    QStringList common(const QString &knownHosts = {}) const;
    QList<AuditRecord> auditRecords() const;

    std::vector<std::unique_ptr<SshdFixture>> m_sshd;
    QTemporaryDir m_dir;
    QString m_knownHosts;
    QString m_db;
    QByteArray m_keyInput;
};

void TestCliExec::initTestCase()
{
    QVERIFY(!qEnvironmentVariable("PILOTHOUSE_CLI").isEmpty());
    QVERIFY(m_dir.isValid());
    for (int i = 0; i < kHosts; ++i) {
        m_sshd.push_back(std::make_unique<SshdFixture>());
        m_sshd.back()->setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(m_sshd.back()->launch(), qPrintable(m_sshd.back()->errorString()));
    }
    QByteArray known;
    for (const auto &sshd : m_sshd) {
        QVERIFY2(sshd->waitUntilReady(), qPrintable(sshd->errorString()));
        known += sshd->knownHostsLine().toUtf8() + '\n';
        // One key (--identity) for every host, as an operator would have.
        QVERIFY(sshd->authorizeKey(m_sshd.front()->clientPublicKeyLine()));
    }
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QVERIFY(writeFile(m_knownHosts, known));
    m_sshd[kStopped]->stop();
    m_keyInput = kSealKey.toBase64();
}

void TestCliExec::init()
{
    // A fresh audit database per test function.
    m_db =
        m_dir.filePath(u"audit-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    QFile::remove(m_db);
}

QString TestCliExec::spec(int i) const
{
    return m_sshd.at(i)->user() + u"@127.0.0.1:"_s + QString::number(m_sshd.at(i)->port());
}

QStringList TestCliExec::common(const QString &knownHosts) const
{
    return {u"exec"_s,
            u"--identity"_s,
            m_sshd.front()->clientKeyPath(),
            u"--known-hosts"_s,
            knownHosts.isEmpty() ? m_knownHosts : knownHosts,
            u"--database"_s,
            m_db,
            u"--secret-stdin"_s,
            kSealKeyEntry};
}

QList<AuditRecord> TestCliExec::auditRecords() const
{
    auto db = Database::open(m_db);
    if (!db)
        return {};
    const AuditLog log(*db, kSealKey);
    auto verified = log.verify();
    if (!verified || !verified->ok)
        return {};
    auto records = log.query();
    return records ? *records : QList<AuditRecord>();
}

void TestCliExec::jsonPerHostAndAudited()
{
    const QString command =
        u"p=${SSH_CONNECTION##* }; echo out-$p; echo err-$p >&2; exit $((p % 3))"_s;
    QStringList args = common();
    args << u"--json"_s << u"--concurrency"_s << u"2"_s;
    for (int i = 0; i < kHosts; ++i)
        args << u"--host"_s << spec(i);
    args << u"--"_s << command;
    const CliRun run = runCli(args, m_keyInput);
    QCOMPARE(run.exitCode, 1); // one host is down
    const QJsonObject doc = parseObject(run.out);
    QVERIFY2(!doc.isEmpty(), qPrintable(run.out + run.err));
    QCOMPARE(doc.value(u"format"_s).toInt(), 1);
    QCOMPARE(doc.value(u"command"_s).toString(), command);
    const QJsonArray hosts = doc.value(u"hosts"_s).toArray();
    QCOMPARE(hosts.size(), kHosts);

    const QList<AuditRecord> records = auditRecords();
    QCOMPARE(records.size(), kHosts);
    for (int i = 0; i < kHosts; ++i) {
        const QJsonObject h = hosts.at(i).toObject();
        QCOMPARE(h.value(u"host"_s).toString(), spec(i));
        QVERIFY(h.contains(u"duration_ms"_s));
        QVERIFY(h.value(u"duration_ms"_s).toInteger() >= 0);
        const AuditRecord *record = nullptr;
        for (const AuditRecord &r : records) {
            if (r.event.host == spec(i))
                record = &r;
        }
        QVERIFY(record);
        QCOMPARE(record->event.kind, AuditKind::Command);
        QCOMPARE(record->event.command, command);
        QCOMPARE(record->event.environment, u"ad-hoc"_s);
        if (i == kStopped) {
            QCOMPARE(h.value(u"outcome"_s).toString(), u"unreachable"_s);
            QVERIFY(h.value(u"exit_status"_s).isNull());
            QVERIFY(!record->event.exitStatus.has_value());
            continue;
        }
        const int port = m_sshd[i]->port();
        QCOMPARE(h.value(u"outcome"_s).toString(), port % 3 == 0 ? u"ok"_s : u"failed"_s);
        QCOMPARE(h.value(u"exit_status"_s).toInt(), port % 3);
        QCOMPARE(h.value(u"stdout"_s).toString(), u"out-%1\n"_s.arg(port));
        QCOMPARE(h.value(u"stderr"_s).toString(), u"err-%1\n"_s.arg(port));
        QCOMPARE(record->event.exitStatus, std::optional<int>(port % 3));
        QCOMPARE(record->event.outputSha256,
                 audit::sha256Hex("out-" + QByteArray::number(port) + "\nerr-" +
                                  QByteArray::number(port) + '\n'));
        QCOMPARE(record->event.confirmedBy, ConfirmedBy::None);
    }

    // The CLI's own verifier agrees that the chain is intact.
    const CliRun verify = runCli({u"audit"_s, u"verify"_s, u"--json"_s, u"--database"_s, m_db,
                                  u"--secret-stdin"_s, kSealKeyEntry},
                                 m_keyInput);
    QCOMPARE(verify.exitCode, 0);
    QCOMPARE(parseObject(verify.out).value(u"records"_s).toInt(), kHosts);
}

void TestCliExec::humanOutputHasBlocksAndMatrix()
{
    QStringList args = common();
    args << u"--host"_s << spec(0) << u"--host"_s << spec(1) << u"--"_s << u"echo"_s << u"hello"_s;
    const CliRun run = runCli(args, m_keyInput);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"=== "_s + spec(0) + u": ok"_s), qPrintable(run.out));
    QVERIFY(run.out.contains(u"=== "_s + spec(1) + u": ok"_s));
    QCOMPARE(run.out.count(u"hello\n"_s), 2);
    QVERIFY(run.out.contains(u"OUTCOME"_s));
    QVERIFY(run.out.contains(u"2 host(s): 2 ok"_s));
}

void TestCliExec::destructiveNeedsConfirm_data()
{
    QTest::addColumn<QStringList>("confirm");
    QTest::addColumn<int>("exitCode");

    QTest::newRow("no --confirm") << QStringList() << 4;
    QTest::newRow("wrong environment") << QStringList{u"--confirm"_s, u"production"_s} << 4;
    QTest::newRow("confirmed") << QStringList{u"--confirm"_s, u"ad-hoc"_s} << 0;
}

void TestCliExec::destructiveNeedsConfirm()
{
    QFETCH(QStringList, confirm);
    QFETCH(int, exitCode);

    const QString scratch = m_dir.filePath(
        u"scratch-%1"_s.arg(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-')));
    const QString marker = scratch + u".ran"_s;
    QVERIFY(QDir().mkpath(scratch));
    QFile::remove(marker);
    const QString command = u"touch %1 && rm -rf %2"_s.arg(marker, scratch);

    QStringList args = common();
    args << confirm << u"--host"_s << spec(0) << u"--"_s << command;
    const CliRun run = runCli(args, m_keyInput);
    QCOMPARE(run.exitCode, exitCode);
    const QList<AuditRecord> records = auditRecords();
    QVERIFY(!records.isEmpty());
    if (exitCode == 4) {
        QVERIFY(!QFile::exists(marker));
        QVERIFY(QFileInfo::exists(scratch));
        QVERIFY2(run.err.contains(u"--confirm ad-hoc"_s), qPrintable(run.err));
        QVERIFY2(run.err.contains(u"rm -r"_s), qPrintable(run.err)); // the reason
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.at(0).event.kind, AuditKind::Refusal);
        QCOMPARE(records.at(0).event.command, command);
        return;
    }
    QVERIFY2(QFile::exists(marker), qPrintable(run.out + run.err));
    QVERIFY(!QFileInfo::exists(scratch));
    QCOMPARE(records.size(), 2);
    QCOMPARE(records.at(0).event.kind, AuditKind::Confirmation);
    QCOMPARE(records.at(0).event.confirmedBy, ConfirmedBy::Flag);
    QCOMPARE(records.at(0).event.environment, u"ad-hoc"_s);
    QCOMPARE(records.at(0).event.host, spec(0));
    QCOMPARE(records.at(1).event.kind, AuditKind::Command);
    QCOMPARE(records.at(1).event.confirmedBy, ConfirmedBy::Flag);
    QCOMPARE(records.at(1).event.exitStatus, std::optional<int>(0));
}

void TestCliExec::unknownHostKeyRefusedUnlessAccepted()
{
    const QString knownHosts = m_dir.filePath(u"fresh_known_hosts"_s);
    QFile::remove(knownHosts);
    const QString marker = m_dir.filePath(u"unknown-key.ran"_s);
    QFile::remove(marker);

    QStringList args = common(knownHosts);
    args << u"--json"_s << u"--host"_s << spec(1) << u"--"_s << u"touch "_s + marker;
    const CliRun refused = runCli(args, m_keyInput);
    QCOMPARE(refused.exitCode, 4);
    QCOMPARE(parseObject(refused.out)
                 .value(u"hosts"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"outcome"_s)
                 .toString(),
             u"host_key_refused"_s);
    QVERIFY(refused.err.contains(u"--accept-new-host-key"_s));
    QVERIFY(!QFile::exists(marker));
    QVERIFY(readFile(knownHosts).isEmpty());
    bool keyRecorded = false;
    for (const AuditRecord &r : auditRecords())
        keyRecorded =
            keyRecorded || (r.event.kind == AuditKind::HostKey && r.event.host == spec(1));
    QVERIFY(keyRecorded);

    args.insert(1, u"--accept-new-host-key"_s);
    const CliRun accepted = runCli(args, m_keyInput);
    QCOMPARE(accepted.exitCode, 0);
    QVERIFY(QFile::exists(marker));
    bool acceptRecorded = false;
    for (const AuditRecord &r : auditRecords()) {
        acceptRecorded =
            acceptRecorded ||
            (r.event.kind == AuditKind::HostKey &&
             r.event.detail.value(u"fingerprint"_s).toString() == m_sshd[1]->hostKeyFingerprint() &&
             r.event.detail.value(u"decision"_s).toString() == u"accepted-and-saved"_s);
    }
    QVERIFY(acceptRecorded);
    // Saved like OpenSSH's accept-new: the next run needs no flag.
    QVERIFY(readFile(knownHosts).contains(m_sshd[1]->knownHostsLine().section(u' ', 2).toUtf8()));
    args.removeAt(1);
    QCOMPARE(runCli(args, m_keyInput).exitCode, 0);
}

void TestCliExec::workspaceGroup()
{
    QString hosts;
    for (int i = 0; i < 3; ++i) {
        if (!hosts.isEmpty())
            hosts += u",\n"_s;
        hosts += u"{ \"name\": \"web%1\", \"environment\": \"%2\", \"address\": \"127.0.0.1\", "
                 "\"port\": %3, \"user\": \"%4\", \"auth\": \"key\", \"identity_file\": \"%5\", "
                 "\"groups\": [\"%6\"] }"_s.arg(
                     QString::number(i), i < 2 ? u"staging"_s : u"production"_s,
                     QString::number(m_sshd[i]->port()), m_sshd[i]->user(),
                     m_sshd[i]->clientKeyPath(), i < 2 ? u"web"_s : u"db"_s);
    }
    const QString text = u"{\n\"schema_version\": 2,\n\"name\": \"Fan-out test\",\n"
                         "\"environments\": [ { \"name\": \"staging\" }, { \"name\": "
                         "\"production\", \"production\": true } ],\n"
                         "\"hosts\": [\n%1\n]\n}\n"_s.arg(hosts);
    const QString workspace = m_dir.filePath(u"workspace.jsonc"_s);
    QVERIFY(writeFile(workspace, text.toUtf8()));

    QStringList args = common();
    args << u"--workspace"_s << workspace << u"--json"_s << u"--group"_s << u"web"_s << u"--"_s
         << u"hostname >/dev/null; echo fine"_s;
    const CliRun run = runCli(args, m_keyInput);
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonArray list = parseObject(run.out).value(u"hosts"_s).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(u"host"_s).toString(), u"web0"_s);
    QCOMPARE(list.at(1).toObject().value(u"host"_s).toString(), u"web1"_s);
    QCOMPARE(list.at(1).toObject().value(u"environment"_s).toString(), u"staging"_s);
    QCOMPARE(list.at(1).toObject().value(u"stdout"_s).toString(), u"fine\n"_s);

    // A workspace name and an address mix; a destructive command names each environment.
    QStringList mixed = common();
    mixed << u"--workspace"_s << workspace << u"--host"_s << u"web2"_s << u"--host"_s << spec(1)
          << u"--confirm"_s << u"ad-hoc"_s << u"--"_s << u"pkill -x nosuchproc4711; true"_s;
    const CliRun refused = runCli(mixed, m_keyInput);
    QCOMPARE(refused.exitCode, 4);
    QVERIFY2(refused.err.contains(u"--confirm production"_s), qPrintable(refused.err));
    mixed.insert(mixed.indexOf(u"--"_s), u"--confirm=production"_s);
    const CliRun confirmed = runCli(mixed, m_keyInput);
    QVERIFY2(confirmed.exitCode == 0, qPrintable(confirmed.out + confirmed.err));

    // --group without a workspace that has it is a usage error.
    QStringList noGroup = common();
    noGroup << u"--workspace"_s << workspace << u"--group"_s << u"nope"_s << u"--"_s << u"true"_s;
    const CliRun missing = runCli(noGroup, m_keyInput);
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains(u"nope"_s));
}

void TestCliExec::keychainUnavailableRunsNothing()
{
    const QString marker = m_dir.filePath(u"nokeychain.ran"_s);
    QFile::remove(marker);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A session bus that is not there: the keychain cannot be asked at all.
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=%1/no-bus"_s.arg(m_dir.path()));
    const CliRun run = runCli({u"exec"_s, u"--identity"_s, m_sshd.front()->clientKeyPath(),
                               u"--known-hosts"_s, m_knownHosts, u"--database"_s, m_db, u"--host"_s,
                               spec(0), u"--"_s, u"touch "_s + marker},
                              {}, env);
    QCOMPARE(run.exitCode, 5);
    QVERIFY2(run.err.contains(u"--secret-stdin"_s), qPrintable(run.err));
    QVERIFY(!QFile::exists(marker));
}

void TestCliExec::interruptCancelsAndRecords()
{
    // Short enough to end by itself soon: without a terminal, sshd lets a root command
    // outlive its channel.
    const QString marker = u"sleep 6.4242"_s;
    QVERIFY(!processRunning(marker));
    QStringList args = common();
    // Quoted apart so that the CLI's own command line does not match the pattern.
    args << u"--json"_s << u"--host"_s << spec(0) << u"--host"_s << spec(1) << u"--"_s
         << u"echo started; sleep 6.42''42"_s;
    QProcess process;
    process.start(qEnvironmentVariable("PILOTHOUSE_CLI"), args);
    QVERIFY(process.waitForStarted(10000));
    process.write(m_keyInput);
    process.closeWriteChannel();
    QTRY_VERIFY_WITH_TIMEOUT(processRunning(marker), 20000);

    QElapsedTimer clock;
    clock.start();
    ::kill(pid_t(process.processId()), SIGINT);
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(clock.elapsed() < 5000); // well before the command would have ended
    const QString errText = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit, qPrintable(errText));
    QCOMPARE(process.exitCode(), 1);
    const QJsonArray hosts =
        parseObject(QString::fromUtf8(process.readAllStandardOutput())).value(u"hosts"_s).toArray();
    QCOMPARE(hosts.size(), 2);
    for (const QJsonValue &h : hosts) {
        QCOMPARE(h.toObject().value(u"outcome"_s).toString(), u"cancelled"_s);
        QCOMPARE(h.toObject().value(u"stdout"_s).toString(), u"started\n"_s);
    }
    int recorded = 0;
    for (const AuditRecord &r : auditRecords()) {
        if (r.event.kind == AuditKind::Command &&
            r.event.detail.value(u"outcome"_s).toString() == u"cancelled"_s)
            ++recorded;
    }
    QCOMPARE(recorded, 2);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(marker), 15000);
}

void TestCliExec::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("no --") << QStringList{u"--host"_s, u"h"_s, u"true"_s} << u"\"--\""_s;
    QTest::newRow("no command") << QStringList{u"--host"_s, u"h"_s, u"--"_s} << u"command"_s;
    QTest::newRow("no hosts") << QStringList{u"--"_s, u"true"_s} << u"--group"_s;
    QTest::newRow("bad host") << QStringList{u"--host"_s, u"a b"_s, u"--"_s, u"true"_s}
                              << u"[user@]address[:port]"_s;
    QTest::newRow("bad port") << QStringList{u"--host"_s, u"h:99999"_s, u"--"_s, u"true"_s}
                              << u"99999"_s;
    QTest::newRow("bad concurrency")
        << QStringList{u"--host"_s, u"h"_s, u"--concurrency"_s, u"0"_s, u"--"_s, u"true"_s}
        << u"--concurrency"_s;
    QTest::newRow("bad timeout") << QStringList{u"--host"_s, u"h"_s,  u"--timeout"_s,
                                                u"soon"_s,   u"--"_s, u"true"_s}
                                 << u"--timeout"_s;
    QTest::newRow("group without workspace")
        << QStringList{u"--group"_s, u"web"_s, u"--"_s, u"true"_s} << u"workspace"_s;
    QTest::newRow("missing identity")
        << QStringList{u"--host"_s,           u"h"_s,  u"--identity"_s,
                       u"/nonexistent/key"_s, u"--"_s, u"true"_s}
        << u"/nonexistent/key"_s;
}

void TestCliExec::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    args.prepend(u"exec"_s);
    const CliRun run = runCli(args, {});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(mentions), qPrintable(run.err));
    QVERIFY(!QFile::exists(m_db));
}

QTEST_GUILESS_MAIN(TestCliExec)
#include "tst_cliexec.moc"
