// SPDX-License-Identifier: GPL-3.0-or-later
// The window's Audit log, Known hosts and ~/.ssh/config import actions, wired to a Console.
#include "audit/auditlog.h"
#include "console/console.h"
#include "ui/audit/auditview.h"
#include "ui/consolewindowbinder.h"
#include "ui/dialogs/sshconfigimportdialog.h"
#include "ui/mainwindow.h"
#include "ui/settings/knownhostspage.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(data) == data.size();
}

} // namespace

class TestWindowActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importAddsHostsBesideTheWorkspace();
    void auditLogOpensOnTheConsoleDatabase();
    void knownHostsOpens();

private:
    void openConsole(Console &console);
    QTemporaryDir m_dir;
};

void TestWindowActions::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The test's HOME is private (see PilothouseTest.cmake): its ~/.ssh/config is ours.
    QVERIFY(QDir::homePath().contains(u"testhome"_s));
    QVERIFY(writeFile(QDir::homePath() + u"/.ssh/config"_s, "Host web-1 app db\n"
                                                            "  HostName %h.example.net\n"
                                                            "Match all\n"));
    QVERIFY(writeFile(m_dir.filePath(u"workspace.json"_s),
                      "{\"schema_version\": 2, \"name\": \"actions\",\n"
                      " \"environments\": [{\"name\": \"staging\"}],\n"
                      " \"hosts\": [{\"name\": \"web-1\", \"environment\": \"staging\",\n"
                      "              \"address\": \"10.0.0.1\"}]}\n"));
}

void TestWindowActions::openConsole(Console &console)
{
    Console::Options options;
    options.workspacePath = m_dir.filePath(u"workspace.json"_s);
    options.databasePath = m_dir.filePath(u"actions.sqlite"_s);
    options.keychainService = u"pilothouse-test"_s;
    auto opened = console.open(options);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
}

void TestWindowActions::importAddsHostsBesideTheWorkspace()
{
    Console console;
    openConsole(console);
    MainWindow window;
    ConsoleWindowBinder binder(&console, &window);
    window.show();
    window.findChild<QAction *>(u"importSshConfigAction"_s)->trigger();
    auto *dialog = window.findChild<SshConfigImportDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->importButton()->isEnabled());
    QCOMPARE(dialog->hostTable()->rowCount(), 3);
    dialog->importButton()->click();
    // web-1 is the workspace's own host: the workspace wins, the other two are added.
    QTRY_VERIFY2(window.statusBar()->currentMessage().contains(u"Imported 2 host(s)"_s),
                 qPrintable(window.statusBar()->currentMessage()));
    QVERIFY(window.statusBar()->currentMessage().contains(u"ad-hoc"_s));
    // The workspace file is the user's: untouched.
    QFile ws(m_dir.filePath(u"workspace.json"_s));
    QVERIFY(ws.open(QIODevice::ReadOnly));
    QVERIFY(!ws.readAll().contains("example.net"));
}

void TestWindowActions::auditLogOpensOnTheConsoleDatabase()
{
    Console console;
    openConsole(console);
    QVERIFY(console.database());
    AuditEvent e;
    e.command = u"uptime"_s;
    e.environment = u"staging"_s;
    QVERIFY(AuditLog(console.database(), QByteArray(32, 'k')).append(e));

    MainWindow window;
    ConsoleWindowBinder binder(&console, &window);
    window.show();
    window.findChild<QAction *>(u"auditLogAction"_s)->trigger();
    auto *view = window.findChild<AuditView *>();
    QVERIFY(view);
    QVERIFY(view->isWindow());
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->item(0, AuditView::CommandColumn)->text(), u"uptime"_s);
    // A second request brings the same window forward.
    window.findChild<QAction *>(u"auditLogAction"_s)->trigger();
    QCOMPARE(window.findChildren<AuditView *>().size(), 1);
    view->close();
}

void TestWindowActions::knownHostsOpens()
{
    Console console;
    openConsole(console);
    MainWindow window;
    ConsoleWindowBinder binder(&console, &window);
    window.show();
    window.findChild<QAction *>(u"knownHostsAction"_s)->trigger();
    QVERIFY(window.findChild<KnownHostsPage *>());
}

QTEST_MAIN(TestWindowActions)
#include "tst_windowactions.moc"
