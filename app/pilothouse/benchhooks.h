// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>

namespace ph {

class HealthView;

/// tests/bench/startup: prints, once, when the Health table first paints a result.
void installFirstRowsWatch(HealthView *view, const QElapsedTimer &sinceMain);
/// tests/bench/startup: prints VmRSS after \a afterMs of running.
void reportResidentSet(qint64 afterMs);

} // namespace ph
