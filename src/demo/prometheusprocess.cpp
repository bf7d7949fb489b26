// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/prometheusprocess.h"

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
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int terminateTimeoutMs = 5000;
constexpr int readyPollMs = 100;
constexpr qsizetype stderrTailBytes = 8192;

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

Result<void> PrometheusProcess::start()
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

    Error error;
    for (int attempt = 0; attempt < 2; ++attempt) {
        switch (startOnce(&error)) {
        case Attempt::Ready:
            return {};
        case Attempt::PortTaken:
            qCInfo(lcSim) << "port" << m_port << "was taken before Prometheus bound it; retrying";
            continue;
        case Attempt::Failed:
            stop();
            return tl::unexpected<Error>(error);
        }
    }
    stop();
    return tl::unexpected<Error>(error);
}

PrometheusProcess::Attempt PrometheusProcess::startOnce(Error *error)
{
    terminate();
    m_port = freeLocalPort();
    if (m_port <= 0) {
        *error = Error{u"prometheus.port"_s, tr("No free port on 127.0.0.1 for Prometheus."), {}};
        return Attempt::Failed;
    }
    m_config = buildConfig(m_port);
    const QString configPath = m_dir->filePath(u"prometheus.yml"_s);
    QFile file(configPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(m_config.toUtf8()) < 0 || !file.flush()) {
        *error = Error{u"prometheus.config"_s,
                       tr("Prometheus' configuration could not be written to %1.").arg(configPath),
                       file.errorString()};
        return Attempt::Failed;
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
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
    connect(m_process, &QProcess::readyReadStandardError, this,
            &PrometheusProcess::readStandardError);

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

    m_process->start(QIODevice::ReadOnly);
    deadline.start(m_startTimeoutMs);
    poll();
    loop.exec();

    if (ready && isRunning()) {
        connect(m_process, &QProcess::finished, this, [this](int exitCode) {
            qCWarning(lcSim) << "Prometheus exited unexpectedly with code" << exitCode;
            Q_EMIT exitedUnexpectedly(exitCode);
        });
        qCDebug(lcSim) << "Prometheus" << m_process->processId() << "on port" << m_port;
        return Attempt::Ready;
    }

    if (m_process->error() == QProcess::FailedToStart) {
        *error = Error{u"prometheus.start"_s,
                       tr("Prometheus at %1 could not be started.")
                           .arg(QDir::toNativeSeparators(m_executable)),
                       m_process->errorString()};
        return Attempt::Failed;
    }
    const bool exited = m_process->state() == QProcess::NotRunning;
    terminate();
    const QString detail = QString::fromLocal8Bit(m_stderrTail).trimmed();
    if (exited && detail.contains(u"address already in use"_s)) {
        *error = Error{u"prometheus.port"_s,
                       tr("Port %1 on 127.0.0.1 was taken by another program before Prometheus "
                          "could use it.")
                           .arg(m_port),
                       detail};
        return Attempt::PortTaken;
    }
    if (exited) {
        *error = Error{u"prometheus.exited"_s,
                       tr("Prometheus exited during start-up; its log says why."), detail};
    } else {
        *error =
            Error{u"prometheus.timeout"_s,
                  tr("Prometheus was not ready within %1 seconds.").arg(m_startTimeoutMs / 1000.0),
                  detail};
    }
    return Attempt::Failed;
}

void PrometheusProcess::stop()
{
    terminate();
    m_port = 0;
    m_dir.reset();
}

void PrometheusProcess::terminate()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (m_process->state() != QProcess::NotRunning) {
        // QProcess signals exactly this child by its PID: SIGTERM first, SIGKILL if ignored.
        m_process->terminate();
        if (!m_process->waitForFinished(terminateTimeoutMs)) {
            qCWarning(lcSim) << "Prometheus ignored SIGTERM; killing it";
            m_process->kill();
            m_process->waitForFinished(terminateTimeoutMs);
        }
    }
    readStandardError();
}

void PrometheusProcess::readStandardError()
{
    if (!m_process)
        return;
    const QByteArray chunk = m_process->readAllStandardError();
    if (chunk.isEmpty())
        return;
    m_stderrTail += chunk;
    if (m_stderrTail.size() > stderrTailBytes)
        m_stderrTail = m_stderrTail.right(stderrTailBytes);
}

} // namespace ph
