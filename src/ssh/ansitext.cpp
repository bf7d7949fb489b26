// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/ansitext.h"

#include <QStringList>

#include <array>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr char16_t esc = 0x1b;
constexpr char16_t bel = 0x07;
// Longer sequences are garbage (or hostile output); give up on them instead of buffering.
constexpr qsizetype maxCsiLength = 64;
constexpr int maxOscLength = 4096;

// xterm's first 16 colours.
constexpr std::array<quint32, 16> basicColours = {
    0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
    0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

} // namespace

quint32 AnsiColor::toRgb(quint32 fallback) const
{
    switch (kind) {
    case Kind::Default:
        return fallback;
    case Kind::Rgb:
        return value;
    case Kind::Indexed:
        break;
    }
    if (value < 16)
        return basicColours[value];
    if (value < 232) {
        // The 6×6×6 colour cube.
        static constexpr std::array<quint32, 6> levels = {0, 95, 135, 175, 215, 255};
        const quint32 i = value - 16;
        return (levels[i / 36] << 16) | (levels[(i / 6) % 6] << 8) | levels[i % 6];
    }
    if (value < 256) {
        const quint32 grey = 8 + 10 * (value - 232);
        return (grey << 16) | (grey << 8) | grey;
    }
    return fallback;
}

void AnsiText::reset()
{
    m_state = State::Text;
    m_sequence.clear();
    m_oscLength = 0;
    m_style = AnsiRun{};
    m_decoder.resetState();
}

QList<AnsiRun> AnsiText::feed(QByteArrayView utf8)
{
    // The decoder keeps a UTF-8 sequence cut at the chunk's end for the next call.
    return feed(QString(m_decoder.decode(utf8)));
}

void AnsiText::append(QList<AnsiRun> &runs, QChar c) const
{
    if (runs.isEmpty() || !runs.last().sameStyle(m_style)) {
        AnsiRun run = m_style;
        run.text = c;
        runs.append(run);
    } else {
        runs.last().text.append(c);
    }
}

QList<AnsiRun> AnsiText::feed(const QString &text)
{
    QList<AnsiRun> runs;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        switch (m_state) {
        case State::Text:
            if (u == esc)
                m_state = State::Escape;
            else if (u == u'\n' || u == u'\t' || (u >= 0x20 && u != 0x7f && (u < 0x80 || u > 0x9f)))
                append(runs, c);
            // Other control characters (CR, BS, BEL, C1) move a terminal's cursor or beep;
            // in a log they are noise.
            break;
        case State::Escape:
            if (u == u'[') {
                m_state = State::Csi;
                m_sequence.clear();
            } else if (u == u']') {
                m_state = State::Osc;
                m_oscLength = 0;
            } else if (u >= 0x20 && u <= 0x2f) {
                m_state = State::EscapeIntermediate;
            } else if (u == esc) {
                // A lone ESC followed by another sequence: start over with the new one.
            } else {
                m_state = State::Text; // a two-character sequence such as "ESC 7"; dropped
                if (u == u'\n')
                    append(runs, c);
            }
            break;
        case State::EscapeIntermediate:
            if (u < 0x20 || u > 0x2f)
                m_state = State::Text;
            break;
        case State::Csi:
            if (u >= 0x40 && u <= 0x7e) {
                // Only plain SGR changes the style; private modes ("ESC [ ? 25 l") do not.
                if (u == u'm' && !m_sequence.contains(u'?') && !m_sequence.contains(u'>') &&
                    !m_sequence.contains(u'<') && !m_sequence.contains(u'='))
                    applySgr(m_sequence);
                m_state = State::Text;
                m_sequence.clear();
            } else if (u >= 0x20 && u <= 0x3f && m_sequence.size() < maxCsiLength) {
                m_sequence.append(c);
            } else {
                // Malformed or overlong: abandon the sequence; a newline still counts.
                m_state = State::Text;
                m_sequence.clear();
                if (u == u'\n')
                    append(runs, c);
                else if (u == esc)
                    m_state = State::Escape;
            }
            break;
        case State::Osc:
            if (u == bel || ++m_oscLength > maxOscLength)
                m_state = State::Text;
            else if (u == esc)
                m_state = State::OscEscape;
            break;
        case State::OscEscape:
            // "ESC \" ends the string; anything else after ESC starts a new sequence.
            if (u == u'\\') {
                m_state = State::Text;
            } else if (u == u'[') {
                m_state = State::Csi;
                m_sequence.clear();
            } else {
                m_state = State::Text;
            }
            break;
        }
    }
    return runs;
}

void AnsiText::applySgr(const QString &params)
{
    // ':' separates sub-parameters ("38:5:208"); read it like ';'. An empty list is a reset.
    QList<int> codes;
    for (const QStringView part : QStringView(params).tokenize(u';')) {
        for (const QStringView sub : part.tokenize(u':')) {
            bool ok = false;
            const int code = sub.isEmpty() ? 0 : sub.toInt(&ok);
            codes.append(sub.isEmpty() || ok ? code : -1);
        }
    }
    if (codes.isEmpty())
        codes.append(0);

    for (qsizetype i = 0; i < codes.size(); ++i) {
        const int code = codes.at(i);
        if (code == 0) {
            m_style = AnsiRun{};
        } else if (code == 1) {
            m_style.bold = true;
        } else if (code == 22) {
            m_style.bold = false;
        } else if (code >= 30 && code <= 37) {
            m_style.fg = AnsiColor::indexed(code - 30);
        } else if (code == 39) {
            m_style.fg = {};
        } else if (code >= 40 && code <= 47) {
            m_style.bg = AnsiColor::indexed(code - 40);
        } else if (code == 49) {
            m_style.bg = {};
        } else if (code >= 90 && code <= 97) {
            m_style.fg = AnsiColor::indexed(code - 90 + 8);
        } else if (code >= 100 && code <= 107) {
            m_style.bg = AnsiColor::indexed(code - 100 + 8);
        } else if (code == 38 || code == 48) {
            AnsiColor &target = code == 38 ? m_style.fg : m_style.bg;
            const int mode = i + 1 < codes.size() ? codes.at(i + 1) : -1;
            if (mode == 5 && i + 2 < codes.size()) {
                const int index = codes.at(i + 2);
                if (index >= 0 && index <= 255)
                    target = AnsiColor::indexed(index);
                i += 2;
            } else if (mode == 2 && i + 4 < codes.size()) {
                const int r = codes.at(i + 2), g = codes.at(i + 3), b = codes.at(i + 4);
                if (r >= 0 && r <= 255 && g >= 0 && g <= 255 && b >= 0 && b <= 255)
                    target = AnsiColor::rgb(quint32(r) << 16 | quint32(g) << 8 | quint32(b));
                i += 4;
            } else {
                // A colour without its arguments: nothing after it can be trusted.
                return;
            }
        }
        // Italic, underline, blink, inverse and the rest are not shown; they are dropped.
    }
}

QList<AnsiRun> AnsiText::parse(const QString &text)
{
    AnsiText parser;
    return parser.feed(text);
}

QString AnsiText::plainText(const QList<AnsiRun> &runs)
{
    QString text;
    for (const AnsiRun &run : runs)
        text += run.text;
    return text;
}

QString AnsiText::strip(const QString &text)
{
    return plainText(parse(text));
}

} // namespace ph
