// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/confirmdestructivedialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// The same red as the main window's production bar, so the two read as one signal.
const QColor productionRed(0xc0, 0x1c, 0x28);

bool isDarkPalette(const QPalette &pal)
{
    return pal.color(QPalette::Base).lightness() < 128;
}

QPlainTextEdit *commandView(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(objectName);
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    view->setPlainText(text);
    // Tall enough for short commands without a scroll bar, capped for long scripts.
    const int lines = std::clamp(int(text.count(u'\n')) + 1, 2, 12);
    const QFontMetrics fm(view->font());
    view->setFixedHeight(fm.lineSpacing() * lines + 2 * view->frameWidth() +
                         int(view->document()->documentMargin() * 2) + 4);
    view->setMinimumWidth(fm.horizontalAdvance(u'x') * 60);
    return view;
}

} // namespace

ConfirmDestructiveDialog::ConfirmDestructiveDialog(const Request &request, QWidget *parent)
    : QDialog(parent)
    , m_request(request)
    , m_environment(new QLabel(this))
    , m_hosts(new QLabel(this))
    , m_command(commandView(u"confirmCommand"_s, request.command, this))
    , m_reasons(new QLabel(this))
    , m_confirmButton(new QPushButton(this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
{
    setObjectName(u"confirmDestructiveDialog"_s);
    const QString action = request.actionLabel.isEmpty() ? tr("Run") : request.actionLabel;
    setWindowTitle(request.production ? tr("Confirm in PRODUCTION: %1").arg(action)
                                      : tr("Confirm: %1").arg(action));

    auto *layout = new QVBoxLayout(this);

    m_environment->setObjectName(u"confirmEnvironment"_s);
    m_environment->setTextFormat(Qt::PlainText);
    m_environment->setWordWrap(true);
    if (request.production) {
        m_environment->setText(tr("PRODUCTION — %1").arg(request.environment));
        m_environment->setAutoFillBackground(true);
        m_environment->setMargin(6);
        QPalette pal = m_environment->palette();
        pal.setColor(QPalette::Window, productionRed);
        pal.setColor(QPalette::WindowText, Qt::white);
        m_environment->setPalette(pal);
        QFont bold = m_environment->font();
        bold.setBold(true);
        m_environment->setFont(bold);
    } else {
        m_environment->setText(tr("Environment: %1").arg(request.environment));
    }
    layout->addWidget(m_environment);

    m_hosts->setObjectName(u"confirmHosts"_s);
    m_hosts->setTextFormat(Qt::PlainText);
    m_hosts->setWordWrap(true);
    m_hosts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (request.hosts.isEmpty())
        m_hosts->setText(tr("Hosts: none named"));
    else if (request.hosts.size() == 1)
        m_hosts->setText(tr("Host: %1").arg(request.hosts.constFirst()));
    else
        m_hosts->setText(
            tr("Hosts (%1): %2")
                .arg(QString::number(request.hosts.size()), request.hosts.join(u", "_s)));
    layout->addWidget(m_hosts);

    const Classification &c = request.classification;
    auto *commandLabel = new QLabel(c.isDestructive() ? tr("This command is destructive:")
                                                      : tr("This command changes something:"),
                                    this);
    layout->addWidget(commandLabel);
    layout->addWidget(m_command);
    highlightSpans();

    // Placeholders may have been filled in: what actually runs is what the user must see.
    if (!c.command.isEmpty() && c.command != request.command) {
        layout->addWidget(new QLabel(tr("Runs as, after filling in the parameters:"), this));
        layout->addWidget(commandView(u"confirmSubstitutedCommand"_s, c.command, this));
    }

    QStringList why;
    for (const QString &reason : c.reasons)
        why << u"• "_s + reason;
    if (!c.unresolvedPlaceholders.isEmpty())
        why << u"• "_s + tr("No value for: %1").arg(c.unresolvedPlaceholders.join(u", "_s));
    if (why.isEmpty())
        why << u"• "_s + tr("Marked as needing confirmation.");
    m_reasons->setObjectName(u"confirmReasons"_s);
    m_reasons->setTextFormat(Qt::PlainText);
    m_reasons->setWordWrap(true);
    m_reasons->setText(tr("Why it was flagged:") + u"\n"_s + why.join(u"\n"_s));
    layout->addWidget(m_reasons);

    if (c.cannotVerify) {
        auto *unverifiable = new QLabel(this);
        unverifiable->setObjectName(u"confirmCannotVerify"_s);
        unverifiable->setTextFormat(Qt::PlainText);
        unverifiable->setWordWrap(true);
        unverifiable->setText(tr("Cannot verify: part of this command is only known when it "
                                 "runs, so Pilothouse cannot tell what it will do. Read it "
                                 "carefully."));
        QFont bold = unverifiable->font();
        bold.setBold(true);
        unverifiable->setFont(bold);
        layout->addWidget(unverifiable);
    }

    if (request.production) {
        m_hint = new QLabel(this);
        m_hint->setObjectName(u"confirmHint"_s);
        m_hint->setTextFormat(Qt::PlainText);
        m_hint->setWordWrap(true);
        layout->addWidget(m_hint);

        m_nameEdit = new QLineEdit(this);
        m_nameEdit->setObjectName(u"confirmNameEdit"_s);
        m_nameEdit->setPlaceholderText(tr("environment or host name"));
        m_nameEdit->setInputMethodHints(Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
        layout->addWidget(m_nameEdit);
        connect(m_nameEdit, &QLineEdit::textChanged, this, &ConfirmDestructiveDialog::updateState);
    }

    m_confirmButton->setObjectName(u"confirmButton"_s);
    m_confirmButton->setText(action);
    // Enter must never confirm: the action is never a default button, not even when focused.
    m_confirmButton->setAutoDefault(false);
    m_confirmButton->setDefault(false);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setDefault(true);

    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancelButton, QDialogButtonBox::RejectRole);
    buttons->addButton(m_confirmButton, QDialogButtonBox::AcceptRole);
    connect(m_confirmButton, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_cancelButton, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);

    if (m_nameEdit)
        m_nameEdit->setFocus();
    else
        m_cancelButton->setFocus();
    updateState();
}

bool ConfirmDestructiveDialog::canConfirm() const
{
    if (!m_request.production)
        return true;
    const QString typed = m_nameEdit->text().trimmed();
    if (typed.isEmpty())
        return false;
    return typed == m_request.environment || m_request.hosts.contains(typed);
}

void ConfirmDestructiveDialog::updateState()
{
    const bool ok = canConfirm();
    m_confirmButton->setEnabled(ok);
    if (!m_hint)
        return;
    QStringList names;
    if (!m_request.environment.trimmed().isEmpty())
        names << m_request.environment;
    for (const QString &host : m_request.hosts) {
        if (!host.trimmed().isEmpty())
            names << host;
    }
    const QString action = m_confirmButton->text();
    const QString typed = m_nameEdit->text().trimmed();
    if (names.isEmpty())
        m_hint->setText(tr("Neither the environment nor a host has a name, so this cannot be "
                           "confirmed here. Fix the workspace and try again."));
    else if (ok)
        m_hint->setText(tr("Name matches. \"%1\" will act on production.").arg(action));
    else if (!typed.isEmpty())
        m_hint->setText(tr("\"%1\" is not the environment name or a host name. Names are "
                           "case-sensitive.")
                            .arg(typed));
    else if (m_request.environment.trimmed().isEmpty())
        m_hint->setText(tr("This is production. To enable \"%1\", type a host name.").arg(action));
    else
        m_hint->setText(tr("This is production. To enable \"%1\", type the environment name "
                           "(%2) or a host name.")
                            .arg(action, m_request.environment));
}

void ConfirmDestructiveDialog::highlightSpans()
{
    QTextCharFormat flagged;
    if (isDarkPalette(palette())) {
        flagged.setBackground(QColor(0x7a, 0x1c, 0x24));
        flagged.setForeground(Qt::white);
    } else {
        flagged.setBackground(QColor(0xf8, 0xc9, 0xcd));
        flagged.setForeground(QColor(0x50, 0x08, 0x10));
    }
    flagged.setFontWeight(QFont::Bold);

    // Spans come from the classifier for this text, but clamp them anyway: a mismatched
    // request must not crash the one dialog that guards production.
    const qsizetype length = m_request.command.size();
    QTextCursor cursor(m_command->document());
    for (const Classification::Span &span : m_request.classification.spans) {
        const qsizetype start = std::clamp<qsizetype>(span.start, 0, length);
        const qsizetype end = std::clamp<qsizetype>(span.start + span.length, start, length);
        if (end == start)
            continue;
        cursor.setPosition(int(start));
        cursor.setPosition(int(end), QTextCursor::KeepAnchor);
        cursor.mergeCharFormat(flagged);
    }
}

void ConfirmDestructiveDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        if (!canConfirm())
            return;
        m_confirmedBy = m_request.production ? u"typed-name"_s : u"dialog"_s;
    } else {
        m_confirmedBy.clear();
    }
    QDialog::done(result);
}

void ConfirmDestructiveDialog::keyPressEvent(QKeyEvent *event)
{
    // QDialog would click the default button on Enter; here Enter does nothing at all, so
    // typing the name and pressing Enter neither confirms nor throws the dialog away.
    // A focused Cancel still handles Enter itself.
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

} // namespace ph
