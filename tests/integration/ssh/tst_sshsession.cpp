// SPDX-License-Identifier: GPL-3.0-or-later
// Against a real OpenSSH server started privately by SshdFixture on 127.0.0.1.
#include "ssh/sshsession.h"
#include "sshdfixture.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int commandWaitMs = 20000;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

// True while a process whose command line contains @p pattern runs on this machine
// (sshd is local, so the remote command is a local process).
bool processRunning(const QString &pattern)
{
    QProcess pgrep;
    pgrep.start(u"pgrep"_s, {u"-f"_s, pattern});
    pgrep.waitForFinished(5000);
    return pgrep.exitCode() == 0;
}

// Collects everything one job reports.
struct JobWatch
{
    QByteArray out;
    QByteArray err;
    int chunks = 0;
    bool done = false;
    CommandResult result;

    void attach(SshSession *session, quint64 job)
    {
        QObject::connect(session, &SshSession::stdoutReceived, session,
                         [this, job](quint64 j, const QByteArray &d) {
                             if (j == job) {
                                 out += d;
                                 ++chunks;
                             }
                         });
        QObject::connect(session, &SshSession::stderrReceived, session,
                         [this, job](quint64 j, const QByteArray &d) {
                             if (j == job)
                                 err += d;
                         });
        QObject::connect(session, &SshSession::finished, session,
                         [this, job](quint64 j, const CommandResult &r) {
                             if (j == job) {
                                 result = r;
                                 done = true;
                             }
                         });
    }
};

} // namespace

class TestSshSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void exitCodeAndStderr();
    void largeOutputArrivesCompleteAndBounded();
    void cancelKillsRemoteProcess();
    void timeoutStopsCommand();
    void unknownHostKey_data();
    void unknownHostKey();
    void changedHostKeyRefusedBeforeAuth_data();
    void changedHostKeyRefusedBeforeAuth();
    void authFailureNamesMethods_data();
    void authFailureNamesMethods();
    void agentAuthentication();
    void sessionIsReused();

private:
    std::unique_ptr<SshSession> makeSession(const SshdFixture &sshd, const SshCredentials &creds);
    SshCredentials keyCredentials() const;

    SshdFixture m_sshd;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_knownHosts;
};

void TestSshSession::initTestCase()
{
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
}

void TestSshSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_knownHosts = m_dir->filePath(u"known_hosts"_s);
    QVERIFY(writeFile(m_knownHosts, m_sshd.knownHostsLine().toUtf8() + '\n'));
}

void TestSshSession::cleanup()
{
    QFile::remove(QDir::homePath() + u"/.ssh/known_hosts"_s);
}

SshCredentials TestSshSession::keyCredentials() const
{
    SshCredentials creds;
    creds.methods = {SshCredentials::Method::KeyFile};
    creds.keyFile = m_sshd.clientKeyPath();
    return creds;
}

std::unique_ptr<SshSession> TestSshSession::makeSession(const SshdFixture &sshd,
                                                        const SshCredentials &creds)
{
    SshSessionOptions options;
    options.connectTimeoutMs = 10000;
    options.knownHostsFile = m_knownHosts;
    // Only the test's files: the test HOME's ~/.ssh/known_hosts plus the console file.
    options.readOnlyKnownHostsFiles = {QDir::homePath() + u"/.ssh/known_hosts"_s};
    auto session =
        std::make_unique<SshSession>(SshTarget{sshd.host(), sshd.port(), sshd.user()}, options);
    session->setCredentials(creds);
    return session;
}

void TestSshSession::exitCodeAndStderr()
{
    auto session = makeSession(m_sshd, keyCredentials());
    JobWatch watch;
    const quint64 job = session->run(u"echo hello; echo oops >&2; exit 3"_s);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, commandWaitMs);
    QVERIFY2(!watch.result.failed, qPrintable(watch.result.error.toString()));
    QCOMPARE(watch.result.exitStatus, 3);
    QCOMPARE(watch.out, QByteArray("hello\n"));
    QCOMPARE(watch.err, QByteArray("oops\n"));
    QCOMPARE(watch.result.stdoutTail, QByteArray("hello\n"));
    QCOMPARE(watch.result.stderrTail, QByteArray("oops\n"));
    QVERIFY(!watch.result.isSuccess());
    QVERIFY(session->isConnected());
}

void TestSshSession::largeOutputArrivesCompleteAndBounded()
{
    auto session = makeSession(m_sshd, keyCredentials());
    QByteArray expected;
    for (int i = 1; i <= 800000; ++i)
        expected += QByteArray::number(i) + '\n';
    QVERIFY(expected.size() > 5'000'000);

    CommandOptions options;
    options.keepBytes = 1024 * 1024;
    JobWatch watch;
    const quint64 job = session->run(u"seq 1 800000; seq 1 1000 >&2"_s, options);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, 60000);
    QVERIFY2(!watch.result.failed, qPrintable(watch.result.error.toString()));
    QCOMPARE(watch.result.exitStatus, 0);
    QCOMPARE(watch.out.size(), expected.size());
    QVERIFY(watch.out == expected);
    QVERIFY(watch.chunks > 1);
    QCOMPARE(watch.result.stdoutBytes, qint64(expected.size()));
    // Only the newest MiB is kept in the result, whatever the command printed.
    QCOMPARE(watch.result.stdoutTail.size(), options.keepBytes);
    QVERIFY(watch.result.stdoutTail == expected.right(options.keepBytes));
    QCOMPARE(watch.result.stderrBytes, qint64(watch.err.size()));
    QVERIFY(watch.err.endsWith("999\n1000\n"));
}

void TestSshSession::cancelKillsRemoteProcess()
{
    const QString command = u"sleep 600.4242"_s;
    QVERIFY(!processRunning(command));
    auto session = makeSession(m_sshd, keyCredentials());
    CommandOptions options;
    options.pty = true;
    JobWatch watch;
    const quint64 job = session->run(command, options);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(processRunning(command), 10000);
    QVERIFY(!watch.done);
    session->cancel(job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, 10000);
    QVERIFY(watch.result.cancelled);
    QVERIFY(!watch.result.timedOut);
    QVERIFY(!watch.result.isSuccess());
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(command), 5000);

    // The connection survives a cancelled command.
    JobWatch next;
    const quint64 again = session->run(u"echo still-here"_s);
    next.attach(session.get(), again);
    QTRY_VERIFY_WITH_TIMEOUT(next.done, commandWaitMs);
    QCOMPARE(next.out, QByteArray("still-here\n"));
}

void TestSshSession::timeoutStopsCommand()
{
    const QString command = u"sleep 600.4343"_s;
    auto session = makeSession(m_sshd, keyCredentials());
    CommandOptions options;
    options.pty = true;
    options.timeoutMs = 700;
    JobWatch watch;
    QElapsedTimer clock;
    clock.start();
    const quint64 job = session->run(command, options);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, 10000);
    QVERIFY(watch.result.timedOut);
    QVERIFY(!watch.result.cancelled);
    QCOMPARE(watch.result.error.code, u"ssh.timeout"_s);
    QVERIFY(clock.elapsed() >= 700);
    QVERIFY(clock.elapsed() < 8000);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(command), 5000);
}

void TestSshSession::unknownHostKey_data()
{
    QTest::addColumn<HostKeyDecision>("decision");
    QTest::newRow("once") << HostKeyDecision::AcceptOnce;
    QTest::newRow("remember") << HostKeyDecision::AcceptAndSave;
    QTest::newRow("reject") << HostKeyDecision::Reject;
}

void TestSshSession::unknownHostKey()
{
    QFETCH(HostKeyDecision, decision);
    QVERIFY(writeFile(m_knownHosts, "# nothing known yet\n"));
    auto session = makeSession(m_sshd, keyCredentials());
    QSignalSpy unknown(session.get(), &SshSession::hostKeyUnknown);
    QSignalSpy connected(session.get(), &SshSession::connected);
    QSignalSpy failed(session.get(), &SshSession::connectionFailed);
    JobWatch watch;
    const quint64 job = session->run(u"echo in"_s);
    watch.attach(session.get(), job);

    QTRY_COMPARE_WITH_TIMEOUT(unknown.size(), 1, 10000);
    QCOMPARE(unknown.at(0).at(0).toString(), m_sshd.host());
    QCOMPARE(unknown.at(0).at(1).toInt(), m_sshd.port());
    QCOMPARE(unknown.at(0).at(2).toString(), u"ssh-ed25519"_s);
    QCOMPARE(unknown.at(0).at(3).toString(), m_sshd.hostKeyFingerprint());
    // Paused: nothing runs until the user answers.
    QTest::qWait(200);
    QVERIFY(!watch.done);
    QCOMPARE(connected.size(), 0);

    session->acceptHostKey(decision);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, commandWaitMs);
    const QByteArray file = readFile(m_knownHosts);
    if (decision == HostKeyDecision::Reject) {
        QVERIFY(watch.result.failed);
        QCOMPARE(watch.result.error.code, u"ssh.hostkey_rejected"_s);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(file, QByteArray("# nothing known yet\n"));
        return;
    }
    QVERIFY2(!watch.result.failed, qPrintable(watch.result.error.toString()));
    QCOMPARE(watch.out, QByteArray("in\n"));
    QCOMPARE(connected.size(), 1);
    if (decision == HostKeyDecision::AcceptOnce) {
        QCOMPARE(file, QByteArray("# nothing known yet\n"));
    } else {
        QCOMPARE(file, "# nothing known yet\n" + m_sshd.knownHostsLine().toUtf8() + '\n');
        // A new session trusts the saved key without asking.
        auto second = makeSession(m_sshd, keyCredentials());
        QSignalSpy secondUnknown(second.get(), &SshSession::hostKeyUnknown);
        JobWatch again;
        const quint64 job2 = second->run(u"echo again"_s);
        again.attach(second.get(), job2);
        QTRY_VERIFY_WITH_TIMEOUT(again.done, commandWaitMs);
        QCOMPARE(again.out, QByteArray("again\n"));
        QCOMPARE(secondUnknown.size(), 0);
    }
}

void TestSshSession::changedHostKeyRefusedBeforeAuth_data()
{
    QTest::addColumn<bool>("inUserFile");
    QTest::addColumn<bool>("otherType");
    QTest::newRow("console file, changed") << false << false;
    QTest::newRow("~/.ssh/known_hosts, changed") << true << false;
    QTest::newRow("console file, other type") << false << true;
}

void TestSshSession::changedHostKeyRefusedBeforeAuth()
{
    QFETCH(bool, inUserFile);
    QFETCH(bool, otherType);
    SshdFixture sshd;
    QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
    const QString oldFingerprint = sshd.hostKeyFingerprint();
    QByteArray oldLine = sshd.knownHostsLine().toUtf8() + '\n';
    if (otherType) {
        // A key of another type for the same host (content irrelevant: never matches).
        oldLine = "[127.0.0.1]:" + QByteArray::number(sshd.port()) +
                  " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTY=\n";
    } else {
        QVERIFY2(sshd.regenerateHostKey(), qPrintable(sshd.errorString()));
        QVERIFY(sshd.hostKeyFingerprint() != oldFingerprint);
    }
    const QString userFile = QDir::homePath() + u"/.ssh/known_hosts"_s;
    QVERIFY(writeFile(inUserFile ? userFile : m_knownHosts, oldLine));
    if (inUserFile)
        QVERIFY(writeFile(m_knownHosts, {}));
    const qsizetype logBefore = sshd.logText().size();

    auto session = makeSession(sshd, keyCredentials());
    QSignalSpy unknown(session.get(), &SshSession::hostKeyUnknown);
    QSignalSpy failed(session.get(), &SshSession::connectionFailed);
    JobWatch watch;
    const quint64 job = session->run(u"echo must-not-run"_s);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, commandWaitMs);
    QVERIFY(watch.result.failed);
    QCOMPARE(watch.result.error.code, u"ssh.hostkey_changed"_s);
    QVERIFY(watch.out.isEmpty());
    QCOMPARE(failed.size(), 1);
    QCOMPARE(unknown.size(), 0);
    const Error error = failed.at(0).at(0).value<Error>();
    QCOMPARE(error.code, u"ssh.hostkey_changed"_s);
    QVERIFY2(error.message.contains(sshd.hostKeyFingerprint()), qPrintable(error.message));
    if (!otherType)
        QVERIFY2(error.message.contains(oldFingerprint), qPrintable(error.message));
    const QString name = u"[127.0.0.1]:"_s + QString::number(sshd.port());
    if (inUserFile)
        QVERIFY2(error.message.contains(u"ssh-keygen -R '"_s + name + u'\''),
                 qPrintable(error.message));
    else
        QVERIFY2(error.message.contains(u"Forget host key"_s), qPrintable(error.message));
    // The files are left as they were: nothing is trusted or dropped behind the user's back.
    QCOMPARE(readFile(inUserFile ? userFile : m_knownHosts), oldLine);

    // sshd saw the connection but no login attempt of any kind.
    QTRY_VERIFY_WITH_TIMEOUT(sshd.logText().mid(logBefore).contains(u"Connection from"_s), 5000);
    const QString log = sshd.logText().mid(logBefore);
    QVERIFY2(!log.contains(u"Accepted"_s), qPrintable(log));
    QVERIFY2(!log.contains(u"Failed"_s), qPrintable(log));
    QVERIFY2(!log.contains(u"publickey"_s), qPrintable(log));
}

void TestSshSession::authFailureNamesMethods_data()
{
    QTest::addColumn<QList<SshCredentials::Method>>("methods");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("mentions");
    using M = SshCredentials::Method;
    QTest::newRow("wrong key") << QList<M>{M::KeyFile} << QString()
                               << QStringList{u"key file"_s, u"refused this key"_s};
    QTest::newRow("wrong password")
        << QList<M>{M::Password} << u"not-the-password"_s << QStringList{u"password"_s};
    QTest::newRow("key then password") << QList<M>{M::KeyFile, M::Password} << u"nope"_s
                                       << QStringList{u"key file"_s, u"password"_s};
    QTest::newRow("no agent") << QList<M>{M::Agent} << QString()
                              << QStringList{u"SSH agent"_s, u"no agent is running"_s};
}

void TestSshSession::authFailureNamesMethods()
{
    QFETCH(QList<SshCredentials::Method>, methods);
    QFETCH(QString, password);
    QFETCH(QStringList, mentions);
    const QByteArray savedSock = qgetenv("SSH_AUTH_SOCK");
    qunsetenv("SSH_AUTH_SOCK");
    SshCredentials creds;
    creds.methods = methods;
    creds.keyFile = m_sshd.makeUnauthorizedKey(u"stranger_ed25519"_s);
    QVERIFY(!creds.keyFile.isEmpty());
    creds.password = password;
    auto session = makeSession(m_sshd, creds);
    QSignalSpy failed(session.get(), &SshSession::connectionFailed);
    session->connectToHost();
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, commandWaitMs);
    if (!savedSock.isEmpty())
        qputenv("SSH_AUTH_SOCK", savedSock);
    const Error error = failed.at(0).at(0).value<Error>();
    QCOMPARE(error.code, u"ssh.auth"_s);
    for (const QString &mention : mentions)
        QVERIFY2(error.message.contains(mention), qPrintable(error.message));
    QVERIFY2(error.message.contains(m_sshd.user()), qPrintable(error.message));
    if (!password.isEmpty())
        QVERIFY(!error.toString().contains(password));
    QVERIFY(!session->isConnected());
}

void TestSshSession::agentAuthentication()
{
    QTemporaryDir agentDir(u"/tmp/ph-agent-XXXXXX"_s); // short: sun_path has 108 bytes
    QVERIFY(agentDir.isValid());
    const QString socket = agentDir.filePath(u"agent.sock"_s);
    QProcess agent;
    agent.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    agent.start(u"ssh-agent"_s, {u"-D"_s, u"-a"_s, socket});
    QVERIFY(agent.waitForStarted(5000));
    auto stopAgent = qScopeGuard([&agent] {
        ::kill(pid_t(agent.processId()), SIGTERM);
        if (!agent.waitForFinished(3000)) {
            ::kill(pid_t(agent.processId()), SIGKILL);
            agent.waitForFinished(3000);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket), 5000);

    QProcess add;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"SSH_AUTH_SOCK"_s, socket);
    add.setProcessEnvironment(env);
    add.start(u"ssh-add"_s, {m_sshd.clientKeyPath()});
    QVERIFY(add.waitForFinished(10000));
    QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());

    SshCredentials creds;
    creds.methods = {SshCredentials::Method::Agent};
    creds.agentSocket = socket;
    auto session = makeSession(m_sshd, creds);
    JobWatch watch;
    const quint64 job = session->run(u"echo via-agent"_s);
    watch.attach(session.get(), job);
    QTRY_VERIFY_WITH_TIMEOUT(watch.done, commandWaitMs);
    QVERIFY2(!watch.result.failed, qPrintable(watch.result.error.toString()));
    QCOMPARE(watch.out, QByteArray("via-agent\n"));
}

void TestSshSession::sessionIsReused()
{
    auto session = makeSession(m_sshd, keyCredentials());
    QSignalSpy connected(session.get(), &SshSession::connected);
    JobWatch first;
    const quint64 job1 = session->run(u"echo one"_s);
    first.attach(session.get(), job1);
    QTRY_VERIFY_WITH_TIMEOUT(first.done, commandWaitMs);
    QCOMPARE(first.out, QByteArray("one\n"));
    const int connections = m_sshd.connectionCount();
    QVERIFY(connections > 0);

    JobWatch second;
    JobWatch third;
    const quint64 job2 = session->run(u"echo two"_s);
    const quint64 job3 = session->run(u"echo three; exit 7"_s);
    second.attach(session.get(), job2);
    third.attach(session.get(), job3);
    QVERIFY(job2 != job3);
    QTRY_VERIFY_WITH_TIMEOUT(third.done, commandWaitMs);
    QVERIFY(second.done);
    QCOMPARE(second.out, QByteArray("two\n"));
    QCOMPARE(third.result.exitStatus, 7);
    QCOMPARE(m_sshd.connectionCount(), connections);
    QCOMPARE(connected.size(), 1);
}

QTEST_GUILESS_MAIN(TestSshSession)
#include "tst_sshsession.moc"
