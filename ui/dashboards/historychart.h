// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QPointF>
#include <QString>
#include <QStringList>

class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace ph {

/**
 * The "this session" chart the SLO and Queue dashboards share: one line per service over
 * time, bounded to the newest MaxHistory points, and a dashed line at the limit. The
 * value axis is the panel's; rebuild() keeps the points of services that stay.
 */
class HistoryChart
{
public:
    static constexpr int MaxHistory = 720; ///< three hours at the default 15 s interval

    explicit HistoryChart(QChartView *view);

    /// Replaces the chart; @p valueAxis is taken over by it.
    void rebuild(const QString &title, const QStringList &services, QValueAxis *valueAxis,
                 const QString &limitName);
    void append(const QString &service, const QDateTime &at, double value);
    QList<QPointF> points(const QString &service) const;
    /// Fits the time axis to the points (at least a minute) and draws the limit at
    /// @p limit; returns the lowest and highest value plotted (limit when none).
    QPair<double, double> updateRange(double limit);

private:
    QChartView *m_view;
    QDateTimeAxis *m_timeAxis = nullptr;
    QLineSeries *m_limitSeries = nullptr;
    QMap<QString, QLineSeries *> m_series;
};

} // namespace ph
