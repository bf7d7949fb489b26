// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/runstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QVariant msOrNull(const QDateTime &t)
{
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

// Qt Sql binds a null QString as SQL NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QDateTime fromMs(const QVariant &v)
{
    if (v.isNull())
        return {};
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::utc());
}

QJsonValue msJson(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toMSecsSinceEpoch()) : QJsonValue();
}

QDateTime msFromJson(const QJsonValue &v)
{
    if (!v.isDouble())
        return {};
    return QDateTime::fromMSecsSinceEpoch(qint64(v.toDouble()), QTimeZone::utc());
}

QJsonValue optionalInt(const std::optional<int> &v)
{
    return v ? QJsonValue(*v) : QJsonValue();
}

std::optional<int> intFromJson(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    return v.toInt();
}

QString kindName(Step::Kind kind)
{
    return stepKindName(kind);
}

Step::Kind kindFromName(const QString &name)
{
    if (name == u"command"_s)
        return Step::Kind::Command;
    if (name == u"http"_s)
        return Step::Kind::Http;
    return Step::Kind::Manual;
}

QJsonObject outputJson(const StepOutput &o)
{
    QJsonObject j{{u"exit"_s, optionalInt(o.exitStatus)},
                  {u"http"_s, optionalInt(o.httpStatus)},
                  {u"sha256"_s, o.sha256},
                  {u"size"_s, o.size},
                  {u"excerpt"_s, o.excerpt}};
    if (!o.hosts.isEmpty()) {
        QJsonArray hosts;
        for (const StepHostOutcome &h : o.hosts) {
            hosts.append(QJsonObject{{u"host"_s, h.host},
                                     {u"outcome"_s, h.outcome},
                                     {u"passed"_s, h.passed},
                                     {u"exit"_s, optionalInt(h.exitStatus)},
                                     {u"sha256"_s, h.sha256},
                                     {u"size"_s, h.size},
                                     {u"excerpt"_s, h.excerpt},
                                     {u"reason"_s, h.reason}});
        }
        j.insert(u"hosts"_s, hosts);
    }
    return j;
}

StepOutput outputFromJson(const QJsonObject &j)
{
    StepOutput o;
    o.exitStatus = intFromJson(j.value(u"exit"_s));
    o.httpStatus = intFromJson(j.value(u"http"_s));
    o.sha256 = j.value(u"sha256"_s).toString();
    o.size = qint64(j.value(u"size"_s).toDouble());
    o.excerpt = j.value(u"excerpt"_s).toString();
    for (const QJsonValue &v : j.value(u"hosts"_s).toArray()) {
        const QJsonObject h = v.toObject();
        StepHostOutcome host;
        host.host = h.value(u"host"_s).toString();
        host.outcome = h.value(u"outcome"_s).toString();
        host.passed = h.value(u"passed"_s).toBool();
        host.exitStatus = intFromJson(h.value(u"exit"_s));
        host.sha256 = h.value(u"sha256"_s).toString();
        host.size = qint64(h.value(u"size"_s).toDouble());
        host.excerpt = h.value(u"excerpt"_s).toString();
        host.reason = h.value(u"reason"_s).toString();
        o.hosts.append(host);
    }
    return o;
}

QByteArray runData(const ChecklistRun &run)
{
    QJsonArray params;
    for (const RunParameter &p : run.parameters()) {
        params.append(QJsonObject{{u"name"_s, p.name},
                                  {u"type"_s, p.secret ? u"secret"_s : u"text"_s},
                                  // For a secret this is the keychain entry, never the value.
                                  {u"value"_s, p.value}});
    }
    const QJsonObject data{{u"content_hash"_s, run.runbookContentHash()},
                           {u"parameters"_s, params},
                           {u"current_step"_s, run.currentStep()},
                           {u"signed_off_by"_s, run.signedOffBy()},
                           {u"signed_off_at"_s, msJson(run.signedOffAt())}};
    return QJsonDocument(data).toJson(QJsonDocument::Compact);
}

QByteArray stepOutcome(const StepRecord &s)
{
    QJsonArray notes;
    for (const StepNote &n : s.notes)
        notes.append(QJsonObject{{u"at"_s, msJson(n.at)}, {u"text"_s, n.text}});
    QJsonArray attempts;
    for (const StepAttempt &a : s.attempts) {
        attempts.append(QJsonObject{{u"state"_s, stepStateName(a.state)},
                                    {u"started_at"_s, msJson(a.startedAt)},
                                    {u"finished_at"_s, msJson(a.finishedAt)},
                                    {u"output"_s, outputJson(a.output)},
                                    {u"reason"_s, a.reason}});
    }
    const QJsonObject o{{u"title"_s, s.title},   {u"kind"_s, kindName(s.kind)},
                        {u"reason"_s, s.reason}, {u"output"_s, outputJson(s.output)},
                        {u"notes"_s, notes},     {u"attempts"_s, attempts}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Error damagedRun(qint64 id, const QString &detail)
{
    return Error{u"checklist.damaged"_s,
                 RunStore::tr("The stored run %1 cannot be read back. It was left as it is in "
                              "the database; start a new run.")
                     .arg(id),
                 detail};
}

} // namespace

RunStore::RunStore(std::shared_ptr<Database> database)
    : m_db(std::move(database))
{
}

Result<void> RunStore::writeRun(const ChecklistRun &run) const
{
    auto q = m_db->run(m_db->dialect().updateRun,
                       {{u"id"_s, run.runId()},
                        {u"operator"_s, text(run.signedOffBy())},
                        {u"state"_s, run.isSignedOff() ? u"signed-off"_s : u"open"_s},
                        {u"finished_at"_s, msOrNull(run.finishedAt())},
                        {u"data_json"_s, QString::fromUtf8(runData(run))}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

Result<void> RunStore::writeStep(const ChecklistRun &run, int index) const
{
    const StepRecord &s = run.step(index);
    QStringList noteTexts;
    for (const StepNote &n : s.notes)
        noteTexts.append(n.text);
    auto q = m_db->run(m_db->dialect().upsertRunStep,
                       {{u"run_id"_s, run.runId()},
                        {u"step_index"_s, index},
                        {u"step_id"_s, text(s.stepId)},
                        {u"state"_s, stepStateName(s.state)},
                        {u"started_at"_s, msOrNull(s.startedAt)},
                        {u"finished_at"_s, msOrNull(s.finishedAt)},
                        {u"note"_s, text(noteTexts.join(u'\n'))},
                        {u"outcome_json"_s, QString::fromUtf8(stepOutcome(s))}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

Result<void> RunStore::saveRun(const ChecklistRun &run) const
{
    return m_db->transaction([&] { return writeRun(run); });
}

Result<void> RunStore::saveStep(const ChecklistRun &run, int index) const
{
    return m_db->transaction([&]() -> Result<void> {
        if (auto ok = writeStep(run, index); !ok)
            return ok;
        return writeRun(run);
    });
}

Result<ChecklistRun> RunStore::start(const Runbook &runbook, const QString &environment,
                                     const QList<RunParameter> &parameters, const QDateTime &at)
{
    ChecklistRun run = ChecklistRun::create(runbook, environment, parameters, at);
    auto stored = m_db->transaction([&]() -> Result<void> {
        auto q = m_db->run(m_db->dialect().insertRun,
                           {{u"runbook"_s, text(run.runbookSourcePath())},
                            {u"title"_s, text(run.runbookTitle())},
                            {u"environment"_s, text(run.environment())},
                            {u"operator"_s, text({})},
                            {u"state"_s, u"open"_s},
                            {u"started_at"_s, run.startedAt().toMSecsSinceEpoch()},
                            {u"finished_at"_s, msOrNull({})},
                            {u"data_json"_s, QString::fromUtf8(runData(run))}});
        if (!q)
            return tl::unexpected(q.error());
        run.m_runId = q->lastInsertId().toLongLong();
        for (int i = 0; i < run.stepCount(); ++i) {
            if (auto ok = writeStep(run, i); !ok)
                return ok;
        }
        return {};
    });
    if (!stored)
        return tl::unexpected(stored.error());
    run.m_store = std::make_shared<RunStore>(*this);
    return run;
}

Result<ChecklistRun> RunStore::load(qint64 runId, const QDateTime &at)
{
    auto q = m_db->run(m_db->dialect().selectRun, {{u"id"_s, runId}});
    if (!q)
        return tl::unexpected(q.error());
    if (!q->next()) {
        return fail(u"checklist.no_run"_s,
                    tr("There is no stored run %1. It may have been removed.").arg(runId));
    }
    ChecklistRun run;
    run.m_runId = q->value(0).toLongLong();
    run.m_sourcePath = q->value(1).toString();
    run.m_title = q->value(2).toString();
    run.m_environment = q->value(3).toString();
    run.m_startedAt = fromMs(q->value(6));
    run.m_finishedAt = fromMs(q->value(7));
    QJsonParseError perr;
    const QJsonDocument data = QJsonDocument::fromJson(q->value(8).toString().toUtf8(), &perr);
    if (!data.isObject())
        return tl::unexpected(damagedRun(runId, perr.errorString()));
    const QJsonObject d = data.object();
    run.m_contentHash = d.value(u"content_hash"_s).toString();
    run.m_currentStep = d.value(u"current_step"_s).toInt();
    run.m_signedOffBy = d.value(u"signed_off_by"_s).toString();
    run.m_signedOffAt = msFromJson(d.value(u"signed_off_at"_s));
    for (const QJsonValue &v : d.value(u"parameters"_s).toArray()) {
        const QJsonObject p = v.toObject();
        run.m_parameters.append(RunParameter{p.value(u"name"_s).toString(),
                                             p.value(u"type"_s).toString() == u"secret"_s,
                                             p.value(u"value"_s).toString()});
    }

    auto steps = m_db->run(m_db->dialect().selectRunSteps, {{u"run_id"_s, runId}});
    if (!steps)
        return tl::unexpected(steps.error());
    while (steps->next()) {
        StepRecord s;
        if (steps->value(0).toInt() != run.m_steps.size())
            return tl::unexpected(damagedRun(runId, u"step rows are not contiguous"_s));
        s.stepId = steps->value(1).toString();
        const auto state = stepStateFromName(steps->value(2).toString());
        if (!state) {
            return tl::unexpected(
                damagedRun(runId, u"unknown step state "_s + steps->value(2).toString()));
        }
        s.state = *state;
        s.startedAt = fromMs(steps->value(3));
        s.finishedAt = fromMs(steps->value(4));
        const QJsonDocument outcome =
            QJsonDocument::fromJson(steps->value(6).toString().toUtf8(), &perr);
        if (!outcome.isObject())
            return tl::unexpected(damagedRun(runId, perr.errorString()));
        const QJsonObject o = outcome.object();
        s.title = o.value(u"title"_s).toString();
        s.kind = kindFromName(o.value(u"kind"_s).toString());
        s.reason = o.value(u"reason"_s).toString();
        s.output = outputFromJson(o.value(u"output"_s).toObject());
        for (const QJsonValue &n : o.value(u"notes"_s).toArray()) {
            s.notes.append(StepNote{msFromJson(n.toObject().value(u"at"_s)),
                                    n.toObject().value(u"text"_s).toString()});
        }
        for (const QJsonValue &av : o.value(u"attempts"_s).toArray()) {
            const QJsonObject a = av.toObject();
            StepAttempt attempt;
            attempt.state =
                stepStateFromName(a.value(u"state"_s).toString()).value_or(StepState::Failed);
            attempt.startedAt = msFromJson(a.value(u"started_at"_s));
            attempt.finishedAt = msFromJson(a.value(u"finished_at"_s));
            attempt.output = outputFromJson(a.value(u"output"_s).toObject());
            attempt.reason = a.value(u"reason"_s).toString();
            s.attempts.append(attempt);
        }
        run.m_steps.append(s);
    }
    if (run.m_currentStep < 0 || run.m_currentStep >= qMax<qsizetype>(1, run.m_steps.size()))
        run.m_currentStep = 0;

    run.m_store = std::make_shared<RunStore>(*this);
    // Nobody saw how a step that was running ended: it may or may not have taken effect on
    // the server, so it is never counted as passed. The operator decides what to do next.
    for (int i = 0; i < run.stepCount(); ++i) {
        if (run.step(i).state == StepState::Running) {
            auto ok = run.interruptStep(
                i, tr("Pilothouse stopped while this step was running; its outcome is unknown."),
                at);
            if (!ok)
                return tl::unexpected(ok.error());
        }
    }
    return run;
}

Result<QList<RunSummary>> RunStore::unfinishedRuns() const
{
    auto q = m_db->run(m_db->dialect().selectUnfinishedRuns);
    if (!q)
        return tl::unexpected(q.error());
    QList<RunSummary> out;
    while (q->next()) {
        RunSummary s;
        s.runId = q->value(0).toLongLong();
        s.runbookSourcePath = q->value(1).toString();
        s.runbookTitle = q->value(2).toString();
        s.environment = q->value(3).toString();
        s.startedAt = fromMs(q->value(4));
        s.currentStep = QJsonDocument::fromJson(q->value(5).toString().toUtf8())
                            .object()
                            .value(u"current_step"_s)
                            .toInt();
        out.append(s);
    }
    return out;
}

Result<QList<RunHistoryEntry>> RunStore::history(int limit) const
{
    auto q = m_db->run(m_db->dialect().selectRunHistory, {{u"limit"_s, qMax(1, limit)}});
    if (!q)
        return tl::unexpected(q.error());
    QList<RunHistoryEntry> out;
    while (q->next()) {
        RunHistoryEntry e;
        e.runId = q->value(0).toLongLong();
        e.runbookSourcePath = q->value(1).toString();
        e.runbookTitle = q->value(2).toString();
        e.environment = q->value(3).toString();
        e.signedOffBy = q->value(4).toString();
        e.state = q->value(5).toString();
        e.startedAt = fromMs(q->value(6));
        e.finishedAt = fromMs(q->value(7));
        e.stepCount = q->value(8).toInt();
        e.passed = q->value(9).toInt();
        e.failed = q->value(10).toInt();
        e.skipped = q->value(11).toInt();
        e.doneByHand = q->value(12).toInt();
        out.append(e);
    }
    return out;
}

Result<void> RunStore::abandon(qint64 runId, const QDateTime &at)
{
    return m_db->transaction([&]() -> Result<void> {
        auto q = m_db->run(m_db->dialect().selectRun, {{u"id"_s, runId}});
        if (!q)
            return tl::unexpected(q.error());
        if (!q->next()) {
            return fail(u"checklist.no_run"_s,
                        tr("There is no stored run %1. It may have been removed.").arg(runId));
        }
        if (q->value(5).toString() == u"signed-off"_s) {
            return fail(u"checklist.signed_off"_s,
                        tr("Run %1 was signed off and cannot be abandoned.").arg(runId));
        }
        auto u =
            m_db->run(m_db->dialect().updateRunState, {{u"id"_s, runId},
                                                       {u"state"_s, u"abandoned"_s},
                                                       {u"finished_at"_s, at.toMSecsSinceEpoch()}});
        if (!u)
            return tl::unexpected(u.error());
        return {};
    });
}

} // namespace ph
