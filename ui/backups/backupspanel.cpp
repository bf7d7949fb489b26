// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/backups/backupspanel.h"

#include "audit/auditlog.h"
#include "console/hostcommands.h"
#include "console/hostcredentials.h"
#include "safety/commandclassifier.h"
#include "ui/dialogs/confirmdestructivedialog.h"
#include "ui/dialogs/secretprompt.h"

#include <QCryptographicHash>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int kJobRole = Qt::UserRole + 1;

const QColor kGood(0x26, 0xa2, 0x69);
const QColor kWarn(0xe5, 0xa5, 0x0a);
const QColor kBad(0xc0, 0x1c, 0x28);
const QColor kGrey(0x77, 0x76, 0x7b);

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft | Qt::AlignVCenter)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(item->flags() & ~Qt::ItemIsEditable);
    item->setTextAlignment(align);
    return item;
}

QString tierLabel(const QString &name)
{
    if (name == u"daily"_s)
        return BackupsPanel::tr("Daily");
    if (name == u"weekly"_s)
        return BackupsPanel::tr("Weekly");
    if (name == u"monthly"_s)
        return BackupsPanel::tr("Monthly");
    return BackupsPanel::tr("Yearly");
}

} // namespace

BackupsPanel::BackupsPanel(QWidget *parent)
    : QWidget(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_jobList(new QTreeWidget(this))
    , m_title(new QLabel(this))
    , m_rpoLabel(new QLabel(this))
    , m_retention(new QTableWidget(0, 4, this))
    , m_archives(new QTableWidget(0, 4, this))
    , m_verifyLabel(new QLabel(this))
    , m_refresh(new QPushButton(tr("&Refresh"), this))
    , m_verify(new QPushButton(tr("&Verify newest"), this))
    , m_restore(new QPushButton(tr("Re&store…"), this))
    , m_progress(new QProgressBar(this))
    , m_output(new QPlainTextEdit(this))
{
    setObjectName(u"backupsPanel"_s);

    auto *heading = new QLabel(tr("Backups"), this);
    QFont hf = heading->font();
    hf.setPointSizeF(hf.pointSizeF() * 1.3);
    hf.setBold(true);
    heading->setFont(hf);
    m_refresh->setObjectName(u"backupsRefresh"_s);
    m_refresh->setToolTip(tr("List every job's archives again over SSH"));
    auto *top = new QHBoxLayout;
    top->addWidget(heading);
    top->addStretch(1);
    top->addWidget(m_refresh);

    m_jobList->setObjectName(u"backupJobs"_s);
    m_jobList->setHeaderLabels({tr("Job"), tr("Newest"), tr("RPO"), tr("Retention")});
    m_jobList->setRootIsDecorated(false);
    m_jobList->setAlternatingRowColors(true);

    m_title->setObjectName(u"backupTitle"_s);
    QFont tf = m_title->font();
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rpoLabel->setObjectName(u"backupRpo"_s);
    m_rpoLabel->setWordWrap(true);
    m_rpoLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_rpoLabel->setFrameShape(QFrame::StyledPanel);
    m_rpoLabel->setMargin(6);

    m_retention->setObjectName(u"backupRetention"_s);
    m_retention->setHorizontalHeaderLabels({tr("Tier"), tr("Kept"), tr("Verdict"), tr("Missing")});
    m_retention->verticalHeader()->hide();
    m_retention->horizontalHeader()->setStretchLastSection(true);
    m_retention->setMaximumHeight(150);
    m_retention->setSelectionMode(QAbstractItemView::NoSelection);

    m_archives->setObjectName(u"backupArchives"_s);
    m_archives->setHorizontalHeaderLabels({tr("Archive"), tr("Size"), tr("Time (UTC)"), tr("Age")});
    m_archives->verticalHeader()->hide();
    m_archives->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_archives->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_archives->setSelectionMode(QAbstractItemView::SingleSelection);
    m_archives->setWordWrap(false);

    m_verifyLabel->setObjectName(u"backupVerification"_s);
    m_verifyLabel->setWordWrap(true);
    m_verify->setObjectName(u"backupVerify"_s);
    m_restore->setObjectName(u"backupRestore"_s);
    m_restore->setToolTip(tr("Restore the selected archive — destructive, always confirmed"));
    m_progress->setObjectName(u"backupProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    m_output->setObjectName(u"backupOutput"_s);
    m_output->setReadOnly(true);
    m_output->setMaximumBlockCount(2000);
    m_output->setPlaceholderText(tr("Output of Verify and Restore appears here."));
    QFont mono(u"monospace"_s);
    mono.setStyleHint(QFont::Monospace);
    m_output->setFont(mono);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_verifyLabel, 1);
    actions->addWidget(m_verify);
    actions->addWidget(m_restore);

    auto *detail = new QWidget(this);
    auto *dl = new QVBoxLayout(detail);
    dl->setContentsMargins(0, 0, 0, 0);
    dl->addWidget(m_title);
    dl->addWidget(m_rpoLabel);
    dl->addWidget(m_retention);
    dl->addWidget(m_archives, 2);
    dl->addLayout(actions);
    dl->addWidget(m_progress);
    dl->addWidget(m_output, 1);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_jobList);
    split->addWidget(detail);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({380, 620}); // room for the verdict columns without a minimum width

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_refresh, &QPushButton::clicked, this, &BackupsPanel::refresh);
    connect(m_verify, &QPushButton::clicked, this, &BackupsPanel::verify);
    connect(m_restore, &QPushButton::clicked, this, &BackupsPanel::restore);
    connect(m_jobList, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        showJob(item ? item->data(0, kJobRole).toInt() : -1);
    });
    connect(m_archives, &QTableWidget::itemSelectionChanged, this,
            [this] { showJob(currentJob()); });
    showJob(-1);
}

BackupsPanel::~BackupsPanel() = default;

void BackupsPanel::setHostCommands(HostCommands *commands)
{
    if (m_commands)
        disconnect(m_commands, nullptr, this, nullptr);
    m_commands = commands;
    if (!m_commands)
        return;
    connect(m_commands, &HostCommands::outputReceived, this, &BackupsPanel::onOutput);
    connect(m_commands, &HostCommands::finished, this, &BackupsPanel::onFinished);
}

void BackupsPanel::setJobs(const QList<BackupJob> &jobs, const QString &environment,
                           bool production, const QStringList &scratchTargets)
{
    // Answers for the old list are dropped; the commands themselves finish on their own.
    m_pending.clear();
    ++m_generation;
    m_environment = environment;
    m_production = production;
    m_scratchTargets = scratchTargets;
    m_jobs.clear();
    m_jobList->clear();
    for (const BackupJob &job : jobs) {
        JobState state;
        state.job = job;
        loadVerification(state);
        m_jobs.append(state);
        auto *item = new QTreeWidgetItem(m_jobList, {job.name});
        item->setData(0, kJobRole, int(m_jobs.size() - 1));
        updateJobItem(int(m_jobs.size() - 1));
    }
    m_listedOnce = false;
    if (!m_jobs.isEmpty())
        m_jobList->setCurrentItem(m_jobList->topLevelItem(0));
    else
        showJob(-1);
    if (isVisible())
        refresh();
}

void BackupsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Listed when first looked at: it takes an SSH round trip per job.
    if (!m_listedOnce)
        refresh();
}

void BackupsPanel::refresh()
{
    m_listedOnce = true;
    m_cancelledHosts.clear(); // asked for anew: a cancel holds for one round only
    for (int i = 0; i < m_jobs.size(); ++i)
        list(i);
}

void BackupsPanel::list(int index)
{
    JobState &state = m_jobs[index];
    if (state.busy)
        return;
    if (!m_commands) {
        state.error = tr("Not connected to the console; archives cannot be listed.");
        updateJobItem(index);
        return;
    }
    state.busy = true;
    runPending(Pending{index, u"list"_s, backupListCommand(state.job), {}});
    updateJobItem(index);
    if (index == currentJob())
        showJob(index);
}

void BackupsPanel::onOutput(quint64 id, const QByteArray &data, bool isStderr)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end() || it->action == u"list"_s)
        return;
    it->output += data;
    QString text = QString::fromUtf8(data);
    if (isStderr)
        text = tr("[stderr] %1").arg(text);
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(text);
}

quint64 BackupsPanel::runPending(const Pending &pending)
{
    CommandOptions options;
    if (pending.action == u"list"_s) {
        options.timeoutMs = 60000;
        options.keepBytes = 16 * 1024 * 1024; // a listing of 10,000 archives stays whole
    } else {
        options.timeoutMs = 2 * 60 * 60 * 1000; // a restore may take long; the RTO is 2 h
    }
    const quint64 id = m_commands->run(m_jobs.at(pending.job).job.host, pending.command, options);
    m_pending.insert(id, pending);
    return id;
}

bool BackupsPanel::askThenRetry(const Pending &pending)
{
    if (pending.askedSecret || !m_commands || !m_commands->credentials())
        return false;
    const Host *host = m_commands->host(m_jobs.at(pending.job).job.host);
    if (!host)
        return false;
    Pending again = pending;
    again.askedSecret = true;
    again.output.clear();
    // Cancelled meanwhile for another job on the host: this one ends the same way.
    if (m_cancelledHosts.contains(host->name)) {
        CommandResult cancelled;
        cancelled.failed = true;
        cancelled.error = SecretPrompt::cancelledError(host->name);
        handleFinished(again, cancelled);
        return true;
    }
    // Answered meanwhile (another job on the host asked): this login failed before that.
    if (m_commands->credentials()->hasSessionSecret(*host)) {
        runPending(again);
        return true;
    }
    if (!m_prompt) {
        m_prompt = new SecretPrompt(m_commands->credentials(),
                                    m_commands->credentials()->secretStore(), this);
        connect(m_prompt, &SecretPrompt::saveFailed, this,
                [this](const QString &message) { m_output->appendPlainText(message); });
    }
    return m_prompt->ask(
        *host, this, [this, again, generation = m_generation](Result<void> answer) {
            if (generation != m_generation || again.job >= m_jobs.size() || !m_commands)
                return;
            if (!answer) {
                m_cancelledHosts.insert(m_jobs.at(again.job).job.host);
                CommandResult cancelled;
                cancelled.failed = true;
                cancelled.error = answer.error();
                handleFinished(again, cancelled);
                return;
            }
            runPending(again);
        });
}

void BackupsPanel::onFinished(quint64 id, const CommandResult &result)
{
    const auto it = m_pending.find(id);
    if (it == m_pending.end())
        return;
    const Pending pending = *it;
    m_pending.erase(it);
    handleFinished(pending, result);
}

void BackupsPanel::handleFinished(const Pending &pending, const CommandResult &result)
{
    if (pending.job < 0 || pending.job >= m_jobs.size())
        return;
    // A login that lacked its secret asks once and runs again; the job stays busy meanwhile.
    if (result.failed && SecretPrompt::isSecretMissing(result.error) && askThenRetry(pending))
        return;
    JobState &state = m_jobs[pending.job];
    const QDateTime now = m_clock();

    if (pending.action == u"list"_s) {
        state.busy = false;
        if (!result.isSuccess()) {
            state.error = result.failed ? result.error.message
                          : result.timedOut
                              ? tr("Listing timed out after 60 s.")
                              : tr("The listing command failed with exit status %1: %2")
                                    .arg(result.exitStatus)
                                    .arg(QString::fromUtf8(result.stderrTail).trimmed());
        } else {
            state.error.clear();
            state.listing = parseBackupListing(result.stdoutTail);
            state.listed = true;
            state.listedAt = now;
            state.rpo = evaluateRpo(state.job, state.listing.archives, now);
            state.retention = evaluateRetention(state.listing.archives, now,
                                                !state.job.remoteListCommand.isEmpty());
        }
        updateJobItem(pending.job);
        if (pending.job == currentJob())
            showJob(pending.job);
        return;
    }

    m_progress->hide();
    const bool ok = result.isSuccess();
    AuditEvent event;
    event.kind = AuditKind::Command;
    event.environment = m_environment;
    event.host = state.job.host;
    event.command = pending.command;
    if (result.exitStatus >= 0)
        event.exitStatus = result.exitStatus;
    event.outputSha256 = QString::fromLatin1(
        QCryptographicHash::hash(pending.output, QCryptographicHash::Sha256).toHex());
    event.detail = QJsonObject{{u"action"_s, pending.action}, {u"backup_job"_s, state.job.name}};
    Q_EMIT auditEvent(event);

    const QString outcome = ok                 ? tr("succeeded")
                            : result.failed    ? result.error.message
                            : result.cancelled ? tr("was cancelled")
                            : result.timedOut
                                ? tr("timed out")
                                : tr("failed with exit status %1").arg(result.exitStatus);
    m_output->appendPlainText(tr("— %1 %2 —").arg(pending.action, outcome));
    if (pending.action == u"verify"_s) {
        state.verifiedAt = now;
        state.verifyOk = ok;
        state.verifySummary = outcome;
        saveVerification(state);
    } else if (ok) {
        list(pending.job); // what was restored may have changed the folder
    }
    updateJobItem(pending.job);
    if (pending.job == currentJob())
        showJob(pending.job);
    Q_EMIT actionFinished(pending.action, ok);
}

int BackupsPanel::currentJob() const
{
    const QTreeWidgetItem *item = m_jobList->currentItem();
    return item ? item->data(0, kJobRole).toInt() : -1;
}

void BackupsPanel::selectJob(int index)
{
    if (index >= 0 && index < m_jobList->topLevelItemCount())
        m_jobList->setCurrentItem(m_jobList->topLevelItem(index));
}

void BackupsPanel::selectArchive(int row)
{
    m_archives->selectRow(row);
}

void BackupsPanel::updateJobItem(int index)
{
    QTreeWidgetItem *item = m_jobList->topLevelItem(index);
    if (!item)
        return;
    const JobState &s = m_jobs.at(index);
    const QDateTime now = m_clock();
    item->setToolTip(0, tr("%1 on %2: %3").arg(s.job.name, s.job.host, s.job.location));
    if (s.busy && !s.listed) {
        item->setText(1, tr("listing…"));
        return;
    }
    if (!s.error.isEmpty() && !s.listed) {
        item->setText(1, tr("cannot list"));
        item->setForeground(1, kBad);
        item->setToolTip(1, s.error);
        item->setText(2, QString());
        item->setText(3, QString());
        return;
    }
    if (!s.listed)
        return;
    const BackupArchive *newest =
        s.listing.archives.isEmpty() ? nullptr : &s.listing.archives.first();
    item->setText(1,
                  newest ? tr("%1 ago").arg(formatAge(newest->modified.secsTo(now))) : tr("none"));
    item->setForeground(1, QBrush());
    QString rpo;
    QColor rpoColour = kGood;
    switch (s.rpo.state) {
    case RpoVerdict::State::Met:
        rpo = s.rpo.scheduleCannotMeetRpo ? tr("met now; schedule cannot") : tr("met");
        rpoColour = s.rpo.scheduleCannotMeetRpo ? kWarn : kGood;
        break;
    case RpoVerdict::State::Breached:
        rpo =
            s.rpo.scheduleCannotMeetRpo ? tr("breached; schedule cannot meet it") : tr("breached");
        rpoColour = kBad;
        break;
    case RpoVerdict::State::NoArchives:
        rpo = tr("no archives");
        rpoColour = kBad;
        break;
    }
    item->setText(2, rpo);
    item->setForeground(2, rpoColour);
    item->setToolTip(2, s.rpo.message);
    int missing = 0;
    int unknown = 0;
    for (const RetentionTier &t : s.retention) {
        missing += t.state == RetentionTier::State::Missing;
        unknown += t.state == RetentionTier::State::Unknown;
    }
    item->setText(3, missing   ? tr("%n tier(s) missing periods", nullptr, missing)
                     : unknown ? tr("met for what is visible")
                               : tr("met"));
    item->setForeground(3, missing ? kBad : unknown ? kGrey : kGood);
    for (int c = 0; c < m_jobList->columnCount(); ++c)
        m_jobList->resizeColumnToContents(c);
}

void BackupsPanel::showJob(int index)
{
    const bool valid = index >= 0 && index < m_jobs.size();
    const bool running = std::any_of(m_pending.cbegin(), m_pending.cend(),
                                     [](const Pending &p) { return p.action != u"list"_s; });
    if (!valid) {
        m_title->setText(m_jobs.isEmpty() ? tr("No backup jobs in this environment. Add them to "
                                               "the workspace under \"backup_jobs\".")
                                          : QString());
        m_rpoLabel->clear();
        m_retention->setRowCount(0);
        m_archives->setRowCount(0);
        m_verify->setEnabled(false);
        m_restore->setEnabled(false);
        m_verifyLabel->clear();
        return;
    }
    const JobState &s = m_jobs.at(index);
    const QDateTime now = m_clock();
    m_title->setText(tr("%1 — %2:%3 (%4, RPO %5)")
                         .arg(s.job.name, s.job.host, s.job.location,
                              s.job.schedule.isEmpty() ? tr("no schedule") : s.job.schedule,
                              formatAge(qint64(s.job.rpoMinutes) * 60)));

    QString rpoText;
    QColor frame = kGrey;
    if (!s.error.isEmpty()) {
        rpoText = tr("The archives could not be listed: %1").arg(s.error);
        if (s.listed)
            rpoText +=
                u' ' +
                tr("Showing the listing from %1 UTC.").arg(s.listedAt.toString(u"HH:mm:ss"_s));
        frame = kBad;
    } else if (s.busy && !s.listed) {
        rpoText = tr("Listing the archives on %1…").arg(s.job.host);
    } else if (s.listed) {
        rpoText = s.rpo.message;
        frame = s.rpo.state == RpoVerdict::State::Met
                    ? (s.rpo.scheduleCannotMeetRpo ? kWarn : kGood)
                    : kBad;
        if (!s.listing.bad.isEmpty())
            rpoText += u' ' + tr("%n listing record(s) could not be read and are not counted.",
                                 nullptr, int(s.listing.bad.size()));
    }
    m_rpoLabel->setText(rpoText);
    m_rpoLabel->setStyleSheet(
        u"QLabel { border: 2px solid %1; border-radius: 4px; }"_s.arg(frame.name()));

    m_retention->setRowCount(int(s.retention.size()));
    for (int r = 0; r < s.retention.size(); ++r) {
        const RetentionTier &t = s.retention.at(r);
        m_retention->setItem(r, 0, cell(tierLabel(t.name)));
        m_retention->setItem(r, 1, cell(tr("%1 of %2").arg(t.covered).arg(t.expected)));
        QString verdict;
        QColor colour;
        switch (t.state) {
        case RetentionTier::State::Met:
            verdict = tr("met");
            colour = kGood;
            break;
        case RetentionTier::State::Missing:
            verdict = tr("missing");
            colour = kBad;
            break;
        case RetentionTier::State::Unknown:
            verdict = tr("unknown — %n older period(s) only object storage could hold", nullptr,
                         t.unknown);
            colour = kGrey;
            break;
        }
        auto *v = cell(verdict);
        v->setForeground(colour);
        m_retention->setItem(r, 2, v);
        m_retention->setItem(r, 3, cell(t.missingPeriods.join(u", "_s)));
    }
    m_retention->resizeColumnsToContents();

    const int selected = m_archives->currentRow();
    const QString selectedPath = selected >= 0 && m_archives->item(selected, 0)
                                     ? m_archives->item(selected, 0)->text()
                                     : QString();
    {
        const QSignalBlocker block(m_archives);
        m_archives->setRowCount(int(s.listing.archives.size()));
        for (int r = 0; r < s.listing.archives.size(); ++r) {
            const BackupArchive &a = s.listing.archives.at(r);
            m_archives->setItem(r, 0, cell(a.path));
            m_archives->setItem(r, 1, cell(formatBytes(a.size), Qt::AlignRight | Qt::AlignVCenter));
            m_archives->setItem(r, 2, cell(a.modified.toString(u"yyyy-MM-dd HH:mm"_s)));
            const qint64 age = a.modified.secsTo(now);
            auto *ageItem = cell(age < -300 ? tr("in the future") : formatAge(age),
                                 Qt::AlignRight | Qt::AlignVCenter);
            if (age < -300)
                ageItem->setForeground(kWarn);
            m_archives->setItem(r, 3, ageItem);
            if (a.path == selectedPath)
                m_archives->selectRow(r);
        }
    }
    m_archives->resizeColumnToContents(1);
    m_archives->resizeColumnToContents(2);

    if (s.verifiedAt.isValid()) {
        m_verifyLabel->setText(
            tr("Last verification %1 UTC: %2")
                .arg(s.verifiedAt.toString(u"yyyy-MM-dd HH:mm"_s), s.verifySummary));
        m_verifyLabel->setStyleSheet(s.verifyOk ? u"color: #26a269;"_s : u"color: #c01c28;"_s);
    } else {
        m_verifyLabel->setText(s.job.verifyCommand.isEmpty()
                                   ? tr("This job names no verify command.")
                                   : tr("Not verified from this console yet."));
        m_verifyLabel->setStyleSheet(QString());
    }
    const bool haveArchives = !s.listing.archives.isEmpty();
    m_verify->setEnabled(!running && haveArchives && !s.job.verifyCommand.isEmpty());
    m_verify->setToolTip(s.job.verifyCommand.isEmpty() ? tr("Set verify_command for this job")
                                                       : verifyCommandLine());
    m_restore->setEnabled(!running && m_archives->currentRow() >= 0 &&
                          !s.job.restoreCommand.isEmpty());
    m_restore->setToolTip(s.job.restoreCommand.isEmpty()
                              ? tr("Set restore_command for this job")
                              : tr("Restore the selected archive — destructive, always confirmed"));
}

QString BackupsPanel::commandLine(const QString &command, const BackupArchive &archive) const
{
    const JobState &s = m_jobs.at(currentJob());
    const QString dir = s.job.workingDirectory.isEmpty() ? s.job.location : s.job.workingDirectory;
    QString location = s.job.location;
    while (location.endsWith(u'/') && location.size() > 1)
        location.chop(1);
    const QString path = location + u'/' + archive.path;
    // Exported, not a prefix assignment: the command itself expands "$ARCHIVE".
    return u"cd %1 && export ARCHIVE=%2 && %3"_s.arg(shellQuote(dir), shellQuote(path), command);
}

QString BackupsPanel::verifyCommandLine() const
{
    const int i = currentJob();
    if (i < 0 || m_jobs.at(i).listing.archives.isEmpty() ||
        m_jobs.at(i).job.verifyCommand.isEmpty())
        return {};
    return commandLine(m_jobs.at(i).job.verifyCommand, m_jobs.at(i).listing.archives.first());
}

QString BackupsPanel::restoreCommandLine() const
{
    const int i = currentJob();
    const int row = m_archives->currentRow();
    if (i < 0 || row < 0 || row >= m_jobs.at(i).listing.archives.size() ||
        m_jobs.at(i).job.restoreCommand.isEmpty())
        return {};
    return commandLine(m_jobs.at(i).job.restoreCommand, m_jobs.at(i).listing.archives.at(row));
}

bool BackupsPanel::confirm(const QString &command, const QString &actionLabel,
                           AuditEvent *confirmation)
{
    const JobState &s = m_jobs.at(currentJob());
    ClassifyOptions options;
    options.scratchTargets = m_scratchTargets;
    Classification c = CommandClassifier::classify(command, options);
    if (c.isSafe())
        return true;
    ConfirmDestructiveDialog::Request request;
    request.environment = m_environment;
    request.production = m_production && c.isDestructive();
    request.hosts = {s.job.host};
    request.command = command;
    request.classification = c;
    request.actionLabel = actionLabel;
    ConfirmDestructiveDialog dialog(request, this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    AuditEvent event;
    event.kind = accepted ? AuditKind::Confirmation : AuditKind::Refusal;
    event.environment = m_environment;
    event.host = s.job.host;
    event.command = command;
    event.detail = QJsonObject{{u"action"_s, actionLabel}, {u"backup_job"_s, s.job.name}};
    if (accepted) {
        event.confirmedBy =
            dialog.confirmedBy() == u"typed-name"_s ? ConfirmedBy::TypedName : ConfirmedBy::Dialog;
    }
    if (confirmation)
        *confirmation = event;
    Q_EMIT auditEvent(event);
    return accepted;
}

void BackupsPanel::verify()
{
    const int i = currentJob();
    const QString command = verifyCommandLine();
    if (i < 0 || command.isEmpty() || !m_commands)
        return;
    if (!confirm(command, tr("Verify"), nullptr))
        return;
    runAction(u"verify"_s, command, m_jobs.at(i).listing.archives.first());
}

void BackupsPanel::restore()
{
    const int i = currentJob();
    const int row = m_archives->currentRow();
    const QString command = restoreCommandLine();
    if (i < 0 || command.isEmpty() || !m_commands)
        return;
    // A restore is destructive whatever the classifier makes of the job's command.
    ClassifyOptions options;
    options.scratchTargets = m_scratchTargets;
    Classification c = CommandClassifier::classify(command, options);
    if (c.level != SafetyLevel::Destructive) {
        c.level = SafetyLevel::Destructive;
        c.reasons.prepend(tr("restoring a backup replaces the current data"));
    }
    const JobState &s = m_jobs.at(i);
    ConfirmDestructiveDialog::Request request;
    request.environment = m_environment;
    request.production = m_production;
    request.hosts = {s.job.host};
    request.command = command;
    request.classification = c;
    request.actionLabel = tr("Restore");
    ConfirmDestructiveDialog dialog(request, this);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    AuditEvent event;
    event.kind = accepted ? AuditKind::Confirmation : AuditKind::Refusal;
    event.environment = m_environment;
    event.host = s.job.host;
    event.command = command;
    event.detail = QJsonObject{{u"action"_s, u"restore"_s},
                               {u"backup_job"_s, s.job.name},
                               {u"archive"_s, s.listing.archives.at(row).path}};
    if (accepted) {
        event.confirmedBy =
            dialog.confirmedBy() == u"typed-name"_s ? ConfirmedBy::TypedName : ConfirmedBy::Dialog;
    }
    Q_EMIT auditEvent(event);
    if (!accepted) {
        m_output->appendPlainText(tr("— restore not confirmed; nothing ran —"));
        return;
    }
    runAction(u"restore"_s, command, s.listing.archives.at(row));
}

void BackupsPanel::runAction(const QString &action, const QString &command, const BackupArchive &)
{
    const int i = currentJob();
    m_output->clear();
    m_output->appendPlainText(u"$ "_s + command);
    m_progress->show();
    m_cancelledHosts.clear();
    runPending(Pending{i, action, command, {}});
    showJob(i);
}

void BackupsPanel::loadVerification(JobState &state) const
{
    QSettings settings;
    settings.beginGroup(u"backups/verification/"_s + state.job.environment + u'/' + state.job.name);
    state.verifiedAt = settings.value(u"at"_s).toDateTime();
    state.verifyOk = settings.value(u"ok"_s).toBool();
    state.verifySummary = settings.value(u"summary"_s).toString();
}

void BackupsPanel::saveVerification(const JobState &state) const
{
    QSettings settings;
    settings.beginGroup(u"backups/verification/"_s + state.job.environment + u'/' + state.job.name);
    settings.setValue(u"at"_s, state.verifiedAt);
    settings.setValue(u"ok"_s, state.verifyOk);
    settings.setValue(u"summary"_s, state.verifySummary);
}

} // namespace ph
