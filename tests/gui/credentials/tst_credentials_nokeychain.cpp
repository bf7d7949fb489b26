// SPDX-License-Identifier: GPL-3.0-or-later
// The Credentials page when there is no keychain at all: this process's session bus
// address points nowhere from before the application starts, so no keychain call can
// reach any real Secret Service or KWallet.
#include "secrets/secretstore.h"
#include "ui/dialogs/credentialsdialog.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

Workspace workspaceWithSecrets()
{
    Workspace ws;
    ws.name = u"NoKeychain"_s;
    Service s;
    s.name = u"echopilot"_s;
    s.dashboardKeyRef = u"echopilot-dash-key"_s;
    Host h;
    h.name = u"bastion"_s;
    h.auth = u"password"_s;
    h.secretRef = u"bastion-password"_s;
    ws.services = {s};
    ws.hosts = {h};
    return ws;
}

} // namespace

class TestCredentialsNoKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unavailableKeychainDisablesEverything();
    void emptyWorkspaceSaysSo();
};

void TestCredentialsNoKeychain::unavailableKeychainDisablesEverything()
{
    SecretStore store;
    store.setTimeoutMs(5000);
    CredentialsDialog dialog(&store, workspaceWithSecrets());
    QAbstractItemModelTester tester(dialog.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    int prompts = 0;
    int confirmations = 0;
    dialog.setSecretPrompt([&](QWidget *, CredentialsDialog::Action, const CredentialEntry &) {
        ++prompts;
        return std::optional<QString>(u"must-not-be-stored"_s);
    });
    dialog.setDeleteConfirmation([&](QWidget *, const CredentialEntry &) {
        ++confirmations;
        return true;
    });

    QSignalSpy refreshed(&dialog, &CredentialsDialog::refreshed);
    dialog.show();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() == 1 && !dialog.isBusy(), 15000);

    QVERIFY(!dialog.isKeychainAvailable());
    QVERIFY(dialog.keychainError().has_value());
    QCOMPARE(dialog.keychainError()->code, u"keychain.unavailable"_s);

    // Said prominently: what is missing, and that nothing goes to a file instead.
    auto *status = dialog.findChild<QLabel *>(u"keychainStatus"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    const QString text = status->text();
    QVERIFY2(text.contains(u"No keychain service is available"_s), qPrintable(text));
    QVERIFY2(text.contains(u"Secret Service"_s) && text.contains(u"KWallet"_s), qPrintable(text));
    QVERIFY2(text.contains(u"never stores secrets in plain files"_s), qPrintable(text));

    QCOMPARE(dialog.model()->rowCount(), 2);
    for (int row = 0; row < dialog.model()->rowCount(); ++row) {
        QCOMPARE(dialog.model()->entryAt(row).state, CredentialEntry::State::Unknown);
        dialog.setCurrentRow(row);
        for (const char *name : {"setButton", "rotateButton", "deleteButton"}) {
            auto *button = dialog.findChild<QPushButton *>(QLatin1String(name));
            QVERIFY(button);
            QVERIFY2(!button->isEnabled(), name);
        }
    }
    // Checking again stays possible: the user may start a keychain and retry.
    QVERIFY(dialog.findChild<QPushButton *>(u"refreshButton"_s)->isEnabled());

    // Even called directly, the actions neither ask for a value nor try to store one.
    dialog.setCurrentRow(0);
    dialog.setCurrentCredential();
    dialog.rotateCurrentCredential();
    dialog.deleteCurrentCredential();
    QCOMPARE(prompts, 0);
    QCOMPARE(confirmations, 0);
    QVERIFY(!dialog.isBusy());

    const QImage shot = dialog.grab().toImage();
    QVERIFY(!shot.isNull());
    if (const QString path = qEnvironmentVariable("PILOTHOUSE_SCREENSHOT"); !path.isEmpty())
        QVERIFY(shot.save(path));

    // Retrying gives the same clear answer.
    dialog.refresh();
    QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() == 2 && !dialog.isBusy(), 15000);
    QVERIFY(!dialog.isKeychainAvailable());
    QVERIFY(status->text().contains(u"KWallet"_s));
}

void TestCredentialsNoKeychain::emptyWorkspaceSaysSo()
{
    SecretStore store;
    CredentialsDialog dialog(&store, Workspace{});
    QCOMPARE(dialog.model()->rowCount(), 0);
    auto *empty = dialog.findChild<QLabel *>(u"emptyLabel"_s);
    QVERIFY(empty);
    QVERIFY(empty->isVisibleTo(&dialog));
    QVERIFY(empty->text().contains(u"no credentials"_s));
    QVERIFY(!dialog.findChild<QPushButton *>(u"setButton"_s)->isEnabled());
}

int main(int argc, char **argv)
{
    // Before anything can open a D-Bus connection.
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/pilothouse-no-bus");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    QApplication app(argc, argv);
    TestCredentialsNoKeychain test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_credentials_nokeychain.moc"
