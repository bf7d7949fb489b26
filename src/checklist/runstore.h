// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/checklistrun.h"
#include "core/error.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace ph {

/// A run that was not signed off, as listed for "resume".
struct RunSummary
{
    qint64 runId = 0;
    QString runbookTitle;
    QString runbookSourcePath;
    QString environment;
    QDateTime startedAt; ///< UTC
    int currentStep = 0;
};

/// One run as the History view lists it.
struct RunHistoryEntry
{
    qint64 runId = 0;
    QString runbookTitle;
    QString runbookSourcePath;
    QString environment;
    QString signedOffBy;  ///< empty unless signed off
    QString state;        ///< "open", "signed-off" or "abandoned"
    QDateTime startedAt;  ///< UTC
    QDateTime finishedAt; ///< UTC; invalid while open
    int stepCount = 0;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int doneByHand = 0;
};

/**
 * Keeps checklist runs in the local database (tables runs and run_steps), one short
 * transaction per change: runs it hands out are attached, so every change a ChecklistRun
 * accepts is on disk (WAL) before the call returns. A crash loses nothing that was
 * acknowledged; a step that was running when Pilothouse stopped comes back Interrupted,
 * never Passed, because nobody saw how it ended.
 *
 * Secret parameters are stored as their keychain entry names, which is all a
 * ChecklistRun holds; output is stored only as its digest and masked excerpt.
 */
class RunStore
{
    Q_DECLARE_TR_FUNCTIONS(ph::RunStore)

public:
    explicit RunStore(std::shared_ptr<Database> database);

    /// Stores a new run of @p runbook (every step Pending) and returns it attached.
    Result<ChecklistRun> start(const Runbook &runbook, const QString &environment,
                               const QList<RunParameter> &parameters, const QDateTime &at);
    /// Loads a run back, attached. Steps found Running are marked Interrupted (and stored).
    Result<ChecklistRun> load(qint64 runId, const QDateTime &at = QDateTime::currentDateTimeUtc());
    /// Runs that were not signed off, oldest first.
    Result<QList<RunSummary>> unfinishedRuns() const;

    /// Every run, newest first, at most @p limit of them.
    Result<QList<RunHistoryEntry>> history(int limit = 500) const;
    /**
     * Gives up an unfinished run: it leaves the resume offer and stays in the history as
     * "abandoned", steps and notes untouched. A signed-off run cannot be abandoned.
     */
    Result<void> abandon(qint64 runId, const QDateTime &at);

    /// Writes the run row (used by ChecklistRun for run-level changes).
    Result<void> saveRun(const ChecklistRun &run) const;
    /// Writes one step row and the run row in one transaction.
    Result<void> saveStep(const ChecklistRun &run, int index) const;

private:
    Result<void> writeRun(const ChecklistRun &run) const;
    Result<void> writeStep(const ChecklistRun &run, int index) const;

    std::shared_ptr<Database> m_db;
};

} // namespace ph
