// SPDX-License-Identifier: GPL-3.0-or-later
#include "safety/commandclassifier.h"

#include "safety/shelltokenizer.h"

#include <QRegularExpression>
#include <QSet>

#include <functional>

using namespace Qt::StringLiterals;

namespace ph {

QString safetyLevelName(SafetyLevel level)
{
    switch (level) {
    case SafetyLevel::Safe:
        return u"safe"_s;
    case SafetyLevel::Confirm:
        return u"confirm"_s;
    case SafetyLevel::Destructive:
        return u"destructive"_s;
    }
    return u"destructive"_s;
}

namespace {

using Args = QList<ShellWord>;

// bash -c "bash -c '…'" more than this deep is not a runbook step; treat it as opaque.
constexpr int kMaxNesting = 12;

/// Where the text being analysed sits inside the top-level (substituted) text.
struct Scope
{
    QString text;
    std::function<ShellSpan(ShellSpan)> toTop;
    int depth = 0;
};

Scope childScope(const Scope &outer, const QString &text, ShellSpan region, qsizetype offset)
{
    Scope child;
    child.text = text;
    child.depth = outer.depth + 1;
    auto outerMap = outer.toTop;
    if (offset >= 0) {
        child.toTop = [outerMap, offset](ShellSpan sp) {
            return outerMap({sp.start + offset, sp.length});
        };
    } else {
        child.toTop = [outerMap, region](ShellSpan) {
            return outerMap(region);
        };
    }
    return child;
}

/// Offset of a word's unquoted text in the scope's text, when it appears there verbatim.
qsizetype verbatimOffset(const QString &text, const ShellWord &w)
{
    const ShellSpan sp = w.span;
    if (QStringView(text).mid(sp.start, sp.length) == w.text)
        return sp.start;
    if (sp.length >= 2 && QStringView(text).mid(sp.start + 1, sp.length - 2) == w.text)
        return sp.start + 1;
    return -1;
}

ShellSpan spanOf(const Args &args)
{
    if (args.isEmpty())
        return {};
    const qsizetype start = args.first().span.start;
    return {start, args.last().span.end() - start};
}

QString baseName(const QString &path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash >= 0 ? path.mid(slash + 1) : path;
}

bool isAssignment(const ShellWord &w)
{
    static const QRegularExpression re(u"^[A-Za-z_][A-Za-z0-9_]*\\+?="_s);
    return re.match(w.text).hasMatch() && !w.text.startsWith(u'=');
}

bool isLongOption(const QString &arg, QLatin1String name)
{
    return arg == name ||
           (arg.startsWith(name) && arg.size() > name.size() && arg.at(name.size()) == u'=');
}

bool hasLong(const Args &args, QLatin1String name, qsizetype from = 1)
{
    for (qsizetype i = from; i < args.size(); ++i) {
        if (args[i].text == u"--")
            return false;
        if (isLongOption(args[i].text, name))
            return true;
    }
    return false;
}

/// True when a short-option cluster (`-xzf`) contains \a flag. Stops at `--`.
bool hasShort(const Args &args, QChar flag, qsizetype from = 1)
{
    for (qsizetype i = from; i < args.size(); ++i) {
        const QString &a = args[i].text;
        if (a == u"--")
            return false;
        if (a.size() > 1 && a.startsWith(u'-') && !a.startsWith(u"--") && a.contains(flag))
            return true;
    }
    return false;
}

/// The value of `-d X`, `-dX`, `--db X` or `--db=X`; the first occurrence.
std::optional<ShellWord> optionValue(const Args &args, const QStringList &shortNames,
                                     const QStringList &longNames, qsizetype from = 1)
{
    for (qsizetype i = from; i < args.size(); ++i) {
        const QString &a = args[i].text;
        for (const QString &name : longNames) {
            if (a == name && i + 1 < args.size())
                return args[i + 1];
            if (a.startsWith(name + u'=')) {
                ShellWord w = args[i];
                w.text = a.mid(name.size() + 1);
                return w;
            }
        }
        for (const QString &name : shortNames) {
            if (a == name && i + 1 < args.size())
                return args[i + 1];
            if (a.startsWith(name) && a.size() > name.size() && !a.startsWith(u"--")) {
                ShellWord w = args[i];
                w.text = a.mid(name.size());
                return w;
            }
        }
    }
    return std::nullopt;
}

/// Arguments that are not options, skipping the values of options listed in \a withValue.
Args positionals(const Args &args, const QSet<QString> &withValue, qsizetype from = 1)
{
    Args out;
    bool afterDashDash = false;
    for (qsizetype i = from; i < args.size(); ++i) {
        const QString &a = args[i].text;
        if (!afterDashDash && a == u"--") {
            afterDashDash = true;
            continue;
        }
        if (!afterDashDash && a.size() > 1 && a.startsWith(u'-')) {
            if (withValue.contains(a))
                ++i;
            continue;
        }
        out.append(args[i]);
    }
    return out;
}

/// The database named by a MongoDB or PostgreSQL URI (`mongodb://h:1/db?x`), or \a value
/// itself when it is a plain name.
QString databaseFromTarget(const QString &value)
{
    const qsizetype scheme = value.indexOf(u"://");
    if (scheme < 0) {
        if (value.contains(u'=')) { // PostgreSQL conninfo: "host=x dbname=y"
            static const QRegularExpression re(u"(?:^|\\s)dbname\\s*=\\s*([^\\s]+)"_s);
            const auto m = re.match(value);
            return m.hasMatch() ? m.captured(1) : QString();
        }
        const qsizetype slash = value.indexOf(u'/');
        return slash >= 0 ? value.mid(slash + 1).section(u'?', 0, 0) : value;
    }
    const qsizetype slash = value.indexOf(u'/', scheme + 3);
    if (slash < 0)
        return {};
    return value.mid(slash + 1).section(u'?', 0, 0);
}

const QSet<QString> &inertVerbs()
{
    // Commands that only read or print: their arguments are data, never actions.
    static const QSet<QString> verbs = {
        u"echo"_s,     u"printf"_s,  u"grep"_s,  u"egrep"_s,    u"fgrep"_s,     u"zgrep"_s,
        u"rg"_s,       u"cat"_s,     u"zcat"_s,  u"less"_s,     u"more"_s,      u"head"_s,
        u"tail"_s,     u"wc"_s,      u"ls"_s,    u"ps"_s,       u"pgrep"_s,     u"pidof"_s,
        u"df"_s,       u"du"_s,      u"free"_s,  u"uptime"_s,   u"whoami"_s,    u"id"_s,
        u"hostname"_s, u"date"_s,    u"sleep"_s, u"true"_s,     u"false"_s,     u"test"_s,
        u"["_s,        u"[["_s,      u"sort"_s,  u"uniq"_s,     u"cut"_s,       u"tr"_s,
        u"jq"_s,       u"column"_s,  u"nl"_s,    u"man"_s,      u"which"_s,     u"type"_s,
        u"whereis"_s,  u"file"_s,    u"stat"_s,  u"md5sum"_s,   u"sha256sum"_s, u"diff"_s,
        u"basename"_s, u"dirname"_s, u"pwd"_s,   u"read"_s,     u":"_s,         u"export"_s,
        u"set"_s,      u"cd"_s,      u"lsof"_s,  u"netstat"_s,  u"ss"_s,        u"journalctl"_s,
        u"openssl"_s,  u"dig"_s,     u"ping"_s,  u"nslookup"_s, u"top"_s,       u"htop"_s,
        u"vmstat"_s,   u"iostat"_s,  u"nproc"_s, u"uname"_s,    u"env"_s,       u"printenv"_s,
    };
    return verbs;
}

const QSet<QString> &shells()
{
    static const QSet<QString> names = {u"sh"_s,  u"bash"_s, u"dash"_s, u"zsh"_s,
                                        u"ksh"_s, u"ash"_s,  u"mksh"_s, u"busybox"_s};
    return names;
}

bool expands(const QString &text)
{
    static const QRegularExpression re(u"\\$[A-Za-z_{(0-9@*#?!]|`"_s);
    return re.match(text).hasMatch();
}

class Analyzer
{
    // Same translation context as the public class, so lupdate files the strings there.
    Q_DECLARE_TR_FUNCTIONS(CommandClassifier)

public:
    Analyzer(const ClassifyOptions &options, Classification &out)
        : m_options(options)
        , m_out(out)
    {
    }

    void analyzeScript(const QString &text, const Scope &scope);
    void analyzeSql(const QString &sql, const Scope &scope, const QString &database);

    void add(SafetyLevel level, const QString &reason, ShellSpan span, const Scope &scope,
             bool cannotVerify = false)
    {
        if (level > m_out.level)
            m_out.level = level;
        if (cannotVerify)
            m_out.cannotVerify = true;
        if (!m_out.reasons.contains(reason))
            m_out.reasons.append(reason);
        const ShellSpan top = scope.toTop(span);
        m_topSpans.append(top);
    }

    QList<ShellSpan> m_topSpans;

private:
    struct Context
    {
        const Scope &scope;
        const ShellSimpleCommand *command = nullptr; ///< for redirections; null when nested
        bool pipedInto = false;
        ShellSpan span; ///< what to highlight for a finding about the whole command
    };

    void analyzeList(const ShellCommandList &list, const Scope &scope);
    void analyzeRedirections(const ShellSimpleCommand &cmd, const Scope &scope);
    void analyzeArgv(Args args, const Context &ctx);
    void analyzeVerb(const QString &verb, const Args &args, const Context &ctx);
    void analyzeNestedWord(const ShellWord &word, const Context &ctx, const QString &what);
    void analyzeStdin(const QString &verb, const Context &ctx,
                      const std::function<void(const QString &, const Scope &)> &analyzeBody);
    void analyzeMongoJs(const QString &js, const Scope &scope, const QString &database);
    void analyzeTar(const Args &args, const Context &ctx);
    void analyzeCompose(const Args &args, qsizetype sub, const Context &ctx);
    void analyzeDocker(const Args &args, const Context &ctx);
    void analyzeRestore(const QString &verb, const Args &args, const Context &ctx);
    void analyzeSqlClient(const QString &verb, const Args &args, const Context &ctx);

    bool isScratch(const QString &database) const
    {
        return !database.isEmpty() && m_options.scratchTargets.contains(database);
    }

    const ClassifyOptions &m_options;
    Classification &m_out;
};

void Analyzer::analyzeScript(const QString &text, const Scope &scope)
{
    if (scope.depth > kMaxNesting) {
        add(SafetyLevel::Destructive, tr("cannot verify: commands are nested too deeply"),
            {0, text.size()}, scope, true);
        return;
    }
    auto parsed = ShellTokenizer::parse(text);
    if (!parsed) {
        add(SafetyLevel::Destructive,
            tr("cannot verify: the command does not parse (%1)").arg(parsed.error().message),
            {0, text.size()}, scope, true);
        return;
    }
    analyzeList(*parsed, scope);
}

void Analyzer::analyzeList(const ShellCommandList &list, const Scope &scope)
{
    for (qsizetype i = 0; i < list.commands.size(); ++i) {
        const ShellSimpleCommand &cmd = list.commands[i];
        const bool piped = i > 0 && list.commands[i - 1].next == ShellOperator::Pipe;
        analyzeRedirections(cmd, scope);
        Context ctx{scope, &cmd, piped, spanOf(cmd.words)};
        analyzeArgv(cmd.words, ctx);
        for (const ShellCommandList &sub : cmd.substitutions)
            analyzeList(sub, scope);
    }
}

void Analyzer::analyzeRedirections(const ShellSimpleCommand &cmd, const Scope &scope)
{
    static const QSet<QString> sinks = {u"/dev/null"_s, u"/dev/stdout"_s, u"/dev/stderr"_s,
                                        u"/dev/tty"_s};
    for (const ShellRedirection &r : cmd.redirections) {
        const QString &target = r.target.text;
        bool truncates = r.op == u">" || r.op == u">|" || r.op == u"&>";
        if (r.op == u">&") {
            // `2>&1` and `>&-` duplicate or close; `>& file` writes a file like `&>`.
            static const QRegularExpression fdRe(u"^(\\d+|-)$"_s);
            truncates = !fdRe.match(target).hasMatch();
        }
        if (!truncates || sinks.contains(target) || target.startsWith(u"/dev/fd/"))
            continue;
        add(SafetyLevel::Destructive, tr("“%1” empties and overwrites %2").arg(r.op, target),
            r.span, scope);
    }
}

void Analyzer::analyzeNestedWord(const ShellWord &word, const Context &ctx, const QString &what)
{
    if (word.hasExpansion) {
        add(SafetyLevel::Destructive,
            tr("cannot verify: %1 runs a command built at run time").arg(what), ctx.span, ctx.scope,
            true);
        return;
    }
    const qsizetype offset = verbatimOffset(ctx.scope.text, word);
    analyzeScript(word.text, childScope(ctx.scope, word.text, word.span, offset));
}

/// Feeds what a command reads on stdin (heredoc, here-string) to \a analyzeBody; a pipe
/// into an interpreter cannot be checked.
void Analyzer::analyzeStdin(const QString &verb, const Context &ctx,
                            const std::function<void(const QString &, const Scope &)> &analyzeBody)
{
    if (ctx.pipedInto) {
        add(SafetyLevel::Destructive,
            tr("cannot verify: %1 runs commands read from a pipe").arg(verb), ctx.span, ctx.scope,
            true);
    }
    if (!ctx.command)
        return;
    for (const ShellRedirection &r : ctx.command->redirections) {
        if (r.isHeredoc()) {
            if (r.heredocExpands && expands(r.heredocBody)) {
                add(SafetyLevel::Destructive,
                    tr("cannot verify: the heredoc fed to %1 contains values only known at run "
                       "time")
                        .arg(verb),
                    r.span, ctx.scope, true);
            }
            const qsizetype start = qMax<qsizetype>(0, r.heredocStart);
            const bool verbatim =
                QStringView(ctx.scope.text).mid(start, r.heredocBody.size()) == r.heredocBody;
            const ShellSpan region{start, r.heredocBody.size()};
            analyzeBody(r.heredocBody,
                        childScope(ctx.scope, r.heredocBody, region, verbatim ? start : -1));
        } else if (r.op == u"<<<") {
            if (r.target.hasExpansion) {
                add(SafetyLevel::Destructive,
                    tr("cannot verify: the text fed to %1 is built at run time").arg(verb), r.span,
                    ctx.scope, true);
            }
            analyzeBody(r.target.text, childScope(ctx.scope, r.target.text, r.target.span,
                                                  verbatimOffset(ctx.scope.text, r.target)));
        }
    }
}

void Analyzer::analyzeArgv(Args args, const Context &ctx)
{
    static const QSet<QString> reserved = {u"!"_s,    u"{"_s,    u"}"_s,   u"if"_s,    u"then"_s,
                                           u"elif"_s, u"else"_s, u"do"_s,  u"while"_s, u"until"_s,
                                           u"fi"_s,   u"done"_s, u"esac"_s};
    static const QSet<QString> loops = {u"for"_s, u"case"_s, u"select"_s, u"function"_s};
    static const QSet<QString> sudoValue = {u"-u"_s, u"-g"_s, u"-C"_s, u"-D"_s, u"-h"_s, u"-p"_s,
                                            u"-r"_s, u"-t"_s, u"-U"_s, u"-T"_s, u"-R"_s};
    qsizetype i = 0;
    auto skipOptions = [&](const QSet<QString> &withValue) {
        while (i < args.size() && args[i].text.startsWith(u'-') && args[i].text.size() > 1) {
            if (args[i].text == u"--") {
                ++i;
                return;
            }
            i += withValue.contains(args[i].text) ? 2 : 1;
        }
    };
    while (i < args.size()) {
        if (isAssignment(args[i])) {
            ++i;
            continue;
        }
        const QString v = baseName(args[i].text);
        if (reserved.contains(v)) {
            ++i;
            continue;
        }
        if (loops.contains(v))
            return;
        if (v == u"sudo" || v == u"doas") {
            ++i;
            skipOptions(sudoValue);
            continue;
        }
        if (v == u"env") {
            ++i;
            while (i < args.size()) {
                const QString &a = args[i].text;
                if (a == u"-S" || a == u"--split-string") {
                    if (i + 1 < args.size())
                        analyzeNestedWord(args[i + 1], ctx, u"env -S"_s);
                    return;
                }
                if (a == u"-u" || a == u"-C" || a == u"--unset" || a == u"--chdir")
                    i += 2;
                else if ((a.startsWith(u'-') && a.size() > 1) || isAssignment(args[i]))
                    ++i;
                else
                    break;
            }
            if (i >= args.size())
                return;
            continue;
        }
        if (v == u"command" && i + 1 < args.size() &&
            (args[i + 1].text == u"-v" || args[i + 1].text == u"-V"))
            return;
        if (v == u"nohup" || v == u"exec" || v == u"builtin" || v == u"command" ||
            v == u"chronic" || v == u"time") {
            ++i;
            skipOptions({});
            continue;
        }
        if (v == u"nice" || v == u"ionice" || v == u"stdbuf") {
            ++i;
            skipOptions({u"-n"_s, u"-c"_s, u"-i"_s, u"-o"_s, u"-e"_s, u"-p"_s, u"-t"_s});
            continue;
        }
        if (v == u"timeout") {
            ++i;
            skipOptions({u"-s"_s, u"-k"_s, u"--signal"_s, u"--kill-after"_s});
            ++i; // the duration
            continue;
        }
        if (v == u"watch") {
            ++i;
            skipOptions({u"-n"_s, u"--interval"_s});
            continue;
        }
        break;
    }
    args = args.mid(i);
    if (args.isEmpty())
        return;
    if (args.first().hasExpansion) {
        add(SafetyLevel::Destructive,
            tr("cannot verify: the command name %1 is only known at run time")
                .arg(args.first().text),
            ctx.span, ctx.scope, true);
        return;
    }
    const QString verb = baseName(args.first().text);
    analyzeVerb(verb, args, ctx);

    if (!inertVerbs().contains(verb) && verb != u"mongorestore" && verb != u"pg_restore") {
        if (hasLong(args, "--restore"_L1)) {
            add(SafetyLevel::Destructive, tr("--restore replaces current data with a backup"),
                ctx.span, ctx.scope);
        }
        if (hasLong(args, "--drop"_L1)) {
            add(SafetyLevel::Destructive, tr("--drop deletes existing data"), ctx.span, ctx.scope);
        }
    }
}

void Analyzer::analyzeVerb(const QString &verb, const Args &args, const Context &ctx)
{
    const auto destructive = [&](const QString &reason) {
        add(SafetyLevel::Destructive, reason, ctx.span, ctx.scope);
    };
    const QString sub = args.size() > 1 ? args[1].text : QString();

    if (verb == u"kill" || verb == u"pkill" || verb == u"killall" || verb == u"skill" ||
        verb == u"killall5") {
        // `kill -l` only lists signal names. `kill -0` sends nothing either, but it is kept
        // destructive on purpose: one mistyped digit away from a real kill.
        if (verb == u"kill" && (sub == u"-l" || sub == u"-L"))
            return;
        destructive(tr("%1 stops running processes").arg(verb));
        return;
    }
    if (verb == u"rm" || verb == u"shred" || verb == u"unlink" || verb == u"srm") {
        if (verb == u"rm" &&
            (hasShort(args, u'r') || hasShort(args, u'R') || hasLong(args, "--recursive"_L1)))
            destructive(tr("rm -r deletes whole directory trees"));
        else
            destructive(tr("%1 deletes files").arg(verb));
        return;
    }
    if (verb.startsWith(u"mkfs") || verb == u"wipefs" || verb == u"fdisk" || verb == u"sfdisk" ||
        verb == u"parted" || verb == u"sgdisk") {
        destructive(tr("%1 rewrites a disk or partition").arg(verb));
        return;
    }
    if (verb == u"dd") {
        for (const ShellWord &a : args) {
            if (a.text.startsWith(u"of=") && a.text != u"of=/dev/null")
                destructive(tr("dd overwrites %1").arg(a.text.mid(3)));
        }
        return;
    }
    if (verb == u"truncate") {
        destructive(tr("truncate cuts files short"));
        return;
    }
    if (verb == u"chmod" || verb == u"chown" || verb == u"chgrp") {
        static const QRegularExpression systemDir(
            u"^/(|etc|usr|var|bin|sbin|lib|lib64|boot|opt|home|root|srv)/?$"_s);
        if (hasShort(args, u'R') || hasLong(args, "--recursive"_L1)) {
            for (const ShellWord &a : args.mid(1)) {
                if (systemDir.match(a.text).hasMatch()) {
                    destructive(tr("%1 -R changes every file under %2").arg(verb, a.text));
                    break;
                }
            }
        }
        return;
    }
    if (verb == u"tee") {
        if (hasShort(args, u'a') || hasLong(args, "--append"_L1))
            return;
        for (const ShellWord &a : positionals(args, {})) {
            if (a.text != u"/dev/null")
                destructive(tr("tee overwrites %1").arg(a.text));
        }
        return;
    }
    if (verb == u"tar" || verb == u"bsdtar" || verb == u"gtar") {
        analyzeTar(args, ctx);
        return;
    }
    if (verb == u"unzip") {
        if (hasShort(args, u'o'))
            destructive(tr("unzip -o extracts over existing files"));
        return;
    }
    if (verb == u"find") {
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString &a = args[i].text;
            if (a == u"-delete") {
                add(SafetyLevel::Destructive, tr("find -delete deletes every match"), args[i].span,
                    ctx.scope);
            } else if (a == u"-exec" || a == u"-execdir" || a == u"-ok" || a == u"-okdir") {
                qsizetype j = i + 1;
                while (j < args.size() && args[j].text != u";" && args[j].text != u"+")
                    ++j;
                const Args inner = args.mid(i + 1, j - i - 1);
                analyzeArgv(inner, Context{ctx.scope, nullptr, false, spanOf(inner)});
                i = j;
            }
        }
        return;
    }
    if (verb == u"xargs") {
        static const QSet<QString> withValue = {u"-n"_s, u"-P"_s, u"-I"_s, u"-L"_s, u"-d"_s,
                                                u"-a"_s, u"-E"_s, u"-s"_s, u"-i"_s};
        qsizetype i = 1;
        while (i < args.size() && args[i].text.startsWith(u'-') && args[i].text.size() > 1)
            i += withValue.contains(args[i].text) ? 2 : 1;
        const Args inner = args.mid(i);
        if (inner.isEmpty())
            return;
        Classification probe;
        Analyzer nested(m_options, probe);
        nested.analyzeArgv(inner, Context{ctx.scope, nullptr, false, spanOf(inner)});
        if (probe.level != SafetyLevel::Safe) {
            add(SafetyLevel::Destructive,
                tr("cannot verify: xargs runs %1 on input only known at run time")
                    .arg(baseName(inner.first().text)),
                ctx.span, ctx.scope, true);
            for (const QString &r : std::as_const(probe.reasons)) {
                if (!m_out.reasons.contains(r))
                    m_out.reasons.append(r);
            }
        }
        return;
    }
    if (verb == u"eval") {
        add(SafetyLevel::Destructive, tr("cannot verify: eval runs a command built at run time"),
            ctx.span, ctx.scope, true);
        return;
    }
    if (verb == u"source" || verb == u".") {
        return; // a script file, like running it
    }
    if (shells().contains(verb)) {
        for (qsizetype i = 1; i < args.size(); ++i) {
            const QString &a = args[i].text;
            if (a == u"-o" || a == u"+o") {
                ++i;
                continue;
            }
            if (a.size() > 1 && a.startsWith(u'-') && !a.startsWith(u"--") && a.contains(u'c')) {
                if (i + 1 < args.size())
                    analyzeNestedWord(args[i + 1], ctx, verb + u" -c"_s);
                return;
            }
            if (!a.startsWith(u'-') && !a.startsWith(u'+'))
                return; // a script file
        }
        analyzeStdin(verb, ctx, [this](const QString &body, const Scope &scope) {
            analyzeScript(body, scope);
        });
        return;
    }
    if (verb.startsWith(u"python") || verb == u"perl" || verb == u"ruby" || verb == u"node") {
        static const QRegularExpression risky(
            u"rmtree|os\\.remove|os\\.unlink|unlink\\(|os\\.system|subprocess|os\\.kill|"
            u"system\\(|exec\\(|truncate|drop"_s,
            QRegularExpression::CaseInsensitiveOption);
        auto code = optionValue(args, {u"-c"_s, u"-e"_s}, {});
        if (code && (code->hasExpansion || risky.match(code->text).hasMatch())) {
            add(SafetyLevel::Destructive,
                tr("cannot verify: %1 runs inline code that can delete or start things").arg(verb),
                ctx.span, ctx.scope, true);
            return;
        }
        if (!code && positionals(args, {u"-m"_s, u"-W"_s, u"-X"_s}).isEmpty() &&
            !hasShort(args, u'm') && !hasShort(args, u'V') && !hasLong(args, "--version"_L1))
            analyzeStdin(verb, ctx, [](const QString &, const Scope &) {});
        return;
    }
    if (verb == u"ssh") {
        static const QSet<QString> withValue = {u"-p"_s, u"-i"_s, u"-l"_s, u"-o"_s, u"-J"_s,
                                                u"-F"_s, u"-L"_s, u"-R"_s, u"-D"_s, u"-E"_s,
                                                u"-b"_s, u"-c"_s, u"-m"_s, u"-O"_s, u"-Q"_s,
                                                u"-S"_s, u"-W"_s, u"-w"_s, u"-B"_s};
        const Args pos = positionals(args, withValue);
        if (pos.size() > 1) {
            const Args remote = pos.mid(1);
            QStringList parts;
            for (const ShellWord &w : remote)
                parts.append(w.text);
            const QString text = parts.join(u' ');
            if (remote.size() == 1) {
                analyzeNestedWord(remote.first(), ctx, u"ssh"_s);
            } else {
                bool dynamic = false;
                for (const ShellWord &w : remote)
                    dynamic = dynamic || w.hasExpansion;
                if (dynamic) {
                    add(SafetyLevel::Destructive,
                        tr("cannot verify: %1 runs a command built at run time").arg(verb),
                        ctx.span, ctx.scope, true);
                } else {
                    analyzeScript(text, childScope(ctx.scope, text, spanOf(remote), -1));
                }
            }
        } else {
            analyzeStdin(verb, ctx, [this](const QString &body, const Scope &scope) {
                analyzeScript(body, scope);
            });
        }
        return;
    }
    if (verb == u"docker-compose" || verb == u"podman-compose") {
        analyzeCompose(args, 1, ctx);
        return;
    }
    if (verb == u"docker" || verb == u"podman") {
        analyzeDocker(args, ctx);
        return;
    }
    if (verb == u"kubectl" || verb == u"oc") {
        static const QSet<QString> withValue = {
            u"-n"_s,         u"--namespace"_s, u"--context"_s,   u"--kubeconfig"_s, u"-l"_s,
            u"--selector"_s, u"-c"_s,          u"--container"_s, u"-o"_s,           u"--cluster"_s,
            u"--user"_s,     u"-s"_s,          u"--server"_s};
        const Args pos = positionals(args, withValue);
        const QString kc = pos.isEmpty() ? QString() : pos.first().text;
        const QString kc2 = pos.size() > 1 ? pos[1].text : QString();
        if (kc == u"delete" || kc == u"scale" || kc == u"drain" || kc == u"cordon" ||
            kc == u"replace" || kc == u"taint") {
            destructive(tr("kubectl %1 changes what runs in the cluster").arg(kc));
        } else if (kc == u"rollout" && (kc2 == u"restart" || kc2 == u"undo")) {
            destructive(tr("kubectl rollout %1 restarts the pods").arg(kc2));
        } else if (kc == u"exec") {
            for (qsizetype i = 1; i < args.size(); ++i) {
                if (args[i].text == u"--") {
                    const Args inner = args.mid(i + 1);
                    analyzeArgv(inner, Context{ctx.scope, nullptr, false, spanOf(inner)});
                    break;
                }
            }
        }
        return;
    }
    if (verb == u"systemctl") {
        static const QSet<QString> stopping = {
            u"stop"_s,        u"restart"_s,           u"disable"_s,   u"kill"_s,     u"mask"_s,
            u"try-restart"_s, u"reload-or-restart"_s, u"isolate"_s,   u"poweroff"_s, u"reboot"_s,
            u"halt"_s,        u"suspend"_s,           u"hibernate"_s, u"rescue"_s,   u"emergency"_s,
            u"kexec"_s,       u"soft-reboot"_s};
        const Args pos = positionals(args, {u"-H"_s, u"--host"_s, u"-M"_s, u"--machine"_s, u"-p"_s,
                                            u"--property"_s, u"-s"_s, u"--signal"_s});
        if (!pos.isEmpty() && stopping.contains(pos.first().text))
            destructive(tr("systemctl %1 interrupts a running service").arg(pos.first().text));
        return;
    }
    if (verb == u"service" || verb == u"rc-service") {
        const Args pos = positionals(args, {});
        if (pos.size() > 1 &&
            (pos[1].text == u"stop" || pos[1].text == u"restart" || pos[1].text == u"force-reload"))
            destructive(tr("service %1 interrupts a running service").arg(pos[1].text));
        return;
    }
    if (verb == u"reboot" || verb == u"shutdown" || verb == u"poweroff" || verb == u"halt") {
        destructive(tr("%1 takes the whole machine down").arg(verb));
        return;
    }
    if ((verb == u"init" || verb == u"telinit") && (sub == u"0" || sub == u"6")) {
        destructive(tr("%1 %2 takes the whole machine down").arg(verb, sub));
        return;
    }
    if (verb == u"ufw") {
        for (const ShellWord &a : args.mid(1)) {
            if (a.text == u"deny" || a.text == u"reject" || a.text == u"delete" ||
                a.text == u"reset" || a.text == u"disable") {
                destructive(tr("ufw %1 changes the firewall and can cut off traffic").arg(a.text));
                break;
            }
        }
        return;
    }
    if (verb == u"iptables" || verb == u"ip6tables") {
        const bool adds = hasShort(args, u'A') || hasShort(args, u'I') ||
                          hasLong(args, "--append"_L1) || hasLong(args, "--insert"_L1) ||
                          hasShort(args, u'P');
        bool drops = false;
        for (const ShellWord &a : args)
            drops = drops || a.text == u"DROP" || a.text == u"REJECT";
        if ((adds && drops) || hasShort(args, u'F') || hasLong(args, "--flush"_L1) ||
            hasShort(args, u'D') || hasShort(args, u'X'))
            destructive(tr("%1 changes the firewall and can cut off traffic").arg(verb));
        return;
    }
    if (verb == u"nft") {
        for (const ShellWord &a : args.mid(1)) {
            if (a.text == u"flush" || a.text == u"delete" || a.text == u"drop") {
                destructive(tr("nft changes the firewall and can cut off traffic"));
                break;
            }
        }
        return;
    }
    if (verb == u"sysctl") {
        bool writes = hasShort(args, u'w') || hasShort(args, u'p') || hasLong(args, "--write"_L1) ||
                      hasLong(args, "--load"_L1) || hasLong(args, "--system"_L1);
        for (const ShellWord &a : positionals(args, {}))
            writes = writes || a.text.contains(u'=');
        if (writes)
            destructive(tr("sysctl changes kernel settings of a running machine"));
        return;
    }
    if (verb == u"crontab") {
        if (hasShort(args, u'r'))
            destructive(tr("crontab -r deletes every scheduled job"));
        return;
    }
    if (verb == u"rsync") {
        for (const ShellWord &a : args) {
            if (a.text.startsWith(u"--delete") || a.text == u"--remove-source-files") {
                destructive(tr("rsync %1 deletes files").arg(a.text));
                break;
            }
        }
        return;
    }
    if (verb == u"git") {
        const Args pos = positionals(args, {u"-C"_s, u"-c"_s});
        const QString g = pos.isEmpty() ? QString() : pos.first().text;
        if ((g == u"reset" && hasLong(args, "--hard"_L1)) ||
            (g == u"clean" && (hasShort(args, u'f') || hasLong(args, "--force"_L1))) ||
            (g == u"push" &&
             (hasShort(args, u'f') || hasLong(args, "--force"_L1) ||
              hasLong(args, "--force-with-lease"_L1) || hasLong(args, "--delete"_L1))) ||
            (g == u"branch" && hasShort(args, u'D')) ||
            (g == u"stash" && pos.size() > 1 &&
             (pos[1].text == u"drop" || pos[1].text == u"clear")) ||
            (g == u"checkout" && (hasShort(args, u'f') || hasLong(args, "--force"_L1)))) {
            destructive(tr("git %1 throws away work").arg(g));
        }
        return;
    }
    if (verb == u"apt" || verb == u"apt-get" || verb == u"dnf" || verb == u"yum") {
        const Args pos = positionals(args, {u"-o"_s});
        if (!pos.isEmpty() && (pos.first().text == u"remove" || pos.first().text == u"purge" ||
                               pos.first().text == u"autoremove" || pos.first().text == u"erase"))
            destructive(tr("%1 %2 uninstalls software").arg(verb, pos.first().text));
        return;
    }
    if (verb == u"redis-cli") {
        for (const ShellWord &a : args.mid(1)) {
            const QString t = a.text.toLower();
            if (t == u"flushall" || t == u"flushdb" || t == u"shutdown") {
                destructive(tr("redis-cli %1 deletes or stops the data store").arg(t));
                break;
            }
        }
        return;
    }
    if (verb == u"mongorestore" || verb == u"pg_restore") {
        analyzeRestore(verb, args, ctx);
        return;
    }
    if (verb == u"psql" || verb == u"mysql" || verb == u"mariadb" || verb == u"sqlite3" ||
        verb == u"mongosh" || verb == u"mongo") {
        analyzeSqlClient(verb, args, ctx);
        return;
    }
    if (verb == u"dropdb" || verb == u"dropuser") {
        const Args pos = positionals(args, {u"-h"_s, u"-p"_s, u"-U"_s, u"--host"_s, u"--port"_s,
                                            u"--username"_s, u"--maintenance-db"_s});
        if (verb == u"dropdb" && !pos.isEmpty() && isScratch(pos.last().text)) {
            add(SafetyLevel::Confirm, tr("drops the scratch database %1").arg(pos.last().text),
                ctx.span, ctx.scope);
        } else {
            destructive(tr("%1 deletes a database or role").arg(verb));
        }
        return;
    }
}

void Analyzer::analyzeTar(const Args &args, const Context &ctx)
{
    // Short options that take the rest of their cluster (or the next word) as a value, so
    // that `-cfx.tar` is not read as "extract".
    static const QString valueOptions = u"fCTXbgHKLNV"_s;
    bool extract = false;
    bool toStdout = false;
    bool deleteMembers = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args[i].text;
        if (a == u"--")
            break;
        if (a.startsWith(u"--")) {
            extract = extract || isLongOption(a, "--extract"_L1) || isLongOption(a, "--get"_L1);
            toStdout = toStdout || isLongOption(a, "--to-stdout"_L1);
            deleteMembers = deleteMembers || isLongOption(a, "--delete"_L1);
            continue;
        }
        // Old style: the first argument is a bundle of letters without a dash (`xzf`).
        const bool bundle = i == 1 && !a.startsWith(u'-');
        if (!bundle && !a.startsWith(u'-'))
            continue;
        for (qsizetype k = bundle ? 0 : 1; k < a.size(); ++k) {
            const QChar c = a.at(k);
            if (c == u'x')
                extract = true;
            else if (c == u'O')
                toStdout = true;
            if (!bundle && valueOptions.contains(c))
                break;
        }
    }
    if (extract && !toStdout)
        add(SafetyLevel::Destructive, tr("tar -x extracts over existing files"), ctx.span,
            ctx.scope);
    if (deleteMembers)
        add(SafetyLevel::Destructive, tr("tar --delete removes files from the archive"), ctx.span,
            ctx.scope);
}

void Analyzer::analyzeCompose(const Args &args, qsizetype first, const Context &ctx)
{
    static const QSet<QString> withValue = {u"-f"_s,
                                            u"--file"_s,
                                            u"-p"_s,
                                            u"--project-name"_s,
                                            u"--env-file"_s,
                                            u"--profile"_s,
                                            u"--project-directory"_s,
                                            u"--ansi"_s,
                                            u"--parallel"_s,
                                            u"-H"_s,
                                            u"--host"_s,
                                            u"--context"_s,
                                            u"--log-level"_s,
                                            u"-c"_s};
    qsizetype i = first;
    while (i < args.size() && args[i].text.startsWith(u'-'))
        i += withValue.contains(args[i].text) ? 2 : 1;
    if (i >= args.size())
        return;
    const QString sub = args[i].text;
    const Args rest = args.mid(i + 1);
    const QString tool = first == 1 ? baseName(args.first().text) : u"docker compose"_s;
    static const QSet<QString> stopping = {u"down"_s, u"stop"_s,  u"restart"_s, u"rm"_s,
                                           u"kill"_s, u"pause"_s, u"scale"_s};
    if (stopping.contains(sub)) {
        add(SafetyLevel::Destructive,
            tr("%1 %2 stops or removes running containers").arg(tool, sub), ctx.span, ctx.scope);
        if (sub == u"down" && (hasShort(rest, u'v', 0) || hasLong(rest, "--volumes"_L1, 0)))
            add(SafetyLevel::Destructive, tr("%1 down -v deletes the data volumes").arg(tool),
                ctx.span, ctx.scope);
        return;
    }
    if (sub == u"up" || sub == u"create") {
        for (const ShellWord &a : rest) {
            if (isLongOption(a.text, "--force-recreate"_L1) || isLongOption(a.text, "--scale"_L1) ||
                a.text == u"-V" || isLongOption(a.text, "--renew-anon-volumes"_L1) ||
                isLongOption(a.text, "--remove-orphans"_L1)) {
                add(SafetyLevel::Destructive,
                    tr("%1 up %2 recreates running containers")
                        .arg(tool, a.text.section(u'=', 0, 0)),
                    ctx.span, ctx.scope);
            }
        }
        return;
    }
    if (sub == u"exec" || sub == u"run") {
        static const QSet<QString> execValue = {
            u"-e"_s,        u"--env"_s,    u"-u"_s,           u"--user"_s, u"-w"_s,
            u"--workdir"_s, u"--index"_s,  u"--name"_s,       u"-p"_s,     u"--publish"_s,
            u"-v"_s,        u"--volume"_s, u"--entrypoint"_s, u"-l"_s,     u"--label"_s};
        qsizetype j = 0;
        while (j < rest.size() && rest[j].text.startsWith(u'-'))
            j += execValue.contains(rest[j].text) ? 2 : 1;
        const Args inner = rest.mid(j + 1); // after the service name
        if (!inner.isEmpty())
            analyzeArgv(inner, Context{ctx.scope, nullptr, false, spanOf(inner)});
        return;
    }
    if (sub == u"down")
        return;
}

void Analyzer::analyzeDocker(const Args &args, const Context &ctx)
{
    static const QSet<QString> globalValue = {
        u"-H"_s, u"--host"_s, u"-c"_s, u"--context"_s, u"--config"_s, u"-l"_s, u"--log-level"_s};
    qsizetype i = 1;
    while (i < args.size() && args[i].text.startsWith(u'-'))
        i += globalValue.contains(args[i].text) ? 2 : 1;
    if (i >= args.size())
        return;
    QString sub = args[i].text;
    if (sub == u"compose") {
        analyzeCompose(args, i + 1, ctx);
        return;
    }
    QString object;
    static const QSet<QString> objects = {u"container"_s, u"image"_s,   u"volume"_s,  u"network"_s,
                                          u"system"_s,    u"builder"_s, u"service"_s, u"stack"_s,
                                          u"swarm"_s,     u"node"_s,    u"secret"_s,  u"config"_s};
    if (objects.contains(sub) && i + 1 < args.size()) {
        object = sub;
        ++i;
        sub = args[i].text;
    }
    static const QSet<QString> stopping = {u"rm"_s,      u"rmi"_s,   u"kill"_s,   u"stop"_s,
                                           u"restart"_s, u"prune"_s, u"remove"_s, u"pause"_s,
                                           u"leave"_s,   u"scale"_s, u"update"_s};
    if (stopping.contains(sub)) {
        const QString what = object.isEmpty() ? sub : object + u' ' + sub;
        add(SafetyLevel::Destructive, tr("docker %1 stops or deletes containers or data").arg(what),
            ctx.span, ctx.scope);
        return;
    }
    if (sub == u"exec" && object.isEmpty()) {
        static const QSet<QString> execValue = {u"-e"_s,         u"--env"_s,        u"-u"_s,
                                                u"--user"_s,     u"-w"_s,           u"--workdir"_s,
                                                u"--env-file"_s, u"--detach-keys"_s};
        qsizetype j = i + 1;
        while (j < args.size() && args[j].text.startsWith(u'-'))
            j += execValue.contains(args[j].text) ? 2 : 1;
        const Args inner = args.mid(j + 1); // after the container name
        if (!inner.isEmpty()) {
            Context innerCtx{ctx.scope, ctx.command, ctx.pipedInto, spanOf(inner)};
            analyzeArgv(inner, innerCtx);
        }
    }
}

void Analyzer::analyzeRestore(const QString &verb, const Args &args, const Context &ctx)
{
    QStringList targets;
    bool unknownTarget = false;
    auto note = [&](const std::optional<ShellWord> &w, bool nsForm) {
        if (!w)
            return;
        if (w->hasExpansion) {
            unknownTarget = true;
            return;
        }
        const QString db = nsForm ? w->text.section(u'.', 0, 0) : databaseFromTarget(w->text);
        if (db.isEmpty() || db.contains(u'*'))
            unknownTarget = true;
        else
            targets.append(db);
    };
    bool drops = false;
    if (verb == u"mongorestore") {
        drops = hasLong(args, "--drop"_L1);
        const auto nsTo = optionValue(args, {}, {u"--nsTo"_s});
        if (nsTo) {
            note(nsTo, true);
        } else {
            note(optionValue(args, {}, {u"--uri"_s}), false);
            note(optionValue(args, {u"-d"_s}, {u"--db"_s}), false);
            note(optionValue(args, {}, {u"--nsInclude"_s}), true);
        }
    } else {
        drops = hasShort(args, u'c') || hasLong(args, "--clean"_L1);
        const auto db = optionValue(args, {u"-d"_s}, {u"--dbname"_s});
        if (!db) {
            if (hasShort(args, u'l') || hasLong(args, "--list"_L1) || hasShort(args, u'f') ||
                hasLong(args, "--file"_L1))
                return; // writes a listing or a script, not a database
        }
        note(db, false);
    }

    bool allScratch = !targets.isEmpty() && !unknownTarget;
    for (const QString &t : std::as_const(targets))
        allScratch = allScratch && isScratch(t);
    if (allScratch) {
        add(SafetyLevel::Confirm,
            tr("%1 restores into the scratch database %2").arg(verb, targets.join(u", "_s)),
            ctx.span, ctx.scope);
        return;
    }
    add(SafetyLevel::Destructive, tr("%1 overwrites a live database with a backup").arg(verb),
        ctx.span, ctx.scope);
    if (drops) {
        add(SafetyLevel::Destructive,
            verb == u"mongorestore" ? tr("--drop deletes every restored collection first")
                                    : tr("--clean drops database objects before restoring"),
            ctx.span, ctx.scope);
    }
}

void Analyzer::analyzeSqlClient(const QString &verb, const Args &args, const Context &ctx)
{
    const bool mongo = verb == u"mongosh" || verb == u"mongo";
    QString database;
    std::optional<ShellWord> code;
    if (mongo) {
        static const QSet<QString> withValue = {u"--eval"_s,
                                                u"-f"_s,
                                                u"--file"_s,
                                                u"--host"_s,
                                                u"--port"_s,
                                                u"-u"_s,
                                                u"--username"_s,
                                                u"-p"_s,
                                                u"--password"_s,
                                                u"--authenticationDatabase"_s,
                                                u"--authenticationMechanism"_s,
                                                u"--tlsCAFile"_s,
                                                u"--tlsCertificateKeyFile"_s};
        const Args pos = positionals(args, withValue);
        if (!pos.isEmpty() && !pos.first().hasExpansion)
            database = databaseFromTarget(pos.first().text);
        code = optionValue(args, {}, {u"--eval"_s});
        if (code) {
            if (code->hasExpansion) {
                add(SafetyLevel::Destructive,
                    tr("cannot verify: the script given to %1 is built at run time").arg(verb),
                    ctx.span, ctx.scope, true);
            }
            const ShellWord w = *code;
            analyzeMongoJs(w.text,
                           childScope(ctx.scope, w.text, w.span, verbatimOffset(ctx.scope.text, w)),
                           database);
        } else if (!optionValue(args, {u"-f"_s}, {u"--file"_s})) {
            analyzeStdin(verb, ctx, [this, database](const QString &body, const Scope &scope) {
                analyzeMongoJs(body, scope, database);
            });
        }
    } else {
        QStringList shortCode;
        QStringList longCode;
        if (verb == u"psql") {
            shortCode = {u"-c"_s};
            longCode = {u"--command"_s};
            if (auto db = optionValue(args, {u"-d"_s}, {u"--dbname"_s}))
                database = databaseFromTarget(db->text);
        } else if (verb == u"sqlite3") {
            longCode = {u"-cmd"_s};
        } else {
            shortCode = {u"-e"_s};
            longCode = {u"--execute"_s};
            if (auto db = optionValue(args, {u"-D"_s}, {u"--database"_s}))
                database = db->text;
        }
        static const QSet<QString> withValue = {
            u"-c"_s, u"--command"_s, u"-d"_s,   u"--dbname"_s,   u"-h"_s,      u"--host"_s,
            u"-p"_s, u"--port"_s,    u"-U"_s,   u"--username"_s, u"-u"_s,      u"--user"_s,
            u"-e"_s, u"--execute"_s, u"-D"_s,   u"--database"_s, u"-f"_s,      u"--file"_s,
            u"-v"_s, u"--set"_s,     u"-cmd"_s, u"-o"_s,         u"--output"_s};
        const Args pos = positionals(args, withValue);
        if (database.isEmpty() && !pos.isEmpty() && !pos.first().hasExpansion)
            database = databaseFromTarget(pos.first().text);

        QList<ShellWord> statements;
        if (auto c = optionValue(args, shortCode, longCode))
            statements.append(*c);
        if (verb == u"sqlite3") {
            for (const ShellWord &w : pos.mid(1))
                statements.append(w);
        }
        for (const ShellWord &w : std::as_const(statements)) {
            if (w.hasExpansion) {
                add(SafetyLevel::Destructive,
                    tr("cannot verify: the SQL given to %1 is built at run time").arg(verb),
                    ctx.span, ctx.scope, true);
            }
            analyzeSql(w.text,
                       childScope(ctx.scope, w.text, w.span, verbatimOffset(ctx.scope.text, w)),
                       database);
        }
        const auto file = optionValue(args, {u"-f"_s}, {u"--file"_s});
        bool fromFile = file && verb != u"sqlite3";
        if (ctx.command) {
            for (const ShellRedirection &r : ctx.command->redirections)
                fromFile = fromFile || r.op == u"<";
        }
        if (fromFile) {
            if (isScratch(database)) {
                add(SafetyLevel::Confirm,
                    tr("%1 loads a SQL file into the scratch database %2").arg(verb, database),
                    ctx.span, ctx.scope);
            } else {
                add(SafetyLevel::Destructive,
                    tr("cannot verify: %1 runs the SQL in a file, which may change or restore "
                       "the database")
                        .arg(verb),
                    ctx.span, ctx.scope, true);
            }
        } else if (statements.isEmpty()) {
            analyzeStdin(verb, ctx, [this, database](const QString &body, const Scope &scope) {
                analyzeSql(body, scope, database);
            });
        }
    }
}

void Analyzer::analyzeMongoJs(const QString &js, const Scope &scope, const QString &database)
{
    static const QRegularExpression sibling(
        u"getSiblingDB\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)|\\buse\\s+([A-Za-z0-9_-]+)"_s);
    QString db = database;
    if (const auto m = sibling.match(js); m.hasMatch())
        db = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);

    struct Rule
    {
        QRegularExpression re;
        const char *reason;
    };
    static const Rule rules[] = {
        {QRegularExpression(u"\\.dropDatabase\\s*\\("_s),
         QT_TRANSLATE_NOOP("CommandClassifier", "dropDatabase deletes the whole database")},
        {QRegularExpression(u"\\.drop\\s*\\(\\s*\\)"_s),
         QT_TRANSLATE_NOOP("CommandClassifier", "drop() deletes a whole collection")},
        {QRegularExpression(u"\\.(deleteMany|remove)\\s*\\(\\s*(\\{\\s*\\})?\\s*\\)"_s),
         QT_TRANSLATE_NOOP("CommandClassifier", "deleteMany({}) deletes every document")},
        {QRegularExpression(u"\\.(dropIndex|dropIndexes|dropUser|dropAllUsers|dropRole)\\s*\\("_s),
         QT_TRANSLATE_NOOP("CommandClassifier", "removes indexes, users or roles")},
        {QRegularExpression(u"shutdownServer\\s*\\(|\\{\\s*shutdown\\s*:"_s),
         QT_TRANSLATE_NOOP("CommandClassifier", "shuts the database server down")},
    };
    for (const Rule &rule : rules) {
        const auto m = rule.re.match(js);
        if (!m.hasMatch())
            continue;
        // Highlight the whole statement, e.g. `db.getSiblingDB('x').dropDatabase()`.
        qsizetype start = m.capturedStart(0);
        while (start > 0 && !QStringView(u" \t\n;").contains(js.at(start - 1)))
            --start;
        qsizetype end = m.capturedEnd(0);
        while (end < js.size() && js.at(end) != u';' && js.at(end) != u'\n')
            ++end;
        const ShellSpan span{start, end - start};
        if (isScratch(db)) {
            add(SafetyLevel::Confirm, tr("%1 (scratch database %2)").arg(tr(rule.reason), db), span,
                scope);
        } else {
            add(SafetyLevel::Destructive, tr(rule.reason), span, scope);
        }
    }
}

struct SqlStatement
{
    QStringList words; ///< upper-cased keywords and identifiers, strings and comments left out
    ShellSpan span;
};

QList<SqlStatement> splitSql(const QString &sql)
{
    QList<SqlStatement> out;
    SqlStatement cur;
    qsizetype stmtStart = -1;
    const qsizetype n = sql.size();
    auto finish = [&](qsizetype end) {
        if (!cur.words.isEmpty()) {
            cur.span = {stmtStart, end - stmtStart};
            out.append(cur);
        }
        cur = {};
        stmtStart = -1;
    };
    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();
        if (c == u'-' && next == u'-') {
            while (i < n && sql.at(i) != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && next == u'*') {
            const qsizetype close = sql.indexOf(u"*/", i + 2);
            i = close < 0 ? n : close + 2;
            continue;
        }
        if (c == u'\'' || c == u'"' || c == u'`') {
            if (stmtStart < 0)
                stmtStart = i;
            qsizetype j = i + 1;
            while (j < n) {
                if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) { // doubled quote
                        j += 2;
                        continue;
                    }
                    break;
                }
                if (sql.at(j) == u'\\' && c == u'\'')
                    ++j;
                ++j;
            }
            if (c != u'\'')
                cur.words.append(sql.mid(i + 1, j - i - 1).toUpper());
            i = j + 1;
            continue;
        }
        if (c == u'$') {
            static const QRegularExpression tagRe(u"\\G\\$([A-Za-z_][A-Za-z0-9_]*)?\\$"_s);
            const auto m = tagRe.match(sql, i);
            if (m.hasMatch()) {
                if (stmtStart < 0)
                    stmtStart = i;
                const qsizetype close = sql.indexOf(m.captured(0), m.capturedEnd(0));
                i = close < 0 ? n : close + m.capturedLength(0);
                continue;
            }
        }
        if (c == u';') {
            finish(i);
            ++i;
            continue;
        }
        if (c.isLetter() || c == u'_') {
            if (stmtStart < 0)
                stmtStart = i;
            qsizetype j = i;
            while (j < n &&
                   (sql.at(j).isLetterOrNumber() || sql.at(j) == u'_' || sql.at(j) == u'.'))
                ++j;
            cur.words.append(sql.mid(i, j - i).toUpper());
            i = j;
            continue;
        }
        if (!c.isSpace() && stmtStart < 0)
            stmtStart = i;
        ++i;
    }
    finish(n);
    return out;
}

void Analyzer::analyzeSql(const QString &sql, const Scope &scope, const QString &database)
{
    for (const SqlStatement &st : splitSql(sql)) {
        const QStringList &w = st.words;
        QString verb = w.first();
        qsizetype at = 0;
        if (verb == u"WITH" || verb == u"EXPLAIN") {
            // The statement's verb follows the CTEs; an EXPLAIN ANALYZE still runs it.
            for (qsizetype k = 1; k < w.size(); ++k) {
                if (w[k] == u"DELETE" || w[k] == u"UPDATE" || w[k] == u"DROP" ||
                    w[k] == u"TRUNCATE") {
                    verb = w[k];
                    at = k;
                    break;
                }
            }
        }
        const QStringList rest = w.mid(at + 1);
        auto destructive = [&](const QString &reason) {
            if (isScratch(database))
                add(SafetyLevel::Confirm, tr("%1 (scratch database %2)").arg(reason, database),
                    st.span, scope);
            else
                add(SafetyLevel::Destructive, reason, st.span, scope);
        };
        if (verb == u"DROP") {
            QString kind = rest.value(0);
            QStringList names = rest.mid(1);
            while (!names.isEmpty() && (names.first() == u"IF" || names.first() == u"EXISTS"))
                names.removeFirst();
            const QString name = names.value(0);
            if ((kind == u"DATABASE" || kind == u"SCHEMA") &&
                m_options.scratchTargets.contains(name, Qt::CaseInsensitive)) {
                add(SafetyLevel::Confirm,
                    tr("DROP %1 deletes the scratch database %2").arg(kind, name.toLower()),
                    st.span, scope);
            } else {
                destructive(tr("DROP %1 deletes %2 and all its data")
                                .arg(kind, name.isEmpty() ? kind.toLower() : name.toLower()));
            }
        } else if (verb == u"TRUNCATE") {
            destructive(tr("TRUNCATE deletes every row"));
        } else if (verb == u"DELETE" || verb == u"UPDATE") {
            if (!rest.contains(u"WHERE"_s)) {
                destructive(verb == u"DELETE" ? tr("DELETE without WHERE deletes every row")
                                              : tr("UPDATE without WHERE changes every row"));
            } else {
                add(SafetyLevel::Confirm,
                    verb == u"DELETE" ? tr("DELETE removes the rows matching its WHERE clause")
                                      : tr("UPDATE changes the rows matching its WHERE clause"),
                    st.span, scope);
            }
        } else if (verb == u"ALTER" && rest.contains(u"DROP"_s)) {
            destructive(tr("ALTER … DROP removes columns or constraints with their data"));
        } else if (verb == u"SHUTDOWN") {
            destructive(tr("SHUTDOWN stops the database server"));
        }
    }
}

/// Replaces runbook placeholders and records, for every character of the result, the
/// range of the original text it came from, so findings highlight what the user wrote.
struct Substitution
{
    QString text;
    QList<qsizetype> origStart;
    QList<qsizetype> origEnd;
    QStringList unresolved;

    ShellSpan toOriginal(ShellSpan sp, qsizetype originalSize) const
    {
        const qsizetype n = text.size();
        const qsizetype s = qBound<qsizetype>(0, sp.start, n);
        const qsizetype e = qBound<qsizetype>(s, sp.end(), n);
        if (s == n)
            return {originalSize, 0};
        if (e == s)
            return {origStart[s], 0};
        return {origStart[s], origEnd[e - 1] - origStart[s]};
    }
};

Substitution substitute(const QString &input, const ClassifyOptions &options)
{
    static const QRegularExpression placeholder(
        u"<([A-Za-z_][A-Za-z0-9_.:-]*(?: [A-Za-z0-9_.:-]+)*)>"_s);
    Substitution out;
    qsizetype pos = 0;
    auto copy = [&](qsizetype from, qsizetype to) {
        for (qsizetype k = from; k < to; ++k) {
            out.text += input.at(k);
            out.origStart.append(k);
            out.origEnd.append(k + 1);
        }
    };
    auto it = placeholder.globalMatch(input);
    while (it.hasNext()) {
        const auto m = it.next();
        // `<<EOF>` and `a<b>c` comparisons are shell or SQL, not placeholders.
        if (m.capturedStart(0) > 0 && input.at(m.capturedStart(0) - 1) == u'<')
            continue;
        copy(pos, m.capturedStart(0));
        const QString name = m.captured(1);
        QString value;
        if (options.parameters.contains(name)) {
            value = options.parameters.value(name);
        } else {
            if (!out.unresolved.contains(name))
                out.unresolved.append(name);
            // An unresolved `<service>` would read as redirections; a bare word keeps the
            // rest of the command analysable.
            value = name;
            value.replace(u' ', u'_');
        }
        for (const QChar c : std::as_const(value)) {
            out.text += c;
            out.origStart.append(m.capturedStart(0));
            out.origEnd.append(m.capturedEnd(0));
        }
        pos = m.capturedEnd(0);
    }
    copy(pos, input.size());
    return out;
}

template <typename Fn>
Classification run(const QString &input, const ClassifyOptions &options, Fn analyze)
{
    Classification result;
    const Substitution sub = substitute(input, options);
    result.command = sub.text;
    result.unresolvedPlaceholders = sub.unresolved;
    Analyzer analyzer(options, result);
    Scope top;
    top.text = sub.text;
    top.toTop = [](ShellSpan sp) {
        return sp;
    };
    analyze(analyzer, top);
    for (const ShellSpan &sp : std::as_const(analyzer.m_topSpans)) {
        const ShellSpan o = sub.toOriginal(sp, input.size());
        const Classification::Span span{o.start, o.length};
        if (!result.spans.contains(span))
            result.spans.append(span);
    }
    std::sort(result.spans.begin(), result.spans.end(),
              [](const auto &a, const auto &b) { return a.start < b.start; });
    return result;
}

} // namespace

Classification CommandClassifier::classify(const QString &command, const ClassifyOptions &options)
{
    return run(command, options,
               [](Analyzer &a, const Scope &top) { a.analyzeScript(top.text, top); });
}

Classification CommandClassifier::classifySql(const QString &sql, const ClassifyOptions &options)
{
    return run(sql, options,
               [](Analyzer &a, const Scope &top) { a.analyzeSql(top.text, top, QString()); });
}

int classifyForFuzzing(const char *data, std::size_t size)
{
    if (!data)
        return 0;
    const qsizetype length = qsizetype(qMin<std::size_t>(size, 1 << 20));
    const QString text = QString::fromUtf8(data, length);
    ClassifyOptions options;
    options.scratchTargets = {u"bot_core_test"_s};
    options.parameters = {{u"service"_s, u"web"_s}};
    const Classification shell = CommandClassifier::classify(text, options);
    const Classification sql = CommandClassifier::classifySql(text, options);
    return qMax(int(shell.level), int(sql.level));
}

} // namespace ph
