// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/runstore.h"

#include <QAbstractTableModel>
#include <QList>

namespace ph {

/// Past and open checklist runs, newest first, as RunStore::history() lists them.
class RunHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        RunbookCol,
        EnvironmentCol,
        StartedCol,
        FinishedCol,
        SignedOffCol,
        OutcomeCol,
        ColumnCount
    };
    enum Role
    {
        RunIdRole = Qt::UserRole
    };

    explicit RunHistoryModel(QObject *parent = nullptr);

    void setEntries(const QList<RunHistoryEntry> &entries);
    const QList<RunHistoryEntry> &entries() const { return m_entries; }
    const RunHistoryEntry &entry(int row) const { return m_entries.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<RunHistoryEntry> m_entries;
};

} // namespace ph
