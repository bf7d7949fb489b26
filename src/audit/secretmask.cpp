// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/secretmask.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <algorithm>

namespace ph {

namespace {

QStringList longestFirst(const QStringList &secrets)
{
    QStringList sorted;
    for (const QString &s : secrets) {
        if (!s.isEmpty() && !sorted.contains(s))
            sorted.append(s);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
    return sorted;
}

QString maskSorted(QString text, const QStringList &sorted)
{
    for (const QString &secret : sorted)
        text.replace(secret, kSecretMask);
    return text;
}

QJsonValue maskValue(const QJsonValue &value, const QStringList &sorted)
{
    switch (value.type()) {
    case QJsonValue::String:
        return maskSorted(value.toString(), sorted);
    case QJsonValue::Array: {
        QJsonArray out;
        for (const QJsonValue &item : value.toArray())
            out.append(maskValue(item, sorted));
        return out;
    }
    case QJsonValue::Object: {
        const QJsonObject in = value.toObject();
        QJsonObject out;
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(maskSorted(it.key(), sorted), maskValue(it.value(), sorted));
        return out;
    }
    default:
        return value;
    }
}

} // namespace

QString maskSecrets(const QString &text, const QStringList &secrets)
{
    return maskSorted(text, longestFirst(secrets));
}

AuditEvent maskSecrets(AuditEvent event, const QStringList &secrets)
{
    const QStringList sorted = longestFirst(secrets);
    if (sorted.isEmpty())
        return event;
    event.command = maskSorted(event.command, sorted);
    event.host = maskSorted(event.host, sorted);
    event.environment = maskSorted(event.environment, sorted);
    event.detail = maskValue(event.detail, sorted).toObject();
    return event;
}

} // namespace ph
