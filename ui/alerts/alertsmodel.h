// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QDateTime>
#include <QList>
#include <QSet>

namespace ph {

/**
 * A table of alerts: the active ones (most severe first) or the recently resolved ones.
 * Severity is written out ("P0") and coloured; times read relative ("5 min ago") with the
 * absolute time as tooltip. Updating with the same alerts in the same order changes cells
 * in place, so the selection survives the periodic refresh.
 */
class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityCol,
        TitleCol,
        ServiceCol,
        EnvironmentCol,
        SinceCol, ///< "Resolved" for the resolved list
        OwnerCol,
        EscalatedCol,
        ColumnCount
    };
    enum Role
    {
        AlertIdRole = Qt::UserRole + 1,
        AlertRole,
        SeverityRole
    };

    explicit AlertsModel(bool resolvedList = false, QObject *parent = nullptr);

    void setAlerts(const QList<Alert> &alerts);
    const QList<Alert> &alerts() const { return m_alerts; }
    /// Environments marked as production; their alerts are marked too.
    void setProductionEnvironments(const QSet<QString> &environments);
    /// Re-evaluates relative times against @p now.
    void refreshAges(const QDateTime &now);
    /// Row of the alert with @p id, or -1.
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// "P0 — critical" and the like: severity in words, never colour alone.
    static QString severityText(Severity severity);
    /// Red, orange, yellow for P0, P1, P2.
    static QColor severityColor(Severity severity);
    /// "2026-11-23 14:05:09 UTC (15:05:09 local)".
    static QString absoluteTime(const QDateTime &at);

private:
    bool m_resolved;
    QList<Alert> m_alerts;
    QSet<QString> m_production;
    QDateTime m_now;
};

} // namespace ph
