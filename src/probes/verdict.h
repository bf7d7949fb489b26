// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"

#include <QByteArray>
#include <QString>

namespace ph {

/// How far one request got: either an HTTP answer, or the reason there was none.
enum class ProbeTransport : quint8
{
    Answered,     ///< an HTTP status line arrived
    Refused,      ///< connection refused
    HostNotFound, ///< name did not resolve
    RemoteClosed, ///< the peer closed the connection before answering
    TimedOut,     ///< connect or socket timeout reported by the network stack
    Deadline,     ///< our total deadline passed (limitMs)
    Inactive,     ///< no bytes for the inactivity timeout (limitMs)
    TooLarge,     ///< body passed the size limit (limitBytes); reading was stopped
    Tls,          ///< TLS handshake failed; detail holds the certificate errors
    KeyMissing,   ///< the dashboard key could not be had; detail = keychain entry
    Config,       ///< the endpoint cannot be probed as configured; detail says why
    Network,      ///< any other network failure; detail holds the library's text
};

/// What was observed for one request, before judging it.
struct ProbeObservation
{
    ProbeTransport transport = ProbeTransport::Answered;
    QString detail;
    int statusCode = 0;
    int latencyMs = -1;
    int limitMs = 0;
    qint64 limitBytes = 0;
    bool keySent = false;
};

/// What the endpoint is expected to do.
struct ProbeExpectation
{
    int expectStatus = 200;
    bool healthBody = false;
    int latencyBudgetMs = 1000;
    /// JSON pointer of the health status field (workspace field mapping "status").
    QString statusPointer = QStringLiteral("/status");
};

/// A verdict and the reason a person reads.
struct Judgement
{
    Verdict verdict = Verdict::Unknown;
    QString error; ///< empty for Pass
};

/**
 * Judges one probe. Pure: the same observation always gives the same judgement.
 * While @p networkOnline is false a failure to reach the service is Stale, not Down,
 * because the laptop rather than the service may be the one that is gone.
 */
Judgement judgeProbe(const ProbeExpectation &expect, const ProbeObservation &seen,
                     const QByteArray &body, bool networkOnline);

/// "ok", "healthy", "ready" (any case).
bool isHealthyStatusWord(QStringView word);
/// "degraded" (any case).
bool isDegradedStatusWord(QStringView word);

} // namespace ph
