// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "checklist/checklistrun.h"
#include "core/error.h"
#include "runbooks/runbook.h"
#include "ssh/sshsession.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QThreadPool;
class QTimer;

namespace ph {

class AuditLog;
class Database;
class KeyProvider;
class SshSessionPool;
class TunnelProvider;

/// How the person running a step agreed to a destructive one.
struct StepConfirmation
{
    ConfirmedBy by = ConfirmedBy::None;
    /// The run's environment name (the CLI's --confirm ENV; after ConfirmDestructiveDialog
    /// the environment it showed) or the target host's name. Anything else does not confirm.
    QString token;

    bool isGiven() const { return by != ConfirmedBy::None && !token.isEmpty(); }
};

/// Where and what a command step runs, once host, directory and parameters are known.
struct ResolvedCommand
{
    QString hostName;       ///< workspace host alias; empty for a step on a host group
    Host host;              ///< its connection facts
    QString group;          ///< the host group of a group=… step
    QList<Host> groupHosts; ///< its hosts in the run's environment, in workspace order
    QString workingDirectory;
    QString command;        ///< parameters substituted, secrets included: never log it
    QString displayCommand; ///< text parameters substituted, secret ones left as placeholders
    QString remoteCommand;  ///< "cd <dir> && <command>", sent over SSH
    QStringList secretValues;
};

/// Where an HTTP step goes.
struct ResolvedHttp
{
    QString serviceName;
    QUrl url;
    QString method;
    QString keyRef;    ///< keychain entry (reference) of X-Dash-Key; empty = none sent
    QString jqPointer; ///< the step's jq path as a JSON pointer; empty = whole body
    QString via;       ///< workspace host the service is reached through; empty = direct
};

/**
 * Executes the steps of a checklist run: the one executor behind the checklist wizard and
 * `pilothouse-cli runbook run`.
 *
 * run() takes one step of an attached or detached ChecklistRun, checks that it can run
 * (parameters filled, host known, destructive steps confirmed), starts it in the run
 * (ChecklistRun::startStep, so the database says "running" before anything happens),
 * executes it and finishes it with the StepResult that evaluateExpectations() judged. Each
 * step ends with exactly one of stepFinished() (it ran; passed or failed) or failed() (it
 * could not run; the run then holds the step as it was before, or Interrupted when the
 * failure came after the start).
 *
 * Command steps run over SSH on the step's host (or the runbook's service's host) in the
 * step's directory (or the service's working directory), one session per host kept for the
 * runner's lifetime, on a pseudo-terminal so a timeout or cancel really ends them. A
 * relative cwd= is a folder under the service's working directory. SQL steps (sql, psql,
 * pgsql, postgresql) are fed to psql on the host with the server's own $DATABASE_URL. HTTP
 * steps are done here with QNetworkAccessManager against the service's base URL for the
 * run's environment; the dashboard key comes from the KeyProvider and appears nowhere but in
 * the request header. A service with `via` is reached through an SSH tunnel from the
 * TunnelProvider, with the real Host header (and TLS name); a tunnel that cannot be opened
 * leaves the step as it was. Secret parameters are read from the KeyProvider too and masked in
 * everything stored or emitted.
 *
 * Every command, confirmation and refusal is appended to the audit log on a worker thread,
 * in order; stepFinished() is emitted only after the step's audit record is written.
 *
 * A step with group=… runs on every host of that group in the run's environment at once
 * (FanOut, at most groupConcurrency() hosts busy), each with its own credentials as for a
 * single host. Its expectations are checked on every host; it passes only when every host
 * passes, and the recorded outcome keeps each host's outcome, exit status and output
 * digest (StepResult::hosts).
 *
 * Host keys: an unknown host key is refused (the step fails with "ssh.hostkey_unknown");
 * the operator accepts it once from the Remote view, after which it is in known_hosts.
 */
class StepRunner : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultTimeoutSec = 300;
    static constexpr qint64 kMaxBodyBytes = 4 * 1024 * 1024;

    explicit StepRunner(QObject *parent = nullptr);
    ~StepRunner() override;

    /// The workspace and runbook the steps belong to; set before run(). A new workspace
    /// closes the SSH sessions that are not in use, since hosts may have changed.
    void setWorkspace(const Workspace &workspace);
    void setRunbook(const Runbook &runbook) { m_runbook = runbook; }
    /// Keychain reads: dashboard keys, SSH passphrases/passwords, secret parameters.
    /// Not owned; must outlive the runner.
    void setKeyProvider(KeyProvider *keys) { m_keys = keys; }
    /// Tunnels for HTTP steps of services with `via` (the Console's tunnels()). Not owned;
    /// must outlive the runner. Without one such steps are refused with a reason.
    void setTunnelProvider(TunnelProvider *tunnels) { m_tunnels = tunnels; }
    /// Required: a runner without an audit log refuses to run anything. Records are
    /// appended to @p database's log, sealed with @p sealKey (see obtainSealKey()).
    void setAuditLog(std::shared_ptr<Database> database, const QByteArray &sealKey);
    void setSshOptions(const SshSessionOptions &options) { m_sshOptions = options; }
    /// Used when a step has no timeout of its own.
    void setDefaultTimeoutSec(int seconds) { m_defaultTimeoutSec = seconds; }
    /// How many hosts of a group step run at the same time.
    int groupConcurrency() const { return m_groupConcurrency; }
    void setGroupConcurrency(int hosts) { m_groupConcurrency = std::max(1, hosts); }

    /**
     * Runs step @p index of @p run. @p run must stay alive (and not be changed elsewhere)
     * until stepFinished() or failed() for this step. Returns false, emitting nothing,
     * when another step is still running.
     */
    bool run(ChecklistRun &run, int index, const StepConfirmation &confirmation = {});
    /**
     * Why step @p index of @p run needs confirmation before run() will start it; empty when
     * it does not. Ask this first and show the confirmation dialog with these reasons, so
     * an unconfirmed attempt (which the audit log records as a refusal) never happens.
     * Secret parameters are judged by their placeholders here.
     */
    QStringList confirmationReasons(const ChecklistRun &run, int index) const;
    /**
     * The workspace hosts step @p index of @p run will run on: one, every host of its
     * group, or none (not a command step, or it names no known host). A confirmation
     * dialog names all of them.
     */
    QStringList targetHosts(const ChecklistRun &run, int index) const;
    /// Stops the running step; it finishes Failed with "cancelled".
    void cancel();
    bool isBusy() const { return m_active != nullptr; }
    /// The step being connected to or run; -1 when idle.
    int activeStep() const;

    // The pieces below need no server; they are public so they can be tested alone.

    /**
     * The host, directory and command text of a command step. @p parameters maps parameter
     * names to values (secrets' values included, for the command only).
     */
    static Result<ResolvedCommand> resolveCommand(const Workspace &workspace,
                                                  const Runbook &runbook, const Step &step,
                                                  const QString &environment,
                                                  const QMap<QString, QString> &parameters,
                                                  const QStringList &secretNames = {});
    /// The service an HTTP step talks to and the request's URL.
    static Result<ResolvedHttp> resolveHttp(const Workspace &workspace, const Runbook &runbook,
                                            const Step &step, const QString &environment,
                                            const QMap<QString, QString> &parameters);
    /// The workspace service named @p name (by name, component or profile) in @p environment.
    static const Service *findService(const Workspace &workspace, const QString &name,
                                      const QString &environment);
    /// "cd '<dir>' && <command>"; the directory is shell-quoted ("~/" kept unquoted).
    static QString withWorkingDirectory(const QString &directory, const QString &command);
    /// Turns a simple jq path (".a.b", ".items[0].name", ".[\"x y\"]", ".") into a JSON
    /// pointer; anything else (pipes, functions, filters) is an error that says so.
    static Result<QString> jqPathToPointer(const QString &jq);
    /// The value of @p pointer in @p body, printed the way jq prints it.
    static Result<QByteArray> extractJsonValue(const QByteArray &body, const QString &pointer);
    /// Why @p command of @p step needs confirmation; empty when it does not.
    static QStringList destructiveReasons(const Step &step, const QString &command,
                                          const QStringList &scratchTargets);
    /// True when @p confirmation confirms a step in @p environment on @p hostName.
    static bool confirms(const StepConfirmation &confirmation, const QString &environment,
                         const QString &hostName);

Q_SIGNALS:
    /// Live output of the running step, secrets masked. A pseudo-terminal merges stderr
    /// into stdout, so command output arrives with isStderr false.
    void outputReceived(int index, const QByteArray &data, bool isStderr);
    /// The step's command or request has begun (after connecting); the run holds it as running.
    void stepStarted(int index);
    /// The step ran and the run holds its outcome.
    void stepFinished(int index, const ph::StepResult &result);
    /// The step could not run or finish; error.code says why, e.g.
    /// "checklist.needs_confirmation", "checklist.manual", "ssh.auth".
    void failed(int index, const ph::Error &error);

private:
    struct Active;

    void startActive();
    void secretsReady();
    void startCommand();
    void startHttp();
    void sendHttp(quint16 tunnelPort);
    void startGroup();
    void onGroupFinished();
    void onCommandFinished(quint64 job, const CommandResult &result);
    void onHttpFinished();
    void complete(StepResult result, const AuditEvent &event);
    void abort(const Error &error);
    void readSecrets(const QStringList &entries, std::function<void()> then);
    void appendAudit(const AuditEvent &event, std::function<void(Result<void>)> then);
    SshSession *sessionFor(const ResolvedCommand &resolved);
    AuditEvent baseEvent(AuditKind kind) const;

    Workspace m_workspace;
    Runbook m_runbook;
    KeyProvider *m_keys = nullptr;
    TunnelProvider *m_tunnels = nullptr;
    std::shared_ptr<AuditLog> m_audit;
    std::shared_ptr<Database> m_auditDb;
    SshSessionOptions m_sshOptions;
    int m_defaultTimeoutSec = kDefaultTimeoutSec;
    QHash<QString, SshSession *> m_sessions;
    SshSessionPool *m_pool = nullptr; ///< sessions of group steps
    int m_groupConcurrency = 8;
    QNetworkAccessManager *m_network = nullptr;
    QThreadPool *m_auditPool;
    std::unique_ptr<Active> m_active;
};

} // namespace ph
