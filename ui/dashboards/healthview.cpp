// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/healthview.h"
#include "ui/widgets/columnfitter.h"

#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/hostfactspanel.h"
#include "ui/dialogs/secretprompt.h"
#include "ui/widgets/sparklinedelegate.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ph {

HealthView::HealthView(QWidget *parent)
    : QWidget(parent)
    , m_model(new HealthModel(this))
    , m_table(new QTableView(this))
    , m_detail(new QTabWidget(this))
    , m_detailTitle(new QLabel(this))
    , m_openBrowser(new QPushButton(tr("Open in browser"), this))
    , m_enterSecret(new QPushButton(this))
    , m_errorText(new QLabel(this))
    , m_headers(new QTreeWidget(this))
    , m_body(new QPlainTextEdit(this))
    , m_chart(new QChartView(this))
    , m_ageTimer(new QTimer(this))
    , m_hostFacts(new HostFactsPanel(this))
{
    setObjectName(u"healthView"_s);
    m_table->setObjectName(u"healthTable"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(HealthModel::TrendCol, new SparklineDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(HealthModel::TrendCol, QHeaderView::Fixed);
    m_table->setColumnWidth(HealthModel::TrendCol, 110);
    new ColumnFitter(m_table, m_table->horizontalHeader());
    m_table->setWordWrap(false);

    m_detailTitle->setObjectName(u"healthDetailTitle"_s);
    m_detailTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_detailTitle->font();
    titleFont.setBold(true);
    m_detailTitle->setFont(titleFont);
    m_openBrowser->setObjectName(u"healthOpenInBrowser"_s);
    m_openBrowser->setToolTip(tr("Opens the service's page; through an SSH tunnel when it is "
                                 "reached via a host."));
    connect(m_openBrowser, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentIndex().row();
        if (row >= 0 && row < m_model->rowCount())
            Q_EMIT openInBrowserRequested(m_model->rowAt(row).service);
    });
    m_enterSecret->setObjectName(u"healthEnterSecret"_s);
    m_enterSecret->hide();
    // Probe rounds run unattended every few seconds, so they never ask by themselves;
    // only this button does.
    connect(m_enterSecret, &QPushButton::clicked, this, [this] {
        if (!m_secretHost.isEmpty())
            Q_EMIT secretRequested(m_secretHost);
    });
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_table->indexAt(pos);
        if (!index.isValid())
            return;
        QMenu *menu = rowMenu(index.row());
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_table->viewport()->mapToGlobal(pos));
    });
    m_errorText->setObjectName(u"healthDetailError"_s);
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_headers->setObjectName(u"healthDetailHeaders"_s);
    m_headers->setHeaderLabels({tr("Header"), tr("Value")});
    m_headers->setRootIsDecorated(false);
    m_body->setObjectName(u"healthDetailBody"_s);
    m_body->setReadOnly(true);
    m_body->setFont(QFont(u"monospace"_s));
    m_body->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_chart->setObjectName(u"healthDetailChart"_s);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(160);

    m_detail->addTab(m_chart, tr("Latency"));
    m_detail->addTab(m_body, tr("Body"));
    m_detail->addTab(m_headers, tr("Headers"));

    auto *detailBox = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detailBox);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_detailTitle, 1);
    titleRow->addWidget(m_enterSecret);
    titleRow->addWidget(m_openBrowser);
    detailLayout->addLayout(titleRow);
    detailLayout->addWidget(m_errorText);
    detailLayout->addWidget(m_detail, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"healthSplitter"_s);
    split->addWidget(m_table);
    split->addWidget(detailBox);
    split->addWidget(m_hostFacts);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &HealthView::showDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &tl, const QModelIndex &br, const QList<int> &roles) {
                const int current = m_table->currentIndex().row();
                // The age column ticks every second; only a new result redraws the detail.
                if (roles == QList<int>{Qt::DisplayRole} && tl.column() == HealthModel::AgeCol)
                    return;
                if (current >= tl.row() && current <= br.row())
                    showDetail();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0)
            m_table->selectRow(0);
        showDetail();
    });
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this,
            [this] { m_model->refreshAges(QDateTime::currentDateTimeUtc()); });
    m_ageTimer->start();
    showDetail();
}

void HealthView::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    showDetail();
}

QMenu *HealthView::rowMenu(int row)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"healthRowMenu"_s);
    if (row < 0 || row >= m_model->rowCount())
        return menu;
    const QString service = m_model->rowAt(row).service;
    QAction *open = menu->addAction(tr("Open %1 in browser").arg(service));
    open->setObjectName(u"openInBrowser"_s);
    connect(open, &QAction::triggered, this,
            [this, service] { Q_EMIT openInBrowserRequested(service); });
    return menu;
}

void HealthView::showSecretButton(const QString &serviceName, const ProbeResult &result)
{
    const Service *service = m_workspace.service(serviceName);
    const Host *host =
        service && !service->via.isEmpty() &&
                SecretPrompt::isSecretMissing(Error{result.errorCode, result.error, {}})
            ? SecretPrompt::hostMissingSecret(m_workspace, service->via, result.error)
            : nullptr;
    if (!host || !SecretPrompt::canAsk(*host)) {
        m_secretHost.clear();
        m_enterSecret->hide();
        return;
    }
    m_secretHost = host->name;
    const bool password = host->auth == u"password"_s;
    m_enterSecret->setText(password ? tr("Enter password for %1…").arg(host->name)
                                    : tr("Enter passphrase for %1…").arg(host->name));
    m_enterSecret->setToolTip(
        (password ? tr("The tunnel to %1 cannot log in to %2 without its password. Give it, "
                       "and the check runs again at once.")
                  : tr("The tunnel to %1 cannot log in to %2 without its key passphrase. Give "
                       "it, and the check runs again at once."))
            .arg(serviceName, host->name));
    m_enterSecret->show();
}

static QString prettyBody(const QByteArray &body)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error == QJsonParseError::NoError)
        return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    return QString::fromUtf8(body.left(256 * 1024));
}

void HealthView::showDetail()
{
    const int row = m_table->currentIndex().row();
    if (row < 0 || row >= m_model->rowCount()) {
        m_detailTitle->setText(tr("Select an endpoint to see its last answer."));
        m_openBrowser->setEnabled(false);
        m_secretHost.clear();
        m_enterSecret->hide();
        m_errorText->clear();
        m_errorText->hide();
        m_body->clear();
        m_headers->clear();
        m_chart->setChart(new QChart);
        return;
    }
    const HealthModel::Row &r = m_model->rowAt(row);
    const ProbeResult &p = r.last;
    m_openBrowser->setEnabled(true);
    m_detailTitle->setText(
        tr("%1 %2 — %3")
            .arg(r.service, p.url.isEmpty() ? r.path : p.url, HealthModel::verdictText(p.verdict)));
    m_errorText->setText(p.error);
    m_errorText->setVisible(!p.error.isEmpty());
    showSecretButton(r.service, p);

    const QString body = prettyBody(p.body);
    if (m_body->toPlainText() != body)
        m_body->setPlainText(body);

    m_headers->clear();
    for (const auto &[name, value] : p.headers)
        m_headers->addTopLevelItem(
            new QTreeWidgetItem({QString::fromLatin1(name), QString::fromLatin1(value)}));

    auto *series = new QLineSeries;
    series->setName(tr("Latency (ms)"));
    int maxValue = 1;
    for (int i = 0; i < r.latencies.size(); ++i) {
        series->append(i, r.latencies.at(i));
        maxValue = std::max(maxValue, r.latencies.at(i));
    }
    auto *chart = new QChart;
    chart->addSeries(series);
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *x = new QValueAxis;
    x->setLabelFormat(u"%d"_s);
    // Whole checks only: as many ticks as points, at most seven.
    x->setRange(0, std::max<qsizetype>(1, r.latencies.size() - 1));
    x->setTickCount(int(std::clamp<qsizetype>(r.latencies.size(), 2, 7)));
    x->setTitleText(tr("Last %n checks", nullptr, int(r.latencies.size())));
    auto *y = new QValueAxis;
    // Labels are whole milliseconds, so every tick must fall on one: the top is a multiple
    // of the tick gaps (a top of 1.2 ms labelled "0 ms" four times, 31.2 showed 6, 13, 19).
    constexpr int gaps = 4;
    const int top = (int(std::ceil(maxValue * 1.2)) + gaps - 1) / gaps * gaps;
    y->setRange(0, top);
    y->setTickCount(gaps + 1);
    y->setLabelFormat(u"%d ms"_s);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    QChart *old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

} // namespace ph
