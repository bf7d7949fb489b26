// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>

namespace ph {

/// One keychain entry a workspace refers to, and what the keychain said about it.
struct CredentialEntry
{
    enum class State
    {
        Unknown,  ///< not checked (yet), or the keychain is unavailable
        Checking, ///< a read is running
        Set,
        NotSet,
        Error
    };

    QString reference;  ///< as written in the workspace (dashboard_key_ref / secret_ref)
    QString entryName;  ///< keychain entry: "<workspace>/<reference>"
    QStringList kinds;  ///< translated: "Dashboard key", "SSH passphrase", "SSH password"
    QStringList usedBy; ///< service and host names, in workspace order
    State state = State::Unknown;
    QString error; ///< translated message when state is Error
    QString errorDetail;
};

/**
 * The credentials a workspace references, one row per keychain entry: dashboard keys of
 * services (deduplicated, with every service using one) and the passphrases and passwords
 * of SSH hosts. It never holds a secret value, only whether one is set.
 */
class CredentialsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CredentialCol,
        KindCol,
        UsedByCol,
        EntryCol,
        StateCol,
        ColumnCount
    };
    enum Role
    {
        StateRole = Qt::UserRole + 1, ///< int(CredentialEntry::State)
        EntryNameRole
    };

    explicit CredentialsModel(QObject *parent = nullptr);

    /// The keychain entry of @p reference in @p workspace, as the probes and SSH read it.
    static QString entryNameFor(const Workspace &workspace, const QString &reference);
    /// Every credential @p workspace references: dashboard keys first, then host secrets.
    static QList<CredentialEntry> collect(const Workspace &workspace);

    void setWorkspace(const Workspace &workspace);
    const CredentialEntry &entryAt(int row) const { return m_entries.at(row); }
    int rowOf(const QString &entryName) const;
    void setState(int row, CredentialEntry::State state, const QString &error = {},
                  const QString &errorDetail = {});
    void setAllStates(CredentialEntry::State state);

    static QString stateText(const CredentialEntry &entry);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<CredentialEntry> m_entries;
};

} // namespace ph
