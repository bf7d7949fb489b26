// SPDX-License-Identifier: GPL-3.0-or-later
#include "services/profiles.h"
#include "workspace/workspace.h"
#include "workspace/workspaceloader.h"
#include "workspace/workspacewatcher.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// data/valid.json has every field of the format, so a field the loader forgets to read
// shows up as a default. (Test data lives in files: moc misreads raw string literals.)
QByteArray readData(const char *name)
{
    QFile f(QStringLiteral(PILOTHOUSE_SOURCE_DIR "/tests/unit/workspace/data/") +
            QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", name);
    return f.readAll();
}

QByteArray validText()
{
    static const QByteArray text = readData("valid.json");
    return text;
}

QJsonObject validObject()
{
    return QJsonDocument::fromJson(validText()).object();
}

QByteArray toText(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

QJsonValue setAt(const QJsonValue &node, QStringList path, const QJsonValue &value, bool remove)
{
    const QString head = path.takeFirst();
    if (node.isArray()) {
        QJsonArray a = node.toArray();
        const int i = head.toInt();
        a[i] = path.isEmpty() ? value : setAt(a.at(i), path, value, remove);
        return a;
    }
    QJsonObject o = node.toObject();
    if (path.isEmpty() && remove)
        o.remove(head);
    else
        o[head] = path.isEmpty() ? value : setAt(o.value(head), path, value, remove);
    return o;
}

// @p json "-" removes the member; otherwise it is the new value as JSON text.
QJsonObject mutated(const QString &pointer, const QByteArray &json)
{
    const bool remove = json == "-";
    const QJsonValue value =
        remove ? QJsonValue() : QJsonDocument::fromJson("[" + json + "]").array().at(0);
    return setAt(validObject(), pointer.mid(1).split(u'/'), value, remove).toObject();
}

QString problemLine(const Error &error, const QString &pointer)
{
    const QStringList lines = error.detail.split(u'\n');
    for (const QString &line : lines) {
        if (line.contains(u": "_s + pointer + u": "_s))
            return line;
    }
    return {};
}

QMap<QString, QString> demoVariables()
{
    return {{u"sim.echopilot"_s, u"18080"_s},
            {u"sim.rust-core-engine"_s, u"18081"_s},
            {u"sim.python-ai-service"_s, u"18082"_s},
            {u"sim.grafana"_s, u"18083"_s},
            {u"demo.root"_s, u"/tmp/ph-demo"_s},
            {u"demo.ssh_port"_s, u"2022"_s},
            {u"demo.user"_s, u"tester"_s},
            {u"demo.identity"_s, u"/tmp/ph-demo/id_ed25519"_s}};
}

QString sourcePath(const char *relative)
{
    return QStringLiteral(PILOTHOUSE_SOURCE_DIR) + u'/' + QString::fromUtf8(relative);
}

bool writeAtomically(const QString &path, const QByteArray &data)
{
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size() && f.commit();
}

bool writeInPlace(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QByteArray namedWorkspace(const QString &name)
{
    QJsonObject o = validObject();
    o[u"name"_s] = name;
    return toText(o);
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loadsEveryField();
    void lookups();
    void syntaxErrors_data();
    void syntaxErrors();
    void semanticErrors_data();
    void semanticErrors();
    void semanticErrorHasLineAndColumn();
    void reportsEveryProblem();
    void literalSecretsRejected_data();
    void literalSecretsRejected();
    void unknownKeysWarn();
    void commentsAllowed();
    void schema1Migrated();
    void newerSchemaRefused();
    void nonObjectRefused();
    void deepNestingRefused();
    void variablesSubstituted();
    void unknownVariableReported();
    void shippedFilesLoad_data();
    void shippedFilesLoad();
    void demoFileContents();
    void exampleFileResolvesEndpoints();
    void schemaFileMatchesFormat();
    void unreadableFile();
    void profileEndpoints();
    void healthStatuses_data();
    void healthStatuses();
    void watcherKeepsLastGoodWorkspace();
};

void TestWorkspace::loadsEveryField()
{
    const auto r = WorkspaceLoader::loadText(validText(), u"t.json"_s);
    QVERIFY2(r.has_value(), qPrintable(r ? QString() : r.error().toString()));
    QVERIFY2(r->warnings.isEmpty(), qPrintable(r->warnings.join(u'\n')));
    const Workspace &ws = r->workspace;
    QCOMPARE(ws.schemaVersion, 2);
    QCOMPARE(ws.name, u"Test workspace"_s);

    QCOMPARE(ws.environments.size(), 2);
    QCOMPARE(ws.environments.at(0).name, u"production"_s);
    QVERIFY(ws.environments.at(0).production);
    QCOMPARE(ws.environments.at(0).timeZone, u"Europe/Berlin"_s);
    QVERIFY(!ws.environments.at(1).production);
    QCOMPARE(ws.environments.at(1).timeZone, u"America/New_York"_s);

    QCOMPARE(ws.services.size(), 3);
    const Service &ep = ws.services.at(0);
    QCOMPARE(ep.name, u"echopilot"_s);
    QCOMPARE(ep.environment, u"production"_s);
    QCOMPARE(ep.profile, u"echopilot"_s);
    QCOMPARE(ep.baseUrl, QUrl(u"https://ops.example.com"_s));
    QCOMPARE(ep.endpointOverrides.value(u"health"_s), u"/v2/health"_s);
    QCOMPARE(ep.fieldMappings.value(u"queue.depth"_s), u"/data/depth"_s);
    QCOMPARE(ep.latencyBudgetMs, 800);
    QCOMPARE(ep.dashboardKeyRef, u"ep-key"_s);
    QCOMPARE(ep.via, u"bastion"_s);
    QCOMPARE(ep.host, u"app-1"_s);
    QCOMPARE(ep.workingDirectory, u"/srv/echopilot"_s);
    QCOMPARE(ep.caFile, u"/etc/ssl/ca.pem"_s);
    QCOMPARE(ep.intervalMs, 10000);
    QCOMPARE(ep.metricsSource, u"metrics"_s);
    // The older metrics_source spelling still chooses the SLO source.
    QCOMPARE(ep.slo.source, u"metrics"_s);
    QCOMPARE(ep.slo.metricsEndpoint, u"metrics"_s);
    // Profile endpoints, with the override applied.
    QCOMPARE(ep.endpoints.size(), ph::profileEndpoints(u"echopilot"_s).size());
    QCOMPARE(ep.endpoints.at(0).name, u"health"_s);
    QCOMPARE(ep.endpoints.at(0).path, u"/v2/health"_s);
    QVERIFY(ep.endpoints.at(0).healthBody);

    const Service &engine = ws.services.at(1);
    QCOMPARE(engine.component, u"rust-core-engine"_s);
    QCOMPARE(engine.latencyBudgetMs, 1000);
    QCOMPARE(engine.metricsSource, u"metrics"_s);
    QCOMPARE(engine.endpoints.size(), 3);
    QCOMPARE(engine.endpoints.at(1).path, u"/api/v1/binance/ping"_s);
    QVERIFY2(engine.slo.source.isEmpty(), "no SLO endpoint and no \"slo\": no SLO row");

    const Service &generic = ws.services.at(2);
    QCOMPARE(generic.endpoints.size(), 2);
    QCOMPARE(generic.slo.source, u"prometheus"_s);
    QCOMPARE(generic.slo.selector, u"job=\"status-page\""_s);
    QCOMPARE(ws.prometheusFor(u"staging"_s).url, u"http://127.0.0.1:9091"_s);
    QCOMPARE(ws.prometheusFor(u"staging"_s).caFile, u"/etc/ssl/prom-ca.pem"_s);
    // Without its own server an environment uses the workspace-wide one.
    QCOMPARE(ws.prometheusFor(u"production"_s).url, u"http://127.0.0.1:9090"_s);
    const EndpointSpec &ping = generic.endpoints.at(0);
    QCOMPARE(ping.name, u"ping"_s);
    QCOMPARE(ping.path, u"/ping"_s);
    QCOMPARE(ping.method, u"HEAD"_s);
    QCOMPARE(ping.expectStatus, 204);
    QVERIFY(ping.probe);
    QVERIFY(!ping.needsKey);
    const EndpointSpec &restart = generic.endpoints.at(1);
    QCOMPARE(restart.method, u"POST"_s);
    QVERIFY(restart.needsKey);
    QVERIFY2(!restart.probe, "a POST must not be probed unless the file says so");

    QCOMPARE(ws.hosts.size(), 2);
    const Host &app = ws.hosts.at(1);
    QCOMPARE(app.name, u"app-1"_s);
    QCOMPARE(app.address, u"10.0.0.5"_s);
    QCOMPARE(app.port, 22);
    QCOMPARE(app.user, u"deploy"_s);
    QCOMPARE(app.auth, u"key"_s);
    QCOMPARE(app.identityFile, u"/keys/id_ed25519"_s);
    QCOMPARE(app.secretRef, u"app-1-passphrase"_s);
    QCOMPARE(app.groups, (QStringList{u"app"_s, u"echopilot"_s}));
    QCOMPARE(app.jump, u"bastion"_s);
    QCOMPARE(ws.hosts.at(0).port, 2222);

    QCOMPARE(ws.backupJobs.size(), 1);
    const BackupJob &job = ws.backupJobs.at(0);
    QCOMPARE(job.name, u"daily"_s);
    QCOMPARE(job.host, u"app-1"_s);
    QCOMPARE(job.location, u"/srv/echopilot/backups"_s);
    QCOMPARE(job.pattern, u"*.tgz"_s);
    QCOMPARE(job.schedule, u"daily 00:30 UTC"_s);
    QCOMPARE(job.rpoMinutes, 1440);
    QCOMPARE(job.verifyCommand, u"python3 scripts/dr_restore_check.py"_s);
    QCOMPARE(job.remoteListCommand, u"aws s3 ls s3://b/"_s);

    QCOMPARE(ws.runbookFolders, QStringList{u"/srv/runbooks"_s});
    QCOMPARE(ws.thresholds.value(u"queue.depth.max"_s), 40.0);
    QCOMPARE(ws.thresholds.value(u"slo.p95_ms.max"_s), 750.5);
    QCOMPARE(ws.settings.probeIntervalMs, 7000);
    QCOMPARE(ws.settings.probeInactivityTimeoutMs, 4000);
    QCOMPARE(ws.settings.probeDeadlineMs, 9000);
    QCOMPARE(ws.settings.maintenanceAnchor, u"2026-01-03"_s);
    QCOMPARE(ws.settings.scratchTargets, QStringList{u"bot_core_test"_s});
    QCOMPARE(ws.settings.prometheusUrl, u"http://127.0.0.1:9090"_s);
    QCOMPARE(ws.settings.theme, u"dark"_s);
    QCOMPARE(ws.layout.value(u"health"_s).toObject().value(u"columns"_s).toArray().size(), 1);
}

void TestWorkspace::lookups()
{
    const auto r = WorkspaceLoader::loadText(validText(), u"t.json"_s);
    QVERIFY(r);
    const Workspace &ws = r->workspace;
    QVERIFY(ws.service(u"engine"_s));
    QCOMPARE(ws.service(u"engine"_s)->component, u"rust-core-engine"_s);
    QVERIFY(!ws.service(u"nope"_s));
    QCOMPARE(ws.host(u"bastion"_s)->port, 2222);
    QCOMPARE(ws.backupJob(u"daily"_s)->rpoMinutes, 1440);
    QCOMPARE(ws.servicesIn(u"production"_s).size(), 2);
    QCOMPARE(ws.servicesIn(u"staging"_s).size(), 1);
    QCOMPARE(ws.hostsInGroup(u"echopilot"_s).size(), 1);
    QVERIFY(ws.isProduction(u"production"_s));
    QVERIFY(!ws.isProduction(u"staging"_s));
    QVERIFY(!ws.isProduction(u"missing"_s));
}

void TestWorkspace::syntaxErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    struct Case
    {
        const char *name;
        QByteArray text;
        int line;
        int column;
        QString expected;
    };
    const QList<Case> cases = {
        {"missing comma", "{\n  \"name\": \"x\"\n  \"schema_version\": 2\n}", 3, 3,
         u"expected ',' or '}'"_s},
        {"missing comma in array", "{\n  \"a\": [1\n    2]\n}", 3, 5, u"expected ',' or ']'"_s},
        {"trailing garbage", "{\"schema_version\": 2}\n// done\n  {", 3, 3,
         u"expected end of input"_s},
        {"trailing word", "{\"schema_version\": 2}\n  x", 2, 3, u"expected end of input"_s},
        {"unterminated string at end of line", "{\n  \"name\": \"abc\n}", 2, 11,
         u"unterminated string"_s},
        {"unterminated string at end of file", "{\n  \"name\": \"abc", 2, 11,
         u"unterminated string"_s},
        {"trailing comma", "{\n  \"a\": 1,\n}", 3, 1, u"trailing comma"_s},
        {"misspelt literal", "{\n  \"a\": tru\n}", 2, 8, u"expected a value"_s},
        {"misspelt literal before comma", "{\n  \"a\": nul, \"b\": 1\n}", 2, 8,
         u"expected a value"_s},
        {"column counts characters", "{\n  \"n\xC3\xA4me\": 1 2\n}", 2, 13, u"expected ','"_s},
        {"unterminated comment", "{ /* x", 1, 3, u"unterminated comment"_s},
        {"empty file", "", 1, 1, u"unexpected end of input"_s},
    };
    for (const Case &c : cases) {
        QTest::addRow("%s", c.name) << c.text << false << c.line << c.column << c.expected;
        QByteArray crlf = c.text;
        crlf.replace("\n", "\r\n");
        QTest::addRow("%s (CRLF)", c.name) << crlf << true << c.line << c.column << c.expected;
    }
}

void TestWorkspace::syntaxErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, expected);

    const auto r = WorkspaceLoader::loadText(text, u"broken.jsonc"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.syntax"_s);
    const QString prefix = u"broken.jsonc:%1:%2: "_s.arg(line).arg(column);
    QVERIFY2(r.error().message.startsWith(prefix), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
}

void TestWorkspace::semanticErrors_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("wrong type") << u"/services/0/latency_budget_ms"_s << QByteArray("\"fast\"")
                                << u"expected an integer"_s;
    QTest::newRow("bad URL scheme") << u"/services/2/base_url"_s << QByteArray("\"ftp://x.org\"")
                                    << u"expected an absolute http or https URL"_s;
    QTest::newRow("relative URL") << u"/services/2/base_url"_s << QByteArray("\"/api\"")
                                  << u"expected an absolute http or https URL"_s;
    QTest::newRow("generic without URL")
        << u"/services/2/base_url"_s << QByteArray("-") << u"required"_s;
    QTest::newRow("unknown profile") << u"/services/0/profile"_s << QByteArray("\"nginx\"")
                                     << u"expected one of \"echopilot\", \"botcore\""_s;
    QTest::newRow("unknown component") << u"/services/1/component"_s << QByteArray("\"ui\"")
                                       << u"expected one of \"rust-core-engine\""_s;
    QTest::newRow("botcore without component")
        << u"/services/1/component"_s << QByteArray("-") << u"required for botcore"_s;
    QTest::newRow("bad time zone") << u"/environments/1/time_zone"_s
                                   << QByteArray("\"Mars/Olympus_Mons\"") << u"IANA time zone"_s;
    QTest::newRow("dangling environment") << u"/services/1/environment"_s << QByteArray("\"prod\"")
                                          << u"no environment named \"prod\""_s;
    QTest::newRow("dangling jump")
        << u"/hosts/1/jump"_s << QByteArray("\"nowhere\"") << u"no host named \"nowhere\""_s;
    QTest::newRow("jump to itself")
        << u"/hosts/1/jump"_s << QByteArray("\"app-1\"") << u"jump hosts form a loop"_s;
    QTest::newRow("dangling via") << u"/services/0/via"_s << QByteArray("\"nowhere\"")
                                  << u"no host named \"nowhere\""_s;
    QTest::newRow("dangling service host")
        << u"/services/1/host"_s << QByteArray("\"x\"") << u"no host named \"x\""_s;
    QTest::newRow("dangling backup host")
        << u"/backup_jobs/0/host"_s << QByteArray("\"x\"") << u"no host named \"x\""_s;
    QTest::newRow("duplicate service") << u"/services/1/name"_s << QByteArray("\"echopilot\"")
                                       << u"duplicate service name \"echopilot\""_s;
    QTest::newRow("duplicate host")
        << u"/hosts/1/name"_s << QByteArray("\"bastion\"") << u"duplicate host name \"bastion\""_s;
    QTest::newRow("duplicate environment")
        << u"/environments/1/name"_s << QByteArray("\"production\"")
        << u"duplicate environment name"_s;
    QTest::newRow("missing address") << u"/hosts/0/address"_s << QByteArray("-") << u"required"_s;
    QTest::newRow("port out of range")
        << u"/hosts/0/port"_s << QByteArray("70000") << u"expected an integer from 1 to 65535"_s;
    QTest::newRow("number as string")
        << u"/hosts/0/port"_s << QByteArray("\"22\"") << u"expected an integer"_s;
    QTest::newRow("bool as string")
        << u"/environments/0/production"_s << QByteArray("\"yes\"") << u"expected true or false"_s;
    QTest::newRow("unknown auth") << u"/hosts/0/auth"_s << QByteArray("\"kerberos\"")
                                  << u"expected one of \"agent\""_s;
    QTest::newRow("key auth without identity file")
        << u"/hosts/1/identity_file"_s << QByteArray("-") << u"required with \"auth\""_s;
    QTest::newRow("unknown endpoint override") << u"/services/0/endpoint_overrides/nope"_s
                                               << QByteArray("\"/x\"") << u"no endpoint \"nope\""_s;
    QTest::newRow("override without slash")
        << u"/services/0/endpoint_overrides/health"_s << QByteArray("\"health\"")
        << u"expected a path starting with \"/\""_s;
    QTest::newRow("field mapping not a pointer")
        << u"/services/0/field_mappings/queue.depth"_s << QByteArray("\"data.depth\"")
        << u"expected a JSON pointer"_s;
    QTest::newRow("relative working directory")
        << u"/services/1/working_directory"_s << QByteArray("\"bot-core\"")
        << u"expected an absolute path"_s;
    QTest::newRow("bad maintenance anchor")
        << u"/settings/maintenance_anchor"_s << QByteArray("\"03.01.2026\"")
        << u"expected an ISO date"_s;
    QTest::newRow("threshold not a number")
        << u"/thresholds/queue.depth.max"_s << QByteArray("\"50\"") << u"expected a number"_s;
    QTest::newRow("prometheus without URL")
        << u"/settings/prometheus_url"_s << QByteArray("-")
        << u"needs a Prometheus server: set /environments/0/prometheus/url"_s;
    QTest::newRow("unknown SLO source") << u"/services/0/slo/source"_s << QByteArray("\"grafana\"")
                                        << u"expected one of \"endpoint\""_s;
    QTest::newRow("SLO endpoint missing")
        << u"/services/1/slo/source"_s << QByteArray("\"endpoint\"")
        << u"needs an endpoint named \"slo\""_s;
    QTest::newRow("SLO metrics endpoint missing")
        << u"/services/1/slo/metrics_endpoint"_s << QByteArray("\"nope\"")
        << u"no endpoint \"nope\""_s;
    QTest::newRow("SLO not an object")
        << u"/services/0/slo"_s << QByteArray("\"metrics\"") << u"expected an object"_s;
    QTest::newRow("environment prometheus without url")
        << u"/environments/1/prometheus/url"_s << QByteArray("-") << u"required"_s;
    QTest::newRow("prometheus source, no server")
        << u"/environments/1/prometheus"_s << QByteArray("-")
        << u"needs a Prometheus server: set /environments/1/prometheus/url"_s;
    QTest::newRow("services not a list")
        << u"/services"_s << QByteArray("{}") << u"expected a list"_s;
    QTest::newRow("schema version as string")
        << u"/schema_version"_s << QByteArray("\"2\"") << u"expected a positive integer"_s;
    QTest::newRow("missing environments") << u"/environments"_s << QByteArray("-") << u"required"_s;
}

void TestWorkspace::semanticErrors()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, value);
    QFETCH(QString, expected);

    QJsonObject o = mutated(pointer, value);
    QString reported = pointer;
    if (QByteArray(QTest::currentDataTag()) == "prometheus without URL") {
        // The missing URL is blamed on the service that needs it.
        o = setAt(o, {u"services"_s, u"0"_s, u"metrics_source"_s}, u"prometheus"_s, false)
                .toObject();
        reported = u"/services/0/metrics_source"_s;
    }
    if (QByteArray(QTest::currentDataTag()) == "prometheus source, no server") {
        // The staging service asks for Prometheus; neither staging nor settings has one.
        o = setAt(o, {u"settings"_s, u"prometheus_url"_s}, {}, true).toObject();
        reported = u"/services/2/slo/source"_s;
    }
    const auto r = WorkspaceLoader::loadText(toText(o), u"w.json"_s);
    QVERIFY2(!r, "an invalid workspace loaded");
    QCOMPARE(r.error().code, u"workspace.invalid"_s);
    const QString line = problemLine(r.error(), reported);
    QVERIFY2(!line.isEmpty(), qPrintable(r.error().detail));
    QVERIFY2(line.contains(expected), qPrintable(line));
    QVERIFY2(r.error().message.contains(reported), qPrintable(r.error().message));
}

void TestWorkspace::semanticErrorHasLineAndColumn()
{
    const QByteArray text = "{\n"
                            "  // a comment does not move the position\n"
                            "  \"schema_version\": 2,\n"
                            "  \"name\": 5,\n"
                            "  \"environments\": []\n"
                            "}\n";
    const auto r = WorkspaceLoader::loadText(text, u"w.jsonc"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().message, u"w.jsonc:4:11: /name: expected a string"_s);
}

void TestWorkspace::reportsEveryProblem()
{
    QJsonObject o = mutated(u"/services/2/base_url"_s, "\"nope\"");
    o = setAt(o, {u"hosts"_s, u"0"_s, u"port"_s}, 0, false).toObject();
    o = setAt(o, {u"environments"_s, u"0"_s, u"time_zone"_s}, u"Nowhere/City"_s, false).toObject();
    const auto r = WorkspaceLoader::loadText(toText(o), u"w.json"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().detail.split(u'\n').size(), 3);
    QVERIFY(!problemLine(r.error(), u"/services/2/base_url"_s).isEmpty());
    QVERIFY(!problemLine(r.error(), u"/hosts/0/port"_s).isEmpty());
    QVERIFY(!problemLine(r.error(), u"/environments/0/time_zone"_s).isEmpty());
    // The message names the first problem in file order and counts the rest.
    QVERIFY2(r.error().message.contains(u"/environments/0/time_zone"_s),
             qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"2 more"_s), qPrintable(r.error().message));
}

void TestWorkspace::literalSecretsRejected_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("hint");

    QTest::newRow("host password")
        << u"/hosts/1/password"_s << QByteArray("\"hunter2-x\"") << u"`secret_ref`"_s;
    QTest::newRow("host passphrase")
        << u"/hosts/1/passphrase"_s << QByteArray("\"hunter2-x\"") << u"`secret_ref`"_s;
    QTest::newRow("dashboard key") << u"/services/0/dashboard_key"_s << QByteArray("\"hunter2-x\"")
                                   << u"`dashboard_key_ref`"_s;
    QTest::newRow("token") << u"/services/0/token"_s << QByteArray("\"hunter2-x\"")
                           << u"`token_ref`"_s;
    QTest::newRow("api key, any case")
        << u"/services/2/API_KEY"_s << QByteArray("\"hunter2-x\"") << u"`api_key_ref`"_s;
    QTest::newRow("bare key") << u"/settings/key"_s << QByteArray("\"hunter2-x\"")
                              << u"`key_ref`"_s;
    QTest::newRow("secret in layout")
        << u"/layout/secret"_s << QByteArray("\"hunter2-x\"") << u"`secret_ref`"_s;
    QTest::newRow("private key block")
        << u"/hosts/1/identity_file"_s
        << QByteArray("\"-----BEGIN OPENSSH "
                      "PRIVATE KEY-----\\nhunter2-x\\n\"") // split: no key-shaped text in the repo
        << u"`secret_ref`"_s;
}

void TestWorkspace::literalSecretsRejected()
{
    QFETCH(QString, pointer);
    QFETCH(QByteArray, value);
    QFETCH(QString, hint);

    const auto r = WorkspaceLoader::loadText(toText(mutated(pointer, value)), u"w.json"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.literal_secret"_s);
    QVERIFY2(r.error().message.contains(pointer), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"keychain"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(hint), qPrintable(r.error().message));
    // The secret itself never appears in what is shown or logged.
    QVERIFY(!r.error().toString().contains(u"hunter2"_s));
}

void TestWorkspace::unknownKeysWarn()
{
    QJsonObject o = mutated(u"/services/0/colour"_s, "\"blue\"");
    o[u"extras"_s] = 1;
    const auto r = WorkspaceLoader::loadText(toText(o), u"w.json"_s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->warnings.size(), 2);
    QVERIFY(r->warnings.at(0).contains(u"/services/0/colour"_s) ||
            r->warnings.at(1).contains(u"/services/0/colour"_s));
    QVERIFY(r->warnings.join(u'\n').contains(u"/extras: unknown key \"extras\""_s));
    QCOMPARE(r->workspace.services.size(), 3);
}

void TestWorkspace::commentsAllowed()
{
    const QByteArray text = "// leading comment\n"
                            "{\n"
                            "  /* block\n     comment */ \"schema_version\": 2,\n"
                            "  \"name\": \"with // not a comment\", // trailing\n"
                            "  \"environments\": [{\"name\": \"production\"}]\n"
                            "}\n";
    const auto r = WorkspaceLoader::loadText(text, u"c.jsonc"_s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->workspace.name, u"with // not a comment"_s);
    QCOMPARE(r->workspace.environments.at(0).timeZone, u"UTC"_s);
}

void TestWorkspace::schema1Migrated()
{
    const QByteArray text = readData("schema1.json");
    const auto r = WorkspaceLoader::loadText(text, u"old.json"_s);
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QVERIFY(r->warnings.join(u'\n').contains(u"migrated from schema 1"_s));
    const Workspace &ws = r->workspace;
    QCOMPARE(ws.schemaVersion, 2);
    QCOMPARE(ws.environments.size(), 1);
    QCOMPARE(ws.environments.at(0).name, u"production"_s);
    QVERIFY(ws.environments.at(0).production);
    QCOMPARE(ws.environments.at(0).timeZone, u"Europe/Berlin"_s);
    QCOMPARE(ws.services.at(0).baseUrl, QUrl(u"http://127.0.0.1:5000"_s));
    QCOMPARE(ws.services.at(0).environment, u"production"_s);
    QCOMPARE(ws.hosts.size(), 1);
    QCOMPARE(ws.hosts.at(0).name, u"app"_s);
    QCOMPARE(ws.hosts.at(0).environment, u"production"_s);
    QCOMPARE(ws.backupJobs.at(0).environment, u"production"_s);
}

void TestWorkspace::newerSchemaRefused()
{
    QJsonObject o = validObject();
    o[u"schema_version"_s] = 3;
    const auto r = WorkspaceLoader::loadText(toText(o), u"new.json"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.too_new"_s);
    QVERIFY2(r.error().message.contains(u"update Pilothouse"_s), qPrintable(r.error().message));
    QVERIFY(r.error().message.contains(u"schema 3"_s));
}

void TestWorkspace::nonObjectRefused()
{
    const auto r = WorkspaceLoader::loadText("[1, 2]", u"a.json"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.invalid"_s);
    QVERIFY(r.error().message.contains(u"expected a JSON object"_s));
}

void TestWorkspace::deepNestingRefused()
{
    const QByteArray text = "{\"schema_version\": 2, \"layout\": " + QByteArray(100000, '[') +
                            QByteArray(100000, ']') + "}";
    const auto r = WorkspaceLoader::loadText(text, u"deep.json"_s);
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.invalid"_s);
    QVERIFY2(r.error().message.contains(u"nested deeper"_s), qPrintable(r.error().message));
}

void TestWorkspace::variablesSubstituted()
{
    QJsonObject o = mutated(u"/services/2/base_url"_s, "\"http://${host}:${port}/x\"");
    o = setAt(o, {u"hosts"_s, u"0"_s, u"port"_s}, u"${ssh}"_s, false).toObject();
    o = setAt(o, {u"hosts"_s, u"0"_s, u"user"_s}, u"$${literal}"_s, false).toObject();
    const auto r = WorkspaceLoader::loadText(
        toText(o), u"v.json"_s,
        {{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, u"18080"_s}, {u"ssh"_s, u"2022"_s}});
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QCOMPARE(r->workspace.services.at(2).baseUrl, QUrl(u"http://127.0.0.1:18080/x"_s));
    QCOMPARE(r->workspace.hosts.at(0).port, 2022);
    QCOMPARE(r->workspace.hosts.at(0).user, u"${literal}"_s);
}

void TestWorkspace::unknownVariableReported()
{
    const QJsonObject o = mutated(u"/services/2/base_url"_s, "\"http://127.0.0.1:${nope}\"");
    const auto r = WorkspaceLoader::loadText(toText(o), u"v.json"_s, {{u"port"_s, u"1"_s}});
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.invalid"_s);
    const QString line = problemLine(r.error(), u"/services/2/base_url"_s);
    QVERIFY2(line.contains(u"unknown variable ${nope}"_s), qPrintable(r.error().detail));
    QVERIFY(line.contains(u"port"_s));
}

void TestWorkspace::shippedFilesLoad_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("withVariables");
    QTest::newRow("demo") << sourcePath("resources/demo/demo.workspace.jsonc") << true;
    QTest::newRow("example") << sourcePath("resources/examples/team.workspace.jsonc") << false;
}

void TestWorkspace::shippedFilesLoad()
{
    QFETCH(QString, path);
    QFETCH(bool, withVariables);
    const auto r =
        WorkspaceLoader::loadFile(path, withVariables ? demoVariables() : QMap<QString, QString>());
    QVERIFY2(r, qPrintable(r ? QString() : r.error().toString()));
    QVERIFY2(r->warnings.isEmpty(), qPrintable(r->warnings.join(u'\n')));
    QCOMPARE(r->workspace.filePath, QFileInfo(path).absoluteFilePath());
    QVERIFY(!r->workspace.services.isEmpty());
    QVERIFY(!r->workspace.backupJobs.isEmpty());
}

void TestWorkspace::demoFileContents()
{
    const QString path = sourcePath("resources/demo/demo.workspace.jsonc");
    const auto r = WorkspaceLoader::loadFile(path, demoVariables());
    QVERIFY(r);
    const Workspace &ws = r->workspace;
    QVERIFY(ws.isProduction(u"production"_s));
    QVERIFY(!ws.isProduction(u"staging"_s));
    QCOMPARE(ws.settings.probeIntervalMs, 5000);
    const Service *ep = ws.service(u"echopilot"_s);
    QVERIFY(ep);
    QCOMPARE(ep->baseUrl, QUrl(u"http://127.0.0.1:18080"_s));
    QCOMPARE(ep->dashboardKeyRef, u"echopilot-dash-key"_s);
    QCOMPARE(ep->workingDirectory, u"/tmp/ph-demo/echopilot"_s);
    QCOMPARE(ws.service(u"echopilot-staging"_s)->environment, u"staging"_s);
    QCOMPARE(ws.service(u"rust-core-engine"_s)->baseUrl.port(), 18081);
    QCOMPARE(ws.service(u"python-ai-service"_s)->workingDirectory, u"/tmp/ph-demo/bot-core"_s);
    // The demo shows two SLO sources: EchoPilot's endpoint and the engine's /metrics.
    QCOMPARE(ep->slo.source, u"endpoint"_s);
    QCOMPARE(ws.service(u"rust-core-engine"_s)->slo.source, u"metrics"_s);
    QVERIFY(ws.service(u"python-ai-service"_s)->slo.source.isEmpty());
    const Host *host = ws.host(u"demo-host"_s);
    QVERIFY(host);
    QCOMPARE(host->address, u"127.0.0.1"_s);
    QCOMPARE(host->port, 2022);
    QCOMPARE(host->user, u"tester"_s);
    QCOMPARE(host->auth, u"key"_s);
    QCOMPARE(host->identityFile, u"/tmp/ph-demo/id_ed25519"_s);
    QCOMPARE(ws.backupJobs.size(), 2);
    // Grafana listens on the host's localhost only: reached through the demo host.
    const Service *grafana = ws.service(u"grafana"_s);
    QVERIFY(grafana);
    QCOMPARE(grafana->via, u"demo-host"_s);
    QCOMPARE(grafana->baseUrl, QUrl(u"http://localhost:18083"_s));

    // Without its variables the demo cannot load, and says which one is missing.
    const auto bare = WorkspaceLoader::loadFile(path);
    QVERIFY(!bare);
    QVERIFY(bare.error().detail.contains(u"${sim.echopilot}"_s));
}

void TestWorkspace::exampleFileResolvesEndpoints()
{
    const QString path = sourcePath("resources/examples/team.workspace.jsonc");
    const auto r = WorkspaceLoader::loadFile(path);
    QVERIFY(r);
    const Workspace &ws = r->workspace;
    const Service *staging = ws.service(u"echopilot-staging"_s);
    QVERIFY(staging);
    QCOMPARE(staging->endpoints.at(0).name, u"health"_s);
    QCOMPARE(staging->endpoints.at(0).path, u"/ops/api/health"_s);
    // Relative local paths resolve against the workspace file's folder.
    QCOMPARE(staging->caFile, QFileInfo(path).absolutePath() + u"/certs/staging-ca.pem"_s);
    QCOMPARE(ws.runbookFolders.at(0), QFileInfo(path).absolutePath() + u"/runbooks"_s);
    QCOMPARE(ws.runbookFolders.at(1), QDir::homePath() + u"/ops/runbooks"_s);
    const Service *grafana = ws.service(u"grafana"_s);
    QCOMPARE(grafana->endpoints.size(), 2);
    QCOMPARE(grafana->endpoints.at(1).path, u"/login"_s);
    QCOMPARE(ws.host(u"echopilot-app-1"_s)->jump, u"bastion"_s);
    QCOMPARE(ws.environment(u"bot-core-prod"_s)->timeZone, u"Asia/Singapore"_s);
    // Bot Core's SLOs come from its own Prometheus; the others fall back to the settings'.
    const ph::PrometheusServer botcore = ws.prometheusFor(u"bot-core-prod"_s);
    QCOMPARE(botcore.url, u"https://prometheus.botcore.example.com"_s);
    QCOMPARE(botcore.caFile, QFileInfo(path).absolutePath() + u"/certs/botcore-ca.pem"_s);
    QCOMPARE(ws.prometheusFor(u"staging"_s).url, u"https://prometheus.ops.example.com"_s);
    QCOMPARE(ws.service(u"rust-core-engine"_s)->slo.source, u"prometheus"_s);
    QCOMPARE(ws.service(u"rust-core-engine"_s)->slo.selector, u"job=\"rust-core-engine\""_s);
    QCOMPARE(ws.service(u"echopilot"_s)->slo.source, u"endpoint"_s);
    // Without "slo", a service that has an SLO endpoint reads it, as before.
    QCOMPARE(staging->slo.source, u"endpoint"_s);
}

void TestWorkspace::schemaFileMatchesFormat()
{
    QFile f(sourcePath("resources/workspace.schema.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const QJsonObject schema = doc.object();
    QCOMPARE(schema.value(u"$schema"_s).toString(),
             u"https://json-schema.org/draft/2020-12/schema"_s);

    // Every key the loader accepts (all used in validText()) is described by the schema.
    const QJsonObject defs = schema.value(u"$defs"_s).toObject();
    const QJsonObject valid = validObject();
    auto propertiesOf = [&](const QJsonObject &node) {
        return node.value(u"properties"_s).toObject();
    };
    auto check = [&](const QJsonObject &instance, const QJsonObject &schemaNode,
                     const QString &where) {
        const QJsonObject props = propertiesOf(schemaNode);
        for (auto it = instance.begin(); it != instance.end(); ++it)
            QVERIFY2(props.contains(it.key()), qPrintable(where + u'/' + it.key()));
        QCOMPARE(schemaNode.value(u"additionalProperties"_s).toBool(true), false);
    };
    check(valid, schema, u"(top)"_s);
    check(valid[u"environments"_s].toArray().at(0).toObject(),
          defs.value(u"environment"_s).toObject(), u"environment"_s);
    for (const QJsonValue &s : valid[u"services"_s].toArray())
        check(s.toObject(), defs.value(u"service"_s).toObject(), u"service"_s);
    check(valid[u"services"_s].toArray().at(2)[u"endpoints"_s].toArray().at(0).toObject(),
          defs.value(u"endpoint"_s).toObject(), u"endpoint"_s);
    for (const QJsonValue &h : valid[u"hosts"_s].toArray())
        check(h.toObject(), defs.value(u"host"_s).toObject(), u"host"_s);
    check(valid[u"backup_jobs"_s].toArray().at(0).toObject(),
          defs.value(u"backup_job"_s).toObject(), u"backup_job"_s);
    check(valid[u"settings"_s].toObject(), defs.value(u"settings"_s).toObject(), u"settings"_s);
    QCOMPARE(propertiesOf(schema).value(u"schema_version"_s).toObject().value(u"const"_s).toInt(),
             2);
}

void TestWorkspace::unreadableFile()
{
    QTemporaryDir dir;
    const auto r = WorkspaceLoader::loadFile(dir.filePath(u"missing.jsonc"_s));
    QVERIFY(!r);
    QCOMPARE(r.error().code, u"workspace.unreadable"_s);
    QVERIFY(r.error().message.contains(u"missing.jsonc"_s));
}

void TestWorkspace::profileEndpoints()
{
    const QList<EndpointSpec> ep = ph::profileEndpoints(u"echopilot"_s);
    auto find = [](const QList<EndpointSpec> &list, const QString &name) -> EndpointSpec {
        for (const EndpointSpec &e : list) {
            if (e.name == name)
                return e;
        }
        return {};
    };
    QCOMPARE(find(ep, u"health"_s).path, u"/api/health"_s);
    QVERIFY(find(ep, u"health"_s).healthBody);
    QVERIFY(!find(ep, u"health"_s).needsKey);
    QVERIFY(find(ep, u"queue"_s).needsKey);
    QCOMPARE(find(ep, u"finops"_s).path, u"/api/finops/summary?days=30"_s);
    QVERIFY(!find(ep, u"payouts"_s).probe);
    QVERIFY(find(ep, u"payouts"_s).needsKey);
    QVERIFY(!find(ep, u"partners"_s).probe);
    QVERIFY(find(ep, u"audit_chain"_s).needsKey);
    QCOMPARE(find(ep, u"metrics"_s).path, u"/metrics"_s);
    QCOMPARE(find(ep, u"clear_stuck"_s).method, u"POST"_s);
    QVERIFY(!find(ep, u"clear_stuck"_s).probe);
    for (const char *name : {"platform_status", "slo", "predict_load", "healing", "regions"})
        QVERIFY2(find(ep, QString::fromLatin1(name)).probe, name);

    const QList<EndpointSpec> rust = ph::profileEndpoints(u"botcore"_s, u"rust-core-engine"_s);
    QCOMPARE(find(rust, u"health"_s).path, u"/api/health"_s);
    QCOMPARE(find(rust, u"binance_ping"_s).path, u"/api/v1/binance/ping"_s);
    QCOMPARE(find(rust, u"metrics"_s).path, u"/metrics"_s);
    const QList<EndpointSpec> ai = ph::profileEndpoints(u"botcore"_s, u"python-ai-service"_s);
    QCOMPARE(find(ai, u"health"_s).path, u"/health"_s);
    QCOMPARE(find(ai, u"ai_status"_s).path, u"/api/ai/status"_s);
    QVERIFY(ph::profileEndpoints(u"botcore"_s).isEmpty());
    QVERIFY(ph::profileEndpoints(u"generic"_s).isEmpty());
    QVERIFY(ph::profileEndpoints(u"nginx"_s).isEmpty());
    QCOMPARE(defaultLatencyBudgetMs(u"echopilot"_s), 1000);
    QCOMPARE(defaultBaseUrl(u"botcore"_s, u"rust-core-engine"_s).port(), 8080);
}

void TestWorkspace::healthStatuses_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<bool>("healthy");
    QTest::addColumn<bool>("degraded");
    QTest::newRow("ok") << u"ok"_s << true << false;
    QTest::newRow("healthy") << u"healthy"_s << true << false;
    QTest::newRow("ready") << u"ready"_s << true << false;
    QTest::newRow("upper case") << u"OK"_s << true << false;
    QTest::newRow("degraded") << u"degraded"_s << false << true;
    QTest::newRow("warn") << u"warn"_s << false << true;
    QTest::newRow("down") << u"down"_s << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void TestWorkspace::healthStatuses()
{
    QFETCH(QString, status);
    QFETCH(bool, healthy);
    QFETCH(bool, degraded);
    QCOMPARE(isHealthyStatus(status), healthy);
    QCOMPARE(isDegradedStatus(status), degraded);
}

void TestWorkspace::watcherKeepsLastGoodWorkspace()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"team.workspace.jsonc"_s);
    QVERIFY(writeAtomically(path, namedWorkspace(u"first"_s)));

    WorkspaceWatcher watcher;
    watcher.setDebounceInterval(50);
    QSignalSpy loaded(&watcher, &WorkspaceWatcher::loaded);
    QSignalSpy failed(&watcher, &WorkspaceWatcher::loadFailed);
    watcher.setFilePath(path);
    QTRY_COMPARE(loaded.count(), 1);
    QCOMPARE(watcher.current().name, u"first"_s);
    QCOMPARE(loaded.at(0).at(0).value<Workspace>().name, u"first"_s);

    // Saved the way many editors do: a new file renamed over the old one.
    QVERIFY(writeAtomically(path, "{\n  \"schema_version\": 2,\n  \"name\": \"x\"\n  oops\n}"));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).value<Error>().code, u"workspace.syntax"_s);
    QVERIFY(failed.at(0).at(0).value<Error>().message.contains(u":4:3:"_s));
    QCOMPARE(watcher.current().name, u"first"_s);
    QVERIFY(watcher.hasCurrent());
    QCOMPARE(watcher.lastError().code, u"workspace.syntax"_s);

    // Fixed in place: the watch survived the rename.
    QVERIFY(writeInPlace(path, namedWorkspace(u"second"_s)));
    QTRY_COMPARE(loaded.count(), 2);
    QCOMPARE(watcher.current().name, u"second"_s);
    QVERIFY(watcher.lastError().code.isEmpty());

    // A semantic error also leaves the good workspace in place.
    QVERIFY(writeInPlace(path, toText(mutated(u"/hosts/0/port"_s, "0"))));
    QTRY_COMPARE(failed.count(), 2);
    QCOMPARE(failed.at(1).at(0).value<Error>().code, u"workspace.invalid"_s);
    QCOMPARE(watcher.current().name, u"second"_s);

    // Deleted and written again later.
    QVERIFY(QFile::remove(path));
    QTRY_COMPARE(failed.count(), 3);
    QVERIFY(writeInPlace(path, namedWorkspace(u"third"_s)));
    QTRY_COMPARE(loaded.count(), 3);
    QCOMPARE(watcher.current().name, u"third"_s);
    QCOMPARE(failed.count(), 3);
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
