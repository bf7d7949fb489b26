// SPDX-License-Identifier: GPL-3.0-or-later
// The Credentials page against a real Secret Service: a private D-Bus session bus and an
// unlocked throwaway gnome-keyring, both started and stopped (by PID) by this test.
#include "secrets/secretstore.h"
#include "ui/dialogs/credentialsdialog.h"
#include "ui/dialogs/credentialsmodel.h"
#include "ui/dialogs/secretinputdialog.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <optional>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kKeychainWaitMs = 20000;

using State = CredentialEntry::State;

Service service(const QString &name, const QString &keyRef)
{
    Service s;
    s.name = name;
    s.environment = u"production"_s;
    s.dashboardKeyRef = keyRef;
    return s;
}

Host host(const QString &name, const QString &auth, const QString &secretRef)
{
    Host h;
    h.name = name;
    h.environment = u"production"_s;
    h.auth = auth;
    h.secretRef = secretRef;
    return h;
}

/// Two services share one dashboard key, two hosts one passphrase; some need nothing.
Workspace sampleWorkspace(const QString &name)
{
    Workspace ws;
    ws.name = name;
    ws.services = {service(u"echopilot"_s, u"echopilot-dash-key"_s),
                   service(u"echopilot-staging"_s, u"echopilot-dash-key"_s),
                   service(u"botcore"_s, u"botcore-dash-key"_s), service(u"status-page"_s, {})};
    ws.hosts = {host(u"bastion"_s, u"key"_s, u"ssh-ops-passphrase"_s),
                host(u"web-1"_s, u"key"_s, u"ssh-ops-passphrase"_s),
                host(u"botcore-1"_s, u"password"_s, u"botcore-1-ssh-password"_s),
                host(u"agent-only"_s, u"agent"_s, {})};
    return ws;
}

template <typename T> std::optional<T> await(std::optional<T> &answer)
{
    // A missing answer shows as std::nullopt; the caller checks for it.
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, kKeychainWaitMs))
        return std::nullopt;
    return answer;
}

} // namespace

class TestCredentials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void entryNames_data();
    void entryNames();
    void collectDeduplicates();
    void secretInput_data();
    void secretInput();
    void rotateInputSaysOldValueIsReplaced();
    void demoLabel();

    void listsEntriesWithState();
    void setStoresValue();
    void emptyOrCancelledValueStoresNothing();
    void rotateReplacesValue();
    void deleteAsksFirst();

private:
    /// A workspace under a name no other test uses, so every entry starts unset.
    Workspace freshWorkspace()
    {
        Workspace ws =
            sampleWorkspace(u"CredTest-"_s + QUuid::createUuid().toString(QUuid::Id128).left(12));
        for (const CredentialEntry &e : CredentialsModel::collect(ws))
            m_written.append(e.entryName);
        return ws;
    }
    Result<QString> readEntry(const QString &entry);
    Result<void> writeEntry(const QString &entry, const QString &value);
    /// Shows @p dialog and waits until the probe and every read are done.
    bool openAndWait(CredentialsDialog &dialog);
    static QString cellText(const CredentialsDialog &dialog, int row, int column)
    {
        return dialog.model()->index(row, column).data().toString();
    }
    static bool modelMentions(const CredentialsDialog &dialog, const QString &text);

    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
    QStringList m_written;
    SecretStore *m_store = nullptr;
};

void TestCredentials::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_bus.setProgram(u"dbus-daemon"_s);
    m_bus.setArguments({u"--session"_s, u"--nofork"_s, u"--print-address=1"_s});
    m_bus.start();
    QVERIFY2(m_bus.waitForStarted(), "dbus-daemon is needed (package dbus)");
    QTRY_VERIFY_WITH_TIMEOUT(m_bus.canReadLine(), 10000);
    const QByteArray address = m_bus.readLine().trimmed();
    QVERIFY(address.startsWith("unix:"));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, QString::fromUtf8(address));
    env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"keyring-data"_s));
    // Without XDG_RUNTIME_DIR the daemon reports its control socket on stdout once the
    // unlocked collection is ready: that line is the readiness signal.
    env.remove(u"XDG_RUNTIME_DIR"_s);
    env.insert(u"HOME"_s, m_dir.filePath(u"keyring-home"_s));
    env.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"keyring-home/.cache"_s));
    env.remove(u"DISPLAY"_s);
    QVERIFY(QDir().mkpath(m_dir.filePath(u"keyring-home/.cache"_s)));
    m_keyring.setProcessEnvironment(env);
    m_keyring.setProgram(u"gnome-keyring-daemon"_s);
    m_keyring.setArguments({u"--foreground"_s, u"--unlock"_s, u"--components=secrets"_s});
    m_keyring.start();
    QVERIFY2(m_keyring.waitForStarted(), "gnome-keyring-daemon is needed (package gnome-keyring)");
    m_keyring.write("test");
    m_keyring.closeWriteChannel();
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (out += m_keyring.readAllStandardOutput()).contains("GNOME_KEYRING_CONTROL"),
        QByteArray(out + m_keyring.readAllStandardError()).constData(), 15000);

    // Nothing in this process has used D-Bus yet: from here on the keychain is the private one.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
    m_store = new SecretStore(u"pilothouse"_s, this);
}

void TestCredentials::cleanupTestCase()
{
    if (m_store && m_keyring.state() == QProcess::Running) {
        for (const QString &entry : std::as_const(m_written)) {
            std::optional<Result<void>> removed;
            m_store->remove(entry, this, [&](Result<void> r) { removed = r; });
            QVERIFY(await(removed).has_value());
        }
    }
    for (QProcess *p : {&m_keyring, &m_bus}) {
        if (p->state() == QProcess::NotRunning)
            continue;
        p->terminate(); // SIGTERM to the PID this test started
        if (!p->waitForFinished(5000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
}

Result<QString> TestCredentials::readEntry(const QString &entry)
{
    std::optional<Result<QString>> answer;
    m_store->read(entry, this, [&](Result<QString> r) { answer = std::move(r); });
    if (!await(answer))
        return fail(u"test.timeout"_s, u"no answer"_s);
    return *answer;
}

Result<void> TestCredentials::writeEntry(const QString &entry, const QString &value)
{
    std::optional<Result<void>> answer;
    m_store->write(entry, value, this, [&](Result<void> r) { answer = std::move(r); });
    if (!await(answer))
        return fail(u"test.timeout"_s, u"no answer"_s);
    return *answer;
}

bool TestCredentials::openAndWait(CredentialsDialog &dialog)
{
    QSignalSpy refreshed(&dialog, &CredentialsDialog::refreshed);
    dialog.show();
    return QTest::qWaitFor([&] { return refreshed.count() == 1 && !dialog.isBusy(); },
                           kKeychainWaitMs);
}

bool TestCredentials::modelMentions(const CredentialsDialog &dialog, const QString &text)
{
    const QAbstractItemModel *m = dialog.model();
    for (int r = 0; r < m->rowCount(); ++r) {
        for (int c = 0; c < m->columnCount(); ++c) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                if (m->index(r, c).data(role).toString().contains(text))
                    return true;
            }
        }
    }
    for (const QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->text().contains(text) || label->toolTip().contains(text))
            return true;
    }
    return false;
}

void TestCredentials::entryNames_data()
{
    QTest::addColumn<QString>("workspace");
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("entry");
    QTest::newRow("named workspace")
        << u"Production"_s << u"echopilot-dash-key"_s << u"Production/echopilot-dash-key"_s;
    QTest::newRow("untrimmed") << u" Production "_s << u" key "_s << u"Production/key"_s;
    QTest::newRow("unnamed workspace")
        << u""_s << u"echopilot-dash-key"_s << u"echopilot-dash-key"_s;
}

void TestCredentials::entryNames()
{
    QFETCH(QString, workspace);
    QFETCH(QString, reference);
    QFETCH(QString, entry);
    Workspace ws;
    ws.name = workspace;
    QCOMPARE(CredentialsModel::entryNameFor(ws, reference), entry);
}

void TestCredentials::collectDeduplicates()
{
    const QList<CredentialEntry> entries = CredentialsModel::collect(sampleWorkspace(u"Ops"_s));
    QCOMPARE(entries.size(), 4);
    QCOMPARE(entries.at(0).entryName, u"Ops/echopilot-dash-key"_s);
    QCOMPARE(entries.at(0).usedBy, QStringList({u"echopilot"_s, u"echopilot-staging"_s}));
    QCOMPARE(entries.at(0).kinds, QStringList{u"Dashboard key"_s});
    QCOMPARE(entries.at(1).entryName, u"Ops/botcore-dash-key"_s);
    QCOMPARE(entries.at(1).usedBy, QStringList{u"botcore"_s});
    QCOMPARE(entries.at(2).entryName, u"Ops/ssh-ops-passphrase"_s);
    QCOMPARE(entries.at(2).usedBy, QStringList({u"bastion"_s, u"web-1"_s}));
    QCOMPARE(entries.at(2).kinds, QStringList{u"SSH key passphrase"_s});
    QCOMPARE(entries.at(3).entryName, u"Ops/botcore-1-ssh-password"_s);
    QCOMPARE(entries.at(3).kinds, QStringList{u"SSH password"_s});
    for (const CredentialEntry &e : entries)
        QCOMPARE(e.state, State::Unknown);

    // One keychain entry used as a dashboard key and as a host secret is listed once.
    Workspace shared;
    shared.services = {service(u"a"_s, u"same"_s)};
    shared.hosts = {host(u"h"_s, u"password"_s, u"same"_s)};
    const QList<CredentialEntry> one = CredentialsModel::collect(shared);
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.at(0).usedBy, QStringList({u"a"_s, u"h"_s}));
    QCOMPARE(one.at(0).kinds.size(), 2);

    QVERIFY(CredentialsModel::collect(Workspace{}).isEmpty());
}

void TestCredentials::secretInput_data()
{
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<bool>("acceptable");
    QTest::addColumn<QString>("hint");
    QTest::newRow("nothing") << u""_s << u""_s << false << u"empty credential"_s;
    QTest::newRow("not repeated") << u"s3cret"_s << u""_s << false << u"second time"_s;
    QTest::newRow("typo") << u"s3cret"_s << u"s3cert"_s << false << u"differ"_s;
    QTest::newRow("only repeat") << u""_s << u"s3cret"_s << false << u"empty credential"_s;
    QTest::newRow("match") << u"s3cret"_s << u"s3cret"_s << true << u""_s;
    QTest::newRow("spaces count") << u"a b"_s << u"a b"_s << true << u""_s;
}

void TestCredentials::secretInput()
{
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, acceptable);
    QFETCH(QString, hint);

    SecretInputDialog dialog(SecretInputDialog::Mode::Set, u"Ops/key"_s, {u"echopilot"_s});
    auto *secret = dialog.findChild<QLineEdit *>(u"secretEdit"_s);
    auto *repeat = dialog.findChild<QLineEdit *>(u"secretRepeatEdit"_s);
    auto *ok = dialog.findChild<QPushButton *>(u"secretOkButton"_s);
    auto *hintLabel = dialog.findChild<QLabel *>(u"secretHint"_s);
    QVERIFY(secret && repeat && ok && hintLabel);
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QCOMPARE(repeat->echoMode(), QLineEdit::Password);
    dialog.show();
    QTest::keyClicks(secret, first);
    QTest::keyClicks(repeat, second);

    QCOMPARE(ok->isEnabled(), acceptable);
    QCOMPARE(dialog.problem().isEmpty(), acceptable);
    if (hint.isEmpty())
        QVERIFY(hintLabel->text().isEmpty());
    else
        QVERIFY2(hintLabel->text().contains(hint), qPrintable(hintLabel->text()));
    QCOMPARE(dialog.secret(), acceptable ? first : QString());

    // Enter cannot get past invalid input either.
    dialog.done(QDialog::Accepted);
    QCOMPARE(dialog.isVisible(), !acceptable);
    QCOMPARE(dialog.result() == QDialog::Accepted, acceptable);
}

void TestCredentials::rotateInputSaysOldValueIsReplaced()
{
    SecretInputDialog dialog(SecretInputDialog::Mode::Rotate, u"Ops/key"_s,
                             {u"echopilot"_s, u"echopilot-staging"_s});
    auto *intro = dialog.findChild<QLabel *>(u"secretIntro"_s);
    QVERIFY(intro);
    QVERIFY2(intro->text().contains(u"replaced"_s), qPrintable(intro->text()));
    QVERIFY(intro->text().contains(u"Ops/key"_s));
    QVERIFY(intro->text().contains(u"echopilot, echopilot-staging"_s));
    QCOMPARE(dialog.findChild<QPushButton *>(u"secretOkButton"_s)->text(), u"&Replace"_s);
}

void TestCredentials::demoLabel()
{
    SecretStore demo(u"pilothouse-demo"_s);
    CredentialsDialog demoDialog(&demo, sampleWorkspace(u"Demo"_s));
    auto *label = demoDialog.findChild<QLabel *>(u"demoLabel"_s);
    QVERIFY(label);
    QVERIFY(label->isVisibleTo(&demoDialog));
    QVERIFY(label->text().contains(u"pilothouse-demo"_s));

    CredentialsDialog normal(m_store, sampleWorkspace(u"Ops"_s));
    QVERIFY(!normal.findChild<QLabel *>(u"demoLabel"_s)->isVisibleTo(&normal));
}

void TestCredentials::listsEntriesWithState()
{
    const Workspace ws = freshWorkspace();
    const QString keyEntry = CredentialsModel::entryNameFor(ws, u"echopilot-dash-key"_s);
    const QString secretValue = u"listed-"_s + QUuid::createUuid().toString(QUuid::Id128);
    const auto written = writeEntry(keyEntry, secretValue);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().toString()));

    CredentialsDialog dialog(m_store, ws);
    QAbstractItemModelTester tester(dialog.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto *table = dialog.findChild<QTableView *>(u"credentialsTable"_s);
    auto *status = dialog.findChild<QLabel *>(u"keychainStatus"_s);
    auto *setButton = dialog.findChild<QPushButton *>(u"setButton"_s);
    auto *rotateButton = dialog.findChild<QPushButton *>(u"rotateButton"_s);
    auto *deleteButton = dialog.findChild<QPushButton *>(u"deleteButton"_s);
    QVERIFY(table && status && setButton && rotateButton && deleteButton);
    QCOMPARE(table->model(), dialog.model());

    // Before the probe has answered nothing can be changed.
    QVERIFY(!setButton->isEnabled() && !rotateButton->isEnabled() && !deleteButton->isEnabled());

    QVERIFY(openAndWait(dialog));
    QVERIFY(dialog.isKeychainAvailable());
    QVERIFY2(status->text().contains(u"available"_s), qPrintable(status->text()));

    QCOMPARE(dialog.model()->rowCount(), 4);
    QCOMPARE(cellText(dialog, 0, CredentialsModel::EntryCol), keyEntry);
    QCOMPARE(cellText(dialog, 0, CredentialsModel::UsedByCol), u"echopilot, echopilot-staging"_s);
    QCOMPARE(cellText(dialog, 0, CredentialsModel::StateCol), u"set"_s);
    for (int row = 1; row < 4; ++row)
        QCOMPARE(cellText(dialog, row, CredentialsModel::StateCol), u"not set"_s);
    QVERIFY2(!modelMentions(dialog, secretValue), "the value must never be shown");

    // Actions follow the selected entry's state.
    dialog.setCurrentRow(0);
    QVERIFY(!setButton->isEnabled());
    QVERIFY(rotateButton->isEnabled());
    QVERIFY(deleteButton->isEnabled());
    dialog.setCurrentRow(2);
    QVERIFY(setButton->isEnabled());
    QVERIFY(!rotateButton->isEnabled());
    QVERIFY(!deleteButton->isEnabled());

    dialog.setCurrentRow(0);
    const QImage shot = dialog.grab().toImage();
    QVERIFY(!shot.isNull());
    if (const QString path = qEnvironmentVariable("PILOTHOUSE_SCREENSHOT"); !path.isEmpty())
        QVERIFY(shot.save(path));
}

void TestCredentials::setStoresValue()
{
    const Workspace ws = freshWorkspace();
    CredentialsDialog dialog(m_store, ws);
    const QString value = u"new-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QList<std::pair<CredentialsDialog::Action, QString>> asked;
    dialog.setSecretPrompt(
        [&](QWidget *, CredentialsDialog::Action action, const CredentialEntry &entry) {
            asked.append({action, entry.entryName});
            return std::optional<QString>(value);
        });
    QVERIFY(openAndWait(dialog));
    const int row =
        dialog.model()->rowOf(CredentialsModel::entryNameFor(ws, u"ssh-ops-passphrase"_s));
    QVERIFY(row >= 0);
    QCOMPARE(dialog.model()->entryAt(row).state, State::NotSet);
    dialog.setCurrentRow(row);

    auto *setButton = dialog.findChild<QPushButton *>(u"setButton"_s);
    QSignalSpy finished(&dialog, &CredentialsDialog::actionFinished);
    QTest::mouseClick(setButton, Qt::LeftButton);
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.at(0).first, CredentialsDialog::Action::Set);
    QCOMPARE(asked.at(0).second, dialog.model()->entryAt(row).entryName);

    // While the job runs every action waits and progress shows.
    QVERIFY(dialog.isBusy());
    for (const char *name : {"setButton", "rotateButton", "deleteButton", "refreshButton"})
        QVERIFY2(!dialog.findChild<QPushButton *>(QLatin1String(name))->isEnabled(), name);
    QVERIFY(dialog.findChild<QProgressBar *>(u"progressBar"_s)->isVisible());

    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kKeychainWaitMs);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QCOMPARE(cellText(dialog, row, CredentialsModel::StateCol), u"set"_s);
    QVERIFY(!dialog.findChild<QProgressBar *>(u"progressBar"_s)->isVisible());
    QVERIFY(dialog.findChild<QPushButton *>(u"rotateButton"_s)->isEnabled());
    QVERIFY2(!modelMentions(dialog, value), "the value must never be shown");

    const auto read = readEntry(dialog.model()->entryAt(row).entryName);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(*read, value);
}

void TestCredentials::emptyOrCancelledValueStoresNothing()
{
    const Workspace ws = freshWorkspace();
    CredentialsDialog dialog(m_store, ws);
    std::optional<QString> answer;
    int asked = 0;
    dialog.setSecretPrompt([&](QWidget *, CredentialsDialog::Action, const CredentialEntry &) {
        ++asked;
        return answer;
    });
    QVERIFY(openAndWait(dialog));
    dialog.setCurrentRow(1);
    const QString entry = dialog.model()->entryAt(1).entryName;

    // Cancelled: nothing happens at all.
    dialog.setCurrentCredential();
    QCOMPARE(asked, 1);
    QVERIFY(!dialog.isBusy());

    // Empty: refused with a message where the user is looking.
    answer = QString();
    dialog.setCurrentCredential();
    QCOMPARE(asked, 2);
    QVERIFY(!dialog.isBusy());
    auto *message = dialog.findChild<QLabel *>(u"messageLabel"_s);
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(u"empty"_s), qPrintable(message->text()));
    QCOMPARE(message->property("isError").toBool(), true);

    QCOMPARE(dialog.model()->entryAt(1).state, State::NotSet);
    const auto read = readEntry(entry);
    QVERIFY(!read);
    QCOMPARE(read.error().code, u"keychain.not_found"_s);
}

void TestCredentials::rotateReplacesValue()
{
    const Workspace ws = freshWorkspace();
    const QString entry = CredentialsModel::entryNameFor(ws, u"botcore-dash-key"_s);
    QVERIFY(writeEntry(entry, u"old-value"_s));

    CredentialsDialog dialog(m_store, ws);
    QList<CredentialsDialog::Action> asked;
    dialog.setSecretPrompt(
        [&](QWidget *, CredentialsDialog::Action action, const CredentialEntry &) {
            asked.append(action);
            return std::optional<QString>(u"rotated-value"_s);
        });
    QVERIFY(openAndWait(dialog));
    const int row = dialog.model()->rowOf(entry);
    QCOMPARE(dialog.model()->entryAt(row).state, State::Set);
    dialog.setCurrentRow(row);

    QSignalSpy finished(&dialog, &CredentialsDialog::actionFinished);
    QTest::mouseClick(dialog.findChild<QPushButton *>(u"rotateButton"_s), Qt::LeftButton);
    QCOMPARE(asked, QList<CredentialsDialog::Action>{CredentialsDialog::Action::Rotate});
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 && !dialog.isBusy(), kKeychainWaitMs);
    QCOMPARE(finished.at(0).at(0).toString(), entry);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QCOMPARE(dialog.model()->entryAt(row).state, State::Set);
    auto *message = dialog.findChild<QLabel *>(u"messageLabel"_s);
    QVERIFY2(message->text().contains(u"old value is gone"_s), qPrintable(message->text()));

    const auto read = readEntry(entry);
    QVERIFY(read);
    QCOMPARE(*read, u"rotated-value"_s);
}

void TestCredentials::deleteAsksFirst()
{
    const Workspace ws = freshWorkspace();
    const QString entry = CredentialsModel::entryNameFor(ws, u"botcore-1-ssh-password"_s);
    QVERIFY(writeEntry(entry, u"to-delete"_s));

    CredentialsDialog dialog(m_store, ws);
    bool allow = false;
    QStringList asked;
    dialog.setDeleteConfirmation([&](QWidget *, const CredentialEntry &e) {
        asked.append(e.entryName);
        return allow;
    });
    QVERIFY(openAndWait(dialog));
    const int row = dialog.model()->rowOf(entry);
    dialog.setCurrentRow(row);
    auto *deleteButton = dialog.findChild<QPushButton *>(u"deleteButton"_s);
    QVERIFY(deleteButton->isEnabled());

    // Declined: the entry stays.
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QCOMPARE(asked, QStringList{entry});
    QVERIFY(!dialog.isBusy());
    QCOMPARE(dialog.model()->entryAt(row).state, State::Set);
    const auto kept = readEntry(entry);
    QVERIFY(kept);
    QCOMPARE(*kept, u"to-delete"_s);

    // Confirmed: gone, and the page says so.
    allow = true;
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QCOMPARE(asked.size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isBusy(), kKeychainWaitMs);
    QCOMPARE(cellText(dialog, row, CredentialsModel::StateCol), u"not set"_s);
    QVERIFY(!deleteButton->isEnabled());
    QVERIFY(dialog.findChild<QPushButton *>(u"setButton"_s)->isEnabled());
    const auto gone = readEntry(entry);
    QVERIFY(!gone);
    QCOMPARE(gone.error().code, u"keychain.not_found"_s);
}

QTEST_MAIN(TestCredentials)
#include "tst_credentials.moc"
