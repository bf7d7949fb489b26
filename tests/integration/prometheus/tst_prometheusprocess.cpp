// SPDX-License-Identifier: GPL-3.0-or-later
// How PrometheusProcess handles a server that does not come up: stand-in programs that
// lose the port race, exit at once or never get ready. No real Prometheus needed.
#include "demo/prometheusprocess.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

bool processGone(qint64 pid)
{
    return ::kill(pid_t(pid), 0) != 0;
}

} // namespace

class TestPrometheusProcess : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    /// A shell script standing in for Prometheus; it counts its starts in "<name>.starts"
    /// and writes its PID to "<name>.pid".
    QString standIn(const QString &name, const QByteArray &body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("#!/bin/sh\necho x >> '" + path.toUtf8() + ".starts'\necho $$ > '" +
                   path.toUtf8() + ".pid'\n" + body);
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }
    int starts(const QString &path)
    {
        QFile file(path + u".starts"_s);
        return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void lostPortRaceIsRetriedOnce()
    {
        PrometheusProcess process;
        process.setExecutable(standIn(
            u"busy"_s, "echo 'err=\"listen tcp 127.0.0.1:9: bind: address already in use\"' >&2\n"
                       "exit 1\n"));
        const auto started = process.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, u"prometheus.port"_s);
        QVERIFY(started.error().detail.contains(u"address already in use"_s));
        QCOMPARE(starts(process.executable()), 2);
        QVERIFY(!process.isRunning());
    }

    void exitAtStartIsExplained()
    {
        PrometheusProcess process;
        process.setExecutable(standIn(
            u"broken"_s, "echo 'err=\"error loading config: parsing YAML\"' >&2\nexit 1\n"));
        const auto started = process.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, u"prometheus.exited"_s);
        QVERIFY(started.error().detail.contains(u"parsing YAML"_s));
        QCOMPARE(starts(process.executable()), 1);
    }

    void neverReadyTimesOutAndIsKilled()
    {
        PrometheusProcess process;
        process.setExecutable(standIn(u"silent"_s, "exec sleep 60\n"));
        process.setStartTimeoutMs(1500);
        const auto started = process.start();
        QVERIFY(!started);
        QCOMPARE(started.error().code, u"prometheus.timeout"_s);
        QFile pidFile(process.executable() + u".pid"_s);
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const qint64 pid = pidFile.readAll().trimmed().toLongLong();
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
        QVERIFY(!process.isRunning());
    }

    void backgroundStartReportsFailure_data()
    {
        QTest::addColumn<QByteArray>("script");
        QTest::addColumn<QString>("code");
        QTest::newRow("port taken")
            << QByteArray("echo 'bind: address already in use' >&2\nexit 1\n")
            << u"prometheus.port"_s;
        QTest::newRow("exits") << QByteArray("exit 3\n") << u"prometheus.exited"_s;
        QTest::newRow("never ready") << QByteArray("exec sleep 60\n") << u"prometheus.timeout"_s;
    }

    void backgroundStartReportsFailure()
    {
        QFETCH(QByteArray, script);
        QFETCH(QString, code);
        PrometheusProcess process;
        process.setExecutable(standIn(
            u"bg-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'), script));
        process.setStartTimeoutMs(1500);
        QSignalSpy started(&process, &PrometheusProcess::started);
        QSignalSpy failed(&process, &PrometheusProcess::startFailed);
        const auto launched = process.startInBackground();
        QVERIFY2(launched, launched ? "" : qPrintable(launched.error().toString()));
        QVERIFY(process.port() > 0); // known at once, for the URL handed out
        QVERIFY(!process.isReady());
        QVERIFY(failed.wait(15000));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(started.size(), 0);
        QCOMPARE(failed.first().first().value<Error>().code, code);
        QCOMPARE(starts(process.executable()), 1); // no retry: the URL is already out
        QVERIFY(!process.isRunning());
        QFile pidFile(process.executable() + u".pid"_s);
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const qint64 pid = pidFile.readAll().trimmed().toLongLong();
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pid), 10000);
    }

    void backgroundStartFailsAtOnceWhenMissing()
    {
        PrometheusProcess process;
        process.setExecutable(m_dir.filePath(u"absent"_s));
        QSignalSpy failed(&process, &PrometheusProcess::startFailed);
        const auto launched = process.startInBackground();
        QVERIFY(!launched);
        QCOMPARE(launched.error().code, u"prometheus.missing"_s);
        QCOMPARE(failed.size(), 0);
    }

    void configNamesEveryJob()
    {
        PrometheusProcess process;
        process.setExecutable(standIn(u"config"_s, "exit 1\n"));
        process.setScrapeIntervalMs(1500);
        process.setJobs({{u"echo\"pilot"_s, {u"127.0.0.1:5000"_s, u"127.0.0.1:5001"_s}},
                         {u"engine"_s, {u"127.0.0.1:8080"_s}, u"/custom"_s}});
        QVERIFY(!process.start());
        const QString config = process.configText();
        QVERIFY(config.contains(u"scrape_interval: 1500ms"_s));
        QVERIFY(config.contains(u"job_name: \"prometheus\""_s));
        QVERIFY(config.contains(u"job_name: \"echo\\\"pilot\""_s));
        QVERIFY(config.contains(u"targets: [\"127.0.0.1:5000\", \"127.0.0.1:5001\"]"_s));
        QVERIFY(config.contains(u"metrics_path: \"/custom\""_s));
    }
};

QTEST_GUILESS_MAIN(TestPrometheusProcess)
#include "tst_prometheusprocess.moc"
