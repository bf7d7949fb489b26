// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runbooks/runbooksview.h"

#include "audit/auditlog.h"
#include "notify/notifier.h"
#include "runbooks/runbookparser.h"
#include "storage/database.h"
#include "ui/checklist/checklistwizard.h"
#include "ui/runbooks/runbooksmodel.h"
#include "ui/runbooks/runhistorymodel.h"
#include "ui/runbooks/runparametersdialog.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace ph {

RunbooksView::RunbooksView(QWidget *parent)
    : QWidget(parent)
    , m_board(new ScheduleBoard(this))
    , m_model(new RunbooksModel(this))
    , m_history(new RunHistoryModel(this))
    , m_stack(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_table(new QTableView(this))
    , m_historyTable(new QTableView(this))
    , m_resumeBanner(new QFrame(this))
    , m_resumeLabel(new QLabel(this))
    , m_resumeButton(new QPushButton(tr("&Resume"), this))
    , m_discardButton(new QPushButton(tr("&Discard"), this))
    , m_problems(new QLabel(this))
    , m_startButton(new QPushButton(tr("&Start run…"), this))
    , m_openButton(new QPushButton(tr("&Open run"), this))
    , m_wizard(new ChecklistWizard(this))
{
    setObjectName(u"runbooksView"_s);
    buildUi();

    connect(m_board, &ScheduleBoard::refreshed, this, &RunbooksView::refreshModel);
    connect(m_board, &ScheduleBoard::becameDue, this, &RunbooksView::announceDue);
    connect(&m_catalogWatcher, &QFutureWatcher<RunbookCatalogResult>::finished, this, [this] {
        const RunbookCatalogResult r = m_catalogWatcher.result();
        setRunbooks(r.runbooks, r.problems);
    });
    connect(&m_auditWatcher, &QFutureWatcher<QString>::finished, this,
            [this] { m_wizard->setAuditHead(m_auditWatcher.result()); });
    connect(m_wizard, &ChecklistWizard::closeRequested, this, &RunbooksView::showList);
    connect(m_wizard, &ChecklistWizard::signedOff, this, &RunbooksView::refreshHistory);

    // Until a step runner is set (it needs the audit seal key from the keychain), steps
    // are run in a terminal and marked done by hand.
    m_wizard->setRunAvailable(false,
                              tr("Running steps from the console is not available yet: "
                                 "the audit log's key is still being read from the "
                                 "keychain. Run the command in a terminal, then mark the "
                                 "step done (Ctrl+D) and add its output as a note (Ctrl+N)."));
}

RunbooksView::~RunbooksView()
{
    // A catalog scan still running must not deliver into a destroyed view.
    m_catalogWatcher.disconnect(this);
    m_catalogWatcher.waitForFinished();
    m_auditWatcher.disconnect(this);
    m_auditWatcher.waitForFinished();
}

void RunbooksView::buildUi()
{
    m_resumeBanner->setObjectName(u"resumeBanner"_s);
    m_resumeBanner->setAutoFillBackground(true);
    QPalette bp = m_resumeBanner->palette();
    bp.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xd6));
    bp.setColor(QPalette::WindowText, QColor(0x4a, 0x33, 0x00));
    m_resumeBanner->setPalette(bp);
    m_resumeBanner->setFrameShape(QFrame::StyledPanel);
    m_resumeLabel->setObjectName(u"resumeLabel"_s);
    m_resumeLabel->setWordWrap(true);
    m_resumeButton->setObjectName(u"resumeButton"_s);
    m_discardButton->setObjectName(u"discardButton"_s);
    m_discardButton->setToolTip(
        tr("Give up this run: it stays in the History as abandoned, with what was done."));
    auto *bl = new QHBoxLayout(m_resumeBanner);
    bl->setContentsMargins(8, 6, 8, 6);
    bl->addWidget(m_resumeLabel, 1);
    bl->addWidget(m_resumeButton);
    bl->addWidget(m_discardButton);
    m_resumeBanner->hide();
    connect(m_resumeButton, &QPushButton::clicked, this, [this] {
        if (auto r = resumeRun(m_offeredRun); !r)
            showProblem(r.error().message);
    });
    connect(m_discardButton, &QPushButton::clicked, this, [this] {
        if (auto r = discardRun(m_offeredRun); !r)
            showProblem(r.error().message);
    });

    m_problems->setObjectName(u"runbooksProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();

    auto setupTable = [](QTableView *t) {
        t->setSelectionBehavior(QAbstractItemView::SelectRows);
        t->setSelectionMode(QAbstractItemView::SingleSelection);
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->verticalHeader()->hide();
        t->horizontalHeader()->setStretchLastSection(true);
        t->setAlternatingRowColors(true);
        t->setTabKeyNavigation(false);
    };
    m_table->setObjectName(u"runbooksTable"_s);
    m_table->setModel(m_model);
    setupTable(m_table);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RunbooksModel::TitleCol,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_historyTable->setWordWrap(false);
    m_historyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_table, &QTableView::activated, this, &RunbooksView::startSelected);
    m_historyTable->setObjectName(u"historyTable"_s);
    m_historyTable->setModel(m_history);
    setupTable(m_historyTable);
    connect(m_historyTable, &QTableView::activated, this, &RunbooksView::openSelectedRun);

    m_startButton->setObjectName(u"startRunButton"_s);
    m_startButton->setToolTip(tr("Start a run of the selected runbook (Enter)"));
    connect(m_startButton, &QPushButton::clicked, this, &RunbooksView::startSelected);
    m_openButton->setObjectName(u"openRunButton"_s);
    m_openButton->setToolTip(tr("Open the selected run read-only (Enter)"));
    connect(m_openButton, &QPushButton::clicked, this, &RunbooksView::openSelectedRun);

    auto *listPage = new QWidget(this);
    auto *ll = new QVBoxLayout(listPage);
    ll->addWidget(m_table, 1);
    auto *lb = new QHBoxLayout;
    lb->addStretch(1);
    lb->addWidget(m_startButton);
    ll->addLayout(lb);

    auto *historyPage = new QWidget(this);
    auto *hl = new QVBoxLayout(historyPage);
    hl->addWidget(m_historyTable, 1);
    auto *hb = new QHBoxLayout;
    hb->addStretch(1);
    hb->addWidget(m_openButton);
    hl->addLayout(hb);

    m_tabs->setObjectName(u"runbooksTabs"_s);
    m_tabs->addTab(listPage, tr("Runbooks"));
    m_tabs->addTab(historyPage, tr("History"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1)
            refreshHistory();
    });

    auto *overview = new QWidget(this);
    auto *ol = new QVBoxLayout(overview);
    ol->setContentsMargins(0, 0, 0, 0);
    auto *title = new QLabel(tr("Runbooks"), overview);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    title->setFont(f);
    ol->addWidget(title);
    ol->addWidget(m_resumeBanner);
    ol->addWidget(m_problems);
    ol->addWidget(m_tabs, 1);

    m_stack->setObjectName(u"runbooksStack"_s);
    m_stack->addWidget(overview);
    m_stack->addWidget(m_wizard);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
}

void RunbooksView::setStepRunner(StepRunner *runner)
{
    m_wizard->setStepRunner(runner);
    m_wizard->setRunAvailable(runner != nullptr);
}

void RunbooksView::setRunUnavailable(const QString &why)
{
    m_wizard->setRunAvailable(false, why);
}

void RunbooksView::setDatabase(std::shared_ptr<Database> database)
{
    m_db = std::move(database);
    m_store = m_db ? std::make_unique<RunStore>(m_db) : nullptr;
    refreshHistory();
    checkUnfinished();
    m_board->start();
}

void RunbooksView::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    const QDate anchor = QDate::fromString(workspace.settings.maintenanceAnchor, Qt::ISODate);
    m_board->setWorkspaceAnchor(anchor);
    QStringList folders;
    const QDir base = QFileInfo(workspace.filePath).absoluteDir();
    for (const QString &folder : workspace.runbookFolders)
        folders.append(QDir::cleanPath(base.absoluteFilePath(folder)));
    const QStringList scratch = workspace.settings.scratchTargets;
    m_catalogWatcher.setFuture(
        QtConcurrent::run([folders, scratch] { return RunbookCatalog::load(folders, scratch); }));
}

void RunbooksView::setEnvironment(const QString &environment)
{
    m_environment = environment;
    // "local" in a schedule means the environment's zone.
    if (const Environment *env = m_workspace.environment(environment)) {
        const QTimeZone zone(env->timeZone.toUtf8());
        if (zone.isValid())
            m_board->setDefaultZone(zone);
    }
    m_board->setRunbooks(m_runbooks);
    m_board->refresh();
}

void RunbooksView::setRunbooks(const QList<Runbook> &runbooks, const QStringList &problems)
{
    m_runbooks = runbooks;
    m_board->setRunbooks(runbooks);
    refreshHistory(); // sets each runbook's last completed run, then refreshes the board
    if (problems.isEmpty()) {
        m_problems->hide();
    } else {
        showProblem(tr("Some runbooks could not be read:\n%1").arg(problems.join(u'\n')));
    }
    Q_EMIT runbooksLoaded(int(runbooks.size()));
}

void RunbooksView::showProblem(const QString &text)
{
    m_problems->setText(text);
    m_problems->show();
}

void RunbooksView::refreshModel()
{
    const QString selected = m_table->currentIndex().data(RunbooksModel::SourcePathRole).toString();
    m_model->setEntries(m_board->entries(), m_runbooks);
    const int row = m_model->rowOf(selected);
    if (row >= 0)
        m_table->selectRow(row);
    else if (m_model->rowCount() > 0 && !m_table->currentIndex().isValid())
        m_table->selectRow(0);
}

void RunbooksView::refreshHistory()
{
    if (m_store) {
        auto history = m_store->history();
        if (!history) {
            showProblem(history.error().message);
        } else {
            m_history->setEntries(*history);
            // Newest first, so the first signed-off run per runbook is its latest.
            QSet<QString> seen;
            for (const RunHistoryEntry &e : std::as_const(*history)) {
                if (e.state != u"signed-off"_s || seen.contains(e.runbookSourcePath))
                    continue;
                seen.insert(e.runbookSourcePath);
                m_board->setLastCompleted(e.runbookSourcePath, e.finishedAt);
            }
        }
    }
    m_board->refresh();
}

void RunbooksView::announceDue(const Runbook &runbook)
{
    QDateTime occurrence;
    Schedule::Status status = Schedule::Status::Due;
    for (const ScheduleBoard::Entry &e : m_board->entries()) {
        if (e.runbook.sourcePath == runbook.sourcePath) {
            occurrence = e.occurrence;
            status = e.status;
        }
    }
    const QString key = runbook.sourcePath + u'@' + occurrence.toString(Qt::ISODate);
    if (!m_notifier || m_announced.contains(key))
        return;
    m_announced.insert(key);
    const QString title = status == Schedule::Status::Overdue
                              ? tr("Runbook overdue: %1").arg(runbook.title)
                              : tr("Runbook due: %1").arg(runbook.title);
    m_notifier->notify(title,
                       tr("Scheduled %1 (%2). Open Runbooks to start the checklist.")
                           .arg(QLocale().toString(occurrence.toLocalTime(), QLocale::ShortFormat),
                                runbook.schedule),
                       status == Schedule::Status::Overdue ? Notifier::Urgency::Critical
                                                           : Notifier::Urgency::Normal);
}

void RunbooksView::checkUnfinished()
{
    m_offeredRun = 0;
    m_resumeBanner->hide();
    if (!m_store)
        return;
    auto open = m_store->unfinishedRuns();
    if (!open) {
        showProblem(open.error().message);
        return;
    }
    // The run in the wizard is being worked on, not interrupted.
    if (m_wizard->hasRun() && !m_wizard->isReadOnly()) {
        const qint64 current = m_wizard->run().runId();
        open->removeIf([current](const RunSummary &s) { return s.runId == current; });
    }
    if (open->isEmpty())
        return;
    const RunSummary &latest = open->constLast();
    int steps = 0;
    for (const RunHistoryEntry &e : m_history->entries()) {
        if (e.runId == latest.runId)
            steps = e.stepCount;
    }
    m_offeredRun = latest.runId;
    QString text =
        tr("%1 (%2) was interrupted at step %3 of %4, started %5.")
            .arg(latest.runbookTitle, latest.environment)
            .arg(latest.currentStep + 1)
            .arg(steps)
            .arg(QLocale().toString(latest.startedAt.toLocalTime(), QLocale::ShortFormat));
    if (open->size() > 1) {
        text += u' ' +
                tr("%n more unfinished run(s) are in the History.", nullptr, int(open->size() - 1));
    }
    m_resumeLabel->setText(text);
    m_resumeBanner->show();
}

Runbook RunbooksView::runbookFor(const QString &sourcePath, const QString &title) const
{
    for (const Runbook &rb : m_runbooks) {
        if (rb.sourcePath == sourcePath)
            return rb;
    }
    // Not in the catalog (a folder left the workspace): read the file if it is still there.
    if (auto parsed = RunbookParser::parseFile(sourcePath))
        return *parsed;
    Runbook missing;
    missing.title = title;
    missing.sourcePath = sourcePath;
    return missing;
}

Result<void> RunbooksView::startRun(const QString &sourcePath,
                                    const QList<RunParameter> &parameters)
{
    if (!m_store) {
        return fail(u"checklist.no_store"_s,
                    tr("Runs cannot be recorded: the local database is not open."));
    }
    const Runbook rb = runbookFor(sourcePath, {});
    if (rb.stepCount() == 0) {
        return fail(u"checklist.empty_runbook"_s,
                    tr("“%1” has no steps to walk. Check the file: %2")
                        .arg(rb.title.isEmpty() ? sourcePath : rb.title, sourcePath));
    }
    auto run = m_store->start(rb, m_environment, parameters, QDateTime::currentDateTimeUtc());
    if (!run)
        return tl::unexpected(run.error());
    m_wizard->setRun(*run, rb, m_workspace);
    showWizard();
    refreshHistory();
    return {};
}

Result<void> RunbooksView::resumeRun(qint64 runId)
{
    if (!m_store)
        return fail(u"checklist.no_store"_s, tr("The local database is not open."));
    auto run = m_store->load(runId);
    if (!run)
        return tl::unexpected(run.error());
    m_wizard->setRun(*run, runbookFor(run->runbookSourcePath(), run->runbookTitle()), m_workspace);
    m_wizard->selectStep(run->currentStep());
    showWizard();
    checkUnfinished();
    return {};
}

Result<void> RunbooksView::discardRun(qint64 runId)
{
    if (!m_store)
        return fail(u"checklist.no_store"_s, tr("The local database is not open."));
    if (auto ok = m_store->abandon(runId, QDateTime::currentDateTimeUtc()); !ok)
        return ok;
    refreshHistory();
    checkUnfinished();
    return {};
}

Result<void> RunbooksView::openRunReadOnly(qint64 runId)
{
    if (!m_store)
        return fail(u"checklist.no_store"_s, tr("The local database is not open."));
    // Loading marks a running step interrupted; reading history must not, so an open run
    // is resumed instead of being looked at.
    for (const RunHistoryEntry &e : m_history->entries()) {
        if (e.runId == runId && e.state == u"open"_s)
            return resumeRun(runId);
    }
    auto run = m_store->load(runId);
    if (!run)
        return tl::unexpected(run.error());
    m_wizard->setRun(*run, runbookFor(run->runbookSourcePath(), run->runbookTitle()), m_workspace,
                     true);
    showWizard();
    return {};
}

void RunbooksView::fetchAuditHead(const QDateTime &since)
{
    m_wizard->setAuditHead({});
    if (!m_db)
        return;
    // Reading the audit log blocks; the head arrives before anyone exports a report.
    m_auditWatcher.setFuture(QtConcurrent::run([db = m_db, since]() -> QString {
        const AuditLog log(db, {});
        AuditFilter recent;
        recent.from = since;
        auto records = log.query(recent);
        if (records && records->isEmpty())
            records = log.query();
        db->releaseThreadConnection();
        return records && !records->isEmpty() ? records->constLast().hash : QString();
    }));
}

void RunbooksView::startSelected()
{
    const QModelIndex index = m_table->currentIndex();
    if (!index.isValid())
        return;
    const Runbook rb = m_model->row(index.row()).runbook;
    if (rb.parameters.isEmpty()) {
        if (auto r = startRun(rb.sourcePath, {}); !r)
            showProblem(r.error().message);
        return;
    }
    auto *dialog = new RunParametersDialog(rb, this);
    dialog->setObjectName(u"runParametersDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, path = rb.sourcePath] {
        if (auto r = startRun(path, dialog->parameters()); !r)
            showProblem(r.error().message);
    });
    dialog->open();
    dialog->activateWindow();
}

void RunbooksView::openSelectedRun()
{
    const QModelIndex index = m_historyTable->currentIndex();
    if (!index.isValid())
        return;
    const qint64 id =
        m_history->data(m_history->index(index.row(), 0), RunHistoryModel::RunIdRole).toLongLong();
    if (auto r = openRunReadOnly(id); !r)
        showProblem(r.error().message);
}

bool RunbooksView::isWizardShown() const
{
    return m_stack->currentWidget() == m_wizard;
}

void RunbooksView::showWizard()
{
    m_problems->hide();
    fetchAuditHead(m_wizard->run().startedAt());
    m_stack->setCurrentWidget(m_wizard);
    m_wizard->setFocus();
}

void RunbooksView::showList()
{
    m_stack->setCurrentIndex(0);
    refreshHistory();
    checkUnfinished();
    m_table->setFocus();
}

} // namespace ph
