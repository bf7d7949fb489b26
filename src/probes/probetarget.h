// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/probesettings.h"
#include "probes/verdict.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QList>
#include <QNetworkRequest>
#include <QString>

namespace ph {

/**
 * One endpoint ready to probe. The request (URL, timeouts, TLS trust) is built once and
 * reused for every check, so a check costs no more than the network work itself.
 */
struct ProbeTarget
{
    QString service;
    QString endpoint;
    QString url;
    QNetworkRequest request;
    QByteArray method = QByteArrayLiteral("GET");
    QString keyEntry;    ///< non-empty: send X-Dash-Key read from this keychain entry
    QString via;         ///< non-empty: sent through a tunnel on this workspace host
    QString configError; ///< non-empty: the endpoint cannot be probed; fails with this
    ProbeExpectation expect;
    int intervalMs = 0; ///< resolved: never 0
};

/// Builds a target for every endpoint with probe == true, in service/endpoint order.
QList<ProbeTarget> buildProbeTargets(const QList<Service> &services, const ProbeSettings &settings);

} // namespace ph
