// SPDX-License-Identifier: GPL-3.0-or-later
#include "jsonctext.h"

#include <QList>
#include <QStringList>

#include <nlohmann/json.hpp>

using namespace Qt::StringLiterals;

namespace ph::jsonc {

namespace {

struct Token
{
    enum Kind
    {
        Punct,
        String,
        Word,
        Comment
    };
    Kind kind = Punct;
    qsizetype start = 0;
    qsizetype end = 0; // exclusive
    bool unterminated = false;
};

bool isPunct(char c)
{
    return c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Lenient: never fails, so it can place errors in text the parser rejected.
QList<Token> tokenize(const QByteArray &text)
{
    QList<Token> tokens;
    const qsizetype n = text.size();
    qsizetype i = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (i < n) {
        const char c = text.at(i);
        if (isSpace(c)) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        if (c == '/' && i + 1 < n && text.at(i + 1) == '/') {
            t.kind = Token::Comment;
            const qsizetype eol = text.indexOf('\n', i);
            i = eol < 0 ? n : eol;
        } else if (c == '/' && i + 1 < n && text.at(i + 1) == '*') {
            t.kind = Token::Comment;
            const qsizetype close = text.indexOf("*/", i + 2);
            t.unterminated = close < 0;
            i = close < 0 ? n : close + 2;
        } else if (c == '"') {
            t.kind = Token::String;
            ++i;
            t.unterminated = true;
            while (i < n) {
                const char s = text.at(i);
                if (s == '\\') {
                    i += 2;
                    continue;
                }
                ++i;
                if (s == '"') {
                    t.unterminated = false;
                    break;
                }
            }
            i = qMin(i, n);
        } else if (isPunct(c)) {
            t.kind = Token::Punct;
            ++i;
        } else {
            t.kind = Token::Word;
            while (i < n && !isSpace(text.at(i)) && !isPunct(text.at(i)) && text.at(i) != '"' &&
                   text.at(i) != '/')
                ++i;
        }
        t.end = i;
        tokens.append(t);
    }
    return tokens;
}

QString decodeKey(const QByteArray &text, const Token &t)
{
    if (t.kind != Token::String || t.unterminated)
        return {};
    const auto j =
        nlohmann::json::parse(text.constData() + t.start, text.constData() + t.end, nullptr, false);
    if (!j.is_string())
        return {};
    return QString::fromStdString(j.get<std::string>());
}

class Locator
{
public:
    Locator(const QByteArray &text, QStringList path, bool atKey)
        : m_text(text)
        , m_path(std::move(path))
        , m_atKey(atKey)
    {
        const QList<Token> all = tokenize(text);
        for (const Token &t : all) {
            if (t.kind != Token::Comment)
                m_tokens.append(t);
        }
    }

    qsizetype run()
    {
        qsizetype i = 0;
        return find(i, 0);
    }

private:
    bool isPunctAt(qsizetype i, char c) const
    {
        return i < m_tokens.size() && m_tokens.at(i).kind == Token::Punct &&
               m_text.at(m_tokens.at(i).start) == c;
    }

    // Moves i past one value; returns false on text it cannot follow.
    bool skip(qsizetype &i) const
    {
        if (i >= m_tokens.size())
            return false;
        if (isPunctAt(i, '{') || isPunctAt(i, '[')) {
            int depth = 0;
            while (i < m_tokens.size()) {
                if (isPunctAt(i, '{') || isPunctAt(i, '['))
                    ++depth;
                else if (isPunctAt(i, '}') || isPunctAt(i, ']'))
                    --depth;
                ++i;
                if (depth == 0)
                    return true;
            }
            return false;
        }
        ++i;
        return true;
    }

    qsizetype find(qsizetype &i, int depth)
    {
        if (i >= m_tokens.size())
            return -1;
        if (depth == m_path.size())
            return m_tokens.at(i).start;
        const QString &want = m_path.at(depth);
        if (isPunctAt(i, '{')) {
            ++i;
            while (i < m_tokens.size() && !isPunctAt(i, '}')) {
                const Token keyToken = m_tokens.at(i);
                const QString key = decodeKey(m_text, keyToken);
                ++i;
                if (!isPunctAt(i, ':'))
                    return -1;
                ++i;
                if (key == want) {
                    if (m_atKey && depth + 1 == m_path.size())
                        return keyToken.start;
                    return find(i, depth + 1);
                }
                if (!skip(i))
                    return -1;
                if (isPunctAt(i, ','))
                    ++i;
            }
            return -1;
        }
        if (isPunctAt(i, '[')) {
            bool ok = false;
            const int index = want.toInt(&ok);
            if (!ok || index < 0)
                return -1;
            ++i;
            for (int k = 0; i < m_tokens.size() && !isPunctAt(i, ']'); ++k) {
                if (k == index)
                    return find(i, depth + 1);
                if (!skip(i))
                    return -1;
                if (isPunctAt(i, ','))
                    ++i;
            }
        }
        return -1;
    }

    const QByteArray &m_text;
    QStringList m_path;
    bool m_atKey;
    QList<Token> m_tokens;
};

} // namespace

TextPosition positionAt(const QByteArray &text, qsizetype offset)
{
    offset = qBound(qsizetype(0), offset, text.size());
    TextPosition pos;
    pos.line = 1;
    qsizetype lineStart = text.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    for (qsizetype i = 0; i < offset; ++i) {
        if (text.at(i) == '\n') {
            ++pos.line;
            lineStart = i + 1;
        }
    }
    pos.column = 1;
    for (qsizetype i = lineStart; i < offset; ++i) {
        const auto byte = static_cast<unsigned char>(text.at(i));
        // UTF-8 continuation bytes belong to the character before them.
        if ((byte & 0xC0) != 0x80)
            ++pos.column;
    }
    return pos;
}

qsizetype errorOffset(const QByteArray &text, qsizetype offset, bool lexical)
{
    const QList<Token> tokens = tokenize(text);
    if (lexical) {
        for (const Token &t : tokens) {
            if (t.kind == Token::Word && t.start <= offset && offset <= t.end)
                return t.start;
        }
    }
    for (const Token &t : tokens) {
        if (offset >= t.start && (offset < t.end || t.unterminated))
            return t.start;
    }
    return qMin(offset, text.size());
}

bool followsComma(const QByteArray &text, qsizetype offset)
{
    const QList<Token> tokens = tokenize(text);
    const Token *before = nullptr;
    for (const Token &t : tokens) {
        if (t.start >= offset)
            break;
        if (t.kind != Token::Comment)
            before = &t;
    }
    return before && before->kind == Token::Punct && text.at(before->start) == ',';
}

qsizetype locate(const QByteArray &text, const QString &pointer, bool atKey)
{
    QStringList path;
    if (!pointer.isEmpty()) {
        path = pointer.mid(1).split(u'/');
        for (QString &token : path)
            token.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
    }
    return Locator(text, path, atKey).run();
}

QString escapePointerToken(const QString &token)
{
    QString escaped = token;
    return escaped.replace(u'~', u"~0"_s).replace(u'/', u"~1"_s);
}

} // namespace ph::jsonc
