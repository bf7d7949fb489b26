// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/historywriter.h"
#include "storage/database.h"
#include "storage/probehistory.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cmath>

using namespace Qt::StringLiterals;
using ph::Database;
using ph::HistoryWriter;
using ph::ProbeHistory;
using ph::ProbeResult;
using ph::Verdict;

namespace {

constexpr qint64 kSecond = 1000;
constexpr qint64 kMaxGap = 30 * kSecond;
// The writer reads the clock itself; between two writers the window moves by a few ms,
// which moves the ratio of a 24 h window by far less than this.
constexpr double kClockSlack = 1e-5;

ProbeResult result(const QString &endpoint, const QDateTime &at, Verdict verdict)
{
    ProbeResult r;
    r.service = u"shop"_s;
    r.endpoint = endpoint;
    r.checkedAt = at;
    r.verdict = verdict;
    return r;
}

struct Figures
{
    double day = -2;
    double week = -2;
};

QHash<QString, Figures> uptimeOf(HistoryWriter &writer, const QStringList &keys)
{
    QSignalSpy ready(&writer, &HistoryWriter::uptimeReady);
    writer.computeUptime(keys, kMaxGap);
    QHash<QString, Figures> figures;
    for (const auto &args : std::as_const(ready))
        figures.insert(args.at(1).toString(),
                       Figures{args.at(2).toDouble(), args.at(3).toDouble()});
    return figures;
}

} // namespace

class TestHistoryWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // A writer that saw the samples live, one seeded from the database, and the full
    // computation all give the same figures, also after out-of-order samples and roll-ups.
    void liveSeededAndFullAgree()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto db = Database::open(dir.filePath(u"history.sqlite"_s));
        QVERIFY2(db, db ? "" : qPrintable(db.error().toString()));

        const QStringList keys = {u"shop\napi"_s, u"shop\nweb"_s};
        HistoryWriter live(*db);
        // Seeds the live writer's tallies while the database is still empty.
        QCOMPARE(uptimeOf(live, keys).size(), 2);

        QRandomGenerator rng(7);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QDateTime at = now.addSecs(-26 * 3600);
        const Verdict verdicts[] = {Verdict::Pass, Verdict::Fail, Verdict::Stale, Verdict::Down};
        Verdict verdict = Verdict::Pass;
        int stored = 0;
        // Stop a few minutes short of now so no sample's coverage is still growing.
        while (at < now.addSecs(-300)) {
            if (rng.bounded(30) == 0)
                verdict = verdicts[rng.bounded(4)];
            live.record(result(u"api"_s, at, verdict));
            live.record(result(u"web"_s, at, rng.bounded(10) ? Verdict::Pass : Verdict::Fail));
            stored += 2;
            at = at.addMSecs(rng.bounded(10) == 0 ? 95 * kSecond : 15 * kSecond);
        }
        // A late result: stored out of order, so that tally must be rebuilt.
        live.record(result(u"api"_s, now.addSecs(-3600), Verdict::Down));
        QVERIFY(stored > 5000);

        const auto agrees = [&](const QHash<QString, Figures> &figures) {
            ProbeHistory history(*db);
            const QDateTime end = QDateTime::currentDateTimeUtc();
            for (const QString &endpoint : {u"api"_s, u"web"_s}) {
                auto day = history.uptime(u"shop"_s, endpoint, end.addDays(-1), end, kMaxGap);
                auto week = history.uptime(u"shop"_s, endpoint, end.addDays(-7), end, kMaxGap);
                if (!day || !week || !day->hasData() || !(day->upRatio < 1.0))
                    return false;
                if (std::abs(figures.value(endpoint).day - day->upRatio) > kClockSlack ||
                    std::abs(figures.value(endpoint).week - week->upRatio) > kClockSlack) {
                    qWarning() << endpoint << figures.value(endpoint).day << day->upRatio
                               << figures.value(endpoint).week << week->upRatio;
                    return false;
                }
            }
            return true;
        };
        QVERIFY(agrees(uptimeOf(live, keys)));
        HistoryWriter seeded(*db);
        QVERIFY(agrees(uptimeOf(seeded, keys)));

        // The roll-up trims the tallies; figures stay those of the stored tiers.
        live.rollUp();
        QVERIFY(agrees(uptimeOf(live, keys)));
        seeded.rollUp();
        QVERIFY(agrees(uptimeOf(seeded, keys)));
    }

    void unknownEndpointHasNoFigure()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        auto db = Database::open(dir.filePath(u"history.sqlite"_s));
        QVERIFY(db);
        HistoryWriter writer(*db);
        const auto figures = uptimeOf(writer, {u"shop\nnothing"_s});
        QCOMPARE(figures.value(u"nothing"_s).day, -1.0);
        QCOMPARE(figures.value(u"nothing"_s).week, -1.0);
    }
};

QTEST_GUILESS_MAIN(TestHistoryWriter)
#include "tst_historywriter.moc"
