// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/probecommand.h"

#include "cli/exitcodes.h"
#include "console/demosession.h"
#include "core/paths.h"
#include "probes/keyprovider.h"
#include "probes/probesweep.h"
#include "secrets/secretstore.h"
#include "workspace/workspaceloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace ph::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ProbeCommand", text);
}

} // namespace

QJsonObject probeResultJson(const ProbeResult &r)
{
    return QJsonObject{
        {u"service"_s, r.service},
        {u"endpoint"_s, r.endpoint},
        {u"url"_s, r.url},
        {u"status_code"_s, r.statusCode > 0 ? QJsonValue(r.statusCode) : QJsonValue()},
        {u"latency_ms"_s, r.latencyMs >= 0 ? QJsonValue(r.latencyMs) : QJsonValue()},
        {u"verdict"_s, verdictName(r.verdict)},
        {u"error"_s, r.error.isEmpty() ? QJsonValue() : QJsonValue(r.error)},
    };
}

namespace {

void printTable(const QList<ProbeResult> &results, QTextStream &out)
{
    const QStringList header = {tr("SERVICE"), tr("ENDPOINT"), tr("VERDICT"),
                                tr("CODE"),    tr("LATENCY"),  tr("ERROR")};
    QList<QStringList> rows;
    for (const ProbeResult &r : results) {
        rows.append({r.service, r.endpoint, verdictName(r.verdict),
                     r.statusCode > 0 ? QString::number(r.statusCode) : u"-"_s,
                     r.latencyMs >= 0 ? QString::number(r.latencyMs) + u" ms"_s : u"-"_s, r.error});
    }
    QList<int> widths;
    for (int c = 0; c < header.size(); ++c) {
        int w = int(header.at(c).size());
        for (const QStringList &row : rows)
            w = std::max(w, int(row.at(c).size()));
        widths.append(w);
    }
    auto line = [&](const QStringList &cells) {
        QString text;
        for (int c = 0; c < cells.size(); ++c)
            text +=
                c + 1 < cells.size() ? cells.at(c).leftJustified(widths.at(c) + 2) : cells.at(c);
        out << text.trimmed() << '\n';
    };
    line(header);
    for (const QStringList &row : rows)
        line(row);
}

/// The keys the sweep needs, read before it starts so the sweep itself never waits.
struct KeyOutcome
{
    StaticKeyProvider provider;
    QString keychainError; ///< set when the keychain itself cannot be used
};

void collectKeys(const Workspace &ws, const QList<Service> &services, bool demo,
                 const QString &stdinName, const QString &stdinValue,
                 const QString &keychainService, KeyOutcome &outcome)
{
    QSet<QString> refs;
    for (const Service &s : services) {
        for (const EndpointSpec &e : s.endpoints) {
            if (e.probe && e.needsKey && !s.dashboardKeyRef.isEmpty())
                refs.insert(s.dashboardKeyRef);
        }
    }
    SecretStore store(keychainService);
    for (const QString &ref : std::as_const(refs)) {
        const QString entry = SecretStore::entryName(ws.name, ref);
        if (demo) {
            outcome.provider.setKey(ref, QString::fromLatin1(DemoSession::kDashboardKey));
            continue;
        }
        if (!stdinName.isEmpty() && (stdinName == ref || stdinName == entry)) {
            outcome.provider.setKey(ref, stdinValue);
            continue;
        }
        auto value = store.readBlocking(entry);
        if (value) {
            outcome.provider.setKey(ref, *value);
        } else if (value.error().code != u"keychain.not_found"_s) {
            // Not set is the probe's to report; a keychain that cannot be used is ours.
            outcome.keychainError = value.error().toString();
            return;
        }
    }
}

} // namespace

struct SweepSetup::Private
{
    QCommandLineOption workspaceOpt{{u"w"_s, u"workspace"_s}, tr("Workspace FILE."), tr("FILE")};
    QCommandLineOption demoOpt{u"demo"_s, tr("Start the simulator and use the demo.")};
    QCommandLineOption envOpt{{u"e"_s, u"env"_s}, tr("Only environment NAME."), tr("NAME")};
    QCommandLineOption jsonOpt{u"json"_s, tr("Print one JSON document.")};
    QCommandLineOption stdinOpt{
        u"secret-stdin"_s, tr("Read the keychain entry NAME from standard input."), tr("NAME")};
    std::unique_ptr<DemoSession> demo;
    Workspace workspace;
    QList<Service> services;
    QMap<QString, QString> variables;
    QString env;
    QString keychainService = u"pilothouse"_s;
    bool json = false;
    KeyOutcome keys;
};

SweepSetup::SweepSetup()
    : d(std::make_unique<Private>())
{
}

SweepSetup::~SweepSetup() = default;

void SweepSetup::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({d->workspaceOpt, d->demoOpt, d->envOpt, d->jsonOpt, d->stdinOpt});
}

std::optional<int> SweepSetup::prepare(const QCommandLineParser &parser, QTextStream &err)
{
    if (parser.isSet(d->workspaceOpt) && parser.isSet(d->demoOpt)) {
        err << tr("Use either --workspace or --demo, not both.") << '\n';
        return ExitUsage;
    }
    d->json = parser.isSet(d->jsonOpt);

    QString path;
    QString &keychainService = d->keychainService;
    if (parser.isSet(d->demoOpt)) {
        d->demo = std::make_unique<DemoSession>();
        // A one-shot command ends before Prometheus would have scraped anything.
        d->demo->setPrometheusWanted(false);
        auto started = d->demo->start();
        if (!started) {
            err << started.error().toString() << '\n';
            return ExitUsage;
        }
        path = started->workspacePath;
        d->variables = started->variables;
        keychainService = started->keychainService;
    } else {
        path = parser.isSet(d->workspaceOpt) ? parser.value(d->workspaceOpt)
                                             : paths::configDir() + u"/workspace.jsonc"_s;
    }

    auto loaded = WorkspaceLoader::loadFile(path, d->variables);
    if (!loaded) {
        err << loaded.error().message << '\n';
        if (!loaded.error().detail.isEmpty())
            err << loaded.error().detail << '\n';
        return ExitUsage;
    }
    d->workspace = loaded->workspace;
    const Workspace &ws = d->workspace;
    for (const QString &w : std::as_const(loaded->warnings))
        err << tr("warning: ") << w << '\n';

    d->services = ws.services;
    d->env = parser.value(d->envOpt);
    if (!d->env.isEmpty()) {
        if (!ws.environment(d->env)) {
            err << tr("No environment \"%1\" in %2.").arg(d->env, path) << '\n';
            return ExitUsage;
        }
        d->services = ws.servicesIn(d->env);
    }

    QString stdinValue;
    if (parser.isSet(d->stdinOpt)) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly)) {
            err << tr("Could not read standard input.") << '\n';
            return ExitUsage;
        }
        stdinValue = QString::fromUtf8(in.readAll()).trimmed();
    }

    collectKeys(ws, d->services, parser.isSet(d->demoOpt), parser.value(d->stdinOpt), stdinValue,
                keychainService, d->keys);
    if (!d->keys.keychainError.isEmpty()) {
        err << d->keys.keychainError << '\n'
            << tr("For cron, pass the key with --secret-stdin NAME.") << '\n';
        return ExitKeychainUnavailable;
    }
    return std::nullopt;
}

const Workspace &SweepSetup::workspace() const
{
    return d->workspace;
}

const QList<Service> &SweepSetup::services() const
{
    return d->services;
}

QString SweepSetup::environment() const
{
    return d->env;
}

bool SweepSetup::json() const
{
    return d->json;
}

KeyProvider *SweepSetup::keys() const
{
    return &d->keys.provider;
}

ProbeSettings SweepSetup::settings() const
{
    ProbeSettings settings;
    settings.inactivityTimeoutMs = d->workspace.settings.probeInactivityTimeoutMs;
    settings.deadlineMs = d->workspace.settings.probeDeadlineMs;
    return settings;
}

DemoSession *SweepSetup::demo() const
{
    return d->demo.get();
}

QString SweepSetup::keychainService() const
{
    return d->keychainService;
}

QMap<QString, QString> SweepSetup::variables() const
{
    return d->variables;
}

QList<ProbeResult> SweepSetup::sweep(bool keepBodies)
{
    ProbeSweep sweep;
    ProbeSettings s = settings();
    s.keepBodies = keepBodies;
    sweep.setSettings(s);
    sweep.setKeyProvider(&d->keys.provider);
    QEventLoop loop;
    QObject::connect(&sweep, &ProbeSweep::finished, &loop, &QEventLoop::quit);
    sweep.start(d->services);
    if (sweep.isRunning())
        loop.exec();
    return sweep.results();
}

int runProbeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Check every endpoint of a workspace once."));
    parser.addHelpOption();
    SweepSetup setup;
    setup.addOptions(parser);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }
    if (const auto stop = setup.prepare(parser, err))
        return *stop;
    const QList<ProbeResult> results = setup.sweep();
    const QString env = setup.environment();
    const Workspace &ws = setup.workspace();

    bool allGood = true;
    for (const ProbeResult &r : results)
        allGood = allGood && (r.verdict == Verdict::Pass || r.verdict == Verdict::Warn);

    if (setup.json()) {
        QJsonArray array;
        for (const ProbeResult &r : results)
            array.append(probeResultJson(r));
        const QJsonObject doc{{u"format"_s, 1},
                              {u"workspace"_s, ws.name},
                              {u"environment"_s, env.isEmpty() ? QJsonValue() : QJsonValue(env)},
                              {u"ok"_s, allGood},
                              {u"results"_s, array}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        printTable(results, out);
    }
    return allGood ? ExitOk : ExitCheckFailed;
}

} // namespace ph::cli
