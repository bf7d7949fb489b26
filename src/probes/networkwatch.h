// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace ph {

/**
 * Whether this computer has a network, from Qt's network information. Without a
 * backend (none installed, no NetworkManager) the network is assumed to be up, so a
 * refusal still reads as Down rather than hiding behind Stale.
 */
class NetworkWatch : public QObject
{
    Q_OBJECT
public:
    explicit NetworkWatch(QObject *parent = nullptr);

    bool isOnline() const { return m_online; }
    /// Overrides what the backend says until the next change it reports (tests, demo).
    void setOnline(bool online);

Q_SIGNALS:
    void onlineChanged(bool online);

private:
    bool m_online = true;
};

} // namespace ph
