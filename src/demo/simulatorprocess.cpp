// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/simulatorprocess.h"

#include "demo/childprocess.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#endif

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int controlTimeoutMs = 5000;
constexpr int terminateTimeoutMs = 5000;

} // namespace

SimulatorProcess::SimulatorProcess(QObject *parent)
    : QObject(parent)
    , m_executable(defaultExecutable())
{
}

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

QString SimulatorProcess::defaultExecutable()
{
    const QString fromEnvironment = qEnvironmentVariable("PILOTHOUSE_SIM");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QCoreApplication::applicationDirPath()).filePath(u"pilothouse-sim"_s);
}

bool SimulatorProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 SimulatorProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

QUrl SimulatorProcess::baseUrl(const QString &service) const
{
    const int p = port(service);
    if (p <= 0)
        return {};
    return QUrl(u"http://127.0.0.1:"_s + QString::number(p));
}

Result<void> SimulatorProcess::start(const QStringList &arguments)
{
    if (isRunning())
        return fail(u"sim.running"_s, tr("The simulator is already running; stop it first."));

    const QFileInfo info(m_executable);
    if (!info.exists() || !info.isFile() || !info.isExecutable()) {
        return fail(u"sim.missing"_s,
                    tr("The simulator program was not found at %1. Build pilothouse-sim or "
                       "point PILOTHOUSE_SIM at it.")
                        .arg(QDir::toNativeSeparators(m_executable)));
    }

    delete m_process;
    m_process = new QProcess(this);
    m_ports.clear();
    m_stdoutBuffer.clear();
    m_stderrTail.clear();
    m_process->setProgram(m_executable);
    m_process->setArguments(arguments);
    // If this process dies, even by SIGKILL, the kernel terminates the simulator instead of
    // leaving it orphaned on its ports.
    ChildProcess::dieWithParent(*m_process, SIGTERM);
    connect(m_process, &QProcess::readyReadStandardError, this,
            &SimulatorProcess::readStandardError);

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(m_process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(m_process, &QProcess::errorOccurred, &loop, [&loop](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            loop.quit();
    });
    QString mapError;
    connect(m_process, &QProcess::readyReadStandardOutput, &loop, [&] {
        m_stdoutBuffer += m_process->readAllStandardOutput();
        const qsizetype newline = m_stdoutBuffer.indexOf('\n');
        if (newline < 0)
            return;
        const QByteArray line = m_stdoutBuffer.left(newline).trimmed();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
        if (!document.isObject()) {
            mapError = parseError.errorString();
        } else {
            const QJsonObject object = document.object();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                const int p = it.value().toInt(0);
                if (p > 0 && p < 65536)
                    m_ports.insert(it.key(), p);
            }
            if (m_ports.isEmpty() || !m_ports.contains(u"_control"_s))
                mapError = u"no ports in the map"_s;
        }
        loop.quit();
    });

    m_process->start(QIODevice::ReadOnly);
    deadline.start(m_startTimeoutMs);
    loop.exec();
    // Lines after the map are not expected; keep the pipe drained all the same.
    disconnect(m_process, &QProcess::readyReadStandardOutput, &loop, nullptr);
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this] { m_process->readAllStandardOutput(); });

    if (m_process->error() == QProcess::FailedToStart) {
        const QString detail = m_process->errorString();
        stop();
        return fail(u"sim.start"_s,
                    tr("The simulator at %1 could not be started.")
                        .arg(QDir::toNativeSeparators(m_executable)),
                    detail);
    }
    if (!m_ports.isEmpty() && mapError.isEmpty()) {
        connect(m_process, &QProcess::finished, this, [this](int exitCode) {
            qCWarning(lcSim) << "simulator exited unexpectedly with code" << exitCode;
            Q_EMIT exitedUnexpectedly(exitCode);
        });
        qCDebug(lcSim) << "simulator" << m_process->processId() << "ports" << m_ports;
        return {};
    }

    readStandardError();
    const bool exited = m_process->state() == QProcess::NotRunning;
    QString detail = QString::fromLocal8Bit(m_stderrTail).trimmed();
    if (!mapError.isEmpty())
        detail = mapError + (detail.isEmpty() ? QString() : u"; "_s + detail);
    m_ports.clear();
    stop();
    if (exited) {
        return fail(u"sim.exited"_s,
                    tr("The simulator exited before it printed its ports; check its arguments."),
                    detail);
    }
    if (!mapError.isEmpty())
        return fail(u"sim.portmap"_s, tr("The simulator printed no valid port map."), detail);
    return fail(
        u"sim.timeout"_s,
        tr("The simulator printed no port map within %1 seconds.").arg(m_startTimeoutMs / 1000.0),
        detail);
}

void SimulatorProcess::stop()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (!ChildProcess::stop(*m_process, terminateTimeoutMs))
        qCWarning(lcSim) << "simulator ignored SIGTERM; it was killed";
    readStandardError();
}

void SimulatorProcess::readStandardError()
{
    if (m_process)
        ChildProcess::keepStderrTail(*m_process, m_stderrTail);
}

Result<QByteArray> SimulatorProcess::control(const QByteArray &verb, const QString &path,
                                             const QByteArray &body)
{
    if (!isRunning() || controlPort() <= 0)
        return fail(u"sim.notrunning"_s, tr("The simulator is not running."));
    if (!m_network)
        m_network = new QNetworkAccessManager(this);

    QNetworkRequest request(QUrl(u"http://127.0.0.1:"_s + QString::number(controlPort()) + path));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setTransferTimeout(controlTimeoutMs);
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb, body);

    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, reply, &QNetworkReply::abort);
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    deadline.start(controlTimeoutMs);
    if (!reply->isFinished())
        loop.exec();
    reply->deleteLater();

    const QByteArray answer = reply->readAll();
    if (reply->error() != QNetworkReply::NoError) {
        // The control endpoint explains refused requests in {"error": "..."}.
        const QString message =
            QJsonDocument::fromJson(answer).object().value(u"error"_s).toString();
        return fail(u"sim.control"_s,
                    message.isEmpty() ? tr("The simulator's control endpoint did not answer %1 %2.")
                                            .arg(QString::fromLatin1(verb), path)
                                      : message,
                    reply->errorString());
    }
    return answer;
}

Result<void> SimulatorProcess::injectFault(const SimulatorFault &fault)
{
    QJsonObject object{
        {u"service"_s, fault.service}, {u"path"_s, fault.path}, {u"mode"_s, fault.mode}};
    if (fault.mode == u"status"_s)
        object.insert(u"status"_s, fault.status);
    if (fault.mode == u"delay"_s)
        object.insert(u"delay_ms"_s, fault.delayMs);
    return control(QByteArrayLiteral("POST"), u"/faults"_s,
                   QJsonDocument(object).toJson(QJsonDocument::Compact))
        .map([](const QByteArray &) {});
}

Result<void> SimulatorProcess::clearFaults()
{
    return control(QByteArrayLiteral("DELETE"), u"/faults"_s).map([](const QByteArray &) {});
}

Result<void> SimulatorProcess::setHealth(const QString &service, const QString &status)
{
    const QJsonObject object{{u"service"_s, service}, {u"status"_s, status}};
    return control(QByteArrayLiteral("POST"), u"/health"_s,
                   QJsonDocument(object).toJson(QJsonDocument::Compact))
        .map([](const QByteArray &) {});
}

Result<QJsonObject> SimulatorProcess::state()
{
    return control(QByteArrayLiteral("GET"), u"/state"_s)
        .and_then([this](const QByteArray &body) -> Result<QJsonObject> {
            const QJsonDocument document = QJsonDocument::fromJson(body);
            if (!document.isObject())
                return fail(u"sim.state"_s, tr("The simulator's state was not a JSON object."));
            return document.object();
        });
}

} // namespace ph
