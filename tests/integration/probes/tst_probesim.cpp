// SPDX-License-Identifier: GPL-3.0-or-later
// The probe engine against the real simulator, with faults injected through its control
// port. The simulator is started and stopped (by PID) by this test.
#include "demo/simulatorprocess.h"
#include "probes/keyprovider.h"
#include "probes/probeengine.h"
#include "probes/probesweep.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QString KeyEntry = u"echopilot-dash"_s;
const QString SimKey = u"sim-test-key"_s;

EndpointSpec endpoint(const QString &name, const QString &path, bool health, bool key = false)
{
    EndpointSpec e;
    e.name = name;
    e.path = path;
    e.healthBody = health;
    e.needsKey = key;
    return e;
}

} // namespace

class TestProbeSim : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void allPass();
    void faults_data();
    void faults();
    void hangTurnsStaleThenDown();
    void dashboardKey();
    void refusedIsDown();
    void syntheticSweep();

private:
    QList<Service> services() const;
    Service echopilot(QList<EndpointSpec> endpoints) const;
    QList<ProbeResult> sweep(const QList<Service> &services, ProbeSettings settings = {});

    SimulatorProcess m_sim;
    StaticKeyProvider m_keys;
};

void TestProbeSim::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("PILOTHOUSE_SIM"), "PILOTHOUSE_SIM not set");
    const auto started = m_sim.start({u"--seed"_s, u"7"_s, u"--key"_s, SimKey});
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    QVERIFY(m_sim.port(u"echopilot"_s) > 0);
}

void TestProbeSim::init()
{
    const auto cleared = m_sim.clearFaults();
    QVERIFY2(cleared, qPrintable(cleared ? QString() : cleared.error().toString()));
    m_keys = StaticKeyProvider({{KeyEntry, SimKey}});
}

void TestProbeSim::cleanupTestCase()
{
    m_sim.stop();
    QVERIFY(!m_sim.isRunning());
}

Service TestProbeSim::echopilot(QList<EndpointSpec> endpoints) const
{
    Service s;
    s.name = u"echopilot"_s;
    s.profile = u"echopilot"_s;
    s.baseUrl = m_sim.baseUrl(u"echopilot"_s);
    s.dashboardKeyRef = KeyEntry;
    s.endpoints = std::move(endpoints);
    return s;
}

QList<Service> TestProbeSim::services() const
{
    Service engine;
    engine.name = u"rust-core-engine"_s;
    engine.baseUrl = m_sim.baseUrl(u"rust-core-engine"_s);
    engine.endpoints = {endpoint(u"health"_s, u"/api/health"_s, true)};
    Service ai;
    ai.name = u"python-ai-service"_s;
    ai.baseUrl = m_sim.baseUrl(u"python-ai-service"_s);
    ai.endpoints = {endpoint(u"health"_s, u"/health"_s, true),
                    endpoint(u"ai"_s, u"/api/ai/status"_s, true)};
    return {echopilot({endpoint(u"health"_s, u"/api/health"_s, true),
                       endpoint(u"platform"_s, u"/api/platform/status"_s, true),
                       endpoint(u"slo"_s, u"/api/slo/status"_s, false),
                       endpoint(u"queue"_s, u"/api/queue/status"_s, false, true)}),
            engine, ai};
}

QList<ProbeResult> TestProbeSim::sweep(const QList<Service> &services, ProbeSettings settings)
{
    ProbeSweep sweep;
    sweep.setSettings(settings);
    sweep.setNetworkOnline(true);
    sweep.setKeyProvider(&m_keys);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    sweep.start(services);
    if (!done.wait(30000))
        return {};
    return sweep.results();
}

void TestProbeSim::allPass()
{
    const QList<ProbeResult> results = sweep(services());
    QCOMPARE(results.size(), 7);
    for (const ProbeResult &r : results) {
        QVERIFY2(r.verdict == Verdict::Pass,
                 qPrintable(r.url + u": "_s + verdictName(r.verdict) + u" "_s + r.error));
        QCOMPARE(r.statusCode, 200);
        QVERIFY(r.latencyMs >= 0);
        QVERIFY(!r.body.isEmpty()); // kept by default settings
    }
}

void TestProbeSim::faults_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("delayMs");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("statusCode");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("status 500") << u"status"_s << 500 << 0 << int(Verdict::Fail) << 500
                                << u"HTTP 500"_s;
    QTest::newRow("delay over budget")
        << u"delay"_s << 0 << 1500 << int(Verdict::Fail) << 200 << u"over budget 1000 ms"_s;
    QTest::newRow("malformed") << u"malformed"_s << 0 << 0 << int(Verdict::Fail) << 200
                               << u"unexpected response"_s;
    QTest::newRow("oversized") << u"oversized"_s << 0 << 0 << int(Verdict::Fail) << 200
                               << u"response larger than 4 MiB"_s;
}

void TestProbeSim::faults()
{
    QFETCH(QString, mode);
    QFETCH(int, status);
    QFETCH(int, delayMs);
    QFETCH(int, verdict);
    QFETCH(int, statusCode);
    QFETCH(QString, errorContains);

    SimulatorFault fault;
    fault.service = u"echopilot"_s;
    fault.path = u"/api/health"_s;
    fault.mode = mode;
    fault.status = status;
    fault.delayMs = delayMs;
    const auto injected = m_sim.injectFault(fault);
    QVERIFY2(injected, qPrintable(injected ? QString() : injected.error().toString()));

    const QList<ProbeResult> results =
        sweep({echopilot({endpoint(u"health"_s, u"/api/health"_s, true),
                          endpoint(u"slo"_s, u"/api/slo/status"_s, false)})});
    QCOMPARE(results.size(), 2);
    const ProbeResult &health = results.at(0);
    QCOMPARE(verdictName(health.verdict), verdictName(Verdict(verdict)));
    QCOMPARE(health.statusCode, statusCode);
    QVERIFY2(health.error.contains(errorContains), qPrintable(health.error));
    QVERIFY(health.body.size() <= 4 * 1024 * 1024);
    // The fault is per endpoint: the neighbour still passes.
    QCOMPARE(results.at(1).verdict, Verdict::Pass);
}

void TestProbeSim::hangTurnsStaleThenDown()
{
    SimulatorFault fault;
    fault.service = u"echopilot"_s;
    fault.path = u"/api/health"_s;
    fault.mode = u"hang"_s;
    QVERIFY(m_sim.injectFault(fault));

    Service s = echopilot({endpoint(u"health"_s, u"/api/health"_s, true)});
    s.intervalMs = 400;
    ProbeSettings settings;
    settings.deadlineMs = 2500;
    ProbeEngine engine;
    engine.setSettings(settings);
    engine.setNetworkOnline(true);
    engine.setServices({s});
    QList<ProbeResult> changes;
    connect(&engine, &ProbeEngine::stateChanged, this,
            [&](const ProbeResult &now, Verdict) { changes.append(now); });
    engine.start();
    // Stale within two intervals (plus a tick), well before the deadline.
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1, 1500);
    QCOMPARE(changes.at(0).verdict, Verdict::Stale);
    QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 2, 4000);
    QCOMPARE(changes.at(1).verdict, Verdict::Down);
    QCOMPARE(changes.at(1).error, u"no complete answer within 2500 ms"_s);
    engine.stop();
}

void TestProbeSim::dashboardKey()
{
    const QList<Service> queue = {
        echopilot({endpoint(u"queue"_s, u"/api/queue/status"_s, false, true)})};

    m_keys.removeKey(KeyEntry);
    ProbeResult r = sweep(queue).value(0);
    QCOMPARE(r.verdict, Verdict::Fail);
    QCOMPARE(r.statusCode, 0); // nothing was sent without a key
    QCOMPARE(r.error, u"dashboard key echopilot-dash not set in the keychain"_s);

    m_keys.setKey(KeyEntry, u"wrong"_s);
    r = sweep(queue).value(0);
    QCOMPARE(r.verdict, Verdict::Fail);
    QCOMPARE(r.statusCode, 401);
    QVERIFY2(r.error.contains(u"dashboard key rejected"_s), qPrintable(r.error));

    // With the key check dropped, the same wrong key passes: the 401 came from the key.
    SimulatorFault nokey;
    nokey.service = u"echopilot"_s;
    nokey.path = u"/api/queue/status"_s;
    nokey.mode = u"nokey"_s;
    QVERIFY(m_sim.injectFault(nokey));
    QCOMPARE(sweep(queue).value(0).verdict, Verdict::Pass);
    QVERIFY(m_sim.clearFaults());

    m_keys.setKey(KeyEntry, SimKey);
    r = sweep(queue).value(0);
    QVERIFY2(r.verdict == Verdict::Pass, qPrintable(r.error));
    QCOMPARE(r.statusCode, 200);
}

void TestProbeSim::refusedIsDown()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const int port = probe.serverPort();
    probe.close();
    Service gone = echopilot({endpoint(u"health"_s, u"/api/health"_s, true)});
    gone.baseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    const ProbeResult r = sweep({gone}).value(0);
    QCOMPARE(r.verdict, Verdict::Down);
    QCOMPARE(r.error, u"connection refused"_s);
    QCOMPARE(r.latencyMs, -1);
}

void TestProbeSim::syntheticSweep()
{
    SimulatorProcess fleet;
    const auto started = fleet.start(
        {u"--seed"_s, u"3"_s, u"--services"_s, u"20"_s, u"--endpoints-per-service"_s, u"10"_s});
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    QList<Service> services;
    for (int s = 0; s < 20; ++s) {
        Service svc;
        svc.name = u"synthetic-%1"_s.arg(s);
        svc.baseUrl = fleet.baseUrl(svc.name);
        QVERIFY2(svc.baseUrl.isValid(), qPrintable(svc.name));
        svc.endpoints.append(endpoint(u"health"_s, u"/api/health"_s, true));
        for (int e = 0; e < 10; ++e)
            svc.endpoints.append(endpoint(u"ep%1"_s.arg(e), u"/ep/%1"_s.arg(e), false));
        services.append(svc);
    }
    ProbeSettings settings = ProbeSweep::defaultSettings();
    settings.maxInFlight = 64;
    const QList<ProbeResult> results = sweep(services, settings);
    QCOMPARE(results.size(), 220);
    int passed = 0;
    for (const ProbeResult &r : results) {
        if (r.verdict == Verdict::Pass)
            ++passed;
        else
            qWarning() << r.url << verdictName(r.verdict) << r.error;
        QVERIFY(r.body.isEmpty()); // sweeps judge bodies and drop them
    }
    QVERIFY2(passed >= 200, qPrintable(QString::number(passed)));
    fleet.stop();
    QVERIFY(!fleet.isRunning());
}

QTEST_GUILESS_MAIN(TestProbeSim)
#include "tst_probesim.moc"
