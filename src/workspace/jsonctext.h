// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Internal to ph_workspace: positions in JSONC text. nlohmann/json keeps no source
// positions, so errors are placed by scanning the text again.
namespace ph::jsonc {

struct TextPosition
{
    int line = 0;   ///< 1-based
    int column = 0; ///< 1-based, in characters (UTF-8 code points), not bytes
};

/// Line and column of byte @p offset; CR before LF is part of the line break.
TextPosition positionAt(const QByteArray &text, qsizetype offset);

/**
 * Where to report a syntax error that the parser noticed at byte @p offset: the start of
 * the token that contains it (an unterminated string is reported at its opening quote).
 * With @p lexical set, a bare word that touches @p offset is preferred, because the
 * parser stops one character after a misspelt literal.
 */
qsizetype errorOffset(const QByteArray &text, qsizetype offset, bool lexical);

/// True when the last token before byte @p offset is a comma (a trailing comma).
bool followsComma(const QByteArray &text, qsizetype offset);

/**
 * Byte offset of the value (or, with @p atKey, the key) at JSON pointer @p pointer;
 * -1 when the text has no such member (e.g. the pointer names a migrated layout).
 */
qsizetype locate(const QByteArray &text, const QString &pointer, bool atKey = false);

/// Escapes a member name for use in a JSON pointer ("~" -> "~0", "/" -> "~1").
QString escapePointerToken(const QString &token);

} // namespace ph::jsonc
