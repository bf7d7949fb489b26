// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "ssh/ansitext.h"
#include "ssh/sshsession.h"

#include <QTemporaryFile>
#include <QTextCharFormat>
#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace ph {

/**
 * The output of the commands run on one host: each command's line, its standard output
 * and (in another colour) its standard error, ANSI colours rendered, and how it ended.
 * The view keeps the newest kMaxLines lines; the whole text also goes to a temporary file
 * so "Save output…" can write all of it.
 */
class OutputPane : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 10000;

    explicit OutputPane(const QString &host, QWidget *parent = nullptr);

    QString host() const { return m_host; }
    /// Starts a command's section; @p note is shown under the command line (e.g. pty use).
    void beginCommand(const QString &command, const QString &note = {});
    void appendStdout(const QByteArray &data);
    void appendStderr(const QByteArray &data);
    /// A line from Pilothouse itself (not the host), e.g. why nothing ran.
    void appendNotice(const QString &text, bool isError = false);
    void finishCommand(const CommandResult &result, qint64 elapsedMs);

    /// What the view shows now (the newest lines), without colours.
    QString visibleText() const;
    /// The file holding the whole text; empty when no temporary file could be made.
    QString fullTextFile() const;
    /// Writes the whole text to @p path. Blocking: call it off the GUI thread with a path
    /// from fullTextFile() via copyFullText().
    static Result<void> copyFullText(const QString &from, const QString &to);
    /// Flushes the whole text to fullTextFile() so a copy sees everything.
    void flush();

    QPlainTextEdit *view() const { return m_view; }
    /// The "how it ended" line of the last command, e.g. "exit 0 · 0.4 s".
    QString lastStatus() const { return m_lastStatus; }

private:
    void appendRuns(const QList<AnsiRun> &runs, bool isStderr);
    void insert(const QString &text, const QTextCharFormat &format);
    void ensureLineStart();
    QTextCharFormat formatFor(const AnsiRun &run, bool isStderr) const;
    bool isDark() const;

    QString m_host;
    QPlainTextEdit *m_view;
    AnsiText m_stdout;
    AnsiText m_stderr;
    QTemporaryFile m_full;
    bool m_fullOk = false;
    QString m_lastStatus;
};

} // namespace ph
