// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

#include <QJsonValue>
#include <QMap>
#include <QString>

namespace ph {

/// What range a dashboard figure must lie in to be believed.
enum class FigureKind
{
    Ratio,       ///< 0..1
    Positive,    ///< > 0 (a window length)
    NonNegative, ///< >= 0
};

/**
 * Reads @p field (through the service's field mapping when it has one) as a number of
 * @p kind. Returns the "unexpected response: …" problem naming the pointer, or an empty
 * string and the number in @p out.
 */
QString readFigure(const QJsonValue &root, const QMap<QString, QString> &mappings,
                   const QString &field, FigureKind kind, double *out);

/// Why @p result carries no body to read figures from (stale, no answer, HTTP error);
/// empty when it was answered with 2xx.
QString unusableAnswer(const ProbeResult &result);

} // namespace ph
