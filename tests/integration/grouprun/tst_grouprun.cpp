// SPDX-License-Identifier: GPL-3.0-or-later
// A runbook step with group=… runs on every host of the group through the StepRunner:
// three real OpenSSH daemons (SshdFixture), one of them stopped before the run.
#include "checklist/checklistrun.h"
#include "checklist/runreport.h"
#include "checklist/runstore.h"
#include "checklist/steprunner.h"
#include "clirunner.h"
#include "runbooks/runbookparser.h"
#include "sshdfixture.h"
#include "storage/database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kHosts = 3;
constexpr int kStopped = 2; // web3: unreachable
constexpr int kStepWaitMs = 60000;

// Step 1 prints each host's own sshd port, so outputs cannot be mixed up unnoticed; step
// 2 fails on web1 only; step 3 is destructive.
const char *const kRunbook = "---\n"
                             "title: Web fleet check\n"
                             "environment: production\n"
                             "---\n"
                             "# Web fleet check\n\n"
                             "## Who answers\n\n"
                             "```bash {group=web timeout=30}\n"
                             "echo \"port-${SSH_CONNECTION##* }\"\n"
                             "```\n\n"
                             "## Not on the first\n\n"
                             "```bash {group=web timeout=30}\n"
                             "test \"${SSH_CONNECTION##* }\" != \"@PORT1@\"\n"
                             "```\n\n"
                             "## Clean up\n\n"
                             "```bash {group=web destructive timeout=30}\n"
                             "touch \"@MARK@-${SSH_CONNECTION##* }\"\n"
                             "```\n";

} // namespace

class TestGroupRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void outcomesPerHost();
    void destructiveGroupStepNamesAllHosts();
    void emptyGroupIsExplained();
    void cliPrintsOneLinePerHost();

private:
    Runbook runbook() const;
    bool runStep(StepRunner &runner, ChecklistRun &run, int index,
                 const StepConfirmation &confirmation, QString *error);

    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<SshdFixture>> m_sshd;
    Workspace m_workspace;
    SshSessionOptions m_options;
    std::shared_ptr<Database> m_db;
};

void TestGroupRun::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QByteArray known;
    for (int i = 0; i < kHosts; ++i) {
        m_sshd.push_back(std::make_unique<SshdFixture>());
        m_sshd.back()->setExtraConfig(u"SetEnv SHLVL=1"_s);
        QVERIFY2(m_sshd.back()->start(), qPrintable(m_sshd.back()->errorString()));
        known += m_sshd.back()->knownHostsLine().toUtf8() + '\n';
    }
    const QString knownHosts = m_dir.filePath(u"known_hosts"_s);
    QFile file(knownHosts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(known);
    file.close();
    m_options.connectTimeoutMs = 5000;
    m_options.knownHostsFile = knownHosts;

    m_workspace.name = u"group test"_s;
    m_workspace.environments = {Environment{u"production"_s, true, u"UTC"_s}};
    for (int i = 0; i < kHosts; ++i) {
        Host h;
        h.name = u"web%1"_s.arg(i + 1);
        h.environment = u"production"_s;
        h.address = m_sshd[i]->host();
        h.port = m_sshd[i]->port();
        h.user = m_sshd[i]->user();
        h.auth = u"key"_s;
        h.identityFile = m_sshd[i]->clientKeyPath();
        h.groups = {u"web"_s};
        m_workspace.hosts.append(h);
    }
    // A host of the group in another environment is not part of a production run.
    Host staging = m_workspace.hosts.constFirst();
    staging.name = u"web-staging"_s;
    staging.environment = u"staging"_s;
    m_workspace.hosts.append(staging);

    m_sshd[kStopped]->stop();
    auto db = Database::open(m_dir.filePath(u"runs.sqlite"_s));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

Runbook TestGroupRun::runbook() const
{
    QByteArray text(kRunbook);
    text.replace("@PORT1@", QByteArray::number(m_sshd[0]->port()));
    text.replace("@MARK@", QFile::encodeName(m_dir.filePath(u"mark"_s)));
    RunbookParser::Options options;
    options.classifier = RunbookParser::defaultClassifier({});
    return RunbookParser::parse(text, u"web-fleet.md"_s, options).value();
}

bool TestGroupRun::runStep(StepRunner &runner, ChecklistRun &run, int index,
                           const StepConfirmation &confirmation, QString *error)
{
    QSignalSpy finished(&runner, &StepRunner::stepFinished);
    QSignalSpy failed(&runner, &StepRunner::failed);
    if (!runner.run(run, index, confirmation))
        return false;
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, kStepWaitMs))
        return false;
    if (!failed.isEmpty()) {
        *error = failed.constFirst().at(1).value<Error>().toString();
        return false;
    }
    return true;
}

void TestGroupRun::outcomesPerHost()
{
    const Runbook rb = runbook();
    QCOMPARE(rb.stepCount(), 3);
    RunStore store(m_db);
    auto started = store.start(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
    ChecklistRun run = std::move(*started);

    StepRunner runner;
    runner.setWorkspace(m_workspace);
    runner.setRunbook(rb);
    runner.setAuditLog(m_db, QByteArray(32, 'k'));
    runner.setSshOptions(m_options);
    QCOMPARE(runner.targetHosts(run, 0), (QStringList{u"web1"_s, u"web2"_s, u"web3"_s}));

    QByteArray live;
    connect(&runner, &StepRunner::outputReceived, this,
            [&live](int, const QByteArray &data, bool) { live += data; });
    QString error;
    QVERIFY2(runStep(runner, run, 0, {}, &error), qPrintable(error));

    // The step ran everywhere it could; the stopped host makes it fail, and says so.
    const StepRecord &first = run.step(0);
    QCOMPARE(first.state, StepState::Failed);
    QVERIFY2(first.reason.contains(u"web3"_s), qPrintable(first.reason));
    QVERIFY(!first.reason.contains(u"web1"_s));
    QCOMPARE(first.output.hosts.size(), kHosts);
    for (int i = 0; i < kHosts; ++i) {
        const StepHostOutcome &h = first.output.hosts.at(i);
        QCOMPARE(h.host, u"web%1"_s.arg(i + 1));
        if (i == kStopped) {
            QCOMPARE(h.outcome, u"unreachable"_s);
            QVERIFY(!h.passed);
            QVERIFY(!h.exitStatus);
            QVERIFY(!h.reason.isEmpty());
            continue;
        }
        QCOMPARE(h.outcome, u"ok"_s);
        QVERIFY(h.passed);
        QCOMPARE(h.exitStatus, std::optional<int>(0));
        const QString own = u"port-"_s + QString::number(m_sshd[i]->port());
        QVERIFY2(h.excerpt.contains(own), qPrintable(h.excerpt));
        QCOMPARE(h.sha256.size(), 64);
        QVERIFY(live.contains(own.toUtf8()));
    }
    QVERIFY(live.contains("web3"));

    // Expectations are checked per host: exit 1 on web1 fails only web1.
    QVERIFY2(runStep(runner, run, 1, {}, &error), qPrintable(error));
    const StepRecord &second = run.step(1);
    QCOMPARE(second.state, StepState::Failed);
    QCOMPARE(second.output.hosts.at(0).outcome, u"failed"_s);
    QCOMPARE(second.output.hosts.at(0).exitStatus, std::optional<int>(1));
    QVERIFY(!second.output.hosts.at(0).passed);
    QVERIFY(second.output.hosts.at(1).passed);
    QCOMPARE(second.output.hosts.at(2).outcome, u"unreachable"_s);
    QVERIFY2(second.reason.contains(u"web1"_s) && second.reason.contains(u"web3"_s) &&
                 !second.reason.contains(u"web2"_s),
             qPrintable(second.reason));

    // Stored the moment it happened, host by host.
    auto loaded = store.load(run.runId());
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    const QList<StepHostOutcome> stored = loaded->step(1).output.hosts;
    QCOMPARE(stored.size(), kHosts);
    QCOMPARE(stored.at(0).exitStatus, std::optional<int>(1));
    QCOMPARE(stored.at(1).sha256, second.output.hosts.at(1).sha256);
    QCOMPARE(stored.at(2).outcome, u"unreachable"_s);

    // The report keeps each host's outcome and digest.
    const QString md = RunReport::toMarkdown(*loaded, rb, u"head"_s);
    for (const StepHostOutcome &h : stored) {
        QVERIFY2(md.contains(u"`"_s + h.host + u"`: "_s), qPrintable(md));
        QVERIFY(md.contains(h.sha256));
    }
    QVERIFY(md.contains(u"unreachable"_s));
    QVERIFY(md.contains(u"exit status 1"_s));
}

void TestGroupRun::destructiveGroupStepNamesAllHosts()
{
    const Runbook rb = runbook();
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    runner.setWorkspace(m_workspace);
    runner.setRunbook(rb);
    runner.setAuditLog(m_db, QByteArray(32, 'k'));
    runner.setSshOptions(m_options);
    QVERIFY(!runner.confirmationReasons(run, 2).isEmpty());

    QString error;
    QVERIFY(!runStep(runner, run, 2, {}, &error));
    for (const char *host : {"web1", "web2", "web3"})
        QVERIFY2(error.contains(QLatin1String(host)), qPrintable(error));
    QVERIFY(!error.contains(u"web-staging"_s));
    QCOMPARE(run.step(2).state, StepState::Pending);
    QVERIFY(QDir(m_dir.path()).entryList({u"mark-*"_s}).isEmpty());

    // Confirmed by the environment's name, it runs on the hosts that can be reached.
    QVERIFY2(runStep(runner, run, 2, {ConfirmedBy::Flag, u"production"_s}, &error),
             qPrintable(error));
    QCOMPARE(QDir(m_dir.path()).entryList({u"mark-*"_s}).size(), kHosts - 1);
    QCOMPARE(run.step(2).state, StepState::Failed);
}

void TestGroupRun::emptyGroupIsExplained()
{
    Runbook rb = runbook();
    Workspace ws = m_workspace;
    for (Host &h : ws.hosts)
        h.groups = {u"db"_s};
    ChecklistRun run =
        ChecklistRun::create(rb, u"production"_s, {}, QDateTime::currentDateTimeUtc());
    StepRunner runner;
    runner.setWorkspace(ws);
    runner.setRunbook(rb);
    runner.setAuditLog(m_db, QByteArray(32, 'k'));
    QVERIFY(runner.targetHosts(run, 0).isEmpty());
    QString error;
    QVERIFY(!runStep(runner, run, 0, {}, &error));
    QVERIFY2(error.contains(u"“web”"_s) && error.contains(u"production"_s), qPrintable(error));
    QCOMPARE(run.step(0).state, StepState::Pending);
}

void TestGroupRun::cliPrintsOneLinePerHost()
{
    // The same fleet as a workspace file; the hosts' keys are in the user's known_hosts.
    QJsonArray hosts;
    for (const Host &h : std::as_const(m_workspace.hosts)) {
        hosts.append(QJsonObject{{u"name"_s, h.name},
                                 {u"environment"_s, h.environment},
                                 {u"address"_s, h.address},
                                 {u"port"_s, h.port},
                                 {u"user"_s, h.user},
                                 {u"auth"_s, h.auth},
                                 {u"identity_file"_s, h.identityFile},
                                 {u"groups"_s, QJsonArray::fromStringList(h.groups)}});
    }
    const QJsonObject ws{{u"schema_version"_s, 2},
                         {u"name"_s, u"group test"_s},
                         {u"environments"_s, QJsonArray{QJsonObject{{u"name"_s, u"production"_s},
                                                                    {u"production"_s, true}},
                                                        QJsonObject{{u"name"_s, u"staging"_s}}}},
                         {u"hosts"_s, hosts}};
    const QString wsPath = m_dir.filePath(u"fleet.jsonc"_s);
    QFile wsFile(wsPath);
    QVERIFY(wsFile.open(QIODevice::WriteOnly));
    wsFile.write(QJsonDocument(ws).toJson());
    wsFile.close();
    QVERIFY(QDir().mkpath(QDir::homePath() + u"/.ssh"_s));
    QFile known(QDir::homePath() + u"/.ssh/known_hosts"_s);
    QVERIFY(known.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QFile ours(m_options.knownHostsFile);
    QVERIFY(ours.open(QIODevice::ReadOnly));
    known.write(ours.readAll());
    known.close();
    const QString md = m_dir.filePath(u"fleet.md"_s);
    QByteArray text(kRunbook);
    text.replace("@PORT1@", QByteArray::number(m_sshd[0]->port()));
    text.replace("@MARK@", QFile::encodeName(m_dir.filePath(u"climark"_s)));
    QFile mdFile(md);
    QVERIFY(mdFile.open(QIODevice::WriteOnly));
    mdFile.write(text);
    mdFile.close();

    const CliRun r =
        runCli({u"runbook"_s, u"run"_s, md, u"--workspace"_s, wsPath, u"--database"_s,
                m_dir.filePath(u"cli.sqlite"_s), u"--secret-stdin"_s, u"audit-seal-key"_s},
               QByteArray(32, 's').toBase64());
    QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err)); // web3 is down: step 1 fails
    QStringList lines;
    for (const QString &line : r.out.split(u'\n')) {
        if (line.trimmed().startsWith(u"web"_s))
            lines.append(line.simplified());
    }
    QVERIFY2(lines.size() == kHosts, qPrintable(r.out + r.err));
    QVERIFY2(lines.at(0).startsWith(u"web1 ok exit 0"_s), qPrintable(r.out));
    QVERIFY2(lines.at(1).startsWith(u"web2 ok exit 0"_s), qPrintable(r.out));
    QVERIFY2(lines.at(2).startsWith(u"web3 unreachable"_s), qPrintable(r.out));
    QVERIFY2(r.err.contains(u"web3"_s), qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestGroupRun)
#include "tst_grouprun.moc"
