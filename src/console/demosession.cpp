// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/demosession.h"

#include "core/paths.h"
#include "demo/simulatorprocess.h"
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

// Resources compiled into a static library are only linked in when named.
static void initDemoResources()
{
    Q_INIT_RESOURCE(demo);
}

namespace ph {

DemoSession::DemoSession(QObject *parent)
    : QObject(parent)
    , m_sim(new SimulatorProcess(this))
{
}

DemoSession::~DemoSession() = default;

Result<Console::Options> DemoSession::start()
{
    if (auto started =
            m_sim->start({u"--exit-with-parent"_s, u"--key"_s, QString::fromLatin1(kDashboardKey)});
        !started)
        return tl::unexpected(started.error());

    initDemoResources();
    const QString root = paths::dataDir() + u"/demo"_s;
    QDir().mkpath(root);
    const QString file = root + u"/demo.workspace.jsonc"_s;
    QFile in(u":/demo/demo.workspace.jsonc"_s);
    QFile out(file);
    if (!in.open(QIODevice::ReadOnly))
        return fail(u"demo.workspace"_s,
                    QCoreApplication::translate("DemoSession",
                                                "The bundled demo workspace is missing from "
                                                "this build."),
                    in.errorString());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return fail(
            u"demo.workspace"_s,
            QCoreApplication::translate("DemoSession", "Could not write the demo workspace to %1.")
                .arg(file),
            out.errorString());
    out.write(in.readAll());
    out.close();

    Console::Options options;
    options.workspacePath = file;
    options.keychainService = QString::fromLatin1(kKeychainService);
    options.databasePath = root + u"/demo.sqlite"_s;
    const auto ports = m_sim->ports();
    for (auto it = ports.cbegin(); it != ports.cend(); ++it)
        options.variables.insert(u"sim."_s + it.key(), QString::number(it.value()));
    options.variables.insert(u"demo.root"_s, root);
    // The demo SSH host arrives with the runbooks; until then the port is a placeholder.
    options.variables.insert(u"demo.ssh_port"_s, u"22"_s);
    const QString user = qEnvironmentVariable("USER", u"demo"_s);
    options.variables.insert(u"demo.user"_s, user.isEmpty() ? u"demo"_s : user);
    options.variables.insert(u"demo.identity"_s, root + u"/id_ed25519"_s);
    return options;
}

void DemoSession::provisionKey(SecretStore *store, const QString &workspaceName, QObject *context,
                               std::function<void(Result<void>)> done)
{
    store->write(SecretStore::entryName(workspaceName, u"echopilot-dash-key"_s),
                 QString::fromLatin1(kDashboardKey), context, std::move(done));
}

} // namespace ph
