// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"

#include "checklist/checklistrun.h"
#include "core/error.h"
#include "runbooks/runbook.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>

class QKeyEvent;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace ph {

class ConfirmDestructiveDialog;
class ReasonDialog;

/**
 * Walks one checklist run: the step list with each step's state, the current step's
 * explanation (rendered Markdown), its command with the parts the safety layer flags
 * highlighted, the target host or group, live output, the verdict, elapsed times, and the
 * "on failure" guidance when a step fails. Every action goes through the ChecklistRun, so it
 * is in the database before the screen changes.
 *
 * Running is someone else's job: Run (after ConfirmDestructiveDialog for destructive steps)
 * marks the step running and emits runRequested(); the executor answers through
 * appendOutput(), applyResult() and applyError().
 *
 * A step that ran stays on screen when it finishes, passed or failed, with its verdict and
 * output, until the user moves on with "Next step" (Enter) to the next open step. Marking a
 * step done by hand or skipping it moves on at once: there is nothing new to read.
 *
 * Keyboard: Ctrl+Enter run, Enter next open step (once the shown step is finished),
 * Ctrl+D mark done, Ctrl+K skip (a reason is required), Ctrl+N add note, Ctrl+Shift+R retry,
 * Alt+Down / Alt+Up next / previous step, Ctrl+Shift+S sign off,
 * Ctrl+Shift+M / Ctrl+Shift+P export Markdown / PDF.
 */
class StepRunner;

class ChecklistWizard : public QWidget
{
    Q_OBJECT
public:
    explicit ChecklistWizard(QWidget *parent = nullptr);
    ~ChecklistWizard() override;

    /**
     * Shows @p run of @p runbook. @p readOnly (History) disables every change; a signed-off
     * run is read-only anyway. @p workspace tells production and the hosts of a group.
     */
    void setRun(const ChecklistRun &run, const Runbook &runbook, const Workspace &workspace,
                bool readOnly = false);
    bool hasRun() const { return m_hasRun; }
    const ChecklistRun &run() const { return m_run; }
    const Runbook &runbook() const { return m_runbook; }
    bool isReadOnly() const;
    /// Whether the executor is available; without it Run is disabled and @p why says so.
    void setRunAvailable(bool available, const QString &why = {});
    /**
     * Runs steps with @p runner (not owned): it starts and finishes them in the shown run
     * itself, with the confirmation the user gave here. Without a runner, runRequested()
     * is emitted and the owner answers through the slots below.
     */
    void setStepRunner(StepRunner *runner);
    /// The audit chain's head hash, printed in reports.
    void setAuditHead(const QString &head) { m_auditHead = head; }

    /// The step shown (not necessarily the run's current step while browsing).
    int selectedStep() const { return m_selected; }
    void selectStep(int index);

    /// The runbook step behind run step @p index; nullptr when the runbook no longer has it.
    const Step *runbookStep(int index) const;

    Result<void> exportMarkdown(const QString &path) const;
    Result<void> exportPdf(const QString &path) const;
    /// Where an export goes: asked with a save dialog unless a chooser is set (tests, or a
    /// caller that knows the folder). It gets the suggested file name and whether it is a
    /// PDF, and returns the path, or an empty string to cancel.
    using SavePathChooser = std::function<QString(const QString &suggested, bool pdf)>;
    void setSavePathChooser(SavePathChooser chooser) { m_savePathChooser = std::move(chooser); }

public Q_SLOTS:
    void appendOutput(int index, const QByteArray &data, bool isStderr);
    void applyResult(int index, const ph::StepResult &result);
    void applyError(int index, const ph::Error &error);

    void runSelected();
    void markSelectedDone();
    void skipSelected();
    void addNoteToSelected();
    void retrySelected();
    /// Moves to the next open step after the shown one (wrapping), once the shown one is
    /// finished; does nothing otherwise. The "Next step" button and Enter call it.
    void nextOpenStep();
    void nextStep();
    void previousStep();
    void signOff();

Q_SIGNALS:
    /// The step was marked running in the run; execute it and answer through the slots.
    void runRequested(int index);
    /// The run changed (and is stored): history and schedules may need a refresh.
    void runChanged();
    void signedOff();
    /// "Back to the runbooks" was asked for.
    void closeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    /// Whether a change moves the view on to the run's next open step when it resolves the
    /// shown one (hand actions), or keeps the shown step in view (outcomes of a run).
    enum class Follow
    {
        NextOpenStep,
        Stay
    };

    void buildUi();
    void refreshList();
    void refreshStep();
    void refreshButtons();
    void refreshTimes();
    void showError(const Error &error);
    void clearError();
    bool apply(const Result<void> &result, Follow follow = Follow::Stay);
    /// The first open (unresolved) step after @p from, wrapping around; -1 when none.
    int openStepAfter(int from) const;
    void startRun(int index, ConfirmedBy confirmedBy = ConfirmedBy::None);
    void onRunnerFinished(int index, const StepResult &result);
    void onRunnerFailed(int index, const Error &error);
    void exportWithDialog(bool pdf);
    void returnFocus();
    QStringList hostsOf(const Step &step) const;
    QStringList secretValues() const { return m_secretValues; }

    ChecklistRun m_run;
    Runbook m_runbook;
    Workspace m_workspace;
    bool m_hasRun = false;
    bool m_readOnly = false;
    bool m_runAvailable = true;
    QString m_runUnavailableWhy;
    QString m_auditHead;
    int m_selected = 0;
    QHash<int, QString> m_output;
    QStringList m_secretValues; ///< only in memory, to mask exports; never stored
    QPointer<ReasonDialog> m_reasonDialog;
    QPointer<ConfirmDestructiveDialog> m_confirmDialog;
    QPointer<StepRunner> m_runner;

    QLabel *m_title;
    QLabel *m_progress;
    QListWidget *m_steps;
    QLabel *m_stepTitle;
    QLabel *m_target;
    QTextBrowser *m_explanation;
    QPlainTextEdit *m_command;
    QLabel *m_parameters;
    QLabel *m_verdict;
    QTextBrowser *m_onFailure;
    QPlainTextEdit *m_outputView;
    QLabel *m_notes;
    QLabel *m_hostOutcomes; ///< one line per host of a group step
    QLabel *m_elapsed;
    QLabel *m_error;
    QPushButton *m_runButton;
    QPushButton *m_doneButton;
    QPushButton *m_skipButton;
    QPushButton *m_noteButton;
    QPushButton *m_retryButton;
    QPushButton *m_nextButton;
    QLineEdit *m_signOffName;
    QPushButton *m_signOffButton;
    QPushButton *m_exportMarkdown;
    SavePathChooser m_savePathChooser;
    QPushButton *m_exportPdf;
    QPushButton *m_back;
    QTimer *m_ticker;
};

} // namespace ph
