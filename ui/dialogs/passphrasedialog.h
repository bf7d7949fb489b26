// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLineEdit;

namespace ph {

/**
 * Asks once for a key passphrase (or a login password) that the keychain does not hold,
 * when a login needs it. The value is never echoed; "Save in keychain" stores it under the
 * host's keychain entry, otherwise it is kept in memory for this session only. The field
 * is emptied when the dialog goes, so the value lives no longer than needed.
 */
class PassphraseDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind
    {
        KeyPassphrase,
        Password
    };

    /// @p keychainEntry empty = the host names no entry, so nothing can be saved.
    PassphraseDialog(Kind kind, const QString &hostName, const QString &keyFile,
                     const QString &keychainEntry, QWidget *parent = nullptr);
    ~PassphraseDialog() override;

    QString hostName() const { return m_hostName; }
    QString secret() const;
    /// True when the user asked to store the secret in the keychain.
    bool saveInKeychain() const;

private:
    QString m_hostName;
    QLineEdit *m_secret;
    QCheckBox *m_save;
    QDialogButtonBox *m_buttons;
};

} // namespace ph
