// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/queuepanel.h"
#include "ui/widgets/columnfitter.h"

#include "ui/dashboards/healthmodel.h"
#include "ui/dialogs/confirmdestructivedialog.h"
#include "ui/widgets/statuscolors.h"

#include "probes/servicefetcher.h"
#include "safety/commandclassifier.h"

#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

const QString DepthKey = u"queue.depth.max"_s;
const QString RateKey = u"queue.rate.min_per_min"_s;
const QString FailedKey = u"queue.failed_ratio.max"_s;

QString number(double v)
{
    return QLocale().toString(v, 'g', 12);
}

} // namespace

// ---------------------------------------------------------------------------------------

QueueModel::QueueModel(QObject *parent)
    : DashboardModel(ColumnCount, AgeCol, parent)
{
}

void QueueModel::setServices(const QList<Service> &services,
                             const QMap<QString, double> &thresholds)
{
    resetRows(m_rows, services, thresholds, [](const Service &s, Row &row) {
        const auto spec = std::find_if(s.endpoints.cbegin(), s.endpoints.cend(),
                                       [](const EndpointSpec &e) { return e.name == u"queue"; });
        if (spec == s.endpoints.cend())
            return false;
        row.source = spec->path;
        row.fieldMappings = s.fieldMappings;
        return true;
    });
}

bool QueueModel::applyResult(const ProbeResult &result)
{
    if (result.endpoint != u"queue")
        return false;
    const int i = rowOf(result.service);
    if (i < 0)
        return false;
    Row &r = m_rows[i];
    advanceClock();
    bool fresh = false;
    if (const QString why = unusableAnswer(result); !why.isEmpty()) {
        r.stale = true;
        r.problem = why;
    } else {
        Figures f;
        const QString problem = readQueueFigures(result.body, r.fieldMappings, &f);
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

Verdict QueueModel::figureVerdict(int column, const Figures &f) const
{
    const QueueVerdicts v = evaluateQueue(f, m_thresholds);
    switch (column) {
    case DepthCol:
        return v.depth;
    case RateCol:
        return v.rate;
    case FailedCol:
        return v.failed;
    case StuckCol:
        return v.stuck;
    default:
        return Verdict::Unknown;
    }
}

QVariant QueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    const int col = index.column();
    const bool figure = col >= DepthCol && col <= StuckCol;
    const Verdict verdict =
        figure && r.hasFigures ? figureVerdict(col, r.figures) : Verdict::Unknown;
    Verdict worst = Verdict::Unknown;
    if (r.hasFigures) {
        worst = Verdict::Pass;
        for (int c = DepthCol; c <= StuckCol; ++c) {
            const Verdict v = figureVerdict(c, r.figures);
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
        case DepthCol:
            return number(r.figures.depth);
        case RateCol:
            return tr("%1/min").arg(QLocale().toString(r.figures.ratePerMin, 'f', 1));
        case FailedCol:
            return tr("%1 %").arg(QLocale().toString(r.figures.failedRatio * 100, 'f', 1));
        case StuckCol:
            return number(r.figures.stuck);
        case SourceCol:
            return r.source;
        case AgeCol:
            return age;
        case StateCol:
            if (!r.problem.isEmpty())
                return r.problem;
            if (!r.hasFigures)
                return tr("waiting for the first answer");
            return worst == Verdict::Fail   ? tr("over a threshold")
                   : worst == Verdict::Warn ? tr("near a threshold")
                                            : tr("within thresholds");
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
            QString limit;
            if (col == DepthCol)
                limit = tr("normal below %1").arg(number(threshold(DepthKey)));
            else if (col == RateCol)
                limit = tr("normal above %1/min").arg(number(threshold(RateKey)));
            else if (col == FailedCol)
                limit = tr("normal below %1 %").arg(number(threshold(FailedKey) * 100));
            else
                limit = tr("normal: none");
            return tr("%1 — %2\nSource: %3, %4%5")
                .arg(headerData(col, Qt::Horizontal).toString(), limit, r.source, age,
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
        return col == DepthCol    ? r.figures.depth
               : col == RateCol   ? r.figures.ratePerMin
               : col == FailedCol ? r.figures.failedRatio
                                  : r.figures.stuck;
    case StaleRole:
        return r.stale;
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ServiceCol:
        return tr("Service");
    case DepthCol:
        return tr("Depth (< %1)").arg(number(threshold(DepthKey)));
    case RateCol:
        return tr("Rate (> %1/min)").arg(number(threshold(RateKey)));
    case FailedCol:
        return tr("Failed (< %1 %)").arg(number(threshold(FailedKey) * 100));
    case StuckCol:
        return tr("Stuck");
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

QueuePanel::QueuePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new QueueModel(this))
    , m_summary(new QLabel(this))
    , m_table(new QTableView(this))
    , m_chartView(new QChartView(this))
    , m_history(m_chartView)
    , m_ageTimer(new QTimer(this))
    , m_actions(new QWidget(this))
    , m_actionResult(new QLabel(this))
{
    setObjectName(u"queuePanel"_s);
    m_actions->setObjectName(u"queueActions"_s);
    new QHBoxLayout(m_actions);
    m_actions->layout()->setContentsMargins(0, 0, 0, 0);
    m_actionResult->setObjectName(u"queueActionResult"_s);
    m_actionResult->setWordWrap(true);
    m_actionResult->hide();
    m_summary->setObjectName(u"queueSummary"_s);
    m_summary->setWordWrap(true);
    m_table->setObjectName(u"queueTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    new ColumnFitter(m_table, m_table->horizontalHeader());
    m_chartView->setObjectName(u"queueChart"_s);
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
    layout->addWidget(m_actions);
    layout->addWidget(m_actionResult);
    layout->addWidget(split, 1);

    rebuildChart();
    updateSummary();
    m_ageTimer->setInterval(1000);
    connect(m_ageTimer, &QTimer::timeout, this,
            [this] { refreshAges(QDateTime::currentDateTimeUtc()); });
    m_ageTimer->start();
}

void QueuePanel::setServices(const QList<Service> &services,
                             const QMap<QString, double> &thresholds)
{
    m_model->setServices(services, thresholds);
    m_services = services;
    rebuildButtons();
    rebuildChart();
    updateSummary();
}

void QueuePanel::setFetcher(ServiceFetcher *fetcher)
{
    if (m_fetcher)
        disconnect(m_fetcher, nullptr, this, nullptr);
    m_fetcher = fetcher;
    m_pending.clear();
    if (m_fetcher)
        connect(m_fetcher, &ServiceFetcher::fetched, this, &QueuePanel::onFetched);
    rebuildButtons();
}

void QueuePanel::setProductionCheck(std::function<bool(const QString &)> check)
{
    m_isProduction = std::move(check);
}

QPushButton *QueuePanel::clearStuckButton(const QString &service) const
{
    return m_clearButtons.value(service);
}

void QueuePanel::rebuildButtons()
{
    qDeleteAll(m_clearButtons);
    m_clearButtons.clear();
    for (const Service &s : std::as_const(m_services)) {
        const bool has =
            std::any_of(s.endpoints.cbegin(), s.endpoints.cend(),
                        [](const EndpointSpec &e) { return e.name == u"clear_stuck"; });
        if (!has)
            continue;
        auto *button = new QPushButton(tr("Clear stuck jobs of %1…").arg(s.name), m_actions);
        button->setObjectName(u"clearStuck_"_s + s.name);
        button->setEnabled(m_fetcher != nullptr);
        if (!m_fetcher)
            button->setToolTip(tr("Not connected to the console."));
        const QString name = s.name;
        connect(button, &QPushButton::clicked, this, [this, name] { clearStuck(name); });
        m_actions->layout()->addWidget(button);
        m_clearButtons.insert(s.name, button);
    }
    m_actions->setVisible(!m_clearButtons.isEmpty());
}

void QueuePanel::clearStuck(const QString &serviceName)
{
    const auto it = std::find_if(m_services.cbegin(), m_services.cend(),
                                 [&](const Service &s) { return s.name == serviceName; });
    if (it == m_services.cend() || !m_fetcher)
        return;
    const Service &service = *it;
    QString path;
    QString method = u"POST"_s;
    for (const EndpointSpec &e : service.endpoints) {
        if (e.name == u"clear_stuck") {
            path = e.path;
            method = e.method;
        }
    }
    const QString call = method + u' ' + service.baseUrl.resolved(QUrl(path)).toString();

    // Cleared jobs are gone, not retried: as final as a destructive command.
    Classification c;
    c.level = SafetyLevel::Destructive;
    c.command = call;
    c.reasons = {tr("clearing stuck jobs removes them from the queue; they are not retried")};
    ConfirmDestructiveDialog::Request request;
    request.environment = service.environment;
    request.production = !m_isProduction || m_isProduction(service.environment);
    request.hosts = {service.name};
    request.command = call;
    request.classification = c;
    request.actionLabel = tr("Clear stuck jobs");
    ConfirmDestructiveDialog dialog(request, this);
    const bool accepted = dialog.exec() == QDialog::Accepted;

    AuditEvent event;
    event.kind = accepted ? AuditKind::Confirmation : AuditKind::Refusal;
    event.environment = service.environment;
    event.host = service.name;
    event.command = call;
    event.detail = QJsonObject{{u"action"_s, u"clear-stuck"_s}, {u"service"_s, service.name}};
    if (accepted) {
        event.confirmedBy =
            dialog.confirmedBy() == u"typed-name"_s ? ConfirmedBy::TypedName : ConfirmedBy::Dialog;
    }
    Q_EMIT auditEvent(event);
    if (!accepted)
        return;

    if (QPushButton *b = m_clearButtons.value(service.name))
        b->setEnabled(false);
    m_actionResult->setText(tr("Clearing the stuck jobs of %1…").arg(service.name));
    m_actionResult->show();
    const quint64 id = m_fetcher->fetch(service, u"clear_stuck"_s);
    m_pending.insert(id, PendingCall{service.name, u"clear"_s, event});
}

void QueuePanel::onFetched(quint64 id, const ProbeResult &result)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const PendingCall call = *it;
    m_pending.erase(it);

    if (call.kind == u"refresh") {
        applyResult(result);
        return;
    }

    if (QPushButton *b = m_clearButtons.value(call.service))
        b->setEnabled(true);
    QString problem = unusableAnswer(result);
    double cleared = -1;
    if (problem.isEmpty()) {
        const QJsonValue root = parseFigureBody(result.body, &problem);
        if (problem.isEmpty())
            problem = readFigure(root, {}, u"cleared"_s, FigureKind::NonNegative, &cleared);
    }
    AuditEvent event = call.confirmation;
    event.kind = AuditKind::Command;
    event.detail.insert(u"http_status"_s, result.statusCode);
    if (!problem.isEmpty())
        event.detail.insert(u"error"_s, problem);
    else
        event.detail.insert(u"cleared"_s, cleared);
    Q_EMIT auditEvent(event);

    const bool ok = problem.isEmpty();
    const QString message =
        ok ? tr("%1: cleared %n stuck job(s).", nullptr, int(cleared)).arg(call.service)
           : tr("%1: clearing stuck jobs failed: %2").arg(call.service, problem);
    m_actionResult->setText(message);
    m_actionResult->show();
    Q_EMIT clearStuckFinished(call.service, ok, message);

    // Read the queue again so the table shows what is left, not the count from before.
    const auto svc = std::find_if(m_services.cbegin(), m_services.cend(),
                                  [&](const Service &s) { return s.name == call.service; });
    if (m_fetcher && svc != m_services.cend()) {
        const quint64 refresh = m_fetcher->fetch(*svc, u"queue"_s);
        m_pending.insert(refresh, PendingCall{call.service, u"refresh"_s, {}});
    }
}

QList<QPointF> QueuePanel::depthHistory(const QString &service) const
{
    return m_history.points(service);
}

void QueuePanel::applyResult(const ProbeResult &result)
{
    if (result.endpoint != u"queue")
        return;
    if (m_model->applyResult(result)) {
        const QueueModel::Row &r = m_model->rowAt(m_model->rowOf(result.service));
        m_history.append(r.service, r.figuresAt, r.figures.depth);
        updateAxes();
    }
    updateSummary();
}

void QueuePanel::refreshAges(const QDateTime &now)
{
    m_model->refreshAges(now);
}

void QueuePanel::rebuildChart()
{
    m_depthAxis = new QValueAxis;
    m_depthAxis->setLabelFormat(u"%d"_s);
    m_depthAxis->setTitleText(tr("Jobs waiting"));
    QStringList services;
    for (int i = 0; i < m_model->rowCount(); ++i)
        services.append(m_model->rowAt(i).service);
    m_history.rebuild(tr("Queue depth this session"), services, m_depthAxis,
                      tr("Limit (%1)").arg(number(m_model->threshold(DepthKey))));
    updateAxes();
}

void QueuePanel::updateAxes()
{
    const double limit = m_model->threshold(DepthKey);
    const double maxY = m_history.updateRange(limit).second;
    m_depthAxis->setRange(0, std::max(limit, maxY) * 1.2);
    m_depthAxis->applyNiceNumbers();
}

void QueuePanel::updateSummary()
{
    const int rows = m_model->rowCount();
    if (rows == 0) {
        m_summary->setText(tr("No service here has a queue endpoint."));
        return;
    }
    int over = 0;
    int unusable = 0;
    for (int i = 0; i < rows; ++i) {
        const QModelIndex state = m_model->index(i, QueueModel::StateCol);
        if (!m_model->rowAt(i).problem.isEmpty())
            ++unusable;
        else if (state.data(QueueModel::VerdictRole).toInt() == int(Verdict::Fail))
            ++over;
    }
    QStringList parts{tr("%n queue(s)", nullptr, rows)};
    if (over > 0)
        parts << tr("%n over a threshold", nullptr, over);
    if (unusable > 0)
        parts << tr("%n without current figures", nullptr, unusable);
    m_summary->setText(parts.join(u" · "_s));
}

} // namespace ph
