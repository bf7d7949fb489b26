// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "backups/backuplisting.h"
#include "backups/backuppolicy.h"
#include "ssh/sshsession.h"
#include "ui/dialogs/secretprompt.h"
#include "workspace/workspace.h"

#include <QDateTime>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QTreeWidget;

namespace ph {

class HostCommands;

/**
 * The Backups page: for every backup job of the shown environment, its archives (listed
 * over SSH in a locale-free format) with size, time and age; the RPO verdict in words,
 * including when the schedule itself cannot meet it; retention per tier, "unknown" for what
 * only object storage could hold; the last verification. Verify runs the job's check on the
 * newest archive; Restore runs the job's restore command on the chosen archive after the
 * destructive-command confirmation. Every confirmation, refusal and command is handed to
 * auditEvent() for the audit log.
 */
class BackupsPanel : public QWidget
{
    Q_OBJECT
public:
    /// What the page knows about one job.
    struct JobState
    {
        BackupJob job;
        bool listed = false;
        bool busy = false; ///< a listing is under way
        QString error;     ///< why the last listing failed; empty when it worked
        BackupListing listing;
        RpoVerdict rpo;
        QList<RetentionTier> retention;
        QDateTime listedAt;
        QDateTime verifiedAt;
        bool verifyOk = false;
        QString verifySummary;
    };

    explicit BackupsPanel(QWidget *parent = nullptr);
    ~BackupsPanel() override;

    /// Not owned; must outlive the panel.
    void setHostCommands(HostCommands *commands);
    /// Asks for a login's missing secret; not owned. Unset, the panel makes its own.
    void setSecretPrompt(SecretPrompt *prompt) { m_prompt = prompt; }
    /// The jobs of the shown environment; @p production marks a production environment.
    void setJobs(const QList<BackupJob> &jobs, const QString &environment, bool production,
                 const QStringList &scratchTargets);
    /// Lists every job's archives again.
    void refresh();
    /// The clock used for ages and verdicts (tests fix it).
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

    int jobCount() const { return int(m_jobs.size()); }
    const JobState &jobState(int index) const { return m_jobs.at(index); }
    int currentJob() const;
    void selectJob(int index);
    void selectArchive(int row);

    /// The command Verify / Restore runs for the current job (with $ARCHIVE and the folder).
    QString verifyCommandLine() const;
    QString restoreCommandLine() const;
    /// Starts Verify / Restore of the current job as the buttons do (asks first when needed).
    void verify();
    void restore();

Q_SIGNALS:
    void auditEvent(const ph::AuditEvent &event);
    /// A Verify or Restore finished; for tests and the status bar.
    void actionFinished(const QString &action, bool ok);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void list(int index);
    void onOutput(quint64 id, const QByteArray &data, bool isStderr);
    void onFinished(quint64 id, const CommandResult &result);
    struct Pending;
    void handleFinished(const Pending &pending, const CommandResult &result);
    /// Asks for the secret the login of @p pending lacked, then runs it again; false when
    /// it does not ask (asked already for it, or the host names no secret).
    bool askThenRetry(const Pending &pending);
    quint64 runPending(const Pending &pending);
    void showJob(int index);
    void updateJobItem(int index);
    bool confirm(const QString &command, const QString &actionLabel, AuditEvent *confirmation);
    void runAction(const QString &action, const QString &command, const BackupArchive &archive);
    QString commandLine(const QString &command, const BackupArchive &archive) const;
    void loadVerification(JobState &state) const;
    void saveVerification(const JobState &state) const;

    HostCommands *m_commands = nullptr;
    QList<JobState> m_jobs;
    QString m_environment;
    bool m_production = false;
    QStringList m_scratchTargets;
    std::function<QDateTime()> m_clock;
    bool m_listedOnce = false;

    struct Pending
    {
        int job = -1;
        QString action; ///< "list", "verify", "restore"
        QString command;
        QByteArray output;
        bool askedSecret = false; ///< asked once for this command: never again
    };
    QHash<quint64, Pending> m_pending;
    QPointer<SecretPrompt> m_prompt;
    quint64 m_generation = 0;
    QSet<QString> m_cancelledHosts; ///< Cancel was the answer in this round ///< answers for an
                                    ///< older job list are dropped

    QTreeWidget *m_jobList;
    QLabel *m_title;
    QLabel *m_rpoLabel;
    QTableWidget *m_retention;
    QTableWidget *m_archives;
    QLabel *m_verifyLabel;
    QPushButton *m_refresh;
    QPushButton *m_verify;
    QPushButton *m_restore;
    QProgressBar *m_progress;
    QPlainTextEdit *m_output;
};

} // namespace ph
