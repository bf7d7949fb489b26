// SPDX-License-Identifier: GPL-3.0-or-later
// The probe engine against a small HTTP server inside the test, where every answer
// (size, timing, key check, concurrency) is under the test's control.
#include "probes/keyprovider.h"
#include "probes/probeengine.h"
#include "probes/probesweep.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

class TinyHttpServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                ++m_open;
                m_maxOpen = qMax(m_maxOpen, m_open);
                connect(s, &QTcpSocket::disconnected, this, [this, s] {
                    --m_open;
                    s->deleteLater();
                });
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString base() const { return u"http://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    int maxOpen() const { return m_maxOpen; }
    int requests() const { return m_requests; }

private:
    void read(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const int end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buf.left(end);
        buf.clear();
        ++m_requests;
        const QByteArray path = head.split(' ').value(1);
        const bool keyOk = head.contains("\r\nX-Dash-Key: right-key");
        if (path == "/ok")
            reply(s, 200, R"({"status":"ok"})");
        else if (path == "/degraded")
            reply(s, 200, R"({"status":"degraded"})");
        else if (path == "/key")
            reply(s, keyOk ? 200 : 401, keyOk ? "{}" : R"({"error":"key"})");
        else if (path == "/big")
            reply(s, 200, QByteArray(5 * 1024 * 1024, 'x'));
        else if (path == "/slow")
            QTimer::singleShot(100, s, [this, s] { reply(s, 200, R"({"status":"ok"})"); });
        else if (path == "/hang")
            ; // never answers
        else
            reply(s, 404, "{}");
    }
    void reply(QTcpSocket *s, int status, const QByteArray &body)
    {
        s->write("HTTP/1.1 " + QByteArray::number(status) +
                 " X\r\nContent-Type: application/json"
                 "\r\nConnection: close\r\nContent-Length: " +
                 QByteArray::number(body.size()) + "\r\n\r\n" + body);
        s->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_open = 0;
    int m_maxOpen = 0;
    int m_requests = 0;
};

EndpointSpec endpoint(const QString &name, const QString &path, bool health = true)
{
    EndpointSpec e;
    e.name = name;
    e.path = path;
    e.healthBody = health;
    return e;
}

int closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = s.serverPort();
    s.close();
    return port;
}

} // namespace

class TestProbeRunner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sweepVerdicts();
    void engineHangGoesStaleThenDown();
    void manyEndpointsUseManyConnections();
    void offlineReadsStale();
    void lockedKeychainIsSaidPlainly();

private:
    TinyHttpServer m_http;
};

void TestProbeRunner::initTestCase()
{
    QVERIFY(m_http.listen());
}

void TestProbeRunner::sweepVerdicts()
{
    Service svc;
    svc.name = u"tiny"_s;
    svc.baseUrl = QUrl(m_http.base());
    svc.dashboardKeyRef = u"tiny-key"_s;
    svc.endpoints = {endpoint(u"ok"_s, u"/ok"_s), endpoint(u"degraded"_s, u"/degraded"_s),
                     endpoint(u"big"_s, u"/big"_s), endpoint(u"missing"_s, u"/nope"_s, false)};
    EndpointSpec keyed = endpoint(u"key"_s, u"/key"_s, false);
    keyed.needsKey = true;
    svc.endpoints.append(keyed);
    EndpointSpec action = endpoint(u"action"_s, u"/ok"_s);
    action.probe = false; // never probed
    svc.endpoints.append(action);

    Service gone;
    gone.name = u"gone"_s;
    gone.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort()));
    gone.endpoints = {endpoint(u"health"_s, u"/api/health"_s)};

    StaticKeyProvider keys;
    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    sweep.setKeyProvider(&keys);
    QSignalSpy done(&sweep, &ProbeSweep::finished);

    // First without the key in the keychain, then with a wrong one, then the right one.
    const QStringList expectedKey = {u"not set in the keychain"_s, u"dashboard key rejected"_s,
                                     QString()};
    for (int round = 0; round < 3; ++round) {
        if (round == 1)
            keys.setKey(u"tiny-key"_s, u"wrong-key"_s);
        if (round == 2)
            keys.setKey(u"tiny-key"_s, u"right-key"_s);
        sweep.start({svc, gone});
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), round + 1, 20000);
        const QList<ProbeResult> results = sweep.results();
        QCOMPARE(results.size(), 6);
        const auto byName = [&](const QString &name) {
            for (const ProbeResult &r : results)
                if (r.endpoint == name)
                    return r;
            return ProbeResult{};
        };
        QCOMPARE(byName(u"ok"_s).verdict, Verdict::Pass);
        QVERIFY(byName(u"ok"_s).latencyMs >= 0);
        QCOMPARE(byName(u"ok"_s).statusCode, 200);
        QCOMPARE(byName(u"degraded"_s).verdict, Verdict::Warn);
        QCOMPARE(byName(u"big"_s).verdict, Verdict::Fail);
        QCOMPARE(byName(u"big"_s).error, u"response larger than 4 MiB"_s);
        QCOMPARE(byName(u"missing"_s).verdict, Verdict::Fail);
        QCOMPARE(byName(u"missing"_s).statusCode, 404);
        QCOMPARE(byName(u"health"_s).verdict, Verdict::Down);
        QCOMPARE(byName(u"health"_s).error, u"connection refused"_s);
        const ProbeResult key = byName(u"key"_s);
        if (expectedKey.at(round).isEmpty()) {
            QCOMPARE(key.verdict, Verdict::Pass);
        } else {
            QCOMPARE(key.verdict, Verdict::Fail);
            QVERIFY2(key.error.contains(expectedKey.at(round)), qPrintable(key.error));
        }
        QVERIFY(byName(u"action"_s).endpoint.isEmpty());
    }
}

void TestProbeRunner::engineHangGoesStaleThenDown()
{
    Service svc;
    svc.name = u"tiny"_s;
    svc.baseUrl = QUrl(m_http.base());
    svc.intervalMs = 300;
    svc.endpoints = {endpoint(u"hang"_s, u"/hang"_s)};

    ProbeSettings settings;
    settings.deadlineMs = 1500;
    settings.inactivityTimeoutMs = 5000;
    ProbeEngine engine;
    engine.setNetworkOnline(true);
    engine.setSettings(settings);
    engine.setServices({svc});
    QList<ProbeResult> changes;
    QElapsedTimer clock;
    QList<qint64> at;
    connect(&engine, &ProbeEngine::stateChanged, this, [&](const ProbeResult &now, Verdict) {
        changes.append(now);
        at.append(clock.elapsed());
    });
    clock.start();
    engine.start();
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 5000);
    QCOMPARE(changes.at(0).verdict, Verdict::Stale);
    // Timers may fire a millisecond early; the bound is about two intervals, not precision.
    QVERIFY2(at.at(0) >= 590 && at.at(0) < 1400, qPrintable(QString::number(at.at(0))));
    QVERIFY(changes.at(0).error.contains(u"never answered"_s));
    QCOMPARE(changes.at(1).verdict, Verdict::Down);
    QCOMPARE(changes.at(1).error, u"no complete answer within 1500 ms"_s);
    QVERIFY2(at.at(1) >= 1400, qPrintable(QString::number(at.at(1))));
    QCOMPARE(engine.latestResults().value(0).verdict, Verdict::Down);
    engine.stop();
}

void TestProbeRunner::manyEndpointsUseManyConnections()
{
    Service svc;
    svc.name = u"tiny"_s;
    svc.baseUrl = QUrl(m_http.base());
    for (int i = 0; i < 200; ++i)
        svc.endpoints.append(endpoint(u"slow%1"_s.arg(i), u"/slow"_s));
    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    ProbeSettings settings = ProbeSweep::defaultSettings();
    settings.maxInFlight = 64;
    sweep.setSettings(settings);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    sweep.start({svc});
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
    for (const ProbeResult &r : sweep.results())
        QCOMPARE(r.verdict, Verdict::Pass);
    // One manager would allow 6 connections to this port; the pool allows more.
    QVERIFY2(m_http.maxOpen() > 6, qPrintable(QString::number(m_http.maxOpen())));
    QVERIFY(m_http.maxOpen() <= 64);
}

void TestProbeRunner::offlineReadsStale()
{
    Service gone;
    gone.name = u"gone"_s;
    gone.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(closedPort()));
    gone.endpoints = {endpoint(u"health"_s, u"/api/health"_s)};
    ProbeEngine engine;
    engine.setNetworkOnline(false);
    QList<ProbeResult> results;
    connect(&engine, &ProbeEngine::resultReady, this,
            [&](const ProbeResult &r) { results.append(r); });
    engine.setServices({gone});
    engine.start();
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 1, 5000);
    QCOMPARE(results.at(0).verdict, Verdict::Stale);
    QVERIFY(results.at(0).error.contains(u"offline"_s));

    // Back online: checked again at once, and now it is really down.
    engine.setNetworkOnline(true);
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), 2, 5000);
    QCOMPARE(results.at(1).verdict, Verdict::Down);
}

void TestProbeRunner::lockedKeychainIsSaidPlainly()
{
    struct LockedKeychain : KeyProvider
    {
        void key(const QString &, QObject *context, Callback done) override
        {
            QMetaObject::invokeMethod(
                context,
                [done] {
                    done(fail(u"keychain.unavailable"_s, u"No keychain service is running."_s));
                },
                Qt::QueuedConnection);
        }
    } locked;

    Service svc;
    svc.name = u"tiny"_s;
    svc.baseUrl = QUrl(m_http.base());
    svc.dashboardKeyRef = u"tiny-key"_s;
    EndpointSpec keyed = endpoint(u"key"_s, u"/key"_s, false);
    keyed.needsKey = true;
    svc.endpoints = {keyed};
    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    sweep.setKeyProvider(&locked);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    const int before = m_http.requests();
    sweep.start({svc});
    QVERIFY(done.wait(5000));
    const ProbeResult r = sweep.results().value(0);
    QCOMPARE(r.verdict, Verdict::Fail);
    QCOMPARE(r.error,
             u"dashboard key tiny-key could not be read: No keychain service is running."_s);
    QCOMPARE(m_http.requests(), before); // nothing sent without the key
}

QTEST_GUILESS_MAIN(TestProbeRunner)
#include "tst_proberunner.moc"
