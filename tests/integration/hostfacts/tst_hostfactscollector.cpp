// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertcenter.h"
#include "console/console.h"
#include "console/demosession.h"
#include "console/hostcommands.h"
#include "console/hostfactscollector.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "testfile.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

QByteArray dfText(int rootPercent)
{
    return "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
           "tmpfs               807284      1496    805788       1% /run\n"
           "/dev/vda1         82498240  42693580  36420440      " +
           QByteArray::number(rootPercent) +
           "% /\n"
           "/dev/loop3           65536     65536         0     100% /snap/core20/2264\n";
}

const QByteArray composeText =
    "NAME                          IMAGE              COMMAND             SERVICE            "
    "CREATED        STATUS                    PORTS\n"
    "bot-core-mongodb-1            mongo:7.0          \"mongod\"            mongodb            "
    "4 days ago     Up 3 days (healthy)       27017/tcp\n"
    "bot-core-rust-core-engine-1   bot-core/engine    \"/app/engine\"       rust-core-engine   "
    "4 days ago     Up 3 days (unhealthy)     0.0.0.0:8080->8080/tcp\n"
    "bot-core-python-ai-1          bot-core/ai        \"uvicorn main\"      python-ai-service  "
    "4 days ago     Exited (1) 2 hours ago    \n";

const QByteArray statsTable =
    "CONTAINER ID   NAME                          CPU %     MEM USAGE / LIMIT     MEM %     "
    "NET I/O           BLOCK I/O         PIDS\n"
    "1cc9a79bdaf0   bot-core-mongodb-1            3.12%     612.4MiB / 2GiB       29.90%    "
    "1.21GB / 968MB    2.1GB / 14.6GB    41\n"
    "ccf6d0115124   bot-core-rust-core-engine-1   7.85%     890.1MiB / 1GiB       86.92%    "
    "6.48GB / 5.92GB   48.2MB / 1.02GB   23\n";

} // namespace

class TestHostFactsCollector : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    SshdFixture m_sshd;
    SshdFixture m_gone; ///< started once for a port, then stopped: a host that is down
    std::unique_ptr<SshSessionPool> m_pool;
    std::unique_ptr<HostCommands> m_commands;
    Workspace m_ws;

    Service service(const QString &name, const QString &profile, const QString &host)
    {
        Service s;
        s.name = name;
        s.environment = u"production"_s;
        s.profile = profile;
        s.host = host;
        s.workingDirectory = m_dir.filePath(u"bot-core"_s);
        return s;
    }

    Host host(const QString &name, const SshdFixture &sshd)
    {
        Host h;
        h.name = name;
        h.environment = u"production"_s;
        h.address = sshd.host();
        h.port = sshd.port();
        h.user = sshd.user();
        h.auth = u"key"_s;
        h.identityFile = sshd.clientKeyPath();
        return h;
    }

    HostFacts factsOf(const QList<QVariantList> &spy, const QString &name)
    {
        for (const QVariantList &args : spy) {
            const auto facts = args.at(0).value<HostFacts>();
            if (facts.host == name)
                return facts;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<HostFacts>();
        QVERIFY(m_dir.isValid());
        const QString bin = m_dir.filePath(u"bin"_s);
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(QDir().mkpath(m_dir.filePath(u"bot-core"_s)));
        QVERIFY(writeTestFile(m_dir.filePath(u"bot-core/docker-compose.yml"_s), "services: {}\n"));
        QVERIFY(writeTestFile(m_dir.filePath(u"compose.txt"_s), composeText));
        QVERIFY(writeTestFile(m_dir.filePath(u"stats.txt"_s), statsTable));
        QVERIFY(writeTestFile(m_dir.filePath(u"df.txt"_s), dfText(54)));
        const QByteArray dir = m_dir.path().toUtf8();
        // Compose answers only in the deployment's folder, as the real one does.
        QVERIFY(writeTestFile(
            bin + u"/docker-compose"_s,
            "#!/bin/sh\n[ -f docker-compose.yml ] || { echo 'no configuration file "
            "provided: not found' >&2; exit 14; }\n[ \"$1 $2\" = 'ps -a' ] || exit 2\n"
            "cat '" +
                dir + "/compose.txt'\n",
            true));
        // An old docker CLI without --format: the collector falls back to the table.
        QVERIFY(writeTestFile(
            bin + u"/docker"_s,
            "#!/bin/sh\ncase \"$*\" in *--format*) echo 'unknown flag: --format' >&2; "
            "exit 125 ;; esac\ncat '" +
                dir + "/stats.txt'\n",
            true));
        QVERIFY(writeTestFile(bin + u"/df"_s, "#!/bin/sh\ncat '" + dir + "/df.txt'\n", true));

        m_sshd.setExtraConfig(u"SetEnv PATH="_s + bin + u":/usr/bin:/bin SHLVL=1"_s);
        QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
        QVERIFY2(m_gone.start(), qPrintable(m_gone.errorString()));
        m_gone.stop();

        QFile known(m_dir.filePath(u"known_hosts"_s));
        QVERIFY(known.open(QIODevice::WriteOnly));
        known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
        known.close();
        SshSessionOptions options;
        options.knownHostsFile = known.fileName();
        options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
        m_pool = std::make_unique<SshSessionPool>(options);
        m_commands = std::make_unique<HostCommands>(nullptr, m_pool.get());

        m_ws.name = u"test"_s;
        m_ws.hosts = {host(u"bot1"_s, m_sshd), host(u"gone"_s, m_gone)};
        m_ws.services = {service(u"engine"_s, u"botcore"_s, u"bot1"_s),
                         service(u"ai"_s, u"botcore"_s, u"bot1"_s),
                         service(u"echo"_s, u"echopilot"_s, u"bot1"_s),
                         service(u"engine-b"_s, u"botcore"_s, u"gone"_s)};
        m_commands->setWorkspace(m_ws);
    }

    void commands()
    {
        QCOMPARE(HostFactsCollector::composeCommand(u"/opt/bot core"_s),
                 u"cd '/opt/bot core' && { if command -v docker-compose >/dev/null 2>&1; then "
                 "docker-compose ps -a; else docker compose ps -a; fi }"_s);
        QVERIFY(HostFactsCollector::composeCommand(u"~/it's"_s).startsWith(u"cd ~/'it'\\''s'"_s));
        QCOMPARE(HostFactsCollector::diskCommand(), u"df -P -k"_s);
    }

    void collectsFactsAndErrorsPerHost()
    {
        HostFactsCollector collector(m_commands.get());
        QSignalSpy hosts(&collector, &HostFactsCollector::hostsChanged);
        collector.setServices(m_ws.services);
        QCOMPARE(collector.hosts(), (QStringList{u"bot1"_s, u"gone"_s}));
        QCOMPARE(hosts.count(), 1);
        QSignalSpy spy(&collector, &HostFactsCollector::factsReady);
        const QDateTime before = QDateTime::currentDateTimeUtc();
        collector.collectNow();
        collector.collectNow(); // a round in flight is not started twice
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 30000);
        QTest::qWait(200);
        QCOMPARE(spy.count(), 2);

        const HostFacts bot1 = factsOf(spy, u"bot1"_s);
        QVERIFY2(bot1.ok(), qPrintable(bot1.error.toString()));
        QVERIFY(bot1.at >= before);
        QCOMPARE(bot1.services, (QStringList{u"engine"_s, u"ai"_s}));
        QVERIFY2(bot1.problems.isEmpty(), qPrintable(bot1.problems.join(u'\n')));
        QCOMPARE(bot1.containers.size(), 3);
        QCOMPARE(bot1.containers.at(1).service, u"rust-core-engine"_s);
        QCOMPARE(bot1.containers.at(1).health, ContainerState::Health::Unhealthy);
        QCOMPARE(bot1.containers.at(2).state, u"exited"_s);
        QCOMPARE(bot1.stats.size(), 2);
        QCOMPARE(bot1.maxMemoryPercent(), 86.92);
        QCOMPARE(bot1.disks.size(), 3);
        QCOMPARE(bot1.maxDiskPercent(), 54.0);
        QCOMPARE(collector.latest().size(), 2);

        const HostFacts gone = factsOf(spy, u"gone"_s);
        QVERIFY(!gone.ok());
        QVERIFY(!gone.error.message.isEmpty());
        QVERIFY(gone.containers.isEmpty());
        QCOMPARE(gone.services, QStringList{u"engine-b"_s});
    }

    void failingCommandIsAProblemNotACrash()
    {
        Workspace ws = m_ws;
        ws.services = {service(u"engine"_s, u"botcore"_s, u"bot1"_s)};
        ws.services[0].workingDirectory = m_dir.filePath(u"nowhere-else"_s);
        QVERIFY(QDir().mkpath(ws.services[0].workingDirectory));
        HostFactsCollector collector(m_commands.get());
        collector.setServices(ws.services);
        QSignalSpy spy(&collector, &HostFactsCollector::factsReady);
        collector.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000);
        const HostFacts facts = spy.at(0).at(0).value<HostFacts>();
        QVERIFY(facts.ok());
        QVERIFY(!facts.hasContainers);
        QVERIFY(facts.hasDisks);
        QCOMPARE(facts.problems.size(), 1);
        QVERIFY2(facts.problems.at(0).contains(u"no configuration file provided"_s),
                 qPrintable(facts.problems.at(0)));
    }

    void offlineAsksNothing()
    {
        HostFactsCollector collector(m_commands.get());
        collector.setServices(m_ws.services);
        collector.setOnlineCheck([] { return false; });
        QSignalSpy spy(&collector, &HostFactsCollector::factsReady);
        collector.collectNow();
        QVERIFY(!spy.wait(1500));
    }

    void unknownHostKeyIsAnError()
    {
        SshdFixture stranger;
        QVERIFY2(stranger.start(), qPrintable(stranger.errorString()));
        Workspace ws = m_ws;
        ws.hosts.append(host(u"stranger"_s, stranger));
        ws.services = {service(u"engine"_s, u"botcore"_s, u"stranger"_s)};
        HostCommands commands(nullptr, m_pool.get());
        commands.setWorkspace(ws);
        HostFactsCollector collector(&commands);
        collector.setServices(ws.services);
        QSignalSpy spy(&collector, &HostFactsCollector::factsReady);
        collector.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000);
        const HostFacts facts = spy.at(0).at(0).value<HostFacts>();
        QCOMPARE(facts.error.code, u"hostfacts.host_key"_s);
        QVERIFY(facts.error.message.contains(stranger.hostKeyFingerprint()));
        const QList<Observation> inputs = HostFactsCollector::observationsFrom(facts);
        QCOMPARE(inputs.size(), 2);
        QVERIFY(inputs.at(0).stale && inputs.at(1).stale);
    }

    void diskAlertFires()
    {
        QVERIFY(writeTestFile(m_dir.filePath(u"df.txt"_s), dfText(95)));
        AlertCenter alerts;
        alerts.setWorkspace(m_ws);
        HostFactsCollector collector(m_commands.get());
        connect(&collector, &HostFactsCollector::factsReady, &alerts, [&](const HostFacts &f) {
            for (const Observation &o : HostFactsCollector::observationsFrom(f))
                alerts.engine()->feed(o);
        });
        collector.setServices(m_ws.services);
        QSignalSpy spy(&collector, &HostFactsCollector::factsReady);
        collector.collectNow();
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 30000);
        alerts.tick();
        QStringList fired;
        for (const Alert &a : alerts.activeAlerts())
            fired.append(a.ruleId + u'@' + a.service);
        fired.sort();
        // Disk 95 % is P0 for both services on bot1; memory 86.92 % is P1; the snap's
        // 100 % counts for nothing and the unreachable host raises nothing.
        QCOMPARE(fired, (QStringList{u"botcore.disk.p0@ai"_s, u"botcore.disk.p0@engine"_s,
                                     u"botcore.memory.p1@ai"_s, u"botcore.memory.p1@engine"_s}));
        QVERIFY(writeTestFile(m_dir.filePath(u"df.txt"_s), dfText(54)));
    }

    /// The demo end to end: its sshd, its sandbox's stand-ins, the Console's collector.
    void demoHost()
    {
        DemoSession demo;
        const auto options = demo.start();
        QVERIFY2(options.has_value(), qPrintable(options ? QString() : options.error().toString()));
        if (demo.sshError())
            QSKIP(qPrintable(demo.sshError()->toString()));
        Console console;
        QVERIFY(console.open(*options).has_value());
        QVERIFY(console.hostFacts());
        QCOMPARE(console.hostFacts()->hosts(), QStringList{u"demo-host"_s});
        QSignalSpy spy(console.hostFacts(), &HostFactsCollector::factsReady);
        console.start();
        QVERIFY(spy.count() > 0 || spy.wait(60000));
        const HostFacts facts = spy.at(0).at(0).value<HostFacts>();
        console.stop();
        QVERIFY2(facts.ok(), qPrintable(facts.error.toString()));
        QVERIFY2(facts.problems.isEmpty(), qPrintable(facts.problems.join(u'\n')));
        QCOMPARE(facts.containers.size(), 5);
        QCOMPARE(facts.stats.size(), 5);
        QCOMPARE(facts.maxDiskPercent(), 58.0);
        QCOMPARE(facts.services, (QStringList{u"rust-core-engine"_s, u"python-ai-service"_s}));
    }
};

QTEST_GUILESS_MAIN(TestHostFactsCollector)
#include "tst_hostfactscollector.moc"
