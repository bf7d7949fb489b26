// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/mainwindow.h"

#include "ui/alerts/alertsview.h"
#include "ui/backups/backupspanel.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dashboards/hostfactspanel.h"
#include "ui/dashboards/queuepanel.h"
#include "ui/dashboards/slopanel.h"
#include "ui/payouts/payoutspanel.h"
#include "ui/remote/remoteview.h"
#include "ui/runbooks/runbooksview.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ph {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_nav(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_health(new HealthView(this))
    , m_slo(new SloPanel(this))
    , m_queues(new QueuePanel(this))
    , m_payouts(new PayoutsPanel(this))
    , m_backups(new BackupsPanel(this))
    , m_remote(new RemoteView(this))
    , m_alerts(new AlertsView(this))
    , m_runbooks(new RunbooksView(this))
    , m_envSwitcher(new QComboBox(this))
    , m_productionBar(new QFrame(this))
    , m_productionLabel(new QLabel(this))
    , m_errorBanner(new QFrame(this))
    , m_errorLabel(new QLabel(this))
    , m_workspaceLabel(new QLabel(this))
    , m_networkLabel(new QLabel(this))
    , m_demoLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Pilothouse"));

    // Navigation, in the order an on-call engineer looks at things.
    m_nav->setObjectName(u"navigation"_s);
    const QStringList names = {tr("Health"),  tr("SLOs"),   tr("Queues"),   tr("Backups"),
                               tr("Payouts"), tr("Alerts"), tr("Runbooks"), tr("Remote")};
    for (const QString &n : names)
        m_nav->addItem(n);
    m_nav->setFixedWidth(150);
    m_nav->setSpacing(2);

    m_pages->setObjectName(u"pages"_s);
    m_pages->addWidget(m_health);
    m_pages->addWidget(m_slo);
    m_pages->addWidget(m_queues);
    m_pages->addWidget(m_backups);
    m_pages->addWidget(m_payouts);
    m_pages->addWidget(m_alerts);
    connect(m_alerts, &AlertsView::activeCountChanged, this, [this](int n) {
        m_nav->item(AlertsPage)->setText(n > 0 ? tr("Alerts (%1)").arg(n) : tr("Alerts"));
    });
    connect(m_alerts, &AlertsView::runbookRequested, this, [this] { showPage(RunbooksPage); });
    m_pages->addWidget(m_runbooks);
    m_pages->addWidget(m_remote);
    connect(m_nav, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);

    // The production marking: a strip that cannot be missed whenever production is shown.
    m_productionBar->setObjectName(u"productionBar"_s);
    m_productionBar->setAutoFillBackground(true);
    QPalette pal = m_productionBar->palette();
    pal.setColor(QPalette::Window, QColor(0xc0, 0x1c, 0x28));
    pal.setColor(QPalette::WindowText, Qt::white);
    m_productionBar->setPalette(pal);
    m_productionLabel->setObjectName(u"productionLabel"_s);
    QFont bold = m_productionLabel->font();
    bold.setBold(true);
    m_productionLabel->setFont(bold);
    auto *pl = new QHBoxLayout(m_productionBar);
    pl->setContentsMargins(8, 3, 8, 3);
    pl->addWidget(m_productionLabel);
    m_productionBar->hide();

    // Workspace errors are shown where the user is looking, and say what stays loaded.
    m_errorBanner->setObjectName(u"workspaceErrorBanner"_s);
    m_errorBanner->setAutoFillBackground(true);
    QPalette epal = m_errorBanner->palette();
    epal.setColor(QPalette::Window, QColor(0xfd, 0xe7, 0xe9));
    epal.setColor(QPalette::WindowText, QColor(0x70, 0x10, 0x18));
    m_errorBanner->setPalette(epal);
    m_errorBanner->setFrameShape(QFrame::StyledPanel);
    m_errorLabel->setObjectName(u"workspaceErrorText"_s);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *el = new QHBoxLayout(m_errorBanner);
    el->setContentsMargins(8, 6, 8, 6);
    el->addWidget(m_errorLabel, 1);
    auto *dismiss = new QToolButton(m_errorBanner);
    dismiss->setText(tr("Dismiss"));
    el->addWidget(dismiss);
    connect(dismiss, &QToolButton::clicked, m_errorBanner, &QWidget::hide);
    m_errorBanner->hide();

    auto *central = new QWidget(this);
    auto *cl = new QVBoxLayout(central);
    cl->setContentsMargins(0, 0, 0, 0);
    cl->setSpacing(0);
    cl->addWidget(m_productionBar);
    cl->addWidget(m_errorBanner);
    auto *body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->addWidget(m_nav);
    body->addWidget(m_pages, 1);
    cl->addLayout(body, 1);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Environment"));
    toolbar->setObjectName(u"environmentToolbar"_s);
    toolbar->setMovable(false);
    toolbar->addWidget(new QLabel(tr("Environment: "), toolbar));
    m_envSwitcher->setObjectName(u"environmentSwitcher"_s);
    m_envSwitcher->setMinimumContentsLength(16);
    m_envSwitcher->setToolTip(tr("Which environment the dashboards show (Ctrl+E)"));
    toolbar->addWidget(m_envSwitcher);
    connect(m_envSwitcher, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0)
            return;
        updateProductionMarking();
        Q_EMIT environmentChanged(m_envSwitcher->itemData(i).toString());
    });

    auto *fileMenu = menuBar()->addMenu(tr("&File"));
    auto *credentials =
        fileMenu->addAction(tr("&Credentials…"), this, &MainWindow::credentialsRequested);
    credentials->setObjectName(u"credentialsAction"_s);
    credentials->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    auto *importSsh = fileMenu->addAction(tr("&Import hosts from ~/.ssh/config…"), this,
                                          &MainWindow::sshConfigImportRequested);
    importSsh->setObjectName(u"importSshConfigAction"_s);
    auto *knownHosts =
        fileMenu->addAction(tr("&Known hosts…"), this, &MainWindow::knownHostsRequested);
    knownHosts->setObjectName(u"knownHostsAction"_s);
    fileMenu->addSeparator();
    auto *quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    auto *viewMenu = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < PageCount; ++i) {
        auto *a = viewMenu->addAction(names.at(i), this, [this, i] { showPage(Page(i)); });
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }
    viewMenu->addSeparator();
    auto *refresh = viewMenu->addAction(tr("&Refresh now"), this, &MainWindow::refreshRequested);
    refresh->setShortcut(QKeySequence::Refresh);
    auto *env = viewMenu->addAction(tr("Choose &environment"), this, [this] {
        m_envSwitcher->setFocus();
        m_envSwitcher->showPopup();
    });
    env->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    auto *toolsMenu = menuBar()->addMenu(tr("&Tools"));
    auto *audit = toolsMenu->addAction(tr("&Audit log…"), this, &MainWindow::auditLogRequested);
    audit->setObjectName(u"auditLogAction"_s);
    audit->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));

    m_demoLabel->setObjectName(u"demoLabel"_s);
    m_demoLabel->setText(tr("DEMO — simulated services"));
    m_demoLabel->hide();
    m_networkLabel->setObjectName(u"networkLabel"_s);
    statusBar()->addWidget(m_workspaceLabel, 1);
    statusBar()->addPermanentWidget(m_demoLabel);
    statusBar()->addPermanentWidget(m_networkLabel);
    setOnline(true);

    m_nav->setCurrentRow(HealthPage);
    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(u"window/geometry"_s).toByteArray());
    restoreState(settings.value(u"window/state"_s).toByteArray());
}

MainWindow::~MainWindow() = default;

void MainWindow::showPage(Page page)
{
    m_nav->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

QString MainWindow::currentEnvironment() const
{
    return m_envSwitcher->currentData().toString();
}

void MainWindow::setWorkspace(const Workspace &workspace, const QStringList &warnings)
{
    m_workspace = workspace;
    m_remote->setWorkspace(workspace);
    const QString previous = currentEnvironment();
    {
        const QSignalBlocker block(m_envSwitcher);
        m_envSwitcher->clear();
        for (const Environment &e : workspace.environments) {
            const QString label = e.production ? tr("%1 — PRODUCTION").arg(e.name) : e.name;
            m_envSwitcher->addItem(label, e.name);
            if (e.production)
                m_envSwitcher->setItemData(m_envSwitcher->count() - 1, QColor(0xc0, 0x1c, 0x28),
                                           Qt::ForegroundRole);
        }
    }
    QSet<QString> production;
    for (const Environment &e : workspace.environments) {
        if (e.production)
            production.insert(e.name);
    }
    m_alerts->setProductionEnvironments(production);
    m_errorBanner->setVisible(!warnings.isEmpty());
    if (!warnings.isEmpty()) {
        m_errorLabel->setText(tr("Workspace loaded with warnings:\n%1").arg(warnings.join(u'\n')));
    }
    m_workspaceLabel->setText(
        tr("Workspace: %1 (%2)").arg(workspace.name, QFileInfo(workspace.filePath).fileName()));
    m_runbooks->setWorkspace(workspace);
    m_health->hostFacts()->setThresholds(workspace.thresholds);
    m_health->setWorkspace(workspace);
    const int keep = m_envSwitcher->findData(previous);
    const int index = keep >= 0 ? keep : 0;
    if (m_envSwitcher->count() > 0) {
        m_envSwitcher->setCurrentIndex(-1);
        m_envSwitcher->setCurrentIndex(index); // emits environmentChanged
    }
}

void MainWindow::setEnvironment(const QString &name)
{
    const int i = m_envSwitcher->findData(name);
    if (i >= 0)
        m_envSwitcher->setCurrentIndex(i);
    QList<Service> services;
    for (const Service &s : m_workspace.services) {
        if (s.environment == name)
            services.append(s);
    }
    m_health->model()->setServices(services);
    m_slo->setPrometheus([ws = m_workspace](const QString &env) { return ws.prometheusFor(env); },
                         m_workspace.settings.probeIntervalMs);
    m_slo->setServices(services, m_workspace.thresholds);
    m_queues->setServices(services, m_workspace.thresholds);
    m_payouts->setServices(services);
    QList<BackupJob> jobs;
    for (const BackupJob &job : m_workspace.backupJobs) {
        if (job.environment == name)
            jobs.append(job);
    }
    const Environment *env = m_workspace.environment(name);
    m_backups->setJobs(jobs, name, env && env->production, m_workspace.settings.scratchTargets);
    m_remote->setEnvironment(name);
    m_runbooks->setEnvironment(name);
}

void MainWindow::updateProductionMarking()
{
    const Environment *env = m_workspace.environment(currentEnvironment());
    const bool production = env && env->production;
    m_productionBar->setVisible(production);
    if (production)
        m_productionLabel->setText(tr("PRODUCTION — %1 (%2)").arg(env->name, env->timeZone));
    setWindowTitle(production ? tr("Pilothouse — %1 — PRODUCTION").arg(env->name)
                              : tr("Pilothouse — %1").arg(currentEnvironment()));
}

void MainWindow::showWorkspaceError(const Error &error)
{
    QString text = tr("The workspace file has an error; the previous workspace stays loaded.\n%1")
                       .arg(error.message);
    if (!error.detail.isEmpty())
        text += u'\n' + error.detail;
    m_errorLabel->setText(text);
    m_errorBanner->show();
}

void MainWindow::showKeychainError(const Error &error)
{
    m_errorLabel->setText(tr("The keychain cannot be used; endpoints that need a dashboard key "
                             "will fail until it can.\n%1")
                              .arg(error.message));
    m_errorBanner->show();
}

void MainWindow::applyResult(const ProbeResult &result)
{
    m_health->model()->applyResult(result);
    m_slo->applyResult(result);
    m_queues->applyResult(result);
    m_payouts->applyResult(result);
}

void MainWindow::setOnline(bool online)
{
    m_networkLabel->setText(online ? tr("Online") : tr("Offline — data is stale"));
}

void MainWindow::setStatusMessage(const QString &text)
{
    statusBar()->showMessage(text, 8000);
}

void MainWindow::setDemo(bool demo)
{
    m_demoLabel->setVisible(demo);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/state"_s, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace ph
