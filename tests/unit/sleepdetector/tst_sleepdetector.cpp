// SPDX-License-Identifier: GPL-3.0-or-later
// A suspend shows as the wall clock running ahead of the monotonic one.
#include "console/sleepdetector.h"

#include <QSignalSpy>
#include <QTest>

using namespace ph;

class TestSleepDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wallClockJumpIsASleep()
    {
        qint64 wall = 1'000'000;
        qint64 mono = 5'000;
        SleepDetector d(
            nullptr, [&] { return wall; }, [&] { return mono; });
        QSignalSpy resumed(&d, &SleepDetector::resumed);
        d.start(60'000, 15'000);

        // Awake: both clocks advance together, with a little drift.
        wall += 10'000;
        mono += 9'990;
        d.check();
        QCOMPARE(resumed.size(), 0);

        // Suspended for ten minutes: only the wall clock moved.
        wall += 600'000 + 10'000;
        mono += 10'000;
        d.check();
        QCOMPARE(resumed.size(), 1);
        QCOMPARE(resumed.first().at(0).toLongLong(), 600'000);

        // Counted once: the next check compares against the new readings.
        wall += 10'000;
        mono += 10'000;
        d.check();
        QCOMPARE(resumed.size(), 1);
    }

    void settingTheClockBackIsNotASleep()
    {
        qint64 wall = 1'000'000;
        qint64 mono = 0;
        SleepDetector d(
            nullptr, [&] { return wall; }, [&] { return mono; });
        QSignalSpy resumed(&d, &SleepDetector::resumed);
        d.start(60'000, 15'000);
        wall -= 3'600'000; // NTP or the user turned the clock back an hour
        mono += 10'000;
        d.check();
        QCOMPARE(resumed.size(), 0);
    }

    void aGapBelowTheThresholdIsIgnored()
    {
        qint64 wall = 0;
        qint64 mono = 0;
        SleepDetector d(
            nullptr, [&] { return wall; }, [&] { return mono; });
        QSignalSpy resumed(&d, &SleepDetector::resumed);
        d.start(60'000, 15'000);
        wall += 24'000;
        mono += 10'000;
        d.check();
        QCOMPARE(resumed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSleepDetector)
#include "tst_sleepdetector.moc"
