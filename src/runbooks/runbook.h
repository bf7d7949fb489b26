// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace ph {

/**
 * What a step's outcome must look like to count as passed. Unset members are not checked;
 * a command step with no expectation at all passes on exit status 0.
 */
struct StepExpectations
{
    std::optional<int> exitCode;   ///< expect.exit
    QString regex;                 ///< expect.regex, matched against the output
    std::optional<int> httpStatus; ///< expect.http
    std::optional<int> latencyMs;  ///< expect.latency_ms: an upper bound
    QString jsonPointerExpr;       ///< expect.json, e.g. "/depth < 50"

    bool isEmpty() const
    {
        return !exitCode && regex.isEmpty() && !httpStatus && !latencyMs &&
               jsonPointerExpr.isEmpty();
    }
};

/**
 * A `curl` line against a service's API, recognised so the console can run it as a native
 * HTTP check through that service's connection. The dashboard key is never part of it:
 * needsKey says the X-Dash-Key header is filled in from the keychain at run time.
 */
struct HttpRequest
{
    QString method = QStringLiteral("GET");
    QString service; ///< guessed from the port: "echopilot", "rust-core-engine", ...
    int port = 0;    ///< as written in the URL, 0 when absent
    QString path;    ///< path and query, e.g. "/api/finops/summary?days=30"
    bool needsKey = false;
    QString jq;   ///< jq filter for the value shown, e.g. ".status"
    QString body; ///< request body of -d/--data, empty for none
};

/// One step of a runbook: a command to run, an HTTP check, or a manual check.
struct Step
{
    enum class Kind
    {
        Command,
        Http,
        Manual
    };

    QString id; ///< stable within the runbook: "<section-slug>/<n>" or id=
    Kind kind = Kind::Manual;
    QString title;       ///< one line, what the step does
    QString explanation; ///< Markdown source of the prose around the step
    QString language;    ///< of the fence: "bash", "sh", "sql", ...
    QString command;     ///< the block's text (commands); empty for manual checks
    QString host;        ///< target host; empty = the service's host
    QString group;       ///< target host group (fan-out); empty = none
    QString cwd;         ///< working directory; empty = the service's working directory
    int timeoutSec = 0;  ///< 0 = the console's default
    bool destructive = false;
    QStringList destructiveReasons; ///< why it is destructive, for the confirmation dialog
    StepExpectations expectations;
    HttpRequest http;   ///< meaningful when kind == Http
    QString onFailure;  ///< Markdown of a following "On failure" paragraph or list
    int sourceLine = 0; ///< 1-based line of the block or item in the source
};

/// A heading of the runbook and the steps under it.
struct RunbookSection
{
    QString title;
    int level = 1;
    QString slug;  ///< used in step ids
    QString intro; ///< Markdown of prose under the heading that belongs to no step
    QList<Step> steps;
    int sourceLine = 0;
};

/// A value asked for once per run (`<service>`, `PTR_XXX`).
struct RunbookParameter
{
    enum class Type
    {
        Text,
        Secret
    };

    QString name; ///< as written, without brackets: "malicious-ip", "PTR_XXX"
    Type type = Type::Text;
    QString description;
    QString placeholder; ///< the exact text replaced in commands: "<malicious-ip>", "PTR_XXX"
};

/// Source content the parser noticed but could not use as written.
struct RunbookIssue
{
    int line = 0; ///< 1-based
    QString text;
    QString reason; ///< translated
};

/**
 * A runbook: one Markdown file, parsed. The file is the truth; this is a view of it that the
 * checklist wizard runs. Secrets are never part of it: secret parameters are keychain entry
 * names, and server-side variables stay on the server.
 */
struct Runbook
{
    QString title;
    QString service;
    QString environment;
    QString schedule; ///< as written: "daily 08:00 UTC", "biweekly sat 02:00 UTC anchor=..."
    QString sourcePath;
    QString description; ///< Markdown before the first section
    QList<RunbookSection> sections;
    QList<RunbookParameter> parameters;
    QStringList serverVariables;  ///< `$VARS` left to the server's environment, sorted
    QList<RunbookIssue> unplaced; ///< content that landed in no step or section
    QList<RunbookIssue> warnings; ///< kept, but probably not what the author meant

    int stepCount() const;
    QList<Step> allSteps() const;
    const Step *step(const QString &id) const;
};

QString stepKindName(Step::Kind kind);                  ///< "command" | "http" | "manual"
QString parameterTypeName(RunbookParameter::Type type); ///< "text" | "secret"

} // namespace ph
