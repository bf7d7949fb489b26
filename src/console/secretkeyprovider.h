// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/keyprovider.h"

namespace ph {

class SecretStore;

/// Dashboard keys for the probes, read from the keychain under "<workspace>/<reference>".
class SecretKeyProvider : public KeyProvider
{
public:
    explicit SecretKeyProvider(SecretStore *store)
        : m_store(store)
    {
    }
    void setWorkspaceName(const QString &name) { m_workspace = name; }
    void key(const QString &reference, QObject *context, Callback done) override;

private:
    SecretStore *m_store;
    QString m_workspace;
};

} // namespace ph
