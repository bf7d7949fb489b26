// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QtGlobal>

class QProcess;

namespace ph {

/**
 * The servers Pilothouse starts as child processes (the simulator, the demo host's sshd,
 * the tests' sshd) die with their parent and are stopped by their PID, never by name, so
 * nothing else on the machine is touched and nothing is left listening.
 */
class ChildProcess
{
public:
    /// Before QProcess::start(): the kernel sends @p signal to the child when this process
    /// dies, even by SIGKILL (Linux; elsewhere nothing happens).
    static void dieWithParent(QProcess &process, int signal);

    /**
     * Sends SIGTERM to the children of @p process (an sshd's sessions) and to it; when it
     * has not ended within @p timeoutMs, SIGKILL and another @p timeoutMs. Returns false
     * when SIGTERM was not enough. Does nothing to a process that is not running.
     */
    static bool stop(QProcess &process, int timeoutMs);

    /// Polls 127.0.0.1:@p port until an SSH server's "SSH-2.0-" banner arrives, for at most
    /// @p timeoutMs and only while @p process runs.
    static bool waitForSshBanner(QProcess &process, quint16 port, int timeoutMs);

    /// Appends what @p process wrote to stderr to @p tail, keeping only the newest
    /// @p maxBytes: enough to explain an early exit without growing for a chatty server.
    static void keepStderrTail(QProcess &process, QByteArray &tail, qsizetype maxBytes = 8192);

    /// The direct children of @p pid (from /proc; empty where there is none).
    static QList<qint64> childrenOf(qint64 pid);
    /// The parent of @p pid; 0 when unknown.
    static qint64 parentOf(qint64 pid);
};

} // namespace ph
