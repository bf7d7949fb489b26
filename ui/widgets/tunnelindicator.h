// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QToolButton>

namespace ph {

class BrowserTunnels;

/**
 * The status bar's list of tunnels opened for the browser: "Tunnels: N", hidden while
 * there are none; its menu shows each tunnel's service, host and local address, with
 * actions to open the page again or close the tunnel.
 */
class TunnelIndicator : public QToolButton
{
    Q_OBJECT
public:
    explicit TunnelIndicator(QWidget *parent = nullptr);
    /// Not owned.
    void setTunnels(BrowserTunnels *tunnels);

private:
    void refresh();

    QPointer<BrowserTunnels> m_tunnels;
};

} // namespace ph
