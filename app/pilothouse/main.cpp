// SPDX-License-Identifier: GPL-3.0-or-later
// The console: parse arguments, build the Console, show the window.
#include "console/console.h"
#include "console/demosession.h"
#include "core/paths.h"
#include "core/translations.h"
#include "notify/dbusnotifier.h"
#include "secrets/secretstore.h"
#include "ui/consolewindowbinder.h"
#include "ui/dashboards/healthmodel.h"
#include "ui/dashboards/healthview.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QMessageBox>
#include <QTableView>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Hooks for tests/bench/startup, inert unless its environment variables are set.
// Milliseconds since exec(), from the start time the kernel keeps in /proc/self/stat
// (clock ticks since boot, so ~10 ms resolution); -1 when it cannot be read.
qint64 msSinceExec()
{
    QFile stat(u"/proc/self/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name may hold spaces and parentheses: fields count from the last ')'.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    constexpr int StartTimeField = 22 - 3; // field 22 of stat(5); fields 1-2 are cut off
    if (fields.size() <= StartTimeField)
        return -1;
    const double startS = fields.at(StartTimeField).toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64((double(now.tv_sec) + double(now.tv_nsec) / 1e9 - startS) * 1000.0);
}

// Reports once, when the Health table paints while some row already holds a result:
// the moment a user first sees a check's outcome.
class FirstRowsWatch : public QObject
{
public:
    FirstRowsWatch(ph::HealthView *view, const QElapsedTimer &sinceMain)
        : QObject(view)
        , m_view(view)
        , m_sinceMain(sinceMain)
    {
        m_view->table()->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && hasResult()) {
            std::fprintf(stderr, "pilothouse-bench: first-rows exec_ms=%lld main_ms=%lld\n",
                         static_cast<long long>(msSinceExec()),
                         static_cast<long long>(m_sinceMain.elapsed()));
            watched->removeEventFilter(this);
        }
        return false;
    }

private:
    bool hasResult() const
    {
        const ph::HealthModel *model = m_view->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->rowAt(row).last.verdict != ph::Verdict::Unknown)
                return true;
        }
        return false;
    }

    ph::HealthView *m_view;
    QElapsedTimer m_sinceMain;
};

void printResidentSet(qint64 afterMs)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:")) {
            std::fprintf(stderr, "pilothouse-bench: rss_kb=%lld after_ms=%lld\n",
                         line.mid(6).trimmed().split(' ').value(0).toLongLong(),
                         static_cast<long long>(afterMs));
        }
    }
}

} // namespace

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
        new FirstRowsWatch(window.healthView(), sinceMain);
    bool exitAfterOk = false;
    const int exitAfterMs =
        qEnvironmentVariableIntValue("PILOTHOUSE_BENCH_EXIT_AFTER_MS", &exitAfterOk);
    if (exitAfterOk && exitAfterMs > 0) {
        QTimer::singleShot(exitAfterMs, &app, [exitAfterMs] {
            printResidentSet(exitAfterMs);
            QCoreApplication::quit();
        });
    }

    window.show();
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
