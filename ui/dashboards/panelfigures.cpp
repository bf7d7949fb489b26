// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/panelfigures.h"

#include "core/jsonpointer.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace ph {

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(PanelFigures)
};
} // namespace

QString readFigure(const QJsonValue &root, const QMap<QString, QString> &mappings,
                   const QString &field, FigureKind kind, double *out)
{
    const QString mapped = mappings.value(field);
    const QString pointer = mapped.isEmpty() ? u"/"_s + field : mapped;
    QJsonValue v;
    if (!resolveJsonPointer(root, pointer, &v))
        return Tr::tr("unexpected response: field %1 missing").arg(pointer);
    if (!v.isDouble())
        return Tr::tr("unexpected response: field %1 is not a number").arg(pointer);
    const double d = v.toDouble();
    const QString shown = QLocale().toString(d);
    switch (kind) {
    case FigureKind::Ratio:
        if (d < 0 || d > 1)
            return Tr::tr("unexpected response: field %1 is %2, expected a ratio between 0 and 1")
                .arg(pointer, shown);
        break;
    case FigureKind::Positive:
        if (d <= 0)
            return Tr::tr("unexpected response: field %1 is %2, expected a number above 0")
                .arg(pointer, shown);
        break;
    case FigureKind::NonNegative:
        if (d < 0)
            return Tr::tr("unexpected response: field %1 is %2, expected a number of at least 0")
                .arg(pointer, shown);
        break;
    }
    *out = d;
    return {};
}

QString unusableAnswer(const ProbeResult &result)
{
    if (result.verdict == Verdict::Stale)
        return result.error.isEmpty() ? Tr::tr("no fresh answer") : result.error;
    if (result.statusCode >= 200 && result.statusCode < 300)
        return {};
    if (!result.error.isEmpty())
        return result.error;
    return result.statusCode > 0 ? Tr::tr("HTTP %1").arg(result.statusCode) : Tr::tr("no answer");
}

} // namespace ph
