// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringDecoder>

namespace ph {

/// A colour of terminal text: the terminal's default, a palette entry (0–255) or 24-bit RGB.
struct AnsiColor
{
    enum class Kind : quint8
    {
        Default,
        Indexed,
        Rgb
    };
    Kind kind = Kind::Default;
    quint32 value = 0; ///< the palette index for Indexed, 0xRRGGBB for Rgb

    static AnsiColor indexed(int index) { return {Kind::Indexed, quint32(index)}; }
    static AnsiColor rgb(quint32 rgb) { return {Kind::Rgb, rgb & 0xffffffu}; }
    bool isDefault() const { return kind == Kind::Default; }
    /// 0xRRGGBB as the xterm palette shows it; @p fallback for the default colour.
    quint32 toRgb(quint32 fallback) const;
    bool operator==(const AnsiColor &) const = default;
};

/// A stretch of text drawn in one style.
struct AnsiRun
{
    QString text;
    AnsiColor fg;
    AnsiColor bg;
    bool bold = false;

    bool sameStyle(const AnsiRun &other) const
    {
        return fg == other.fg && bg == other.bg && bold == other.bold;
    }
    bool operator==(const AnsiRun &) const = default;
};

/**
 * Turns terminal output into styled text runs. Colour and bold (SGR, "ESC [ … m") are
 * kept; every other escape sequence (cursor moves, erasing, window titles, character sets)
 * and control character except newline and tab is dropped, so what remains reads cleanly
 * in a text view or a saved file.
 *
 * Feed output in chunks as it arrives: an escape sequence or UTF-8 character split
 * between chunks is completed by the next one, and the style carries over.
 */
class AnsiText
{
public:
    /// Runs of the text in @p utf8, adjacent runs of one style merged.
    QList<AnsiRun> feed(QByteArrayView utf8);
    /// Same, for text already decoded.
    QList<AnsiRun> feed(const QString &text);
    /// Forgets the style and any unfinished sequence.
    void reset();

    /// Runs of a whole text, starting in the default style.
    static QList<AnsiRun> parse(const QString &text);
    /// The text of @p text without any escape sequence.
    static QString strip(const QString &text);
    /// The text of @p runs joined.
    static QString plainText(const QList<AnsiRun> &runs);

private:
    enum class State : quint8
    {
        Text,
        Escape,             ///< after ESC
        EscapeIntermediate, ///< ESC and an intermediate byte, e.g. "ESC (" for a charset
        Csi,                ///< "ESC [" parameters
        Osc,                ///< "ESC ]" string, until BEL or ST
        OscEscape,          ///< ESC inside an OSC string (ST is "ESC \")
    };

    void applySgr(const QString &params);
    void append(QList<AnsiRun> &runs, QChar c) const;

    State m_state = State::Text;
    QString m_sequence; ///< the CSI parameters seen so far
    int m_oscLength = 0;
    AnsiRun m_style; ///< current style; text unused
    QStringDecoder m_decoder{QStringDecoder::Utf8};
};

} // namespace ph
