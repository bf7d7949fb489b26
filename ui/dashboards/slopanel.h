// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/dashboardfigures.h"
#include "metrics/sloreading.h"
#include "probes/proberesult.h"
#include "ui/dashboards/dashboardmodel.h"
#include "ui/dashboards/historychart.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QWidget>

#include <functional>
#include <memory>

class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QTableView;
class QTimer;
class QValueAxis;

namespace ph {

class MetricsSloTracker;
class PromSloSource;

/**
 * Rows of the SLO dashboard: one per service with an SLO source — its SLO endpoint, its
 * /metrics (scraped by the probes, rates computed here), or a Prometheus server — holding
 * the last reading, whether each figure meets its target, the burn rates with the
 * multi-window verdict, and why the newest answer could not be used.
 */
class SloModel : public DashboardModel
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
        Burn1hCol,
        Burn6hCol,
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
        NoteRole,                       ///< the figure's caveat or why it is unknown
    };

    struct Row
    {
        QString service;
        SloSourceKind kind = SloSourceKind::Endpoint;
        QString endpoint; ///< probe endpoint feeding the row ("slo", "metrics"); empty otherwise
        QString source;   ///< user-facing source, e.g. "/api/slo/status", "/metrics", "Prometheus"
        QMap<QString, QString> fieldMappings;
        bool hasFigures = false;
        SloReading reading;
        QDateTime figuresAt;
        bool stale = false;
        QString problem; ///< why the newest answer was not used; empty when it was
        std::shared_ptr<MetricsSloTracker> tracker; ///< for /metrics rows
    };

    explicit SloModel(QObject *parent = nullptr);

    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    /// Returns true when @p result belonged to a row and produced fresh figures.
    bool applyResult(const ProbeResult &result);
    /**
     * A reading a source produced elsewhere (a Prometheus server's answer) for @p service;
     * a reading with an error keeps the last figures, greyed. Returns true when fresh.
     */
    bool applyReading(const QString &service, const SloReading &reading);

    const Row &rowAt(int row) const { return m_rows.at(row); }
    /// Availability error budget left over the window as the reading gives it.
    double budgetLeft(const SloReading &r) const { return r.budgetRemaining.value; }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    qsizetype serviceCount() const override { return m_rows.size(); }
    QString serviceAt(qsizetype row) const override { return m_rows.at(row).service; }

private:
    Verdict figureVerdict(int column, const SloVerdicts &v, const SloReading &r) const;
    const SloValue *value(int column, const SloReading &r) const;
    void finishUpdate(int row);

    QList<Row> m_rows;
};

/**
 * The SLO dashboard: availability, p95 and p99 latency, webhook success, the error budget
 * left and the 1 h / 6 h burn rates per service against the workspace targets
 * ("slo.availability.target", "slo.p95_ms.max", "slo.p99_ms.max",
 * "slo.webhook_success.target"), each with its source and age, and a chart of
 * availability over the session with the target line. Feed it every probe result; it
 * keeps those of each service's SLO source.
 */
class SloPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SloPanel(QWidget *parent = nullptr);

    /// Replaces the rows and the chart; keeps services that have an SLO source.
    void setServices(const QList<Service> &services, const QMap<QString, double> &thresholds);
    SloModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QChartView *chartView() const { return m_chartView; }
    /// Points of @p service's availability series (x = msecs since epoch, y = percent).
    QList<QPointF> availabilityHistory(const QString &service) const;
    /**
     * Where "prometheus" rows read from: @p serverFor gives the server of an environment
     * (Workspace::prometheusFor()); each is asked every @p intervalMs, asynchronously.
     * Takes effect at the next setServices().
     */
    void setPrometheus(std::function<PrometheusServer(const QString &environment)> serverFor,
                       int intervalMs);
    /// The Prometheus source of @p service's row; null unless its source is "prometheus".
    PromSloSource *prometheusSource(const QString &service) const
    {
        return m_promSources.value(service);
    }

public Q_SLOTS:
    void applyResult(const ph::ProbeResult &result);
    /// A reading of a source that answers outside the probes (a Prometheus server).
    void applyReading(const QString &service, const ph::SloReading &reading);
    /// Re-evaluates the data ages against @p now (a timer calls it every second).
    void refreshAges(const QDateTime &now);

private:
    void rebuildChart();
    void updateAxes();
    void updateSummary();
    void addToChart(const QString &service);
    void rebuildPrometheusSources(const QList<Service> &services);
    void refreshPrometheus();

    SloModel *m_model;
    QLabel *m_summary;
    QTableView *m_table;
    QChartView *m_chartView;
    HistoryChart m_history;
    QValueAxis *m_percentAxis = nullptr;
    QTimer *m_ageTimer;
    QTimer *m_promTimer;
    std::function<PrometheusServer(const QString &)> m_prometheusFor;
    QMap<QString, PromSloSource *> m_promSources;
};

} // namespace ph
