// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshworker.h"

#include "core/logging.h"
#include "core/paths.h"
#include "ssh/outputbuffer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QtEndian>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <poll.h>
#include <sys/socket.h>

#include <vector>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int readChunk = 64 * 1024;
constexpr int idleWaitMs = 50;
// Time a cancelled command gets to die from Ctrl-C before its channel is closed (hang-up).
constexpr int stopGraceMs = 1500;

QString libsshError(ssh_session session)
{
    return QString::fromUtf8(ssh_get_error(session));
}

// The key type is the first string inside the blob, so it never disagrees with the key.
QString keyTypeOf(const QByteArray &blob)
{
    if (blob.size() < 4)
        return {};
    const quint32 length = qFromBigEndian<quint32>(blob.constData());
    if (length == 0 || qsizetype(length) > blob.size() - 4)
        return {};
    return QString::fromLatin1(blob.mid(4, length));
}

HostKey serverKey(ssh_session session)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(session, &key) != SSH_OK)
        return {};
    char *base64 = nullptr;
    HostKey result;
    if (ssh_pki_export_pubkey_base64(key, &base64) == SSH_OK) {
        result.blob = QByteArray::fromBase64(QByteArray(base64));
        result.type = keyTypeOf(result.blob);
        ssh_string_free_char(base64);
    }
    ssh_key_free(key);
    return result;
}

struct ChannelState
{
    QString exitSignal;
};

void onExitSignal(ssh_session, ssh_channel, const char *signal, int, const char *, const char *,
                  void *userdata)
{
    static_cast<ChannelState *>(userdata)->exitSignal = QString::fromLatin1(signal);
}

} // namespace

SshWorker::SshWorker(const SshTarget &target, const SshSessionOptions &options,
                     std::shared_ptr<SshShared> shared)
    : m_target(target)
    , m_options(options)
    , m_shared(std::move(shared))
{
}

SshWorker::~SshWorker()
{
    closeSession();
}

QString SshWorker::knownHostsFile() const
{
    return m_options.knownHostsFile.isEmpty() ? paths::dataDir() + u"/known_hosts"_s
                                              : m_options.knownHostsFile;
}

void SshWorker::connectToHost()
{
    if (m_state == State::AwaitingHostKey)
        return;
    if (m_state == State::Connected && m_session && ssh_is_connected(m_session)) {
        Q_EMIT connected();
        processQueue();
        return;
    }
    closeSession();
    const Result<void> opened = openAndCheckHostKey();
    if (!opened) {
        connectionDone(opened);
        return;
    }
    if (m_state == State::AwaitingHostKey)
        return;
    connectionDone(authenticate());
}

Result<void> SshWorker::openAndCheckHostKey()
{
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    m_session = ssh_new();
    if (!m_session)
        return fail(u"ssh.connect"_s, tr("Could not start an SSH session (out of memory)."));

    const QByteArray host = m_target.host.toUtf8();
    const QByteArray user = m_target.user.toUtf8();
    const unsigned int port = unsigned(m_target.port);
    const int no = 0;
    const int yes = 1;
    const long timeoutSeconds = std::max(0, m_options.connectTimeoutMs) / 1000;
    const long timeoutMicros = (std::max(0, m_options.connectTimeoutMs) % 1000) * 1000L;
    // Pilothouse checks host keys itself against three files, so libssh gets none.
    const char *noFile = "/dev/null";
    ssh_options_set(m_session, SSH_OPTIONS_PROCESS_CONFIG, &no); // never ProxyCommand/ssh
    ssh_options_set(m_session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(m_session, SSH_OPTIONS_PORT, &port);
    if (!user.isEmpty())
        ssh_options_set(m_session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(m_session, SSH_OPTIONS_NODELAY, &yes);
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT, &timeoutSeconds);
    ssh_options_set(m_session, SSH_OPTIONS_TIMEOUT_USEC, &timeoutMicros);
    ssh_options_set(m_session, SSH_OPTIONS_KNOWNHOSTS, noFile);
    ssh_options_set(m_session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, noFile);

    qCDebug(lcSsh) << "connecting to" << where;
    if (ssh_connect(m_session) != SSH_OK) {
        return fail(u"ssh.connect"_s,
                    tr("Could not connect to %1. Check the address, the port and that the "
                       "host is reachable.")
                        .arg(where),
                    libsshError(m_session));
    }
    // libssh has no keep-alive of its own; let the kernel notice a dead peer.
    const socket_t fd = ssh_get_fd(m_session);
    if (fd != SSH_INVALID_SOCKET)
        ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &yes, sizeof yes);

    m_serverKey = serverKey(m_session);
    if (!m_serverKey.isValid()) {
        return fail(u"ssh.hostkey"_s, tr("%1 did not present a usable host key.").arg(where),
                    libsshError(m_session));
    }

    const QString ownFile = knownHostsFile();
    QStringList files = m_options.readOnlyKnownHostsFiles.isEmpty()
                            ? KnownHosts::systemFiles()
                            : m_options.readOnlyKnownHostsFiles;
    files.append(ownFile);
    const HostKeyCheck check = KnownHosts::check(files, m_target.host, m_target.port, m_serverKey);
    switch (check.status) {
    case HostKeyCheck::Status::Known:
        return {};
    case HostKeyCheck::Status::Changed:
    case HostKeyCheck::Status::Other: {
        const QString advice =
            KnownHosts::removalAdvice(check, m_target.host, m_target.port, ownFile);
        const QString detail = u"%1:%2 has %3 %4; server offers %5 %6"_s.arg(
            check.file, QString::number(check.line), check.oldKey.type, check.oldKey.fingerprint(),
            m_serverKey.type, m_serverKey.fingerprint());
        QString message;
        if (check.status == HostKeyCheck::Status::Changed) {
            message =
                tr("WARNING: the host key of %1 has CHANGED. Someone may be intercepting "
                   "the connection, or the server was reinstalled. Pilothouse did not log "
                   "in. Known key: %2 (%3 line %4). Key offered now: %5. %6")
                    .arg(where, check.oldKey.fingerprint(), QDir::toNativeSeparators(check.file),
                         QString::number(check.line), m_serverKey.fingerprint(), advice);
        } else {
            message = tr("WARNING: %1 is known with a %2 key (%3, %4 line %5) but now offers a "
                         "%6 key (%7). Someone may be intercepting the connection. Pilothouse "
                         "did not log in. %8")
                          .arg(where, check.oldKey.type, check.oldKey.fingerprint(),
                               QDir::toNativeSeparators(check.file), QString::number(check.line),
                               m_serverKey.type, m_serverKey.fingerprint(), advice);
        }
        qCWarning(lcSsh) << "host key mismatch for" << where << detail;
        return fail(u"ssh.hostkey_changed"_s, message, detail);
    }
    case HostKeyCheck::Status::Unknown:
        break;
    }
    if (m_acceptedOnce.isValid() && m_acceptedOnce == m_serverKey)
        return {};
    m_state = State::AwaitingHostKey;
    Q_EMIT hostKeyUnknown(m_target.host, m_target.port, m_serverKey.type,
                          m_serverKey.fingerprint());
    return {};
}

void SshWorker::hostKeyDecided(HostKeyDecision decision)
{
    if (m_state != State::AwaitingHostKey)
        return;
    m_state = State::Disconnected;
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    switch (decision) {
    case HostKeyDecision::Reject:
        connectionDone(fail(u"ssh.hostkey_rejected"_s,
                            tr("The host key of %1 was not accepted, so Pilothouse did not log "
                               "in.")
                                .arg(where)));
        return;
    case HostKeyDecision::AcceptAndSave: {
        const Result<void> saved =
            KnownHosts::append(knownHostsFile(), m_target.host, m_target.port, m_serverKey);
        if (!saved) {
            connectionDone(saved);
            return;
        }
        break;
    }
    case HostKeyDecision::AcceptOnce:
        m_acceptedOnce = m_serverKey;
        break;
    }
    connectionDone(authenticate());
}

Result<void> SshWorker::authenticate()
{
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    const QString user = m_target.user.isEmpty() ? tr("(default user)") : m_target.user;
    int rc = ssh_userauth_none(m_session, nullptr);
    if (rc == SSH_AUTH_SUCCESS)
        return {};
    if (rc == SSH_AUTH_ERROR) {
        return fail(u"ssh.auth"_s, tr("%1 closed the connection during login.").arg(where),
                    libsshError(m_session));
    }
    const int allowed = ssh_userauth_list(m_session, nullptr);
    QStringList tried;
    QStringList details;

    for (const SshCredentials::Method method : std::as_const(m_credentials.methods)) {
        switch (method) {
        case SshCredentials::Method::Agent: {
            if (!(allowed & SSH_AUTH_METHOD_PUBLICKEY)) {
                tried << tr("SSH agent: the server does not accept keys");
                break;
            }
            QString socket = m_credentials.agentSocket;
            if (socket.isEmpty())
                socket = qEnvironmentVariable("SSH_AUTH_SOCK");
            if (socket.isEmpty()) {
                tried << tr("SSH agent: no agent is running (SSH_AUTH_SOCK is not set); start "
                            "one and add your key with ssh-add");
                break;
            }
            if (!QFileInfo::exists(socket)) {
                tried << tr("SSH agent: no agent answers at %1").arg(socket);
                break;
            }
            const QByteArray path = QFile::encodeName(socket);
            ssh_options_set(m_session, SSH_OPTIONS_IDENTITY_AGENT, path.constData());
            rc = ssh_userauth_agent(m_session, nullptr);
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            tried << tr("SSH agent: the server accepted none of the agent's keys (is one of "
                        "them in authorized_keys for %1?)")
                         .arg(user);
            details << u"agent: "_s + libsshError(m_session);
            break;
        }
        case SshCredentials::Method::KeyFile: {
            if (!(allowed & SSH_AUTH_METHOD_PUBLICKEY)) {
                tried << tr("key file: the server does not accept keys");
                break;
            }
            const QString file = m_credentials.keyFile;
            if (file.isEmpty()) {
                tried << tr("key file: no key file is set for this host");
                break;
            }
            if (!QFileInfo(file).isReadable()) {
                tried << tr("key file %1: the file does not exist or cannot be read")
                             .arg(QDir::toNativeSeparators(file));
                break;
            }
            ssh_key key = nullptr;
            const QByteArray passphrase = m_credentials.passphrase.toUtf8();
            if (ssh_pki_import_privkey_file(QFile::encodeName(file).constData(),
                                            passphrase.isEmpty() ? nullptr : passphrase.constData(),
                                            nullptr, nullptr, &key) != SSH_OK) {
                tried << (passphrase.isEmpty()
                              ? tr("key file %1: not a private key, or it needs a passphrase and "
                                   "none is stored in the keychain")
                              : tr("key file %1: the passphrase is wrong, or it is not a private "
                                   "key"))
                             .arg(QDir::toNativeSeparators(file));
                break;
            }
            rc = ssh_userauth_publickey(m_session, nullptr, key);
            ssh_key_free(key);
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            tried << tr("key file %1: the server refused this key (is its public key in "
                        "authorized_keys for %2?)")
                         .arg(QDir::toNativeSeparators(file), user);
            details << u"key: "_s + libsshError(m_session);
            break;
        }
        case SshCredentials::Method::Password: {
            if (!(allowed & SSH_AUTH_METHOD_PASSWORD)) {
                tried << tr("password: the server does not accept passwords");
                break;
            }
            if (m_credentials.password.isEmpty()) {
                tried << tr("password: no password is stored in the keychain for this host");
                break;
            }
            rc = ssh_userauth_password(m_session, nullptr,
                                       m_credentials.password.toUtf8().constData());
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            tried << tr("password: the server refused the password for %1").arg(user);
            details << u"password: "_s + libsshError(m_session);
            break;
        }
        }
        if (rc == SSH_AUTH_ERROR || !ssh_is_connected(m_session))
            break;
    }
    if (tried.isEmpty())
        tried << tr("no login method is configured for this host");
    return fail(
        u"ssh.auth"_s,
        tr("Could not log in to %1 as %2. Tried: %3.").arg(where, user, tried.join(u"; "_s)),
        details.join(u"; "_s));
}

void SshWorker::connectionDone(const Result<void> &result)
{
    if (!result) {
        closeSession();
        qCInfo(lcSsh) << "connection to" << m_target.host << "failed:" << result.error().code;
        Q_EMIT connectionFailed(result.error());
        failQueued(result.error());
        return;
    }
    m_state = State::Connected;
    m_shared->connected = true;
    qCDebug(lcSsh) << "connected to" << m_target.host;
    Q_EMIT connected();
    processQueue();
}

void SshWorker::enqueue(quint64 job, const QString &command, const CommandOptions &options)
{
    m_queue.enqueue(Job{job, command, options});
    if (m_state == State::Connected)
        processQueue();
    else if (m_state == State::Disconnected)
        connectToHost();
}

void SshWorker::dropQueued(quint64 job)
{
    for (qsizetype i = 0; i < m_queue.size(); ++i) {
        if (m_queue.at(i).id != job)
            continue;
        m_queue.removeAt(i);
        CommandResult result;
        result.cancelled = true;
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->cancelled.remove(job);
        }
        Q_EMIT finished(job, result);
        return;
    }
}

void SshWorker::processQueue()
{
    if (m_processing)
        return;
    m_processing = true;
    while (!m_queue.isEmpty() && m_state == State::Connected && !m_shared->shuttingDown) {
        if (!m_session || !ssh_is_connected(m_session)) {
            // The connection dropped between commands: log in again, then carry on.
            m_processing = false;
            m_state = State::Disconnected;
            m_shared->connected = false;
            connectToHost();
            return;
        }
        const Job job = m_queue.dequeue();
        CommandResult result;
        if (m_shared->isCancelled(job.id))
            result.cancelled = true;
        else
            result = execute(job);
        {
            QMutexLocker lock(&m_shared->mutex);
            m_shared->cancelled.remove(job.id);
        }
        Q_EMIT finished(job.id, result);
    }
    m_processing = false;
}

CommandResult SshWorker::execute(const Job &job)
{
    CommandResult result;
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    ssh_channel channel = ssh_channel_new(m_session);
    auto channelFailed = [&](const QString &what) {
        result.failed = true;
        result.error =
            Error{u"ssh.channel"_s, tr("Could not run the command on %1: %2.").arg(where, what),
                  libsshError(m_session)};
        if (channel) {
            ssh_channel_close(channel);
            ssh_channel_free(channel);
        }
        return result;
    };
    if (!channel || ssh_channel_open_session(channel) != SSH_OK)
        return channelFailed(tr("the server refused a new session channel"));

    ChannelState state;
    ssh_channel_callbacks_struct callbacks{};
    callbacks.userdata = &state;
    callbacks.channel_exit_signal_function = onExitSignal;
    ssh_callbacks_init(&callbacks);
    ssh_set_channel_callbacks(channel, &callbacks);

    if (job.options.pty && ssh_channel_request_pty_size(channel, "dumb", 200, 50) != SSH_OK)
        return channelFailed(tr("the server refused a terminal"));
    const QByteArray command = SshSession::remoteCommand(job.command, job.options).toUtf8();
    if (ssh_channel_request_exec(channel, command.constData()) != SSH_OK)
        return channelFailed(tr("the server refused to start the command"));

    OutputBuffer out(job.options.keepBytes);
    OutputBuffer err(job.options.keepBytes);
    std::vector<char> buffer(readChunk);
    const QDeadlineTimer deadline = job.options.timeoutMs > 0
                                        ? QDeadlineTimer(job.options.timeoutMs)
                                        : QDeadlineTimer(QDeadlineTimer::Forever);
    bool stopping = false;
    QDeadlineTimer grace;

    for (;;) {
        if (!stopping) {
            if (m_shared->isCancelled(job.id) || m_shared->shuttingDown)
                result.cancelled = true;
            else if (deadline.hasExpired())
                result.timedOut = true;
            if (result.cancelled || result.timedOut) {
                stopping = true;
                grace = QDeadlineTimer(stopGraceMs);
                // sshd ignores signal requests for root, so a terminal's Ctrl-C is what
                // reliably ends the remote process; without a pty, TERM is the best try.
                if (job.options.pty)
                    ssh_channel_write(channel, "\x03", 1);
                else
                    ssh_channel_request_send_signal(channel, "TERM");
            }
        }
        if (stopping && grace.hasExpired())
            break;

        bool gotData = false;
        bool broken = false;
        for (int isStderr : {0, 1}) {
            const int n = ssh_channel_read_nonblocking(channel, buffer.data(), readChunk, isStderr);
            if (n > 0) {
                gotData = true;
                const QByteArray chunk(buffer.data(), n);
                if (isStderr) {
                    err.append(chunk);
                    Q_EMIT stderrReceived(job.id, chunk);
                } else {
                    out.append(chunk);
                    Q_EMIT stdoutReceived(job.id, chunk);
                }
            } else if (n == SSH_ERROR) {
                broken = true;
            }
        }
        if (broken) {
            result.failed = true;
            result.error = Error{u"ssh.connection_lost"_s,
                                 tr("The connection to %1 broke while the command ran; its "
                                    "outcome is unknown.")
                                     .arg(where),
                                 libsshError(m_session)};
            break;
        }
        if (gotData)
            continue;
        if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel))
            break;
        pollfd pfd{ssh_get_fd(m_session), POLLIN, 0};
        ::poll(&pfd, 1, idleWaitMs);
    }

    const bool finishedNormally = !result.failed && (!stopping || ssh_channel_is_eof(channel));
    if (finishedNormally) {
        // Returns once exit-status arrives or the channel closes (exit-signal case).
        result.exitStatus = ssh_channel_get_exit_status(channel);
    }
    result.signal = state.exitSignal;
    if (!result.signal.isEmpty())
        result.exitStatus = -1;
    // Closing also hangs up the terminal, which ends a process that ignored Ctrl-C.
    if (!ssh_channel_is_closed(channel))
        ssh_channel_close(channel);
    ssh_channel_free(channel);

    result.stdoutBytes = out.totalBytes();
    result.stderrBytes = err.totalBytes();
    result.stdoutTail = out.tail();
    result.stderrTail = err.tail();
    if (!result.failed && job.options.sudo && result.exitStatus != 0 &&
        (SshSession::isSudoPasswordPrompt(result.stderrTail) ||
         (job.options.pty && SshSession::isSudoPasswordPrompt(result.stdoutTail)))) {
        result.failed = true;
        result.error = Error{u"ssh.sudo_password"_s,
                             tr("sudo on %1 wants a password, and Pilothouse never types one. "
                                "Allow this command without a password (NOPASSWD in sudoers) "
                                "for %2, or run it as a user who may.")
                                 .arg(where, m_target.user),
                             QString::fromUtf8(result.stderrTail.right(512))};
    }
    if (result.timedOut && !result.failed) {
        result.error = Error{u"ssh.timeout"_s,
                             tr("The command on %1 did not finish within %2 s and was stopped.")
                                 .arg(where)
                                 .arg(job.options.timeoutMs / 1000.0),
                             {}};
    }
    return result;
}

void SshWorker::failQueued(const Error &error)
{
    while (!m_queue.isEmpty()) {
        const Job job = m_queue.dequeue();
        CommandResult result;
        result.failed = true;
        result.error = error;
        {
            QMutexLocker lock(&m_shared->mutex);
            result.cancelled = m_shared->cancelled.remove(job.id);
        }
        Q_EMIT finished(job.id, result);
    }
}

void SshWorker::disconnectFromHost()
{
    const bool wasOpen = m_session != nullptr;
    closeSession();
    failQueued(Error{
        u"ssh.disconnected"_s, tr("The connection was closed before the command could run."), {}});
    if (wasOpen)
        Q_EMIT disconnected();
}

void SshWorker::closeSession()
{
    if (m_session) {
        ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
    m_shared->connected = false;
    m_state = State::Disconnected;
}

} // namespace ph
