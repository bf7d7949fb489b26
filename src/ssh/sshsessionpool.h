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

    /**
     * The session for @p target, created on first use. @p credentials are used by its
     * next login (they do not disturb a connection that is already up).
     *
     * With @p jumps (the first connected to first, the last right in front of the
     * target), the session runs through the pooled sessions of its jump hosts, which stay
     * open as long as a session behind them does. A host reached through jump hosts is
     * another session than the same host reached directly.
     */
    SshSession *acquire(const SshTarget &target, const SshCredentials &credentials,
                        const QList<SshHop> &jumps = {});
    /// Hands back a session from acquire(); it stays open for reuse until idle.
    void release(SshSession *session);

    /// Closes idle sessions now and sessions in use once they are released.
    void revalidateAll();
    /// Closes every session nobody holds.
    void closeIdle();

    /// Open sessions, including those retiring after revalidateAll().
    int sessionCount() const { return int(m_entries.size() + m_retiring.size()); }
    /// The sessions in front of @p session from acquire(), first hop first; empty when
    /// it connects directly. For asking about their host keys.
    QList<SshSession *> jumpSessions(SshSession *session) const;

    /// The pool's key of @p target: "user@host:port", followed by " via " and the key of
    /// the hop in front of it when there are @p jumps.
    static QString key(const SshTarget &target, const QList<SshHop> &jumps = {});

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
    void releaseJumpOf(SshSession *session);
    void close(const QString &key);
    void scheduleSweep();

    SshSessionOptions m_options;
    int m_idleTimeoutMs = kDefaultIdleTimeoutMs;
    QHash<QString, Entry> m_entries;
    /// Sessions revalidateAll() found in use: closed at their last release, never handed
    /// out again. Value = users left.
    QHash<SshSession *, int> m_retiring;
    /// Session -> the pooled session right in front of it, held (one user) for as long
    /// as the session exists.
    QHash<SshSession *, SshSession *> m_jumpOf;
    QTimer *m_sweepTimer;
};

} // namespace ph
