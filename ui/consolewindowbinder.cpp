// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/consolewindowbinder.h"

#include "console/console.h"
#include "notify/dbusnotifier.h"
#include "probes/probeengine.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/dialogs/credentialsdialog.h"
#include "ui/mainwindow.h"
#include "ui/payouts/payoutspanel.h"
#include "ui/runbooks/runbooksview.h"

#include <QTimer>

namespace ph {

ConsoleWindowBinder::ConsoleWindowBinder(Console *console, MainWindow *window)
    : QObject(window)
{
    connect(console, &Console::workspaceLoaded, window,
            [window, console](const Workspace &ws, const QStringList &warnings) {
                window->setWorkspace(ws, warnings);
                window->setEnvironment(console->environment());
            });
    connect(console, &Console::workspaceFailed, window, &MainWindow::showWorkspaceError);
    connect(console, &Console::storageFailed, window, &MainWindow::showWorkspaceError);
    connect(console, &Console::resultReady, window, &MainWindow::applyResult);
    window->payoutsPanel()->setFetcher(console->fetcher());
    connect(console, &Console::environmentChanged, window, &MainWindow::setEnvironment);
    connect(console, &Console::uptimeReady, window->healthView()->model(), &HealthModel::setUptime);
    connect(window, &MainWindow::environmentChanged, console, &Console::setEnvironment);
    connect(window, &MainWindow::refreshRequested, console, &Console::checkNow);
    connect(window, &MainWindow::credentialsRequested, window, [console, window] {
        auto *dialog = new CredentialsDialog(console->secrets(), console->workspace(), window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });

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

    window->setWorkspace(console->workspace(), console->warnings());
    window->setEnvironment(console->environment());
}

} // namespace ph
