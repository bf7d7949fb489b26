// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDate>
#include <QList>
#include <QString>

namespace ph {

/**
 * An exact amount of money: integer minor units (cents) of a currency with two decimal
 * places, so sums never suffer binary rounding. Amounts of different currencies are
 * never added together.
 */
struct Money
{
    qint64 minor = 0;
    QString currency; ///< ISO 4217 code, three upper-case letters

    /// The amount as a decimal string with two decimals: "1234.50", "-3.10".
    QString toString() const;

    /**
     * Parses a decimal string ("1234.50", "1234.5", "-3.10", "7") into minor units
     * without going through floating point. More than two decimals, thousands
     * separators, exponents or anything else that is not a plain decimal fail.
     */
    static Result<qint64> parseAmount(QStringView text);

    friend bool operator==(const Money &, const Money &) = default;
};

/// One payout line of the export.
struct PayoutRow
{
    int line = 0; ///< physical line where the record starts (the header is line 1)
    QString partnerId;
    QString partnerName;
    QString period; ///< as exported, e.g. "2026-11"
    Money amount;
    QString status;
};

/// A record that could not be used; it is left out of every total.
struct MalformedPayoutRow
{
    int line = 0; ///< physical line where the record starts
    QString reason;
};

/// The sum of the rows sharing a key (partner id or period) in one currency.
struct PayoutTotal
{
    QString key; ///< partner id or period; empty for the per-currency totals
    Money total;
    int rows = 0;
};

/// A parsed payouts export. Totals are sorted by key, then currency.
struct PayoutsTable
{
    QList<PayoutRow> rows;
    QList<MalformedPayoutRow> malformed;
    QList<PayoutTotal> totalsByPartner;
    QList<PayoutTotal> totalsByPeriod;
    QList<PayoutTotal> totalsByCurrency;
};

/**
 * Parses the payouts export (RFC 4180: quoted fields with doubled quotes, commas and
 * line breaks inside quotes, CRLF or LF, optional UTF-8 BOM and final newline). The
 * header must name partner_id, partner_name, period, amount, currency and status, in any
 * order; other columns are ignored. Fails only when the header is unusable; bad records
 * are listed in PayoutsTable::malformed with their line and excluded from the totals.
 */
Result<PayoutsTable> parsePayoutsCsv(QByteArrayView data);

/// The rows as an RFC 4180 file (CRLF line ends) with the standard header.
Result<QByteArray> writeCsv(const QList<PayoutRow> &rows);

/// "payouts_YYYYMM.csv" for the month of @p month; empty for an invalid date.
QString payoutsFileName(QDate month);

} // namespace ph
