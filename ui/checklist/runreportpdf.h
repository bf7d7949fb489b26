// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/checklistrun.h"
#include "core/error.h"
#include "runbooks/runbook.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace ph {

/**
 * Renders a checklist run's report to PDF: the Markdown RunReport builds in core (every step
 * with outcome, timing, notes, masked output excerpts, the audit chain's head and the
 * sign-off), laid out on A4 pages. Secret values are masked before anything is drawn.
 * Needs a QGuiApplication.
 */
class RunReportPdf
{
    Q_DECLARE_TR_FUNCTIONS(ph::RunReportPdf)

public:
    static Result<void> write(const QString &path, const ChecklistRun &run, const Runbook &runbook,
                              const QString &auditHead, const QStringList &secretValues = {});
};

} // namespace ph
