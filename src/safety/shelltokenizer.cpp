// SPDX-License-Identifier: GPL-3.0-or-later
#include "safety/shelltokenizer.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Deeper nesting than this is not something a runbook contains; refusing it keeps a
// hostile or garbage input from exhausting the stack.
constexpr int kMaxDepth = 64;

bool isBlank(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\r';
}

bool isMeta(QChar c)
{
    return isBlank(c) || c == u'\n' || c == u';' || c == u'&' || c == u'|' || c == u'(' ||
           c == u')' || c == u'<' || c == u'>';
}

bool isNameStart(QChar c)
{
    return c == u'_' || (c.unicode() < 128 && c.isLetter());
}

bool isNameChar(QChar c)
{
    return isNameStart(c) || (c.unicode() < 128 && c.isDigit());
}

void shiftList(ShellCommandList &list, qsizetype delta, qsizetype limit);

void shiftSpan(ShellSpan &span, qsizetype delta, qsizetype limit)
{
    span.start = qBound<qsizetype>(0, span.start + delta, limit);
    span.length = qBound<qsizetype>(0, span.length, limit - span.start);
}

void shiftList(ShellCommandList &list, qsizetype delta, qsizetype limit)
{
    for (ShellSimpleCommand &cmd : list.commands) {
        shiftSpan(cmd.span, delta, limit);
        for (ShellWord &w : cmd.words)
            shiftSpan(w.span, delta, limit);
        for (ShellRedirection &r : cmd.redirections) {
            shiftSpan(r.span, delta, limit);
            shiftSpan(r.target.span, delta, limit);
            if (r.heredocStart >= 0)
                r.heredocStart = qBound<qsizetype>(0, r.heredocStart + delta, limit);
        }
        for (ShellCommandList &sub : cmd.substitutions)
            shiftList(sub, delta, limit);
    }
}

class Parser
{
public:
    Parser(const QString &text, int depth)
        : s(text)
        , n(text.size())
        , m_depth(depth)
    {
    }

    Result<ShellCommandList> parseList(qsizetype &i, bool untilParen);

private:
    struct PendingHeredoc
    {
        qsizetype command;
        qsizetype redirection;
    };

    Result<ShellWord> readWord(qsizetype &i, std::vector<ShellCommandList> &subs);
    Result<void> readDollar(qsizetype &i, ShellWord &w, std::vector<ShellCommandList> &subs);
    Result<void> readBacktick(qsizetype &i, ShellWord &w, std::vector<ShellCommandList> &subs);
    Result<ShellRedirection> readRedirection(qsizetype &i, int fd, qsizetype start,
                                             std::vector<ShellCommandList> &subs);
    void readHeredocs(qsizetype &i, ShellCommandList &list);

    tl::unexpected<Error> syntaxError(const QString &message, qsizetype at) const
    {
        return fail(u"shell.syntax"_s, message, u"offset %1"_s.arg(at));
    }

    const QString &s;
    const qsizetype n;
    const int m_depth;
    QList<PendingHeredoc> m_pending;
};

void finishCommand(ShellCommandList &list, ShellSimpleCommand &cur, ShellOperator op)
{
    if (cur.words.isEmpty() && cur.redirections.isEmpty()) {
        // `(a) | b` or `a;;`: the operator belongs to the command already finished.
        if (!list.commands.isEmpty() && op != ShellOperator::None &&
            list.commands.last().next == ShellOperator::None)
            list.commands.last().next = op;
        cur.substitutions.clear();
        return;
    }
    qsizetype start = -1;
    qsizetype end = -1;
    auto extend = [&](const ShellSpan &sp) {
        if (start < 0 || sp.start < start)
            start = sp.start;
        end = qMax(end, sp.end());
    };
    for (const ShellWord &w : cur.words)
        extend(w.span);
    for (const ShellRedirection &r : cur.redirections)
        extend(r.span);
    cur.span = {start, end - start};
    cur.next = op;
    list.commands.append(std::move(cur));
    cur = ShellSimpleCommand{};
}

Result<ShellCommandList> Parser::parseList(qsizetype &i, bool untilParen)
{
    if (m_depth > kMaxDepth)
        return syntaxError(ShellTokenizer::tr("The command is nested too deeply to check."), i);

    ShellCommandList list;
    ShellSimpleCommand cur;
    int subshell = 0;
    auto touch = [&] {
        if (cur.words.isEmpty() && cur.redirections.isEmpty())
            cur.subshellDepth = subshell;
    };

    while (i < n) {
        const QChar c = s.at(i);
        const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
        if (isBlank(c)) {
            ++i;
            continue;
        }
        if (c == u'\\' && next == u'\n') {
            i += 2;
            continue;
        }
        if (c == u'#') {
            while (i < n && s.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'\n') {
            finishCommand(list, cur, ShellOperator::Newline);
            ++i;
            readHeredocs(i, list);
            continue;
        }
        if (c == u';') {
            i += next == u';' ? 2 : 1;
            finishCommand(list, cur, ShellOperator::Sequence);
            continue;
        }
        if (c == u'&' && next == u'&') {
            i += 2;
            finishCommand(list, cur, ShellOperator::And);
            continue;
        }
        if (c == u'&' && next != u'>') {
            ++i;
            finishCommand(list, cur, ShellOperator::Background);
            continue;
        }
        if (c == u'|') {
            const bool orOp = next == u'|';
            i += (orOp || next == u'&') ? 2 : 1;
            finishCommand(list, cur, orOp ? ShellOperator::Or : ShellOperator::Pipe);
            continue;
        }
        if (c == u'(') {
            if (cur.words.isEmpty() && cur.redirections.isEmpty()) {
                ++subshell;
                ++i;
                continue;
            }
            // `name() { … }` defines a function; the body follows as ordinary commands.
            qsizetype j = i + 1;
            while (j < n && isBlank(s.at(j)))
                ++j;
            if (j < n && s.at(j) == u')') {
                i = j + 1;
                finishCommand(list, cur, ShellOperator::Sequence);
                continue;
            }
            return syntaxError(ShellTokenizer::tr("Unexpected “(” in the command."), i);
        }
        if (c == u')') {
            if (subshell > 0) {
                finishCommand(list, cur, ShellOperator::None);
                --subshell;
                ++i;
                continue;
            }
            if (untilParen) {
                finishCommand(list, cur, ShellOperator::None);
                ++i;
                return list;
            }
            return syntaxError(ShellTokenizer::tr("Unexpected “)” in the command."), i);
        }
        if ((c == u'<' || c == u'>') && next == u'(') {
            // Process substitution: a command whose output or input is a file name.
            const qsizetype start = i;
            i += 2;
            Parser nested(s, m_depth + 1);
            auto sub = nested.parseList(i, true);
            if (!sub)
                return tl::unexpected(sub.error());
            touch();
            ShellWord w;
            w.span = {start, i - start};
            w.text = s.mid(start, i - start);
            w.hasExpansion = true;
            cur.words.append(w);
            cur.substitutions.push_back(std::move(*sub));
            continue;
        }

        // A redirection: [n]op, &>, &>>
        qsizetype j = i;
        int fd = -1;
        while (j < n && s.at(j).unicode() < 128 && s.at(j).isDigit())
            ++j;
        if (j > i && j < n && (s.at(j) == u'<' || s.at(j) == u'>') && j - i < 6)
            fd = s.mid(i, j - i).toInt();
        else
            j = i;
        if (j < n && (s.at(j) == u'<' || s.at(j) == u'>' || (s.at(j) == u'&' && j == i))) {
            const qsizetype start = i;
            i = j;
            auto redir = readRedirection(i, fd, start, cur.substitutions);
            if (!redir)
                return tl::unexpected(redir.error());
            touch();
            if (redir->isHeredoc())
                m_pending.append({list.commands.size(), cur.redirections.size()});
            cur.redirections.append(std::move(*redir));
            continue;
        }

        auto word = readWord(i, cur.substitutions);
        if (!word)
            return tl::unexpected(word.error());
        touch();
        cur.words.append(std::move(*word));
    }

    if (untilParen)
        return syntaxError(ShellTokenizer::tr("A “$(” is never closed with “)”."), i);
    if (subshell > 0)
        return syntaxError(ShellTokenizer::tr("A “(” is never closed with “)”."), i);
    finishCommand(list, cur, ShellOperator::None);
    // A heredoc whose body never started (no newline after the command) is empty.
    m_pending.clear();
    return list;
}

Result<ShellRedirection> Parser::readRedirection(qsizetype &i, int fd, qsizetype start,
                                                 std::vector<ShellCommandList> &subs)
{
    static const QString ops[] = {u"&>>"_s, u"&>"_s, u"<<<"_s, u"<<-"_s, u"<<"_s, u"<>"_s,
                                  u"<&"_s,  u"<"_s,  u">>"_s,  u">|"_s,  u">&"_s, u">"_s};
    ShellRedirection r;
    r.fd = fd;
    for (const QString &op : ops) {
        if (QStringView(s).mid(i).startsWith(op)) {
            r.op = op;
            break;
        }
    }
    if (r.op.isEmpty())
        return syntaxError(ShellTokenizer::tr("Unexpected “%1” in the command.").arg(s.at(i)), i);
    i += r.op.size();
    while (i < n && isBlank(s.at(i)))
        ++i;
    if (i >= n || isMeta(s.at(i)))
        return syntaxError(
            ShellTokenizer::tr("The redirection “%1” has no file name after it.").arg(r.op), i);
    auto target = readWord(i, subs);
    if (!target)
        return tl::unexpected(target.error());
    r.target = std::move(*target);
    r.heredocExpands = !r.target.quoted;
    r.span = {start, i - start};
    return r;
}

void Parser::readHeredocs(qsizetype &i, ShellCommandList &list)
{
    for (const PendingHeredoc &p : std::as_const(m_pending)) {
        if (p.command >= list.commands.size() ||
            p.redirection >= list.commands[p.command].redirections.size())
            continue;
        ShellRedirection &r = list.commands[p.command].redirections[p.redirection];
        const bool stripTabs = r.op == u"<<-";
        const QString delimiter = r.target.text;
        r.heredocStart = i;
        QString body;
        while (i < n) {
            qsizetype eol = s.indexOf(u'\n', i);
            if (eol < 0)
                eol = n;
            QStringView line = QStringView(s).mid(i, eol - i);
            if (line.endsWith(u'\r'))
                line.chop(1);
            if (stripTabs) {
                while (line.startsWith(u'\t'))
                    line = line.mid(1);
            }
            i = qMin(eol + 1, n);
            if (line == delimiter)
                break;
            body += line + u'\n';
        }
        r.heredocBody = body;
    }
    m_pending.clear();
}

Result<ShellWord> Parser::readWord(qsizetype &i, std::vector<ShellCommandList> &subs)
{
    ShellWord w;
    const qsizetype start = i;
    while (i < n) {
        const QChar c = s.at(i);
        if (isMeta(c))
            break;
        if (c == u'\\') {
            if (i + 1 >= n) {
                w.text += c;
                ++i;
            } else if (s.at(i + 1) == u'\n') {
                i += 2;
            } else {
                w.text += s.at(i + 1);
                w.quoted = true;
                i += 2;
            }
            continue;
        }
        if (c == u'\'') {
            const qsizetype close = s.indexOf(u'\'', i + 1);
            if (close < 0)
                return syntaxError(ShellTokenizer::tr("A single quote (') is never closed."), i);
            w.text += QStringView(s).mid(i + 1, close - i - 1);
            w.quoted = true;
            i = close + 1;
            continue;
        }
        if (c == u'"') {
            const qsizetype open = i;
            w.quoted = true;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar d = s.at(i);
                if (d == u'"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == u'\\' && i + 1 < n) {
                    const QChar e = s.at(i + 1);
                    if (e == u'\n') {
                        i += 2;
                    } else if (e == u'$' || e == u'`' || e == u'"' || e == u'\\') {
                        w.text += e;
                        i += 2;
                    } else {
                        w.text += d;
                        ++i;
                    }
                    continue;
                }
                if (d == u'$') {
                    if (auto ok = readDollar(i, w, subs); !ok)
                        return tl::unexpected(ok.error());
                    continue;
                }
                if (d == u'`') {
                    if (auto ok = readBacktick(i, w, subs); !ok)
                        return tl::unexpected(ok.error());
                    continue;
                }
                w.text += d;
                ++i;
            }
            if (!closed)
                return syntaxError(ShellTokenizer::tr("A double quote (\") is never closed."),
                                   open);
            continue;
        }
        if (c == u'$') {
            if (auto ok = readDollar(i, w, subs); !ok)
                return tl::unexpected(ok.error());
            continue;
        }
        if (c == u'`') {
            if (auto ok = readBacktick(i, w, subs); !ok)
                return tl::unexpected(ok.error());
            continue;
        }
        w.text += c;
        ++i;
    }
    w.span = {start, i - start};
    return w;
}

Result<void> Parser::readDollar(qsizetype &i, ShellWord &w, std::vector<ShellCommandList> &subs)
{
    const qsizetype start = i;
    const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
    if (next == u'(' && i + 2 < n && s.at(i + 2) == u'(') {
        // Arithmetic $(( … )): no command runs inside, only the value is unknown.
        int depth = 0;
        qsizetype j = i + 1;
        for (; j < n; ++j) {
            if (s.at(j) == u'(')
                ++depth;
            else if (s.at(j) == u')' && --depth == 0)
                break;
        }
        if (j >= n)
            return syntaxError(ShellTokenizer::tr("A “$((” is never closed with “))”."), start);
        i = j + 1;
        w.text += QStringView(s).mid(start, i - start);
        w.hasExpansion = true;
        return {};
    }
    if (next == u'(') {
        i += 2;
        Parser nested(s, m_depth + 1);
        auto sub = nested.parseList(i, true);
        if (!sub)
            return tl::unexpected(sub.error());
        subs.push_back(std::move(*sub));
        w.text += QStringView(s).mid(start, i - start);
        w.hasExpansion = true;
        return {};
    }
    if (next == u'{') {
        int depth = 0;
        qsizetype j = i + 1;
        for (; j < n; ++j) {
            if (s.at(j) == u'{')
                ++depth;
            else if (s.at(j) == u'}' && --depth == 0)
                break;
        }
        if (j >= n)
            return syntaxError(ShellTokenizer::tr("A “${” is never closed with “}”."), start);
        i = j + 1;
        w.text += QStringView(s).mid(start, i - start);
        w.hasExpansion = true;
        return {};
    }
    if (next == u'\'') {
        // ANSI-C quoting $'…': a literal with backslash escapes.
        qsizetype j = i + 2;
        QString text;
        for (; j < n && s.at(j) != u'\''; ++j) {
            if (s.at(j) == u'\\' && j + 1 < n) {
                ++j;
                const QChar e = s.at(j);
                text += e == u'n' ? QChar(u'\n') : e == u't' ? QChar(u'\t') : e;
                continue;
            }
            text += s.at(j);
        }
        if (j >= n)
            return syntaxError(ShellTokenizer::tr("A single quote (') is never closed."), start);
        i = j + 1;
        w.text += text;
        w.quoted = true;
        return {};
    }
    if (isNameStart(next)) {
        qsizetype j = i + 1;
        while (j < n && isNameChar(s.at(j)))
            ++j;
        i = j;
        w.text += QStringView(s).mid(start, i - start);
        w.hasExpansion = true;
        return {};
    }
    if (!next.isNull() && (next.isDigit() || QStringView(u"@*#?$!-").contains(next))) {
        i += 2;
        w.text += QStringView(s).mid(start, 2);
        w.hasExpansion = true;
        return {};
    }
    w.text += u'$';
    ++i;
    return {};
}

Result<void> Parser::readBacktick(qsizetype &i, ShellWord &w, std::vector<ShellCommandList> &subs)
{
    const qsizetype start = i;
    QString inner;
    qsizetype j = i + 1;
    for (; j < n && s.at(j) != u'`'; ++j) {
        if (s.at(j) == u'\\' && j + 1 < n &&
            (s.at(j + 1) == u'`' || s.at(j + 1) == u'\\' || s.at(j + 1) == u'$')) {
            ++j;
        }
        inner += s.at(j);
    }
    if (j >= n)
        return syntaxError(ShellTokenizer::tr("A backtick (`) is never closed."), start);
    i = j + 1;
    Parser nested(inner, m_depth + 1);
    qsizetype k = 0;
    auto sub = nested.parseList(k, false);
    if (!sub)
        return tl::unexpected(sub.error());
    // Unescaping may shift positions slightly; spans stay inside the backticks.
    shiftList(*sub, start + 1, i);
    subs.push_back(std::move(*sub));
    w.text += QStringView(s).mid(start, i - start);
    w.hasExpansion = true;
    return {};
}

void collect(const ShellCommandList &list, QList<const ShellSimpleCommand *> &out)
{
    for (const ShellSimpleCommand &cmd : list.commands) {
        out.append(&cmd);
        for (const ShellCommandList &sub : cmd.substitutions)
            collect(sub, out);
    }
}

} // namespace

Result<ShellCommandList> ShellTokenizer::parse(const QString &text)
{
    Parser parser(text, 0);
    qsizetype i = 0;
    return parser.parseList(i, false);
}

QList<const ShellSimpleCommand *> ShellTokenizer::allCommands(const ShellCommandList &list)
{
    QList<const ShellSimpleCommand *> out;
    collect(list, out);
    return out;
}

} // namespace ph
