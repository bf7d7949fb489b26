// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/columnfitter.h"

#include <QAbstractItemView>
#include <QHeaderView>

namespace ph {

ColumnFitter::ColumnFitter(QAbstractItemView *view, QHeaderView *header, int intervalMs)
    : QObject(view)
    , m_view(view)
    , m_header(header)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ColumnFitter::fitNow);

    for (int c = 0; c < m_header->count(); ++c) {
        if (m_header->sectionResizeMode(c) == QHeaderView::ResizeToContents)
            m_header->setSectionResizeMode(c, QHeaderView::Interactive);
    }
    connect(m_header, &QHeaderView::sectionResized, this, [this](int column) {
        if (!m_fitting)
            m_userSized.insert(column);
    });

    auto all = [this] {
        markColumns(0, m_header->count() - 1);
    };
    if (QAbstractItemModel *model = m_view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, all);
        connect(model, &QAbstractItemModel::layoutChanged, this, all);
        connect(model, &QAbstractItemModel::rowsInserted, this, all);
        connect(model, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &tl, const QModelIndex &br) {
                    markColumns(tl.column(), br.column());
                });
    }
    all();
}

void ColumnFitter::markColumns(int first, int last)
{
    for (int c = qMax(0, first); c <= last; ++c)
        m_pending.insert(c);
    if (!m_pending.isEmpty() && !m_timer.isActive())
        m_timer.start();
}

bool ColumnFitter::isFitted(int column) const
{
    if (m_header->isSectionHidden(column) || m_userSized.contains(column))
        return false;
    if (m_header->sectionResizeMode(column) != QHeaderView::Interactive)
        return false;
    // The stretched last section takes what is left; measuring it would only fight that.
    const bool last = m_header->logicalIndex(m_header->count() - 1) == column;
    return !(last && m_header->stretchLastSection());
}

void ColumnFitter::fitNow()
{
    m_timer.stop();
    const QSet<int> pending = std::exchange(m_pending, {});
    m_fitting = true;
    for (int c : pending) {
        if (c >= m_header->count() || !isFitted(c))
            continue;
        const int wanted = qMax(m_view->sizeHintForColumn(c), m_header->sectionSizeHint(c));
        if (wanted > m_header->sectionSize(c))
            m_header->resizeSection(c, wanted);
    }
    m_fitting = false;
}

} // namespace ph
