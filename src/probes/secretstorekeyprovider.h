// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/keyprovider.h"

namespace ph {

class SecretStore;

/// Dashboard keys from the OS keychain through the application's SecretStore.
class SecretStoreKeyProvider : public KeyProvider
{
public:
    /// @p store is not owned and must outlive this provider.
    explicit SecretStoreKeyProvider(SecretStore *store)
        : m_store(store)
    {
    }

    /// Entries are named "<workspace>/<reference>" once a workspace name is set.
    void setWorkspaceName(const QString &name) { m_workspace = name; }
    void key(const QString &reference, QObject *context, Callback done) override;

private:
    SecretStore *m_store;
    QString m_workspace;
};

} // namespace ph
