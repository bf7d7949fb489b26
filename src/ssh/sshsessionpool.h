// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ssh/sshsession.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

class QTimer;

namespace ph {

/**
 * Hands out one SshSession per (user, host, port), so the next command to a host reuses
 * its connection instead of paying for a new handshake and login.
 *
 * Callers acquire() a session, run commands on it, and release() it when done. A session
 * nobody holds is closed once it has been idle for idleTimeoutMs(). After the laptop
 * slept or the network changed, revalidateAll() makes sure no command goes over a
 * connection that may be dead: idle sessions are closed at once, sessions in use as soon
 * as they are released, so the next acquire() connects afresh (and checks the host key
 * again).
 *
 * The pool owns its sessions; a pointer from acquire() stays valid until its release().
 */
class SshSessionPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIdleTimeoutMs = 5 * 60 * 1000;

    explicit SshSessionPool(const SshSessionOptions &options = {}, QObject *parent = nullptr);
    ~SshSessionPool() override;

    SshSessionOptions options() const { return m_options; }
    /// Applies to sessions created from now on.
    void setOptions(const SshSessionOptions &options) { m_options = options; }
    int idleTimeoutMs() const { return m_idleTimeoutMs; }
    void setIdleTimeoutMs(int ms);

    /// The session for @p target, created on first use. @p credentials are used by its
    /// next login (they do not disturb a connection that is already up).
    SshSession *acquire(const SshTarget &target, const SshCredentials &credentials);
    /// Hands back a session from acquire(); it stays open for reuse until idle.
    void release(SshSession *session);

    /// Closes idle sessions now and sessions in use once they are released.
    void revalidateAll();
    /// Closes every session nobody holds.
    void closeIdle();

    /// Open sessions, including those retiring after revalidateAll().
    int sessionCount() const { return int(m_entries.size() + m_retiring.size()); }
    /// The pool's key of @p target: "user@host:port".
    static QString key(const SshTarget &target);

Q_SIGNALS:
    void sessionOpened(const QString &key);
    void sessionClosed(const QString &key);

private:
    struct Entry
    {
        SshSession *session = nullptr;
        int users = 0;
        QElapsedTimer idleSince;
    };

    void sweep();
    void close(const QString &key);
    void scheduleSweep();

    SshSessionOptions m_options;
    int m_idleTimeoutMs = kDefaultIdleTimeoutMs;
    QHash<QString, Entry> m_entries;
    /// Sessions revalidateAll() found in use: closed at their last release, never handed
    /// out again. Value = users left.
    QHash<SshSession *, int> m_retiring;
    QTimer *m_sweepTimer;
};

} // namespace ph
