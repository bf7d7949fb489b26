// SPDX-License-Identifier: GPL-3.0-or-later
// The console: parse arguments, build the Console, show the window.
#include "app/pilothouse/benchhooks.h"
#include "console/console.h"
#include "console/demosession.h"
#include "core/paths.h"
#include "core/translations.h"
#include "notify/dbusnotifier.h"
#include "secrets/secretstore.h"
#include "ui/consolewindowbinder.h"
#include "ui/dashboards/healthview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTimer>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    ph::installTranslations(app);
    QApplication::setOrganizationName(u"Pilothouse"_s);
    QApplication::setApplicationName(u"pilothouse"_s);
    QApplication::setApplicationDisplayName(u"Pilothouse"_s);
    QApplication::setApplicationVersion(QStringLiteral(PILOTHOUSE_VERSION));
    QApplication::setDesktopFileName(u"io.pilothouse.Pilothouse"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Operations console for on-call engineers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOpt(
        {u"w"_s, u"workspace"_s}, QApplication::translate("main", "Open the workspace FILE."),
        QApplication::translate("main", "FILE"));
    const QCommandLineOption demoOpt(
        u"demo"_s,
        QApplication::translate("main", "Start the simulator and open the demo workspace."));
    const QCommandLineOption envOpt({u"e"_s, u"env"_s},
                                    QApplication::translate("main", "Show environment NAME."),
                                    QApplication::translate("main", "NAME"));
    parser.addOptions({workspaceOpt, demoOpt, envOpt});
    parser.process(app);

    ph::DemoSession demo;
    ph::Console::Options options;
    if (parser.isSet(demoOpt)) {
        auto started = demo.start();
        if (!started) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "Demo unavailable"),
                                  started.error().toString());
            return 2;
        }
        options = *started;
    } else {
        options.workspacePath = parser.isSet(workspaceOpt)
                                    ? parser.value(workspaceOpt)
                                    : ph::paths::configDir() + u"/workspace.jsonc"_s;
    }

    ph::DBusNotifier notifier;
    options.notifier = &notifier;
    ph::Console console;
    if (auto opened = console.open(options); !opened) {
        QMessageBox::critical(nullptr, QApplication::translate("main", "Cannot open the workspace"),
                              opened.error().toString());
        return 2;
    }

    ph::MainWindow window;
    window.setDemo(parser.isSet(demoOpt));
    ph::ConsoleWindowBinder binder(&console, &window);
    if (parser.isSet(envOpt))
        console.setEnvironment(parser.value(envOpt));

    if (qEnvironmentVariableIsSet("PILOTHOUSE_BENCH_STARTUP"))
        ph::installFirstRowsWatch(window.healthView(), sinceMain);
    bool exitAfterOk = false;
    const int exitAfterMs =
        qEnvironmentVariableIntValue("PILOTHOUSE_BENCH_EXIT_AFTER_MS", &exitAfterOk);
    if (exitAfterOk && exitAfterMs > 0) {
        QTimer::singleShot(exitAfterMs, &app, [exitAfterMs] {
            ph::reportResidentSet(exitAfterMs);
            QCoreApplication::quit();
        });
    }

    window.show();
    if (const auto sshError = demo.sshError())
        window.setStatusMessage(sshError->message);
    if (parser.isSet(demoOpt)) {
        // The demo's key goes into the demo keychain service before the first probe asks
        // for it; without a keychain the keyed endpoints say so and the rest still runs.
        demo.provisionKey(console.secrets(), console.workspace().name, &window,
                          [&](ph::Result<void> r) {
                              if (!r)
                                  window.showKeychainError(r.error());
                              console.start();
                          });
    } else {
        console.start();
    }
    return app.exec();
}
