// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runbooks/runbook.h"
#include "runbooks/schedule.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace ph {

/**
 * The runbooks with their schedule and status. Due and overdue ones come first (overdue
 * on top), then upcoming, done this period, and runbooks without a schedule; the due ones
 * are coloured.
 */
class RunbooksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TitleCol,
        ServiceCol,
        ScheduleCol,
        StatusCol,
        NextCol,
        LastDoneCol,
        ColumnCount
    };
    enum Role
    {
        SourcePathRole = Qt::UserRole,
        StatusNameRole ///< "overdue", "due", "upcoming", "done" or "" (no schedule)
    };

    struct Row
    {
        Runbook runbook;
        bool scheduled = false;
        Schedule::Status status = Schedule::Status::Upcoming;
        QString scheduleError;
        QDateTime occurrence;    ///< UTC
        QDateTime lastCompleted; ///< UTC
    };

    explicit RunbooksModel(QObject *parent = nullptr);

    /// @p entries from the ScheduleBoard; @p runbooks are all of them, scheduled or not.
    void setEntries(const QList<ScheduleBoard::Entry> &entries, const QList<Runbook> &runbooks);
    const Row &row(int index) const { return m_rows.at(index); }
    int rowOf(const QString &sourcePath) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<Row> m_rows;
};

QString scheduleStatusLabel(Schedule::Status status); ///< translated

} // namespace ph
