// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/historychart.h"

#include "ui/widgets/statuscolors.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace ph {

HistoryChart::HistoryChart(QChartView *view)
    : m_view(view)
{
}

void HistoryChart::rebuild(const QString &title, const QStringList &services, QValueAxis *valueAxis,
                           const QString &limitName)
{
    QMap<QString, QList<QPointF>> kept;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        kept.insert(it.key(), it.value()->points());
    m_series.clear();

    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(u"HH:mm:ss"_s);
    m_timeAxis->setTickCount(5);
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);

    for (const QString &name : services) {
        auto *series = new QLineSeries;
        series->setName(name);
        series->append(kept.value(name));
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(valueAxis);
        m_series.insert(name, series);
    }
    m_limitSeries = new QLineSeries;
    m_limitSeries->setName(limitName);
    QPen pen(statusColor(Verdict::Fail));
    pen.setStyle(Qt::DashLine);
    pen.setWidth(2);
    m_limitSeries->setPen(pen);
    chart->addSeries(m_limitSeries);
    m_limitSeries->attachAxis(m_timeAxis);
    m_limitSeries->attachAxis(valueAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);

    QChart *old = m_view->chart();
    m_view->setChart(chart);
    delete old;
}

void HistoryChart::append(const QString &service, const QDateTime &at, double value)
{
    QLineSeries *s = m_series.value(service);
    if (!s)
        return;
    if (s->count() >= MaxHistory)
        s->removePoints(0, s->count() - MaxHistory + 1);
    s->append(double(at.toMSecsSinceEpoch()), value);
}

QList<QPointF> HistoryChart::points(const QString &service) const
{
    const QLineSeries *s = m_series.value(service);
    return s ? s->points() : QList<QPointF>{};
}

QPair<double, double> HistoryChart::updateRange(double limit)
{
    qreal minX = std::numeric_limits<qreal>::max();
    qreal maxX = std::numeric_limits<qreal>::lowest();
    double minY = limit;
    double maxY = limit;
    for (const QLineSeries *s : std::as_const(m_series)) {
        for (const QPointF &p : s->points()) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
            maxY = std::max(maxY, p.y());
        }
    }
    if (minX > maxX) {
        const qreal now = qreal(QDateTime::currentMSecsSinceEpoch());
        minX = now - 60000;
        maxX = now;
    } else if (maxX - minX < 60000) {
        // A single check still gets a readable minute of axis.
        minX = maxX - 60000;
    }
    m_limitSeries->replace({QPointF(minX, limit), QPointF(maxX, limit)});
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(minX)),
                         QDateTime::fromMSecsSinceEpoch(qint64(maxX)));
    return {minY, maxY};
}

} // namespace ph
