// SPDX-License-Identifier: GPL-3.0-or-later
// Commands to a host reached through one or two jump hosts, against three real OpenSSH
// servers on 127.0.0.1: the target's connection must come from the jump host's sshd.
#include "audit/sealkey.h"
#include "clirunner.h"
#include "console/hostcommands.h"
#include "ssh/fanout.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "tcpowners.h"
#include "workspace/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int waitMs = 30000;

const QByteArray kSealKey =
    QByteArray::fromHex("2f14e45fceea167a5a36dedd4bea2543a1d0c8a5f4b7e2d9c3b6a59e8d7c6b5b");

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

Host hostOf(const QString &name, const SshdFixture &sshd, const QString &jump)
{
    Host h;
    h.name = name;
    h.environment = u"staging"_s;
    h.address = sshd.host();
    h.port = sshd.port();
    h.user = sshd.user();
    h.auth = u"key"_s;
    h.identityFile = sshd.clientKeyPath();
    h.jump = jump;
    return h;
}

QString hostJson(const Host &h)
{
    QString text =
        u"{ \"name\": \"%1\", \"environment\": \"staging\", \"address\": \"%2\", "
        "\"port\": %3, \"user\": \"%4\", \"auth\": \"key\", \"identity_file\": \"%5\""_s.arg(
            h.name, h.address, QString::number(h.port), h.user, h.identityFile);
    if (!h.jump.isEmpty())
        text += u", \"jump\": \"%1\""_s.arg(h.jump);
    return text + u" }"_s;
}

} // namespace

class TestJumpExec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void hostCommandsThroughJumps_data();
    void hostCommandsThroughJumps();
    void unknownJumpKeyIsAskedUnderItsName();
    void fanOutAsksSharedJumpKeyOnce();
    void cliWorkspaceChain();
    void cliAdHocJump();
    void cliBadJump_data();
    void cliBadJump();

private:
    Workspace workspace() const;
    QStringList cliCommon() const;

    SshdFixture m_a;      ///< first hop
    SshdFixture m_b;      ///< second hop
    SshdFixture m_target; ///< reached only through them
    QTemporaryDir m_dir;
    QString m_knownHosts;
};

void TestJumpExec::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (SshdFixture *sshd : {&m_a, &m_b, &m_target}) {
        sshd->setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(sshd->start(), qPrintable(sshd->errorString()));
        // One key for every hop too, as --identity uses for ad-hoc hosts.
        QVERIFY(sshd->authorizeKey(m_a.clientPublicKeyLine()));
    }
}

void TestJumpExec::init()
{
    m_knownHosts =
        m_dir.filePath(u"known_hosts-%1"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
    const QByteArray lines = m_a.knownHostsLine().toUtf8() + '\n' + m_b.knownHostsLine().toUtf8() +
                             '\n' + m_target.knownHostsLine().toUtf8() + '\n';
    QVERIFY(writeFile(m_knownHosts, lines));
}

Workspace TestJumpExec::workspace() const
{
    Workspace ws;
    ws.name = u"Jump test"_s;
    ws.hosts = {hostOf(u"edge"_s, m_a, {}), hostOf(u"bastion"_s, m_b, u"edge"_s),
                hostOf(u"inner"_s, m_target, u"bastion"_s), hostOf(u"near"_s, m_target, u"edge"_s)};
    return ws;
}

QStringList TestJumpExec::cliCommon() const
{
    return {
        u"exec"_s,
        u"--known-hosts"_s,
        m_knownHosts,
        u"--database"_s,
        m_dir.filePath(u"audit-%1.sqlite"_s.arg(QString::fromLatin1(QTest::currentTestFunction()))),
        u"--secret-stdin"_s,
        kSealKeyEntry};
}

void TestJumpExec::hostCommandsThroughJumps_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("hops");
    QTest::newRow("one jump") << u"near"_s << 1;
    QTest::newRow("chain of two") << u"inner"_s << 2;
}

void TestJumpExec::hostCommandsThroughJumps()
{
    QFETCH(QString, host);
    QFETCH(int, hops);
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    SshSessionPool pool(options);
    HostCommands commands(nullptr, &pool);
    commands.setWorkspace(workspace());
    QSignalSpy finished(&commands, &HostCommands::finished);
    QSignalSpy unknown(&commands, &HostCommands::hostKeyUnknown);
    const int targetBefore = m_target.connectionCount();

    const quint64 id = commands.run(host, u"echo through-%1; exit 3"_s.arg(hops));
    QVERIFY(finished.wait(waitMs));
    QCOMPARE(finished.first().at(0).toULongLong(), id);
    const auto result = finished.first().at(1).value<CommandResult>();
    QVERIFY2(!result.failed, qPrintable(result.error.toString()));
    QCOMPARE(result.exitStatus, 3);
    QCOMPARE(result.stdoutTail, u"through-%1\n"_s.arg(hops).toUtf8());
    QVERIFY(unknown.isEmpty());

    // The target was reached from the last hop's sshd, never from this process.
    const SshdFixture &lastHop = hops == 1 ? m_a : m_b;
    QVERIFY2(reachedOnlyThrough(m_target.port(), lastHop.pid()),
             qPrintable(describeConnectionOwners(m_target.port())));
    if (hops == 2)
        QVERIFY2(reachedOnlyThrough(m_b.port(), m_a.pid()),
                 qPrintable(describeConnectionOwners(m_b.port())));
    QCOMPARE(m_target.connectionCount(), targetBefore + 1);
    // jump sessions + the target
    QCOMPARE(pool.sessionCount(), hops + 1);

    // The next command reuses the whole chain: no new connection to the target.
    finished.clear();
    commands.run(host, u"echo again"_s);
    QVERIFY(finished.wait(waitMs));
    QCOMPARE(finished.first().at(1).value<CommandResult>().stdoutTail, QByteArray("again\n"));
    QCOMPARE(m_target.connectionCount(), targetBefore + 1);

    // Idle sessions go, jump hosts included, once nothing is behind them.
    pool.closeIdle();
    QCOMPARE(pool.sessionCount(), 0);
}

void TestJumpExec::unknownJumpKeyIsAskedUnderItsName()
{
    // Only the target's key is known: the hops' keys are asked, each under its own name.
    QVERIFY(writeFile(m_knownHosts, m_target.knownHostsLine().toUtf8() + '\n'));
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    SshSessionPool pool(options);
    HostCommands commands(nullptr, &pool);
    commands.setWorkspace(workspace());
    QSignalSpy finished(&commands, &HostCommands::finished);
    QStringList asked;
    connect(&commands, &HostCommands::hostKeyUnknown, this,
            [&](const QString &hostName, const QString &, int port, const QString &,
                const QString &fingerprint) {
                asked << hostName;
                const SshdFixture &sshd = hostName == u"edge"_s ? m_a : m_b;
                QCOMPARE(port, sshd.port());
                QCOMPARE(fingerprint, sshd.hostKeyFingerprint());
                commands.acceptHostKey(hostName, HostKeyDecision::AcceptOnce);
            });
    commands.run(u"inner"_s, u"echo accepted"_s);
    QVERIFY(finished.wait(waitMs));
    const auto result = finished.first().at(1).value<CommandResult>();
    QVERIFY2(!result.failed, qPrintable(result.error.toString()));
    QCOMPARE(result.stdoutTail, QByteArray("accepted\n"));
    QCOMPARE(asked, (QStringList{u"edge"_s, u"bastion"_s}));
}

void TestJumpExec::fanOutAsksSharedJumpKeyOnce()
{
    // Two hosts behind one jump host whose key is new: one question, one decision.
    QVERIFY(writeFile(m_knownHosts, m_b.knownHostsLine().toUtf8() + '\n' +
                                        m_target.knownHostsLine().toUtf8() + '\n'));
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    SshSessionPool pool(options);
    FanOut fan(&pool);
    fan.setUnknownHostKeyPolicy(FanOut::UnknownHostKeyPolicy::Ask);
    SshCredentials credentials;
    credentials.methods = {SshCredentials::Method::KeyFile};
    credentials.keyFile = m_a.clientKeyPath();
    const QList<SshHop> jumps{SshHop{SshTarget{m_a.host(), m_a.port(), m_a.user()}, credentials}};
    QList<FanOutHost> hosts;
    for (const SshdFixture *sshd : {&m_b, &m_target}) {
        hosts.append(FanOutHost{u"port-%1"_s.arg(sshd->port()),
                                SshTarget{sshd->host(), sshd->port(), sshd->user()}, credentials,
                                u"staging"_s, jumps});
    }
    QSignalSpy asked(&fan, &FanOut::hostKeyUnknown);
    QSignalSpy decided(&fan, &FanOut::hostKeyDecided);
    QSignalSpy finished(&fan, &FanOut::finished);
    connect(&fan, &FanOut::hostKeyUnknown, this,
            [&](int index) { fan.answerHostKey(index, HostKeyDecision::AcceptOnce); });
    fan.start(u"echo fanned"_s, hosts);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, waitMs);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().at(2).toInt(), m_a.port());
    QCOMPARE(asked.first().at(4).toString(), m_a.hostKeyFingerprint());
    QCOMPARE(decided.size(), 1);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(int(fan.result(i).outcome), int(HostOutcome::Ok));
        QCOMPARE(fan.result(i).stdoutData, QByteArray("fanned\n"));
    }
    QVERIFY(reachedOnlyThrough(m_target.port(), m_a.pid()));
}

void TestJumpExec::cliWorkspaceChain()
{
    QStringList hosts;
    for (const Host &h : workspace().hosts)
        hosts << hostJson(h);
    const QString text = u"{\n\"schema_version\": 2,\n\"name\": \"Jump test\",\n"
                         "\"environments\": [ { \"name\": \"staging\" } ],\n"
                         "\"hosts\": [\n%1\n]\n}\n"_s.arg(hosts.join(u",\n"_s));
    const QString path = m_dir.filePath(u"jump.workspace.jsonc"_s);
    QVERIFY(writeFile(path, text.toUtf8()));

    QStringList args = cliCommon();
    args << u"--workspace"_s << path << u"--json"_s << u"--host"_s << u"inner"_s << u"--host"_s
         << u"near"_s << u"--"_s << u"echo chained"_s;
    const CliRun run = runCli(args, kSealKey.toBase64());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    QVERIFY2(!run.err.contains(u"warning"_s), qPrintable(run.err));
    const QJsonArray list =
        QJsonDocument::fromJson(run.out.toUtf8()).object().value(u"hosts"_s).toArray();
    QCOMPARE(list.size(), 2);
    for (const QJsonValue &v : list) {
        QCOMPARE(v.toObject().value(u"outcome"_s).toString(), u"ok"_s);
        QCOMPARE(v.toObject().value(u"stdout"_s).toString(), u"chained\n"_s);
    }
}

void TestJumpExec::cliAdHocJump()
{
    const auto spec = [](const SshdFixture &s) -> QString {
        return s.user() + u"@127.0.0.1:"_s + QString::number(s.port());
    };
    QStringList args = cliCommon();
    args << u"--identity"_s << m_a.clientKeyPath() << u"--jump"_s << spec(m_a) << u"--jump"_s
         << spec(m_b) << u"--host"_s << spec(m_target) << u"--json"_s << u"--"_s
         << u"echo ad-hoc"_s;
    const CliRun run = runCli(args, kSealKey.toBase64());
    QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));
    const QJsonObject host = QJsonDocument::fromJson(run.out.toUtf8())
                                 .object()
                                 .value(u"hosts"_s)
                                 .toArray()
                                 .at(0)
                                 .toObject();
    QCOMPARE(host.value(u"stdout"_s).toString(), u"ad-hoc\n"_s);

    // A jump host whose key is not known is refused like any host (exit 4), and nothing
    // reaches the target.
    QVERIFY(writeFile(m_knownHosts, m_target.knownHostsLine().toUtf8() + '\n'));
    const int before = m_target.connectionCount();
    const CliRun refused = runCli(args, kSealKey.toBase64());
    QCOMPARE(refused.exitCode, 4);
    QCOMPARE(QJsonDocument::fromJson(refused.out.toUtf8())
                 .object()
                 .value(u"hosts"_s)
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(u"outcome"_s)
                 .toString(),
             u"host_key_refused"_s);
    QCOMPARE(m_target.connectionCount(), before);
}

void TestJumpExec::cliBadJump_data()
{
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("bad spec") << QStringList{u"--jump"_s, u"me@:x"_s, u"--host"_s, u"127.0.0.1:1"_s}
                              << u"--jump"_s;
    QTest::newRow("empty port") << QStringList{u"--jump"_s, u"127.0.0.1:"_s, u"--host"_s,
                                               u"127.0.0.1:1"_s}
                                << u"--jump"_s;
}

void TestJumpExec::cliBadJump()
{
    QFETCH(QStringList, extra);
    QFETCH(QString, errorPart);
    QStringList args = cliCommon();
    args << extra << u"--"_s << u"true"_s;
    const CliRun run = runCli(args, kSealKey.toBase64());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(errorPart), qPrintable(run.err));
}

QTEST_GUILESS_MAIN(TestJumpExec)
#include "tst_jumpexec.moc"
