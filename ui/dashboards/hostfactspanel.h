// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "hostfacts/hostfacts.h"

#include <QDateTime>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace ph {

/**
 * The Health view's host section: per Bot Core host, its containers (state, health, CPU,
 * memory), its disks and memory judged by the Bot Core alert tiers (with the workspace's
 * "alerts.<rule id>" overrides, so the panel, the alerts and `pilothouse-cli status` agree),
 * how old the facts are, and why they could not be collected. Rows that need attention are
 * coloured.
 */
class HostFactsPanel : public QWidget
{
    Q_OBJECT
public:
    /// How urgent a row is; also stored in column 0 under Qt::UserRole for tests and themes.
    enum Level
    {
        Normal = 0,
        Notice = 70,   ///< the P2 alert tier holds
        Warning = 80,  ///< the P1 alert tier holds
        Critical = 90, ///< the P0 alert tier holds, or down, unhealthy or unreachable
    };

    explicit HostFactsPanel(QWidget *parent = nullptr);

    /// The hosts being watched; those without facts yet show as waiting.
    void setHosts(const QStringList &hosts);
    void setFacts(const ph::HostFacts &facts);
    /// The workspace's thresholds; "alerts.<rule id>" entries move the disk and memory tiers.
    void setThresholds(const QMap<QString, double> &thresholds);
    /// Rewrites the "collected … ago" texts against @p now.
    void refreshAges(const QDateTime &now);

    QTreeWidget *tree() const { return m_tree; }
    /// The top-level item of @p host, or null.
    QTreeWidgetItem *hostItem(const QString &host) const;

    /// The level of the most severe Bot Core alert tier that @p percent breaks.
    static Level diskLevel(double percent, const QMap<QString, double> &thresholds = {});
    static Level memoryLevel(double percent, const QMap<QString, double> &thresholds = {});

    /// The "Enter passphrase…" button of @p host's row, shown while its login lacks its
    /// secret; null otherwise.
    QPushButton *secretButton(const QString &host) const;

Q_SIGNALS:
    void refreshRequested();
    /// The user wants to give @p host's missing key passphrase or password: after "Collect
    /// now" found it missing, or from the row's "Enter passphrase…" button.
    void secretRequested(const QString &host);

private:
    void rebuild(const QString &host);

    QTreeWidget *m_tree;
    QLabel *m_summary;
    QTimer *m_ageTimer;
    QStringList m_hosts;
    QHash<QString, HostFacts> m_facts;
    QMap<QString, double> m_thresholds;
    /// Hosts asked by "Collect now" whose answer has not come: a missing secret is asked
    /// for at once there, while a periodic round only shows the button.
    QSet<QString> m_collectingNow;
};

} // namespace ph
