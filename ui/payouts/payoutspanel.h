// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "payouts/payoutscsv.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QWidget>

class QBarSet;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTabWidget;
class QTreeWidget;
class QValueAxis;

namespace ph {

class PayoutsFilterModel;
class PayoutsModel;
class ServiceFetcher;

/**
 * The Payouts & FinOps page: the partner payouts export as a sortable, filterable table
 * with exact totals per partner, period and currency (malformed records listed and left
 * out), saved as payouts_YYYYMM.csv; the 30-day FinOps cost, revenue and margin with a
 * chart; and one partner's figures by partner id.
 *
 * The export and partner figures are fetched on demand through a ServiceFetcher; the
 * FinOps summary arrives with the probe results like the other dashboards.
 */
class PayoutsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PayoutsPanel(QWidget *parent = nullptr);
    ~PayoutsPanel() override;

    /// Not owned; must outlive the panel. Without one, Refresh says why it cannot fetch.
    void setFetcher(ServiceFetcher *fetcher);
    /// The services of the shown environment; those with a payouts export are offered.
    void setServices(const QList<Service> &services);
    /// Takes FinOps summaries from the probe results; ignores everything else.
    void applyResult(const ProbeResult &result);

    /// Fetches the export of the selected service again.
    void refresh();
    /// Shows @p csv as the export fetched from @p source at @p at.
    void applyCsv(const QByteArray &csv, const QString &source, const QDateTime &at);
    /// Looks up one partner's figures.
    void lookUpPartner(const QString &partnerId);

    /// Writes the rows passing the filter as RFC 4180 CSV to @p path.
    Result<void> saveVisibleRows(const QString &path) const;
    /// "payouts_YYYYMM.csv" for the filtered period, or the current month when the
    /// filter spans several periods.
    QString suggestedFileName() const;

    const PayoutsTable &table() const { return m_table; }
    PayoutsModel *model() const { return m_model; }
    /// The rows passing the text and period filters, sorted as shown.
    QSortFilterProxyModel *filterModel() const;
    /// Totals of the rows passing the filter, in the order shown.
    QList<PayoutTotal> visibleTotals(const QString &group) const;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void onFetched(quint64 id, const ProbeResult &result);
    void updateTotals();
    void updatePeriods();
    void showFinops(double cost, double revenue, int days, const QDateTime &at);
    const Service *selectedService() const;
    void saveAs();

    ServiceFetcher *m_fetcher = nullptr;
    QList<Service> m_services;
    PayoutsTable m_table;
    PayoutsModel *m_model;
    PayoutsFilterModel *m_filter;
    quint64 m_payoutsFetch = 0;
    quint64 m_partnerFetch = 0;
    bool m_fetchedOnce = false;

    QTabWidget *m_tabs;
    QComboBox *m_serviceBox;
    QPushButton *m_refresh;
    QLabel *m_sourceLabel;
    QLabel *m_errorLabel;
    QLineEdit *m_filterEdit;
    QComboBox *m_periodBox;
    QTableView *m_tableView;
    QTreeWidget *m_totals;
    QLabel *m_malformedLabel;
    QListWidget *m_malformedList;
    QPushButton *m_save;

    QLabel *m_costLabel;
    QLabel *m_revenueLabel;
    QLabel *m_marginLabel;
    QLabel *m_finopsSource;
    QBarSet *m_finopsSet;
    QValueAxis *m_finopsAxis;

    QLineEdit *m_partnerEdit;
    QPushButton *m_partnerButton;
    QLabel *m_partnerResult;
};

} // namespace ph
