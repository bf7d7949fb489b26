// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/checklist/reasondialog.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

ReasonDialog::ReasonDialog(const QString &title, const QString &prompt, QWidget *parent)
    : QDialog(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(prompt, this);
    label->setWordWrap(true);
    label->setBuddy(m_edit);
    layout->addWidget(label);
    m_edit->setObjectName(u"reasonEdit"_s);
    m_edit->setTabChangesFocus(true);
    m_edit->setMinimumHeight(80);
    // Enter in a multi-line field would only add lines; Ctrl+Enter accepts.
    m_edit->installEventFilter(this);
    layout->addWidget(m_edit);
    m_hint->setObjectName(u"reasonHint"_s);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Accept (Ctrl+Enter)"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &ReasonDialog::validate);
    validate();
    m_edit->setFocus();
}

QString ReasonDialog::text() const
{
    return m_edit->toPlainText().trimmed();
}

QString ReasonDialog::problem() const
{
    return text().isEmpty() ? tr("Write something first: an empty text is not accepted.")
                            : QString();
}

void ReasonDialog::validate()
{
    const QString why = problem();
    m_hint->setText(why);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

void ReasonDialog::done(int result)
{
    if (result == QDialog::Accepted && !problem().isEmpty()) {
        validate();
        m_edit->setFocus();
        return;
    }
    QDialog::done(result);
}

bool ReasonDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            key->modifiers().testFlag(Qt::ControlModifier)) {
            done(QDialog::Accepted);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace ph
