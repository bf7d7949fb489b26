// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/runbookcommand.h"

#include "cli/exitcodes.h"
#include "runbooks/runbook.h"
#include "runbooks/runbookparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

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
                 "  list [--json]         the built-in runbooks\n"
                 "  show NAME [--json]    one built-in runbook, e.g. echopilot/daily\n");
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

int runList(bool json, QTextStream &out, QTextStream &err)
{
    const QList<BuiltinEntry> entries = builtinRunbooks();
    QJsonArray array;
    QList<QStringList> rows;
    bool allParsed = true;
    for (const BuiltinEntry &e : entries) {
        auto parsed = RunbookParser::parseFile(e.path);
        if (!parsed) {
            // A built-in that does not parse is a packaging bug; say so, list the rest.
            err << parsed.error().toString() << '\n';
            allParsed = false;
            continue;
        }
        array.append(QJsonObject{{u"name"_s, e.name},
                                 {u"title"_s, parsed->title},
                                 {u"service"_s, parsed->service},
                                 {u"schedule"_s, parsed->schedule},
                                 {u"steps"_s, parsed->stepCount()}});
        rows.append(
            {e.name, parsed->schedule.isEmpty() ? u"-"_s : parsed->schedule, parsed->title});
    }
    if (json) {
        out << QString::fromUtf8(
            QJsonDocument(QJsonObject{{u"format"_s, 1}, {u"runbooks"_s, array}})
                .toJson(QJsonDocument::Indented));
    } else {
        const QStringList header = {tr("NAME"), tr("SCHEDULE"), tr("TITLE")};
        int widths[2] = {int(header.at(0).size()), int(header.at(1).size())};
        for (const QStringList &row : std::as_const(rows)) {
            widths[0] = std::max(widths[0], int(row.at(0).size()));
            widths[1] = std::max(widths[1], int(row.at(1).size()));
        }
        auto line = [&](const QStringList &cells) {
            out << cells.at(0).leftJustified(widths[0] + 2)
                << cells.at(1).leftJustified(widths[1] + 2) << cells.at(2) << '\n';
        };
        line(header);
        for (const QStringList &row : std::as_const(rows))
            line(row);
    }
    return allParsed ? ExitOk : ExitCheckFailed;
}

int runShow(const QString &name, bool json, QTextStream &out, QTextStream &err)
{
    const QList<BuiltinEntry> entries = builtinRunbooks();
    QString wanted = name;
    if (wanted.endsWith(u".md"_s))
        wanted.chop(3);
    const auto found = std::find_if(entries.cbegin(), entries.cend(),
                                    [&](const BuiltinEntry &e) { return e.name == wanted; });
    if (found == entries.cend()) {
        err << tr("There is no built-in runbook \"%1\". Run 'pilothouse-cli runbook list' for "
                  "the names, or 'pilothouse-cli runbook import FILE' for a file of your own.")
                   .arg(name)
            << '\n';
        return ExitUsage;
    }
    return printRunbook(found->path, json, out, err);
}

} // namespace

int runRunbookCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList args = arguments;
    const QString sub = args.size() > 1 ? args.takeAt(1) : QString();
    if (sub.isEmpty() || sub == u"--help"_s || sub == u"-h"_s) {
        usage(sub.isEmpty() ? err : out);
        return sub.isEmpty() ? ExitUsage : ExitOk;
    }

    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(u"json"_s, tr("Print one JSON document."));
    parser.addOption(jsonOpt);
    if (sub == u"import"_s) {
        parser.setApplicationDescription(tr("Parse a Markdown manual into a runbook."));
        parser.addPositionalArgument(u"FILE"_s, tr("The Markdown file."));
    } else if (sub == u"show"_s) {
        parser.setApplicationDescription(tr("Show a built-in runbook."));
        parser.addPositionalArgument(u"NAME"_s, tr("As listed by 'runbook list'."));
    } else if (sub == u"list"_s) {
        parser.setApplicationDescription(tr("List the built-in runbooks."));
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

    if (sub == u"list"_s) {
        if (!positional.isEmpty()) {
            err << tr("'runbook list' takes no arguments.") << '\n';
            return ExitUsage;
        }
        return runList(json, out, err);
    }
    if (positional.size() != 1) {
        err << (sub == u"import"_s ? tr("Name one Markdown file: runbook import FILE.")
                                   : tr("Name one runbook: runbook show NAME."))
            << '\n';
        return ExitUsage;
    }
    if (sub == u"show"_s)
        return runShow(positional.first(), json, out, err);

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
