// SPDX-License-Identifier: GPL-3.0-or-later
// Live alerts from probe results: AlertFeed turns results into observations and the
// AlertCenter keeps the engine's state, all on a fake clock.
#include "alerts/alertcenter.h"
#include "alerts/alertfeed.h"
#include "notify/fakenotifier.h"
#include "probes/proberesult.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {
const QString Engine = u"engine"_s; // Bot Core
const QString Echo = u"echo"_s;     // EchoPilot
const QString Staging = u"echo-staging"_s;
const QDateTime T0 = QDateTime(QDate(2026, 11, 23), QTime(3, 0), Qt::UTC);

Service service(const QString &name, const QString &profile, const QString &environment)
{
    Service s;
    s.name = name;
    s.profile = profile;
    s.environment = environment;
    return s;
}

/// A /metrics body: requests by code, a latency histogram (cumulative counts at le 0.1,
/// 0.5, 1 and +Inf) and failed trades.
QByteArray metricsBody(int ok, int failed, const QList<int> &buckets, int tradesFailed)
{
    QByteArray out = "# TYPE http_requests_total counter\n"
                     "http_requests_total{code=\"200\",method=\"GET\"} " +
                     QByteArray::number(ok) +
                     "\n"
                     "http_requests_total{code=\"503\",method=\"GET\"} " +
                     QByteArray::number(failed) +
                     "\n"
                     "# TYPE http_request_duration_seconds histogram\n";
    const char *bounds[] = {"0.1", "0.5", "1", "+Inf"};
    for (int i = 0; i < 4; ++i)
        out += QByteArrayLiteral("http_request_duration_seconds_bucket{le=\"") + bounds[i] +
               "\"} " + QByteArray::number(buckets.value(i)) + '\n';
    out += "http_request_duration_seconds_count " + QByteArray::number(buckets.value(3)) + '\n';
    out += "# TYPE trades_failed_total counter\ntrades_failed_total " +
           QByteArray::number(tradesFailed) + '\n';
    return out;
}

double valueOf(const QList<Observation> &list, const QString &metric, bool *stale = nullptr)
{
    for (const Observation &o : list) {
        if (o.metric == metric) {
            if (stale)
                *stale = o.stale;
            return o.value;
        }
    }
    return std::nan("");
}

bool has(const QList<Observation> &list, const QString &metric)
{
    return std::any_of(list.cbegin(), list.cend(),
                       [&](const Observation &o) { return o.metric == metric; });
}

} // namespace

class TestAlertFeed : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();

    // AlertFeed: what each endpoint's answer becomes.
    void healthBodyDatabase_data();
    void healthBodyDatabase();
    void sloFigures();
    void sloBadAnswersAreStale_data();
    void sloBadAnswersAreStale();
    void queueFigures();
    void metricsRatesNeedAWindow();
    void metricsCounterReset();
    void metricsGarbageIsStale();

    // AlertCenter: the engine fed from results.
    void serviceDownFiresAfterTwoMinutes_data();
    void serviceDownFiresAfterTwoMinutes();
    void databaseLostFiresAtOnce();
    void sloBreachFiresP1_data();
    void sloBreachFiresP1();
    void metricsFireBotCoreRules();
    void staleFiresNothing();
    void offlineFiresNothing();
    void recoveryResolves();
    void unacknowledgedP0EscalatesAtFiveMinutes();
    void acknowledgedDoesNotEscalate();
    void badAcknowledgementKeepsAlert();
    void muteSuppressesUntilExpiry();
    void otherEnvironmentFreezes();
    void badThresholdsRejected();
    void defaultOwnerIsTheOsUser();

private:
    ProbeResult result(const QString &service, const QString &endpoint, Verdict verdict, int status,
                       const QByteArray &body, int atSec) const;
    void apply(const QString &service, const QString &endpoint, Verdict verdict, int status,
               const QByteArray &body, int atSec);
    /// Bot Core engine down from 0 s, one result every 15 s up to @p untilSec.
    void engineDown(int fromSec, int untilSec);
    QDateTime at(int sec) const { return T0.addSecs(sec); }
    QStringList activeRules() const;

    Workspace m_ws;
    FakeNotifier m_notifier;
    std::unique_ptr<AlertCenter> m_center;
    AlertFeed m_feed;
    QDateTime m_now;
};

void TestAlertFeed::init()
{
    m_ws = Workspace();
    m_ws.environments = {Environment{u"production"_s, true, u"UTC"_s},
                         Environment{u"staging"_s, false, u"UTC"_s}};
    m_ws.services = {service(Engine, u"botcore"_s, u"production"_s),
                     service(Echo, u"echopilot"_s, u"production"_s),
                     service(Staging, u"echopilot"_s, u"staging"_s)};
    m_notifier.clear();
    m_now = T0;
    m_center = std::make_unique<AlertCenter>();
    m_center->setClock([this] { return m_now; });
    m_center->setNotifier(&m_notifier);
    m_center->setWorkspace(m_ws);
    m_center->setWatchedServices({Engine, Echo});
    m_feed.setServices(m_ws.services);
}

ProbeResult TestAlertFeed::result(const QString &service, const QString &endpoint, Verdict verdict,
                                  int status, const QByteArray &body, int atSec) const
{
    ProbeResult r;
    r.service = service;
    r.endpoint = endpoint;
    r.verdict = verdict;
    r.statusCode = status;
    r.body = body;
    r.checkedAt = at(atSec);
    return r;
}

void TestAlertFeed::apply(const QString &service, const QString &endpoint, Verdict verdict,
                          int status, const QByteArray &body, int atSec)
{
    m_now = at(atSec);
    m_center->applyResult(result(service, endpoint, verdict, status, body, atSec));
    m_center->tick();
}

void TestAlertFeed::engineDown(int fromSec, int untilSec)
{
    for (int s = fromSec; s <= untilSec; s += 15)
        apply(Engine, u"health"_s, Verdict::Down, 0, {}, s);
}

QStringList TestAlertFeed::activeRules() const
{
    QStringList out;
    for (const Alert &a : m_center->activeAlerts())
        out << a.ruleId;
    return out;
}

void TestAlertFeed::healthBodyDatabase_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("mapping"); // field_mappings "database", empty = none
    QTest::addColumn<int>("expected");    // 1 connected, 0 lost, -1 no observation

    QTest::newRow("connected") << 200
                               << QByteArray("{\"status\":\"healthy\",\"database\":\"connected\"}")
                               << QString() << 1;
    QTest::newRow("lost, 503") << 503
                               << QByteArray("{\"status\":\"down\",\"database\":\"disconnected\"}")
                               << QString() << 0;
    QTest::newRow("boolean") << 200 << QByteArray("{\"status\":\"ok\",\"database\":false}")
                             << QString() << 0;
    QTest::newRow("mapped") << 200 << QByteArray("{\"status\":\"ok\",\"deps\":{\"mongo\":\"up\"}}")
                            << u"/deps/mongo"_s << 1;
    QTest::newRow("no field") << 200 << QByteArray("{\"status\":\"healthy\"}") << QString() << -1;
    QTest::newRow("not JSON") << 200 << QByteArray("<html>oops") << QString() << -1;
    QTest::newRow("no answer") << 0 << QByteArray() << QString() << -1;
}

void TestAlertFeed::healthBodyDatabase()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, mapping);
    QFETCH(int, expected);
    QList<Service> services = m_ws.services;
    if (!mapping.isEmpty())
        services[0].fieldMappings.insert(u"database"_s, mapping);
    m_feed.setServices(services);
    const Verdict v = status == 0 ? Verdict::Down : status == 200 ? Verdict::Pass : Verdict::Fail;
    const QList<Observation> obs = m_feed.observe(result(Engine, u"health"_s, v, status, body, 0));
    QVERIFY(has(obs, u"service.up"_s));
    if (expected < 0) {
        QVERIFY(!has(obs, u"db.connected"_s));
    } else {
        bool stale = true;
        QCOMPARE(valueOf(obs, u"db.connected"_s, &stale), double(expected));
        QVERIFY(!stale);
    }
}

void TestAlertFeed::sloFigures()
{
    const QByteArray body = "{\"window_days\":30,\"availability\":0.999,\"p95_ms\":612,"
                            "\"p99_ms\":1034,\"webhook_success\":0.99}";
    const QList<Observation> obs =
        m_feed.observe(result(Echo, u"slo"_s, Verdict::Pass, 200, body, 5));
    QCOMPARE(obs.size(), 4);
    // Exactly the decimal a person reads, so a value at the target is not a breach.
    QCOMPARE(valueOf(obs, u"slo.availability"_s), 99.9);
    QCOMPARE(valueOf(obs, u"slo.webhook_success"_s), 99.0);
    QCOMPARE(valueOf(obs, u"slo.p95_ms"_s), 612.0);
    QCOMPARE(valueOf(obs, u"slo.p99_ms"_s), 1034.0);
    for (const Observation &o : obs) {
        QVERIFY(!o.stale);
        QCOMPARE(o.service, Echo);
        QCOMPARE(o.at, at(5));
    }
}

void TestAlertFeed::sloBadAnswersAreStale_data()
{
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("staleMetrics");

    const QStringList all = {u"slo.availability"_s, u"slo.p95_ms"_s, u"slo.p99_ms"_s,
                             u"slo.webhook_success"_s};
    QTest::newRow("stale") << int(Verdict::Stale) << 200 << QByteArray("{}") << all;
    QTest::newRow("HTTP 500") << int(Verdict::Fail) << 500 << QByteArray("{\"availability\":0.5}")
                              << all;
    QTest::newRow("not JSON") << int(Verdict::Pass) << 200 << QByteArray("{\"avail") << all;
    QTest::newRow("one field a string")
        << int(Verdict::Pass) << 200
        << QByteArray(
               "{\"availability\":\"high\",\"p95_ms\":100,\"p99_ms\":200,\"webhook_success\":1}")
        << QStringList{u"slo.availability"_s};
    QTest::newRow("ratio out of range")
        << int(Verdict::Pass) << 200
        << QByteArray("{\"availability\":99.9,\"p95_ms\":100,\"p99_ms\":200,\"webhook_success\":1}")
        << QStringList{u"slo.availability"_s};
}

void TestAlertFeed::sloBadAnswersAreStale()
{
    QFETCH(int, verdict);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, staleMetrics);
    const QList<Observation> obs =
        m_feed.observe(result(Echo, u"slo"_s, Verdict(verdict), status, body, 0));
    QCOMPARE(obs.size(), 4);
    for (const Observation &o : obs)
        QVERIFY2(o.stale == staleMetrics.contains(o.metric), qPrintable(o.metric));
}

void TestAlertFeed::queueFigures()
{
    const QByteArray body =
        "{\"depth\":12,\"processing_rate_per_min\":34.5,\"failed_ratio\":0.012,\"stuck\":2}";
    const QList<Observation> obs =
        m_feed.observe(result(Echo, u"queue"_s, Verdict::Pass, 200, body, 0));
    QCOMPARE(valueOf(obs, u"queue.depth"_s), 12.0);
    QCOMPARE(valueOf(obs, u"queue.processing_rate"_s), 34.5);
    QCOMPARE(valueOf(obs, u"queue.failed_ratio"_s), 1.2);
    QCOMPARE(valueOf(obs, u"queue.stuck"_s), 2.0);
    QVERIFY(m_feed.observe(result(Echo, u"finops"_s, Verdict::Pass, 200, body, 0)).isEmpty());
}

void TestAlertFeed::metricsRatesNeedAWindow()
{
    // 0 s: the first scrape; 30 s: still too short a window for a rate.
    auto first = m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                                       metricsBody(1000, 10, {900, 1000, 1010, 1010}, 5), 0));
    QVERIFY(first.isEmpty());
    auto early = m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                                       metricsBody(1400, 70, {950, 1400, 1470, 1470}, 6), 30));
    QVERIFY(early.isEmpty());

    // 60 s after the first: +880 good, +120 failed = 12 %; the added latencies are 100
    // under 0.1 s and 800 in (0.1, 0.5], 100 in (0.5, 1]: p95 = 0.5 + 50/100 * 0.5 = 750 ms;
    // 3 failed trades in a minute.
    auto obs = m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                                     metricsBody(1880, 130, {1000, 1900, 2010, 2010}, 8), 60));
    QCOMPARE(obs.size(), 3);
    QCOMPARE(valueOf(obs, u"error_rate"_s), 12.0);
    QCOMPARE(valueOf(obs, u"p95_ms"_s), 750.0);
    QCOMPARE(valueOf(obs, u"trades_failed.rate"_s), 3.0);
}

void TestAlertFeed::metricsCounterReset()
{
    m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                          metricsBody(1000, 10, {900, 1000, 1010, 1010}, 5), 0));
    m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                          metricsBody(1880, 130, {1000, 1900, 2010, 2010}, 8), 60));
    // The process restarted: its counters began again. The window 0..120 s holds the first
    // step (880 + 120) and the step after the restart (50 + 50, counted from zero).
    const auto obs = m_feed.observe(result(Engine, u"metrics"_s, Verdict::Pass, 200,
                                           metricsBody(50, 50, {100, 100, 100, 100}, 0), 120));
    QCOMPARE(valueOf(obs, u"error_rate"_s), 15.454545);   // 170 / 1100
    QCOMPARE(valueOf(obs, u"trades_failed.rate"_s), 1.5); // 3 failed in 2 minutes
    QVERIFY(valueOf(obs, u"error_rate"_s) > 0);
}

void TestAlertFeed::metricsGarbageIsStale()
{
    const auto obs = m_feed.observe(
        result(Engine, u"metrics"_s, Verdict::Pass, 200, "this is { not prometheus\n", 0));
    QCOMPARE(obs.size(), 3);
    for (const Observation &o : obs)
        QVERIFY(o.stale);
    const auto down = m_feed.observe(result(Engine, u"metrics"_s, Verdict::Down, 0, {}, 15));
    QCOMPARE(down.size(), 3);
    QVERIFY(down.first().stale);
}

void TestAlertFeed::serviceDownFiresAfterTwoMinutes_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<int>("urgency");

    QTest::newRow("Bot Core refused")
        << Engine << int(Verdict::Down) << 0 << u"botcore.service_down.p0"_s
        << int(Notifier::Urgency::Critical);
    QTest::newRow("EchoPilot failing")
        << Echo << int(Verdict::Fail) << 500 << u"echopilot.health.p0"_s
        << int(Notifier::Urgency::Critical);
}

void TestAlertFeed::serviceDownFiresAfterTwoMinutes()
{
    QFETCH(QString, service);
    QFETCH(int, verdict);
    QFETCH(int, status);
    QFETCH(QString, rule);
    QFETCH(int, urgency);
    QSignalSpy raised(m_center.get(), &AlertCenter::alertRaised);
    QSignalSpy changed(m_center.get(), &AlertCenter::alertsChanged);

    for (int s = 0; s <= 105; s += 15)
        apply(service, u"health"_s, Verdict(verdict), status, {}, s);
    m_now = at(119);
    m_center->tick();
    QCOMPARE(raised.size(), 0);
    QVERIFY(m_center->activeAlerts().isEmpty());

    apply(service, u"health"_s, Verdict(verdict), status, {}, 120);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(changed.size(), 1);
    const Alert a = m_center->activeAlerts().value(0);
    QCOMPARE(a.ruleId, rule);
    QCOMPARE(a.severity, Severity::P0);
    QCOMPARE(a.service, service);
    QCOMPARE(a.environment, u"production"_s);
    QCOMPARE(a.since, at(0));
    QVERIFY(!a.runbookId.isEmpty());
    QCOMPARE(m_notifier.calls().size(), 1);
    QCOMPARE(int(m_notifier.calls().first().urgency), urgency);

    // Still down: the same alert, no second notification.
    apply(service, u"health"_s, Verdict(verdict), status, {}, 135);
    QCOMPARE(m_center->activeAlerts().size(), 1);
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertFeed::databaseLostFiresAtOnce()
{
    apply(Engine, u"health"_s, Verdict::Fail, 503,
          "{\"status\":\"down\",\"database\":\"disconnected\"}", 0);
    QCOMPARE(activeRules(), QStringList{u"botcore.database.p0"_s});
    QCOMPARE(m_notifier.calls().size(), 1);
    QVERIFY(m_notifier.calls().first().title.contains(Engine));

    apply(Engine, u"health"_s, Verdict::Pass, 200,
          "{\"status\":\"healthy\",\"database\":\"connected\"}", 15);
    QVERIFY(activeRules().isEmpty());
    QCOMPARE(m_center->recentlyResolved().value(0).ruleId, u"botcore.database.p0"_s);
}

void TestAlertFeed::sloBreachFiresP1_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("rules");

    QTest::newRow("all within targets")
        << QByteArray(
               "{\"availability\":0.999,\"p95_ms\":800,\"p99_ms\":1200,\"webhook_success\":0.99}")
        << QStringList();
    QTest::newRow("p95 over 800 ms")
        << QByteArray(
               "{\"availability\":0.9995,\"p95_ms\":801,\"p99_ms\":1000,\"webhook_success\":0.995}")
        << QStringList{u"echopilot.slo_p95.p1"_s};
    QTest::newRow("availability and webhooks low")
        << QByteArray(
               "{\"availability\":0.9985,\"p95_ms\":500,\"p99_ms\":900,\"webhook_success\":0.98}")
        << QStringList{u"echopilot.slo_availability.p1"_s, u"echopilot.slo_webhook.p1"_s};
}

void TestAlertFeed::sloBreachFiresP1()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, rules);
    apply(Echo, u"slo"_s, Verdict::Pass, 200, body, 0);
    QStringList active = activeRules();
    active.sort();
    QCOMPARE(active, rules);
    for (const Alert &a : m_center->activeAlerts())
        QCOMPARE(a.severity, Severity::P1);
    QCOMPARE(m_notifier.calls().size(), rules.size());
}

void TestAlertFeed::metricsFireBotCoreRules()
{
    apply(Engine, u"metrics"_s, Verdict::Pass, 200,
          metricsBody(1000, 10, {900, 1000, 1010, 1010}, 5), 0);
    QVERIFY(activeRules().isEmpty());
    apply(Engine, u"metrics"_s, Verdict::Pass, 200,
          metricsBody(1880, 130, {1000, 1900, 2010, 2010}, 8), 60);
    QStringList active = activeRules();
    active.sort();
    QCOMPARE(active, (QStringList{u"botcore.error_rate.p0"_s, u"botcore.p95.p1"_s,
                                  u"botcore.trades_failed.p0"_s}));
    // EchoPilot has no Bot Core latency tiers: the same figures raise nothing there.
    apply(Echo, u"metrics"_s, Verdict::Pass, 200, metricsBody(1000, 10, {900, 1000, 1010, 1010}, 5),
          0);
    apply(Echo, u"metrics"_s, Verdict::Pass, 200,
          metricsBody(1880, 130, {1000, 1900, 2010, 2010}, 8), 60);
    QCOMPARE(m_center->activeAlerts().size(), 3);
}

void TestAlertFeed::staleFiresNothing()
{
    // Ten minutes with nothing but stale answers: the laptop, not the world, is the problem.
    for (int s = 0; s <= 600; s += 15) {
        apply(Engine, u"health"_s, Verdict::Stale, 0, {}, s);
        apply(Echo, u"health"_s, Verdict::Stale, 0, {}, s);
        apply(Echo, u"slo"_s, Verdict::Stale, 0, {}, s);
        apply(Engine, u"metrics"_s, Verdict::Stale, 0, {}, s);
    }
    QVERIFY(m_center->activeAlerts().isEmpty());
    QVERIFY(m_center->recentlyResolved().isEmpty());
    QCOMPARE(m_notifier.calls().size(), 0);

    // Down from 700 s until the answers turn stale at 775 s (75 s counted), stale for ten
    // minutes, then down again: the stale time does not count, so the two minutes are only
    // complete 45 s after the answers come back.
    engineDown(700, 760);
    for (int s = 775; s <= 1400; s += 15)
        apply(Engine, u"health"_s, Verdict::Stale, 0, {}, s);
    engineDown(1405, 1435);
    QVERIFY(m_center->activeAlerts().isEmpty());
    engineDown(1450, 1450);
    QCOMPARE(activeRules(), QStringList{u"botcore.service_down.p0"_s});
}

void TestAlertFeed::offlineFiresNothing()
{
    engineDown(0, 60);
    m_center->setOffline(true);
    for (int s = 75; s <= 600; s += 15) {
        m_now = at(s);
        m_center->tick();
    }
    QVERIFY(m_center->activeAlerts().isEmpty());
    QCOMPARE(m_notifier.calls().size(), 0);
}

void TestAlertFeed::recoveryResolves()
{
    engineDown(0, 120);
    QCOMPARE(m_center->activeAlerts().size(), 1);
    const QString id = m_center->activeAlerts().first().id;
    QSignalSpy resolved(m_center.get(), &AlertCenter::alertResolved);
    QSignalSpy changed(m_center.get(), &AlertCenter::alertsChanged);

    apply(Engine, u"health"_s, Verdict::Pass, 200, "{\"status\":\"healthy\"}", 135);
    QVERIFY(m_center->activeAlerts().isEmpty());
    QCOMPARE(resolved.size(), 1);
    QCOMPARE(changed.size(), 1);
    const QList<Alert> recent = m_center->recentlyResolved();
    QCOMPARE(recent.size(), 1);
    QCOMPARE(recent.first().id, id);
    QCOMPARE(recent.first().resolvedAt, at(135));
    QVERIFY(!recent.first().isActive());

    // A new outage is a new alert, listed before the old one among the resolved.
    engineDown(150, 270);
    apply(Engine, u"health"_s, Verdict::Pass, 200, {}, 285);
    QCOMPARE(m_center->recentlyResolved().size(), 2);
    QVERIFY(m_center->recentlyResolved().first().id != id);
    QCOMPARE(m_center->recentlyResolved(1).size(), 1);
}

void TestAlertFeed::unacknowledgedP0EscalatesAtFiveMinutes()
{
    QSignalSpy escalated(m_center.get(), &AlertCenter::alertEscalated);
    engineDown(0, 120); // fires at 120 s
    QCOMPARE(m_notifier.calls().size(), 1);
    engineDown(135, 405);
    m_now = at(419);
    m_center->tick();
    QCOMPARE(escalated.size(), 0);
    QVERIFY(!m_center->activeAlerts().first().escalated);

    apply(Engine, u"health"_s, Verdict::Down, 0, {}, 420); // 5 min after firing
    QCOMPARE(escalated.size(), 1);
    const Alert a = m_center->activeAlerts().first();
    QVERIFY(a.escalated);
    QCOMPARE(a.escalatedAt, at(420));
    QCOMPARE(m_notifier.calls().size(), 2);
    QVERIFY(m_notifier.calls().last().title.startsWith(u"Escalated"_s));

    engineDown(435, 1200); // once only
    QCOMPARE(escalated.size(), 1);
    QCOMPARE(m_notifier.calls().size(), 2);
}

void TestAlertFeed::acknowledgedDoesNotEscalate()
{
    QSignalSpy escalated(m_center.get(), &AlertCenter::alertEscalated);
    QSignalSpy changed(m_center.get(), &AlertCenter::alertsChanged);
    engineDown(0, 120);
    const QString id = m_center->activeAlerts().first().id;
    m_now = at(200);
    const QString owner = AlertCenter::defaultOwner();
    const auto ok = m_center->acknowledge(id, owner.isEmpty() ? u"oncall"_s : owner,
                                          u"looking at the container"_s);
    QVERIFY2(ok, qPrintable(ok ? QString() : ok.error().toString()));
    QCOMPARE(changed.size(), 2); // raised, acknowledged
    engineDown(210, 1200);
    QCOMPARE(escalated.size(), 0);
    const Alert a = m_center->alert(id);
    QVERIFY(a.isAcknowledged());
    QVERIFY(!a.escalated);
    QCOMPARE(a.ackAt, at(200));
    QCOMPARE(a.note, u"looking at the container"_s);
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertFeed::badAcknowledgementKeepsAlert()
{
    engineDown(0, 120);
    const QString id = m_center->activeAlerts().first().id;
    const auto empty = m_center->acknowledge(id, u"   "_s);
    QVERIFY(!empty);
    QVERIFY(empty.error().message.contains(u"owner"_s));
    const auto unknown = m_center->acknowledge(u"nope"_s, u"alice"_s);
    QVERIFY(!unknown);
    QVERIFY(!unknown.error().message.isEmpty());
    QCOMPARE(m_center->activeAlerts().size(), 1);
    QVERIFY(!m_center->alert(id).isAcknowledged());
}

void TestAlertFeed::muteSuppressesUntilExpiry()
{
    QSignalSpy mutes(m_center.get(), &AlertCenter::mutesChanged);
    m_center->muteFor(Severity::P1, std::chrono::hours(1));
    QCOMPARE(mutes.size(), 1);
    QCOMPARE(m_center->mutedUntil(Severity::P1), at(3600));
    QVERIFY(!m_center->mutedUntil(Severity::P0).isValid());

    const QByteArray slow =
        "{\"availability\":0.9995,\"p95_ms\":900,\"p99_ms\":1000,\"webhook_success\":0.995}";
    const QByteArray fine =
        "{\"availability\":0.9995,\"p95_ms\":500,\"p99_ms\":1000,\"webhook_success\":0.995}";
    apply(Echo, u"slo"_s, Verdict::Pass, 200, slow, 10);
    QCOMPARE(m_center->activeAlerts().size(), 1); // raised and shown, only not announced
    QCOMPARE(m_notifier.calls().size(), 0);
    engineDown(20, 140); // P0 is not muted
    QCOMPARE(m_notifier.calls().size(), 1);
    apply(Engine, u"health"_s, Verdict::Pass, 200, {}, 155);

    apply(Echo, u"slo"_s, Verdict::Pass, 200, fine, 3000);
    apply(Echo, u"slo"_s, Verdict::Pass, 200, slow, 3599);
    QCOMPARE(m_notifier.calls().size(), 1);

    apply(Echo, u"slo"_s, Verdict::Pass, 200, fine, 3600);
    apply(Echo, u"slo"_s, Verdict::Pass, 200, slow, 3601); // the hour is over
    QVERIFY(!m_center->mutedUntil(Severity::P1).isValid());
    QCOMPARE(m_notifier.calls().size(), 2);
    QCOMPARE(m_notifier.calls().last().urgency, Notifier::Urgency::Normal);

    m_center->muteFor(Severity::P1, std::chrono::minutes(10));
    m_center->unmute(Severity::P1);
    QVERIFY(!m_center->mutedUntil(Severity::P1).isValid());
    QCOMPARE(mutes.size(), 3);
}

void TestAlertFeed::otherEnvironmentFreezes()
{
    QSignalSpy escalated(m_center.get(), &AlertCenter::alertEscalated);
    engineDown(0, 120);
    QCOMPARE(m_center->activeAlerts().size(), 1);

    // The user switches to staging: production's engine is no longer probed.
    m_center->setWatchedServices({Staging});
    for (int s = 135; s <= 1200; s += 15) {
        m_now = at(s);
        m_center->tick();
    }
    // A late answer from production changes nothing either.
    apply(Engine, u"health"_s, Verdict::Pass, 200, {}, 1210);
    QCOMPARE(m_center->activeAlerts().size(), 1);
    QCOMPARE(escalated.size(), 0);

    // Staging's results count.
    for (int s = 1215; s <= 1335; s += 15)
        apply(Staging, u"health"_s, Verdict::Down, 0, {}, s);
    QCOMPARE(m_center->activeAlerts().size(), 2);
    const Alert staging = m_center->activeAlerts().value(1);
    QCOMPARE(staging.service, Staging);
    QCOMPARE(staging.environment, u"staging"_s);

    // Back to production: the engine answers again and its alert resolves.
    m_center->setWatchedServices({Engine, Echo});
    apply(Engine, u"health"_s, Verdict::Pass, 200, {}, 1350);
    QCOMPARE(m_center->activeAlerts().size(), 1);
    QCOMPARE(m_center->activeAlerts().first().service, Staging);
}

void TestAlertFeed::badThresholdsRejected()
{
    QSignalSpy rejected(m_center.get(), &AlertCenter::thresholdsRejected);
    Workspace ws = m_ws;
    ws.thresholds.insert(u"alerts.echopilot.slo_p95.p1"_s, 500);
    m_center->setWorkspace(ws);
    QCOMPARE(rejected.size(), 0);
    QVERIFY(m_center->thresholdProblem().code.isEmpty());
    apply(Echo, u"slo"_s, Verdict::Pass, 200,
          "{\"availability\":0.9995,\"p95_ms\":600,\"p99_ms\":1000,\"webhook_success\":0.995}", 0);
    QCOMPARE(activeRules(), QStringList{u"echopilot.slo_p95.p1"_s});

    ws.thresholds.insert(u"alerts.no.such.rule"_s, 1);
    m_center->setWorkspace(ws);
    QCOMPARE(rejected.size(), 1);
    QVERIFY(m_center->thresholdProblem().message.contains(u"alerts.no.such.rule"_s));
    // The previous thresholds stay: 600 ms is still over the 500 ms override.
    apply(Echo, u"slo"_s, Verdict::Pass, 200,
          "{\"availability\":0.9995,\"p95_ms\":600,\"p99_ms\":1000,\"webhook_success\":0.995}", 15);
    QCOMPARE(activeRules(), QStringList{u"echopilot.slo_p95.p1"_s});
}

void TestAlertFeed::defaultOwnerIsTheOsUser()
{
    const QByteArray saved = qgetenv("USER");
    qputenv("USER", "night-shift");
    QCOMPARE(AlertCenter::defaultOwner(), u"night-shift"_s);
    qunsetenv("USER");
    const QByteArray logname = qgetenv("LOGNAME");
    qunsetenv("LOGNAME");
    // Without USER or LOGNAME the account database still knows who runs the console.
    QVERIFY(!AlertCenter::defaultOwner().isEmpty());
    for (const auto &[name, value] : {std::pair{"USER", saved}, std::pair{"LOGNAME", logname}}) {
        if (value.isNull())
            qunsetenv(name);
        else
            qputenv(name, value);
    }
}

QTEST_GUILESS_MAIN(TestAlertFeed)
#include "tst_alertfeed.moc"
