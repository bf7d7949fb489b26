// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <vector>

namespace ph {

/// A character range [start, start + length) in the text given to the tokenizer.
struct ShellSpan
{
    qsizetype start = 0;
    qsizetype length = 0;

    qsizetype end() const { return start + length; }
    bool operator==(const ShellSpan &) const = default;
};

/// One word after quote removal. Expansions (`$VAR`, `${…}`, `$( … )`, backticks) are kept
/// verbatim in text, because their value is only known when the command runs.
struct ShellWord
{
    QString text;
    ShellSpan span;            ///< in the original text, quotes included
    bool quoted = false;       ///< some part was in quotes or escaped
    bool hasExpansion = false; ///< contains an unexpanded parameter or substitution
};

/// How a simple command is joined to the one after it.
enum class ShellOperator
{
    None,       ///< last command of the list
    Pipe,       ///< `|` (also `|&`)
    And,        ///< `&&`
    Or,         ///< `||`
    Sequence,   ///< `;` (also `;;` of case)
    Background, ///< `&`
    Newline,
};

/// A redirection such as `2>&1`, `> out.txt`, `<<EOF` (with the heredoc body) or `<<< word`.
struct ShellRedirection
{
    int fd = -1;      ///< explicit descriptor (`2>`), -1 when implicit
    QString op;       ///< ">", ">>", ">|", "<", "<>", ">&", "<&", "&>", "&>>", "<<", "<<-", "<<<"
    ShellWord target; ///< file, descriptor, heredoc delimiter or here-string
    QString heredocBody;         ///< for "<<" and "<<-"
    qsizetype heredocStart = -1; ///< offset of the body in the original text
    bool heredocExpands = false; ///< unquoted delimiter: `$` in the body is expanded
    ShellSpan span;              ///< operator and target

    bool isHeredoc() const { return op == u"<<" || op == u"<<-"; }
};

struct ShellCommandList;

/// One simple command: its words (leading `VAR=value` assignments included), redirections
/// and the command lists of every `$( … )`, backtick and `<( … )` inside it.
struct ShellSimpleCommand
{
    QList<ShellWord> words;
    QList<ShellRedirection> redirections;
    std::vector<ShellCommandList> substitutions;
    ShellOperator next = ShellOperator::None; ///< operator that follows this command
    int subshellDepth = 0;                    ///< how many `( … )` enclose it
    ShellSpan span;                           ///< first to last word or redirection
};

/// Simple commands in the order they appear, each carrying the operator that follows it.
struct ShellCommandList
{
    QList<ShellSimpleCommand> commands;
};

/**
 * A lexer and parser for the POSIX shell subset found in runbooks: quotes, escapes,
 * comments, `|`, `||`, `&&`, `;`, `&`, subshells, `$( … )`, backticks, process
 * substitution, redirections and heredocs. It does not expand anything; it only tells
 * which words and commands a line would run, so that the safety classifier can judge them.
 */
class ShellTokenizer
{
    Q_DECLARE_TR_FUNCTIONS(ShellTokenizer)

public:
    /// Parses \a text. An unterminated quote or substitution, or a stray `)`, is an error.
    static Result<ShellCommandList> parse(const QString &text);

    /// Flattens \a list and every nested substitution list, outermost first.
    static QList<const ShellSimpleCommand *> allCommands(const ShellCommandList &list);
};

} // namespace ph
