// SPDX-License-Identifier: GPL-3.0-or-later
#include "runbooks/runbookparser.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

QString sourceDir()
{
    return QStringLiteral(PILOTHOUSE_SOURCE_DIR);
}

QString runbookDir()
{
    return sourceDir() + u"/resources/runbooks"_s;
}

QString goldenDir()
{
    return sourceDir() + u"/tests/unit/runbooks/golden"_s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

// "kind:what" for each step, what = command for command/http steps, title for manual checks.
QStringList stepSummary(const Runbook &rb)
{
    QStringList out;
    for (const Step &s : rb.allSteps()) {
        out.append(stepKindName(s.kind) + u':' +
                   (s.kind == Step::Kind::Manual ? s.title : s.command));
    }
    return out;
}

QStringList builtinRunbookFiles()
{
    QStringList files;
    QDirIterator it(runbookDir(), {u"*.md"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(runbookDir()).relativeFilePath(it.next()));
    files.sort();
    return files;
}

// A stand-in for the safety layer, so the parser's own behaviour is tested on its own.
DestructiveVerdict fakeClassifier(const QString &command, const QString &)
{
    DestructiveVerdict v;
    if (command.contains(u"pkill"_s) || command.contains(u"ufw deny"_s)) {
        v.destructive = true;
        v.reasons.append(u"fake: stops or blocks"_s);
    }
    return v;
}

DestructiveVerdict noClassifier(const QString &, const QString &)
{
    return {};
}

} // namespace

class TestRunbookParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messyMarkdown_data();
    void messyMarkdown();
    void attributes_data();
    void attributes();
    void fenceAttributesApplied();
    void placeholders_data();
    void placeholders();
    void serverVariables_data();
    void serverVariables();
    void substitute_data();
    void substitute();
    void curlRecognition_data();
    void curlRecognition();
    void literalKeyIsRemoved();
    void onFailure();
    void frontMatter();
    void frontMatterProblems();
    void badInput();
    void classifierHook();
    void defaultClassifierFlagsDestructiveCommands();
    void operationsManual();
    void builtinRunbooks_data();
    void builtinRunbooks();
    void builtinMarksAgreeWithSafetyLayer_data() { builtinRunbooks_data(); }
    void builtinMarksAgreeWithSafetyLayer();
    void builtinResourceFileListsEveryRunbook();
    void fuzz();
    void importTimeOfLargeManual();
};

void TestRunbookParser::messyMarkdown_data()
{
    QTest::addColumn<QByteArray>("markdown");
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<int>("warnings");

    QTest::newRow("nested lists") << QByteArray("## Checks\n"
                                                "- Before you start\n"
                                                "  - [ ] Tell the channel\n"
                                                "  - [x] Open the dashboard\n"
                                                "    ```bash\n"
                                                "    uptime\n"
                                                "    ```\n"
                                                "- Plain item\n")
                                  << QStringList{u"manual:Tell the channel"_s,
                                                 u"manual:Open the dashboard"_s,
                                                 u"command:uptime"_s}
                                  << 0;
    QTest::newRow("code in numbered list")
        << QByteArray("1. Check logs:\n\n"
                      "   ```bash\n"
                      "   tail -100 app.log\n"
                      "   ```\n"
                      "2. Check disk:\n"
                      "   ```sh\n"
                      "   df -h\n"
                      "   ```\n")
        << QStringList{u"command:tail -100 app.log"_s, u"command:df -h"_s} << 0;
    QTest::newRow("tilde fence") << QByteArray("~~~bash {timeout=5}\nls -l\n~~~\n")
                                 << QStringList{u"command:ls -l"_s} << 0;
    QTest::newRow("long backtick fence containing backticks")
        << QByteArray("````sh\necho '```'\n````\n") << QStringList{u"command:echo '```'"_s} << 0;
    QTest::newRow("table stays prose")
        << QByteArray("| a | b |\n|---|---|\n| 1 | 2 |\n\n```bash\nls\n```\n")
        << QStringList{u"command:ls"_s} << 0;
    QTest::newRow("html comment") << QByteArray("<!-- keep me -->\n```bash\nls\n```\n")
                                  << QStringList{u"command:ls"_s} << 0;
    QTest::newRow("crlf") << QByteArray("# T\r\n\r\n## S\r\n\r\n```bash\r\nls\r\npwd\r\n```\r\n"
                                        "- [ ] done\r\n")
                          << QStringList{u"command:ls\npwd"_s, u"manual:done"_s} << 0;
    QTest::newRow("no trailing newline") << QByteArray("```bash\nls\n```\n- [ ] last")
                                         << QStringList{u"command:ls"_s, u"manual:last"_s} << 0;
    QTest::newRow("unknown attribute")
        << QByteArray("```bash {foo=bar host=web}\nls\n```\n") << QStringList{u"command:ls"_s} << 1;
    QTest::newRow("unterminated fence") << QByteArray("## S\n```bash\nls\nmore text\n")
                                        << QStringList{u"command:ls\nmore text"_s} << 1;
    QTest::newRow("unterminated empty fence")
        << QByteArray("text\n```") << QStringList{u"command:"_s} << 2;
    QTest::newRow("output fences are not steps")
        << QByteArray("```json\n{\"a\":1}\n```\n```text\nhello\n```\n") << QStringList{} << 0;
    QTest::newRow("indented code is not a step")
        << QByteArray("Example:\n\n    rm -rf /\n") << QStringList{} << 0;
    QTest::newRow("multi-line block stays one step")
        << QByteArray("```bash\ncd /opt\nls\n```\n") << QStringList{u"command:cd /opt\nls"_s} << 0;
    QTest::newRow("code in block quote")
        << QByteArray("> Careful:\n> ```bash\n> ls\n> ```\n") << QStringList{u"command:ls"_s} << 0;
    QTest::newRow("text after language")
        << QByteArray("```bash title=x\nls\n```\n") << QStringList{u"command:ls"_s} << 1;
    QTest::newRow("independent api calls are split")
        << QByteArray(
               "```bash\ncurl localhost:5000/a\n# b\ncurl -s localhost:8080/b | jq .x\n```\n")
        << QStringList{u"http:curl localhost:5000/a"_s, u"http:curl -s localhost:8080/b | jq .x"_s}
        << 0;
    QTest::newRow("empty document") << QByteArray() << QStringList{} << 0;
}

void TestRunbookParser::messyMarkdown()
{
    QFETCH(QByteArray, markdown);
    QFETCH(QStringList, steps);
    QFETCH(int, warnings);

    const Result<Runbook> rb = RunbookParser::parse(markdown, u"messy.md"_s);
    QVERIFY2(rb.has_value(), qPrintable(rb ? QString() : rb.error().toString()));
    QCOMPARE(stepSummary(*rb), steps);
    QCOMPARE(rb->warnings.size(), warnings);
    QVERIFY(rb->unplaced.isEmpty());
    // Nothing is dropped: every non-blank line of the input is somewhere in the export.
    const QString json = QString::fromUtf8(toJson(*rb));
    const QJsonObject exported = QJsonDocument::fromJson(toJson(*rb)).object();
    QCOMPARE(exported.value(u"format"_s).toInt(), 1);
    for (const QByteArray &l : markdown.split('\n')) {
        const QString word = QString::fromUtf8(l).trimmed().remove(u'\r');
        static const QRegularExpression wordRe(u"[A-Za-z]{4,}"_s);
        const auto m = wordRe.match(word);
        if (m.hasMatch())
            QVERIFY2(json.contains(m.captured(0)), qPrintable(m.captured(0)));
    }
}

void TestRunbookParser::attributes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("pairs");
    QTest::addColumn<int>("errors");

    QTest::newRow("flags and values")
        << u"{host=app destructive timeout=60}"_s
        << QStringList{u"host=app"_s, u"destructive=true"_s, u"timeout=60"_s} << 0;
    QTest::newRow("quoted with spaces")
        << u"{expect.regex=\"200 OK\" expect.json='/depth < 50'}"_s
        << QStringList{u"expect.regex=200 OK"_s, u"expect.json=/depth < 50"_s} << 0;
    QTest::newRow("escaped quote")
        << uR"({expect.regex="say \"hi\""})"_s << QStringList{u"expect.regex=say \"hi\""_s} << 0;
    QTest::newRow("brace inside quotes") << u"{expect.regex=\"a}b\" host=x}"_s
                                         << QStringList{u"expect.regex=a}b"_s, u"host=x"_s} << 0;
    QTest::newRow("unclosed quote")
        << u"{expect.regex=\"oops}"_s << QStringList{u"expect.regex=oops}"_s} << 2;
    QTest::newRow("no closing brace") << u"{host=app"_s << QStringList{u"host=app"_s} << 1;
    QTest::newRow("value without name") << u"{=x host=a}"_s << QStringList{u"host=a"_s} << 1;
    QTest::newRow("empty value") << u"{host=}"_s << QStringList{u"host="_s} << 1;
    QTest::newRow("text after brace") << u"{host=a} extra"_s << QStringList{u"host=a"_s} << 1;
    QTest::newRow("commas") << u"{host=a, group=b}"_s << QStringList{u"host=a"_s, u"group=b"_s}
                            << 0;
    QTest::newRow("empty") << u"{}"_s << QStringList{} << 0;
}

void TestRunbookParser::attributes()
{
    QFETCH(QString, text);
    QFETCH(QStringList, pairs);
    QFETCH(int, errors);

    const FenceAttributes a = RunbookParser::parseAttributes(text);
    QStringList got;
    for (const auto &[k, v] : a.values)
        got.append(k + u'=' + v);
    QCOMPARE(got, pairs);
    QCOMPARE(a.errors.size(), errors);
}

void TestRunbookParser::fenceAttributesApplied()
{
    const QByteArray md =
        "## Check\n"
        "```bash {host=app group=web cwd=/srv/x destructive timeout=60 expect.exit=0 "
        "expect.regex=\"200 OK\" expect.http=200 expect.latency_ms=1000 "
        "expect.json=\"/depth < 50\" id=check-one}\n"
        "run-it\n"
        "```\n"
        "```bash {timeout=abc expect.http=42 expect.regex=\"(\" destructive=maybe}\n"
        "second\n"
        "```\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"a.md"_s, {fakeClassifier});
    QVERIFY(rb);
    QCOMPARE(rb->stepCount(), 2);
    const Step &s = rb->sections.at(0).steps.at(0);
    QCOMPARE(s.id, u"check-one"_s);
    QCOMPARE(s.host, u"app"_s);
    QCOMPARE(s.group, u"web"_s);
    QCOMPARE(s.cwd, u"/srv/x"_s);
    QVERIFY(s.destructive);
    QCOMPARE(s.timeoutSec, 60);
    QCOMPARE(s.expectations.exitCode, std::optional<int>(0));
    QCOMPARE(s.expectations.regex, u"200 OK"_s);
    QCOMPARE(s.expectations.httpStatus, std::optional<int>(200));
    QCOMPARE(s.expectations.latencyMs, std::optional<int>(1000));
    QCOMPARE(s.expectations.jsonPointerExpr, u"/depth < 50"_s);
    QCOMPARE(s.title, u"Check"_s);

    // Bad values are reported one by one and ignored; a doubtful destructive mark errs on
    // the side of asking.
    const Step &t = rb->sections.at(0).steps.at(1);
    QCOMPARE(t.id, u"check/2"_s);
    QCOMPARE(t.timeoutSec, 0);
    QVERIFY(!t.expectations.httpStatus);
    QVERIFY(t.expectations.regex.isEmpty());
    QVERIFY(t.destructive);
    QCOMPARE(rb->warnings.size(), 4);
    for (const RunbookIssue &w : rb->warnings) {
        QCOMPARE(w.line, 5);
        QVERIFY(!w.reason.isEmpty());
    }
}

void TestRunbookParser::placeholders_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("found");

    QTest::newRow("service") << u"docker-compose restart <service>"_s
                             << QStringList{u"<service>"_s};
    QTest::newRow("dashed") << u"ufw deny from <malicious-ip>"_s
                            << QStringList{u"<malicious-ip>"_s};
    QTest::newRow("id") << u"curl /api/partners/dashboard?partner_id=PTR_XXX"_s
                        << QStringList{u"PTR_XXX"_s};
    QTest::newRow("order") << u"x PTR_XXX <b-c> <host>"_s
                           << QStringList{u"PTR_XXX"_s, u"<b-c>"_s, u"<host>"_s};
    QTest::newRow("html tags") << u"echo '<br>' '<div>' '</p>'"_s << QStringList{};
    QTest::newRow("url") << u"see <https://example.org/x>"_s << QStringList{};
    QTest::newRow("heredoc") << u"cat <<EOF\nhi\nEOF"_s << QStringList{};
    QTest::newRow("redirection") << u"sort <in.txt >out.txt"_s << QStringList{};
    QTest::newRow("spaces") << u"manual_<UTC timestamp>.tar.gz"_s
                            << QStringList{u"<UTC timestamp>"_s};
    QTest::newRow("repeated") << u"<svc> and <svc>"_s << QStringList{u"<svc>"_s};
    QTest::newRow("not an id") << u"MAX_X PTR_123 ptr_xxx"_s << QStringList{};
}

void TestRunbookParser::placeholders()
{
    QFETCH(QString, text);
    QFETCH(QStringList, found);
    QCOMPARE(RunbookParser::findPlaceholders(text), found);
}

void TestRunbookParser::serverVariables_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("found");

    QTest::newRow("plain") << u"psql $DATABASE_URL"_s << QStringList{u"DATABASE_URL"_s};
    QTest::newRow("braced") << u"mongodump --uri=\"${DATABASE_URL}\" -o ${OUT_DIR}/x"_s
                            << QStringList{u"DATABASE_URL"_s, u"OUT_DIR"_s};
    QTest::newRow("single quotes are literal")
        << u"awk '{print $NF}' $LOG"_s << QStringList{u"LOG"_s};
    QTest::newRow("lower case and positional") << u"echo $1 $foo $(date) $Bar"_s << QStringList{};
    QTest::newRow("escaped") << u"echo \\$HOME"_s << QStringList{};
    QTest::newRow("comment lines") << u"# uses $SECRET\nls"_s << QStringList{};
}

void TestRunbookParser::serverVariables()
{
    QFETCH(QString, text);
    QFETCH(QStringList, found);
    QCOMPARE(RunbookParser::findServerVariables(text), found);
}

void TestRunbookParser::substitute_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::newRow("angle") << u"docker-compose restart <service>"_s
                           << u"docker-compose restart rust-core-engine"_s;
    QTest::newRow("id") << u"?partner_id=PTR_XXX&x=PTR_XXX"_s << u"?partner_id=PTR_042&x=PTR_042"_s;
    QTest::newRow("missing value stays")
        << u"ufw deny from <malicious-ip> <other>"_s << u"ufw deny from 203.0.113.9 <other>"_s;
    QTest::newRow("value is not re-substituted")
        << u"<loop> <service>"_s << u"<service> rust-core-engine"_s;
    QTest::newRow("nothing") << u"ls -l"_s << u"ls -l"_s;
}

void TestRunbookParser::substitute()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const QMap<QString, QString> values{{u"service"_s, u"rust-core-engine"_s},
                                        {u"PTR_XXX"_s, u"PTR_042"_s},
                                        {u"malicious-ip"_s, u"203.0.113.9"_s},
                                        {u"loop"_s, u"<service>"_s}};
    QCOMPARE(substituteParameters(text, values), expected);
}

void TestRunbookParser::curlRecognition_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("http");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("needsKey");
    QTest::addColumn<QString>("jq");

    QTest::newRow("queue with key")
        << uR"(curl http://localhost:5000/api/queue/status -H "X-Dash-Key: $DASHBOARD_KEY")"_s
        << true << u"GET"_s << u"echopilot"_s << u"/api/queue/status"_s << true << QString();
    QTest::newRow("jq") << u"curl -s http://localhost:8080/api/health | jq '.status'"_s << true
                        << u"GET"_s << u"rust-core-engine"_s << u"/api/health"_s << false
                        << u".status"_s;
    QTest::newRow("jq -r") << u"curl -sf localhost:8000/health | jq -r .status"_s << true
                           << u"GET"_s << u"python-ai-service"_s << u"/health"_s << false
                           << u".status"_s;
    QTest::newRow("post") << u"curl -X POST http://127.0.0.1:5000/api/queue/clear-stuck \\\n"
                             "  -H 'X-Dash-Key: ${DASHBOARD_KEY}'"_s
                          << true << u"POST"_s << u"echopilot"_s << u"/api/queue/clear-stuck"_s
                          << true << QString();
    QTest::newRow("query") << u"curl \"http://localhost:5000/api/finops/summary?days=30\""_s << true
                           << u"GET"_s << u"echopilot"_s << u"/api/finops/summary?days=30"_s
                           << false << QString();
    QTest::newRow("comment line") << u"# check\ncurl -s http://localhost:5000/api/health"_s << true
                                  << u"GET"_s << u"echopilot"_s << u"/api/health"_s << false
                                  << QString();
    QTest::newRow("grep pipe") << u"curl http://localhost:5000/api/health | grep ok"_s << false
                               << QString() << QString() << QString() << false << QString();
    QTest::newRow("redirect") << u"curl http://localhost:5000/x > out.csv"_s << false << QString()
                              << QString() << QString() << false << QString();
    QTest::newRow("remote host") << u"curl https://api.example.org/health"_s << false << QString()
                                 << QString() << QString() << false << QString();
    QTest::newRow("other auth") << u"curl -H 'Authorization: Bearer $T' localhost:5000/x"_s << false
                                << QString() << QString() << QString() << false << QString();
    QTest::newRow("insecure") << u"curl -k https://localhost:5000/x"_s << false << QString()
                              << QString() << QString() << false << QString();
    QTest::newRow("curl and shell") << u"curl localhost:5000/a\nls"_s << false << QString()
                                    << QString() << QString() << false << QString();
}

void TestRunbookParser::curlRecognition()
{
    QFETCH(QString, command);
    QFETCH(bool, http);
    QFETCH(QString, method);
    QFETCH(QString, service);
    QFETCH(QString, path);
    QFETCH(bool, needsKey);
    QFETCH(QString, jq);

    const QByteArray md = "```bash\n" + command.toUtf8() + "\n```\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"c.md"_s);
    QVERIFY(rb);
    QCOMPARE(rb->stepCount(), 1);
    const Step s = rb->allSteps().first();
    QCOMPARE(s.kind == Step::Kind::Http, http);
    if (!http)
        return;
    QCOMPARE(s.http.method, method);
    QCOMPARE(s.http.service, service);
    QCOMPARE(s.http.path, path);
    QCOMPARE(s.http.needsKey, needsKey);
    QCOMPARE(s.http.jq, jq);
    QCOMPARE(s.expectations.httpStatus, std::optional<int>(200));
    QVERIFY(!rb->serverVariables.contains(u"DASHBOARD_KEY"_s));
}

void TestRunbookParser::literalKeyIsRemoved()
{
    const QByteArray md =
        "Use the key like this: `X-Dash-Key: s3cr3t-k3y`\n\n"
        "```bash\n"
        "curl http://localhost:5000/api/queue/status -H 'X-Dash-Key: s3cr3t-k3y'\n"
        "```\n"
        "```bash\n"
        "curl localhost:5000/api/audit/chain -H 'X-Dash-Key: <your-key>'\n"
        "```\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"k.md"_s);
    QVERIFY(rb);
    const QByteArray json = toJson(*rb);
    QVERIFY(!json.contains("s3cr3t"));
    QCOMPARE(rb->warnings.size(), 2); // the prose line and the command line
    QCOMPARE(rb->stepCount(), 2);
    for (const Step &s : rb->allSteps()) {
        QCOMPARE(s.kind, Step::Kind::Http);
        QVERIFY(s.http.needsKey);
        QVERIFY(s.command.contains(u"$DASHBOARD_KEY"_s));
    }
    // A placeholder for the key is the keychain's job, not a parameter to type in.
    QVERIFY(rb->parameters.isEmpty());
}

void TestRunbookParser::onFailure()
{
    const QByteArray md = "## Health\n"
                          "Run the check.\n\n"
                          "```bash\n./check.sh\n```\n\n"
                          "Expected: all green.\n\n"
                          "**On failure:**\n\n"
                          "- look in `/tmp/logs/`\n"
                          "- page the lead\n\n"
                          "Next, the queue.\n\n"
                          "```bash\n./queue.sh\n```\n"
                          "If it fails, restart the worker.\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"f.md"_s);
    QVERIFY(rb);
    QCOMPARE(rb->stepCount(), 2);
    const Step &a = rb->sections.at(0).steps.at(0);
    const Step &b = rb->sections.at(0).steps.at(1);
    QCOMPARE(a.title, u"Run the check"_s);
    QVERIFY(a.explanation.contains(u"Expected: all green."_s));
    QVERIFY(a.onFailure.contains(u"**On failure:**"_s));
    QVERIFY(a.onFailure.contains(u"- page the lead"_s));
    QCOMPARE(b.title, u"Next, the queue"_s);
    QCOMPARE(b.onFailure, u"If it fails, restart the worker."_s);
}

void TestRunbookParser::frontMatter()
{
    const QByteArray md = "---\n"
                          "title: \"Nightly checks\"\n"
                          "service: echopilot\n"
                          "environment: production\n"
                          "schedule: biweekly sat 02:00 UTC anchor=2026-01-10\n"
                          "host: app-1\n"
                          "cwd: /srv/app\n"
                          "timeout: 120\n"
                          "# a comment\n"
                          "param.new-password: secret The new admin password\n"
                          "param.region: text Region to drain\n"
                          "---\n"
                          "# Ignored title\n\n"
                          "```bash {host=db}\nset-password <new-password> <region> <other-token>\n"
                          "```\n"
                          "```bash\nuptime\n```\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"fm.md"_s);
    QVERIFY(rb);
    QCOMPARE(rb->title, u"Nightly checks"_s);
    QCOMPARE(rb->service, u"echopilot"_s);
    QCOMPARE(rb->environment, u"production"_s);
    QCOMPARE(rb->schedule, u"biweekly sat 02:00 UTC anchor=2026-01-10"_s);
    QVERIFY(rb->unplaced.isEmpty());
    QCOMPARE(rb->stepCount(), 2);
    const Step &a = rb->sections.at(0).steps.at(0);
    const Step &b = rb->sections.at(0).steps.at(1);
    QCOMPARE(a.host, u"db"_s);
    QCOMPARE(b.host, u"app-1"_s);
    QCOMPARE(b.cwd, u"/srv/app"_s);
    QCOMPARE(b.timeoutSec, 120);
    QCOMPARE(a.sourceLine, 15); // line numbers are the file's, front matter included
    QCOMPARE(rb->parameters.size(), 3);
    QCOMPARE(rb->parameters.at(0).name, u"new-password"_s);
    QCOMPARE(rb->parameters.at(0).type, RunbookParameter::Type::Secret);
    QCOMPARE(rb->parameters.at(0).description, u"The new admin password"_s);
    QCOMPARE(rb->parameters.at(1).name, u"region"_s);
    QCOMPARE(rb->parameters.at(1).type, RunbookParameter::Type::Text);
    QCOMPARE(rb->parameters.at(2).name, u"other-token"_s);
    QCOMPARE(rb->parameters.at(2).type, RunbookParameter::Type::Secret);
}

void TestRunbookParser::frontMatterProblems()
{
    const Result<Runbook> rb = RunbookParser::parse(
        "---\ntitle: X\nowner: ops\nthis is not yaml\ntimeout: soon\n---\n- [ ] a\n", u"p.md"_s);
    QVERIFY(rb);
    QCOMPARE(rb->title, u"X"_s);
    QCOMPARE(rb->unplaced.size(), 3);
    QCOMPARE(rb->unplaced.at(0).line, 3);
    QCOMPARE(rb->unplaced.at(0).text, u"owner: ops"_s);
    QCOMPARE(rb->unplaced.at(1).line, 4);
    QCOMPARE(rb->unplaced.at(2).line, 5);
    QCOMPARE(rb->stepCount(), 1);

    // Never closed: the file is read as Markdown and nothing disappears.
    const Result<Runbook> open = RunbookParser::parse("---\ntitle: X\n\n- [ ] a\n", u"o.md"_s);
    QVERIFY(open);
    QCOMPARE(open->warnings.size(), 1);
    QCOMPARE(open->stepCount(), 1);
    QVERIFY(toJson(*open).contains("title: X"));

    // Link reference definitions are consumed by Markdown; they are listed, not lost.
    const Result<Runbook> refs =
        RunbookParser::parse("See [docs].\n\n[docs]: https://example.org/docs\n", u"r.md"_s);
    QVERIFY(refs);
    QCOMPARE(refs->unplaced.size(), 1);
    QCOMPARE(refs->unplaced.at(0).line, 3);
}

void TestRunbookParser::badInput()
{
    const Result<Runbook> binary = RunbookParser::parse(QByteArray("\x7f"
                                                                   "ELF\0\0\1",
                                                                   7),
                                                        u"/tmp/tool.bin"_s);
    QVERIFY(!binary);
    QCOMPARE(binary.error().code, u"runbook.binary"_s);
    QVERIFY(binary.error().message.contains(u"/tmp/tool.bin"_s));

    const Result<Runbook> missing =
        RunbookParser::parseFile(QDir::tempPath() + u"/no-such-runbook-here.md"_s);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"runbook.read"_s);
    QVERIFY(missing.error().message.contains(u"no-such-runbook-here.md"_s));

    // Invalid UTF-8 is still text: it is read, not refused.
    const Result<Runbook> latin1 = RunbookParser::parse("- [ ] caf\xe9\n", u"l.md"_s);
    QVERIFY(latin1);
    QCOMPARE(latin1->stepCount(), 1);
}

void TestRunbookParser::classifierHook()
{
    const QByteArray md = "```bash\npkill -f gunicorn\n```\n```bash\nls\n```\n"
                          "```bash {destructive}\nls\n```\n";
    const Result<Runbook> rb = RunbookParser::parse(md, u"h.md"_s, {fakeClassifier});
    QVERIFY(rb);
    const QList<Step> steps = rb->allSteps();
    QCOMPARE(steps.size(), 3);
    QVERIFY(steps.at(0).destructive);
    QCOMPARE(steps.at(0).destructiveReasons, QStringList{u"fake: stops or blocks"_s});
    QVERIFY(!steps.at(1).destructive);
    QVERIFY(steps.at(2).destructive);
    QCOMPARE(steps.at(2).destructiveReasons.size(), 1);
    // A fence cannot talk the safety layer out of its verdict.
    const Result<Runbook> overruled = RunbookParser::parse(
        "```bash {destructive=false}\npkill x\n```\n", u"o.md"_s, {fakeClassifier});
    QVERIFY(overruled);
    QVERIFY(overruled->allSteps().first().destructive);
}

void TestRunbookParser::defaultClassifierFlagsDestructiveCommands()
{
    const DestructiveClassifier c = RunbookParser::defaultClassifier();
    QVERIFY(c);
    QVERIFY(c(u"pkill -f gunicorn"_s, u"bash"_s).destructive);
    QVERIFY(!c(u"pkill -f gunicorn"_s, u"bash"_s).reasons.isEmpty());
    QVERIFY(c(u"DROP TABLE users;"_s, u"sql"_s).destructive);
    QVERIFY(!c(u"SELECT 1;"_s, u"sql"_s).destructive);
    QVERIFY(c(u"import shutil"_s, u"python"_s).destructive);
    QVERIFY(!RunbookParser::defaultClassifier({u"bot_core_test"_s})(
                 u"mongosh mongodb://localhost:27017/bot_core_test --eval 'db.dropDatabase()'"_s,
                 u"bash"_s)
                 .destructive);
    QVERIFY(!c(u"df -h"_s, u"bash"_s).destructive);
}

void TestRunbookParser::operationsManual()
{
    const QString path = sourceDir() + u"/tests/unit/runbooks/fixtures/ops-manual.md"_s;
    const Result<Runbook> rb = RunbookParser::parseFile(path, {fakeClassifier});
    QVERIFY2(rb, qPrintable(rb ? QString() : rb.error().toString()));

    QCOMPARE(rb->title, u"EchoPilot Operations Manual"_s);
    QStringList sections;
    for (const RunbookSection &s : rb->sections)
        sections.append(QString::number(s.level) + u' ' + s.title);
    const QStringList expectedSections{
        u"2 Table of Contents"_s,
        u"2 Daily Operations"_s,
        u"3 1. Health Check"_s,
        u"3 2. Log Review"_s,
        u"3 3. Queue Status"_s,
        u"3 4. Platform status"_s,
        u"2 Weekly Operations"_s,
        u"3 Compliance maintenance"_s,
        u"3 Backup verification"_s,
        u"3 Performance review"_s,
        u"3 Analytics roll-up"_s,
        u"2 Monthly Operations"_s,
        u"3 Security updates"_s,
        u"3 Capacity planning"_s,
        u"3 Financial review"_s,
        u"3 Partner payouts"_s,
        u"2 Emergency Procedures"_s,
        u"3 Service Down"_s,
        u"3 Database Issues"_s,
        u"3 High Load"_s,
        u"2 Backup & Restore"_s,
        u"3 Manual Backup"_s,
        u"3 Restore"_s,
        u"3 Log rotation"_s,
        u"3 Database maintenance"_s,
        u"2 Partner Support"_s,
        u"2 Security"_s,
        u"3 Blocking an attacker"_s,
        u"3 Token rotation"_s,
        u"3 Access audit"_s,
        u"2 Contacts"_s,
    };
    QCOMPARE(sections, expectedSections);

    int manual = 0, http = 0, command = 0;
    for (const Step &s : rb->allSteps()) {
        manual += s.kind == Step::Kind::Manual;
        http += s.kind == Step::Kind::Http;
        command += s.kind == Step::Kind::Command;
    }
    QCOMPARE(manual, 16);
    QCOMPARE(http, 10);
    QCOMPARE(command, 22);

    // The health check keeps its explanation and its "If it fails" list.
    const Step *health = rb->step(u"1-health-check/1"_s);
    QVERIFY(health);
    QCOMPARE(health->command,
             u"# Run the automated health check\npython3 scripts/daily_health_check.py"_s);
    QCOMPARE(health->title, u"Run the automated health check"_s);
    QVERIFY(health->explanation.contains(u"Response times < 1000ms"_s));
    QVERIFY(health->onFailure.contains(u"Review `logs/daily_health.json`"_s));

    const Step *queue = rb->step(u"3-queue-status/1"_s);
    QVERIFY(queue);
    QCOMPARE(queue->kind, Step::Kind::Http);
    QCOMPARE(queue->http.path, u"/api/queue/status"_s);
    QVERIFY(queue->http.needsKey);
    QVERIFY(queue->explanation.contains(u"| Queue depth | < 50 |"_s));

    const Step *platform = rb->step(u"4-platform-status/1"_s);
    QVERIFY(platform);
    QCOMPARE(platform->http.jq, u".status"_s);
    QVERIFY(!platform->http.needsKey);

    // The payouts export redirects into a file: a shell command, not a native check.
    const Step *payouts = rb->step(u"partner-payouts/1"_s);
    QVERIFY(payouts);
    QCOMPARE(payouts->kind, Step::Kind::Command);

    const Step *clear = rb->step(u"high-load/5"_s);
    QVERIFY(clear);
    QCOMPARE(clear->http.method, u"POST"_s);

    QStringList params;
    for (const RunbookParameter &p : rb->parameters)
        params.append(p.name + u':' + parameterTypeName(p.type));
    QCOMPARE(params, (QStringList{u"timestamp:text"_s, u"backup-file:text"_s, u"PTR_XXX:text"_s,
                                  u"malicious-ip:text"_s, u"new-api-key:secret"_s}));
    QCOMPARE(rb->serverVariables, QStringList{u"DATABASE_URL"_s});

    QStringList destructive;
    for (const Step &s : rb->allSteps()) {
        if (s.destructive)
            destructive.append(s.id);
    }
    QCOMPARE(destructive,
             (QStringList{u"service-down/3"_s, u"restore/1"_s, u"blocking-an-attacker/1"_s}));
    QVERIFY(rb->unplaced.isEmpty());
    QVERIFY(rb->warnings.isEmpty());

    // With the real safety layer: kills, restores, extraction over live files, deletion,
    // firewall changes, an overwriting redirection, and code it cannot read.
    const Result<Runbook> real = RunbookParser::parseFile(path);
    QVERIFY(real);
    QStringList flagged;
    for (const Step &s : real->allSteps()) {
        if (s.destructive) {
            flagged.append(s.id);
            QVERIFY(!s.destructiveReasons.isEmpty());
        }
    }
    QCOMPARE(flagged,
             (QStringList{u"partner-payouts/1"_s, u"service-down/3"_s, u"database-issues/1"_s,
                          u"database-issues/4"_s, u"restore/1"_s, u"restore/2"_s,
                          u"log-rotation/1"_s, u"blocking-an-attacker/1"_s}));
    QVERIFY(real->step(u"database-issues/1"_s)->destructiveReasons.first().startsWith(u"python"_s));

    // Prose outside any step is kept: the intro, the contact table, the trailing comment.
    QVERIFY(rb->description.contains(u"Version 3.2"_s));
    QVERIFY(rb->sections.last().intro.contains(u"escalation matrix"_s));
    QVERIFY(rb->sections.first().intro.contains(u"Partner Support"_s));
}

void TestRunbookParser::builtinRunbooks_data()
{
    QTest::addColumn<QString>("file");
    const QStringList files = builtinRunbookFiles();
    for (const QString &f : files)
        QTest::newRow(qPrintable(f)) << f;
}

void TestRunbookParser::builtinRunbooks()
{
    QFETCH(QString, file);
    // The golden files pin down the parser and the runbook text; the safety layer's verdicts
    // (and their wording) are checked against the runbooks' own marks in a test of their own.
    const Result<Runbook> rb =
        RunbookParser::parse(readFile(runbookDir() + u'/' + file), file, {noClassifier});
    QVERIFY(rb);
    for (const RunbookIssue &i : rb->unplaced)
        qWarning().noquote() << file << i.line << i.text << i.reason;
    for (const RunbookIssue &i : rb->warnings)
        qWarning().noquote() << file << i.line << i.text << i.reason;
    QVERIFY(rb->unplaced.isEmpty());
    QVERIFY(rb->warnings.isEmpty());
    QVERIFY(!rb->title.isEmpty());
    QVERIFY(rb->service == u"echopilot"_s || rb->service == u"botcore"_s);
    QCOMPARE(rb->environment, u"production"_s);
    QVERIFY(rb->stepCount() >= 3);

    // Every step a tired engineer could hurt themselves with is marked, whatever the
    // classifier says.
    static const QRegularExpression dangerous(
        u"pkill|docker-compose (down|restart|stop|up -d --force-recreate|up .*--scale)|--drop|"
        "dropDatabase|tar -x|ufw deny|rm -|-delete|--restore|truncate|DROP"_s);
    for (const Step &s : rb->allSteps()) {
        if (dangerous.match(s.command).hasMatch())
            QVERIFY2(s.destructive, qPrintable(file + u": "_s + s.id));
        if (s.destructive)
            QVERIFY2(!s.destructiveReasons.isEmpty(), qPrintable(s.id));
        QVERIFY2(!s.title.isEmpty(), qPrintable(s.id));
        if (s.kind != Step::Kind::Manual)
            QVERIFY2(s.timeoutSec > 0 || s.kind == Step::Kind::Http, qPrintable(s.id));
    }

    const QByteArray json = toJson(*rb);
    QString goldenName = file;
    goldenName.replace(u'/', u'-').replace(u".md"_s, u".json"_s);
    const QString golden = goldenDir() + u'/' + goldenName;
    if (qEnvironmentVariableIntValue("PILOTHOUSE_UPDATE_GOLDEN") == 1) {
        QFile out(golden);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(json);
        qInfo() << "rewrote" << golden;
    }
    const QByteArray expected = readFile(golden);
    QVERIFY2(
        !expected.isEmpty(),
        qPrintable(u"missing golden file %1; run with PILOTHOUSE_UPDATE_GOLDEN=1"_s.arg(golden)));
    QCOMPARE(QJsonDocument::fromJson(json), QJsonDocument::fromJson(expected));
}

void TestRunbookParser::builtinMarksAgreeWithSafetyLayer()
{
    QFETCH(QString, file);
    const Result<Runbook> rb =
        RunbookParser::parse(readFile(runbookDir() + u'/' + file), file, {noClassifier});
    QVERIFY(rb);
    // bot_core_test is the scratch database of the weekly restore check (RUNBOOKS.md).
    const DestructiveClassifier withScratch =
        RunbookParser::defaultClassifier({u"bot_core_test"_s});
    const DestructiveClassifier strict = RunbookParser::defaultClassifier();
    for (const Step &s : rb->allSteps()) {
        if (s.kind == Step::Kind::Manual)
            continue;
        const DestructiveVerdict v = withScratch(s.command, s.language);
        // What the safety layer calls destructive, the runbook marks too, so a reader sees
        // it and a runner without the classifier asks as well.
        if (v.destructive)
            QVERIFY2(s.destructive, qPrintable(file + u": "_s + s.id + u" is not marked: "_s +
                                               v.reasons.join(u"; "_s)));
        // And a mark is never arbitrary: without the workspace's scratch databases the
        // classifier agrees.
        if (s.destructive)
            QVERIFY2(strict(s.command, s.language).destructive,
                     qPrintable(file + u": "_s + s.id + u" is marked but looks harmless"_s));
    }
}

void TestRunbookParser::builtinResourceFileListsEveryRunbook()
{
    QFile qrc(runbookDir() + u"/runbooks.qrc"_s);
    QVERIFY(qrc.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&qrc);
    QStringList listed;
    QString prefix;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && xml.name() == u"qresource"_s)
            prefix = xml.attributes().value(u"prefix"_s).toString();
        if (xml.isStartElement() && xml.name() == u"file"_s)
            listed.append(xml.readElementText());
    }
    QVERIFY(!xml.hasError());
    QCOMPARE(prefix, u"/runbooks"_s);
    listed.sort();
    QCOMPARE(listed, builtinRunbookFiles());
    QCOMPARE(listed.size(), 18);
}

void TestRunbookParser::fuzz()
{
    // Deterministic garbage: random bytes, and random splices of Markdown that runbooks use.
    static const char *const pieces[] = {
        "# ",
        "## ",
        "\n",
        "\r\n",
        "```",
        "~~~",
        "bash ",
        "{",
        "}",
        "host=",
        "\"",
        "'",
        "=",
        "- [ ] ",
        "- [x] ",
        "  ",
        "1. ",
        "> ",
        "<!-- ",
        " -->",
        "|a|b|\n|-|-|\n",
        "<svc>",
        "PTR_XXX",
        "$DATABASE_URL",
        "curl http://localhost:5000/api/x -H 'X-Dash-Key: k'",
        " | jq .a",
        "---\n",
        "title: t\n",
        "expect.regex=\"(\" ",
        "destructive ",
        "\\",
        "On failure:",
        "[r]: http://x\n",
        "\t",
        "    ",
        "\xff\xfe",
        "\xc3\xa9",
        "*",
        "_",
    };
    QRandomGenerator rng(20261123);
    int parsed = 0;
    for (int round = 0; round < 400; ++round) {
        QByteArray input;
        if (round % 4 == 0) {
            const int n = int(rng.bounded(512));
            for (int i = 0; i < n; ++i)
                input.append(char(rng.bounded(1, 256)));
        } else {
            const int n = int(rng.bounded(1, 120));
            for (int i = 0; i < n; ++i)
                input.append(pieces[rng.bounded(int(std::size(pieces)))]);
        }
        QCOMPARE(parseRunbookForFuzzing(reinterpret_cast<const uint8_t *>(input.constData()),
                                        size_t(input.size())),
                 0);
        parsed += RunbookParser::parse(input, u"f.md"_s).has_value();
    }
    QCOMPARE(parsed, 400);
    // With NUL bytes the input is not a runbook: a clear error, no crash.
    const QByteArray nul("# a\0b", 5);
    QCOMPARE(parseRunbookForFuzzing(reinterpret_cast<const uint8_t *>(nul.constData()),
                                    size_t(nul.size())),
             0);
}

void TestRunbookParser::importTimeOfLargeManual()
{
    const QByteArray block =
        readFile(sourceDir() + u"/tests/unit/runbooks/fixtures/ops-manual.md"_s);
    QVERIFY(!block.isEmpty());
    QByteArray big;
    int copies = 0;
    while (big.count('\n') < 10000) {
        big += block;
        big += "\n## Part " + QByteArray::number(++copies) + "\n\n";
    }
    QElapsedTimer timer;
    timer.start();
    const Result<Runbook> rb = RunbookParser::parse(big, u"big.md"_s);
    const qint64 ms = timer.elapsed();
    QVERIFY(rb);
    qInfo("imported a %lld-line manual (%d steps) in %lld ms", qlonglong(big.count('\n')),
          rb->stepCount(), qlonglong(ms));
    QCOMPARE(rb->stepCount(), copies * 48);
    QVERIFY(rb->unplaced.isEmpty());
}

QTEST_GUILESS_MAIN(TestRunbookParser)
#include "tst_runbookparser.moc"
