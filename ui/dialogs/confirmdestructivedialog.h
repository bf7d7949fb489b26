// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "safety/commandclassifier.h"

#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace ph {

/**
 * Asks before a destructive command runs (or a backup is restored). Shows the environment,
 * the host(s), the exact command with the flagged parts highlighted, and why it was
 * flagged. In production the action stays disabled until the environment name or one of
 * the host names is typed exactly; elsewhere a plain confirmation is enough, with the
 * focus on Cancel. Enter never confirms: the action button is never a default button.
 */
class ConfirmDestructiveDialog : public QDialog
{
    Q_OBJECT
public:
    /// What is about to happen, and where.
    struct Request
    {
        QString environment;
        bool production = false;
        QStringList hosts;
        /// The text given to CommandClassifier; the classification's spans index into it.
        QString command;
        Classification classification;
        QString actionLabel; ///< button text, e.g. "Run" or "Restore"; empty = "Run"
    };

    explicit ConfirmDestructiveDialog(const Request &request, QWidget *parent = nullptr);

    const Request &request() const { return m_request; }
    /// True when a typed name is required (production).
    bool needsTypedName() const { return m_request.production; }
    /// True when the action button may be pressed now.
    bool canConfirm() const;
    /// After acceptance: "typed-name" (production) or "dialog"; empty otherwise. Goes to
    /// the audit log as the way the action was confirmed.
    QString confirmedBy() const { return m_confirmedBy; }

    void done(int result) override;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateState();
    void highlightSpans();

    Request m_request;
    QString m_confirmedBy;
    QLabel *m_environment;
    QLabel *m_hosts;
    QPlainTextEdit *m_command;
    QLabel *m_reasons;
    QLabel *m_hint = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QPushButton *m_confirmButton;
    QPushButton *m_cancelButton;
};

} // namespace ph
