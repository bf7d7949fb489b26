// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/remote/outputpane.h"

#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSaveFile>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTime>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

OutputPane::OutputPane(const QString &host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_view(new QPlainTextEdit(this))
    , m_full(QDir::tempPath() + u"/pilothouse-output-XXXXXX.txt"_s)
{
    setObjectName(u"outputPane:"_s + host);
    m_view->setObjectName(u"outputView"_s);
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setUndoRedoEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    // Output can hold anything the host prints; the file is private to this user.
    m_fullOk = m_full.open();
}

bool OutputPane::isDark() const
{
    return m_view->palette().color(QPalette::Base).lightness() < 128;
}

void OutputPane::insert(const QString &text, const QTextCharFormat &format)
{
    if (text.isEmpty())
        return;
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool follow = bar->value() >= bar->maximum() - 2;
    QTextCursor cursor(m_view->document());
    cursor.movePosition(QTextCursor::End);
    cursor.insertText(text, format);
    if (follow)
        bar->setValue(bar->maximum());
    if (m_fullOk)
        m_full.write(text.toUtf8());
}

void OutputPane::ensureLineStart()
{
    // A command that printed no final newline must not run into the next line.
    if (!m_view->document()->lastBlock().text().isEmpty())
        insert(u"\n"_s, {});
}

void OutputPane::beginCommand(const QString &command, const QString &note)
{
    ensureLineStart();
    m_stdout.reset();
    m_stderr.reset();
    QTextCharFormat head;
    head.setFontWeight(QFont::Bold);
    head.setForeground(isDark() ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa0));
    const QString when = QLocale().toString(QTime::currentTime(), u"HH:mm:ss"_s);
    insert(u"[%1] %2 $ %3\n"_s.arg(when, m_host, command), head);
    if (!note.isEmpty())
        appendNotice(note);
}

QTextCharFormat OutputPane::formatFor(const AnsiRun &run, bool isStderr) const
{
    QTextCharFormat f;
    const quint32 text = m_view->palette().color(QPalette::Text).rgb() & 0xffffff;
    // Errors stand apart even when the program prints them without colour.
    const quint32 error = isDark() ? 0xff8a80u : 0xb00020u;
    if (!run.fg.isDefault() || isStderr)
        f.setForeground(QColor::fromRgb(run.fg.toRgb(isStderr ? error : text)));
    if (!run.bg.isDefault())
        f.setBackground(QColor::fromRgb(run.bg.toRgb(0)));
    else if (isStderr)
        f.setBackground(isDark() ? QColor(0x3a, 0x1c, 0x1c) : QColor(0xfd, 0xec, 0xee));
    if (run.bold)
        f.setFontWeight(QFont::Bold);
    f.setProperty(QTextFormat::UserProperty, isStderr);
    return f;
}

void OutputPane::appendRuns(const QList<AnsiRun> &runs, bool isStderr)
{
    for (const AnsiRun &run : runs)
        insert(run.text, formatFor(run, isStderr));
}

void OutputPane::appendStdout(const QByteArray &data)
{
    appendRuns(m_stdout.feed(QByteArrayView(data)), false);
}

void OutputPane::appendStderr(const QByteArray &data)
{
    appendRuns(m_stderr.feed(QByteArrayView(data)), true);
}

void OutputPane::appendNotice(const QString &text, bool isError)
{
    ensureLineStart();
    QTextCharFormat f;
    f.setFontItalic(true);
    f.setForeground(isError ? QColor::fromRgb(isDark() ? 0xff8a80u : 0xb00020u)
                            : m_view->palette().color(QPalette::PlaceholderText));
    insert(text + u'\n', f);
}

void OutputPane::finishCommand(const CommandResult &result, qint64 elapsedMs)
{
    ensureLineStart();
    const QString took = tr("%1 s").arg(QLocale().toString(elapsedMs / 1000.0, 'f', 1));
    bool ok = false;
    if (result.cancelled)
        m_lastStatus = tr("cancelled · %1").arg(took);
    else if (result.timedOut)
        m_lastStatus = tr("timed out · %1").arg(took);
    else if (result.failed)
        m_lastStatus = tr("failed: %1").arg(result.error.message);
    else if (!result.signal.isEmpty())
        m_lastStatus = tr("killed by signal %1 · %2").arg(result.signal, took);
    else {
        ok = result.exitStatus == 0;
        m_lastStatus = tr("exit %1 · %2").arg(result.exitStatus).arg(took);
    }
    QTextCharFormat f;
    f.setFontWeight(QFont::Bold);
    f.setForeground(ok ? QColor::fromRgb(isDark() ? 0x81c995u : 0x1e7b34u)
                       : QColor::fromRgb(isDark() ? 0xff8a80u : 0xb00020u));
    insert((ok ? u"✓ "_s : u"✗ "_s) + m_lastStatus + u'\n', f);
    if (result.failed && !result.error.detail.isEmpty())
        appendNotice(result.error.detail, true);
}

QString OutputPane::visibleText() const
{
    return m_view->toPlainText();
}

QString OutputPane::fullTextFile() const
{
    return m_fullOk ? m_full.fileName() : QString();
}

void OutputPane::flush()
{
    if (m_fullOk)
        m_full.flush();
}

Result<void> OutputPane::copyFullText(const QString &from, const QString &to)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        return fail(u"remote.save"_s, tr("Could not read the output kept for saving."),
                    in.errorString());
    }
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly)) {
        return fail(
            u"remote.save"_s,
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(to), out.errorString()));
    }
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(1 << 20);
        if (chunk.isEmpty() && in.error() != QFileDevice::NoError)
            break;
        if (out.write(chunk) != chunk.size()) {
            out.cancelWriting();
            return fail(
                u"remote.save"_s,
                tr("Could not write %1: %2").arg(QDir::toNativeSeparators(to), out.errorString()));
        }
    }
    if (!out.commit()) {
        return fail(
            u"remote.save"_s,
            tr("Could not write %1: %2").arg(QDir::toNativeSeparators(to), out.errorString()));
    }
    return {};
}

} // namespace ph
