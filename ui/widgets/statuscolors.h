// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

#include <QColor>

namespace ph {

/// Status colours readable on light and dark palettes; stale is grey, never green.
QColor statusColor(Verdict v);
QColor staleTextColor();

} // namespace ph
