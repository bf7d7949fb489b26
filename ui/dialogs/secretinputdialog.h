// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace ph {

/**
 * Asks for a new secret value, entered twice in password mode. OK stays disabled until
 * both fields match and are not empty; the hint under the fields says why. The fields are
 * emptied when the dialog is destroyed, so the value lives no longer than the dialog.
 */
class SecretInputDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Set,   ///< the entry has no value yet
        Rotate ///< the old value is replaced and cannot be recovered
    };

    SecretInputDialog(Mode mode, const QString &entryName, const QStringList &usedBy,
                      QWidget *parent = nullptr);
    ~SecretInputDialog() override;

    Mode mode() const { return m_mode; }
    /// The value entered; empty unless both fields match.
    QString secret() const;
    /// Empty when the input is acceptable, otherwise what is wrong with it (translated).
    QString problem() const;

    void done(int result) override;

private:
    void validate();

    Mode m_mode;
    QLineEdit *m_secret;
    QLineEdit *m_repeat;
    QLabel *m_hint;
    QDialogButtonBox *m_buttons;
};

} // namespace ph
