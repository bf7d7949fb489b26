// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/alertsmodel.h"

#include "ui/dashboards/healthmodel.h"

#include <QFont>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

AlertsModel::AlertsModel(bool resolvedList, QObject *parent)
    : QAbstractTableModel(parent)
    , m_resolved(resolvedList)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void AlertsModel::setAlerts(const QList<Alert> &alerts)
{
    m_now = std::max(m_now, QDateTime::currentDateTimeUtc());
    const bool sameRows = alerts.size() == m_alerts.size() &&
                          std::equal(alerts.cbegin(), alerts.cend(), m_alerts.cbegin(),
                                     [](const Alert &a, const Alert &b) { return a.id == b.id; });
    if (sameRows) {
        m_alerts = alerts;
        if (!m_alerts.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_alerts = alerts;
    endResetModel();
}

void AlertsModel::setProductionEnvironments(const QSet<QString> &environments)
{
    m_production = environments;
    if (!m_alerts.isEmpty())
        Q_EMIT dataChanged(index(0, EnvironmentCol), index(rowCount() - 1, EnvironmentCol));
}

void AlertsModel::refreshAges(const QDateTime &now)
{
    m_now = now;
    if (!m_alerts.isEmpty())
        Q_EMIT dataChanged(index(0, SinceCol), index(rowCount() - 1, SinceCol), {Qt::DisplayRole});
}

int AlertsModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_alerts.size(); ++i) {
        if (m_alerts.at(i).id == id)
            return i;
    }
    return -1;
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AlertsModel::severityText(Severity severity)
{
    switch (severity) {
    case Severity::P0:
        return tr("P0 — critical");
    case Severity::P1:
        return tr("P1 — high");
    case Severity::P2:
        return tr("P2 — warning");
    }
    return {};
}

QColor AlertsModel::severityColor(Severity severity)
{
    switch (severity) {
    case Severity::P0:
        return QColor(0xc0, 0x1c, 0x28);
    case Severity::P1:
        return QColor(0xe6, 0x61, 0x00);
    case Severity::P2:
        return QColor(0xf6, 0xd3, 0x2d);
    }
    return {};
}

QString AlertsModel::absoluteTime(const QDateTime &at)
{
    if (!at.isValid())
        return {};
    return tr("%1 (%2 local)")
        .arg(at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s),
             at.toLocalTime().toString(u"HH:mm:ss"_s));
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_alerts.size())
        return {};
    const Alert &a = m_alerts.at(index.row());
    if (role == AlertIdRole)
        return a.id;
    if (role == AlertRole)
        return QVariant::fromValue(a);
    if (role == SeverityRole)
        return int(a.severity);

    const QDateTime when = m_resolved ? a.resolvedAt : a.since;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SeverityCol:
            return severityText(a.severity);
        case TitleCol:
            return a.title;
        case ServiceCol:
            return a.service;
        case EnvironmentCol:
            return a.environment;
        case SinceCol:
            return when.isValid() ? HealthModel::formatAge(std::max<qint64>(0, when.secsTo(m_now)))
                                  : QString();
        case OwnerCol:
            return a.isAcknowledged() ? a.owner : tr("unacknowledged");
        case EscalatedCol:
            return a.escalated ? tr("ESCALATED — war room") : QString();
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SinceCol:
            return absoluteTime(when);
        case OwnerCol:
            if (!a.isAcknowledged())
                return tr("Nobody has taken this alert yet.");
            return a.note.isEmpty()
                       ? tr("Acknowledged by %1 at %2").arg(a.owner, absoluteTime(a.ackAt))
                       : tr("Acknowledged by %1 at %2: %3")
                             .arg(a.owner, absoluteTime(a.ackAt), a.note);
        case EscalatedCol:
            return a.escalated ? tr("Unacknowledged for too long; escalated at %1")
                                     .arg(absoluteTime(a.escalatedAt))
                               : QString();
        case EnvironmentCol:
            return m_production.contains(a.environment) ? tr("Production environment") : QString();
        case TitleCol:
            return tr("%1\nInput: %2").arg(a.title, a.inputDescription);
        }
        break;
    case Qt::BackgroundRole:
        if (index.column() == SeverityCol)
            return severityColor(a.severity);
        if (index.column() == EscalatedCol && a.escalated)
            return severityColor(Severity::P0);
        break;
    case Qt::ForegroundRole:
        if (index.column() == SeverityCol)
            return a.severity == Severity::P2 ? QColor(Qt::black) : QColor(Qt::white);
        if (index.column() == EscalatedCol && a.escalated)
            return QColor(Qt::white);
        if (index.column() == EnvironmentCol && m_production.contains(a.environment))
            return severityColor(Severity::P0);
        break;
    case Qt::FontRole:
        if (index.column() == SeverityCol || (index.column() == EscalatedCol && a.escalated) ||
            (index.column() == EnvironmentCol && m_production.contains(a.environment))) {
            QFont f;
            f.setBold(true);
            return f;
        }
        if (index.column() == OwnerCol && !a.isAcknowledged()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        break;
    default:
        break;
    }
    return {};
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityCol:
        return tr("Severity");
    case TitleCol:
        return tr("Alert");
    case ServiceCol:
        return tr("Service");
    case EnvironmentCol:
        return tr("Environment");
    case SinceCol:
        return m_resolved ? tr("Resolved") : tr("Since");
    case OwnerCol:
        return tr("Owner");
    case EscalatedCol:
        return tr("Escalation");
    }
    return {};
}

} // namespace ph
