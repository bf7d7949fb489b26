// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/tunnelindicator.h"

#include "console/browsertunnels.h"

#include <QMenu>

using namespace Qt::StringLiterals;

namespace ph {

TunnelIndicator::TunnelIndicator(QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(u"tunnelIndicator"_s);
    setPopupMode(QToolButton::InstantPopup);
    setAutoRaise(true);
    setMenu(new QMenu(this));
    menu()->setObjectName(u"tunnelMenu"_s);
    hide();
}

void TunnelIndicator::setTunnels(BrowserTunnels *tunnels)
{
    if (m_tunnels)
        disconnect(m_tunnels, nullptr, this, nullptr);
    m_tunnels = tunnels;
    if (m_tunnels)
        connect(m_tunnels, &BrowserTunnels::tunnelsChanged, this, &TunnelIndicator::refresh);
    refresh();
}

void TunnelIndicator::refresh()
{
    QMenu *list = menu();
    list->clear();
    int count = 0;
    const QList<BrowserTunnel> tunnels = m_tunnels ? m_tunnels->tunnels() : QList<BrowserTunnel>();
    for (const BrowserTunnel &t : tunnels) {
        if (!t.open)
            continue;
        ++count;
        QMenu *entry =
            list->addMenu(tr("%1 via %2 — %3").arg(t.service, t.via, t.localUrl.authority()));
        entry->setObjectName(u"tunnel:"_s + t.service);
        QAction *open = entry->addAction(tr("Open in browser"));
        open->setObjectName(u"openTunnel:"_s + t.service);
        connect(open, &QAction::triggered, this, [this, service = t.service] {
            if (m_tunnels)
                m_tunnels->open(service);
        });
        QAction *close = entry->addAction(tr("Close tunnel"));
        close->setObjectName(u"closeTunnel:"_s + t.service);
        connect(close, &QAction::triggered, this, [this, id = t.id] {
            if (m_tunnels)
                m_tunnels->close(id);
        });
    }
    setText(tr("Tunnels: %n", nullptr, count));
    setToolTip(tr("SSH tunnels open for the browser; they stay open until closed here or the "
                  "console quits."));
    setVisible(count > 0);
}

} // namespace ph
