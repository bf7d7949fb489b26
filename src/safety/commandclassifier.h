// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstddef>

namespace ph {

/// How much care a command needs before it runs.
enum class SafetyLevel
{
    Safe,        ///< reads or reports only
    Confirm,     ///< changes something harmless, e.g. a restore into a scratch database
    Destructive, ///< stops, deletes, overwrites or cannot be verified
};

QString safetyLevelName(SafetyLevel level); ///< stable lowercase id: "safe", "confirm", ...

/// Inputs beyond the command text.
struct ClassifyOptions
{
    /// Values for runbook placeholders: `<service>` is replaced by parameters["service"].
    /// Values are inserted verbatim, as the step runner inserts them.
    QMap<QString, QString> parameters;
    /// Scratch databases (e.g. "bot_core_test"): restoring or dropping them needs only a
    /// plain confirmation.
    QStringList scratchTargets;
};

/// The verdict on one command or SQL text.
struct Classification
{
    struct Span
    {
        qsizetype start = 0; ///< in the text given to classify(), before substitution
        qsizetype length = 0;
        bool operator==(const Span &) const = default;
    };

    SafetyLevel level = SafetyLevel::Safe;
    QStringList reasons; ///< translated, one per finding, e.g. "pkill stops running processes"
    bool cannotVerify = false;          ///< part of it is only known at run time
    QList<Span> spans;                  ///< what to highlight in the original text
    QString command;                    ///< the text after placeholder substitution
    QStringList unresolvedPlaceholders; ///< placeholders with no value in the options

    bool isSafe() const { return level == SafetyLevel::Safe; }
    bool isDestructive() const { return level == SafetyLevel::Destructive; }
};

/**
 * Recognises destructive shell commands and SQL before they run: process kills, service
 * stops and restarts, restores, drops, deletions, truncating redirections, firewall and
 * kernel changes, reboots — directly, behind sudo and other wrappers, in pipelines,
 * subshells, `$( … )`, `bash -c "…"`, heredocs and `find -exec`/`xargs`. Whatever cannot
 * be analysed (`eval`, `bash -c "$CMD"`, a pipe into a shell) counts as destructive with
 * cannotVerify set. The classification is conservative: when in doubt it asks.
 */
class CommandClassifier
{
    Q_DECLARE_TR_FUNCTIONS(CommandClassifier)

public:
    /// Classifies a shell command line (or a multi-line script).
    static Classification classify(const QString &command, const ClassifyOptions &options = {});
    /// Classifies SQL text, e.g. a ```sql runbook step or the argument of `psql -c`.
    static Classification classifySql(const QString &sql, const ClassifyOptions &options = {});
};

/// Entry point for fuzzers: classifies arbitrary bytes as a command and as SQL.
/// Never crashes; returns the highest level found as an int.
int classifyForFuzzing(const char *data, std::size_t size);

} // namespace ph
