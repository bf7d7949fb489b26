// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/dashboardfigures.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QWidget>

class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableView;
class QTimer;
class QValueAxis;

namespace ph {

/**
 * Rows of the SLO dashboard: one per service with an "slo" endpoint, holding the last
 * figures that parsed, whether each meets its target, the availability error budget left
 * over the reported window, and why the newest answer could not be used.
 */
class SloModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ServiceCol,
        AvailabilityCol,
        P95Col,
        P99Col,
        WebhookCol,
        BudgetCol,
        SourceCol,
        AgeCol,
        StateCol,
        ColumnCount
    };
    enum Role
    {
        VerdictRole = Qt::UserRole + 1, ///< int(ph::Verdict): Pass = met, Fail = breached
        ValueRole,                      ///< the raw number (budget as a ratio); invalid if none
        StaleRole,                      ///< bool: the figures are older than the newest answer
    };

    using Figures = SloFigures;
    struct Row
    {
        QString service;
        QString source; ///< endpoint path, e.g. "/api/slo/status"
        QMap<QString, QString> fieldMappings;
        bool hasFigures = false;
        Figures figures;
        QDateTime figuresAt;
        bool stale = false;
        QString problem; ///< why the newest answer was not used; empty when it was
    };

    explicit SloModel(QObject *parent = nullptr);

    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    /// Returns true when @p result belonged to a row and produced fresh figures.
    bool applyResult(const ProbeResult &result);
    void refreshAges(const QDateTime &now);

    int rowOf(const QString &service) const;
    const Row &rowAt(int row) const { return m_rows.at(row); }
    double threshold(const QString &key) const;
    /// Availability error budget left over the window: 1 - (1 - a) / (1 - target).
    double budgetLeft(const Figures &f) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Verdict figureVerdict(int column, const Figures &f) const;

    QList<Row> m_rows;
    QMap<QString, double> m_thresholds;
    QDateTime m_now;
};

/**
 * The SLO dashboard: availability, p95 and p99 latency and webhook success per service
 * against the workspace targets ("slo.availability.target", "slo.p95_ms.max",
 * "slo.p99_ms.max", "slo.webhook_success.target"), the error budget left, and a chart of
 * availability over the session with the target line. Feed it every probe result; it
 * keeps those of endpoint "slo".
 */
class SloPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SloPanel(QWidget *parent = nullptr);

    /// Replaces the rows and the chart; keeps services that have an "slo" endpoint.
    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    SloModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QChartView *chartView() const { return m_chartView; }
    /// Points of @p service's availability series (x = msecs since epoch, y = percent).
    QList<QPointF> availabilityHistory(const QString &service) const;

public Q_SLOTS:
    void applyResult(const ph::ProbeResult &result);
    /// Re-evaluates the data ages against @p now (a timer calls it every second).
    void refreshAges(const QDateTime &now);

private:
    void rebuildChart();
    void updateAxes();
    void updateSummary();

    SloModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QChartView *m_chartView;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_percentAxis = nullptr;
    QLineSeries *m_targetSeries = nullptr;
    QMap<QString, QLineSeries *> m_series;
    QTimer *m_ageTimer;
};

} // namespace ph
