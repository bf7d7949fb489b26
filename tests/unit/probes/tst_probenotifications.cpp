// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/dbusnotifier.h"
#include "notify/fakenotifier.h"
#include "notify/probenotifications.h"
#include "probes/probeengine.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestProbeNotifications : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void downOnceThenBackOnce();
    void flappingWithinBadDoesNotRepeat();
    void staleNeverNotifies();
    void firstPassIsQuiet();
    void firstResultDownNotifies();
    void endpointsAreSeparate();
    void throughEngineSignal();
    void dbusWithoutBusCarriesOn();

private:
    void feed(Verdict v, const QString &error = {}, const QString &endpoint = u"health"_s);

    FakeNotifier m_fake;
    std::unique_ptr<ProbeNotifications> m_notes;
    QHash<QString, Verdict> m_last;
};

void TestProbeNotifications::initTestCase()
{
    // No session bus for this test: the D-Bus notifier must shrug, not fail or block.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pilothouse-test-bus");
}

void TestProbeNotifications::init()
{
    m_fake.clear();
    m_last.clear();
    m_notes = std::make_unique<ProbeNotifications>(&m_fake);
}

void TestProbeNotifications::feed(Verdict v, const QString &error, const QString &endpoint)
{
    ProbeResult r;
    r.service = u"echopilot"_s;
    r.endpoint = endpoint;
    r.url = u"http://127.0.0.1:5000/api/"_s + endpoint;
    r.verdict = v;
    r.error = error;
    r.latencyMs = v == Verdict::Pass ? 12 : -1;
    const Verdict previous = m_last.value(endpoint, Verdict::Unknown);
    m_last.insert(endpoint, v);
    m_notes->handleStateChange(r, previous);
}

void TestProbeNotifications::downOnceThenBackOnce()
{
    feed(Verdict::Pass);
    feed(Verdict::Down, u"connection refused"_s);
    QCOMPARE(m_fake.calls().size(), 1);
    QCOMPARE(m_fake.calls().at(0).title, u"echopilot /api/health is down"_s);
    QCOMPARE(m_fake.calls().at(0).body, u"echopilot /api/health is down: connection refused"_s);
    QCOMPARE(m_fake.calls().at(0).urgency, Notifier::Urgency::Critical);

    feed(Verdict::Pass);
    QCOMPARE(m_fake.calls().size(), 2);
    QCOMPARE(m_fake.calls().at(1).title, u"echopilot /api/health is back up"_s);
    QCOMPARE(m_fake.calls().at(1).urgency, Notifier::Urgency::Normal);

    // Pass -> Warn -> Pass: still up, nothing new to say.
    feed(Verdict::Warn, u"degraded"_s);
    feed(Verdict::Pass);
    QCOMPARE(m_fake.calls().size(), 2);
}

void TestProbeNotifications::flappingWithinBadDoesNotRepeat()
{
    feed(Verdict::Pass);
    feed(Verdict::Down, u"connection refused"_s);
    feed(Verdict::Fail, u"HTTP 500 (expected 200)"_s);
    feed(Verdict::Down, u"connection refused"_s);
    QCOMPARE(m_fake.calls().size(), 1);
}

void TestProbeNotifications::staleNeverNotifies()
{
    feed(Verdict::Pass);
    feed(Verdict::Stale, u"this computer is offline"_s);
    QCOMPARE(m_fake.calls().size(), 0);
    feed(Verdict::Down, u"connection refused"_s);
    QCOMPARE(m_fake.calls().size(), 1);
    // Down -> Stale -> Down: the same outage, told once.
    feed(Verdict::Stale);
    feed(Verdict::Down, u"connection refused"_s);
    QCOMPARE(m_fake.calls().size(), 1);
    feed(Verdict::Stale);
    feed(Verdict::Pass);
    QCOMPARE(m_fake.calls().size(), 2);
}

void TestProbeNotifications::firstPassIsQuiet()
{
    feed(Verdict::Pass);
    feed(Verdict::Warn);
    QVERIFY(m_fake.calls().isEmpty());
}

void TestProbeNotifications::firstResultDownNotifies()
{
    feed(Verdict::Fail, u"HTTP 500 (expected 200)"_s);
    QCOMPARE(m_fake.calls().size(), 1);
    QCOMPARE(m_fake.calls().at(0).title, u"echopilot /api/health is failing"_s);
    QVERIFY(m_fake.calls().at(0).body.endsWith(u"HTTP 500 (expected 200)"_s));
}

void TestProbeNotifications::endpointsAreSeparate()
{
    feed(Verdict::Down, u"connection refused"_s, u"health"_s);
    feed(Verdict::Down, u"connection refused"_s, u"slo"_s);
    QCOMPARE(m_fake.calls().size(), 2);
    QCOMPARE(m_fake.calls().at(1).title, u"echopilot /api/slo is down"_s);
}

void TestProbeNotifications::throughEngineSignal()
{
    ProbeEngine engine;
    m_notes->watch(&engine);
    ProbeResult r;
    r.service = u"rust-core-engine"_s;
    r.endpoint = u"health"_s;
    r.url = u"http://127.0.0.1:8080/api/health"_s;
    r.verdict = Verdict::Down;
    r.error = u"connection refused"_s;
    Q_EMIT engine.stateChanged(r, Verdict::Pass);
    Q_EMIT engine.stateChanged(r, Verdict::Down);
    QCOMPARE(m_fake.calls().size(), 1);
    QCOMPARE(m_fake.calls().at(0).title, u"rust-core-engine /api/health is down"_s);
}

void TestProbeNotifications::dbusWithoutBusCarriesOn()
{
    DBusNotifier notifier;
    QSignalSpy delivered(&notifier, &DBusNotifier::delivered);
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(u"desktop notifications unavailable"_s));
    notifier.notify(u"echopilot /api/health is down"_s, u"connection refused"_s,
                    Notifier::Urgency::Critical);
    notifier.notify(u"echopilot /api/health is back up"_s, QString(), Notifier::Urgency::Normal);
    QTRY_COMPARE(delivered.size(), 2);
    QCOMPARE(delivered.at(0).at(0).toBool(), false);
    QCOMPARE(delivered.at(1).at(0).toBool(), false);
    QVERIFY(!notifier.isAvailable());
}

QTEST_GUILESS_MAIN(TestProbeNotifications)
#include "tst_probenotifications.moc"
