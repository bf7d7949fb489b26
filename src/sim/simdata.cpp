// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simdata.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

double fraction(quint64 numerator, double denominator)
{
    return double(numerator) / denominator;
}

QByteArray csvField(const QString &value)
{
    QByteArray utf8 = value.toUtf8();
    if (!utf8.contains(',') && !utf8.contains('"') && !utf8.contains('\n') && !utf8.contains('\r'))
        return utf8;
    utf8.replace('"', QByteArrayLiteral("\"\""));
    return '"' + utf8 + '"';
}

} // namespace

QString SimData::formatCents(quint64 cents)
{
    return QString::number(cents / 100) + u'.' +
           u"%1"_s.arg(qulonglong(cents % 100), 2, 10, QChar(u'0'));
}

int SimData::stuck(quint64 n, qint64 clearedAt) const
{
    const quint64 base = (m_seed + n) % 4;
    if (clearedAt < 0 || n < quint64(clearedAt))
        return int(base);
    return int(std::min<quint64>(base, (n - quint64(clearedAt)) / 10));
}

QJsonObject SimData::queueStatus(quint64 n, qint64 clearedAt) const
{
    const quint64 s = m_seed;
    return QJsonObject{
        {u"depth"_s, qint64(5 + (7 * s + 3 * n) % 40)},
        {u"processing_rate_per_min"_s, fraction(300 + (13 * s + 7 * n) % 200, 10)},
        {u"failed_ratio"_s, fraction((3 * s + n) % 25, 1000)},
        {u"stuck"_s, stuck(n, clearedAt)},
    };
}

QJsonObject SimData::sloStatus(quint64 n) const
{
    const quint64 s = m_seed;
    const quint64 p95 = 550 + (11 * s + 5 * n) % 120;
    return QJsonObject{
        {u"window_days"_s, 30},
        {u"availability"_s, fraction(9990 + (s + n) % 10, 10000)},
        {u"p95_ms"_s, qint64(p95)},
        {u"p99_ms"_s, qint64(p95 + 400 + (s + 3 * n) % 50)},
        {u"webhook_success"_s, fraction(990 + (5 * s + n) % 10, 1000)},
    };
}

QJsonObject SimData::finopsSummary(quint64 n, int days) const
{
    const quint64 s = m_seed;
    const quint64 d = quint64(days);
    return QJsonObject{
        {u"days"_s, days},
        {u"cost_usd"_s, fraction(d * (4000 + (17 * s + 11 * n) % 1000), 100)},
        {u"revenue_usd"_s, fraction(d * (18000 + (29 * s + 13 * n) % 3000), 100)},
    };
}

QJsonObject SimData::partnerDashboard(quint64 n, const QString &partnerId) const
{
    // Partner ids look like PTR_001; the number spreads the figures between partners.
    static const QRegularExpression digits(u"(\\d+)$"_s);
    const auto match = digits.match(partnerId);
    const quint64 k = match.hasMatch() ? match.captured(1).toULongLong() : 0;
    const quint64 s = m_seed;
    return QJsonObject{
        {u"partner_id"_s, partnerId},
        {u"earnings"_s, formatCents(50000 + (37 * s + 101 * n + 1000 * k) % 50000)},
        {u"referrals"_s, qint64(10 + (s + n + k) % 15)},
    };
}

QByteArray SimData::payoutsCsv(quint64 n) const
{
    struct Row
    {
        QString id, name, currency, status;
    };
    // Names with a comma and with quotes exercise RFC 4180 quoting in the client.
    static const Row rows[] = {
        {u"PTR_001"_s, u"Acme Analytics"_s, u"USD"_s, u"paid"_s},
        {u"PTR_002"_s, u"Blue Harbor, LLC"_s, u"USD"_s, u"pending"_s},
        {u"PTR_003"_s, u"Nordlicht \"Labs\" GmbH"_s, u"EUR"_s, u"paid"_s},
        {u"PTR_004"_s, u"Kestrel Media"_s, u"USD"_s, u"held"_s},
    };
    QByteArray csv = QByteArrayLiteral("partner_id,partner_name,period,amount,currency,status\r\n");
    // Three months, so totals per period and the period filter have something to show.
    static const char *const periods[] = {"2026-08", "2026-09", "2026-10"};
    quint64 i = 0;
    for (const char *period : periods) {
        for (const Row &row : rows) {
            const quint64 cents = 10000 + (31 * m_seed + 7 * n + 4567 * i) % 200000;
            csv += csvField(row.id) + ',' + csvField(row.name) + ',' + period + ',' +
                   formatCents(cents).toLatin1() + ',' + csvField(row.currency) + ',' +
                   csvField(row.status) + "\r\n";
            ++i;
        }
    }
    return csv;
}

QJsonObject SimData::predictLoad(quint64 n) const
{
    return QJsonObject{
        {u"predicted_rps"_s, fraction(300 + (19 * m_seed + 7 * n) % 300, 10)},
        {u"horizon_min"_s, 60},
    };
}

QJsonObject SimData::healingStatus(quint64 n) const
{
    QJsonArray actions;
    if ((m_seed + n) % 3 != 0) {
        actions.append(QJsonObject{{u"action"_s, u"restart_worker"_s},
                                   {u"since"_s, u"2026-11-23T03:10:00Z"_s}});
    }
    return QJsonObject{{u"active_actions"_s, actions}};
}

QJsonObject SimData::regionsStatus(quint64 n) const
{
    QJsonArray regions;
    const char16_t *names[] = {u"eu", u"us", u"ap"};
    quint64 k = 1;
    for (const char16_t *name : names) {
        regions.append(
            QJsonObject{{u"name"_s, QString::fromUtf16(name)},
                        {u"cache_hit_rate"_s, fraction(880 + (k * m_seed + 3 * n) % 110, 1000)}});
        ++k;
    }
    return QJsonObject{{u"regions"_s, regions}};
}

QJsonObject SimData::auditChain(quint64 n) const
{
    const quint64 length = 5000 + m_seed % 100 + 3 * n;
    const QByteArray material =
        "pilothouse-sim:" + QByteArray::number(m_seed) + ':' + QByteArray::number(length);
    return QJsonObject{
        {u"length"_s, qint64(length)},
        {u"head"_s, QString::fromLatin1(
                        QCryptographicHash::hash(material, QCryptographicHash::Sha256).toHex())},
        {u"valid"_s, true},
    };
}

QJsonObject SimData::phaseReport(quint64 n) const
{
    return QJsonObject{
        {u"phase"_s, 3},
        {u"title"_s, u"Growth and partner payouts"_s},
        {u"items_done"_s, qint64(12 + (m_seed + n) % 5)},
        {u"items_total"_s, 20},
    };
}

QJsonObject SimData::analyticsUsage(quint64 n) const
{
    return QJsonObject{
        {u"active_users_24h"_s, qint64(800 + (3 * m_seed + 5 * n) % 400)},
        {u"requests_24h"_s, qint64(120000 + (7 * m_seed + 11 * n) % 30000)},
    };
}

QJsonObject SimData::binancePing(quint64 n) const
{
    return QJsonObject{
        {u"status"_s, u"ok"_s},
        {u"exchange"_s, u"binance"_s},
        {u"latency_ms"_s, qint64(20 + (m_seed + n) % 30)},
    };
}

QByteArray SimData::metrics(quint64 m, MetricsFlavour flavour) const
{
    const quint64 s = m_seed;
    const quint64 ok = 1000 + s % 500 + 37 * m;
    const quint64 unauthorised = 5 + m / 3;
    const quint64 failed = 3 + s % 7 + m / 5;
    const quint64 count = ok + unauthorised + failed;
    const quint64 sumMs = 90 * count + (s % 50) * m;

    QByteArray out;
    out += "# HELP http_requests_total Total HTTP requests by status code.\n"
           "# TYPE http_requests_total counter\n";
    out += "http_requests_total{code=\"200\"} " + QByteArray::number(ok) + '\n';
    out += "http_requests_total{code=\"401\"} " + QByteArray::number(unauthorised) + '\n';
    out += "http_requests_total{code=\"500\"} " + QByteArray::number(failed) + '\n';

    out += "# HELP http_request_duration_seconds HTTP request latency.\n"
           "# TYPE http_request_duration_seconds histogram\n";
    static const char *bounds[] = {"0.05", "0.1", "0.25", "0.5", "1", "2.5", "+Inf"};
    static const quint64 percent[] = {40, 70, 88, 96, 99, 100, 100};
    for (int i = 0; i < 7; ++i) {
        out += QByteArrayLiteral("http_request_duration_seconds_bucket{le=\"") + bounds[i] +
               "\"} " + QByteArray::number(i == 6 ? count : count * percent[i] / 100) + '\n';
    }
    out += "http_request_duration_seconds_sum " +
           QByteArray::number(double(sumMs) / 1000.0, 'f', 3) + '\n';
    out += "http_request_duration_seconds_count " + QByteArray::number(count) + '\n';

    switch (flavour) {
    case MetricsFlavour::EchoPilot:
        out += "# HELP jobs_processed_total Jobs the workers finished.\n"
               "# TYPE jobs_processed_total counter\n"
               "jobs_processed_total " +
               QByteArray::number(500 + s % 100 + 12 * m) + '\n';
        out += "# HELP database_connections_active Open database connections.\n"
               "# TYPE database_connections_active gauge\n"
               "database_connections_active " +
               QByteArray::number(5 + (s + m) % 10) + '\n';
        break;
    case MetricsFlavour::RustCore:
        out += "# HELP trades_executed_total Trades sent to the exchange.\n"
               "# TYPE trades_executed_total counter\n"
               "trades_executed_total " +
               QByteArray::number(200 + s % 50 + 9 * m) + '\n';
        out += "# HELP trades_failed_total Trades the exchange rejected.\n"
               "# TYPE trades_failed_total counter\n"
               "trades_failed_total " +
               QByteArray::number(2 + s % 5 + m / 4) + '\n';
        break;
    case MetricsFlavour::PythonAi:
        out += "# HELP ai_predictions_total Predictions served.\n"
               "# TYPE ai_predictions_total counter\n"
               "ai_predictions_total " +
               QByteArray::number(300 + s % 40 + 5 * m) + '\n';
        break;
    }
    return out;
}

QByteArray SimData::syntheticEndpoint(const QString &service, int index, quint64 n) const
{
    // Built by hand rather than through QJsonDocument: the benchmark hits this path
    // thousands of times a second.
    const quint64 value = (m_seed + 31 * quint64(index) + 7 * n) % 1000;
    return "{\"service\":\"" + service.toUtf8() + "\",\"endpoint\":" + QByteArray::number(index) +
           ",\"n\":" + QByteArray::number(n) + ",\"value\":" + QByteArray::number(value) + '}';
}

int SimData::jitterMs(quint64 n) const
{
    return int(1 + (m_seed + 7 * n) % 4);
}

} // namespace ph
