// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dialogs/sshconfigimportdialog.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
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
using ph::SshConfigImportDialog;

class TestSshConfigImportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsHostsAndNotes();
    void missingFileSaysSoAndImportsNothing();
    void menuActionsAsk();
};

void TestSshConfigImportDialog::listsHostsAndNotes()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"config"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Host bastion\n"
               "  HostName 203.0.113.1\n"
               "  Port 2222\n"
               "  User jump\n"
               "Match host *.corp\n"
               "Host app\n"
               "  IdentityFile /keys/app\n"
               "  ProxyJump bastion\n");
    file.close();

    SshConfigImportDialog dialog(path, {u"staging"_s, u"production"_s});
    dialog.show();
    QSignalSpy loaded(&dialog, &SshConfigImportDialog::loaded);
    QVERIFY(loaded.wait());
    QTableWidget *t = dialog.hostTable();
    QCOMPARE(t->rowCount(), 2);
    const QStringList bastion{u"bastion"_s, u"203.0.113.1"_s, u"2222"_s,
                              u"jump"_s,    QString(),        QString()};
    for (int c = 0; c < SshConfigImportDialog::ColumnCount; ++c)
        QCOMPARE(t->item(0, c)->text(), bastion[c]);
    QCOMPARE(t->item(1, SshConfigImportDialog::IdentityColumn)->text(), u"/keys/app"_s);
    QCOMPARE(t->item(1, SshConfigImportDialog::JumpColumn)->text(), u"bastion"_s);
    QCOMPARE(t->item(1, SshConfigImportDialog::UserColumn)->text(), u"(your user)"_s);
    QVERIFY(dialog.hosts().at(1).user.isEmpty());
    QCOMPARE(dialog.noteList()->count(), 1);
    QVERIFY2(dialog.noteList()->item(0)->text().contains(u"config:5: "_s),
             qPrintable(dialog.noteList()->item(0)->text()));
    QVERIFY(dialog.noteList()->item(0)->text().contains(u"Match"_s));
    saveShot(&dialog, u"sshconfigimport"_s);

    QCOMPARE(dialog.environment(), u"ad-hoc"_s);
    QVERIFY(dialog.importButton()->isEnabled());
    for (const ph::Host &h : dialog.hosts())
        QCOMPARE(h.environment, u"ad-hoc"_s);
    auto *env = dialog.findChild<QComboBox *>(u"sshConfigEnvironment"_s);
    env->setCurrentText(u"staging"_s);
    QCOMPARE(dialog.hosts().size(), 2);
    for (const ph::Host &h : dialog.hosts())
        QCOMPARE(h.environment, u"staging"_s);
    // No environment, no import.
    env->setCurrentText(QString());
    QVERIFY(!dialog.importButton()->isEnabled());
    env->setCurrentText(u"staging"_s);
    QVERIFY(dialog.importButton()->isEnabled());
    dialog.importButton()->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestSshConfigImportDialog::missingFileSaysSoAndImportsNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"no-config"_s);
    SshConfigImportDialog dialog(path, {});
    QSignalSpy loaded(&dialog, &SshConfigImportDialog::loaded);
    QVERIFY(loaded.wait());
    QCOMPARE(dialog.hostTable()->rowCount(), 0);
    QVERIFY(!dialog.importButton()->isEnabled());
    QVERIFY(dialog.hosts().isEmpty());
    const QString summary = dialog.findChild<QLabel *>(u"sshConfigSummary"_s)->text();
    QVERIFY2(summary.contains(path) && summary.contains(u"Could not read"_s), qPrintable(summary));
}

void TestSshConfigImportDialog::menuActionsAsk()
{
    ph::MainWindow window;
    const struct
    {
        const char *action;
        void (ph::MainWindow::*signal)();
    } actions[] = {
        {"importSshConfigAction", &ph::MainWindow::sshConfigImportRequested},
        {"knownHostsAction", &ph::MainWindow::knownHostsRequested},
        {"auditLogAction", &ph::MainWindow::auditLogRequested},
    };
    for (const auto &a : actions) {
        auto *action = window.findChild<QAction *>(QString::fromLatin1(a.action));
        QVERIFY2(action, a.action);
        QSignalSpy asked(&window, a.signal);
        action->trigger();
        QCOMPARE(asked.size(), 1);
    }
    QCOMPARE(window.findChild<QAction *>(u"auditLogAction"_s)->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
}

QTEST_MAIN(TestSshConfigImportDialog)
#include "tst_sshconfigimportdialog.moc"
