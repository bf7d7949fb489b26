// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshsessionpool.h"

#include "core/logging.h"

#include <QTimer>

#include <limits>

using namespace Qt::StringLiterals;

namespace ph {

SshSessionPool::SshSessionPool(const SshSessionOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_sweepTimer(new QTimer(this))
{
    m_sweepTimer->setSingleShot(true);
    connect(m_sweepTimer, &QTimer::timeout, this, &SshSessionPool::sweep);
}

SshSessionPool::~SshSessionPool()
{
    // Sessions are children and would go anyway; closing them here keeps the order
    // predictable (each worker hangs up before its thread ends).
    // Every session goes here; what they hold of each other no longer matters.
    m_jumpOf.clear();
    const QStringList keys = m_entries.keys();
    for (const QString &k : keys)
        close(k);
    const QList<SshSession *> retiring = m_retiring.keys();
    m_retiring.clear();
    qDeleteAll(retiring);
}

void SshSessionPool::setIdleTimeoutMs(int ms)
{
    m_idleTimeoutMs = std::max(0, ms);
    scheduleSweep();
}

QString SshSessionPool::key(const SshTarget &target, const QList<SshHop> &jumps)
{
    QString k = target.user + u'@' + target.host.toLower() + u':' + QString::number(target.port);
    if (!jumps.isEmpty())
        k += u" via "_s + key(jumps.constLast().target, jumps.first(jumps.size() - 1));
    return k;
}

SshSession *SshSessionPool::acquire(const SshTarget &target, const SshCredentials &credentials,
                                    const QList<SshHop> &jumps)
{
    const QString k = key(target, jumps);
    auto it = m_entries.find(k);
    if (it == m_entries.end()) {
        SshSession *jump = nullptr;
        if (!jumps.isEmpty()) {
            jump = acquire(jumps.constLast().target, jumps.constLast().credentials,
                           jumps.first(jumps.size() - 1));
        }
        Entry entry;
        entry.session = new SshSession(target, m_options, this);
        if (jump) {
            entry.session->setJumpSession(jump);
            m_jumpOf.insert(entry.session, jump);
        }
        it = m_entries.insert(k, entry);
        qCDebug(lcSsh) << "pool: new session" << k;
        Q_EMIT sessionOpened(k);
    } else {
        // The hops' next logins use what the caller has now, like the target's.
        SshSession *hop = m_jumpOf.value(it->session);
        for (qsizetype i = jumps.size() - 1; hop && i >= 0; --i) {
            hop->setCredentials(jumps.at(i).credentials);
            hop = m_jumpOf.value(hop);
        }
    }
    ++it->users;
    it->session->setCredentials(credentials);
    return it->session;
}

QList<SshSession *> SshSessionPool::jumpSessions(SshSession *session) const
{
    QList<SshSession *> chain;
    for (SshSession *hop = m_jumpOf.value(session); hop && chain.size() < 16;
         hop = m_jumpOf.value(hop))
        chain.prepend(hop);
    return chain;
}

void SshSessionPool::releaseJumpOf(SshSession *session)
{
    if (SshSession *jump = m_jumpOf.take(session))
        release(jump);
}

void SshSessionPool::release(SshSession *session)
{
    if (const auto retiring = m_retiring.find(session); retiring != m_retiring.end()) {
        if (--retiring.value() <= 0) {
            const QString k = key(session->target());
            m_retiring.erase(retiring);
            // Often called from a handler of the session's own finished() signal.
            session->deleteLater();
            releaseJumpOf(session);
            Q_EMIT sessionClosed(k);
        }
        return;
    }
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (it->session != session)
            continue;
        if (it->users > 0)
            --it->users;
        if (it->users == 0) {
            it->idleSince.start();
            scheduleSweep();
        }
        return;
    }
}

void SshSessionPool::revalidateAll()
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (it->users == 0) {
            ++it;
            continue;
        }
        // Its users finish over the old connection; everyone else gets a fresh one.
        m_retiring.insert(it->session, it->users);
        it = m_entries.erase(it);
    }
    closeIdle();
}

void SshSessionPool::closeIdle()
{
    // Closing a session behind a jump host frees the jump host, so go again; each round
    // closes at least one session.
    for (;;) {
        QStringList idle;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (it->users == 0)
                idle.append(it.key());
        }
        if (idle.isEmpty())
            return;
        for (const QString &k : std::as_const(idle))
            close(k);
    }
}

void SshSessionPool::close(const QString &k)
{
    const auto it = m_entries.find(k);
    if (it == m_entries.end())
        return;
    SshSession *session = it->session;
    m_entries.erase(it);
    qCDebug(lcSsh) << "pool: closing session" << k;
    // The destructor hangs up and joins the session's thread.
    delete session;
    releaseJumpOf(session);
    Q_EMIT sessionClosed(k);
}

void SshSessionPool::sweep()
{
    QStringList expired;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->users == 0 && it->idleSince.isValid() && it->idleSince.elapsed() >= m_idleTimeoutMs)
            expired.append(it.key());
    }
    for (const QString &k : std::as_const(expired))
        close(k);
    scheduleSweep();
}

void SshSessionPool::scheduleSweep()
{
    qint64 next = -1;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (it->users != 0 || !it->idleSince.isValid())
            continue;
        const qint64 left = std::max<qint64>(0, m_idleTimeoutMs - it->idleSince.elapsed());
        next = next < 0 ? left : std::min(next, left);
    }
    if (next < 0) {
        m_sweepTimer->stop();
        return;
    }
    m_sweepTimer->start(int(std::min<qint64>(next, std::numeric_limits<int>::max())));
}

} // namespace ph
