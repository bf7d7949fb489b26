// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/credentialsmodel.h"

#include "secrets/secretstore.h"
#include "ui/widgets/statuscolors.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace ph {

CredentialsModel::CredentialsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString CredentialsModel::entryNameFor(const Workspace &workspace, const QString &reference)
{
    // Must match how the probes and SSH look entries up, or a value set here is never found.
    return workspace.name.trimmed().isEmpty() ? reference.trimmed()
                                              : SecretStore::entryName(workspace.name, reference);
}

QList<CredentialEntry> CredentialsModel::collect(const Workspace &workspace)
{
    QList<CredentialEntry> entries;
    QHash<QString, qsizetype> byEntry;
    auto add = [&](const QString &reference, const QString &kind, const QString &user) {
        if (reference.trimmed().isEmpty())
            return;
        const QString entryName = entryNameFor(workspace, reference);
        auto it = byEntry.constFind(entryName);
        if (it == byEntry.cend()) {
            it = byEntry.insert(entryName, entries.size());
            CredentialEntry e;
            e.reference = reference.trimmed();
            e.entryName = entryName;
            entries.append(e);
        }
        CredentialEntry &e = entries[*it];
        if (!e.kinds.contains(kind))
            e.kinds.append(kind);
        if (!e.usedBy.contains(user))
            e.usedBy.append(user);
    };

    for (const Service &s : workspace.services)
        add(s.dashboardKeyRef, tr("Dashboard key"), s.name);
    for (const Host &h : workspace.hosts) {
        QString kind;
        if (h.auth == "password"_L1)
            kind = tr("SSH password");
        else if (h.auth == "key"_L1)
            kind = tr("SSH key passphrase");
        else
            kind = tr("SSH secret");
        add(h.secretRef, kind, h.name);
    }
    return entries;
}

void CredentialsModel::setWorkspace(const Workspace &workspace)
{
    beginResetModel();
    m_entries = collect(workspace);
    endResetModel();
}

int CredentialsModel::rowOf(const QString &entryName) const
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).entryName == entryName)
            return int(i);
    }
    return -1;
}

void CredentialsModel::setState(int row, CredentialEntry::State state, const QString &error,
                                const QString &errorDetail)
{
    if (row < 0 || row >= m_entries.size())
        return;
    CredentialEntry &e = m_entries[row];
    e.state = state;
    e.error = state == CredentialEntry::State::Error ? error : QString();
    e.errorDetail = state == CredentialEntry::State::Error ? errorDetail : QString();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void CredentialsModel::setAllStates(CredentialEntry::State state)
{
    if (m_entries.isEmpty())
        return;
    for (CredentialEntry &e : m_entries) {
        e.state = state;
        e.error.clear();
        e.errorDetail.clear();
    }
    Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString CredentialsModel::stateText(const CredentialEntry &entry)
{
    switch (entry.state) {
    case CredentialEntry::State::Unknown:
        return tr("unknown");
    case CredentialEntry::State::Checking:
        return tr("checking…");
    case CredentialEntry::State::Set:
        return tr("set");
    case CredentialEntry::State::NotSet:
        return tr("not set");
    case CredentialEntry::State::Error:
        return tr("error: %1").arg(entry.error);
    }
    return {};
}

int CredentialsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int CredentialsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CredentialsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CredentialEntry &e = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CredentialCol:
            return e.reference;
        case KindCol:
            return e.kinds.join(u", "_s);
        case UsedByCol:
            return e.usedBy.join(u", "_s);
        case EntryCol:
            return e.entryName;
        case StateCol:
            return stateText(e);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StateCol && e.state == CredentialEntry::State::Error)
            return e.errorDetail.isEmpty() ? e.error : e.error + u"\n\n"_s + e.errorDetail;
        if (index.column() == UsedByCol)
            return tr("Used by: %1").arg(e.usedBy.join(u", "_s));
        break;
    case Qt::ForegroundRole:
        if (index.column() != StateCol)
            break;
        switch (e.state) {
        case CredentialEntry::State::Set:
            return statusColor(Verdict::Pass);
        case CredentialEntry::State::NotSet:
            return statusColor(Verdict::Warn);
        case CredentialEntry::State::Error:
            return statusColor(Verdict::Fail);
        case CredentialEntry::State::Unknown:
        case CredentialEntry::State::Checking:
            return staleTextColor();
        }
        break;
    case StateRole:
        return int(e.state);
    case EntryNameRole:
        return e.entryName;
    }
    return {};
}

QVariant CredentialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CredentialCol:
        return tr("Credential");
    case KindCol:
        return tr("Kind");
    case UsedByCol:
        return tr("Used by");
    case EntryCol:
        return tr("Keychain entry");
    case StateCol:
        return tr("State");
    }
    return {};
}

} // namespace ph
