// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/secretstore.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using ph::SecretStore;

namespace {

// Waits for a SecretStore callback; QTRY keeps the event loop running meanwhile.
template <typename T> struct Answer
{
    std::optional<T> value;
    auto callback()
    {
        return [this](T result) {
            value = std::move(result);
        };
    }
};

QString uniqueEntry(const QString &purpose)
{
    return SecretStore::entryName(u"PilothouseTest-"_s + QUuid::createUuid().toString(QUuid::Id128),
                                  purpose);
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void entryNames();
    void probeAvailabilitySucceeds();
    void roundTrip();
    void missingEntryIsNotFound();
    void demoStoreIsSeparate();
    void overrideNeverTouchesTheKeychain();
    void readBlocking();
    void noKeychain();
    void silentKeychainTimesOut();

private:
    struct HelperRun
    {
        QHash<QString, QPair<QString, QString>> steps; ///< step -> (code or "ok", message)
        qint64 elapsedMs = 0;
        QString home;
    };
    HelperRun runHelper(const QString &busAddress, const QByteArray &secret, int timeoutMs);
    void removeLater(const QString &entry, const QString &service = u"pilothouse"_s)
    {
        m_written.append({service, entry});
    }

    QTemporaryDir m_dir;
    QProcess m_bus;
    QProcess m_keyring;
    QList<QPair<QString, QString>> m_written;
};

void TestKeychain::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // A private session bus and a throwaway keyring, unlocked with a known password, so
    // the test neither needs nor touches the user's keyring.
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
    // Without XDG_RUNTIME_DIR the daemon puts its control socket under $XDG_CACHE_HOME (which
    // must exist) and prints where, which tells us it is ready.
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
    // It prints its control socket once the unlocked collection is ready.
    QByteArray out;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (out += m_keyring.readAllStandardOutput()).contains("GNOME_KEYRING_CONTROL"),
        QByteArray(out + m_keyring.readAllStandardError()).constData(), 15000);

    // From here on this process's QtKeychain talks to the private bus only.
    qputenv("DBUS_SESSION_BUS_ADDRESS", address);
}

void TestKeychain::cleanupTestCase()
{
    if (m_keyring.state() == QProcess::Running) {
        SecretStore normal(u"pilothouse"_s);
        SecretStore demo(u"pilothouse-demo"_s);
        for (const auto &[service, entry] : std::as_const(m_written)) {
            SecretStore &store = service == demo.service() ? demo : normal;
            Answer<ph::Result<void>> removed;
            store.remove(entry, this, removed.callback());
            QTRY_VERIFY_WITH_TIMEOUT(removed.value.has_value(), 15000);
            QVERIFY2(*removed.value, qPrintable(removed.value->error().toString()));
            // Nothing stray is left behind.
            Answer<ph::Result<QString>> read;
            store.read(entry, this, read.callback());
            QTRY_VERIFY_WITH_TIMEOUT(read.value.has_value(), 15000);
            QVERIFY(!*read.value);
            QCOMPARE(read.value->error().code, u"keychain.not_found"_s);
        }
    }
    for (QProcess *p : {&m_keyring, &m_bus}) {
        if (p->state() == QProcess::NotRunning)
            continue;
        p->terminate();
        if (!p->waitForFinished(5000)) {
            p->kill();
            p->waitForFinished(5000);
        }
    }
}

void TestKeychain::entryNames()
{
    QCOMPARE(SecretStore::entryName(u"Production"_s, u"echopilot-dash-key"_s),
             u"Production/echopilot-dash-key"_s);
    QVERIFY(SecretStore(u"pilothouse-demo"_s).isDemo());
    QVERIFY(!SecretStore(u"pilothouse"_s).isDemo());
}

void TestKeychain::probeAvailabilitySucceeds()
{
    SecretStore store;
    Answer<ph::Result<void>> probed;
    store.probeAvailability(this, probed.callback());
    QVERIFY(!probed.value); // answers come through the event loop, never synchronously
    QTRY_VERIFY_WITH_TIMEOUT(probed.value.has_value(), 15000);
    QVERIFY2(*probed.value, qPrintable(probed.value->error().toString()));
}

void TestKeychain::roundTrip()
{
    SecretStore store;
    const QString entry = uniqueEntry(u"echopilot-dash-key"_s);
    removeLater(entry);

    Answer<ph::Result<void>> written;
    store.write(entry, u"first-s3cret"_s, this, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.value.has_value(), 15000);
    QVERIFY2(*written.value, qPrintable(written.value->error().toString()));

    Answer<ph::Result<QString>> read;
    store.read(entry, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.value.has_value(), 15000);
    QVERIFY2(*read.value, qPrintable(read.value->error().toString()));
    QCOMPARE(**read.value, u"first-s3cret"_s);

    Answer<ph::Result<void>> rotated;
    store.rotate(entry, u"second-s3cret"_s, this, rotated.callback());
    QTRY_VERIFY_WITH_TIMEOUT(rotated.value.has_value(), 15000);
    QVERIFY2(*rotated.value, qPrintable(rotated.value->error().toString()));

    Answer<ph::Result<QString>> readRotated;
    store.read(entry, this, readRotated.callback());
    QTRY_VERIFY_WITH_TIMEOUT(readRotated.value.has_value(), 15000);
    QVERIFY(*readRotated.value);
    QCOMPARE(**readRotated.value, u"second-s3cret"_s);

    Answer<ph::Result<void>> removed;
    store.remove(entry, this, removed.callback());
    QTRY_VERIFY_WITH_TIMEOUT(removed.value.has_value(), 15000);
    QVERIFY2(*removed.value, qPrintable(removed.value->error().toString()));

    Answer<ph::Result<QString>> gone;
    store.read(entry, this, gone.callback());
    QTRY_VERIFY_WITH_TIMEOUT(gone.value.has_value(), 15000);
    QVERIFY(!*gone.value);
    QCOMPARE(gone.value->error().code, u"keychain.not_found"_s);
    QVERIFY(gone.value->error().message.contains(entry));

    // Removing what is not there is not an error.
    Answer<ph::Result<void>> again;
    store.remove(entry, this, again.callback());
    QTRY_VERIFY_WITH_TIMEOUT(again.value.has_value(), 15000);
    QVERIFY(*again.value);
}

void TestKeychain::missingEntryIsNotFound()
{
    // A fresh store has no cached availability: the not-found answer is confirmed by a probe.
    SecretStore store;
    Answer<ph::Result<QString>> read;
    store.read(uniqueEntry(u"never-set"_s), this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.value.has_value(), 30000);
    QVERIFY(!*read.value);
    QCOMPARE(read.value->error().code, u"keychain.not_found"_s);
}

void TestKeychain::demoStoreIsSeparate()
{
    SecretStore demo(u"pilothouse-demo"_s);
    SecretStore normal(u"pilothouse"_s);
    const QString entry = uniqueEntry(u"dash-key"_s);
    removeLater(entry, demo.service());

    Answer<ph::Result<void>> written;
    demo.write(entry, u"demo-value"_s, this, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.value.has_value(), 15000);
    QVERIFY(*written.value);

    Answer<ph::Result<QString>> fromNormal;
    normal.read(entry, this, fromNormal.callback());
    QTRY_VERIFY_WITH_TIMEOUT(fromNormal.value.has_value(), 30000);
    QVERIFY(!*fromNormal.value);
    QCOMPARE(fromNormal.value->error().code, u"keychain.not_found"_s);

    Answer<ph::Result<QString>> fromDemo;
    demo.read(entry, this, fromDemo.callback());
    QTRY_VERIFY_WITH_TIMEOUT(fromDemo.value.has_value(), 15000);
    QVERIFY(*fromDemo.value);
    QCOMPARE(**fromDemo.value, u"demo-value"_s);
}

void TestKeychain::overrideNeverTouchesTheKeychain()
{
    SecretStore store;
    const QString entry = uniqueEntry(u"cron-token"_s);
    store.setOverride(entry, u"from-stdin"_s);
    Answer<ph::Result<QString>> read;
    store.read(entry, this, read.callback());
    QTRY_VERIFY_WITH_TIMEOUT(read.value.has_value(), 5000);
    QVERIFY(*read.value);
    QCOMPARE(**read.value, u"from-stdin"_s);

    // The keychain itself never got the value.
    store.clearOverrides();
    Answer<ph::Result<QString>> real;
    store.read(entry, this, real.callback());
    QTRY_VERIFY_WITH_TIMEOUT(real.value.has_value(), 30000);
    QVERIFY(!*real.value);
    QCOMPARE(real.value->error().code, u"keychain.not_found"_s);
}

void TestKeychain::readBlocking()
{
    SecretStore store;
    const QString entry = uniqueEntry(u"ssh-passphrase"_s);
    removeLater(entry);
    Answer<ph::Result<void>> written;
    store.write(entry, u"blocking-value"_s, this, written.callback());
    QTRY_VERIFY_WITH_TIMEOUT(written.value.has_value(), 15000);
    QVERIFY(*written.value);

    auto value = store.readBlocking(entry, 15000);
    QVERIFY2(value, qPrintable(value ? QString() : value.error().toString()));
    QCOMPARE(*value, u"blocking-value"_s);

    auto missing = store.readBlocking(uniqueEntry(u"missing"_s), 15000);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, u"keychain.not_found"_s);
}

TestKeychain::HelperRun TestKeychain::runHelper(const QString &busAddress, const QByteArray &secret,
                                                int timeoutMs)
{
    HelperRun run;
    const QString home = m_dir.filePath(u"helper-"_s + QUuid::createUuid().toString(QUuid::Id128));
    run.home = home;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, busAddress);
    env.remove(u"DISPLAY"_s);
    env.remove(u"WAYLAND_DISPLAY"_s);
    env.insert(u"HOME"_s, home);
    for (const auto &[var, sub] : {std::pair{u"XDG_CONFIG_HOME"_s, u"/.config"_s},
                                   {u"XDG_DATA_HOME"_s, u"/.local/share"_s},
                                   {u"XDG_CACHE_HOME"_s, u"/.cache"_s},
                                   {u"XDG_STATE_HOME"_s, u"/.local/state"_s},
                                   {u"XDG_RUNTIME_DIR"_s, u"/run"_s}}) {
        env.insert(var, home + sub);
        QDir().mkpath(home + sub);
    }
    env.insert(u"PILOTHOUSE_KEYCHAIN_TIMEOUT_MS"_s, QString::number(timeoutMs));

    QProcess helper;
    helper.setProcessEnvironment(env);
    helper.setWorkingDirectory(home);
    QElapsedTimer clock;
    clock.start();
    helper.start(QStringLiteral(PILOTHOUSE_KEYCHAIN_HELPER), {uniqueEntry(u"dash-key"_s)});
    if (!helper.waitForStarted())
        return run;
    helper.write(secret);
    helper.closeWriteChannel();
    if (!helper.waitForFinished(60000)) {
        helper.kill();
        helper.waitForFinished();
    }
    run.elapsedMs = clock.elapsed();
    const QList<QByteArray> lines = helper.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines) {
        const QString text = QString::fromUtf8(line);
        const qsizetype space = text.indexOf(u' ');
        if (space < 0)
            continue;
        const QString rest = text.mid(space + 1);
        const qsizetype tab = rest.indexOf(u'\t');
        run.steps.insert(text.left(space), {tab < 0 ? rest : rest.left(tab),
                                            tab < 0 ? QString() : rest.mid(tab + 1)});
    }
    return run;
}

void TestKeychain::noKeychain()
{
    const QByteArray secret = "no-plaintext-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    const HelperRun run = runHelper(u"unix:path=/nonexistent"_s, secret, 10000);

    for (const auto &step : {u"probe"_s, u"write"_s, u"read"_s, u"readBlocking"_s}) {
        QVERIFY2(run.steps.contains(step), qPrintable(step));
        QCOMPARE(run.steps.value(step).first, u"keychain.unavailable"_s);
        const QString message = run.steps.value(step).second;
        QVERIFY2(message.contains(u"Secret Service"_s) && message.contains(u"KWallet"_s),
                 qPrintable(message));
        QVERIFY(message.contains(u"never stores secrets in plain files"_s));
    }
    // An override still answers without any keychain (cron with --secret-stdin).
    QCOMPARE(run.steps.value(u"override"_s).first, u"ok"_s);
    // Said quickly, not after waiting for timeouts.
    QVERIFY2(run.elapsedMs < 10000, qPrintable(QString::number(run.elapsedMs)));

    // No fallback file anywhere in the helper's home holds the secret.
    QDirIterator files(run.home, QDir::Files | QDir::Hidden | QDir::System,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile f(files.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains(secret), qPrintable(f.fileName()));
    }
}

void TestKeychain::silentKeychainTimesOut()
{
    // A "bus" that accepts the connection and never says a word, like a keychain stuck
    // behind a prompt nobody can see.
    QLocalServer silent;
    const QString socket = m_dir.filePath(u"silent-bus"_s);
    QVERIFY(silent.listen(socket));
    QList<QLocalSocket *> held;
    connect(&silent, &QLocalServer::newConnection, this, [&] {
        while (QLocalSocket *s = silent.nextPendingConnection())
            held.append(s);
    });

    const int timeoutMs = 1500;
    const HelperRun run = runHelper(u"unix:path="_s + socket, "silent-secret", timeoutMs);
    QCOMPARE(run.steps.value(u"probe"_s).first, u"keychain.timeout"_s);
    QCOMPARE(run.steps.value(u"write"_s).first, u"keychain.timeout"_s);
    QCOMPARE(run.steps.value(u"read"_s).first, u"keychain.timeout"_s);
    QCOMPARE(run.steps.value(u"readBlocking"_s).first, u"keychain.timeout"_s);
    QVERIFY(run.steps.value(u"readBlocking"_s).second.contains(u"unlock"_s));
    QCOMPARE(run.steps.value(u"override"_s).first, u"ok"_s);
    // Four waits of 1.5 s each, not forever.
    QVERIFY2(run.elapsedMs < 20000, qPrintable(QString::number(run.elapsedMs)));
    qDeleteAll(held);
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
