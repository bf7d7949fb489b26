// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/servicefetcher.h"

#include "probes/proberunner.h"
#include "probes/probetarget.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ph {

ServiceFetcher::ServiceFetcher(QObject *parent)
    : QObject(parent)
{
    // A fetched export is read whole; the probes' default limit also bounds it.
    m_settings.keepBodies = true;
}

quint64 ServiceFetcher::fetch(const Service &service, const QString &endpoint,
                              const QUrlQuery &query)
{
    const quint64 id = ++m_next;

    // Reuse the probes' target builder on a copy of the service that probes only the
    // endpoint asked for, so keys, TLS and timeouts are exactly what the probes use.
    Service one = service;
    one.endpoints.clear();
    for (const EndpointSpec &spec : service.endpoints) {
        if (spec.name != endpoint)
            continue;
        EndpointSpec copy = spec;
        copy.probe = true;
        if (!query.isEmpty())
            copy.path +=
                (copy.path.contains(u'?') ? u'&' : u'?') + query.toString(QUrl::FullyEncoded);
        one.endpoints.append(copy);
        break;
    }
    if (one.endpoints.isEmpty()) {
        ProbeResult missing;
        missing.service = service.name;
        missing.endpoint = endpoint;
        missing.verdict = Verdict::Fail;
        missing.checkedAt = QDateTime::currentDateTimeUtc();
        missing.error =
            QCoreApplication::translate("ServiceFetcher", "service %1 has no endpoint named %2")
                .arg(service.name, endpoint);
        // Queued, so callers can always connect after fetch() returns.
        QMetaObject::invokeMethod(
            this, [this, id, missing] { Q_EMIT fetched(id, missing); }, Qt::QueuedConnection);
        return id;
    }

    auto *runner = new ProbeRunner(this);
    runner->setSettings(m_settings);
    runner->setKeyProvider(m_keys);
    runner->setTargets(buildProbeTargets({one}, m_settings));
    connect(runner, &ProbeRunner::resultReady, this,
            [this, id, runner](int, const ProbeResult &result) {
                runner->deleteLater();
                Q_EMIT fetched(id, result);
            });
    runner->enqueue(0);
    return id;
}

} // namespace ph
