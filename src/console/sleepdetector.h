// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

#include <functional>

class QTimer;

namespace ph {

/**
 * Notices that the machine was suspended: during a suspend the monotonic clock stands still
 * while the wall clock runs on, so a check that finds the wall clock far ahead of the
 * monotonic one means the laptop slept — and every SSH connection may be dead without
 * knowing it yet.
 */
class SleepDetector : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<qint64()>; ///< milliseconds

    /// @p wall and @p monotonic default to the system's clocks (tests pass their own).
    explicit SleepDetector(QObject *parent = nullptr, Clock wall = {}, Clock monotonic = {});

    /// Starts checking every @p intervalMs; a gap of more than @p thresholdMs is a sleep.
    void start(int intervalMs = 10000, qint64 thresholdMs = 15000);
    void stop();
    /// One check now (the timer calls this).
    void check();

Q_SIGNALS:
    /// The machine slept for about @p sleptMs.
    void resumed(qint64 sleptMs);

private:
    Clock m_wall;
    Clock m_monotonic;
    QTimer *m_timer;
    qint64 m_thresholdMs = 15000;
    qint64 m_lastWall = 0;
    qint64 m_lastMonotonic = 0;
};

} // namespace ph
