// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/sleepdetector.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>

namespace ph {

SleepDetector::SleepDetector(QObject *parent, Clock wall, Clock monotonic)
    : QObject(parent)
    , m_wall(std::move(wall))
    , m_monotonic(std::move(monotonic))
    , m_timer(new QTimer(this))
{
    if (!m_wall)
        m_wall = [] {
            return QDateTime::currentMSecsSinceEpoch();
        };
    if (!m_monotonic) {
        // QElapsedTimer is CLOCK_MONOTONIC on Linux, which does not count suspended time.
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        m_monotonic = [clock] {
            return clock->elapsed();
        };
    }
    connect(m_timer, &QTimer::timeout, this, &SleepDetector::check);
}

void SleepDetector::start(int intervalMs, qint64 thresholdMs)
{
    m_thresholdMs = thresholdMs;
    m_lastWall = m_wall();
    m_lastMonotonic = m_monotonic();
    m_timer->start(intervalMs);
}

void SleepDetector::stop()
{
    m_timer->stop();
}

void SleepDetector::check()
{
    const qint64 wall = m_wall();
    const qint64 monotonic = m_monotonic();
    const qint64 gap = (wall - m_lastWall) - (monotonic - m_lastMonotonic);
    m_lastWall = wall;
    m_lastMonotonic = monotonic;
    if (gap > m_thresholdMs)
        Q_EMIT resumed(gap);
}

} // namespace ph
