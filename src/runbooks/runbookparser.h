// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "runbooks/runbook.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <functional>

namespace ph {

/// What the safety layer says about one command.
struct DestructiveVerdict
{
    bool destructive = false;
    QStringList reasons; ///< translated, shown in the confirmation dialog
};

/// "Is this command destructive, and why?" — answered by ph_safety in the application.
using DestructiveClassifier =
    std::function<DestructiveVerdict(const QString &command, const QString &language)>;

/// The attributes of a fence's `{…}` block, in order, plus what could not be read.
struct FenceAttributes
{
    QList<std::pair<QString, QString>> values; ///< key -> value; a bare flag has value "true"
    QStringList errors;                        ///< translated, one per problem
};

/**
 * Turns a Markdown operations manual into a Runbook. Headings make sections, fenced code
 * blocks make command steps (or HTTP steps for `curl` lines against a service API), GFM
 * task items make manual checks, and the prose around a step becomes its explanation.
 * Nothing is dropped: what cannot be placed is listed in Runbook::unplaced.
 */
class RunbookParser
{
    Q_DECLARE_TR_FUNCTIONS(RunbookParser)

public:
    struct Options
    {
        /// Empty: use defaultClassifier(). Fence `destructive` marks apply either way.
        DestructiveClassifier classifier;
    };

    /// Never crashes on any input; fails only when the input is not text at all.
    static Result<Runbook> parse(const QByteArray &markdown, const QString &sourceName);
    static Result<Runbook> parse(const QByteArray &markdown, const QString &sourceName,
                                 const Options &options);
    /// Reads and parses a file; a Qt resource path (":/runbooks/...") works too.
    static Result<Runbook> parseFile(const QString &path, const Options &options = {});

    /// The classifier of the safety layer (ph::CommandClassifier). Restores into and drops
    /// of scratchTargets (the workspace's scratch databases) do not count as destructive.
    static DestructiveClassifier defaultClassifier(const QStringList &scratchTargets = {});

    /// Reads `{host=app destructive expect.regex="200 OK"}` (braces optional).
    static FenceAttributes parseAttributes(const QString &text);
    /// `<name>` placeholders and `PTR_XXX`-style ids in order of first appearance.
    static QStringList findPlaceholders(const QString &text);
    /// `$VAR` / `${VAR}` names (upper case) in order of first appearance.
    static QStringList findServerVariables(const QString &text);
};

/**
 * Replaces each parameter placeholder in text by its value. Keys are parameter names
 * (`malicious-ip`, `PTR_XXX`); `<malicious-ip>` and `PTR_XXX` in the text are replaced.
 * Placeholders without a value stay as written.
 */
QString substituteParameters(QString text, const QMap<QString, QString> &values);

/// The document `pilothouse-cli runbook import FILE --json` prints ("format": 1).
QByteArray toJson(const Runbook &runbook);

/// libFuzzer entry: parses arbitrary bytes and checks invariants; returns 0.
int parseRunbookForFuzzing(const uint8_t *data, size_t size);

} // namespace ph
