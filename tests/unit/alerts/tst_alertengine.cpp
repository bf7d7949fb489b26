// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertengine.h"
#include "notify/fakenotifier.h"
#include "probes/proberesult.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {
const QString Engine = u"engine"_s; // a Bot Core service
const QString Echo = u"echopilot"_s;
const QDateTime T0 = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
} // namespace

class TestAlertEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void botCoreTiers_data();
    void botCoreTiers();
    void serviceDownNeedsTwoMinutes();
    void serviceDownRipensOnTick();
    void highestTierOnly();
    void duplicatesUpdateOneAlert();
    void recoveryResolves();
    void acknowledgeStopsEscalation();
    void unacknowledgedP0EscalatesOnce();
    void badAcknowledgements();
    void restoredAckTakesTheAlertAgain();
    void restoredAckTakesAnActiveAlert();
    void restoredAckEndsWhenConditionIsGone();
    void restoredAckIsPerRuleAndService();
    void ackEndsWhenAlertResolves();
    void badRestoredAcksAreIgnored_data();
    void breachedRuleJudgesLikeTheAlerts_data();
    void breachedRuleJudgesLikeTheAlerts();
    void badRestoredAcksAreIgnored();
    void silentInputDoesNotEscalate();
    void p2NeverNotifies();
    void muteSuppressesUntilExpiry();
    void staleFreezesPendingTime();
    void staleNeitherFiresNorResolves();
    void silentInputDoesNotRipen();
    void offlineFreezesEverything();
    void echoPilotOwnTargets_data();
    void echoPilotOwnTargets();
    void thresholdOverride();
    void badThresholdsChangeNothing_data();
    void badThresholdsChangeNothing();
    void activeAlertsSorted();
    void unknownServiceGetsNoProfileRules();
    void healthProbeObservations_data();
    void healthProbeObservations();

private:
    void feed(const QString &service, const QString &metric, double value, int atSec);
    void feedStale(const QString &service, const QString &metric, int atSec);
    QDateTime at(int sec) const { return T0.addSecs(sec); }
    /// Makes the service down and lets it fire: P0 fired at T0 + 121 s.
    Alert fireServiceDown();

    FakeNotifier m_notifier;
    std::unique_ptr<AlertEngine> m_engine;
    QDateTime m_now;
};

void TestAlertEngine::init()
{
    m_notifier.clear();
    m_now = T0;
    m_engine = std::make_unique<AlertEngine>(&m_notifier);
    m_engine->setClock([this] { return m_now; });
    m_engine->setServiceProfile(Engine, u"botcore"_s);
    m_engine->setServiceProfile(u"ai"_s, u"botcore"_s);
    m_engine->setServiceProfile(Echo, u"echopilot"_s);
}

void TestAlertEngine::feed(const QString &service, const QString &metric, double value, int atSec)
{
    m_now = at(atSec);
    m_engine->feed(Observation::number(service, metric, value, at(atSec)));
}

void TestAlertEngine::feedStale(const QString &service, const QString &metric, int atSec)
{
    m_now = at(atSec);
    m_engine->feed(Observation::staleInput(service, metric, at(atSec)));
}

Alert TestAlertEngine::fireServiceDown()
{
    for (int s = 0; s <= 105; s += 15)
        feed(Engine, u"service.up"_s, 0, s);
    feed(Engine, u"service.up"_s, 0, 121);
    const QList<Alert> active = m_engine->activeAlerts();
    if (active.size() != 1)
        return {};
    return active.first();
}

void TestAlertEngine::botCoreTiers_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("rule"); // empty: nothing fires

    // Each tier fires just above its threshold; at the threshold the next tier down (or
    // nothing) is what fires, because the rules say "above".
    const struct
    {
        const char *metric;
        const char *name;
        double threshold;
        const char *rule;
        const char *below;
    } tiers[] = {
        {"disk.percent", "disk", 90, "botcore.disk.p0", "botcore.disk.p1"},
        {"disk.percent", "disk", 80, "botcore.disk.p1", "botcore.disk.p2"},
        {"disk.percent", "disk", 70, "botcore.disk.p2", ""},
        {"memory.percent", "memory", 95, "botcore.memory.p0", "botcore.memory.p1"},
        {"memory.percent", "memory", 85, "botcore.memory.p1", "botcore.memory.p2"},
        {"memory.percent", "memory", 70, "botcore.memory.p2", ""},
        {"error_rate", "errors", 10, "botcore.error_rate.p0", "botcore.error_rate.p1"},
        {"error_rate", "errors", 5, "botcore.error_rate.p1", "botcore.error_rate.p2"},
        {"error_rate", "errors", 1, "botcore.error_rate.p2", ""},
        {"p95_ms", "p95", 500, "botcore.p95.p1", "botcore.p95.p2"},
        {"p95_ms", "p95", 200, "botcore.p95.p2", ""},
        {"trades_failed.rate", "trades", 0, "botcore.trades_failed.p0", ""},
    };
    for (const auto &t : tiers) {
        const QString metric = QString::fromLatin1(t.metric);
        QTest::addRow("%s > %g fires", t.name, t.threshold)
            << metric << t.threshold + 0.1 << QString::fromLatin1(t.rule);
        QTest::addRow("%s = %g does not", t.name, t.threshold)
            << metric << t.threshold << QString::fromLatin1(t.below);
    }
    QTest::newRow("database lost") << u"db.connected"_s << 0.0 << u"botcore.database.p0"_s;
    QTest::newRow("database connected") << u"db.connected"_s << 1.0 << QString();
    QTest::newRow("backup failed") << u"backup.ok"_s << 0.0 << u"botcore.backup.p1"_s;
    QTest::newRow("backup ok") << u"backup.ok"_s << 1.0 << QString();
}

void TestAlertEngine::botCoreTiers()
{
    QFETCH(QString, metric);
    QFETCH(double, value);
    QFETCH(QString, rule);

    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    feed(Engine, metric, value, 0);
    const QList<Alert> active = m_engine->activeAlerts();
    if (rule.isEmpty()) {
        QVERIFY2(active.isEmpty(), qPrintable(active.value(0).ruleId));
        QCOMPARE(raised.size(), 0);
        return;
    }
    QCOMPARE(active.size(), 1);
    const Alert a = active.first();
    QCOMPARE(a.ruleId, rule);
    QCOMPARE(a.service, Engine);
    QCOMPARE(a.value, value);
    QCOMPARE(a.since, T0);
    QVERIFY(!a.runbookId.isEmpty());
    QVERIFY(!a.inputDescription.isEmpty());
    QVERIFY(a.title.contains(Engine));
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().first().value<Alert>().id, a.id);
    const bool shouldNotify = a.severity != Severity::P2;
    QCOMPARE(m_notifier.calls().size(), shouldNotify ? 1 : 0);
}

void TestAlertEngine::serviceDownNeedsTwoMinutes()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    for (int s = 0; s <= 105; s += 15)
        feed(Engine, u"service.up"_s, 0, s);
    feed(Engine, u"service.up"_s, 0, 119);
    m_engine->tick(at(119));
    QCOMPARE(raised.size(), 0);
    QVERIFY(m_engine->activeAlerts().isEmpty());

    feed(Engine, u"service.up"_s, 0, 121);
    QCOMPARE(raised.size(), 1);
    const Alert a = m_engine->activeAlerts().value(0);
    QCOMPARE(a.ruleId, u"botcore.service_down.p0"_s);
    QCOMPARE(a.severity, Severity::P0);
    QCOMPARE(a.since, T0);
    QCOMPARE(a.firedAt, at(121));
    QCOMPARE(a.runbookId, u"botcore/alert-response#p0-service-down"_s);
    QCOMPARE(m_notifier.calls().size(), 1);
    QCOMPARE(m_notifier.calls().first().urgency, Notifier::Urgency::Critical);

    // Coming back before two minutes resets the clock: a new outage starts from zero.
    feed(Engine, u"service.up"_s, 1, 130);
    feed(Engine, u"service.up"_s, 0, 140);
    feed(Engine, u"service.up"_s, 0, 200);
    feed(Engine, u"service.up"_s, 1, 210);
    feed(Engine, u"service.up"_s, 0, 220);
    feed(Engine, u"service.up"_s, 0, 259);
    QCOMPARE(raised.size(), 1);
    QVERIFY(m_engine->activeAlerts().isEmpty());
}

void TestAlertEngine::serviceDownRipensOnTick()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    for (int s = 0; s <= 90; s += 30)
        feed(Engine, u"service.up"_s, 0, s);
    m_engine->tick(at(119));
    QCOMPARE(raised.size(), 0);
    m_engine->tick(at(121));
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().first().value<Alert>().firedAt, at(121));
}

void TestAlertEngine::highestTierOnly()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    QSignalSpy resolved(m_engine.get(), &AlertEngine::alertResolved);

    feed(Engine, u"disk.percent"_s, 97, 0);
    QCOMPARE(m_engine->activeAlerts().size(), 1);
    QCOMPARE(m_engine->activeAlerts().first().ruleId, u"botcore.disk.p0"_s);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(m_notifier.calls().size(), 1);

    // Falling to the P1 band: P0 resolves, P1 takes over without a second notification.
    feed(Engine, u"disk.percent"_s, 85, 60);
    QCOMPARE(m_engine->activeAlerts().size(), 1);
    QCOMPARE(m_engine->activeAlerts().first().ruleId, u"botcore.disk.p1"_s);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved.first().first().value<Alert>().ruleId, u"botcore.disk.p0"_s);
    QCOMPARE(m_notifier.calls().size(), 1);

    // Rising from P1 to P0 is news and notifies.
    feed(Engine, u"disk.percent"_s, 92, 120);
    QCOMPARE(m_engine->activeAlerts().size(), 1);
    QCOMPARE(m_engine->activeAlerts().first().severity, Severity::P0);
    QCOMPARE(m_notifier.calls().size(), 2);

    // Other metrics and other services are separate.
    feed(Engine, u"memory.percent"_s, 88, 130);
    feed(u"ai"_s, u"disk.percent"_s, 75, 140);
    QCOMPARE(m_engine->activeAlerts().size(), 3);
}

void TestAlertEngine::duplicatesUpdateOneAlert()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    QSignalSpy updated(m_engine.get(), &AlertEngine::alertUpdated);
    for (int i = 0; i < 5; ++i)
        feed(Engine, u"memory.percent"_s, 96 + i * 0.5, i * 15);
    feed(Engine, u"memory.percent"_s, 98, 75); // the same value again: nothing to update
    QCOMPARE(raised.size(), 1);
    QCOMPARE(updated.size(), 4);
    QCOMPARE(m_notifier.calls().size(), 1);
    const QList<Alert> active = m_engine->activeAlerts();
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.first().value, 98.0);
    QVERIFY2(active.first().title.contains(u"98 %"_s), qPrintable(active.first().title));
    QCOMPARE(active.first().since, T0);
}

void TestAlertEngine::recoveryResolves()
{
    QSignalSpy resolved(m_engine.get(), &AlertEngine::alertResolved);
    feed(Engine, u"error_rate"_s, 12, 0);
    const QString firstId = m_engine->activeAlerts().value(0).id;
    QVERIFY(!firstId.isEmpty());

    feed(Engine, u"error_rate"_s, 0.2, 300);
    QVERIFY(m_engine->activeAlerts().isEmpty());
    QCOMPARE(resolved.size(), 1);
    const Alert done = resolved.first().first().value<Alert>();
    QCOMPARE(done.id, firstId);
    QCOMPARE(done.resolvedAt, at(300));
    QVERIFY(!done.isActive());
    QCOMPARE(m_engine->resolvedAlerts().size(), 1);
    QCOMPARE(m_engine->alert(firstId).resolvedAt, at(300));

    // A new breach is a new alert.
    feed(Engine, u"error_rate"_s, 12, 400);
    QCOMPARE(m_engine->activeAlerts().size(), 1);
    QVERIFY(m_engine->activeAlerts().first().id != firstId);
    QCOMPARE(m_engine->activeAlerts().first().since, at(400));
}

void TestAlertEngine::acknowledgeStopsEscalation()
{
    QSignalSpy acked(m_engine.get(), &AlertEngine::alertAcknowledged);
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    m_engine->setServiceEnvironment(Engine, u"production"_s);
    const Alert a = fireServiceDown();
    QVERIFY(!a.id.isEmpty());
    QCOMPARE(a.environment, u"production"_s);

    m_now = at(121 + 120);
    const Result<void> r =
        m_engine->acknowledge(a.id, u"  alice "_s, u" restarting the engine \n"_s);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(acked.size(), 1);
    const Alert took = m_engine->alert(a.id);
    QCOMPARE(took.owner, u"alice"_s);
    QCOMPARE(took.ackAt, at(241));
    QCOMPARE(took.note, u"restarting the engine"_s);
    QCOMPARE(acked.first().first().value<Alert>().note, u"restarting the engine"_s);

    for (int s = 240; s <= 1200; s += 60) {
        feed(Engine, u"service.up"_s, 0, s);
        m_engine->tick(at(s));
    }
    QCOMPARE(escalated.size(), 0);
    QVERIFY(!m_engine->alert(a.id).escalated);
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertEngine::restoredAckTakesTheAlertAgain()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    QSignalSpy ended(m_engine.get(), &AlertEngine::acknowledgementEnded);
    const QDateTime tookAt = T0.addSecs(-600);
    m_engine->restoreAcknowledgement(u"botcore.service_down.p0"_s, Engine, u"alice"_s, tookAt,
                                     u"restarting the engine"_s);

    const Alert a = fireServiceDown();
    QVERIFY(!a.id.isEmpty());
    QCOMPARE(raised.size(), 1);
    QCOMPARE(a.owner, u"alice"_s);
    QCOMPARE(a.ackAt, tookAt);
    QCOMPARE(a.note, u"restarting the engine"_s);
    QVERIFY(a.isAcknowledged());
    // Alice knows already: no second page for the same outage.
    QCOMPARE(m_notifier.calls().size(), 0);

    for (int s = 135; s <= 1200; s += 15) {
        feed(Engine, u"service.up"_s, 0, s);
        m_engine->tick(at(s));
    }
    QCOMPARE(escalated.size(), 0);
    QVERIFY(!m_engine->alert(a.id).escalated);
    QCOMPARE(ended.size(), 0);
}

void TestAlertEngine::restoredAckTakesAnActiveAlert()
{
    QSignalSpy acked(m_engine.get(), &AlertEngine::alertAcknowledged);
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    const Alert a = fireServiceDown();
    QVERIFY(!a.id.isEmpty());
    m_engine->restoreAcknowledgement(u"botcore.service_down.p0"_s, Engine, u"bob"_s, at(100),
                                     QString());
    QCOMPARE(acked.size(), 1);
    QCOMPARE(m_engine->alert(a.id).owner, u"bob"_s);
    feed(Engine, u"service.up"_s, 0, 600);
    m_engine->tick(at(600));
    QCOMPARE(escalated.size(), 0);
}

void TestAlertEngine::restoredAckEndsWhenConditionIsGone()
{
    QSignalSpy ended(m_engine.get(), &AlertEngine::acknowledgementEnded);
    m_engine->restoreAcknowledgement(u"botcore.service_down.p0"_s, Engine, u"alice"_s, T0,
                                     QString());
    // Stale news says nothing about recovery: the acknowledgement waits.
    feedStale(Engine, u"service.up"_s, 0);
    QCOMPARE(ended.size(), 0);

    feed(Engine, u"service.up"_s, 1, 10); // it recovered while the console was closed
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().at(0).toString(), u"botcore.service_down.p0"_s);
    QCOMPARE(ended.first().at(1).toString(), Engine);

    // A later outage is a new alert that nobody has taken: it pages and escalates.
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    for (int s = 20; s <= 145; s += 15)
        feed(Engine, u"service.up"_s, 0, s);
    const Alert a = m_engine->activeAlerts().value(0);
    QCOMPARE(a.ruleId, u"botcore.service_down.p0"_s);
    QVERIFY(!a.isAcknowledged());
    QCOMPARE(m_notifier.calls().size(), 1);
    for (int s = 160; s <= 500; s += 15) {
        feed(Engine, u"service.up"_s, 0, s);
        m_engine->tick(at(s));
    }
    QCOMPARE(escalated.size(), 1);
}

void TestAlertEngine::restoredAckIsPerRuleAndService()
{
    m_engine->restoreAcknowledgement(u"botcore.disk.p0"_s, u"ai"_s, u"alice"_s, T0, QString());
    feed(Engine, u"disk.percent"_s, 95, 0);
    feed(u"ai"_s, u"memory.percent"_s, 99, 0);
    const QList<Alert> active = m_engine->activeAlerts();
    QCOMPARE(active.size(), 2);
    for (const Alert &a : active)
        QVERIFY2(!a.isAcknowledged(), qPrintable(a.id));
    QCOMPARE(m_notifier.calls().size(), 2);

    feed(u"ai"_s, u"disk.percent"_s, 91, 5);
    QList<Alert> aiDisk;
    for (const Alert &a : m_engine->activeAlerts()) {
        if (a.service == u"ai"_s && a.metric == u"disk.percent"_s)
            aiDisk << a;
    }
    QCOMPARE(aiDisk.size(), 1);
    QCOMPARE(aiDisk.first().owner, u"alice"_s);
}

void TestAlertEngine::ackEndsWhenAlertResolves()
{
    QSignalSpy ended(m_engine.get(), &AlertEngine::acknowledgementEnded);
    feed(Engine, u"disk.percent"_s, 95, 0);
    feed(Engine, u"memory.percent"_s, 96, 0);
    const QList<Alert> active = m_engine->activeAlerts();
    QCOMPARE(active.size(), 2);
    const Alert disk = active.first().metric == u"disk.percent"_s ? active.first() : active.last();
    QVERIFY(m_engine->acknowledge(disk.id, u"alice"_s).has_value());

    // An unacknowledged alert resolving has no acknowledgement to end.
    feed(Engine, u"memory.percent"_s, 10, 30);
    QCOMPARE(ended.size(), 0);
    // Falling to a quieter tier resolves the P0: its acknowledgement ends with it.
    feed(Engine, u"disk.percent"_s, 85, 60);
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().at(0).toString(), u"botcore.disk.p0"_s);
    QCOMPARE(ended.first().at(1).toString(), Engine);
    const Alert p1 = m_engine->activeAlerts().value(0);
    QCOMPARE(p1.ruleId, u"botcore.disk.p1"_s);
    QVERIFY(!p1.isAcknowledged());
}

void TestAlertEngine::badRestoredAcksAreIgnored_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("owner");
    QTest::addColumn<QDateTime>("when");
    QTest::newRow("no rule") << QString() << u"alice"_s << T0;
    QTest::newRow("no owner") << u"botcore.disk.p0"_s << u"  "_s << T0;
    QTest::newRow("no time") << u"botcore.disk.p0"_s << u"alice"_s << QDateTime();
    QTest::newRow("other rule") << u"botcore.disk.p1"_s << u"alice"_s << T0;
}

void TestAlertEngine::badRestoredAcksAreIgnored()
{
    QFETCH(QString, rule);
    QFETCH(QString, owner);
    QFETCH(QDateTime, when);
    m_engine->restoreAcknowledgement(rule, Engine, owner, when, QString());
    feed(Engine, u"disk.percent"_s, 95, 0);
    const Alert a = m_engine->activeAlerts().value(0);
    QCOMPARE(a.ruleId, u"botcore.disk.p0"_s);
    QVERIFY(!a.isAcknowledged());
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertEngine::breachedRuleJudgesLikeTheAlerts_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("override"); // alerts.botcore.disk.p1; < 0 = none
    QTest::addColumn<QString>("rule");    // empty: no tier
    QTest::addColumn<double>("threshold");

    QTest::newRow("disk 85") << u"botcore"_s << u"disk.percent"_s << 85.0 << -1.0
                             << u"botcore.disk.p1"_s << 80.0;
    QTest::newRow("disk 91") << u"botcore"_s << u"disk.percent"_s << 91.0 << -1.0
                             << u"botcore.disk.p0"_s << 90.0;
    QTest::newRow("disk 70") << u"botcore"_s << u"disk.percent"_s << 70.0 << -1.0 << QString()
                             << 0.0;
    QTest::newRow("disk 65, P1 at 60")
        << u"botcore"_s << u"disk.percent"_s << 65.0 << 60.0 << u"botcore.disk.p1"_s << 60.0;
    QTest::newRow("memory 96") << u"botcore"_s << u"memory.percent"_s << 96.0 << -1.0
                               << u"botcore.memory.p0"_s << 95.0;
    QTest::newRow("not a number") << u"botcore"_s << u"disk.percent"_s << qQNaN() << -1.0
                                  << QString() << 0.0;
    QTest::newRow("other profile")
        << u"echopilot"_s << u"disk.percent"_s << 99.0 << -1.0 << QString() << 0.0;
}

void TestAlertEngine::breachedRuleJudgesLikeTheAlerts()
{
    QFETCH(QString, profile);
    QFETCH(QString, metric);
    QFETCH(double, value);
    QFETCH(double, override);
    QFETCH(QString, rule);
    QFETCH(double, threshold);
    QMap<QString, double> thresholds;
    if (override >= 0)
        thresholds.insert(u"alerts.botcore.disk.p1"_s, override);
    const auto r = breachedRule(builtInAlertRules(), profile, metric, value, thresholds);
    QCOMPARE(r.has_value(), !rule.isEmpty());
    if (r) {
        QCOMPARE(r->id, rule);
        QCOMPARE(r->threshold, threshold);
    }
}

void TestAlertEngine::silentInputDoesNotEscalate()
{
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    const Alert a = fireServiceDown(); // fired at 121 s, last heard of at 121 s
    QVERIFY(!a.id.isEmpty());
    m_engine->tick(at(121 + 300));
    QCOMPARE(escalated.size(), 0);
    QCOMPARE(m_notifier.calls().size(), 1);

    feed(Engine, u"service.up"_s, 0, 430); // heard of again, still down
    m_engine->tick(at(431));
    QCOMPARE(escalated.size(), 1);
    QCOMPARE(m_notifier.calls().size(), 2);
}

void TestAlertEngine::unacknowledgedP0EscalatesOnce()
{
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);
    const Alert a = fireServiceDown();
    QCOMPARE(a.firedAt, at(121));
    QCOMPARE(m_notifier.calls().size(), 1);

    feed(Engine, u"service.up"_s, 0, 121 + 290);
    m_engine->tick(at(121 + 299));
    QCOMPARE(escalated.size(), 0);

    m_engine->tick(at(121 + 300));
    QCOMPARE(escalated.size(), 1);
    const Alert e = escalated.first().first().value<Alert>();
    QCOMPARE(e.id, a.id);
    QVERIFY(e.escalated);
    QCOMPARE(e.escalatedAt, at(421));
    QVERIFY(m_engine->alert(a.id).escalated);
    QCOMPARE(m_notifier.calls().size(), 2);
    QCOMPARE(m_notifier.calls().at(1).urgency, Notifier::Urgency::Critical);
    QVERIFY(m_notifier.calls().at(1).title.contains(a.title));
    QVERIFY(m_notifier.calls().at(1).title != m_notifier.calls().at(0).title);

    for (int s = 430; s <= 1800; s += 30) {
        feed(Engine, u"service.up"_s, 0, s);
        m_engine->tick(at(s));
    }
    QCOMPARE(escalated.size(), 1);
    QCOMPARE(m_notifier.calls().size(), 2);

    // P1 alerts never escalate.
    feed(Engine, u"disk.percent"_s, 85, 1800);
    m_engine->tick(at(1800 + 3600));
    QCOMPARE(escalated.size(), 1);
}

void TestAlertEngine::badAcknowledgements()
{
    QSignalSpy acked(m_engine.get(), &AlertEngine::alertAcknowledged);
    feed(Engine, u"disk.percent"_s, 95, 0);
    const QString id = m_engine->activeAlerts().value(0).id;

    Result<void> r = m_engine->acknowledge(id, u"   "_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"alerts.owner"_s);
    QVERIFY(!r.error().message.isEmpty());

    r = m_engine->acknowledge(u"no-such-alert"_s, u"bob"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"alerts.unknown"_s);

    QVERIFY(m_engine->acknowledge(id, u"bob"_s));
    r = m_engine->acknowledge(id, u"carol"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"alerts.acknowledged"_s);
    QVERIFY(r.error().message.contains(u"bob"_s));
    QCOMPARE(m_engine->alert(id).owner, u"bob"_s); // nothing lost

    feed(Engine, u"disk.percent"_s, 40, 60);
    r = m_engine->acknowledge(id, u"dave"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"alerts.resolved"_s);
    QCOMPARE(m_engine->alert(id).owner, u"bob"_s);
    QCOMPARE(acked.size(), 1);
}

void TestAlertEngine::p2NeverNotifies()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    feed(Engine, u"disk.percent"_s, 75, 0);
    feed(Engine, u"memory.percent"_s, 72, 0);
    feed(Engine, u"error_rate"_s, 2, 0);
    feed(Engine, u"p95_ms"_s, 300, 0);
    QCOMPARE(raised.size(), 4);
    for (const Alert &a : m_engine->activeAlerts())
        QCOMPARE(a.severity, Severity::P2);
    m_engine->tick(at(3600));
    QCOMPARE(m_notifier.calls().size(), 0);
}

void TestAlertEngine::muteSuppressesUntilExpiry()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    m_engine->mute(Severity::P1, at(600));
    QVERIFY(m_engine->isMuted(Severity::P1));
    QVERIFY(!m_engine->isMuted(Severity::P0));
    QCOMPARE(m_engine->mutedUntil(Severity::P1), at(600));
    QVERIFY(!m_engine->mutedUntil(Severity::P0).isValid());

    feed(Engine, u"disk.percent"_s, 85, 10);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(m_notifier.calls().size(), 0);

    // Muting P1 does not silence P0.
    feed(Engine, u"memory.percent"_s, 97, 20);
    QCOMPARE(m_notifier.calls().size(), 1);
    QCOMPARE(m_notifier.calls().first().urgency, Notifier::Urgency::Critical);

    feed(u"ai"_s, u"disk.percent"_s, 85, 599);
    QCOMPARE(m_notifier.calls().size(), 1);

    feed(u"ai"_s, u"error_rate"_s, 7, 600); // the mute has run out
    QVERIFY(!m_engine->isMuted(Severity::P1));
    QVERIFY(!m_engine->mutedUntil(Severity::P1).isValid());
    QCOMPARE(m_notifier.calls().size(), 2);
    QCOMPARE(m_notifier.calls().last().urgency, Notifier::Urgency::Normal);
    QCOMPARE(raised.size(), 4);
}

void TestAlertEngine::staleFreezesPendingTime()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    feed(Engine, u"service.up"_s, 0, 0);
    feedStale(Engine, u"service.up"_s, 30); // 30 s of outage counted so far
    for (int s = 60; s <= 3600; s += 60) {
        feedStale(Engine, u"service.up"_s, s);
        m_engine->tick(at(s));
    }
    QCOMPARE(raised.size(), 0);

    // Fresh again and still down: only the 30 s before the gap count.
    feed(Engine, u"service.up"_s, 0, 4000);
    feed(Engine, u"service.up"_s, 0, 4000 + 45);
    feed(Engine, u"service.up"_s, 0, 4000 + 89);
    QCOMPARE(raised.size(), 0);
    feed(Engine, u"service.up"_s, 0, 4000 + 91);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().first().value<Alert>().since, T0);
}

void TestAlertEngine::staleNeitherFiresNorResolves()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    QSignalSpy resolved(m_engine.get(), &AlertEngine::alertResolved);
    QSignalSpy escalated(m_engine.get(), &AlertEngine::alertEscalated);

    // A stale reading never fires, whatever value it carries.
    Observation o = Observation::number(Engine, u"disk.percent"_s, 99, at(0));
    o.stale = true;
    m_engine->feed(o);
    QCOMPARE(raised.size(), 0);

    feed(Engine, u"memory.percent"_s, 97, 10);
    QCOMPARE(raised.size(), 1);
    const QString id = m_engine->activeAlerts().value(0).id;

    Observation gone = Observation::number(Engine, u"memory.percent"_s, 10, at(20));
    gone.stale = true;
    m_engine->feed(gone);
    m_engine->tick(at(20 + 3600)); // long past the escalation delay
    QCOMPARE(resolved.size(), 0);
    QCOMPARE(escalated.size(), 0);
    QCOMPARE(m_engine->activeAlerts().value(0).id, id);
    QCOMPARE(m_notifier.calls().size(), 1);

    feed(Engine, u"memory.percent"_s, 10, 4000);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(resolved.first().first().value<Alert>().resolvedAt, at(4000));
}

void TestAlertEngine::silentInputDoesNotRipen()
{
    // One "down" and then nothing (e.g. the laptop slept before the probe could say
    // stale): ticks must not fire on the strength of that single reading.
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    feed(Engine, u"service.up"_s, 0, 0);
    m_engine->tick(at(8 * 3600));
    QCOMPARE(raised.size(), 0);
    QCOMPARE(m_engine->quietAfter(), std::chrono::seconds(60));
}

void TestAlertEngine::offlineFreezesEverything()
{
    QSignalSpy raised(m_engine.get(), &AlertEngine::alertRaised);
    QSignalSpy resolved(m_engine.get(), &AlertEngine::alertResolved);
    feed(Engine, u"disk.percent"_s, 95, 0);
    QCOMPARE(raised.size(), 1);

    m_now = at(10);
    m_engine->setOffline(true);
    QVERIFY(m_engine->isOffline());
    feed(Engine, u"memory.percent"_s, 99, 20); // whatever arrives counts as stale
    feed(Engine, u"disk.percent"_s, 10, 30);
    m_engine->tick(at(3600));
    QCOMPARE(raised.size(), 1);
    QCOMPARE(resolved.size(), 0);

    m_now = at(3700);
    m_engine->setOffline(false);
    m_engine->tick(at(3700));
    QCOMPARE(resolved.size(), 0); // still unseen until a fresh reading
    feed(Engine, u"disk.percent"_s, 10, 3710);
    feed(Engine, u"memory.percent"_s, 99, 3720);
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(raised.size(), 2);
}

void TestAlertEngine::echoPilotOwnTargets_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("rule");

    QTest::newRow("availability below 99.9")
        << u"slo.availability"_s << 99.85 << u"echopilot.slo_availability.p1"_s;
    QTest::newRow("availability at 99.9") << u"slo.availability"_s << 99.9 << QString();
    QTest::newRow("p95 801") << u"slo.p95_ms"_s << 801.0 << u"echopilot.slo_p95.p1"_s;
    QTest::newRow("p95 600 is fine for EchoPilot") << u"slo.p95_ms"_s << 600.0 << QString();
    QTest::newRow("p95_ms 600 is not a Bot Core tier here") << u"p95_ms"_s << 600.0 << QString();
    QTest::newRow("p99 1201") << u"slo.p99_ms"_s << 1201.0 << u"echopilot.slo_p99.p1"_s;
    QTest::newRow("p99 1200") << u"slo.p99_ms"_s << 1200.0 << QString();
    QTest::newRow("webhook 98.9") << u"slo.webhook_success"_s << 98.9
                                  << u"echopilot.slo_webhook.p1"_s;
    QTest::newRow("webhook 99") << u"slo.webhook_success"_s << 99.0 << QString();
    QTest::newRow("security issues") << u"security.issues"_s << 2.0 << u"echopilot.security.p1"_s;
    QTest::newRow("clean scan") << u"security.issues"_s << 0.0 << QString();
    QTest::newRow("dr failed") << u"dr.verified"_s << 0.0 << u"echopilot.dr.p1"_s;
    QTest::newRow("dr ok") << u"dr.verified"_s << 1.0 << QString();
    QTest::newRow("reconciliation errors")
        << u"payments.reconciliation_errors"_s << 3.0 << u"echopilot.reconciliation.p1"_s;
    QTest::newRow("Bot Core disk rule does not apply") << u"disk.percent"_s << 99.0 << QString();
    QTest::newRow("health needs time") << u"health.ok"_s << 0.0 << QString();
}

void TestAlertEngine::echoPilotOwnTargets()
{
    QFETCH(QString, metric);
    QFETCH(double, value);
    QFETCH(QString, rule);

    feed(Echo, metric, value, 0);
    const QList<Alert> active = m_engine->activeAlerts();
    if (rule.isEmpty()) {
        QVERIFY2(active.isEmpty(), qPrintable(active.value(0).ruleId));
        return;
    }
    QCOMPARE(active.size(), 1);
    QCOMPARE(active.first().ruleId, rule);
    QVERIFY(active.first().runbookId.startsWith(u"echopilot/"_s));
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertEngine::thresholdOverride()
{
    const QMap<QString, double> thresholds{{u"alerts.botcore.disk.p0"_s, 85},
                                           {u"alerts.echopilot.slo_p95.p1"_s, 700},
                                           {u"queue.depth.max"_s, 50}};
    const Result<void> r = m_engine->setThresholds(thresholds);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));

    feed(Engine, u"disk.percent"_s, 86, 0);
    QCOMPARE(m_engine->activeAlerts().value(0).ruleId, u"botcore.disk.p0"_s);
    QCOMPARE(m_engine->activeAlerts().value(0).threshold, 85.0);
    QVERIFY(m_engine->activeAlerts().value(0).title.contains(u"85"_s));
    feed(Echo, u"slo.p95_ms"_s, 750, 0);
    QCOMPARE(m_engine->activeAlerts().size(), 2);

    // Dropping the override brings the default back for the next reading.
    QVERIFY(m_engine->setThresholds({}));
    feed(Engine, u"disk.percent"_s, 86, 60);
    const QList<Alert> active = m_engine->activeAlerts();
    QCOMPARE(active.size(), 2);
    QCOMPARE(active.first().ruleId, u"botcore.disk.p1"_s);
    QCOMPARE(active.first().threshold, 80.0);
    // Disk has been above 80 % since the first reading, so that is when P1's trouble began.
    QCOMPARE(active.first().since, T0);
    QCOMPARE(active.last().ruleId, u"echopilot.slo_p95.p1"_s);
}

void TestAlertEngine::badThresholdsChangeNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<double>("value");
    QTest::newRow("unknown rule") << u"alerts.botcore.dsik.p0"_s << 85.0;
    QTest::newRow("NaN") << u"alerts.botcore.disk.p1"_s << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("infinity") << u"alerts.botcore.disk.p1"_s
                              << std::numeric_limits<double>::infinity();
}

void TestAlertEngine::badThresholdsChangeNothing()
{
    QFETCH(QString, key);
    QFETCH(double, value);
    QVERIFY(m_engine->setThresholds({{u"alerts.botcore.disk.p0"_s, 85}}));

    const Result<void> r =
        m_engine->setThresholds({{u"alerts.botcore.disk.p0"_s, 60}, {key, value}});
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"alerts.thresholds"_s);
    QVERIFY2(r.error().message.contains(key), qPrintable(r.error().message));

    // The earlier override (85) is still in force; the bad call's 60 was not applied.
    feed(Engine, u"disk.percent"_s, 70.5, 0);
    QCOMPARE(m_engine->activeAlerts().value(0).ruleId, u"botcore.disk.p2"_s);
    feed(Engine, u"disk.percent"_s, 86, 10);
    QCOMPARE(m_engine->activeAlerts().value(0).ruleId, u"botcore.disk.p0"_s);
}

void TestAlertEngine::activeAlertsSorted()
{
    feed(Engine, u"disk.percent"_s, 75, 0);    // P2, oldest
    feed(Engine, u"error_rate"_s, 6, 10);      // P1
    feed(u"ai"_s, u"memory.percent"_s, 86, 5); // P1, older
    feed(Engine, u"db.connected"_s, 0, 20);    // P0, newest
    const QList<Alert> active = m_engine->activeAlerts();
    QCOMPARE(active.size(), 4);
    QCOMPARE(active.at(0).ruleId, u"botcore.database.p0"_s);
    QCOMPARE(active.at(1).ruleId, u"botcore.memory.p1"_s);
    QCOMPARE(active.at(1).service, u"ai"_s);
    QCOMPARE(active.at(2).ruleId, u"botcore.error_rate.p1"_s);
    QCOMPARE(active.at(3).ruleId, u"botcore.disk.p2"_s);
}

void TestAlertEngine::unknownServiceGetsNoProfileRules()
{
    feed(u"stranger"_s, u"disk.percent"_s, 99, 0);
    QVERIFY(m_engine->activeAlerts().isEmpty());

    AlertRule any;
    any.id = u"custom.queue"_s;
    any.profile = u"any"_s;
    any.severity = Severity::P1;
    any.metric = u"queue.depth"_s;
    any.comparison = Comparison::AtLeast;
    any.threshold = 50;
    any.titleTemplate = u"{service}: queue {value} (limit {threshold})"_s;
    m_engine->setRules({any});
    feed(u"stranger"_s, u"queue.depth"_s, 50, 10);
    QCOMPARE(m_engine->activeAlerts().size(), 1);
    QCOMPARE(m_engine->activeAlerts().first().title, u"stranger: queue 50 (limit 50)"_s);
}

void TestAlertEngine::healthProbeObservations_data()
{
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("stale");
    QTest::addColumn<double>("up");
    QTest::addColumn<double>("ok");
    QTest::newRow("pass") << int(Verdict::Pass) << 2 << false << 1.0 << 1.0;
    QTest::newRow("warn") << int(Verdict::Warn) << 2 << false << 1.0 << 1.0;
    QTest::newRow("fail") << int(Verdict::Fail) << 2 << false << 1.0 << 0.0;
    QTest::newRow("down") << int(Verdict::Down) << 2 << false << 0.0 << 0.0;
    QTest::newRow("stale") << int(Verdict::Stale) << 2 << true << 0.0 << 0.0;
    QTest::newRow("unknown") << int(Verdict::Unknown) << 0 << false << 0.0 << 0.0;
}

void TestAlertEngine::healthProbeObservations()
{
    QFETCH(int, verdict);
    QFETCH(int, count);
    QFETCH(bool, stale);
    QFETCH(double, up);
    QFETCH(double, ok);

    ProbeResult r;
    r.service = Engine;
    r.endpoint = u"health"_s;
    r.verdict = Verdict(verdict);
    r.checkedAt = at(5);
    const QList<Observation> obs = observationsFromHealthProbe(r);
    QCOMPARE(obs.size(), count);
    if (count == 0)
        return;
    QCOMPARE(obs.at(0).metric, u"service.up"_s);
    QCOMPARE(obs.at(1).metric, u"health.ok"_s);
    for (const Observation &o : obs) {
        QCOMPARE(o.stale, stale);
        QCOMPARE(o.at, at(5));
        QCOMPARE(o.service, Engine);
    }
    if (!stale) {
        QCOMPARE(obs.at(0).value, up);
        QCOMPARE(obs.at(1).value, ok);
    }

    r.endpoint = u"queue"_s;
    QVERIFY(observationsFromHealthProbe(r).isEmpty());
}

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"
