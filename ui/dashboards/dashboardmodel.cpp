// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/dashboardmodel.h"

#include "metrics/dashboardfigures.h"

namespace ph {

DashboardModel::DashboardModel(int columnCount, int ageColumn, QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
    , m_columnCount(columnCount)
    , m_ageColumn(ageColumn)
{
}

int DashboardModel::rowOf(const QString &service) const
{
    for (qsizetype i = 0; i < serviceCount(); ++i) {
        if (serviceAt(i) == service)
            return int(i);
    }
    return -1;
}

double DashboardModel::threshold(const QString &key) const
{
    return dashboardThreshold(m_thresholds, key);
}

void DashboardModel::refreshAges(const QDateTime &now)
{
    m_now = now;
    if (serviceCount() > 0)
        Q_EMIT dataChanged(index(0, m_ageColumn), index(int(serviceCount()) - 1, m_ageColumn),
                           {Qt::DisplayRole});
}

int DashboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(serviceCount());
}

int DashboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_columnCount;
}

void DashboardModel::advanceClock()
{
    m_now = std::max(m_now, QDateTime::currentDateTimeUtc());
}

} // namespace ph
