// SPDX-License-Identifier: GPL-3.0-or-later
// The parts of StepRunner that need no server: resolution, substitution, jq paths, and the
// refusals that happen before anything connects.
#include "audit/auditlog.h"
#include "checklist/checklistrun.h"
#include "checklist/steprunner.h"
#include "runbooks/runbookparser.h"
#include "storage/database.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

Workspace sampleWorkspace()
{
    Workspace ws;
    ws.name = u"Test"_s;
    ws.environments = {Environment{u"production"_s, true}, Environment{u"staging"_s, false}};
    Service echo;
    echo.name = u"echopilot"_s;
    echo.environment = u"production"_s;
    echo.profile = u"echopilot"_s;
    echo.baseUrl = QUrl(u"http://127.0.0.1:5000/"_s);
    echo.dashboardKeyRef = u"echopilot-dash-key"_s;
    echo.host = u"app-host"_s;
    echo.workingDirectory = u"/srv/echopilot"_s;
    Service staging = echo;
    staging.name = u"echopilot-staging"_s;
    staging.environment = u"staging"_s;
    staging.host = u"staging-host"_s;
    staging.workingDirectory = u"/srv/staging"_s;
    staging.baseUrl = QUrl(u"http://127.0.0.1:6000"_s);
    Service engine;
    engine.name = u"engine-prod"_s;
    engine.environment = u"production"_s;
    engine.profile = u"botcore"_s;
    engine.component = u"rust-core-engine"_s;
    engine.baseUrl = QUrl(u"http://127.0.0.1:8080"_s);
    engine.via = u"app-host"_s;
    ws.services = {echo, staging, engine};
    Host app;
    app.name = u"app-host"_s;
    app.address = u"127.0.0.1"_s;
    app.port = 1; // nothing listens: a test that connected by mistake fails fast
    app.user = u"ops"_s;
    Host other = app;
    other.name = u"db-host"_s;
    Host stage = app;
    stage.name = u"staging-host"_s;
    ws.hosts = {app, other, stage};
    ws.settings.scratchTargets = {u"bot_core_test"_s};
    return ws;
}

Runbook parse(const QByteArray &markdown)
{
    auto parsed = RunbookParser::parse(markdown, u"test.md"_s);
    if (!parsed)
        qFatal("runbook did not parse");
    return *parsed;
}

const QByteArray kRunbook = "---\n"
                            "title: Step runner test\n"
                            "service: echopilot\n"
                            "environment: production\n"
                            "---\n"
                            "# Test\n"
                            "## Steps\n"
                            "Look at the logs.\n\n"
                            "```bash\n"
                            "tail -5 logs/<logfile>\n"
                            "```\n\n"
                            "Stop the workers.\n\n"
                            "```bash\n"
                            "pkill -f gunicorn\n"
                            "```\n\n"
                            "- [ ] Looked at the dashboard\n";

} // namespace

class TestStepRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jqPath_data();
    void jqPath();
    void extractValue_data();
    void extractValue();
    void workingDirectory_data();
    void workingDirectory();
    void findService();
    void resolveCommandHostAndCwd_data();
    void resolveCommandHostAndCwd();
    void resolveCommandSecretsStayOutOfDisplay();
    void resolveCommandErrors_data();
    void resolveCommandErrors();
    void resolveHttp();
    void resolveHttpThroughVia();
    void resolveHttpErrors_data();
    void resolveHttpErrors();
    void destructive_data();
    void destructive();
    void confirmation_data();
    void confirmation();
    void manualStepIsRefused();
    void destructiveWithoutConfirmationRunsNothing();
    void missingParameterIsRefused();
};

void TestStepRunner::jqPath_data()
{
    QTest::addColumn<QString>("jq");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("root") << u"."_s << true << u""_s;
    QTest::newRow("field") << u".status"_s << true << u"/status"_s;
    QTest::newRow("quoted filter") << u"'.status'"_s << true << u"/status"_s;
    QTest::newRow("nested") << u".a.b"_s << true << u"/a/b"_s;
    QTest::newRow("index") << u".items[0].name"_s << true << u"/items/0/name"_s;
    QTest::newRow("top index") << u".[2]"_s << true << u"/2"_s;
    QTest::newRow("quoted key") << u".[\"x y\"]"_s << true << u"/x y"_s;
    QTest::newRow("escaped key") << u".[\"a/b~c\"]"_s << true << u"/a~1b~0c"_s;
    QTest::newRow("optional") << u".a?.b"_s << true << u"/a/b"_s;
    QTest::newRow("pipe") << u".a | length"_s << false << QString();
    QTest::newRow("no dot") << u"status"_s << false << QString();
    QTest::newRow("open bracket") << u".a[0"_s << false << QString();
    QTest::newRow("function") << u".items|map(.x)"_s << false << QString();
    QTest::newRow("negative index") << u".a[-1]"_s << false << QString();
}

void TestStepRunner::jqPath()
{
    QFETCH(QString, jq);
    QFETCH(bool, ok);
    QFETCH(QString, pointer);
    const auto result = StepRunner::jqPathToPointer(jq);
    QCOMPARE(result.has_value(), ok);
    if (ok) {
        QCOMPARE(*result, pointer);
    } else {
        QCOMPARE(result.error().code, u"checklist.jq"_s);
        QVERIFY2(result.error().message.contains(jq), qPrintable(result.error().message));
    }
}

void TestStepRunner::extractValue_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("value");
    const QByteArray body =
        "{\"status\":\"ok\",\"depth\":12,\"rate\":34.5,\"up\":true,\"list\":[1,2]}";
    QTest::newRow("string") << body << u"/status"_s << true << QByteArray("\"ok\"");
    QTest::newRow("int") << body << u"/depth"_s << true << QByteArray("12");
    QTest::newRow("double") << body << u"/rate"_s << true << QByteArray("34.5");
    QTest::newRow("bool") << body << u"/up"_s << true << QByteArray("true");
    QTest::newRow("element") << body << u"/list/1"_s << true << QByteArray("2");
    QTest::newRow("missing") << body << u"/nope"_s << true << QByteArray("null");
    QTest::newRow("array") << body << u"/list"_s << true << QByteArray("[\n    1,\n    2\n]");
    QTest::newRow("not json") << QByteArray("<html>") << u"/status"_s << false << QByteArray();
}

void TestStepRunner::extractValue()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, pointer);
    QFETCH(bool, ok);
    QFETCH(QByteArray, value);
    const auto result = StepRunner::extractJsonValue(body, pointer);
    QCOMPARE(result.has_value(), ok);
    if (ok)
        QCOMPARE(*result, value);
    else
        QCOMPARE(result.error().code, u"checklist.json"_s);
}

void TestStepRunner::workingDirectory_data()
{
    QTest::addColumn<QString>("dir");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QString() << u"ls"_s << u"ls"_s;
    QTest::newRow("plain") << u"/opt/bot-core"_s << u"docker-compose ps"_s
                           << u"cd '/opt/bot-core' && docker-compose ps"_s;
    QTest::newRow("space and quote")
        << u"/srv/it's here"_s << u"ls"_s << u"cd '/srv/it'\\''s here' && ls"_s;
    QTest::newRow("home") << u"~/app"_s << u"ls"_s << u"cd ~/'app' && ls"_s;
    QTest::newRow("multi-line") << u"/srv"_s << u"a\nb"_s << u"cd '/srv' || exit 1\na\nb"_s;
}

void TestStepRunner::workingDirectory()
{
    QFETCH(QString, dir);
    QFETCH(QString, command);
    QFETCH(QString, expected);
    QCOMPARE(StepRunner::withWorkingDirectory(dir, command), expected);
}

void TestStepRunner::findService()
{
    const Workspace ws = sampleWorkspace();
    const Service *s = StepRunner::findService(ws, u"echopilot"_s, u"production"_s);
    QVERIFY(s);
    QCOMPARE(s->name, u"echopilot"_s);
    // By profile in another environment: the staging deployment, not production's.
    s = StepRunner::findService(ws, u"echopilot"_s, u"staging"_s);
    QVERIFY(s);
    QCOMPARE(s->name, u"echopilot-staging"_s);
    s = StepRunner::findService(ws, u"rust-core-engine"_s, u"production"_s);
    QVERIFY(s);
    QCOMPARE(s->name, u"engine-prod"_s);
    QVERIFY(!StepRunner::findService(ws, u"rust-core-engine"_s, u"staging"_s));
    QVERIFY(!StepRunner::findService(ws, QString(), u"production"_s));
}

void TestStepRunner::resolveCommandHostAndCwd_data()
{
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("cwd");
    QTest::addColumn<QString>("expectedHost");
    QTest::addColumn<QString>("expectedRemote");
    QTest::newRow("service defaults") << u"production"_s << QString() << QString() << u"app-host"_s
                                      << u"cd '/srv/echopilot' && uptime"_s;
    QTest::newRow("staging service") << u"staging"_s << QString() << QString() << u"staging-host"_s
                                     << u"cd '/srv/staging' && uptime"_s;
    QTest::newRow("step host") << u"production"_s << u"db-host"_s << QString() << u"db-host"_s
                               << u"cd '/srv/echopilot' && uptime"_s;
    QTest::newRow("step cwd") << u"production"_s << QString() << u"/tmp/<dir>"_s << u"app-host"_s
                              << u"cd '/tmp/work' && uptime"_s;
    QTest::newRow("relative cwd") << u"production"_s << QString() << u"scripts/<dir>"_s
                                  << u"app-host"_s
                                  << u"cd '/srv/echopilot/scripts/work' && uptime"_s;
    QTest::newRow("home cwd") << u"production"_s << QString() << u"~/<dir>"_s << u"app-host"_s
                              << u"cd ~/'work' && uptime"_s;
}

void TestStepRunner::resolveCommandHostAndCwd()
{
    QFETCH(QString, env);
    QFETCH(QString, host);
    QFETCH(QString, cwd);
    QFETCH(QString, expectedHost);
    QFETCH(QString, expectedRemote);
    const Runbook rb = parse(kRunbook);
    Step step;
    step.kind = Step::Kind::Command;
    step.command = u"uptime"_s;
    step.host = host;
    step.cwd = cwd;
    const auto r =
        StepRunner::resolveCommand(sampleWorkspace(), rb, step, env, {{u"dir"_s, u"work"_s}});
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->hostName, expectedHost);
    QCOMPARE(r->host.name, expectedHost);
    QCOMPARE(r->remoteCommand, expectedRemote);
}

void TestStepRunner::resolveCommandSecretsStayOutOfDisplay()
{
    const Runbook rb = parse(kRunbook);
    Step step;
    step.kind = Step::Kind::Command;
    step.command = u"docker-compose logs <service> | grep <token> | grep PTR_XXX"_s;
    const QMap<QString, QString> values{
        {u"service"_s, u"api"_s}, {u"token"_s, u"s3cret-value"_s}, {u"PTR_XXX"_s, u"PTR_042"_s}};
    const auto r = StepRunner::resolveCommand(sampleWorkspace(), rb, step, u"production"_s, values,
                                              {u"token"_s});
    QVERIFY(r);
    QCOMPARE(r->command, u"docker-compose logs api | grep s3cret-value | grep PTR_042"_s);
    QCOMPARE(r->displayCommand, u"docker-compose logs api | grep <token> | grep PTR_042"_s);
    QVERIFY(!r->displayCommand.contains(u"s3cret"_s));
    QCOMPARE(r->secretValues, QStringList{u"s3cret-value"_s});
    QVERIFY(r->remoteCommand.endsWith(r->command));
}

void TestStepRunner::resolveCommandErrors_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown host") << kRunbook << u"nowhere"_s << QString() << u"checklist.no_host"_s
                                  << u"nowhere"_s;
    QTest::newRow("group without hosts") << kRunbook << QString() << u"no-such-group"_s
                                         << u"checklist.empty_group"_s << u"no-such-group"_s;
    QTest::newRow("no service, no host") << QByteArray("# T\n\n```bash\nls\n```\n") << QString()
                                         << QString() << u"checklist.no_host"_s << u"host="_s;
}

void TestStepRunner::resolveCommandErrors()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QString, host);
    QFETCH(QString, group);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    Step step;
    step.kind = Step::Kind::Command;
    step.command = u"ls"_s;
    step.host = host;
    step.group = group;
    const auto r =
        StepRunner::resolveCommand(sampleWorkspace(), parse(markdown), step, u"production"_s, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(mentions), qPrintable(r.error().message));
}

void TestStepRunner::resolveHttp()
{
    const Runbook rb = parse(kRunbook);
    Step step;
    step.kind = Step::Kind::Http;
    step.http.service = u"echopilot"_s;
    step.http.path = u"/api/partners/dashboard?partner_id=PTR_XXX"_s;
    step.http.needsKey = true;
    step.http.jq = u".earnings"_s;
    auto r = StepRunner::resolveHttp(sampleWorkspace(), rb, step, u"production"_s,
                                     {{u"PTR_XXX"_s, u"PTR_001"_s}});
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->serviceName, u"echopilot"_s);
    QCOMPARE(r->url, QUrl(u"http://127.0.0.1:5000/api/partners/dashboard?partner_id=PTR_001"_s));
    QCOMPARE(r->keyRef, u"echopilot-dash-key"_s);
    QCOMPARE(r->jqPointer, u"/earnings"_s);
    QCOMPARE(r->method, u"GET"_s);

    // The same step in staging goes to the staging deployment.
    r = StepRunner::resolveHttp(sampleWorkspace(), rb, step, u"staging"_s,
                                {{u"PTR_XXX"_s, u"PTR_001"_s}});
    QVERIFY(r);
    QCOMPARE(r->url.port(), 6000);
}

void TestStepRunner::resolveHttpThroughVia()
{
    // A service behind a host resolves to its real URL; the runner adds the tunnel.
    Runbook rb = parse(kRunbook);
    rb.service = u"rust-core-engine"_s;
    Step step;
    step.kind = Step::Kind::Http;
    step.http.path = u"/api/health"_s;
    const auto r = StepRunner::resolveHttp(sampleWorkspace(), rb, step, u"production"_s, {});
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QVERIFY(!r->via.isEmpty());
    QCOMPARE(r->url.path(), u"/api/health"_s);
}

void TestStepRunner::resolveHttpErrors_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("env");
    QTest::addColumn<bool>("dropKeyRef");
    QTest::addColumn<QString>("jq");
    QTest::addColumn<QString>("code");
    QTest::newRow("no service in env")
        << u"rust-core-engine"_s << u"staging"_s << false << QString() << u"checklist.no_service"_s;
    QTest::newRow("no key ref") << u"echopilot"_s << u"production"_s << true << QString()
                                << u"checklist.no_key"_s;
    QTest::newRow("bad jq") << u"echopilot"_s << u"production"_s << false << u".a | keys"_s
                            << u"checklist.jq"_s;
}

void TestStepRunner::resolveHttpErrors()
{
    QFETCH(QString, service);
    QFETCH(QString, env);
    QFETCH(bool, dropKeyRef);
    QFETCH(QString, jq);
    QFETCH(QString, code);
    Workspace ws = sampleWorkspace();
    if (dropKeyRef) {
        for (Service &s : ws.services)
            s.dashboardKeyRef.clear();
    }
    Runbook rb = parse(kRunbook);
    rb.service = service;
    Step step;
    step.kind = Step::Kind::Http;
    step.http.service = service;
    step.http.path = u"/api/queue/status"_s;
    step.http.needsKey = true;
    step.http.jq = jq;
    const auto r = StepRunner::resolveHttp(ws, rb, step, env, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
}

void TestStepRunner::destructive_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("marked");
    QTest::addColumn<bool>("destructive");
    QTest::newRow("read only") << u"docker-compose ps"_s << false << false;
    QTest::newRow("marked") << u"echo hi"_s << true << true;
    QTest::newRow("classifier") << u"pkill -f gunicorn"_s << false << true;
    QTest::newRow("after substitution") << u"docker-compose restart api"_s << false << true;
}

void TestStepRunner::destructive()
{
    QFETCH(QString, command);
    QFETCH(bool, marked);
    QFETCH(bool, destructive);
    Step step;
    step.kind = Step::Kind::Command;
    step.command = command;
    step.destructive = marked;
    const QStringList reasons = StepRunner::destructiveReasons(step, command, {});
    QCOMPARE(!reasons.isEmpty(), destructive);
}

void TestStepRunner::confirmation_data()
{
    QTest::addColumn<int>("by");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("ok");
    QTest::newRow("none") << int(ConfirmedBy::None) << u"production"_s << false;
    QTest::newRow("flag env") << int(ConfirmedBy::Flag) << u"production"_s << true;
    QTest::newRow("flag other env") << int(ConfirmedBy::Flag) << u"staging"_s << false;
    QTest::newRow("typed host") << int(ConfirmedBy::TypedName) << u"app-host"_s << true;
    QTest::newRow("empty") << int(ConfirmedBy::Dialog) << QString() << false;
}

void TestStepRunner::confirmation()
{
    QFETCH(int, by);
    QFETCH(QString, token);
    QFETCH(bool, ok);
    QCOMPARE(StepRunner::confirms(StepConfirmation{ConfirmedBy(by), token}, u"production"_s,
                                  u"app-host"_s),
             ok);
}

void TestStepRunner::manualStepIsRefused()
{
    const Runbook rb = parse(kRunbook);
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    runner.setWorkspace(sampleWorkspace());
    runner.setRunbook(rb);
    QSignalSpy failed(&runner, &StepRunner::failed);
    QSignalSpy finished(&runner, &StepRunner::stepFinished);
    QCOMPARE(run.step(2).kind, Step::Kind::Manual);
    QVERIFY(runner.run(run, 2));
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.first().at(0).toInt(), 2);
    QCOMPARE(failed.first().at(1).value<Error>().code, u"checklist.manual"_s);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(run.step(2).state, StepState::Pending);
}

void TestStepRunner::destructiveWithoutConfirmationRunsNothing()
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(u"t.sqlite"_s));
    QVERIFY(db);
    const AuditLog log(*db, QByteArray(32, 'k'));
    const Runbook rb = parse(kRunbook);
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    runner.setWorkspace(sampleWorkspace());
    runner.setRunbook(rb);
    runner.setAuditLog(*db, QByteArray(32, 'k'));
    QSignalSpy failed(&runner, &StepRunner::failed);
    QVERIFY(runner.confirmationReasons(run, 0).isEmpty());
    QVERIFY(!runner.confirmationReasons(run, 1).isEmpty());
    QVERIFY(runner.confirmationReasons(run, 2).isEmpty());

    for (const StepConfirmation &c :
         {StepConfirmation{}, StepConfirmation{ConfirmedBy::Flag, u"staging"_s}}) {
        failed.clear();
        QVERIFY(runner.run(run, 1, c));
        QVERIFY(failed.wait(5000));
        const Error error = failed.first().at(1).value<Error>();
        QCOMPARE(error.code, u"checklist.needs_confirmation"_s);
        QVERIFY2(error.message.contains(u"production"_s), qPrintable(error.message));
        QCOMPARE(run.step(1).state, StepState::Pending);
        QVERIFY(!runner.isBusy());
    }
    // Both refusals are in the audit log, with the command as it would have run.
    auto records = log.query();
    QVERIFY(records);
    QCOMPARE(records->size(), 2);
    for (const AuditRecord &r : *records) {
        QCOMPARE(r.event.kind, AuditKind::Refusal);
        QCOMPARE(r.event.command, u"pkill -f gunicorn"_s);
        QCOMPARE(r.event.host, u"app-host"_s);
        QCOMPARE(r.event.environment, u"production"_s);
    }
}

void TestStepRunner::missingParameterIsRefused()
{
    const Runbook rb = parse(kRunbook);
    QVERIFY(!rb.parameters.isEmpty());
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    runner.setWorkspace(sampleWorkspace());
    runner.setRunbook(rb);
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(u"t.sqlite"_s));
    QVERIFY(db);
    runner.setAuditLog(*db, QByteArray(32, 'k'));
    QSignalSpy failed(&runner, &StepRunner::failed);
    QVERIFY(runner.run(run, 0));
    QVERIFY(failed.wait(5000));
    const Error error = failed.first().at(1).value<Error>();
    QCOMPARE(error.code, u"checklist.missing_parameter"_s);
    QVERIFY2(error.message.contains(u"<logfile>"_s), qPrintable(error.message));
    QCOMPARE(run.step(0).state, StepState::Pending);
}

QTEST_GUILESS_MAIN(TestStepRunner)
#include "tst_steprunner.moc"
