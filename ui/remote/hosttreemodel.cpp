// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/remote/hosttreemodel.h"

#include "ui/widgets/statuscolors.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace ph {

HostTreeModel::HostTreeModel(QObject *parent)
    : QStandardItemModel(parent)
{
    setHorizontalHeaderLabels({tr("Host"), tr("Connection")});
}

QString HostTreeModel::stateText(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Idle:
        return tr("idle");
    case ConnectionState::Connecting:
        return tr("connecting…");
    case ConnectionState::Connected:
        return tr("connected");
    case ConnectionState::Failed:
        return tr("failed");
    }
    return {};
}

void HostTreeModel::setWorkspace(const Workspace &workspace)
{
    QHash<QString, HostState> kept;
    for (const Host &h : workspace.hosts) {
        if (m_states.contains(h.name))
            kept.insert(h.name, m_states.value(h.name));
    }
    m_states = kept;

    removeRows(0, rowCount());
    auto label = [](const QString &text, int kind, const QString &name, const QString &env) {
        auto *item = new QStandardItem(text);
        item->setEditable(false);
        item->setData(kind, KindRole);
        item->setData(name, NameRole);
        item->setData(env, EnvironmentRole);
        return item;
    };
    auto hostRow = [&](const Host &h) {
        auto *name = label(h.name, HostItem, h.name, h.environment);
        auto *state = label({}, HostItem, h.name, h.environment);
        applyState(name, state, m_states.value(h.name));
        return QList<QStandardItem *>{name, state};
    };

    for (const Environment &env : workspace.environments) {
        const QList<Host> hosts = workspace.hostsIn(env.name);
        if (hosts.isEmpty())
            continue;
        auto *envItem = label(env.production ? tr("%1 — PRODUCTION").arg(env.name) : env.name,
                              EnvironmentItem, env.name, env.name);
        if (env.production)
            envItem->setForeground(QColor(0xc0, 0x1c, 0x28));
        envItem->setSelectable(false);
        QMap<QString, QList<Host>> byGroup; // sorted, so the tree reads the same every time
        QList<Host> ungrouped;
        for (const Host &h : hosts) {
            if (h.groups.isEmpty())
                ungrouped.append(h);
            for (const QString &g : h.groups)
                byGroup[g].append(h);
        }
        for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it) {
            auto *groupItem =
                label(tr("%1 (%2)").arg(it.key()).arg(it->size()), GroupItem, it.key(), env.name);
            for (const Host &h : *it)
                groupItem->appendRow(hostRow(h));
            envItem->appendRow({groupItem, label({}, GroupItem, it.key(), env.name)});
        }
        for (const Host &h : ungrouped)
            envItem->appendRow(hostRow(h));
        appendRow({envItem, label({}, EnvironmentItem, env.name, env.name)});
    }
}

void HostTreeModel::applyState(QStandardItem *nameItem, QStandardItem *stateItem,
                               const HostState &s) const
{
    stateItem->setText(stateText(s.state));
    stateItem->setData(QVariant::fromValue(s.state), StateRole);
    nameItem->setData(QVariant::fromValue(s.state), StateRole);
    QColor colour;
    switch (s.state) {
    case ConnectionState::Idle:
        colour = staleTextColor();
        break;
    case ConnectionState::Connecting:
        colour = statusColor(Verdict::Warn);
        break;
    case ConnectionState::Connected:
        colour = statusColor(Verdict::Pass);
        break;
    case ConnectionState::Failed:
        colour = statusColor(Verdict::Fail);
        break;
    }
    stateItem->setForeground(colour);
    const QString tip = s.state == ConnectionState::Failed && !s.reason.isEmpty()
                            ? tr("Failed: %1").arg(s.reason)
                            : stateText(s.state);
    stateItem->setToolTip(tip);
    nameItem->setToolTip(tip);
}

void HostTreeModel::setHostState(const QString &host, ConnectionState state, const QString &reason)
{
    HostState &s = m_states[host];
    s.state = state;
    s.reason = state == ConnectionState::Failed ? reason : QString();
    // Every appearance of the host (one per group) shows the same state.
    const QModelIndexList hits =
        match(index(0, 0), NameRole, host, -1, Qt::MatchExactly | Qt::MatchRecursive);
    for (const QModelIndex &i : hits) {
        if (i.data(KindRole).toInt() != HostItem)
            continue;
        QStandardItem *name = itemFromIndex(i);
        QStandardItem *stateItem = itemFromIndex(i.siblingAtColumn(1));
        if (name && stateItem)
            applyState(name, stateItem, s);
    }
}

HostTreeModel::ConnectionState HostTreeModel::hostState(const QString &host) const
{
    return m_states.value(host).state;
}

QModelIndex HostTreeModel::find(int kind, const QString &name, const QString &environment) const
{
    if (rowCount() == 0)
        return {};
    const QModelIndexList hits =
        match(index(0, 0), NameRole, name, -1, Qt::MatchExactly | Qt::MatchRecursive);
    for (const QModelIndex &i : hits) {
        if (i.column() == 0 && i.data(KindRole).toInt() == kind &&
            (environment.isEmpty() || i.data(EnvironmentRole).toString() == environment))
            return i;
    }
    return {};
}

QModelIndex HostTreeModel::hostIndex(const QString &host) const
{
    return find(HostItem, host, {});
}

QModelIndex HostTreeModel::groupIndex(const QString &environment, const QString &group) const
{
    return find(GroupItem, group, environment);
}

} // namespace ph
