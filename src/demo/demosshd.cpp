// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demosshd.h"

#include "demo/childprocess.h"

#include "core/logging.h"
#include "core/paths.h"
#include "ssh/knownhosts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QProcess>
#include <QTcpServer>

#include <libssh/libssh.h>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int startTimeoutMs = 5000;
constexpr int bannerTimeoutMs = 10000;
constexpr int stopTimeoutMs = 3000;
constexpr qint64 logTailBytes = 2048;

constexpr QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;

bool portIsFree(int port)
{
    QTcpServer server;
    return server.listen(QHostAddress::LocalHost, quint16(port));
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

struct KeyFacts
{
    QString type;
    QByteArray blob;
    QString publicLine; ///< "ssh-ed25519 AAAA…"
    QString fingerprint;
};

// Loads the ed25519 key at @p path, or makes one when there is none or it is unreadable.
Result<KeyFacts> loadOrMakeKey(const QString &path)
{
    const QByteArray file = QFile::encodeName(path);
    ssh_key key = nullptr;
    if (ssh_pki_import_privkey_file(file.constData(), nullptr, nullptr, nullptr, &key) != SSH_OK) {
        if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
            return fail(u"demo.sshd_keys"_s,
                        DemoSshd::tr("Could not make a key for the demo host."),
                        u"ssh_pki_generate failed"_s);
        QFile::remove(path);
        if (ssh_pki_export_privkey_file(key, nullptr, nullptr, nullptr, file.constData()) !=
            SSH_OK) {
            ssh_key_free(key);
            return fail(u"demo.sshd_keys"_s,
                        DemoSshd::tr("Could not write the demo host's key to %1.").arg(path));
        }
    }
    // sshd refuses a host key others can read, and ssh clients such an identity.
    QFile::setPermissions(path, ownerOnly);

    KeyFacts facts;
    char *base64 = nullptr;
    if (ssh_pki_export_pubkey_base64(key, &base64) == SSH_OK) {
        facts.type = QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key)));
        facts.blob = QByteArray::fromBase64(QByteArray(base64));
        facts.publicLine = facts.type + u' ' + QString::fromLatin1(base64);
        ssh_string_free_char(base64);
    }
    unsigned char *hash = nullptr;
    size_t length = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length) == SSH_OK) {
        char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
        facts.fingerprint = QString::fromLatin1(text);
        ssh_string_free_char(text);
        ssh_clean_pubkey_hash(&hash);
    }
    ssh_key_free(key);
    if (facts.blob.isEmpty())
        return fail(u"demo.sshd_keys"_s,
                    DemoSshd::tr("Could not read the public half of the demo key %1.").arg(path));
    return facts;
}

Result<void> writeText(const QString &path, const QString &text, QFile::Permissions permissions)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0)
        return fail(u"demo.sshd_config"_s, DemoSshd::tr("Could not write %1.").arg(path),
                    file.errorString());
    file.close();
    file.setPermissions(permissions);
    return {};
}

// The per-connection processes sshd forked; they outlive the listener unless ended too.

} // namespace

DemoSshd::DemoSshd(QObject *parent)
    : QObject(parent)
{
}

DemoSshd::~DemoSshd()
{
    stop();
}

QString DemoSshd::knownHostsFile() const
{
    return m_knownHostsFile.isEmpty() ? paths::dataDir() + u"/known_hosts"_s : m_knownHostsFile;
}

QString DemoSshd::user()
{
    const passwd *entry = ::getpwuid(::geteuid());
    return entry ? QString::fromLocal8Bit(entry->pw_name) : qEnvironmentVariable("USER");
}

QString DemoSshd::identityFile() const
{
    return m_directory + u"/id_ed25519"_s;
}

QString DemoSshd::logFile() const
{
    return m_directory + u"/sshd.log"_s;
}

bool DemoSshd::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

qint64 DemoSshd::processId() const
{
    return isRunning() ? m_process->processId() : 0;
}

Result<void> DemoSshd::ensureKeys()
{
    const auto host = loadOrMakeKey(m_directory + u"/ssh_host_ed25519_key"_s);
    if (!host)
        return tl::unexpected(host.error());
    const auto client = loadOrMakeKey(identityFile());
    if (!client)
        return tl::unexpected(client.error());
    m_hostKeyType = host->type;
    m_hostKeyBlob = host->blob;
    m_fingerprint = host->fingerprint;
    const QString clientLine = client->publicLine + u" pilothouse-demo\n"_s;
    if (auto ok = writeText(identityFile() + u".pub"_s, clientLine,
                            ownerOnly | QFile::ReadGroup | QFile::ReadOther);
        !ok)
        return ok;
    // Forwarding stays allowed: the console tunnels HTTP through its hosts.
    return writeText(m_directory + u"/authorized_keys"_s,
                     u"no-agent-forwarding,no-X11-forwarding "_s + clientLine, ownerOnly);
}

Result<void> DemoSshd::writeConfig(const QString &sandbox)
{
    QMap<QString, QString> environment = m_environment;
    environment.insert(u"PATH"_s, sandbox + u"/bin:/usr/local/bin:/usr/bin:/bin"_s);
    // Python modules the real host has installed (psycopg2) come from the sandbox too.
    environment.insert(u"PYTHONPATH"_s, sandbox + u"/lib/python"_s);
    // The login shell would otherwise read the user's real ~/.bashrc on every command: slow
    // when it starts a version manager, and not what the demo host's user would have.
    if (!environment.contains(u"HOME"_s))
        environment.insert(u"HOME"_s, sandbox);
    QString setEnv;
    for (auto it = environment.cbegin(); it != environment.cend(); ++it) {
        // sshd splits the line at spaces outside double quotes; a value that could break
        // the quoting is left out rather than mangled.
        if (it.value().contains(u'"') || it.value().contains(u'\n'))
            continue;
        setEnv += u" \""_s + it.key() + u'=' + it.value() + u'"';
    }
    const QString config =
        u"# Written by Pilothouse for its demo host on every start; edits are lost.\n"
        "ListenAddress 127.0.0.1:%1\n"
        "HostKey %2/ssh_host_ed25519_key\n"
        "AuthorizedKeysFile %2/authorized_keys\n"
        "AllowUsers %3\n"
        "AuthenticationMethods publickey\n"
        "PubkeyAuthentication yes\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\n"
        "UsePAM no\n"
        // The data folder may be group-writable or under a shared home.
        "StrictModes no\n"
        "PidFile none\n"
        "X11Forwarding no\n"
        "AllowAgentForwarding no\n"
        "PermitUserEnvironment no\n"
        "PrintMotd no\n"
        "SetEnv%4\n"
        "LogLevel VERBOSE\n"_s.arg(QString::number(m_port), m_directory, user(), setEnv);
    return writeText(m_directory + u"/sshd_config"_s, config, ownerOnly);
}

Result<void> DemoSshd::recordHostKey()
{
    // The demo made this key itself a moment ago and runs the server as its own child on
    // loopback, so trusting it without asking is honest; a key that arrives from a real
    // host is only trusted after the user has compared its fingerprint.
    const HostKey key{m_hostKeyType, m_hostKeyBlob};
    const QString file = knownHostsFile();
    const HostKeyCheck check = KnownHosts::check({file}, host(), m_port, key);
    if (check.status == HostKeyCheck::Status::Known)
        return {};
    // A key left from an earlier demo on this port (keys deleted since) would be refused
    // as changed; this file is the console's own, so replacing the entry is safe.
    if (QFile::exists(file)) {
        if (auto removed = KnownHosts::remove(file, host(), m_port); !removed)
            return tl::unexpected(removed.error());
    }
    return KnownHosts::append(file, host(), m_port, key);
}

Result<void> DemoSshd::start(const QString &directory, const QString &sandbox)
{
    if (isRunning())
        return {};
    const QFileInfo program(m_program);
    if (!program.exists() || !program.isExecutable())
        return fail(u"demo.sshd_missing"_s,
                    tr("SSH steps are unavailable in the demo: %1 is not installed (apt install "
                       "openssh-server)")
                        .arg(m_program));

    m_directory = QDir(directory).absolutePath();
    if (!QDir().mkpath(m_directory))
        return fail(u"demo.sshd_config"_s, tr("Could not create %1.").arg(m_directory));
    QFile::setPermissions(m_directory, ownerOnly | QFile::ExeOwner);
    if (auto ok = ensureKeys(); !ok)
        return ok;

    // The same port as last time keeps the known_hosts file to one entry for the demo.
    QFile portFile(m_directory + u"/port"_s);
    int saved = 0;
    if (portFile.open(QIODevice::ReadOnly))
        saved = portFile.readAll().trimmed().toInt();
    portFile.close();
    m_port = saved > 1024 && saved < 65536 && portIsFree(saved) ? saved : freePort();
    if (m_port == 0)
        return fail(u"demo.sshd_port"_s, tr("No free port on 127.0.0.1 for the demo host."));
    if (auto ok = writeText(portFile.fileName(), QString::number(m_port) + u'\n', ownerOnly); !ok)
        return ok;
    if (auto ok = writeConfig(sandbox); !ok)
        return ok;
    // As root sshd needs its privilege separation folder; a stopped system service may
    // have taken it with it.
    if (::geteuid() == 0)
        QDir().mkpath(u"/run/sshd"_s);
    QFile::remove(logFile());

    m_process = new QProcess(this);
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setProgram(program.absoluteFilePath());
    m_process->setArguments(
        {u"-D"_s, u"-e"_s, u"-f"_s, m_directory + u"/sshd_config"_s, u"-E"_s, logFile()});
    // When the console dies, even by SIGKILL, the kernel ends the server instead of leaving
    // it listening.
    ChildProcess::dieWithParent(*m_process, SIGTERM);
    m_process->start(QIODevice::ReadOnly);
    if (!m_process->waitForStarted(startTimeoutMs)) {
        const QString detail = m_process->errorString();
        stop();
        return fail(u"demo.sshd_start"_s,
                    tr("The demo's SSH server could not be started; SSH steps are unavailable "
                       "in the demo."),
                    detail);
    }
    if (!ChildProcess::waitForSshBanner(*m_process, quint16(m_port), bannerTimeoutMs)) {
        const QString detail =
            QString(QString::fromLocal8Bit(m_process->readAll()) + logTail()).trimmed();
        stop();
        return fail(u"demo.sshd_start"_s,
                    tr("The demo's SSH server did not come up; SSH steps are unavailable in the "
                       "demo. Its log is in %1.")
                        .arg(QDir::toNativeSeparators(m_directory)),
                    detail);
    }
    if (auto recorded = recordHostKey(); !recorded) {
        stop();
        return recorded;
    }
    connect(m_process, &QProcess::readyRead, this, [this] { m_process->readAll(); });
    connect(m_process, &QProcess::finished, this, [this](int exitCode) {
        qCWarning(lcSim) << "demo sshd exited unexpectedly with code" << exitCode;
        Q_EMIT exitedUnexpectedly(exitCode);
    });
    qCDebug(lcSim) << "demo sshd" << m_process->processId() << "on port" << m_port;
    return {};
}

void DemoSshd::stop()
{
    if (!m_process)
        return;
    m_process->disconnect(this);
    if (!ChildProcess::stop(*m_process, stopTimeoutMs))
        qCWarning(lcSim) << "demo sshd ignored SIGTERM; it was killed";
    delete m_process;
    m_process = nullptr;
}

QString DemoSshd::logTail() const
{
    QFile file(logFile());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    if (file.size() > logTailBytes)
        file.seek(file.size() - logTailBytes);
    return QString::fromLocal8Bit(file.readAll());
}

} // namespace ph
