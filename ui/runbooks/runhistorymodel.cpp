// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runbooks/runhistorymodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString when(const QDateTime &utc)
{
    return utc.isValid() ? QLocale().toString(utc.toLocalTime(), QLocale::ShortFormat) : QString();
}

} // namespace

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RunHistoryModel::setEntries(const QList<RunHistoryEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RunHistoryEntry &e = m_entries.at(index.row());
    if (role == RunIdRole)
        return e.runId;
    if (role == Qt::ForegroundRole && index.column() == OutcomeCol && e.failed > 0)
        return QBrush(QColor(0xc0, 0x1c, 0x28));
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case RunbookCol:
        return e.runbookTitle;
    case EnvironmentCol:
        return e.environment;
    case StartedCol:
        return when(e.startedAt);
    case FinishedCol:
        if (e.state == u"abandoned"_s)
            return tr("abandoned %1").arg(when(e.finishedAt));
        return e.finishedAt.isValid() ? when(e.finishedAt) : tr("unfinished");
    case SignedOffCol:
        return e.signedOffBy;
    case OutcomeCol: {
        QStringList parts;
        if (e.passed)
            parts << tr("%1 passed").arg(e.passed);
        if (e.failed)
            parts << tr("%1 failed").arg(e.failed);
        if (e.skipped)
            parts << tr("%1 skipped").arg(e.skipped);
        if (e.doneByHand)
            parts << tr("%1 by hand").arg(e.doneByHand);
        const int open = e.stepCount - e.passed - e.failed - e.skipped - e.doneByHand;
        if (open > 0)
            parts << tr("%1 open").arg(open);
        return tr("%1 (of %2)").arg(parts.join(u" · "_s)).arg(e.stepCount);
    }
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case RunbookCol:
        return tr("Runbook");
    case EnvironmentCol:
        return tr("Environment");
    case StartedCol:
        return tr("Started");
    case FinishedCol:
        return tr("Finished");
    case SignedOffCol:
        return tr("Signed off by");
    case OutcomeCol:
        return tr("Outcome");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace ph
