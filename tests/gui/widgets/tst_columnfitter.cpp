// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/widgets/columnfitter.h"

#include <QHeaderView>
#include <QStandardItemModel>
#include <QTableView>
#include <QtTest>

using namespace Qt::StringLiterals;
using ph::ColumnFitter;

namespace {

/// Counts how often the view is asked to measure a column: the work the fitter saves.
class CountingTable : public QTableView
{
public:
    mutable int measured = 0;
    int sizeHintForColumn(int column) const override
    {
        ++measured;
        return QTableView::sizeHintForColumn(column);
    }
};

} // namespace

class TestColumnFitter : public QObject
{
    Q_OBJECT
private:
    struct Table
    {
        QStandardItemModel model{5, 3};
        CountingTable view;
        ColumnFitter *fitter = nullptr;
    };
    static void setUp(Table &t, int intervalMs)
    {
        for (int r = 0; r < 5; ++r) {
            for (int c = 0; c < 3; ++c)
                t.model.setItem(r, c, new QStandardItem(u"x"_s));
        }
        t.view.setModel(&t.model);
        t.view.horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t.view.horizontalHeader()->setStretchLastSection(true);
        t.view.resize(900, 300);
        t.fitter = new ColumnFitter(&t.view, t.view.horizontalHeader(), intervalMs);
        t.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&t.view));
        t.fitter->fitNow();
    }

private Q_SLOTS:
    void growsToLongerTextAndNeverShrinks()
    {
        Table t;
        setUp(t, 50);
        QHeaderView *h = t.view.horizontalHeader();
        QCOMPARE(h->sectionResizeMode(0), QHeaderView::Interactive);
        const int before = h->sectionSize(0);
        t.model.item(2, 0)->setText(u"a much longer service name than before"_s);
        QTRY_VERIFY(h->sectionSize(0) > before);
        const int wide = h->sectionSize(0);
        QVERIFY(wide >= static_cast<QAbstractItemView &>(t.view).sizeHintForColumn(0));

        t.model.item(2, 0)->setText(u"x"_s);
        t.fitter->fitNow();
        QCOMPARE(h->sectionSize(0), wide);
    }

    void measuresOncePerIntervalNotPerChange()
    {
        Table t;
        setUp(t, 200);
        t.view.measured = 0;
        // A burst of results, as probes deliver them: 100 changes to every column.
        for (int i = 0; i < 100; ++i) {
            for (int c = 0; c < 3; ++c)
                t.model.item(i % 5, c)->setText(QString::number(i));
        }
        QCoreApplication::processEvents();
        QCOMPARE(t.view.measured, 0);
        QTRY_VERIFY(t.view.measured > 0);
        QTest::qWait(50);
        // Columns 0 and 1 once each; the stretched last column is never measured.
        QCOMPARE(t.view.measured, 2);
    }

    void leavesAColumnTheUserSizedAlone()
    {
        Table t;
        setUp(t, 50);
        QHeaderView *h = t.view.horizontalHeader();
        h->resizeSection(1, 40); // as a drag on the header does
        t.model.item(0, 1)->setText(u"text far wider than forty pixels, surely"_s);
        t.model.item(0, 0)->setText(u"the first column does grow though"_s);
        const int first = h->sectionSize(0);
        QTRY_VERIFY(h->sectionSize(0) > first);
        QCOMPARE(h->sectionSize(1), 40);
    }
};

QTEST_MAIN(TestColumnFitter)
#include "tst_columnfitter.moc"
