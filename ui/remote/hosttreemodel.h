// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "workspace/workspace.h"

#include <QStandardItemModel>

namespace ph {

/**
 * The workspace's SSH hosts as a tree: environment → group → host, hosts without a group
 * directly under their environment. A host in several groups appears under each. Column 1
 * shows each host's connection state; a failure's reason is the tooltip.
 */
class HostTreeModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Role
    {
        KindRole = Qt::UserRole + 1, ///< Kind
        NameRole,                    ///< environment, group or host name
        EnvironmentRole,             ///< the environment the item belongs to
        StateRole,                   ///< ConnectionState, hosts only
    };
    enum Kind
    {
        EnvironmentItem,
        GroupItem,
        HostItem
    };
    enum class ConnectionState
    {
        Idle,
        Connecting,
        Connected,
        Failed
    };
    Q_ENUM(ConnectionState)

    explicit HostTreeModel(QObject *parent = nullptr);

    /// Rebuilds the tree; known connection states of hosts that remain are kept.
    void setWorkspace(const Workspace &workspace);
    void setHostState(const QString &host, ConnectionState state, const QString &reason = {});
    ConnectionState hostState(const QString &host) const;
    /// The first item of @p host, or of @p group in @p environment (empty = any).
    QModelIndex hostIndex(const QString &host) const;
    QModelIndex groupIndex(const QString &environment, const QString &group) const;

    static QString stateText(ConnectionState state);

private:
    struct HostState
    {
        ConnectionState state = ConnectionState::Idle;
        QString reason;
    };
    void applyState(QStandardItem *nameItem, QStandardItem *stateItem, const HostState &s) const;
    QModelIndex find(int kind, const QString &name, const QString &environment) const;

    QHash<QString, HostState> m_states;
};

} // namespace ph
