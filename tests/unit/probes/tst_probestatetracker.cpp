// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probestatetracker.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestProbeStateTracker : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void staleAfterTwoIntervals_data();
    void staleAfterTwoIntervals();
    void staleKeepsAgeOfLastAnswer();
    void neverAnswered();
    void freshResultAfterStale();
    void staleResultKeepsLastAnswer();

private:
    ProbeResult result(Verdict v, const QDateTime &at) const
    {
        ProbeResult r;
        r.service = u"echopilot"_s;
        r.endpoint = u"health"_s;
        r.url = u"http://127.0.0.1:5000/api/health"_s;
        r.verdict = v;
        r.checkedAt = at;
        return r;
    }

    QDateTime m_t0;
    ProbeStateTracker m_tracker;
};

void TestProbeStateTracker::init()
{
    m_t0 = QDateTime(QDate(2026, 11, 23), QTime(3, 0), Qt::UTC);
    ProbeResult id = result(Verdict::Unknown, {});
    ProbeResult other = id;
    other.endpoint = u"slo"_s;
    m_tracker.reset({id, other}, {1000, 60000}, m_t0);
}

void TestProbeStateTracker::staleAfterTwoIntervals_data()
{
    QTest::addColumn<int>("silentMs");
    QTest::addColumn<bool>("stale");
    QTest::newRow("one interval") << 1000 << false;
    QTest::newRow("just under two") << 1999 << false;
    QTest::newRow("two intervals") << 2000 << true;
    QTest::newRow("long silence") << 45000 << true;
}

void TestProbeStateTracker::staleAfterTwoIntervals()
{
    QFETCH(int, silentMs);
    QFETCH(bool, stale);
    ProbeResult r = result(Verdict::Pass, m_t0);
    QCOMPARE(m_tracker.apply(0, r, m_t0), Verdict::Unknown);

    const auto changes = m_tracker.expire(m_t0.addMSecs(silentMs));
    // Endpoint 1 has a 60 s interval: never stale within these spans.
    QCOMPARE(changes.size(), stale ? 1 : 0);
    QCOMPARE(m_tracker.shown(0).verdict, stale ? Verdict::Stale : Verdict::Pass);
    QCOMPARE(m_tracker.shown(1).verdict, Verdict::Unknown);
    if (stale) {
        QCOMPARE(changes.first().index, 0);
        QCOMPARE(changes.first().previous, Verdict::Pass);
        QCOMPARE(changes.first().result.endpoint, u"health"_s);
    }
}

void TestProbeStateTracker::staleKeepsAgeOfLastAnswer()
{
    ProbeResult r = result(Verdict::Down, m_t0);
    m_tracker.apply(0, r, m_t0);
    const QDateTime later = m_t0.addSecs(5);
    const auto changes = m_tracker.expire(later);
    QCOMPARE(changes.size(), 1);
    const ProbeResult &stale = changes.first().result;
    QCOMPARE(stale.verdict, Verdict::Stale);
    QCOMPARE(stale.lastAnswerAt, m_t0);
    QCOMPARE(stale.checkedAt, later);
    QVERIFY2(stale.error.contains(u"last answer 5 s ago"_s), qPrintable(stale.error));

    // Stale is reported once, not on every tick.
    QVERIFY(m_tracker.expire(later.addSecs(10)).isEmpty());
}

void TestProbeStateTracker::neverAnswered()
{
    const auto changes = m_tracker.expire(m_t0.addSecs(3));
    QCOMPARE(changes.size(), 1);
    QCOMPARE(changes.first().previous, Verdict::Unknown);
    QVERIFY(!changes.first().result.lastAnswerAt.isValid());
    QVERIFY(changes.first().result.error.contains(u"never answered"_s));
}

void TestProbeStateTracker::freshResultAfterStale()
{
    ProbeResult r = result(Verdict::Pass, m_t0);
    m_tracker.apply(0, r, m_t0);
    m_tracker.expire(m_t0.addSecs(3));
    QCOMPARE(m_tracker.shown(0).verdict, Verdict::Stale);

    const QDateTime t = m_t0.addSecs(4);
    ProbeResult down = result(Verdict::Down, t);
    QCOMPARE(m_tracker.apply(0, down, t), Verdict::Stale);
    QCOMPARE(down.lastAnswerAt, t);
    QCOMPARE(m_tracker.shown(0).verdict, Verdict::Down);
    // The clock restarts with the fresh result.
    QVERIFY(m_tracker.expire(t.addMSecs(1500)).isEmpty());
}

void TestProbeStateTracker::staleResultKeepsLastAnswer()
{
    ProbeResult r = result(Verdict::Pass, m_t0);
    m_tracker.apply(0, r, m_t0);
    // Offline: the check completes but reads Stale; the last real answer stays m_t0.
    const QDateTime t = m_t0.addSecs(1);
    ProbeResult offline = result(Verdict::Stale, t);
    m_tracker.apply(0, offline, t);
    QCOMPARE(offline.lastAnswerAt, m_t0);
}

QTEST_GUILESS_MAIN(TestProbeStateTracker)
#include "tst_probestatetracker.moc"
