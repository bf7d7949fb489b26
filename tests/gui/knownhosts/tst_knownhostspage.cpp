// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/settings/knownhostspage.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

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
using ph::KnownHostsPage;

namespace {

const QByteArray kKey =
    " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM05lpO+ZVuTnE2sF4jbLgM/OkINASfwOSmayGufxDFd";
const QString kFingerprint = u"SHA256:dTYI/EZD5CEhteuWj6yJCIIPtSaAriVobrYv8PEsq8g"_s;

const QByteArray kConsoleLine1 = "[127.0.0.1]:2222" + kKey + "\n";
const QByteArray kConsoleLine2 = "example.org" + kKey + "\n";
const QByteArray kConsoleLine3 = "[127.0.0.1]:2223" + kKey + "\n";

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

QStringList column(const QTableWidget *table, int col)
{
    QStringList cells;
    for (int row = 0; row < table->rowCount(); ++row)
        cells << table->item(row, col)->text();
    return cells;
}

} // namespace

class TestKnownHostsPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void listsBothFiles();
    void removeNeedsTheExactHostName_data();
    void removeNeedsTheExactHostName();
    void removeDropsOnlyThatEntry();
    void keygenCommandIsExact_data();
    void keygenCommandIsExact();
    void unreadableFileIsShown();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_console;
    QString m_user;
};

void TestKnownHostsPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_console = m_dir->filePath(u"console_known_hosts"_s);
    m_user = m_dir->filePath(u"user_known_hosts"_s);
    QVERIFY(writeFile(m_console, kConsoleLine1 + kConsoleLine2 + kConsoleLine3));
    QVERIFY(writeFile(m_user, "# OpenSSH's\n"
                              "github.com" +
                                  kKey +
                                  "\n"
                                  "[git.corp]:2200" +
                                  kKey +
                                  "\n"
                                  "|1|jDYVTi0O5xoI069WpHuXUowpnUM=|KIbSRT6/olfRBekmgHajlZmERw4=" +
                                  kKey + "\n"));
}

void TestKnownHostsPage::listsBothFiles()
{
    KnownHostsPage page(m_console, m_user);
    QSignalSpy loaded(&page, &KnownHostsPage::loaded);
    QVERIFY(loaded.wait());
    QCOMPARE(column(page.consoleTable(), KnownHostsPage::HostColumn),
             (QStringList{u"127.0.0.1"_s, u"example.org"_s, u"127.0.0.1"_s}));
    QCOMPARE(column(page.consoleTable(), KnownHostsPage::PortColumn),
             (QStringList{u"2222"_s, u"22"_s, u"2223"_s}));
    QCOMPARE(column(page.consoleTable(), KnownHostsPage::FingerprintColumn),
             (QStringList{kFingerprint, kFingerprint, kFingerprint}));
    QCOMPARE(column(page.userTable(), KnownHostsPage::HostColumn),
             (QStringList{u"github.com"_s, u"git.corp"_s, u"hashed"_s}));
    QCOMPARE(column(page.userTable(), KnownHostsPage::TypeColumn),
             (QStringList{u"ssh-ed25519"_s, u"ssh-ed25519"_s, u"ssh-ed25519"_s}));
}

void TestKnownHostsPage::removeNeedsTheExactHostName_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("enabled");
    QTest::newRow("nothing typed") << 0 << QString() << false;
    QTest::newRow("prefix") << 0 << u"127.0.0"_s << false;
    QTest::newRow("trailing space") << 0 << u"127.0.0.1 "_s << false;
    QTest::newRow("with port") << 0 << u"[127.0.0.1]:2222"_s << false;
    QTest::newRow("another host") << 0 << u"example.org"_s << false;
    QTest::newRow("exact") << 0 << u"127.0.0.1"_s << true;
    QTest::newRow("case differs") << 1 << u"Example.org"_s << false;
    QTest::newRow("exact, port 22") << 1 << u"example.org"_s << true;
}

void TestKnownHostsPage::removeNeedsTheExactHostName()
{
    QFETCH(int, row);
    QFETCH(QString, typed);
    QFETCH(bool, enabled);
    KnownHostsPage page(m_console, m_user);
    page.show();
    QSignalSpy loaded(&page, &KnownHostsPage::loaded);
    QVERIFY(loaded.wait());
    auto *name = page.findChild<QLineEdit *>(u"removeConfirmName"_s);
    auto *remove = page.findChild<QPushButton *>(u"removeHostKey"_s);
    QVERIFY(name && remove);
    QVERIFY(!remove->isEnabled());
    QVERIFY(!name->isEnabled()); // nothing selected yet
    page.consoleTable()->selectRow(row);
    QVERIFY(name->isEnabled());
    QVERIFY(!remove->isEnabled());
    QTest::keyClicks(name, typed);
    QCOMPARE(remove->isEnabled(), enabled);
    // Enter in the field never removes anything by itself.
    QTest::keyClick(name, Qt::Key_Return);
    QCOMPARE(readFile(m_console), kConsoleLine1 + kConsoleLine2 + kConsoleLine3);
    // Choosing another entry starts over.
    page.consoleTable()->selectRow(2);
    QVERIFY(name->text().isEmpty());
    QVERIFY(!remove->isEnabled());
}

void TestKnownHostsPage::removeDropsOnlyThatEntry()
{
    KnownHostsPage page(m_console, m_user);
    page.show();
    QSignalSpy loaded(&page, &KnownHostsPage::loaded);
    QVERIFY(loaded.wait());
    const QByteArray userBefore = readFile(m_user);
    page.consoleTable()->selectRow(0);
    QTest::keyClicks(page.findChild<QLineEdit *>(u"removeConfirmName"_s), u"127.0.0.1"_s);
    QSignalSpy removed(&page, &KnownHostsPage::removeFinished);
    page.findChild<QPushButton *>(u"removeHostKey"_s)->click();
    QVERIFY(removed.wait());
    QCOMPARE(removed.constFirst().at(0).toString(), u"127.0.0.1"_s);
    QCOMPARE(removed.constFirst().at(1).toInt(), 2222);
    QCOMPARE(removed.constFirst().at(2).toString(), QString());
    // Only that line went; the same address on another port and the rest are untouched.
    QCOMPARE(readFile(m_console), kConsoleLine2 + kConsoleLine3);
    QCOMPARE(readFile(m_user), userBefore);
    QTRY_COMPARE(column(page.consoleTable(), KnownHostsPage::PortColumn),
                 (QStringList{u"22"_s, u"2223"_s}));
    QVERIFY(
        page.findChild<QLabel *>(u"knownHostsStatus"_s)->text().contains(u"[127.0.0.1]:2222"_s));
}

void TestKnownHostsPage::keygenCommandIsExact_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("hint");
    QTest::newRow("port 22") << 0 << u"ssh-keygen -R github.com"_s << false;
    QTest::newRow("other port") << 1 << u"ssh-keygen -R \"[git.corp]:2200\""_s << false;
    QTest::newRow("hashed") << 2 << u"ssh-keygen -R HOST"_s << true;
}

void TestKnownHostsPage::keygenCommandIsExact()
{
    QFETCH(int, row);
    QFETCH(QString, command);
    QFETCH(bool, hint);
    KnownHostsPage page(m_console, m_user);
    page.show();
    QSignalSpy loaded(&page, &KnownHostsPage::loaded);
    QVERIFY(loaded.wait());
    auto *copy = page.findChild<QPushButton *>(u"copyKeygenCommand"_s);
    QVERIFY(!copy->isEnabled());
    page.userTable()->selectRow(row);
    QCOMPARE(page.findChild<QLineEdit *>(u"keygenCommand"_s)->text(), command);
    QCOMPARE(page.findChild<QLabel *>(u"keygenHint"_s)->isVisible(), hint);
    QVERIFY(copy->isEnabled());
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), command);
    page.consoleTable()->selectRow(0);
    QTest::keyClicks(page.findChild<QLineEdit *>(u"removeConfirmName"_s), u"127.0"_s);
    saveShot(&page,
             u"knownhosts-"_s + QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-'));
}

void TestKnownHostsPage::unreadableFileIsShown()
{
    // A folder where the user's file should be: the page says so and still lists its own.
    QVERIFY(QFile::remove(m_user));
    QVERIFY(QDir().mkdir(m_user));
    KnownHostsPage page(m_console, m_user);
    page.show();
    QSignalSpy loaded(&page, &KnownHostsPage::loaded);
    QVERIFY(loaded.wait());
    QCOMPARE(page.consoleTable()->rowCount(), 3);
    QCOMPARE(page.userTable()->rowCount(), 0);
    bool shown = false;
    for (const QLabel *label : page.findChildren<QLabel *>()) {
        if (label->isVisible() && label->text().contains(u"Could not read"_s) &&
            label->text().contains(m_user))
            shown = true;
    }
    QVERIFY(shown);
}

QTEST_MAIN(TestKnownHostsPage)
#include "tst_knownhostspage.moc"
