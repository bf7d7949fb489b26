// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/payouts/payoutsmodel.h"

#include <QFont>

namespace ph {

PayoutsModel::PayoutsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void PayoutsModel::setRows(QList<PayoutRow> rows)
{
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int PayoutsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PayoutsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PayoutsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const PayoutRow &r = m_rows.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case AmountCol:
            return r.amount.minor;
        case LineCol:
            return r.line;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == AmountCol || index.column() == LineCol))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::FontRole && index.column() == AmountCol) {
        QFont mono(QStringLiteral("monospace"));
        mono.setStyleHint(QFont::Monospace);
        return mono;
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case PartnerIdCol:
        return r.partnerId;
    case PartnerNameCol:
        return r.partnerName;
    case PeriodCol:
        return r.period;
    case AmountCol:
        return r.amount.toString();
    case CurrencyCol:
        return r.amount.currency;
    case StatusCol:
        return r.status;
    case LineCol:
        return r.line;
    }
    return {};
}

QVariant PayoutsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PartnerIdCol:
        return tr("Partner ID");
    case PartnerNameCol:
        return tr("Partner");
    case PeriodCol:
        return tr("Period");
    case AmountCol:
        return tr("Amount");
    case CurrencyCol:
        return tr("Currency");
    case StatusCol:
        return tr("Status");
    case LineCol:
        return tr("Line");
    }
    return {};
}

} // namespace ph
