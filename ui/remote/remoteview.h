// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "core/error.h"
#include "ssh/sshsession.h"
#include "workspace/workspace.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableWidget;
class QMenu;
class QTreeView;

namespace ph {

class CommandEdit;
class FanOut;
class HostTreeModel;
class OutputPane;
class AuditRecorder;
class HostCredentials;
class SecretPrompt;
class SecretStore;
class SshSessionPool;
struct Classification;
struct FanOutHostResult;

/**
 * The Remote view: the workspace's hosts by environment and group with their connection
 * state, a command line with history and live marking of destructive parts, and one output
 * tab per host.
 *
 * A command runs on the selected host over one SshSession per host kept while the view
 * lives, or on every host of the selected group at once through FanOut, whose outcome
 * matrix (with "Retry failed hosts") becomes the first tab. Destructive commands need the
 * confirmation dialog first; unknown host keys are asked about, changed ones refused. Every
 * command, confirmation, refusal and host-key decision goes to the audit log.
 */
class RemoteView : public QWidget
{
    Q_OBJECT
public:
    /// Where a command goes.
    struct Target
    {
        enum class Kind
        {
            None,
            Host,
            Group
        };
        Kind kind = Kind::None;
        QString name;
        QString environment;
    };

    explicit RemoteView(QWidget *parent = nullptr);
    ~RemoteView() override;

    void setWorkspace(const Workspace &workspace);
    /// Brings the hosts of @p environment into view.
    void setEnvironment(const QString &environment);
    /// Where SSH passphrases and passwords are read from; not owned.
    void setSecretStore(SecretStore *store);
    /**
     * The console's credentials path (keychain plus secrets given this session); not
     * owned. With it, a login that needs a passphrase or password the keychain lacks asks
     * for it once (PassphraseDialog) and runs the command again.
     */
    void setHostCredentials(HostCredentials *credentials);
    /// Where audit events go; not owned. Without one nothing is recorded, and the view says so.
    void setAudit(AuditRecorder *audit);
    /// known_hosts files and timeouts for sessions made from now on.
    void setSessionOptions(const SshSessionOptions &options);

    /// Selects @p hostOrGroup in the tree (a host first, then a group of @p environment).
    bool selectTarget(const QString &hostOrGroup, const QString &environment = {});
    Target target() const { return m_target; }

    /// Runs @p command on the target as if typed and confirmed with Enter.
    void runCommand(const QString &command);
    /// Cancels every running command of this view.
    void cancelAll();
    bool isRunning() const;
    /// Writes the whole output of @p host's tab to @p path, off the GUI thread.
    void saveOutput(const QString &host, const QString &path);

    /// Runs the group command again on the hosts that did not succeed.
    void retryFailedHosts();

    HostTreeModel *model() const { return m_model; }
    CommandEdit *commandEdit() const { return m_command; }
    OutputPane *pane(const QString &host) const;
    /// The outcome matrix of the last group command (one row per host).
    QTableWidget *outcomeMatrix() const { return m_matrix; }
    /// The host context menu for @p hostName: its services reached through it (`via`),
    /// each with "Open in browser". The caller owns the menu.
    QMenu *hostMenu(const QString &hostName);

Q_SIGNALS:
    void targetChanged();
    /// A command on @p host ended (also when it never started).
    void commandFinished(const QString &host, const ph::CommandResult &result);
    void outputSaved(const QString &path, bool ok);
    /// Every host of a group command (or of its retry) has finished.
    void groupFinished();
    /// The user asked to open @p service (reached through a host) in the browser.
    void openInBrowserRequested(const QString &service);

private:
    struct Session
    {
        std::unique_ptr<SshSession> session;
        Host host;
        bool credentialsReady = false;
        QStringList secrets; ///< masked in audit records
        quint64 job = 0;     ///< running job, 0 = none
        bool starting = false;
        bool askedSecret = false; ///< for the current command: ask only once
        QString command;
        ConfirmedBy confirmedBy = ConfirmedBy::None;
        QElapsedTimer timer;
        QCryptographicHash stdoutHash{QCryptographicHash::Sha256};
        QCryptographicHash stderrHash{QCryptographicHash::Sha256};
    };

    void buildUi();
    void onSelectionChanged();
    void onClassified(const Classification &classification);
    QList<Host> targetHosts() const;
    QString targetEnvironment() const;
    void confirmThenStart(const QList<Host> &hosts, const QString &command);
    void start(const QList<Host> &hosts, const QString &command, ConfirmedBy confirmedBy);
    void startOn(const Host &host, const QString &command, ConfirmedBy confirmedBy);
    void withCredentials(Session *s, std::function<void(Result<void>)> ready);
    /// withCredentials() for the sessions of @p names in turn (jump hosts, then the host).
    void withChainCredentials(QStringList names, std::function<void(Result<void>)> ready);
    void groupCredentialsRead(const std::optional<Error> &failure);
    /// Asks for the secret @p name's login lacked and runs its command again; false when
    /// it does not ask (no credentials path, or asked already for this command).
    bool askForSecret(const QString &name, const QString &errorMessage);
    /// The one question per host for this view's logins, made on first use.
    SecretPrompt *secretPrompt();
    /// After a group run: asks once for each host whose login lacked its secret, then
    /// retries only the hosts answered; false when there was nothing to ask.
    bool askGroupSecrets();
    /// Whose secret group host @p index lacked: its own, or a jump host's.
    Host groupSecretHost(int index) const;
    void askNextGroupSecret(QList<int> remaining, QList<int> answered, quint64 run);
    void retryGroupHosts(const QList<int> &indexes, quint64 run);
    using CredentialsCallback = std::function<void(Result<SshCredentials>, QStringList secrets)>;
    void readCredentials(const Host &host, CredentialsCallback done);
    void startGroup(const QList<Host> &hosts, const QString &command, ConfirmedBy confirmedBy);
    void launchGroup();
    void onGroupHostStarted(int index);
    void onGroupHostFinished(int index, const FanOutHostResult &result);
    void setMatrixRow(int index, const FanOutHostResult &result);
    Session *sessionFor(const Host &host);
    OutputPane *paneFor(const QString &host);
    void finishJob(const QString &host, const CommandResult &result);
    void onHostKeyUnknown(const QString &hostName, const QString &address, int port,
                          const QString &keyType, const QString &fingerprint);
    void onConnectionFailed(const QString &hostName, const Error &error);
    void record(AuditEvent event, const QStringList &secrets = {});
    void showStatus(const QString &text, bool isError);
    void updateButtons();
    bool usesPty(const Host &host) const;

    Workspace m_workspace;
    Target m_target;
    SshSessionOptions m_sessionOptions;
    QPointer<SecretStore> m_secrets;
    QPointer<HostCredentials> m_hostCredentials;
    SecretPrompt *m_prompt = nullptr;
    QPointer<AuditRecorder> m_audit;
    QHash<QString, std::shared_ptr<Session>> m_sessions;

    HostTreeModel *m_model;
    QTreeView *m_tree;
    QLabel *m_targetLabel;
    CommandEdit *m_command;
    QLabel *m_verdict;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_save;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QFutureWatcher<Result<void>> m_saveWatcher;
    QString m_savingTo;

    // Group commands: FanOut over a pool of its own, so its sessions and the single-host
    // ones never answer each other's host-key questions.
    SshSessionPool *m_pool;
    FanOut *m_fanOut;
    QWidget *m_matrixPage;
    QTableWidget *m_matrix;
    QPushButton *m_retry;
    QList<Host> m_groupHosts;
    QList<SshCredentials> m_groupCredentials;
    bool m_groupAskedSecrets = false; ///< this run asked already: never twice
    quint64 m_groupRun = 0;
    QList<QList<SshHop>> m_groupJumps; ///< per group host: its jump hosts, first hop first
    QStringList m_groupSecrets;
    QString m_groupCommand;
    QString m_groupName;
    ConfirmedBy m_groupConfirmedBy = ConfirmedBy::None;
    bool m_groupStarting = false;
    QList<std::shared_ptr<QCryptographicHash>> m_groupStdoutHashes;
    QList<std::shared_ptr<QCryptographicHash>> m_groupStderrHashes;
};

} // namespace ph
