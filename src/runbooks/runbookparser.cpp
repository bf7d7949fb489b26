// SPDX-License-Identifier: GPL-3.0-or-later
#include "runbooks/runbookparser.h"

#include "safety/commandclassifier.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>
#include <memory>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

using Tr = RunbookParser;

// Fence languages that hold example output or configuration, not something to run: they
// stay part of the explanation.
const QSet<QString> &nonCommandLanguages()
{
    static const QSet<QString> set{
        u"json"_s,     u"yaml"_s, u"yml"_s,     u"text"_s, u"txt"_s,  u"output"_s, u"log"_s,
        u"toml"_s,     u"ini"_s,  u"xml"_s,     u"html"_s, u"diff"_s, u"csv"_s,    u"plaintext"_s,
        u"markdown"_s, u"md"_s,   u"mermaid"_s, u"conf"_s, u"env"_s,
    };
    return set;
}

const QSet<QString> &htmlTagNames()
{
    static const QSet<QString> set{
        u"a"_s,    u"b"_s,      u"br"_s,    u"code"_s,   u"dd"_s,   u"details"_s,
        u"div"_s,  u"dl"_s,     u"dt"_s,    u"em"_s,     u"hr"_s,   u"i"_s,
        u"img"_s,  u"kbd"_s,    u"li"_s,    u"ol"_s,     u"p"_s,    u"pre"_s,
        u"s"_s,    u"small"_s,  u"span"_s,  u"strong"_s, u"sub"_s,  u"summary"_s,
        u"sup"_s,  u"table"_s,  u"tbody"_s, u"td"_s,     u"th"_s,   u"thead"_s,
        u"tr"_s,   u"tt"_s,     u"u"_s,     u"ul"_s,     u"html"_s, u"head"_s,
        u"body"_s, u"script"_s, u"style"_s, u"center"_s, u"font"_s, u"blockquote"_s,
    };
    return set;
}

const QSet<QString> &knownAttributes()
{
    static const QSet<QString> set{
        u"host"_s,        u"group"_s,        u"cwd"_s,         u"destructive"_s,
        u"timeout"_s,     u"id"_s,           u"title"_s,       u"service"_s,
        u"expect.exit"_s, u"expect.regex"_s, u"expect.http"_s, u"expect.latency_ms"_s,
        u"expect.json"_s,
    };
    return set;
}

const QRegularExpression &angleRe()
{
    static const QRegularExpression re(uR"(<([A-Za-z](?:[A-Za-z0-9_.\- ]{0,58}[A-Za-z0-9_])?)>)"_s);
    return re;
}

const QRegularExpression &idPlaceholderRe()
{
    static const QRegularExpression re(uR"(\b([A-Z][A-Z0-9]*_X{2,})\b)"_s);
    return re;
}

bool isAngleParameter(const QString &inner)
{
    if (htmlTagNames().contains(inner.toLower()))
        return false;
    if (inner.count(u' ') > 3)
        return false;
    return true;
}

QString slugify(const QString &text)
{
    QString slug;
    bool dash = false;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128) {
            slug += c;
            dash = false;
        } else if (!dash && !slug.isEmpty()) {
            slug += u'-';
            dash = true;
        }
    }
    while (slug.endsWith(u'-'))
        slug.chop(1);
    if (slug.size() > 48) {
        slug.truncate(48);
        while (slug.endsWith(u'-'))
            slug.chop(1);
    }
    return slug.isEmpty() ? u"section"_s : slug;
}

QString stripQuotes(QString value)
{
    value = value.trimmed();
    if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') &&
        value.back() == value.front())
        return value.mid(1, value.size() - 2);
    return value;
}

bool isSecretName(const QString &name)
{
    static const QRegularExpression re(
        u"(password|passwd|passphrase|secret|token|api[-_ ]?key|credential)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

// One shell word list with quotes removed; enough for the curl lines manuals contain.
// Returns false on an unbalanced quote.
bool splitShellWords(const QString &line, QStringList *words)
{
    QString current;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == u'\\' && quote == u'"' && i + 1 < line.size()) {
                current += line.at(++i);
            } else {
                current += c;
            }
            continue;
        }
        if (c == u'"' || c == u'\'') {
            quote = c;
            inWord = true;
        } else if (c == u'\\' && i + 1 < line.size()) {
            current += line.at(++i);
            inWord = true;
        } else if (c.isSpace()) {
            if (inWord)
                words->append(current);
            current.clear();
            inWord = false;
        } else {
            current += c;
            inWord = true;
        }
    }
    if (!quote.isNull())
        return false;
    if (inWord)
        words->append(current);
    return true;
}

// Splits at unquoted '|' (but not '||'); false when the line has other shell control
// characters (&&, ;, >) outside quotes, which a native request cannot honour.
bool splitPipeline(const QString &line, QStringList *segments)
{
    QString current;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
            current += c;
            continue;
        }
        if (c == u'"' || c == u'\'') {
            quote = c;
            current += c;
        } else if (c == u'|') {
            if (i + 1 < line.size() && line.at(i + 1) == u'|')
                return false;
            segments->append(current.trimmed());
            current.clear();
        } else if (c == u';' || c == u'&' || c == u'>' || c == u'<' || c == u'`') {
            return false;
        } else if (c == u'$' && i + 1 < line.size() && line.at(i + 1) == u'(') {
            return false;
        } else {
            current += c;
        }
    }
    if (!quote.isNull())
        return false;
    segments->append(current.trimmed());
    return true;
}

QString guessService(int port)
{
    switch (port) {
    case 5000:
        return u"echopilot"_s;
    case 8080:
        return u"rust-core-engine"_s;
    case 8000:
        return u"python-ai-service"_s;
    case 3001:
        return u"grafana"_s;
    default:
        return {};
    }
}

bool isKeyReference(const QString &value)
{
    static const QRegularExpression re(uR"(^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|<[^<>]+>)$)"_s);
    return re.match(value.trimmed()).hasMatch();
}

// Recognises a single `curl` call against a loopback service API, optionally piped into
// jq, and fills in the native request. Anything it does not fully understand stays a
// shell command: running the wrong request natively would be worse than not at all.
// Command lines with comments and blank lines removed and `\` continuations joined.
QStringList logicalLines(const QString &command)
{
    QStringList logical;
    QString pending;
    for (const QString &raw : command.split(u'\n')) {
        const QString line = raw.trimmed();
        if (pending.isEmpty() && (line.isEmpty() || line.startsWith(u'#')))
            continue;
        if (line.endsWith(u'\\')) {
            pending += line.chopped(1) + u' ';
            continue;
        }
        logical.append(pending + line);
        pending.clear();
    }
    if (!pending.isEmpty())
        logical.append(pending);
    return logical;
}

bool recogniseCurl(const QString &line, HttpRequest *request, int *timeoutSec)
{
    if (!line.startsWith(u"curl "_s))
        return false;
    QStringList segments;
    if (!splitPipeline(line, &segments) || segments.isEmpty() || segments.size() > 2)
        return false;
    HttpRequest req;
    if (segments.size() == 2) {
        QStringList jqWords;
        if (!splitShellWords(segments.at(1), &jqWords) || jqWords.isEmpty() ||
            jqWords.first() != u"jq"_s)
            return false;
        for (qsizetype i = 1; i < jqWords.size(); ++i) {
            const QString &w = jqWords.at(i);
            if (w == u"-r"_s || w == u"-c"_s || w == u"-e"_s || w == u"--raw-output"_s)
                continue;
            if (w.startsWith(u'-') || !req.jq.isEmpty())
                return false;
            req.jq = w;
        }
        if (req.jq.isEmpty())
            req.jq = u"."_s;
    }

    QStringList words;
    if (!splitShellWords(segments.first(), &words))
        return false;
    QString url;
    bool methodGiven = false;
    static const QRegularExpression shortFlags(u"^-[sSfL]+$"_s);
    for (qsizetype i = 1; i < words.size(); ++i) {
        const QString &w = words.at(i);
        auto next = [&](QString *out) {
            if (i + 1 >= words.size())
                return false;
            *out = words.at(++i);
            return true;
        };
        QString value;
        if (shortFlags.match(w).hasMatch() || w == u"--silent"_s || w == u"--show-error"_s ||
            w == u"--fail"_s || w == u"--location"_s || w == u"-i"_s || w == u"--include"_s) {
            continue;
        } else if (w == u"-X"_s || w == u"--request"_s) {
            if (!next(&value))
                return false;
            req.method = value.toUpper();
            methodGiven = true;
        } else if (w == u"-I"_s || w == u"--head"_s) {
            req.method = u"HEAD"_s;
            methodGiven = true;
        } else if (w == u"-H"_s || w == u"--header"_s) {
            if (!next(&value))
                return false;
            const qsizetype colon = value.indexOf(u':');
            if (colon < 0)
                return false;
            const QString name = value.left(colon).trimmed().toLower();
            const QString headerValue = value.mid(colon + 1).trimmed();
            if (name == u"x-dash-key"_s) {
                if (!isKeyReference(headerValue))
                    return false;
                req.needsKey = true;
            } else if (name != u"accept"_s && name != u"content-type"_s) {
                return false;
            }
        } else if (w == u"-d"_s || w == u"--data"_s || w == u"--data-raw"_s) {
            if (!next(&value))
                return false;
            req.body = value;
            if (!methodGiven)
                req.method = u"POST"_s;
        } else if (w == u"-m"_s || w == u"--max-time"_s) {
            if (!next(&value))
                return false;
            bool ok = false;
            const double seconds = value.toDouble(&ok);
            if (!ok || seconds <= 0 || seconds > 86400)
                return false;
            if (*timeoutSec == 0)
                *timeoutSec = qMax(1, int(seconds + 0.5));
        } else if (w == u"-o"_s || w == u"--output"_s) {
            if (!next(&value) || value != u"/dev/null"_s)
                return false;
        } else if (w == u"-w"_s || w == u"--write-out"_s) {
            if (!next(&value))
                return false;
        } else if (w.startsWith(u'-')) {
            return false;
        } else {
            if (!url.isEmpty())
                return false;
            url = w;
        }
    }
    if (url.isEmpty())
        return false;

    static const QRegularExpression urlRe(
        uR"(^(?:https?://)?(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d{1,5}))?(/[^\s#]*)?$)"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression varUrlRe(uR"(^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?(/[^\s#]*)?$)"_s);
    if (const auto m = urlRe.match(url); m.hasMatch()) {
        req.port = m.captured(2).toInt();
        req.path = m.captured(3).isEmpty() ? u"/"_s : m.captured(3);
        req.service = guessService(req.port);
    } else if (const auto v = varUrlRe.match(url); v.hasMatch()) {
        req.path = v.captured(1).isEmpty() ? u"/"_s : v.captured(1);
    } else {
        return false;
    }
    *request = req;
    return true;
}

// Source text keeps line structure; cmark sees the same lines with front matter blanked.
struct Source
{
    QList<QByteArray> lines; ///< without line terminators, after key redaction
    QString text(int firstLine, int lastLine, int column) const
    {
        // column is cmark's 1-based byte column of the block on its first line; following
        // lines lose up to that much indentation, so nested blocks read as written.
        QByteArray out;
        const int from = qMax(1, firstLine);
        const int to = qMin(int(lines.size()), lastLine);
        for (int l = from; l <= to; ++l) {
            const QByteArray &line = lines.at(l - 1);
            QByteArray piece;
            if (l == from) {
                piece = line.mid(qMax(0, column - 1));
            } else {
                int strip = 0;
                while (strip < column - 1 && strip < line.size() &&
                       (line.at(strip) == ' ' || line.at(strip) == '\t'))
                    ++strip;
                piece = line.mid(strip);
            }
            if (l > from)
                out += '\n';
            out += piece;
        }
        QString result = QString::fromUtf8(out);
        // Trailing blank lines belong to no block.
        while (result.endsWith(u'\n') || result.endsWith(u' '))
            result.chop(1);
        return result;
    }
};

struct CmarkDeleter
{
    void operator()(cmark_node *n) const { cmark_node_free(n); }
    void operator()(cmark_parser *p) const { cmark_parser_free(p); }
};

// cmark-gfm leaves the end line of some one-line blocks (an HTML comment) at 0.
int endLine(cmark_node *node)
{
    return qMax(cmark_node_get_start_line(node), cmark_node_get_end_line(node));
}

bool isTaskItem(cmark_node *node)
{
    const char *type = cmark_node_get_type_string(node);
    return cmark_node_get_type(node) == CMARK_NODE_ITEM && type &&
           std::strcmp(type, "tasklist") == 0;
}

QString fenceLanguage(cmark_node *node, QString *rest)
{
    const QString info = QString::fromUtf8(cmark_node_get_fence_info(node)).trimmed();
    qsizetype end = 0;
    while (end < info.size() && !info.at(end).isSpace() && info.at(end) != u'{')
        ++end;
    *rest = info.mid(end).trimmed();
    return info.left(end).toLower();
}

bool isCommandFence(cmark_node *node)
{
    int length = 0, offset = 0;
    char ch = 0;
    if (!cmark_node_get_fenced(node, &length, &offset, &ch))
        return false;
    QString rest;
    return !nonCommandLanguages().contains(fenceLanguage(node, &rest));
}

bool producesSteps(cmark_node *node)
{
    if (isTaskItem(node))
        return true;
    if (cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK)
        return isCommandFence(node);
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        if (producesSteps(c))
            return true;
    }
    return false;
}

QString inlineText(cmark_node *node)
{
    QString out;
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            out += QString::fromUtf8(cmark_node_get_literal(c));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            out += u' ';
            break;
        default:
            out += inlineText(c);
        }
    }
    return out;
}

QString oneLine(const QString &markdown)
{
    return markdown.split(u'\n').join(u' ').simplified();
}

class Builder
{
public:
    Builder(Runbook *rb, const Source *src, DestructiveClassifier classifier)
        : m_rb(rb)
        , m_src(src)
        , m_classifier(std::move(classifier))
    {
    }

    QString defaultHost, defaultGroup, defaultCwd;
    int defaultTimeout = 0;
    QMap<QString, RunbookParameter> declared;

    void walkDocument(cmark_node *doc)
    {
        int lastCovered = m_frontMatterEnd;
        for (cmark_node *c = cmark_node_first_child(doc); c; c = cmark_node_next(c)) {
            reportGap(lastCovered + 1, cmark_node_get_start_line(c) - 1);
            lastCovered = qMax(lastCovered, endLine(c));
            block(c);
        }
        reportGap(lastCovered + 1, int(m_src->lines.size()));
        endSection();
        finishParameters();
    }

    void setFrontMatterEnd(int line) { m_frontMatterEnd = line; }
    QString h1Title() const { return m_h1Title; }

private:
    Runbook *m_rb;
    const Source *m_src;
    DestructiveClassifier m_classifier;
    int m_frontMatterEnd = 0;
    QStringList m_pending;
    QString m_h1Title;
    bool m_sawHeading = false;
    bool m_afterStep = false;
    enum class OpenList
    {
        None,
        OnFailure,
        Explanation
    };
    OpenList m_openList = OpenList::None; ///< a "label:" paragraph waiting for its list
    QSet<QString> m_slugs;
    QSet<QString> m_ids;
    QStringList m_placeholderOrder;
    QMap<QString, int> m_placeholderLine;
    QSet<QString> m_serverVars;

    // Lines between top-level blocks that cmark consumed without a node: link reference
    // definitions. They are listed, not silently lost.
    void reportGap(int from, int to)
    {
        for (int l = from; l <= to && l <= m_src->lines.size(); ++l) {
            const QString text = QString::fromUtf8(m_src->lines.at(l - 1)).trimmed();
            if (text.isEmpty())
                continue;
            m_rb->unplaced.append({l, text,
                                   Tr::tr("Link reference definition; links in step "
                                          "explanations that use it will show as plain text.")});
        }
    }

    QString raw(cmark_node *node) const
    {
        return m_src->text(cmark_node_get_start_line(node), endLine(node),
                           cmark_node_get_start_column(node));
    }

    RunbookSection *section()
    {
        return m_rb->sections.isEmpty() ? nullptr : &m_rb->sections.last();
    }

    Step *lastStep()
    {
        RunbookSection *s = section();
        return s && !s->steps.isEmpty() ? &s->steps.last() : nullptr;
    }

    RunbookSection *ensureSection(int line)
    {
        if (!section()) {
            const QString title = !m_h1Title.isEmpty()     ? m_h1Title
                                  : !m_rb->title.isEmpty() ? m_rb->title
                                                           : Tr::tr("Steps");
            addSection(title, 1, line);
        }
        return section();
    }

    void addSection(const QString &title, int level, int line)
    {
        RunbookSection s;
        s.title = title;
        s.level = level;
        s.sourceLine = line;
        QString slug = slugify(title);
        const QString base = slug;
        for (int n = 2; m_slugs.contains(slug); ++n)
            slug = base + u'-' + QString::number(n);
        m_slugs.insert(slug);
        s.slug = slug;
        m_rb->sections.append(s);
    }

    static void appendMarkdown(QString *target, const QString &text)
    {
        if (text.isEmpty())
            return;
        if (!target->isEmpty())
            *target += u"\n\n"_s;
        *target += text;
    }

    // Prose left over at the end of a section: after a step it reads as that step's
    // closing remark; without steps it introduces the section (or the whole runbook).
    void flushPending()
    {
        if (m_pending.isEmpty())
            return;
        const QString text = m_pending.join(u"\n\n"_s);
        m_pending.clear();
        if (Step *s = lastStep())
            appendMarkdown(&s->explanation, text);
        else if (RunbookSection *sec = section())
            appendMarkdown(&sec->intro, text);
        else
            appendMarkdown(&m_rb->description, text);
    }

    void endSection()
    {
        flushPending();
        m_afterStep = false;
        m_openList = OpenList::None;
    }

    void block(cmark_node *node)
    {
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HEADING:
            heading(node);
            return;
        case CMARK_NODE_CODE_BLOCK:
            if (isCommandFence(node))
                commandStep(node);
            else
                prose(node);
            return;
        case CMARK_NODE_LIST:
            if (!producesSteps(node)) {
                prose(node);
                return;
            }
            for (cmark_node *item = cmark_node_first_child(node); item;
                 item = cmark_node_next(item))
                listItem(item);
            return;
        case CMARK_NODE_THEMATIC_BREAK:
            return; // a visual separator, not content
        case CMARK_NODE_BLOCK_QUOTE:
            if (producesSteps(node)) {
                for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
                    block(c);
            } else {
                prose(node);
            }
            return;
        default:
            prose(node);
        }
    }

    void heading(cmark_node *node)
    {
        endSection();
        const QString title = inlineText(node).simplified();
        const int level = cmark_node_get_heading_level(node);
        const int line = cmark_node_get_start_line(node);
        // The first top-level heading names the document rather than opening a section.
        if (!m_sawHeading && level == 1 && m_rb->sections.isEmpty()) {
            m_sawHeading = true;
            m_h1Title = title;
            return;
        }
        m_sawHeading = true;
        addSection(title.isEmpty() ? Tr::tr("Untitled section") : title, level, line);
    }

    void prose(cmark_node *node)
    {
        const QString text = raw(node);
        if (text.isEmpty())
            return;
        const auto type = cmark_node_get_type(node);
        static const QRegularExpression failureRe(
            uR"(^[\s*_>#]*(on failure|if it fails|if this fails|if that fails|on error)\b)"_s,
            QRegularExpression::CaseInsensitiveOption);
        Step *last = lastStep();
        const bool introducesList = text.endsWith(u':') || text.endsWith(u":**"_s);
        if (last && type == CMARK_NODE_PARAGRAPH && failureRe.match(text).hasMatch()) {
            appendMarkdown(&last->onFailure, text);
            m_openList = introducesList ? OpenList::OnFailure : OpenList::None;
            return;
        }
        if (last && m_openList != OpenList::None && type == CMARK_NODE_LIST) {
            appendMarkdown(
                m_openList == OpenList::OnFailure ? &last->onFailure : &last->explanation, text);
            m_openList = OpenList::None;
            return;
        }
        m_openList = OpenList::None;
        // Example output right after a step describes that step, not the next one.
        static const QRegularExpression expectRe(
            uR"(^[\s*_]*(expect|expected|output|you should|should|result)\b)"_s,
            QRegularExpression::CaseInsensitiveOption);
        if (last && m_afterStep && m_pending.isEmpty() &&
            (type == CMARK_NODE_CODE_BLOCK ||
             (type == CMARK_NODE_PARAGRAPH && expectRe.match(text).hasMatch()))) {
            appendMarkdown(&last->explanation, text);
            if (type == CMARK_NODE_PARAGRAPH && introducesList)
                m_openList = OpenList::Explanation;
            return;
        }
        m_afterStep = false;
        m_pending.append(text);
    }

    void listItem(cmark_node *item)
    {
        if (!producesSteps(item)) {
            prose(item);
            return;
        }
        RunbookSection *sec = nullptr;
        const qsizetype before = section() ? section()->steps.size() : 0;
        const int sectionsBefore = int(m_rb->sections.size());
        cmark_node *child = cmark_node_first_child(item);
        if (isTaskItem(item)) {
            QString title;
            if (child && cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH) {
                static const QRegularExpression marker(uR"(^\s*\[[ xX]\]\s*)"_s);
                title = oneLine(raw(child)).remove(marker);
                child = cmark_node_next(child);
            }
            sec = ensureSection(cmark_node_get_start_line(item));
            Step step;
            step.kind = Step::Kind::Manual;
            step.title = title.isEmpty() ? Tr::tr("Manual check") : title;
            step.sourceLine = cmark_node_get_start_line(item);
            addStep(std::move(step));
        }
        for (; child; child = cmark_node_next(child))
            block(child);
        // Prose inside an item that made steps explains the item's last step.
        sec = section();
        if (sec && int(m_rb->sections.size()) == sectionsBefore && sec->steps.size() > before &&
            !m_pending.isEmpty()) {
            appendMarkdown(&sec->steps.last().explanation, m_pending.join(u"\n\n"_s));
            m_pending.clear();
        }
    }

    void warn(int line, const QString &text, const QString &reason)
    {
        m_rb->warnings.append({line, text, reason});
    }

    QString takeTitleFromPending(bool *fromPending) const
    {
        *fromPending = false;
        if (m_pending.isEmpty())
            return {};
        const QString last = m_pending.last().trimmed();
        static const QRegularExpression bold(uR"(^\*\*([^*\n]{1,100})\*\*)"_s);
        if (const auto m = bold.match(last); m.hasMatch()) {
            *fromPending = true;
            QString t = m.captured(1).trimmed();
            while (t.endsWith(u'.') || t.endsWith(u':'))
                t.chop(1);
            return t;
        }
        if (!last.contains(u'\n') && last.size() <= 100 && !last.startsWith(u'|') &&
            !last.startsWith(u'<') && !last.startsWith(u'-') && !last.startsWith(u'>')) {
            *fromPending = true;
            QString t = last;
            while (t.endsWith(u'.') || t.endsWith(u':'))
                t.chop(1);
            return t;
        }
        return {};
    }

    void addStep(Step step)
    {
        RunbookSection *sec = ensureSection(step.sourceLine);
        step.explanation = m_pending.join(u"\n\n"_s);
        m_pending.clear();
        if (step.id.isEmpty() || m_ids.contains(step.id)) {
            if (!step.id.isEmpty())
                warn(step.sourceLine, step.id,
                     Tr::tr("The step id is used twice; this step got a generated id."));
            QString id;
            int n = int(sec->steps.size()) + 1;
            do {
                id = sec->slug + u'/' + QString::number(n++);
            } while (m_ids.contains(id));
            step.id = id;
        }
        m_ids.insert(step.id);
        sec->steps.append(std::move(step));
        m_afterStep = true;
        m_openList = OpenList::None;
    }

    void notePlaceholders(const QString &text, int line)
    {
        for (const QString &p : RunbookParser::findPlaceholders(text)) {
            if (!m_placeholderLine.contains(p)) {
                m_placeholderOrder.append(p);
                m_placeholderLine.insert(p, line);
            }
        }
    }

    void applyAttributes(cmark_node *node, const QString &rest, Step *step)
    {
        const int line = cmark_node_get_start_line(node);
        if (rest.isEmpty())
            return;
        QString attrText = rest;
        if (!rest.startsWith(u'{')) {
            warn(line, rest,
                 Tr::tr("Text after the fence language is ignored; put attributes in braces, "
                        "e.g. {host=app timeout=60}."));
            return;
        }
        const FenceAttributes attrs = RunbookParser::parseAttributes(attrText);
        for (const QString &e : attrs.errors)
            warn(line, rest, e);
        auto toInt = [&](const QString &key, const QString &value, int min, int max,
                         std::optional<int> *out) {
            bool ok = false;
            const int v = value.toInt(&ok);
            if (!ok || v < min || v > max) {
                warn(line, key + u'=' + value,
                     Tr::tr("%1 needs a whole number from %2 to %3; the attribute is ignored.")
                         .arg(key)
                         .arg(min)
                         .arg(max));
                return;
            }
            *out = v;
        };
        for (const auto &[key, value] : attrs.values) {
            if (!knownAttributes().contains(key)) {
                warn(line, key,
                     Tr::tr("Unknown attribute \"%1\" is ignored. Known: host, group, cwd, "
                            "destructive, timeout, id, title, service, expect.exit, "
                            "expect.regex, expect.http, expect.latency_ms, expect.json.")
                         .arg(key));
                continue;
            }
            if (key == u"host"_s) {
                step->host = value;
            } else if (key == u"group"_s) {
                step->group = value;
            } else if (key == u"cwd"_s) {
                step->cwd = value;
            } else if (key == u"id"_s) {
                step->id = value;
            } else if (key == u"title"_s) {
                step->title = value;
            } else if (key == u"service"_s) {
                step->http.service = value;
            } else if (key == u"destructive"_s) {
                const QString v = value.toLower();
                if (v == u"true"_s || v == u"yes"_s || v == u"1"_s) {
                    step->destructive = true;
                    step->destructiveReasons.append(Tr::tr("Marked destructive in the runbook."));
                } else if (v != u"false"_s && v != u"no"_s && v != u"0"_s) {
                    warn(line, key + u'=' + value,
                         Tr::tr("destructive takes no value (or true/false); the step is "
                                "treated as destructive."));
                    step->destructive = true;
                    step->destructiveReasons.append(Tr::tr("Marked destructive in the runbook."));
                }
            } else if (key == u"timeout"_s) {
                std::optional<int> t;
                toInt(key, value, 1, 86400, &t);
                if (t)
                    step->timeoutSec = *t;
            } else if (key == u"expect.exit"_s) {
                toInt(key, value, 0, 255, &step->expectations.exitCode);
            } else if (key == u"expect.http"_s) {
                toInt(key, value, 100, 599, &step->expectations.httpStatus);
            } else if (key == u"expect.latency_ms"_s) {
                toInt(key, value, 1, 3600000, &step->expectations.latencyMs);
            } else if (key == u"expect.regex"_s) {
                const QRegularExpression re(value);
                if (!re.isValid()) {
                    warn(line, value,
                         Tr::tr("expect.regex is not a valid regular expression (%1); it is "
                                "ignored.")
                             .arg(re.errorString()));
                } else {
                    step->expectations.regex = value;
                }
            } else if (key == u"expect.json"_s) {
                step->expectations.jsonPointerExpr = value;
            }
        }
    }

    void checkUnterminated(cmark_node *node)
    {
        int length = 0, offset = 0;
        char ch = 0;
        cmark_node_get_fenced(node, &length, &offset, &ch);
        const int start = cmark_node_get_start_line(node);
        const int end = endLine(node);
        bool closed = false;
        if (end > start && end <= m_src->lines.size()) {
            const QString last = QString::fromUtf8(m_src->lines.at(end - 1));
            const QRegularExpression closeRe(
                u"^[\\s>]*"_s + QRegularExpression::escape(QString(QLatin1Char(ch))) + u"{"_s +
                QString::number(qMax(3, length)) + u",}\\s*$"_s);
            closed = closeRe.match(last).hasMatch();
        }
        if (!closed) {
            warn(start, QString::fromUtf8(m_src->lines.value(start - 1)).trimmed(),
                 Tr::tr("This code block is never closed, so it runs to the end of the file. "
                        "Add a closing fence."));
        }
    }

    void commandStep(cmark_node *node)
    {
        Step step;
        step.kind = Step::Kind::Command;
        step.sourceLine = cmark_node_get_start_line(node);
        QString rest;
        step.language = fenceLanguage(node, &rest);
        step.command = QString::fromUtf8(cmark_node_get_literal(node));
        while (step.command.endsWith(u'\n'))
            step.command.chop(1);
        step.host = defaultHost;
        step.group = defaultGroup;
        step.cwd = defaultCwd;
        step.timeoutSec = defaultTimeout;
        applyAttributes(node, rest, &step);
        checkUnterminated(node);
        if (step.command.trimmed().isEmpty())
            warn(step.sourceLine, QString(), Tr::tr("This code block is empty."));

        // A block of independent API calls becomes one native check per call; any other
        // block stays one step, because shell lines usually depend on each other.
        const QStringList lines = logicalLines(step.command);
        QList<HttpRequest> requests;
        QList<int> timeouts;
        for (const QString &line : lines) {
            HttpRequest req;
            int timeout = step.timeoutSec;
            if (!recogniseCurl(line, &req, &timeout))
                break;
            if (!step.http.service.isEmpty())
                req.service = step.http.service;
            else if (req.service.isEmpty())
                req.service = m_rb->service;
            requests.append(req);
            timeouts.append(timeout);
        }
        if (requests.isEmpty() || requests.size() != lines.size()) {
            finishCommandStep(std::move(step));
            return;
        }
        if (requests.size() == 1) {
            step.kind = Step::Kind::Http;
            step.http = requests.first();
            step.timeoutSec = timeouts.first();
            if (!step.expectations.httpStatus)
                step.expectations.httpStatus = 200;
            finishCommandStep(std::move(step));
            return;
        }
        for (qsizetype i = 0; i < requests.size(); ++i) {
            Step sub = step;
            sub.kind = Step::Kind::Http;
            sub.http = requests.at(i);
            sub.timeoutSec = timeouts.at(i);
            sub.command = lines.at(i);
            if (!sub.expectations.httpStatus)
                sub.expectations.httpStatus = 200;
            if (i > 0)
                sub.id.clear();
            if (i > 0 || sub.title.isEmpty())
                sub.title = sub.http.method + u' ' + sub.http.path;
            finishCommandStep(std::move(sub));
        }
    }

    void finishCommandStep(Step step)
    {
        if (step.title.isEmpty()) {
            bool fromPending = false;
            step.title = takeTitleFromPending(&fromPending);
        }
        if (step.title.isEmpty()) {
            const QStringList lines = step.command.split(u'\n');
            const QString first = lines.isEmpty() ? QString() : lines.first().trimmed();
            static const QRegularExpression comment(u"^(#|--|//)\\s*(.+)$"_s);
            if (const auto m = comment.match(first); m.hasMatch() && !first.startsWith(u"#!"_s))
                step.title = m.captured(2).trimmed();
        }
        RunbookSection *sec = ensureSection(step.sourceLine);
        if (step.title.isEmpty() && sec->steps.isEmpty() && m_pending.isEmpty())
            step.title = sec->title;
        if (step.title.isEmpty()) {
            for (const QString &l : step.command.split(u'\n')) {
                if (!l.trimmed().isEmpty() && !l.trimmed().startsWith(u'#')) {
                    step.title = l.trimmed().left(80);
                    break;
                }
            }
        }
        if (step.title.isEmpty())
            step.title = Tr::tr("Command");

        if (m_classifier && !step.command.trimmed().isEmpty()) {
            const DestructiveVerdict v = m_classifier(step.command, step.language);
            if (v.destructive) {
                step.destructive = true;
                for (const QString &r : v.reasons) {
                    if (!step.destructiveReasons.contains(r))
                        step.destructiveReasons.append(r);
                }
            }
        }

        notePlaceholders(step.command, step.sourceLine);
        notePlaceholders(step.host, step.sourceLine);
        notePlaceholders(step.cwd, step.sourceLine);
        // The dashboard key comes from the console's keychain, never from the server.
        for (const QString &v : RunbookParser::findServerVariables(step.command)) {
            if (v == u"DASHBOARD_KEY"_s)
                step.http.needsKey = true;
            else
                m_serverVars.insert(v);
        }
        addStep(std::move(step));
    }

    void finishParameters()
    {
        QMap<QString, RunbookParameter> remaining = declared;
        for (const QString &p : std::as_const(m_placeholderOrder)) {
            const bool isId = idPlaceholderRe().match(p).hasMatch() &&
                              idPlaceholderRe().match(p).captured(0) == p;
            const QString name = isId ? p : p.mid(1, p.size() - 2);
            RunbookParameter param;
            if (remaining.contains(name)) {
                param = remaining.take(name);
            } else {
                param.name = name;
                param.type = isSecretName(name) ? RunbookParameter::Type::Secret
                                                : RunbookParameter::Type::Text;
            }
            param.placeholder = p;
            m_rb->parameters.append(param);
        }
        for (auto it = remaining.cbegin(); it != remaining.cend(); ++it) {
            RunbookParameter param = it.value();
            if (param.placeholder.isEmpty())
                param.placeholder = u'<' + param.name + u'>';
            m_rb->parameters.append(param);
        }
        m_rb->serverVariables = QStringList(m_serverVars.cbegin(), m_serverVars.cend());
        m_rb->serverVariables.sort();
    }
};

// A leading `---` block of `key: value` lines. Only this subset of YAML is read.
void parseFrontMatter(const QStringList &lines, int firstLine, Runbook *rb, Builder *builder)
{
    static const QRegularExpression kv(uR"(^([A-Za-z][A-Za-z0-9_.\-]*)\s*:\s*(.*)$)"_s);
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = firstLine + i;
        const QString line = lines.at(i);
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(u'#'))
            continue;
        const auto m = kv.match(trimmed);
        if (!m.hasMatch()) {
            rb->unplaced.append(
                {lineNo, trimmed, Tr::tr("Front-matter lines must read \"key: value\".")});
            continue;
        }
        const QString key = m.captured(1).toLower();
        const QString value = stripQuotes(m.captured(2));
        if (key == u"title"_s) {
            rb->title = value;
        } else if (key == u"service"_s) {
            rb->service = value;
        } else if (key == u"environment"_s) {
            rb->environment = value;
        } else if (key == u"schedule"_s) {
            rb->schedule = value;
        } else if (key == u"description"_s) {
            rb->description = value;
        } else if (key == u"host"_s) {
            builder->defaultHost = value;
        } else if (key == u"group"_s) {
            builder->defaultGroup = value;
        } else if (key == u"cwd"_s) {
            builder->defaultCwd = value;
        } else if (key == u"timeout"_s) {
            bool ok = false;
            const int t = value.toInt(&ok);
            if (ok && t > 0 && t <= 86400)
                builder->defaultTimeout = t;
            else
                rb->unplaced.append(
                    {lineNo, trimmed, Tr::tr("timeout needs a number of seconds (1–86400).")});
        } else if (key.startsWith(u"param."_s) && key.size() > 6) {
            // param.NAME: text|secret  description
            const QString name = m.captured(1).mid(6);
            RunbookParameter p;
            p.name = name;
            const QString typeWord = value.section(u' ', 0, 0).toLower();
            if (typeWord == u"secret"_s || typeWord == u"text"_s) {
                p.type = typeWord == u"secret"_s ? RunbookParameter::Type::Secret
                                                 : RunbookParameter::Type::Text;
                p.description = value.section(u' ', 1).trimmed();
            } else {
                p.type = isSecretName(name) ? RunbookParameter::Type::Secret
                                            : RunbookParameter::Type::Text;
                p.description = value;
            }
            if (idPlaceholderRe().match(name).hasMatch() &&
                idPlaceholderRe().match(name).captured(0) == name)
                p.placeholder = name;
            builder->declared.insert(name, p);
        } else {
            rb->unplaced.append(
                {lineNo, trimmed,
                 Tr::tr("Unknown front-matter key \"%1\". Known: title, service, environment, "
                        "schedule, description, host, group, cwd, timeout, param.NAME.")
                     .arg(key)});
        }
    }
}

} // namespace

Result<Runbook> RunbookParser::parse(const QByteArray &markdown, const QString &sourceName)
{
    return parse(markdown, sourceName, Options{});
}

Result<Runbook> RunbookParser::parse(const QByteArray &markdown, const QString &sourceName,
                                     const Options &options)
{
    if (markdown.contains('\0')) {
        return fail(u"runbook.binary"_s,
                    tr("%1 is not a text file; a runbook must be Markdown.").arg(sourceName));
    }
    Runbook rb;
    rb.sourcePath = sourceName;

    // Line structure first: CRLF and lone CR become LF so that line numbers, raw text and
    // cmark all agree.
    QByteArray text = markdown;
    text.replace("\r\n", "\n");
    text.replace('\r', '\n');
    Source src;
    src.lines = text.split('\n');
    if (!src.lines.isEmpty() && src.lines.last().isEmpty())
        src.lines.removeLast();

    // A literal dashboard key must not live on in any step, explanation or export.
    static const QRegularExpression keyRe(uR"((X-Dash-Key\s*:\s*)(?!\$)([^\s"'\\]+))"_s,
                                          QRegularExpression::CaseInsensitiveOption);
    for (int i = 0; i < src.lines.size(); ++i) {
        if (!src.lines.at(i).contains("ash-") && !src.lines.at(i).contains("ASH-"))
            continue;
        QString line = QString::fromUtf8(src.lines.at(i));
        bool literal = false;
        QString out;
        qsizetype pos = 0;
        for (auto it = keyRe.globalMatch(line); it.hasNext();) {
            const auto m = it.next();
            out += line.mid(pos, m.capturedStart() - pos) + m.captured(1) + u"$DASHBOARD_KEY"_s;
            if (!(m.captured(2).startsWith(u'<') && m.captured(2).endsWith(u'>')))
                literal = true;
            pos = m.capturedEnd();
        }
        if (pos == 0)
            continue;
        out += line.mid(pos);
        src.lines[i] = out.toUtf8();
        if (literal) {
            rb.warnings.append({i + 1, out,
                                tr("A dashboard key was written in the runbook. It was "
                                   "removed; keep the key in the keychain instead.")});
        }
    }

    Builder builder(&rb, &src, options.classifier ? options.classifier : defaultClassifier());

    // Front matter is blanked for cmark so that line numbers stay those of the file.
    QList<QByteArray> cmarkLines = src.lines;
    if (!src.lines.isEmpty() && src.lines.first().trimmed() == "---") {
        int close = -1;
        for (int i = 1; i < src.lines.size(); ++i) {
            const QByteArray t = src.lines.at(i).trimmed();
            if (t == "---" || t == "...") {
                close = i;
                break;
            }
        }
        if (close < 0) {
            rb.warnings.append({1, u"---"_s,
                                tr("The front matter is never closed with \"---\"; the file is "
                                   "read as plain Markdown.")});
        } else {
            QStringList fm;
            for (int i = 1; i < close; ++i)
                fm.append(QString::fromUtf8(src.lines.at(i)));
            parseFrontMatter(fm, 2, &rb, &builder);
            for (int i = 0; i <= close; ++i)
                cmarkLines[i].clear();
            builder.setFrontMatterEnd(close + 1);
        }
    }
    QByteArray forCmark = cmarkLines.join('\n');
    forCmark += '\n';

    cmark_gfm_core_extensions_ensure_registered();
    std::unique_ptr<cmark_parser, CmarkDeleter> parser(cmark_parser_new(CMARK_OPT_SOURCEPOS));
    for (const char *name : {"tasklist", "table"}) {
        if (cmark_syntax_extension *ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), forCmark.constData(), size_t(forCmark.size()));
    std::unique_ptr<cmark_node, CmarkDeleter> doc(cmark_parser_finish(parser.get()));
    if (!doc)
        return fail(u"runbook.parse"_s, tr("%1 could not be read as Markdown.").arg(sourceName));

    builder.walkDocument(doc.get());
    // The document's own H1 names it when the front matter does not.
    if (rb.title.isEmpty())
        rb.title = builder.h1Title();
    if (rb.title.isEmpty())
        rb.title = QFileInfo(sourceName).completeBaseName();
    return rb;
}

Result<Runbook> RunbookParser::parseFile(const QString &path, const Options &options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(u"runbook.read"_s,
                    tr("Cannot open the runbook %1: %2. Check the path in the workspace's "
                       "runbook folders.")
                        .arg(path, file.errorString()));
    }
    return parse(file.readAll(), path, options);
}

DestructiveClassifier RunbookParser::defaultClassifier(const QStringList &scratchTargets)
{
    return [scratchTargets](const QString &command, const QString &language) {
        static const QSet<QString> sqlLanguages{u"sql"_s,        u"psql"_s,  u"pgsql"_s,
                                                u"postgresql"_s, u"mysql"_s, u"sqlite"_s};
        // Placeholders stay unresolved here: the classifier treats what it cannot see as a
        // reason to ask, which is the right default for a step that is not filled in yet.
        static const QSet<QString> shellLanguages{
            u""_s, u"bash"_s, u"sh"_s, u"shell"_s, u"zsh"_s, u"console"_s, u"shell-session"_s};
        if (!sqlLanguages.contains(language) && !shellLanguages.contains(language)) {
            // A Python or JavaScript snippet can do anything; nobody can vouch for it here.
            return DestructiveVerdict{
                true,
                {RunbookParser::tr("%1 code cannot be checked for destructive actions; "
                                   "it is confirmed before it runs.")
                     .arg(language)}};
        }
        ClassifyOptions options;
        options.scratchTargets = scratchTargets;
        const Classification c = sqlLanguages.contains(language)
                                     ? CommandClassifier::classifySql(command, options)
                                     : CommandClassifier::classify(command, options);
        DestructiveVerdict v;
        v.destructive = c.isDestructive();
        if (v.destructive)
            v.reasons = c.reasons;
        return v;
    };
}

FenceAttributes RunbookParser::parseAttributes(const QString &input)
{
    FenceAttributes out;
    QString text = input.trimmed();
    if (text.startsWith(u'{')) {
        text.remove(0, 1);
        // Find the closing brace outside quotes; text after it is reported, not guessed at.
        QChar quote;
        qsizetype close = -1;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (!quote.isNull()) {
                if (c == u'\\' && i + 1 < text.size())
                    ++i;
                else if (c == quote)
                    quote = QChar();
            } else if (c == u'"' || c == u'\'') {
                quote = c;
            } else if (c == u'}') {
                close = i;
                break;
            }
        }
        if (close < 0) {
            out.errors.append(tr("The attribute block has no closing \"}\"."));
        } else {
            const QString after = text.mid(close + 1).trimmed();
            if (!after.isEmpty())
                out.errors.append(tr("Text after the attribute block is ignored: %1").arg(after));
            text.truncate(close);
        }
    }
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && (text.at(i).isSpace() || text.at(i) == u','))
            ++i;
        if (i >= n)
            break;
        qsizetype start = i;
        while (i < n && !text.at(i).isSpace() && text.at(i) != u'=' && text.at(i) != u',')
            ++i;
        QString key = text.mid(start, i - start);
        if (key.startsWith(u'.') && !key.contains(u'='))
            key.remove(0, 1); // `{.bash}` class syntax of other tools
        if (key.isEmpty()) {
            out.errors.append(tr("An attribute value has no name."));
            ++i;
            while (i < n && !text.at(i).isSpace())
                ++i;
            continue;
        }
        if (i < n && text.at(i) == u'=') {
            ++i;
            QString value;
            if (i < n && (text.at(i) == u'"' || text.at(i) == u'\'')) {
                const QChar quote = text.at(i++);
                bool closed = false;
                while (i < n) {
                    const QChar c = text.at(i++);
                    if (c == u'\\' && i < n && (text.at(i) == quote || text.at(i) == u'\\')) {
                        value += text.at(i++);
                    } else if (c == quote) {
                        closed = true;
                        break;
                    } else {
                        value += c;
                    }
                }
                if (!closed)
                    out.errors.append(tr("The value of %1 has no closing quote.").arg(key));
            } else {
                start = i;
                while (i < n && !text.at(i).isSpace() && text.at(i) != u',')
                    ++i;
                value = text.mid(start, i - start);
                if (value.isEmpty())
                    out.errors.append(tr("%1= has no value.").arg(key));
            }
            out.values.append({key, value});
        } else {
            out.values.append({key, u"true"_s});
        }
    }
    return out;
}

QStringList RunbookParser::findPlaceholders(const QString &text)
{
    QStringList found;
    for (auto it = angleRe().globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        // `<<EOF` heredocs and `cmd <file` redirections are shell, not placeholders.
        if (m.capturedStart() > 0 && text.at(m.capturedStart() - 1) == u'<')
            continue;
        if (!isAngleParameter(m.captured(1)))
            continue;
        if (!found.contains(m.captured(0)))
            found.append(m.captured(0));
    }
    for (auto it = idPlaceholderRe().globalMatch(text); it.hasNext();) {
        const QString id = it.next().captured(1);
        if (!found.contains(id))
            found.append(id);
    }
    // Order of first appearance across both kinds.
    std::stable_sort(found.begin(), found.end(), [&](const QString &a, const QString &b) {
        return text.indexOf(a) < text.indexOf(b);
    });
    return found;
}

QStringList RunbookParser::findServerVariables(const QString &text)
{
    QStringList found;
    for (const QString &line : text.split(u'\n')) {
        if (line.trimmed().startsWith(u'#'))
            continue;
        bool single = false, dbl = false;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const QChar c = line.at(i);
            if (c == u'\\' && !single) {
                ++i;
                continue;
            }
            if (c == u'\'' && !dbl) {
                single = !single;
                continue;
            }
            if (c == u'"' && !single) {
                dbl = !dbl;
                continue;
            }
            if (c != u'$' || single || i + 1 >= line.size())
                continue;
            qsizetype j = i + 1;
            const bool braced = line.at(j) == u'{';
            if (braced)
                ++j;
            const qsizetype start = j;
            while (j < line.size() &&
                   ((line.at(j) >= u'A' && line.at(j) <= u'Z') || line.at(j) == u'_' ||
                    (j > start && line.at(j) >= u'0' && line.at(j) <= u'9')))
                ++j;
            // Lower-case names are shell locals or positional, not the server's settings.
            if (j > start && (j >= line.size() || !line.at(j).isLower())) {
                const QString name = line.mid(start, j - start);
                if (!found.contains(name))
                    found.append(name);
            }
            i = j - 1;
        }
    }
    return found;
}

QString substituteParameters(QString text, const QMap<QString, QString> &values)
{
    // One pass over the text, so a value that itself looks like a placeholder stays as is.
    static const QRegularExpression re(
        uR"(<([A-Za-z](?:[A-Za-z0-9_.\- ]{0,58}[A-Za-z0-9_])?)>|\b([A-Z][A-Z0-9]*_X{2,})\b)"_s);
    QString out;
    qsizetype pos = 0;
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const QString name = m.captured(1).isEmpty() ? m.captured(2) : m.captured(1);
        const auto found = values.constFind(name);
        if (found == values.cend())
            continue;
        out += QStringView(text).mid(pos, m.capturedStart() - pos);
        out += found.value();
        pos = m.capturedEnd();
    }
    if (pos == 0)
        return text;
    out += QStringView(text).mid(pos);
    return out;
}

namespace {

QJsonObject stepJson(const Step &s)
{
    QJsonObject o;
    o[u"id"_s] = s.id;
    o[u"kind"_s] = stepKindName(s.kind);
    o[u"text"_s] = s.title;
    o[u"line"_s] = s.sourceLine;
    if (s.kind != Step::Kind::Manual) {
        o[u"command"_s] = s.command;
        o[u"language"_s] = s.language;
    }
    if (!s.host.isEmpty())
        o[u"host"_s] = s.host;
    if (!s.group.isEmpty())
        o[u"group"_s] = s.group;
    if (!s.cwd.isEmpty())
        o[u"cwd"_s] = s.cwd;
    if (s.timeoutSec > 0)
        o[u"timeoutSec"_s] = s.timeoutSec;
    o[u"destructive"_s] = s.destructive;
    if (s.destructive)
        o[u"why"_s] = QJsonArray::fromStringList(s.destructiveReasons);
    const StepExpectations &e = s.expectations;
    if (!e.isEmpty()) {
        QJsonObject x;
        if (e.exitCode)
            x[u"exit"_s] = *e.exitCode;
        if (!e.regex.isEmpty())
            x[u"regex"_s] = e.regex;
        if (e.httpStatus)
            x[u"http"_s] = *e.httpStatus;
        if (e.latencyMs)
            x[u"latencyMs"_s] = *e.latencyMs;
        if (!e.jsonPointerExpr.isEmpty())
            x[u"json"_s] = e.jsonPointerExpr;
        o[u"expectations"_s] = x;
    }
    if (s.kind == Step::Kind::Command && s.http.needsKey)
        o[u"needsKey"_s] = true;
    if (s.kind == Step::Kind::Http) {
        QJsonObject h;
        h[u"method"_s] = s.http.method;
        h[u"service"_s] = s.http.service;
        if (s.http.port > 0)
            h[u"port"_s] = s.http.port;
        h[u"path"_s] = s.http.path;
        h[u"needsKey"_s] = s.http.needsKey;
        if (!s.http.jq.isEmpty())
            h[u"jq"_s] = s.http.jq;
        if (!s.http.body.isEmpty())
            h[u"body"_s] = s.http.body;
        o[u"http"_s] = h;
    }
    if (!s.explanation.isEmpty())
        o[u"explanation"_s] = s.explanation;
    if (!s.onFailure.isEmpty())
        o[u"onFailure"_s] = s.onFailure;
    return o;
}

QJsonArray issuesJson(const QList<RunbookIssue> &issues)
{
    QJsonArray a;
    for (const RunbookIssue &i : issues)
        a.append(QJsonObject{{u"line"_s, i.line}, {u"text"_s, i.text}, {u"reason"_s, i.reason}});
    return a;
}

} // namespace

QByteArray toJson(const Runbook &rb)
{
    QJsonObject root;
    root[u"format"_s] = 1;
    root[u"title"_s] = rb.title;
    root[u"service"_s] = rb.service;
    root[u"environment"_s] = rb.environment;
    root[u"schedule"_s] = rb.schedule;
    root[u"source"_s] = rb.sourcePath;
    if (!rb.description.isEmpty())
        root[u"description"_s] = rb.description;
    QJsonArray sections;
    int counts[3] = {0, 0, 0};
    int destructive = 0;
    for (const RunbookSection &sec : rb.sections) {
        QJsonObject so;
        so[u"title"_s] = sec.title;
        so[u"level"_s] = sec.level;
        so[u"line"_s] = sec.sourceLine;
        if (!sec.intro.isEmpty())
            so[u"intro"_s] = sec.intro;
        QJsonArray steps;
        for (const Step &s : sec.steps) {
            steps.append(stepJson(s));
            ++counts[int(s.kind)];
            destructive += s.destructive ? 1 : 0;
        }
        so[u"steps"_s] = steps;
        sections.append(so);
    }
    root[u"sections"_s] = sections;
    root[u"counts"_s] = QJsonObject{{u"steps"_s, counts[0] + counts[1] + counts[2]},
                                    {u"command"_s, counts[int(Step::Kind::Command)]},
                                    {u"http"_s, counts[int(Step::Kind::Http)]},
                                    {u"manual"_s, counts[int(Step::Kind::Manual)]},
                                    {u"destructive"_s, destructive}};
    QJsonArray params;
    for (const RunbookParameter &p : rb.parameters) {
        params.append(QJsonObject{{u"name"_s, p.name},
                                  {u"type"_s, parameterTypeName(p.type)},
                                  {u"placeholder"_s, p.placeholder},
                                  {u"description"_s, p.description}});
    }
    root[u"parameters"_s] = params;
    root[u"serverVariables"_s] = QJsonArray::fromStringList(rb.serverVariables);
    root[u"unplaced"_s] = issuesJson(rb.unplaced);
    root[u"warnings"_s] = issuesJson(rb.warnings);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int parseRunbookForFuzzing(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Runbook> rb = RunbookParser::parse(input, u"fuzz.md"_s);
    if (!rb)
        return 0;
    // Invariants: ids are unique and non-empty, every step is reachable by its id, and the
    // export is a valid document.
    QSet<QString> ids;
    for (const Step &s : rb->allSteps()) {
        if (s.id.isEmpty() || ids.contains(s.id) || rb->step(s.id) == nullptr)
            std::abort();
        ids.insert(s.id);
        if (s.kind == Step::Kind::Manual && !s.command.isEmpty())
            std::abort();
    }
    if (QJsonDocument::fromJson(toJson(*rb)).isNull())
        std::abort();
    QMap<QString, QString> values;
    for (const RunbookParameter &p : rb->parameters)
        values.insert(p.name, u"v"_s);
    for (const Step &s : rb->allSteps())
        (void)substituteParameters(s.command, values);
    return 0;
}

} // namespace ph
