// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "runbooks/runbook.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace ph {

class RunStore;

/// Where one step of a checklist run stands.
enum class StepState
{
    Pending,
    Running,
    Passed,
    Failed,
    Skipped,    ///< with a reason, always
    DoneByHand, ///< a manual check ticked, or a command the operator ran elsewhere
    Interrupted ///< Pilothouse stopped while the step was running; its outcome is unknown
};

QString stepStateName(StepState state); ///< "pending", "running", ... "done-by-hand"
std::optional<StepState> stepStateFromName(const QString &name);

/// A note an operator added to a step.
struct StepNote
{
    QDateTime at; ///< UTC
    QString text;
};

/**
 * One host's part of a step that ran on a host group: how it ended there, and what it
 * printed there as digest and masked excerpt.
 */
struct StepHostOutcome
{
    QString host;
    /// "ok", "failed", "unreachable", "auth_failed", "host_key_refused", "timed_out",
    /// "cancelled" (ph::hostOutcomeName()).
    QString outcome;
    bool passed = false; ///< it ran there and met the step's expectations
    std::optional<int> exitStatus;
    QString sha256; ///< hex, of that host's raw output
    qint64 size = 0;
    QString excerpt;
    QString reason; ///< why it did not pass there; empty when it did
};

/**
 * What a step printed, kept small: the SHA-256 of the full output and a bounded excerpt in
 * which the secret values given when it was recorded are already masked.
 */
struct StepOutput
{
    std::optional<int> exitStatus;
    std::optional<int> httpStatus;
    QString sha256; ///< hex, of the raw output; empty when nothing was recorded
    qint64 size = 0;
    QString excerpt;
    QList<StepHostOutcome> hosts; ///< one per host for a step on a host group, else empty

    bool isEmpty() const { return sha256.isEmpty() && !exitStatus && !httpStatus; }
};

/// An earlier attempt of a step, kept when the step is retried.
struct StepAttempt
{
    StepState state = StepState::Pending;
    QDateTime startedAt;
    QDateTime finishedAt;
    StepOutput output;
    QString reason;
};

/// One step of a run: its identity in the runbook and everything that happened to it.
struct StepRecord
{
    QString stepId;
    QString title;
    Step::Kind kind = Step::Kind::Manual;
    StepState state = StepState::Pending;
    QDateTime startedAt;  ///< UTC; of the current attempt
    QDateTime finishedAt; ///< UTC; of the current attempt
    StepOutput output;
    QString reason; ///< why it was skipped, failed or interrupted
    QList<StepNote> notes;
    QList<StepAttempt> attempts; ///< earlier attempts, oldest first

    /// Passed, Failed, Skipped or DoneByHand: nothing more has to happen before sign-off.
    bool isResolved() const;
};

/// A value asked for once per run. Secret values never live here: only their keychain entry.
struct RunParameter
{
    QString name;
    bool secret = false;
    QString value; ///< the text value, or for a secret the name of its keychain entry
};

/// What a step's run produced, handed to ChecklistRun::finishStep().
struct StepResult
{
    bool passed = false;
    QString reason; ///< why it failed (from the expectation check); may be empty when passed
    std::optional<int> exitStatus;
    std::optional<int> httpStatus;
    QByteArray output;
    QStringList secretValues;     ///< masked ("•••") in the stored excerpt
    QList<StepHostOutcome> hosts; ///< per host, for a step on a host group
};

/**
 * One run of one runbook: the state machine of its steps, with the rules the checklist
 * wizard relies on. Every change is checked first and an invalid one returns an Error and
 * changes nothing. When the run is attached to a RunStore (runs made by RunStore::start()
 * or load()), each change is written to the database before it is applied in memory, so
 * the two never disagree: a failed write leaves the run as it was.
 *
 * Transitions of a step:
 *   Pending     -> Running (start; not for manual checks), Skipped (reason), DoneByHand
 *   Running     -> Passed / Failed (finish), Interrupted
 *   Interrupted -> Skipped (reason), DoneByHand, or back to Pending by retry
 *   Passed, Failed, Skipped, DoneByHand -> Pending only by retry, which keeps the attempt
 * Notes can be added to any step. Sign-off needs every step resolved (none Pending,
 * Running or Interrupted) and freezes the run.
 */
class ChecklistRun
{
    Q_DECLARE_TR_FUNCTIONS(ph::ChecklistRun)

public:
    /// Output excerpts keep at most this many characters (head and tail).
    static constexpr int ExcerptLimit = 4000;

    /// A new run, not yet stored: all steps Pending, started at @p at.
    static ChecklistRun create(const Runbook &runbook, const QString &environment,
                               const QList<RunParameter> &parameters, const QDateTime &at);

    ChecklistRun() = default;

    qint64 runId() const { return m_runId; } ///< 0 until stored
    QString runbookTitle() const { return m_title; }
    QString runbookSourcePath() const { return m_sourcePath; }
    QString runbookContentHash() const { return m_contentHash; }
    QString environment() const { return m_environment; }
    QList<RunParameter> parameters() const { return m_parameters; }
    QDateTime startedAt() const { return m_startedAt; }
    QDateTime finishedAt() const { return m_finishedAt; } ///< set by sign-off
    int currentStep() const { return m_currentStep; }
    QList<StepRecord> steps() const { return m_steps; }
    const StepRecord &step(int index) const { return m_steps.at(index); }
    int stepCount() const { return int(m_steps.size()); }
    int indexOf(const QString &stepId) const;

    bool isSignedOff() const { return !m_signedOffBy.isEmpty(); }
    QString signedOffBy() const { return m_signedOffBy; }
    QDateTime signedOffAt() const { return m_signedOffAt; }
    /// True when every step is resolved, i.e. the run may be signed off.
    bool allResolved() const;
    bool isAttached() const { return m_store != nullptr; }

    Result<void> startStep(int index, const QDateTime &at);
    Result<void> finishStep(int index, const StepResult &result, const QDateTime &at);
    Result<void> interruptStep(int index, const QString &reason, const QDateTime &at);
    Result<void> skipStep(int index, const QString &reason, const QDateTime &at);
    Result<void> markDone(int index, const QDateTime &at);
    Result<void> retryStep(int index, const QDateTime &at);
    Result<void> addNote(int index, const QString &text, const QDateTime &at);
    Result<void> setCurrentStep(int index);
    Result<void> signOff(const QString &name, const QDateTime &at);

    /// The bounded excerpt of @p output with each of @p secretValues replaced by "•••".
    static QString maskedExcerpt(const QByteArray &output, const QStringList &secretValues);
    /// Replaces each non-empty secret value in @p text by "•••".
    static QString maskSecrets(QString text, const QStringList &secretValues);
    /// A stable hash of what the runbook says (its JSON form), to tell edited runbooks apart.
    static QString contentHash(const Runbook &runbook);

private:
    friend class RunStore;
    using StepChange = std::function<Result<void>(StepRecord &)>;

    Result<void> changeStep(int index, const StepChange &change);
    Result<void> changeRun(const std::function<Result<void>(ChecklistRun &)> &change);
    Result<void> checkIndex(int index) const;
    Result<void> checkOpen() const;
    void advanceCurrent(int from);

    qint64 m_runId = 0;
    QString m_title;
    QString m_sourcePath;
    QString m_contentHash;
    QString m_environment;
    QList<RunParameter> m_parameters;
    QDateTime m_startedAt;
    QDateTime m_finishedAt;
    int m_currentStep = 0;
    QList<StepRecord> m_steps;
    QString m_signedOffBy;
    QDateTime m_signedOffAt;
    std::shared_ptr<RunStore> m_store;
};

} // namespace ph
