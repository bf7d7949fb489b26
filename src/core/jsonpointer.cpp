// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/jsonpointer.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace ph {

bool resolveJsonPointer(const QJsonValue &root, QStringView pointer, QJsonValue *out)
{
    QJsonValue cur = root;
    if (pointer.isEmpty()) {
        *out = cur;
        return true;
    }
    if (!pointer.startsWith(u'/'))
        return false;
    for (QStringView raw : pointer.mid(1).split(u'/')) {
        QString token = raw.toString();
        token.replace(u"~1"_s, u"/"_s);
        token.replace(u"~0"_s, u"~"_s);
        if (cur.isObject()) {
            const QJsonObject obj = cur.toObject();
            const auto it = obj.constFind(token);
            if (it == obj.constEnd())
                return false;
            cur = it.value();
        } else if (cur.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray arr = cur.toArray();
            if (!ok || index < 0 || index >= arr.size())
                return false;
            cur = arr.at(index);
        } else {
            return false;
        }
    }
    *out = cur;
    return true;
}

} // namespace ph
