// SPDX-License-Identifier: GPL-3.0-or-later
// Fan-out over many real OpenSSH daemons started privately by SshdFixture on 127.0.0.1.
#include "ssh/fanout.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kHosts = 22;
constexpr int kStopped = 0;    // not running: unreachable
constexpr int kKeyChanged = 1; // host key replaced after it was saved: refused
constexpr int runWaitMs = 60000;

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

} // namespace

class TestFanOut : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void outcomesPerHostAndRetryFailed();
    void cancelStopsRunningAndQueuedHosts();
    void timeoutIsItsOwnOutcome();
    void unknownHostKey_data();
    void unknownHostKey();
    void outcomeMapping_data();
    void outcomeMapping();

private:
    FanOutHost host(int i) const;
    std::unique_ptr<SshSessionPool> makePool(const QString &knownHosts) const;

    std::vector<std::unique_ptr<SshdFixture>> m_sshd;
    QTemporaryDir m_dir;
    QString m_knownHosts;
};

void TestFanOut::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < kHosts; ++i) {
        m_sshd.push_back(std::make_unique<SshdFixture>());
        // Keeps shell start-up files out of the picture (bash reads ~/.bashrc under sshd).
        m_sshd.back()->setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(m_sshd.back()->launch(), qPrintable(m_sshd.back()->errorString()));
    }
    QByteArray known;
    for (const auto &sshd : m_sshd) {
        QVERIFY2(sshd->waitUntilReady(), qPrintable(sshd->errorString()));
        known += sshd->knownHostsLine().toUtf8() + '\n';
    }
    qInfo("%d sshd started in %lld ms", kHosts, clock.elapsed());
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile file(m_knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(known);
    file.close();

    m_sshd[kStopped]->stop();
    QVERIFY2(m_sshd[kKeyChanged]->regenerateHostKey(),
             qPrintable(m_sshd[kKeyChanged]->errorString()));
}

FanOutHost TestFanOut::host(int i) const
{
    const SshdFixture &sshd = *m_sshd.at(i);
    FanOutHost h;
    h.name = u"h%1"_s.arg(i, 2, 10, QChar(u'0'));
    h.target = SshTarget{sshd.host(), sshd.port(), sshd.user()};
    h.credentials.methods = {SshCredentials::Method::KeyFile};
    h.credentials.keyFile = sshd.clientKeyPath();
    h.environment = u"test"_s;
    return h;
}

std::unique_ptr<SshSessionPool> TestFanOut::makePool(const QString &knownHosts) const
{
    SshSessionOptions options;
    options.connectTimeoutMs = 10000;
    options.knownHostsFile = knownHosts;
    options.readOnlyKnownHostsFiles = {QDir::homePath() + u"/.ssh/known_hosts"_s};
    return std::make_unique<SshSessionPool>(options);
}

void TestFanOut::outcomesPerHostAndRetryFailed()
{
    auto pool = makePool(m_knownHosts);
    FanOut fan(pool.get());
    QCOMPARE(fan.concurrency(), FanOut::kDefaultConcurrency);
    fan.setConcurrency(8);

    QList<FanOutHost> hosts;
    for (int i = 0; i < kHosts; ++i)
        hosts.append(host(i));

    // Each daemon answers with its own port, so outputs cannot be mixed up unnoticed;
    // the exit code varies with the port, and every run leaves a line in a file.
    const QString runs = m_dir.filePath(u"runs"_s);
    QVERIFY(QDir().mkpath(runs));
    const QString command = u"p=${SSH_CONNECTION##* }; echo out-$p; echo err-$p >&2; "
                            "echo ran >> %1/ran-$p; exit $((p % 3))"_s.arg(runs);

    QSignalSpy started(&fan, &FanOut::hostStarted);
    QSignalSpy finishedHost(&fan, &FanOut::hostFinished);
    QSignalSpy finished(&fan, &FanOut::finished);
    QHash<int, QByteArray> streamedOut;
    QHash<int, QByteArray> streamedErr;
    int active = 0;
    int maxActive = 0;
    connect(&fan, &FanOut::hostStarted, this, [&] { maxActive = std::max(maxActive, ++active); });
    connect(&fan, &FanOut::hostFinished, this, [&] { --active; });
    connect(&fan, &FanOut::stdoutReceived, this,
            [&](int i, const QByteArray &d) { streamedOut[i] += d; });
    connect(&fan, &FanOut::stderrReceived, this,
            [&](int i, const QByteArray &d) { streamedErr[i] += d; });

    fan.start(command, hosts);
    QVERIFY(fan.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, runWaitMs);
    QVERIFY(!fan.isRunning());
    QCOMPARE(started.size(), kHosts);
    QCOMPARE(finishedHost.size(), kHosts);
    QCOMPARE(maxActive, 8);
    QVERIFY(!fan.allOk());

    const QList<FanOutHostResult> results = fan.results();
    QCOMPARE(results.size(), kHosts);
    QList<int> connectionsAfterFirst;
    int notOk = 0;
    for (int i = 0; i < kHosts; ++i) {
        const FanOutHostResult &r = results.at(i);
        const int port = m_sshd[i]->port();
        QCOMPARE(r.name, hosts.at(i).name);
        QCOMPARE(r.attempts, 1);
        connectionsAfterFirst.append(m_sshd[i]->connectionCount());
        if (i == kStopped) {
            QCOMPARE(r.outcome, HostOutcome::Unreachable);
            QCOMPARE(r.exitStatus, -1);
            QVERIFY(!r.error.message.isEmpty());
            ++notOk;
            continue;
        }
        if (i == kKeyChanged) {
            QCOMPARE(r.outcome, HostOutcome::HostKeyRefused);
            QVERIFY2(r.error.message.contains(u"CHANGED"_s), qPrintable(r.error.message));
            QVERIFY(!QFile::exists(runs + u"/ran-"_s + QString::number(port)));
            // Refused before any login was tried.
            QVERIFY(!m_sshd[i]->logText().contains(u"Accepted publickey"_s));
            QVERIFY(!m_sshd[i]->logText().contains(u"Failed publickey"_s));
            ++notOk;
            continue;
        }
        const int code = port % 3;
        QCOMPARE(r.outcome, code == 0 ? HostOutcome::Ok : HostOutcome::Failed);
        QCOMPARE(r.exitStatus, code);
        QCOMPARE(r.stdoutData, "out-" + QByteArray::number(port) + '\n');
        QCOMPARE(r.stderrData, "err-" + QByteArray::number(port) + '\n');
        QCOMPARE(streamedOut.value(i), r.stdoutData);
        QCOMPARE(streamedErr.value(i), r.stderrData);
        QCOMPARE(r.stdoutBytes, qint64(r.stdoutData.size()));
        QVERIFY(r.durationMs >= 0 && r.durationMs < runWaitMs);
        QVERIFY(r.error.code.isEmpty());
        if (code != 0)
            ++notOk;
    }
    QVERIFY(notOk > 2); // some exit codes are non-zero, or the retry checks nothing

    // Only the hosts that did not succeed run again, over the sessions already open.
    QCOMPARE(fan.retryFailed(), notOk);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, runWaitMs);
    QCOMPARE(finishedHost.size(), kHosts + notOk);
    for (int i = 0; i < kHosts; ++i) {
        const FanOutHostResult &r = fan.result(i);
        if (i == kStopped || i == kKeyChanged) {
            QCOMPARE(r.attempts, 2);
            QCOMPARE(r.outcome,
                     i == kStopped ? HostOutcome::Unreachable : HostOutcome::HostKeyRefused);
            continue;
        }
        const int port = m_sshd[i]->port();
        const bool ok = port % 3 == 0;
        QCOMPARE(r.attempts, ok ? 1 : 2);
        QCOMPARE(r.outcome, results.at(i).outcome);
        const QByteArray ran = readFile(runs + u"/ran-"_s + QString::number(port));
        QCOMPARE(ran.count("ran\n"), ok ? 1 : 2);
        QCOMPARE(m_sshd[i]->connectionCount(), connectionsAfterFirst.at(i));
    }
    // Nothing left to retry once everything is fine: no run, no signal.
    FanOut empty(pool.get());
    QSignalSpy emptyFinished(&empty, &FanOut::finished);
    empty.start(u"true"_s, {});
    QTRY_COMPARE(emptyFinished.size(), 1);
    QVERIFY(empty.allOk());
    QCOMPARE(empty.retryFailed(), 0);
}

void TestFanOut::cancelStopsRunningAndQueuedHosts()
{
    auto pool = makePool(m_knownHosts);
    FanOut fan(pool.get());
    fan.setConcurrency(3);
    CommandOptions options;
    options.pty = true; // so the remote process really ends (sshd ignores signals for root)
    fan.setCommandOptions(options);
    const QString marker = u"sleep 301.4711"_s;
    QVERIFY(!processRunning(marker));

    QList<FanOutHost> hosts;
    for (int i = 2; i < 8; ++i)
        hosts.append(host(i));
    QSignalSpy finished(&fan, &FanOut::finished);
    QSignalSpy finishedHost(&fan, &FanOut::hostFinished);
    fan.start(marker, hosts);
    QTRY_VERIFY_WITH_TIMEOUT(processRunning(marker), 20000);
    QCOMPARE(finishedHost.size(), 0);

    QElapsedTimer clock;
    clock.start();
    fan.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QVERIFY(clock.elapsed() < 15000);
    QCOMPARE(finishedHost.size(), hosts.size());
    int neverStarted = 0;
    for (const FanOutHostResult &r : fan.results()) {
        QCOMPARE(r.outcome, HostOutcome::Cancelled);
        QVERIFY(!r.error.message.isEmpty());
        if (r.attempts == 0)
            ++neverStarted;
    }
    QCOMPARE(neverStarted, 3);
    QTRY_VERIFY_WITH_TIMEOUT(!processRunning(marker), 10000);
}

void TestFanOut::timeoutIsItsOwnOutcome()
{
    auto pool = makePool(m_knownHosts);
    FanOut fan(pool.get());
    CommandOptions options;
    options.pty = true;
    options.timeoutMs = 800;
    fan.setCommandOptions(options);
    QSignalSpy finished(&fan, &FanOut::finished);
    fan.start(u"sleep 30"_s, {host(2)});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    const FanOutHostResult r = fan.result(0);
    QCOMPARE(r.outcome, HostOutcome::TimedOut);
    QCOMPARE(hostOutcomeName(r.outcome), u"timed_out"_s);
    QVERIFY(r.durationMs >= 800);
    QVERIFY(r.durationMs < 15000);
}

void TestFanOut::unknownHostKey_data()
{
    QTest::addColumn<int>("policy");
    QTest::addColumn<int>("answer"); // for Ask; -1 = none
    QTest::addColumn<int>("expected");
    QTest::addColumn<bool>("saved");

    QTest::newRow("refuse") << int(FanOut::UnknownHostKeyPolicy::Refuse) << -1
                            << int(HostOutcome::HostKeyRefused) << false;
    QTest::newRow("accept once") << int(FanOut::UnknownHostKeyPolicy::AcceptOnce) << -1
                                 << int(HostOutcome::Ok) << false;
    QTest::newRow("accept and save")
        << int(FanOut::UnknownHostKeyPolicy::AcceptAndSave) << -1 << int(HostOutcome::Ok) << true;
    QTest::newRow("ask, accepted")
        << int(FanOut::UnknownHostKeyPolicy::Ask) << int(HostKeyDecision::AcceptOnce)
        << int(HostOutcome::Ok) << false;
    QTest::newRow("ask, rejected")
        << int(FanOut::UnknownHostKeyPolicy::Ask) << int(HostKeyDecision::Reject)
        << int(HostOutcome::HostKeyRefused) << false;
}

void TestFanOut::unknownHostKey()
{
    QFETCH(int, policy);
    QFETCH(int, answer);
    QFETCH(int, expected);
    QFETCH(bool, saved);

    QTemporaryDir dir;
    const QString knownHosts = dir.filePath(u"known_hosts"_s); // empty: every key is new
    auto pool = makePool(knownHosts);
    FanOut fan(pool.get());
    fan.setUnknownHostKeyPolicy(FanOut::UnknownHostKeyPolicy(policy));
    const SshdFixture &sshd = *m_sshd[3];
    QSignalSpy asked(&fan, &FanOut::hostKeyUnknown);
    QSignalSpy finished(&fan, &FanOut::finished);
    connect(&fan, &FanOut::hostKeyUnknown, this,
            [&](int index) { fan.answerHostKey(index, HostKeyDecision(answer)); });
    fan.start(u"echo hi"_s, {host(3)});
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);

    const FanOutHostResult r = fan.result(0);
    QCOMPARE(int(r.outcome), expected);
    if (policy == int(FanOut::UnknownHostKeyPolicy::Ask)) {
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).at(0).toInt(), 0);
        QCOMPARE(asked.at(0).at(2).toInt(), sshd.port());
        QCOMPARE(asked.at(0).at(3).toString(), u"ssh-ed25519"_s);
        QCOMPARE(asked.at(0).at(4).toString(), sshd.hostKeyFingerprint());
    } else {
        QCOMPARE(asked.size(), 0);
    }
    if (r.outcome == HostOutcome::Ok)
        QCOMPARE(r.stdoutData, QByteArray("hi\n"));
    else
        QCOMPARE(r.error.code, u"ssh.hostkey_rejected"_s);
    QCOMPARE(readFile(knownHosts).contains(sshd.knownHostsLine().section(u' ', 2).toUtf8()), saved);
}

void TestFanOut::outcomeMapping_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<bool>("cancelled");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<QString>("outcome");

    QTest::newRow("exit 0") << QString() << 0 << false << false << u"ok"_s;
    QTest::newRow("exit 2") << QString() << 2 << false << false << u"failed"_s;
    QTest::newRow("killed") << QString() << -1 << false << false << u"failed"_s;
    QTest::newRow("connect") << u"ssh.connect"_s << -1 << false << false << u"unreachable"_s;
    QTest::newRow("auth") << u"ssh.auth"_s << -1 << false << false << u"auth_failed"_s;
    QTest::newRow("changed") << u"ssh.hostkey_changed"_s << -1 << false << false
                             << u"host_key_refused"_s;
    QTest::newRow("rejected") << u"ssh.hostkey_rejected"_s << -1 << false << false
                              << u"host_key_refused"_s;
    QTest::newRow("no key") << u"ssh.hostkey"_s << -1 << false << false << u"host_key_refused"_s;
    QTest::newRow("lost") << u"ssh.connection_lost"_s << -1 << false << false << u"failed"_s;
    QTest::newRow("sudo") << u"ssh.sudo_password"_s << 1 << false << false << u"failed"_s;
    QTest::newRow("timeout") << QString() << -1 << false << true << u"timed_out"_s;
    QTest::newRow("cancelled") << QString() << -1 << true << false << u"cancelled"_s;
    QTest::newRow("cancelled while connecting")
        << u"ssh.connect"_s << -1 << true << false << u"cancelled"_s;
}

void TestFanOut::outcomeMapping()
{
    QFETCH(QString, code);
    QFETCH(int, exitStatus);
    QFETCH(bool, cancelled);
    QFETCH(bool, timedOut);
    QFETCH(QString, outcome);

    CommandResult result;
    result.exitStatus = exitStatus;
    result.cancelled = cancelled;
    result.timedOut = timedOut;
    result.failed = !code.isEmpty();
    result.error.code = code;
    QCOMPARE(hostOutcomeName(outcomeOf(result)), outcome);
}

QTEST_GUILESS_MAIN(TestFanOut)
#include "tst_fanout.moc"
