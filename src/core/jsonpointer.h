// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QStringView>

namespace ph {

/**
 * Follows an RFC 6901 pointer ("/a/b/0", "~1" for "/", "~0" for "~") into @p root, as a
 * service's field_mappings write them. An empty pointer is the root itself.
 * Returns false when the pointer is malformed or names nothing.
 */
bool resolveJsonPointer(const QJsonValue &root, QStringView pointer, QJsonValue *out);

} // namespace ph
