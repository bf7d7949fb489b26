// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>

class QAbstractItemView;
class QHeaderView;

namespace ph {

/**
 * Keeps the columns of a live table wide enough for what they show, measuring at most
 * once per interval. QHeaderView::ResizeToContents measures every visible cell of every
 * column again on each change of any cell; on the Health table, fed 40 probe results a
 * second, that was over half of the console's CPU. Here the sections stay Interactive, so
 * the user may drag them, and a column the user has sized is left alone. Columns only
 * grow, so figures do not jitter narrower under the reader's eyes; Stretch and Fixed
 * sections and a stretched last section keep their mode.
 */
class ColumnFitter : public QObject
{
    Q_OBJECT
public:
    /// Takes over the resize mode of @p header's Interactive/ResizeToContents sections.
    ColumnFitter(QAbstractItemView *view, QHeaderView *header, int intervalMs = 1000);

    /// Fits every pending column now (after a reset, and in tests).
    void fitNow();

private:
    void markColumns(int first, int last);
    bool isFitted(int column) const;

    QAbstractItemView *m_view;
    QHeaderView *m_header;
    QTimer m_timer;
    QSet<int> m_pending;
    QSet<int> m_userSized;
    bool m_fitting = false;
};

} // namespace ph
