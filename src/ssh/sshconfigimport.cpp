// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshconfigimport.h"

#include "ssh/knownhosts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QSysInfo>

#include <optional>

using namespace Qt::StringLiterals;

namespace ph {

QString SshConfigNote::toString() const
{
    QString shown = QDir::toNativeSeparators(file);
    const QString home = QDir::toNativeSeparators(QDir::homePath());
    if (!home.isEmpty() && shown.startsWith(home + QDir::separator()))
        shown = u'~' + shown.mid(home.size());
    return shown + u':' + QString::number(line) + u": "_s + message;
}

namespace {

struct Directive
{
    QString keyword; ///< lower case
    QStringList args;
    QString file;
    int line = 0;
};

struct Block
{
    enum class Type
    {
        Global, ///< the lines before the first Host or Match: they apply to every host
        Host,
        Match
    };
    Type type = Type::Global;
    QStringList patterns;
    /// Blocks that enclose the Include this block was read from: all must apply too.
    QList<int> guards;
    QList<Directive> settings;
};

/// The keyword as the user wrote it, for messages.
QString writtenKeyword(const QString &line)
{
    const QString t = line.trimmed();
    qsizetype end = 0;
    while (end < t.size() && !t[end].isSpace() && t[end] != u'=')
        ++end;
    return t.left(end);
}

bool hasWildcard(const QString &pattern)
{
    return pattern.contains(u'*') || pattern.contains(u'?');
}

/// Splits one line into keyword and arguments the way ssh does: "key value", "key=value",
/// double quotes group words, a word starting with '#' ends the line.
bool splitLine(const QString &line, QString *keyword, QStringList *args, QString *error)
{
    qsizetype i = 0;
    const qsizetype n = line.size();
    auto skipSpace = [&] {
        while (i < n && line[i].isSpace())
            ++i;
    };
    skipSpace();
    if (i >= n || line[i] == u'#')
        return false;
    const qsizetype start = i;
    while (i < n && !line[i].isSpace() && line[i] != u'=')
        ++i;
    *keyword = line.mid(start, i - start).toLower();
    skipSpace();
    if (i < n && line[i] == u'=') {
        ++i;
        skipSpace();
    }
    while (i < n) {
        if (line[i] == u'#')
            break;
        QString word;
        bool quoted = false;
        while (i < n && (quoted || !line[i].isSpace())) {
            const QChar c = line[i];
            if (c == u'"') {
                quoted = !quoted;
                ++i;
            } else if (c == u'\\' && i + 1 < n && (line[i + 1] == u'"' || line[i + 1] == u'\\')) {
                word += line[i + 1];
                i += 2;
            } else {
                word += c;
                ++i;
            }
        }
        if (quoted) {
            *error = SshConfigImport::tr("a quote is not closed; the line was ignored");
            return true;
        }
        args->append(word);
        skipSpace();
    }
    return true;
}

/// Expands a path that may hold '*', '?' and '[...]' in any component; sorted like glob(3).
QStringList expandGlob(const QString &pattern)
{
    if (!pattern.contains(u'*') && !pattern.contains(u'?') && !pattern.contains(u'['))
        return QFileInfo(pattern).isFile() ? QStringList{pattern} : QStringList{};
    const QStringList parts = pattern.split(u'/', Qt::SkipEmptyParts);
    QStringList current{u"/"_s};
    for (qsizetype p = 0; p < parts.size(); ++p) {
        const QString &part = parts[p];
        const bool last = p == parts.size() - 1;
        QStringList next;
        for (const QString &dir : std::as_const(current)) {
            const QString base = dir.endsWith(u'/') ? dir : dir + u'/';
            if (!part.contains(u'*') && !part.contains(u'?') && !part.contains(u'[')) {
                next << base + part;
                continue;
            }
            QDir d(dir);
            const QStringList names = d.entryList(
                {part}, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
            for (const QString &name : names) {
                // As in glob(3), a wildcard does not match a leading dot.
                if (name.startsWith(u'.') && !part.startsWith(u'.'))
                    continue;
                next << base + name;
            }
        }
        current.clear();
        for (const QString &path : std::as_const(next)) {
            const QFileInfo info(path);
            if (last ? info.isFile() : info.isDir())
                current << path;
        }
    }
    return current;
}

class Importer
{
public:
    explicit Importer(const SshConfigImport::Options &options)
        : m_options(options)
    {
        if (m_options.homeDir.isEmpty())
            m_options.homeDir = QDir::homePath();
        for (const char *name : {"USER", "LOGNAME", "USERNAME"}) {
            if (m_options.localUser.isEmpty())
                m_options.localUser = qEnvironmentVariable(name);
        }
        m_blocks.append(Block{});
    }

    Result<void> readTop(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            return fail(u"sshconfig.read"_s,
                        SshConfigImport::tr("Could not read %1. Check that the file exists and "
                                            "is readable.")
                            .arg(QDir::toNativeSeparators(path)),
                        file.errorString());
        }
        const QByteArray data = file.readAll();
        readText(canonical(path), QString::fromUtf8(data), 0, 0);
        return {};
    }

    SshConfigImportResult build();

private:
    static QString canonical(const QString &path)
    {
        const QString c = QFileInfo(path).canonicalFilePath();
        return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
    }

    void note(SshConfigNote::Kind kind, const QString &file, int line, const QString &message)
    {
        for (const SshConfigNote &n : std::as_const(m_notes)) {
            if (n.file == file && n.line == line && n.message == message)
                return;
        }
        m_notes.append(SshConfigNote{kind, file, line, message});
    }

    QString expandTilde(const QString &path) const
    {
        if (path == u"~"_s)
            return m_options.homeDir;
        if (path.startsWith(u"~/"_s))
            return m_options.homeDir + path.mid(1);
        return path;
    }

    void readText(const QString &file, const QString &text, int depth, int enclosing);
    void include(const Directive &d, int depth, int &current);
    bool applies(int blockIndex, const QString &alias) const;

    struct Resolved
    {
        QHash<QString, Directive> first; ///< keyword -> the first value that applies
    };
    Resolved resolve(const QString &alias) const;
    Host makeHost(const QString &alias, const Resolved &r);
    QString expandTokens(const QString &value, const Directive &where,
                         const QHash<QChar, QString> &tokens);
    QString jumpFor(const Directive &proxyJump, const QString &forHost, int depth);
    QString hopHost(const QString &hop, const Directive &where, std::optional<QString> previous,
                    int depth);

    SshConfigImport::Options m_options;
    QList<Block> m_blocks;
    QList<SshConfigNote> m_notes;
    QStringList m_stack; ///< files being read, for cycle detection
    QSet<QString> m_notedKeywords;
    QStringList m_concrete;                 ///< aliases in file order
    QList<Host> m_extraHosts;               ///< jump hosts not described by a concrete Host line
    QSet<QString> m_building;               ///< extra hosts whose jump is being worked out
    QHash<QString, Directive> m_jumpSource; ///< host name -> the ProxyJump that set its jump
};

void Importer::readText(const QString &file, const QString &text, int depth, int enclosing)
{
    m_stack.append(file);
    int current = enclosing;
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNo = int(i + 1);
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        QString keyword;
        QStringList args;
        QString error;
        if (!splitLine(line, &keyword, &args, &error))
            continue;
        if (!error.isEmpty()) {
            note(SshConfigNote::Kind::Problem, file, lineNo, error);
            continue;
        }
        const Directive d{keyword, args, file, lineNo};
        if (keyword == u"host"_s || keyword == u"match"_s) {
            Block b;
            b.type = keyword == u"host"_s ? Block::Type::Host : Block::Type::Match;
            b.patterns = args;
            b.guards = m_blocks[enclosing].guards;
            // An Include inside a Host block only counts when that block applies.
            if (m_blocks[enclosing].type != Block::Type::Global)
                b.guards.append(enclosing);
            m_blocks.append(b);
            current = int(m_blocks.size() - 1);
            if (b.type == Block::Type::Match) {
                note(SshConfigNote::Kind::Skipped, file, lineNo,
                     SshConfigImport::tr("\"Match %1\" is not evaluated; the settings in this "
                                         "block are not applied to any imported host")
                         .arg(args.join(u' ')));
                continue;
            }
            if (args.isEmpty()) {
                note(SshConfigNote::Kind::Problem, file, lineNo,
                     SshConfigImport::tr("\"Host\" without a name; the block matches nothing"));
            }
            for (const QString &pattern : std::as_const(args)) {
                if (pattern.startsWith(u'!')) {
                    note(SshConfigNote::Kind::Skipped, file, lineNo,
                         SshConfigImport::tr("\"%1\" excludes hosts from this block; it is not "
                                             "imported as a host")
                             .arg(pattern));
                } else if (hasWildcard(pattern)) {
                    note(SshConfigNote::Kind::Skipped, file, lineNo,
                         SshConfigImport::tr("\"Host %1\" is a wildcard pattern: its settings "
                                             "apply to the hosts it matches, but it is not "
                                             "imported as a host")
                             .arg(pattern));
                } else if (!m_concrete.contains(pattern)) {
                    m_concrete.append(pattern);
                }
            }
            continue;
        }
        if (keyword == u"include"_s) {
            include(d, depth, current);
            continue;
        }
        if (args.isEmpty()) {
            note(SshConfigNote::Kind::Problem, file, lineNo,
                 SshConfigImport::tr("\"%1\" has no value; ignored").arg(keyword));
            continue;
        }
        if (keyword == u"port"_s) {
            bool ok = false;
            const int port = args.constFirst().toInt(&ok);
            if (!ok || port < 1 || port > 65535) {
                note(SshConfigNote::Kind::Problem, file, lineNo,
                     SshConfigImport::tr("\"Port %1\" is not a port number (1–65535); ignored")
                         .arg(args.constFirst()));
                continue;
            }
        } else if (keyword == u"proxycommand"_s) {
            if (args.constFirst().compare(u"none"_s, Qt::CaseInsensitive) != 0) {
                note(SshConfigNote::Kind::Problem, file, lineNo,
                     SshConfigImport::tr("ProxyCommand is not supported (Pilothouse never "
                                         "starts programs to connect); use ProxyJump instead"));
            }
            continue;
        } else if (keyword != u"hostname"_s && keyword != u"user"_s &&
                   keyword != u"identityfile"_s && keyword != u"proxyjump"_s) {
            if (!m_notedKeywords.contains(keyword)) {
                m_notedKeywords.insert(keyword);
                note(SshConfigNote::Kind::Ignored, file, lineNo,
                     SshConfigImport::tr("\"%1\" is not used by Pilothouse; ignored here and "
                                         "wherever else it appears")
                         .arg(writtenKeyword(line)));
            }
            continue;
        }
        m_blocks[current].settings.append(d);
    }
    m_stack.removeLast();
}

void Importer::include(const Directive &d, int depth, int &current)
{
    if (d.args.isEmpty()) {
        note(SshConfigNote::Kind::Problem, d.file, d.line,
             SshConfigImport::tr("\"Include\" without a file; ignored"));
        return;
    }
    const int before = int(m_blocks.size());
    const int enclosing = current;
    for (const QString &arg : d.args) {
        QString pattern = expandTilde(arg);
        if (QFileInfo(pattern).isRelative())
            pattern = m_options.homeDir + u"/.ssh/"_s + pattern;
        const QStringList files = expandGlob(pattern);
        if (files.isEmpty()) {
            note(SshConfigNote::Kind::Problem, d.file, d.line,
                 SshConfigImport::tr("\"Include %1\" matched no files").arg(arg));
            continue;
        }
        for (const QString &path : files) {
            const QString file = canonical(path);
            if (m_stack.contains(file)) {
                note(SshConfigNote::Kind::Problem, d.file, d.line,
                     SshConfigImport::tr("\"Include %1\" would read %2 again while it is being "
                                         "read (an include cycle); skipped")
                         .arg(arg, QDir::toNativeSeparators(file)));
                continue;
            }
            if (depth + 1 > m_options.maxIncludeDepth) {
                note(SshConfigNote::Kind::Problem, d.file, d.line,
                     SshConfigImport::tr("\"Include %1\" nests more than %2 files deep; skipped")
                         .arg(arg)
                         .arg(m_options.maxIncludeDepth));
                continue;
            }
            QFile in(path);
            if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
                note(SshConfigNote::Kind::Problem, d.file, d.line,
                     SshConfigImport::tr("could not read %1 (%2); skipped")
                         .arg(QDir::toNativeSeparators(file), in.errorString()));
                continue;
            }
            readText(file, QString::fromUtf8(in.readAll()), depth + 1, enclosing);
        }
    }
    if (m_blocks.size() != before) {
        // The included files opened blocks of their own; what follows the Include belongs to
        // the block it stood in, so continue that block.
        Block continued = m_blocks[enclosing];
        continued.settings.clear();
        m_blocks.append(continued);
        current = int(m_blocks.size() - 1);
    }
}

bool Importer::applies(int index, const QString &alias) const
{
    const Block &b = m_blocks[index];
    for (int guard : b.guards) {
        if (!applies(guard, alias))
            return false;
    }
    switch (b.type) {
    case Block::Type::Global:
        return true;
    case Block::Type::Match:
        return false;
    case Block::Type::Host:
        return KnownHosts::patternsMatch(b.patterns.join(u','), alias.toLower());
    }
    return false;
}

Importer::Resolved Importer::resolve(const QString &alias) const
{
    Resolved r;
    for (int i = 0; i < m_blocks.size(); ++i) {
        if (!applies(i, alias))
            continue;
        for (const Directive &d : m_blocks[i].settings) {
            // ssh keeps the first value it sees for each keyword.
            if (!r.first.contains(d.keyword))
                r.first.insert(d.keyword, d);
        }
    }
    return r;
}

QString Importer::expandTokens(const QString &value, const Directive &where,
                               const QHash<QChar, QString> &tokens)
{
    QString out;
    QStringList unknown;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != u'%' || i + 1 >= value.size()) {
            out += value[i];
            continue;
        }
        const QChar t = value[++i];
        if (t == u'%') {
            out += u'%';
        } else if (const auto it = tokens.constFind(t); it != tokens.cend()) {
            out += *it;
        } else {
            out += u'%';
            out += t;
            unknown << u'%' + QString(t);
        }
    }
    if (!unknown.isEmpty()) {
        note(SshConfigNote::Kind::Problem, where.file, where.line,
             SshConfigImport::tr("%1 cannot be expanded by Pilothouse; the value is kept as "
                                 "written")
                 .arg(unknown.join(u", "_s)));
    }
    return out;
}

Host Importer::makeHost(const QString &alias, const Resolved &r)
{
    Host h;
    h.name = alias;
    h.environment = m_options.environment;
    h.address = alias;
    if (const auto it = r.first.constFind(u"hostname"_s); it != r.first.cend())
        h.address = expandTokens(it->args.constFirst(), *it, {{u'h', alias}});
    if (const auto it = r.first.constFind(u"port"_s); it != r.first.cend())
        h.port = it->args.constFirst().toInt();
    // No User means the OS user, as with ssh; an empty user tells the session exactly that.
    if (const auto it = r.first.constFind(u"user"_s); it != r.first.cend())
        h.user = it->args.constFirst();
    if (const auto it = r.first.constFind(u"identityfile"_s); it != r.first.cend()) {
        const QString value = it->args.constFirst();
        if (value.compare(u"none"_s, Qt::CaseInsensitive) != 0) {
            const QHash<QChar, QString> tokens = {
                {u'h', h.address},
                {u'p', QString::number(h.port)},
                {u'r', h.user.isEmpty() ? m_options.localUser : h.user},
                {u'u', m_options.localUser},
                {u'n', alias},
                {u'd', m_options.homeDir},
                {u'l', QSysInfo::machineHostName()},
            };
            h.identityFile = expandTilde(expandTokens(value, *it, tokens));
            h.auth = u"key"_s;
        }
    }
    return h;
}

/// Parses "[ssh://][user@]host[:port]" (host may be "[v6]"); false when it is malformed.
bool parseHop(QString hop, QString *user, QString *host, std::optional<int> *port)
{
    if (hop.startsWith(u"ssh://"_s))
        hop = hop.mid(6);
    const qsizetype at = hop.lastIndexOf(u'@');
    if (at >= 0) {
        *user = hop.left(at);
        hop = hop.mid(at + 1);
    }
    QString portText;
    if (hop.startsWith(u'[')) {
        const qsizetype close = hop.indexOf(u']');
        if (close < 0)
            return false;
        *host = hop.mid(1, close - 1);
        const QString rest = hop.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return false;
            portText = rest.mid(1);
        }
    } else if (hop.count(u':') == 1) {
        *host = hop.section(u':', 0, 0);
        portText = hop.section(u':', 1);
    } else {
        *host = hop;
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const int p = portText.toInt(&ok);
        if (!ok || p < 1 || p > 65535)
            return false;
        *port = p;
    }
    return !host->isEmpty();
}

QString Importer::hopHost(const QString &hop, const Directive &where,
                          std::optional<QString> previous, int depth)
{
    QString user, host;
    std::optional<int> port;
    if (!parseHop(hop, &user, &host, &port)) {
        note(SshConfigNote::Kind::Problem, where.file, where.line,
             SshConfigImport::tr("jump host \"%1\" is not [user@]host[:port]; the jump was "
                                 "ignored")
                 .arg(hop));
        return {};
    }
    const Resolved r = resolve(host);
    // A concrete alias reached the way its own configuration says is that very host.
    if (user.isEmpty() && !port && m_concrete.contains(host)) {
        if (!previous)
            return host;
        const auto own = r.first.constFind(u"proxyjump"_s);
        if (own != r.first.cend() && jumpFor(*own, host, depth + 1) == *previous)
            return host;
    }
    const QString name = previous ? SshConfigImport::tr("%1 via %2").arg(hop, *previous) : hop;
    if (m_building.contains(name))
        return name; // a loop; build() reports it
    for (const Host &h : std::as_const(m_extraHosts)) {
        if (h.name == name)
            return name;
    }
    m_building.insert(name);
    Host h = makeHost(host, r);
    h.name = name;
    if (!user.isEmpty())
        h.user = user;
    if (port)
        h.port = *port;
    if (previous) {
        h.jump = *previous;
        m_jumpSource.insert(name, where);
    } else if (const auto own = r.first.constFind(u"proxyjump"_s); own != r.first.cend()) {
        h.jump = jumpFor(*own, name, depth + 1);
        m_jumpSource.insert(name, *own);
    }
    m_building.remove(name);
    m_extraHosts.append(h);
    return name;
}

QString Importer::jumpFor(const Directive &proxyJump, const QString &forHost, int depth)
{
    const QString value = proxyJump.args.constFirst();
    if (value.compare(u"none"_s, Qt::CaseInsensitive) == 0)
        return {};
    if (depth > 8) {
        note(SshConfigNote::Kind::Problem, proxyJump.file, proxyJump.line,
             SshConfigImport::tr("ProxyJump leads through more than 8 hosts (a loop?); the "
                                 "jump of %1 was ignored")
                 .arg(forHost));
        return {};
    }
    QString previous;
    const QStringList hops = value.split(u',', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i < hops.size(); ++i) {
        const QString next =
            hopHost(hops[i].trimmed(), proxyJump,
                    i == 0 ? std::nullopt : std::optional<QString>(previous), depth);
        if (next.isEmpty())
            return {};
        previous = next;
    }
    return previous;
}

SshConfigImportResult Importer::build()
{
    QList<Host> hosts;
    for (const QString &alias : std::as_const(m_concrete)) {
        const Resolved r = resolve(alias);
        Host h = makeHost(alias, r);
        if (const auto it = r.first.constFind(u"proxyjump"_s); it != r.first.cend()) {
            h.jump = jumpFor(*it, alias, 0);
            m_jumpSource.insert(alias, *it);
        }
        hosts.append(h);
    }
    hosts += m_extraHosts;

    // A host must never (indirectly) jump through itself: ssh would loop until it gives up.
    QHash<QString, QString> jumps;
    for (const Host &h : std::as_const(hosts))
        jumps.insert(h.name, h.jump);
    for (Host &h : hosts) {
        QString at = h.jump;
        for (int steps = 0; !at.isEmpty() && steps <= hosts.size(); ++steps) {
            if (at == h.name) {
                const Directive source = m_jumpSource.value(h.name);
                note(SshConfigNote::Kind::Problem, source.file, source.line,
                     SshConfigImport::tr("%1 would jump through itself; its jump host was "
                                         "dropped (add \"ProxyJump none\" to its block)")
                         .arg(h.name));
                h.jump.clear();
                jumps[h.name].clear();
                break;
            }
            at = jumps.value(at);
        }
    }
    return SshConfigImportResult{hosts, m_notes};
}

} // namespace

QString SshConfigImport::defaultPath(const QString &homeDir)
{
    return (homeDir.isEmpty() ? QDir::homePath() : homeDir) + u"/.ssh/config"_s;
}

Result<SshConfigImportResult> SshConfigImport::importFile(const QString &path,
                                                          const Options &options)
{
    Importer importer(options);
    if (auto read = importer.readTop(path); !read)
        return tl::unexpected(read.error());
    return importer.build();
}

} // namespace ph
