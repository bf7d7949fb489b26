// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/promqlclient.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

Q_LOGGING_CATEGORY(lcPromQl, "pilothouse.metrics", QtInfoMsg)

namespace ph {

namespace {

constexpr qint64 ReadBufferBytes = 64 * 1024;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ph::PromQlClient)
};

enum class Abort
{
    None,
    Cancelled,
    TooLarge,
    Deadline,
};

QString fromJson(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

/// Reads a sample value the way Prometheus encodes it: a JSON string holding a Go float
/// ("1.5", "NaN", "+Inf", "-Inf", "1e-05").
std::optional<double> sampleValue(const json &v)
{
    if (!v.is_string())
        return std::nullopt;
    const std::string &s = v.get_ref<const std::string &>();
    if (s == "NaN")
        return std::numeric_limits<double>::quiet_NaN();
    if (s == "+Inf" || s == "Inf")
        return std::numeric_limits<double>::infinity();
    if (s == "-Inf")
        return -std::numeric_limits<double>::infinity();
    const char *begin = s.data();
    const char *end = begin + s.size();
    if (begin != end && *begin == '+')
        ++begin;
    double out = 0;
    const auto [ptr, ec] = std::from_chars(begin, end, out);
    if (ec != std::errc() || ptr != end || begin == end || std::isnan(out) || std::isinf(out))
        return std::nullopt;
    return out;
}

/// A [<unix seconds>, "<value>"] pair.
std::optional<PromQlPoint> samplePair(const json &pair)
{
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number())
        return std::nullopt;
    const double seconds = pair[0].get<double>();
    if (!std::isfinite(seconds))
        return std::nullopt;
    const std::optional<double> value = sampleValue(pair[1]);
    if (!value)
        return std::nullopt;
    return PromQlPoint{qint64(std::llround(seconds * 1000.0)), *value};
}

std::optional<QMap<QString, QString>> labelMap(const json &metric)
{
    if (!metric.is_object())
        return std::nullopt;
    QMap<QString, QString> labels;
    for (auto it = metric.begin(); it != metric.end(); ++it) {
        if (!it.value().is_string())
            return std::nullopt;
        labels.insert(fromJson(it.key()), fromJson(it.value().get<std::string>()));
    }
    return labels;
}

tl::unexpected<Error> shapeError(const QString &endpoint, const QString &what)
{
    return fail(u"promql.shape"_s,
                Tr::tr("Prometheus at %1 sent an unexpected answer: %2. Is this a Prometheus "
                       "query API?")
                    .arg(endpoint, what));
}

} // namespace

struct PromQlClient::Pending
{
    QPointer<QObject> context;
    bool hasContext = false;
    Callback done;
    QString url;
    QByteArray body;
    Abort abort = Abort::None;
    QStringList tlsErrors;
    QTimer *deadline = nullptr;
};

PromQlClient::PromQlClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setCookieJar(nullptr);
}

PromQlClient::~PromQlClient()
{
    cancelAll();
}

QString PromQlClient::authority() const
{
    QString host = m_baseUrl.host();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    const int defaultPort = m_baseUrl.scheme() == u"https"_s ? 443 : 80;
    return host + u':' + QString::number(m_baseUrl.port(defaultPort));
}

Result<void> PromQlClient::setCaFile(const QString &path)
{
    if (path.isEmpty()) {
        m_extraCas.clear();
        return {};
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(path);
    if (certificates.isEmpty()) {
        return fail(u"promql.cafile"_s,
                    tr("The CA file %1 could not be read or holds no PEM certificate.").arg(path));
    }
    m_extraCas = certificates;
    return {};
}

void PromQlClient::query(const QString &promql, QObject *context, Callback done,
                         std::optional<QDateTime> time)
{
    QList<std::pair<QString, QString>> parameters{{u"query"_s, promql}};
    if (time && time->isValid())
        parameters.append({u"time"_s, QString::number(time->toMSecsSinceEpoch() / 1000.0, 'f', 3)});
    send(u"/api/v1/query"_s, std::move(parameters), context, std::move(done));
}

void PromQlClient::queryRange(const QString &promql, const QDateTime &start, const QDateTime &end,
                              double stepSeconds, QObject *context, Callback done)
{
    QList<std::pair<QString, QString>> parameters{
        {u"query"_s, promql},
        {u"start"_s, QString::number(start.toMSecsSinceEpoch() / 1000.0, 'f', 3)},
        {u"end"_s, QString::number(end.toMSecsSinceEpoch() / 1000.0, 'f', 3)},
        {u"step"_s, QString::number(stepSeconds, 'f', 3)},
    };
    send(u"/api/v1/query_range"_s, std::move(parameters), context, std::move(done));
}

void PromQlClient::send(const QString &path, QList<std::pair<QString, QString>> parameters,
                        QObject *context, Callback done)
{
    auto pending = std::make_shared<Pending>();
    pending->context = context;
    pending->hasContext = context != nullptr;
    pending->done = std::move(done);

    const bool schemeOk = m_baseUrl.scheme() == u"http"_s || m_baseUrl.scheme() == u"https"_s;
    if (!m_baseUrl.isValid() || !schemeOk || m_baseUrl.host().isEmpty()) {
        const Error error{u"promql.url"_s,
                          tr("\"%1\" is not a Prometheus URL; use http:// or https:// with a host, "
                             "e.g. http://127.0.0.1:9090.")
                              .arg(m_baseUrl.toString()),
                          {}};
        // Still asynchronous, as callers were promised.
        QTimer::singleShot(0, this, [pending, error] {
            if (pending->hasContext && !pending->context)
                return;
            pending->done(tl::unexpected<Error>(error));
        });
        return;
    }

    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + path);
    url.setQuery(QString());
    url.setFragment(QString());
    pending->url = url.toString(QUrl::RemoveUserInfo);

    // Encoded by hand: QUrlQuery leaves '+' alone, which a form decoder reads as a space.
    QByteArray form;
    for (const auto &[name, value] : parameters) {
        if (!form.isEmpty())
            form += '&';
        form += name.toLatin1() + '=' + QUrl::toPercentEncoding(value);
    }

    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setTransferTimeout(m_deadlineMs);
    if (url.scheme() == u"https"_s && !m_extraCas.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_extraCas);
        request.setSslConfiguration(ssl);
    }

    // POST keeps long queries out of URLs and proxy logs; Prometheus accepts both.
    QNetworkReply *reply = m_network->post(request, form);
    reply->setReadBufferSize(ReadBufferBytes);
    m_pending.insert(reply, pending);

    pending->deadline = new QTimer(reply);
    pending->deadline->setSingleShot(true);
    connect(pending->deadline, &QTimer::timeout, this, [this, reply] {
        const auto it = m_pending.constFind(reply);
        if (it == m_pending.constEnd() || (*it)->abort != Abort::None)
            return;
        (*it)->abort = Abort::Deadline;
        reply->abort();
    });
    pending->deadline->start(m_deadlineMs);

    connect(reply, &QIODevice::readyRead, this, [this, reply] { onReadyRead(reply); });
    connect(reply, &QNetworkReply::sslErrors, this, [this, reply](const QList<QSslError> &errors) {
        // Collected for the message and never ignored: the handshake then fails.
        if (const auto it = m_pending.constFind(reply); it != m_pending.constEnd()) {
            for (const QSslError &e : errors)
                (*it)->tlsErrors.append(e.errorString());
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onFinished(reply); });
}

void PromQlClient::onReadyRead(QNetworkReply *reply)
{
    const auto it = m_pending.constFind(reply);
    if (it == m_pending.constEnd() || (*it)->abort != Abort::None)
        return;
    Pending &p = **it;
    const qint64 available = reply->bytesAvailable();
    if (p.body.size() + available > m_maxBodyBytes) {
        p.abort = Abort::TooLarge;
        reply->abort();
        return;
    }
    p.body.append(reply->read(available));
}

void PromQlClient::onFinished(QNetworkReply *reply)
{
    const std::shared_ptr<Pending> pending = m_pending.take(reply);
    if (!pending)
        return;
    reply->disconnect(this);
    reply->deleteLater();
    if (pending->deadline)
        pending->deadline->stop();
    Pending &p = *pending;
    if (p.abort == Abort::Cancelled)
        return;
    // Whatever arrived with the end of the transfer still counts against the limit.
    if (p.abort == Abort::None) {
        const qint64 available = reply->bytesAvailable();
        if (p.body.size() + available > m_maxBodyBytes)
            p.abort = Abort::TooLarge;
        else if (available > 0)
            p.body.append(reply->read(available));
    }

    Result<PromQlResult> result;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (p.abort == Abort::TooLarge) {
        result = fail(u"promql.toolarge"_s,
                      tr("Prometheus at %1 sent more than %2 MiB; narrow the query (fewer series, "
                         "a larger step or a shorter range).")
                          .arg(authority())
                          .arg(double(m_maxBodyBytes) / (1024 * 1024), 0, 'g', 3),
                      p.url);
    } else if (p.abort == Abort::Deadline ||
               (status <= 0 && reply->error() == QNetworkReply::OperationCanceledError) ||
               reply->error() == QNetworkReply::TimeoutError) {
        result = fail(u"promql.timeout"_s,
                      tr("Prometheus at %1 did not answer within %2 s; it may be overloaded, or "
                         "the query too expensive.")
                          .arg(authority())
                          .arg(m_deadlineMs / 1000.0),
                      p.url);
    } else if (status <= 0) {
        const bool tls = reply->error() == QNetworkReply::SslHandshakeFailedError;
        const QString detail =
            tls && !p.tlsErrors.isEmpty() ? p.tlsErrors.join(u"; "_s) : reply->errorString();
        if (tls) {
            result = fail(u"promql.tls"_s,
                          tr("The TLS certificate of Prometheus at %1 was not accepted: %2. Add "
                             "its CA file if it is a private CA.")
                              .arg(authority(), detail),
                          p.url);
        } else {
            result = fail(u"promql.unreachable"_s,
                          tr("Prometheus at %1 is unreachable (%2). Check that it runs and that "
                             "the URL is right.")
                              .arg(p.url, detail),
                          p.url);
        }
    } else {
        result = parseResponse(status, p.body, authority());
    }
    if (!result)
        qCDebug(lcPromQl) << "query failed:" << result.error().toString();

    if (p.hasContext && !p.context)
        return;
    p.done(std::move(result));
}

void PromQlClient::cancelAll()
{
    const auto pending = m_pending;
    for (auto it = pending.constBegin(); it != pending.constEnd(); ++it) {
        (*it)->abort = Abort::Cancelled;
        // abort() emits finished synchronously; onFinished forgets the request.
        it.key()->abort();
    }
    m_pending.clear();
}

Result<PromQlResult> PromQlClient::parseResponse(int httpStatus, const QByteArray &body,
                                                 const QString &endpoint)
{
    json root;
    try {
        root = json::parse(body.cbegin(), body.cend());
    } catch (const json::parse_error &e) {
        if (httpStatus < 200 || httpStatus > 299) {
            return fail(u"promql.http"_s,
                        Tr::tr("Prometheus at %1 answered HTTP %2 without an explanation; check "
                               "that the URL points at the Prometheus server.")
                            .arg(endpoint)
                            .arg(httpStatus),
                        QString::fromUtf8(body.left(200)));
        }
        return fail(u"promql.json"_s,
                    Tr::tr("Prometheus at %1 sent an answer that is not valid JSON (at byte %2).")
                        .arg(endpoint)
                        .arg(qulonglong(e.byte)),
                    QString::fromUtf8(e.what()));
    }

    if (!root.is_object() || !root.contains("status") || !root["status"].is_string())
        return shapeError(endpoint, Tr::tr("no \"status\" field"));
    const std::string &status = root["status"].get_ref<const std::string &>();
    if (status == "error" || httpStatus < 200 || httpStatus > 299) {
        const auto text = [&root](const char *key) {
            const auto it = root.find(key);
            return it != root.end() && it->is_string() ? fromJson(it->get<std::string>())
                                                       : QString();
        };
        const QString errorType = text("errorType");
        QString message = text("error");
        if (message.isEmpty())
            message = Tr::tr("no reason given");
        const QString detail = u"HTTP "_s + QString::number(httpStatus) +
                               (errorType.isEmpty() ? QString() : u", "_s + errorType);
        if (errorType == u"bad_data"_s) {
            return fail(u"promql.bad_query"_s,
                        Tr::tr("Prometheus at %1 rejected the query: %2").arg(endpoint, message),
                        detail);
        }
        return fail(
            u"promql.server"_s,
            Tr::tr("Prometheus at %1 could not answer the query: %2 (%3)")
                .arg(endpoint, message,
                     errorType.isEmpty() ? u"HTTP "_s + QString::number(httpStatus) : errorType),
            detail);
    }
    if (status != "success")
        return shapeError(endpoint, Tr::tr("status \"%1\"").arg(fromJson(status)));

    PromQlResult out;
    if (const auto w = root.find("warnings"); w != root.end() && w->is_array()) {
        for (const json &warning : *w) {
            if (warning.is_string())
                out.warnings.append(fromJson(warning.get<std::string>()));
        }
    }
    const auto data = root.find("data");
    if (data == root.end() || !data->is_object())
        return shapeError(endpoint, Tr::tr("no \"data\" object"));
    const auto type = data->find("resultType");
    if (type == data->end() || !type->is_string())
        return shapeError(endpoint, Tr::tr("no \"data.resultType\""));
    const auto result = data->find("result");
    if (result == data->end())
        return shapeError(endpoint, Tr::tr("no \"data.result\""));

    const std::string &kind = type->get_ref<const std::string &>();
    if (kind == "scalar" || kind == "string") {
        if (!result->is_array() || result->size() != 2 || !(*result)[0].is_number() ||
            !(*result)[1].is_string())
            return shapeError(endpoint,
                              Tr::tr("a %1 that is not [time, \"value\"]").arg(fromJson(kind)));
        if (kind == "string") {
            out.resultType = PromQlResultType::String;
            out.stringValue = fromJson((*result)[1].get<std::string>());
            return out;
        }
        const std::optional<PromQlPoint> point = samplePair(*result);
        if (!point)
            return shapeError(endpoint, Tr::tr("a scalar that is not a number"));
        out.resultType = PromQlResultType::Scalar;
        out.series.append(PromQlSeries{{}, {*point}});
        return out;
    }
    if (kind != "vector" && kind != "matrix")
        return shapeError(endpoint, Tr::tr("resultType \"%1\"").arg(fromJson(kind)));
    if (!result->is_array())
        return shapeError(endpoint, Tr::tr("\"data.result\" is not a list"));

    const bool matrix = kind == "matrix";
    out.resultType = matrix ? PromQlResultType::Matrix : PromQlResultType::Vector;
    out.series.reserve(qsizetype(result->size()));
    for (size_t i = 0; i < result->size(); ++i) {
        const json &item = (*result)[i];
        const QString where = u"/data/result/"_s + QString::number(i);
        if (!item.is_object())
            return shapeError(endpoint, Tr::tr("%1 is not an object").arg(where));
        PromQlSeries series;
        if (const auto metric = item.find("metric"); metric != item.end()) {
            std::optional<QMap<QString, QString>> labels = labelMap(*metric);
            if (!labels)
                return shapeError(endpoint, Tr::tr("%1/metric is not a label map").arg(where));
            series.labels = std::move(*labels);
        }
        if (item.contains("histogram") || item.contains("histograms")) {
            return shapeError(
                endpoint,
                Tr::tr("%1 is a native histogram, which the console does not read").arg(where));
        }
        if (matrix) {
            const auto values = item.find("values");
            if (values == item.end() || !values->is_array())
                return shapeError(endpoint, Tr::tr("%1 has no \"values\" list").arg(where));
            series.points.reserve(qsizetype(values->size()));
            for (size_t j = 0; j < values->size(); ++j) {
                const std::optional<PromQlPoint> point = samplePair((*values)[j]);
                if (!point) {
                    return shapeError(
                        endpoint,
                        Tr::tr("%1/values/%2 is not [time, \"number\"]").arg(where).arg(j));
                }
                series.points.append(*point);
            }
        } else {
            const auto value = item.find("value");
            const std::optional<PromQlPoint> point =
                value == item.end() ? std::nullopt : samplePair(*value);
            if (!point) {
                return shapeError(endpoint,
                                  Tr::tr("%1/value is not [time, \"number\"]").arg(where));
            }
            series.points.append(*point);
        }
        out.series.append(std::move(series));
    }
    return out;
}

} // namespace ph
