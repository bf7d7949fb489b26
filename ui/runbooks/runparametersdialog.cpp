// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runbooks/runparametersdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

RunParametersDialog::RunParametersDialog(const Runbook &runbook, QWidget *parent)
    : QDialog(parent)
    , m_params(runbook.parameters)
    , m_hint(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Start “%1”").arg(runbook.title));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This runbook needs these values once for the whole run. For a "
                                "secret, give the name of its keychain entry: the value itself "
                                "stays in the keychain."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const RunbookParameter &p : std::as_const(m_params)) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(u"param_"_s + p.name);
        const bool secret = p.type == RunbookParameter::Type::Secret;
        if (secret) {
            edit->setPlaceholderText(tr("keychain entry name"));
            edit->setText(u"runbook/"_s + p.name);
        } else {
            edit->setPlaceholderText(p.description.isEmpty() ? p.placeholder : p.description);
        }
        edit->setToolTip(p.description);
        const QString label = secret ? tr("%1 (secret)").arg(p.placeholder) : p.placeholder;
        form->addRow(label, edit);
        connect(edit, &QLineEdit::textChanged, this, &RunParametersDialog::validate);
        m_fields.append(edit);
    }
    layout->addLayout(form);
    m_hint->setObjectName(u"parametersHint"_s);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Start run"));
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    if (!m_fields.isEmpty())
        m_fields.first()->setFocus();
}

QList<RunParameter> RunParametersDialog::parameters() const
{
    QList<RunParameter> out;
    for (int i = 0; i < m_params.size(); ++i) {
        out.append(RunParameter{m_params.at(i).name,
                                m_params.at(i).type == RunbookParameter::Type::Secret,
                                m_fields.at(i)->text().trimmed()});
    }
    return out;
}

void RunParametersDialog::validate()
{
    QStringList missing;
    for (int i = 0; i < m_params.size(); ++i) {
        if (m_fields.at(i)->text().trimmed().isEmpty())
            missing.append(m_params.at(i).placeholder);
    }
    m_hint->setText(missing.isEmpty() ? QString()
                                      : tr("Still needed: %1").arg(missing.join(u", "_s)));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(missing.isEmpty());
}

void RunParametersDialog::done(int result)
{
    if (result == QDialog::Accepted && !m_buttons->button(QDialogButtonBox::Ok)->isEnabled())
        return;
    QDialog::done(result);
}

} // namespace ph
