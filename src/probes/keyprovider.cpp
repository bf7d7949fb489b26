// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/keyprovider.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QObject>

using namespace Qt::StringLiterals;

namespace ph {

void StaticKeyProvider::key(const QString &entryName, QObject *context, Callback done)
{
    ++m_requests;
    Result<QString> result =
        m_keys.contains(entryName)
            ? Result<QString>(m_keys.value(entryName))
            : Result<QString>(fail(
                  u"keychain.not_found"_s,
                  QCoreApplication::translate("ph::Probe", "no secret named %1").arg(entryName)));
    // Answer later, like a real keychain, so callers never see re-entrant callbacks.
    QMetaObject::invokeMethod(
        context, [done = std::move(done), result = std::move(result)]() { done(result); },
        Qt::QueuedConnection);
}

} // namespace ph
