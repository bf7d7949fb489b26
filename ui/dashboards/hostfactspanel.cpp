// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/hostfactspanel.h"
#include "ui/widgets/columnfitter.h"

#include "alerts/alertrule.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

enum Column
{
    NameCol,
    StateCol,
    FiguresCol,
    DetailCol,
};

constexpr int AtRole = Qt::UserRole + 1;
constexpr int FailedRole = Qt::UserRole + 2;

QColor colourOf(HostFactsPanel::Level level)
{
    switch (level) {
    case HostFactsPanel::Critical:
        return QColor(0xc6, 0x28, 0x28);
    case HostFactsPanel::Warning:
        return QColor(0xe6, 0x51, 0x00);
    case HostFactsPanel::Notice:
        return QColor(0xb2, 0x8a, 0x00);
    case HostFactsPanel::Normal:
        break;
    }
    return {};
}

void mark(QTreeWidgetItem *item, HostFactsPanel::Level level)
{
    item->setData(NameCol, Qt::UserRole, int(level));
    const QColor colour = colourOf(level);
    for (int c = 0; c < item->columnCount(); ++c)
        item->setForeground(c, colour.isValid() ? QBrush(colour) : QBrush());
    QFont font = item->font(NameCol);
    font.setBold(level == HostFactsPanel::Critical);
    item->setFont(NameCol, font);
    item->setFont(StateCol, font);
}

QString percent(double value)
{
    return QLocale().toString(value, 'f', 1) + u" %"_s;
}

QString healthText(ContainerState::Health health)
{
    switch (health) {
    case ContainerState::Health::Healthy:
        return HostFactsPanel::tr("healthy");
    case ContainerState::Health::Unhealthy:
        return HostFactsPanel::tr("unhealthy");
    case ContainerState::Health::Starting:
        return HostFactsPanel::tr("health check starting");
    case ContainerState::Health::None:
        break;
    }
    return {};
}

QString stateText(const ContainerState &c)
{
    QString text;
    if (c.state == u"running"_s)
        text = HostFactsPanel::tr("up");
    else if (c.state == u"exited"_s)
        text = c.exitCode >= 0 ? HostFactsPanel::tr("exited (%1)").arg(c.exitCode)
                               : HostFactsPanel::tr("exited");
    else if (c.state == u"restarting"_s)
        text = HostFactsPanel::tr("restarting");
    else
        text = c.state;
    const QString health = healthText(c.health);
    return health.isEmpty() ? text : text + u", "_s + health;
}

QString ageText(const QDateTime &at, const QDateTime &now, bool failed = false)
{
    if (!at.isValid())
        return HostFactsPanel::tr("waiting for the first answer");
    const qint64 secs = std::max<qint64>(0, at.secsTo(now));
    if (failed) {
        if (secs < 90)
            return HostFactsPanel::tr("tried %1 s ago").arg(secs);
        if (secs < 90 * 60)
            return HostFactsPanel::tr("tried %1 min ago").arg(secs / 60);
        return HostFactsPanel::tr("tried %1 h ago").arg(secs / 3600);
    }
    if (secs < 90)
        return HostFactsPanel::tr("collected %1 s ago").arg(secs);
    if (secs < 90 * 60)
        return HostFactsPanel::tr("collected %1 min ago").arg(secs / 60);
    return HostFactsPanel::tr("collected %1 h ago").arg(secs / 3600);
}

// The host section colours a figure by the same rules the alerts fire on, so a disk that
// is red here is the disk the alert list and `pilothouse-cli status` call P0.
HostFactsPanel::Level tierLevel(const QString &metric, double value,
                                const QMap<QString, double> &thresholds)
{
    static const QList<AlertRule> rules = builtInAlertRules();
    const auto rule = breachedRule(rules, u"botcore"_s, metric, value, thresholds);
    if (!rule)
        return HostFactsPanel::Normal;
    switch (rule->severity) {
    case Severity::P0:
        return HostFactsPanel::Critical;
    case Severity::P1:
        return HostFactsPanel::Warning;
    case Severity::P2:
        break;
    }
    return HostFactsPanel::Notice;
}

} // namespace

HostFactsPanel::HostFactsPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_summary(new QLabel(this))
    , m_ageTimer(new QTimer(this))
{
    setObjectName(u"hostFactsPanel"_s);
    m_tree->setObjectName(u"hostFactsTree"_s);
    m_tree->setColumnCount(4);
    m_tree->setHeaderLabels({tr("Host"), tr("State"), tr("Figures"), tr("Detail")});
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    new ColumnFitter(m_tree, m_tree->header());
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);

    auto *title = new QLabel(tr("<b>Hosts</b>"), this);
    m_summary->setObjectName(u"hostFactsSummary"_s);
    m_summary->setText(tr("Bot Core containers, memory and disks, asked over SSH every minute"));
    auto *refresh = new QPushButton(tr("Collect now"), this);
    refresh->setObjectName(u"hostFactsRefresh"_s);
    refresh->setToolTip(tr("Ask the hosts again for their containers, memory and disks"));
    connect(refresh, &QPushButton::clicked, this, [this] {
        m_collectingNow = QSet<QString>(m_hosts.cbegin(), m_hosts.cend());
        Q_EMIT refreshRequested();
    });

    auto *top = new QHBoxLayout;
    top->addWidget(title);
    top->addWidget(m_summary, 1);
    top->addWidget(refresh);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);

    m_ageTimer->setInterval(5000);
    connect(m_ageTimer, &QTimer::timeout, this,
            [this] { refreshAges(QDateTime::currentDateTimeUtc()); });
    m_ageTimer->start();
    setHosts({});
}

HostFactsPanel::Level HostFactsPanel::diskLevel(double value,
                                                const QMap<QString, double> &thresholds)
{
    return tierLevel(u"disk.percent"_s, value, thresholds);
}

HostFactsPanel::Level HostFactsPanel::memoryLevel(double value,
                                                  const QMap<QString, double> &thresholds)
{
    return tierLevel(u"memory.percent"_s, value, thresholds);
}

void HostFactsPanel::setThresholds(const QMap<QString, double> &thresholds)
{
    if (thresholds == m_thresholds)
        return;
    m_thresholds = thresholds;
    for (const QString &host : std::as_const(m_hosts))
        rebuild(host);
}

QTreeWidgetItem *HostFactsPanel::hostItem(const QString &host) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        if (m_tree->topLevelItem(i)->text(NameCol) == host)
            return m_tree->topLevelItem(i);
    }
    return nullptr;
}

void HostFactsPanel::setHosts(const QStringList &hosts)
{
    m_hosts = hosts;
    for (auto it = m_facts.begin(); it != m_facts.end();) {
        if (!hosts.contains(it.key()))
            it = m_facts.erase(it);
        else
            ++it;
    }
    m_tree->clear();
    for (const QString &host : hosts) {
        auto *item = new QTreeWidgetItem(m_tree, {host});
        item->setText(DetailCol, ageText({}, {}));
        rebuild(host);
    }
    // Workspaces without Bot Core hosts keep the whole view for their endpoints.
    setVisible(!hosts.isEmpty());
}

void HostFactsPanel::setFacts(const HostFacts &facts)
{
    if (!m_hosts.contains(facts.host))
        return;
    m_facts.insert(facts.host, facts);
    rebuild(facts.host);
    if (m_collectingNow.remove(facts.host) && facts.error.code == u"ssh.auth_secret_missing"_s)
        Q_EMIT secretRequested(facts.host);
}

QPushButton *HostFactsPanel::secretButton(const QString &host) const
{
    // Looked up through the rows: buttons of replaced rows linger until deleted later.
    const QTreeWidgetItem *item = hostItem(host);
    for (int i = 0; item && i < item->childCount(); ++i) {
        if (auto *button =
                qobject_cast<QPushButton *>(m_tree->itemWidget(item->child(i), StateCol)))
            return button;
    }
    return nullptr;
}

void HostFactsPanel::rebuild(const QString &host)
{
    QTreeWidgetItem *item = hostItem(host);
    if (!item)
        return;
    const bool wasExpanded = item->isExpanded() || item->childCount() == 0;
    qDeleteAll(item->takeChildren());
    const auto found = m_facts.constFind(host);
    if (found == m_facts.cend())
        return;
    const HostFacts &f = *found;
    item->setData(DetailCol, AtRole, f.at);
    item->setData(DetailCol, FailedRole, !f.ok());
    item->setText(DetailCol, ageText(f.at, QDateTime::currentDateTimeUtc(), !f.ok()));
    Level hostLevel = Normal;
    if (!f.ok()) {
        item->setText(StateCol, tr("not collected"));
        item->setText(FiguresCol, QString());
        auto *why = new QTreeWidgetItem(item, {tr("Error"), f.error.message});
        why->setToolTip(StateCol, f.error.toString());
        why->setFirstColumnSpanned(false);
        mark(why, Critical);
        mark(item, Critical);
        if (f.error.code == u"ssh.auth_secret_missing"_s) {
            // Rounds run with nobody watching, so they never pop a dialog; this asks.
            auto *ask = new QTreeWidgetItem(item);
            auto *button = new QPushButton(tr("Enter passphrase…"), m_tree);
            button->setObjectName(u"enterSecret:"_s + host);
            button->setToolTip(
                tr("Give %1's key passphrase or password, then collect again").arg(host));
            connect(button, &QPushButton::clicked, this,
                    [this, host] { Q_EMIT secretRequested(host); });
            m_tree->setItemWidget(ask, StateCol, button);
        }
        item->setExpanded(true);
        return;
    }

    int bad = 0;
    if (f.hasContainers) {
        auto *group = new QTreeWidgetItem(item, {tr("Containers")});
        for (const ContainerState &c : f.containers) {
            const ContainerStats *stats = nullptr;
            for (const ContainerStats &s : f.stats) {
                if (s.name == c.name)
                    stats = &s;
            }
            auto *row = new QTreeWidgetItem(
                group, {c.service.isEmpty() ? c.name : c.service, stateText(c)});
            row->setToolTip(NameCol, c.name);
            row->setToolTip(StateCol, c.status);
            row->setText(DetailCol, c.ports);
            Level level = c.isOk() ? Normal : Critical;
            if (stats) {
                row->setText(FiguresCol,
                             tr("CPU %1 · memory %2 of %3 (%4)")
                                 .arg(percent(stats->cpuPercent),
                                      QLocale().formattedDataSize(stats->memoryBytes),
                                      QLocale().formattedDataSize(stats->memoryLimitBytes),
                                      percent(stats->memoryPercent)));
                level = std::max(level, memoryLevel(stats->memoryPercent, m_thresholds));
            }
            if (!c.isOk())
                ++bad;
            mark(row, level);
            hostLevel = std::max(hostLevel, level);
        }
        if (f.containers.isEmpty())
            new QTreeWidgetItem(group, {tr("(no containers)")});
        group->setExpanded(true);
    }
    if (f.hasDisks) {
        auto *group = new QTreeWidgetItem(item, {tr("Disks")});
        for (const DiskUsage &d : f.disks) {
            if (d.isPseudo())
                continue;
            auto *row = new QTreeWidgetItem(group, {d.mount, percent(d.usePercent)});
            row->setText(FiguresCol, tr("%1 of %2 used, %3 free")
                                         .arg(QLocale().formattedDataSize(d.usedKiB * 1024),
                                              QLocale().formattedDataSize(d.sizeKiB * 1024),
                                              QLocale().formattedDataSize(d.availableKiB * 1024)));
            row->setText(DetailCol, d.filesystem);
            const Level level = diskLevel(d.usePercent, m_thresholds);
            mark(row, level);
            hostLevel = std::max(hostLevel, level);
        }
        group->setExpanded(true);
    }
    for (const QString &problem : f.problems) {
        auto *row = new QTreeWidgetItem(item, {tr("Problem"), problem});
        row->setToolTip(StateCol, problem);
        mark(row, Warning);
        hostLevel = std::max(hostLevel, Warning);
    }

    QStringList figures;
    if (f.hasContainers) {
        figures << (bad == 0 ? tr("%n container(s) up", nullptr, int(f.containers.size()))
                             : tr("%n container(s) down or unhealthy", nullptr, bad));
    }
    if (f.maxDiskPercent() >= 0)
        figures << tr("fullest disk %1").arg(percent(f.maxDiskPercent()));
    if (f.maxMemoryPercent() >= 0)
        figures << tr("memory up to %1").arg(percent(f.maxMemoryPercent()));
    item->setText(StateCol, hostLevel >= Critical ? tr("needs attention")
                            : hostLevel > Normal  ? tr("watch")
                                                  : tr("OK"));
    item->setText(FiguresCol, figures.join(u" · "_s));
    mark(item, hostLevel);
    item->setExpanded(wasExpanded);
}

void HostFactsPanel::refreshAges(const QDateTime &now)
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        item->setText(DetailCol, ageText(item->data(DetailCol, AtRole).toDateTime(), now,
                                         item->data(DetailCol, FailedRole).toBool()));
    }
}

} // namespace ph
