// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/secretstorekeyprovider.h"

#include "secrets/secretstore.h"

namespace ph {

void SecretStoreKeyProvider::key(const QString &entryName, QObject *context, Callback done)
{
    // The store already answers once, on the context's thread, with a timeout.
    m_store->read(entryName, context, std::move(done));
}

} // namespace ph
