// SPDX-License-Identifier: GPL-3.0-or-later
// The pool against a real OpenSSH server started privately by SshdFixture on 127.0.0.1.
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int commandWaitMs = 20000;

// Runs @p command on @p session and waits for its result.
CommandResult runAndWait(SshSession *session, const QString &command)
{
    CommandResult result;
    bool done = false;
    quint64 job = 0;
    QObject context;
    QObject::connect(session, &SshSession::finished, &context,
                     [&](quint64 j, const CommandResult &r) {
                         if (j == job) {
                             result = r;
                             done = true;
                         }
                     });
    job = session->run(command);
    QDeadlineTimer deadline(commandWaitMs);
    while (!done && !deadline.hasExpired())
        QTest::qWait(10);
    if (!done) {
        result.failed = true;
        result.error.message = u"no result in time"_s;
    }
    return result;
}

} // namespace

class TestSshSessionPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void twoCommandsShareOneConnection();
    void differentUsersGetDifferentSessions();
    void idleSessionIsClosed();
    void revalidateClosesIdleNowAndBusyOnRelease();

private:
    std::unique_ptr<SshSessionPool> makePool();
    SshCredentials credentials() const;
    SshTarget target() const { return SshTarget{m_sshd.host(), m_sshd.port(), m_sshd.user()}; }

    SshdFixture m_sshd;
    QTemporaryDir m_dir;
    QString m_knownHosts;
};

void TestSshSessionPool::initTestCase()
{
    // Keeps shell start-up files out of the timings (bash reads ~/.bashrc under sshd).
    m_sshd.setExtraConfig(u"SetEnv SHLVL=1"_s);
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    QVERIFY(m_dir.isValid());
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile file(m_knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_sshd.knownHostsLine().toUtf8() + '\n');
}

void TestSshSessionPool::init()
{
    QVERIFY(m_sshd.isRunning());
}

std::unique_ptr<SshSessionPool> TestSshSessionPool::makePool()
{
    SshSessionOptions options;
    options.connectTimeoutMs = 10000;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {QDir::homePath() + u"/.ssh/known_hosts"_s};
    return std::make_unique<SshSessionPool>(options);
}

SshCredentials TestSshSessionPool::credentials() const
{
    SshCredentials creds;
    creds.methods = {SshCredentials::Method::KeyFile};
    creds.keyFile = m_sshd.clientKeyPath();
    return creds;
}

void TestSshSessionPool::twoCommandsShareOneConnection()
{
    auto pool = makePool();
    const int before = m_sshd.connectionCount();

    SshSession *first = pool->acquire(target(), credentials());
    const CommandResult one = runAndWait(first, u"echo one"_s);
    QVERIFY2(one.isSuccess(), qPrintable(one.error.toString()));
    QCOMPARE(one.stdoutTail, QByteArray("one\n"));
    pool->release(first);
    QCOMPARE(m_sshd.connectionCount(), before + 1);

    // A second user of the same host gets the open session: no new TCP connection.
    SshSession *second = pool->acquire(target(), credentials());
    QCOMPARE(second, first);
    const CommandResult two = runAndWait(second, u"echo two; exit 4"_s);
    QCOMPARE(two.exitStatus, 4);
    QCOMPARE(two.stdoutTail, QByteArray("two\n"));
    pool->release(second);
    QCOMPARE(m_sshd.connectionCount(), before + 1);
    QCOMPARE(pool->sessionCount(), 1);
}

void TestSshSessionPool::differentUsersGetDifferentSessions()
{
    auto pool = makePool();
    SshTarget other = target();
    other.user = u"nobody-else"_s;
    SshSession *a = pool->acquire(target(), credentials());
    SshSession *b = pool->acquire(other, credentials());
    QVERIFY(a != b);
    QCOMPARE(pool->sessionCount(), 2);
    QCOMPARE(SshSessionPool::key(target()),
             m_sshd.user() + u"@127.0.0.1:"_s + QString::number(m_sshd.port()));
    pool->release(a);
    pool->release(b);
}

void TestSshSessionPool::idleSessionIsClosed()
{
    auto pool = makePool();
    pool->setIdleTimeoutMs(300);
    QCOMPARE(SshSessionPool::kDefaultIdleTimeoutMs, 5 * 60 * 1000);
    QSignalSpy closed(pool.get(), &SshSessionPool::sessionClosed);
    const int before = m_sshd.connectionCount();

    SshSession *session = pool->acquire(target(), credentials());
    QVERIFY(runAndWait(session, u"true"_s).isSuccess());
    // Held sessions are never closed, however long they wait.
    QTest::qWait(500);
    QCOMPARE(pool->sessionCount(), 1);
    QCOMPARE(closed.size(), 0);

    const qsizetype closedBefore = m_sshd.logText().count(u"Connection closed by"_s);
    pool->release(session);
    QTRY_COMPARE_WITH_TIMEOUT(pool->sessionCount(), 0, 5000);
    QCOMPARE(closed.size(), 1);
    QCOMPARE(closed.at(0).at(0).toString(), SshSessionPool::key(target()));
    // sshd sees the client go away.
    QTRY_VERIFY2_WITH_TIMEOUT(m_sshd.logText().count(u"Connection closed by"_s) > closedBefore,
                              qPrintable(m_sshd.logText()), 10000);

    // The next command connects again.
    SshSession *again = pool->acquire(target(), credentials());
    QVERIFY(runAndWait(again, u"true"_s).isSuccess());
    QCOMPARE(m_sshd.connectionCount(), before + 2);
    pool->release(again);
}

void TestSshSessionPool::revalidateClosesIdleNowAndBusyOnRelease()
{
    auto pool = makePool();
    SshTarget other = target();
    other.host = u"localhost"_s; // another key, same server
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::Append));
    known.write(m_sshd.knownHostsLine().replace(u"127.0.0.1"_s, u"localhost"_s).toUtf8() + '\n');
    known.close();

    SshSession *idle = pool->acquire(target(), credentials());
    QVERIFY(runAndWait(idle, u"true"_s).isSuccess());
    pool->release(idle);
    SshSession *busy = pool->acquire(other, credentials());
    const CommandResult ran = runAndWait(busy, u"true"_s);
    QVERIFY2(ran.isSuccess(), qPrintable(ran.error.toString()));
    QCOMPARE(pool->sessionCount(), 2);

    QSignalSpy closed(pool.get(), &SshSessionPool::sessionClosed);
    const int before = m_sshd.connectionCount();
    pool->revalidateAll();
    QCOMPARE(closed.size(), 1);
    QCOMPARE(pool->sessionCount(), 1);

    // A new user of the busy host is not handed the old connection.
    SshSession *fresh = pool->acquire(other, credentials());
    QVERIFY(fresh != busy);
    QVERIFY(runAndWait(fresh, u"true"_s).isSuccess());
    QCOMPARE(m_sshd.connectionCount(), before + 1);
    // The old one still works for its user until released, then goes.
    QVERIFY(runAndWait(busy, u"echo still"_s).isSuccess());
    pool->release(busy);
    QTRY_COMPARE(closed.size(), 2);
    QCOMPARE(pool->sessionCount(), 1);
    pool->release(fresh);
}

QTEST_GUILESS_MAIN(TestSshSessionPool)
#include "tst_sshsessionpool.moc"
