// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/passphrasedialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

PassphraseDialog::PassphraseDialog(Kind kind, const QString &hostName, const QString &keyFile,
                                   const QString &keychainEntry, QWidget *parent)
    : QDialog(parent)
    , m_hostName(hostName)
    , m_secret(new QLineEdit(this))
    , m_save(new QCheckBox(tr("&Save in keychain"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"passphraseDialog"_s);
    const bool passphrase = kind == Kind::KeyPassphrase;
    setWindowTitle(passphrase ? tr("Key passphrase needed") : tr("Password needed"));

    auto *intro = new QLabel(this);
    intro->setObjectName(u"passphraseIntro"_s);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    intro->setText(passphrase ? tr("Logging in to %1 needs the passphrase of its key, and the "
                                   "keychain has none.")
                                    .arg(hostName)
                              : tr("Logging in to %1 needs a password, and the keychain has "
                                   "none.")
                                    .arg(hostName));

    auto *form = new QFormLayout;
    auto *host = new QLabel(hostName, this);
    host->setObjectName(u"passphraseHost"_s);
    form->addRow(tr("Host:"), host);
    if (passphrase) {
        auto *key = new QLabel(QDir::toNativeSeparators(keyFile), this);
        key->setObjectName(u"passphraseKeyFile"_s);
        key->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(tr("Key file:"), key);
    }
    m_secret->setObjectName(u"passphraseEdit"_s);
    m_secret->setEchoMode(QLineEdit::Password);
    // Keep input methods from learning or suggesting the value.
    m_secret->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData |
                                  Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_secret->setContextMenuPolicy(Qt::NoContextMenu);
    m_secret->setMinimumWidth(280);
    form->addRow(passphrase ? tr("&Passphrase:") : tr("&Password:"), m_secret);

    m_save->setObjectName(u"saveInKeychainCheck"_s);
    if (keychainEntry.isEmpty()) {
        m_save->setEnabled(false);
        m_save->setToolTip(tr("The host names no keychain entry (\"secret_ref\" in the "
                              "workspace), so the value is kept for this session only."));
    } else {
        m_save->setToolTip(tr("Stored as \"%1\". Unticked, the value is kept in memory until "
                              "the console quits.")
                               .arg(keychainEntry));
    }

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"passphraseOkButton"_s);
    ok->setText(tr("&Log in"));
    ok->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"passphraseCancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_secret, &QLineEdit::textChanged, ok,
            [ok](const QString &text) { ok->setEnabled(!text.isEmpty()); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_save);
    layout->addWidget(m_buttons);
}

PassphraseDialog::~PassphraseDialog()
{
    m_secret->clear();
}

QString PassphraseDialog::secret() const
{
    return m_secret->text();
}

bool PassphraseDialog::saveInKeychain() const
{
    return m_save->isEnabled() && m_save->isChecked();
}

} // namespace ph
