// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace ph {

/**
 * Asks for a short text that must not be empty: the reason a step is skipped, or a note.
 * OK stays disabled while the text is blank, and accepting is refused even when forced
 * (Ctrl+Enter, done(Accepted)), so nothing blank reaches the run.
 */
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    ReasonDialog(const QString &title, const QString &prompt, QWidget *parent = nullptr);

    QString text() const;
    /// Empty when the text may be accepted, otherwise why not (translated).
    QString problem() const;

    void done(int result) override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void validate();

    QPlainTextEdit *m_edit;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace ph
