// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QHash>
#include <QString>

#include <functional>

class QObject;

namespace ph {

/**
 * Hands out dashboard keys (X-Dash-Key) by keychain entry name. Asynchronous because a
 * keychain read is; @p done runs on @p context's thread and never after @p context is
 * destroyed. An adapter over the secret store implements this in the application.
 */
class KeyProvider
{
public:
    using Callback = std::function<void(Result<QString>)>;

    virtual ~KeyProvider() = default;
    virtual void key(const QString &entryName, QObject *context, Callback done) = 0;
};

/// A KeyProvider over a fixed map: for tests, the CLI's --secret-stdin and the demo.
class StaticKeyProvider : public KeyProvider
{
public:
    StaticKeyProvider() = default;
    explicit StaticKeyProvider(QHash<QString, QString> keys)
        : m_keys(std::move(keys))
    {
    }

    void setKey(const QString &entryName, const QString &value) { m_keys.insert(entryName, value); }
    void removeKey(const QString &entryName) { m_keys.remove(entryName); }
    int requestCount() const { return m_requests; }

    void key(const QString &entryName, QObject *context, Callback done) override;

private:
    QHash<QString, QString> m_keys;
    int m_requests = 0;
};

} // namespace ph
