// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QDialog>

class QDialogButtonBox;
class QLineEdit;
class QPlainTextEdit;

namespace ph {

/**
 * Asks who takes an alert (the owner; the OS user by default) and an optional note.
 * OK stays disabled while the owner is empty.
 */
class AcknowledgeDialog : public QDialog
{
    Q_OBJECT
public:
    AcknowledgeDialog(const Alert &alert, const QString &defaultOwner, QWidget *parent = nullptr);

    QString alertId() const { return m_alertId; }
    QString owner() const;
    QString note() const;

private:
    QString m_alertId;
    QLineEdit *m_owner;
    QPlainTextEdit *m_note;
    QDialogButtonBox *m_buttons;
};

} // namespace ph
