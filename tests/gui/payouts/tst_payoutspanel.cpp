// SPDX-License-Identifier: GPL-3.0-or-later
// The Payouts & FinOps page: exact totals, malformed records kept out, filters, saving,
// and the live export, partner figures and errors from the simulator.
#include "demo/simulatorprocess.h"
#include "payouts/payoutscsv.h"
#include "probes/keyprovider.h"
#include "probes/servicefetcher.h"
#include "ui/payouts/payoutsmodel.h"
#include "ui/payouts/payoutspanel.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// BOM, CRLF, a quoted comma, a doubled quote, a line break inside quotes, two currencies,
// amounts that binary floating point cannot add exactly, and two broken records.
const QByteArray kCsv = "\xEF\xBB\xBFpartner_id,partner_name,period,amount,currency,status\r\n"
                        "PTR_001,Acme,2026-09,0.10,USD,paid\r\n"
                        "PTR_001,Acme,2026-10,0.20,USD,paid\r\n"
                        "PTR_002,\"Blue Harbor, LLC\",2026-10,1234.50,USD,pending\r\n"
                        "PTR_003,\"Nordlicht \"\"Labs\"\"\nGmbH\",2026-10,99.99,EUR,paid\r\n"
                        "PTR_004,Kestrel,2026-10,\"12,50\",USD,held\r\n"
                        "PTR_005,Short,2026-10\r\n"
                        "PTR_002,\"Blue Harbor, LLC\",2026-09,0.05,USD,paid\r\n";

QString totalOf(const QList<PayoutTotal> &totals, const QString &key, const QString &currency)
{
    for (const PayoutTotal &t : totals) {
        if (t.key == key && t.total.currency == currency)
            return t.total.toString();
    }
    return u"(none)"_s;
}

Service echopilot(const QUrl &base)
{
    Service s;
    s.name = u"echopilot-demo"_s;
    s.environment = u"demo"_s;
    s.profile = u"echopilot"_s;
    s.baseUrl = base;
    s.dashboardKeyRef = u"dash-key"_s;
    s.endpoints.append(
        {u"payouts"_s, u"/api/growth/payouts/export"_s, u"GET"_s, true, 200, false, false});
    s.endpoints.append(
        {u"partners"_s, u"/api/partners/dashboard"_s, u"GET"_s, true, 200, false, false});
    s.endpoints.append({u"finops"_s, u"/api/finops/summary?days=30"_s, u"GET"_s, true});
    return s;
}

} // namespace

class TestPayoutsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void exactTotalsAndMalformedRowsLeftOut()
    {
        PayoutsPanel panel;
        panel.setServices({echopilot(QUrl(u"http://127.0.0.1:1"_s))});
        panel.applyCsv(kCsv, u"test"_s, QDateTime::currentDateTimeUtc());

        QCOMPARE(panel.model()->rowCount(), 5);
        // Malformed records are listed with their physical line and shown, not dropped.
        auto *list = panel.findChild<QListWidget *>(u"payoutsMalformed"_s);
        QVERIFY(list);
        QCOMPARE(list->count(), 2);
        QVERIFY2(list->item(0)->text().startsWith(u"line 7"_s), qPrintable(list->item(0)->text()));
        QVERIFY2(list->item(1)->text().startsWith(u"line 8"_s), qPrintable(list->item(1)->text()));
        QVERIFY(!panel.findChild<QLabel *>(u"payoutsMalformedLabel"_s)->isHidden());

        const QList<PayoutTotal> perCurrency = panel.visibleTotals(u"currency"_s);
        QCOMPARE(totalOf(perCurrency, QString(), u"USD"_s), u"1234.85"_s);
        QCOMPARE(totalOf(perCurrency, QString(), u"EUR"_s), u"99.99"_s);
        const QList<PayoutTotal> perPartner = panel.visibleTotals(u"partner"_s);
        QCOMPARE(totalOf(perPartner, u"PTR_001"_s, u"USD"_s), u"0.30"_s);
        QCOMPARE(totalOf(perPartner, u"PTR_004"_s, u"USD"_s), u"(none)"_s);
        const QList<PayoutTotal> perPeriod = panel.visibleTotals(u"period"_s);
        QCOMPARE(totalOf(perPeriod, u"2026-09"_s, u"USD"_s), u"0.15"_s);
        QCOMPARE(totalOf(perPeriod, u"2026-10"_s, u"USD"_s), u"1234.70"_s);

        // The multi-line quoted name survives intact.
        bool sawNewline = false;
        for (const PayoutRow &r : panel.model()->rows())
            sawNewline = sawNewline || r.partnerName == u"Nordlicht \"Labs\"\nGmbH"_s;
        QVERIFY(sawNewline);
    }

    void filtersNarrowTheTotalsAndTheSavedFile()
    {
        QTemporaryDir dir;
        PayoutsPanel panel;
        panel.setServices({echopilot(QUrl(u"http://127.0.0.1:1"_s))});
        panel.applyCsv(kCsv, u"test"_s, QDateTime::currentDateTimeUtc());

        auto *period = panel.findChild<QComboBox *>(u"payoutsPeriod"_s);
        QCOMPARE(period->count(), 3); // all, 2026-09, 2026-10
        period->setCurrentIndex(period->findData(u"2026-10"_s));
        QCOMPARE(panel.filterModel()->rowCount(), 3);
        QCOMPARE(totalOf(panel.visibleTotals(u"currency"_s), QString(), u"USD"_s), u"1234.70"_s);
        QCOMPARE(panel.suggestedFileName(), u"payouts_202610.csv"_s);

        auto *filter = panel.findChild<QLineEdit *>(u"payoutsFilter"_s);
        QTest::keyClicks(filter, u"harbor"_s);
        QCOMPARE(panel.filterModel()->rowCount(), 1);
        QCOMPARE(totalOf(panel.visibleTotals(u"partner"_s), u"PTR_002"_s, u"USD"_s), u"1234.50"_s);

        // What is saved is exactly what is shown, and reads back the same.
        const QString path = dir.filePath(panel.suggestedFileName());
        auto saved = panel.saveVisibleRows(path);
        QVERIFY2(saved, qPrintable(saved ? QString() : saved.error().message));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto back = parsePayoutsCsv(f.readAll());
        QVERIFY(back);
        QCOMPARE(back->rows.size(), 1);
        QCOMPARE(back->rows.first().partnerName, u"Blue Harbor, LLC"_s);
        QCOMPARE(back->rows.first().amount.minor, 123450);

        // Sorting by amount is numeric (exact minor units), not textual.
        filter->clear();
        period->setCurrentIndex(0);
        panel.filterModel()->sort(PayoutsModel::AmountCol, Qt::DescendingOrder);
        QCOMPARE(panel.filterModel()->index(0, PayoutsModel::AmountCol).data().toString(),
                 u"1234.50"_s);
        QCOMPARE(panel.filterModel()->index(4, PayoutsModel::AmountCol).data().toString(),
                 u"0.05"_s);
    }

    void savingToAnUnwritablePlaceSaysSo()
    {
        PayoutsPanel panel;
        panel.applyCsv(kCsv, u"test"_s, QDateTime::currentDateTimeUtc());
        auto saved = panel.saveVisibleRows(u"/nonexistent-dir/payouts_202610.csv"_s);
        QVERIFY(!saved);
        QVERIFY(saved.error().message.contains(u"/nonexistent-dir"_s));
    }

    void unreadableExportKeepsThePreviousTable()
    {
        PayoutsPanel panel;
        panel.applyCsv(kCsv, u"test"_s, QDateTime::currentDateTimeUtc());
        panel.applyCsv("<html>Bad gateway</html>", u"test"_s, QDateTime::currentDateTimeUtc());
        QCOMPARE(panel.model()->rowCount(), 5);
        auto *error = panel.findChild<QLabel *>(u"payoutsError"_s);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(u"previous export"_s), qPrintable(error->text()));
    }

    void finopsFiguresAndMargin()
    {
        PayoutsPanel panel;
        const Service s = echopilot(QUrl(u"http://127.0.0.1:1"_s));
        panel.setServices({s});
        ProbeResult r;
        r.service = s.name;
        r.endpoint = u"finops"_s;
        r.statusCode = 200;
        r.url = u"http://127.0.0.1:1/api/finops/summary?days=30"_s;
        r.checkedAt = QDateTime::currentDateTimeUtc();
        r.body = "{\"days\":30,\"cost_usd\":1000.25,\"revenue_usd\":4000}";
        panel.applyResult(r);
        QCOMPARE(panel.findChild<QLabel *>(u"finopsCost"_s)->text(), u"1000.25 USD over 30 days"_s);
        QCOMPARE(panel.findChild<QLabel *>(u"finopsMargin"_s)->text(),
                 u"2999.75 USD (75.0 % of revenue)"_s);

        // A summary without the numbers leaves the figures and says why.
        r.body = "{\"days\":30}";
        panel.applyResult(r);
        QCOMPARE(panel.findChild<QLabel *>(u"finopsCost"_s)->text(), u"1000.25 USD over 30 days"_s);
        QVERIFY(panel.findChild<QLabel *>(u"finopsSource"_s)->text().contains(u"cost_usd"_s));
    }

    void liveExportPartnerAndErrors()
    {
        SimulatorProcess sim;
        auto started = sim.start({u"--seed"_s, u"7"_s, u"--no-jitter"_s, u"--key"_s, u"k3y"_s});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));

        StaticKeyProvider keys({{u"dash-key"_s, u"k3y"_s}});
        ServiceFetcher fetcher;
        fetcher.setKeyProvider(&keys);

        PayoutsPanel panel;
        panel.setFetcher(&fetcher);
        panel.setServices({echopilot(sim.baseUrl(u"echopilot"_s))});
        panel.show(); // first look fetches the export
        QTRY_COMPARE_WITH_TIMEOUT(panel.model()->rowCount(), 12, 10000);
        QVERIFY(panel.table().malformed.isEmpty());

        // The totals shown agree with the exact totals of the parsed export (the simulator's
        // amounts change with every request, so the panel's own export is the reference).
        QVERIFY(!panel.table().totalsByCurrency.isEmpty());
        for (const PayoutTotal &t : panel.table().totalsByCurrency) {
            QCOMPARE(totalOf(panel.visibleTotals(u"currency"_s), QString(), t.total.currency),
                     t.total.toString());
        }

        // Partner figures by id.
        auto *partner = panel.findChild<QLineEdit *>(u"partnerId"_s);
        partner->setText(u"PTR_002"_s);
        QTest::mouseClick(panel.findChild<QPushButton *>(u"partnerLookUp"_s), Qt::LeftButton);
        auto *result = panel.findChild<QLabel *>(u"partnerResult"_s);
        QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(u"Earnings:"_s), 10000);
        QVERIFY(result->text().contains(u"PTR_002"_s));
        QVERIFY(result->text().contains(u"Referrals:"_s));

        // A server error: said so, and the table keeps the last good export.
        SimulatorFault fault;
        fault.service = u"echopilot"_s;
        fault.path = u"/api/growth/payouts/export"_s;
        fault.mode = u"status"_s;
        fault.status = 503;
        QVERIFY(sim.injectFault(fault));
        panel.refresh();
        auto *error = panel.findChild<QLabel *>(u"payoutsError"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 10000);
        QVERIFY2(error->text().contains(u"previous export"_s), qPrintable(error->text()));
        QCOMPARE(panel.model()->rowCount(), 12);

        // Recovered: the error goes away.
        QVERIFY(sim.clearFaults());
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(error->isHidden(), 10000);

        // Without the key nothing is fetched, and the panel says why.
        keys.removeKey(u"dash-key"_s);
        panel.refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden(), 10000);
        QCOMPARE(panel.model()->rowCount(), 12);
    }
};

QTEST_MAIN(TestPayoutsPanel)
#include "tst_payoutspanel.moc"
