// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/remote/remoteview.h"

#include "audit/secretmask.h"
#include "console/auditrecorder.h"
#include "console/hostcredentials.h"
#include "core/logging.h"
#include "safety/commandclassifier.h"
#include "secrets/secretstore.h"
#include "ssh/fanout.h"
#include "ssh/sshsessionpool.h"
#include "ui/dialogs/confirmdestructivedialog.h"
#include "ui/dialogs/hostkeydialog.h"
#include "ui/dialogs/passphrasedialog.h"
#include "ui/dialogs/secretprompt.h"
#include "ui/remote/commandedit.h"
#include "ui/remote/hosttreemodel.h"
#include "ui/remote/outputpane.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString expandHome(const QString &path)
{
    if (path == u"~"_s)
        return QDir::homePath();
    if (path.startsWith(u"~/"_s))
        return QDir::homePath() + path.mid(1);
    return path;
}

QString outcomeName(const CommandResult &r)
{
    if (r.cancelled)
        return u"cancelled"_s;
    if (r.timedOut)
        return u"timed-out"_s;
    if (r.failed)
        return u"failed"_s;
    if (!r.signal.isEmpty())
        return u"signal"_s;
    return r.exitStatus == 0 ? u"ok"_s : u"exit-nonzero"_s;
}

} // namespace

RemoteView::RemoteView(QWidget *parent)
    : QWidget(parent)
    , m_model(new HostTreeModel(this))
    , m_tree(new QTreeView(this))
    , m_targetLabel(new QLabel(this))
    , m_command(new CommandEdit(u"remote/history"_s, this))
    , m_verdict(new QLabel(this))
    , m_run(new QPushButton(tr("&Run"), this))
    , m_cancel(new QPushButton(tr("&Cancel"), this))
    , m_save(new QPushButton(tr("&Save output…"), this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
    , m_pool(new SshSessionPool({}, this))
    , m_fanOut(new FanOut(m_pool, this))
    , m_matrixPage(new QWidget(this))
    , m_matrix(new QTableWidget(m_matrixPage))
    , m_retry(new QPushButton(tr("Retry &failed hosts"), m_matrixPage))
{
    setObjectName(u"remoteView"_s);
    qRegisterMetaType<ph::CommandResult>();
    buildUi();

    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RemoteView::onSelectionChanged);
    connect(m_command, &CommandEdit::submitted, this, &RemoteView::runCommand);
    connect(m_command, &CommandEdit::classified, this, &RemoteView::onClassified);
    connect(m_run, &QPushButton::clicked, this, [this] {
        if (m_command->command().trimmed().isEmpty())
            m_command->setFocus(); // nothing to run yet: the box is where to type it
        else
            runCommand(m_command->command());
    });
    connect(m_cancel, &QPushButton::clicked, this, &RemoteView::cancelAll);
    connect(m_save, &QPushButton::clicked, this, [this] {
        auto *pane = qobject_cast<OutputPane *>(m_tabs->currentWidget());
        if (!pane)
            return;
        auto *dialog = new QFileDialog(this, tr("Save the output of %1").arg(pane->host()));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setNameFilter(tr("Text files (*.txt);;All files (*)"));
        dialog->selectFile(u"%1-%2.txt"_s.arg(
            pane->host(), QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
        const QString host = pane->host();
        connect(dialog, &QFileDialog::fileSelected, this,
                [this, host](const QString &path) { saveOutput(host, path); });
        dialog->open();
    });
    connect(&m_saveWatcher, &QFutureWatcher<Result<void>>::finished, this, [this] {
        const Result<void> saved = m_saveWatcher.result();
        if (saved)
            showStatus(tr("Saved the output to %1.").arg(QDir::toNativeSeparators(m_savingTo)),
                       false);
        else
            showStatus(saved.error().message, true);
        Q_EMIT outputSaved(m_savingTo, saved.has_value());
    });
    m_fanOut->setUnknownHostKeyPolicy(FanOut::UnknownHostKeyPolicy::Ask);
    connect(m_fanOut, &FanOut::hostStarted, this,
            [this](int index, const QString &) { onGroupHostStarted(index); });
    connect(m_fanOut, &FanOut::stdoutReceived, this, [this](int index, const QByteArray &data) {
        if (index < 0 || index >= m_groupHosts.size())
            return;
        m_groupStdoutHashes.at(index)->addData(data);
        if (OutputPane *p = pane(m_groupHosts.at(index).name))
            p->appendStdout(data);
    });
    connect(m_fanOut, &FanOut::stderrReceived, this, [this](int index, const QByteArray &data) {
        if (index < 0 || index >= m_groupHosts.size())
            return;
        m_groupStderrHashes.at(index)->addData(data);
        if (OutputPane *p = pane(m_groupHosts.at(index).name))
            p->appendStderr(data);
    });
    connect(m_fanOut, &FanOut::hostKeyUnknown, this,
            [this](int index, const QString &address, int port, const QString &type,
                   const QString &fingerprint) {
                if (index < 0 || index >= m_groupHosts.size())
                    return;
                auto *dialog = new HostKeyDialog(m_groupHosts.at(index).name, address, port, type,
                                                 fingerprint, this);
                dialog->setAttribute(Qt::WA_DeleteOnClose);
                connect(dialog, &HostKeyDialog::decided, this,
                        [this, index](HostKeyDecision d) { m_fanOut->answerHostKey(index, d); });
                dialog->open();
            });
    connect(m_fanOut, &FanOut::hostKeyDecided, this,
            [this](int index, const QString &keyType, const QString &fingerprint,
                   HostKeyDecision decision) {
                if (index < 0 || index >= m_groupHosts.size())
                    return;
                const Host &h = m_groupHosts.at(index);
                AuditEvent event;
                event.kind = AuditKind::HostKey;
                event.environment = h.environment;
                event.host = h.name;
                QJsonObject detail;
                detail[u"decision"_s] = HostKeyDialog::decisionName(decision);
                detail[u"address"_s] = h.address;
                detail[u"port"_s] = h.port;
                detail[u"key_type"_s] = keyType;
                detail[u"fingerprint"_s] = fingerprint;
                event.detail = detail;
                record(event);
            });
    connect(m_fanOut, &FanOut::hostFinished, this, &RemoteView::onGroupHostFinished);
    connect(m_fanOut, &FanOut::finished, this, [this] {
        if (askGroupSecrets())
            return;
        updateButtons();
        Q_EMIT groupFinished();
    });
    connect(m_retry, &QPushButton::clicked, this, &RemoteView::retryFailedHosts);
    onSelectionChanged();
}

RemoteView::~RemoteView()
{
    // Each session's destructor stops its command and joins its thread.
    m_sessions.clear();
    // The fan-out hands its sessions back to the pool as it goes, so it must go first
    // (children would be deleted in creation order: the pool before it).
    m_fanOut->disconnect(this);
    m_fanOut->cancel();
    delete m_fanOut;
    m_fanOut = nullptr;
}

void RemoteView::buildUi()
{
    m_tree->setObjectName(u"hostTree"_s);
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_tree->indexAt(pos);
        if (index.data(HostTreeModel::KindRole).toInt() != HostTreeModel::HostItem)
            return;
        QMenu *menu = hostMenu(index.data(HostTreeModel::NameRole).toString());
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_tree->viewport()->mapToGlobal(pos));
    });
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    m_targetLabel->setObjectName(u"targetLabel"_s);
    m_targetLabel->setTextFormat(Qt::PlainText);
    m_command->setObjectName(u"commandEdit"_s);
    m_verdict->setObjectName(u"commandVerdict"_s);
    m_verdict->setTextFormat(Qt::PlainText);
    m_verdict->setWordWrap(true);
    m_run->setObjectName(u"runButton"_s);
    m_cancel->setObjectName(u"cancelButton"_s);
    m_cancel->setToolTip(tr("Stop the running commands; the processes on the hosts end too"));
    m_save->setObjectName(u"saveOutputButton"_s);
    m_save->setToolTip(tr("Write the whole output of the current tab to a file"));
    m_tabs->setObjectName(u"outputTabs"_s);
    m_tabs->setDocumentMode(true);
    m_status->setObjectName(u"remoteStatus"_s);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);
    m_status->hide();

    auto *right = new QWidget(this);
    auto *rl = new QVBoxLayout(right);
    rl->setContentsMargins(0, 0, 0, 0);
    rl->addWidget(m_targetLabel);
    auto *line = new QHBoxLayout;
    line->addWidget(m_command, 1);
    line->addWidget(m_run);
    line->addWidget(m_cancel);
    line->addWidget(m_save);
    rl->addLayout(line);
    rl->addWidget(m_verdict);
    rl->addWidget(m_status);
    rl->addWidget(m_tabs, 1);
    auto *placeholder = new QLabel(
        tr("Choose a host or a group on the left, type a command and press Enter. Each host's "
           "output gets its own tab here."),
        m_tabs);
    placeholder->setWordWrap(true);
    placeholder->setAlignment(Qt::AlignCenter);
    m_tabs->addTab(placeholder, tr("Output"));

    m_matrixPage->setObjectName(u"outcomeMatrixPage"_s);
    m_matrix->setObjectName(u"outcomeMatrix"_s);
    m_matrix->setColumnCount(5);
    m_matrix->setHorizontalHeaderLabels(
        {tr("Host"), tr("Outcome"), tr("Exit status"), tr("Time"), tr("Why")});
    m_matrix->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrix->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_matrix->verticalHeader()->hide();
    m_matrix->horizontalHeader()->setStretchLastSection(true);
    m_retry->setObjectName(u"retryFailedButton"_s);
    m_retry->setToolTip(tr("Run the command again on every host that did not end with exit 0"));
    auto *ml = new QVBoxLayout(m_matrixPage);
    ml->addWidget(m_matrix, 1);
    auto *mb = new QHBoxLayout;
    mb->addStretch(1);
    mb->addWidget(m_retry);
    ml->addLayout(mb);
    m_matrixPage->hide();

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_tree);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({280, 900});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(splitter);
}

void RemoteView::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    const Target previous = m_target;
    m_model->setWorkspace(workspace);
    m_tree->expandAll();
    ClassifyOptions options;
    options.scratchTargets = workspace.settings.scratchTargets;
    m_command->setClassifyOptions(options);

    // A session to a host that is gone or now reached differently is dropped, unless a
    // command still runs on it (it ends on its own and the session goes next time).
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        const Host *now = workspace.host(it.key());
        const Host &was = (*it)->host;
        const bool same = now && now->address == was.address && now->port == was.port &&
                          now->user == was.user && now->auth == was.auth &&
                          now->identityFile == was.identityFile &&
                          now->secretRef == was.secretRef && now->jump == was.jump;
        if (!same && (*it)->job == 0 && !(*it)->starting) {
            m_model->setHostState(it.key(), HostTreeModel::ConnectionState::Idle);
            it = m_sessions.erase(it);
        } else {
            ++it;
        }
    }
    if (previous.kind != Target::Kind::None)
        selectTarget(previous.name, previous.environment);
    onSelectionChanged();
}

void RemoteView::setEnvironment(const QString &environment)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex env = m_model->index(row, 0);
        if (env.data(HostTreeModel::NameRole).toString() == environment) {
            m_tree->expand(env);
            m_tree->scrollTo(env, QAbstractItemView::PositionAtTop);
        }
    }
}

void RemoteView::setSecretStore(SecretStore *store)
{
    m_secrets = store;
}

void RemoteView::setHostCredentials(HostCredentials *credentials)
{
    m_hostCredentials = credentials;
}

SecretPrompt *RemoteView::secretPrompt()
{
    if (!m_prompt) {
        m_prompt = new SecretPrompt(m_hostCredentials, m_secrets, this);
        connect(m_prompt, &SecretPrompt::saveFailed, this,
                [this](const QString &message) { showStatus(message, true); });
    }
    m_prompt->setCredentials(m_hostCredentials);
    m_prompt->setSecretStore(m_secrets           ? m_secrets.data()
                             : m_hostCredentials ? m_hostCredentials->secretStore()
                                                 : nullptr);
    return m_prompt;
}

bool RemoteView::askForSecret(const QString &name, const QString &errorMessage)
{
    auto s = m_sessions.value(name);
    if (!s || !m_hostCredentials || s->askedSecret)
        return false;
    const Host host = s->host;
    const QString command = s->command;
    const ConfirmedBy confirmedBy = s->confirmedBy;
    // Behind a jump host, the jump host's own login may be the one lacking its secret.
    const Host *missing = SecretPrompt::hostMissingSecret(m_workspace, host.name, errorMessage);
    const Host asked = missing ? *missing : host;
    const bool asking = secretPrompt()->ask(
        asked, this, [this, host, asked, command, confirmedBy](Result<void> answer) {
            auto s = m_sessions.value(host.name);
            if (!s)
                return;
            if (!answer) {
                CommandResult cancelled;
                cancelled.failed = true;
                cancelled.error = answer.error();
                cancelled.error.message = tr("Authentication cancelled: nothing was stored, "
                                             "and the command did not run.");
                finishJob(host.name, cancelled);
                return;
            }
            s->credentialsReady = false;
            if (auto hop = m_sessions.value(asked.name))
                hop->credentialsReady = false;
            const bool askedBefore = s->askedSecret;
            startOn(host, command, confirmedBy);
            s->askedSecret = askedBefore;
        });
    if (!asking)
        return false;
    s->askedSecret = true;
    s->starting = true;
    s->job = 0;
    return true;
}

void RemoteView::setAudit(AuditRecorder *audit)
{
    if (m_audit)
        disconnect(m_audit, nullptr, this, nullptr);
    m_audit = audit;
    if (audit) {
        connect(audit, &AuditRecorder::failed, this, [this](const Error &error) {
            showStatus(tr("Not recorded in the audit log: %1").arg(error.message), true);
        });
    }
}

void RemoteView::setSessionOptions(const SshSessionOptions &options)
{
    m_sessionOptions = options;
    m_pool->setOptions(options);
}

bool RemoteView::selectTarget(const QString &hostOrGroup, const QString &environment)
{
    QModelIndex index = m_model->hostIndex(hostOrGroup);
    if (!index.isValid())
        index = m_model->groupIndex(environment, hostOrGroup);
    if (!index.isValid())
        return false;
    m_tree->setCurrentIndex(index);
    return true;
}

void RemoteView::onSelectionChanged()
{
    const QModelIndex index = m_tree->currentIndex();
    Target t;
    if (index.isValid()) {
        const int kind = index.data(HostTreeModel::KindRole).toInt();
        t.name = index.data(HostTreeModel::NameRole).toString();
        t.environment = index.data(HostTreeModel::EnvironmentRole).toString();
        if (kind == HostTreeModel::HostItem)
            t.kind = Target::Kind::Host;
        else if (kind == HostTreeModel::GroupItem)
            t.kind = Target::Kind::Group;
    }
    m_target = t;
    const bool production = m_workspace.isProduction(t.environment);
    const QString where = production ? tr("%1 — PRODUCTION").arg(t.environment) : t.environment;
    switch (t.kind) {
    case Target::Kind::None:
        m_targetLabel->setText(tr("No target: choose a host or a group."));
        break;
    case Target::Kind::Host:
        m_targetLabel->setText(tr("Target: host %1 (%2)").arg(t.name, where));
        break;
    case Target::Kind::Group: {
        const QList<Host> hosts = targetHosts();
        m_targetLabel->setText(tr("Target: group %1 (%2) — all %3 hosts at once")
                                   .arg(t.name, where)
                                   .arg(hosts.size()));
        break;
    }
    }
    QPalette pal = m_targetLabel->palette();
    pal.setColor(QPalette::WindowText,
                 production ? QColor(0xc0, 0x1c, 0x28) : palette().color(QPalette::WindowText));
    m_targetLabel->setPalette(pal);
    updateButtons();
    Q_EMIT targetChanged();
}

void RemoteView::onClassified(const Classification &c)
{
    if (c.isSafe()) {
        m_verdict->clear();
        m_verdict->hide();
        return;
    }
    const QString reasons =
        c.reasons.isEmpty() ? tr("needs confirmation") : c.reasons.join(u"; "_s);
    m_verdict->setText(c.isDestructive() ? tr("Destructive: %1").arg(reasons)
                                         : tr("Needs confirmation: %1").arg(reasons));
    QPalette pal = m_verdict->palette();
    pal.setColor(QPalette::WindowText,
                 c.isDestructive() ? QColor(0xb0, 0x00, 0x20) : QColor(0x8a, 0x5a, 0x00));
    m_verdict->setPalette(pal);
    m_verdict->show();
}

QList<Host> RemoteView::targetHosts() const
{
    switch (m_target.kind) {
    case Target::Kind::None:
        return {};
    case Target::Kind::Host:
        if (const Host *h = m_workspace.host(m_target.name))
            return {*h};
        return {};
    case Target::Kind::Group: {
        QList<Host> hosts;
        for (const Host &h : m_workspace.hostsInGroup(m_target.name)) {
            if (h.environment == m_target.environment)
                hosts.append(h);
        }
        return hosts;
    }
    }
    return {};
}

bool RemoteView::isRunning() const
{
    if (m_fanOut->isRunning() || m_groupStarting)
        return true;
    for (const auto &s : m_sessions) {
        if (s->job != 0 || s->starting)
            return true;
    }
    return false;
}

void RemoteView::updateButtons()
{
    const bool running = isRunning();
    m_run->setEnabled(m_target.kind != Target::Kind::None);
    m_cancel->setEnabled(running);
    bool anyFailed = false;
    if (!m_fanOut->isRunning() && !m_groupStarting) {
        for (const FanOutHostResult &r : m_fanOut->results())
            anyFailed = anyFailed || r.outcome != HostOutcome::Ok;
    }
    m_retry->setEnabled(anyFailed);
    m_save->setEnabled(qobject_cast<OutputPane *>(m_tabs->currentWidget()) != nullptr);
}

void RemoteView::showStatus(const QString &text, bool isError)
{
    m_status->setText(text);
    QPalette pal = m_status->palette();
    pal.setColor(QPalette::WindowText,
                 isError ? QColor(0xb0, 0x00, 0x20) : palette().color(QPalette::WindowText));
    m_status->setPalette(pal);
    m_status->setVisible(!text.isEmpty());
}

void RemoteView::runCommand(const QString &command)
{
    const QString text = command.trimmed();
    if (text.isEmpty())
        return;
    const QList<Host> hosts = targetHosts();
    if (hosts.isEmpty()) {
        showStatus(m_target.kind == Target::Kind::None
                       ? tr("Choose a host or a group on the left first.")
                       : tr("%1 has no hosts in the workspace.").arg(m_target.name),
                   true);
        return;
    }
    QStringList busy;
    if (m_target.kind == Target::Kind::Group && (m_fanOut->isRunning() || m_groupStarting))
        busy << tr("the last group command");
    for (const Host &h : hosts) {
        if (auto s = m_sessions.value(h.name); s && (s->job != 0 || s->starting))
            busy << h.name;
    }
    if (!busy.isEmpty()) {
        showStatus(
            tr("Still running on %1: wait for it or cancel it first.").arg(busy.join(u", "_s)),
            true);
        return;
    }
    showStatus({}, false);
    m_command->history().add(text);
    m_command->clear();
    confirmThenStart(hosts, text);
}

void RemoteView::confirmThenStart(const QList<Host> &hosts, const QString &command)
{
    ClassifyOptions options;
    options.scratchTargets = m_workspace.settings.scratchTargets;
    const Classification c = CommandClassifier::classify(command, options);
    if (c.isSafe()) {
        start(hosts, command, ConfirmedBy::None);
        return;
    }
    const QString environment = hosts.constFirst().environment;
    ConfirmDestructiveDialog::Request request;
    request.environment = environment;
    request.production = m_workspace.isProduction(environment);
    for (const Host &h : hosts)
        request.hosts << h.name;
    request.command = command;
    request.classification = c;
    request.actionLabel = tr("Run");

    auto *dialog = new ConfirmDestructiveDialog(request, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, hosts, command, c](int result) {
        const ConfirmDestructiveDialog::Request &r = dialog->request();
        AuditEvent event;
        event.environment = r.environment;
        event.host = m_target.kind == Target::Kind::Group ? m_target.name : r.hosts.join(u',');
        event.command = command;
        QJsonObject detail;
        detail[u"hosts"_s] = QJsonArray::fromStringList(r.hosts);
        detail[u"level"_s] = safetyLevelName(c.level);
        detail[u"reasons"_s] = QJsonArray::fromStringList(c.reasons);
        detail[u"source"_s] = u"remote-view"_s;
        event.detail = detail;
        if (result == QDialog::Accepted) {
            const ConfirmedBy by = dialog->confirmedBy() == u"typed-name"_s ? ConfirmedBy::TypedName
                                                                            : ConfirmedBy::Dialog;
            event.kind = AuditKind::Confirmation;
            event.confirmedBy = by;
            record(event);
            start(hosts, command, by);
        } else {
            event.kind = AuditKind::Refusal;
            record(event);
            for (const Host &h : hosts) {
                OutputPane *pane = paneFor(h.name);
                pane->beginCommand(command);
                pane->appendNotice(tr("Not run: the confirmation was cancelled."), true);
            }
            showStatus(tr("Not run: the confirmation was cancelled."), false);
        }
    });
    dialog->open();
}

void RemoteView::start(const QList<Host> &hosts, const QString &command, ConfirmedBy confirmedBy)
{
    if (m_target.kind == Target::Kind::Group) {
        startGroup(hosts, command, confirmedBy);
        return;
    }
    for (const Host &h : hosts)
        startOn(h, command, confirmedBy);
    // The first host's tab comes forward; the others fill in behind it.
    if (OutputPane *first = pane(hosts.constFirst().name))
        m_tabs->setCurrentWidget(first);
    updateButtons();
}

bool RemoteView::usesPty(const Host &host) const
{
    // sshd ignores signal requests for root logins; only a terminal's Ctrl-C and hang-up
    // end a root command when it is cancelled.
    const QString user = host.user.isEmpty() ? qEnvironmentVariable("USER") : host.user;
    return user == u"root"_s;
}

void RemoteView::startOn(const Host &host, const QString &command, ConfirmedBy confirmedBy)
{
    Session *s = sessionFor(host);
    OutputPane *pane = paneFor(host.name);
    const bool pty = usesPty(host);
    pane->beginCommand(command, pty ? tr("Runs on a terminal because the login is root, so "
                                         "Cancel can end it; errors appear with the output.")
                                    : QString());
    s->command = command;
    s->confirmedBy = confirmedBy;
    s->starting = true;
    s->askedSecret = false;
    s->stdoutHash.reset();
    s->stderrHash.reset();
    s->timer.start();
    if (!s->session->isConnected())
        m_model->setHostState(host.name, HostTreeModel::ConnectionState::Connecting);

    const QString name = host.name;
    // A host behind jump hosts goes through their sessions (each asks its own host key
    // and logs in with its own entry), the same sessions a command on them would use.
    const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, host.name);
    QList<Session *> hops;
    if (chain) {
        for (const Host &jump : *chain)
            hops.append(sessionFor(jump));
        s->session->setJumpSession(hops.isEmpty() ? nullptr : hops.constLast()->session.get());
        for (qsizetype i = 1; i < hops.size(); ++i)
            hops.at(i)->session->setJumpSession(hops.at(i - 1)->session.get());
    }
    hops.append(s);
    auto run = [this, name, command, pty](Result<void> ready) {
        auto it = m_sessions.constFind(name);
        if (it == m_sessions.cend())
            return;
        Session *s = it->get();
        s->starting = false;
        if (!ready) {
            CommandResult result;
            result.failed = true;
            result.error = ready.error();
            m_model->setHostState(name, HostTreeModel::ConnectionState::Failed,
                                  ready.error().message);
            finishJob(name, result);
            return;
        }
        CommandOptions options;
        options.pty = pty;
        s->job = s->session->run(command, options);
        updateButtons();
    };
    if (!chain) {
        run(tl::unexpected(chain.error()));
        return;
    }
    QStringList names;
    for (Session *hop : std::as_const(hops))
        names.append(hop->host.name);
    withChainCredentials(names, run);
}

void RemoteView::withChainCredentials(QStringList names, std::function<void(Result<void>)> ready)
{
    const QString first = names.takeFirst();
    auto it = m_sessions.constFind(first);
    if (it == m_sessions.cend())
        return;
    withCredentials(it->get(), [this, names, ready](Result<void> done) {
        if (!done || names.isEmpty()) {
            ready(done);
            return;
        }
        withChainCredentials(names, ready);
    });
}

void RemoteView::withCredentials(Session *s, std::function<void(Result<void>)> ready)
{
    if (s->credentialsReady) {
        ready({});
        return;
    }
    const QString name = s->host.name;
    readCredentials(s->host,
                    [this, name, ready](Result<SshCredentials> creds, QStringList secrets) {
                        auto it = m_sessions.constFind(name);
                        if (it == m_sessions.cend())
                            return;
                        if (!creds) {
                            ready(tl::unexpected(creds.error()));
                            return;
                        }
                        Session *s = it->get();
                        s->session->setCredentials(*creds);
                        s->secrets = secrets;
                        s->credentialsReady = true;
                        ready({});
                    });
}

void RemoteView::readCredentials(const Host &h, CredentialsCallback done)
{
    if (m_hostCredentials) {
        // The console's one credentials path: keychain, or a secret given this session.
        m_hostCredentials->resolve(h, this, [done](Result<SshCredentials> creds) {
            if (!creds) {
                done(creds, {});
                return;
            }
            SshCredentials c = *creds;
            c.keyFile = expandHome(c.keyFile);
            QStringList secrets;
            for (const QString &secret : {c.passphrase, c.password}) {
                if (!secret.isEmpty())
                    secrets.append(secret);
            }
            done(c, secrets);
        });
        return;
    }
    SshCredentials creds;
    if (h.auth == u"key"_s) {
        creds.methods = {SshCredentials::Method::KeyFile};
        creds.keyFile = expandHome(h.identityFile);
    } else if (h.auth == u"password"_s) {
        creds.methods = {SshCredentials::Method::Password};
    } else {
        creds.methods = {SshCredentials::Method::Agent};
    }
    const bool needsSecret = h.auth != u"agent"_s && !h.secretRef.trimmed().isEmpty();
    if (!needsSecret) {
        done(creds, {});
        return;
    }
    if (!m_secrets) {
        done(fail(u"keychain.unavailable"_s,
                  tr("%1 logs in with a secret from the keychain, and no keychain is "
                     "available.")
                      .arg(h.name)),
             {});
        return;
    }
    // Same entry naming as the Credentials dialog, so a value set there is found here.
    const QString entry = m_workspace.name.trimmed().isEmpty()
                              ? h.secretRef.trimmed()
                              : SecretStore::entryName(m_workspace.name, h.secretRef.trimmed());
    const QString name = h.name;
    const QString auth = h.auth;
    m_secrets->read(entry, this, [name, auth, creds, entry, done](Result<QString> value) mutable {
        if (value) {
            if (auth == u"password"_s)
                creds.password = *value;
            else
                creds.passphrase = *value;
            done(creds, {*value});
            return;
        }
        // A key may well have no passphrase; anything else is a real problem.
        if (auth == u"key"_s && value.error().code == u"keychain.not_found"_s) {
            done(creds, {});
            return;
        }
        done(fail(value.error().code, tr("Could not read %1 from the keychain for %2: %3")
                                          .arg(entry, name, value.error().message)),
             {});
    });
}

void RemoteView::startGroup(const QList<Host> &hosts, const QString &command,
                            ConfirmedBy confirmedBy)
{
    m_groupHosts = hosts;
    m_groupName = m_target.name;
    m_groupCommand = command;
    m_groupConfirmedBy = confirmedBy;
    m_groupCredentials = QList<SshCredentials>(hosts.size());
    m_groupSecrets.clear();
    m_groupAskedSecrets = false;
    ++m_groupRun;
    m_groupStarting = true;
    m_matrix->setRowCount(0);
    m_matrix->setRowCount(int(hosts.size()));
    for (int i = 0; i < hosts.size(); ++i) {
        FanOutHostResult pending;
        pending.name = hosts.at(i).name;
        setMatrixRow(i, pending);
        paneFor(hosts.at(i).name);
    }
    if (m_tabs->indexOf(m_matrixPage) < 0)
        m_tabs->insertTab(0, m_matrixPage, tr("Outcome"));
    m_tabs->setTabText(0, tr("Outcome: %1").arg(m_groupName));
    m_tabs->setCurrentWidget(m_matrixPage);
    updateButtons();

    // Secrets first (each read answers once), then every host starts together. Hosts
    // behind jump hosts need the jump hosts' secrets too.
    m_groupJumps = QList<QList<SshHop>>(hosts.size());
    auto remaining = std::make_shared<int>(int(hosts.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    for (int i = 0; i < hosts.size(); ++i) {
        const Result<QList<Host>> chain = SshTarget::jumpChain(m_workspace, hosts.at(i).name);
        if (!chain) {
            *failure = chain.error();
            continue;
        }
        for (int j = 0; j < chain->size(); ++j) {
            m_groupJumps[i].append(SshHop{SshTarget::fromHost(chain->at(j)), {}});
            ++*remaining;
            readCredentials(chain->at(j), [this, i, j, remaining, failure](
                                              Result<SshCredentials> creds, QStringList secrets) {
                if (i < m_groupJumps.size() && j < m_groupJumps.at(i).size()) {
                    if (creds)
                        m_groupJumps[i][j].credentials = *creds;
                    else if (!*failure)
                        *failure = creds.error();
                    m_groupSecrets += secrets;
                }
                if (--*remaining == 0)
                    groupCredentialsRead(*failure);
            });
        }
    }
    for (int i = 0; i < hosts.size(); ++i) {
        readCredentials(hosts.at(i), [this, i, remaining, failure](Result<SshCredentials> creds,
                                                                   QStringList secrets) {
            if (i < m_groupCredentials.size()) {
                if (creds)
                    m_groupCredentials[i] = *creds;
                else if (!*failure)
                    *failure = creds.error();
                m_groupSecrets += secrets;
            }
            if (--*remaining == 0)
                groupCredentialsRead(*failure);
        });
    }
}

void RemoteView::groupCredentialsRead(const std::optional<Error> &failure)
{
    m_groupStarting = false;
    if (failure) {
        showStatus(tr("Not run: %1").arg(failure->message), true);
        for (const Host &h : std::as_const(m_groupHosts)) {
            if (OutputPane *p = pane(h.name))
                p->appendNotice(tr("Not run: %1").arg(failure->message), true);
        }
        updateButtons();
        return;
    }
    launchGroup();
}

void RemoteView::launchGroup()
{
    QList<FanOutHost> hosts;
    for (int i = 0; i < m_groupHosts.size(); ++i) {
        const Host &h = m_groupHosts.at(i);
        hosts.append(FanOutHost{h.name, SshTarget::fromHost(h), m_groupCredentials.at(i),
                                h.environment, m_groupJumps.value(i)});
    }
    m_groupStdoutHashes.clear();
    m_groupStderrHashes.clear();
    for (qsizetype i = 0; i < hosts.size(); ++i) {
        m_groupStdoutHashes.append(
            std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256));
        m_groupStderrHashes.append(
            std::make_shared<QCryptographicHash>(QCryptographicHash::Sha256));
    }
    CommandOptions options;
    // One root login in the group is enough to need a terminal for Cancel to work.
    for (const Host &h : std::as_const(m_groupHosts))
        options.pty = options.pty || usesPty(h);
    m_fanOut->setCommandOptions(options);
    m_fanOut->start(m_groupCommand, hosts);
    updateButtons();
}

Host RemoteView::groupSecretHost(int index) const
{
    // Behind a jump host, the jump host's own login may be the one lacking its secret.
    const Host &target = m_groupHosts.at(index);
    const Host *host = SecretPrompt::hostMissingSecret(m_workspace, target.name,
                                                       m_fanOut->result(index).error.message);
    return host ? *host : target;
}

bool RemoteView::askGroupSecrets()
{
    if (m_groupAskedSecrets || !m_hostCredentials)
        return false;
    QList<int> missing;
    for (int i = 0; i < m_groupHosts.size(); ++i) {
        if (SecretPrompt::isSecretMissing(m_fanOut->result(i).error) &&
            SecretPrompt::canAsk(groupSecretHost(i)))
            missing.append(i);
    }
    if (missing.isEmpty())
        return false;
    m_groupAskedSecrets = true;
    // Nothing else may start on the group while its questions are open.
    m_groupStarting = true;
    updateButtons();
    askNextGroupSecret(missing, {}, m_groupRun);
    return true;
}

void RemoteView::askNextGroupSecret(QList<int> remaining, QList<int> answered, quint64 run)
{
    if (run != m_groupRun)
        return;
    // One dialog at a time: several at once would stack over each other.
    while (!remaining.isEmpty()) {
        const Host host = groupSecretHost(remaining.constFirst());
        // Hosts behind the same jump host wait for the one question about it.
        QList<int> indexes;
        for (auto it = remaining.begin(); it != remaining.end();) {
            if (groupSecretHost(*it).name == host.name) {
                indexes.append(*it);
                it = remaining.erase(it);
            } else {
                ++it;
            }
        }
        const bool asking = secretPrompt()->ask(
            host, this, [this, indexes, remaining, answered, run](Result<void> answer) mutable {
                if (run != m_groupRun)
                    return;
                if (answer) {
                    answered.append(indexes);
                } else {
                    for (const int index : indexes) {
                        const QString name = m_groupHosts.at(index).name;
                        if (OutputPane *p = pane(name))
                            p->appendNotice(answer.error().message, true);
                        if (QTableWidgetItem *why = m_matrix->item(index, 4)) {
                            why->setText(answer.error().message);
                            why->setToolTip(answer.error().message);
                        }
                    }
                }
                askNextGroupSecret(remaining, answered, run);
            });
        if (asking)
            return;
    }
    retryGroupHosts(answered, run);
}

void RemoteView::retryGroupHosts(const QList<int> &indexes, quint64 run)
{
    if (indexes.isEmpty()) {
        m_groupStarting = false;
        updateButtons();
        Q_EMIT groupFinished();
        return;
    }
    // The answers are now in the session's memory: read the credentials again, the jump
    // hosts' too (one of them may have been what lacked its secret).
    auto credentials = std::make_shared<QHash<int, SshCredentials>>();
    auto jumps = std::make_shared<QHash<int, QList<SshHop>>>();
    int reads = 0;
    for (const int index : indexes)
        reads += 1 + int(m_groupJumps.value(index).size());
    auto remaining = std::make_shared<int>(reads);
    auto oneRead = [this, indexes, credentials, jumps, remaining, run] {
        if (--*remaining > 0)
            return;
        m_groupStarting = false;
        m_fanOut->retryHosts(indexes, *credentials, *jumps);
        m_tabs->setCurrentWidget(m_matrixPage);
        updateButtons();
    };
    for (const int index : indexes) {
        const QList<SshHop> hops = m_groupJumps.value(index);
        if (!hops.isEmpty())
            jumps->insert(index, hops);
        const Result<QList<Host>> chain =
            SshTarget::jumpChain(m_workspace, m_groupHosts.at(index).name);
        for (qsizetype j = 0; j < hops.size(); ++j) {
            if (!chain || j >= chain->size()) {
                oneRead();
                continue;
            }
            readCredentials(chain->at(j), [this, index, j, jumps, oneRead,
                                           run](Result<SshCredentials> creds, QStringList secrets) {
                if (run != m_groupRun)
                    return;
                if (creds) {
                    (*jumps)[index][j].credentials = *creds;
                    if (index < m_groupJumps.size() && j < m_groupJumps.at(index).size())
                        m_groupJumps[index][j].credentials = *creds;
                }
                m_groupSecrets += secrets;
                oneRead();
            });
        }
        readCredentials(m_groupHosts.at(index),
                        [this, index, credentials, oneRead, run](Result<SshCredentials> creds,
                                                                 QStringList secrets) {
                            if (run != m_groupRun)
                                return;
                            if (creds) {
                                credentials->insert(index, *creds);
                                m_groupCredentials[index] = *creds;
                            }
                            m_groupSecrets += secrets;
                            oneRead();
                        });
    }
}

QMenu *RemoteView::hostMenu(const QString &hostName)
{
    auto *menu = new QMenu(this);
    menu->setObjectName(u"hostMenu"_s);
    for (const Service &service : std::as_const(m_workspace.services)) {
        if (service.via != hostName)
            continue;
        QAction *action = menu->addAction(tr("Open %1 in browser").arg(service.name));
        action->setObjectName(u"openInBrowser:"_s + service.name);
        action->setToolTip(tr("Through an SSH tunnel via %1").arg(hostName));
        const QString name = service.name;
        connect(action, &QAction::triggered, this,
                [this, name] { Q_EMIT openInBrowserRequested(name); });
    }
    if (menu->isEmpty()) {
        QAction *none = menu->addAction(tr("No services are reached through %1").arg(hostName));
        none->setEnabled(false);
    }
    return menu;
}

void RemoteView::retryFailedHosts()
{
    if (m_fanOut->isRunning() || m_groupStarting)
        return;
    if (m_fanOut->retryFailed() > 0)
        m_tabs->setCurrentWidget(m_matrixPage);
    updateButtons();
}

void RemoteView::onGroupHostStarted(int index)
{
    if (index < 0 || index >= m_groupHosts.size())
        return;
    const Host &h = m_groupHosts.at(index);
    m_groupStdoutHashes.at(index)->reset();
    m_groupStderrHashes.at(index)->reset();
    OutputPane *p = paneFor(h.name);
    p->beginCommand(m_groupCommand,
                    m_fanOut->commandOptions().pty
                        ? tr("Runs on a terminal because a login of the group is root, so "
                             "Cancel can end it; errors appear with the output.")
                        : QString());
    m_model->setHostState(h.name, HostTreeModel::ConnectionState::Connecting);
    setMatrixRow(index, m_fanOut->result(index));
}

void RemoteView::setMatrixRow(int index, const FanOutHostResult &r)
{
    auto cell = [this, index](int column, const QString &text) {
        auto *item = new QTableWidgetItem(text);
        m_matrix->setItem(index, column, item);
        return item;
    };
    cell(0, r.name);
    QTableWidgetItem *outcome = cell(1, hostOutcomeText(r.outcome));
    outcome->setData(Qt::UserRole, hostOutcomeName(r.outcome));
    QColor colour;
    if (r.outcome == HostOutcome::Ok)
        colour = QColor(0x1e, 0x7b, 0x34);
    else if (r.isDone())
        colour = QColor(0xb0, 0x00, 0x20);
    if (colour.isValid()) {
        outcome->setForeground(colour);
        QFont bold = outcome->font();
        bold.setBold(true);
        outcome->setFont(bold);
    }
    cell(2, r.isDone() && r.exitStatus >= 0 ? QString::number(r.exitStatus) : QString());
    cell(3, r.isDone() ? tr("%1 s").arg(QLocale().toString(r.durationMs / 1000.0, 'f', 1))
                       : QString());
    QTableWidgetItem *why = cell(4, r.error.message);
    why->setToolTip(r.error.message);
    m_matrix->resizeColumnsToContents();
}

void RemoteView::onGroupHostFinished(int index, const FanOutHostResult &r)
{
    if (index < 0 || index >= m_groupHosts.size())
        return;
    const Host &h = m_groupHosts.at(index);
    setMatrixRow(index, r);

    CommandResult result;
    result.exitStatus = r.exitStatus;
    result.signal = r.signal;
    result.cancelled = r.outcome == HostOutcome::Cancelled;
    result.timedOut = r.outcome == HostOutcome::TimedOut;
    result.failed = r.outcome == HostOutcome::Unreachable || r.outcome == HostOutcome::AuthFailed ||
                    r.outcome == HostOutcome::HostKeyRefused ||
                    (r.outcome == HostOutcome::Failed && r.exitStatus < 0 && r.signal.isEmpty());
    result.error = r.error;
    result.stdoutBytes = r.stdoutBytes;
    result.stderrBytes = r.stderrBytes;
    if (OutputPane *p = pane(h.name))
        p->finishCommand(result, r.durationMs);

    switch (r.outcome) {
    case HostOutcome::Unreachable:
    case HostOutcome::AuthFailed:
    case HostOutcome::HostKeyRefused:
        m_model->setHostState(h.name, HostTreeModel::ConnectionState::Failed, r.error.message);
        break;
    default:
        m_model->setHostState(h.name, HostTreeModel::ConnectionState::Connected);
        break;
    }
    if (r.error.code == u"ssh.hostkey_changed"_s)
        onConnectionFailed(h.name, r.error);

    AuditEvent event;
    event.kind = AuditKind::Command;
    event.environment = h.environment;
    event.host = h.name;
    event.command = m_groupCommand;
    if (!result.failed && !result.cancelled && !result.timedOut && r.exitStatus >= 0)
        event.exitStatus = r.exitStatus;
    const bool ran = r.stdoutBytes + r.stderrBytes > 0 || event.exitStatus.has_value();
    if (ran)
        event.outputSha256 = QString::fromLatin1(m_groupStdoutHashes.at(index)->result().toHex());
    event.confirmedBy = m_groupConfirmedBy;
    QJsonObject detail;
    detail[u"outcome"_s] = hostOutcomeName(r.outcome);
    detail[u"group"_s] = m_groupName;
    detail[u"address"_s] = h.address;
    detail[u"port"_s] = h.port;
    detail[u"attempt"_s] = r.attempts;
    detail[u"stdout_bytes"_s] = double(r.stdoutBytes);
    detail[u"stderr_bytes"_s] = double(r.stderrBytes);
    if (ran)
        detail[u"stderr_sha256"_s] =
            QString::fromLatin1(m_groupStderrHashes.at(index)->result().toHex());
    if (!r.error.code.isEmpty())
        detail[u"error"_s] = r.error.code;
    event.detail = detail;
    record(event, m_groupSecrets);
    updateButtons();
    Q_EMIT commandFinished(h.name, result);
}

RemoteView::Session *RemoteView::sessionFor(const Host &host)
{
    if (auto existing = m_sessions.value(host.name))
        return existing.get();
    auto s = std::make_shared<Session>();
    s->host = host;
    s->session = std::make_unique<SshSession>(SshTarget::fromHost(host), m_sessionOptions);
    SshSession *session = s->session.get();
    const QString name = host.name;
    connect(session, &SshSession::connected, this, [this, name] {
        m_model->setHostState(name, HostTreeModel::ConnectionState::Connected);
    });
    connect(session, &SshSession::disconnected, this,
            [this, name] { m_model->setHostState(name, HostTreeModel::ConnectionState::Idle); });
    connect(session, &SshSession::connectionFailed, this,
            [this, name](const Error &error) { onConnectionFailed(name, error); });
    connect(session, &SshSession::hostKeyUnknown, this,
            [this, name](const QString &address, int port, const QString &type,
                         const QString &fingerprint) {
                onHostKeyUnknown(name, address, port, type, fingerprint);
            });
    connect(session, &SshSession::stdoutReceived, this,
            [this, name](quint64 job, const QByteArray &data) {
                auto s = m_sessions.value(name);
                if (!s || job != s->job)
                    return;
                s->stdoutHash.addData(data);
                if (OutputPane *p = pane(name))
                    p->appendStdout(data);
            });
    connect(session, &SshSession::stderrReceived, this,
            [this, name](quint64 job, const QByteArray &data) {
                auto s = m_sessions.value(name);
                if (!s || job != s->job)
                    return;
                s->stderrHash.addData(data);
                if (OutputPane *p = pane(name))
                    p->appendStderr(data);
            });
    connect(session, &SshSession::finished, this,
            [this, name](quint64 job, const CommandResult &result) {
                auto s = m_sessions.value(name);
                if (!s || job != s->job)
                    return;
                if (result.failed && result.error.code == u"ssh.auth_secret_missing"_s &&
                    askForSecret(name, result.error.message))
                    return;
                finishJob(name, result);
            });
    m_sessions.insert(host.name, s);
    return s.get();
}

OutputPane *RemoteView::pane(const QString &host) const
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        auto *p = qobject_cast<OutputPane *>(m_tabs->widget(i));
        if (p && p->host() == host)
            return p;
    }
    return nullptr;
}

OutputPane *RemoteView::paneFor(const QString &host)
{
    if (OutputPane *existing = pane(host))
        return existing;
    // The hint tab goes once there is real output.
    if (m_tabs->count() == 1 && !qobject_cast<OutputPane *>(m_tabs->widget(0))) {
        QWidget *hint = m_tabs->widget(0);
        m_tabs->removeTab(0);
        hint->deleteLater();
    }
    auto *p = new OutputPane(host, m_tabs);
    m_tabs->addTab(p, host);
    updateButtons();
    return p;
}

void RemoteView::finishJob(const QString &host, const CommandResult &result)
{
    auto s = m_sessions.value(host);
    if (!s)
        return;
    const qint64 elapsed = s->timer.isValid() ? s->timer.elapsed() : 0;
    s->job = 0;
    s->starting = false;
    if (OutputPane *p = pane(host))
        p->finishCommand(result, elapsed);
    if (result.failed && !s->session->isConnected() &&
        m_model->hostState(host) != HostTreeModel::ConnectionState::Failed)
        m_model->setHostState(host, HostTreeModel::ConnectionState::Failed, result.error.message);

    AuditEvent event;
    event.kind = AuditKind::Command;
    event.environment = s->host.environment;
    event.host = host;
    event.command = s->command;
    if (!result.failed && !result.cancelled && !result.timedOut && result.exitStatus >= 0)
        event.exitStatus = result.exitStatus;
    const bool ran = result.stdoutBytes + result.stderrBytes > 0 || event.exitStatus.has_value();
    if (ran)
        event.outputSha256 = QString::fromLatin1(s->stdoutHash.result().toHex());
    event.confirmedBy = s->confirmedBy;
    QJsonObject detail;
    detail[u"outcome"_s] = outcomeName(result);
    detail[u"address"_s] = s->host.address;
    detail[u"port"_s] = s->host.port;
    detail[u"stdout_bytes"_s] = double(result.stdoutBytes);
    detail[u"stderr_bytes"_s] = double(result.stderrBytes);
    if (ran)
        detail[u"stderr_sha256"_s] = QString::fromLatin1(s->stderrHash.result().toHex());
    if (result.failed)
        detail[u"error"_s] = result.error.code;
    if (!result.signal.isEmpty())
        detail[u"signal"_s] = result.signal;
    event.detail = detail;
    record(event, s->secrets);
    updateButtons();
    Q_EMIT commandFinished(host, result);
}

void RemoteView::onHostKeyUnknown(const QString &hostName, const QString &address, int port,
                                  const QString &keyType, const QString &fingerprint)
{
    auto *dialog = new HostKeyDialog(hostName, address, port, keyType, fingerprint, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HostKeyDialog::decided, this,
            [this, hostName, address, port, keyType, fingerprint](HostKeyDecision decision) {
                auto s = m_sessions.value(hostName);
                if (s)
                    s->session->acceptHostKey(decision);
                AuditEvent event;
                event.kind = AuditKind::HostKey;
                event.environment = s ? s->host.environment : QString();
                event.host = hostName;
                QJsonObject detail;
                detail[u"decision"_s] = HostKeyDialog::decisionName(decision);
                detail[u"address"_s] = address;
                detail[u"port"_s] = port;
                detail[u"key_type"_s] = keyType;
                detail[u"fingerprint"_s] = fingerprint;
                event.detail = detail;
                record(event);
            });
    dialog->open();
}

void RemoteView::onConnectionFailed(const QString &hostName, const Error &error)
{
    m_model->setHostState(hostName, HostTreeModel::ConnectionState::Failed, error.message);
    if (error.code != u"ssh.hostkey_changed"_s)
        return;
    auto s = m_sessions.value(hostName);
    AuditEvent event;
    event.kind = AuditKind::HostKey;
    event.environment = s ? s->host.environment : QString();
    event.host = hostName;
    QJsonObject detail;
    detail[u"decision"_s] = u"refused-changed"_s;
    detail[u"detail"_s] = error.detail;
    event.detail = detail;
    record(event);
    QMessageBox *box = HostKeyDialog::changedKeyRefusal(error, hostName, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void RemoteView::record(AuditEvent event, const QStringList &secrets)
{
    if (!m_audit) {
        qCWarning(lcUi) << "no audit log: not recording a" << auditKindName(event.kind) << "event";
        return;
    }
    m_audit->record(secrets.isEmpty() ? event : maskSecrets(std::move(event), secrets));
}

void RemoteView::cancelAll()
{
    for (const auto &s : std::as_const(m_sessions)) {
        if (s->job != 0)
            s->session->cancel(s->job);
    }
    m_fanOut->cancel();
}

void RemoteView::saveOutput(const QString &host, const QString &path)
{
    OutputPane *p = pane(host);
    if (!p || m_saveWatcher.isRunning()) {
        Q_EMIT outputSaved(path, false);
        return;
    }
    p->flush();
    const QString from = p->fullTextFile();
    m_savingTo = path;
    if (from.isEmpty()) {
        showStatus(
            tr("The output of %1 could not be kept for saving (no temporary file).").arg(host),
            true);
        Q_EMIT outputSaved(path, false);
        return;
    }
    m_saveWatcher.setFuture(
        QtConcurrent::run([from, path] { return OutputPane::copyFullText(from, path); }));
}

} // namespace ph
