// SPDX-License-Identifier: GPL-3.0-or-later
// A `via` tunnel through a real sshd whose only accepted key is passphrase-protected: the
// passphrase comes from the keychain entry the host names, through the same credentials
// path as host commands. Run under dbus-run-session with an unlocked gnome-keyring.
#include "audit/sealkey.h"
#include "clirunner.h"
#include "console/hostcommands.h"
#include "console/hostcredentials.h"
#include "pageserver.h"
#include "secrets/secretstore.h"
#include "ssh/knownhosts.h"
#include "ssh/sshsessionpool.h"
#include "ssh/sshtunnelprovider.h"
#include "sshdfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <optional>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int waitMs = 20000;
const QString kPassphrase = u"correct horse battery"_s;
const QByteArray kPage = "<html><title>Grafana</title>tunnel-page</html>";

QByteArray fetch(quint16 port)
{
    // The tunnel's listener lives on this thread: wait with the event loop running.
    QTcpSocket socket;
    QByteArray reply;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { reply += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, waitMs))
        return {};
    socket.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    // The server closes after one answer.
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          waitMs);
    return reply + socket.readAll();
}

} // namespace

class TestTunnelAuth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void tunnelUsesKeychainPassphrase_data();
    void tunnelUsesKeychainPassphrase();
    void cliWithoutTerminalNamesEntry();
    void retryHostLogsInAfresh_data();
    void retryHostLogsInAfresh();

private:
    bool store(const QString &entry, const QString &value);
    /// A host on the test sshd, logging in with the passphrase-protected key.
    Host lockedHost(const QString &name, const QString &secretRef) const;

    SshdFixture m_sshd;
    PageServer m_page{kPage};
    QTemporaryDir m_dir;
    QString m_knownHosts;
    QString m_key;
    QString m_workspaceName;
    /// The service pilothouse-cli reads; entries are unique to this run and removed after.
    SecretStore m_secrets{u"pilothouse"_s};
    QStringList m_written;
};

Host TestTunnelAuth::lockedHost(const QString &name, const QString &secretRef) const
{
    Host host;
    host.name = name;
    host.address = m_sshd.host();
    host.port = m_sshd.port();
    host.user = m_sshd.user();
    host.auth = u"key"_s;
    host.identityFile = m_key;
    host.secretRef = secretRef;
    return host;
}

void TestTunnelAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    m_key = m_sshd.makeEncryptedAuthorizedKey(u"encrypted_key"_s, kPassphrase);
    QVERIFY(!m_key.isEmpty());
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::WriteOnly));
    known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    known.close();
    QVERIFY(m_page.listen(QHostAddress::LocalHost, 0));
    m_workspaceName = u"TunnelAuth-"_s + QUuid::createUuid().toString(QUuid::Id128);
    // No agent: the encrypted key is the only way in.
    qunsetenv("SSH_AUTH_SOCK");
}

void TestTunnelAuth::cleanupTestCase()
{
    for (const QString &entry : std::as_const(m_written)) {
        std::optional<Result<void>> removed;
        m_secrets.remove(entry, this, [&](Result<void> r) { removed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), waitMs);
    }
}

bool TestTunnelAuth::store(const QString &entry, const QString &value)
{
    std::optional<Result<void>> written;
    m_secrets.write(entry, value, this, [&](Result<void> r) { written = r; });
    if (!QTest::qWaitFor([&] { return written.has_value(); }, waitMs) || !*written) {
        qWarning() << "keychain write failed:"
                   << (written && !*written ? written->error().toString() : u"timeout"_s);
        return false;
    }
    m_written.append(entry);
    return true;
}

void TestTunnelAuth::tunnelUsesKeychainPassphrase_data()
{
    QTest::addColumn<QString>("secretRef");
    QTest::addColumn<QString>("stored"); ///< null = no keychain entry
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("passphrase in keychain") << u"web1-key"_s << kPassphrase << QString();
    QTest::newRow("wrong passphrase") << u"web1-wrong"_s << u"not it"_s << u"passphrase is wrong"_s;
    QTest::newRow("no keychain entry") << u"web1-missing"_s << QString() << u"needs a passphrase"_s;
}

void TestTunnelAuth::tunnelUsesKeychainPassphrase()
{
    QFETCH(QString, secretRef);
    QFETCH(QString, stored);
    QFETCH(QString, errorPart);
    if (!stored.isNull())
        QVERIFY(store(SecretStore::entryName(m_workspaceName, secretRef), stored));

    Workspace ws;
    ws.name = m_workspaceName;
    const Host host = lockedHost(u"web1"_s, secretRef);
    ws.hosts = {host};

    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    SshSessionPool pool(options);
    HostCommands commands(&m_secrets, &pool);
    commands.setWorkspace(ws);
    SshTunnelProvider tunnels;
    tunnels.setSessionOptions(options);
    tunnels.setWorkspace(ws);
    tunnels.setOpenTimeout(waitMs);
    tunnels.setCredentialResolver(
        [credentials = commands.credentials()](const QList<Host> &hosts, QObject *context,
                                               SshTunnelProvider::CredentialsDone done) {
            credentials->resolveAll(hosts, context, std::move(done));
        });

    std::optional<Result<quint16>> port;
    tunnels.localPort(u"web1"_s, u"127.0.0.1"_s, m_page.serverPort(), this,
                      [&](const Result<quint16> &r) { port = r; });
    QTRY_VERIFY_WITH_TIMEOUT(port.has_value(), waitMs + 5000);

    // Host commands to the same host come out the same way: one path for both.
    QSignalSpy finished(&commands, &HostCommands::finished);
    commands.run(u"web1"_s, u"echo logged-in"_s);
    QVERIFY(finished.wait(waitMs));
    const auto command = finished.first().at(1).value<CommandResult>();

    if (errorPart.isEmpty()) {
        QVERIFY2(*port, qPrintable(port->error().toString()));
        const QByteArray reply = fetch(**port);
        QVERIFY2(reply.startsWith("HTTP/1.0 200"), reply.constData());
        QVERIFY(reply.endsWith(kPage));
        QCOMPARE(tunnels.openTunnelCount(), 1);
        QVERIFY2(!command.failed, qPrintable(command.error.toString()));
        QCOMPARE(command.stdoutTail, QByteArray("logged-in\n"));
        return;
    }
    QVERIFY(!*port);
    QVERIFY2(port->error().message.contains(errorPart), qPrintable(port->error().toString()));
    QVERIFY2(port->error().message.contains(m_key), qPrintable(port->error().toString()));
    QCOMPARE(tunnels.openTunnelCount(), 0);
    QVERIFY(command.failed);
    QVERIFY2(command.error.message.contains(errorPart), qPrintable(command.error.toString()));
    // Nothing was written to the keychain by a failed login.
    if (stored.isNull()) {
        std::optional<Result<QString>> read;
        m_secrets.read(SecretStore::entryName(m_workspaceName, secretRef), this,
                       [&](Result<QString> r) { read = r; });
        QTRY_VERIFY_WITH_TIMEOUT(read.has_value(), waitMs);
        QVERIFY(!*read);
        QCOMPARE(read->error().code, u"keychain.not_found"_s);
    }
}

void TestTunnelAuth::cliWithoutTerminalNamesEntry()
{
    // The CLI reads the same keychain entries; without a terminal it cannot ask, so a
    // missing passphrase names the entry to set and exits "needs a person" (3).
    QVERIFY(store(SecretStore::entryName(m_workspaceName, u"cli-key"_s), kPassphrase));
    const QString text =
        u"{ \"schema_version\": 2, \"name\": \"%1\",\n"
        "  \"environments\": [ { \"name\": \"staging\" } ],\n"
        "  \"hosts\": [\n"
        "    { \"name\": \"ok-host\", \"environment\": \"staging\", \"address\": \"127.0.0.1\", "
        "\"port\": %2, \"user\": \"%3\", \"auth\": \"key\", \"identity_file\": \"%4\", "
        "\"secret_ref\": \"cli-key\" },\n"
        "    { \"name\": \"no-entry\", \"environment\": \"staging\", \"address\": \"127.0.0.1\", "
        "\"port\": %2, \"user\": \"%3\", \"auth\": \"key\", \"identity_file\": \"%4\", "
        "\"secret_ref\": \"cli-missing\" }\n"
        "  ]\n}\n"_s.arg(m_workspaceName, QString::number(m_sshd.port()), m_sshd.user(), m_key);
    const QString path = m_dir.filePath(u"cli.workspace.jsonc"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
    file.close();
    const QByteArray seal =
        QByteArray::fromHex("5f14e45fceea167a5a36dedd4bea2543a1d0c8a5f4b7e2d9c3b6a59e8d7c6b5c")
            .toBase64();
    const QStringList common{u"exec"_s,
                             u"--workspace"_s,
                             path,
                             u"--known-hosts"_s,
                             m_knownHosts,
                             u"--database"_s,
                             m_dir.filePath(u"audit.sqlite"_s),
                             u"--secret-stdin"_s,
                             kSealKeyEntry};
    const CliRun ok =
        runCli(common + QStringList{u"--host"_s, u"ok-host"_s, u"--"_s, u"echo from-cli"_s}, seal);
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.out + ok.err));
    QVERIFY(ok.out.contains(u"from-cli"_s));

    const CliRun missing =
        runCli(common + QStringList{u"--host"_s, u"no-entry"_s, u"--"_s, u"echo never"_s}, seal);
    QCOMPARE(missing.exitCode, 3);
    const QString entry = SecretStore::entryName(m_workspaceName, u"cli-missing"_s);
    QVERIFY2(missing.err.contains(entry), qPrintable(missing.err));
    QVERIFY2(missing.err.contains(u"Credentials"_s), qPrintable(missing.err));
    QVERIFY(!missing.out.contains(u"never\n"_s));
    QVERIFY(!missing.err.contains(kPassphrase) && !missing.out.contains(kPassphrase));
}

void TestTunnelAuth::retryHostLogsInAfresh_data()
{
    QTest::addColumn<bool>("behindJump"); ///< the tunnel goes via "inner", behind web1
    QTest::addColumn<bool>("pending");    ///< retried while the request is still opening
    QTest::newRow("via host lacks it") << false << false;
    QTest::newRow("jump host lacks it") << true << false;
    QTest::newRow("jump host, request still opening") << true << true;
}

void TestTunnelAuth::retryHostLogsInAfresh()
{
    // web1's passphrase is in no keychain entry; it is given this session (as the GUI's
    // question does), and retryHost() makes the tunnel log in with it at once.
    QFETCH(bool, behindJump);
    QFETCH(bool, pending);
    SshdFixture inner;
    Workspace ws;
    ws.name = m_workspaceName;
    const Host web1 = lockedHost(u"web1"_s, u"retry-key"_s);
    ws.hosts = {web1};
    if (behindJump) {
        QVERIFY2(inner.start(), qPrintable(inner.errorString()));
        QFile known(m_knownHosts);
        QVERIFY(known.open(QIODevice::Append));
        known.write(inner.knownHostsLine().toUtf8() + '\n');
        known.close();
        Host host;
        host.name = u"inner"_s;
        host.address = inner.host();
        host.port = inner.port();
        host.user = inner.user();
        host.auth = u"key"_s;
        host.identityFile = inner.clientKeyPath();
        host.jump = web1.name;
        ws.hosts.append(host);
    }
    const QString via = behindJump ? u"inner"_s : u"web1"_s;

    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    SshSessionPool pool(options);
    HostCommands commands(&m_secrets, &pool);
    commands.setWorkspace(ws);
    HostCredentials *credentials = commands.credentials();
    SshTunnelProvider tunnels;
    tunnels.setSessionOptions(options);
    tunnels.setWorkspace(ws);
    tunnels.setOpenTimeout(waitMs);
    tunnels.setCredentialResolver([credentials](const QList<Host> &hosts, QObject *context,
                                                SshTunnelProvider::CredentialsDone done) {
        credentials->resolveAll(hosts, context, std::move(done));
    });

    std::optional<Result<quint16>> port;
    const auto request = [&] {
        port.reset();
        tunnels.localPort(via, u"127.0.0.1"_s, m_page.serverPort(), this,
                          [&](const Result<quint16> &r) { port = r; });
    };
    if (!pending) {
        request();
        QTRY_VERIFY_WITH_TIMEOUT(port.has_value(), waitMs + 5000);
        QVERIFY(!*port);
        QCOMPARE(port->error().code, u"ssh.auth_secret_missing"_s);
        // The jump host's own login is what failed, and the error names it.
        QVERIFY2(port->error().message.contains(KnownHosts::hostName(web1.address, web1.port)),
                 qPrintable(port->error().toString()));
        credentials->rememberForSession(web1, kPassphrase);
        tunnels.retryHost(web1.name);
        request();
    } else {
        request();
        credentials->rememberForSession(web1, kPassphrase);
        tunnels.retryHost(web1.name);
    }
    QTRY_VERIFY_WITH_TIMEOUT(port.has_value(), waitMs + 5000);
    QVERIFY2(*port, qPrintable(port->error().toString()));
    const QByteArray reply = fetch(**port);
    QVERIFY2(reply.startsWith("HTTP/1.0 200"), reply.constData());
    QVERIFY(reply.endsWith(kPage));
    QCOMPARE(tunnels.openTunnelCount(), 1);
}

QTEST_GUILESS_MAIN(TestTunnelAuth)
#include "tst_tunnelauth.moc"
