// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace ph {

/// The `resultType` of a Prometheus query answer.
enum class PromQlResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
};

/// One sample of a query answer; NaN and ±Inf arrive as Prometheus spells them.
struct PromQlPoint
{
    qint64 timestampMs = 0; ///< milliseconds since the epoch
    double value = 0;
};

/// One series of a vector or matrix answer (a scalar is one series without labels).
struct PromQlSeries
{
    QMap<QString, QString> labels; ///< with `__name__` when Prometheus sent it
    QList<PromQlPoint> points;     ///< one point for vectors and scalars
};

/// A successful answer of `/api/v1/query` or `/api/v1/query_range`.
struct PromQlResult
{
    PromQlResultType resultType = PromQlResultType::Vector;
    QList<PromQlSeries> series;
    QString stringValue;  ///< for resultType String
    QStringList warnings; ///< Prometheus' own warnings, as sent
};

/**
 * Asynchronous client of a Prometheus server's HTTP query API (`/api/v1/query` and
 * `/api/v1/query_range`) below a base URL, e.g. `http://127.0.0.1:9090` or a reverse
 * proxy's `https://ops.example.com/prometheus`.
 *
 * Follows the probes' conventions: every request has a total deadline, bodies are read
 * as they arrive and cut off at a size limit (4 MiB), TLS checks the server against the
 * system CAs plus an optional CA file. Every failure is an Error a user can act on: the
 * server unreachable (with its URL), Prometheus' own `errorType`/`error` text for a
 * rejected query, malformed JSON, an unexpected shape, a body over the limit, a timeout.
 */
class PromQlClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(Result<PromQlResult>)>;

    explicit PromQlClient(const QUrl &baseUrl, QObject *parent = nullptr);
    ~PromQlClient() override;

    QUrl baseUrl() const { return m_baseUrl; }
    /// "host:port" of the base URL, as shown to users.
    QString authority() const;

    int deadlineMs() const { return m_deadlineMs; }
    void setDeadlineMs(int milliseconds) { m_deadlineMs = qMax(1, milliseconds); }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = qMax<qint64>(1, bytes); }
    /// Trusts the PEM certificates of @p path in addition to the system's; fails when the
    /// file holds none.
    Result<void> setCaFile(const QString &path);

    /**
     * Evaluates @p promql at @p time (now when unset). @p done is called exactly once,
     * later and on this thread, unless @p context is destroyed or cancelAll() runs first.
     */
    void query(const QString &promql, QObject *context, Callback done,
               std::optional<QDateTime> time = std::nullopt);
    /// Evaluates @p promql from @p start to @p end every @p stepSeconds; a Matrix answer.
    void queryRange(const QString &promql, const QDateTime &start, const QDateTime &end,
                    double stepSeconds, QObject *context, Callback done);

    /// Aborts every request in flight without calling their callbacks.
    void cancelAll();
    int inFlightCount() const { return int(m_pending.size()); }

    /**
     * Turns an answer of Prometheus' query API into a result or an Error. @p httpStatus
     * is the HTTP status (Prometheus answers errors with 400, 422, 503 and a JSON body);
     * @p endpoint names the server in messages.
     */
    static Result<PromQlResult> parseResponse(int httpStatus, const QByteArray &body,
                                              const QString &endpoint);

private:
    struct Pending;

    void send(const QString &path, QList<std::pair<QString, QString>> parameters, QObject *context,
              Callback done);
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);

    QUrl m_baseUrl;
    int m_deadlineMs = 10000;
    qint64 m_maxBodyBytes = 4 * 1024 * 1024;
    QList<QSslCertificate> m_extraCas;
    QNetworkAccessManager *m_network = nullptr;
    QHash<QNetworkReply *, std::shared_ptr<Pending>> m_pending;
};

} // namespace ph
