// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "storage/database.h"
#include "ui/audit/auditview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
namespace {

// Screens for a human to look at: PILOTHOUSE_SCREENSHOT_DIR=/some/dir runs save them there.
void saveShot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PILOTHOUSE_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + u".png"_s);
}
} // namespace
using ph::AuditEvent;
using ph::AuditKind;
using ph::AuditView;

namespace {

QDateTime utc(const QString &iso)
{
    QDateTime at = QDateTime::fromString(iso, Qt::ISODate);
    at.setTimeZone(QTimeZone::utc());
    return at;
}

AuditEvent makeEvent(AuditKind kind, const QString &actor, const QString &env, const QString &host,
                     const QString &command, std::optional<int> exit, const QString &at,
                     ph::ConfirmedBy by = ph::ConfirmedBy::None)
{
    AuditEvent e;
    e.kind = kind;
    e.actor = actor;
    e.environment = env;
    e.host = host;
    e.command = command;
    e.exitStatus = exit;
    e.at = utc(at);
    e.confirmedBy = by;
    return e;
}

QList<qint64> shownSeqs(const AuditView &view)
{
    QList<qint64> seqs;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        seqs << view.model()->item(row, AuditView::SeqColumn)->text().toLongLong();
    return seqs;
}

} // namespace

class TestAuditView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsSeededRecords();
    void filtersNarrow_data();
    void filtersNarrow();
    void verifyOk();
    void verifyNamesTamperedRecord();
    void verifyWithoutKeySaysSo();
    void exportWritesCsv();
    void exportToUnwritablePlaceFails();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<ph::Database> m_db;
    QByteArray m_key;
};

void TestAuditView::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto db = ph::Database::open(m_dir->filePath(u"pilothouse.sqlite"_s));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
    m_key = ph::generateSealKey();
    const ph::AuditLog log(m_db, m_key);
    const QList<AuditEvent> events = {
        makeEvent(AuditKind::Command, u"alice"_s, u"staging"_s, u"web-1"_s, u"uptime"_s, 0,
                  u"2026-01-10T10:00:00"_s),
        makeEvent(AuditKind::Confirmation, u"bob"_s, u"production"_s, u"db-1"_s,
                  u"systemctl restart mongod"_s, std::nullopt, u"2026-01-11T09:00:00"_s,
                  ph::ConfirmedBy::TypedName),
        makeEvent(AuditKind::Command, u"bob"_s, u"production"_s, u"db-1"_s,
                  u"systemctl restart mongod"_s, 0, u"2026-01-11T09:00:05"_s,
                  ph::ConfirmedBy::TypedName),
        makeEvent(AuditKind::HostKey, u"alice"_s, u"production"_s, u"web-2"_s, QString(),
                  std::nullopt, u"2026-01-12T08:00:00"_s),
        makeEvent(AuditKind::Command, u"carol"_s, u"staging"_s, u"web-1"_s, u"df -h"_s, 1,
                  u"2026-01-13T12:00:00"_s),
    };
    for (const AuditEvent &e : events) {
        auto appended = log.append(e);
        QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().toString()));
    }
}

void TestAuditView::cleanup()
{
    if (m_db)
        m_db->releaseThreadConnection();
    m_db.reset();
    m_dir.reset();
}

void TestAuditView::listsSeededRecords()
{
    AuditView view(m_db);
    view.show();
    QTRY_COMPARE(shownSeqs(view), (QList<qint64>{1, 2, 3, 4, 5}));
    const QStandardItemModel *m = view.model();
    QCOMPARE(m->item(0, AuditView::TimeColumn)->text(), u"2026-01-10 10:00:00"_s);
    QCOMPARE(m->item(0, AuditView::ActorColumn)->text(), u"alice"_s);
    QCOMPARE(m->item(0, AuditView::CommandColumn)->text(), u"uptime"_s);
    QCOMPARE(m->item(0, AuditView::ExitColumn)->text(), u"0"_s);
    QCOMPARE(m->item(2, AuditView::EnvironmentColumn)->text(), u"production"_s);
    QCOMPARE(m->item(2, AuditView::HostColumn)->text(), u"db-1"_s);
    QCOMPARE(m->item(2, AuditView::ConfirmedByColumn)->text(), u"typed name"_s);
    QCOMPARE(m->item(3, AuditView::KindColumn)->text(), u"Host key"_s);
    QCOMPARE(m->item(3, AuditView::ExitColumn)->text(), QString());
    QCOMPARE(m->item(4, AuditView::ExitColumn)->text(), u"1"_s);
}

void TestAuditView::filtersNarrow_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QDateTime>("from");
    QTest::addColumn<QDateTime>("to");
    QTest::addColumn<QList<qint64>>("expected");
    const QDateTime none;
    QTest::newRow("text") << u"RESTART"_s << QString() << QString() << QString() << none << none
                          << QList<qint64>{2, 3};
    QTest::newRow("environment") << QString() << u"production"_s << QString() << QString() << none
                                 << none << QList<qint64>{2, 3, 4};
    QTest::newRow("host") << QString() << QString() << u"web-1"_s << QString() << none << none
                          << QList<qint64>{1, 5};
    QTest::newRow("kind") << QString() << QString() << QString() << u"hostkey"_s << none << none
                          << QList<qint64>{4};
    QTest::newRow("date range") << QString() << QString() << QString() << QString()
                                << utc(u"2026-01-11T00:00:00"_s) << utc(u"2026-01-12T08:00:00"_s)
                                << QList<qint64>{2, 3};
    QTest::newRow("text and environment")
        << u"alice"_s << u"staging"_s << QString() << QString() << none << none << QList<qint64>{1};
    QTest::newRow("nothing matches") << u"no such thing"_s << QString() << QString() << QString()
                                     << none << none << QList<qint64>{};
}

void TestAuditView::filtersNarrow()
{
    QFETCH(QString, text);
    QFETCH(QString, environment);
    QFETCH(QString, host);
    QFETCH(QString, kind);
    QFETCH(QDateTime, from);
    QFETCH(QDateTime, to);
    QFETCH(QList<qint64>, expected);

    AuditView view(m_db);
    view.setChoices({u"staging"_s, u"production"_s}, {u"web-1"_s, u"web-2"_s, u"db-1"_s});
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 5);

    view.findChild<QLineEdit *>(u"auditTextFilter"_s)->setText(text);
    view.findChild<QComboBox *>(u"auditEnvironmentFilter"_s)->setCurrentText(environment);
    view.findChild<QComboBox *>(u"auditHostFilter"_s)->setCurrentText(host);
    auto *kindBox = view.findChild<QComboBox *>(u"auditKindFilter"_s);
    kindBox->setCurrentIndex(kindBox->findData(kind));
    if (from.isValid()) {
        view.findChild<QCheckBox *>(u"auditFromEnabled"_s)->setChecked(true);
        view.findChild<QDateTimeEdit *>(u"auditFrom"_s)->setDateTime(from);
    }
    if (to.isValid()) {
        view.findChild<QCheckBox *>(u"auditToEnabled"_s)->setChecked(true);
        view.findChild<QDateTimeEdit *>(u"auditTo"_s)->setDateTime(to);
    }
    QTRY_COMPARE(shownSeqs(view), expected);
    QCOMPARE(view.statusText(),
             expected.size() == 1 ? u"1 record(s)"_s : u"%1 record(s)"_s.arg(expected.size()));

    // Clearing brings everything back.
    view.findChild<QPushButton *>(u"auditClearFilters"_s)->click();
    QTRY_COMPARE(view.model()->rowCount(), 5);
}

void TestAuditView::verifyOk()
{
    AuditView view(m_db);
    view.setStoredSealKey(QString::fromLatin1(m_key.toBase64()));
    view.show();
    QSignalSpy verified(&view, &AuditView::chainVerified);
    view.findChild<QPushButton *>(u"auditVerify"_s)->click();
    QVERIFY(verified.wait());
    QCOMPARE(verified.constFirst().at(0).toBool(), true);
    QVERIFY2(view.verifyText().startsWith(u"Chain OK"_s), qPrintable(view.verifyText()));
    QVERIFY2(view.verifyText().contains(u'5'), qPrintable(view.verifyText()));
}

void TestAuditView::verifyNamesTamperedRecord()
{
    {
        // What an attacker with the file could do: lift the guard and edit record 3.
        auto connection = m_db->connection();
        QVERIFY(connection);
        QSqlQuery q(*connection);
        QVERIFY2(q.exec(u"DROP TRIGGER audit_log_no_update"_s), qPrintable(q.lastError().text()));
        QVERIFY2(q.exec(u"UPDATE audit_log SET record_json = replace(record_json, 'mongod', "
                        "'mongoe') WHERE seq = 3"_s),
                 qPrintable(q.lastError().text()));
        QCOMPARE(q.numRowsAffected(), 1);
    }
    AuditView view(m_db);
    view.setSealKey(m_key);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 5);
    // Hide record 3 behind a filter: the check must still show it.
    view.findChild<QComboBox *>(u"auditEnvironmentFilter"_s)->setCurrentText(u"staging"_s);
    QTRY_COMPARE(shownSeqs(view), (QList<qint64>{1, 5}));

    QSignalSpy verified(&view, &AuditView::chainVerified);
    view.verifyChain();
    QVERIFY(verified.wait());
    QCOMPARE(verified.constFirst().at(0).toBool(), false);
    QCOMPARE(verified.constFirst().at(1).toLongLong(), 3);
    QVERIFY2(view.verifyText().contains(u"record 3"_s), qPrintable(view.verifyText()));
    QVERIFY(view.verifyText().contains(u"BROKEN"_s));
    QTRY_COMPARE(view.model()->rowCount(), 5);
    QTRY_COMPARE(view.selectedSeq(), 3);
    saveShot(&view, u"auditview-broken"_s);
}

void TestAuditView::verifyWithoutKeySaysSo()
{
    AuditView view(m_db);
    view.setStoredSealKey(ph::fail(u"keychain.not_found"_s, u"not set"_s));
    view.show();
    QSignalSpy verified(&view, &AuditView::chainVerified);
    view.verifyChain();
    QVERIFY(verified.wait());
    QCOMPARE(verified.constFirst().at(0).toBool(), false);
    QCOMPARE(verified.constFirst().at(1).toLongLong(), -1);
    QVERIFY2(view.verifyText().contains(u"cannot be checked"_s), qPrintable(view.verifyText()));
    QCOMPARE(view.selectedSeq(), -1);
}

void TestAuditView::exportWritesCsv()
{
    AuditView view(m_db);
    view.show();
    QTRY_COMPARE(view.model()->rowCount(), 5);
    view.findChild<QLineEdit *>(u"auditTextFilter"_s)->setText(u"df -h"_s);
    QTRY_COMPARE(shownSeqs(view), (QList<qint64>{5}));
    const QString path = m_dir->filePath(u"out.csv"_s);
    QSignalSpy exported(&view, &AuditView::csvExported);
    view.exportCsvTo(path);
    QVERIFY(exported.wait());
    QCOMPARE(exported.constFirst().at(1).toBool(), true);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QVERIFY(lines.at(0).startsWith("seq,at,kind,actor,environment,host,command"));
    QVERIFY2(lines.at(1).startsWith("5,2026-01-13T12:00:00.000Z,command,carol,staging,web-1,df -h"),
             lines.at(1).constData());
    QCOMPARE(lines.size(), 3); // header, one record, the empty rest after the last CRLF
}

void TestAuditView::exportToUnwritablePlaceFails()
{
    AuditView view(m_db);
    QTRY_COMPARE(view.model()->rowCount(), 5); // the first load, so it cannot overwrite the news
    const QString path = m_dir->filePath(u"no/such/folder/out.csv"_s);
    QSignalSpy exported(&view, &AuditView::csvExported);
    view.exportCsvTo(path);
    QVERIFY(exported.wait());
    QCOMPARE(exported.constFirst().at(1).toBool(), false);
    QVERIFY2(view.statusText().contains(u"Could not write"_s), qPrintable(view.statusText()));
    QVERIFY(!QFile::exists(path));
}

QTEST_MAIN(TestAuditView)
#include "tst_auditview.moc"
