// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/secretstorekeyprovider.h"

#include "secrets/secretstore.h"

namespace ph {

void SecretStoreKeyProvider::key(const QString &reference, QObject *context, Callback done)
{
    // The store already answers once, on the context's thread, with a timeout.
    const QString entry =
        m_workspace.isEmpty() ? reference : SecretStore::entryName(m_workspace, reference);
    m_store->read(entry, context, std::move(done));
}

} // namespace ph
