// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/fanout.h"

#include "core/logging.h"
#include "ssh/sshsessionpool.h"

using namespace Qt::StringLiterals;

namespace ph {

QString hostOutcomeName(HostOutcome outcome)
{
    switch (outcome) {
    case HostOutcome::Pending:
        return u"pending"_s;
    case HostOutcome::Running:
        return u"running"_s;
    case HostOutcome::Ok:
        return u"ok"_s;
    case HostOutcome::Failed:
        return u"failed"_s;
    case HostOutcome::Unreachable:
        return u"unreachable"_s;
    case HostOutcome::AuthFailed:
        return u"auth_failed"_s;
    case HostOutcome::HostKeyRefused:
        return u"host_key_refused"_s;
    case HostOutcome::TimedOut:
        return u"timed_out"_s;
    case HostOutcome::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QString hostOutcomeText(HostOutcome outcome)
{
    switch (outcome) {
    case HostOutcome::Pending:
        return QCoreApplication::translate("FanOut", "pending");
    case HostOutcome::Running:
        return QCoreApplication::translate("FanOut", "running");
    case HostOutcome::Ok:
        return QCoreApplication::translate("FanOut", "ok");
    case HostOutcome::Failed:
        return QCoreApplication::translate("FanOut", "failed");
    case HostOutcome::Unreachable:
        return QCoreApplication::translate("FanOut", "unreachable");
    case HostOutcome::AuthFailed:
        return QCoreApplication::translate("FanOut", "auth failed");
    case HostOutcome::HostKeyRefused:
        return QCoreApplication::translate("FanOut", "host key refused");
    case HostOutcome::TimedOut:
        return QCoreApplication::translate("FanOut", "timed out");
    case HostOutcome::Cancelled:
        return QCoreApplication::translate("FanOut", "cancelled");
    }
    return {};
}

HostOutcome outcomeOf(const CommandResult &result)
{
    if (result.cancelled)
        return HostOutcome::Cancelled;
    if (result.timedOut)
        return HostOutcome::TimedOut;
    if (result.failed) {
        // The codes SshWorker gives its errors.
        const QString &code = result.error.code;
        if (code == u"ssh.connect"_s)
            return HostOutcome::Unreachable;
        if (code == u"ssh.auth"_s || code == u"ssh.auth_secret_missing"_s)
            return HostOutcome::AuthFailed;
        if (code.startsWith(u"ssh.hostkey"_s))
            return HostOutcome::HostKeyRefused;
        if (code == u"ssh.timeout"_s)
            return HostOutcome::TimedOut;
        return HostOutcome::Failed;
    }
    return result.exitStatus == 0 ? HostOutcome::Ok : HostOutcome::Failed;
}

FanOut::FanOut(SshSessionPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
{
    qRegisterMetaType<ph::FanOutHostResult>();
}

FanOut::~FanOut()
{
    for (Slot &slot : m_slots) {
        if (slot.session && slot.job != 0)
            slot.session->cancel(slot.job);
        detach(slot);
    }
}

void FanOut::start(const QString &command, const QList<FanOutHost> &hosts)
{
    if (m_running)
        return;
    for (Slot &slot : m_slots)
        detach(slot);
    m_command = command;
    m_slots.clear();
    m_queue.clear();
    m_cancelling = false;
    m_slots.reserve(hosts.size());
    for (const FanOutHost &host : hosts) {
        Slot slot;
        slot.host = host;
        slot.result.name = host.name;
        slot.result.target = host.target;
        slot.result.environment = host.environment;
        m_queue.append(int(m_slots.size()));
        m_slots.append(slot);
    }
    m_running = true;
    if (m_slots.isEmpty()) {
        // Callers connect after start(); an empty run still ends with finished().
        QMetaObject::invokeMethod(this, &FanOut::checkAllDone, Qt::QueuedConnection);
        return;
    }
    launchMore();
}

int FanOut::retryFailed()
{
    QList<int> failed;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).result.outcome != HostOutcome::Ok)
            failed.append(i);
    }
    return retryHosts(failed);
}

int FanOut::retryHosts(const QList<int> &indexes, const QHash<int, SshCredentials> &credentials,
                       const QHash<int, QList<SshHop>> &jumps)
{
    if (m_running)
        return 0;
    m_queue.clear();
    m_cancelling = false;
    for (const int i : indexes) {
        if (i < 0 || i >= m_slots.size() || m_queue.contains(i))
            continue;
        Slot &slot = m_slots[i];
        if (const auto it = credentials.constFind(i); it != credentials.cend())
            slot.host.credentials = it.value();
        if (const auto it = jumps.constFind(i); it != jumps.cend())
            slot.host.jumps = it.value();
        const int attempts = slot.result.attempts;
        slot.result = FanOutHostResult{};
        slot.result.name = slot.host.name;
        slot.result.target = slot.host.target;
        slot.result.environment = slot.host.environment;
        slot.result.attempts = attempts;
        m_queue.append(i);
    }
    if (m_queue.isEmpty())
        return 0;
    m_running = true;
    launchMore();
    return int(m_queue.size()) + m_active;
}

void FanOut::cancel()
{
    if (!m_running)
        return;
    m_cancelling = true;
    const QList<int> waiting = std::exchange(m_queue, {});
    for (const int index : waiting) {
        Slot &slot = m_slots[index];
        slot.result.outcome = HostOutcome::Cancelled;
        slot.result.error = Error{u"fanout.cancelled"_s, tr("Cancelled before it started."), {}};
        Q_EMIT hostFinished(index, slot.result);
    }
    for (int i = 0; i < m_slots.size(); ++i) {
        Slot &slot = m_slots[i];
        if (!slot.session || slot.job == 0)
            continue;
        slot.session->cancel(slot.job);
        // A session waiting for a host-key answer would otherwise wait for ever.
        if (slot.awaitingHostKey) {
            slot.awaitingHostKey = false;
            decideHostKey(i, HostKeyDecision::Reject);
        }
    }
    checkAllDone();
}

void FanOut::answerHostKey(int index, HostKeyDecision decision)
{
    if (index < 0 || index >= m_slots.size())
        return;
    Slot &slot = m_slots[index];
    if (!slot.awaitingHostKey || !slot.session)
        return;
    slot.awaitingHostKey = false;
    decideHostKey(index, decision);
}

void FanOut::decideHostKey(int index, HostKeyDecision decision)
{
    Slot &slot = m_slots[index];
    if (!slot.session)
        return;
    SshSession *asked = slot.keySession ? slot.keySession.data() : slot.session.data();
    slot.keySession.clear();
    asked->acceptHostKey(decision);
    Q_EMIT hostKeyDecided(index, slot.offeredKeyType, slot.offeredFingerprint, decision);
}

QList<FanOutHostResult> FanOut::results() const
{
    QList<FanOutHostResult> list;
    list.reserve(m_slots.size());
    for (const Slot &slot : m_slots)
        list.append(slot.result);
    return list;
}

FanOutHostResult FanOut::result(int index) const
{
    return index >= 0 && index < m_slots.size() ? m_slots.at(index).result : FanOutHostResult{};
}

bool FanOut::allOk() const
{
    return std::all_of(m_slots.cbegin(), m_slots.cend(),
                       [](const Slot &slot) { return slot.result.outcome == HostOutcome::Ok; });
}

void FanOut::launchMore()
{
    while (m_active < m_concurrency && !m_queue.isEmpty() && !m_cancelling)
        launch(m_queue.takeFirst());
}

void FanOut::launch(int index)
{
    Slot &slot = m_slots[index];
    SshSession *session = m_pool->acquire(slot.host.target, slot.host.credentials, slot.host.jumps);
    slot.session = session;
    slot.awaitingHostKey = false;
    slot.result.outcome = HostOutcome::Running;
    ++slot.result.attempts;
    ++m_active;
    slot.clock.start();

    // Several hosts of a run may share one session (the same target twice), so every
    // handler checks that the job is this slot's.
    slot.connections.append(connect(session, &SshSession::stdoutReceived, this,
                                    [this, index](quint64 job, const QByteArray &data) {
                                        if (m_slots.at(index).job == job)
                                            Q_EMIT stdoutReceived(index, data);
                                    }));
    slot.connections.append(connect(session, &SshSession::stderrReceived, this,
                                    [this, index](quint64 job, const QByteArray &data) {
                                        if (m_slots.at(index).job == job)
                                            Q_EMIT stderrReceived(index, data);
                                    }));
    slot.connections.append(connect(session, &SshSession::finished, this,
                                    [this, index](quint64 job, const CommandResult &result) {
                                        if (m_slots.at(index).job == job)
                                            finishHost(index, result);
                                    }));
    // The target and every jump host in front of it may each present an unknown key.
    QList<SshSession *> hops = m_pool->jumpSessions(session);
    hops.append(session);
    for (SshSession *hop : std::as_const(hops)) {
        slot.connections.append(connect(
            hop, &SshSession::hostKeyUnknown, this,
            [this, index, keySession = QPointer<SshSession>(hop)](
                const QString &host, int port, const QString &keyType, const QString &fingerprint) {
                Slot &s = m_slots[index];
                if (!s.session || s.job == 0)
                    return;
                // A jump host shared by several hosts asks once per connection: the first
                // host behind it decides for all of them (one dialog, one audit record).
                for (int other = 0; other < index; ++other) {
                    const Slot &o = m_slots.at(other);
                    if (o.session && o.job != 0 &&
                        (o.session == keySession ||
                         m_pool->jumpSessions(o.session).contains(keySession.data())))
                        return;
                }
                s.keySession = keySession;
                s.offeredKeyType = keyType;
                s.offeredFingerprint = fingerprint;
                switch (m_cancelling ? UnknownHostKeyPolicy::Refuse : m_hostKeyPolicy) {
                case UnknownHostKeyPolicy::Refuse:
                    decideHostKey(index, HostKeyDecision::Reject);
                    break;
                case UnknownHostKeyPolicy::AcceptOnce:
                    decideHostKey(index, HostKeyDecision::AcceptOnce);
                    break;
                case UnknownHostKeyPolicy::AcceptAndSave:
                    decideHostKey(index, HostKeyDecision::AcceptAndSave);
                    break;
                case UnknownHostKeyPolicy::Ask:
                    s.awaitingHostKey = true;
                    Q_EMIT hostKeyUnknown(index, host, port, keyType, fingerprint);
                    break;
                }
            }));
    }

    slot.job = session->run(m_command, m_options);
    Q_EMIT hostStarted(index, slot.host.name);
}

void FanOut::finishHost(int index, const CommandResult &command)
{
    Slot &slot = m_slots[index];
    FanOutHostResult &result = slot.result;
    result.durationMs = slot.clock.elapsed();
    result.outcome = outcomeOf(command);
    result.exitStatus = command.exitStatus;
    result.signal = command.signal;
    result.stdoutData = command.stdoutTail;
    result.stderrData = command.stderrTail;
    result.stdoutBytes = command.stdoutBytes;
    result.stderrBytes = command.stderrBytes;
    result.error = command.error;
    if (result.outcome == HostOutcome::Cancelled && result.error.code.isEmpty())
        result.error = Error{u"fanout.cancelled"_s, tr("Cancelled while it ran."), {}};
    detach(slot);
    --m_active;
    qCDebug(lcSsh) << "fan-out host" << result.name << hostOutcomeName(result.outcome)
                   << result.durationMs << "ms";
    Q_EMIT hostFinished(index, result);
    launchMore();
    checkAllDone();
}

void FanOut::detach(Slot &slot)
{
    for (const QMetaObject::Connection &c : std::as_const(slot.connections))
        disconnect(c);
    slot.connections.clear();
    if (slot.session)
        m_pool->release(slot.session);
    slot.session.clear();
    slot.job = 0;
    slot.awaitingHostKey = false;
}

void FanOut::checkAllDone()
{
    if (!m_running || m_active > 0 || !m_queue.isEmpty())
        return;
    m_running = false;
    Q_EMIT finished();
}

} // namespace ph
