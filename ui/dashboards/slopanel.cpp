// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/slopanel.h"
#include "ui/widgets/columnfitter.h"

#include "metrics/metricsslotracker.h"
#include "metrics/promqlclient.h"
#include "metrics/promslosource.h"
#include "metrics/slo.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/widgets/statuscolors.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QFont>
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
    : DashboardModel(ColumnCount, AgeCol, parent)
{
}

void SloModel::setServices(const QList<Service> &services, const QMap<QString, double> &thresholds)
{
    const double target = dashboardThreshold(thresholds, AvailabilityKey);
    resetRows(m_rows, services, thresholds, [&](const Service &s, Row &row) {
        auto endpoint = [&s](const QString &name) -> const EndpointSpec * {
            for (const EndpointSpec &e : s.endpoints) {
                if (e.name == name)
                    return &e;
            }
            return nullptr;
        };
        QString source = s.slo.source;
        if (source.isEmpty() && endpoint(u"slo"_s))
            source = u"endpoint"_s;
        SloSourceKind kind = SloSourceKind::Endpoint;
        if (source == u"endpoint") {
            const EndpointSpec *spec = endpoint(u"slo"_s);
            if (!spec)
                return false;
            kind = SloSourceKind::Endpoint;
            row.endpoint = spec->name;
            row.source = spec->path;
        } else if (source == u"metrics") {
            const QString name =
                s.slo.metricsEndpoint.isEmpty() ? u"metrics"_s : s.slo.metricsEndpoint;
            const EndpointSpec *spec = endpoint(name);
            if (!spec)
                return false;
            kind = SloSourceKind::Metrics;
            // A tracker keeps its scrapes across a reload that keeps the source.
            if (!row.tracker || row.kind != kind || row.endpoint != name)
                row.tracker = std::make_shared<MetricsSloTracker>(spec->path, target);
            row.tracker->setAvailabilityTarget(target);
            row.endpoint = name;
            row.source = spec->path;
        } else if (source == u"prometheus") {
            kind = SloSourceKind::Prometheus;
            row.endpoint.clear();
            row.source = tr("Prometheus");
        } else {
            return false;
        }
        if (row.kind != kind) {
            row.hasFigures = false;
            row.reading = {};
            row.stale = false;
            row.problem.clear();
        }
        if (kind != SloSourceKind::Metrics)
            row.tracker.reset();
        row.kind = kind;
        row.fieldMappings = s.fieldMappings;
        return true;
    });
}

bool SloModel::applyResult(const ProbeResult &result)
{
    const int i = rowOf(result.service);
    if (i < 0 || m_rows.at(i).endpoint.isEmpty() || m_rows.at(i).endpoint != result.endpoint)
        return false;
    Row &r = m_rows[i];
    advanceClock();
    const QDateTime at =
        result.checkedAt.isValid() ? result.checkedAt : QDateTime::currentDateTimeUtc();
    if (const QString why = unusableAnswer(result); !why.isEmpty()) {
        r.stale = true;
        r.problem = why;
        finishUpdate(i);
        return false;
    }
    if (r.kind == SloSourceKind::Metrics) {
        if (const auto added = r.tracker->addScrape(result.body, at); !added) {
            r.stale = true;
            r.problem = added.error().message;
            finishUpdate(i);
            return false;
        }
        r.reading = r.tracker->reading();
    } else {
        SloFigures f;
        const QString problem = readSloFigures(result.body, r.fieldMappings, &f);
        if (!problem.isEmpty()) {
            // The last good figures stay on screen, greyed, next to the reason.
            r.stale = true;
            r.problem = problem;
            finishUpdate(i);
            return false;
        }
        r.reading = sloReadingFromFigures(f, threshold(AvailabilityKey), r.source, at);
    }
    r.hasFigures = true;
    r.figuresAt = at;
    r.stale = false;
    r.problem.clear();
    finishUpdate(i);
    return true;
}

bool SloModel::applyReading(const QString &service, const SloReading &reading)
{
    const int i = rowOf(service);
    if (i < 0)
        return false;
    Row &r = m_rows[i];
    advanceClock();
    if (!reading.error.isEmpty()) {
        r.stale = r.hasFigures;
        r.problem = reading.error;
        finishUpdate(i);
        return false;
    }
    r.reading = reading;
    r.hasFigures = true;
    r.figuresAt =
        reading.observedAt.isValid() ? reading.observedAt : QDateTime::currentDateTimeUtc();
    r.stale = false;
    r.problem.clear();
    finishUpdate(i);
    return true;
}

void SloModel::finishUpdate(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

const SloValue *SloModel::value(int column, const SloReading &r) const
{
    switch (column) {
    case AvailabilityCol:
        return &r.availability;
    case P95Col:
        return &r.p95Ms;
    case P99Col:
        return &r.p99Ms;
    case WebhookCol:
        return &r.webhookSuccess;
    case BudgetCol:
        return &r.budgetRemaining;
    case Burn1hCol:
        return &r.burn1h;
    case Burn6hCol:
        return &r.burn6h;
    default:
        return nullptr;
    }
}

Verdict SloModel::figureVerdict(int column, const SloVerdicts &v, const SloReading &r) const
{
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
    case Burn1hCol:
        // The fast rule pairs 1 h with 5 min, the slow one 6 h with 30 min.
        return v.burnAlert.fast   ? Verdict::Fail
               : r.burn1h.known() ? Verdict::Pass
                                  : Verdict::Unknown;
    case Burn6hCol:
        return v.burnAlert.slow   ? Verdict::Warn
               : r.burn6h.known() ? Verdict::Pass
                                  : Verdict::Unknown;
    default:
        return Verdict::Unknown;
    }
}

QVariant SloModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const int col = index.column();
    const SloReading &f = r.reading;
    const bool figure = col >= AvailabilityCol && col <= Burn6hCol;
    const SloValue *v = r.hasFigures ? value(col, f) : nullptr;
    const bool known = v && v->known();
    const SloVerdicts verdicts = evaluateSlo(f, m_thresholds);
    const Verdict verdict =
        figure && r.hasFigures ? figureVerdict(col, verdicts, f) : Verdict::Unknown;
    const Verdict worst = r.hasFigures ? verdicts.worst() : Verdict::Unknown;
    const QString age =
        r.hasFigures ? HealthModel::formatAge(r.figuresAt.secsTo(m_now)) : tr("no data yet");

    switch (role) {
    case Qt::DisplayRole:
        if (figure && !known)
            return u"–"_s;
        switch (col) {
        case ServiceCol:
            return r.service;
        case AvailabilityCol:
            return ratioPercent(f.availability.value);
        case P95Col:
            return tr("%1 ms").arg(number(std::round(f.p95Ms.value)));
        case P99Col:
            return tr("%1 ms").arg(number(std::round(f.p99Ms.value)));
        case WebhookCol:
            return ratioPercent(f.webhookSuccess.value);
        case BudgetCol:
            return tr("%1 % of %2 d")
                .arg(QLocale().toString(f.budgetRemaining.value * 100.0, 'f', 0),
                     number(f.windowDays));
        case Burn1hCol:
            return verdicts.burnAlert.fast
                       ? tr("%1× fast burn — page").arg(QLocale().toString(f.burn1h.value, 'f', 2))
                       : tr("%1×").arg(QLocale().toString(f.burn1h.value, 'f', 2));
        case Burn6hCol:
            return verdicts.burnAlert.slow
                       ? tr("%1× slow burn").arg(QLocale().toString(f.burn6h.value, 'f', 2))
                       : tr("%1×").arg(QLocale().toString(f.burn6h.value, 'f', 2));
        case SourceCol:
            // A Prometheus reading names its server.
            return r.hasFigures && !f.sourceLabel.isEmpty() ? f.sourceLabel : r.source;
        case AgeCol:
            return age;
        case StateCol:
            if (!r.problem.isEmpty())
                return r.problem;
            if (!r.hasFigures)
                return tr("waiting for the first answer");
            if (verdicts.burnAlert.fast)
                return tr("fast burn — page");
            if (verdicts.burnAlert.slow)
                return tr("slow burn");
            return worst == Verdict::Fail   ? tr("breached")
                   : worst == Verdict::Warn ? tr("met, budget running low")
                                            : tr("met");
        }
        return {};
    case Qt::ForegroundRole:
        if (figure && known)
            return r.stale ? staleTextColor() : statusColor(verdict);
        if (figure && r.hasFigures)
            return staleTextColor();
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
            if (!known) {
                detail = v && !v->note.isEmpty() ? v->note : tr("not known");
            } else if (col == BudgetCol) {
                detail = tr("burn rate over the window: %1×")
                             .arg(QLocale().toString(burnRate(threshold(AvailabilityKey),
                                                              SloCounts{f.availability.value, 1.0}),
                                                     'f', 2));
            } else if (col == Burn1hCol || col == Burn6hCol) {
                detail =
                    tr("multiples of the rate that spends the budget exactly over the "
                       "window; 5 min %1×, 30 min %2×")
                        .arg(f.burn5m.known() ? QLocale().toString(f.burn5m.value, 'f', 2) : u"–"_s,
                             f.burn30m.known() ? QLocale().toString(f.burn30m.value, 'f', 2)
                                               : u"–"_s);
            } else {
                detail = verdict == Verdict::Pass ? tr("target met") : tr("target breached");
            }
            if (known && !v->note.isEmpty())
                detail += u" ("_s + v->note + u')';
            return tr("%1 — %2\nSource: %3, %4%5")
                .arg(headerData(col, Qt::Horizontal).toString(), detail, r.source, age,
                     r.stale ? tr("\nNot current: %1").arg(r.problem) : QString());
        }
        if (col == StateCol && !r.problem.isEmpty())
            return r.problem;
        return {};
    case Qt::FontRole:
        // A window the source has not fully seen yet is in italics; its tooltip says how much.
        if (known && !v->note.isEmpty() &&
            (col == P95Col || col == P99Col || col == Burn1hCol || col == Burn6hCol)) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (figure)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case VerdictRole:
        return int(col == StateCol ? (r.problem.isEmpty() ? worst : Verdict::Fail) : verdict);
    case ValueRole:
        if (!figure || !known)
            return {};
        return v->value;
    case NoteRole:
        return v ? v->note : QString();
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
        return tr("Webhook (≥ %1 %)").arg(number(threshold(WebhookKey) * 100));
    case BudgetCol:
        return tr("Budget left");
    case Burn1hCol:
        return tr("Burn 1 h");
    case Burn6hCol:
        return tr("Burn 6 h");
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
    , m_history(m_chartView)
    , m_ageTimer(new QTimer(this))
    , m_promTimer(new QTimer(this))
{
    setObjectName(u"sloPanel"_s);
    m_promTimer->setInterval(15000);
    connect(m_promTimer, &QTimer::timeout, this, &SloPanel::refreshPrometheus);
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
    new ColumnFitter(m_table, m_table->horizontalHeader());
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
    rebuildPrometheusSources(services);
    updateSummary();
}

void SloPanel::setPrometheus(std::function<PrometheusServer(const QString &)> serverFor,
                             int intervalMs)
{
    m_prometheusFor = std::move(serverFor);
    m_promTimer->setInterval(std::max(1000, intervalMs));
}

void SloPanel::rebuildPrometheusSources(const QList<Service> &services)
{
    // Sources are cheap; a reload may have moved a service to another server or selector.
    qDeleteAll(m_promSources);
    m_promSources.clear();
    const double target = m_model->threshold(AvailabilityKey);
    for (const Service &s : services) {
        if (s.slo.source != u"prometheus" || m_model->rowOf(s.name) < 0)
            continue;
        const PrometheusServer server =
            m_prometheusFor ? m_prometheusFor(s.environment) : PrometheusServer{};
        if (server.url.isEmpty()) {
            SloReading none;
            none.source = SloSourceKind::Prometheus;
            none.error = tr("No Prometheus server is set for the environment \"%1\": give it "
                            "a \"prometheus\": {\"url\": …} in the workspace.")
                             .arg(s.environment);
            m_model->applyReading(s.name, none);
            continue;
        }
        auto *source = new PromSloSource(QUrl(server.url), this);
        if (const auto ca = source->client()->setCaFile(server.caFile); !ca) {
            SloReading bad;
            bad.source = SloSourceKind::Prometheus;
            bad.error = ca.error().message;
            m_model->applyReading(s.name, bad);
            delete source;
            continue;
        }
        source->setSelector(s.slo.selector);
        source->setAvailabilityTarget(target);
        const QString name = s.name;
        connect(source, &PromSloSource::readingReady, this,
                [this, name](const SloReading &reading) { applyReading(name, reading); });
        m_promSources.insert(name, source);
        source->refresh();
    }
    if (m_promSources.isEmpty())
        m_promTimer->stop();
    else if (!m_promTimer->isActive())
        m_promTimer->start();
}

void SloPanel::refreshPrometheus()
{
    for (PromSloSource *source : std::as_const(m_promSources)) {
        // A server slower than the interval keeps its round; starting over would never end.
        if (!source->isBusy())
            source->refresh();
    }
}

QList<QPointF> SloPanel::availabilityHistory(const QString &service) const
{
    return m_history.points(service);
}

void SloPanel::applyResult(const ProbeResult &result)
{
    const int row = m_model->rowOf(result.service);
    if (row < 0 || m_model->rowAt(row).endpoint != result.endpoint)
        return;
    if (m_model->applyResult(result))
        addToChart(result.service);
    updateSummary();
}

void SloPanel::applyReading(const QString &service, const SloReading &reading)
{
    if (m_model->applyReading(service, reading))
        addToChart(service);
    updateSummary();
}

void SloPanel::addToChart(const QString &service)
{
    const SloModel::Row &r = m_model->rowAt(m_model->rowOf(service));
    // One scrape counts since the service started, not this session: not on the chart.
    const bool sinceStart = r.kind == SloSourceKind::Metrics && r.tracker->scrapeCount() < 2;
    if (r.reading.availability.known() && !sinceStart) {
        m_history.append(r.service, r.figuresAt, r.reading.availability.value * 100.0);
        updateAxes();
    }
}

void SloPanel::refreshAges(const QDateTime &now)
{
    m_model->refreshAges(now);
}

void SloPanel::rebuildChart()
{
    m_percentAxis = new QValueAxis;
    m_percentAxis->setLabelFormat(u"%.2f"_s);
    m_percentAxis->setTitleText(tr("Availability (%)"));
    QStringList services;
    for (int i = 0; i < m_model->rowCount(); ++i)
        services.append(m_model->rowAt(i).service);
    m_history.rebuild(tr("Availability this session"), services, m_percentAxis,
                      tr("Target (%1 %)").arg(number(m_model->threshold(AvailabilityKey) * 100)));
    updateAxes();
}

void SloPanel::updateAxes()
{
    const double target = m_model->threshold(AvailabilityKey) * 100.0;
    const double minY = m_history.updateRange(target).first;
    // Availability lives in the last fraction of a percent: zoom to it, keeping the target
    // line well inside the plot.
    const double low = std::max(0.0, minY - std::max(0.05, (100.0 - minY) * 0.5));
    m_percentAxis->setRange(low, 100.0);
}

void SloPanel::updateSummary()
{
    const int rows = m_model->rowCount();
    if (rows == 0) {
        m_summary->setText(tr("No service here has an SLO source."));
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
