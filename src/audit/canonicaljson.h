// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

namespace ph {

/**
 * The one byte sequence Pilothouse hashes for a JSON value (audit records).
 *
 * - UTF-8, no byte order mark, no whitespace anywhere.
 * - Object members sorted by key, comparing keys as UTF-16 code units (as RFC 8785 does);
 *   keys are unique because QJsonObject holds each once.
 * - Strings: `"` and `\` escaped with a backslash; U+0008, U+0009, U+000A, U+000C, U+000D
 *   as \b \t \n \f \r; every other code point below U+0020 as \u00xx with lowercase hex;
 *   everything else (including '/', DEL and non-ASCII) written as its UTF-8 bytes.
 * - Numbers: an integral value with magnitude below 2^53 as a plain decimal integer
 *   ("-0" is written "0"); any other number in the shortest form that reads back to the
 *   same double, printf "%g" style ("1.5", "1e+300"). Non-finite numbers cannot occur.
 * - true, false, null as those words; arrays keep their order.
 */
QByteArray canonicalJson(const QJsonValue &value);
QByteArray canonicalJson(const QJsonObject &object);

} // namespace ph
