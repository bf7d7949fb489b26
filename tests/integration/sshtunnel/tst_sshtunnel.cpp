// SPDX-License-Identifier: GPL-3.0-or-later
// Tunnels through a real OpenSSH server (SshdFixture) to the simulator and to a recording
// HTTP listener, and the Health probes of a service with `via`. Every server is started
// and stopped (by PID) by this test.
#include "demo/simulatorprocess.h"
#include "probes/probesweep.h"
#include "probes/tunnelprovider.h"
#include "ssh/sshsession.h"
#include "ssh/sshtunnel.h"
#include "ssh/sshtunnelprovider.h"
#include "sshclientsetup.h"
#include "sshdfixture.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int waitMs = 20000;

// Processes owning the local end 127.0.0.1:port of an established TCP connection.
QList<qint64> socketOwners(int localPort)
{
    return SshClientSetup::connectionOwners(localPort, SshClientSetup::Side::Local);
}

QByteArray request(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
}

// True once @p answer holds the head and the Content-Length body of one response.
bool isComplete(const QByteArray &answer)
{
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return false;
    static const QRegularExpression length(u"(?im)^content-length:\\s*(\\d+)"_s);
    const auto match = length.match(QString::fromLatin1(answer.left(headEnd)));
    return match.hasMatch() && answer.size() - headEnd - 4 >= match.captured(1).toLongLong();
}

QByteArray bodyOf(const QByteArray &answer)
{
    return answer.mid(answer.indexOf("\r\n\r\n") + 4);
}

// One whole answer, with the event loop running: the tunnel's listener lives on this thread.
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    QByteArray answer;
    QObject::connect(&socket, &QTcpSocket::connected, &socket,
                     [&socket, path] { socket.write(request(path)); });
    QObject::connect(&socket, &QTcpSocket::readyRead, &socket,
                     [&socket, &answer] { answer += socket.readAll(); });
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return isComplete(answer); }, waitMs))
        qWarning() << "incomplete answer:" << answer;
    return answer;
}

int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// Answers every request with 200 and remembers its Host header and where it came from.
class RecordingServer : public QTcpServer
{
public:
    QByteArray lastHost;
    QList<qint64> lastPeerOwners;
    int requests = 0;

    RecordingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                // Looked up now, while the connection exists: who is on the other end.
                lastPeerOwners = socketOwners(socket->peerPort());
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->peek(64 * 1024);
                    if (!head.contains("\r\n\r\n"))
                        return;
                    socket->readAll();
                    for (const QByteArray &line : head.split('\n')) {
                        if (line.toLower().startsWith("host:"))
                            lastHost = line.mid(5).trimmed();
                    }
                    ++requests;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                  "Content-Length: 15\r\nConnection: close\r\n\r\n"
                                  "{\"status\":\"ok\"}");
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
};

} // namespace

class TestSshTunnel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void httpGetThroughTunnel();
    void concurrentConnections();
    void largeTransfersBothWays();
    void unreachableRemoteEnd();
    void loginFailureIsTunnelError();
    void closeStopsListening();
    void probeOfViaServicePasses();
    void probeSendsRealHostThroughSshd();
    void probeOfUnreachableViaFailsClearly_data();
    void probeOfUnreachableViaFailsClearly();
    void probeOfViaServiceWithoutProvider();
    void httpsThroughTunnelChecksRealName_data();
    void httpsThroughTunnelChecksRealName();

private:
    std::unique_ptr<SshSession> session(const QString &keyFile = {})
    {
        return m_client.session(m_sshd, keyFile);
    }
    Workspace workspace() const;
    QList<ProbeResult> sweep(SshTunnelProvider &provider, const QList<Service> &services);

    SshdFixture m_sshd;
    SimulatorProcess m_sim;
    SshClientSetup m_client;
    int m_simPort = 0;
};

void TestSshTunnel::initTestCase()
{
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    QVERIFY2(!qEnvironmentVariableIsEmpty("PILOTHOUSE_SIM"), "PILOTHOUSE_SIM not set");
    const auto started = m_sim.start({u"--seed"_s, u"7"_s});
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    m_simPort = m_sim.port(u"echopilot"_s);
    QVERIFY(m_simPort > 0);
}

void TestSshTunnel::init()
{
    QVERIFY(m_client.reset({&m_sshd}));
}

void TestSshTunnel::cleanupTestCase()
{
    m_sim.stop();
    QVERIFY(!m_sim.isRunning());
}

void TestSshTunnel::httpGetThroughTunnel()
{
    auto s = session();
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, m_simPort);
    QSignalSpy opened(&tunnel, &SshTunnel::opened);
    QSignalSpy failed(&tunnel, &SshTunnel::failed);
    tunnel.open();
    QVERIFY(opened.wait(waitMs));
    QVERIFY(failed.isEmpty());
    QVERIFY(tunnel.isOpen());
    const quint16 port = tunnel.localPort();
    QCOMPARE(opened.first().first().value<quint16>(), port);
    QVERIFY(port != 0 && port != m_simPort);

    const QByteArray direct = httpGet(quint16(m_simPort), "/api/health");
    const QByteArray tunnelled = httpGet(port, "/api/health");
    QVERIFY2(tunnelled.startsWith("HTTP/1.1 200"), tunnelled.constData());
    QVERIFY2(tunnelled.contains("\"status\""), tunnelled.constData());
    // Same answer as asking the simulator directly (status line and body).
    QCOMPARE(tunnelled.left(tunnelled.indexOf("\r\n")), direct.left(direct.indexOf("\r\n")));
    QCOMPARE(bodyOf(tunnelled), bodyOf(direct));
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connectionCount(), 0, waitMs);
}

void TestSshTunnel::concurrentConnections()
{
    auto s = session();
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, m_simPort);
    QSignalSpy opened(&tunnel, &SshTunnel::opened);
    tunnel.open();
    QVERIFY(opened.wait(waitMs));

    constexpr int count = 4;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    for (int i = 0; i < count; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        sockets.back()->connectToHost(QHostAddress::LocalHost, tunnel.localPort());
    }
    // All are forwarded at once before any request is sent.
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connectionCount(), count, waitMs);
    const QList<QByteArray> paths{"/api/health", "/api/platform/status", "/api/slo/status",
                                  "/api/health"};
    for (int i = count - 1; i >= 0; --i)
        sockets[size_t(i)]->write(request(paths.at(i)));
    std::vector<QByteArray> answers(count);
    QVERIFY(QTest::qWaitFor(
        [&] {
            bool all = true;
            for (int i = 0; i < count; ++i) {
                answers[size_t(i)] += sockets[size_t(i)]->readAll();
                all = all && isComplete(answers[size_t(i)]);
            }
            return all;
        },
        waitMs));
    for (int i = 0; i < count; ++i) {
        QVERIFY2(answers[size_t(i)].startsWith("HTTP/1.1 200"), answers[size_t(i)].constData());
        // Figures change per request; the shape of the answer must match the direct one.
        QCOMPARE(QJsonDocument::fromJson(bodyOf(answers[size_t(i)])).object().keys(),
                 QJsonDocument::fromJson(bodyOf(httpGet(quint16(m_simPort), paths.at(i))))
                     .object()
                     .keys());
    }
    for (const auto &socket : sockets)
        socket->close();
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connectionCount(), 0, waitMs);
}

void TestSshTunnel::largeTransfersBothWays()
{
    // Several MiB each way need many window adjustments and partial local writes.
    QByteArray download(4 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < download.size(); ++i)
        download[i] = char((i * 7 + i / 4096) & 0xff);
    const qsizetype uploadSize = 3 * 1024 * 1024;
    QTcpServer backend;
    QVERIFY(backend.listen(QHostAddress::LocalHost, 0));
    QCryptographicHash received(QCryptographicHash::Sha256);
    qsizetype receivedBytes = 0;
    connect(&backend, &QTcpServer::newConnection, &backend, [&] {
        QTcpSocket *socket = backend.nextPendingConnection();
        socket->write(download);
        connect(socket, &QTcpSocket::readyRead, socket, [&, socket] {
            const QByteArray chunk = socket->readAll();
            received.addData(chunk);
            receivedBytes += chunk.size();
            if (receivedBytes == uploadSize)
                socket->disconnectFromHost(); // after the download is flushed
        });
    });

    auto s = session();
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, backend.serverPort());
    QSignalSpy opened(&tunnel, &SshTunnel::opened);
    tunnel.open();
    QVERIFY(opened.wait(waitMs));
    // The check connection of open() counts as one; it sends nothing.
    QTRY_VERIFY(tunnel.connectionCount() == 0);

    QByteArray upload(uploadSize, Qt::Uninitialized);
    for (qsizetype i = 0; i < upload.size(); ++i)
        upload[i] = char((i * 13 + 5) & 0xff);
    QTcpSocket client;
    QByteArray got;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { got += client.readAll(); });
    connect(&client, &QTcpSocket::connected, &client, [&] { client.write(upload); });
    client.connectToHost(QHostAddress::LocalHost, tunnel.localPort());
    QVERIFY(QTest::qWaitFor([&] { return client.state() == QAbstractSocket::UnconnectedState; },
                            60000));
    got += client.readAll();
    QCOMPARE(receivedBytes, uploadSize);
    QCOMPARE(received.result(), QCryptographicHash::hash(upload, QCryptographicHash::Sha256));
    QCOMPARE(got.size(), download.size());
    QVERIFY(got == download);
    QTRY_COMPARE_WITH_TIMEOUT(tunnel.connectionCount(), 0, waitMs);
}

void TestSshTunnel::unreachableRemoteEnd()
{
    auto s = session();
    const int closed = freePort();
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, closed);
    QSignalSpy opened(&tunnel, &SshTunnel::opened);
    QSignalSpy failed(&tunnel, &SshTunnel::failed);
    tunnel.open();
    QVERIFY(failed.wait(waitMs));
    QVERIFY(opened.isEmpty());
    QVERIFY(!tunnel.isOpen());
    QCOMPARE(tunnel.localPort(), quint16(0));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"ssh.forward"_s);
    QVERIFY2(error.message.startsWith(u"tunnel via [127.0.0.1]:%1: "_s.arg(m_sshd.port())),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(u"127.0.0.1:%1"_s.arg(closed)), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(error.message));
    // The session survives a refused channel.
    QVERIFY(s->isConnected());
}

void TestSshTunnel::loginFailureIsTunnelError()
{
    auto s = session(m_sshd.makeUnauthorizedKey(u"stranger"_s));
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, m_simPort);
    tunnel.setViaName(u"web1"_s);
    QSignalSpy failed(&tunnel, &SshTunnel::failed);
    tunnel.open();
    QVERIFY(failed.wait(waitMs));
    const Error error = failed.first().first().value<Error>();
    QCOMPARE(error.code, u"ssh.auth"_s);
    QVERIFY2(error.message.startsWith(u"tunnel via web1: Could not log in"_s),
             qPrintable(error.message));
    QVERIFY(!tunnel.isOpen());
}

void TestSshTunnel::closeStopsListening()
{
    auto s = session();
    SshTunnel tunnel(s.get(), u"127.0.0.1"_s, m_simPort);
    QSignalSpy opened(&tunnel, &SshTunnel::opened);
    tunnel.open();
    QVERIFY(opened.wait(waitMs));
    const quint16 port = tunnel.localPort();
    tunnel.close();
    QVERIFY(!tunnel.isOpen());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(3000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

Workspace TestSshTunnel::workspace() const
{
    Workspace ws;
    Host web;
    web.name = u"web1"_s;
    web.address = m_sshd.host();
    web.port = m_sshd.port();
    web.user = m_sshd.user();
    web.auth = u"key"_s;
    web.identityFile = m_sshd.clientKeyPath();
    ws.hosts.append(web);
    return ws;
}

QList<ProbeResult> TestSshTunnel::sweep(SshTunnelProvider &provider, const QList<Service> &services)
{
    provider.setSessionOptions(m_client.options());
    provider.setWorkspace(workspace());
    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    sweep.setTunnelProvider(&provider);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    sweep.start(services);
    if (!done.wait(30000))
        return {};
    return sweep.results();
}

namespace {

Service viaService(const QString &name, const QUrl &base, const QString &via, bool healthBody)
{
    Service s;
    s.name = name;
    s.baseUrl = base;
    s.via = via;
    EndpointSpec health;
    health.name = u"health"_s;
    health.path = u"/api/health"_s;
    health.healthBody = healthBody;
    s.endpoints = {health};
    return s;
}

} // namespace

void TestSshTunnel::probeOfViaServicePasses()
{
    SshTunnelProvider provider;
    const QUrl base = m_sim.baseUrl(u"echopilot"_s);
    const QList<ProbeResult> results =
        sweep(provider, {viaService(u"echopilot"_s, base, u"web1"_s, true)});
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().verdict == Verdict::Pass, qPrintable(results.first().error));
    QCOMPARE(results.first().statusCode, 200);
    // The result names the real URL, not the tunnel's local port.
    QCOMPARE(results.first().url, base.toString() + u"/api/health"_s);
    QCOMPARE(provider.openTunnelCount(), 1);
}

void TestSshTunnel::probeSendsRealHostThroughSshd()
{
    RecordingServer backend;
    QVERIFY(backend.listen(QHostAddress::LocalHost, 0));
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(backend.serverPort()));
    SshTunnelProvider provider;
    const QList<ProbeResult> results =
        sweep(provider, {viaService(u"internal"_s, base, u"web1"_s, true)});
    QCOMPARE(results.size(), 1);
    QVERIFY2(results.first().verdict == Verdict::Pass, qPrintable(results.first().error));
    QCOMPARE(backend.requests, 1);
    QCOMPARE(backend.lastHost, u"127.0.0.1:%1"_s.arg(backend.serverPort()).toLatin1());
    // The backend was reached by the host's sshd, not by this process.
    QVERIFY(!backend.lastPeerOwners.isEmpty());
    QVERIFY(!backend.lastPeerOwners.contains(QCoreApplication::applicationPid()));
    for (qint64 pid : std::as_const(backend.lastPeerOwners))
        QVERIFY(SshClientSetup::descendsFrom(pid, m_sshd.pid()));
}

void TestSshTunnel::probeOfUnreachableViaFailsClearly_data()
{
    QTest::addColumn<QString>("via");
    QTest::addColumn<bool>("closedPort");
    QTest::addColumn<QString>("errorPart");
    QTest::addColumn<bool>("keyKnown");
    QTest::newRow("service down") << u"web1"_s << true << u"could not open a connection"_s << true;
    QTest::newRow("unknown host") << u"nowhere"_s << false << u"no host nowhere"_s << true;
    QTest::newRow("host key not known")
        << u"web1"_s << false << u"host key of web1 is not known yet"_s << false;
}

void TestSshTunnel::probeOfUnreachableViaFailsClearly()
{
    QFETCH(QString, via);
    QFETCH(bool, closedPort);
    QFETCH(QString, errorPart);
    QFETCH(bool, keyKnown);
    if (!keyKnown)
        QVERIFY(QFile::resize(m_client.knownHostsFile(), 0));
    const QUrl base(u"http://127.0.0.1:%1"_s.arg(closedPort ? freePort() : m_simPort));
    SshTunnelProvider provider;
    const QList<ProbeResult> results = sweep(provider, {viaService(u"svc"_s, base, via, false)});
    QCOMPARE(results.size(), 1);
    const ProbeResult &r = results.first();
    QVERIFY(r.verdict == Verdict::Down || r.verdict == Verdict::Fail);
    QVERIFY2(r.error.contains(u"tunnel via "_s + via + u": "_s), qPrintable(r.error));
    QVERIFY2(r.error.contains(errorPart), qPrintable(r.error));
    QCOMPARE(provider.openTunnelCount(), 0);
    if (!keyKnown) // refused unasked, and nothing was saved
        QCOMPARE(QFileInfo(m_client.knownHostsFile()).size(), 0);
}

void TestSshTunnel::probeOfViaServiceWithoutProvider()
{
    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    sweep.start({viaService(u"svc"_s, m_sim.baseUrl(u"echopilot"_s), u"web1"_s, true)});
    // Answered at once, like any other configuration error.
    QVERIFY(!done.isEmpty() || done.wait(waitMs));
    QCOMPARE(sweep.results().size(), 1);
    const ProbeResult &r = sweep.results().first();
    QCOMPARE(r.verdict, Verdict::Fail);
    QVERIFY2(r.error.contains(u"tunnel via web1: "_s), qPrintable(r.error));
}

namespace {

// Sends every tunnel to one fixed local port: isolates the probe's rewrite from SSH.
class FixedTunnels : public TunnelProvider
{
public:
    quint16 port = 0;
    QStringList asked;

    void localPort(const QString &via, const QString &host, int remotePort, QObject *context,
                   Callback done) override
    {
        asked << via + u' ' + host + u':' + QString::number(remotePort);
        QMetaObject::invokeMethod(
            context, [done, p = port] { done(p); }, Qt::QueuedConnection);
    }
};

bool makeCertificate(const QString &dir, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-keyout"_s,
                   dir + u"/key.pem"_s, u"-out"_s, dir + u"/cert.pem"_s, u"-subj"_s,
                   u"/CN="_s + name, u"-addext"_s, u"subjectAltName=DNS:"_s + name});
    return openssl.waitForFinished(30000) && openssl.exitCode() == 0;
}

} // namespace

void TestSshTunnel::httpsThroughTunnelChecksRealName_data()
{
    QTest::addColumn<QString>("certificateName");
    QTest::addColumn<bool>("passes");
    QTest::newRow("certificate of the real name") << u"backend.test"_s << true;
    QTest::newRow("certificate of another name") << u"other.test"_s << false;
}

void TestSshTunnel::httpsThroughTunnelChecksRealName()
{
    QFETCH(QString, certificateName);
    QFETCH(bool, passes);
    QVERIFY(makeCertificate(m_client.path(), certificateName));
    QFile keyFile(m_client.filePath(u"key.pem"_s));
    QVERIFY(keyFile.open(QIODevice::ReadOnly));
    const QList<QSslCertificate> certificates =
        QSslCertificate::fromPath(m_client.filePath(u"cert.pem"_s));
    QCOMPARE(certificates.size(), 1);

    QSslServer server;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificates.first());
    tls.setPrivateKey(QSslKey(&keyFile, QSsl::Ec));
    server.setSslConfiguration(tls);
    QByteArray host;
    int requests = 0;
    connect(&server, &QTcpServer::pendingConnectionAvailable, &server, [&] {
        while (auto *socket = static_cast<QSslSocket *>(server.nextPendingConnection())) {
            connect(socket, &QSslSocket::readyRead, socket, [&, socket] {
                const QByteArray head = socket->readAll();
                for (const QByteArray &line : head.split('\n')) {
                    if (line.toLower().startsWith("host:"))
                        host = line.mid(5).trimmed();
                }
                ++requests;
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");
                socket->disconnectFromHost();
            });
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));

    FixedTunnels tunnels;
    tunnels.port = server.serverPort();
    Service service;
    service.name = u"secure"_s;
    service.baseUrl = QUrl(u"https://backend.test:8443"_s);
    service.via = u"web1"_s;
    service.caFile = m_client.filePath(u"cert.pem"_s);
    EndpointSpec health;
    health.name = u"health"_s;
    health.path = u"/health"_s;
    service.endpoints = {health};

    ProbeSweep sweep;
    sweep.setNetworkOnline(true);
    sweep.setTunnelProvider(&tunnels);
    QSignalSpy done(&sweep, &ProbeSweep::finished);
    sweep.start({service});
    QVERIFY(!done.isEmpty() || done.wait(waitMs));
    QCOMPARE(tunnels.asked, QStringList{u"web1 backend.test:8443"_s});
    const ProbeResult &r = sweep.results().first();
    QCOMPARE(r.url, u"https://backend.test:8443/health"_s);
    if (passes) {
        QVERIFY2(r.verdict == Verdict::Pass, qPrintable(r.error));
        QCOMPARE(requests, 1);
        QCOMPARE(host, QByteArray("backend.test:8443"));
    } else {
        QVERIFY(r.verdict != Verdict::Pass);
        QCOMPARE(requests, 0);
        QVERIFY2(r.error.contains(u"host name"_s, Qt::CaseInsensitive) ||
                     r.error.contains(u"TLS"_s, Qt::CaseInsensitive),
                 qPrintable(r.error));
    }
}

QTEST_GUILESS_MAIN(TestSshTunnel)
#include "tst_sshtunnel.moc"
