// SPDX-License-Identifier: GPL-3.0-or-later
// BrowserTunnels against a real OpenSSH server (SshdFixture) and the simulator's Grafana
// page, both started and stopped by this test. The browser is a recorder of URLs.
#include "console/browsertunnels.h"
#include "console/hostcommands.h"
#include "demo/simulatorprocess.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "tcpowners.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int waitMs = 20000;

QByteArray fetch(const QUrl &url)
{
    // The tunnel's listener lives on this thread: wait with the event loop running.
    QTcpSocket socket;
    QByteArray reply;
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [&] { reply += socket.readAll(); });
    socket.connectToHost(url.host(), quint16(url.port()));
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, waitMs))
        return {};
    socket.write("GET " + url.path(QUrl::FullyEncoded).toLatin1() +
                 " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    // The server closes after one answer (Connection: close).
    (void)QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; },
                          waitMs);
    return reply + socket.readAll();
}

bool listening(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    (void)QTest::qWaitFor(
        [&] {
            return socket.state() != QAbstractSocket::ConnectingState &&
                   socket.state() != QAbstractSocket::HostLookupState;
        },
        2000);
    return socket.state() == QAbstractSocket::ConnectedState;
}

} // namespace

class TestBrowserTunnels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensGrafanaThroughTunnel();
    void serviceWithoutViaOpensDirectly();
    void failuresAreClear_data();
    void failuresAreClear();
    void localUrlKeepsPathAndQuery();

private:
    Workspace workspace() const;

    SshdFixture m_sshd;
    SimulatorProcess m_sim;
    QTemporaryDir m_dir;
    QString m_knownHosts;
    std::unique_ptr<SshSessionPool> m_pool;
    std::unique_ptr<HostCommands> m_commands;
    std::unique_ptr<BrowserTunnels> m_tunnels;
    QList<QUrl> m_opened;
    bool m_browserWorks = true;
};

void TestBrowserTunnels::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    const auto started = m_sim.start({u"--no-jitter"_s});
    QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
    QVERIFY(m_sim.port(u"grafana"_s) > 0);
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
}

void TestBrowserTunnels::init()
{
    QFile known(m_knownHosts);
    QVERIFY(known.open(QIODevice::WriteOnly | QIODevice::Truncate));
    known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    known.close();
    SshSessionOptions options;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    m_pool = std::make_unique<SshSessionPool>(options);
    m_commands = std::make_unique<HostCommands>(nullptr, m_pool.get());
    m_commands->setWorkspace(workspace());
    m_tunnels = std::make_unique<BrowserTunnels>(m_pool.get(), m_commands->credentials());
    m_tunnels->setWorkspace(workspace());
    m_tunnels->setOpenTimeout(waitMs);
    m_opened.clear();
    m_browserWorks = true;
    m_tunnels->setUrlOpener([this](const QUrl &url) {
        m_opened.append(url);
        return m_browserWorks;
    });
}

void TestBrowserTunnels::cleanup()
{
    m_tunnels.reset();
    m_commands.reset();
    m_pool.reset();
}

Workspace TestBrowserTunnels::workspace() const
{
    Workspace ws;
    ws.name = u"Browser test"_s;
    Host host;
    host.name = u"botcore-host"_s;
    host.address = m_sshd.host();
    host.port = m_sshd.port();
    host.user = m_sshd.user();
    host.auth = u"key"_s;
    host.identityFile = m_sshd.clientKeyPath();
    ws.hosts = {host};
    Service grafana;
    grafana.name = u"grafana"_s;
    // As the Bot Core manual has it: the host's localhost, not reachable from here.
    grafana.baseUrl = QUrl(u"http://localhost:%1/?orgId=1"_s.arg(m_sim.port(u"grafana"_s)));
    grafana.via = host.name;
    Service direct;
    direct.name = u"status-page"_s;
    direct.baseUrl = QUrl(u"https://status.example.org/board"_s);
    Service broken = grafana;
    broken.name = u"nowhere"_s;
    broken.via = u"missing-host"_s;
    Service closed = grafana;
    closed.name = u"closed-port"_s;
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        closed.baseUrl = QUrl(u"http://localhost:%1/"_s.arg(probe.serverPort()));
    }
    ws.services = {grafana, direct, broken, closed};
    return ws;
}

void TestBrowserTunnels::opensGrafanaThroughTunnel()
{
    QCOMPARE(m_tunnels->servicesVia(u"botcore-host"_s),
             (QStringList{u"grafana"_s, u"closed-port"_s}));
    QSignalSpy opened(m_tunnels.get(), &BrowserTunnels::opened);
    QSignalSpy changed(m_tunnels.get(), &BrowserTunnels::tunnelsChanged);
    m_tunnels->open(u"grafana"_s);
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(m_opened.size(), 1);
    const QUrl url = m_opened.first();
    QCOMPARE(url.host(), u"127.0.0.1"_s);
    QVERIFY(url.port() > 0 && url.port() != m_sim.port(u"grafana"_s));
    QCOMPARE(url.query(), u"orgId=1"_s);
    QCOMPARE(opened.first().at(1).toUrl(), url);
    QCOMPARE(changed.size(), 1);

    const QByteArray page = fetch(url);
    QVERIFY2(page.startsWith("HTTP/1.1 200"), page.constData());
    QVERIFY2(page.contains("<title>Grafana (simulated)</title>"), page.constData());
    // The simulator was reached by the host's sshd, not by this process.
    const QList<BrowserTunnel> list = m_tunnels->tunnels();
    QCOMPARE(list.size(), 1);
    QVERIFY(list.first().open);
    QCOMPARE(list.first().via, u"botcore-host"_s);
    QCOMPARE(list.first().localUrl, url);

    // Opening again reuses the tunnel.
    m_tunnels->open(u"grafana"_s);
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(m_opened.size(), 2);
    QCOMPARE(m_opened.at(1), url);
    QCOMPARE(m_tunnels->tunnels().size(), 1);
    QCOMPARE(m_pool->sessionCount(), 1);

    // Closing stops the listener and lets the session go idle.
    m_tunnels->close(list.first().id);
    QCOMPARE(changed.size(), 2);
    QVERIFY(m_tunnels->tunnels().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!listening(quint16(url.port())), 5000);
    m_pool->closeIdle();
    QCOMPARE(m_pool->sessionCount(), 0);
}

void TestBrowserTunnels::serviceWithoutViaOpensDirectly()
{
    QSignalSpy opened(m_tunnels.get(), &BrowserTunnels::opened);
    m_tunnels->open(u"status-page"_s);
    QVERIFY(opened.wait(waitMs));
    QCOMPARE(m_opened, (QList<QUrl>{QUrl(u"https://status.example.org/board"_s)}));
    QVERIFY(m_tunnels->tunnels().isEmpty());
    QCOMPARE(m_pool->sessionCount(), 0);
}

void TestBrowserTunnels::failuresAreClear_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<bool>("browserWorks");
    QTest::addColumn<bool>("keyKnown");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("unknown service") << u"ghost"_s << true << true << u"no service ghost"_s;
    QTest::newRow("via host missing") << u"nowhere"_s << true << true << u"missing-host"_s;
    QTest::newRow("nothing listens")
        << u"closed-port"_s << true << true << u"tunnel via botcore-host"_s;
    QTest::newRow("host key unknown") << u"grafana"_s << true << false << u"Remote view"_s;
    QTest::newRow("no browser") << u"status-page"_s << false << true
                                << u"https://status.example.org/board"_s;
}

void TestBrowserTunnels::failuresAreClear()
{
    QFETCH(QString, service);
    QFETCH(bool, browserWorks);
    QFETCH(bool, keyKnown);
    QFETCH(QString, errorPart);
    m_browserWorks = browserWorks;
    if (!keyKnown)
        QVERIFY(QFile::resize(m_knownHosts, 0));
    QSignalSpy failed(m_tunnels.get(), &BrowserTunnels::failed);
    QSignalSpy opened(m_tunnels.get(), &BrowserTunnels::opened);
    m_tunnels->open(service);
    QVERIFY(failed.wait(waitMs));
    QCOMPARE(failed.first().at(0).toString(), service);
    const Error error = failed.first().at(1).value<Error>();
    QVERIFY2(error.message.contains(errorPart), qPrintable(error.toString()));
    QVERIFY(opened.isEmpty());
    QVERIFY(m_tunnels->tunnels().isEmpty());
    if (!keyKnown) // refused unasked: nothing saved
        QCOMPARE(QFile(m_knownHosts).size(), 0);
    if (browserWorks)
        QVERIFY(m_opened.isEmpty());
}

void TestBrowserTunnels::localUrlKeepsPathAndQuery()
{
    const QUrl url =
        BrowserTunnels::localUrl(QUrl(u"http://localhost:3001/d/abc?orgId=1#panel"_s), 4711);
    QCOMPARE(url, QUrl(u"http://127.0.0.1:4711/d/abc?orgId=1#panel"_s));
    QCOMPARE(BrowserTunnels::localUrl(QUrl(u"http://localhost:3001"_s), 80).path(), u"/"_s);
}

QTEST_GUILESS_MAIN(TestBrowserTunnels)
#include "tst_browsertunnels.moc"
