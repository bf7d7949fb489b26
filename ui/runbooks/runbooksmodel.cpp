// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runbooks/runbooksmodel.h"

#include <QBrush>
#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QHash>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

int rank(const RunbooksModel::Row &r)
{
    if (!r.scheduled)
        return 4;
    switch (r.status) {
    case Schedule::Status::Overdue:
        return 0;
    case Schedule::Status::Due:
        return 1;
    case Schedule::Status::Upcoming:
        return 2;
    case Schedule::Status::Done:
        return 3;
    }
    return 4;
}

QString when(const QDateTime &utc)
{
    if (!utc.isValid())
        return {};
    // Weekday and time are what matter for a schedule; seconds are noise.
    return QLocale().toString(utc.toLocalTime(), u"ddd d MMM, HH:mm"_s);
}

} // namespace

QString scheduleStatusLabel(Schedule::Status status)
{
    switch (status) {
    case Schedule::Status::Upcoming:
        return RunbooksModel::tr("Upcoming");
    case Schedule::Status::Due:
        return RunbooksModel::tr("Due");
    case Schedule::Status::Overdue:
        return RunbooksModel::tr("Overdue");
    case Schedule::Status::Done:
        return RunbooksModel::tr("Done this period");
    }
    return {};
}

RunbooksModel::RunbooksModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RunbooksModel::setEntries(const QList<ScheduleBoard::Entry> &entries,
                               const QList<Runbook> &runbooks)
{
    QHash<QString, const ScheduleBoard::Entry *> bySource;
    for (const ScheduleBoard::Entry &e : entries)
        bySource.insert(e.runbook.sourcePath, &e);
    QList<Row> rows;
    for (const Runbook &rb : runbooks) {
        Row r;
        r.runbook = rb;
        if (const ScheduleBoard::Entry *e = bySource.value(rb.sourcePath)) {
            r.scheduled = e->schedule.isValid();
            r.scheduleError = e->error;
            r.status = e->status;
            r.occurrence = e->occurrence;
            r.lastCompleted = e->lastCompleted;
        }
        rows.append(r);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (rank(a) != rank(b))
            return rank(a) < rank(b);
        if (a.occurrence != b.occurrence)
            return a.occurrence < b.occurrence;
        return a.runbook.title.localeAwareCompare(b.runbook.title) < 0;
    });
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int RunbooksModel::rowOf(const QString &sourcePath) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).runbook.sourcePath == sourcePath)
            return i;
    }
    return -1;
}

int RunbooksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RunbooksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunbooksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const bool due =
        r.scheduled && (r.status == Schedule::Status::Due || r.status == Schedule::Status::Overdue);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TitleCol:
            return r.runbook.title.isEmpty() ? QFileInfo(r.runbook.sourcePath).completeBaseName()
                                             : r.runbook.title;
        case ServiceCol:
            return r.runbook.service;
        case ScheduleCol:
            return r.runbook.schedule.isEmpty() ? tr("on demand") : r.runbook.schedule;
        case StatusCol:
            if (!r.scheduleError.isEmpty())
                return tr("Schedule not understood");
            return r.scheduled ? scheduleStatusLabel(r.status) : QString();
        case NextCol:
            return r.scheduled ? when(r.occurrence) : QString();
        case LastDoneCol:
            return r.lastCompleted.isValid() ? when(r.lastCompleted) : QString();
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        if (!r.scheduleError.isEmpty())
            return r.scheduleError;
        return r.runbook.sourcePath;
    case Qt::ForegroundRole:
        if (index.column() == StatusCol && r.scheduled) {
            if (r.status == Schedule::Status::Overdue)
                return QBrush(QColor(0xc0, 0x1c, 0x28));
            if (r.status == Schedule::Status::Due)
                return QBrush(QColor(0x9c, 0x5c, 0x00));
            if (r.status == Schedule::Status::Done)
                return QBrush(QColor(0x26, 0xa2, 0x69));
        }
        // The due rows have a light background of their own, also under a dark palette.
        if (due)
            return QBrush(QColor(0x20, 0x20, 0x20));
        return {};
    case Qt::BackgroundRole:
        if (due) {
            return QBrush(r.status == Schedule::Status::Overdue ? QColor(0xfd, 0xe7, 0xe9)
                                                                : QColor(0xff, 0xf4, 0xd6));
        }
        return {};
    case Qt::FontRole:
        if (due) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case SourcePathRole:
        return r.runbook.sourcePath;
    case StatusNameRole:
        return r.scheduled ? scheduleStatusName(r.status) : QString();
    default:
        return {};
    }
}

QVariant RunbooksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TitleCol:
        return tr("Runbook");
    case ServiceCol:
        return tr("Service");
    case ScheduleCol:
        return tr("Schedule");
    case StatusCol:
        return tr("Status");
    case NextCol:
        return tr("This period");
    case LastDoneCol:
        return tr("Last signed off");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ph
