// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/alertsview.h"
#include "ui/widgets/columnfitter.h"

#include "alerts/alertcenter.h"
#include "ui/alerts/acknowledgedialog.h"
#include "ui/alerts/alertsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QTableView *makeTable(AlertsModel *model, const QString &name, QWidget *parent)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    t->setModel(model);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setAlternatingRowColors(true);
    t->verticalHeader()->hide();
    t->setWordWrap(false);
    QHeaderView *h = t->horizontalHeader();
    h->setSectionResizeMode(QHeaderView::ResizeToContents);
    h->setSectionResizeMode(AlertsModel::TitleCol, QHeaderView::Stretch);
    new ColumnFitter(t, h);
    return t;
}

QString row(const QString &label, const QString &value)
{
    return u"<tr><td style='padding-right:12px'><b>"_s + label.toHtmlEscaped() +
           u"</b></td><td>"_s + value.toHtmlEscaped() + u"</td></tr>"_s;
}

} // namespace

AlertsView::AlertsView(QWidget *parent)
    : QWidget(parent)
    , m_active(new AlertsModel(false, this))
    , m_resolved(new AlertsModel(true, this))
    , m_activeTable(makeTable(m_active, u"activeAlerts"_s, this))
    , m_resolvedTable(makeTable(m_resolved, u"resolvedAlerts"_s, this))
    , m_details(new QTextBrowser(this))
    , m_acknowledge(new QPushButton(tr("&Acknowledge…"), this))
    , m_runbook(new QPushButton(tr("Open response &runbook"), this))
    , m_muteButton(new QToolButton(this))
    , m_summary(new QLabel(this))
    , m_muteStatus(new QLabel(this))
    , m_message(new QLabel(this))
    , m_thresholds(new QLabel(this))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(u"alertsView"_s);

    auto *title = new QLabel(tr("Alerts"), this);
    QFont tf = title->font();
    tf.setPointSizeF(tf.pointSizeF() * 1.5);
    tf.setBold(true);
    title->setFont(tf);
    m_summary->setObjectName(u"alertsSummary"_s);

    m_muteStatus->setObjectName(u"muteStatus"_s);
    m_muteButton->setObjectName(u"muteButton"_s);
    m_muteButton->setText(tr("Mute notifications"));
    m_muteButton->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_muteButton);
    for (Severity s : {Severity::P0, Severity::P1}) {
        for (int minutes : {15, 60, 240}) {
            const QString duration =
                minutes < 60 ? tr("%n min", nullptr, minutes) : tr("%n h", nullptr, minutes / 60);
            QAction *a = menu->addAction(tr("Mute %1 for %2").arg(severityName(s), duration), this,
                                         [this, s, minutes] { mute(s, minutes); });
            a->setObjectName(u"mute"_s + severityName(s) + u'_' + QString::number(minutes));
        }
        menu->addSeparator();
    }
    for (Severity s : {Severity::P0, Severity::P1}) {
        QAction *a = menu->addAction(tr("Unmute %1").arg(severityName(s)), this, [this, s] {
            if (m_center)
                m_center->unmute(s);
        });
        a->setObjectName(u"unmute"_s + severityName(s));
    }
    m_muteButton->setMenu(menu);

    m_thresholds->setObjectName(u"alertThresholdProblem"_s);
    m_thresholds->setWordWrap(true);
    m_thresholds->setStyleSheet(u"QLabel { background: #fde7e9; color: #701018; padding: 6px; }"_s);
    m_thresholds->hide();
    m_message->setObjectName(u"alertsMessage"_s);
    m_message->setWordWrap(true);
    m_message->hide();

    m_details->setObjectName(u"alertDetails"_s);
    m_details->setOpenLinks(false);
    m_acknowledge->setObjectName(u"acknowledgeButton"_s);
    m_runbook->setObjectName(u"runbookButton"_s);

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addSpacing(12);
    top->addWidget(m_summary, 1);
    top->addWidget(m_muteStatus);
    top->addWidget(m_muteButton);

    auto *detailsBox = new QWidget(this);
    auto *dl = new QVBoxLayout(detailsBox);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_acknowledge);
    buttons->addWidget(m_runbook);
    buttons->addStretch(1);
    dl->addLayout(buttons);

    auto *upper = new QSplitter(Qt::Horizontal, this);
    upper->addWidget(m_activeTable);
    upper->addWidget(detailsBox);
    upper->setStretchFactor(0, 3);
    upper->setStretchFactor(1, 2);
    // Titles carry the figures; give the table the room and keep the details readable.
    upper->setSizes({720, 360});

    auto *resolvedBox = new QWidget(this);
    auto *rl = new QVBoxLayout(resolvedBox);
    rl->setContentsMargins(0, 0, 0, 0);
    auto *resolvedTitle = new QLabel(tr("Recently resolved"), resolvedBox);
    QFont rf = resolvedTitle->font();
    rf.setBold(true);
    resolvedTitle->setFont(rf);
    rl->addWidget(resolvedTitle);
    rl->addWidget(m_resolvedTable, 1);

    auto *vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(upper);
    vertical->addWidget(resolvedBox);
    vertical->setStretchFactor(0, 3);
    vertical->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_thresholds);
    layout->addWidget(m_message);
    layout->addWidget(vertical, 1);

    auto follow = [this](QTableView *table) {
        connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this, table](const QModelIndex &current) {
                    if (!current.isValid())
                        return;
                    // One details pane for both lists: the other list lets go.
                    QTableView *other = table == m_activeTable ? m_resolvedTable : m_activeTable;
                    const QSignalBlocker block(other->selectionModel());
                    other->clearSelection();
                    other->selectionModel()->setCurrentIndex({}, QItemSelectionModel::NoUpdate);
                    showCurrent(current.data(AlertsModel::AlertIdRole).toString());
                });
    };
    follow(m_activeTable);
    follow(m_resolvedTable);
    connect(m_acknowledge, &QPushButton::clicked, this, &AlertsView::acknowledgeCurrent);
    connect(m_runbook, &QPushButton::clicked, this, [this] {
        if (!m_center)
            return;
        const Alert a = m_center->alert(m_currentId);
        if (!a.runbookId.isEmpty())
            Q_EMIT runbookRequested(a.runbookId);
    });

    // Relative times, and mutes that ran out, without waiting for the next alert.
    m_ageTimer->setInterval(15 * 1000);
    connect(m_ageTimer, &QTimer::timeout, this, [this] {
        const QDateTime now = m_center ? m_center->now() : QDateTime::currentDateTimeUtc();
        m_active->refreshAges(now);
        m_resolved->refreshAges(now);
        updateMutes();
    });
    m_ageTimer->start();

    refresh();
}

AlertsView::~AlertsView() = default;

AlertCenter *AlertsView::center() const
{
    return m_center;
}

void AlertsView::setCenter(AlertCenter *center)
{
    if (m_center)
        disconnect(m_center, nullptr, this, nullptr);
    m_center = center;
    if (center) {
        connect(center, &AlertCenter::alertsChanged, this, &AlertsView::refresh);
        connect(center, &AlertCenter::mutesChanged, this, &AlertsView::updateMutes);
        connect(center, &AlertCenter::thresholdsRejected, this, &AlertsView::refresh);
    }
    refresh();
}

void AlertsView::setProductionEnvironments(const QSet<QString> &environments)
{
    m_active->setProductionEnvironments(environments);
    m_resolved->setProductionEnvironments(environments);
}

void AlertsView::refresh()
{
    const QString keep = m_currentId;
    const bool keepInResolved = m_resolvedTable->selectionModel()->hasSelection();
    m_active->setAlerts(m_center ? m_center->activeAlerts() : QList<Alert>());
    m_resolved->setAlerts(m_center ? m_center->recentlyResolved() : QList<Alert>());
    const QDateTime now = m_center ? m_center->now() : QDateTime::currentDateTimeUtc();
    m_active->refreshAges(now);
    m_resolved->refreshAges(now);

    // Keep the alert the user was looking at; a resolved one moves to the lower list.
    const int activeRow = keepInResolved ? -1 : m_active->rowOf(keep);
    const int resolvedRow = activeRow < 0 ? m_resolved->rowOf(keep) : -1;
    if (activeRow >= 0 && m_activeTable->currentIndex().row() != activeRow)
        m_activeTable->selectRow(activeRow);
    else if (resolvedRow >= 0 && m_resolvedTable->currentIndex().row() != resolvedRow)
        m_resolvedTable->selectRow(resolvedRow);
    else if (activeRow < 0 && resolvedRow < 0 && m_active->rowCount() > 0)
        m_activeTable->selectRow(0);
    else if (activeRow < 0 && resolvedRow < 0)
        m_currentId.clear();

    const Error problem = m_center ? m_center->thresholdProblem() : Error();
    m_thresholds->setVisible(!problem.code.isEmpty());
    m_thresholds->setText(problem.message);

    updateDetails();
    updateMutes();
    updateSummary();
    const int count = int(m_active->alerts().size());
    if (count != m_lastCount) {
        m_lastCount = count;
        Q_EMIT activeCountChanged(count);
    }
}

bool AlertsView::selectAlert(const QString &id)
{
    const int r = m_active->rowOf(id);
    if (r < 0)
        return false;
    m_activeTable->selectRow(r);
    return true;
}

void AlertsView::showCurrent(const QString &id)
{
    m_currentId = id;
    m_message->hide();
    updateDetails();
}

QString AlertsView::conditionText(const Alert &alert, bool *flag) const
{
    *flag = false;
    const QString threshold = formatAlertValue(alert.threshold);
    if (!m_center)
        return {};
    for (const AlertRule &r : m_center->engine()->rules()) {
        if (r.id != alert.ruleId)
            continue;
        switch (r.comparison) {
        case Comparison::Above:
            return tr("above %1").arg(threshold);
        case Comparison::AtLeast:
            return tr("at least %1").arg(threshold);
        case Comparison::Below:
            return tr("below %1").arg(threshold);
        case Comparison::AtMost:
            return tr("at most %1").arg(threshold);
        case Comparison::IsFalse:
            *flag = true;
            return tr("is no");
        case Comparison::IsTrue:
            *flag = true;
            return tr("is yes");
        }
    }
    return {};
}

void AlertsView::updateDetails()
{
    const Alert a = m_center && !m_currentId.isEmpty() ? m_center->alert(m_currentId) : Alert();
    m_acknowledge->setEnabled(!a.id.isEmpty() && a.isActive() && !a.isAcknowledged());
    m_runbook->setEnabled(!a.runbookId.isEmpty());
    m_runbook->setToolTip(a.runbookId);
    if (a.id.isEmpty()) {
        m_details->setHtml(u"<p>"_s +
                           (m_active->rowCount() == 0
                                ? tr("No active alerts. Alerts appear here when a rule of a "
                                     "service's profile holds long enough.")
                                : tr("Choose an alert to see its details."))
                               .toHtmlEscaped() +
                           u"</p>"_s);
        return;
    }
    bool flag = false;
    const QString condition = conditionText(a, &flag);
    const QString value = flag ? (a.value != 0 ? tr("yes") : tr("no")) : formatAlertValue(a.value);
    const QColor c = AlertsModel::severityColor(a.severity);
    QString html =
        u"<p><span style='background:%1;color:%2;font-weight:bold'>&nbsp;%3&nbsp;"
        u"</span> <b>%4</b></p><table>"_s.arg(
            c.name(), a.severity == Severity::P2 ? u"black"_s : u"white"_s,
            AlertsModel::severityText(a.severity).toHtmlEscaped(), a.title.toHtmlEscaped());
    html += row(tr("Service"),
                a.environment.isEmpty() ? a.service : tr("%1 (%2)").arg(a.service, a.environment));
    html += row(tr("Input"), a.inputDescription);
    html += row(tr("Latest value"), value);
    if (!condition.isEmpty())
        html += row(tr("Rule"), tr("%1: fires when the input %2").arg(a.ruleId, condition));
    html += row(tr("Since"), AlertsModel::absoluteTime(a.since));
    html += row(tr("Fired"), AlertsModel::absoluteTime(a.firedAt));
    if (a.isAcknowledged()) {
        html +=
            row(tr("Owner"), tr("%1, since %2").arg(a.owner, AlertsModel::absoluteTime(a.ackAt)));
        if (!a.note.isEmpty())
            html += row(tr("Note"), a.note);
    } else if (a.isActive()) {
        html += row(tr("Owner"), a.severity == Severity::P0
                                     ? tr("nobody yet — escalates 5 minutes after firing")
                                     : tr("nobody yet"));
    }
    if (a.escalated)
        html += row(tr("Escalated"),
                    tr("%1 — shown in the war room").arg(AlertsModel::absoluteTime(a.escalatedAt)));
    if (!a.isActive())
        html += row(tr("Resolved"), AlertsModel::absoluteTime(a.resolvedAt));
    if (!a.runbookId.isEmpty())
        html += row(tr("Response runbook"), a.runbookId);
    html += u"</table>"_s;
    m_details->setHtml(html);
}

void AlertsView::updateMutes()
{
    QStringList parts;
    for (Severity s : {Severity::P0, Severity::P1}) {
        const QDateTime until = m_center ? m_center->mutedUntil(s) : QDateTime();
        parts << (until.isValid()
                      ? tr("%1 muted until %2")
                            .arg(severityName(s), until.toLocalTime().toString(u"HH:mm"_s))
                      : tr("%1 on").arg(severityName(s)));
    }
    const bool anyMuted = std::any_of(parts.cbegin(), parts.cend(),
                                      [](const QString &p) { return !p.endsWith(u" on"_s); });
    m_muteStatus->setText(tr("Notifications: %1").arg(parts.join(u", "_s)));
    m_muteStatus->setStyleSheet(anyMuted ? u"QLabel { color: #9c4f00; font-weight: bold; }"_s
                                         : QString());
    m_muteStatus->setToolTip(tr("Desktop notifications go out for new P0 and P1 alerts and "
                                "for escalations; P2 alerts only show here."));
}

void AlertsView::updateSummary()
{
    const QList<Alert> &alerts = m_active->alerts();
    if (alerts.isEmpty()) {
        m_summary->setText(tr("No active alerts"));
        return;
    }
    int counts[3] = {0, 0, 0};
    int unacked = 0;
    for (const Alert &a : alerts) {
        ++counts[int(a.severity)];
        if (!a.isAcknowledged())
            ++unacked;
    }
    QStringList bySeverity;
    for (int i = 0; i < 3; ++i) {
        if (counts[i] > 0)
            bySeverity << u"%1 %2"_s.arg(counts[i]).arg(severityName(Severity(i)));
    }
    m_summary->setText(tr("%n active (%1), %2 unacknowledged", nullptr, int(alerts.size()))
                           .arg(bySeverity.join(u", "_s))
                           .arg(unacked));
}

void AlertsView::acknowledgeCurrent()
{
    if (!m_center)
        return;
    const Alert a = m_center->alert(m_currentId);
    if (a.id.isEmpty() || !a.isActive() || a.isAcknowledged())
        return;
    auto *dialog = new AcknowledgeDialog(a, AlertCenter::defaultOwner(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_center)
            return;
        const auto done = m_center->acknowledge(dialog->alertId(), dialog->owner(), dialog->note());
        if (done)
            showMessage(tr("%1 took the alert.").arg(dialog->owner()), false);
        else
            showMessage(done.error().message, true);
        refresh();
    });
    dialog->open();
}

void AlertsView::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"QLabel { color: #a51d2d; font-weight: bold; }"_s
                                   : QString());
    m_message->show();
}

void AlertsView::mute(Severity severity, int minutes)
{
    if (m_center)
        m_center->muteFor(severity, std::chrono::minutes(minutes));
}

} // namespace ph
