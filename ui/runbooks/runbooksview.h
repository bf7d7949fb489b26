// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/runstore.h"
#include "core/error.h"
#include "runbooks/runbook.h"
#include "runbooks/schedule.h"
#include "ui/runbooks/runbookcatalog.h"
#include "workspace/workspace.h"

#include <QFutureWatcher>
#include <QSet>
#include <QWidget>

#include <memory>

class QFrame;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace ph {

class ChecklistWizard;
class Database;
class Notifier;
class RunHistoryModel;
class RunbooksModel;

/**
 * The Runbooks page: the built-in runbooks and the workspace's, with schedule and status
 * (today's due and overdue ones on top), Start run (parameters asked once), the History of
 * runs (opened read-only), the offer to resume an interrupted run, and the checklist wizard
 * for the run in hand. A desktop notification goes out once when a runbook becomes due.
 */
class StepRunner;

class RunbooksView : public QWidget
{
    Q_OBJECT
public:
    explicit RunbooksView(QWidget *parent = nullptr);
    ~RunbooksView() override;

    /// Where runs live; also refreshes the history and offers to resume an unfinished run.
    /// Runs steps from the wizard (not owned; nullptr disables Run).
    void setStepRunner(StepRunner *runner);
    /// Run stays disabled, and the wizard says @p why.
    void setRunUnavailable(const QString &why);
    void setDatabase(std::shared_ptr<Database> database);
    /// Not owned; must outlive the view. Null: no notifications.
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }
    /// Reloads the catalog (built-ins and runbook folders) in the background.
    void setWorkspace(const Workspace &workspace);
    void setEnvironment(const QString &environment);
    /// Replaces the catalog directly (what a background load delivers; tests).
    void setRunbooks(const QList<Runbook> &runbooks, const QStringList &problems = {});
    QList<Runbook> runbooks() const { return m_runbooks; }

    ScheduleBoard *board() const { return m_board; }
    RunbooksModel *model() const { return m_model; }
    RunHistoryModel *historyModel() const { return m_history; }
    ChecklistWizard *wizard() const { return m_wizard; }
    bool isWizardShown() const;

    /// Whether the resume offer is shown, and for which run (0 = none).
    qint64 offeredRunId() const { return m_offeredRun; }

    Result<void> startRun(const QString &sourcePath, const QList<RunParameter> &parameters);
    Result<void> resumeRun(qint64 runId);
    Result<void> discardRun(qint64 runId);
    Result<void> openRunReadOnly(qint64 runId);

public Q_SLOTS:
    void refreshHistory();
    void checkUnfinished();
    /// Start run for the selected runbook: asks its parameters first when it has any.
    void startSelected();
    void openSelectedRun();
    void showList();

Q_SIGNALS:
    void runbooksLoaded(int count);

private:
    void buildUi();
    void announceDue(const Runbook &runbook);
    void refreshModel();
    void showWizard();
    void showProblem(const QString &text);
    Runbook runbookFor(const QString &sourcePath, const QString &title) const;
    void fetchAuditHead(const QDateTime &since);

    std::shared_ptr<Database> m_db;
    std::unique_ptr<RunStore> m_store;
    Notifier *m_notifier = nullptr;
    Workspace m_workspace;
    QString m_environment;
    QList<Runbook> m_runbooks;
    QSet<QString> m_announced; ///< sourcePath + occurrence, so each period notifies once
    qint64 m_offeredRun = 0;
    QFutureWatcher<RunbookCatalogResult> m_catalogWatcher;
    QFutureWatcher<QString> m_auditWatcher;

    ScheduleBoard *m_board;
    RunbooksModel *m_model;
    RunHistoryModel *m_history;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    QTableView *m_table;
    QTableView *m_historyTable;
    QFrame *m_resumeBanner;
    QLabel *m_resumeLabel;
    QPushButton *m_resumeButton;
    QPushButton *m_discardButton;
    QLabel *m_problems;
    QPushButton *m_startButton;
    QPushButton *m_openButton;
    ChecklistWizard *m_wizard;
};

} // namespace ph
