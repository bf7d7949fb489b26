// SPDX-License-Identifier: GPL-3.0-or-later
// HTTP steps of a service reached through a host (`via`): the StepRunner asks the
// SshTunnelProvider for a tunnel through a real OpenSSH sshd (SshdFixture) and sends the
// request to the simulator, or to a recording server, with the service's real Host header.
#include "checklist/checklistrun.h"
#include "checklist/steprunner.h"
#include "demo/simulatorprocess.h"
#include "probes/keyprovider.h"
#include "runbooks/runbookparser.h"
#include "ssh/sshtunnelprovider.h"
#include "sshdfixture.h"
#include "storage/database.h"

#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kStepWaitMs = 40000;
constexpr auto kKey = "tunnel-test-key";

// Answers every request with 200 and remembers its Host and X-Dash-Key headers.
class RecordingServer : public QTcpServer
{
public:
    QByteArray lastHost;
    QByteArray lastKey;
    int requests = 0;

    RecordingServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    const QByteArray head = socket->peek(64 * 1024);
                    if (!head.contains("\r\n\r\n"))
                        return;
                    socket->readAll();
                    for (const QByteArray &line : head.split('\n')) {
                        if (line.toLower().startsWith("host:"))
                            lastHost = line.mid(5).trimmed();
                        if (line.toLower().startsWith("x-dash-key:"))
                            lastKey = line.mid(11).trimmed();
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

const char *const kRunbook =
    "---\n"
    "title: Behind the bastion\n"
    "service: echopilot\n"
    "environment: production\n"
    "---\n"
    "# Behind the bastion\n\n"
    "## Queue\n\n"
    "```bash {expect.http=200 expect.json=\"/depth < 100000\"}\n"
    "curl -s http://localhost:5000/api/queue/status -H \"X-Dash-Key: $DASHBOARD_KEY\"\n"
    "```\n\n"
    "## Internal health\n\n"
    "```bash {expect.http=200 expect.regex=\"ok\"}\n"
    "curl -s http://localhost:5000/api/internal/health -H \"X-Dash-Key: $DASHBOARD_KEY\"\n"
    "```\n";

} // namespace

class TestTunnelStep : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void httpStepGoesThroughTunnel();
    void realHostHeaderReachesService();
    void unreachableViaLeavesStepPending();
    void noTunnelProviderIsExplained();

private:
    Workspace workspace(const QUrl &base, int sshPort) const;
    Runbook runbook() const;
    bool runStep(StepRunner &runner, ChecklistRun &run, int index, QString *error);
    void configure(SshTunnelProvider &tunnels, const Workspace &ws) const;
    /// @p runner as the wizard sets it up; @p tunnels may be null (no tunnel provider).
    void setUpRunner(StepRunner &runner, const Workspace &ws, const Runbook &rb,
                     SshTunnelProvider *tunnels);

    QTemporaryDir m_dir;
    SshdFixture m_sshd;
    SimulatorProcess m_sim;
    RecordingServer m_recorder;
    QString m_knownHosts;
    std::shared_ptr<Database> m_db;
    StaticKeyProvider m_keys;
};

void TestTunnelStep::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sshd.setExtraConfig(u"SetEnv SHLVL=1"_s);
    QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
    const auto started = m_sim.start({u"--seed"_s, u"7"_s, u"--key"_s, QString::fromLatin1(kKey)});
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    QVERIFY(m_recorder.listen(QHostAddress::LocalHost, 0));
    m_knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile file(m_knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(m_sshd.knownHostsLine().toUtf8() + '\n');
    file.close();
    auto db = Database::open(m_dir.filePath(u"audit.sqlite"_s));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
    m_keys.setKey(u"dash"_s, QString::fromLatin1(kKey));
}

void TestTunnelStep::cleanupTestCase()
{
    m_sim.stop();
    m_sshd.stop();
}

Workspace TestTunnelStep::workspace(const QUrl &base, int sshPort) const
{
    Workspace ws;
    ws.name = u"tunnel test"_s;
    ws.environments = {Environment{u"production"_s, true, u"UTC"_s}};
    Host bastion;
    bastion.name = u"bastion"_s;
    bastion.environment = u"production"_s;
    bastion.address = m_sshd.host();
    bastion.port = sshPort;
    bastion.user = m_sshd.user();
    bastion.auth = u"key"_s;
    bastion.identityFile = m_sshd.clientKeyPath();
    ws.hosts.append(bastion);
    Service s;
    s.name = u"echopilot"_s;
    s.environment = u"production"_s;
    s.profile = u"echopilot"_s;
    s.baseUrl = base;
    s.via = u"bastion"_s;
    s.dashboardKeyRef = u"dash"_s;
    ws.services.append(s);
    return ws;
}

Runbook TestTunnelStep::runbook() const
{
    return RunbookParser::parse(QByteArray(kRunbook), u"bastion.md"_s).value();
}

void TestTunnelStep::configure(SshTunnelProvider &tunnels, const Workspace &ws) const
{
    SshSessionOptions options;
    options.connectTimeoutMs = 5000;
    options.knownHostsFile = m_knownHosts;
    options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
    tunnels.setSessionOptions(options);
    tunnels.setOpenTimeout(10000);
    tunnels.setWorkspace(ws);
}

void TestTunnelStep::setUpRunner(StepRunner &runner, const Workspace &ws, const Runbook &rb,
                                 SshTunnelProvider *tunnels)
{
    runner.setWorkspace(ws);
    runner.setRunbook(rb);
    runner.setKeyProvider(&m_keys);
    if (tunnels)
        runner.setTunnelProvider(tunnels);
    runner.setAuditLog(m_db, QByteArray(32, 'k'));
}

bool TestTunnelStep::runStep(StepRunner &runner, ChecklistRun &run, int index, QString *error)
{
    QSignalSpy finished(&runner, &StepRunner::stepFinished);
    QSignalSpy failed(&runner, &StepRunner::failed);
    if (!runner.run(run, index))
        return false;
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, kStepWaitMs))
        return false;
    if (!failed.isEmpty()) {
        *error = failed.constFirst().at(1).value<Error>().toString();
        return false;
    }
    return true;
}

void TestTunnelStep::httpStepGoesThroughTunnel()
{
    const Workspace ws = workspace(m_sim.baseUrl(u"echopilot"_s), m_sshd.port());
    SshTunnelProvider tunnels;
    configure(tunnels, ws);
    const Runbook rb = runbook();
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    setUpRunner(runner, ws, rb, &tunnels);

    QString error;
    QVERIFY2(runStep(runner, run, 0, &error), qPrintable(error));
    const StepRecord &rec = run.step(0);
    QVERIFY2(rec.state == StepState::Passed, qPrintable(rec.reason + rec.output.excerpt));
    QCOMPARE(rec.output.httpStatus, std::optional<int>(200));
    // The simulator only answers the queue with the key, and the key shows nowhere.
    QVERIFY2(rec.output.excerpt.contains(u"depth"_s), qPrintable(rec.output.excerpt));
    QVERIFY(!rec.output.excerpt.contains(QLatin1String(kKey)));
    QCOMPARE(tunnels.openTunnelCount(), 1);
}

void TestTunnelStep::realHostHeaderReachesService()
{
    // The service's name is "localhost:<port>" on the bastion; the tunnel's local end is
    // another port on 127.0.0.1, which the service must never see.
    const QUrl base(u"http://localhost:%1"_s.arg(m_recorder.serverPort()));
    const Workspace ws = workspace(base, m_sshd.port());
    SshTunnelProvider tunnels;
    configure(tunnels, ws);
    const Runbook rb = runbook();
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    setUpRunner(runner, ws, rb, &tunnels);
    const int before = m_recorder.requests;

    QString error;
    QVERIFY2(runStep(runner, run, 1, &error), qPrintable(error));
    QVERIFY2(run.step(1).state == StepState::Passed, qPrintable(run.step(1).reason));
    QCOMPARE(m_recorder.requests, before + 1);
    QCOMPARE(m_recorder.lastHost, "localhost:" + QByteArray::number(m_recorder.serverPort()));
    QCOMPARE(m_recorder.lastKey, QByteArray(kKey));
    QCOMPARE(tunnels.openTunnelCount(), 1);
}

void TestTunnelStep::unreachableViaLeavesStepPending()
{
    // Nothing listens on the bastion's port: no tunnel, no request, the step as it was.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
    const int deadPort = closed.serverPort();
    closed.close();
    const Workspace ws =
        workspace(QUrl(u"http://localhost:%1"_s.arg(m_recorder.serverPort())), deadPort);
    SshTunnelProvider tunnels;
    configure(tunnels, ws);
    const Runbook rb = runbook();
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    setUpRunner(runner, ws, rb, &tunnels);
    const int before = m_recorder.requests;

    QString error;
    QVERIFY(!runStep(runner, run, 1, &error));
    QVERIFY2(error.contains(u"tunnel via bastion"_s), qPrintable(error));
    QCOMPARE(run.step(1).state, StepState::Pending);
    QCOMPARE(m_recorder.requests, before);
}

void TestTunnelStep::noTunnelProviderIsExplained()
{
    const Workspace ws = workspace(m_sim.baseUrl(u"echopilot"_s), m_sshd.port());
    const Runbook rb = runbook();
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    setUpRunner(runner, ws, rb, nullptr);
    QString error;
    QVERIFY(!runStep(runner, run, 0, &error));
    QVERIFY2(error.contains(u"bastion"_s) && error.contains(u"tunnel"_s), qPrintable(error));
    QCOMPARE(run.step(0).state, StepState::Pending);
}

QTEST_GUILESS_MAIN(TestTunnelStep)
#include "tst_tunnelstep.moc"
