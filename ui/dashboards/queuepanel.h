// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "metrics/dashboardfigures.h"
#include "probes/proberesult.h"
#include "ui/dashboards/dashboardmodel.h"
#include "ui/dashboards/historychart.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QWidget>

#include <functional>

class QChartView;
class QChart;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QPushButton;
class QTableView;
class QTimer;
class QValueAxis;

namespace ph {

class ServiceFetcher;

/**
 * Rows of the Queue dashboard: one per service with a "queue" endpoint, holding the last
 * figures that parsed, how they compare with the thresholds and why the newest answer
 * could not be used. Rows are fixed by setServices(); results update them in place.
 */
class QueueModel : public DashboardModel
{
    Q_OBJECT
public:
    enum Column
    {
        ServiceCol,
        DepthCol,
        RateCol,
        FailedCol,
        StuckCol,
        SourceCol,
        AgeCol,
        StateCol,
        ColumnCount
    };
    enum Role
    {
        VerdictRole = Qt::UserRole + 1, ///< int(ph::Verdict) of the figure against its threshold
        ValueRole,                      ///< the raw number; invalid while there is none
        StaleRole,                      ///< bool: the figure is older than the newest answer
    };

    using Figures = QueueFigures;
    struct Row
    {
        QString service;
        QString source; ///< endpoint path, e.g. "/api/queue/status"
        QMap<QString, QString> fieldMappings;
        bool hasFigures = false;
        Figures figures;
        QDateTime figuresAt; ///< when the figures were answered (UTC)
        bool stale = false;  ///< the newest answer was stale, failed or unusable
        QString problem;     ///< why the newest answer was not used; empty when it was
    };

    explicit QueueModel(QObject *parent = nullptr);

    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    /// Returns true when @p result belonged to a row and produced fresh figures.
    bool applyResult(const ProbeResult &result);

    const Row &rowAt(int row) const { return m_rows.at(row); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    qsizetype serviceCount() const override { return m_rows.size(); }
    QString serviceAt(qsizetype row) const override { return m_rows.at(row).service; }

private:
    Verdict figureVerdict(int column, const Figures &f) const;

    QList<Row> m_rows;
};

/**
 * The Queue dashboard: depth, processing rate, failed ratio and stuck jobs per service,
 * coloured against the workspace thresholds ("queue.depth.max", "queue.rate.min_per_min",
 * "queue.failed_ratio.max"), and a chart of depth over the session with the depth limit.
 * Feed it every probe result; it keeps those of endpoint "queue".
 */
class QueuePanel : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(QWidget *parent = nullptr);

    /// Replaces the rows and the chart; keeps services that have a "queue" endpoint.
    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    QueueModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QChartView *chartView() const { return m_chartView; }
    /// Points of @p service's depth series (x = msecs since epoch); for tests and export.
    QList<QPointF> depthHistory(const QString &service) const;

    /// Performs "clear stuck jobs" and re-reads the queue; null disables the buttons. Not owned.
    void setFetcher(ServiceFetcher *fetcher);
    /// Says whether an environment is production (typed confirmation). Without one, every
    /// environment is treated as production: the safe side.
    void setProductionCheck(std::function<bool(const QString &environment)> check);
    /// The "Clear stuck jobs…" button of @p service; null when it has no clear_stuck endpoint.
    QPushButton *clearStuckButton(const QString &service) const;

public Q_SLOTS:
    void applyResult(const ph::ProbeResult &result);
    /// Re-evaluates the data ages against @p now (a timer calls it every second).
    void refreshAges(const QDateTime &now);
    /// Asks for confirmation, then POSTs @p service's clear_stuck endpoint.
    void clearStuck(const QString &service);

Q_SIGNALS:
    /// A confirmation, refusal or the clear-stuck call itself, for the audit log.
    void auditEvent(const ph::AuditEvent &event);
    /// The answer to a clear-stuck call arrived (message shown in the summary).
    void clearStuckFinished(const QString &service, bool ok, const QString &message);

private:
    void rebuildButtons();
    void onFetched(quint64 id, const ph::ProbeResult &result);
    void rebuildChart();
    void updateAxes();
    void updateSummary();

    QueueModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QChartView *m_chartView;
    HistoryChart m_history;
    QValueAxis *m_depthAxis = nullptr;
    QTimer *m_ageTimer;
    QWidget *m_actions;
    QLabel *m_actionResult;
    QList<Service> m_services;
    QMap<QString, QPushButton *> m_clearButtons;
    ServiceFetcher *m_fetcher = nullptr;
    std::function<bool(const QString &)> m_isProduction;
    struct PendingCall
    {
        QString service;
        QString kind; ///< "clear" or "refresh"
        AuditEvent confirmation;
    };
    QHash<quint64, PendingCall> m_pending;
};

} // namespace ph
