// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/healthmodel.h"

#include "ui/widgets/statuscolors.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace ph {

static constexpr int kLatencyHistory = 60;

HealthModel::HealthModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void HealthModel::setServices(const QList<Service> &services)
{
    beginResetModel();
    m_rows.clear();
    for (const Service &s : services) {
        for (const EndpointSpec &e : s.endpoints) {
            if (!e.probe)
                continue;
            Row r;
            r.service = s.name;
            r.endpoint = e.name;
            r.path = e.path;
            r.last.service = s.name;
            r.last.endpoint = e.name;
            m_rows.append(r);
        }
    }
    endResetModel();
}

int HealthModel::rowOf(const QString &service, const QString &endpoint) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).service == service && m_rows.at(i).endpoint == endpoint)
            return i;
    }
    return -1;
}

void HealthModel::applyResult(const ProbeResult &result)
{
    const int i = rowOf(result.service, result.endpoint);
    if (i < 0)
        return;
    Row &r = m_rows[i];
    if (r.last.verdict != result.verdict || !r.lastChange.isValid())
        r.lastChange = result.checkedAt;
    if (result.statusCode > 0)
        r.lastAnswer = result.checkedAt;
    // A stale result carries no new observation: keep the last real answer on screen.
    if (result.verdict == Verdict::Stale) {
        r.last.verdict = Verdict::Stale;
        r.last.error = result.error;
        r.last.errorCode = result.errorCode;
    } else {
        r.last = result;
        if (result.latencyMs >= 0) {
            r.latencies.append(result.latencyMs);
            if (r.latencies.size() > kLatencyHistory)
                r.latencies.remove(0, r.latencies.size() - kLatencyHistory);
        }
    }
    Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
}

void HealthModel::setUptime(const QString &service, const QString &endpoint, double day,
                            double week)
{
    const int i = rowOf(service, endpoint);
    if (i < 0)
        return;
    m_rows[i].uptime24h = day;
    m_rows[i].uptime7d = week;
    Q_EMIT dataChanged(index(i, Uptime24hCol), index(i, Uptime7dCol));
}

void HealthModel::refreshAges(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgeCol), index(m_rows.size() - 1, AgeCol), {Qt::DisplayRole});
}

int HealthModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int HealthModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(ColumnCount);
}

QString HealthModel::verdictText(Verdict v)
{
    switch (v) {
    case Verdict::Pass:
        return tr("OK");
    case Verdict::Warn:
        return tr("Degraded");
    case Verdict::Fail:
        return tr("Failing");
    case Verdict::Down:
        return tr("Down");
    case Verdict::Stale:
        return tr("Stale");
    case Verdict::Unknown:
        return tr("Waiting");
    }
    return {};
}

QString HealthModel::formatAge(qint64 seconds)
{
    if (seconds < 0)
        return tr("never");
    if (seconds < 60)
        return tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n d ago", nullptr, int(seconds / 86400));
}

static QString percent(double ratio)
{
    if (ratio < 0 || ratio != ratio)
        return QStringLiteral("–");
    return QLocale().toString(ratio * 100.0, 'f', ratio >= 0.9995 && ratio < 1.0 ? 3 : 2) + u" %"_s;
}

QVariant HealthModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const ProbeResult &p = r.last;

    if (role == ResultRole)
        return QVariant::fromValue(index.row());
    if (role == VerdictRole)
        return int(p.verdict);
    if (role == LatencyHistoryRole)
        return QVariant::fromValue(r.latencies);

    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case ServiceCol:
            return r.service;
        case EndpointCol:
            return r.path;
        case StatusCol:
            return verdictText(p.verdict);
        case HttpCol:
            return p.statusCode > 0 ? QString::number(p.statusCode) : u"–"_s;
        case LatencyCol:
            return p.latencyMs >= 0 ? tr("%1 ms").arg(p.latencyMs) : u"–"_s;
        case TrendCol:
            return {};
        case LastChangeCol:
            return r.lastChange.isValid()
                       ? QLocale().toString(r.lastChange.toLocalTime(), QLocale::ShortFormat)
                       : u"–"_s;
        case Uptime24hCol:
            return percent(r.uptime24h);
        case Uptime7dCol:
            return percent(r.uptime7d);
        case AgeCol:
            return r.lastAnswer.isValid() ? formatAge(r.lastAnswer.secsTo(m_now))
                                          : tr("no answer yet");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (!p.error.isEmpty())
            return p.error;
        if (index.column() == AgeCol && r.lastAnswer.isValid())
            return tr("Last answer at %1").arg(QLocale().toString(r.lastAnswer.toLocalTime()));
    }
    if (role == Qt::ForegroundRole && index.column() == StatusCol)
        return statusColor(p.verdict);
    if (role == Qt::ForegroundRole && p.verdict == Verdict::Stale)
        return staleTextColor();
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case HttpCol:
        case LatencyCol:
        case Uptime24hCol:
        case Uptime7dCol:
            return int(Qt::AlignRight | Qt::AlignVCenter);
        default:
            break;
        }
    }
    if (role == Qt::AccessibleTextRole && index.column() == StatusCol)
        return QString(verdictText(p.verdict) +
                       (p.error.isEmpty() ? QString() : u": "_s + p.error));
    return {};
}

QVariant HealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceCol:
        return tr("Service");
    case EndpointCol:
        return tr("Endpoint");
    case StatusCol:
        return tr("Status");
    case HttpCol:
        return tr("HTTP");
    case LatencyCol:
        return tr("Latency");
    case TrendCol:
        return tr("Trend");
    case LastChangeCol:
        return tr("Last change");
    case Uptime24hCol:
        return tr("Uptime 24 h");
    case Uptime7dCol:
        return tr("Uptime 7 d");
    case AgeCol:
        return tr("Data age");
    }
    return {};
}

} // namespace ph
