// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;
class QToolButton;

namespace ph {

class AlertCenter;
class AlertsModel;
struct Alert;

/**
 * The Alerts page: active alerts (severity in words and colour, title, service,
 * environment, since when, owner, escalation), a details pane with the rule's input and
 * latest value, Acknowledge… and "Open response runbook", per-severity notification mutes
 * that show while they last, and the recently resolved alerts. It reads an AlertCenter it
 * does not own.
 */
class AlertsView : public QWidget
{
    Q_OBJECT
public:
    explicit AlertsView(QWidget *parent = nullptr);
    ~AlertsView() override;

    /// Shows the alerts of @p center and follows its changes; null shows nothing.
    void setCenter(AlertCenter *center);
    AlertCenter *center() const;

    AlertsModel *activeModel() const { return m_active; }
    AlertsModel *resolvedModel() const { return m_resolved; }
    /// Environments whose alerts are marked as production.
    void setProductionEnvironments(const QSet<QString> &environments);

    /// The alert shown in the details pane (active or resolved), or empty.
    QString currentAlertId() const { return m_currentId; }
    /// Selects the active alert @p id; false when there is none.
    bool selectAlert(const QString &id);

public Q_SLOTS:
    /// Re-reads the alerts, mutes and ages from the center.
    void refresh();
    /// Opens the acknowledge dialog for the current alert.
    void acknowledgeCurrent();

Q_SIGNALS:
    /// The user asked for the response runbook of an alert, e.g.
    /// "botcore/alert-response#p0-service-down".
    void runbookRequested(const QString &runbookId);
    void activeCountChanged(int count);

private:
    void showCurrent(const QString &id);
    void updateDetails();
    void updateMutes();
    void updateSummary();
    void showMessage(const QString &text, bool error);
    void mute(Severity severity, int minutes);
    QString conditionText(const Alert &alert, bool *flag) const;

    QPointer<AlertCenter> m_center;
    AlertsModel *m_active;
    AlertsModel *m_resolved;
    QTableView *m_activeTable;
    QTableView *m_resolvedTable;
    QTextBrowser *m_details;
    QPushButton *m_acknowledge;
    QPushButton *m_runbook;
    QToolButton *m_muteButton;
    QLabel *m_summary;
    QLabel *m_muteStatus;
    QLabel *m_message;
    QLabel *m_thresholds;
    QTimer *m_ageTimer;
    QString m_currentId;
    int m_lastCount = -1;
};

} // namespace ph
