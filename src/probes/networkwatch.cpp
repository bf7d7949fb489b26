// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/networkwatch.h"

#include "core/logging.h"

#include <QNetworkInformation>

namespace ph {

namespace {

bool isOnlineReachability(QNetworkInformation::Reachability r)
{
    // Unknown means the backend cannot tell; only a definite "disconnected" is offline.
    return r != QNetworkInformation::Reachability::Disconnected;
}

QNetworkInformation *networkInformation()
{
    // Loading a backend is process-wide and not free: once.
    static QNetworkInformation *const info = []() -> QNetworkInformation * {
        if (!QNetworkInformation::loadBackendByFeatures(
                QNetworkInformation::Feature::Reachability)) {
            qCInfo(lcProbes) << "no network information backend; assuming the network is up";
            return nullptr;
        }
        return QNetworkInformation::instance();
    }();
    return info;
}

} // namespace

NetworkWatch::NetworkWatch(QObject *parent)
    : QObject(parent)
{
    if (QNetworkInformation *info = networkInformation()) {
        m_online = isOnlineReachability(info->reachability());
        connect(
            info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) { setOnline(isOnlineReachability(r)); });
    }
}

void NetworkWatch::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    qCInfo(lcProbes) << (online ? "network is back" : "network is gone");
    Q_EMIT onlineChanged(online);
}

} // namespace ph
