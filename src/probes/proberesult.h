// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

namespace ph {

/// What one check of one endpoint concluded.
enum class Verdict
{
    Pass,    ///< expected status, healthy body, within budget
    Warn,    ///< e.g. health body says "degraded"
    Fail,    ///< reached, but wrong status / unhealthy / over budget / bad body
    Down,    ///< refused, failed or timed out while the network is up
    Stale,   ///< no fresh answer: laptop offline, or nothing for two intervals
    Unknown, ///< not checked yet
};

QString verdictName(Verdict v); ///< stable lowercase id: "pass", "warn", ...

/// One check of one endpoint.
struct ProbeResult
{
    QString service;
    QString endpoint;
    QString url;
    Verdict verdict = Verdict::Unknown;
    int statusCode = 0;  ///< 0 when no HTTP answer
    int latencyMs = -1;  ///< from requestSent to the end of the body; -1 = none
    QString error;       ///< user-readable reason when not Pass
    QDateTime checkedAt; ///< UTC
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; ///< up to the body limit; not stored in the database
    /// When the endpoint last gave a real (non-stale) answer; invalid = never. A Stale
    /// result shows its age from this.
    QDateTime lastAnswerAt;
    /// Error::code of a failure that has one (e.g. "ssh.auth_secret_missing" when the
    /// tunnel's login lacked its secret), so the GUI can offer the fix; else empty.
    QString errorCode;
};

} // namespace ph

Q_DECLARE_METATYPE(ph::ProbeResult)
Q_DECLARE_METATYPE(ph::Verdict)
