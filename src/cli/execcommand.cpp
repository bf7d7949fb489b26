// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/execcommand.h"

#include "audit/auditlog.h"
#include "audit/sealkey.h"
#include "cli/exitcodes.h"
#include "console/demosession.h"
#include "core/paths.h"
#include "safety/commandclassifier.h"
#include "secrets/secretstore.h"
#include "ssh/fanout.h"
#include "ssh/hostspec.h"
#include "ssh/sshsessionpool.h"
#include "storage/database.h"
#include "workspace/workspaceloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <optional>
#include <variant>

using namespace Qt::StringLiterals;

namespace ph::cli {

namespace {

const QString kAdHoc = u"ad-hoc"_s;
constexpr int kMaxConcurrency = 1024;
constexpr int kKeychainTimeoutMs = 10000;

QString tr(const char *text)
{
    return QCoreApplication::translate("ExecCommand", text);
}

/// A failure that ends the command with @c code after printing @c message.
struct Stop
{
    int code;
    QString message;
};

struct Options
{
    QStringList hosts;
    QString group;
    QString environment;
    QString identity;
    QString knownHosts;
    QList<HostSpec> jumps;
    int concurrency = FanOut::kDefaultConcurrency;
    int timeoutMs = 0;
    bool acceptNewHostKey = false;
    bool json = false;
    QStringList confirmations;
    QString command;
};

/// The seal key store over the keychain, for obtainSealKey(); blocking (CLI only).
SealKeyStore keychainSealKeys(SecretStore *store)
{
    SealKeyStore keys;
    keys.load = [store]() -> Result<std::optional<QString>> {
        auto value = store->readBlocking(kSealKeyEntry, kKeychainTimeoutMs);
        if (value)
            return std::optional<QString>(*value);
        if (value.error().code == u"keychain.not_found"_s)
            return std::optional<QString>();
        return tl::unexpected(value.error());
    };
    keys.store = [store](const QString &value) -> Result<void> {
        std::optional<Result<void>> answer;
        QEventLoop loop;
        QObject context;
        store->write(kSealKeyEntry, value, &context, [&](Result<void> done) {
            answer = std::move(done);
            loop.quit();
        });
        // SecretStore answers every call within its own timeout; this is only a backstop.
        QTimer::singleShot(kKeychainTimeoutMs * 2, &loop, &QEventLoop::quit);
        if (!answer)
            loop.exec();
        if (!answer) {
            return fail(u"keychain.timeout"_s,
                        tr("The keychain did not answer in time while storing the audit log's "
                           "seal key."));
        }
        return *answer;
    };
    return keys;
}

Result<QByteArray> decodeSealKey(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(text.trimmed().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != AuditLog::kSealKeySize) {
        return fail(u"audit.bad_key"_s,
                    tr("The seal key given for %1 is not the Base64 text of a %2-byte key, as "
                       "stored in the keychain.")
                        .arg(kSealKeyEntry)
                        .arg(AuditLog::kSealKeySize));
    }
    return decoded.decoded;
}

/// The audit log, ready to append; or why not (exit 5 for the keychain, 2 otherwise).
std::variant<std::unique_ptr<AuditLog>, Stop> openAudit(const QString &databasePath,
                                                        const std::optional<QString> &stdinKey)
{
    QByteArray key;
    if (stdinKey) {
        auto decoded = decodeSealKey(*stdinKey);
        if (!decoded)
            return Stop{ExitUsage, decoded.error().message};
        key = *decoded;
    } else {
        SecretStore store(u"pilothouse"_s);
        auto obtained = obtainSealKey(keychainSealKeys(&store));
        if (!obtained) {
            const bool keychain = obtained.error().code.startsWith(u"keychain."_s);
            return Stop{keychain ? int(ExitKeychainUnavailable) : int(ExitUsage),
                        obtained.error().toString() + u'\n' +
                            tr("Pilothouse runs no remote command it cannot record in the audit "
                               "log, and the log's seal key lives in the keychain. For cron, "
                               "pass the key with --secret-stdin %1.")
                                .arg(kSealKeyEntry)};
        }
        key = *obtained;
    }
    auto db = Database::open(databasePath);
    if (!db)
        return Stop{ExitUsage, db.error().toString()};
    return std::make_unique<AuditLog>(*db, key);
}

QJsonObject hostJson(const FanOutHostResult &r)
{
    return QJsonObject{
        {u"host"_s, r.name},
        {u"outcome"_s, hostOutcomeName(r.outcome)},
        {u"exit_status"_s, r.exitStatus >= 0 ? QJsonValue(r.exitStatus) : QJsonValue()},
        {u"stdout"_s, QString::fromUtf8(r.stdoutData)},
        {u"stderr"_s, QString::fromUtf8(r.stderrData)},
        {u"duration_ms"_s, r.durationMs},
        {u"environment"_s, r.environment},
        {u"address"_s, HostSpec{r.target.user, r.target.host, r.target.port}.toString()},
        {u"stdout_bytes"_s, r.stdoutBytes},
        {u"stderr_bytes"_s, r.stderrBytes},
        {u"error"_s, r.error.message.isEmpty() ? QJsonValue() : QJsonValue(r.error.message)},
    };
}

QString exitText(const FanOutHostResult &r)
{
    if (r.exitStatus >= 0)
        return QString::number(r.exitStatus);
    return r.signal.isEmpty() ? u"-"_s : u"SIG"_s + r.signal;
}

void printBlock(const FanOutHostResult &r, QTextStream &out)
{
    const QString address = HostSpec{r.target.user, r.target.host, r.target.port}.toString();
    out << u"=== "_s << r.name;
    if (address != r.name)
        out << u" ("_s << address << u')';
    out << u": "_s << hostOutcomeText(r.outcome);
    if (r.exitStatus >= 0)
        out << u", "_s << tr("exit %1").arg(r.exitStatus);
    out << u", "_s << tr("%1 ms").arg(r.durationMs) << '\n';
    if (!r.error.message.isEmpty())
        out << r.error.message << '\n';
    if (r.stdoutBytes > r.stdoutData.size())
        out << tr("[stdout: only the last %1 of %2 bytes are shown]")
                   .arg(r.stdoutData.size())
                   .arg(r.stdoutBytes)
            << '\n';
    out << QString::fromUtf8(r.stdoutData);
    if (!r.stdoutData.isEmpty() && !r.stdoutData.endsWith('\n'))
        out << '\n';
    if (!r.stderrData.isEmpty()) {
        out << u"--- stderr ---\n"_s << QString::fromUtf8(r.stderrData);
        if (!r.stderrData.endsWith('\n'))
            out << '\n';
    }
    out.flush();
}

void printMatrix(const QList<FanOutHostResult> &results, QTextStream &out)
{
    const QStringList header = {tr("HOST"), tr("ENVIRONMENT"), tr("OUTCOME"), tr("EXIT"),
                                tr("DURATION")};
    QList<QStringList> rows;
    QMap<QString, int> counts;
    for (const FanOutHostResult &r : results) {
        rows.append({r.name, r.environment, hostOutcomeText(r.outcome), exitText(r),
                     tr("%1 ms").arg(r.durationMs)});
        ++counts[hostOutcomeText(r.outcome)];
    }
    QList<int> widths;
    for (int c = 0; c < header.size(); ++c) {
        int w = int(header.at(c).size());
        for (const QStringList &row : rows)
            w = std::max(w, int(row.at(c).size()));
        widths.append(w);
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < cells.size(); ++c)
            text +=
                c + 1 < cells.size() ? cells.at(c).leftJustified(widths.at(c) + 2) : cells.at(c);
        out << text.trimmed() << '\n';
    };
    out << '\n';
    line(header);
    for (const QStringList &row : rows)
        line(row);
    QStringList summary;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        summary << u"%1 %2"_s.arg(it.value()).arg(it.key());
    out << QCoreApplication::translate("ExecCommand", "%n host(s): %1", nullptr,
                                       int(results.size()))
               .arg(summary.join(u", "_s))
        << '\n';
}

int g_interruptFds[2] = {-1, -1};

void onInterrupt(int)
{
    // Only async-signal-safe work here: wake the event loop.
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_interruptFds[1], &byte, 1);
}

/**
 * While alive, the first Ctrl-C (or SIGTERM) cancels the fan-out, so every host still
 * ends with an outcome and an audit record; the handler then resets itself, and a second
 * Ctrl-C ends the program at once.
 */
class InterruptCancels
{
public:
    InterruptCancels(FanOut *fan, QTextStream &err)
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_interruptFds) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(g_interruptFds[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, fan, [fan, &err] {
            char byte = 0;
            [[maybe_unused]] const ssize_t got = ::read(g_interruptFds[0], &byte, 1);
            err << tr("Cancelling; press Ctrl-C again to quit at once.") << '\n';
            err.flush();
            fan->cancel();
        });
        struct sigaction action = {};
        action.sa_handler = onInterrupt;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESETHAND;
        ::sigaction(SIGINT, &action, &m_oldInt);
        ::sigaction(SIGTERM, &action, &m_oldTerm);
        m_installed = true;
    }
    ~InterruptCancels()
    {
        if (m_installed) {
            ::sigaction(SIGINT, &m_oldInt, nullptr);
            ::sigaction(SIGTERM, &m_oldTerm, nullptr);
        }
        m_notifier.reset();
        for (int &fd : g_interruptFds) {
            if (fd >= 0)
                ::close(fd);
            fd = -1;
        }
    }
    InterruptCancels(const InterruptCancels &) = delete;
    InterruptCancels &operator=(const InterruptCancels &) = delete;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    struct sigaction m_oldInt = {};
    struct sigaction m_oldTerm = {};
    bool m_installed = false;
};

/// Reads @p ref of workspace @p wsName from the keychain; empty when not set.
Result<QString> readHostSecret(SecretStore &store, const QString &wsName, const QString &ref)
{
    auto value = store.readBlocking(SecretStore::entryName(wsName, ref), kKeychainTimeoutMs);
    if (value)
        return *value;
    if (value.error().code == u"keychain.not_found"_s)
        return QString();
    return tl::unexpected(value.error());
}

FanOutHost workspaceTarget(const Host &h)
{
    FanOutHost t;
    t.name = h.name;
    t.target = SshTarget::fromHost(h);
    t.environment = h.environment;
    t.credentials = SshCredentials::fromHost(h);
    return t;
}

FanOutHost adHocTarget(const HostSpec &spec, const QString &identity, const QList<HostSpec> &jumps)
{
    FanOutHost t;
    t.name = spec.toString();
    t.target = SshTarget{spec.address, spec.port, spec.user};
    t.environment = kAdHoc;
    if (!identity.isEmpty()) {
        t.credentials.methods = {SshCredentials::Method::KeyFile, SshCredentials::Method::Agent};
        t.credentials.keyFile = identity;
    }
    // Ad-hoc jump hosts log in like the ad-hoc host: the same key, then the agent.
    for (const HostSpec &jump : jumps)
        t.jumps.append(SshHop{SshTarget{jump.address, jump.port, jump.user}, t.credentials});
    return t;
}

/// One Confirmation (by flag) or Refusal record per environment, naming its hosts.
Result<void> recordDecision(const AuditLog &log, AuditKind kind, const QList<FanOutHost> &targets,
                            const QStringList &environments, const QString &command,
                            const Classification &verdict)
{
    for (const QString &env : environments) {
        QStringList hosts;
        for (const FanOutHost &t : targets) {
            if (t.environment == env)
                hosts.append(t.name);
        }
        AuditEvent event;
        event.kind = kind;
        event.environment = env;
        event.host = hosts.join(u',');
        event.command = command;
        event.confirmedBy = kind == AuditKind::Confirmation ? ConfirmedBy::Flag : ConfirmedBy::None;
        event.detail = QJsonObject{{u"reasons"_s, QJsonArray::fromStringList(verdict.reasons)},
                                   {u"level"_s, safetyLevelName(verdict.level)},
                                   {u"source"_s, u"cli exec"_s}};
        if (kind == AuditKind::Refusal)
            event.detail.insert(u"why"_s, u"missing --confirm"_s);
        auto appended = log.append(event);
        if (!appended)
            return tl::unexpected(appended.error());
    }
    return {};
}

AuditEvent commandEvent(const QString &command, const FanOutHostResult &r, bool confirmed)
{
    AuditEvent event;
    event.kind = AuditKind::Command;
    event.environment = r.environment;
    event.host = r.name;
    event.command = command;
    if (r.exitStatus >= 0)
        event.exitStatus = r.exitStatus;
    event.outputSha256 = audit::sha256Hex(r.stdoutData + r.stderrData);
    event.confirmedBy = confirmed ? ConfirmedBy::Flag : ConfirmedBy::None;
    event.detail = QJsonObject{
        {u"outcome"_s, hostOutcomeName(r.outcome)},
        {u"address"_s, HostSpec{r.target.user, r.target.host, r.target.port}.toString()},
        {u"duration_ms"_s, r.durationMs},
        {u"stdout_bytes"_s, r.stdoutBytes},
        {u"stderr_bytes"_s, r.stderrBytes},
        {u"output_sha256_of"_s, u"stdout+stderr as kept"_s},
        {u"source"_s, u"cli exec"_s},
    };
    if (!r.error.code.isEmpty())
        event.detail.insert(u"error"_s, r.error.code);
    return event;
}

AuditEvent hostKeyEvent(const FanOutHostResult &r, const QJsonObject &detail)
{
    AuditEvent event;
    event.kind = AuditKind::HostKey;
    event.environment = r.environment;
    event.host = r.name;
    event.detail = detail;
    event.detail.insert(u"source"_s, u"cli exec"_s);
    return event;
}

/// Reads one line from the terminal on standard input without echoing it.
std::optional<QString> askHidden(const QString &prompt, QTextStream &err)
{
    err << prompt;
    err.flush();
    termios saved{};
    if (::tcgetattr(STDIN_FILENO, &saved) != 0)
        return std::nullopt;
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    QByteArray line;
    char c = 0;
    // Bounded: nobody types a 4 KiB passphrase.
    while (line.size() < 4096 && ::read(STDIN_FILENO, &c, 1) == 1 && c != '\n')
        line.append(c);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    err << '\n';
    err.flush();
    const QString value = QString::fromUtf8(line);
    line.fill('\0');
    return value;
}

/// Runs the fan-out, audits every host as it finishes, prints, and picks the exit code.
int runAndReport(const Options &opt, const QList<FanOutHost> &targets, bool confirmed,
                 const AuditLog &log, const QHash<int, QString> &secretEntries, QTextStream &out,
                 QTextStream &err)
{
    SshSessionOptions sessionOptions;
    sessionOptions.knownHostsFile = opt.knownHosts;
    if (opt.timeoutMs > 0)
        sessionOptions.connectTimeoutMs = std::min(opt.timeoutMs, sessionOptions.connectTimeoutMs);
    SshSessionPool pool(sessionOptions);
    FanOut fan(&pool);
    fan.setConcurrency(opt.concurrency);
    CommandOptions commandOptions;
    commandOptions.timeoutMs = opt.timeoutMs;
    fan.setCommandOptions(commandOptions);
    fan.setUnknownHostKeyPolicy(opt.acceptNewHostKey ? FanOut::UnknownHostKeyPolicy::AcceptAndSave
                                                     : FanOut::UnknownHostKeyPolicy::Refuse);

    bool auditFailed = false;
    auto append = [&](const AuditEvent &event) {
        if (!log.append(event))
            auditFailed = true;
    };
    QObject::connect(&fan, &FanOut::hostFinished, &fan, [&](int, const FanOutHostResult &r) {
        if (!opt.json)
            printBlock(r, out);
        append(commandEvent(opt.command, r, confirmed));
        if (r.outcome == HostOutcome::HostKeyRefused) {
            append(hostKeyEvent(r, {{u"decision"_s, u"refused"_s},
                                    {u"reason"_s, r.error.code},
                                    {u"detail"_s, r.error.detail}}));
        }
    });
    QObject::connect(
        &fan, &FanOut::hostKeyDecided, &fan,
        [&](int index, const QString &keyType, const QString &fingerprint,
            HostKeyDecision decision) {
            // Refusals are recorded with the host's outcome above.
            if (decision == HostKeyDecision::Reject)
                return;
            append(hostKeyEvent(fan.result(index),
                                {{u"decision"_s, decision == HostKeyDecision::AcceptAndSave
                                                     ? u"accepted-and-saved"_s
                                                     : u"accepted-once"_s},
                                 {u"key_type"_s, keyType},
                                 {u"fingerprint"_s, fingerprint},
                                 {u"confirmed_by"_s, u"--accept-new-host-key"_s}}));
        });
    QEventLoop loop;
    QObject::connect(&fan, &FanOut::finished, &loop, &QEventLoop::quit);
    const InterruptCancels interrupts(&fan, err);
    fan.start(opt.command, targets);
    if (fan.isRunning())
        loop.exec();

    // A key that needs a passphrase (or a password) the keychain does not hold: on a
    // terminal, ask once per host and run those hosts again; otherwise say what to set.
    QList<int> needSecret;
    for (int i = 0; i < targets.size(); ++i) {
        if (fan.result(i).error.code == u"ssh.auth_secret_missing"_s)
            needSecret.append(i);
    }
    bool secretMissing = false;
    if (!needSecret.isEmpty() && ::isatty(STDIN_FILENO) && !opt.json) {
        QHash<int, SshCredentials> given;
        for (const int i : std::as_const(needSecret)) {
            SshCredentials credentials = targets.at(i).credentials;
            const bool password = !credentials.methods.contains(SshCredentials::Method::KeyFile);
            const QString prompt =
                password
                    ? tr("Password for %1: ").arg(targets.at(i).name)
                    : tr("Passphrase of %1 for %2: ")
                          .arg(QDir::toNativeSeparators(credentials.keyFile), targets.at(i).name);
            const std::optional<QString> secret = askHidden(prompt, err);
            if (!secret || secret->isEmpty())
                continue;
            (password ? credentials.password : credentials.passphrase) = *secret;
            given.insert(i, credentials);
        }
        if (fan.retryHosts(given.keys(), given) > 0 && fan.isRunning())
            loop.exec();
    } else if (!needSecret.isEmpty()) {
        for (const int i : std::as_const(needSecret)) {
            const QString entry = secretEntries.value(i);
            err << (entry.isEmpty()
                        ? tr("%1 needs a key passphrase or password that was not given. Give the "
                             "host a \"secret_ref\" in the workspace and store the secret under "
                             "it (pilothouse: Credentials), or run on a terminal to be asked.")
                              .arg(targets.at(i).name)
                        : tr("%1 needs a key passphrase or password, and the keychain has no "
                             "entry \"%2\". Store it there (pilothouse: Credentials), or run "
                             "on a terminal to be asked.")
                              .arg(targets.at(i).name, entry))
                << '\n';
        }
    }
    for (const int i : std::as_const(needSecret))
        secretMissing = secretMissing || fan.result(i).error.code == u"ssh.auth_secret_missing"_s;
    const QList<FanOutHostResult> results = fan.results();

    bool anyFailed = false;
    bool anyKeyRefused = false;
    for (const FanOutHostResult &r : results) {
        anyKeyRefused = anyKeyRefused || r.outcome == HostOutcome::HostKeyRefused;
        anyFailed = anyFailed || r.outcome != HostOutcome::Ok;
    }
    if (opt.json) {
        QJsonArray hosts;
        for (const FanOutHostResult &r : results)
            hosts.append(hostJson(r));
        const QJsonObject doc{{u"format"_s, 1},
                              {u"command"_s, opt.command},
                              {u"ok"_s, !anyFailed},
                              {u"confirmed"_s, confirmed},
                              {u"hosts"_s, hosts}};
        out << QString::fromUtf8(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    } else {
        printMatrix(results, out);
    }
    if (anyKeyRefused && !opt.acceptNewHostKey)
        err << tr("A host key was refused. Check the fingerprint out of band; for a host seen "
                  "for the first time, run again with --accept-new-host-key.")
            << '\n';
    if (auditFailed) {
        err << tr("warning: some results could not be written to the audit log; run "
                  "pilothouse-cli audit verify.")
            << '\n';
        return ExitCheckFailed;
    }
    if (anyKeyRefused)
        return ExitRefused;
    if (secretMissing)
        return ExitNeedsPerson;
    return anyFailed ? ExitCheckFailed : ExitOk;
}

} // namespace

int runExecCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run one command on many hosts over SSH: exec (--host H... | --group G) [options] "
           "-- CMD"));
    parser.addHelpOption();
    const QCommandLineOption hostOpt(
        u"host"_s, tr("A workspace host NAME, or [user@]address[:port]; repeatable."), tr("H"));
    const QCommandLineOption groupOpt(u"group"_s, tr("Every workspace host in group G."), tr("G"));
    const QCommandLineOption workspaceOpt({u"w"_s, u"workspace"_s}, tr("Workspace FILE."),
                                          tr("FILE"));
    const QCommandLineOption demoOpt(u"demo"_s, tr("Use the demo workspace."));
    const QCommandLineOption envOpt({u"e"_s, u"env"_s}, tr("Only hosts of environment E."),
                                    tr("E"));
    const QCommandLineOption jsonOpt(u"json"_s, tr("Print one JSON document."));
    const QCommandLineOption identityOpt(
        u"identity"_s, tr("Private key FILE for hosts given as [user@]address[:port]."),
        tr("FILE"));
    const QCommandLineOption jumpOpt(
        u"jump"_s,
        tr("Reach hosts given as [user@]address[:port] through jump host J "
           "([user@]address[:port]); repeat for a chain, the first is connected to first. "
           "Workspace hosts use their own \"jump\"."),
        tr("J"));
    const QCommandLineOption knownHostsOpt(
        u"known-hosts"_s,
        tr("known_hosts FILE to check and save host keys in (default: Pilothouse's own)."),
        tr("FILE"));
    const QCommandLineOption concurrencyOpt(
        u"concurrency"_s,
        tr("At most N hosts at once (default %1).").arg(FanOut::kDefaultConcurrency), tr("N"));
    const QCommandLineOption acceptOpt(u"accept-new-host-key"_s,
                                       tr("Accept and save host keys seen for the first time "
                                          "(a changed key is always refused)."));
    const QCommandLineOption confirmOpt(
        u"confirm"_s,
        tr("Confirm a destructive command for environment ENV (\"ad-hoc\" for hosts given by "
           "address); repeat for each environment."),
        tr("ENV"));
    const QCommandLineOption timeoutOpt(u"timeout"_s, tr("Stop the command after S seconds."),
                                        tr("S"));
    const QCommandLineOption dbOpt(
        {u"d"_s, u"database"_s},
        tr("The database FILE holding the audit log (default: %1).").arg(Database::defaultPath()),
        tr("FILE"));
    const QCommandLineOption stdinOpt(
        u"secret-stdin"_s,
        tr("Read the keychain entry NAME (%1) from standard input.").arg(kSealKeyEntry),
        tr("NAME"));
    parser.addOptions({hostOpt, groupOpt, workspaceOpt, demoOpt, envOpt, jsonOpt, identityOpt,
                       jumpOpt, knownHostsOpt, concurrencyOpt, acceptOpt, confirmOpt, timeoutOpt,
                       dbOpt, stdinOpt});
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }

    Options opt;
    for (const QString &value : parser.values(hostOpt)) {
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts))
            opt.hosts.append(part.trimmed());
    }
    opt.group = parser.value(groupOpt);
    opt.environment = parser.value(envOpt);
    opt.identity = parser.value(identityOpt);
    opt.knownHosts = parser.value(knownHostsOpt);
    opt.acceptNewHostKey = parser.isSet(acceptOpt);
    opt.json = parser.isSet(jsonOpt);
    opt.confirmations = parser.values(confirmOpt);

    auto usageError = [&err](const QString &message) {
        err << message << '\n';
        return int(ExitUsage);
    };
    if (!arguments.contains(u"--"_s))
        return usageError(tr("Put the command after \"--\", e.g. pilothouse-cli exec --host web1 "
                             "-- uptime."));
    opt.command = parser.positionalArguments().join(u' ').trimmed();
    if (opt.command.isEmpty())
        return usageError(tr("No command given after \"--\"."));
    if (opt.hosts.isEmpty() == opt.group.isEmpty())
        return usageError(tr("Name the hosts with --host H (repeatable) or --group G, not both."));
    if (parser.isSet(workspaceOpt) && parser.isSet(demoOpt))
        return usageError(tr("Use either --workspace or --demo, not both."));
    if (parser.isSet(concurrencyOpt)) {
        bool ok = false;
        opt.concurrency = parser.value(concurrencyOpt).toInt(&ok);
        if (!ok || opt.concurrency < 1 || opt.concurrency > kMaxConcurrency)
            return usageError(tr("--concurrency \"%1\" is not a number from 1 to %2.")
                                  .arg(parser.value(concurrencyOpt))
                                  .arg(kMaxConcurrency));
    }
    if (parser.isSet(timeoutOpt)) {
        bool ok = false;
        const double seconds = parser.value(timeoutOpt).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 7 * 24 * 3600)
            return usageError(tr("--timeout \"%1\" is not a number of seconds greater than 0.")
                                  .arg(parser.value(timeoutOpt)));
        opt.timeoutMs = std::max(1, int(seconds * 1000));
    }
    for (const QString &value : parser.values(jumpOpt)) {
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            auto spec = HostSpec::parse(part.trimmed());
            if (!spec)
                return usageError(tr("--jump: %1").arg(spec.error().message));
            opt.jumps.append(*spec);
        }
    }
    if (!opt.identity.isEmpty() && !QFileInfo(opt.identity).isReadable())
        return usageError(
            tr("The key file %1 does not exist or cannot be read.").arg(opt.identity));
    std::optional<QString> stdinKey;
    if (parser.isSet(stdinOpt)) {
        if (parser.value(stdinOpt) != kSealKeyEntry)
            return usageError(tr("exec reads only the audit log's seal key from standard input: "
                                 "use --secret-stdin %1.")
                                  .arg(kSealKeyEntry));
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usageError(tr("Could not read standard input."));
        stdinKey = QString::fromLatin1(in.readAll());
    }

    // The workspace: needed for --group and for host names; ad-hoc hosts do without.
    DemoSession demo;
    std::optional<Workspace> ws;
    QString keychainService = u"pilothouse"_s;
    {
        const bool required =
            parser.isSet(workspaceOpt) || parser.isSet(demoOpt) || !opt.group.isEmpty();
        QString path = parser.value(workspaceOpt);
        QMap<QString, QString> variables;
        if (parser.isSet(demoOpt)) {
            demo.setPrometheusWanted(false);
            auto started = demo.start();
            if (!started)
                return usageError(started.error().toString());
            path = started->workspacePath;
            variables = started->variables;
            keychainService = started->keychainService;
        } else if (path.isEmpty()) {
            path = paths::configDir() + u"/workspace.jsonc"_s;
        }
        if (required || QFileInfo::exists(path)) {
            auto loaded = WorkspaceLoader::loadFile(path, variables);
            if (loaded) {
                ws = loaded->workspace;
            } else if (required) {
                err << loaded.error().message << '\n';
                if (!loaded.error().detail.isEmpty())
                    err << loaded.error().detail << '\n';
                return ExitUsage;
            } else {
                err << tr("warning: the workspace %1 did not load, so host names are taken as "
                          "addresses: %2")
                           .arg(path, loaded.error().message)
                    << '\n';
            }
        }
    }
    if (!opt.environment.isEmpty() && ws && !ws->environment(opt.environment))
        return usageError(tr("No environment \"%1\" in the workspace.").arg(opt.environment));
    if (!opt.environment.isEmpty() && !ws)
        return usageError(tr("--env needs a workspace (--workspace FILE or --demo)."));

    // Resolve the hosts, in the order given. Workspace hosts get their keychain secrets
    // only once the command is allowed to run.
    QList<FanOutHost> targets;
    /// Workspace hosts (targets and jump hosts) whose secret the keychain holds.
    struct SecretNeed
    {
        int target;
        int hop; ///< index in FanOutHost::jumps, -1 = the target itself
        Host host;
    };
    QList<SecretNeed> needSecrets;
    QHash<int, QString> secretEntries; ///< target index -> keychain entry of its secret
    QSet<QString> seen;
    std::optional<QString> chainError;
    auto addWorkspaceHost = [&](const Host &h) {
        if (seen.contains(h.name))
            return;
        seen.insert(h.name);
        const int index = int(targets.size());
        FanOutHost target = workspaceTarget(h);
        const Result<QList<Host>> chain = SshTarget::jumpChain(*ws, h.name);
        if (!chain) {
            chainError = chain.error().message;
            return;
        }
        for (const Host &jump : *chain) {
            needSecrets.append(SecretNeed{index, int(target.jumps.size()), jump});
            target.jumps.append(SshHop{SshTarget::fromHost(jump), SshCredentials::fromHost(jump)});
        }
        needSecrets.append(SecretNeed{index, -1, h});
        if (!h.secretRef.isEmpty() && h.auth != u"agent"_s)
            secretEntries.insert(index, SecretStore::entryName(ws->name, h.secretRef));
        targets.append(target);
    };
    if (!opt.group.isEmpty()) {
        for (const Host &h : ws->hostsInGroup(opt.group)) {
            if (opt.environment.isEmpty() || h.environment == opt.environment)
                addWorkspaceHost(h);
        }
        if (targets.isEmpty()) {
            return usageError(opt.environment.isEmpty()
                                  ? tr("The workspace has no host in group \"%1\".").arg(opt.group)
                                  : tr("The workspace has no host in group \"%1\" and "
                                       "environment \"%2\".")
                                        .arg(opt.group, opt.environment));
        }
    }
    for (const QString &name : std::as_const(opt.hosts)) {
        if (const Host *h = ws ? ws->host(name) : nullptr) {
            if (!opt.environment.isEmpty() && h->environment != opt.environment)
                return usageError(tr("Host \"%1\" is in environment \"%2\", not \"%3\".")
                                      .arg(name, h->environment, opt.environment));
            addWorkspaceHost(*h);
            continue;
        }
        auto spec = HostSpec::parse(name);
        if (!spec)
            return usageError(spec.error().message);
        if (seen.contains(spec->toString()))
            continue;
        seen.insert(spec->toString());
        targets.append(adHocTarget(*spec, opt.identity, opt.jumps));
    }
    if (chainError)
        return usageError(*chainError);
    if (!opt.jumps.isEmpty() &&
        std::none_of(targets.cbegin(), targets.cend(),
                     [](const FanOutHost &t) { return t.environment == kAdHoc; }))
        return usageError(tr("--jump applies to hosts given as [user@]address[:port]; workspace "
                             "hosts are reached through the jump host their entry names."));

    // Refuse a destructive command unless every environment it touches is confirmed.
    QStringList environments;
    for (const FanOutHost &t : std::as_const(targets)) {
        if (!environments.contains(t.environment))
            environments.append(t.environment);
    }
    ClassifyOptions classifyOptions;
    if (ws)
        classifyOptions.scratchTargets = ws->settings.scratchTargets;
    const Classification verdict = CommandClassifier::classify(opt.command, classifyOptions);
    const bool needsConfirmation = !verdict.isSafe();
    QStringList unconfirmed;
    for (const QString &env : std::as_const(environments)) {
        if (!opt.confirmations.contains(env))
            unconfirmed.append(env);
    }
    if (needsConfirmation && !unconfirmed.isEmpty()) {
        QStringList names;
        for (const FanOutHost &t : std::as_const(targets))
            names.append(t.name);
        err << tr("Refused: this command needs confirmation before it runs on %1.")
                   .arg(names.join(u", "_s))
            << '\n';
        for (const QString &reason : std::as_const(verdict.reasons))
            err << u"  - "_s << reason << '\n';
        err << tr("Nothing ran. If you mean it, add %1.")
                   .arg(u"--confirm "_s + unconfirmed.join(u" --confirm "_s))
            << '\n';
        if (!opt.confirmations.isEmpty()) {
            err << tr("(--confirm %1 does not name the environment of these hosts: %2.)")
                       .arg(opt.confirmations.join(u", "_s), environments.join(u", "_s))
                << '\n';
        }
        // Best effort: the refusal is worth recording, but it must not need the keychain.
        auto audit = openAudit(parser.value(dbOpt), stdinKey);
        if (auto *log = std::get_if<std::unique_ptr<AuditLog>>(&audit)) {
            auto recorded = recordDecision(**log, AuditKind::Refusal, targets, environments,
                                           opt.command, verdict);
            if (!recorded)
                err << recorded.error().toString() << '\n';
        }
        return ExitRefused;
    }

    // Nothing runs unaudited.
    auto audit = openAudit(parser.value(dbOpt), stdinKey);
    if (auto *stop = std::get_if<Stop>(&audit)) {
        err << stop->message << '\n';
        return stop->code;
    }
    const AuditLog &log = *std::get<std::unique_ptr<AuditLog>>(audit);

    // Read up front, so the run itself never waits on the keychain.
    if (!needSecrets.isEmpty()) {
        SecretStore store(keychainService);
        QHash<QString, QString> read; ///< by host name: each secret is read once
        for (const SecretNeed &need : std::as_const(needSecrets)) {
            const Host &h = need.host;
            if (h.secretRef.isEmpty() || h.auth == u"agent"_s)
                continue;
            if (!read.contains(h.name)) {
                auto secret = readHostSecret(store, ws->name, h.secretRef);
                if (!secret) {
                    err << secret.error().toString() << '\n'
                        << tr("The secret of %1 could not be read from the keychain.").arg(h.name)
                        << '\n';
                    return ExitKeychainUnavailable;
                }
                read.insert(h.name, *secret);
            }
            FanOutHost &target = targets[need.target];
            SshCredentials &credentials =
                need.hop < 0 ? target.credentials : target.jumps[need.hop].credentials;
            if (h.auth == u"key"_s)
                credentials.passphrase = read.value(h.name);
            else
                credentials.password = read.value(h.name);
        }
    }

    if (needsConfirmation) {
        auto recorded = recordDecision(log, AuditKind::Confirmation, targets, environments,
                                       opt.command, verdict);
        if (!recorded) {
            err << recorded.error().toString() << '\n'
                << tr("Nothing ran: the confirmation could not be recorded.") << '\n';
            return ExitUsage;
        }
    }
    return runAndReport(opt, targets, needsConfirmation, log, secretEntries, out, err);
}

} // namespace ph::cli
