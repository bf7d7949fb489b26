// SPDX-License-Identifier: GPL-3.0-or-later
// The demo host: a real OpenSSH sshd started by DemoSshd over the unpacked sandbox, driven
// through SshSession the way the checklist wizard drives it.
#include "console/demosession.h"
#include "core/paths.h"
#include "demo/demosandbox.h"
#include "demo/demosshd.h"
#include "demo/prometheusprocess.h"
#include "demo/simulatorprocess.h"
#include "ssh/sshsession.h"
#include "workspace/workspaceloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int commandWaitMs = 30000;

struct Outcome
{
    CommandResult result;
    QByteArray out;
    QByteArray err;
};

// Runs @p command on @p session in @p directory and waits (bounded) for it to finish.
Outcome runIn(SshSession *session, const QString &directory, const QString &command)
{
    Outcome outcome;
    bool done = false;
    const QString line =
        directory.isEmpty() ? command : u"cd '"_s + directory + u"' && "_s + command;
    CommandOptions options;
    options.timeoutMs = commandWaitMs;
    const quint64 job = session->run(line, options);
    QObject context;
    QObject::connect(session, &SshSession::stdoutReceived, &context,
                     [&](quint64 j, const QByteArray &d) {
                         if (j == job)
                             outcome.out += d;
                     });
    QObject::connect(session, &SshSession::stderrReceived, &context,
                     [&](quint64 j, const QByteArray &d) {
                         if (j == job)
                             outcome.err += d;
                     });
    QObject::connect(session, &SshSession::finished, &context,
                     [&](quint64 j, const CommandResult &r) {
                         if (j == job) {
                             outcome.result = r;
                             done = true;
                         }
                     });
    if (!QTest::qWaitFor([&] { return done; }, commandWaitMs + 5000))
        outcome.result.failed = true;
    return outcome;
}

struct Step
{
    int exitStatus = -1;
    QByteArray output; ///< stdout and stderr together
};

// Runs several commands in one remote shell, one round trip: each SSH command pays for
// the login shell's start-up, which can take seconds on a developer's machine.
QList<Step> runSteps(SshSession *session, const QString &directory, const QStringList &commands)
{
    QString script;
    for (const QString &command : commands)
        script += u"{ "_s + command + u" ; } 2>&1; printf '\n@@step %s@@\n' $?; "_s;
    const Outcome o = runIn(session, directory, script);
    QList<Step> steps;
    static const QRegularExpression marker(u"\n@@step (\\d+)@@\n"_s);
    const QString out = QString::fromUtf8(o.out);
    qsizetype from = 0;
    auto it = marker.globalMatch(out);
    while (it.hasNext()) {
        const auto match = it.next();
        steps.append(
            {match.captured(1).toInt(), out.mid(from, match.capturedStart() - from).toUtf8()});
        from = match.capturedEnd();
    }
    return steps;
}

// Gone, or a zombie nobody has reaped yet: either way it no longer runs.
bool processGone(qint64 pid)
{
    QFile stat(u"/proc/"_s + QString::number(pid) + u"/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close < 0 || line.mid(close + 2, 1) == "Z";
}

QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> children;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            children.append(entry.toLongLong());
    }
    return children;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The child mode of this binary: a stand-in for a console that starts the demo host and
// is then killed with SIGKILL by the test.
int runSshdChild(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString dir = QString::fromLocal8Bit(argv[2]);
    DemoSshd sshd;
    sshd.setKnownHostsFile(dir + u"/known_hosts"_s);
    if (auto started = sshd.start(dir, QString::fromLocal8Bit(argv[3])); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().toString()));
        return 1;
    }
    std::printf("%lld\n", sshd.processId());
    std::fflush(stdout);
    // Bounded: the test kills this process long before.
    QTimer::singleShot(60000, &app, &QCoreApplication::quit);
    return app.exec();
}

} // namespace

class TestDemoHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sandboxLayout();
    void unpackRefusesForeignFolder();
    void sessionNeedsNoHostKeyDialog();
    void runbookCommands_data();
    void runbookCommands();
    void refusesPathsOutsideSandbox_data();
    void refusesPathsOutsideSandbox();
    void restoreWithDropActsInsideSandbox();
    void pkillSparesRealProcesses();
    void composeStateChanges();
    void missingSshdIsExplained();
    void stopEndsServerAndSessions();
    void noOrphanWhenConsoleIsKilled();
    void demoSessionEndToEnd();

private:
    std::unique_ptr<SshSession> makeSession(const DemoSshd &sshd) const;

    QTemporaryDir m_dir;
    QString m_sandbox;
    SimulatorProcess m_sim;
    DemoSshd m_sshd;
    std::unique_ptr<SshSession> m_session;
};

void TestDemoHost::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sandbox = m_dir.filePath(u"sandbox"_s);
    auto unpacked = DemoSandbox::unpack(m_sandbox);
    QVERIFY2(unpacked, qPrintable(unpacked ? QString() : unpacked.error().toString()));
    auto sim = m_sim.start({u"--exit-with-parent"_s, u"--seed"_s, u"7"_s});
    QVERIFY2(sim, qPrintable(sim ? QString() : sim.error().toString()));
    m_sshd.setEnvironment({{u"DATABASE_URL"_s, DemoSandbox::databaseUrl()},
                           {u"ECHOPILOT_BASE_URL"_s, m_sim.baseUrl(u"echopilot"_s).toString()},
                           {u"ECHOPILOT_LOG_DIR"_s, DemoSandbox::logDir(m_sandbox)}});
    auto started = m_sshd.start(m_dir.filePath(u"ssh"_s), m_sandbox);
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    QVERIFY(m_sshd.isRunning());
    QVERIFY(m_sshd.port() > 0);
    m_session = makeSession(m_sshd);
}

void TestDemoHost::cleanupTestCase()
{
    m_session.reset();
    m_sshd.stop();
    m_sim.stop();
}

std::unique_ptr<SshSession> TestDemoHost::makeSession(const DemoSshd &sshd) const
{
    // Default files: the console's own known_hosts in the data folder, where DemoSshd
    // recorded the key, and the test HOME's ~/.ssh/known_hosts.
    SshSessionOptions options;
    options.connectTimeoutMs = 10000;
    auto session = std::make_unique<SshSession>(
        SshTarget{sshd.host(), sshd.port(), DemoSshd::user()}, options);
    SshCredentials credentials;
    credentials.methods = {SshCredentials::Method::KeyFile};
    credentials.keyFile = sshd.identityFile();
    session->setCredentials(credentials);
    return session;
}

void TestDemoHost::sandboxLayout()
{
    for (const char *tool : {"docker", "docker-compose", "mongodump", "mongorestore", "mongosh"}) {
        const QFileInfo info(DemoSandbox::binDir(m_sandbox) + u'/' + QString::fromLatin1(tool));
        QVERIFY2(info.isFile() && info.isExecutable(), tool);
    }
    QVERIFY(QFileInfo(DemoSandbox::echoPilotDir(m_sandbox) + u"/scripts/dr_restore_check.py"_s)
                .isExecutable());
    QVERIFY(QFile::exists(DemoSandbox::botCoreDir(m_sandbox) + u"/docker-compose.yml"_s));

    // A week of nightly dumps whose newest is last night's 02:00 UTC run.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime night(now.date(), QTime(2, 0), QTimeZone::utc());
    if (night > now)
        night = night.addDays(-1);
    const QDir backups(DemoSandbox::botCoreDir(m_sandbox) + u"/backups"_s);
    const QStringList dumps = backups.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time);
    QCOMPARE(dumps.size(), 7);
    QCOMPARE(dumps.first(), night.toString(u"yyyyMMdd-HHmmss"_s));
    QVERIFY(QFile::exists(backups.filePath(dumps.first() + u"/mongodb-"_s +
                                           night.toString(u"yyyyMMdd"_s) + u".archive.gz"_s)));

    // Log templates are rendered: no placeholder left, today's date in the file name.
    const QString botLog = DemoSandbox::logDir(m_sandbox) + u"/EchoPilot_Bot_"_s +
                           now.toString(u"yyyyMMdd"_s) + u".log"_s;
    const QByteArray text = readFile(botLog);
    QVERIFY2(!text.isEmpty(), qPrintable(botLog));
    QVERIFY(!text.contains('@'));
    QVERIFY(text.startsWith(now.addSecs(-86000).date().toString(u"yyyy-MM-dd"_s).toUtf8()));
    QVERIFY(
        QFileInfo(DemoSandbox::echoPilotDir(m_sandbox) + u"/backups/latest.tar.gz"_s).isSymLink());
}

void TestDemoHost::unpackRefusesForeignFolder()
{
    const QString foreign = m_dir.filePath(u"not-a-sandbox"_s);
    QVERIFY(QDir().mkpath(foreign));
    QFile keep(foreign + u"/notes.txt"_s);
    QVERIFY(keep.open(QIODevice::WriteOnly));
    keep.write("mine");
    keep.close();
    const auto result = DemoSandbox::unpack(foreign);
    QVERIFY(!result);
    QCOMPARE(result.error().code, u"demo.sandbox"_s);
    QVERIFY2(result.error().message.contains(u"not a Pilothouse demo sandbox"_s),
             qPrintable(result.error().message));
    QCOMPARE(readFile(foreign + u"/notes.txt"_s), QByteArray("mine"));

    // A sandbox is replaced: what a previous demo left is gone.
    const QString again = m_dir.filePath(u"again"_s);
    QVERIFY(DemoSandbox::unpack(again));
    QFile leftover(again + u"/opt/bot-core/leftover"_s);
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    leftover.close();
    QVERIFY(DemoSandbox::unpack(again));
    QVERIFY(!QFile::exists(again + u"/opt/bot-core/leftover"_s));
}

void TestDemoHost::sessionNeedsNoHostKeyDialog()
{
    QSignalSpy unknown(m_session.get(), &SshSession::hostKeyUnknown);
    QSignalSpy failed(m_session.get(), &SshSession::connectionFailed);
    const Outcome o = runIn(m_session.get(), {}, u"echo \"$PATH\"; id -un"_s);
    QVERIFY2(!o.result.failed, qPrintable(o.result.error.toString()));
    QCOMPARE(unknown.count(), 0);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(o.result.exitStatus, 0);
    const QList<QByteArray> lines = o.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    // Login shells may put their own folders first; the sandbox beats the system's tools.
    const QByteArray path = lines.at(0);
    const qsizetype sandboxAt = path.indexOf(DemoSandbox::binDir(m_sandbox).toUtf8());
    QVERIFY2(sandboxAt >= 0, path.constData());
    QVERIFY(sandboxAt < path.indexOf(":/usr/bin"));
    QCOMPARE(QString::fromUtf8(lines.at(1)), DemoSshd::user());

    // Test homes persist between runs, so other demo ports may be listed as well.
    const QString knownHosts = QString::fromUtf8(readFile(paths::dataDir() + u"/known_hosts"_s));
    QVERIFY2(knownHosts.contains(u"[127.0.0.1]:"_s + QString::number(m_sshd.port()) +
                                 u" ssh-ed25519 "_s),
             qPrintable(knownHosts));
}

void TestDemoHost::runbookCommands_data()
{
    QTest::addColumn<QString>("tree");
    QTest::addColumn<QString>("command");
    QTest::addColumn<int>("exitStatus");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QStringList>("absent");

    const QDateTime now = QDateTime::currentDateTimeUtc();
    QDateTime night(now.date(), QTime(2, 0), QTimeZone::utc());
    if (night > now)
        night = night.addDays(-1);

    // The commands of the Bot Core and EchoPilot daily runbooks, as they are written.
    QTest::newRow("compose ps") << u"bot-core"_s << u"docker-compose ps"_s << 0
                                << QStringList{u"bot-core-rust-core-engine-1"_s,
                                               u"Up 3 days (healthy)"_s,
                                               u"0.0.0.0:8080->8080/tcp"_s}
                                << QStringList{u"Exited"_s};
    QTest::newRow("docker stats") << u"bot-core"_s << u"docker stats --no-stream"_s << 0
                                  << QStringList{u"MEM USAGE / LIMIT"_s, u"bot-core-mongodb-1"_s,
                                                 u"GiB"_s}
                                  << QStringList{};
    QTest::newRow("df") << u"bot-core"_s << u"df -h / /opt"_s << 0
                        << QStringList{u"Use% Mounted on"_s, u"54% /\n"_s, u"58% /opt"_s}
                        << QStringList{};
    // --since=24h keeps yesterday morning's exchange time-out out of the list.
    QTest::newRow("compose logs") << u"bot-core"_s
                                  << u"docker-compose logs --since=24h | grep -i error | tail -20"_s
                                  << 0
                                  << QStringList{u"rust-core-engine-1"_s, u"insufficient balance"_s,
                                                 u"recvWindow"_s}
                                  << QStringList{u"timed out after 10s"_s, u"INFO"_s};
    QTest::newRow("newest backups")
        << u"bot-core"_s << u"ls -lht /opt/bot-core/backups/ | head -5"_s << 0
        << QStringList{night.toString(u"yyyyMMdd-HHmmss"_s)} << QStringList{};
    QTest::newRow("bot log") << u"echopilot"_s << u"tail -100 /tmp/logs/EchoPilot_Bot_*.log"_s << 0
                             << QStringList{u"processed 447 jobs"_s, u"PTR_014"_s} << QStringList{};
    QTest::newRow("scheduler log") << u"echopilot"_s << u"tail -100 /tmp/logs/Scheduler_*.log"_s
                                   << 0 << QStringList{u"heartbeat: 14 jobs"_s} << QStringList{};
    QTest::newRow("health check") << u"echopilot"_s << u"python3 scripts/daily_health_check.py"_s
                                  << 0
                                  << QStringList{u"PASS  /api/health"_s,
                                                 u"Result: OK - 6/6 endpoints healthy"_s}
                                  << QStringList{u"FAIL"_s};
    QTest::newRow("dr check") << u"echopilot"_s << u"python3 scripts/dr_restore_check.py"_s << 0
                              << QStringList{u"Archives found:   7"_s, u"PASS  run.py"_s,
                                             u"Result: OK - the newest backup restores cleanly"_s}
                              << QStringList{u"FAIL"_s};
    // Host paths in the maintenance and troubleshooting runbooks map into the sandbox.
    QTest::newRow("find and config")
        << u"bot-core"_s
        << u"find /opt/bot-core/logs -name '*.log' | wc -l && docker-compose config --quiet"_s << 0
        << QStringList{u"5\n"_s} << QStringList{};
    // The EchoPilot emergency and security runbooks: simulated processes and firewall.
    QTest::newRow("ps") << u"echopilot"_s << u"ps aux | grep [g]unicorn"_s << 0
                        << QStringList{u"gunicorn -w 4 -b 0.0.0.0:5000 run:app"_s}
                        << QStringList{u"grep"_s};
    QTest::newRow("pkill") << u"echopilot"_s
                           << u"pkill -f exec_scheduler.py && ps aux | grep [e]xec_scheduler"_s << 0
                           << QStringList{u"exec_scheduler.py"_s} << QStringList{u" 2140 "_s};
    QTest::newRow("ufw") << u"bot-core"_s << u"ufw deny from 203.0.113.9 && ufw status numbered"_s
                         << 0 << QStringList{u"Rule added"_s, u"DENY IN      203.0.113.9"_s}
                         << QStringList{};
    QTest::newRow("dr restore")
        << u"echopilot"_s
        << u"python3 scripts/dr_restore_check.py --restore backups/latest.tar.gz"_s << 0
        << QStringList{u"Restored 6 files"_s} << QStringList{u"FAIL"_s};
}

void TestDemoHost::runbookCommands()
{
    QFETCH(QString, tree);
    QFETCH(QString, command);
    QFETCH(int, exitStatus);
    QFETCH(QStringList, expected);
    QFETCH(QStringList, absent);
    const QString dir = tree == u"bot-core"_s ? DemoSandbox::botCoreDir(m_sandbox)
                                              : DemoSandbox::echoPilotDir(m_sandbox);
    const Outcome o = runIn(m_session.get(), dir, command);
    QVERIFY2(!o.result.failed, qPrintable(o.result.error.toString()));
    const QString out = QString::fromUtf8(o.out);
    QVERIFY2(o.result.exitStatus == exitStatus, qPrintable(out + QString::fromUtf8(o.err)));
    for (const QString &text : expected)
        QVERIFY2(out.contains(text), qPrintable(text + u" not in:\n"_s + out));
    for (const QString &text : absent)
        QVERIFY2(!out.contains(text), qPrintable(text + u" in:\n"_s + out));
}

void TestDemoHost::refusesPathsOutsideSandbox_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("untouched"); ///< a path outside that must not appear

    const QString outside = m_dir.filePath(u"outside.archive.gz"_s);
    QTest::newRow("mongorestore") << u"mongorestore --archive=/etc/passwd --gzip --drop"_s
                                  << QString();
    QTest::newRow("mongodump") << u"mongodump --uri=\"$DATABASE_URL\" --archive="_s + outside +
                                      u" --gzip"_s
                               << outside;
    QTest::newRow("tail") << u"tail -n 5 /etc/hostname"_s << QString();
    QTest::newRow("relative escape") << u"cat ../../../../../../../../etc/hostname"_s << QString();
    QTest::newRow("dr restore")
        << u"python3 ../echopilot/scripts/dr_restore_check.py --restore /etc/hostname"_s
        << QString();
}

void TestDemoHost::refusesPathsOutsideSandbox()
{
    QFETCH(QString, command);
    QFETCH(QString, untouched);
    const Outcome o = runIn(m_session.get(), DemoSandbox::botCoreDir(m_sandbox), command);
    QVERIFY2(!o.result.failed, qPrintable(o.result.error.toString()));
    QCOMPARE(o.result.exitStatus, 126);
    QVERIFY2(o.err.contains("outside the demo host's sandbox"), o.err.constData());
    QVERIFY(o.out.isEmpty());
    if (!untouched.isEmpty())
        QVERIFY(!QFile::exists(untouched));
}

void TestDemoHost::restoreWithDropActsInsideSandbox()
{
    const QString bot = DemoSandbox::botCoreDir(m_sandbox);
    const QString data = m_sandbox + u"/var/lib/mongodb/bot_core"_s;
    QCOMPARE(readFile(data + u"/users"_s).trimmed(), QByteArray("1342"));
    const QDir backups(bot + u"/backups"_s);
    const QString newest = backups.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time).first();
    const QString archive =
        u"backups/"_s + newest + u"/mongodb-"_s + newest.left(8) + u".archive.gz"_s;
    const QString scratch = u"mongodb://localhost:27017/bot_core_test"_s;

    const QList<Step> steps = runSteps(
        m_session.get(), bot,
        {// Without --drop every document collides with the existing one, as with MongoDB.
         u"mongorestore --uri=\"$DATABASE_URL\" --archive="_s + archive + u" --gzip"_s,
         u"cat "_s + data + u"/users"_s,
         // The disaster-recovery step as written in the runbook.
         u"mongorestore --uri=\"$DATABASE_URL\" --archive="_s + archive + u" --gzip --drop"_s,
         u"mongosh --quiet \"$DATABASE_URL\" --eval 'printjson({users: "
         "db.users.countDocuments(), trades: db.trades.countDocuments()})'"_s,
         // The weekly verification: restore into the scratch database, count, drop it.
         u"mongorestore --uri="_s + scratch + u" --archive="_s + archive + u" --gzip"_s,
         u"mongosh --quiet "_s + scratch + u" --eval 'db.users.countDocuments()'"_s,
         u"mongosh --quiet "_s + scratch + u" --eval 'db.dropDatabase()'"_s,
         // A fresh dump lands where the backups runbook puts it, inside the sandbox.
         u"mkdir -p backups/manual && mongodump --uri=\"$DATABASE_URL\" "
         "--archive=backups/manual/mongodb-now.archive.gz --gzip"_s});
    QCOMPARE(steps.size(), 8);
    for (const Step &step : steps)
        QVERIFY2(step.exitStatus == 0, step.output.constData());
    QVERIFY2(steps[0].output.contains(
                 "0 document(s) restored successfully. 272067 document(s) failed to restore."),
             steps[0].output.constData());
    QVERIFY(steps[0].output.contains("E11000 duplicate key"));
    QCOMPARE(steps[1].output.trimmed(), QByteArray("1342"));
    QVERIFY2(steps[2].output.contains("dropping collection bot_core.users before restoring"),
             steps[2].output.constData());
    QVERIFY(steps[2].output.contains(
        "finished restoring bot_core.trades (58140 documents, 0 failures)"));
    QCOMPARE(steps[3].output, QByteArray("{ users: 1339, trades: 58140 }\n"));
    QCOMPARE(steps[5].output, QByteArray("1339\n"));
    QCOMPARE(steps[6].output, QByteArray("{ ok: 1, dropped: 'bot_core_test' }\n"));
    QVERIFY(steps[7].output.contains("done dumping bot_core.users (1339 documents)"));

    QCOMPARE(readFile(data + u"/users"_s).trimmed(), QByteArray("1339"));
    QVERIFY(!QFile::exists(m_sandbox + u"/var/lib/mongodb/bot_core_test"_s));
    QVERIFY(QFile::exists(bot + u"/backups/manual/mongodb-now.archive.gz"_s));
}

void TestDemoHost::pkillSparesRealProcesses()
{
    // A process of this machine whose command line matches what the runbook kills.
    QProcess bystander;
    bystander.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    bystander.start(u"/bin/sh"_s, {u"-c"_s, u"sleep 120; : gunicorn exec_scheduler.py"_s});
    QVERIFY(bystander.waitForStarted());
    const Outcome o = runIn(m_session.get(), DemoSandbox::echoPilotDir(m_sandbox),
                            u"pkill -f gunicorn; pkill -f exec_scheduler.py"_s);
    QCOMPARE(o.result.exitStatus, 0);
    QCOMPARE(bystander.state(), QProcess::Running);
    QVERIFY(!processGone(bystander.processId()));
    bystander.kill();
    QVERIFY(bystander.waitForFinished(5000));
}

void TestDemoHost::composeStateChanges()
{
    const QString bot = DemoSandbox::botCoreDir(m_sandbox);
    const QList<Step> steps = runSteps(
        m_session.get(), bot,
        {u"docker-compose restart rust-core-engine"_s, u"docker-compose ps rust-core-engine"_s,
         u"docker-compose down"_s, u"docker-compose ps"_s, u"docker-compose restart grafana"_s,
         u"docker-compose up -d"_s, u"docker-compose ps"_s,
         u"docker-compose restart no-such-service"_s,
         // Outside the deployment folder there is no compose file, as on a real host.
         u"cd ../echopilot && docker-compose ps"_s});
    QCOMPARE(steps.size(), 9);
    QCOMPARE(steps[0].exitStatus, 0);
    QVERIFY(steps[0].output.contains("Container bot-core-rust-core-engine-1"));
    QVERIFY2(steps[1].output.contains("(health: starting)"), steps[1].output.constData());
    QCOMPARE(steps[2].exitStatus, 0);
    QVERIFY(steps[2].output.contains("Network bot-core_default"));
    QVERIFY2(!steps[3].output.contains("Up"), steps[3].output.constData());
    QVERIFY(steps[4].exitStatus != 0);
    QCOMPARE(steps[5].exitStatus, 0);
    QCOMPARE(steps[6].output.count("Up "), 5);
    QCOMPARE(steps[7].exitStatus, 1);
    QVERIFY(steps[7].output.contains("no such service: no-such-service"));
    QVERIFY2(steps[8].exitStatus != 0, steps[8].output.constData());
    QVERIFY(steps[8].output.contains("no configuration file provided"));
}

void TestDemoHost::missingSshdIsExplained()
{
    DemoSshd sshd;
    sshd.setProgram(m_dir.filePath(u"no-such-sshd"_s));
    const auto result = sshd.start(m_dir.filePath(u"ssh-missing"_s), m_sandbox);
    QVERIFY(!result);
    QCOMPARE(result.error().code, u"demo.sshd_missing"_s);
    QVERIFY2(result.error().message.startsWith(u"SSH steps are unavailable in the demo: "_s),
             qPrintable(result.error().message));
    QVERIFY(result.error().message.contains(u"(apt install openssh-server)"_s));
    QVERIFY(!sshd.isRunning());
    QVERIFY(!QFile::exists(m_dir.filePath(u"ssh-missing"_s)));
}

void TestDemoHost::stopEndsServerAndSessions()
{
    DemoSshd sshd;
    sshd.setKnownHostsFile(m_dir.filePath(u"stop-known-hosts"_s));
    QVERIFY(sshd.start(m_dir.filePath(u"ssh-stop"_s), m_sandbox));
    const qint64 pid = sshd.processId();
    QVERIFY(pid > 0);

    SshSessionOptions options;
    options.knownHostsFile = m_dir.filePath(u"stop-known-hosts"_s);
    SshSession session(SshTarget{sshd.host(), sshd.port(), DemoSshd::user()}, options);
    SshCredentials credentials;
    credentials.methods = {SshCredentials::Method::KeyFile};
    credentials.keyFile = sshd.identityFile();
    session.setCredentials(credentials);
    QCOMPARE(runIn(&session, {}, u"true"_s).result.exitStatus, 0);
    const QList<qint64> sessions = childrenOf(pid);
    QVERIFY(!sessions.isEmpty()); // the open connection's sshd

    sshd.stop();
    QVERIFY(!sshd.isRunning());
    QTRY_VERIFY(processGone(pid));
    for (const qint64 child : sessions)
        QTRY_VERIFY(processGone(child));
}

void TestDemoHost::noOrphanWhenConsoleIsKilled()
{
    const QString dir = m_dir.filePath(u"ssh-child"_s);
    QProcess console;
    console.start(QCoreApplication::applicationFilePath(), {u"--sshd-child"_s, dir, m_sandbox});
    QVERIFY(console.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(console.canReadLine() || console.state() != QProcess::Running, 20000);
    const qint64 pid = console.readLine().trimmed().toLongLong();
    QVERIFY2(pid > 0, console.readAllStandardError().constData());
    QVERIFY(!processGone(pid));

    ::kill(pid_t(console.processId()), SIGKILL);
    QVERIFY(console.waitForFinished(5000));
    QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
}

void TestDemoHost::demoSessionEndToEnd()
{
    QString fingerprint;
    QByteArray identity;
    int port = 0;
    for (int round = 0; round < 2; ++round) {
        DemoSession demo;
        const auto options = demo.start();
        QVERIFY2(options, qPrintable(options ? QString() : options.error().toString()));
        QVERIFY2(!demo.sshError(),
                 qPrintable(demo.sshError() ? demo.sshError()->toString() : QString()));
        DemoSshd *sshd = demo.sshd();
        QVERIFY(sshd->isRunning());

        const auto loaded = WorkspaceLoader::loadFile(options->workspacePath, options->variables);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        const Host *host = loaded->workspace.host(u"demo-host"_s);
        QVERIFY(host);
        QCOMPARE(host->port, sshd->port());
        QCOMPARE(host->identityFile, sshd->identityFile());
        QCOMPARE(host->user, DemoSshd::user());
        const Service *engine = loaded->workspace.service(u"rust-core-engine"_s);
        QVERIFY(QFile::exists(engine->workingDirectory + u"/docker-compose.yml"_s));

        // Keys and port are reused across runs; the console's known_hosts keeps one entry.
        if (round == 0) {
            fingerprint = sshd->hostKeyFingerprint();
            identity = readFile(sshd->identityFile());
            port = sshd->port();
        } else {
            QCOMPARE(sshd->hostKeyFingerprint(), fingerprint);
            QCOMPARE(readFile(sshd->identityFile()), identity);
            QCOMPARE(sshd->port(), port);
        }
        const QString knownHosts =
            QString::fromUtf8(readFile(paths::dataDir() + u"/known_hosts"_s));
        QCOMPARE(knownHosts.count(u"[127.0.0.1]:"_s + QString::number(port) + u' '), 1);

        // The workspace's host and working directory are enough to run the daily check.
        SshSession session(SshTarget::fromHost(*host));
        SshCredentials credentials;
        credentials.methods = {SshCredentials::Method::KeyFile};
        credentials.keyFile = host->identityFile;
        session.setCredentials(credentials);
        QSignalSpy unknown(&session, &SshSession::hostKeyUnknown);
        const Outcome o = runIn(&session, engine->workingDirectory, u"docker-compose ps"_s);
        QVERIFY2(o.result.exitStatus == 0,
                 qPrintable(o.result.error.toString() + QString::fromUtf8(o.err)));
        QVERIFY(o.out.contains("Up "));
        QCOMPARE(unknown.count(), 0);
        session.disconnectFromHost();

        // With Prometheus installed the demo runs a private one, named by a variable.
        QVERIFY(options->variables.contains(u"demo.prometheus_url"_s));
        const QString prometheusUrl = options->variables.value(u"demo.prometheus_url"_s);
        qint64 prometheusPid = 0;
        if (demo.prometheus()->isInstalled()) {
            QVERIFY2(!demo.prometheusError(),
                     qPrintable(demo.prometheusError() ? demo.prometheusError()->toString()
                                                       : QString()));
            QVERIFY(demo.prometheus()->isRunning());
            QCOMPARE(prometheusUrl, demo.prometheus()->baseUrl().toString());
            QTRY_VERIFY_WITH_TIMEOUT(demo.prometheus()->isReady() || demo.prometheusError(), 30000);
            QVERIFY2(demo.prometheus()->isReady(),
                     qPrintable(demo.prometheusError() ? demo.prometheusError()->toString()
                                                       : QString()));
            QVERIFY(demo.prometheus()->configText().contains(u"job_name: \"echopilot\""_s));
            prometheusPid = demo.prometheus()->processId();
        } else {
            QVERIFY(prometheusUrl.isEmpty());
            QVERIFY(demo.prometheusError());
        }

        const qint64 sshdPid = sshd->processId();
        const qint64 simPid = demo.simulator()->processId();
        demo.stop();
        QTRY_VERIFY(processGone(sshdPid));
        QTRY_VERIFY(processGone(simPid));
        if (prometheusPid > 0)
            QTRY_VERIFY(processGone(prometheusPid));
    }
}

int main(int argc, char **argv)
{
    if (argc >= 4 && qstrcmp(argv[1], "--sshd-child") == 0)
        return runSshdChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestDemoHost test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_demohost.moc"
