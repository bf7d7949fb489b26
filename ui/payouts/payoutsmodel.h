// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "payouts/payoutscsv.h"

#include <QAbstractTableModel>

namespace ph {

/// The usable rows of a payouts export, one per record, sortable by exact amount.
class PayoutsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PartnerIdCol,
        PartnerNameCol,
        PeriodCol,
        AmountCol,
        CurrencyCol,
        StatusCol,
        LineCol,
        ColumnCount
    };
    /// Sorts amounts by minor units and lines numerically, everything else as text.
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit PayoutsModel(QObject *parent = nullptr);

    void setRows(QList<PayoutRow> rows);
    const QList<PayoutRow> &rows() const { return m_rows; }
    const PayoutRow &rowAt(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<PayoutRow> m_rows;
};

} // namespace ph
