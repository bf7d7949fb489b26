// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QMap>

#include <algorithm>

namespace ph {

/**
 * What the per-service dashboard tables (SLOs, queues) share: one row per service, the
 * workspace thresholds, and a data-age column re-evaluated every second. Subclasses keep
 * their rows in a QList of a struct with a `service` member and hand it to resetRows().
 */
class DashboardModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// The row of @p service, or -1.
    int rowOf(const QString &service) const;
    /// A workspace threshold (dashboardThreshold()).
    double threshold(const QString &key) const;
    /// Re-evaluates the ages against @p now.
    void refreshAges(const QDateTime &now);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

protected:
    DashboardModel(int columnCount, int ageColumn, QObject *parent);

    virtual qsizetype serviceCount() const = 0;
    virtual QString serviceAt(qsizetype row) const = 0;

    /// Moves the clock forward to now; results never make ages run backwards.
    void advanceClock();

    /**
     * Replaces @p rows with one per service that @p fill accepts (it returns false to skip
     * one). A reloaded workspace keeps what a row already had for the same service:
     * @p fill gets that old row to update, or a fresh one.
     */
    template <typename Row, typename Fill>
    void resetRows(QList<Row> &rows, const QList<Service> &services,
                   const QMap<QString, double> &thresholds, Fill fill)
    {
        beginResetModel();
        QList<Row> old = std::exchange(rows, {});
        m_thresholds = thresholds;
        for (const Service &s : services) {
            const auto kept = std::find_if(old.cbegin(), old.cend(),
                                           [&](const Row &r) { return r.service == s.name; });
            Row row = kept != old.cend() ? *kept : Row{};
            row.service = s.name;
            if (fill(s, row))
                rows.append(row);
        }
        endResetModel();
    }

    QMap<QString, double> m_thresholds;
    QDateTime m_now;

private:
    int m_columnCount;
    int m_ageColumn;
};

} // namespace ph
