// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/payouts/payoutspanel.h"

#include "probes/servicefetcher.h"
#include "ui/payouts/payoutsmodel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMap>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <QValueAxis>

using namespace Qt::StringLiterals;

namespace ph {

/// Rows whose text contains the filter text (any column) and, when set, of one period.
class PayoutsFilterModel : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setText(const QString &text)
    {
        m_text = text.trimmed();
        invalidateRowsFilter();
    }
    void setPeriod(const QString &period)
    {
        m_period = period;
        invalidateRowsFilter();
    }
    QString period() const { return m_period; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &) const override
    {
        const auto *model = static_cast<const PayoutsModel *>(sourceModel());
        const PayoutRow &r = model->rowAt(sourceRow);
        if (!m_period.isEmpty() && r.period != m_period)
            return false;
        if (m_text.isEmpty())
            return true;
        for (const QString &field : {r.partnerId, r.partnerName, r.period, r.amount.toString(),
                                     r.amount.currency, r.status}) {
            if (field.contains(m_text, Qt::CaseInsensitive))
                return true;
        }
        return false;
    }

private:
    QString m_text;
    QString m_period;
};

namespace {

QFont monospace()
{
    QFont f(u"monospace"_s);
    f.setStyleHint(QFont::Monospace);
    return f;
}

QString usd(double value)
{
    return QLocale().toString(value, 'f', 2) + u" USD"_s;
}

} // namespace

PayoutsPanel::PayoutsPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new PayoutsModel(this))
    , m_filter(new PayoutsFilterModel(this))
    , m_tabs(new QTabWidget(this))
    , m_serviceBox(new QComboBox(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_sourceLabel(new QLabel(this))
    , m_errorLabel(new QLabel(this))
    , m_filterEdit(new QLineEdit(this))
    , m_periodBox(new QComboBox(this))
    , m_tableView(new QTableView(this))
    , m_totals(new QTreeWidget(this))
    , m_malformedLabel(new QLabel(this))
    , m_malformedList(new QListWidget(this))
    , m_save(new QPushButton(tr("&Save as…"), this))
    , m_costLabel(new QLabel(this))
    , m_revenueLabel(new QLabel(this))
    , m_marginLabel(new QLabel(this))
    , m_finopsSource(new QLabel(this))
    , m_finopsSet(new QBarSet(tr("30 days, USD")))
    , m_finopsAxis(new QValueAxis)
    , m_partnerEdit(new QLineEdit(this))
    , m_partnerButton(new QPushButton(tr("&Look up"), this))
    , m_partnerResult(new QLabel(this))
{
    setObjectName(u"payoutsPanel"_s);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(PayoutsModel::SortRole);

    auto *title = new QLabel(tr("Payouts & FinOps"), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.3);
    tf.setBold(true);
    title->setFont(tf);

    m_serviceBox->setObjectName(u"payoutsService"_s);
    m_refresh->setObjectName(u"payoutsRefresh"_s);
    m_refresh->setToolTip(tr("Fetch the payouts export again"));
    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addStretch(1);
    top->addWidget(new QLabel(tr("Service:"), this));
    top->addWidget(m_serviceBox);
    top->addWidget(m_refresh);

    m_sourceLabel->setObjectName(u"payoutsSource"_s);
    m_sourceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->setObjectName(u"payoutsError"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(u"color: #a51d2d;"_s);
    m_errorLabel->hide();

    // --- Payouts tab ---
    auto *payoutsPage = new QWidget(this);
    m_filterEdit->setObjectName(u"payoutsFilter"_s);
    m_filterEdit->setPlaceholderText(tr("Filter by partner, name, status, amount…"));
    m_filterEdit->setClearButtonEnabled(true);
    m_periodBox->setObjectName(u"payoutsPeriod"_s);
    m_save->setObjectName(u"payoutsSave"_s);
    m_save->setToolTip(tr("Save the rows shown as payouts_YYYYMM.csv"));
    m_save->setEnabled(false);
    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(new QLabel(tr("Period:"), this));
    filterRow->addWidget(m_periodBox);
    filterRow->addWidget(m_save);

    m_tableView->setObjectName(u"payoutsTable"_s);
    m_tableView->setModel(m_filter);
    m_tableView->setSortingEnabled(true);
    m_tableView->sortByColumn(PayoutsModel::LineCol, Qt::AscendingOrder);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setAlternatingRowColors(true);
    m_tableView->verticalHeader()->hide();
    m_tableView->setWordWrap(false);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->horizontalHeader()->setSectionResizeMode(PayoutsModel::PartnerNameCol,
                                                          QHeaderView::Stretch);
    m_tableView->setToolTip(tr("Double-click a row to look up the partner"));

    m_totals->setObjectName(u"payoutsTotals"_s);
    m_totals->setHeaderLabels(
        {tr("Totals of the rows shown"), tr("Currency"), tr("Rows"), tr("Total")});
    m_totals->setRootIsDecorated(true);
    m_totals->setAlternatingRowColors(true);

    m_malformedLabel->setObjectName(u"payoutsMalformedLabel"_s);
    m_malformedLabel->setWordWrap(true);
    m_malformedLabel->setStyleSheet(u"color: #a51d2d; font-weight: bold;"_s);
    m_malformedList->setObjectName(u"payoutsMalformed"_s);
    m_malformedList->setMaximumHeight(90);
    m_malformedLabel->hide();
    m_malformedList->hide();

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_tableView);
    split->addWidget(m_totals);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *pl = new QVBoxLayout(payoutsPage);
    pl->addLayout(filterRow);
    pl->addWidget(split, 1);
    pl->addWidget(m_malformedLabel);
    pl->addWidget(m_malformedList);

    // --- FinOps tab ---
    auto *finopsPage = new QWidget(this);
    for (QLabel *l : {m_costLabel, m_revenueLabel, m_marginLabel}) {
        l->setFont(monospace());
        l->setText(tr("—"));
    }
    m_costLabel->setObjectName(u"finopsCost"_s);
    m_revenueLabel->setObjectName(u"finopsRevenue"_s);
    m_marginLabel->setObjectName(u"finopsMargin"_s);
    m_finopsSource->setObjectName(u"finopsSource"_s);
    m_finopsSource->setText(tr("Waiting for the FinOps summary (/api/finops/summary)."));
    auto *form = new QFormLayout;
    form->addRow(tr("Cost:"), m_costLabel);
    form->addRow(tr("Revenue:"), m_revenueLabel);
    form->addRow(tr("Margin:"), m_marginLabel);
    auto *chart = new QChart;
    chart->setTitle(tr("Cost, revenue and margin"));
    chart->legend()->hide();
    auto *series = new QBarSeries;
    *m_finopsSet << 0 << 0 << 0;
    series->append(m_finopsSet);
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append({tr("Cost"), tr("Revenue"), tr("Margin")});
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    m_finopsAxis->setLabelFormat(u"%.0f"_s);
    m_finopsAxis->setTitleText(tr("USD"));
    chart->addAxis(m_finopsAxis, Qt::AlignLeft);
    series->attachAxis(m_finopsAxis);
    auto *chartView = new QChartView(chart, this);
    chartView->setObjectName(u"finopsChart"_s);
    chartView->setRenderHint(QPainter::Antialiasing);
    auto *fl = new QVBoxLayout(finopsPage);
    fl->addLayout(form);
    fl->addWidget(m_finopsSource);
    fl->addWidget(chartView, 1);

    // --- Partner tab ---
    auto *partnerPage = new QWidget(this);
    m_partnerEdit->setObjectName(u"partnerId"_s);
    m_partnerEdit->setPlaceholderText(tr("Partner id, e.g. PTR_001"));
    m_partnerButton->setObjectName(u"partnerLookUp"_s);
    m_partnerResult->setObjectName(u"partnerResult"_s);
    m_partnerResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_partnerResult->setWordWrap(true);
    m_partnerResult->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *prow = new QHBoxLayout;
    prow->addWidget(m_partnerEdit, 1);
    prow->addWidget(m_partnerButton);
    auto *ppl = new QVBoxLayout(partnerPage);
    ppl->addLayout(prow);
    ppl->addWidget(m_partnerResult, 1);

    m_tabs->setObjectName(u"payoutsTabs"_s);
    m_tabs->addTab(payoutsPage, tr("Payouts"));
    m_tabs->addTab(finopsPage, tr("FinOps"));
    m_tabs->addTab(partnerPage, tr("Partner"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_sourceLabel);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_tabs, 1);

    connect(m_refresh, &QPushButton::clicked, this, &PayoutsPanel::refresh);
    connect(m_serviceBox, &QComboBox::activated, this, [this] { refresh(); });
    connect(m_filterEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setText(text);
        updateTotals();
    });
    connect(m_periodBox, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setPeriod(m_periodBox->currentData().toString());
        updateTotals();
    });
    connect(m_save, &QPushButton::clicked, this, &PayoutsPanel::saveAs);
    connect(m_tableView, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_filter->mapToSource(index);
        const QString id = m_model->rowAt(source.row()).partnerId;
        m_partnerEdit->setText(id);
        m_tabs->setCurrentIndex(2);
        lookUpPartner(id);
    });
    connect(m_partnerButton, &QPushButton::clicked, this,
            [this] { lookUpPartner(m_partnerEdit->text()); });
    connect(m_partnerEdit, &QLineEdit::returnPressed, this,
            [this] { lookUpPartner(m_partnerEdit->text()); });

    updatePeriods();
    updateTotals();
}

PayoutsPanel::~PayoutsPanel() = default;

QSortFilterProxyModel *PayoutsPanel::filterModel() const
{
    return m_filter;
}

void PayoutsPanel::setFetcher(ServiceFetcher *fetcher)
{
    if (m_fetcher)
        disconnect(m_fetcher, nullptr, this, nullptr);
    m_fetcher = fetcher;
    if (m_fetcher)
        connect(m_fetcher, &ServiceFetcher::fetched, this, &PayoutsPanel::onFetched);
}

void PayoutsPanel::setServices(const QList<Service> &services)
{
    const QString previous = m_serviceBox->currentText();
    m_services.clear();
    m_serviceBox->clear();
    for (const Service &s : services) {
        const bool hasExport =
            std::any_of(s.endpoints.cbegin(), s.endpoints.cend(),
                        [](const EndpointSpec &e) { return e.name == u"payouts"_s; });
        if (!hasExport)
            continue;
        m_services.append(s);
        m_serviceBox->addItem(s.name);
    }
    const int keep = m_serviceBox->findText(previous);
    if (keep >= 0)
        m_serviceBox->setCurrentIndex(keep);
    m_refresh->setEnabled(!m_services.isEmpty());
    m_partnerButton->setEnabled(!m_services.isEmpty());
    if (m_services.isEmpty()) {
        m_sourceLabel->setText(tr("No service of this environment offers a payouts export "
                                  "(endpoint \"payouts\")."));
        return;
    }
    // A new environment: what was shown belongs to the old one.
    if (keep < 0) {
        m_table = {};
        m_model->setRows({});
        m_malformedList->clear();
        m_malformedLabel->hide();
        m_malformedList->hide();
        updatePeriods();
        updateTotals();
        m_fetchedOnce = false;
    }
    if (!m_fetchedOnce && m_fetcher && isVisible())
        refresh();
}

void PayoutsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Fetched when first looked at, not at start-up: the export is large and rarely needed.
    if (!m_fetchedOnce && m_fetcher && !m_services.isEmpty())
        refresh();
}

const Service *PayoutsPanel::selectedService() const
{
    const int i = m_serviceBox->currentIndex();
    return i >= 0 && i < m_services.size() ? &m_services.at(i) : nullptr;
}

void PayoutsPanel::refresh()
{
    const Service *service = selectedService();
    if (!service)
        return;
    if (!m_fetcher) {
        m_errorLabel->setText(tr("Payouts cannot be fetched: the console is not connected."));
        m_errorLabel->show();
        return;
    }
    m_fetchedOnce = true;
    m_refresh->setEnabled(false);
    m_sourceLabel->setText(tr("Fetching the payouts export of %1…").arg(service->name));
    m_payoutsFetch = m_fetcher->fetch(*service, u"payouts"_s);
}

void PayoutsPanel::lookUpPartner(const QString &partnerId)
{
    const QString id = partnerId.trimmed();
    const Service *service = selectedService();
    if (id.isEmpty()) {
        m_partnerResult->setText(tr("Type a partner id first, e.g. PTR_001."));
        return;
    }
    if (!service || !m_fetcher) {
        m_partnerResult->setText(tr("No service to ask for partner figures."));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"partner_id"_s, id);
    m_partnerResult->setText(tr("Looking up %1…").arg(id));
    m_partnerFetch = m_fetcher->fetch(*service, u"partners"_s, query);
}

void PayoutsPanel::onFetched(quint64 id, const ProbeResult &result)
{
    if (id == m_payoutsFetch) {
        m_payoutsFetch = 0;
        m_refresh->setEnabled(true);
        if (result.statusCode != 200) {
            const QString reason =
                result.error.isEmpty() ? tr("HTTP %1").arg(result.statusCode) : result.error;
            m_errorLabel->setText(
                m_table.rows.isEmpty()
                    ? tr("The payouts export could not be fetched: %1").arg(reason)
                    : tr("The payouts export could not be fetched: %1. The table still shows "
                         "the previous export.")
                          .arg(reason));
            m_errorLabel->show();
            m_sourceLabel->setText(tr("Last attempt %1 UTC from %2")
                                       .arg(result.checkedAt.toString(u"HH:mm:ss"_s), result.url));
            return;
        }
        applyCsv(result.body, result.url, result.checkedAt);
        return;
    }
    if (id == m_partnerFetch) {
        m_partnerFetch = 0;
        if (result.statusCode != 200) {
            m_partnerResult->setText(tr("Could not look up the partner: %1")
                                         .arg(result.error.isEmpty()
                                                  ? tr("HTTP %1").arg(result.statusCode)
                                                  : result.error));
            return;
        }
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(result.body, &perr);
        if (!doc.isObject()) {
            m_partnerResult->setText(
                tr("The partner figures are not JSON: %1").arg(perr.errorString()));
            return;
        }
        const QJsonObject o = doc.object();
        // Earnings stay the decimal string the service sent: exact, never a float.
        const QJsonValue earnings = o.value(u"earnings"_s);
        QString earningsText = earnings.isString() ? earnings.toString() : QString();
        if (earnings.isString() && !Money::parseAmount(earningsText))
            earningsText = tr("%1 (not a decimal amount)").arg(earningsText);
        m_partnerResult->setText(
            tr("<b>%1</b><br>Earnings: %2<br>Referrals: %3<br><small>%4 UTC, %5</small>")
                .arg(o.value(u"partner_id"_s).toString().toHtmlEscaped(),
                     earningsText.isEmpty() ? tr("not reported") : earningsText.toHtmlEscaped(),
                     o.value(u"referrals"_s).isDouble()
                         ? QString::number(o.value(u"referrals"_s).toInteger())
                         : tr("not reported"),
                     result.checkedAt.toString(u"HH:mm:ss"_s), result.url.toHtmlEscaped()));
    }
}

void PayoutsPanel::applyCsv(const QByteArray &csv, const QString &source, const QDateTime &at)
{
    auto parsed = parsePayoutsCsv(csv);
    if (!parsed) {
        m_errorLabel->setText(tr("The payouts export cannot be read: %1%2")
                                  .arg(parsed.error().message,
                                       m_table.rows.isEmpty()
                                           ? QString()
                                           : tr(". The table still shows the previous export.")));
        m_errorLabel->show();
        return;
    }
    m_errorLabel->hide();
    m_table = std::move(*parsed);
    m_model->setRows(m_table.rows);
    m_sourceLabel->setText(
        tr("%n payout row(s) from %1, fetched %2 UTC", nullptr, int(m_table.rows.size()))
            .arg(source, at.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s)));

    m_malformedList->clear();
    for (const MalformedPayoutRow &bad : m_table.malformed)
        m_malformedList->addItem(tr("line %1: %2").arg(bad.line).arg(bad.reason));
    const bool anyBad = !m_table.malformed.isEmpty();
    m_malformedLabel->setText(tr("%n malformed record(s) left out of every total:", nullptr,
                                 int(m_table.malformed.size())));
    m_malformedLabel->setVisible(anyBad);
    m_malformedList->setVisible(anyBad);
    m_save->setEnabled(!m_table.rows.isEmpty());
    updatePeriods();
    updateTotals();
}

void PayoutsPanel::updatePeriods()
{
    const QString current = m_periodBox->currentData().toString();
    QStringList periods;
    for (const PayoutRow &r : m_table.rows) {
        if (!periods.contains(r.period))
            periods.append(r.period);
    }
    periods.sort();
    const QSignalBlocker block(m_periodBox);
    m_periodBox->clear();
    m_periodBox->addItem(tr("All periods"), QString());
    for (const QString &p : periods)
        m_periodBox->addItem(p, p);
    const int keep = m_periodBox->findData(current);
    m_periodBox->setCurrentIndex(keep >= 0 ? keep : 0);
    m_filter->setPeriod(m_periodBox->currentData().toString());
}

QList<PayoutTotal> PayoutsPanel::visibleTotals(const QString &group) const
{
    // Summed in minor units per (key, currency): exact, and never across currencies.
    QMap<QPair<QString, QString>, PayoutTotal> sums;
    for (int i = 0; i < m_filter->rowCount(); ++i) {
        const PayoutRow &r = m_model->rowAt(m_filter->mapToSource(m_filter->index(i, 0)).row());
        QString key;
        if (group == u"partner"_s)
            key = r.partnerId;
        else if (group == u"period"_s)
            key = r.period;
        PayoutTotal &t = sums[{key, r.amount.currency}];
        t.key = key;
        t.total.currency = r.amount.currency;
        t.total.minor += r.amount.minor;
        ++t.rows;
    }
    return sums.values();
}

void PayoutsPanel::updateTotals()
{
    m_totals->clear();
    const QList<std::pair<QString, QString>> groups = {{u"currency"_s, tr("Per currency")},
                                                       {u"partner"_s, tr("Per partner")},
                                                       {u"period"_s, tr("Per period")}};
    for (const auto &[group, label] : groups) {
        auto *top = new QTreeWidgetItem(m_totals, {label});
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (const PayoutTotal &t : visibleTotals(group)) {
            auto *item = new QTreeWidgetItem(top, {t.key.isEmpty() ? t.total.currency : t.key,
                                                   t.total.currency, QString::number(t.rows),
                                                   t.total.toString()});
            item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
            item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
            item->setFont(3, monospace());
        }
        top->setExpanded(true);
    }
    for (int c = 0; c < m_totals->columnCount(); ++c)
        m_totals->resizeColumnToContents(c);
}

QString PayoutsPanel::suggestedFileName() const
{
    const QDate month = QDate::fromString(m_filter->period() + u"-01"_s, u"yyyy-MM-dd"_s);
    return payoutsFileName(month.isValid() ? month : QDate::currentDate());
}

Result<void> PayoutsPanel::saveVisibleRows(const QString &path) const
{
    QList<PayoutRow> rows;
    for (int i = 0; i < m_filter->rowCount(); ++i)
        rows.append(m_model->rowAt(m_filter->mapToSource(m_filter->index(i, 0)).row()));
    auto csv = writeCsv(rows);
    if (!csv)
        return tl::unexpected(csv.error());
    // QSaveFile: a failed write never leaves half a file where the old one was.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*csv) != csv->size() || !file.commit()) {
        return fail(u"payouts.save_failed"_s,
                    tr("Could not save %1: %2").arg(path, file.errorString()));
    }
    return {};
}

void PayoutsPanel::saveAs()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save payouts"), dir + u'/' + suggestedFileName(), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto saved = saveVisibleRows(path);
    if (!saved) {
        m_errorLabel->setText(saved.error().message);
        m_errorLabel->show();
        return;
    }
    m_errorLabel->hide();
    m_sourceLabel->setText(tr("Saved %1").arg(path));
}

void PayoutsPanel::applyResult(const ProbeResult &result)
{
    if (result.endpoint != u"finops"_s || result.statusCode != 200)
        return;
    const auto it = std::find_if(m_services.cbegin(), m_services.cend(),
                                 [&](const Service &s) { return s.name == result.service; });
    if (it == m_services.cend())
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    const QJsonObject o = doc.object();
    const QJsonValue cost = o.value(u"cost_usd"_s);
    const QJsonValue revenue = o.value(u"revenue_usd"_s);
    if (!cost.isDouble() || !revenue.isDouble()) {
        m_finopsSource->setText(tr("The FinOps summary from %1 has no cost_usd / revenue_usd "
                                   "numbers; the figures shown are older.")
                                    .arg(result.url));
        return;
    }
    showFinops(cost.toDouble(), revenue.toDouble(), o.value(u"days"_s).toInt(30), result.checkedAt);
    m_finopsSource->setText(
        tr("From %1 at %2 UTC").arg(result.url, result.checkedAt.toString(u"HH:mm:ss"_s)));
}

void PayoutsPanel::showFinops(double cost, double revenue, int days, const QDateTime &)
{
    const double margin = revenue - cost;
    m_costLabel->setText(tr("%1 over %2 days").arg(usd(cost)).arg(days));
    m_revenueLabel->setText(tr("%1 over %2 days").arg(usd(revenue)).arg(days));
    m_marginLabel->setText(
        revenue > 0 ? tr("%1 (%2 % of revenue)")
                          .arg(usd(margin), QLocale().toString(100.0 * margin / revenue, 'f', 1))
                    : usd(margin));
    m_finopsSet->replace(0, cost);
    m_finopsSet->replace(1, revenue);
    m_finopsSet->replace(2, margin);
    const double top = std::max({cost, revenue, margin, 1.0});
    m_finopsAxis->setRange(std::min(0.0, margin), top * 1.1);
}

} // namespace ph
