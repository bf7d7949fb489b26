// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/remote/commandedit.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace ph {

CommandHighlighter::CommandHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(document)
{
}

void CommandHighlighter::setClassification(const Classification &classification)
{
    m_classification = classification;
    rehighlight();
}

void CommandHighlighter::highlightBlock(const QString &text)
{
    if (m_classification.isSafe())
        return;
    QTextCharFormat flagged;
    const bool destructive = m_classification.isDestructive();
    // The confirmation dialog's colours: red for destructive, amber for a plain confirm.
    flagged.setBackground(destructive ? QColor(0xf6, 0xc1, 0xc5) : QColor(0xfb, 0xe3, 0xa6));
    flagged.setForeground(destructive ? QColor(0x70, 0x10, 0x18) : QColor(0x5c, 0x3c, 0x00));
    flagged.setFontWeight(QFont::Bold);
    const qsizetype blockStart = currentBlock().position();
    for (const Classification::Span &span : m_classification.spans) {
        const qsizetype from = std::max(span.start, blockStart);
        const qsizetype to = std::min(span.start + span.length, blockStart + text.size());
        if (to > from)
            setFormat(int(from - blockStart), int(to - from), flagged);
    }
}

CommandEdit::CommandEdit(const QString &historyKey, QWidget *parent)
    : QPlainTextEdit(parent)
    , m_history(historyKey)
    , m_highlighter(new CommandHighlighter(document()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setTabChangesFocus(true);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setPlaceholderText(tr("Command — Enter runs it, Up/Down for history"));
    connect(this, &QPlainTextEdit::textChanged, this, &CommandEdit::reclassify);
}

QSize CommandEdit::sizeHint() const
{
    const QFontMetrics fm(font());
    const int height =
        fm.lineSpacing() + int(document()->documentMargin() * 2) + 2 * frameWidth() + 2;
    return {fm.horizontalAdvance(u'x') * 60, height};
}

QSize CommandEdit::minimumSizeHint() const
{
    return {100, sizeHint().height()};
}

void CommandEdit::setCommand(const QString &command)
{
    setPlainText(command);
    moveCursor(QTextCursor::End);
}

void CommandEdit::setClassifyOptions(const ClassifyOptions &options)
{
    m_options = options;
    reclassify();
}

void CommandEdit::reclassify()
{
    // Rehighlighting reports a document change, and with it textChanged: do not recurse.
    if (m_reclassifying)
        return;
    m_reclassifying = true;
    m_classification = CommandClassifier::classify(toPlainText(), m_options);
    m_highlighter->setClassification(m_classification);
    m_reclassifying = false;
    Q_EMIT classified(m_classification);
}

void CommandEdit::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!(event->modifiers() & Qt::ShiftModifier)) {
            event->accept();
            const QString text = toPlainText();
            if (!text.trimmed().isEmpty())
                Q_EMIT submitted(text);
            return;
        }
        break;
    case Qt::Key_Up:
        // Inside a pasted script the arrows move between its lines.
        if (textCursor().blockNumber() == 0) {
            event->accept();
            setCommand(m_history.older(toPlainText()));
            return;
        }
        break;
    case Qt::Key_Down:
        if (m_history.isBrowsing() && textCursor().blockNumber() == blockCount() - 1) {
            event->accept();
            setCommand(m_history.newer());
            return;
        }
        break;
    default:
        break;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace ph
