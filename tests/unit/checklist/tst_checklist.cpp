// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/checklistrun.h"
#include "checklist/expectations.h"
#include "checklist/runreport.h"
#include "checklist/runstore.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QTimeZone>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace ph;

Q_DECLARE_METATYPE(ph::StepState)

namespace {

const QString kSecret = u"s3cr3t-Tok3n-9f8e"_s;

QDateTime at(int minute, int second = 0)
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, minute, second), QTimeZone::utc());
}

Step makeStep(const QString &id, Step::Kind kind, const QString &title, const QString &command)
{
    Step s;
    s.id = id;
    s.kind = kind;
    s.title = title;
    s.command = command;
    if (kind != Step::Kind::Manual)
        s.language = u"bash"_s;
    return s;
}

// command, http, manual, command, ... : count steps in one section.
Runbook testRunbook(int count = 4)
{
    Runbook rb;
    rb.title = u"Daily checks"_s;
    rb.service = u"echopilot"_s;
    rb.sourcePath = u":/runbooks/echopilot/daily.md"_s;
    rb.schedule = u"daily 08:00 UTC"_s;
    RunbookSection sec;
    sec.title = u"Health"_s;
    sec.slug = u"health"_s;
    for (int i = 0; i < count; ++i) {
        const QString id = u"health/"_s + QString::number(i + 1);
        switch (i % 3) {
        case 0:
            sec.steps.append(makeStep(id, Step::Kind::Command, u"Check the service (%1)"_s.arg(i),
                                      u"systemctl is-active echopilot"_s));
            break;
        case 1:
            sec.steps.append(makeStep(id, Step::Kind::Http, u"Health endpoint"_s,
                                      u"curl -s http://localhost:5000/api/health"_s));
            break;
        default:
            sec.steps.append(makeStep(id, Step::Kind::Manual, u"Dashboard looks normal"_s, {}));
            break;
        }
    }
    rb.sections.append(sec);
    return rb;
}

StepResult passed(const QByteArray &output = "ok\n")
{
    StepResult r;
    r.passed = true;
    r.exitStatus = 0;
    r.output = output;
    return r;
}

StepResult failedResult()
{
    StepResult r;
    r.passed = false;
    r.exitStatus = 3;
    r.reason = u"The command exited with status 3."_s;
    r.output = "inactive\n";
    return r;
}

// Applies one named operation; returns the result.
Result<void> apply(ChecklistRun &run, int index, const QString &op, const QDateTime &t)
{
    if (op == u"start"_s)
        return run.startStep(index, t);
    if (op == u"pass"_s)
        return run.finishStep(index, passed(), t);
    if (op == u"fail"_s)
        return run.finishStep(index, failedResult(), t);
    if (op == u"interrupt"_s)
        return run.interruptStep(index, u"stopped"_s, t);
    if (op == u"skip"_s)
        return run.skipStep(index, u"not needed today"_s, t);
    if (op == u"skip-no-reason"_s)
        return run.skipStep(index, u"   "_s, t);
    if (op == u"done"_s)
        return run.markDone(index, t);
    if (op == u"retry"_s)
        return run.retryStep(index, t);
    qFatal("unknown op");
}

struct StepRow
{
    QString state;
    QString outcome;
    QString note;
};

QList<StepRow> readSteps(const Database &db, qint64 runId)
{
    QList<StepRow> rows;
    auto q = db.run(db.dialect().selectRunSteps, {{u"run_id"_s, runId}});
    if (!q)
        return rows;
    while (q->next())
        rows.append(
            StepRow{q->value(2).toString(), q->value(6).toString(), q->value(5).toString()});
    return rows;
}

QString readRunData(const Database &db, qint64 runId)
{
    auto q = db.run(db.dialect().selectRun, {{u"id"_s, runId}});
    if (!q || !q->next())
        return {};
    return q->value(8).toString();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Helper mode: record `passCount` steps as passed, start the next, then wait on stdin
// (the parent kills it; EOF means the parent is gone, so it exits).
int runRecorderHelper(const QString &dbPath, int passCount)
{
    auto db = Database::open(dbPath);
    if (!db)
        return 2;
    RunStore store(*db);
    auto run = store.start(testRunbook(passCount * 3 + 3), u"production"_s, {}, at(0));
    if (!run)
        return 3;
    // Resolve the first passCount steps (and any manual checks right after them), then
    // leave the next command step running.
    int next = 0;
    for (; next < passCount || run->step(next).kind == Step::Kind::Manual; ++next) {
        const QDateTime t = at(1, next % 60);
        if (run->step(next).kind == Step::Kind::Manual) {
            if (!run->markDone(next, t))
                return 4;
        } else if (!run->startStep(next, t) || !run->finishStep(next, passed(), t)) {
            return 5;
        }
    }
    if (!run->startStep(next, at(2)))
        return 6;
    std::printf("running %d\n", next);
    std::fflush(stdout);
    QTextStream in(stdin);
    while (!in.atEnd())
        in.readLine();
    return 0;
}

} // namespace

class TestChecklist : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void transitions_data();
    void transitions();
    void manualStepCannotRun();
    void retryKeepsAttempts();
    void signOff();
    void notesAppend();
    void outputDigestAndMask();
    void currentStepFollows();
    void badIndex();
    void expectations_data();
    void expectations();
    void persistsEveryChange();
    void resumeAfterDrop();
    void secretsNeverStored();
    void loadMissingRun();
    void killedMidRun();
    void reportGolden();
};

void TestChecklist::transitions_data()
{
    QTest::addColumn<QStringList>("setup");
    QTest::addColumn<QString>("op");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<StepState>("after");

    using S = StepState;
    const QList<std::pair<S, QStringList>> from = {
        {S::Pending, {}},
        {S::Running, {u"start"_s}},
        {S::Passed, {u"start"_s, u"pass"_s}},
        {S::Failed, {u"start"_s, u"fail"_s}},
        {S::Skipped, {u"skip"_s}},
        {S::DoneByHand, {u"done"_s}},
        {S::Interrupted, {u"start"_s, u"interrupt"_s}},
    };
    // The allowed moves; everything else must be refused.
    QHash<QString, S> allowed;
    const QList<std::tuple<S, QString, S>> moves = {
        {S::Pending, u"start"_s, S::Running},       {S::Pending, u"skip"_s, S::Skipped},
        {S::Pending, u"done"_s, S::DoneByHand},     {S::Running, u"pass"_s, S::Passed},
        {S::Running, u"fail"_s, S::Failed},         {S::Running, u"interrupt"_s, S::Interrupted},
        {S::Passed, u"retry"_s, S::Pending},        {S::Failed, u"retry"_s, S::Pending},
        {S::Skipped, u"retry"_s, S::Pending},       {S::DoneByHand, u"retry"_s, S::Pending},
        {S::Interrupted, u"retry"_s, S::Pending},   {S::Interrupted, u"skip"_s, S::Skipped},
        {S::Interrupted, u"done"_s, S::DoneByHand},
    };
    for (const auto &[a, op, b] : moves)
        allowed.insert(stepStateName(a) + u'|' + op, b);
    const QStringList ops = {u"start"_s, u"pass"_s, u"fail"_s,           u"interrupt"_s,
                             u"skip"_s,  u"done"_s, u"skip-no-reason"_s, u"retry"_s};
    for (const auto &[state, setup] : from) {
        for (const QString &op : ops) {
            const auto it = allowed.constFind(stepStateName(state) + u'|' + op);
            const bool ok = it != allowed.cend();
            QTest::addRow("%s -> %s", qPrintable(stepStateName(state)), qPrintable(op))
                << setup << op << ok << (ok ? *it : state);
        }
    }
}

void TestChecklist::transitions()
{
    QFETCH(QStringList, setup);
    QFETCH(QString, op);
    QFETCH(bool, ok);
    QFETCH(StepState, after);

    ChecklistRun run = ChecklistRun::create(testRunbook(), u"staging"_s, {}, at(0));
    for (const QString &s : setup)
        QVERIFY(apply(run, 0, s, at(1)).has_value());
    const StepRecord before = run.step(0);

    const auto result = apply(run, 0, op, at(2));
    QCOMPARE(result.has_value(), ok);
    QCOMPARE(stepStateName(run.step(0).state), stepStateName(after));
    if (!ok) {
        QVERIFY(!result.error().code.isEmpty());
        QVERIFY(!result.error().message.isEmpty());
        // A refused change leaves the step exactly as it was.
        QCOMPARE(run.step(0).startedAt, before.startedAt);
        QCOMPARE(run.step(0).finishedAt, before.finishedAt);
        QCOMPARE(run.step(0).reason, before.reason);
        QCOMPARE(run.step(0).attempts.size(), before.attempts.size());
        if (op == u"skip-no-reason"_s && (before.state == StepState::Pending))
            QCOMPARE(result.error().code, u"checklist.reason_required"_s);
    }
}

void TestChecklist::manualStepCannotRun()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(), {}, {}, at(0));
    QCOMPARE(run.step(2).kind, Step::Kind::Manual);
    const auto r = run.startStep(2, at(1));
    QVERIFY(!r);
    QVERIFY(r.error().message.contains(u"manual check"_s));
    QVERIFY(run.markDone(2, at(1)));
    QCOMPARE(run.step(2).state, StepState::DoneByHand);
}

void TestChecklist::retryKeepsAttempts()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(), {}, {}, at(0));
    QVERIFY(run.startStep(0, at(1)));
    QVERIFY(run.finishStep(0, failedResult(), at(2)));
    QVERIFY(!run.startStep(0, at(3))); // a failed step is not simply run again
    QVERIFY(run.retryStep(0, at(3)));
    QVERIFY(run.startStep(0, at(4)));
    QVERIFY(run.finishStep(0, passed(), at(5)));
    QVERIFY(!run.startStep(0, at(6))); // nor is a passed one
    QVERIFY(run.retryStep(0, at(6)));

    const StepRecord s = run.step(0);
    QCOMPARE(s.state, StepState::Pending);
    QCOMPARE(s.attempts.size(), 2);
    QCOMPARE(s.attempts.at(0).state, StepState::Failed);
    QCOMPARE(s.attempts.at(0).startedAt, at(1));
    QCOMPARE(s.attempts.at(0).finishedAt, at(2));
    QCOMPARE(s.attempts.at(0).output.exitStatus, std::optional<int>(3));
    QCOMPARE(s.attempts.at(1).state, StepState::Passed);
    QCOMPARE(s.attempts.at(1).finishedAt, at(5));
}

void TestChecklist::signOff()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(3), {}, {}, at(0));
    auto r = run.signOff(u"Ada"_s, at(1));
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"checklist.unresolved"_s);
    QVERIFY(r.error().detail.contains(u"Step 1"_s));

    QVERIFY(run.startStep(0, at(1)));
    QVERIFY(run.finishStep(0, passed(), at(2)));
    QVERIFY(run.startStep(1, at(2)));
    QCOMPARE(run.signOff(u"Ada"_s, at(3)).error().code, u"checklist.unresolved"_s); // running
    QVERIFY(run.interruptStep(1, u"stopped"_s, at(3)));
    QCOMPARE(run.signOff(u"Ada"_s, at(3)).error().code, u"checklist.unresolved"_s); // interrupted
    QVERIFY(run.skipStep(1, u"endpoint down for maintenance"_s, at(4)));
    QVERIFY(run.markDone(2, at(5)));
    QVERIFY(run.allResolved());

    QCOMPARE(run.signOff(u"  "_s, at(6)).error().code, u"checklist.signoff_name"_s);
    QVERIFY(!run.isSignedOff());
    QVERIFY(run.signOff(u"Ada"_s, at(6)));
    QVERIFY(run.isSignedOff());
    QCOMPARE(run.signedOffBy(), u"Ada"_s);
    QCOMPARE(run.signedOffAt(), at(6));
    QCOMPARE(run.finishedAt(), at(6));

    // A signed-off run is frozen.
    QCOMPARE(run.retryStep(0, at(7)).error().code, u"checklist.signed_off"_s);
    QCOMPARE(run.addNote(0, u"late"_s, at(7)).error().code, u"checklist.signed_off"_s);
    QCOMPARE(run.signOff(u"Bob"_s, at(7)).error().code, u"checklist.signed_off"_s);
    QCOMPARE(run.signedOffBy(), u"Ada"_s);
}

void TestChecklist::notesAppend()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(), {}, {}, at(0));
    QVERIFY(run.addNote(1, u"first"_s, at(1)));
    QVERIFY(run.addNote(1, u"second"_s, at(2)));
    QCOMPARE(run.addNote(1, u"\n "_s, at(3)).error().code, u"checklist.empty_note"_s);
    QCOMPARE(run.step(1).notes.size(), 2);
    QCOMPARE(run.step(1).notes.at(0).text, u"first"_s);
    QCOMPARE(run.step(1).notes.at(1).text, u"second"_s);
    QCOMPARE(run.step(1).notes.at(1).at, at(2));
    QCOMPARE(run.step(1).state, StepState::Pending);
}

void TestChecklist::outputDigestAndMask()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(), {}, {}, at(0));
    QVERIFY(run.startStep(0, at(1)));
    StepResult r = passed();
    QByteArray out = "token=" + kSecret.toUtf8() + "\n";
    out += QByteArray(20000, 'x');
    out += "\nend " + kSecret.toUtf8() + "\n";
    r.output = out;
    r.secretValues = {kSecret};
    QVERIFY(run.finishStep(0, r, at(2)));
    const StepOutput o = run.step(0).output;
    QCOMPARE(o.sha256, QString::fromLatin1(
                           QCryptographicHash::hash(out, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(o.size, out.size());
    QVERIFY(!o.excerpt.contains(kSecret));
    QVERIFY(o.excerpt.startsWith(u"token=•••"_s));
    QVERIFY(o.excerpt.endsWith(u"end •••\n"_s));
    QVERIFY(o.excerpt.size() < ChecklistRun::ExcerptLimit + 100);
    QVERIFY(o.excerpt.contains(u"characters left out"_s));
}

void TestChecklist::currentStepFollows()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(4), {}, {}, at(0));
    QCOMPARE(run.currentStep(), 0);
    QVERIFY(run.skipStep(0, u"n/a"_s, at(1)));
    QCOMPARE(run.currentStep(), 1);
    QVERIFY(run.startStep(3, at(1)));
    QCOMPARE(run.currentStep(), 3);
    QVERIFY(run.finishStep(3, passed(), at(2)));
    QCOMPARE(run.currentStep(), 1); // back to the first open step
    QVERIFY(run.setCurrentStep(2));
    QCOMPARE(run.currentStep(), 2);
}

void TestChecklist::badIndex()
{
    ChecklistRun run = ChecklistRun::create(testRunbook(2), {}, {}, at(0));
    QCOMPARE(run.startStep(5, at(1)).error().code, u"checklist.no_step"_s);
    QCOMPARE(run.skipStep(-1, u"x"_s, at(1)).error().code, u"checklist.no_step"_s);
    QCOMPARE(run.setCurrentStep(2).error().code, u"checklist.no_step"_s);
    QCOMPARE(run.currentStep(), 0);
}

void TestChecklist::expectations_data()
{
    QTest::addColumn<QString>("expect"); // key=value;... of StepExpectations
    QTest::addColumn<int>("exitStatus"); // -1 = not measured
    QTest::addColumn<QString>("output");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<int>("latencyMs");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("pass");
    QTest::addColumn<QString>("reasonHas");

    const QByteArray body = R"({"depth": 42, "status": "ok", "queues": [{"name": "a/b", "n": 3}],
                               "paused": false, "owner": null})";
    QTest::newRow("no expectations, exit 0")
        << u""_s << 0 << u""_s << -1 << -1 << QByteArray() << true << u""_s;
    QTest::newRow("no expectations, exit 1")
        << u""_s << 1 << u""_s << -1 << -1 << QByteArray() << false << u"status 1"_s;
    QTest::newRow("exit expected 2")
        << u"exit=2"_s << 2 << u""_s << -1 << -1 << QByteArray() << true << u""_s;
    QTest::newRow("exit mismatch")
        << u"exit=0"_s << 3 << u""_s << -1 << -1 << QByteArray() << false << u"3; 0 was expected"_s;
    QTest::newRow("exit not measured")
        << u"exit=0"_s << -1 << u""_s << -1 << -1 << QByteArray() << false << u"reported none"_s;
    QTest::newRow("regex match") << u"regex=200 OK"_s << 0 << u"HTTP/1.1 200 OK\n"_s << -1 << -1
                                 << QByteArray() << true << u""_s;
    QTest::newRow("regex multiline") << u"regex=^active$"_s << 0 << u"x\nactive\ny"_s << -1 << -1
                                     << QByteArray() << true << u""_s;
    QTest::newRow("regex miss") << u"regex=200 OK"_s << 0 << u"HTTP/1.1 502\n"_s << -1 << -1
                                << QByteArray() << false << u"does not match"_s;
    QTest::newRow("regex invalid") << u"regex=(unclosed"_s << 0 << u"x"_s << -1 << -1
                                   << QByteArray() << false << u"not a valid regular"_s;
    QTest::newRow("http default 2xx")
        << u""_s << -1 << u""_s << 204 << -1 << QByteArray() << true << u""_s;
    QTest::newRow("http default 500")
        << u""_s << -1 << u""_s << 500 << -1 << QByteArray() << false << u"HTTP 500"_s;
    QTest::newRow("http expected 401")
        << u"http=401"_s << -1 << u""_s << 401 << -1 << QByteArray() << true << u""_s;
    QTest::newRow("http mismatch")
        << u"http=200"_s << -1 << u""_s << 503 << -1 << QByteArray() << false << u"503"_s;
    QTest::newRow("http none") << u"http=200"_s << -1 << u""_s << -1 << -1 << QByteArray() << false
                               << u"no response"_s;
    QTest::newRow("latency ok") << u"latency=500"_s << -1 << u""_s << 200 << 500 << QByteArray()
                                << true << u""_s;
    QTest::newRow("latency over") << u"latency=500"_s << -1 << u""_s << 200 << 501 << QByteArray()
                                  << false << u"501 ms"_s;
    QTest::newRow("latency unmeasured")
        << u"latency=500"_s << -1 << u""_s << 200 << -1 << QByteArray() << false << u"no time"_s;
    QTest::newRow("json <") << u"json=/depth < 50"_s << -1 << u""_s << 200 << -1 << body << true
                            << u""_s;
    QTest::newRow("json < fails") << u"json=/depth < 40"_s << -1 << u""_s << 200 << -1 << body
                                  << false << u"but it is 42"_s;
    QTest::newRow("json <=") << u"json=/depth <= 42"_s << -1 << u""_s << 200 << -1 << body << true
                             << u""_s;
    QTest::newRow("json >") << u"json=/depth > 42"_s << -1 << u""_s << 200 << -1 << body << false
                            << u"Expected /depth > 42"_s;
    QTest::newRow("json >=") << u"json=/depth >= 42"_s << -1 << u""_s << 200 << -1 << body << true
                             << u""_s;
    QTest::newRow("json == string")
        << u"json=/status == \"ok\""_s << -1 << u""_s << 200 << -1 << body << true << u""_s;
    QTest::newRow("json != string")
        << u"json=/status != \"ok\""_s << -1 << u""_s << 200 << -1 << body << false << u"\"ok\""_s;
    QTest::newRow("json == false")
        << u"json=/paused == false"_s << -1 << u""_s << 200 << -1 << body << true << u""_s;
    QTest::newRow("json == null") << u"json=/owner == null"_s << -1 << u""_s << 200 << -1 << body
                                  << true << u""_s;
    QTest::newRow("json array and escape")
        << u"json=/queues/0/n == 3"_s << -1 << u""_s << 200 << -1 << body << true << u""_s;
    QTest::newRow("json missing member") << u"json=/nope < 5"_s << -1 << u""_s << 200 << -1 << body
                                         << false << u"no value at /nope"_s;
    QTest::newRow("json type mismatch") << u"json=/status < 5"_s << -1 << u""_s << 200 << -1 << body
                                        << false << u"cannot be compared"_s;
    QTest::newRow("json bad expr")
        << u"json=depth lt 5"_s << -1 << u""_s << 200 << -1 << body << false << u"cannot be read"_s;
    QTest::newRow("json bad value") << u"json=/depth < fifty"_s << -1 << u""_s << 200 << -1 << body
                                    << false << u"is not a number"_s;
    QTest::newRow("json bad body") << u"json=/depth < 50"_s << -1 << u""_s << 200 << -1
                                   << QByteArray("{oops") << false << u"not JSON"_s;
    QTest::newRow("json && all hold")
        << u"json=/depth < 50 && /status == \"ok\" && /paused == false"_s << -1 << u""_s << 200
        << -1 << body << true << u""_s;
    QTest::newRow("json && second fails")
        << u"json=/depth < 50 && /queues/0/n > 3"_s << -1 << u""_s << 200 << -1 << body << false
        << u"Expected /queues/0/n > 3"_s;
    QTest::newRow("json && inside a string")
        << u"json=/status != \"a && b\""_s << -1 << u""_s << 200 << -1 << body << true << u""_s;
    QTest::newRow("json && empty clause") << u"json=/depth < 50 &&"_s << -1 << u""_s << 200 << -1
                                          << body << false << u"cannot be read"_s;
    QTest::newRow("all at once") << u"exit=0;regex=ok;latency=100"_s << 0 << u"all ok"_s << -1 << 20
                                 << QByteArray() << true << u""_s;
}

void TestChecklist::expectations()
{
    QFETCH(QString, expect);
    QFETCH(int, exitStatus);
    QFETCH(QString, output);
    QFETCH(int, httpStatus);
    QFETCH(int, latencyMs);
    QFETCH(QByteArray, json);
    QFETCH(bool, pass);
    QFETCH(QString, reasonHas);

    StepExpectations e;
    for (const QString &part : expect.split(u';', Qt::SkipEmptyParts)) {
        const QString key = part.section(u'=', 0, 0);
        const QString value = part.section(u'=', 1);
        if (key == u"exit"_s)
            e.exitCode = value.toInt();
        else if (key == u"regex"_s)
            e.regex = value;
        else if (key == u"http"_s)
            e.httpStatus = value.toInt();
        else if (key == u"latency"_s)
            e.latencyMs = value.toInt();
        else if (key == u"json"_s)
            e.jsonPointerExpr = value;
    }
    const auto opt = [](int v) {
        return v < 0 ? std::nullopt : std::optional<int>(v);
    };
    const ExpectationResult r =
        evaluateExpectations(e, opt(exitStatus), output, opt(httpStatus), opt(latencyMs), json);
    QVERIFY2(r.passed == pass, qPrintable(r.reason));
    if (pass)
        QVERIFY(r.reason.isEmpty());
    else
        QVERIFY2(r.reason.contains(reasonHas), qPrintable(r.reason));
}

void TestChecklist::persistsEveryChange()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"runs.sqlite"_s);
    auto db = Database::open(path);
    QVERIFY(db);
    auto reader = Database::open(path); // another handle: what another process would see
    QVERIFY(reader);

    RunStore store(*db);
    auto run = store.start(testRunbook(3), u"production"_s, {}, at(0));
    QVERIFY2(run, qPrintable(run ? QString() : run.error().toString()));
    QVERIFY(run->runId() > 0);
    QVERIFY(run->isAttached());
    const qint64 id = run->runId();

    auto states = [&] {
        QStringList out;
        for (const StepRow &r : readSteps(**reader, id))
            out.append(r.state);
        return out;
    };
    QCOMPARE(states(), (QStringList{u"pending"_s, u"pending"_s, u"pending"_s}));
    QVERIFY(run->startStep(0, at(1)));
    QCOMPARE(states().at(0), u"running"_s);
    QVERIFY(run->finishStep(0, passed("all good\n"), at(2)));
    QCOMPARE(states().at(0), u"passed"_s);
    QVERIFY(readSteps(**reader, id).at(0).outcome.contains(u"all good"_s));
    QVERIFY(readRunData(**reader, id).contains(u"\"current_step\":1"_s));
    QVERIFY(run->addNote(1, u"slow today"_s, at(3)));
    QCOMPARE(readSteps(**reader, id).at(1).note, u"slow today"_s);
    QVERIFY(run->skipStep(1, u"API key rotated"_s, at(4)));
    QCOMPARE(states().at(1), u"skipped"_s);
    QVERIFY(readSteps(**reader, id).at(1).outcome.contains(u"API key rotated"_s));
    QVERIFY(run->markDone(2, at(5)));
    QCOMPARE(states().at(2), u"done-by-hand"_s);

    auto unfinished = RunStore(*reader).unfinishedRuns();
    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 1);
    QCOMPARE(unfinished->at(0).runId, id);
    QCOMPARE(unfinished->at(0).runbookTitle, u"Daily checks"_s);

    // A refused change writes nothing.
    QVERIFY(!run->startStep(0, at(6)));
    QCOMPARE(states().at(0), u"passed"_s);

    QVERIFY(run->signOff(u"Ada"_s, at(7)));
    QVERIFY(readRunData(**reader, id).contains(u"\"signed_off_by\":\"Ada\""_s));
    unfinished = RunStore(*reader).unfinishedRuns();
    QVERIFY(unfinished);
    QVERIFY(unfinished->isEmpty());

    // What is read back is what was written.
    auto loaded = RunStore(*reader).load(id);
    QVERIFY(loaded);
    QCOMPARE(loaded->signedOffBy(), u"Ada"_s);
    QCOMPARE(loaded->step(0).output.excerpt, u"all good\n"_s);
    QCOMPARE(loaded->step(1).reason, u"API key rotated"_s);
    QCOMPARE(loaded->step(1).notes.at(0).at, at(3));
    QCOMPARE(loaded->runbookContentHash(), ChecklistRun::contentHash(testRunbook(3)));
}

void TestChecklist::resumeAfterDrop()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"runs.sqlite"_s);
    qint64 id = 0;
    {
        auto db = Database::open(path);
        QVERIFY(db);
        RunStore store(*db);
        auto run = store.start(testRunbook(4), u"production"_s,
                               {{u"malicious-ip"_s, false, u"203.0.113.9"_s}}, at(0));
        QVERIFY(run);
        id = run->runId();
        QVERIFY(run->startStep(0, at(1)));
        QVERIFY(run->finishStep(0, passed(), at(2)));
        QVERIFY(run->retryStep(0, at(3)));
        QVERIFY(run->startStep(0, at(3)));
        QVERIFY(run->finishStep(0, passed("second\n"), at(4)));
        QVERIFY(run->addNote(0, u"retried after deploy"_s, at(4)));
        QVERIFY(run->startStep(1, at(5)));
        // Everything is dropped here while step 2 is running, as in a crash.
    }
    auto db = Database::open(path);
    QVERIFY(db);
    RunStore store(*db);
    auto unfinished = store.unfinishedRuns();
    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 1);
    QCOMPARE(unfinished->at(0).currentStep, 1);

    auto run = store.load(id, at(30));
    QVERIFY(run);
    QCOMPARE(run->step(0).state, StepState::Passed);
    QCOMPARE(run->step(0).output.excerpt, u"second\n"_s);
    QCOMPARE(run->step(0).attempts.size(), 1);
    QCOMPARE(run->step(0).notes.size(), 1);
    QCOMPARE(run->step(1).state, StepState::Interrupted);
    QCOMPARE(run->step(1).startedAt, at(5));
    QCOMPARE(run->step(1).finishedAt, at(30));
    QVERIFY(run->step(1).reason.contains(u"outcome is unknown"_s));
    QCOMPARE(run->step(2).state, StepState::Pending);
    QCOMPARE(run->parameters().at(0).value, u"203.0.113.9"_s);
    QCOMPARE(run->currentStep(), 1);

    // The interruption is stored: another load finds it as it is, not Running.
    auto again = RunStore(*db).load(id, at(40));
    QVERIFY(again);
    QCOMPARE(again->step(1).state, StepState::Interrupted);
    QCOMPARE(again->step(1).finishedAt, at(30));

    // And the resumed run carries on.
    QVERIFY(run->retryStep(1, at(41)));
    QVERIFY(run->startStep(1, at(41)));
    QVERIFY(run->finishStep(1, passed(), at(42)));
    auto third = RunStore(*db).load(id);
    QVERIFY(third);
    QCOMPARE(third->step(1).state, StepState::Passed);
    QCOMPARE(third->step(1).attempts.at(0).state, StepState::Interrupted);
}

void TestChecklist::secretsNeverStored()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"runs.sqlite"_s);
    {
        auto db = Database::open(path);
        QVERIFY(db);
        RunStore store(*db);
        auto run = store.start(testRunbook(3), u"production"_s,
                               {{u"PTR_XXX"_s, true, u"pilothouse/echopilot/ptr"_s}}, at(0));
        QVERIFY(run);
        QVERIFY(run->startStep(0, at(1)));
        StepResult r = failedResult();
        r.output = "Authorization: Bearer " + kSecret.toUtf8() + "\n";
        r.reason = u"rejected key "_s + kSecret;
        r.secretValues = {kSecret};
        QVERIFY(run->finishStep(0, r, at(2)));
        QVERIFY(run->step(0).output.excerpt.contains(u"Bearer •••"_s));

        auto loaded = store.load(run->runId());
        QVERIFY(loaded);
        QCOMPARE(loaded->parameters().at(0).secret, true);
        QCOMPARE(loaded->parameters().at(0).value, u"pilothouse/echopilot/ptr"_s);
    }
    QByteArray bytes = readAll(path) + readAll(path + u"-wal"_s);
    QVERIFY(bytes.size() > 0);
    QVERIFY(bytes.contains("pilothouse/echopilot/ptr"));
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
}

void TestChecklist::loadMissingRun()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(u"runs.sqlite"_s));
    QVERIFY(db);
    auto r = RunStore(*db).load(4242);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"checklist.no_run"_s);
    QVERIFY(r.error().message.contains(u"4242"_s));
}

void TestChecklist::killedMidRun()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"runs.sqlite"_s);
    {
        auto init = Database::open(path); // created and migrated before the child starts
        QVERIFY(init);
    }
    const int passCount = 5;
    QProcess child;
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({u"--record-helper"_s, path, QString::number(passCount)});
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start();
    QVERIFY(child.waitForStarted());
    const qint64 pid = child.processId();

    auto reader = Database::open(path);
    QVERIFY(reader);
    // Synchronise on what the child has written: the run exists with a running step after
    // the passed ones (each passing step is "running" for a moment too).
    auto runningStep = [&]() -> int {
        auto q = (*reader)->run((*reader)->dialect().selectUnfinishedRuns);
        if (!q || !q->next())
            return -1;
        const QList<StepRow> rows = readSteps(**reader, q->value(0).toLongLong());
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i).state == u"running"_s)
                return i;
        }
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(runningStep() >= passCount, 30000);
    QVERIFY(child.state() == QProcess::Running);
    const int running = runningStep();

    ::kill(pid_t(pid), SIGKILL);
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    auto unfinished = RunStore(*reader).unfinishedRuns();
    QVERIFY(unfinished);
    QCOMPARE(unfinished->size(), 1);
    auto run = RunStore(*reader).load(unfinished->at(0).runId);
    QVERIFY(run);
    int resolved = 0;
    for (int i = 0; i < running; ++i) {
        QVERIFY2(run->step(i).state == StepState::Passed ||
                     run->step(i).state == StepState::DoneByHand,
                 qPrintable(stepStateName(run->step(i).state)));
        if (run->step(i).state == StepState::Passed)
            QCOMPARE(run->step(i).output.excerpt, u"ok\n"_s);
        ++resolved;
    }
    QVERIFY(resolved >= passCount);
    QCOMPARE(run->step(running).state, StepState::Interrupted);
    for (int i = running + 1; i < run->stepCount(); ++i)
        QCOMPARE(run->step(i).state, StepState::Pending);
}

void TestChecklist::reportGolden()
{
    Runbook rb = testRunbook(4);
    rb.sections[0].steps[0].command = u"curl -H 'X-Dash-Key: "_s + kSecret + u"' localhost"_s;
    ChecklistRun run = ChecklistRun::create(rb, u"production"_s,
                                            {{u"malicious-ip"_s, false, u"203.0.113.9"_s},
                                             {u"PTR_XXX"_s, true, u"pilothouse/echopilot/ptr"_s}},
                                            at(0));
    QVERIFY(run.startStep(0, at(1)));
    StepResult first = failedResult();
    first.output = "key " + kSecret.toUtf8() + " refused\n";
    first.secretValues = {kSecret};
    QVERIFY(run.finishStep(0, first, at(1, 30)));
    QVERIFY(run.retryStep(0, at(2)));
    QVERIFY(run.startStep(0, at(2)));
    QVERIFY(run.finishStep(0, passed("active\n```\n"), at(2, 4)));
    QVERIFY(run.addNote(0, u"the operator pasted "_s + kSecret + u" here by mistake"_s, at(3)));
    QVERIFY(run.skipStep(1, u"API under maintenance"_s, at(4)));
    QVERIFY(run.markDone(2, at(5)));
    QVERIFY(run.startStep(3, at(6)));
    QVERIFY(run.interruptStep(3, u"Pilothouse stopped"_s, at(7)));
    QVERIFY(run.markDone(3, at(8)));
    QVERIFY(run.signOff(u"Ada Lovelace"_s, at(10)));

    const QString md = RunReport::toMarkdown(run, rb, u"9c1e0f…head"_s, {kSecret});
    QVERIFY(!md.contains(kSecret));
    QVERIFY(md.contains(u"•••"_s));
    QVERIFY(md.contains(u"9c1e0f…head"_s));
    QCOMPARE(RunReport::toMarkdown(run, rb, u"9c1e0f…head"_s, {kSecret}), md); // deterministic

    const QString golden =
        QStringLiteral(PILOTHOUSE_SOURCE_DIR) + u"/tests/unit/checklist/golden/report.md"_s;
    if (qEnvironmentVariableIsSet("PILOTHOUSE_UPDATE_GOLDEN")) {
        QFile f(golden);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(md.toUtf8());
    }
    QCOMPARE(md, QString::fromUtf8(readAll(golden)));
}

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--record-helper") == 0) {
        QCoreApplication app(argc, argv);
        return runRecorderHelper(QString::fromLocal8Bit(argv[2]), atoi(argv[3]));
    }
    QCoreApplication app(argc, argv);
    TestChecklist tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_checklist.moc"
