// SPDX-License-Identifier: GPL-3.0-or-later
// The alert centre built twice over one database file, as a console restart does.
#include "alerts/alertcenter.h"
#include "alerts/alertstatestore.h"
#include "notify/fakenotifier.h"
#include "storage/database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {
const QString Engine = u"engine"_s; // a Bot Core service
const QString DiskP0 = u"botcore.disk.p0"_s;
const QDateTime T0 = QDateTime(QDate(2025, 3, 1), QTime(12, 0), Qt::UTC);
} // namespace

class TestAlertMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void acknowledgementSurvivesRestart();
    void recoveryWhileClosedForgetsIt();
    void endedMuteIsForgotten();
    void badAcknowledgementStoresNothing();
    void attachingTwiceIsRefused();
    void failedWriteIsReported();

private:
    /// A console start: the database file opened again and a new centre attached to it.
    void start();
    /// A console quit: the centre (and its pending writes) and the database go.
    void quit();
    void feedDisk(double percent, int atSec);
    AlertMemory remembered(const QDateTime &asOf = T0);

    QTemporaryDir m_dir;
    QDateTime m_now;
    FakeNotifier m_notifier;
    std::shared_ptr<Database> m_db;
    std::unique_ptr<AlertCenter> m_center;
};

void TestAlertMemory::init()
{
    QVERIFY(m_dir.isValid());
    QFile::remove(m_dir.filePath(u"pilothouse.sqlite"_s));
    m_now = T0;
    m_notifier.clear();
    start();
}

void TestAlertMemory::cleanup()
{
    quit();
    for (const QString &f : QDir(m_dir.path()).entryList(QDir::Files))
        QFile::remove(m_dir.filePath(f));
}

void TestAlertMemory::start()
{
    auto db = Database::open(m_dir.filePath(u"pilothouse.sqlite"_s));
    QVERIFY2(db.has_value(), qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
    m_center = std::make_unique<AlertCenter>();
    m_center->setClock([this] { return m_now; });
    m_center->setNotifier(&m_notifier);
    m_center->engine()->setServiceProfile(Engine, u"botcore"_s);
    const auto attached = m_center->attachDatabase(m_db);
    QVERIFY2(attached.has_value(), qPrintable(attached ? QString() : attached.error().toString()));
}

void TestAlertMemory::quit()
{
    m_center.reset();
    m_db.reset();
}

void TestAlertMemory::feedDisk(double percent, int atSec)
{
    m_now = T0.addSecs(atSec);
    m_center->engine()->feed(Observation::number(Engine, u"disk.percent"_s, percent, m_now));
    m_center->tick();
}

AlertMemory TestAlertMemory::remembered(const QDateTime &asOf)
{
    auto db = Database::open(m_dir.filePath(u"pilothouse.sqlite"_s));
    if (!db)
        return {};
    auto memory = AlertStateStore(*db).load(asOf);
    (*db)->releaseThreadConnection();
    return memory.value_or(AlertMemory{});
}

void TestAlertMemory::acknowledgementSurvivesRestart()
{
    feedDisk(95, 0);
    const Alert first = m_center->activeAlerts().value(0);
    QCOMPARE(first.ruleId, DiskP0);
    QVERIFY(m_center->acknowledge(first.id, u"alice"_s, u"clearing old logs"_s).has_value());
    m_now = T0.addSecs(60);
    m_center->muteFor(Severity::P1, std::chrono::minutes(30));
    const QDateTime muteEnds = T0.addSecs(60 + 30 * 60);
    quit();

    const AlertMemory stored = remembered();
    QCOMPARE(stored.acknowledgements.size(), 1);
    QCOMPARE(stored.acknowledgements.first().ruleId, DiskP0);
    QCOMPARE(stored.acknowledgements.first().service, Engine);
    QCOMPARE(stored.acknowledgements.first().severity, Severity::P0);
    QCOMPARE(stored.acknowledgements.first().owner, u"alice"_s);
    QCOMPARE(stored.acknowledgements.first().at, T0);
    QCOMPARE(stored.mutes.value(Severity::P1), muteEnds);

    m_notifier.clear();
    m_now = T0.addSecs(600);
    start();
    QCOMPARE(m_center->mutedUntil(Severity::P1), muteEnds);
    QVERIFY(!m_center->mutedUntil(Severity::P0).isValid());
    QSignalSpy escalated(m_center.get(), &AlertCenter::alertEscalated);
    feedDisk(96, 600);
    const Alert again = m_center->activeAlerts().value(0);
    QCOMPARE(again.ruleId, DiskP0);
    QVERIFY(again.id != first.id || again.firedAt != first.firedAt);
    QCOMPARE(again.owner, u"alice"_s);
    QCOMPARE(again.ackAt, T0);
    QCOMPARE(again.note, u"clearing old logs"_s);
    for (int s = 630; s <= 600 + 20 * 60; s += 30)
        feedDisk(96, s);
    QCOMPARE(escalated.size(), 0);
    QVERIFY(!m_center->alert(again.id).escalated);
    QCOMPARE(m_notifier.calls().size(), 0);

    // It recovers: the acknowledgement ends and its row goes; the mute stays.
    feedDisk(40, 2000);
    QVERIFY(m_center->activeAlerts().isEmpty());
    quit();
    const AlertMemory after = remembered();
    QVERIFY(after.acknowledgements.isEmpty());
    QCOMPARE(after.mutes.value(Severity::P1), muteEnds);

    // A new breach after that is nobody's yet: it pages.
    start();
    feedDisk(97, 2100);
    QVERIFY(!m_center->activeAlerts().value(0).isAcknowledged());
    QCOMPARE(m_notifier.calls().size(), 1);
}

void TestAlertMemory::recoveryWhileClosedForgetsIt()
{
    feedDisk(95, 0);
    QVERIFY(m_center->acknowledge(m_center->activeAlerts().value(0).id, u"bob"_s).has_value());
    quit();
    QCOMPARE(remembered().acknowledgements.size(), 1);

    m_now = T0.addSecs(3600);
    start();
    feedDisk(50, 3600); // fine again by the time the console is back
    quit();
    QVERIFY(remembered().acknowledgements.isEmpty());

    start();
    feedDisk(95, 3700);
    QVERIFY(!m_center->activeAlerts().value(0).isAcknowledged());
}

void TestAlertMemory::endedMuteIsForgotten()
{
    m_center->muteFor(Severity::P0, std::chrono::minutes(5));
    m_center->muteFor(Severity::P1, std::chrono::minutes(60));
    quit();

    m_now = T0.addSecs(6 * 60);
    start();
    QVERIFY(!m_center->mutedUntil(Severity::P0).isValid());
    QCOMPARE(m_center->mutedUntil(Severity::P1), T0.addSecs(3600));
    quit();
    // Asked as of T0, a row still there would count as muted.
    const AlertMemory stored = remembered(T0);
    QVERIFY(!stored.mutes.contains(Severity::P0));
    QVERIFY(stored.mutes.contains(Severity::P1));

    start();
    m_center->unmute(Severity::P1);
    quit();
    QVERIFY(remembered(T0).mutes.isEmpty());
}

void TestAlertMemory::badAcknowledgementStoresNothing()
{
    feedDisk(95, 0);
    const Alert a = m_center->activeAlerts().value(0);
    const auto noOwner = m_center->acknowledge(a.id, u"   "_s);
    QVERIFY(!noOwner);
    QCOMPARE(noOwner.error().code, u"alerts.owner"_s);
    QVERIFY(!noOwner.error().message.isEmpty());
    const auto unknown = m_center->acknowledge(u"no-such-alert"_s, u"alice"_s);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, u"alerts.unknown"_s);
    quit();
    QVERIFY(remembered().acknowledgements.isEmpty());

    // Nothing was taken, so after a restart it pages and escalates as before.
    start();
    QSignalSpy escalated(m_center.get(), &AlertCenter::alertEscalated);
    for (int s = 10; s <= 400; s += 30)
        feedDisk(95, s);
    QCOMPARE(escalated.size(), 1);
}

void TestAlertMemory::attachingTwiceIsRefused()
{
    const auto twice = m_center->attachDatabase(m_db);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, u"alerts.storage"_s);
    AlertCenter other;
    QVERIFY(!other.attachDatabase(nullptr));

    // The first attachment still keeps what happens.
    feedDisk(95, 0);
    QVERIFY(m_center->acknowledge(m_center->activeAlerts().value(0).id, u"carol"_s).has_value());
    quit();
    QCOMPARE(remembered().acknowledgements.value(0).owner, u"carol"_s);
}

void TestAlertMemory::failedWriteIsReported()
{
    QSignalSpy failed(m_center.get(), &AlertCenter::storageFailed);
    // Something outside the console broke the table; the next write must say so.
    QVERIFY(m_db->run(u"DROP TABLE alert_mutes"_s).has_value());
    m_center->muteFor(Severity::P2, std::chrono::minutes(10));
    QVERIFY(failed.wait(5000));
    const auto error = failed.first().first().value<Error>();
    QVERIFY(!error.message.isEmpty());
    // The mute itself still holds for this run.
    QCOMPARE(m_center->mutedUntil(Severity::P2), T0.addSecs(600));
}

QTEST_GUILESS_MAIN(TestAlertMemory)
#include "tst_alertmemory.moc"
