// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "safety/commandclassifier.h"
#include "ui/remote/commandhistory.h"

#include <QPlainTextEdit>
#include <QSyntaxHighlighter>

namespace ph {

/// Marks the parts of a command the classifier flagged, as the user types.
class CommandHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit CommandHighlighter(QTextDocument *document);
    void setClassification(const Classification &classification);

protected:
    void highlightBlock(const QString &text) override;

private:
    Classification m_classification;
};

/**
 * The Remote view's command line: one line high, Enter runs (submitted()), Up and Down walk
 * the history, and what the classifier flags is highlighted live. Pasted scripts keep their
 * lines; Enter still runs the whole text.
 */
class CommandEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    /// @p historyKey: QSettings key of the history; empty = not persisted.
    explicit CommandEdit(const QString &historyKey, QWidget *parent = nullptr);

    QString command() const { return toPlainText(); }
    void setCommand(const QString &command);
    CommandHistory &history() { return m_history; }
    /// Scratch targets and placeholder values for classifying what is typed.
    void setClassifyOptions(const ClassifyOptions &options);
    const Classification &classification() const { return m_classification; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void submitted(const QString &command);
    void classified(const ph::Classification &classification);

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void reclassify();

    CommandHistory m_history;
    ClassifyOptions m_options;
    Classification m_classification;
    CommandHighlighter *m_highlighter;
    bool m_reclassifying = false;
};

} // namespace ph
