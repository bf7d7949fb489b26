// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace ph {

/**
 * A misbehaviour the simulator's control endpoint injects into one endpoint (or, with
 * "*", into every service or path): answer with a status, hang, delay, send malformed
 * JSON, send an oversized body, or skip the dashboard-key check.
 */
struct SimFault
{
    enum class Mode
    {
        Status,
        Hang,
        Delay,
        Malformed,
        Oversized,
        NoKey
    };

    QString service = QStringLiteral("*");
    QString path = QStringLiteral("*");
    Mode mode = Mode::Status;
    int status = 503;
    int delayMs = 1000;

    bool matches(const QString &serviceName, const QString &requestPath) const;
    QJsonObject toJson() const;

    static QString modeName(Mode mode);
    /// Parses the body of `POST /faults`; the error names the offending field.
    static Result<SimFault> fromJson(const QByteArray &body);
};

} // namespace ph
