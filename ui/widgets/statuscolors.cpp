// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/statuscolors.h"

#include <QGuiApplication>
#include <QPalette>

namespace ph {

static bool darkPalette()
{
    const QPalette p = QGuiApplication::palette();
    return p.color(QPalette::Window).lightness() < 128;
}

QColor statusColor(Verdict v)
{
    const bool dark = darkPalette();
    switch (v) {
    case Verdict::Pass:
        return dark ? QColor(0x5c, 0xd6, 0x7a) : QColor(0x1e, 0x84, 0x3c);
    case Verdict::Warn:
        return dark ? QColor(0xf5, 0xb9, 0x42) : QColor(0xb0, 0x6a, 0x00);
    case Verdict::Fail:
    case Verdict::Down:
        return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
    case Verdict::Stale:
    case Verdict::Unknown:
        return staleTextColor();
    }
    return {};
}

QColor staleTextColor()
{
    return darkPalette() ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x80, 0x80, 0x80);
}

} // namespace ph
