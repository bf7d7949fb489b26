// SPDX-License-Identifier: GPL-3.0-or-later
// The host-key dialog on its own: which button gives which decision, and the refusal box.
#include "ui/dialogs/hostkeydialog.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

Q_DECLARE_METATYPE(ph::HostKeyDecision)

class TestHostKeyDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsTheKey();
    void buttonsMapToDecisions_data();
    void buttonsMapToDecisions();
    void rejectIsTheDefault();
    void escapeRejects();
    void decisionNames();
    void changedKeyOffersNoWayOn();
};

namespace {

HostKeyDialog *makeDialog()
{
    return new HostKeyDialog(u"web-1"_s, u"10.0.0.5"_s, 2222, u"ssh-ed25519"_s,
                             u"SHA256:abcDEF0123456789"_s);
}

} // namespace

void TestHostKeyDialog::showsTheKey()
{
    std::unique_ptr<HostKeyDialog> dialog(makeDialog());
    QCOMPARE(dialog->findChild<QLabel *>(u"hostKeyHost"_s)->text(), u"web-1 (10.0.0.5)"_s);
    QCOMPARE(dialog->findChild<QLabel *>(u"hostKeyPort"_s)->text(), u"2222"_s);
    QCOMPARE(dialog->findChild<QLabel *>(u"hostKeyType"_s)->text(), u"ssh-ed25519"_s);
    QCOMPARE(dialog->findChild<QLabel *>(u"hostKeyFingerprint"_s)->text(),
             u"SHA256:abcDEF0123456789"_s);
    QCOMPARE(dialog->decision(), HostKeyDecision::Reject);
}

void TestHostKeyDialog::buttonsMapToDecisions_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<HostKeyDecision>("decision");
    QTest::addColumn<int>("result");
    QTest::newRow("accept once") << u"acceptOnceButton"_s << HostKeyDecision::AcceptOnce
                                 << int(QDialog::Accepted);
    QTest::newRow("accept and remember")
        << u"acceptSaveButton"_s << HostKeyDecision::AcceptAndSave << int(QDialog::Accepted);
    QTest::newRow("reject") << u"rejectButton"_s << HostKeyDecision::Reject
                            << int(QDialog::Rejected);
}

void TestHostKeyDialog::buttonsMapToDecisions()
{
    QFETCH(QString, button);
    QFETCH(HostKeyDecision, decision);
    QFETCH(int, result);
    std::unique_ptr<HostKeyDialog> dialog(makeDialog());
    QSignalSpy decided(dialog.get(), &HostKeyDialog::decided);
    dialog->open();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    auto *b = dialog->findChild<QPushButton *>(button);
    QVERIFY(b);
    QTest::mouseClick(b, Qt::LeftButton);
    QCOMPARE(dialog->result(), result);
    QCOMPARE(dialog->decision(), decision);
    QCOMPARE(decided.size(), 1);
    QCOMPARE(decided.at(0).at(0).value<HostKeyDecision>(), decision);
    // Closing again must not report a second answer.
    dialog->reject();
    QCOMPARE(decided.size(), 1);
}

void TestHostKeyDialog::rejectIsTheDefault()
{
    std::unique_ptr<HostKeyDialog> dialog(makeDialog());
    QVERIFY(dialog->findChild<QPushButton *>(u"rejectButton"_s)->isDefault());
    for (const QString &name : {u"acceptOnceButton"_s, u"acceptSaveButton"_s}) {
        auto *b = dialog->findChild<QPushButton *>(name);
        QVERIFY2(!b->isDefault() && !b->autoDefault(), qPrintable(name));
    }
    // Enter takes the default button: the key is rejected.
    QSignalSpy decided(dialog.get(), &HostKeyDialog::decided);
    dialog->open();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    QTest::keyClick(dialog.get(), Qt::Key_Return);
    QCOMPARE(decided.size(), 1);
    QCOMPARE(decided.at(0).at(0).value<HostKeyDecision>(), HostKeyDecision::Reject);
}

void TestHostKeyDialog::escapeRejects()
{
    std::unique_ptr<HostKeyDialog> dialog(makeDialog());
    QSignalSpy decided(dialog.get(), &HostKeyDialog::decided);
    dialog->open();
    QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
    QTest::keyClick(dialog.get(), Qt::Key_Escape);
    QCOMPARE(decided.size(), 1);
    QCOMPARE(decided.at(0).at(0).value<HostKeyDecision>(), HostKeyDecision::Reject);
}

void TestHostKeyDialog::decisionNames()
{
    QCOMPARE(HostKeyDialog::decisionName(HostKeyDecision::AcceptOnce), u"accept-once"_s);
    QCOMPARE(HostKeyDialog::decisionName(HostKeyDecision::AcceptAndSave), u"accept-and-save"_s);
    QCOMPARE(HostKeyDialog::decisionName(HostKeyDecision::Reject), u"reject"_s);
}

void TestHostKeyDialog::changedKeyOffersNoWayOn()
{
    const Error error{u"ssh.hostkey_changed"_s,
                      u"WARNING: the host key of [10.0.0.5]:2222 has CHANGED. Known key: "
                      "SHA256:old. Key offered now: SHA256:new."_s,
                      u"/k:3 has ssh-ed25519 SHA256:old; server offers ssh-ed25519 SHA256:new"_s};
    std::unique_ptr<QMessageBox> box(HostKeyDialog::changedKeyRefusal(error, u"web-1"_s));
    QCOMPARE(box->icon(), QMessageBox::Critical);
    QVERIFY(box->text().contains(u"web-1"_s));
    QVERIFY(box->informativeText().contains(u"SHA256:old"_s));
    QVERIFY(box->informativeText().contains(u"SHA256:new"_s));
    QCOMPARE(box->detailedText(), error.detail);
    // Only a way out: no button accepts the key.
    QCOMPARE(box->standardButtons(), QMessageBox::StandardButtons(QMessageBox::Close));
    // "Show Details…" is the only other button, and it only shows the detail.
    for (QAbstractButton *b : box->buttons()) {
        const QMessageBox::ButtonRole role = box->buttonRole(b);
        QVERIFY2(role != QMessageBox::AcceptRole && role != QMessageBox::YesRole &&
                     role != QMessageBox::ApplyRole,
                 qPrintable(b->text()));
    }
}

QTEST_MAIN(TestHostKeyDialog)
#include "tst_hostkeydialog.moc"
