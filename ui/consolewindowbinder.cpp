// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/consolewindowbinder.h"

#include "audit/sealkey.h"
#include "checklist/steprunner.h"
#include "console/auditrecorder.h"
#include "console/browsertunnels.h"
#include "console/console.h"
#include "console/hostcommands.h"
#include "console/hostfactscollector.h"
#include "notify/dbusnotifier.h"
#include "probes/probeengine.h"
#include "probes/secretstorekeyprovider.h"
#include "secrets/secretstore.h"
#include "ssh/sshconfigimport.h"
#include "ssh/sshtunnelprovider.h"
#include "ui/alerts/alertsview.h"
#include "ui/audit/auditview.h"
#include "ui/backups/backupspanel.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dashboards/hostfactspanel.h"
#include "ui/dashboards/queuepanel.h"
#include "ui/dialogs/credentialsdialog.h"
#include "ui/dialogs/secretprompt.h"
#include "ui/dialogs/sshconfigimportdialog.h"
#include "ui/mainwindow.h"
#include "ui/payouts/payoutspanel.h"
#include "ui/remote/remoteview.h"
#include "ui/runbooks/runbooksview.h"
#include "ui/settings/knownhostspage.h"
#include "ui/widgets/tunnelindicator.h"

#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFutureWatcher>
#include <QPointer>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Hosts imported from ~/.ssh/config live in memory beside the workspace (whose file is the
// user's and never rewritten); a workspace host of the same name wins.
Workspace withImported(Workspace ws, const QList<Host> &imported)
{
    for (const Host &h : imported) {
        if (!ws.host(h.name))
            ws.hosts.append(h);
    }
    return ws;
}

} // namespace

ConsoleWindowBinder::ConsoleWindowBinder(Console *console, MainWindow *window)
    : QObject(window)
{
    auto imported = std::make_shared<QList<Host>>();
    connect(console, &Console::workspaceLoaded, window,
            [window, console, imported](const Workspace &ws, const QStringList &warnings) {
                window->setWorkspace(withImported(ws, *imported), warnings);
                window->setEnvironment(console->environment());
            });
    connect(console, &Console::workspaceFailed, window, &MainWindow::showWorkspaceError);
    connect(console, &Console::storageFailed, window, &MainWindow::showWorkspaceError);
    connect(console, &Console::resultReady, window, &MainWindow::applyResult);
    window->payoutsPanel()->setFetcher(console->fetcher());
    window->backupsPanel()->setHostCommands(console->hostCommands());
    connect(console, &Console::environmentChanged, window, &MainWindow::setEnvironment);
    window->alertsView()->setCenter(console->alerts());
    connect(console, &Console::uptimeReady, window->healthView()->model(), &HealthModel::setUptime);
    connect(window, &MainWindow::environmentChanged, console, &Console::setEnvironment);
    connect(window, &MainWindow::refreshRequested, console, &Console::checkNow);
    // One question per host at a time for the window's actions outside the Remote view.
    auto *prompt =
        new SecretPrompt(console->hostCommands()->credentials(), console->secrets(), window);
    connect(prompt, &SecretPrompt::saveFailed, window,
            [window](const QString &message) { window->setStatusMessage(message); });
    window->backupsPanel()->setSecretPrompt(prompt);
    // A probe tunnel whose login lacks its secret: asked only when the user clicks, then
    // the tunnel logs in afresh and the services are checked again at once.
    connect(window->healthView(), &HealthView::secretRequested, prompt,
            [console, prompt](const QString &name) {
                const Host *host = console->workspace().host(name);
                if (!host)
                    return;
                prompt->ask(*host, prompt, [console, name](Result<void> answer) {
                    if (!answer)
                        return;
                    if (SshTunnelProvider *tunnels = console->tunnels())
                        tunnels->retryHost(name);
                    console->checkNow();
                });
            });
    if (HostFactsCollector *facts = console->hostFacts()) {
        HostFactsPanel *panel = window->healthView()->hostFacts();
        connect(
            panel, &HostFactsPanel::secretRequested, prompt,
            [console, prompt, facts = QPointer<HostFactsCollector>(facts)](const QString &name) {
                const Host *host = console->hostCommands()->host(name);
                if (!host)
                    return;
                prompt->ask(*host, prompt, [facts](Result<void> answer) {
                    if (answer && facts)
                        facts->collectNow();
                });
            });
        panel->setHosts(facts->hosts());
        for (const HostFacts &f : facts->latest())
            panel->setFacts(f);
        connect(facts, &HostFactsCollector::hostsChanged, panel, &HostFactsPanel::setHosts);
        connect(facts, &HostFactsCollector::factsReady, panel, &HostFactsPanel::setFacts);
        connect(panel, &HostFactsPanel::refreshRequested, facts, &HostFactsCollector::collectNow);
        connect(window, &MainWindow::refreshRequested, facts, &HostFactsCollector::collectNow);
    }
    connect(window, &MainWindow::credentialsRequested, window, [console, window] {
        auto *dialog = new CredentialsDialog(console->secrets(), console->workspace(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(window, &MainWindow::sshConfigImportRequested, window, [console, window, imported] {
        QStringList environments;
        for (const Environment &e : console->workspace().environments)
            environments << e.name;
        auto *dialog =
            new SshConfigImportDialog(SshConfigImport::defaultPath(), environments, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, window, [dialog, console, window, imported] {
            int added = 0;
            for (const Host &h : dialog->hosts()) {
                const auto same = [&h](const Host &o) {
                    return o.name == h.name;
                };
                imported->removeIf(same);
                if (!console->workspace().host(h.name)) {
                    imported->append(h);
                    ++added;
                }
            }
            window->setWorkspace(withImported(console->workspace(), *imported),
                                 console->warnings());
            window->setEnvironment(console->environment());
            window->setStatusMessage(
                tr("Imported %n host(s) from ~/.ssh/config into \"%1\" (kept until you quit).",
                   nullptr, added)
                    .arg(dialog->environment()));
        });
        dialog->open();
    });
    connect(window, &MainWindow::knownHostsRequested, window, [window] {
        auto *dialog = new QDialog(window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(u"knownHostsDialog"_s);
        dialog->setWindowTitle(tr("Known hosts"));
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(new KnownHostsPage(KnownHostsPage::defaultConsoleFile(),
                                             KnownHostsPage::defaultUserFile(), dialog));
        auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        layout->addWidget(buttons);
        dialog->resize(900, 640);
        dialog->open();
    });
    connect(window, &MainWindow::auditLogRequested, window, [console, window] {
        if (auto *open = window->findChild<AuditView *>()) {
            open->raise();
            open->activateWindow();
            open->refresh();
            return;
        }
        const std::shared_ptr<Database> db = console->database();
        if (!db) {
            window->setStatusMessage(tr("The audit log is not available: the local database "
                                        "is not open."));
            return;
        }
        auto *view = new AuditView(db, window);
        view->setWindowFlag(Qt::Window);
        view->setAttribute(Qt::WA_DeleteOnClose);
        QStringList environments, hosts;
        for (const Environment &e : console->workspace().environments)
            environments << e.name;
        for (const Host &h : console->workspace().hosts)
            hosts << h.name;
        view->setChoices(environments, hosts);
        console->secrets()->read(kSealKeyEntry, view,
                                 [view](Result<QString> key) { view->setStoredSealKey(key); });
        view->show();
    });

    // The Remote view reads SSH secrets from the console's keychain service and writes
    // its audit events to the console's database.
    window->remoteView()->setSecretStore(console->secrets());
    window->remoteView()->setHostCredentials(console->hostCommands()->credentials());
    window->remoteView()->setAudit(console->auditRecorder());

    // "Open in browser": services with `via` through a tunnel, listed in the status bar.
    if (BrowserTunnels *tunnels = console->browserTunnels()) {
        tunnels->setUrlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); });
        connect(window->healthView(), &HealthView::openInBrowserRequested, tunnels,
                &BrowserTunnels::open);
        connect(window->remoteView(), &RemoteView::openInBrowserRequested, tunnels,
                &BrowserTunnels::open);
        connect(tunnels, &BrowserTunnels::opened, window,
                [window](const QString &service, const QUrl &url) {
                    window->setStatusMessage(tr("Opened %1 at %2").arg(service, url.toString()));
                });
        // A tunnel host's missing secret is asked for (once), then the service opens.
        askForTunnelSecrets(
            tunnels, prompt,
            [window = QPointer<MainWindow>(window)](const QString &service, const Error &error) {
                if (window)
                    window->setStatusMessage(
                        tr("Could not open %1: %2").arg(service, error.message));
            });
        auto *indicator = new TunnelIndicator(window);
        indicator->setTunnels(tunnels);
        window->statusBar()->addPermanentWidget(indicator);
    }
    connect(window->backupsPanel(), &BackupsPanel::auditEvent, console->auditRecorder(),
            &AuditRecorder::record);
    window->queuePanel()->setFetcher(console->fetcher());
    window->queuePanel()->setProductionCheck([console](const QString &name) {
        const Environment *env = console->workspace().environment(name);
        return !env || env->production;
    });
    connect(window->queuePanel(), &QueuePanel::auditEvent, console->auditRecorder(),
            &AuditRecorder::record);

    // The engine follows the OS's network information; the status bar mirrors it.
    auto *networkPoll = new QTimer(this);
    networkPoll->setInterval(2000);
    connect(networkPoll, &QTimer::timeout, window,
            [console, window] { window->setOnline(console->engine()->isNetworkOnline()); });
    networkPoll->start();

    // Runbooks: runs live in the console's database; due runbooks notify the desktop.
    // The notifier is the window's child, so it lives exactly as long as the view using it.
    window->runbooksView()->setNotifier(new DBusNotifier(window));
    window->runbooksView()->setDatabase(console->database());

    // Steps run through the same executor as `pilothouse-cli runbook run`. It refuses to run
    // anything unaudited, so it is handed to the view once the seal key has been read (off
    // the GUI thread: the keychain may take its time or ask the user).
    auto *runner = new StepRunner(window);
    runner->setKeyProvider(console->keyProvider());
    runner->setTunnelProvider(console->tunnels());
    runner->setWorkspace(console->workspace());
    connect(console, &Console::workspaceLoaded, runner,
            [runner](const Workspace &ws) { runner->setWorkspace(ws); });
    auto *sealKey = new QFutureWatcher<Result<QByteArray>>(runner);
    connect(sealKey, &QFutureWatcher<Result<QByteArray>>::finished, window,
            [sealKey, runner, console, window] {
                const Result<QByteArray> key = sealKey->result();
                sealKey->deleteLater();
                if (!key) {
                    window->runbooksView()->setRunUnavailable(
                        tr("Steps cannot be run from the console because the audit log's key "
                           "is not available: %1. Run the command in a terminal, then mark the "
                           "step done.")
                            .arg(key.error().message));
                    return;
                }
                runner->setAuditLog(console->database(), *key);
                window->runbooksView()->setStepRunner(runner);
            });
    sealKey->setFuture(QtConcurrent::run(
        [keys = AuditRecorder::keychainStore(console->secrets())] { return obtainSealKey(keys); }));

    window->setWorkspace(console->workspace(), console->warnings());
    window->setEnvironment(console->environment());
}

} // namespace ph
