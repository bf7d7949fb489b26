// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/secretkeyprovider.h"

#include "secrets/secretstore.h"

namespace ph {

void SecretKeyProvider::key(const QString &reference, QObject *context, Callback done)
{
    m_store->read(SecretStore::entryName(m_workspace, reference), context, std::move(done));
}

} // namespace ph
