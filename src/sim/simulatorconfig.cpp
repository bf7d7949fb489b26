// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simulatorconfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("SimulatorConfig", text);
}

} // namespace

void SimulatorConfig::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {u"seed"_s, tr("Derive every figure from seed <n> (deterministic bodies)."), u"n"_s});
    parser.addOption({u"key"_s, tr("Dashboard key EchoPilot expects in X-Dash-Key."), u"key"_s,
                      u"demo-dash-key"_s});
    parser.addOption(
        {u"services"_s, tr("Also serve <n> synthetic services synthetic-0.."), u"n"_s, u"0"_s});
    parser.addOption({u"endpoints-per-service"_s,
                      tr("Endpoints /ep/0../ep/<n-1> on each synthetic service."), u"n"_s, u"1"_s});
    parser.addOption({u"no-jitter"_s, tr("Answer without artificial latency.")});
    parser.addOption(
        {u"exit-with-parent"_s, tr("Terminate when the process that started the simulator dies.")});
}

Result<SimulatorConfig> SimulatorConfig::fromParser(const QCommandLineParser &parser)
{
    SimulatorConfig config;
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        config.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok) {
            return fail(u"sim.options"_s, tr("--seed needs a whole number such as 42, not \"%1\".")
                                              .arg(parser.value(u"seed"_s)));
        }
        config.seeded = true;
    }
    config.dashKey = parser.value(u"key"_s);
    if (config.dashKey.isEmpty())
        return fail(u"sim.options"_s, tr("--key must not be empty."));

    const auto count = [&](const QString &name, int min, int max, int &target) -> Result<void> {
        bool ok = false;
        const int value = parser.value(name).toInt(&ok);
        if (!ok || value < min || value > max) {
            return fail(u"sim.options"_s, tr("--%1 needs a whole number from %2 to %3, not \"%4\".")
                                              .arg(name)
                                              .arg(min)
                                              .arg(max)
                                              .arg(parser.value(name)));
        }
        target = value;
        return {};
    };
    if (auto ok = count(u"services"_s, 0, 1000, config.syntheticServices); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = count(u"endpoints-per-service"_s, 1, 1000000, config.endpointsPerService); !ok)
        return tl::unexpected(ok.error());
    config.jitter = !parser.isSet(u"no-jitter"_s);
    config.exitWithParent = parser.isSet(u"exit-with-parent"_s);
    return config;
}

} // namespace ph
