// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/runreport.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s) : u"—"_s;
}

QString duration(const QDateTime &from, const QDateTime &to)
{
    if (!from.isValid() || !to.isValid())
        return u"—"_s;
    const qint64 s = from.secsTo(to);
    if (s < 60)
        return QString::number(s) + u" s"_s;
    if (s < 3600)
        return QString::number(s / 60) + u" min "_s + QString::number(s % 60) + u" s"_s;
    return QString::number(s / 3600) + u" h "_s + QString::number((s % 3600) / 60) + u" min"_s;
}

QString outcome(StepState state)
{
    switch (state) {
    case StepState::Pending:
        return RunReport::tr("Not done");
    case StepState::Running:
        return RunReport::tr("Running");
    case StepState::Passed:
        return RunReport::tr("Passed");
    case StepState::Failed:
        return RunReport::tr("Failed");
    case StepState::Skipped:
        return RunReport::tr("Skipped");
    case StepState::DoneByHand:
        return RunReport::tr("Done by hand");
    case StepState::Interrupted:
        return RunReport::tr("Interrupted");
    }
    return {};
}

// A fence longer than any backtick run inside, so output cannot close it early.
QString fence(const QString &text)
{
    int longest = 0, run = 0;
    for (const QChar c : text) {
        run = c == u'`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return QString(std::max(3, longest + 1), u'`');
}

QString oneLine(const QString &text)
{
    return QString(text).replace(u'\n', u' ').replace(u'\r', u' ');
}

void appendOutput(QString &md, const StepOutput &o, const QStringList &secrets)
{
    QStringList facts;
    if (o.exitStatus)
        facts.append(RunReport::tr("exit status %1").arg(*o.exitStatus));
    if (o.httpStatus)
        facts.append(RunReport::tr("HTTP %1").arg(*o.httpStatus));
    if (!o.sha256.isEmpty()) {
        facts.append(RunReport::tr("%1 bytes of output, SHA-256 %2").arg(o.size).arg(o.sha256));
    }
    if (!facts.isEmpty())
        md += u"- "_s + RunReport::tr("Result") + u": "_s + facts.join(u", "_s) + u'\n';
    if (!o.hosts.isEmpty()) {
        md += u"- "_s + RunReport::tr("Hosts") + u":\n"_s;
        for (const StepHostOutcome &h : o.hosts) {
            QStringList hostFacts{h.outcome};
            if (h.exitStatus)
                hostFacts.append(RunReport::tr("exit status %1").arg(*h.exitStatus));
            if (!h.sha256.isEmpty())
                hostFacts.append(RunReport::tr("%1 bytes, SHA-256 %2").arg(h.size).arg(h.sha256));
            QString line = u"  - `"_s + h.host + u"`: "_s +
                           (h.passed ? RunReport::tr("passed") : RunReport::tr("not passed")) +
                           u" ("_s + hostFacts.join(u", "_s) + u')';
            if (!h.reason.isEmpty())
                line += u" — "_s + oneLine(ChecklistRun::maskSecrets(h.reason, secrets));
            md += line + u'\n';
        }
    }
    if (!o.excerpt.isEmpty()) {
        const QString text = ChecklistRun::maskSecrets(o.excerpt, secrets);
        const QString f = fence(text);
        md += u"\n"_s + f + u"text\n"_s + text + (text.endsWith(u'\n') ? u""_s : u"\n"_s) + f +
              u"\n"_s;
    }
}

} // namespace

QString RunReport::toMarkdown(const ChecklistRun &run, const Runbook &runbook,
                              const QString &auditHead, const QStringList &secretValues)
{
    const auto mask = [&](const QString &t) {
        return ChecklistRun::maskSecrets(t, secretValues);
    };
    QString md;
    md += u"# "_s + tr("Checklist run: %1").arg(mask(run.runbookTitle())) + u"\n\n"_s;
    md += u"| | |\n|---|---|\n"_s;
    md += u"| "_s + tr("Run") + u" | "_s + QString::number(run.runId()) + u" |\n"_s;
    md += u"| "_s + tr("Runbook") + u" | `"_s + run.runbookSourcePath() + u"` |\n"_s;
    md += u"| "_s + tr("Runbook content (SHA-256)") + u" | `"_s + run.runbookContentHash() +
          u"` |\n"_s;
    if (!runbook.service.isEmpty())
        md += u"| "_s + tr("Service") + u" | "_s + runbook.service + u" |\n"_s;
    md += u"| "_s + tr("Environment") + u" | "_s + mask(run.environment()) + u" |\n"_s;
    md += u"| "_s + tr("Started") + u" | "_s + when(run.startedAt()) + u" |\n"_s;
    md += u"| "_s + tr("Finished") + u" | "_s + when(run.finishedAt()) + u" |\n"_s;
    md += u"| "_s + tr("Duration") + u" | "_s + duration(run.startedAt(), run.finishedAt()) +
          u" |\n"_s;
    md += u"| "_s + tr("Signed off") + u" | "_s +
          (run.isSignedOff() ? tr("%1 at %2").arg(mask(run.signedOffBy()), when(run.signedOffAt()))
                             : tr("not signed off")) +
          u" |\n"_s;
    md += u"| "_s + tr("Audit chain head") + u" | `"_s +
          (auditHead.isEmpty() ? tr("none") : auditHead) + u"` |\n"_s;

    if (!run.parameters().isEmpty()) {
        md += u"\n## "_s + tr("Parameters") + u"\n\n"_s;
        for (const RunParameter &p : run.parameters()) {
            md += u"- `"_s + p.name + u"`: "_s +
                  (p.secret ? tr("secret, from keychain entry `%1`").arg(p.value)
                            : u'`' + mask(p.value) + u'`') +
                  u'\n';
        }
    }

    int counts[7] = {};
    for (const StepRecord &s : run.steps())
        ++counts[int(s.state)];
    md += u"\n## "_s + tr("Summary") + u"\n\n"_s;
    for (StepState s :
         {StepState::Passed, StepState::Failed, StepState::DoneByHand, StepState::Skipped,
          StepState::Interrupted, StepState::Running, StepState::Pending}) {
        if (counts[int(s)] > 0)
            md += u"- "_s + outcome(s) + u": "_s + QString::number(counts[int(s)]) + u'\n';
    }

    md += u"\n## "_s + tr("Steps") + u"\n"_s;
    const QList<StepRecord> steps = run.steps();
    for (int i = 0; i < steps.size(); ++i) {
        const StepRecord &s = steps.at(i);
        md += u"\n### "_s + QString::number(i + 1) + u". "_s + mask(oneLine(s.title)) + u"\n\n"_s;
        md += u"- "_s + tr("Outcome") + u": **"_s + outcome(s.state) + u"**\n"_s;
        md +=
            u"- "_s + tr("Step") + u": `"_s + s.stepId + u"` ("_s + stepKindName(s.kind) + u")\n"_s;
        if (const Step *def = runbook.step(s.stepId); def && !def->command.isEmpty()) {
            md += u"- "_s + tr("Command") + u": `"_s + mask(oneLine(def->command)) + u"`\n"_s;
        }
        md += u"- "_s + tr("Started") + u": "_s + when(s.startedAt) + u", "_s + tr("finished") +
              u": "_s + when(s.finishedAt) + u" ("_s + duration(s.startedAt, s.finishedAt) +
              u")\n"_s;
        if (!s.reason.isEmpty())
            md += u"- "_s + tr("Reason") + u": "_s + mask(oneLine(s.reason)) + u'\n';
        appendOutput(md, s.output, secretValues);
        if (!s.notes.isEmpty()) {
            md += u"\n"_s + tr("Notes:") + u"\n\n"_s;
            for (const StepNote &n : s.notes)
                md += u"- "_s + when(n.at) + u": "_s + mask(oneLine(n.text)) + u'\n';
        }
        for (int a = 0; a < s.attempts.size(); ++a) {
            const StepAttempt &att = s.attempts.at(a);
            md += u"\n"_s +
                  tr("Earlier attempt %1: %2, %3 to %4")
                      .arg(a + 1)
                      .arg(outcome(att.state), when(att.startedAt), when(att.finishedAt)) +
                  (att.reason.isEmpty() ? QString() : u" — "_s + mask(oneLine(att.reason))) +
                  u"\n\n"_s;
            appendOutput(md, att.output, secretValues);
        }
    }
    return md;
}

} // namespace ph
