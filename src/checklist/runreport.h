// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/checklistrun.h"
#include "runbooks/runbook.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace ph {

/**
 * The report of a checklist run as Markdown: identity, parameters (secrets by keychain
 * entry only), every step with its outcome, timing, reason, notes and output excerpt,
 * earlier attempts, the sign-off and the audit chain's head. The same input always gives
 * the same bytes (UTC times, no "generated at"), so it can be compared with a golden file;
 * the PDF is rendered from it in the UI.
 */
class RunReport
{
    Q_DECLARE_TR_FUNCTIONS(ph::RunReport)

public:
    /// @p secretValues are masked ("•••") wherever they appear, notes included.
    static QString toMarkdown(const ChecklistRun &run, const Runbook &runbook,
                              const QString &auditHead, const QStringList &secretValues = {});
};

} // namespace ph
