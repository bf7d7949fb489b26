// SPDX-License-Identifier: GPL-3.0-or-later
#include "payouts/payoutscsv.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringDecoder>

#include <array>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ph::PayoutsCsv)
};

// Sixteen integer digits keep value * 100 + 99 far inside qint64.
constexpr int kMaxIntegerDigits = 16;

enum Column
{
    PartnerId,
    PartnerName,
    Period,
    Amount,
    Currency,
    Status,
    ColumnCount
};

constexpr std::array<QLatin1StringView, ColumnCount> kColumns = {
    "partner_id"_L1, "partner_name"_L1, "period"_L1, "amount"_L1, "currency"_L1, "status"_L1};

struct Record
{
    int line = 0;
    QList<QByteArray> fields;
    QString error;
};

/// Splits RFC 4180 records, counting physical lines so errors point at the right one.
class Tokenizer
{
public:
    explicit Tokenizer(QByteArrayView data)
        : m_data(data)
    {
        if (m_data.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
    }

    bool atEnd() const { return m_pos >= m_data.size(); }

    /// The next non-blank record; false at the end of the data.
    bool next(Record &record)
    {
        while (!atEnd() && atLineBreak()) {
            skipLineBreak();
            ++m_line;
        }
        if (atEnd())
            return false;
        record.line = m_line;
        record.fields.clear();
        record.error.clear();
        const qsizetype start = m_pos;
        for (;;) {
            QByteArray field;
            if (m_data[m_pos] == '"') {
                if (!readQuoted(field, record)) {
                    // Unterminated quote: report it and resume on the next physical line,
                    // so one stray quote does not swallow the rest of the file.
                    record.error = Tr::tr("A quoted field is not closed.");
                    const qsizetype nl = m_data.indexOf('\n', start);
                    m_pos = nl < 0 ? m_data.size() : nl + 1;
                    m_line = record.line + 1;
                    return true;
                }
            } else {
                readUnquoted(field, record);
            }
            record.fields.append(field);
            if (!atEnd() && m_data[m_pos] == ',') {
                ++m_pos;
                if (atEnd()) {
                    record.fields.append(QByteArray());
                    return true;
                }
                continue;
            }
            if (!atEnd()) {
                skipLineBreak();
                ++m_line;
            }
            return true;
        }
    }

private:
    bool atLineBreak() const
    {
        const char c = m_data[m_pos];
        return c == '\n' || (c == '\r' && m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '\n');
    }

    void skipLineBreak() { m_pos += m_data[m_pos] == '\r' ? 2 : 1; }

    bool atFieldEnd() const { return atEnd() || m_data[m_pos] == ',' || atLineBreak(); }

    bool readQuoted(QByteArray &field, Record &record)
    {
        int lines = 0;
        ++m_pos;
        for (;;) {
            if (atEnd())
                return false;
            const char c = m_data[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_data.size() && m_data[m_pos + 1] == '"') {
                    field += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                break;
            }
            if (c == '\n')
                ++lines;
            field += c;
            ++m_pos;
        }
        m_line += lines;
        if (!atFieldEnd()) {
            if (record.error.isEmpty())
                record.error = Tr::tr("Text follows the closing quote of field %1.")
                                   .arg(record.fields.size() + 1);
            while (!atFieldEnd())
                field += m_data[m_pos++];
        }
        return true;
    }

    void readUnquoted(QByteArray &field, Record &record)
    {
        const qsizetype begin = m_pos;
        while (!atFieldEnd()) {
            if (m_data[m_pos] == '"' && record.error.isEmpty())
                record.error = Tr::tr("Field %1 contains a quote but is not quoted.")
                                   .arg(record.fields.size() + 1);
            ++m_pos;
        }
        field = m_data.sliced(begin, m_pos - begin).toByteArray();
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    int m_line = 1;
};

bool decodeUtf8(const QByteArray &bytes, QString &out)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out = decoder.decode(bytes);
    return !decoder.hasError();
}

bool isCurrencyCode(QStringView s)
{
    if (s.size() != 3)
        return false;
    for (QChar c : s) {
        if (c < u'A' || c > u'Z')
            return false;
    }
    return true;
}

struct TotalKey
{
    QString key;
    QString currency;
    friend bool operator<(const TotalKey &a, const TotalKey &b)
    {
        return a.key != b.key ? a.key < b.key : a.currency < b.currency;
    }
};

using Totals = QMap<TotalKey, PayoutTotal>;

bool canAdd(const Totals &totals, const TotalKey &key, qint64 minor)
{
    qint64 sum;
    return !__builtin_add_overflow(totals.value(key).total.minor, minor, &sum);
}

void add(Totals &totals, const TotalKey &key, const Money &amount)
{
    PayoutTotal &t = totals[key];
    t.key = key.key;
    t.total.currency = amount.currency;
    t.total.minor += amount.minor;
    ++t.rows;
}

QByteArray csvField(const QString &value)
{
    QByteArray bytes = value.toUtf8();
    const bool needsQuotes = bytes.contains(',') || bytes.contains('"') || bytes.contains('\n') ||
                             bytes.contains('\r') || bytes.startsWith(' ') || bytes.endsWith(' ');
    if (!needsQuotes)
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

} // namespace

QString Money::toString() const
{
    // Work on the magnitude as unsigned so the most negative qint64 formats too.
    const bool negative = minor < 0;
    const quint64 magnitude = negative ? quint64(0) - quint64(minor) : quint64(minor);
    const quint64 cents = magnitude % 100;
    return (negative ? u"-"_s : QString()) + QString::number(magnitude / 100) + u'.' +
           (cents < 10 ? u"0"_s : QString()) + QString::number(cents);
}

Result<qint64> Money::parseAmount(QStringView text)
{
    const QStringView s = text.trimmed();
    const auto malformed = [&](const QString &why) {
        return fail(u"payouts.amount"_s, why, text.toString());
    };
    qsizetype i = 0;
    bool negative = false;
    if (i < s.size() && (s[i] == u'-' || s[i] == u'+')) {
        negative = s[i] == u'-';
        ++i;
    }
    qint64 units = 0;
    int integerDigits = 0;
    for (; i < s.size() && s[i] >= u'0' && s[i] <= u'9'; ++i) {
        units = units * 10 + (s[i].unicode() - u'0');
        if (++integerDigits > kMaxIntegerDigits)
            return malformed(Tr::tr("The amount \"%1\" is too large.").arg(s));
    }
    if (integerDigits == 0)
        return malformed(
            Tr::tr("The amount \"%1\" is not a decimal number such as 1234.50.").arg(s));
    qint64 cents = 0;
    if (i < s.size() && s[i] == u'.') {
        ++i;
        int decimals = 0;
        for (; i < s.size() && s[i] >= u'0' && s[i] <= u'9'; ++i) {
            if (++decimals > 2)
                return malformed(Tr::tr("The amount \"%1\" has more than two decimals.").arg(s));
            cents = cents * 10 + (s[i].unicode() - u'0');
        }
        if (decimals == 0)
            return malformed(
                Tr::tr("The amount \"%1\" has no digits after the decimal point.").arg(s));
        if (decimals == 1)
            cents *= 10; // "1234.5" means 50 cents
    }
    if (i != s.size())
        return malformed(
            Tr::tr("The amount \"%1\" is not a decimal number such as 1234.50.").arg(s));
    const qint64 minor = units * 100 + cents;
    return negative ? -minor : minor;
}

Result<PayoutsTable> parsePayoutsCsv(QByteArrayView data)
{
    Tokenizer tokenizer(data);
    Record header;
    if (!tokenizer.next(header)) {
        return fail(u"payouts.empty"_s,
                    Tr::tr("The payouts export is empty; expected a header line with %1.")
                        .arg(u"partner_id,partner_name,period,amount,currency,status"_s));
    }
    if (!header.error.isEmpty()) {
        return fail(
            u"payouts.header"_s,
            Tr::tr("The header line of the payouts export is not valid CSV: %1").arg(header.error));
    }
    std::array<qsizetype, ColumnCount> index;
    index.fill(-1);
    for (qsizetype f = 0; f < header.fields.size(); ++f) {
        const QString name = QString::fromUtf8(header.fields[f]).trimmed();
        for (int c = 0; c < ColumnCount; ++c) {
            if (name.compare(kColumns[size_t(c)], Qt::CaseInsensitive) != 0)
                continue;
            if (index[size_t(c)] >= 0) {
                return fail(u"payouts.duplicateColumn"_s,
                            Tr::tr("The payouts export has the column \"%1\" twice.")
                                .arg(kColumns[size_t(c)]));
            }
            index[size_t(c)] = f;
        }
    }
    QStringList missing;
    for (int c = 0; c < ColumnCount; ++c) {
        if (index[size_t(c)] < 0)
            missing.append(kColumns[size_t(c)]);
    }
    if (!missing.isEmpty()) {
        return fail(u"payouts.missingColumn"_s,
                    Tr::tr("The payouts export has no column %1. Its header must name "
                           "partner_id, partner_name, period, amount, currency and status.")
                        .arg(missing.join(u", "_s)),
                    u"header: "_s + QString::fromUtf8(header.fields.join(',')));
    }

    PayoutsTable table;
    Totals byPartner, byPeriod, byCurrency;
    Record record;
    while (tokenizer.next(record)) {
        const auto reject = [&](const QString &reason) {
            table.malformed.append(MalformedPayoutRow{record.line, reason});
        };
        if (!record.error.isEmpty()) {
            reject(record.error);
            continue;
        }
        if (record.fields.size() != header.fields.size()) {
            reject(Tr::tr("Expected %1 fields, found %2.")
                       .arg(header.fields.size())
                       .arg(record.fields.size()));
            continue;
        }
        std::array<QString, ColumnCount> v;
        bool utf8 = true;
        for (int c = 0; c < ColumnCount && utf8; ++c)
            utf8 = decodeUtf8(record.fields[index[size_t(c)]], v[size_t(c)]);
        if (!utf8) {
            reject(Tr::tr("The record is not valid UTF-8."));
            continue;
        }
        PayoutRow row;
        row.line = record.line;
        row.partnerId = v[PartnerId].trimmed();
        row.partnerName = v[PartnerName];
        row.period = v[Period].trimmed();
        row.status = v[Status].trimmed();
        if (row.partnerId.isEmpty()) {
            reject(Tr::tr("The partner_id is empty."));
            continue;
        }
        if (row.period.isEmpty()) {
            reject(Tr::tr("The period is empty."));
            continue;
        }
        const auto amount = Money::parseAmount(v[Amount]);
        if (!amount) {
            reject(amount.error().message);
            continue;
        }
        const QString currency = v[Currency].trimmed().toUpper();
        if (!isCurrencyCode(currency)) {
            reject(Tr::tr("The currency \"%1\" is not a three-letter ISO code such as USD.")
                       .arg(v[Currency]));
            continue;
        }
        row.amount = Money{*amount, currency};
        const TotalKey partnerKey{row.partnerId, currency};
        const TotalKey periodKey{row.period, currency};
        const TotalKey currencyKey{QString(), currency};
        if (!canAdd(byPartner, partnerKey, *amount) || !canAdd(byPeriod, periodKey, *amount) ||
            !canAdd(byCurrency, currencyKey, *amount)) {
            reject(Tr::tr("Adding this amount would overflow the totals."));
            continue;
        }
        add(byPartner, partnerKey, row.amount);
        add(byPeriod, periodKey, row.amount);
        add(byCurrency, currencyKey, row.amount);
        table.rows.append(std::move(row));
    }
    table.totalsByPartner = byPartner.values();
    table.totalsByPeriod = byPeriod.values();
    table.totalsByCurrency = byCurrency.values();
    return table;
}

Result<QByteArray> writeCsv(const QList<PayoutRow> &rows)
{
    QByteArray out = "partner_id,partner_name,period,amount,currency,status\r\n";
    for (const PayoutRow &row : rows) {
        if (!isCurrencyCode(row.amount.currency)) {
            return fail(u"payouts.write"_s,
                        Tr::tr("Cannot save the payout of partner %1: \"%2\" is not a "
                               "three-letter currency code.")
                            .arg(row.partnerId, row.amount.currency));
        }
        out += csvField(row.partnerId) + ',' + csvField(row.partnerName) + ',' +
               csvField(row.period) + ',' + row.amount.toString().toLatin1() + ',' +
               row.amount.currency.toLatin1() + ',' + csvField(row.status) + "\r\n";
    }
    return out;
}

QString payoutsFileName(QDate month)
{
    if (!month.isValid())
        return {};
    return u"payouts_%1%2.csv"_s.arg(month.year(), 4, 10, QChar(u'0'))
        .arg(month.month(), 2, 10, QChar(u'0'));
}

} // namespace ph
