// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/prometheusprocess.h"

#include "demo/childprocess.h"

#include "core/logging.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int terminateTimeoutMs = 5000;
constexpr int readyPollMs = 100;

/// A YAML double-quoted scalar (the JSON escapes are valid YAML).
QString yamlString(const QString &text)
{
    QString out = u"\""_s;
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\' + QString(c);
        else if (c.unicode() < 0x20)
            out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out + u'"';
}

QString yamlList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted.append(yamlString(item));
    return u'[' + quoted.join(u", "_s) + u']';
}

QString duration(int milliseconds)
{
    if (milliseconds % 1000 == 0)
        return QString::number(milliseconds / 1000) + u's';
    return QString::number(milliseconds) + u"ms"_s;
}

/// A port the kernel just handed out on 127.0.0.1; another process may take it before
/// Prometheus binds it, which start() handles by trying once more.
int freeLocalPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

} // namespace

PrometheusProcess::PrometheusProcess(QObject *parent)
    : QObject(parent)
    , m_executable(defaultExecutable())
{
}

PrometheusProcess::~PrometheusProcess()
{
    stop();
}

QString PrometheusProcess::defaultExecutable()
{
    const QString fromEnvironment = qEnvironmentVariable("PILOTHOUSE_PROMETHEUS");
    return fromEnvironment.isEmpty() ? u"/usr/bin/prometheus"_s : fromEnvironment;
}

QString PrometheusProcess::installHint()
{
    return u"apt-get install --no-install-recommends prometheus"_s;
}

bool PrometheusProcess::isInstalled() const
{
    const QFileInfo info(m_executable);
    return info.exists() && info.isFile() && info.isExecutable();
}

bool PrometheusProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 PrometheusProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QUrl PrometheusProcess::baseUrl() const
{
    if (!isRunning() || m_port <= 0)
        return {};
    return QUrl(u"http://127.0.0.1:"_s + QString::number(m_port));
}

QString PrometheusProcess::buildConfig(int port) const
{
    const QString interval = duration(m_scrapeIntervalMs);
    QString yaml = u"# Written by Pilothouse for a private Prometheus; removed when it stops.\n"
                   "global:\n"
                   "  scrape_interval: %1\n"
                   "  scrape_timeout: %1\n"
                   "  evaluation_interval: %1\n"
                   "scrape_configs:\n"
                   "  - job_name: \"prometheus\"\n"
                   "    static_configs:\n"
                   "      - targets: [\"127.0.0.1:%2\"]\n"_s.arg(interval)
                       .arg(port);
    for (const PrometheusScrapeJob &job : m_jobs) {
        yaml += u"  - job_name: "_s + yamlString(job.job) + u"\n    metrics_path: "_s +
                yamlString(job.metricsPath.isEmpty() ? u"/metrics"_s : job.metricsPath) +
                u"\n    static_configs:\n      - targets: "_s + yamlList(job.targets) + u'\n';
    }
    return yaml;
}

Result<void> PrometheusProcess::prepare()
{
    if (isRunning())
        return fail(u"prometheus.running"_s, tr("Prometheus is already running; stop it first."));
    if (!isInstalled()) {
        return fail(u"prometheus.missing"_s,
                    tr("Prometheus is not installed at %1. Install it with \"%2\" (then disable "
                       "its system service), or point PILOTHOUSE_PROMETHEUS at the program.")
                        .arg(QDir::toNativeSeparators(m_executable), installHint()));
    }
    QStringList seen;
    for (const PrometheusScrapeJob &job : m_jobs) {
        if (job.job.isEmpty() || job.job == u"prometheus"_s || seen.contains(job.job)) {
            return fail(u"prometheus.config"_s,
                        tr("Scrape job \"%1\" is empty, taken by Prometheus itself or named "
                           "twice; give every job its own name.")
                            .arg(job.job));
        }
        seen.append(job.job);
    }

    stop();
    m_dir =
        std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"pilothouse-prometheus-XXXXXX"_s));
    if (!m_dir->isValid()) {
        const QString detail = m_dir->errorString();
        m_dir.reset();
        return fail(u"prometheus.tempdir"_s,
                    tr("No temporary directory could be made for Prometheus' data; check the "
                       "free space in %1.")
                        .arg(QDir::tempPath()),
                    detail);
    }
    return {};
}

Result<void> PrometheusProcess::start()
{
    if (auto prepared = prepare(); !prepared)
        return prepared;
    for (int attempt = 0;; ++attempt) {
        if (auto launched = launch(); !launched) {
            stop();
            return launched;
        }
        if (waitUntilReady()) {
            becomeReady();
            return {};
        }
        const Error error = failure();
        if (error.code == u"prometheus.port"_s && attempt == 0) {
            qCInfo(lcSim) << "port" << m_port << "was taken before Prometheus bound it; retrying";
            continue;
        }
        stop();
        return tl::unexpected<Error>(error);
    }
}

Result<void> PrometheusProcess::startInBackground()
{
    if (auto prepared = prepare(); !prepared)
        return prepared;
    if (auto launched = launch(); !launched) {
        stop();
        return launched;
    }
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    m_readyClock.start();
    const auto failed = [this] {
        m_process->disconnect(this);
        const Error error = failure();
        stop();
        Q_EMIT startFailed(error);
    };
    connect(m_process, &QProcess::finished, this, failed);
    connect(m_process, &QProcess::errorOccurred, this, [failed](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            failed();
    });
    pollReady();
    return {};
}

void PrometheusProcess::pollReady()
{
    QNetworkRequest request(QUrl(u"http://127.0.0.1:%1/-/ready"_s.arg(m_port)));
    request.setTransferTimeout(1000);
    QNetworkReply *reply = m_network->get(request);
    const QProcess *process = m_process;
    connect(reply, &QNetworkReply::finished, this, [this, reply, process] {
        reply->deleteLater();
        if (process != m_process || !isRunning() || m_ready)
            return; // stopped or restarted meanwhile
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            m_process->disconnect(this);
            connect(m_process, &QProcess::readyReadStandardError, this,
                    &PrometheusProcess::readStandardError);
            becomeReady();
            Q_EMIT started();
            return;
        }
        if (m_readyClock.elapsed() > m_startTimeoutMs) {
            m_process->disconnect(this);
            const Error error = failure(/*timedOut*/ true);
            stop();
            Q_EMIT startFailed(error);
            return;
        }
        QTimer::singleShot(readyPollMs, this, [this, process] {
            if (process == m_process && isRunning() && !m_ready)
                pollReady();
        });
    });
}

void PrometheusProcess::becomeReady()
{
    m_ready = true;
    connect(m_process, &QProcess::finished, this, [this](int exitCode) {
        m_ready = false;
        qCWarning(lcSim) << "Prometheus exited unexpectedly with code" << exitCode;
        Q_EMIT exitedUnexpectedly(exitCode);
    });
    qCDebug(lcSim) << "Prometheus" << m_process->processId() << "on port" << m_port;
}

Result<void> PrometheusProcess::launch()
{
    terminate();
    m_ready = false;
    m_port = freeLocalPort();
    if (m_port <= 0)
        return fail(u"prometheus.port"_s, tr("No free port on 127.0.0.1 for Prometheus."));
    m_config = buildConfig(m_port);
    const QString configPath = m_dir->filePath(u"prometheus.yml"_s);
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(m_config.toUtf8()) < 0 || !file.flush()) {
        return fail(u"prometheus.config"_s,
                    tr("Prometheus' configuration could not be written to %1.").arg(configPath),
                    file.errorString());
    }
    file.close();

    delete m_process;
    m_process = new QProcess(this);
    m_stderrTail.clear();
    m_process->setProgram(m_executable);
    m_process->setArguments({
        u"--config.file="_s + configPath,
        u"--storage.tsdb.path="_s + m_dir->filePath(u"data"_s),
        u"--web.listen-address=127.0.0.1:"_s + QString::number(m_port),
        u"--log.level=warn"_s,
    });
    m_process->setStandardOutputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    // Runs in the forked child before exec: if this process dies, even by SIGKILL, the
    // kernel ends Prometheus instead of leaving it orphaned on its port.
    ChildProcess::dieWithParent(*m_process, SIGTERM);
#endif
    connect(m_process, &QProcess::readyReadStandardError, this,
            &PrometheusProcess::readStandardError);
    m_process->start(QIODevice::ReadOnly);
    return {};
}

bool PrometheusProcess::waitUntilReady()
{
    // Declared before the loop, so pending replies die after the loop's connections.
    QNetworkAccessManager network;
    QEventLoop loop;
    bool ready = false;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(m_process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            loop.quit();
    });
    QNetworkRequest readyRequest(QUrl(u"http://127.0.0.1:%1/-/ready"_s.arg(m_port)));
    readyRequest.setTransferTimeout(1000);
    std::function<void()> poll = [&] {
        QNetworkReply *reply = network.get(readyRequest);
        connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
            reply->deleteLater();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                ready = true;
                loop.quit();
                return;
            }
            QTimer::singleShot(readyPollMs, &loop, poll);
        });
    };
    deadline.start(m_startTimeoutMs);
    poll();
    loop.exec();
    return ready && isRunning();
}

Error PrometheusProcess::failure(bool timedOut)
{
    if (m_process && m_process->error() == QProcess::FailedToStart) {
        return Error{u"prometheus.start"_s,
                     tr("Prometheus at %1 could not be started.")
                         .arg(QDir::toNativeSeparators(m_executable)),
                     m_process->errorString()};
    }
    const bool exited = !timedOut && !isRunning();
    terminate();
    const QString detail = QString::fromLocal8Bit(m_stderrTail).trimmed();
    if (exited && detail.contains(u"address already in use"_s)) {
        return Error{u"prometheus.port"_s,
                     tr("Port %1 on 127.0.0.1 was taken by another program before Prometheus "
                        "could use it.")
                         .arg(m_port),
                     detail};
    }
    if (exited) {
        return Error{u"prometheus.exited"_s,
                     tr("Prometheus exited during start-up; its log says why."), detail};
    }
    return Error{u"prometheus.timeout"_s,
                 tr("Prometheus was not ready within %1 seconds.").arg(m_startTimeoutMs / 1000.0),
                 detail};
}

void PrometheusProcess::stop()
{
    terminate();
    m_ready = false;
    m_port = 0;
    m_dir.reset();
}

void PrometheusProcess::terminate()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        if (!ChildProcess::stop(*m_process, terminateTimeoutMs))
            qCWarning(lcSim) << "Prometheus ignored SIGTERM; it was killed";
    }
    readStandardError();
}

void PrometheusProcess::readStandardError()
{
    if (m_process)
        ChildProcess::keepStderrTail(*m_process, m_stderrTail);
}

} // namespace ph
