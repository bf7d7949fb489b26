// SPDX-License-Identifier: GPL-3.0-or-later
// Walks every built-in runbook against the demo host the way a newcomer would in the
// checklist wizard: command and HTTP steps run through the StepRunner (destructive ones
// confirmed), manual checks are marked done. The stand-ins must cover every command the
// runbooks call, and every file they read must be in the sandbox.
#include "checklist/checklistrun.h"
#include "checklist/steprunner.h"
#include "console/demosession.h"
#include "demo/demosandbox.h"
#include "probes/keyprovider.h"
#include "runbooks/runbookparser.h"
#include "storage/database.h"
#include "workspace/workspaceloader.h"

#include <QDir>
#include <QDirIterator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

constexpr int kStepWaitMs = 120000;

QString runbookDir()
{
    return QStringLiteral(PILOTHOUSE_SOURCE_DIR) + u"/resources/runbooks"_s;
}

// What a shell, a stand-in or a script prints when the demo host lacks something.
const QStringList kMissingMarks{u"command not found"_s,
                                u"No such file or directory"_s,
                                u"not found on this machine"_s,
                                u"not available on the demo host"_s,
                                u"outside the demo host's sandbox"_s,
                                u"ModuleNotFoundError"_s,
                                u"can't open file"_s,
                                u"could not find `Cargo.toml`"_s,
                                u"Could not read package.json"_s};

} // namespace

class TestDemoRunbooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void walk_data();
    void walk();
    void sqlStepGoesThroughPsql();

private:
    QMap<QString, QString> parametersFor(const Runbook &runbook) const;

    QTemporaryDir m_dir;
    std::unique_ptr<DemoSession> m_demo;
    Workspace m_workspace;
    QString m_sandbox;
    std::shared_ptr<Database> m_db;
    StaticKeyProvider m_keys;
};

void TestDemoRunbooks::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_demo = std::make_unique<DemoSession>();
    const auto options = m_demo->start();
    QVERIFY2(options, qPrintable(options ? QString() : options.error().toString()));
    QVERIFY2(!m_demo->sshError(),
             qPrintable(m_demo->sshError() ? m_demo->sshError()->toString() : QString()));
    const auto loaded = WorkspaceLoader::loadFile(options->workspacePath, options->variables);
    QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
    m_workspace = loaded->workspace;
    m_sandbox = options->variables.value(u"demo.sandbox"_s);
    QVERIFY(QFileInfo(m_sandbox).isDir());
    for (const Service &s : std::as_const(m_workspace.services)) {
        if (!s.dashboardKeyRef.isEmpty())
            m_keys.setKey(s.dashboardKeyRef, QString::fromLatin1(DemoSession::kDashboardKey));
    }
    auto db = Database::open(m_dir.filePath(u"audit.sqlite"_s));
    QVERIFY2(db, qPrintable(db ? QString() : db.error().toString()));
    m_db = *db;
}

void TestDemoRunbooks::cleanupTestCase()
{
    m_db.reset();
    if (m_demo)
        m_demo->stop();
    m_demo.reset();
}

QMap<QString, QString> TestDemoRunbooks::parametersFor(const Runbook &runbook) const
{
    QMap<QString, QString> values;
    for (const RunbookParameter &p : runbook.parameters) {
        if (p.name == u"service"_s) {
            values.insert(p.name, u"rust-core-engine"_s);
        } else if (p.name == u"malicious-ip"_s) {
            values.insert(p.name, u"203.0.113.7"_s);
        } else if (p.name == u"PTR_XXX"_s) {
            values.insert(p.name, u"PTR_001"_s);
        } else if (p.name == u"backup-archive"_s) {
            if (runbook.service == u"echopilot"_s) {
                values.insert(p.name, u"backups/latest.tar.gz"_s);
            } else {
                // The newest nightly dump, as the operator would pick it from `ls -lht`.
                QDir backups(DemoSandbox::botCoreDir(m_sandbox) + u"/backups"_s);
                const QString newest =
                    backups.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Time).value(0);
                const QString dump =
                    QDir(backups.filePath(newest)).entryList({u"mongodb-*"_s}).value(0);
                values.insert(p.name, u"backups/"_s + newest + u'/' + dump);
            }
        } else {
            values.insert(p.name, u"demo"_s);
        }
    }
    return values;
}

void TestDemoRunbooks::walk_data()
{
    QTest::addColumn<QString>("path");
    QStringList files;
    QDirIterator it(runbookDir(), {u"*.md"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    QCOMPARE(files.size(), 18);
    for (const QString &file : std::as_const(files)) {
        const QString name = file.mid(runbookDir().size() + 1).chopped(3);
        QTest::newRow(qPrintable(name)) << file;
    }
}

void TestDemoRunbooks::walk()
{
    QFETCH(QString, path);
    // Every runbook starts on the sandbox as the demo starts it: one runbook's restore or
    // `docker-compose down` must not decide the next one's outcome.
    const auto unpacked = DemoSandbox::unpack(m_sandbox);
    QVERIFY2(unpacked, qPrintable(unpacked ? QString() : unpacked.error().toString()));

    RunbookParser::Options parseOptions;
    parseOptions.classifier = RunbookParser::defaultClassifier(m_workspace.settings.scratchTargets);
    const auto parsed = RunbookParser::parseFile(path, parseOptions);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    const Runbook &rb = *parsed;
    const QString env = rb.environment.isEmpty() ? u"production"_s : rb.environment;

    QList<RunParameter> params;
    const QMap<QString, QString> values = parametersFor(rb);
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        params.append(RunParameter{it.key(), false, it.value()});
    ChecklistRun run = ChecklistRun::create(rb, env, params, QDateTime::currentDateTimeUtc());

    StepRunner runner;
    runner.setWorkspace(m_workspace);
    runner.setRunbook(rb);
    runner.setKeyProvider(&m_keys);
    runner.setAuditLog(m_db, QByteArray(32, 'k'));
    const StepConfirmation confirmation{ConfirmedBy::Flag, env};

    QStringList problems;
    int ran = 0;
    for (int i = 0; i < run.stepCount(); ++i) {
        const StepRecord &record = run.step(i);
        const QString label = u"step %1 (%2)"_s.arg(i + 1).arg(record.title.simplified());
        if (record.kind == Step::Kind::Manual) {
            const auto done = run.markDone(i, QDateTime::currentDateTimeUtc());
            QVERIFY2(done, qPrintable(done ? QString() : done.error().toString()));
            continue;
        }
        QSignalSpy finished(&runner, &StepRunner::stepFinished);
        QSignalSpy failed(&runner, &StepRunner::failed);
        QVERIFY(runner.run(run, i, confirmation));
        QVERIFY2(
            QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, kStepWaitMs),
            qPrintable(label + u" did not end"_s));
        ++ran;
        if (!failed.isEmpty()) {
            problems.append(label + u" could not run: "_s +
                            failed.constFirst().at(1).value<Error>().toString());
            continue;
        }
        const StepResult result = finished.constFirst().at(1).value<StepResult>();
        const QString output = QString::fromUtf8(result.output);
        for (const QString &mark : kMissingMarks) {
            if (output.contains(mark))
                problems.append(label + u" hit “"_s + mark + u"”:\n"_s + output.left(600));
        }
        if (result.exitStatus == 126 || result.exitStatus == 127)
            problems.append(label + u" exited with "_s + QString::number(*result.exitStatus));
        if (!result.passed) {
            problems.append(label + u" failed: "_s + result.reason + u'\n' + output.left(600));
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n\n"_s)));
    // Each runbook has something to run, and the run ends resolved, ready for sign-off.
    QVERIFY(ran > 0);
    QVERIFY(run.allResolved());
}

void TestDemoRunbooks::sqlStepGoesThroughPsql()
{
    // An SQL block of an imported manual reaches the server's database through psql and
    // the server's own $DATABASE_URL; Pilothouse never learns the URL.
    const QByteArray markdown = "---\ntitle: t\nservice: echopilot\n---\n# T\n\n## S\n\n"
                                "```sql\nVACUUM ANALYZE;\n```\n";
    const auto parsed = RunbookParser::parse(markdown, u"t.md"_s);
    QVERIFY2(parsed, qPrintable(parsed ? QString() : parsed.error().toString()));
    const Step *step = nullptr;
    for (const RunbookSection &section : parsed->sections) {
        for (const Step &s : section.steps) {
            if (!step && s.kind == Step::Kind::Command)
                step = &s;
        }
    }
    QVERIFY(step);
    QCOMPARE(step->language, u"sql"_s);
    const auto resolved =
        StepRunner::resolveCommand(m_workspace, *parsed, *step, u"production"_s, {});
    QVERIFY2(resolved, qPrintable(resolved ? QString() : resolved.error().toString()));
    QVERIFY(resolved->remoteCommand.contains(u"psql \"$DATABASE_URL\""_s));
    QVERIFY(resolved->remoteCommand.contains(u"\nVACUUM ANALYZE;\n"_s));
    QCOMPARE(resolved->displayCommand, u"VACUUM ANALYZE;"_s);
}

QTEST_GUILESS_MAIN(TestDemoRunbooks)
#include "tst_demorunbooks.moc"
