// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/alerts/acknowledgedialog.h"

#include "ui/alerts/alertsmodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

AcknowledgeDialog::AcknowledgeDialog(const Alert &alert, const QString &defaultOwner,
                                     QWidget *parent)
    : QDialog(parent)
    , m_alertId(alert.id)
    , m_owner(new QLineEdit(this))
    , m_note(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"acknowledgeDialog"_s);
    setWindowTitle(tr("Acknowledge alert"));
    auto *what = new QLabel(tr("<b>%1</b> %2")
                                .arg(AlertsModel::severityText(alert.severity).toHtmlEscaped(),
                                     alert.title.toHtmlEscaped()),
                            this);
    what->setWordWrap(true);
    m_owner->setObjectName(u"ownerEdit"_s);
    m_owner->setText(defaultOwner);
    m_owner->setPlaceholderText(tr("Who takes this alert"));
    m_note->setObjectName(u"noteEdit"_s);
    m_note->setPlaceholderText(tr("Optional: what you are doing about it"));
    m_note->setTabChangesFocus(true);
    m_note->setFixedHeight(m_note->fontMetrics().lineSpacing() * 4 + 12);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Acknowledge"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Owner:"), m_owner);
    form->addRow(tr("&Note:"), m_note);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(
        new QLabel(alert.severity == Severity::P0
                       ? tr("Acknowledging stops the escalation of this P0 to the war room.")
                       : tr("Acknowledging tells the team that someone is on it."),
                   this));
    layout->addWidget(m_buttons);

    auto update = [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!owner().isEmpty());
    };
    connect(m_owner, &QLineEdit::textChanged, this, update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
    m_owner->setFocus();
}

QString AcknowledgeDialog::owner() const
{
    return m_owner->text().trimmed();
}

QString AcknowledgeDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

} // namespace ph
