// SPDX-License-Identifier: GPL-3.0-or-later
// The PromQL client against answers a real Prometheus never gives: a tiny HTTP server in
// the test serves broken JSON, errors, wrong shapes, oversized bodies and silence.
#include "metrics/promqlclient.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

class HostileServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl base(const QString &behaviour) const
    {
        return QUrl(u"http://127.0.0.1:%1/%2"_s.arg(m_server.serverPort()).arg(behaviour));
    }
    QByteArray lastRequest() const { return m_lastRequest; }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const qsizetype lengthAt = buf.toLower().indexOf("content-length:");
        qsizetype length = 0;
        if (lengthAt >= 0) {
            const qsizetype eol = buf.indexOf("\r\n", lengthAt);
            length = buf.mid(lengthAt + 15, eol - lengthAt - 15).trimmed().toLongLong();
        }
        if (buf.size() < end + 4 + length)
            return;
        m_lastRequest = buf;
        const QByteArray path = buf.split(' ').value(1);
        buf.clear();
        const QByteArray behaviour = path.mid(1, path.indexOf('/', 1) - 1);
        if (behaviour == "ok") {
            reply(s, 200,
                  "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                  "[{\"metric\":{\"job\":\"a\"},\"value\":[1700000000.5,\"42\"]}]}}");
        } else if (behaviour == "malformed") {
            reply(s, 200, "{\"status\":\"success\",\"data\":{\"resultType\":");
        } else if (behaviour == "error") {
            reply(s, 400,
                  "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid "
                  "parameter \\\"query\\\": 1:5: parse error: unexpected end of input\"}");
        } else if (behaviour == "wrongtype") {
            reply(s, 200,
                  "{\"status\":\"success\",\"data\":{\"resultType\":\"table\",\"result\":[]}}");
        } else if (behaviour == "notanumber") {
            reply(s, 200,
                  "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                  "[{\"metric\":{},\"value\":[1700000000,\"twelve\"]}]}}");
        } else if (behaviour == "big") {
            QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
                              "\"result\":[],\"pad\":\"";
            body += QByteArray(5 * 1024 * 1024, 'x');
            body += "\"}}";
            reply(s, 200, body);
        } else if (behaviour == "hang") {
            // Never answers; the client's deadline must end the wait.
        } else {
            reply(s, 404, "404 page not found\n");
        }
    }
    void reply(QTcpSocket *s, int status, const QByteArray &body)
    {
        s->write("HTTP/1.1 " + QByteArray::number(status) +
                 " X\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QByteArray m_lastRequest;
};

/// Runs one instant query and waits (bounded) for its answer.
std::optional<Result<PromQlResult>> runQuery(PromQlClient &client, const QString &promql)
{
    std::optional<Result<PromQlResult>> answer;
    QObject context;
    client.query(promql, &context, [&answer](Result<PromQlResult> r) { answer = std::move(r); });
    QElapsedTimer clock;
    clock.start();
    while (!answer && clock.elapsed() < 20000)
        QTest::qWait(10);
    return answer;
}

} // namespace

class TestPromQl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAnswers_data();
    void parsesAnswers();
    void rejectsBadAnswers_data();
    void rejectsBadAnswers();
    void hostileServer_data();
    void hostileServer();
    void sendsQueryAsForm();
    void unreachableNamesUrl();
    void invalidBaseUrl();
    void deadContextGetsNoCallback();
    void cancelAllCallsNothing();
};

void TestPromQl::parsesAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("series");
    QTest::addColumn<int>("points");
    QTest::addColumn<double>("firstValue");
    QTest::addColumn<qint64>("firstMs");

    QTest::newRow("vector") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":"
                                          "\"vector\",\"result\":[{\"metric\":{\"__name__\":"
                                          "\"up\",\"job\":\"p\"},\"value\":[1700000000.123,"
                                          "\"1\"]},{\"metric\":{},\"value\":[1700000000,"
                                          "\"0.25\"]}]}}")
                            << int(PromQlResultType::Vector) << 2 << 1 << 1.0
                            << qint64(1700000000123);
    QTest::newRow("matrix") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":"
                                          "\"matrix\",\"result\":[{\"metric\":{\"job\":\"p\"},"
                                          "\"values\":[[1700000000,\"1e-05\"],[1700000001,"
                                          "\"NaN\"],[1700000002,\"+Inf\"],[1700000003,"
                                          "\"-Inf\"]]}]}}")
                            << int(PromQlResultType::Matrix) << 1 << 4 << 1e-05
                            << qint64(1700000000000);
    QTest::newRow("empty vector")
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
        << int(PromQlResultType::Vector) << 0 << 0 << 0.0 << qint64(0);
    QTest::newRow("scalar") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":"
                                          "\"scalar\",\"result\":[1700000000,\"-3.5\"]}}")
                            << int(PromQlResultType::Scalar) << 1 << 1 << -3.5
                            << qint64(1700000000000);
    QTest::newRow("string") << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":"
                                          "\"string\",\"result\":[1700000000,\"hello\"]}}")
                            << int(PromQlResultType::String) << 0 << 0 << 0.0 << qint64(0);
}

void TestPromQl::parsesAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(int, type);
    QFETCH(int, series);
    QFETCH(int, points);
    QFETCH(double, firstValue);
    QFETCH(qint64, firstMs);

    const Result<PromQlResult> r = PromQlClient::parseResponse(200, body, u"test:1"_s);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(int(r->resultType), type);
    QCOMPARE(r->series.size(), series);
    if (series == 0) {
        if (r->resultType == PromQlResultType::String)
            QCOMPARE(r->stringValue, u"hello"_s);
        return;
    }
    QCOMPARE(r->series.first().points.size(), points);
    QCOMPARE(r->series.first().points.first().value, firstValue);
    QCOMPARE(r->series.first().points.first().timestampMs, firstMs);
    if (r->resultType == PromQlResultType::Matrix) {
        const QList<PromQlPoint> &p = r->series.first().points;
        QVERIFY(std::isnan(p.at(1).value));
        QVERIFY(std::isinf(p.at(2).value) && p.at(2).value > 0);
        QVERIFY(std::isinf(p.at(3).value) && p.at(3).value < 0);
        QCOMPARE(r->series.first().labels.value(u"job"_s), u"p"_s);
    }
    if (r->resultType == PromQlResultType::Vector)
        QCOMPARE(r->series.first().labels.value(u"__name__"_s), u"up"_s);
}

void TestPromQl::rejectsBadAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("malformed JSON")
        << 200 << QByteArray("{\"status\":") << u"promql.json"_s << u"not valid JSON"_s;
    QTest::newRow("empty body") << 200 << QByteArray() << u"promql.json"_s << u"not valid JSON"_s;
    QTest::newRow("bad query") << 400
                               << QByteArray("{\"status\":\"error\",\"errorType\":\"bad_data\","
                                             "\"error\":\"1:5: parse error: unexpected "
                                             "character\"}")
                               << u"promql.bad_query"_s << u"1:5: parse error"_s;
    QTest::newRow("error with 200") << 200
                                    << QByteArray("{\"status\":\"error\",\"errorType\":"
                                                  "\"execution\",\"error\":\"query timed out\"}")
                                    << u"promql.server"_s << u"query timed out"_s;
    QTest::newRow("503 without reason") << 503 << QByteArray("{\"status\":\"error\"}")
                                        << u"promql.server"_s << u"no reason given"_s;
    QTest::newRow("html 502") << 502 << QByteArray("<html>Bad Gateway</html>") << u"promql.http"_s
                              << u"HTTP 502"_s;
    QTest::newRow("no status") << 200 << QByteArray("{\"data\":{}}") << u"promql.shape"_s
                               << u"status"_s;
    QTest::newRow("array root") << 200 << QByteArray("[1,2]") << u"promql.shape"_s << u"status"_s;
    QTest::newRow("no data") << 200 << QByteArray("{\"status\":\"success\"}") << u"promql.shape"_s
                             << u"data"_s;
    QTest::newRow("wrong resultType")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"table\",\"result\":[]}}")
        << u"promql.shape"_s << u"table"_s;
    QTest::newRow("value not a number")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      "[{\"metric\":{},\"value\":[1700000000,\"12abc\"]}]}}")
        << u"promql.shape"_s << u"/data/result/0/value"_s;
    QTest::newRow("value as JSON number")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      "[{\"metric\":{},\"value\":[1700000000,12]}]}}")
        << u"promql.shape"_s << u"/data/result/0/value"_s;
    QTest::newRow("label not a string")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":"
                      "[{\"metric\":{\"a\":1},\"value\":[1700000000,\"1\"]}]}}")
        << u"promql.shape"_s << u"/data/result/0/metric"_s;
    QTest::newRow("matrix without values")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                      "[{\"metric\":{}}]}}")
        << u"promql.shape"_s << u"values"_s;
    QTest::newRow("matrix point broken")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                      "[{\"metric\":{},\"values\":[[1,\"1\"],[2]]}]}}")
        << u"promql.shape"_s << u"/data/result/0/values/1"_s;
    QTest::newRow("result not a list")
        << 200
        << QByteArray("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":7}}")
        << u"promql.shape"_s << u"not a list"_s;
    QTest::newRow("scalar broken")
        << 200
        << QByteArray(
               "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1]}}")
        << u"promql.shape"_s << u"scalar"_s;
}

void TestPromQl::rejectsBadAnswers()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, mentions);

    const Result<PromQlResult> r = PromQlClient::parseResponse(status, body, u"prom.test:9090"_s);
    QVERIFY(!r.has_value());
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().toString().contains(mentions), qPrintable(r.error().toString()));
    QVERIFY2(r.error().message.contains(u"prom.test:9090"_s), qPrintable(r.error().message));
}

void TestPromQl::hostileServer_data()
{
    QTest::addColumn<QString>("behaviour");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("ok") << u"ok"_s << QString() << QString();
    QTest::newRow("malformed JSON") << u"malformed"_s << u"promql.json"_s << u"not valid JSON"_s;
    QTest::newRow("status error") << u"error"_s << u"promql.bad_query"_s
                                  << u"unexpected end of input"_s;
    QTest::newRow("wrong resultType") << u"wrongtype"_s << u"promql.shape"_s << u"table"_s;
    QTest::newRow("not a number") << u"notanumber"_s << u"promql.shape"_s << u"value"_s;
    QTest::newRow("5 MiB body") << u"big"_s << u"promql.toolarge"_s << u"4 MiB"_s;
    QTest::newRow("hang") << u"hang"_s << u"promql.timeout"_s << u"0.5 s"_s;
    QTest::newRow("not Prometheus") << u"elsewhere"_s << u"promql.http"_s << u"HTTP 404"_s;
}

void TestPromQl::hostileServer()
{
    QFETCH(QString, behaviour);
    QFETCH(QString, code);
    QFETCH(QString, mentions);

    HostileServer server;
    QVERIFY(server.listen());
    PromQlClient client(server.base(behaviour));
    client.setDeadlineMs(500);
    QElapsedTimer clock;
    clock.start();
    const auto answer = runQuery(client, u"up"_s);
    QVERIFY(answer.has_value());
    QVERIFY(clock.elapsed() < 5000);
    QCOMPARE(client.inFlightCount(), 0);
    if (code.isEmpty()) {
        QVERIFY2(answer->has_value(),
                 qPrintable(answer->has_value() ? QString() : answer->error().toString()));
        QCOMPARE((*answer)->series.size(), 1);
        QCOMPARE((*answer)->series.first().points.first().value, 42.0);
        QCOMPARE((*answer)->series.first().points.first().timestampMs, qint64(1700000000500));
        return;
    }
    QVERIFY(!answer->has_value());
    QCOMPARE(answer->error().code, code);
    QVERIFY2(answer->error().toString().contains(mentions), qPrintable(answer->error().toString()));
}

void TestPromQl::sendsQueryAsForm()
{
    HostileServer server;
    QVERIFY(server.listen());
    PromQlClient client(server.base(u"ok"_s));
    std::optional<Result<PromQlResult>> answer;
    client.queryRange(u"rate(x{a=\"b+c\"}[5m]) & 1"_s,
                      QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC),
                      QDateTime::fromSecsSinceEpoch(1700000060, Qt::UTC), 15, &client,
                      [&answer](Result<PromQlResult> r) { answer = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    const QByteArray request = server.lastRequest();
    QVERIFY2(request.startsWith("POST /ok/api/v1/query_range "), request.constData());
    QVERIFY(request.contains("application/x-www-form-urlencoded"));
    const QByteArray body = request.mid(request.indexOf("\r\n\r\n") + 4);
    QCOMPARE(body, QByteArray("query=rate%28x%7Ba%3D%22b%2Bc%22%7D%5B5m%5D%29%20%26%201"
                              "&start=1700000000.000&end=1700000060.000&step=15.000"));
}

void TestPromQl::unreachableNamesUrl()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    PromQlClient client(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
    const auto answer = runQuery(client, u"up"_s);
    QVERIFY(answer.has_value());
    QVERIFY(!answer->has_value());
    QCOMPARE(answer->error().code, u"promql.unreachable"_s);
    QVERIFY2(answer->error().message.contains(u"http://127.0.0.1:%1/api/v1/query"_s.arg(port)),
             qPrintable(answer->error().message));
}

void TestPromQl::invalidBaseUrl()
{
    PromQlClient client(QUrl(u"ftp://example"_s));
    const auto answer = runQuery(client, u"up"_s);
    QVERIFY(answer.has_value());
    QVERIFY(!answer->has_value());
    QCOMPARE(answer->error().code, u"promql.url"_s);
    QVERIFY(answer->error().message.contains(u"ftp://example"_s));
}

void TestPromQl::deadContextGetsNoCallback()
{
    HostileServer server;
    QVERIFY(server.listen());
    PromQlClient client(server.base(u"ok"_s));
    int calls = 0;
    auto *context = new QObject;
    client.query(u"up"_s, context, [&calls](Result<PromQlResult>) { ++calls; });
    delete context;
    QTRY_COMPARE_WITH_TIMEOUT(client.inFlightCount(), 0, 10000);
    QCOMPARE(calls, 0);
    // The client still works for others afterwards.
    const auto answer = runQuery(client, u"up"_s);
    QVERIFY(answer.has_value() && answer->has_value());
}

void TestPromQl::cancelAllCallsNothing()
{
    HostileServer server;
    QVERIFY(server.listen());
    int calls = 0;
    {
        PromQlClient client(server.base(u"hang"_s));
        client.query(u"up"_s, nullptr, [&calls](Result<PromQlResult>) { ++calls; });
        client.query(u"up"_s, nullptr, [&calls](Result<PromQlResult>) { ++calls; });
        QCOMPARE(client.inFlightCount(), 2);
        client.cancelAll();
        QCOMPARE(client.inFlightCount(), 0);
        client.query(u"up"_s, nullptr, [&calls](Result<PromQlResult>) { ++calls; });
        // Destroyed with a request in flight: no callback, no crash.
    }
    QCOMPARE(calls, 0);
}

QTEST_GUILESS_MAIN(TestPromQl)
#include "tst_promql.moc"
