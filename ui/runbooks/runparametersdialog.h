// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checklist/checklistrun.h"
#include "runbooks/runbook.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ph {

/**
 * Asks once, when a run starts, for the runbook's parameters. A text parameter takes its
 * value; a secret parameter takes the name of the keychain entry that holds it, never the
 * value. OK stays disabled until every field is filled in.
 */
class RunParametersDialog : public QDialog
{
    Q_OBJECT
public:
    RunParametersDialog(const Runbook &runbook, QWidget *parent = nullptr);

    QList<RunParameter> parameters() const;
    void done(int result) override;

private:
    void validate();

    QList<RunbookParameter> m_params;
    QList<QLineEdit *> m_fields;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace ph
