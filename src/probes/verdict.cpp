// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/verdict.h"

#include "core/jsonpointer.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Probe)
};

QString formatBytes(qint64 bytes)
{
    if (bytes > 0 && bytes % (1024 * 1024) == 0)
        return Tr::tr("%1 MiB").arg(bytes / (1024 * 1024));
    return Tr::tr("%1 bytes").arg(bytes);
}

Judgement unreachable(const QString &reason, bool networkOnline)
{
    if (!networkOnline)
        return {Verdict::Stale, Tr::tr("this computer is offline (%1)").arg(reason)};
    return {Verdict::Down, reason};
}

} // namespace

bool isHealthyStatusWord(QStringView word)
{
    return word.compare(u"ok", Qt::CaseInsensitive) == 0 ||
           word.compare(u"healthy", Qt::CaseInsensitive) == 0 ||
           word.compare(u"ready", Qt::CaseInsensitive) == 0;
}

bool isDegradedStatusWord(QStringView word)
{
    return word.compare(u"degraded", Qt::CaseInsensitive) == 0;
}

Judgement judgeProbe(const ProbeExpectation &expect, const ProbeObservation &seen,
                     const QByteArray &body, bool networkOnline)
{
    switch (seen.transport) {
    case ProbeTransport::Answered:
        break;
    case ProbeTransport::Refused:
        return unreachable(Tr::tr("connection refused"), networkOnline);
    case ProbeTransport::HostNotFound:
        return unreachable(Tr::tr("host not found"), networkOnline);
    case ProbeTransport::RemoteClosed:
        return unreachable(Tr::tr("the service closed the connection without answering"),
                           networkOnline);
    case ProbeTransport::TimedOut:
        return unreachable(Tr::tr("timed out"), networkOnline);
    case ProbeTransport::Deadline:
        return unreachable(Tr::tr("no complete answer within %1 ms").arg(seen.limitMs),
                           networkOnline);
    case ProbeTransport::Inactive:
        return unreachable(Tr::tr("no data for %1 ms").arg(seen.limitMs), networkOnline);
    case ProbeTransport::Network:
        return unreachable(seen.detail.isEmpty() ? Tr::tr("network error") : seen.detail,
                           networkOnline);
    case ProbeTransport::TooLarge:
        return {Verdict::Fail, Tr::tr("response larger than %1").arg(formatBytes(seen.limitBytes))};
    case ProbeTransport::Tls:
        return {Verdict::Fail, Tr::tr("TLS certificate not trusted: %1").arg(seen.detail)};
    case ProbeTransport::KeyMissing:
        return {Verdict::Fail, Tr::tr("dashboard key %1 not set in the keychain").arg(seen.detail)};
    case ProbeTransport::Config:
        return {Verdict::Fail, seen.detail};
    }

    if (seen.statusCode == 401 && expect.expectStatus != 401) {
        if (seen.keySent)
            return {Verdict::Fail, Tr::tr("dashboard key rejected (HTTP 401); check the key in "
                                          "the keychain")};
        return {Verdict::Fail, Tr::tr("HTTP 401: the service wants a dashboard key, but none is "
                                      "configured for this endpoint")};
    }
    if (seen.statusCode != expect.expectStatus)
        return {Verdict::Fail,
                Tr::tr("HTTP %1 (expected %2)").arg(seen.statusCode).arg(expect.expectStatus)};

    Judgement health{Verdict::Pass, {}};
    if (expect.healthBody) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            return {Verdict::Fail, Tr::tr("unexpected response: not JSON (%1 at byte %2)")
                                       .arg(parseError.errorString())
                                       .arg(parseError.offset)};
        }
        const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
        QJsonValue status;
        if (!resolveJsonPointer(root, expect.statusPointer, &status) || !status.isString()) {
            return {Verdict::Fail,
                    Tr::tr("unexpected response: no text field %1").arg(expect.statusPointer)};
        }
        const QString word = status.toString();
        if (isDegradedStatusWord(word))
            health = {Verdict::Warn, Tr::tr("service reports \"%1\"").arg(word)};
        else if (!isHealthyStatusWord(word))
            return {Verdict::Fail, Tr::tr("service reports \"%1\"").arg(word)};
    }

    if (seen.latencyMs >= expect.latencyBudgetMs) {
        return {Verdict::Fail, Tr::tr("latency %1 ms over budget %2 ms")
                                   .arg(seen.latencyMs)
                                   .arg(expect.latencyBudgetMs)};
    }
    return health;
}

} // namespace ph
