// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "runbooks/runbook.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

namespace ph {

/// The runbooks the console offers, and what could not be read.
struct RunbookCatalogResult
{
    QList<Runbook> runbooks; ///< built-ins first, then the folders', each sorted by path
    QStringList problems;    ///< translated, one per file or folder that could not be used
};

/**
 * Reads the built-in runbooks (":/runbooks/…") and every `*.md` under the workspace's
 * runbook folders. Blocking (file scans): call it from a worker thread.
 */
class RunbookCatalog
{
    Q_DECLARE_TR_FUNCTIONS(ph::RunbookCatalog)

public:
    static RunbookCatalogResult load(const QStringList &folders,
                                     const QStringList &scratchTargets = {});
    /// Resource paths of the built-in runbooks, sorted.
    static QStringList builtinPaths();
};

} // namespace ph
