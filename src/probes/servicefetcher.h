// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"
#include "probes/probesettings.h"
#include "workspace/workspace.h"

#include <QObject>
#include <QUrlQuery>

namespace ph {

class KeyProvider;

/**
 * Fetches one endpoint of a service once, on demand, with the same request rules as the
 * probes (dashboard key from the keychain, TLS with the service's CA, timeouts, body
 * limit). For data the dashboards show but do not poll: the payouts export, a partner's
 * figures. The answer comes back as a ProbeResult carrying the body.
 */
class ServiceFetcher : public QObject
{
    Q_OBJECT
public:
    explicit ServiceFetcher(QObject *parent = nullptr);

    /// Not owned; must outlive the fetcher.
    void setKeyProvider(KeyProvider *provider) { m_keys = provider; }
    void setSettings(const ProbeSettings &settings) { m_settings = settings; }

    /**
     * Starts fetching endpoint @p endpoint (its workspace name, e.g. "payouts") of
     * @p service with @p query appended. fetched() follows exactly once with the returned
     * id, also when the endpoint does not exist (a result with the error).
     */
    quint64 fetch(const Service &service, const QString &endpoint, const QUrlQuery &query = {});

Q_SIGNALS:
    void fetched(quint64 id, const ph::ProbeResult &result);

private:
    KeyProvider *m_keys = nullptr;
    ProbeSettings m_settings;
    quint64 m_next = 0;
};

} // namespace ph
