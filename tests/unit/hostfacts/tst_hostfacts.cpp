// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostfacts/hostfacts.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// docker-compose 1.29 prints centred headers and a dashed rule.
const QByteArray composeV1 = "          Name                        Command               State    "
                             "                Ports                  \n"
                             "---------------------------------------------------------------------"
                             "-----------------------------------------\n"
                             "bot-core_mongodb_1            docker-entrypoint.sh mongod      Up "
                             "(healthy)     27017/tcp                     \n"
                             "bot-core_rust-core-engine_1   /app/rust-core-engine            Up "
                             "(unhealthy)   0.0.0.0:8080->8080/tcp        \n"
                             "bot-core_python-ai-service_1  uvicorn main:app --host 0 ...    Exit "
                             "137                                       \n"
                             "bot-core_grafana_1            /run.sh                          "
                             "Restarting                                     \n"
                             "bot-core_nextjs_1             docker-entrypoint.sh npm start   Up    "
                             "           0.0.0.0:3000->3000/tcp        \n";

// Docker Compose 2.x, table.
const QByteArray composeV2 =
    "NAME                          IMAGE                             COMMAND                  "
    "SERVICE             CREATED        STATUS                          PORTS\n"
    "bot-core-mongodb-1            mongo:7.0                         "
    "\"docker-entrypoint.s\xe2\x80\xa6\"   mongodb             4 days ago     Up 3 days (healthy)  "
    "           27017/tcp\n"
    "bot-core-rust-core-engine-1   bot-core/rust-core-engine:1.8.2   "
    "\"/app/rust-core-engi\xe2\x80\xa6\"   rust-core-engine    4 days ago     Up 12 seconds "
    "(health: starting)   0.0.0.0:8080->8080/tcp\n"
    "bot-core-python-ai-service-1  bot-core/python-ai-service:1.8.2  \"uvicorn main:app "
    "--\xe2\x80\xa6\"   python-ai-service   4 days ago     Restarting (1) 5 seconds ago    \n"
    "bot-core-grafana-1            grafana/grafana:10.2.2            \"/run.sh\"                "
    "grafana             4 days ago     Exited (0) 2 hours ago          \n";

const QByteArray composeJsonLines =
    "{\"Name\":\"bot-core-mongodb-1\",\"Service\":\"mongodb\",\"State\":\"running\",\"Health\":"
    "\"healthy\","
    "\"ExitCode\":0,\"Status\":\"Up 3 days "
    "(healthy)\",\"Publishers\":[{\"URL\":\"\",\"TargetPort\":27017,"
    "\"PublishedPort\":0,\"Protocol\":\"tcp\"}]}\n"
    "{\"Name\":\"bot-core-engine-1\",\"Service\":\"rust-core-engine\",\"State\":\"exited\","
    "\"Health\":\"\","
    "\"ExitCode\":2,\"Status\":\"Exited (2) 1 minute ago\",\"Publishers\":[]}\n"
    "this is not json\n";

const QByteArray statsJson =
    "{\"BlockIO\":\"2.1GB / "
    "14.6GB\",\"CPUPerc\":\"3.12%\",\"Container\":\"1cc9a79bdaf0\",\"ID\":\"1cc9a79bdaf0\","
    "\"MemPerc\":\"29.90%\",\"MemUsage\":\"612.4MiB / "
    "2GiB\",\"Name\":\"bot-core-mongodb-1\",\"NetIO\":\"1.21GB / 968MB\","
    "\"PIDs\":\"41\"}\n"
    "{\"CPUPerc\":\"--\",\"MemPerc\":\"--\",\"MemUsage\":\"-- / "
    "--\",\"Name\":\"bot-core-dead-1\"}\n"
    "{\"CPUPerc\":\"0.41%\",\"MemPerc\":\"96.5%\",\"MemUsage\":\"494.1MiB / "
    "512MiB\",\"Name\":\"bot-core-ui-1\"}\n";

const QByteArray statsTable = "CONTAINER ID   NAME                          CPU %     MEM USAGE / "
                              "LIMIT     MEM %     NET I/O           BLOCK I/O         PIDS\n"
                              "1cc9a79bdaf0   bot-core-mongodb-1            3.12%     612.4MiB / "
                              "2GiB       29.90%    1.21GB / 968MB    2.1GB / 14.6GB    41\n"
                              "ccf6d0115124   bot-core-rust-core-engine-1   7.85%     298.7MiB / "
                              "1GiB       29.17%    6.48GB / 5.92GB   48.2MB / 1.02GB   23\n"
                              "garbage\n";

const QByteArray dfPosix =
    "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
    "udev               4014560         0   4014560       0% /dev\n"
    "tmpfs               807284      1496    805788       1% /run\n"
    "/dev/vda1         82498240  78373328   4124912      95% /\n"
    "/dev/loop3           65536     65536         0     100% /snap/core20/2264\n"
    "/dev/vdb1        205374440 114298820  80610912      59% /mnt/my data\n"
    "/dev/vdc1  lots    of   words  here\n";

} // namespace

class TestHostFacts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void composePs_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("states");
        QTest::addColumn<QList<int>>("health");
        QTest::addColumn<QList<int>>("exitCodes");
        QTest::addColumn<QList<int>>("problemLines");
        using H = ContainerState::Health;
        QTest::newRow("v1 table") << composeV1
                                  << QStringList{u"bot-core_mongodb_1"_s,
                                                 u"bot-core_rust-core-engine_1"_s,
                                                 u"bot-core_python-ai-service_1"_s,
                                                 u"bot-core_grafana_1"_s, u"bot-core_nextjs_1"_s}
                                  << QStringList{u"running"_s, u"running"_s, u"exited"_s,
                                                 u"restarting"_s, u"running"_s}
                                  << QList<int>{int(H::Healthy), int(H::Unhealthy), int(H::None),
                                                int(H::None), int(H::None)}
                                  << QList<int>{-1, -1, 137, -1, -1} << QList<int>{};
        QTest::newRow("v2 table")
            << composeV2
            << QStringList{u"bot-core-mongodb-1"_s, u"bot-core-rust-core-engine-1"_s,
                           u"bot-core-python-ai-service-1"_s, u"bot-core-grafana-1"_s}
            << QStringList{u"running"_s, u"running"_s, u"restarting"_s, u"exited"_s}
            << QList<int>{int(H::Healthy), int(H::Starting), int(H::None), int(H::None)}
            << QList<int>{-1, -1, 1, 0} << QList<int>{};
        QTest::newRow("v2 json lines, one bad")
            << composeJsonLines << QStringList{u"bot-core-mongodb-1"_s, u"bot-core-engine-1"_s}
            << QStringList{u"running"_s, u"exited"_s} << QList<int>{int(H::Healthy), int(H::None)}
            << QList<int>{0, 2} << QList<int>{3};
        QTest::newRow("v2 json array")
            << QByteArray("[{\"Name\":\"a-1\",\"Service\":\"a\",\"State\":\"running\",\"Health\":"
                          "\"unhealthy\"}]")
            << QStringList{u"a-1"_s} << QStringList{u"running"_s} << QList<int>{int(H::Unhealthy)}
            << QList<int>{-1} << QList<int>{};
        QTest::newRow("empty") << QByteArray() << QStringList{} << QStringList{} << QList<int>{}
                               << QList<int>{} << QList<int>{};
        QTest::newRow("error text instead of a table")
            << QByteArray("no configuration file provided: not found\n") << QStringList{}
            << QStringList{} << QList<int>{} << QList<int>{} << QList<int>{1};
        QTest::newRow("unknown status")
            << QByteArray("NAME   SERVICE   STATUS\nx-1    x         Sleeping\ny-1    y         Up "
                          "2 hours\n")
            << QStringList{u"y-1"_s} << QStringList{u"running"_s} << QList<int>{int(H::None)}
            << QList<int>{-1} << QList<int>{2};
    }

    void composePs()
    {
        QFETCH(QByteArray, output);
        QFETCH(QStringList, names);
        QFETCH(QStringList, states);
        QFETCH(QList<int>, health);
        QFETCH(QList<int>, exitCodes);
        QFETCH(QList<int>, problemLines);
        const auto parsed = hostfacts::parseComposePs(output);
        QStringList gotNames, gotStates;
        QList<int> gotHealth, gotCodes, gotProblems;
        for (const ContainerState &c : parsed.items) {
            gotNames << c.name;
            gotStates << c.state;
            gotHealth << int(c.health);
            gotCodes << c.exitCode;
        }
        for (const FactsProblem &p : parsed.problems) {
            gotProblems << p.line;
            QVERIFY(!p.message.isEmpty());
        }
        QCOMPARE(gotNames, names);
        QCOMPARE(gotStates, states);
        QCOMPARE(gotHealth, health);
        QCOMPARE(gotCodes, exitCodes);
        QCOMPARE(gotProblems, problemLines);
    }

    void composeDetails()
    {
        const auto v2 = hostfacts::parseComposePs(composeV2);
        QCOMPARE(v2.items.at(1).service, u"rust-core-engine"_s);
        QCOMPARE(v2.items.at(1).ports, u"0.0.0.0:8080->8080/tcp"_s);
        QCOMPARE(v2.items.at(0).status, u"Up 3 days (healthy)"_s);
        QVERIFY(v2.items.at(0).isOk());
        QVERIFY(!v2.items.at(2).isOk());
        const auto v1 = hostfacts::parseComposePs(composeV1);
        QCOMPARE(v1.items.at(1).ports, u"0.0.0.0:8080->8080/tcp"_s);
        QVERIFY(!v1.items.at(1).isOk()); // up but unhealthy
        const auto json = hostfacts::parseComposePs(composeJsonLines);
        QCOMPARE(json.items.at(0).ports, u"27017/tcp"_s);
        QCOMPARE(json.problems.at(0).text, u"this is not json"_s);
    }

    void dockerStats_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QList<double>>("cpu");
        QTest::addColumn<QList<double>>("memPercent");
        QTest::addColumn<QList<qint64>>("memBytes");
        QTest::addColumn<QList<qint64>>("limitBytes");
        QTest::addColumn<QList<int>>("problemLines");
        const qint64 MiB = 1024 * 1024;
        QTest::newRow("json lines")
            << statsJson << QStringList{u"bot-core-mongodb-1"_s, u"bot-core-ui-1"_s}
            << QList<double>{3.12, 0.41} << QList<double>{29.90, 96.5}
            << QList<qint64>{qint64(612.4 * MiB + 0.5), qint64(494.1 * MiB + 0.5)}
            << QList<qint64>{2048 * MiB, 512 * MiB} << QList<int>{2};
        QTest::newRow("table") << statsTable
                               << QStringList{u"bot-core-mongodb-1"_s,
                                              u"bot-core-rust-core-engine-1"_s}
                               << QList<double>{3.12, 7.85} << QList<double>{29.90, 29.17}
                               << QList<qint64>{qint64(612.4 * MiB + 0.5),
                                                qint64(298.7 * MiB + 0.5)}
                               << QList<qint64>{2048 * MiB, 1024 * MiB} << QList<int>{4};
        QTest::newRow("old table without NAME")
            << QByteArray("CONTAINER           CPU %               MEM USAGE / LIMIT     MEM %     "
                          "          NET I/O             BLOCK I/O           PIDS\n"
                          "1cc9a79bdaf0        0.00%               1.5MiB / 7.7GiB       0.02%     "
                          "          0B / 0B             0B / 0B             1\n")
            << QStringList{u"1cc9a79bdaf0"_s} << QList<double>{0.0} << QList<double>{0.02}
            << QList<qint64>{qint64(1.5 * MiB)} << QList<qint64>{qint64(7.7 * 1024 * MiB + 0.5)}
            << QList<int>{};
        QTest::newRow("not stats")
            << QByteArray("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n")
            << QStringList{} << QList<double>{} << QList<double>{} << QList<qint64>{}
            << QList<qint64>{} << QList<int>{1};
    }

    void dockerStats()
    {
        QFETCH(QByteArray, output);
        QFETCH(QStringList, names);
        QFETCH(QList<double>, cpu);
        QFETCH(QList<double>, memPercent);
        QFETCH(QList<qint64>, memBytes);
        QFETCH(QList<qint64>, limitBytes);
        QFETCH(QList<int>, problemLines);
        const auto parsed = hostfacts::parseDockerStats(output);
        QStringList gotNames;
        QList<double> gotCpu, gotMem;
        QList<qint64> gotBytes, gotLimits;
        QList<int> gotProblems;
        for (const ContainerStats &s : parsed.items) {
            gotNames << s.name;
            gotCpu << s.cpuPercent;
            gotMem << s.memoryPercent;
            gotBytes << s.memoryBytes;
            gotLimits << s.memoryLimitBytes;
        }
        for (const FactsProblem &p : parsed.problems)
            gotProblems << p.line;
        QCOMPARE(gotNames, names);
        QCOMPARE(gotCpu, cpu);
        QCOMPARE(gotMem, memPercent);
        QCOMPARE(gotBytes, memBytes);
        QCOMPARE(gotLimits, limitBytes);
        QCOMPARE(gotProblems, problemLines);
    }

    void size_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("bytes") << u"0B"_s << qint64(0);
        QTest::newRow("kB decimal") << u"8.19kB"_s << qint64(8190);
        QTest::newRow("MB decimal") << u"48.2MB"_s << qint64(48200000);
        QTest::newRow("GiB") << u"2GiB"_s << qint64(2147483648LL);
        QTest::newRow("spaces") << u" 1.5 MiB "_s << qint64(1572864);
        QTest::newRow("dashes") << u"--"_s << qint64(-1);
        QTest::newRow("words") << u"lots"_s << qint64(-1);
    }

    void size()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        QCOMPARE(hostfacts::parseSize(text), bytes);
    }

    void df()
    {
        const auto parsed = hostfacts::parseDf(dfPosix);
        QCOMPARE(parsed.items.size(), 5);
        QCOMPARE(parsed.problems.size(), 1);
        QCOMPARE(parsed.problems.at(0).line, 7);
        const DiskUsage &root = parsed.items.at(2);
        QCOMPARE(root.filesystem, u"/dev/vda1"_s);
        QCOMPARE(root.mount, u"/"_s);
        QCOMPARE(root.sizeKiB, qint64(82498240));
        QCOMPARE(root.usedKiB, qint64(78373328));
        QCOMPARE(root.availableKiB, qint64(4124912));
        QCOMPARE(root.usePercent, 95.0);
        QCOMPARE(parsed.items.at(4).mount, u"/mnt/my data"_s);
        QVERIFY(parsed.items.at(0).isPseudo()); // udev
        QVERIFY(parsed.items.at(1).isPseudo()); // tmpfs
        QVERIFY(parsed.items.at(3).isPseudo()); // snap loop at 100 %
        QVERIFY(!root.isPseudo());

        HostFacts facts;
        facts.disks = parsed.items;
        QCOMPARE(facts.maxDiskPercent(), 95.0); // not the snap's 100 %
        facts.stats = hostfacts::parseDockerStats(statsJson).items;
        QCOMPARE(facts.maxMemoryPercent(), 96.5);
        QCOMPARE(HostFacts{}.maxDiskPercent(), -1.0);
    }

    void dfVariants_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<qint64>("sizeKiB");
        QTest::addColumn<QString>("mount");
        QTest::addColumn<int>("problems");
        QTest::newRow("512-blocks") << QByteArray("Filesystem 512-blocks Used Available Capacity "
                                                  "Mounted on\n/dev/sda1 2000 1000 1000 50% /\n")
                                    << qint64(1000) << u"/"_s << 0;
        QTest::newRow("wrapped device name")
            << QByteArray("Filesystem     1K-blocks      Used Available Use% Mounted on\n"
                          "/dev/mapper/vg-very-long-volume-name\n"
                          "                 1000       500       500  50% /srv\n")
            << qint64(1000) << u"/srv"_s << 0;
        QTest::newRow("human sizes") << QByteArray("Filesystem      Size  Used Avail Use% Mounted "
                                                   "on\n/dev/vda1        79G   41G   35G  54% /\n")
                                     << qint64(79LL * 1024 * 1024) << u"/"_s << 0;
    }

    void dfVariants()
    {
        QFETCH(QByteArray, output);
        QFETCH(qint64, sizeKiB);
        QFETCH(QString, mount);
        QFETCH(int, problems);
        const auto parsed = hostfacts::parseDf(output);
        QCOMPARE(parsed.problems.size(), problems);
        QCOMPARE(parsed.items.size(), 1);
        QCOMPARE(parsed.items.at(0).sizeKiB, sizeKiB);
        QCOMPARE(parsed.items.at(0).mount, mount);
    }

    void dfNotDf()
    {
        const auto parsed = hostfacts::parseDf("sh: 1: df: not found\n");
        QVERIFY(parsed.items.isEmpty());
        QCOMPARE(parsed.problems.size(), 1);
        QCOMPARE(parsed.problems.at(0).line, 1);
    }

    /// This machine's own df: text nobody here wrote.
    void realDf()
    {
        QProcess df;
        df.start(u"df"_s, {u"-P"_s, u"-k"_s});
        QVERIFY(df.waitForFinished(10000));
        const auto parsed = hostfacts::parseDf(df.readAllStandardOutput());
        QVERIFY2(parsed.problems.isEmpty(), qPrintable(parsed.problems.value(0).text));
        QVERIFY(!parsed.items.isEmpty());
    }

    /// The demo host's stand-ins print what the views will parse in demo mode.
    void demoSandbox()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString src = QStringLiteral(PILOTHOUSE_SOURCE_DIR) + u"/resources/demo/sandbox"_s;
        QProcess copy;
        copy.start(u"cp"_s, {u"-r"_s, src + u"/."_s, dir.path()});
        QVERIFY(copy.waitForFinished(20000));
        QCOMPARE(copy.exitCode(), 0);
        auto run = [&](const QString &tool, const QStringList &args) {
            QProcess p;
            p.setWorkingDirectory(dir.path() + u"/opt/bot-core"_s);
            p.start(dir.path() + u"/bin/"_s + tool, args);
            if (!p.waitForFinished(20000))
                return QByteArray();
            return p.readAllStandardOutput();
        };
        const auto ps = hostfacts::parseComposePs(run(u"docker-compose"_s, {u"ps"_s, u"-a"_s}));
        QVERIFY(ps.problems.isEmpty());
        QCOMPARE(ps.items.size(), 5);
        QCOMPARE(ps.items.at(0).service, u"mongodb"_s);
        for (const ContainerState &c : ps.items)
            QVERIFY2(c.isUp(), qPrintable(c.name));
        const auto stats = hostfacts::parseDockerStats(
            run(u"docker"_s, {u"stats"_s, u"--no-stream"_s, u"--format"_s, u"{{json .}}"_s}));
        QVERIFY(stats.problems.isEmpty());
        QCOMPARE(stats.items.size(), 5);
        QVERIFY(stats.items.at(0).memoryLimitBytes == 2LL * 1024 * 1024 * 1024);
        const auto df = hostfacts::parseDf(run(u"df"_s, {u"-P"_s, u"-k"_s}));
        QVERIFY(df.problems.isEmpty());
        QCOMPARE(df.items.size(), 2);
        QCOMPARE(df.items.at(1).mount, u"/opt"_s);
        QCOMPARE(df.items.at(1).usePercent, 58.0);
    }
};

QTEST_GUILESS_MAIN(TestHostFacts)
#include "tst_hostfacts.moc"
