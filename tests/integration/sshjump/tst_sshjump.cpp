// SPDX-License-Identifier: GPL-3.0-or-later
// Jump hosts against real OpenSSH servers started privately by SshdFixture on 127.0.0.1:
// the target's TCP connection must come from the jump host's sshd, never from this process.
#include "ssh/sshsession.h"
#include "sshclientsetup.h"
#include "sshdfixture.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int waitMs = 20000;

// Processes holding an established TCP connection to 127.0.0.1:port.
QList<qint64> connectionOwners(int port)
{
    return SshClientSetup::connectionOwners(port, SshClientSetup::Side::Remote);
}

QString whoConnects(int port)
{
    QStringList parts;
    for (qint64 pid : connectionOwners(port))
        parts << QString::number(pid);
    return parts.join(u',');
}

struct Outcome
{
    bool done = false;
    CommandResult result;
};

} // namespace

class TestSshJump : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void throughOneJump();
    void chainOfTwo();
    void changedJumpKeyRefusedNamingHop();
    void unknownJumpKeyIsAskedOnTheJumpSession();
    void unreachableTargetNamesJump();
    void workspaceChain_data();
    void workspaceChain();

private:
    Outcome runAndWait(SshSession *session, const QString &command);

    SshdFixture m_a;
    SshdFixture m_b;
    SshdFixture m_target;
    SshClientSetup m_client;
};

void TestSshJump::initTestCase()
{
    QVERIFY2(m_a.start(), qPrintable(m_a.errorString()));
    QVERIFY2(m_b.start(), qPrintable(m_b.errorString()));
    QVERIFY2(m_target.start(), qPrintable(m_target.errorString()));
}

void TestSshJump::init()
{
    QVERIFY(m_client.reset({&m_a, &m_b, &m_target}));
}

Outcome TestSshJump::runAndWait(SshSession *session, const QString &command)
{
    auto outcome = std::make_shared<Outcome>();
    const quint64 job = session->run(command);
    QObject context;
    QObject::connect(session, &SshSession::finished, &context,
                     [outcome, job](quint64 j, const CommandResult &r) {
                         if (j == job) {
                             outcome->result = r;
                             outcome->done = true;
                         }
                     });
    if (!QTest::qWaitFor([&] { return outcome->done; }, waitMs)) {
        outcome->result.failed = true;
        outcome->result.error = Error{u"test.timeout"_s, u"no result in time"_s, {}};
    }
    return *outcome;
}

void TestSshJump::throughOneJump()
{
    auto jump = m_client.session(m_b);
    auto target = m_client.session(m_target);
    target->setJumpSession(jump.get());
    const int before = m_target.connectionCount();

    const Outcome out = runAndWait(target.get(), u"echo through-the-jump; exit 4"_s);
    QVERIFY2(!out.result.failed, qPrintable(out.result.error.toString()));
    QCOMPARE(out.result.exitStatus, 4);
    QCOMPARE(out.result.stdoutTail, QByteArray("through-the-jump\n"));
    QVERIFY(jump->isConnected());
    QCOMPARE(m_target.connectionCount(), before + 1);

    // The target's connection is held by the jump host's sshd, not by this process.
    const QList<qint64> owners = connectionOwners(m_target.port());
    QVERIFY2(!owners.isEmpty(), "no connection to the target");
    QVERIFY(!owners.contains(QCoreApplication::applicationPid()));
    for (qint64 pid : owners)
        QVERIFY2(SshClientSetup::descendsFrom(pid, m_b.pid()),
                 qPrintable(whoConnects(m_target.port())));

    // The session stays usable, and the jump can still run its own commands meanwhile.
    const Outcome again = runAndWait(target.get(), u"echo second"_s);
    QCOMPARE(again.result.stdoutTail, QByteArray("second\n"));
    const Outcome onJump = runAndWait(jump.get(), u"echo on-jump"_s);
    QCOMPARE(onJump.result.stdoutTail, QByteArray("on-jump\n"));
    QCOMPARE(m_target.connectionCount(), before + 1);
}

void TestSshJump::chainOfTwo()
{
    auto a = m_client.session(m_a);
    auto b = m_client.session(m_b);
    auto target = m_client.session(m_target);
    b->setJumpSession(a.get());
    target->setJumpSession(b.get());

    // Enough output to need several window adjustments on both hops.
    const Outcome out = runAndWait(target.get(), u"seq 1 200000 | md5sum; seq 1 200000 | wc -c"_s);
    QVERIFY2(!out.result.failed, qPrintable(out.result.error.toString()));
    QCOMPARE(out.result.exitStatus, 0);
    QByteArray expected;
    for (int i = 1; i <= 200000; ++i)
        expected += QByteArray::number(i) + '\n';
    const QByteArray count = QByteArray::number(expected.size()) + '\n';
    QVERIFY2(out.result.stdoutTail.endsWith(count), out.result.stdoutTail.constData());
    const Outcome big = runAndWait(target.get(), u"seq 1 200000"_s);
    QCOMPARE(big.result.stdoutBytes, qint64(expected.size()));
    QVERIFY(big.result.stdoutTail == expected.right(big.result.stdoutTail.size()));

    for (qint64 pid : connectionOwners(m_target.port()))
        QVERIFY2(SshClientSetup::descendsFrom(pid, m_b.pid()),
                 qPrintable(whoConnects(m_target.port())));
    const QList<qint64> toB = connectionOwners(m_b.port());
    QVERIFY(!toB.isEmpty());
    for (qint64 pid : toB)
        QVERIFY2(SshClientSetup::descendsFrom(pid, m_a.pid()), qPrintable(whoConnects(m_b.port())));
    QVERIFY(!toB.contains(QCoreApplication::applicationPid()));
}

void TestSshJump::changedJumpKeyRefusedNamingHop()
{
    SshdFixture jumpHost;
    QVERIFY2(jumpHost.start(), qPrintable(jumpHost.errorString()));
    QVERIFY(m_client.trust(jumpHost));
    QVERIFY(jumpHost.regenerateHostKey());

    auto jump = m_client.session(jumpHost);
    auto target = m_client.session(m_target);
    target->setJumpSession(jump.get());
    const int targetBefore = m_target.connectionCount();
    QSignalSpy failed(target.get(), &SshSession::connectionFailed);
    target->connectToHost();
    QVERIFY(failed.wait(waitMs));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"ssh.hostkey_changed"_s);
    const QString jumpName = u"[127.0.0.1]:%1"_s.arg(jumpHost.port());
    QVERIFY2(error.message.contains(u"jump host "_s + jumpName), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"CHANGED"_s), qPrintable(error.message));
    QVERIFY(!jump->isConnected());
    // Refused before any login on the jump host, and the target was never reached.
    QVERIFY(!jumpHost.logText().contains(u"Accepted publickey"_s));
    QCOMPARE(m_target.connectionCount(), targetBefore);
}

void TestSshJump::unknownJumpKeyIsAskedOnTheJumpSession()
{
    SshdFixture jumpHost;
    QVERIFY2(jumpHost.start(), qPrintable(jumpHost.errorString()));
    auto jump = m_client.session(jumpHost);
    auto target = m_client.session(m_target);
    target->setJumpSession(jump.get());
    QSignalSpy unknown(jump.get(), &SshSession::hostKeyUnknown);
    QSignalSpy targetUnknown(target.get(), &SshSession::hostKeyUnknown);
    QSignalSpy connected(target.get(), &SshSession::connected);
    target->connectToHost();
    QVERIFY(unknown.wait(waitMs));
    QCOMPARE(unknown.first().at(1).toInt(), jumpHost.port());
    QCOMPARE(unknown.first().at(3).toString(), jumpHost.hostKeyFingerprint());
    QVERIFY(connected.isEmpty());
    jump->acceptHostKey(HostKeyDecision::AcceptOnce);
    QVERIFY(connected.wait(waitMs));
    QVERIFY(targetUnknown.isEmpty()); // the target's key is known
    const Outcome out = runAndWait(target.get(), u"echo ok"_s);
    QCOMPARE(out.result.stdoutTail, QByteArray("ok\n"));
}

void TestSshJump::unreachableTargetNamesJump()
{
    int closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    auto jump = m_client.session(m_b);
    auto target = m_client.session(m_target, {}, closedPort);
    target->setJumpSession(jump.get());
    QSignalSpy failed(target.get(), &SshSession::connectionFailed);
    target->connectToHost();
    QVERIFY(failed.wait(waitMs));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"ssh.forward"_s);
    QVERIFY2(error.message.contains(u"[127.0.0.1]:%1"_s.arg(m_b.port())),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(u"127.0.0.1:%1"_s.arg(closedPort)), qPrintable(error.message));
    // The jump session itself is fine and keeps working.
    QVERIFY(jump->isConnected());
    const Outcome out = runAndWait(jump.get(), u"echo still-here"_s);
    QCOMPARE(out.result.stdoutTail, QByteArray("still-here\n"));
}

void TestSshJump::workspaceChain_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("direct") << u"bastion"_s << QStringList{} << QString();
    QTest::newRow("one jump") << u"app"_s << QStringList{u"bastion"_s} << QString();
    QTest::newRow("two jumps") << u"db"_s << QStringList{u"bastion"_s, u"app"_s} << QString();
    QTest::newRow("missing jump") << u"orphan"_s << QStringList{} << u"nowhere"_s;
    QTest::newRow("loop") << u"loop1"_s << QStringList{} << u"loop"_s;
    QTest::newRow("unknown host") << u"ghost"_s << QStringList{} << u"ghost"_s;
}

void TestSshJump::workspaceChain()
{
    QFETCH(QString, host);
    QFETCH(QStringList, expected);
    QFETCH(QString, errorPart);
    Workspace ws;
    auto add = [&ws](const QString &name, const QString &jump) {
        Host h;
        h.name = name;
        h.address = name + u".example"_s;
        h.jump = jump;
        ws.hosts.append(h);
    };
    add(u"bastion"_s, {});
    add(u"app"_s, u"bastion"_s);
    add(u"db"_s, u"app"_s);
    add(u"orphan"_s, u"nowhere"_s);
    add(u"loop1"_s, u"loop2"_s);
    add(u"loop2"_s, u"loop1"_s);

    const Result<QList<Host>> chain = SshTarget::jumpChain(ws, host);
    if (!errorPart.isEmpty()) {
        QVERIFY(!chain);
        QCOMPARE(chain.error().code, u"ssh.jump"_s);
        QVERIFY2(chain.error().message.contains(errorPart), qPrintable(chain.error().message));
        return;
    }
    QVERIFY2(chain, chain ? "" : qPrintable(chain.error().toString()));
    QStringList names;
    for (const Host &h : *chain)
        names << h.name;
    QCOMPARE(names, expected);
    if (const Host *h = ws.host(host))
        QCOMPARE(SshTarget::fromHost(*h).jump, h->jump);
}

QTEST_GUILESS_MAIN(TestSshJump)
#include "tst_sshjump.moc"
