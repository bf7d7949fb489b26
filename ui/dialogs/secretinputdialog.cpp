// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/secretinputdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QLineEdit *passwordEdit(const QString &objectName, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setEchoMode(QLineEdit::Password);
    // Keep input methods from learning or suggesting the value.
    edit->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                              Qt::ImhNoAutoUppercase);
    edit->setContextMenuPolicy(Qt::NoContextMenu);
    edit->setMinimumWidth(280);
    return edit;
}

} // namespace

SecretInputDialog::SecretInputDialog(Mode mode, const QString &entryName, const QStringList &usedBy,
                                     QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_secret(passwordEdit(u"secretEdit"_s, this))
    , m_repeat(passwordEdit(u"secretRepeatEdit"_s, this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"secretInputDialog"_s);
    setWindowTitle(mode == Mode::Set ? tr("Set credential") : tr("Rotate credential"));

    auto *intro = new QLabel(this);
    intro->setObjectName(u"secretIntro"_s);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    QString text = mode == Mode::Set
                       ? tr("Enter the value to store in the keychain as \"%1\".").arg(entryName)
                       : tr("Enter the new value for \"%1\". The current value is replaced in "
                            "the keychain and cannot be recovered afterwards.")
                             .arg(entryName);
    if (!usedBy.isEmpty())
        text += u"\n"_s + tr("Used by: %1").arg(usedBy.join(u", "_s));
    intro->setText(text);

    auto *form = new QFormLayout;
    form->addRow(mode == Mode::Set ? tr("&Value:") : tr("&New value:"), m_secret);
    form->addRow(tr("&Repeat:"), m_repeat);

    m_hint->setObjectName(u"secretHint"_s);
    m_hint->setWordWrap(true);

    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"secretOkButton"_s);
    ok->setText(mode == Mode::Set ? tr("&Store") : tr("&Replace"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"secretCancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_buttons);

    connect(m_secret, &QLineEdit::textChanged, this, &SecretInputDialog::validate);
    connect(m_repeat, &QLineEdit::textChanged, this, &SecretInputDialog::validate);
    validate();
}

SecretInputDialog::~SecretInputDialog()
{
    m_secret->clear();
    m_repeat->clear();
}

QString SecretInputDialog::problem() const
{
    if (m_secret->text().isEmpty())
        return tr("Enter a value: an empty credential cannot be stored.");
    if (m_repeat->text().isEmpty())
        return tr("Enter the value a second time to make sure it has no typo.");
    if (m_secret->text() != m_repeat->text())
        return tr("The two values differ. Type them again.");
    return {};
}

QString SecretInputDialog::secret() const
{
    return problem().isEmpty() ? m_secret->text() : QString();
}

void SecretInputDialog::validate()
{
    const QString why = problem();
    m_hint->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

void SecretInputDialog::done(int result)
{
    // Refuse Enter on invalid input; the hint already says why.
    if (result == QDialog::Accepted && !problem().isEmpty())
        return;
    QDialog::done(result);
}

} // namespace ph
