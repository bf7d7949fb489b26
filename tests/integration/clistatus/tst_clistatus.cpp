// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertstatestore.h"
#include "clirunner.h"
#include "demo/simulatorprocess.h"
#include "sshdfixture.h"
#include "storage/database.h"
#include "testfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ph::CliRun;
using ph::runCli;
using ph::writeTestFile;

namespace {

const QString SimKey = u"status-test-key"_s;
constexpr quint64 Seed = 42;

QJsonObject entryOf(const QJsonArray &array, const QString &key, const QString &value)
{
    for (const QJsonValue &v : array) {
        if (v.toObject().value(key).toString() == value)
            return v.toObject();
    }
    return {};
}

bool touch(const QString &path, const QDateTime &mtime)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("archive");
    f.flush(); // or closing would stamp the time of the write
    return f.setFileTime(mtime, QFileDevice::FileModificationTime);
}

// Stand-ins for what a Bot Core host prints; the root file system is 85 % full (P1).
const QByteArray ComposePs =
    "NAME                          IMAGE              COMMAND             SERVICE            "
    "CREATED        STATUS                    PORTS\n"
    "bot-core-mongodb-1            mongo:7.0          \"mongod\"            mongodb            "
    "4 days ago     Up 3 days (healthy)       27017/tcp\n"
    "bot-core-rust-core-engine-1   bot-core/engine    \"/app/engine\"       rust-core-engine   "
    "4 days ago     Exited (1) 2 hours ago    \n";
const QByteArray DockerStats =
    "CONTAINER ID   NAME                          CPU %     MEM USAGE / LIMIT     MEM %     "
    "NET I/O           BLOCK I/O         PIDS\n"
    "1cc9a79bdaf0   bot-core-mongodb-1            3.12%     612.4MiB / 2GiB       29.90%    "
    "1.21GB / 968MB    2.1GB / 14.6GB    41\n";
const QByteArray Df = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
                      "tmpfs               807284      1496    805788       1% /run\n"
                      "/dev/vda1         80000000  68000000  12000000      85% /\n"
                      "/dev/vdb1         10000000   1000000   9000000      10% /data\n";

void ensureSshdRunDir()
{
    // sshd wants its privilege-separation folder.
    QDir().mkpath(u"/run/sshd"_s);
}

} // namespace

class TestCliStatus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_extraArgs.clear();
        // Every case starts from the first request, so the seeded figures hold.
        m_sim.stop();
        const auto started =
            m_sim.start({u"--seed"_s, QString::number(Seed), u"--key"_s, SimKey, u"--no-jitter"_s});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    }

    void cleanupTestCase() { m_sim.stop(); }

    void figuresMatchTheSeededSimulator()
    {
        const CliRun run = status({});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.outBytes)));
        QJsonParseError perr;
        const QJsonObject doc = QJsonDocument::fromJson(run.outBytes, &perr).object();
        QCOMPARE(perr.error, QJsonParseError::NoError);
        QCOMPARE(doc.value(u"format"_s).toInt(), 1);
        QCOMPARE(doc.value(u"environment"_s).toString(), u"production"_s);
        QCOMPARE(doc.value(u"ok"_s).toBool(), true);

        const QJsonObject health =
            entryOf(doc.value(u"health"_s).toArray(), u"endpoint"_s, u"slo"_s);
        QCOMPARE(health.value(u"verdict"_s).toString(), u"pass"_s);
        QCOMPARE(health.value(u"status_code"_s).toInt(), 200);
        QVERIFY(health.value(u"latency_ms"_s).toInt() >= 0);

        // simdata.h with s = 42, n = 0.
        const QJsonObject slo = entryOf(doc.value(u"slos"_s).toArray(), u"service"_s, u"echo"_s);
        QCOMPARE(slo.value(u"availability"_s).toObject().value(u"value"_s).toDouble(), 0.9992);
        QCOMPARE(slo.value(u"p95_ms"_s).toObject().value(u"value"_s).toDouble(), 652.0);
        QCOMPARE(slo.value(u"p99_ms"_s).toObject().value(u"value"_s).toDouble(), 1094.0);
        QCOMPARE(slo.value(u"webhook_success"_s).toObject().value(u"value"_s).toDouble(), 0.99);
        // 1 - (1 - 0.9992) / (1 - 0.999) = 0.2
        QVERIFY(qAbs(slo.value(u"error_budget_left"_s).toDouble() - 0.2) < 1e-9);
        QCOMPARE(slo.value(u"ok"_s).toBool(), true);

        const QJsonObject queue =
            entryOf(doc.value(u"queues"_s).toArray(), u"service"_s, u"echo"_s);
        QCOMPARE(queue.value(u"depth"_s).toObject().value(u"value"_s).toDouble(), 19.0);
        QCOMPARE(queue.value(u"rate_per_min"_s).toObject().value(u"value"_s).toDouble(), 44.6);
        QCOMPARE(queue.value(u"failed_ratio"_s).toObject().value(u"value"_s).toDouble(), 0.001);
        QCOMPARE(queue.value(u"stuck"_s).toDouble(), 2.0);

        // Payout row i is 10000 + (31 s + 4567 i) mod 200000 cents; EUR is every 4th from 2.
        qint64 usd = 0;
        qint64 eur = 0;
        for (quint64 i = 0; i < 12; ++i) {
            const qint64 cents = qint64(10000 + (31 * Seed + 4567 * i) % 200000);
            (i % 4 == 2 ? eur : usd) += cents;
        }
        const QJsonObject payouts =
            entryOf(doc.value(u"payouts"_s).toObject().value(u"services"_s).toArray(), u"service"_s,
                    u"echo"_s);
        QCOMPARE(payouts.value(u"rows"_s).toInt(), 12);
        const QJsonArray byCurrency = payouts.value(u"by_currency"_s).toArray();
        const auto money = [](qint64 c) {
            return u"%1.%2"_s.arg(c / 100).arg(c % 100, 2, 10, QChar(u'0'));
        };
        QCOMPARE(entryOf(byCurrency, u"currency"_s, u"USD"_s).value(u"amount"_s).toString(),
                 money(usd));
        QCOMPARE(entryOf(byCurrency, u"currency"_s, u"EUR"_s).value(u"amount"_s).toString(),
                 money(eur));

        QVERIFY(doc.value(u"alerts"_s).isArray());
        QVERIFY(doc.value(u"backups"_s).toArray().isEmpty());
    }

    void faultMakesItFail()
    {
        ph::SimulatorFault fault;
        fault.service = u"echopilot"_s;
        fault.path = u"/api/slo/status"_s;
        fault.mode = u"status"_s;
        fault.status = 503;
        QVERIFY(m_sim.injectFault(fault));
        const CliRun run = status({});
        QCOMPARE(run.exitCode, 1);
        const QJsonObject doc = QJsonDocument::fromJson(run.outBytes).object();
        QCOMPARE(doc.value(u"ok"_s).toBool(), false);
        const QJsonObject slo = entryOf(doc.value(u"slos"_s).toArray(), u"service"_s, u"echo"_s);
        QVERIFY2(!slo.value(u"error"_s).toString().isEmpty(), run.outBytes.constData());
        // The other dashboards still report.
        const QJsonObject queue =
            entryOf(doc.value(u"queues"_s).toArray(), u"service"_s, u"echo"_s);
        QCOMPARE(queue.value(u"depth"_s).toObject().value(u"value"_s).toDouble(), 19.0);
    }

    void unreachableBackupHostIsReportedPerJob()
    {
        const CliRun run = status(QStringLiteral(
            ", \"hosts\": [ { \"name\": \"vault\", \"environment\": \"production\", "
            "\"address\": \"127.0.0.1\", \"port\": 1, \"user\": \"nobody\", \"auth\": \"agent\" } "
            "], "
            "\"backup_jobs\": [ { \"name\": \"nightly\", \"environment\": \"production\", "
            "\"host\": \"vault\", \"location\": \"/srv/backups\", \"schedule\": \"daily 02:00 "
            "UTC\", "
            "\"rpo_minutes\": 1440 } ]"));
        QCOMPARE(run.exitCode, 1);
        const QJsonObject doc = QJsonDocument::fromJson(run.outBytes).object();
        const QJsonObject job = entryOf(doc.value(u"backups"_s).toArray(), u"job"_s, u"nightly"_s);
        QVERIFY2(!job.value(u"error"_s).toString().isEmpty(), run.outBytes.constData());
        // Not fatal: the rest of the report is there.
        QCOMPARE(entryOf(doc.value(u"queues"_s).toArray(), u"service"_s, u"echo"_s)
                     .value(u"stuck"_s)
                     .toDouble(),
                 2.0);
    }

    void textReportNamesEveryDashboard()
    {
        const CliRun run = status({}, false);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString text = QString::fromUtf8(run.outBytes);
        for (const QString &heading :
             {u"HEALTH"_s, u"SLOS"_s, u"QUEUES"_s, u"PAYOUTS"_s, u"ALERTS"_s}) {
            QVERIFY2(text.contains(u"\n"_s + heading + u"\n"_s) || text.startsWith(heading),
                     qPrintable(text));
        }
        QVERIFY2(
            text.contains(u"echo: depth 19 (< 50), rate 44.6/min (> 10), failed 0.1 % (< 5 %), "
                          "stuck 2"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"error budget left 20.0 %"_s), qPrintable(text));
        // A single sweep cannot see durations; the report says so.
        QVERIFY2(text.contains(u"one sweep"_s), qPrintable(text));
    }

    void sloSourcesAndBurnRates()
    {
        // The engine's SLO comes from its /metrics: one sweep is one scrape, so the figures
        // count since its counters started and no burn rate is known yet.
        const QString services =
            u", { \"name\": \"engine\", \"environment\": \"production\", \"profile\": "
            "\"botcore\", \"component\": \"rust-core-engine\", \"base_url\": "
            "\"http://127.0.0.1:%1\", \"slo\": { \"source\": \"metrics\" } }"
            ", { \"name\": \"fleet\", \"environment\": \"production\", \"profile\": "
            "\"generic\", \"base_url\": \"http://127.0.0.1:%1\", \"endpoints\": [ { "
            "\"name\": \"health\", \"path\": \"/api/health\" } ], \"slo\": { \"source\": "
            "\"prometheus\", \"selector\": \"job=\\\"fleet\\\"\" } }"_s.arg(
                m_sim.port(u"rust-core-engine"_s));
        const QString settings =
            u", \"settings\": { \"prometheus_url\": \"http://127.0.0.1:9\" }"_s;
        const CliRun run = status(settings, true, services);
        const QJsonObject doc = QJsonDocument::fromJson(run.outBytes).object();
        QVERIFY2(!doc.isEmpty(), qPrintable(run.err + QString::fromUtf8(run.outBytes)));

        const QJsonObject echo = entryOf(doc.value(u"slos"_s).toArray(), u"service"_s, u"echo"_s);
        QCOMPARE(echo.value(u"source"_s).toObject().value(u"kind"_s).toString(), u"endpoint"_s);
        QCOMPARE(echo.value(u"source"_s).toObject().value(u"label"_s).toString(),
                 u"/api/slo/status"_s);
        QVERIFY(echo.value(u"burn_1h"_s).toObject().value(u"value"_s).isNull());
        QVERIFY2(
            echo.value(u"burn_1h"_s).toObject().value(u"note"_s).toString().contains(u"/metrics"_s),
            run.outBytes.constData());
        QCOMPARE(echo.value(u"burn_verdict"_s).toString(), u"unknown"_s);

        // Seed 42, first scrape: 1042 × 200, 5 × 401, 3 × 500 of 1050; histogram buckets
        // 420, 735, 924, 1008, 1039, 1050 at 0.05 … 2.5 s.
        const QJsonObject engine =
            entryOf(doc.value(u"slos"_s).toArray(), u"service"_s, u"engine"_s);
        QVERIFY2(engine.value(u"error"_s).isUndefined(), run.outBytes.constData());
        QCOMPARE(engine.value(u"source"_s).toObject().value(u"kind"_s).toString(), u"metrics"_s);
        QCOMPARE(engine.value(u"source"_s).toObject().value(u"label"_s).toString(), u"/metrics"_s);
        QVERIFY(engine.value(u"source"_s).toObject().value(u"age_s"_s).toDouble() >= 0);
        const double availability =
            engine.value(u"availability"_s).toObject().value(u"value"_s).toDouble();
        QVERIFY2(qAbs(availability - 1047.0 / 1050.0) < 1e-12,
                 qPrintable(QString::number(availability)));
        // p95: rank 997.5 in (0.25 s, 0.5 s] holding 924..1008.
        QVERIFY(qAbs(engine.value(u"p95_ms"_s).toObject().value(u"value"_s).toDouble() - 468.75) <
                1e-9);
        QVERIFY(qAbs(engine.value(u"p99_ms"_s).toObject().value(u"value"_s).toDouble() -
                     (1000.0 + 1500.0 * 0.5 / 11.0)) < 1e-9);
        QVERIFY(engine.value(u"webhook_success"_s).toObject().value(u"value"_s).isNull());
        QVERIFY(engine.value(u"burn_1h"_s).toObject().value(u"value"_s).isNull());
        QVERIFY(engine.value(u"burn_6h"_s).toObject().value(u"value"_s).isNull());
        QVERIFY2(engine.value(u"burn_6h"_s)
                     .toObject()
                     .value(u"note"_s)
                     .toString()
                     .contains(u"two scrapes"_s),
                 run.outBytes.constData());
        // 0.29 % failed against a 0.1 % budget: breached, so the run fails.
        QCOMPARE(engine.value(u"ok"_s).toBool(), false);
        QCOMPARE(run.exitCode, 1);

        const QJsonObject fleet = entryOf(doc.value(u"slos"_s).toArray(), u"service"_s, u"fleet"_s);
        QCOMPARE(fleet.value(u"source"_s).toObject().value(u"kind"_s).toString(), u"prometheus"_s);
        // Its Prometheus server was asked, and its refusal is what the row says.
        QVERIFY2(fleet.value(u"error"_s).toString().contains(u"unreachable"_s),
                 run.outBytes.constData());

        const CliRun text = status(settings, false, services);
        const QString out = QString::fromUtf8(text.outBytes);
        QVERIFY2(out.contains(u"burn 1 h ?× / 6 h ?×"_s) && out.contains(u"[source /metrics, "_s) &&
                     out.contains(u"[source /api/slo/status, "_s),
                 qPrintable(out));
        QVERIFY2(out.contains(u"  fleet (Prometheus"_s) && out.contains(u"unreachable"_s),
                 qPrintable(out));
    }

    void backupsOverSsh()
    {
        // The CLI reads ~/.ssh/known_hosts; only ever touch a private test HOME.
        if (!QDir::homePath().startsWith(QStringLiteral(PILOTHOUSE_BINARY_DIR)))
            QSKIP("needs the private HOME that ctest gives this test");
        ensureSshdRunDir();
        ph::SshdFixture sshd;
        sshd.setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        const QString backups = m_dir.filePath(u"backups"_s);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        // One for the RPO, one on yesterday (a completed day) for the daily retention tier.
        QVERIFY(touch(backups + u"/20261122/db.tar.gz"_s, now.addSecs(-3600)));
        QVERIFY(touch(backups + u"/older/db.tar.gz"_s,
                      QDateTime(now.date().addDays(-1), QTime(12, 0), Qt::UTC)));

        const QString hosts =
            QStringLiteral(", \"hosts\": [ { \"name\": \"vault\", \"environment\": "
                           "\"production\", \"address\": \"127.0.0.1\", \"port\": %1, "
                           "\"user\": \"%2\", \"auth\": \"key\", \"identity_file\": \"%3\" } ], "
                           "\"backup_jobs\": [ { \"name\": \"nightly\", \"environment\": "
                           "\"production\", \"host\": \"vault\", \"location\": \"%4\", "
                           "\"schedule\": \"daily 02:00 UTC\", \"rpo_minutes\": 1440 } ]")
                .arg(sshd.port())
                .arg(sshd.user(), sshd.clientKeyPath(), backups);

        // Unknown host key: refused, reported with the job, nothing listed.
        QFile::remove(QDir::homePath() + u"/.ssh/known_hosts"_s);
        CliRun run = status(hosts);
        QCOMPARE(run.exitCode, 1);
        QJsonObject job =
            entryOf(QJsonDocument::fromJson(run.outBytes).object().value(u"backups"_s).toArray(),
                    u"job"_s, u"nightly"_s);
        QVERIFY2(!job.value(u"error"_s).toString().isEmpty(), run.outBytes.constData());
        QVERIFY(!job.contains(u"archives"_s));

        // Known host: listed, RPO and retention met.
        QVERIFY(QDir().mkpath(QDir::homePath() + u"/.ssh"_s));
        QFile known(QDir::homePath() + u"/.ssh/known_hosts"_s);
        QVERIFY(known.open(QIODevice::WriteOnly));
        known.write(sshd.knownHostsLine().toUtf8() + '\n');
        known.close();
        run = status(hosts);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err + QString::fromUtf8(run.outBytes)));
        job = entryOf(QJsonDocument::fromJson(run.outBytes).object().value(u"backups"_s).toArray(),
                      u"job"_s, u"nightly"_s);
        QCOMPARE(job.value(u"archives"_s).toInt(), 2);
        QCOMPARE(job.value(u"newest"_s).toString(), u"20261122/db.tar.gz"_s);
        QCOMPARE(job.value(u"rpo"_s).toString(), u"met"_s);
        QVERIFY(qAbs(job.value(u"newest_age_s"_s).toDouble() - 3600) < 120);
        const QJsonObject daily =
            entryOf(job.value(u"retention"_s).toArray(), u"tier"_s, u"daily"_s);
        // Yesterday is covered; the days before the oldest archive may be in object storage.
        QCOMPARE(daily.value(u"covered"_s).toInt(), 1);
        QCOMPARE(daily.value(u"state"_s).toString(), u"unknown"_s);
        sshd.stop();
    }

    void hostFactsOverSsh()
    {
        // The CLI reads ~/.ssh/known_hosts; only ever touch a private test HOME.
        if (!QDir::homePath().startsWith(QStringLiteral(PILOTHOUSE_BINARY_DIR)))
            QSKIP("needs the private HOME that ctest gives this test");
        ensureSshdRunDir();
        const QString bin = m_dir.filePath(u"bin"_s);
        const QString deployment = m_dir.filePath(u"bot-core"_s);
        QVERIFY(QDir().mkpath(bin));
        QVERIFY(QDir().mkpath(deployment));
        QVERIFY(writeTestFile(deployment + u"/docker-compose.yml"_s, "services: {}\n"));
        QVERIFY(writeTestFile(m_dir.filePath(u"compose.txt"_s), ComposePs));
        QVERIFY(writeTestFile(m_dir.filePath(u"stats.txt"_s), DockerStats));
        QVERIFY(writeTestFile(m_dir.filePath(u"df.txt"_s), Df));
        const QByteArray dir = m_dir.path().toUtf8();
        QVERIFY(writeTestFile(bin + u"/docker-compose"_s,
                              "#!/bin/sh\n[ -f docker-compose.yml ] || exit 14\ncat '" + dir +
                                  "/compose.txt'\n",
                              true));
        QVERIFY(writeTestFile(bin + u"/docker"_s,
                              "#!/bin/sh\ncase \"$*\" in *--format*) exit 125 ;; esac\ncat '" +
                                  dir + "/stats.txt'\n",
                              true));
        QVERIFY(writeTestFile(bin + u"/df"_s, "#!/bin/sh\ncat '" + dir + "/df.txt'\n", true));

        ph::SshdFixture sshd;
        sshd.setExtraConfig(u"SetEnv PATH="_s + bin + u":/usr/bin:/bin SHLVL=1"_s);
        QVERIFY2(sshd.start(), qPrintable(sshd.errorString()));
        QVERIFY(QDir().mkpath(QDir::homePath() + u"/.ssh"_s));
        QVERIFY(writeTestFile(QDir::homePath() + u"/.ssh/known_hosts"_s,
                              sshd.knownHostsLine().toUtf8() + '\n'));

        const QString hosts =
            QStringLiteral(", \"hosts\": [ { \"name\": \"bot1\", \"environment\": "
                           "\"production\", \"address\": \"127.0.0.1\", \"port\": %1, "
                           "\"user\": \"%2\", \"auth\": \"key\", \"identity_file\": \"%3\" }, "
                           "{ \"name\": \"gone\", \"environment\": \"production\", "
                           "\"address\": \"127.0.0.1\", \"port\": 1, \"user\": \"nobody\", "
                           "\"auth\": \"agent\" } ]")
                .arg(sshd.port())
                .arg(sshd.user(), sshd.clientKeyPath());
        const QString botCore =
            QStringLiteral(", { \"name\": \"engine\", \"environment\": \"production\", "
                           "\"profile\": \"botcore\", \"component\": \"rust-core-engine\", "
                           "\"base_url\": \"http://127.0.0.1:%1\", "
                           "\"host\": \"bot1\", \"working_directory\": \"%2\" }, "
                           "{ \"name\": \"engine-b\", \"environment\": \"production\", "
                           "\"profile\": \"botcore\", \"component\": \"rust-core-engine\", "
                           "\"base_url\": \"http://127.0.0.1:%1\", "
                           "\"host\": \"gone\", \"working_directory\": \"%2\" }")
                .arg(m_sim.port(u"rust-core-engine"_s))
                .arg(deployment);

        CliRun run = status(hosts, true, botCore);
        // An exited container, a disk over 80 % and a host that cannot be reached: a check
        // failed, but the whole report is there.
        QVERIFY2(run.exitCode == 1, qPrintable(run.err + QString::fromUtf8(run.outBytes)));
        const QJsonObject doc = QJsonDocument::fromJson(run.outBytes).object();
        QVERIFY2(!doc.isEmpty(), qPrintable(run.err));
        QCOMPARE(entryOf(doc.value(u"queues"_s).toArray(), u"service"_s, u"echo"_s)
                     .value(u"stuck"_s)
                     .toDouble(),
                 2.0);
        const QJsonArray hostList = doc.value(u"hosts"_s).toArray();
        QCOMPARE(hostList.size(), 2);

        const QJsonObject bot1 = entryOf(hostList, u"host"_s, u"bot1"_s);
        QVERIFY2(!bot1.contains(u"error"_s), qPrintable(bot1.value(u"error"_s).toString()));
        QCOMPARE(bot1.value(u"services"_s).toArray(), QJsonArray{u"engine"_s});
        QCOMPARE(bot1.value(u"ok"_s).toBool(), false);
        const QJsonArray containers = bot1.value(u"containers"_s).toArray();
        QCOMPARE(containers.size(), 2);
        const QJsonObject mongo = entryOf(containers, u"name"_s, u"bot-core-mongodb-1"_s);
        QCOMPARE(mongo.value(u"state"_s).toString(), u"running"_s);
        QCOMPARE(mongo.value(u"health"_s).toString(), u"healthy"_s);
        QCOMPARE(mongo.value(u"cpu_percent"_s).toDouble(), 3.12);
        QCOMPARE(mongo.value(u"memory_percent"_s).toDouble(), 29.9);
        QCOMPARE(mongo.value(u"memory"_s).toObject().value(u"verdict"_s).toString(), u"ok"_s);
        QCOMPARE(mongo.value(u"ok"_s).toBool(), true);
        const QJsonObject engine = entryOf(containers, u"name"_s, u"bot-core-rust-core-engine-1"_s);
        QCOMPARE(engine.value(u"state"_s).toString(), u"exited"_s);
        QCOMPARE(engine.value(u"exit_code"_s).toInt(), 1);
        QCOMPARE(engine.value(u"ok"_s).toBool(), false);

        const QJsonArray disks = bot1.value(u"disks"_s).toArray();
        QCOMPARE(disks.size(), 2); // tmpfs is left out, as in the Health view
        const QJsonObject root = entryOf(disks, u"mount"_s, u"/"_s);
        QCOMPARE(root.value(u"use_percent"_s).toDouble(), 85.0);
        QCOMPARE(root.value(u"verdict"_s).toString(), u"P1"_s);
        QCOMPARE(root.value(u"threshold"_s).toDouble(), 80.0);
        const QJsonObject data = entryOf(disks, u"mount"_s, u"/data"_s);
        QCOMPARE(data.value(u"verdict"_s).toString(), u"ok"_s);
        QVERIFY(data.value(u"threshold"_s).isNull());

        const QJsonObject gone = entryOf(hostList, u"host"_s, u"gone"_s);
        QVERIFY2(!gone.value(u"error"_s).toString().isEmpty(), run.outBytes.constData());
        QCOMPARE(gone.value(u"ok"_s).toBool(), false);
        QVERIFY(!gone.contains(u"containers"_s));

        // The disk feeds the alerts as the console's would.
        const QJsonObject diskAlert =
            entryOf(doc.value(u"alerts"_s).toArray(), u"rule"_s, u"botcore.disk.p1"_s);
        QCOMPARE(diskAlert.value(u"service"_s).toString(), u"engine"_s);

        // The text report says the same in words.
        run = status(hosts, false, botCore);
        sshd.stop();
        QCOMPARE(run.exitCode, 1);
        const QString text = QString::fromUtf8(run.outBytes);
        QVERIFY2(text.contains(u"\nHOSTS\n"_s), qPrintable(text));
        QVERIFY2(text.contains(u"disk / (/dev/vda1): 85.0 % used"_s), qPrintable(text));
        QVERIFY2(text.contains(u"P1 (over 80 %)"_s), qPrintable(text));
        QVERIFY2(
            text.contains(u"container bot-core-rust-core-engine-1 (rust-core-engine): exited"_s),
            qPrintable(text));
        QVERIFY2(text.contains(u"gone (engine-b): could not be asked — "_s), qPrintable(text));
        QFile::remove(QDir::homePath() + u"/.ssh/known_hosts"_s);
    }

    void acknowledgedAlertsNameTheirOwner()
    {
        // The team's own tiers make two EchoPilot SLO alerts fire on the seeded figures
        // (p95 652 ms, p99 1094 ms); the console took the p95 one earlier.
        const QString dbPath = m_dir.filePath(u"console.sqlite"_s);
        QFile::remove(dbPath);
        {
            auto db = ph::Database::open(dbPath);
            QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
            ph::AcknowledgementRecord ack;
            ack.ruleId = u"echopilot.slo_p95.p1"_s;
            ack.service = u"echo"_s;
            ack.severity = ph::Severity::P1;
            ack.owner = u"dana"_s;
            ack.at = QDateTime(QDate(2026, 11, 23), QTime(9, 15), Qt::UTC);
            ack.note = u"deploy rolling back"_s;
            const auto saved = ph::AlertStateStore(*db).saveAcknowledgement(ack);
            QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().toString()));
        }
        const QString thresholds =
            QStringLiteral(", \"thresholds\": { \"alerts.echopilot.slo_p95.p1\": 600, "
                           "\"alerts.echopilot.slo_p99.p1\": 1000 }");
        m_extraArgs = {u"--database"_s, dbPath};

        CliRun run = status(thresholds);
        QVERIFY2(run.exitCode == 1, qPrintable(run.err + QString::fromUtf8(run.outBytes)));
        const QJsonArray alerts =
            QJsonDocument::fromJson(run.outBytes).object().value(u"alerts"_s).toArray();
        const QJsonObject p95 = entryOf(alerts, u"rule"_s, u"echopilot.slo_p95.p1"_s);
        QCOMPARE(p95.value(u"service"_s).toString(), u"echo"_s);
        QCOMPARE(p95.value(u"acknowledged"_s).toBool(), true);
        QCOMPARE(p95.value(u"owner"_s).toString(), u"dana"_s);
        QCOMPARE(p95.value(u"acknowledged_at"_s).toString(), u"2026-11-23T09:15:00Z"_s);
        QCOMPARE(p95.value(u"note"_s).toString(), u"deploy rolling back"_s);
        const QJsonObject p99 = entryOf(alerts, u"rule"_s, u"echopilot.slo_p99.p1"_s);
        QVERIFY2(!p99.isEmpty(), run.outBytes.constData());
        QCOMPARE(p99.value(u"acknowledged"_s).toBool(), false);
        QVERIFY(p99.value(u"owner"_s).isNull());
        QVERIFY(p99.value(u"acknowledged_at"_s).isNull());

        run = status(thresholds, false);
        QCOMPARE(run.exitCode, 1);
        const QString text = QString::fromUtf8(run.outBytes);
        QVERIFY2(text.contains(u"acknowledged by dana since 2026-11-23 09:15 UTC: "
                               "\"deploy rolling back\""_s),
                 qPrintable(text));
        QCOMPARE(text.count(u"acknowledged by"_s), 1); // the p99 alert is nobody's yet

        // Without the database nobody has taken anything.
        m_extraArgs.clear();
        run = status(thresholds);
        QCOMPARE(
            entryOf(QJsonDocument::fromJson(run.outBytes).object().value(u"alerts"_s).toArray(),
                    u"rule"_s, u"echopilot.slo_p95.p1"_s)
                .value(u"acknowledged"_s)
                .toBool(),
            false);
    }

    void badDatabaseIsAUsageError()
    {
        // A named database that is not there is not created: exit 2, no report.
        const QString missing = m_dir.filePath(u"nowhere.sqlite"_s);
        m_extraArgs = {u"--database"_s, missing};
        CliRun run = status({});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(missing) && run.err.contains(u"--database"_s),
                 qPrintable(run.err));
        QVERIFY(run.outBytes.isEmpty());
        QVERIFY(!QFileInfo::exists(missing));

        // A file that is no database: exit 2 with the reason, and the file is left alone.
        const QString junk = m_dir.filePath(u"junk.sqlite"_s);
        const QByteArray content = QByteArray(4096, 'x');
        QVERIFY(writeTestFile(junk, content));
        m_extraArgs = {u"--database"_s, junk};
        run = status({});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(junk), qPrintable(run.err));
        QVERIFY(run.outBytes.isEmpty());
        QFile f(junk);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }

    void keychainUnavailableIsExitFive()
    {
        status({}); // writes the workspace
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bus"_s);
        env.remove(u"DISPLAY"_s);
        const CliRun run = runCli(
            {u"status"_s, u"--workspace"_s, m_dir.filePath(u"ws.jsonc"_s), u"--json"_s}, {}, env);
        QCOMPARE(run.exitCode, 5);
        QVERIFY2(run.err.contains(u"--secret-stdin"_s), qPrintable(run.err));
        QVERIFY(run.outBytes.isEmpty()); // no half report
    }

    void usageErrors()
    {
        QCOMPARE(runCli({u"status"_s, u"--demo"_s, u"--workspace"_s, u"x"_s}, {}).exitCode, 2);
        QCOMPARE(
            runCli({u"status"_s, u"--workspace"_s, m_dir.filePath(u"none.jsonc"_s)}, {}).exitCode,
            2);
        QCOMPARE(runCli({u"status"_s, u"--bogus"_s}, {}).exitCode, 2);
    }

private:
    /// @p services is appended to the services array (after the EchoPilot one).
    CliRun status(const QString &extra, bool json = true, const QString &services = {})
    {
        const QString text =
            QStringLiteral("{ \"schema_version\": 2, \"name\": \"statustest\",\n"
                           "  \"environments\": [ { \"name\": \"production\", \"production\": "
                           "true, \"time_zone\": \"UTC\" } ],\n"
                           "  \"services\": [ { \"name\": \"echo\", \"environment\": "
                           "\"production\", \"profile\": \"echopilot\", \"base_url\": "
                           "\"http://127.0.0.1:%1\", \"dashboard_key_ref\": \"echo-key\", "
                           "\"latency_budget_ms\": 5000 }%3 ]%2 }\n")
                .arg(m_sim.port(u"echopilot"_s))
                .arg(extra, services);
        const QString path = m_dir.filePath(u"ws.jsonc"_s);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(text.toUtf8());
        f.close();
        QStringList args = {u"status"_s,     u"--workspace"_s,    path,         u"--env"_s,
                            u"production"_s, u"--secret-stdin"_s, u"echo-key"_s};
        if (json)
            args << u"--json"_s;
        args << m_extraArgs;
        return runCli(args, SimKey.toUtf8());
    }

    ph::SimulatorProcess m_sim;
    QTemporaryDir m_dir;
    QStringList m_extraArgs; ///< appended to every status() run; cleared by init()
};

QTEST_GUILESS_MAIN(TestCliStatus)
#include "tst_clistatus.moc"
