// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/demosession.h"

#include "core/logging.h"
#include "core/paths.h"
#include "demo/demosandbox.h"
#include "demo/demosshd.h"
#include "demo/prometheusprocess.h"
#include "demo/simulatorprocess.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

// Resources compiled into a static library are only linked in when named.
static void initDemoResources()
{
    Q_INIT_RESOURCE(demo);
}

namespace ph {

DemoSession::DemoSession(QObject *parent)
    : QObject(parent)
    , m_sim(new SimulatorProcess(this))
    , m_sshd(new DemoSshd(this))
    , m_prometheus(new PrometheusProcess(this))
{
    connect(m_prometheus, &PrometheusProcess::started, this, [this] {
        qCInfo(lcSim) << "demo Prometheus ready at" << m_prometheus->baseUrl().toString();
    });
    connect(m_prometheus, &PrometheusProcess::startFailed, this, [this](const Error &error) {
        qCWarning(lcSim) << "demo Prometheus did not start:" << error.toString();
        m_prometheusError = error;
    });
}

DemoSession::~DemoSession()
{
    stop();
}

void DemoSession::stop()
{
    m_prometheus->stop();
    m_sshd->stop();
    m_sim->stop();
}

Result<void> DemoSession::startHost(const QString &root)
{
    m_sandbox = root + u"/sandbox"_s;
    if (auto unpacked = DemoSandbox::unpack(m_sandbox); !unpacked)
        return unpacked;
    // The workspace names the deployments ${demo.root}/echopilot and ${demo.root}/bot-core;
    // they lead into the sandbox, which is rebuilt on every start while the rest of the
    // demo folder (its database, its keys) stays.
    const QList<std::pair<QString, QString>> links{
        {root + u"/echopilot"_s, DemoSandbox::echoPilotDir(m_sandbox)},
        {root + u"/bot-core"_s, DemoSandbox::botCoreDir(m_sandbox)}};
    for (const auto &[link, target] : links) {
        const QFileInfo existing(link);
        if (existing.isSymLink())
            QFile::remove(link);
        else if (existing.exists())
            return fail(u"demo.sandbox"_s,
                        QCoreApplication::translate("DemoSession",
                                                    "%1 is in the way of the demo host's sandbox; "
                                                    "move it away to use SSH steps in the demo.")
                            .arg(QDir::toNativeSeparators(link)));
        if (!QFile::link(target, link))
            return fail(u"demo.sandbox"_s,
                        QCoreApplication::translate("DemoSession", "Could not link %1 to %2.")
                            .arg(link, target));
    }
    // What the stand-ins and the EchoPilot scripts read on the demo host.
    m_sshd->setEnvironment({
        {u"DATABASE_URL"_s, DemoSandbox::databaseUrl()},
        {u"ECHOPILOT_BASE_URL"_s, m_sim->baseUrl(u"echopilot"_s).toString()},
        {u"ECHOPILOT_LOG_DIR"_s, DemoSandbox::logDir(m_sandbox)},
        {u"PILOTHOUSE_DEMO_SANDBOX"_s, m_sandbox},
    });
    return m_sshd->start(root + u"/ssh"_s, m_sandbox);
}

Result<void> DemoSession::startPrometheus()
{
    if (!m_prometheus->isInstalled()) {
        return fail(u"demo.prometheus"_s,
                    QCoreApplication::translate("DemoSession",
                                                "Prometheus is not installed at %1, so the demo "
                                                "has no Prometheus server; install it with \"%2\" "
                                                "to try SLOs read through PromQL.")
                        .arg(m_prometheus->executable(), PrometheusProcess::installHint()));
    }
    QList<PrometheusScrapeJob> jobs;
    const auto ports = m_sim->ports();
    for (auto it = ports.cbegin(); it != ports.cend(); ++it) {
        if (!it.key().startsWith(u'_')) // the control port serves no metrics
            jobs.append({it.key(), {u"127.0.0.1:"_s + QString::number(it.value())}});
    }
    m_prometheus->setJobs(jobs);
    // Often enough that rates over 5 minutes have samples soon after the demo opens.
    m_prometheus->setScrapeIntervalMs(5000);
    // Not waited for: its start-up would delay the window, and until it answers the
    // figures read through it just say it is not reachable yet.
    return m_prometheus->startInBackground();
}

Result<Console::Options> DemoSession::start()
{
    if (auto started =
            m_sim->start({u"--exit-with-parent"_s, u"--key"_s, QString::fromLatin1(kDashboardKey)});
        !started)
        return tl::unexpected(started.error());

    initDemoResources();
    const QString root = paths::dataDir() + u"/demo"_s;
    QDir().mkpath(root);
    // The host comes before the workspace, whose variables name its port and key. The
    // demo is still worth opening without it: the dashboards need only the simulator.
    m_sshError.reset();
    if (auto host = startHost(root); !host) {
        qCWarning(lcSim) << "demo host unavailable:" << host.error().toString();
        m_sshError = host.error();
    }
    m_prometheusError.reset();
    if (m_prometheusWanted) {
        if (auto prometheus = startPrometheus(); !prometheus) {
            qCInfo(lcSim) << "demo without Prometheus:" << prometheus.error().toString();
            m_prometheusError = prometheus.error();
        }
    }
    const QString file = root + u"/demo.workspace.jsonc"_s;
    QFile in(u":/demo/demo.workspace.jsonc"_s);
    QFile out(file);
    if (!in.open(QIODevice::ReadOnly))
        return fail(u"demo.workspace"_s,
                    QCoreApplication::translate("DemoSession",
                                                "The bundled demo workspace is missing from "
                                                "this build."),
                    in.errorString());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(
            u"demo.workspace"_s,
            QCoreApplication::translate("DemoSession", "Could not write the demo workspace to %1.")
                .arg(file),
            out.errorString());
    out.write(in.readAll());
    out.close();

    Console::Options options;
    options.workspacePath = file;
    options.keychainService = QString::fromLatin1(kKeychainService);
    options.databasePath = root + u"/demo.sqlite"_s;
    const auto ports = m_sim->ports();
    for (auto it = ports.cbegin(); it != ports.cend(); ++it)
        options.variables.insert(u"sim."_s + it.key(), QString::number(it.value()));
    options.variables.insert(u"demo.root"_s, root);
    options.variables.insert(u"demo.sandbox"_s, m_sandbox);
    // Without the demo's sshd the host points at port 1, where nothing listens, rather
    // than at port 22, where the machine's own sshd may answer.
    options.variables.insert(u"demo.ssh_port"_s,
                             QString::number(m_sshd->isRunning() ? m_sshd->port() : 1));
    const QString user = DemoSshd::user();
    options.variables.insert(u"demo.user"_s, user.isEmpty() ? u"demo"_s : user);
    options.variables.insert(u"demo.identity"_s, root + u"/ssh/id_ed25519"_s);
    options.variables.insert(u"demo.prometheus_url"_s, m_prometheus->isRunning()
                                                           ? m_prometheus->baseUrl().toString()
                                                           : QString());
    return options;
}

void DemoSession::provisionKey(SecretStore *store, const QString &workspaceName, QObject *context,
                               std::function<void(Result<void>)> done)
{
    store->write(SecretStore::entryName(workspaceName, u"echopilot-dash-key"_s),
                 QString::fromLatin1(kDashboardKey), context, std::move(done));
}

} // namespace ph
