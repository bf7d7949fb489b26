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

    void key(const QString &entryName, QObject *context, Callback done) override;

private:
    SecretStore *m_store;
};

} // namespace ph
