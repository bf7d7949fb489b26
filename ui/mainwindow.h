// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "probes/proberesult.h"
#include "workspace/workspace.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QListWidget;
class QStackedWidget;
class QFrame;

namespace ph {

class AlertsView;
class HealthView;
class QueuePanel;
class PayoutsPanel;
class BackupsPanel;
class RemoteView;
class RunbooksView;
class SloPanel;

/**
 * The console's window: navigation between the dashboards, the environment switcher
 * (production marked), the workspace error banner and the Health view. It only shows
 * what it is given; the Console in core does the work.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Page
    {
        HealthPage,
        SloPage,
        QueuesPage,
        BackupsPage,
        PayoutsPage,
        AlertsPage,
        RunbooksPage,
        RemotePage,
        PageCount
    };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    HealthView *healthView() const { return m_health; }
    SloPanel *sloPanel() const { return m_slo; }
    QueuePanel *queuePanel() const { return m_queues; }
    PayoutsPanel *payoutsPanel() const { return m_payouts; }
    BackupsPanel *backupsPanel() const { return m_backups; }
    RemoteView *remoteView() const { return m_remote; }
    AlertsView *alertsView() const { return m_alerts; }
    RunbooksView *runbooksView() const { return m_runbooks; }
    QString currentEnvironment() const;
    void showPage(Page page);
    Page currentPage() const;

public Q_SLOTS:
    void setWorkspace(const ph::Workspace &workspace, const QStringList &warnings = {});
    void showWorkspaceError(const ph::Error &error);
    void showKeychainError(const ph::Error &error);
    void setEnvironment(const QString &name);
    void applyResult(const ph::ProbeResult &result);
    void setOnline(bool online);
    void setStatusMessage(const QString &text);
    void setDemo(bool demo);

Q_SIGNALS:
    void environmentChanged(const QString &name);
    void refreshRequested();
    void credentialsRequested();
    void sshConfigImportRequested();
    void knownHostsRequested();
    void auditLogRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateProductionMarking();

    Workspace m_workspace;
    QListWidget *m_nav;
    QStackedWidget *m_pages;
    HealthView *m_health;
    SloPanel *m_slo;
    QueuePanel *m_queues;
    PayoutsPanel *m_payouts;
    BackupsPanel *m_backups;
    RemoteView *m_remote;
    AlertsView *m_alerts;
    RunbooksView *m_runbooks;
    QComboBox *m_envSwitcher;
    QFrame *m_productionBar;
    QLabel *m_productionLabel;
    QFrame *m_errorBanner;
    QLabel *m_errorLabel;
    QLabel *m_workspaceLabel;
    QLabel *m_networkLabel;
    QLabel *m_demoLabel;
};

} // namespace ph
