// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshworker.h"

#include "core/logging.h"
#include "core/paths.h"
#include "ssh/outputbuffer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTimer>
#include <QtEndian>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <vector>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int readChunk = 64 * 1024;
constexpr int idleWaitMs = 50;
// Time a cancelled command gets to die from Ctrl-C before its channel is closed (hang-up).
constexpr int stopGraceMs = 1500;
// A safety net for forwards: libssh may hold data that no socket signals.
constexpr int pumpTickMs = 100;
// Bytes read from a forward's channel before its local socket must take some.
constexpr qsizetype maxPendingToLocal = 256 * 1024;

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

void ForwardRequest::resolve(State to, const Error &why)
{
    QMutexLocker lock(&mutex);
    if (to == State::Failed || to == State::Closed) {
        if (fd >= 0) {
            ::close(fd);
            fd = -1;
        }
    }
    if (state == State::Failed || state == State::Closed)
        return;
    if (state == State::Open && to == State::Failed)
        to = State::Closed;
    state = to;
    error = why;
    changed.wakeAll();
}

int ForwardRequest::takeFd()
{
    QMutexLocker lock(&mutex);
    if (state != State::Pending)
        return -1;
    return std::exchange(fd, -1);
}

ForwardRequest::State ForwardRequest::waitResolved(const std::atomic<bool> &abort)
{
    QMutexLocker lock(&mutex);
    // Sliced, so a session shutting down stops waiting promptly.
    while (state == State::Pending && !abort)
        changed.wait(&mutex, QDeadlineTimer(100));
    return state;
}

bool ForwardLink::post(const std::shared_ptr<ForwardRequest> &request)
{
    QMutexLocker lock(&mutex);
    if (!worker)
        return false;
    std::erase_if(posted, [](const std::weak_ptr<ForwardRequest> &p) { return p.expired(); });
    posted.push_back(request);
    QMetaObject::invokeMethod(worker, [w = worker, request] { w->addForward(request); });
    return true;
}

void ForwardLink::failUnhandled(const Error &error)
{
    QMutexLocker lock(&mutex);
    for (const std::weak_ptr<ForwardRequest> &weak : posted) {
        if (const std::shared_ptr<ForwardRequest> request = weak.lock())
            request->resolve(ForwardRequest::State::Failed, error);
    }
    posted.clear();
}

SshWorker::SshWorker(const SshTarget &target, const SshSessionOptions &options,
                     std::shared_ptr<SshShared> shared)
    : m_target(target)
    , m_options(options)
    , m_shared(std::move(shared))
{
}

SshWorker::~SshWorker()
{
    failForwards(Error{u"ssh.disconnected"_s,
                       tr("The SSH session to %1 was closed.")
                           .arg(KnownHosts::hostName(m_target.host, m_target.port)),
                       {}});
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
    if (m_jump) {
        // HOST and PORT above still name the target: known_hosts is looked up by them.
        const Result<int> fd = socketThroughJump();
        if (!fd)
            return tl::unexpected(fd.error());
        // From here on libssh owns the socket and closes it on disconnect.
        socket_t socket = *fd;
        ssh_options_set(m_session, SSH_OPTIONS_FD, &socket);
    }

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
    bool secretMissing = false; ///< a method failed only for want of a passphrase or password

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
            // libssh asks this callback only for an encrypted key given no passphrase,
            // which tells "needs a passphrase" apart from "not a key".
            bool asked = false;
            const ssh_auth_callback noteAsked = [](const char *, char *, size_t, int, int,
                                                   void *userdata) {
                *static_cast<bool *>(userdata) = true;
                return -1;
            };
            if (ssh_pki_import_privkey_file(QFile::encodeName(file).constData(),
                                            passphrase.isEmpty() ? nullptr : passphrase.constData(),
                                            noteAsked, &asked, &key) != SSH_OK) {
                secretMissing = secretMissing || (passphrase.isEmpty() && asked);
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
                secretMissing = true;
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
        secretMissing ? u"ssh.auth_secret_missing"_s : u"ssh.auth"_s,
        tr("Could not log in to %1 as %2. Tried: %3.").arg(where, user, tried.join(u"; "_s)),
        details.join(u"; "_s));
}

void SshWorker::connectionDone(const Result<void> &result)
{
    if (!result) {
        closeSession();
        qCInfo(lcSsh) << "connection to" << m_target.host << "failed:" << result.error().code;
        Q_EMIT connectionFailed(result.error());
        failForwards(result.error());
        failQueued(result.error());
        return;
    }
    m_state = State::Connected;
    m_shared->connected = true;
    qCDebug(lcSsh) << "connected to" << m_target.host;
    Q_EMIT connected();
    const QList<std::shared_ptr<ForwardRequest>> waiting = std::exchange(m_pendingForwards, {});
    for (const std::shared_ptr<ForwardRequest> &request : waiting)
        openForward(request);
    processQueue();
}

Result<int> SshWorker::socketThroughJump()
{
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    const QString jumpName = m_jump->hopName;
    int pair[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) {
        return fail(u"ssh.jump"_s,
                    tr("Could not connect to %1 through the jump host %2: no socket could be "
                       "created.")
                        .arg(where, jumpName),
                    QString::fromLocal8Bit(strerror(errno)));
    }
    auto request = std::make_shared<ForwardRequest>();
    request->host = m_target.host;
    request->port = m_target.port;
    request->fd = pair[1];
    if (!m_jump->post(request)) {
        request->resolve(ForwardRequest::State::Failed);
        ::close(pair[0]);
        return fail(u"ssh.jump"_s,
                    tr("Could not connect to %1: its jump host %2 is no longer connected.")
                        .arg(where, jumpName));
    }
    const ForwardRequest::State state = request->waitResolved(m_shared->shuttingDown);
    if (state == ForwardRequest::State::Open)
        return pair[0];
    ::close(pair[0]);
    if (state == ForwardRequest::State::Pending) {
        request->resolve(ForwardRequest::State::Failed);
        return fail(u"ssh.disconnected"_s,
                    tr("The connection to %1 was closed before it was made.").arg(where));
    }
    Error why;
    {
        QMutexLocker lock(&request->mutex);
        why = request->error;
    }
    // The hop's own code (e.g. a changed host key) stays, so callers can tell the cases apart.
    return fail(why.code.isEmpty() ? u"ssh.jump"_s : why.code,
                tr("Could not connect to %1 through the jump host %2: %3")
                    .arg(where, jumpName, why.message),
                why.detail);
}

void SshWorker::addForward(const std::shared_ptr<ForwardRequest> &request)
{
    if (m_shared->shuttingDown) {
        const Error error{u"ssh.disconnected"_s,
                          tr("The SSH session to %1 is closing.")
                              .arg(KnownHosts::hostName(m_target.host, m_target.port)),
                          {}};
        request->resolve(ForwardRequest::State::Failed, error);
        Q_EMIT forwardFailed(request->id, error);
        return;
    }
    if (m_state == State::Connected && m_session && ssh_is_connected(m_session)) {
        openForward(request);
        return;
    }
    m_pendingForwards.append(request);
    if (m_state == State::Disconnected)
        connectToHost();
}

void SshWorker::openForward(const std::shared_ptr<ForwardRequest> &request)
{
    const QString where = KnownHosts::hostName(m_target.host, m_target.port);
    const QByteArray host = request->host.toUtf8();
    ssh_channel channel = ssh_channel_new(m_session);
    if (!channel || ssh_channel_open_forward(channel, host.constData(), request->port, "127.0.0.1",
                                             0) != SSH_OK) {
        const QString reason = libsshError(m_session);
        const Error error{u"ssh.forward"_s,
                          tr("%1 could not open a connection to %2:%3 (%4).")
                              .arg(where, request->host, QString::number(request->port), reason),
                          reason};
        if (channel)
            ssh_channel_free(channel);
        qCInfo(lcSsh) << "forward through" << where << "failed:" << reason;
        request->resolve(ForwardRequest::State::Failed, error);
        Q_EMIT forwardFailed(request->id, error);
        return;
    }
    const int fd = request->takeFd();
    if (fd < 0) { // given up while the channel opened
        ssh_channel_close(channel);
        ssh_channel_free(channel);
        return;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

    auto forward = std::make_unique<Forward>();
    forward->id = request->id;
    forward->channel = channel;
    forward->fd = fd;
    forward->readable = new QSocketNotifier(fd, QSocketNotifier::Read, this);
    forward->writable = new QSocketNotifier(fd, QSocketNotifier::Write, this);
    forward->writable->setEnabled(false);
    connect(forward->readable, &QSocketNotifier::activated, this, &SshWorker::pumpForwards);
    connect(forward->writable, &QSocketNotifier::activated, this, &SshWorker::pumpForwards);
    m_forwards.push_back(std::move(forward));
    request->resolve(ForwardRequest::State::Open);
    Q_EMIT forwardOpened(request->id);
    updatePumpWatch();
    pumpForwards();
}

void SshWorker::updatePumpWatch()
{
    if (m_forwards.empty() || !m_session) {
        if (m_sessionNotifier)
            m_sessionNotifier->setEnabled(false);
        if (m_pumpTimer)
            m_pumpTimer->stop();
        return;
    }
    if (!m_event) {
        m_event = ssh_event_new();
        if (m_event)
            ssh_event_add_session(m_event, m_session);
    }
    if (!m_sessionNotifier) {
        m_sessionNotifier = new QSocketNotifier(ssh_get_fd(m_session), QSocketNotifier::Read, this);
        connect(m_sessionNotifier, &QSocketNotifier::activated, this, &SshWorker::sessionReadable);
    }
    m_sessionNotifier->setEnabled(true);
    if (!m_pumpTimer) {
        m_pumpTimer = new QTimer(this);
        m_pumpTimer->setInterval(pumpTickMs);
        connect(m_pumpTimer, &QTimer::timeout, this, &SshWorker::pumpForwards);
    }
    if (!m_pumpTimer->isActive())
        m_pumpTimer->start();
}

void SshWorker::sessionReadable()
{
    if (!m_session)
        return;
    if (m_event)
        ssh_event_dopoll(m_event, 0);
    pumpForwards();
    if (m_session && !ssh_is_connected(m_session)) {
        qCInfo(lcSsh) << "connection to" << m_target.host << "lost";
        const bool wasOpen = m_state == State::Connected;
        closeSession();
        if (wasOpen)
            Q_EMIT disconnected();
    }
}

void SshWorker::pumpForwards()
{
    if (m_pumping || m_forwards.empty())
        return;
    m_pumping = true;
    if (m_pumpBuffer.empty())
        m_pumpBuffer.resize(readChunk);
    for (size_t i = 0; i < m_forwards.size();) {
        if (pumpOne(*m_forwards[i])) {
            ++i;
            continue;
        }
        std::unique_ptr<Forward> done = std::move(m_forwards[i]);
        m_forwards.erase(m_forwards.begin() + qsizetype(i));
        closeForward(*done);
    }
    m_pumping = false;
    updatePumpWatch();
}

bool SshWorker::pumpOne(Forward &f)
{
    char *buffer = m_pumpBuffer.data();
    bool broken = false;

    // Channel to local socket; stop reading while the socket is not taking data.
    for (;;) {
        if (!f.toLocal.isEmpty()) {
            const ssize_t n =
                ::send(f.fd, f.toLocal.constData(), size_t(f.toLocal.size()), MSG_NOSIGNAL);
            if (n > 0) {
                f.toLocal.remove(0, n);
            } else if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                broken = true; // the local client went away
                break;
            }
            if (f.toLocal.size() >= maxPendingToLocal)
                break;
        }
        if (f.remoteEof)
            break;
        const int n = ssh_channel_read_nonblocking(f.channel, buffer, readChunk, 0);
        if (n > 0) {
            f.toLocal.append(buffer, n);
            continue;
        }
        if (n == SSH_EOF || ssh_channel_is_eof(f.channel) || ssh_channel_is_closed(f.channel))
            f.remoteEof = true;
        else if (n == SSH_ERROR)
            broken = true;
        if (f.remoteEof && !f.toLocal.isEmpty())
            continue; // flush what is left
        break;
    }
    f.writable->setEnabled(!broken && !f.toLocal.isEmpty());
    if (!broken && f.remoteEof && f.toLocal.isEmpty() && !f.shutWrite) {
        ::shutdown(f.fd, SHUT_WR);
        f.shutWrite = true;
    }

    // Local socket to channel, never more than the peer's window so no write blocks.
    bool windowFull = false;
    for (int rounds = 0; !broken && !f.localEof && rounds < 16; ++rounds) {
        if (!ssh_channel_is_open(f.channel) || ssh_channel_is_closed(f.channel)) {
            f.localEof = true;
            break;
        }
        const uint32_t window = ssh_channel_window_size(f.channel);
        if (window == 0) {
            windowFull = true;
            break;
        }
        const ssize_t n = ::recv(f.fd, buffer, std::min<size_t>(window, readChunk), 0);
        if (n > 0) {
            if (ssh_channel_write(f.channel, buffer, uint32_t(n)) == SSH_ERROR)
                broken = true;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            break;
        f.localEof = true; // end of stream, or a reset: either way nothing more comes
        ssh_channel_send_eof(f.channel);
    }
    f.readable->setEnabled(!broken && !f.localEof && !windowFull);

    if (broken)
        return false;
    if (f.localEof && f.remoteEof && f.toLocal.isEmpty())
        return false;
    return !(ssh_channel_is_closed(f.channel) && f.toLocal.isEmpty());
}

void SshWorker::closeForward(Forward &f)
{
    // Notifiers may be the sender of the signal being handled: delete them later.
    for (QSocketNotifier *notifier : {f.readable, f.writable}) {
        if (notifier) {
            notifier->setEnabled(false);
            notifier->deleteLater();
        }
    }
    if (f.channel) {
        if (m_session && ssh_is_connected(m_session) && !ssh_channel_is_closed(f.channel))
            ssh_channel_close(f.channel);
        ssh_channel_free(f.channel);
        f.channel = nullptr;
    }
    if (f.fd >= 0) {
        ::close(f.fd);
        f.fd = -1;
    }
    Q_EMIT forwardClosed(f.id);
}

void SshWorker::failForwards(const Error &error)
{
    const QList<std::shared_ptr<ForwardRequest>> waiting = std::exchange(m_pendingForwards, {});
    for (const std::shared_ptr<ForwardRequest> &request : waiting) {
        request->resolve(ForwardRequest::State::Failed, error);
        Q_EMIT forwardFailed(request->id, error);
    }
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
        // Tunnels and jumped sessions through this one keep flowing while a command runs.
        pumpForwards();
        if (gotData)
            continue;
        if (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel))
            break;
        std::vector<pollfd> fds{pollfd{ssh_get_fd(m_session), POLLIN, 0}};
        for (const std::unique_ptr<Forward> &f : m_forwards) {
            const short events = short((f->readable->isEnabled() ? POLLIN : 0) |
                                       (f->writable->isEnabled() ? POLLOUT : 0));
            if (events)
                fds.push_back(pollfd{f->fd, events, 0});
        }
        ::poll(fds.data(), nfds_t(fds.size()), idleWaitMs);
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
    failForwards(Error{u"ssh.disconnected"_s,
                       tr("The SSH session to %1 was closed.")
                           .arg(KnownHosts::hostName(m_target.host, m_target.port)),
                       {}});
    failQueued(Error{
        u"ssh.disconnected"_s, tr("The connection was closed before the command could run."), {}});
    if (wasOpen)
        Q_EMIT disconnected();
}

void SshWorker::closeSession()
{
    // Forwards need the session to close their channels, so they go first.
    std::vector<std::unique_ptr<Forward>> forwards = std::exchange(m_forwards, {});
    for (const std::unique_ptr<Forward> &forward : forwards)
        closeForward(*forward);
    if (m_sessionNotifier) {
        m_sessionNotifier->setEnabled(false);
        m_sessionNotifier->deleteLater();
        m_sessionNotifier = nullptr;
    }
    if (m_pumpTimer)
        m_pumpTimer->stop();
    if (m_event) {
        if (m_session)
            ssh_event_remove_session(m_event, m_session);
        ssh_event_free(m_event);
        m_event = nullptr;
    }
    if (m_session) {
        ssh_disconnect(m_session);
        ssh_free(m_session);
        m_session = nullptr;
    }
    m_shared->connected = false;
    m_state = State::Disconnected;
}

} // namespace ph
