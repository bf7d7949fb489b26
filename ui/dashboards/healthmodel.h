// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QVector>

namespace ph {

/**
 * One row per probed endpoint of the current environment: its latest result, when its
 * verdict last changed, recent latencies for the sparkline and uptime figures.
 * Rows are fixed by setServices(); results update rows in place so selection survives.
 */
class HealthModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ServiceCol,
        EndpointCol,
        StatusCol,
        HttpCol,
        LatencyCol,
        TrendCol,
        LastChangeCol,
        Uptime24hCol,
        Uptime7dCol,
        AgeCol,
        ColumnCount
    };
    enum Role
    {
        ResultRole = Qt::UserRole + 1,
        LatencyHistoryRole,
        VerdictRole
    };

    struct Row
    {
        QString service;
        QString endpoint;
        QString path;
        ProbeResult last;
        QDateTime lastChange;
        QDateTime lastAnswer;   ///< last time the service answered at all
        QVector<int> latencies; ///< newest last, bounded
        double uptime24h = -1;  ///< ratio 0..1, negative = unknown
        double uptime7d = -1;
    };

    explicit HealthModel(QObject *parent = nullptr);

    void setServices(const QList<Service> &services);
    void applyResult(const ProbeResult &result);
    void setUptime(const QString &service, const QString &endpoint, double day, double week);
    /// Re-evaluates the age column against \a now (called once a second by the view).
    void refreshAges(const QDateTime &now);

    int rowOf(const QString &service, const QString &endpoint) const;
    const Row &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString verdictText(Verdict v);
    static QString formatAge(qint64 seconds);

private:
    QList<Row> m_rows;
    QDateTime m_now;
};

} // namespace ph
