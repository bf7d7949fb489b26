// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/sparklinedelegate.h"

#include "ui/dashboards/healthmodel.h"
#include "ui/widgets/statuscolors.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace ph {

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyledItemDelegate::paint(painter, option, index);
    const auto values = index.data(HealthModel::LatencyHistoryRole).value<QVector<int>>();
    if (values.size() < 2)
        return;
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    const auto [lo, hi] = std::minmax_element(values.cbegin(), values.cend());
    const double span = std::max(1, *hi - *lo);
    QPainterPath path;
    for (int i = 0; i < values.size(); ++i) {
        const double x = r.left() + r.width() * i / (values.size() - 1);
        const double y = r.bottom() - r.height() * (values.at(i) - *lo) / span;
        if (i == 0)
            path.moveTo(x, y);
        else
            path.lineTo(x, y);
    }
    const auto verdict = Verdict(index.data(HealthModel::VerdictRole).toInt());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(statusColor(verdict), 1.5));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(90, 22));
}

} // namespace ph
