// SPDX-License-Identifier: GPL-3.0-or-later
// pilothouse-sim driven from outside, as the console and the demo see it: real HTTP on
// 127.0.0.1 through QNetworkAccessManager, the simulator as a child process.
#include "demo/simulatorprocess.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using ph::SimulatorFault;
using ph::SimulatorProcess;

namespace {

const QByteArray dashKey = QByteArrayLiteral("demo-dash-key");

struct Response
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QByteArray contentType;
    qint64 elapsedMs = 0;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

// A process is gone once /proc has no entry or only a zombie waiting for its reaper.
bool processGone(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = status.readAll();
    return text.contains("\nState:\tZ") || text.contains("\nState:\tX");
}

// RFC 4180 fields of one record (no embedded line breaks in the simulator's data).
QStringList csvRecord(const QString &line)
{
    QStringList fields;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            fields.append(field);
            field.clear();
        } else {
            field += c;
        }
    }
    fields.append(field);
    return fields;
}

double metricValue(const QByteArray &text, const QByteArray &series)
{
    const auto lines = text.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(QByteArray(series + ' ')))
            return line.mid(series.size() + 1).toDouble();
    }
    return -1;
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private:
    Response request(const QUrl &url, const QByteArray &verb = QByteArrayLiteral("GET"),
                     const QByteArray &key = {}, int timeoutMs = 10000)
    {
        QNetworkRequest req(url);
        if (!key.isEmpty())
            req.setRawHeader(QByteArrayLiteral("X-Dash-Key"), key);
        req.setTransferTimeout(timeoutMs);
        QElapsedTimer timer;
        timer.start();
        QNetworkReply *reply = m_network.sendCustomRequest(req, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 5000);
        Response response;
        response.elapsedMs = timer.elapsed();
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.error = reply->error();
        if (reply->isOpen())
            response.body = reply->readAll();
        response.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        reply->deleteLater();
        return response;
    }

    Response get(const QString &service, const QString &path, const QByteArray &key = {},
                 int timeoutMs = 10000)
    {
        return request(QUrl(m_sim.baseUrl(service).toString() + path), "GET", key, timeoutMs);
    }

    static Response getFrom(TestSimulator *self, SimulatorProcess &sim, const QString &service,
                            const QString &path, const QByteArray &key = {})
    {
        return self->request(QUrl(sim.baseUrl(service).toString() + path), "GET", key);
    }

    QNetworkAccessManager m_network;
    SimulatorProcess m_sim;

private Q_SLOTS:
    void initTestCase()
    {
        const QString executable = SimulatorProcess::defaultExecutable();
        QVERIFY2(QFileInfo(executable).isExecutable(), qPrintable(executable));
        const auto started = m_sim.start({u"--seed"_s, u"7"_s, u"--no-jitter"_s});
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
    }

    void init()
    {
        QVERIFY(m_sim.isRunning());
        QVERIFY(m_sim.clearFaults());
        for (const QString &service : {u"echopilot"_s, u"rust-core-engine"_s})
            QVERIFY(m_sim.setHealth(service, u"ok"_s));
    }

    void portMapPrinted()
    {
        const auto ports = m_sim.ports();
        QCOMPARE(ports.size(), 5);
        QSet<int> distinct;
        for (const QString &name : {u"echopilot"_s, u"rust-core-engine"_s, u"python-ai-service"_s,
                                    u"grafana"_s, u"_control"_s}) {
            QVERIFY2(ports.value(name) > 0, qPrintable(name));
            distinct.insert(ports.value(name));
        }
        QCOMPARE(distinct.size(), 5);
        QCOMPARE(m_sim.controlPort(), ports.value(u"_control"_s));
        QCOMPARE(m_sim.baseUrl(u"echopilot"_s).host(), u"127.0.0.1"_s);
        QVERIFY(!m_sim.baseUrl(u"no-such-service"_s).isValid());
        QCOMPARE(m_sim.port(u"no-such-service"_s), 0);
    }

    void portMapIsOneCompactLine()
    {
        QProcess process;
        process.start(SimulatorProcess::defaultExecutable(), {u"--no-jitter"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
        const QByteArray line = process.readLine();
        QVERIFY(line.endsWith('\n'));
        QVERIFY(!line.contains(' '));
        QJsonParseError error;
        const QJsonObject map = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(map.keys(), (QStringList{u"_control"_s, u"echopilot"_s, u"grafana"_s,
                                          u"python-ai-service"_s, u"rust-core-engine"_s}));
        // SIGTERM ends it cleanly: exit code 0, nothing more on stdout.
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardOutput(), QByteArray());
    }

    void helpWorks()
    {
        QProcess process;
        process.start(SimulatorProcess::defaultExecutable(), {u"--help"_s});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray help = process.readAllStandardOutput();
        for (const char *option : {"--seed", "--key", "--services", "--endpoints-per-service",
                                   "--no-jitter", "--exit-with-parent"})
            QVERIFY2(help.contains(option), option);
    }

    void echoPilotShapes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<bool>("keyed");
        QTest::addColumn<QStringList>("fields"); // name:type

        QTest::newRow("health") << u"/api/health"_s << QByteArray("GET") << false
                                << QStringList{u"status:string"_s};
        QTest::newRow("platform status") << u"/api/platform/status"_s << QByteArray("GET") << false
                                         << QStringList{u"status:string"_s, u"components:array"_s};
        QTest::newRow("queue status")
            << u"/api/queue/status"_s << QByteArray("GET") << true
            << QStringList{u"depth:number"_s, u"processing_rate_per_min:number"_s,
                           u"failed_ratio:number"_s, u"stuck:number"_s};
        QTest::newRow("clear stuck") << u"/api/queue/clear-stuck"_s << QByteArray("POST") << true
                                     << QStringList{u"cleared:number"_s};
        QTest::newRow("slo") << u"/api/slo/status"_s << QByteArray("GET") << false
                             << QStringList{u"window_days:number"_s, u"availability:number"_s,
                                            u"p95_ms:number"_s, u"p99_ms:number"_s,
                                            u"webhook_success:number"_s};
        QTest::newRow("finops") << u"/api/finops/summary?days=30"_s << QByteArray("GET") << true
                                << QStringList{u"days:number"_s, u"cost_usd:number"_s,
                                               u"revenue_usd:number"_s};
        QTest::newRow("partner") << u"/api/partners/dashboard?partner_id=PTR_001"_s
                                 << QByteArray("GET") << true
                                 << QStringList{u"partner_id:string"_s, u"earnings:string"_s,
                                                u"referrals:number"_s};
        QTest::newRow("predict") << u"/api/predict/load"_s << QByteArray("GET") << false
                                 << QStringList{u"predicted_rps:number"_s, u"horizon_min:number"_s};
        QTest::newRow("healing") << u"/api/healing/status"_s << QByteArray("GET") << false
                                 << QStringList{u"active_actions:array"_s};
        QTest::newRow("regions") << u"/api/regions/status"_s << QByteArray("GET") << false
                                 << QStringList{u"regions:array"_s};
        QTest::newRow("audit") << u"/api/audit/chain"_s << QByteArray("GET") << true
                               << QStringList{u"length:number"_s, u"head:string"_s,
                                              u"valid:bool"_s};
        QTest::newRow("phase report")
            << u"/api/platform/phase-report"_s << QByteArray("GET") << true << QStringList{};
        QTest::newRow("usage") << u"/api/analytics/usage"_s << QByteArray("GET") << true
                               << QStringList{};
    }

    void echoPilotShapes()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, verb);
        QFETCH(bool, keyed);
        QFETCH(QStringList, fields);

        const QUrl url(m_sim.baseUrl(u"echopilot"_s).toString() + path);
        const Response response = request(url, verb, keyed ? dashKey : QByteArray());
        QCOMPARE(response.status, 200);
        QVERIFY(response.contentType.startsWith("application/json"));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(response.body, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QVERIFY(document.isObject());
        const QJsonObject object = document.object();
        QVERIFY(!object.isEmpty());
        for (const QString &field : fields) {
            const QString name = field.section(u':', 0, 0);
            const QString type = field.section(u':', 1);
            const QJsonValue value = object.value(name);
            QVERIFY2(!value.isUndefined(), qPrintable(name));
            if (type == u"string"_s)
                QVERIFY2(value.isString() && !value.toString().isEmpty(), qPrintable(name));
            else if (type == u"number"_s)
                QVERIFY2(value.isDouble() && value.toDouble() >= 0, qPrintable(name));
            else if (type == u"array"_s)
                QVERIFY2(value.isArray(), qPrintable(name));
            else if (type == u"bool"_s)
                QVERIFY2(value.isBool(), qPrintable(name));
        }
    }

    void nestedShapes()
    {
        const QJsonObject status = get(u"echopilot"_s, u"/api/platform/status"_s).json();
        const QJsonObject component = status.value(u"components"_s).toArray().first().toObject();
        QCOMPARE(component.value(u"name"_s).toString(), u"bot"_s);
        QCOMPARE(component.value(u"status"_s).toString(), u"ok"_s);

        const QJsonArray regions =
            get(u"echopilot"_s, u"/api/regions/status"_s).json().value(u"regions"_s).toArray();
        QVERIFY(!regions.isEmpty());
        for (const QJsonValue &region : regions) {
            const double rate = region.toObject().value(u"cache_hit_rate"_s).toDouble(-1);
            QVERIFY(rate > 0 && rate <= 1);
            QVERIFY(!region.toObject().value(u"name"_s).toString().isEmpty());
        }

        const QJsonObject audit = get(u"echopilot"_s, u"/api/audit/chain"_s, dashKey).json();
        QVERIFY(QRegularExpression(u"^[0-9a-f]{64}$"_s)
                    .match(audit.value(u"head"_s).toString())
                    .hasMatch());

        const QJsonObject partner =
            get(u"echopilot"_s, u"/api/partners/dashboard?partner_id=PTR_002"_s, dashKey).json();
        QCOMPARE(partner.value(u"partner_id"_s).toString(), u"PTR_002"_s);
        QVERIFY(QRegularExpression(u"^\\d+\\.\\d{2}$"_s)
                    .match(partner.value(u"earnings"_s).toString())
                    .hasMatch());

        const QJsonObject finops =
            get(u"echopilot"_s, u"/api/finops/summary?days=7"_s, dashKey).json();
        QCOMPARE(finops.value(u"days"_s).toInt(), 7);
    }

    void badQueryIsAClearError_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("days not a number") << u"/api/finops/summary?days=abc"_s << u"days"_s;
        QTest::newRow("days zero") << u"/api/finops/summary?days=0"_s << u"days"_s;
        QTest::newRow("no partner") << u"/api/partners/dashboard"_s << u"partner_id"_s;
    }

    void badQueryIsAClearError()
    {
        QFETCH(QString, path);
        QFETCH(QString, mentions);
        const Response response = get(u"echopilot"_s, path, dashKey);
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().value(u"error"_s).toString().contains(mentions));
    }

    void keyRequired_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("verb");
        QTest::newRow("queue") << u"/api/queue/status"_s << QByteArray("GET");
        QTest::newRow("clear stuck") << u"/api/queue/clear-stuck"_s << QByteArray("POST");
        QTest::newRow("finops") << u"/api/finops/summary?days=30"_s << QByteArray("GET");
        QTest::newRow("payouts") << u"/api/growth/payouts/export"_s << QByteArray("GET");
        QTest::newRow("partner") << u"/api/partners/dashboard?partner_id=PTR_001"_s
                                 << QByteArray("GET");
        QTest::newRow("audit") << u"/api/audit/chain"_s << QByteArray("GET");
        QTest::newRow("phase report") << u"/api/platform/phase-report"_s << QByteArray("GET");
        QTest::newRow("usage") << u"/api/analytics/usage"_s << QByteArray("GET");
    }

    void keyRequired()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, verb);
        const QUrl url(m_sim.baseUrl(u"echopilot"_s).toString() + path);

        const Response without = request(url, verb);
        QCOMPARE(without.status, 401);
        QVERIFY(without.json().value(u"error"_s).toString().contains(u"X-Dash-Key"_s));

        const Response wrong = request(url, verb, QByteArrayLiteral("not-the-key"));
        QCOMPARE(wrong.status, 401);

        const Response with = request(url, verb, dashKey);
        QCOMPARE(with.status, 200);
    }

    void customKey()
    {
        SimulatorProcess sim;
        QVERIFY(sim.start({u"--key"_s, u"s3cret"_s, u"--no-jitter"_s}));
        QCOMPARE(getFrom(this, sim, u"echopilot"_s, u"/api/queue/status"_s, dashKey).status, 401);
        QCOMPARE(getFrom(this, sim, u"echopilot"_s, u"/api/queue/status"_s, "s3cret").status, 200);
    }

    void payoutsCsv()
    {
        const Response response = get(u"echopilot"_s, u"/api/growth/payouts/export"_s, dashKey);
        QCOMPARE(response.status, 200);
        QVERIFY(response.contentType.startsWith("text/csv"));
        QVERIFY(response.body.endsWith("\r\n"));
        const QStringList lines =
            QString::fromUtf8(response.body).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 3);
        QCOMPARE(lines.first(), u"partner_id,partner_name,period,amount,currency,status"_s);
        bool sawComma = false;
        bool sawQuote = false;
        const QRegularExpression amount(u"^\\d+\\.\\d{2}$"_s);
        for (const QString &line : lines.mid(1)) {
            const QStringList fields = csvRecord(line);
            QCOMPARE(fields.size(), 6);
            QVERIFY2(amount.match(fields.at(3)).hasMatch(), qPrintable(fields.at(3)));
            sawComma = sawComma || fields.at(1).contains(u',');
            sawQuote = sawQuote || fields.at(1).contains(u'"');
        }
        QVERIFY(sawComma);
        QVERIFY(sawQuote);
        QVERIFY(response.body.contains("\"Blue Harbor, LLC\""));
    }

    void metricsFormat_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QStringList>("families");
        QTest::newRow("echopilot")
            << u"echopilot"_s
            << QStringList{u"jobs_processed_total"_s, u"database_connections_active"_s};
        QTest::newRow("rust-core-engine")
            << u"rust-core-engine"_s
            << QStringList{u"trades_executed_total"_s, u"trades_failed_total"_s};
        QTest::newRow("python-ai-service") << u"python-ai-service"_s << QStringList{};
    }

    void metricsFormat()
    {
        QFETCH(QString, service);
        QFETCH(QStringList, families);
        const Response first = get(service, u"/metrics"_s);
        QCOMPARE(first.status, 200);
        QVERIFY(first.contentType.contains("version=0.0.4"));
        const QByteArray text = first.body;
        QVERIFY(text.contains("# TYPE http_requests_total counter\n"));
        QVERIFY(text.contains("# TYPE http_request_duration_seconds histogram\n"));
        QVERIFY(metricValue(text, "http_requests_total{code=\"200\"}") > 0);
        for (const QString &family : families)
            QVERIFY2(metricValue(text, family.toLatin1()) >= 0, qPrintable(family));

        // Buckets are cumulative and +Inf equals _count.
        double previous = 0;
        for (const char *le : {"0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"}) {
            const double bucket = metricValue(
                text, QByteArray("http_request_duration_seconds_bucket{le=\"") + le + "\"}");
            QVERIFY2(bucket >= previous, le);
            previous = bucket;
        }
        QCOMPARE(previous, metricValue(text, "http_request_duration_seconds_count"));
        QVERIFY(metricValue(text, "http_request_duration_seconds_sum") > 0);

        // Counters increase between scrapes.
        const QByteArray second = get(service, u"/metrics"_s).body;
        QVERIFY(metricValue(second, "http_requests_total{code=\"200\"}") >
                metricValue(text, "http_requests_total{code=\"200\"}"));
        QVERIFY(metricValue(second, "http_request_duration_seconds_count") >
                metricValue(text, "http_request_duration_seconds_count"));
    }

    void botCoreShapes()
    {
        const Response health = get(u"rust-core-engine"_s, u"/api/health"_s);
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json(),
                 (QJsonObject{{u"status"_s, u"healthy"_s}, {u"database"_s, u"connected"_s}}));
        const Response ping = get(u"rust-core-engine"_s, u"/api/v1/binance/ping"_s);
        QCOMPARE(ping.status, 200);
        QVERIFY(!ping.json().isEmpty());

        const Response aiHealth = get(u"python-ai-service"_s, u"/health"_s);
        QCOMPARE(aiHealth.status, 200);
        QCOMPARE(aiHealth.json(), (QJsonObject{{u"status"_s, u"healthy"_s}}));
        const QJsonObject aiStatus = get(u"python-ai-service"_s, u"/api/ai/status"_s).json();
        QCOMPARE(aiStatus.value(u"status"_s).toString(), u"ready"_s);
        QVERIFY(!aiStatus.value(u"model"_s).toString().isEmpty());

        // Each service on its own port: EchoPilot's health shape is not the engine's.
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).json(),
                 (QJsonObject{{u"status"_s, u"ok"_s}}));
        QCOMPARE(get(u"python-ai-service"_s, u"/api/health"_s).status, 404);
    }

    void seedIsDeterministic()
    {
        const QStringList paths{u"/api/queue/status"_s,
                                u"/api/queue/status"_s,
                                u"/api/slo/status"_s,
                                u"/api/finops/summary?days=30"_s,
                                u"/api/growth/payouts/export"_s,
                                u"/api/audit/chain"_s,
                                u"/metrics"_s,
                                u"/metrics"_s};
        QList<QList<QByteArray>> runs;
        for (const QString &seed : {u"42"_s, u"42"_s, u"43"_s}) {
            SimulatorProcess sim;
            QVERIFY(sim.start({u"--seed"_s, seed}));
            QList<QByteArray> bodies;
            for (const QString &path : paths) {
                const Response response = getFrom(this, sim, u"echopilot"_s, path, dashKey);
                QCOMPARE(response.status, 200);
                bodies.append(response.body);
            }
            runs.append(bodies);
        }
        QCOMPARE(runs.at(0), runs.at(1));
        QVERIFY(runs.at(0) != runs.at(2));
        // The data moves: the second queue read differs from the first.
        QVERIFY(runs.at(0).at(0) != runs.at(0).at(1));

        // Hand-computed from the formulas in sim/simdata.h, seed 42, first request (n = 0):
        // depth = 5 + (7*42) mod 40 = 19; rate = (300 + (13*42) mod 200) / 10 = 44.6;
        // failed_ratio = (3*42 mod 25) / 1000 = 0.001; stuck = 42 mod 4 = 2.
        const QJsonObject queue = QJsonDocument::fromJson(runs.at(0).at(0)).object();
        QCOMPARE(queue.value(u"depth"_s).toInt(), 19);
        QCOMPARE(queue.value(u"processing_rate_per_min"_s).toDouble(), 44.6);
        QCOMPARE(queue.value(u"failed_ratio"_s).toDouble(), 0.001);
        QCOMPARE(queue.value(u"stuck"_s).toInt(), 2);
        // Second request (n = 1): depth = 5 + (294 + 3) mod 40 = 22.
        QCOMPARE(QJsonDocument::fromJson(runs.at(0).at(1)).object().value(u"depth"_s).toInt(), 22);
        // Payout row 0: 10000 + (31*42) mod 200000 = 11302 cents.
        QVERIFY(runs.at(0).at(4).contains("PTR_001,Acme Analytics,2026-08,113.02,USD,paid\r\n"));
    }

    void clearStuck()
    {
        SimulatorProcess sim;
        QVERIFY(sim.start({u"--seed"_s, u"42"_s, u"--no-jitter"_s}));
        // The next queue read (n = 0) would say stuck = 2; clearing reports and removes them.
        const Response cleared =
            request(QUrl(sim.baseUrl(u"echopilot"_s).toString() + u"/api/queue/clear-stuck"_s),
                    "POST", dashKey);
        QCOMPARE(cleared.json().value(u"cleared"_s).toInt(), 2);
        const QJsonObject queue =
            getFrom(this, sim, u"echopilot"_s, u"/api/queue/status"_s, dashKey).json();
        QCOMPARE(queue.value(u"stuck"_s).toInt(), 0);
    }

    void faultStatus()
    {
        QVERIFY(m_sim.injectFault(
            SimulatorFault{u"echopilot"_s, u"/api/health"_s, u"status"_s, 500, 0}));
        const Response faulted = get(u"echopilot"_s, u"/api/health"_s);
        QCOMPARE(faulted.status, 500);
        QVERIFY(faulted.json().contains(u"error"_s));
        // Only that endpoint of that service.
        QCOMPARE(get(u"echopilot"_s, u"/api/slo/status"_s).status, 200);
        QCOMPARE(get(u"rust-core-engine"_s, u"/api/health"_s).status, 200);
    }

    void faultHang()
    {
        QVERIFY(m_sim.injectFault(SimulatorFault{u"echopilot"_s, u"/api/health"_s, u"hang"_s}));
        const Response hung = get(u"echopilot"_s, u"/api/health"_s, {}, 500);
        QVERIFY2(hung.error == QNetworkReply::OperationCanceledError ||
                     hung.error == QNetworkReply::TimeoutError,
                 qPrintable(QString::number(hung.error)));
        QVERIFY(hung.elapsedMs >= 450);
        QCOMPARE(hung.status, 0);

        // While requests hang, the same server keeps answering others.
        QNetworkRequest second(QUrl(m_sim.baseUrl(u"echopilot"_s).toString() + u"/api/health"_s));
        QNetworkReply *pending = m_network.get(second);
        QCOMPARE(get(u"echopilot"_s, u"/api/slo/status"_s).status, 200);
        QVERIFY(!pending->isFinished());
        pending->abort(); // the client goes away: the simulator must not mind
        delete pending;

        QVERIFY(m_sim.clearFaults());
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).status, 200);
        QVERIFY(m_sim.isRunning());
        const auto state = m_sim.state();
        QVERIFY(state);
        QVERIFY(state->value(u"requests"_s)
                    .toObject()
                    .value(u"echopilot"_s)
                    .toObject()
                    .value(u"/api/health"_s)
                    .toInt() >= 3);
    }

    void faultDelay()
    {
        QVERIFY(m_sim.injectFault(
            SimulatorFault{u"echopilot"_s, u"/api/slo/status"_s, u"delay"_s, 0, 1500}));
        // Started together, the undelayed request is not held up behind the delayed one.
        QNetworkReply *delayed = m_network.get(
            QNetworkRequest(QUrl(m_sim.baseUrl(u"echopilot"_s).toString() + u"/api/slo/status"_s)));
        QElapsedTimer timer;
        timer.start();
        const Response quick = get(u"echopilot"_s, u"/api/predict/load"_s);
        QCOMPARE(quick.status, 200);
        // Ordering, not a stopwatch: the quick answer arrives while the delayed one waits.
        QVERIFY(!delayed->isFinished());
        QTRY_VERIFY_WITH_TIMEOUT(delayed->isFinished(), 8000);
        QVERIFY(timer.elapsed() >= 1450);
        QCOMPARE(delayed->error(), QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(delayed->readAll()).object().contains(u"p95_ms"_s));
        delete delayed;

        const Response measured = get(u"echopilot"_s, u"/api/slo/status"_s);
        QCOMPARE(measured.status, 200);
        QVERIFY2(measured.elapsedMs >= 1500, qPrintable(QString::number(measured.elapsedMs)));
    }

    void faultMalformed()
    {
        QVERIFY(m_sim.injectFault(
            SimulatorFault{u"echopilot"_s, u"/api/queue/status"_s, u"malformed"_s}));
        const Response response = get(u"echopilot"_s, u"/api/queue/status"_s, dashKey);
        QCOMPARE(response.status, 200);
        QVERIFY(!response.body.isEmpty());
        QJsonParseError error;
        QJsonDocument::fromJson(response.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
    }

    void faultOversized()
    {
        QVERIFY(m_sim.injectFault(SimulatorFault{u"*"_s, u"/metrics"_s, u"oversized"_s}));
        const Response response = get(u"rust-core-engine"_s, u"/metrics"_s);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body.size(), qsizetype(5 * 1024 * 1024));
    }

    void faultNoKey()
    {
        QVERIFY(
            m_sim.injectFault(SimulatorFault{u"echopilot"_s, u"/api/queue/status"_s, u"nokey"_s}));
        QCOMPARE(get(u"echopilot"_s, u"/api/queue/status"_s).status, 200);
        // Other keyed endpoints still insist.
        QCOMPARE(get(u"echopilot"_s, u"/api/audit/chain"_s).status, 401);
    }

    void faultWildcardAndClear()
    {
        QVERIFY(m_sim.injectFault(SimulatorFault{u"*"_s, u"*"_s, u"status"_s, 503, 0}));
        QVERIFY(m_sim.injectFault(
            SimulatorFault{u"echopilot"_s, u"/api/slo/status"_s, u"malformed"_s}));
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).status, 503);
        QCOMPARE(get(u"rust-core-engine"_s, u"/api/health"_s).status, 503);
        QCOMPARE(get(u"python-ai-service"_s, u"/health"_s).status, 503);
        // The most recent matching fault wins.
        QCOMPARE(get(u"echopilot"_s, u"/api/slo/status"_s).status, 200);

        QVERIFY(m_sim.clearFaults());
        QCOMPARE(m_sim.state()->value(u"faults"_s).toInt(), 0);
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).status, 200);
        QCOMPARE(get(u"python-ai-service"_s, u"/health"_s).status, 200);
        const Response slo = get(u"echopilot"_s, u"/api/slo/status"_s);
        QVERIFY(QJsonDocument::fromJson(slo.body).isObject());
    }

    void badFaultIsRejected_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown mode") << u"*"_s << u"explode"_s << 503 << u"explode"_s;
        QTest::newRow("unknown service") << u"nope"_s << u"hang"_s << 503 << u"nope"_s;
        QTest::newRow("status out of range") << u"*"_s << u"status"_s << 999 << u"status"_s;
        QTest::newRow("status without reason") << u"*"_s << u"status"_s << 520 << u"status"_s;
    }

    void badFaultIsRejected()
    {
        QFETCH(QString, service);
        QFETCH(QString, mode);
        QFETCH(int, status);
        QFETCH(QString, mentions);
        QVERIFY(m_sim.injectFault(
            SimulatorFault{u"echopilot"_s, u"/api/health"_s, u"status"_s, 502, 0}));
        const auto result = m_sim.injectFault(SimulatorFault{service, u"*"_s, mode, status, 0});
        QVERIFY(!result);
        QVERIFY2(result.error().message.contains(mentions), qPrintable(result.error().message));
        // Nothing lost: the earlier fault is still the only one, and still applies.
        QCOMPARE(m_sim.state()->value(u"faults"_s).toInt(), 1);
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).status, 502);
    }

    void malformedControlBody()
    {
        QNetworkRequest req(QUrl(u"http://127.0.0.1:%1/faults"_s.arg(m_sim.controlPort())));
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        QNetworkReply *reply = m_network.post(req, QByteArrayLiteral("{not json"));
        QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 5000);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(QJsonDocument::fromJson(reply->readAll()).object().contains(u"error"_s));
        delete reply;
        QCOMPARE(m_sim.state()->value(u"faults"_s).toInt(), 0);
    }

    void healthControl()
    {
        QVERIFY(m_sim.setHealth(u"echopilot"_s, u"degraded"_s));
        const Response degraded = get(u"echopilot"_s, u"/api/health"_s);
        QCOMPARE(degraded.status, 200);
        QCOMPARE(degraded.json().value(u"status"_s).toString(), u"degraded"_s);

        QVERIFY(m_sim.setHealth(u"rust-core-engine"_s, u"down"_s));
        const Response down = get(u"rust-core-engine"_s, u"/api/health"_s);
        QCOMPARE(down.status, 503);
        QCOMPARE(down.json().value(u"status"_s).toString(), u"down"_s);
        QCOMPARE(down.json().value(u"database"_s).toString(), u"disconnected"_s);

        const auto bad = m_sim.setHealth(u"echopilot"_s, u"sideways"_s);
        QVERIFY(!bad);
        QVERIFY(bad.error().message.contains(u"sideways"_s));
        QCOMPARE(get(u"echopilot"_s, u"/api/health"_s).json().value(u"status"_s).toString(),
                 u"degraded"_s);
    }

    void syntheticServices()
    {
        SimulatorProcess sim;
        QVERIFY(sim.start(
            {u"--services"_s, u"3"_s, u"--endpoints-per-service"_s, u"5"_s, u"--no-jitter"_s}));
        QCOMPARE(sim.ports().size(), 8);
        QSet<int> distinct;
        for (int port : sim.ports())
            distinct.insert(port);
        QCOMPARE(distinct.size(), 8);
        for (int i = 0; i < 3; ++i) {
            const QString name = u"synthetic-%1"_s.arg(i);
            QVERIFY2(sim.port(name) > 0, qPrintable(name));
            QCOMPARE(getFrom(this, sim, name, u"/api/health"_s).status, 200);
            const Response last = getFrom(this, sim, name, u"/ep/4"_s);
            QCOMPARE(last.status, 200);
            QCOMPARE(last.json().value(u"endpoint"_s).toInt(), 4);
            QCOMPARE(getFrom(this, sim, name, u"/ep/5"_s).status, 404);
        }
        QCOMPARE(sim.port(u"synthetic-3"_s), 0);
    }

    void badArgumentsAreReported()
    {
        SimulatorProcess sim;
        const auto result = sim.start({u"--services"_s, u"many"_s});
        QVERIFY(!result);
        QCOMPARE(result.error().code, u"sim.exited"_s);
        QVERIFY2(result.error().detail.contains(u"--services"_s),
                 qPrintable(result.error().detail));
        QVERIFY(!sim.isRunning());
    }

    void stopEndsTheProcess()
    {
        qint64 pid = 0;
        {
            SimulatorProcess sim;
            QVERIFY(sim.start({u"--no-jitter"_s}));
            pid = sim.processId();
            QVERIFY(pid > 0);
            QVERIFY(QFile::exists(u"/proc/%1"_s.arg(pid)));
            sim.stop();
            QVERIFY(!sim.isRunning());
            QVERIFY(processGone(pid));
        }
        // The destructor stops a running simulator too.
        {
            SimulatorProcess sim;
            QVERIFY(sim.start({u"--no-jitter"_s}));
            pid = sim.processId();
        }
        QVERIFY(processGone(pid));
    }

    void missingExecutable()
    {
        SimulatorProcess sim;
        sim.setExecutable(u"/nonexistent/pilothouse-sim"_s);
        const auto result = sim.start();
        QVERIFY(!result);
        QCOMPARE(result.error().code, u"sim.missing"_s);
        QVERIFY(result.error().message.contains(u"/nonexistent/pilothouse-sim"_s));
        QVERIFY(!sim.isRunning());
    }

    void noPortMap_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("code");
        QTest::newRow("silent") << u"exec sleep 30"_s << u"sim.timeout"_s;
        QTest::newRow("garbage") << u"echo hello; exec sleep 30"_s << u"sim.portmap"_s;
        QTest::newRow("exits") << u"echo broken >&2; exit 3"_s << u"sim.exited"_s;
    }

    void noPortMap()
    {
        QFETCH(QString, script);
        QFETCH(QString, code);
        SimulatorProcess sim;
        sim.setExecutable(u"/bin/sh"_s);
        sim.setStartTimeout(700);
        QElapsedTimer timer;
        timer.start();
        const auto result = sim.start({u"-c"_s, script});
        QVERIFY(!result);
        QCOMPARE(result.error().code, code);
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY(!sim.isRunning());
    }

    void exitsWithParent()
    {
        // An intermediate shell starts the simulator and is then killed with SIGKILL: it
        // gets no chance to clean up, so only PR_SET_PDEATHSIG can end the simulator.
        QProcess shell;
        shell.start(u"/bin/sh"_s,
                    {u"-c"_s, u"\"$0\" --exit-with-parent --no-jitter & echo pid=$!; wait"_s,
                     SimulatorProcess::defaultExecutable()});
        QVERIFY(shell.waitForStarted());
        qint64 simPid = 0;
        bool mapSeen = false;
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                output += shell.readAllStandardOutput();
                const auto lines = output.split('\n');
                for (const QByteArray &line : lines) {
                    if (line.startsWith("pid="))
                        simPid = line.mid(4).toLongLong();
                    if (line.startsWith("{"))
                        mapSeen = true;
                }
                return simPid > 0 && mapSeen;
            }(),
            10000);
        QVERIFY(!processGone(simPid));
        ::kill(pid_t(shell.processId()), SIGKILL);
        QVERIFY(shell.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(simPid), 5000);
    }

    void launcherKilledTakesSimulatorAlong()
    {
        // This test binary in helper mode owns a SimulatorProcess; SIGKILL gives it no
        // chance to run its destructor, so the child modifier's PDEATHSIG must do the work.
        QProcess helper;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PH_TST_SIMULATOR_HELPER"_s, u"1"_s);
        helper.setProcessEnvironment(environment);
        helper.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(helper.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(helper.canReadLine(), 10000);
        const qint64 simPid = helper.readLine().trimmed().toLongLong();
        QVERIFY(simPid > 0);
        QVERIFY(!processGone(simPid));
        ::kill(pid_t(helper.processId()), SIGKILL);
        QVERIFY(helper.waitForFinished(5000));
        QTRY_VERIFY_WITH_TIMEOUT(processGone(simPid), 5000);
    }

    void cleanupTestCase()
    {
        const qint64 pid = m_sim.processId();
        m_sim.stop();
        QVERIFY(processGone(pid));
    }
};

// Helper mode: start a simulator, print its PID, then wait to be killed.
static int runLauncherHelper(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    SimulatorProcess sim;
    if (const auto ok = sim.start({u"--no-jitter"_s}); !ok) {
        std::fprintf(stderr, "%s\n", qPrintable(ok.error().toString()));
        return 1;
    }
    std::printf("%lld\n", static_cast<long long>(sim.processId()));
    std::fflush(stdout);
    return app.exec();
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("PH_TST_SIMULATOR_HELPER"))
        return runLauncherHelper(argc, argv);
    QCoreApplication app(argc, argv);
    TestSimulator test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_simulator.moc"
