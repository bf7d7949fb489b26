// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/translations.h"
#include "sim/simulator.h"
#include "sim/simulatorconfig.h"
#include "sim/terminationwatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ph::installTranslations(app);
    app.setApplicationName(u"pilothouse-sim"_s);
    app.setApplicationVersion(u"0.1.0"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Serves simulated EchoPilot and Bot Core APIs on 127.0.0.1 and prints one "
                "JSON line mapping service names to ports."));
    parser.addHelpOption();
    parser.addVersionOption();
    ph::SimulatorConfig::addOptions(parser);
    parser.process(app);

    const auto config = ph::SimulatorConfig::fromParser(parser);
    if (!config) {
        std::fprintf(stderr, "pilothouse-sim: %s\n", qPrintable(config.error().toString()));
        return 2;
    }
    if (config->exitWithParent) {
        if (const auto ok = ph::Simulator::exitWithParent(); !ok) {
            std::fprintf(stderr, "pilothouse-sim: %s\n", qPrintable(ok.error().toString()));
            return 1;
        }
    }

    ph::TerminationWatcher watcher;
    QObject::connect(&watcher, &ph::TerminationWatcher::terminationRequested, &app,
                     &QCoreApplication::quit);

    ph::Simulator simulator(*config);
    if (const auto ok = simulator.start(); !ok) {
        std::fprintf(stderr, "pilothouse-sim: %s\n", qPrintable(ok.error().toString()));
        return 1;
    }
    const QByteArray line = simulator.portMapJson() + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
    return app.exec();
}
