// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/hostkeydialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

HostKeyDialog::HostKeyDialog(const QString &hostLabel, const QString &address, int port,
                             const QString &keyType, const QString &fingerprint, QWidget *parent)
    : QDialog(parent)
    , m_acceptOnce(new QPushButton(tr("Accept &once"), this))
    , m_acceptSave(new QPushButton(tr("Accept and &remember"), this))
    , m_reject(new QPushButton(tr("Re&ject"), this))
{
    setObjectName(u"hostKeyDialog"_s);
    setWindowTitle(tr("Unknown host key"));

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("Pilothouse has never seen the host key of %1. Compare the fingerprint with the one "
           "the server's owner published (ssh-keygen -lf on the server) before you accept it. "
           "If you cannot check it, reject it.")
            .arg(hostLabel),
        this);
    intro->setObjectName(u"hostKeyIntro"_s);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *form = new QFormLayout;
    auto addRow = [&](const QString &label, const QString &name, const QString &value,
                      bool monospace) {
        auto *field = new QLabel(value, this);
        field->setObjectName(name);
        field->setTextFormat(Qt::PlainText);
        field->setTextInteractionFlags(Qt::TextSelectableByMouse);
        if (monospace)
            field->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        form->addRow(label, field);
    };
    addRow(tr("Host:"), u"hostKeyHost"_s,
           hostLabel == address ? address : u"%1 (%2)"_s.arg(hostLabel, address), false);
    addRow(tr("Port:"), u"hostKeyPort"_s, QString::number(port), false);
    addRow(tr("Key type:"), u"hostKeyType"_s, keyType, true);
    addRow(tr("Fingerprint:"), u"hostKeyFingerprint"_s, fingerprint, true);
    layout->addLayout(form);

    auto *remember = new QLabel(tr("\"Accept and remember\" saves the key in Pilothouse's own "
                                   "known_hosts file; \"Accept once\" trusts it until the "
                                   "connection closes."),
                                this);
    remember->setWordWrap(true);
    layout->addWidget(remember);

    m_acceptOnce->setObjectName(u"acceptOnceButton"_s);
    m_acceptSave->setObjectName(u"acceptSaveButton"_s);
    m_reject->setObjectName(u"rejectButton"_s);
    // Enter must never trust a key nobody compared: only Reject is a default button.
    for (QPushButton *b : {m_acceptOnce, m_acceptSave}) {
        b->setAutoDefault(false);
        b->setDefault(false);
    }
    m_reject->setDefault(true);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_reject, QDialogButtonBox::RejectRole);
    buttons->addButton(m_acceptOnce, QDialogButtonBox::AcceptRole);
    buttons->addButton(m_acceptSave, QDialogButtonBox::AcceptRole);
    layout->addWidget(buttons);

    connect(m_acceptOnce, &QPushButton::clicked, this, [this] {
        m_decision = HostKeyDecision::AcceptOnce;
        accept();
    });
    connect(m_acceptSave, &QPushButton::clicked, this, [this] {
        m_decision = HostKeyDecision::AcceptAndSave;
        accept();
    });
    connect(m_reject, &QPushButton::clicked, this, &QDialog::reject);
    m_reject->setFocus();
}

void HostKeyDialog::done(int result)
{
    if (result != Accepted)
        m_decision = HostKeyDecision::Reject;
    QDialog::done(result);
    if (!m_emitted) {
        m_emitted = true;
        Q_EMIT decided(m_decision);
    }
}

QString HostKeyDialog::decisionName(HostKeyDecision decision)
{
    switch (decision) {
    case HostKeyDecision::AcceptOnce:
        return u"accept-once"_s;
    case HostKeyDecision::AcceptAndSave:
        return u"accept-and-save"_s;
    case HostKeyDecision::Reject:
        break;
    }
    return u"reject"_s;
}

QMessageBox *HostKeyDialog::changedKeyRefusal(const Error &error, const QString &hostLabel,
                                              QWidget *parent)
{
    auto *box = new QMessageBox(parent);
    box->setObjectName(u"hostKeyRefusal"_s);
    box->setIcon(QMessageBox::Critical);
    box->setWindowTitle(tr("Host key changed — connection refused"));
    box->setTextFormat(Qt::PlainText);
    box->setText(tr("Pilothouse refused to connect to %1.").arg(hostLabel));
    box->setInformativeText(error.message);
    if (!error.detail.isEmpty())
        box->setDetailedText(error.detail);
    box->setStandardButtons(QMessageBox::Close);
    box->setDefaultButton(QMessageBox::Close);
    return box;
}

} // namespace ph
