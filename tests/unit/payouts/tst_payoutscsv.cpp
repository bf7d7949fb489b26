// SPDX-License-Identifier: GPL-3.0-or-later
#include "payouts/payoutscsv.h"

#include <QTest>

using namespace Qt::StringLiterals;
using ph::Money;
using ph::PayoutTotal;

namespace {

const QByteArray kHeader = "partner_id,partner_name,period,amount,currency,status\n"_ba;

QString describe(const ph::PayoutsTable &t)
{
    QString s;
    for (const auto &m : t.malformed)
        s += u"\n  line %1: %2"_s.arg(m.line).arg(m.reason);
    return s;
}

// QVERIFY2 evaluates its message even when the check passes, so never touch error() of
// a value.
template <typename T> QString errorText(const ph::Result<T> &r)
{
    return r ? QString() : r.error().toString();
}

QList<int> malformedLines(const ph::PayoutsTable &t)
{
    QList<int> lines;
    for (const auto &m : t.malformed)
        lines.append(m.line);
    return lines;
}

QString totalsText(const QList<PayoutTotal> &totals)
{
    QStringList parts;
    for (const PayoutTotal &t : totals)
        parts.append(
            u"%1:%2 %3 (%4)"_s.arg(t.key, t.total.toString(), t.total.currency).arg(t.rows));
    return parts.join(u"; "_s);
}

} // namespace

class TestPayoutsCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void amount_data();
    void amount();
    void moneyToString_data();
    void moneyToString();
    void records_data();
    void records();
    void quotedFields();
    void columnsInAnyOrder();
    void missingColumn();
    void unusableHeader_data();
    void unusableHeader();
    void malformedRowsExcluded();
    void unterminatedQuoteKeepsLaterRows();
    void exactTotals();
    void currenciesKeptApart();
    void roundTrip();
    void writeRejectsBadCurrency();
    void fileName();
};

void TestPayoutsCsv::amount_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("two decimals") << u"1234.50"_s << true << qint64(123450);
    QTest::newRow("one decimal") << u"1234.5"_s << true << qint64(123450);
    QTest::newRow("integer") << u"7"_s << true << qint64(700);
    QTest::newRow("negative") << u"-3.10"_s << true << qint64(-310);
    QTest::newRow("negative cents") << u"-0.05"_s << true << qint64(-5);
    QTest::newRow("plus") << u"+2.00"_s << true << qint64(200);
    QTest::newRow("zero") << u"0.00"_s << true << qint64(0);
    QTest::newRow("spaces around") << u" 12.34 "_s << true << qint64(1234);
    // Would be 0.1 + 0.2 != 0.3 in binary floating point; here it is exact.
    QTest::newRow("not via double") << u"90071992547409.93"_s << true << qint64(9007199254740993);
    QTest::newRow("16 digits") << u"9999999999999999.99"_s << true << qint64(999999999999999999);
    QTest::newRow("three decimals") << u"1.005"_s << false << qint64(0);
    QTest::newRow("dot only") << u"1."_s << false << qint64(0);
    QTest::newRow("leading dot") << u".5"_s << false << qint64(0);
    QTest::newRow("thousands") << u"1,234.50"_s << false << qint64(0);
    QTest::newRow("exponent") << u"1e3"_s << false << qint64(0);
    QTest::newRow("word") << u"abc"_s << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("sign only") << u"-"_s << false << qint64(0);
    QTest::newRow("currency sign") << u"$12"_s << false << qint64(0);
    QTest::newRow("inner space") << u"12 34"_s << false << qint64(0);
    QTest::newRow("17 digits") << u"12345678901234567"_s << false << qint64(0);
    QTest::newRow("NaN") << u"NaN"_s << false << qint64(0);
}

void TestPayoutsCsv::amount()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, minor);
    const auto parsed = Money::parseAmount(text);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(*parsed, minor);
    } else {
        QCOMPARE(parsed.error().code, u"payouts.amount"_s);
        QVERIFY(!parsed.error().message.isEmpty());
    }
}

void TestPayoutsCsv::moneyToString_data()
{
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << qint64(123450) << u"1234.50"_s;
    QTest::newRow("cents") << qint64(5) << u"0.05"_s;
    QTest::newRow("zero") << qint64(0) << u"0.00"_s;
    QTest::newRow("negative") << qint64(-310) << u"-3.10"_s;
    QTest::newRow("negative cents") << qint64(-5) << u"-0.05"_s;
    QTest::newRow("min") << std::numeric_limits<qint64>::min() << u"-92233720368547758.08"_s;
}

void TestPayoutsCsv::moneyToString()
{
    QFETCH(qint64, minor);
    QFETCH(QString, text);
    QCOMPARE((Money{minor, u"USD"_s}.toString()), text);
}

void TestPayoutsCsv::records_data()
{
    // Each input has the same two payouts; only the framing differs.
    QTest::addColumn<QByteArray>("data");
    const QByteArray rows = "P1,Acme,2026-11,10.00,USD,paid\nP2,Globex,2026-11,2.50,USD,pending"_ba;
    QTest::newRow("LF") << kHeader + rows + '\n';
    QTest::newRow("no final newline") << kHeader + rows;
    QByteArray crlf = kHeader + rows + '\n';
    crlf.replace("\n", "\r\n");
    QTest::newRow("CRLF") << crlf;
    QTest::newRow("BOM") << "\xEF\xBB\xBF"_ba + kHeader + rows + '\n';
    QTest::newRow("blank lines") << "\n"_ba + kHeader + "\n" + rows + "\n\n\n";
}

void TestPayoutsCsv::records()
{
    QFETCH(QByteArray, data);
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QVERIFY2(table->malformed.isEmpty(), qPrintable(describe(*table)));
    QCOMPARE(table->rows.size(), 2);
    QCOMPARE(table->rows[0].partnerId, u"P1"_s);
    QCOMPARE(table->rows[0].partnerName, u"Acme"_s);
    QCOMPARE(table->rows[0].period, u"2026-11"_s);
    QCOMPARE(table->rows[0].amount, (Money{1000, u"USD"_s}));
    QCOMPARE(table->rows[0].status, u"paid"_s);
    QCOMPARE(table->rows[1].amount, (Money{250, u"USD"_s}));
    QCOMPARE(table->rows[1].status, u"pending"_s);
    QCOMPARE(table->totalsByCurrency.size(), 1);
    QCOMPARE(table->totalsByCurrency[0].total, (Money{1250, u"USD"_s}));
}

void TestPayoutsCsv::quotedFields()
{
    const QByteArray data = kHeader + "P1,\"Acme, Inc.\",2026-11,10.00,USD,paid\n"
                                      "P2,\"The \"\"Best\"\" Bots\",2026-11,1.00,USD,paid\n"
                                      "P3,\"Two\nLines\",2026-11,1.00,USD,\"paid\"\n"
                                      "P4,\"\",2026-11,\"3.25\",USD,paid\n"_ba;
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QVERIFY2(table->malformed.isEmpty(), qPrintable(describe(*table)));
    QCOMPARE(table->rows.size(), 4);
    QCOMPARE(table->rows[0].partnerName, u"Acme, Inc."_s);
    QCOMPARE(table->rows[1].partnerName, u"The \"Best\" Bots"_s);
    QCOMPARE(table->rows[2].partnerName, u"Two\nLines"_s);
    QCOMPARE(table->rows[3].partnerName, QString());
    QCOMPARE(table->rows[3].amount.minor, 325);
    // Physical lines: the header is 1; P3's record spans lines 4 and 5.
    QCOMPARE(table->rows[0].line, 2);
    QCOMPARE(table->rows[2].line, 4);
    QCOMPARE(table->rows[3].line, 6);
}

void TestPayoutsCsv::columnsInAnyOrder()
{
    const QByteArray data = "currency,amount,note,status,period,partner_name,partner_id\r\n"
                            "EUR,99.90,ignored,paid,2026-10,Initech,P7\r\n"_ba;
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QVERIFY2(table->malformed.isEmpty(), qPrintable(describe(*table)));
    QCOMPARE(table->rows.size(), 1);
    const ph::PayoutRow &row = table->rows[0];
    QCOMPARE(row.partnerId, u"P7"_s);
    QCOMPARE(row.partnerName, u"Initech"_s);
    QCOMPARE(row.period, u"2026-10"_s);
    QCOMPARE(row.amount, (Money{9990, u"EUR"_s}));
    QCOMPARE(row.status, u"paid"_s);
}

void TestPayoutsCsv::missingColumn()
{
    const auto table = ph::parsePayoutsCsv(
        "partner_id,partner_name,period,currency,status\nP1,A,2026-11,USD,paid\n"_ba);
    QVERIFY(!table.has_value());
    QCOMPARE(table.error().code, u"payouts.missingColumn"_s);
    QVERIFY2(table.error().message.contains(u"amount"_s), qPrintable(table.error().message));
}

void TestPayoutsCsv::unusableHeader_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("code");
    QTest::newRow("empty") << QByteArray() << u"payouts.empty"_s;
    QTest::newRow("only BOM and newlines") << "\xEF\xBB\xBF\n\r\n"_ba << u"payouts.empty"_s;
    QTest::newRow("duplicate column")
        << "partner_id,partner_name,period,amount,amount,currency,status\n"_ba
        << u"payouts.duplicateColumn"_s;
    QTest::newRow("broken header")
        << "partner_id,\"partner_name\"x,period\n"_ba << u"payouts.header"_s;
    QTest::newRow("JSON error body") << "{\"error\":\"unauthorized\"}\n"_ba << u"payouts.header"_s;
    QTest::newRow("other columns") << "id,name\n1,x\n"_ba << u"payouts.missingColumn"_s;
}

void TestPayoutsCsv::unusableHeader()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, code);
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY(!table.has_value());
    QCOMPARE(table.error().code, code);
    QVERIFY(!table.error().message.isEmpty());
}

void TestPayoutsCsv::malformedRowsExcluded()
{
    const QByteArray data = kHeader +                               // line 1
                            "P1,Acme,2026-11,10.00,USD,paid\n"      // 2
                            "P1,Acme,2026-11,1.005,USD,paid\n"      // 3: three decimals
                            "P2,Globex,2026-11,abc,USD,paid\n"      // 4: garbage amount
                            "P2,\"Glo\nbex\",2026-11,5,USD,paid\n"  // 5-6: fine
                            "P3,Short,2026-11,1.00,USD\n"           // 7: five fields
                            "P4,Bad\"Quote,2026-11,1.00,USD,paid\n" // 8: stray quote
                            "P5,Cur,2026-11,1.00,US Dollar,paid\n"  // 9: currency
                            ",NoId,2026-11,1.00,USD,paid\n"         // 10: no partner
                            "P6,\"Tail\"x,2026-11,1.00,USD,paid\n"  // 11: after quote
                            "P2,Globex,2026-11,0.50,usd,paid\n"_ba; // 12: fine, usd -> USD
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QCOMPARE(malformedLines(*table), (QList<int>{3, 4, 7, 8, 9, 10, 11}));
    QVERIFY(table->malformed[0].reason.contains(u"more than two decimals"_s));
    QVERIFY(table->malformed[1].reason.contains(u"abc"_s));
    QVERIFY(table->malformed[2].reason.contains(u"Expected 6 fields, found 5"_s));
    QVERIFY(table->malformed[3].reason.contains(u"quote"_s));
    QVERIFY(table->malformed[4].reason.contains(u"US Dollar"_s));
    QVERIFY(table->malformed[5].reason.contains(u"partner_id"_s));
    QVERIFY(table->malformed[6].reason.contains(u"closing quote"_s));

    QCOMPARE(table->rows.size(), 3);
    QCOMPARE(table->rows[1].line, 5);
    QCOMPARE(table->rows[2].line, 12);
    // Only 10.00 + 5.00 + 0.50 count.
    QCOMPARE(totalsText(table->totalsByCurrency), u":15.50 USD (3)"_s);
    QCOMPARE(totalsText(table->totalsByPartner), u"P1:10.00 USD (1); P2:5.50 USD (2)"_s);
}

void TestPayoutsCsv::unterminatedQuoteKeepsLaterRows()
{
    const QByteArray data = kHeader + "P1,\"Unclosed,2026-11,1.00,USD,paid\n" // 2: never closed
                                      "P2,Fine,2026-11,2.00,USD,paid\n"_ba;   // 3
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QCOMPARE(malformedLines(*table), (QList<int>{2}));
    QVERIFY(table->malformed[0].reason.contains(u"not closed"_s));
    QCOMPARE(table->rows.size(), 1);
    QCOMPARE(table->rows[0].partnerId, u"P2"_s);
    QCOMPARE(table->rows[0].line, 3);
}

void TestPayoutsCsv::exactTotals()
{
    QByteArray data = kHeader + "P1,A,2026-11,0.10,USD,paid\nP1,A,2026-11,0.20,USD,paid\n"_ba;
    // 1000 × 0.01 drifts in binary floating point; in minor units it is exactly 10.00.
    for (int i = 0; i < 1000; ++i)
        data += "P2,B,2026-12,0.01,USD,paid\n";
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QVERIFY(table->malformed.isEmpty());
    QCOMPARE(totalsText(table->totalsByPartner), u"P1:0.30 USD (2); P2:10.00 USD (1000)"_s);
    QCOMPARE(totalsText(table->totalsByPeriod),
             u"2026-11:0.30 USD (2); 2026-12:10.00 USD (1000)"_s);
    QCOMPARE(table->totalsByCurrency.at(0).total, (Money{1030, u"USD"_s}));
}

void TestPayoutsCsv::currenciesKeptApart()
{
    const QByteArray data = kHeader + "P1,A,2026-11,100.00,USD,paid\n"
                                      "P1,A,2026-11,50.00,EUR,paid\n"
                                      "P2,B,2026-11,-20.00,USD,reversed\n"
                                      "P2,B,2026-12,7.50,EUR,paid\n"_ba;
    const auto table = ph::parsePayoutsCsv(data);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QCOMPARE(totalsText(table->totalsByCurrency), u":57.50 EUR (2); :80.00 USD (2)"_s);
    QCOMPARE(totalsText(table->totalsByPartner),
             u"P1:50.00 EUR (1); P1:100.00 USD (1); P2:7.50 EUR (1); P2:-20.00 USD (1)"_s);
    QCOMPARE(totalsText(table->totalsByPeriod),
             u"2026-11:50.00 EUR (1); 2026-11:80.00 USD (2); 2026-12:7.50 EUR (1)"_s);
}

void TestPayoutsCsv::roundTrip()
{
    const QList<ph::PayoutRow> rows = {
        {0, u"P1"_s, u"Acme, Inc."_s, u"2026-11"_s, {123450, u"USD"_s}, u"paid"_s},
        {0, u"P2"_s, u"The \"Best\"\nBots"_s, u"2026-11"_s, {-310, u"EUR"_s}, u"reversed"_s},
        {0, u"P3"_s, u" spaced "_s, u"2026-11"_s, {5, u"GBP"_s}, u"pending"_s},
        {0, u"P4"_s, u"Grüße GmbH"_s, u"2026-11"_s, {0, u"CHF"_s}, QString()},
    };
    const auto csv = ph::writeCsv(rows);
    QVERIFY2(csv.has_value(), qPrintable(errorText(csv)));
    QVERIFY(csv->startsWith("partner_id,partner_name,period,amount,currency,status\r\n"));
    QVERIFY(csv->contains("P1,\"Acme, Inc.\",2026-11,1234.50,USD,paid\r\n"));
    QVERIFY(csv->contains("\"The \"\"Best\"\"\nBots\""));

    const auto table = ph::parsePayoutsCsv(*csv);
    QVERIFY2(table.has_value(), qPrintable(errorText(table)));
    QVERIFY2(table->malformed.isEmpty(), qPrintable(describe(*table)));
    QCOMPARE(table->rows.size(), rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QCOMPARE(table->rows[i].partnerId, rows[i].partnerId);
        QCOMPARE(table->rows[i].partnerName, rows[i].partnerName);
        QCOMPARE(table->rows[i].period, rows[i].period);
        QCOMPARE(table->rows[i].amount, rows[i].amount);
        QCOMPARE(table->rows[i].status, rows[i].status);
    }
    // P2 starts on line 3 and its name runs onto line 4, so P3 starts on line 5.
    QCOMPARE(table->rows[1].line, 3);
    QCOMPARE(table->rows[2].line, 5);
}

void TestPayoutsCsv::writeRejectsBadCurrency()
{
    const auto csv = ph::writeCsv({{0, u"P1"_s, u"A"_s, u"2026-11"_s, {100, u"dollars"_s}, {}}});
    QVERIFY(!csv.has_value());
    QCOMPARE(csv.error().code, u"payouts.write"_s);
    QVERIFY(csv.error().message.contains(u"P1"_s));
}

void TestPayoutsCsv::fileName()
{
    QCOMPARE(ph::payoutsFileName(QDate(2026, 11, 23)), u"payouts_202611.csv"_s);
    QCOMPARE(ph::payoutsFileName(QDate(2027, 1, 1)), u"payouts_202701.csv"_s);
    QCOMPARE(ph::payoutsFileName(QDate()), QString());
}

QTEST_GUILESS_MAIN(TestPayoutsCsv)
#include "tst_payoutscsv.moc"
