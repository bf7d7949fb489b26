// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/childprocess.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QTcpSocket>

#include <csignal>

#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace ph {

void ChildProcess::dieWithParent(QProcess &process, int signal)
{
#ifdef Q_OS_LINUX
    // Runs in the forked child before exec.
    process.setChildProcessModifier([signal] { ::prctl(PR_SET_PDEATHSIG, signal); });
#else
    Q_UNUSED(process);
    Q_UNUSED(signal);
#endif
}

bool ChildProcess::stop(QProcess &process, int timeoutMs)
{
    const qint64 id = process.processId();
    if (id <= 0 || process.state() == QProcess::NotRunning)
        return true;
    // sshd's session processes would otherwise outlive the listener for a while.
    for (const qint64 child : childrenOf(id))
        ::kill(pid_t(child), SIGTERM);
    ::kill(pid_t(id), SIGTERM);
    if (process.waitForFinished(timeoutMs))
        return true;
    ::kill(pid_t(id), SIGKILL);
    process.waitForFinished(timeoutMs);
    return false;
}

void ChildProcess::keepStderrTail(QProcess &process, QByteArray &tail, qsizetype maxBytes)
{
    const QByteArray chunk = process.readAllStandardError();
    if (chunk.isEmpty())
        return;
    tail += chunk;
    if (tail.size() > maxBytes)
        tail = tail.right(maxBytes);
}

bool ChildProcess::waitForSshBanner(QProcess &process, quint16 port, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (process.state() != QProcess::Running)
            return false;
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime())))) {
            QByteArray received;
            while (!received.contains('\n') && !deadline.hasExpired() &&
                   socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
                received += socket.readAll();
            if (received.startsWith("SSH-2.0-"))
                return true;
        }
        process.waitForFinished(50); // a short pause that also notices an early exit
    }
    return false;
}

QList<qint64> ChildProcess::childrenOf(qint64 pid)
{
    QList<qint64> children;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 candidate = entry.toLongLong(&numeric);
        if (numeric && parentOf(candidate) == pid)
            children.append(candidate);
    }
    return children;
}

qint64 ChildProcess::parentOf(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the
    // last ')'.
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.size() > 1 ? fields.at(1).toLongLong() : 0;
}

} // namespace ph
