// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/probetarget.h"

#include <QCoreApplication>
#include <QHash>
#include <QSslCertificate>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Probe)
};

QString joinUrl(const QUrl &base, const QString &path)
{
    QString b = base.toString(QUrl::FullyEncoded);
    while (b.endsWith(u'/'))
        b.chop(1);
    if (path.isEmpty())
        return b;
    if (path.startsWith(u'/'))
        return b + path;
    return b + u'/' + path;
}

} // namespace

QList<ProbeTarget> buildProbeTargets(const QList<Service> &services, const ProbeSettings &settings)
{
    QList<ProbeTarget> targets;
    QHash<QString, QList<QSslCertificate>> caCache;
    const QByteArray userAgent = QByteArrayLiteral("Pilothouse/"
                                                   "0.1");

    for (const Service &service : services) {
        QString serviceError;
        if (!service.baseUrl.isValid() || service.baseUrl.scheme().isEmpty() ||
            service.baseUrl.host().isEmpty()) {
            serviceError = Tr::tr("service %1 has no valid base URL (%2)")
                               .arg(service.name, service.baseUrl.toString());
        }

        const bool tls = service.baseUrl.scheme() == u"https"_s;
        QSslConfiguration ssl;
        if (tls) {
            ssl = QSslConfiguration::defaultConfiguration();
            if (!service.caFile.isEmpty()) {
                auto it = caCache.find(service.caFile);
                if (it == caCache.end())
                    it = caCache.insert(service.caFile, QSslCertificate::fromPath(service.caFile));
                if (it->isEmpty() && serviceError.isEmpty()) {
                    serviceError = Tr::tr("CA file %1 of service %2 could not be read or holds "
                                          "no PEM certificate")
                                       .arg(service.caFile, service.name);
                } else {
                    ssl.addCaCertificates(*it);
                }
            }
        }

        for (const EndpointSpec &spec : service.endpoints) {
            if (!spec.probe)
                continue;
            ProbeTarget t;
            t.service = service.name;
            t.endpoint = spec.name;
            t.url = joinUrl(service.baseUrl, spec.path);
            t.method = spec.method.toUpper().toLatin1();
            t.intervalMs = service.intervalMs > 0 ? service.intervalMs : settings.defaultIntervalMs;
            t.expect.expectStatus = spec.expectStatus;
            t.expect.healthBody = spec.healthBody;
            t.expect.latencyBudgetMs = service.latencyBudgetMs;
            const QString mapped = service.fieldMappings.value(u"status"_s);
            if (!mapped.isEmpty())
                t.expect.statusPointer = mapped;
            t.configError = serviceError;
            t.via = service.via;
            if (spec.needsKey) {
                t.keyEntry = service.dashboardKeyRef;
                if (t.keyEntry.isEmpty() && t.configError.isEmpty()) {
                    t.configError = Tr::tr("%1 %2 needs a dashboard key, but service %1 names "
                                           "no keychain entry (dashboardKeyRef)")
                                        .arg(service.name, spec.path);
                }
            }

            QNetworkRequest request{QUrl(t.url, QUrl::StrictMode)};
            if (t.configError.isEmpty() && !request.url().isValid())
                t.configError = Tr::tr("endpoint URL %1 is not valid").arg(t.url);
            request.setTransferTimeout(settings.inactivityTimeoutMs);
            request.setRawHeader(QByteArrayLiteral("User-Agent"), userAgent);
            if (tls)
                request.setSslConfiguration(ssl);
            t.request = request;
            targets.append(std::move(t));
        }
    }
    return targets;
}

} // namespace ph
