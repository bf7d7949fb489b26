// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checklistrun.h"

#include "checklist/runstore.h"
#include "runbooks/runbookparser.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

const QString kMask = u"•••"_s;

Error transitionError(const QString &message)
{
    return Error{u"checklist.transition"_s, message, {}};
}

QString stateText(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return ChecklistRun::tr("pending");
    case StepState::Running:
        return ChecklistRun::tr("running");
    case StepState::Passed:
        return ChecklistRun::tr("passed");
    case StepState::Failed:
        return ChecklistRun::tr("failed");
    case StepState::Skipped:
        return ChecklistRun::tr("skipped");
    case StepState::DoneByHand:
        return ChecklistRun::tr("done by hand");
    case StepState::Interrupted:
        return ChecklistRun::tr("interrupted");
    }
    return {};
}

QString stepLabel(int index, const StepRecord &step)
{
    return ChecklistRun::tr("Step %1 (“%2”)").arg(index + 1).arg(step.title);
}

} // namespace

QString stepStateName(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return u"pending"_s;
    case StepState::Running:
        return u"running"_s;
    case StepState::Passed:
        return u"passed"_s;
    case StepState::Failed:
        return u"failed"_s;
    case StepState::Skipped:
        return u"skipped"_s;
    case StepState::DoneByHand:
        return u"done-by-hand"_s;
    case StepState::Interrupted:
        return u"interrupted"_s;
    }
    return {};
}

std::optional<StepState> stepStateFromName(const QString &name)
{
    for (StepState s :
         {StepState::Pending, StepState::Running, StepState::Passed, StepState::Failed,
          StepState::Skipped, StepState::DoneByHand, StepState::Interrupted}) {
        if (stepStateName(s) == name)
            return s;
    }
    return std::nullopt;
}

bool StepRecord::isResolved() const
{
    return state == StepState::Passed || state == StepState::Failed ||
           state == StepState::Skipped || state == StepState::DoneByHand;
}

ChecklistRun ChecklistRun::create(const Runbook &runbook, const QString &environment,
                                  const QList<RunParameter> &parameters, const QDateTime &at)
{
    ChecklistRun run;
    run.m_title = runbook.title;
    run.m_sourcePath = runbook.sourcePath;
    run.m_contentHash = contentHash(runbook);
    run.m_environment = environment;
    run.m_parameters = parameters;
    run.m_startedAt = at.toUTC();
    for (const Step &s : runbook.allSteps()) {
        StepRecord r;
        r.stepId = s.id;
        r.title = s.title;
        r.kind = s.kind;
        run.m_steps.append(r);
    }
    return run;
}

QString ChecklistRun::contentHash(const Runbook &runbook)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(toJson(runbook), QCryptographicHash::Sha256).toHex());
}

QString ChecklistRun::maskSecrets(QString text, const QStringList &secretValues)
{
    // Longest first, so a secret that contains another is masked whole.
    QStringList sorted = secretValues;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(sorted)) {
        if (!secret.isEmpty())
            text.replace(secret, kMask);
    }
    return text;
}

QString ChecklistRun::maskedExcerpt(const QByteArray &output, const QStringList &secretValues)
{
    // Mask before cutting: a cut could otherwise leave part of a secret behind.
    const QString masked = maskSecrets(QString::fromUtf8(output), secretValues);
    if (masked.size() <= ExcerptLimit)
        return masked;
    const int half = ExcerptLimit / 2;
    return masked.left(half) + u"\n… "_s +
           tr("(%1 characters left out)").arg(masked.size() - 2 * half) + u" …\n"_s +
           masked.right(half);
}

int ChecklistRun::indexOf(const QString &stepId) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (m_steps.at(i).stepId == stepId)
            return i;
    }
    return -1;
}

bool ChecklistRun::allResolved() const
{
    return std::all_of(m_steps.cbegin(), m_steps.cend(),
                       [](const StepRecord &s) { return s.isResolved(); });
}

Result<void> ChecklistRun::checkIndex(int index) const
{
    if (index < 0 || index >= m_steps.size()) {
        return fail(u"checklist.no_step"_s,
                    tr("This run has no step %1; it has %n step(s).", nullptr, int(m_steps.size()))
                        .arg(index + 1));
    }
    return {};
}

Result<void> ChecklistRun::checkOpen() const
{
    if (isSignedOff()) {
        return fail(u"checklist.signed_off"_s,
                    tr("This run was signed off by %1 and can no longer change. Start a new "
                       "run to do the checklist again.")
                        .arg(m_signedOffBy));
    }
    return {};
}

void ChecklistRun::advanceCurrent(int from)
{
    if (m_currentStep != from || !m_steps.at(from).isResolved())
        return;
    for (int i = from + 1; i < m_steps.size(); ++i) {
        if (!m_steps.at(i).isResolved()) {
            m_currentStep = i;
            return;
        }
    }
    for (int i = 0; i < from; ++i) {
        if (!m_steps.at(i).isResolved()) {
            m_currentStep = i;
            return;
        }
    }
}

Result<void> ChecklistRun::changeStep(int index, const StepChange &change)
{
    if (auto ok = checkOpen(); !ok)
        return ok;
    if (auto ok = checkIndex(index); !ok)
        return ok;
    ChecklistRun next = *this;
    if (auto ok = change(next.m_steps[index]); !ok)
        return ok;
    if (next.m_steps.at(index).state == StepState::Running)
        next.m_currentStep = index;
    next.advanceCurrent(index);
    if (m_store) {
        if (auto saved = m_store->saveStep(next, index); !saved)
            return saved;
    }
    *this = std::move(next);
    return {};
}

Result<void> ChecklistRun::changeRun(const std::function<Result<void>(ChecklistRun &)> &change)
{
    if (auto ok = checkOpen(); !ok)
        return ok;
    ChecklistRun next = *this;
    if (auto ok = change(next); !ok)
        return ok;
    if (m_store) {
        if (auto saved = m_store->saveRun(next); !saved)
            return saved;
    }
    *this = std::move(next);
    return {};
}

Result<void> ChecklistRun::startStep(int index, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (s.kind == Step::Kind::Manual) {
            return tl::unexpected(transitionError(
                tr("%1 is a manual check: there is nothing to run. Mark it done or skip it.")
                    .arg(stepLabel(index, s))));
        }
        if (s.state != StepState::Pending) {
            return tl::unexpected(transitionError(
                tr("%1 is %2 and cannot be started. Retry it to run it again; the earlier "
                   "attempt is kept.")
                    .arg(stepLabel(index, s), stateText(s.state))));
        }
        s.state = StepState::Running;
        s.startedAt = at.toUTC();
        s.finishedAt = {};
        s.reason.clear();
        s.output = {};
        return {};
    });
}

Result<void> ChecklistRun::finishStep(int index, const StepResult &result, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (s.state != StepState::Running) {
            return tl::unexpected(
                transitionError(tr("%1 is %2, not running, so it has no result to record.")
                                    .arg(stepLabel(index, s), stateText(s.state))));
        }
        s.state = result.passed ? StepState::Passed : StepState::Failed;
        s.finishedAt = at.toUTC();
        s.reason = maskSecrets(result.reason, result.secretValues);
        s.output.exitStatus = result.exitStatus;
        s.output.httpStatus = result.httpStatus;
        s.output.size = result.output.size();
        s.output.sha256 = QString::fromLatin1(
            QCryptographicHash::hash(result.output, QCryptographicHash::Sha256).toHex());
        s.output.excerpt = maskedExcerpt(result.output, result.secretValues);
        s.output.hosts = result.hosts;
        for (StepHostOutcome &h : s.output.hosts) {
            h.excerpt = maskSecrets(h.excerpt, result.secretValues);
            h.reason = maskSecrets(h.reason, result.secretValues);
        }
        return {};
    });
}

Result<void> ChecklistRun::interruptStep(int index, const QString &reason, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (s.state != StepState::Running) {
            return tl::unexpected(
                transitionError(tr("%1 is %2, not running, so it cannot be interrupted.")
                                    .arg(stepLabel(index, s), stateText(s.state))));
        }
        s.state = StepState::Interrupted;
        s.finishedAt = at.toUTC();
        s.reason = reason;
        return {};
    });
}

namespace {

// An interrupted attempt stays on record when the operator resolves the step by hand: the
// report must still show that a command was started and nobody saw how it ended.
void keepInterruptedAttempt(StepRecord &s, const QDateTime &at)
{
    if (s.state != StepState::Interrupted)
        return;
    s.attempts.append(StepAttempt{s.state, s.startedAt, s.finishedAt, s.output, s.reason});
    s.output = {};
    s.startedAt = at.toUTC();
}

} // namespace

Result<void> ChecklistRun::skipStep(int index, const QString &reason, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (reason.trimmed().isEmpty()) {
            return fail(u"checklist.reason_required"_s,
                        tr("Say why %1 is skipped: the reason goes into the report and the "
                           "audit log.")
                            .arg(stepLabel(index, s)));
        }
        if (s.state != StepState::Pending && s.state != StepState::Interrupted) {
            return tl::unexpected(
                transitionError(tr("%1 is %2 and cannot be skipped now.%3")
                                    .arg(stepLabel(index, s), stateText(s.state),
                                         s.state == StepState::Running
                                             ? tr(" Wait for it to finish.")
                                             : tr(" Retry it first if it should be done again."))));
        }
        keepInterruptedAttempt(s, at);
        s.state = StepState::Skipped;
        s.reason = reason.trimmed();
        if (!s.startedAt.isValid())
            s.startedAt = at.toUTC();
        s.finishedAt = at.toUTC();
        return {};
    });
}

Result<void> ChecklistRun::markDone(int index, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (s.state != StepState::Pending && s.state != StepState::Interrupted) {
            return tl::unexpected(
                transitionError(tr("%1 is %2 and cannot be marked done now.%3")
                                    .arg(stepLabel(index, s), stateText(s.state),
                                         s.state == StepState::Running
                                             ? tr(" Wait for it to finish.")
                                             : tr(" Retry it first if it should be done again."))));
        }
        keepInterruptedAttempt(s, at);
        s.state = StepState::DoneByHand;
        s.reason.clear();
        if (!s.startedAt.isValid())
            s.startedAt = at.toUTC();
        s.finishedAt = at.toUTC();
        return {};
    });
}

Result<void> ChecklistRun::retryStep(int index, const QDateTime &at)
{
    Q_UNUSED(at)
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (s.state == StepState::Pending || s.state == StepState::Running) {
            return tl::unexpected(
                transitionError(tr("%1 is %2: there is no finished attempt to retry.")
                                    .arg(stepLabel(index, s), stateText(s.state))));
        }
        s.attempts.append(StepAttempt{s.state, s.startedAt, s.finishedAt, s.output, s.reason});
        s.state = StepState::Pending;
        s.startedAt = {};
        s.finishedAt = {};
        s.output = {};
        s.reason.clear();
        return {};
    });
}

Result<void> ChecklistRun::addNote(int index, const QString &text, const QDateTime &at)
{
    return changeStep(index, [&](StepRecord &s) -> Result<void> {
        if (text.trimmed().isEmpty())
            return fail(u"checklist.empty_note"_s, tr("The note is empty; write something."));
        s.notes.append(StepNote{at.toUTC(), text.trimmed()});
        return {};
    });
}

Result<void> ChecklistRun::setCurrentStep(int index)
{
    if (auto ok = checkIndex(index); !ok)
        return ok;
    return changeRun([&](ChecklistRun &run) -> Result<void> {
        run.m_currentStep = index;
        return {};
    });
}

Result<void> ChecklistRun::signOff(const QString &name, const QDateTime &at)
{
    return changeRun([&](ChecklistRun &run) -> Result<void> {
        if (name.trimmed().isEmpty()) {
            return fail(u"checklist.signoff_name"_s,
                        tr("Enter the name of the person signing off the run."));
        }
        QStringList open;
        for (int i = 0; i < run.m_steps.size(); ++i) {
            const StepRecord &s = run.m_steps.at(i);
            if (!s.isResolved())
                open.append(tr("%1 is %2").arg(stepLabel(i, s), stateText(s.state)));
        }
        if (!open.isEmpty()) {
            return fail(u"checklist.unresolved"_s,
                        tr("The run cannot be signed off yet: %n step(s) are not resolved. "
                           "Run, mark done or skip them first.",
                           nullptr, int(open.size())),
                        open.join(u"; "_s));
        }
        run.m_signedOffBy = name.trimmed();
        run.m_signedOffAt = at.toUTC();
        run.m_finishedAt = at.toUTC();
        return {};
    });
}

} // namespace ph
