// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/runbookcommand.h"

#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "checklist/checklistrun.h"
#include "checklist/runstore.h"
#include "checklist/steprunner.h"
#include "cli/exitcodes.h"
#include "console/demosession.h"
#include "core/paths.h"
#include "probes/keyprovider.h"
#include "probes/secretstorekeyprovider.h"
#include "runbooks/runbook.h"
#include "runbooks/runbookparser.h"
#include "secrets/secretstore.h"
#include "ssh/sshtunnelprovider.h"
#include "storage/database.h"
#include "workspace/workspaceloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <optional>
#include <variant>

// Outside any namespace: the symbol rcc generates lives in the global one.
static void initRunbookResources()
{
    Q_INIT_RESOURCE(runbooks);
}

using namespace Qt::StringLiterals;

namespace ph::cli {

namespace {

const QString kBuiltinRoot = QStringLiteral(":/runbooks");

QString tr(const char *text)
{
    return QCoreApplication::translate("RunbookCommand", text);
}

void usage(QTextStream &stream)
{
    stream << tr("Usage: pilothouse-cli runbook SUBCOMMAND [options]\n\n"
                 "Subcommands:\n"
                 "  import FILE [--json]  parse a Markdown manual and show what Pilothouse "
                 "makes of it\n"
                 "  list [--json]         the runbooks 'run' finds: the workspace's runbook\n"
                 "                        folders, then the built-in ones\n"
                 "  show NAME [--json]    one of them, e.g. echopilot/daily\n"
                 "                        (list and show take --workspace F or --demo)\n"
                 "  run NAME [options]    run a runbook's steps in order, without questions\n"
                 "                        (see 'runbook run --help')\n");
}

QString firstLine(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype nl = trimmed.indexOf(u'\n');
    return nl < 0 ? trimmed : trimmed.left(nl) + u" …"_s;
}

QString oneLine(const QString &text)
{
    return text.simplified();
}

void printIssues(const QString &heading, const QList<RunbookIssue> &issues, QTextStream &out)
{
    if (issues.isEmpty())
        return;
    out << '\n' << heading << '\n';
    for (const RunbookIssue &issue : issues) {
        out << u"  "_s << tr("line %1: ").arg(issue.line) << firstLine(issue.text) << '\n'
            << u"      "_s << issue.reason << '\n';
    }
}

void printSummary(const Runbook &rb, QTextStream &out)
{
    out << (rb.title.isEmpty() ? tr("(untitled runbook)") : rb.title) << '\n';
    QStringList facts;
    if (!rb.service.isEmpty())
        facts << tr("service: %1").arg(rb.service);
    if (!rb.environment.isEmpty())
        facts << tr("environment: %1").arg(rb.environment);
    if (!rb.schedule.isEmpty())
        facts << tr("schedule: %1").arg(rb.schedule);
    if (!facts.isEmpty())
        out << u"  "_s << facts.join(u"  "_s) << '\n';
    out << u"  "_s << tr("source: %1").arg(rb.sourcePath) << '\n';

    const QList<Step> steps = rb.allSteps();
    int counts[3] = {0, 0, 0};
    int destructive = 0;
    for (const Step &s : steps) {
        ++counts[int(s.kind)];
        destructive += s.destructive ? 1 : 0;
    }
    out << u"  "_s
        << tr("%1 steps: %2 command, %3 http, %4 manual; %5 destructive")
               .arg(steps.size())
               .arg(counts[int(Step::Kind::Command)])
               .arg(counts[int(Step::Kind::Http)])
               .arg(counts[int(Step::Kind::Manual)])
               .arg(destructive)
        << '\n';

    for (const RunbookSection &section : rb.sections) {
        out << '\n' << QString(section.level, u'#') << ' ' << section.title << '\n';
        for (const Step &s : section.steps) {
            out << u"  ["_s << stepKindName(s.kind) << u"] "_s << s.id;
            if (!s.title.isEmpty())
                out << u"  "_s << oneLine(s.title);
            out << '\n';
            if (s.kind == Step::Kind::Http) {
                out << u"      "_s << s.http.method << ' ' << s.http.service
                    << (s.http.port > 0 ? QString(u":"_s + QString::number(s.http.port))
                                        : QString())
                    << s.http.path << (s.http.needsKey ? tr("  (dashboard key)") : QString())
                    << '\n';
            } else if (!s.command.isEmpty()) {
                out << u"      $ "_s << firstLine(s.command) << '\n';
            }
            if (s.destructive) {
                out << u"      "_s << tr("DESTRUCTIVE") << u": "_s
                    << (s.destructiveReasons.isEmpty() ? tr("marked in the runbook")
                                                       : s.destructiveReasons.join(u"; "_s))
                    << '\n';
            }
        }
    }

    if (!rb.parameters.isEmpty()) {
        out << '\n' << tr("Parameters:") << '\n';
        for (const RunbookParameter &p : rb.parameters) {
            out << u"  "_s << p.placeholder << u"  ("_s << parameterTypeName(p.type) << ')';
            if (!p.description.isEmpty())
                out << u"  "_s << oneLine(p.description);
            out << '\n';
        }
    }
    if (!rb.serverVariables.isEmpty()) {
        out << '\n'
            << tr("Left to the server's environment: %1").arg(rb.serverVariables.join(u", "_s))
            << '\n';
    }
    printIssues(tr("Could not be placed:"), rb.unplaced, out);
    printIssues(tr("Warnings:"), rb.warnings, out);
}

int printRunbook(const QString &path, bool json, QTextStream &out, QTextStream &err)
{
    auto parsed = RunbookParser::parseFile(path);
    if (!parsed) {
        err << parsed.error().toString() << '\n';
        return ExitUsage;
    }
    if (json)
        out << QString::fromUtf8(toJson(*parsed));
    else
        printSummary(*parsed, out);
    return ExitOk;
}

struct BuiltinEntry
{
    QString name;
    QString path;
};

QList<BuiltinEntry> builtinRunbooks()
{
    initRunbookResources();
    QList<BuiltinEntry> entries;
    QDirIterator it(kBuiltinRoot, {u"*.md"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QString name = path.mid(kBuiltinRoot.size() + 1);
        name.chop(3);
        entries.append({name, path});
    }
    std::sort(entries.begin(), entries.end(),
              [](const BuiltinEntry &a, const BuiltinEntry &b) { return a.name < b.name; });
    return entries;
}

/// A runbook that `list` and `show` offer; @c folder is empty for a built-in one.
struct CatalogueEntry
{
    QString name;
    QString path;
    QString folder;
};

/**
 * The runbooks as `run` finds them by name: the workspace's runbook folders first (the
 * first folder that has a name wins it), then the built-in runbooks they do not shadow.
 */
QList<CatalogueEntry> runbookCatalogue(const Workspace *ws)
{
    QList<CatalogueEntry> entries;
    QSet<QString> taken;
    if (ws) {
        const QDir wsDir = QFileInfo(ws->filePath).absoluteDir();
        for (const QString &folder : ws->runbookFolders) {
            const QString root = QDir::cleanPath(wsDir.absoluteFilePath(folder));
            QList<CatalogueEntry> found;
            QDirIterator it(root, {u"*.md"_s}, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                QString name = QDir(root).relativeFilePath(path);
                name.chop(3);
                if (!taken.contains(name))
                    found.append({name, path, root});
            }
            std::sort(
                found.begin(), found.end(),
                [](const CatalogueEntry &a, const CatalogueEntry &b) { return a.name < b.name; });
            for (const CatalogueEntry &e : std::as_const(found))
                taken.insert(e.name);
            entries.append(found);
        }
    }
    for (const BuiltinEntry &b : builtinRunbooks()) {
        if (!taken.contains(b.name))
            entries.append({b.name, b.path, {}});
    }
    return entries;
}

int runList(const Workspace *ws, bool json, QTextStream &out, QTextStream &err)
{
    const QList<CatalogueEntry> entries = runbookCatalogue(ws);
    QJsonArray array;
    QList<QStringList> rows;
    bool allParsed = true;
    for (const CatalogueEntry &e : entries) {
        auto parsed = RunbookParser::parseFile(e.path);
        if (!parsed) {
            // A built-in that does not parse is a packaging bug, a workspace one a file to
            // fix; either way say so and list the rest.
            err << parsed.error().toString() << '\n';
            allParsed = false;
            continue;
        }
        const bool builtIn = e.folder.isEmpty();
        array.append(QJsonObject{{u"name"_s, e.name},
                                 {u"title"_s, parsed->title},
                                 {u"service"_s, parsed->service},
                                 {u"schedule"_s, parsed->schedule},
                                 {u"steps"_s, parsed->stepCount()},
                                 {u"source"_s, builtIn ? u"builtin"_s : u"workspace"_s},
                                 {u"path"_s, builtIn ? QJsonValue() : QJsonValue(e.path)}});
        rows.append({e.name, parsed->schedule.isEmpty() ? u"-"_s : parsed->schedule,
                     builtIn ? tr("built-in") : e.folder, parsed->title});
    }
    if (json) {
        out << QString::fromUtf8(
            QJsonDocument(QJsonObject{{u"format"_s, 1}, {u"runbooks"_s, array}})
                .toJson(QJsonDocument::Indented));
    } else {
        const QStringList header = {tr("NAME"), tr("SCHEDULE"), tr("FROM"), tr("TITLE")};
        int widths[3] = {int(header.at(0).size()), int(header.at(1).size()),
                         int(header.at(2).size())};
        for (const QStringList &row : std::as_const(rows)) {
            for (int c = 0; c < 3; ++c)
                widths[c] = std::max(widths[c], int(row.at(c).size()));
        }
        auto line = [&](const QStringList &cells) {
            out << cells.at(0).leftJustified(widths[0] + 2)
                << cells.at(1).leftJustified(widths[1] + 2)
                << cells.at(2).leftJustified(widths[2] + 2) << cells.at(3) << '\n';
        };
        line(header);
        for (const QStringList &row : std::as_const(rows))
            line(row);
    }
    return allParsed ? ExitOk : ExitCheckFailed;
}

int runShow(const Workspace *ws, const QString &name, bool json, QTextStream &out, QTextStream &err)
{
    const QList<CatalogueEntry> entries = runbookCatalogue(ws);
    QString wanted = name;
    if (wanted.endsWith(u".md"_s))
        wanted.chop(3);
    const auto found = std::find_if(entries.cbegin(), entries.cend(),
                                    [&](const CatalogueEntry &e) { return e.name == wanted; });
    if (found == entries.cend()) {
        err << (ws ? tr("There is no runbook \"%1\" in the workspace's runbook folders or "
                        "built in. Run 'pilothouse-cli runbook list' with the same options for "
                        "the names, or 'pilothouse-cli runbook import FILE' for a file of your "
                        "own.")
                   : tr("There is no built-in runbook \"%1\". Run 'pilothouse-cli runbook "
                        "list' for the names, or 'pilothouse-cli runbook import FILE' for a "
                        "file of your own."))
                   .arg(name)
            << '\n';
        return ExitUsage;
    }
    return printRunbook(found->path, json, out, err);
}

/**
 * The workspace `list` and `show` look into: the demo's with --demo (kept running in
 * @p demo while they read its folders), the one named with --workspace, or the user's
 * default one when it exists. A workspace named on the command line that does not load is
 * a usage error (exit 2); a default one that does not load is a warning, and the
 * built-in runbooks are still listed.
 */
std::variant<std::optional<Workspace>, int>
catalogueWorkspace(bool useDemo, const QString &workspacePath, DemoSession &demo, QTextStream &err)
{
    QString path = workspacePath;
    QMap<QString, QString> variables;
    const bool named = useDemo || !path.isEmpty();
    if (useDemo) {
        demo.setPrometheusWanted(false);
        auto started = demo.start();
        if (!started) {
            err << started.error().toString() << '\n';
            return ExitUsage;
        }
        path = started->workspacePath;
        variables = started->variables;
    } else if (path.isEmpty()) {
        path = paths::configDir() + u"/workspace.jsonc"_s;
        if (!QFileInfo::exists(path))
            return std::optional<Workspace>();
    }
    auto loaded = WorkspaceLoader::loadFile(path, variables);
    if (!loaded) {
        if (named) {
            err << loaded.error().toString() << '\n';
            return ExitUsage;
        }
        err << tr("warning: the workspace %1 does not load, so only the built-in runbooks "
                  "are listed: %2")
                   .arg(path, loaded.error().toString())
            << '\n';
        return std::optional<Workspace>();
    }
    for (const QString &w : std::as_const(loaded->warnings))
        err << tr("warning: ") << w << '\n';
    return std::optional<Workspace>(loaded->workspace);
}

// ---------------------------------------------------------------------------------------
// runbook run

/// Where a runbook named on the command line lives: a file, a workspace folder or built in.
std::optional<QString> locateRunbook(const QString &name, const Workspace &ws)
{
    const QFileInfo direct(name);
    if (direct.isFile())
        return direct.absoluteFilePath();
    QString bare = name;
    if (bare.endsWith(u".md"_s))
        bare.chop(3);
    const QDir wsDir = QFileInfo(ws.filePath).absoluteDir();
    for (const QString &folder : ws.runbookFolders) {
        const QFileInfo candidate(QDir(wsDir.absoluteFilePath(folder)), bare + u".md"_s);
        if (candidate.isFile())
            return candidate.absoluteFilePath();
    }
    for (const BuiltinEntry &e : builtinRunbooks()) {
        if (e.name == bare)
            return e.path;
    }
    return std::nullopt;
}

/// SecretStore::write, waited for with a deadline (the command line has no window to block).
Result<void> writeBlocking(SecretStore &store, const QString &entry, const QString &value)
{
    QEventLoop loop;
    QObject context;
    std::optional<Result<void>> answer;
    store.write(entry, value, &context, [&](Result<void> result) {
        answer = std::move(result);
        loop.quit();
    });
    QTimer::singleShot(store.timeoutMs() + 1000, &loop, &QEventLoop::quit);
    if (!answer)
        loop.exec();
    if (!answer) {
        return fail(u"keychain.timeout"_s,
                    tr("The keychain did not answer in time while storing %1.").arg(entry));
    }
    return *answer;
}

Result<QByteArray> sealKeyFrom(SecretStore &store)
{
    const SealKeyStore keys{[&store]() -> Result<std::optional<QString>> {
                                auto value = store.readBlocking(kSealKeyEntry);
                                if (value)
                                    return std::optional<QString>(*value);
                                if (value.error().code == u"keychain.not_found"_s)
                                    return std::optional<QString>();
                                return tl::unexpected(value.error());
                            },
                            [&store](const QString &value) {
                                return writeBlocking(store, kSealKeyEntry, value);
                            }};
    return obtainSealKey(keys);
}

QString outcomeName(int exitCode)
{
    switch (exitCode) {
    case ExitOk:
        return u"passed"_s;
    case ExitCheckFailed:
        return u"failed"_s;
    case ExitNeedsPerson:
        return u"needs-person"_s;
    case ExitRefused:
        return u"refused"_s;
    case ExitKeychainUnavailable:
        return u"keychain-unavailable"_s;
    default:
        return u"error"_s;
    }
}

QJsonObject stepJson(const ChecklistRun &run, int i)
{
    const StepRecord &s = run.step(i);
    auto optional = [](const std::optional<int> &v) {
        return v ? QJsonValue(*v) : QJsonValue();
    };
    QJsonObject j{{u"index"_s, i + 1},
                  {u"id"_s, s.stepId},
                  {u"title"_s, s.title},
                  {u"kind"_s, stepKindName(s.kind)},
                  {u"state"_s, stepStateName(s.state)},
                  {u"reason"_s, s.reason.isEmpty() ? QJsonValue() : QJsonValue(s.reason)},
                  {u"exit_status"_s, optional(s.output.exitStatus)},
                  {u"http_status"_s, optional(s.output.httpStatus)},
                  {u"output_sha256"_s,
                   s.output.sha256.isEmpty() ? QJsonValue() : QJsonValue(s.output.sha256)},
                  {u"output_excerpt"_s, s.output.excerpt},
                  {u"attempts"_s, int(s.attempts.size()) + 1}};
    if (!s.output.hosts.isEmpty()) {
        QJsonArray hosts;
        for (const StepHostOutcome &h : s.output.hosts) {
            hosts.append(QJsonObject{
                {u"host"_s, h.host},
                {u"outcome"_s, h.outcome},
                {u"passed"_s, h.passed},
                {u"exit_status"_s, optional(h.exitStatus)},
                {u"output_sha256"_s, h.sha256},
                {u"reason"_s, h.reason.isEmpty() ? QJsonValue() : QJsonValue(h.reason)}});
        }
        j.insert(u"hosts"_s, hosts);
    }
    return j;
}

/// One line per host of a group step: "        web1  ok  exit 0".
QString hostLines(const StepRecord &s)
{
    QString out;
    qsizetype width = 0;
    for (const StepHostOutcome &h : s.output.hosts)
        width = std::max(width, h.host.size());
    for (const StepHostOutcome &h : s.output.hosts) {
        QString line =
            u"        "_s + h.host.leftJustified(width) + u"  "_s + h.outcome.leftJustified(16);
        if (h.exitStatus)
            line += u"  "_s + tr("exit %1").arg(*h.exitStatus);
        if (!h.passed && !h.reason.isEmpty())
            line += u"  "_s + QString(h.reason).replace(u'\n', u' ');
        out += line.trimmed().prepend(u"        "_s) + u'\n';
    }
    return out;
}

QString indented(const QString &text)
{
    QString out;
    const QStringList lines = text.trimmed().split(u'\n');
    for (const QString &line : lines)
        out += u"      | "_s + line + u'\n';
    return out;
}

int runRunbook(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run a runbook's steps in order, without questions.\n\n"
           "Command steps run over SSH on their host, HTTP steps against the service's API with "
           "the dashboard key from the keychain. Every change is in the database the moment it "
           "happens. The run stops at the first step that needs a person (exit 3: a manual "
           "check; do it in the console, or mark it there; or a secret the keychain does not "
           "hold, which --secret-stdin can give), at a destructive step without --confirm "
           "naming the environment or at a host key that is not known (exit 4; nothing of that "
           "step runs), when the keychain cannot be used (exit 5), and at a failed step or a "
           "host or tunnel that cannot be reached (exit 1). Exit 0 when every step passed; the "
           "run is then signed off in your name.\n\n"
           "Resuming: --resume continues the newest unfinished run of this runbook in this "
           "environment with the parameters it was started with. Steps that passed, were "
           "skipped or done by hand are kept as they are. A step that was running when the "
           "run stopped (a crash, kill -9, a lost connection) is marked interrupted, never "
           "passed, and is run again; so is a step that failed. Both earlier attempts stay in "
           "the run's record. Without --resume a new run starts."));
    parser.addHelpOption();
    const QCommandLineOption workspaceOpt({u"w"_s, u"workspace"_s}, tr("Workspace FILE."),
                                          tr("FILE"));
    const QCommandLineOption demoOpt(u"demo"_s, tr("Run against the demo (starts the simulator)."));
    const QCommandLineOption envOpt({u"e"_s, u"env"_s},
                                    tr("Environment NAME (default: the runbook's)."), tr("NAME"));
    const QCommandLineOption paramOpt(
        {u"p"_s, u"param"_s},
        tr("A parameter, e.g. service=api or PTR_XXX=PTR_001. For a secret parameter the "
           "value names its keychain entry (default: the parameter's name)."),
        tr("NAME=VALUE"));
    const QCommandLineOption confirmOpt(
        u"confirm"_s, tr("Allow destructive steps in environment ENV (must match)."), tr("ENV"));
    const QCommandLineOption jsonOpt(u"json"_s, tr("Print one JSON document."));
    const QCommandLineOption resumeOpt(u"resume"_s,
                                       tr("Continue the newest unfinished run (see above)."));
    const QCommandLineOption dbOpt(u"database"_s, tr("The Pilothouse database FILE."), tr("FILE"));
    const QCommandLineOption stdinOpt(
        u"secret-stdin"_s, tr("Read the keychain entry NAME from standard input."), tr("NAME"));
    parser.addOptions(
        {workspaceOpt, demoOpt, envOpt, paramOpt, confirmOpt, jsonOpt, resumeOpt, dbOpt, stdinOpt});
    parser.addPositionalArgument(u"NAME"_s, tr("A built-in runbook (as listed by 'runbook "
                                               "list'), one in the workspace's runbook "
                                               "folders, or a Markdown file."));
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 1) {
        err << tr("Name one runbook: runbook run NAME.") << '\n';
        return ExitUsage;
    }
    if (parser.isSet(workspaceOpt) && parser.isSet(demoOpt)) {
        err << tr("Use either --workspace or --demo, not both.") << '\n';
        return ExitUsage;
    }
    const bool json = parser.isSet(jsonOpt);
    const QString name = parser.positionalArguments().constFirst();

    QMap<QString, QString> given;
    for (const QString &p : parser.values(paramOpt)) {
        const qsizetype eq = p.indexOf(u'=');
        if (eq <= 0) {
            err << tr("--param \"%1\" is not NAME=VALUE.").arg(p) << '\n';
            return ExitUsage;
        }
        QString key = p.left(eq).trimmed();
        if (key.startsWith(u'<') && key.endsWith(u'>'))
            key = key.mid(1, key.size() - 2);
        given.insert(key, p.mid(eq + 1));
    }

    // Workspace (or the demo's).
    DemoSession demo;
    QString wsPath;
    QMap<QString, QString> variables;
    QString keychainService = u"pilothouse"_s;
    QString dbPath = parser.value(dbOpt);
    if (parser.isSet(demoOpt)) {
        demo.setPrometheusWanted(false);
        auto started = demo.start();
        if (!started) {
            err << started.error().toString() << '\n';
            return ExitUsage;
        }
        wsPath = started->workspacePath;
        variables = started->variables;
        keychainService = started->keychainService;
        if (dbPath.isEmpty())
            dbPath = started->databasePath;
    } else {
        wsPath = parser.isSet(workspaceOpt) ? parser.value(workspaceOpt)
                                            : paths::configDir() + u"/workspace.jsonc"_s;
    }
    auto loaded = WorkspaceLoader::loadFile(wsPath, variables);
    if (!loaded) {
        err << loaded.error().toString() << '\n';
        return ExitUsage;
    }
    const Workspace &ws = loaded->workspace;
    for (const QString &w : std::as_const(loaded->warnings))
        err << tr("warning: ") << w << '\n';

    // Runbook.
    const auto located = locateRunbook(name, ws);
    if (!located) {
        err << tr("There is no runbook \"%1\": not a file, not in the workspace's runbook "
                  "folders and not built in. Run 'pilothouse-cli runbook list' for the "
                  "built-in names.")
                   .arg(name)
            << '\n';
        return ExitUsage;
    }
    RunbookParser::Options parseOptions;
    parseOptions.classifier = RunbookParser::defaultClassifier(ws.settings.scratchTargets);
    auto parsed = RunbookParser::parseFile(*located, parseOptions);
    if (!parsed) {
        err << parsed.error().toString() << '\n';
        return ExitUsage;
    }
    const Runbook &rb = *parsed;

    QString env = parser.value(envOpt);
    if (env.isEmpty())
        env = rb.environment;
    if (env.isEmpty() && ws.environments.size() == 1)
        env = ws.environments.constFirst().name;
    if (env.isEmpty()) {
        err << tr("Say which environment to run in: --env NAME.") << '\n';
        return ExitUsage;
    }
    if (!ws.environment(env)) {
        err << tr("No environment \"%1\" in %2.").arg(env, wsPath) << '\n';
        return ExitUsage;
    }

    // Keychain: the audit seal key first, because nothing runs unaudited.
    SecretStore secrets(keychainService);
    if (parser.isSet(stdinOpt)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << tr("Could not read standard input.") << '\n';
            return ExitUsage;
        }
        const QString value = QString::fromUtf8(in.readAll()).trimmed();
        const QString entry = parser.value(stdinOpt);
        secrets.setOverride(entry == kSealKeyEntry || entry.contains(u'/')
                                ? entry
                                : SecretStore::entryName(ws.name, entry),
                            value);
    }

    auto db = Database::open(dbPath);
    if (!db) {
        err << db.error().toString() << '\n';
        return ExitUsage;
    }
    auto sealKey = sealKeyFrom(secrets);
    if (!sealKey) {
        err << sealKey.error().toString() << '\n'
            << tr("The audit log's seal key is kept in the keychain; without it no command "
                  "runs.")
            << '\n';
        return ExitKeychainUnavailable;
    }

    // The run: resumed or new.
    auto store = std::make_shared<RunStore>(*db);
    std::optional<ChecklistRun> run;
    bool resumed = false;
    auto unfinished = store->unfinishedRuns();
    if (!unfinished) {
        err << unfinished.error().toString() << '\n';
        return ExitUsage;
    }
    std::optional<RunSummary> previous;
    for (const RunSummary &s : std::as_const(*unfinished)) {
        if (s.runbookSourcePath == rb.sourcePath && s.environment == env)
            previous = s; // oldest first: the last one is the newest
    }
    if (parser.isSet(resumeOpt) && previous) {
        auto loadedRun = store->load(previous->runId);
        if (!loadedRun) {
            err << loadedRun.error().toString() << '\n';
            return ExitUsage;
        }
        if (loadedRun->runbookContentHash() != ChecklistRun::contentHash(rb)) {
            err << tr("Run %1 was started from an earlier version of this runbook, so its "
                      "steps no longer line up. Start a new run (without --resume), or finish "
                      "it in the console.")
                       .arg(previous->runId)
                << '\n';
            return ExitUsage;
        }
        run = std::move(*loadedRun);
        resumed = true;
        if (!given.isEmpty() && !json) {
            err << tr("note: a resumed run keeps the parameters it was started with; --param "
                      "is ignored.")
                << '\n';
        }
    } else {
        if (parser.isSet(resumeOpt) && !json)
            err << tr("note: no unfinished run of this runbook in %1; starting a new one.").arg(env)
                << '\n';
        else if (previous && !json)
            err << tr("note: run %1 of this runbook is unfinished; --resume continues it. "
                      "Starting a new run.")
                       .arg(previous->runId)
                << '\n';
        QList<RunParameter> params;
        QStringList missing;
        for (const RunbookParameter &p : rb.parameters) {
            const bool secret = p.type == RunbookParameter::Type::Secret;
            QString value = given.value(p.name);
            if (secret && value.isEmpty())
                value = p.name;
            if (value.isEmpty())
                missing.append(p.placeholder.isEmpty() ? p.name : p.placeholder);
            params.append(RunParameter{p.name, secret, value});
        }
        for (auto it = given.cbegin(); it != given.cend(); ++it) {
            const bool known =
                std::any_of(rb.parameters.cbegin(), rb.parameters.cend(),
                            [&](const RunbookParameter &p) { return p.name == it.key(); });
            if (!known) {
                err << tr("The runbook has no parameter \"%1\".").arg(it.key()) << '\n';
                return ExitUsage;
            }
        }
        if (!missing.isEmpty()) {
            err << tr("The runbook needs values for: %1. Give each with --param NAME=VALUE.")
                       .arg(missing.join(u", "_s))
                << '\n';
            return ExitUsage;
        }
        auto started = store->start(rb, env, params, QDateTime::currentDateTimeUtc());
        if (!started) {
            err << started.error().toString() << '\n';
            return ExitUsage;
        }
        run = std::move(*started);
    }

    // The runner.
    StaticKeyProvider demoKeys;
    SecretStoreKeyProvider keychainKeys(&secrets);
    keychainKeys.setWorkspaceName(ws.name);
    KeyProvider *keys = &keychainKeys;
    if (parser.isSet(demoOpt)) {
        for (const Service &s : ws.services) {
            if (!s.dashboardKeyRef.isEmpty())
                demoKeys.setKey(s.dashboardKeyRef, QString::fromLatin1(DemoSession::kDashboardKey));
        }
        keys = &demoKeys;
    }
    // HTTP steps of services behind a host (`via`) go through an SSH tunnel, as the probes do.
    SshTunnelProvider tunnels;
    tunnels.setWorkspace(ws);
    StepRunner runner;
    runner.setTunnelProvider(&tunnels);
    runner.setWorkspace(ws);
    runner.setRunbook(rb);
    runner.setKeyProvider(keys);
    runner.setAuditLog(*db, *sealKey);

    StepConfirmation confirmation;
    if (parser.isSet(confirmOpt))
        confirmation = StepConfirmation{ConfirmedBy::Flag, parser.value(confirmOpt)};

    if (!json) {
        out << (resumed ? tr("Resuming run %1 of %2 in %3").arg(run->runId()).arg(rb.title, env)
                        : tr("Run %1 of %2 in %3").arg(run->runId()).arg(rb.title, env))
            << '\n';
        out.flush();
    }

    int exitCode = ExitOk;
    QString message;
    int stoppedAt = -1;
    const int count = run->stepCount();
    for (int i = 0; i < count && exitCode == ExitOk; ++i) {
        const StepRecord record = run->step(i);
        const QString label = u"[%1/%2] "_s.arg(i + 1).arg(count) + record.title.simplified();
        if (record.state == StepState::Passed || record.state == StepState::Skipped ||
            record.state == StepState::DoneByHand) {
            if (!json)
                out << label << u"  "_s << tr("(kept: %1)").arg(stepStateName(record.state))
                    << '\n';
            continue;
        }
        if (record.state == StepState::Interrupted || record.state == StepState::Failed) {
            if (!json)
                out << label << u"  "_s
                    << tr("(was %1; running it again)").arg(stepStateName(record.state)) << '\n';
            if (auto retried = run->retryStep(i, QDateTime::currentDateTimeUtc()); !retried) {
                message = retried.error().toString();
                exitCode = ExitCheckFailed;
                stoppedAt = i;
                break;
            }
        }
        if (record.kind == Step::Kind::Manual) {
            (void)run->setCurrentStep(i);
            message = tr("Step %1 is a manual check for a person: “%2”. Do it, mark it done in "
                         "the console, then run again with --resume.")
                          .arg(i + 1)
                          .arg(record.title.simplified());
            exitCode = ExitNeedsPerson;
            stoppedAt = i;
            break;
        }
        if (!json) {
            out << label << u" …"_s << '\n';
            out.flush();
        }
        QEventLoop loop;
        std::optional<Error> error;
        bool finished = false;
        QElapsedTimer clock;
        clock.start();
        QObject::connect(&runner, &StepRunner::stepFinished, &loop, [&](int, const StepResult &) {
            finished = true;
            loop.quit();
        });
        QObject::connect(&runner, &StepRunner::failed, &loop, [&](int, const Error &e) {
            error = e;
            loop.quit();
        });
        runner.run(*run, i, confirmation);
        loop.exec();
        const StepRecord &now = run->step(i);
        const QString took = tr("%1 s").arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1);
        if (error) {
            exitCode = runbookExitCodeFor(*error);
            message = error->message;
            stoppedAt = i;
            if (!json)
                out << u"      "_s << tr("NOT RUN") << u": "_s << error->message << '\n';
            break;
        }
        if (finished && now.state == StepState::Passed) {
            if (!json)
                out << u"      "_s << tr("passed") << u" ("_s << took << u")"_s << '\n'
                    << hostLines(now);
            continue;
        }
        exitCode = ExitCheckFailed;
        stoppedAt = i;
        message = tr("Step %1 failed: %2").arg(i + 1).arg(now.reason);
        if (!json) {
            out << u"      "_s << tr("FAILED") << u" ("_s << took << u"): "_s << now.reason << '\n'
                << hostLines(now);
            if (!now.output.excerpt.trimmed().isEmpty())
                out << indented(now.output.excerpt);
        }
    }

    if (exitCode == ExitOk && run->allResolved()) {
        const QString by = AuditLog::currentOsUser() + u" (pilothouse-cli)"_s;
        if (auto signedOff = run->signOff(by, QDateTime::currentDateTimeUtc()); !signedOff) {
            exitCode = ExitCheckFailed;
            message = signedOff.error().toString();
        }
    }

    if (json) {
        QJsonArray steps;
        for (int i = 0; i < run->stepCount(); ++i)
            steps.append(stepJson(*run, i));
        const QJsonObject doc{
            {u"format"_s, 1},
            {u"runbook"_s, rb.sourcePath},
            {u"title"_s, rb.title},
            {u"environment"_s, env},
            {u"run_id"_s, run->runId()},
            {u"resumed"_s, resumed},
            {u"exit_code"_s, exitCode},
            {u"outcome"_s, outcomeName(exitCode)},
            {u"stopped_at"_s, stoppedAt >= 0 ? QJsonValue(stoppedAt + 1) : QJsonValue()},
            {u"message"_s, message.isEmpty() ? QJsonValue() : QJsonValue(message)},
            {u"signed_off_by"_s,
             run->isSignedOff() ? QJsonValue(run->signedOffBy()) : QJsonValue()},
            {u"steps"_s, steps}};
        out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else if (exitCode == ExitOk) {
        out << QCoreApplication::translate(
                   "RunbookCommand", "All %n step(s) done; run %1 signed off.", nullptr, count)
                   .arg(run->runId())
            << '\n';
    } else {
        out.flush(); // the summary belongs after the progress lines
        err << message << '\n';
        if (exitCode == ExitRefused || exitCode == ExitNeedsPerson || exitCode == ExitCheckFailed)
            err << tr("The run is kept; continue it with --resume.") << '\n';
    }
    return exitCode;
}

} // namespace

int runbookExitCodeFor(const Error &error)
{
    const QString &code = error.code;
    // The host-key family (unknown, changed, rejected, unusable) also arrives through tunnels
    // and jump hosts, which pass their cause's code on: a refusal wherever it came from.
    if (code == u"checklist.needs_confirmation"_s || code.startsWith(u"ssh.hostkey"_s))
        return ExitRefused;
    // Nothing can be read without asking someone, and `runbook run` asks nobody: a secret
    // the keychain does not hold, a key passphrase or password, sudo's password.
    if (code == u"checklist.manual"_s || code == u"keychain.not_found"_s ||
        code == u"ssh.auth_secret_missing"_s || code == u"ssh.sudo_password"_s)
        return ExitNeedsPerson;
    if (code.startsWith(u"keychain."_s))
        return ExitKeychainUnavailable;
    static const QSet<QString> configuration = {
        u"checklist.missing_parameter"_s, u"checklist.no_host"_s,    u"checklist.no_service"_s,
        u"checklist.group_step"_s,        u"checklist.no_key"_s,     u"checklist.jq"_s,
        u"checklist.bad_url"_s,           u"checklist.unresolved"_s, u"ssh.unknown_host"_s,
    };
    if (configuration.contains(code))
        return ExitUsage;
    // Everything else is the world answering badly: a host that cannot be reached, a
    // tunnel or jump host that fails, a login refused, a lost connection, a timeout.
    return ExitCheckFailed;
}

int runRunbookCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList args = arguments;
    const QString sub = args.size() > 1 ? args.takeAt(1) : QString();
    if (sub.isEmpty() || sub == u"--help"_s || sub == u"-h"_s) {
        usage(sub.isEmpty() ? err : out);
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }

    if (sub == u"run"_s)
        return runRunbook(args, out, err);

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(u"json"_s, tr("Print one JSON document."));
    parser.addOption(jsonOpt);
    const QCommandLineOption workspaceOpt(
        {u"w"_s, u"workspace"_s},
        tr("Workspace FILE whose runbook folders come first (default: yours, if any)."),
        tr("FILE"));
    const QCommandLineOption demoOpt(u"demo"_s,
                                     tr("Use the demo's workspace (starts the simulator)."));
    if (sub == u"import"_s) {
        parser.setApplicationDescription(tr("Parse a Markdown manual into a runbook."));
        parser.addPositionalArgument(u"FILE"_s, tr("The Markdown file."));
    } else if (sub == u"show"_s) {
        parser.setApplicationDescription(
            tr("Show a runbook of the workspace's runbook folders or a built-in one."));
        parser.addPositionalArgument(u"NAME"_s, tr("As listed by 'runbook list'."));
        parser.addOptions({workspaceOpt, demoOpt});
    } else if (sub == u"list"_s) {
        parser.setApplicationDescription(
            tr("List the runbooks 'runbook run' finds by name: those in the workspace's "
               "runbook folders, then the built-in ones."));
        parser.addOptions({workspaceOpt, demoOpt});
    } else {
        err << tr("Unknown runbook subcommand \"%1\".").arg(sub) << '\n';
        usage(err);
        return ExitUsage;
    }
    if (!parser.parse(args)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }
    const bool json = parser.isSet(jsonOpt);
    const QStringList positional = parser.positionalArguments();

    if (sub == u"list"_s && !positional.isEmpty()) {
        err << tr("'runbook list' takes no arguments.") << '\n';
        return ExitUsage;
    }
    if (sub != u"list"_s && positional.size() != 1) {
        err << (sub == u"import"_s ? tr("Name one Markdown file: runbook import FILE.")
                                   : tr("Name one runbook: runbook show NAME."))
            << '\n';
        return ExitUsage;
    }
    if (sub == u"list"_s || sub == u"show"_s) {
        if (parser.isSet(workspaceOpt) && parser.isSet(demoOpt)) {
            err << tr("Use either --workspace or --demo, not both.") << '\n';
            return ExitUsage;
        }
        DemoSession demo;
        const auto ws =
            catalogueWorkspace(parser.isSet(demoOpt), parser.value(workspaceOpt), demo, err);
        if (const int *stop = std::get_if<int>(&ws))
            return *stop;
        const std::optional<Workspace> &workspace = std::get<std::optional<Workspace>>(ws);
        const Workspace *wsp = workspace ? &*workspace : nullptr;
        return sub == u"list"_s ? runList(wsp, json, out, err)
                                : runShow(wsp, positional.first(), json, out, err);
    }

    const QString path = positional.first();
    // The two usual slips get their own words rather than a bare "cannot open".
    const QFileInfo info(path);
    if (!info.exists()) {
        err << tr("Cannot read %1: there is no such file.").arg(path) << '\n';
        return ExitUsage;
    }
    if (info.isDir()) {
        err << tr("Cannot read %1: it is a folder; name a Markdown file.").arg(path) << '\n';
        return ExitUsage;
    }
    return printRunbook(info.absoluteFilePath(), json, out, err);
}

} // namespace ph::cli
