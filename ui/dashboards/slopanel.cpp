// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/slopanel.h"

#include "metrics/slo.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/widgets/statuscolors.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int MaxHistory = 720; // three hours at the default 15 s interval

const QString AvailabilityKey = u"slo.availability.target"_s;
const QString P95Key = u"slo.p95_ms.max"_s;
const QString P99Key = u"slo.p99_ms.max"_s;
const QString WebhookKey = u"slo.webhook_success.target"_s;

QString number(double v)
{
    return QLocale().toString(v, 'g', 12);
}

QString ratioPercent(double ratio)
{
    // 99.95 % and above would round to a misleading "100.00 %" with two decimals.
    const int decimals = ratio >= 0.9995 && ratio < 1.0 ? 3 : 2;
    return SloPanel::tr("%1 %").arg(QLocale().toString(ratio * 100.0, 'f', decimals));
}

} // namespace

// ---------------------------------------------------------------------------------------

SloModel::SloModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentDateTimeUtc())
{
}

void SloModel::setServices(const QList<Service> &services, const QMap<QString, double> &thresholds)
{
    beginResetModel();
    QList<Row> old = std::exchange(m_rows, {});
    m_thresholds = thresholds;
    for (const Service &s : services) {
        const auto spec = std::find_if(s.endpoints.cbegin(), s.endpoints.cend(),
                                       [](const EndpointSpec &e) { return e.name == u"slo"; });
        if (spec == s.endpoints.cend())
            continue;
        Row row;
        // A reloaded workspace keeps the figures it already had for the same service.
        const auto kept = std::find_if(old.cbegin(), old.cend(),
                                       [&](const Row &r) { return r.service == s.name; });
        if (kept != old.cend())
            row = *kept;
        row.service = s.name;
        row.source = spec->path;
        row.fieldMappings = s.fieldMappings;
        m_rows.append(row);
    }
    endResetModel();
}

bool SloModel::applyResult(const ProbeResult &result)
{
    if (result.endpoint != u"slo")
        return false;
    const int i = rowOf(result.service);
    if (i < 0)
        return false;
    Row &r = m_rows[i];
    m_now = std::max(m_now, QDateTime::currentDateTimeUtc());
    bool fresh = false;
    if (const QString why = unusableAnswer(result); !why.isEmpty()) {
        r.stale = true;
        r.problem = why;
    } else {
        Figures f;
        const QString problem = readSloFigures(result.body, r.fieldMappings, &f);
        if (problem.isEmpty()) {
            r.figures = f;
            r.hasFigures = true;
            r.figuresAt =
                result.checkedAt.isValid() ? result.checkedAt : QDateTime::currentDateTimeUtc();
            r.stale = false;
            r.problem.clear();
            fresh = true;
        } else {
            // The last good figures stay on screen, greyed, next to the reason.
            r.stale = true;
            r.problem = problem;
        }
    }
    Q_EMIT dataChanged(index(i, 0), index(i, ColumnCount - 1));
    return fresh;
}

void SloModel::refreshAges(const QDateTime &now)
{
    m_now = now;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgeCol), index(m_rows.size() - 1, AgeCol), {Qt::DisplayRole});
}

int SloModel::rowOf(const QString &service) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).service == service)
            return i;
    }
    return -1;
}

double SloModel::threshold(const QString &key) const
{
    return dashboardThreshold(m_thresholds, key);
}

double SloModel::budgetLeft(const Figures &f) const
{
    return evaluateSlo(f, m_thresholds).budgetLeft;
}

Verdict SloModel::figureVerdict(int column, const Figures &f) const
{
    const SloVerdicts v = evaluateSlo(f, m_thresholds);
    switch (column) {
    case AvailabilityCol:
        return v.availability;
    case P95Col:
        return v.p95;
    case P99Col:
        return v.p99;
    case WebhookCol:
        return v.webhook;
    case BudgetCol:
        return v.budget;
    default:
        return Verdict::Unknown;
    }
}

int SloModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SloModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SloModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const int col = index.column();
    const Figures &f = r.figures;
    const bool figure = col >= AvailabilityCol && col <= BudgetCol;
    const Verdict verdict = figure && r.hasFigures ? figureVerdict(col, f) : Verdict::Unknown;
    Verdict worst = Verdict::Unknown;
    if (r.hasFigures) {
        worst = Verdict::Pass;
        for (int c = AvailabilityCol; c <= BudgetCol; ++c) {
            const Verdict v = figureVerdict(c, f);
            if (v == Verdict::Fail || (v == Verdict::Warn && worst == Verdict::Pass))
                worst = v;
        }
    }
    const QString age =
        r.hasFigures ? HealthModel::formatAge(r.figuresAt.secsTo(m_now)) : tr("no data yet");

    switch (role) {
    case Qt::DisplayRole:
        if (figure && !r.hasFigures)
            return u"–"_s;
        switch (col) {
        case ServiceCol:
            return r.service;
        case AvailabilityCol:
            return ratioPercent(f.availability);
        case P95Col:
            return tr("%1 ms").arg(number(f.p95Ms));
        case P99Col:
            return tr("%1 ms").arg(number(f.p99Ms));
        case WebhookCol:
            return ratioPercent(f.webhookSuccess);
        case BudgetCol: {
            const double left = budgetLeft(f);
            if (std::isnan(left))
                return u"–"_s;
            return tr("%1 % of %2 d")
                .arg(QLocale().toString(left * 100.0, 'f', 0), number(f.windowDays));
        }
        case SourceCol:
            return r.source;
        case AgeCol:
            return age;
        case StateCol:
            if (!r.problem.isEmpty())
                return r.problem;
            if (!r.hasFigures)
                return tr("waiting for the first answer");
            return worst == Verdict::Fail   ? tr("breached")
                   : worst == Verdict::Warn ? tr("met, budget running low")
                                            : tr("met");
        }
        return {};
    case Qt::ForegroundRole:
        if (figure && r.hasFigures)
            return r.stale ? staleTextColor() : statusColor(verdict);
        if (col == AgeCol && r.stale)
            return staleTextColor();
        if (col == StateCol && !r.problem.isEmpty())
            return statusColor(Verdict::Fail);
        if (col == StateCol && r.hasFigures)
            return statusColor(worst);
        return {};
    case Qt::ToolTipRole:
        if (figure && r.hasFigures) {
            QString detail;
            switch (col) {
            case AvailabilityCol:
            case WebhookCol:
            case P95Col:
            case P99Col:
                detail = verdict == Verdict::Pass ? tr("target met") : tr("target breached");
                break;
            case BudgetCol:
                detail = tr("burn rate over the window: %1×")
                             .arg(QLocale().toString(burnRate(threshold(AvailabilityKey),
                                                              SloCounts{f.availability, 1.0}),
                                                     'f', 2));
                break;
            }
            return tr("%1 — %2\nSource: %3, %4%5")
                .arg(headerData(col, Qt::Horizontal).toString(), detail, r.source, age,
                     r.stale ? tr("\nNot current: %1").arg(r.problem) : QString());
        }
        if (col == StateCol && !r.problem.isEmpty())
            return r.problem;
        return {};
    case Qt::TextAlignmentRole:
        if (figure)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case VerdictRole:
        return int(col == StateCol ? (r.problem.isEmpty() ? worst : Verdict::Fail) : verdict);
    case ValueRole:
        if (!figure || !r.hasFigures)
            return {};
        switch (col) {
        case AvailabilityCol:
            return f.availability;
        case P95Col:
            return f.p95Ms;
        case P99Col:
            return f.p99Ms;
        case WebhookCol:
            return f.webhookSuccess;
        default:
            return budgetLeft(f);
        }
    case StaleRole:
        return r.stale;
    default:
        return {};
    }
}

QVariant SloModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceCol:
        return tr("Service");
    case AvailabilityCol:
        return tr("Availability (≥ %1 %)").arg(number(threshold(AvailabilityKey) * 100));
    case P95Col:
        return tr("p95 (< %1 ms)").arg(number(threshold(P95Key)));
    case P99Col:
        return tr("p99 (< %1 ms)").arg(number(threshold(P99Key)));
    case WebhookCol:
        return tr("Webhook success (≥ %1 %)").arg(number(threshold(WebhookKey) * 100));
    case BudgetCol:
        return tr("Error budget left");
    case SourceCol:
        return tr("Source");
    case AgeCol:
        return tr("Data age");
    case StateCol:
        return tr("State");
    }
    return {};
}

// ---------------------------------------------------------------------------------------

SloPanel::SloPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new SloModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_chartView(new QChartView(this))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(u"sloPanel"_s);
    m_summary->setObjectName(u"sloSummary"_s);
    m_summary->setWordWrap(true);
    m_table->setObjectName(u"sloTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_chartView->setObjectName(u"sloChart"_s);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(180);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chartView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);

    rebuildChart();
    updateSummary();
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this,
            [this] { refreshAges(QDateTime::currentDateTimeUtc()); });
    m_ageTimer->start();
}

void SloPanel::setServices(const QList<Service> &services, const QMap<QString, double> &thresholds)
{
    m_model->setServices(services, thresholds);
    rebuildChart();
    updateSummary();
}

QList<QPointF> SloPanel::availabilityHistory(const QString &service) const
{
    const QLineSeries *s = m_series.value(service);
    return s ? s->points() : QList<QPointF>{};
}

void SloPanel::applyResult(const ProbeResult &result)
{
    if (result.endpoint != u"slo")
        return;
    if (m_model->applyResult(result)) {
        const SloModel::Row &r = m_model->rowAt(m_model->rowOf(result.service));
        if (QLineSeries *s = m_series.value(r.service)) {
            if (s->count() >= MaxHistory)
                s->removePoints(0, s->count() - MaxHistory + 1);
            s->append(double(r.figuresAt.toMSecsSinceEpoch()), r.figures.availability * 100.0);
        }
        updateAxes();
    }
    updateSummary();
}

void SloPanel::refreshAges(const QDateTime &now)
{
    m_model->refreshAges(now);
}

void SloPanel::rebuildChart()
{
    QMap<QString, QList<QPointF>> kept;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it)
        kept.insert(it.key(), it.value()->points());
    m_series.clear();

    auto *chart = new QChart;
    chart->setTitle(tr("Availability this session"));
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setFormat(u"HH:mm:ss"_s);
    m_timeAxis->setTickCount(5);
    m_percentAxis = new QValueAxis;
    m_percentAxis->setLabelFormat(u"%.2f"_s);
    m_percentAxis->setTitleText(tr("Availability (%)"));
    chart->addAxis(m_timeAxis, Qt::AlignBottom);
    chart->addAxis(m_percentAxis, Qt::AlignLeft);

    for (int i = 0; i < m_model->rowCount(); ++i) {
        const QString name = m_model->rowAt(i).service;
        auto *series = new QLineSeries;
        series->setName(name);
        series->append(kept.value(name));
        chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_percentAxis);
        m_series.insert(name, series);
    }
    m_targetSeries = new QLineSeries;
    m_targetSeries->setName(
        tr("Target (%1 %)").arg(number(m_model->threshold(AvailabilityKey) * 100)));
    QPen pen(statusColor(Verdict::Fail));
    pen.setStyle(Qt::DashLine);
    pen.setWidth(2);
    m_targetSeries->setPen(pen);
    chart->addSeries(m_targetSeries);
    m_targetSeries->attachAxis(m_timeAxis);
    m_targetSeries->attachAxis(m_percentAxis);
    chart->legend()->setAlignment(Qt::AlignBottom);

    QChart *old = m_chartView->chart();
    m_chartView->setChart(chart);
    delete old;
    updateAxes();
}

void SloPanel::updateAxes()
{
    const double target = m_model->threshold(AvailabilityKey) * 100.0;
    qreal minX = std::numeric_limits<qreal>::max();
    qreal maxX = std::numeric_limits<qreal>::lowest();
    qreal minY = target;
    for (const QLineSeries *s : std::as_const(m_series)) {
        for (const QPointF &p : s->points()) {
            minX = std::min(minX, p.x());
            maxX = std::max(maxX, p.x());
            minY = std::min(minY, p.y());
        }
    }
    if (minX > maxX) {
        const qreal now = qreal(QDateTime::currentMSecsSinceEpoch());
        minX = now - 60000;
        maxX = now;
    } else if (maxX - minX < 60000) {
        minX = maxX - 60000;
    }
    m_targetSeries->replace({QPointF(minX, target), QPointF(maxX, target)});
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(qint64(minX)),
                         QDateTime::fromMSecsSinceEpoch(qint64(maxX)));
    // Availability lives in the last fraction of a percent: zoom to it, keeping the target
    // line well inside the plot.
    const double low = std::max(0.0, minY - std::max(0.05, (100.0 - minY) * 0.5));
    m_percentAxis->setRange(low, 100.0);
}

void SloPanel::updateSummary()
{
    const int rows = m_model->rowCount();
    if (rows == 0) {
        m_summary->setText(tr("No service here has an SLO endpoint."));
        return;
    }
    int breached = 0;
    int unusable = 0;
    for (int i = 0; i < rows; ++i) {
        const QModelIndex state = m_model->index(i, SloModel::StateCol);
        if (!m_model->rowAt(i).problem.isEmpty())
            ++unusable;
        else if (state.data(SloModel::VerdictRole).toInt() == int(Verdict::Fail))
            ++breached;
    }
    QStringList parts{tr("%n service(s) with SLOs", nullptr, rows)};
    if (breached > 0)
        parts << tr("%n breached", nullptr, breached);
    if (unusable > 0)
        parts << tr("%n without current figures", nullptr, unusable);
    m_summary->setText(parts.join(u" · "_s));
}

} // namespace ph
