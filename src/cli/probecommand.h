// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "probes/proberesult.h"
#include "probes/probesettings.h"
#include "workspace/workspace.h"

#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <optional>

class QCommandLineParser;
class QTextStream;

namespace ph {
class DemoSession;
class KeyProvider;
} // namespace ph

namespace ph::cli {

/**
 * What the commands that look at a whole environment share (`probe`, `status`): the
 * options --workspace F | --demo, --env E, --json and --secret-stdin NAME, loading the
 * workspace, reading the dashboard keys before anything starts, and one probe sweep.
 */
class SweepSetup
{
public:
    SweepSetup();
    ~SweepSetup();

    void addOptions(QCommandLineParser &parser);
    /**
     * Starts the demo or loads the workspace, picks the environment's services and reads
     * their keys. Returns the exit code to stop with (message written to @p err), or
     * nothing when everything is ready.
     */
    std::optional<int> prepare(const QCommandLineParser &parser, QTextStream &err);

    const Workspace &workspace() const;
    /// The services of the chosen environment (all of them without --env).
    const QList<Service> &services() const;
    QString environment() const; ///< empty without --env
    bool json() const;
    KeyProvider *keys() const;
    /// The workspace's request limits; bodies are kept (for fetching figures).
    ProbeSettings settings() const;
    /// The running demo, or null without --demo.
    DemoSession *demo() const;
    /// The keychain service the workspace's secrets live under.
    QString keychainService() const;
    /// Variables the workspace was loaded with (the demo's ports and folders).
    QMap<QString, QString> variables() const;

    /**
     * One sweep over every probed endpoint of services(); blocks on its own event loop.
     * Bodies are judged and dropped unless @p keepBodies.
     */
    QList<ProbeResult> sweep(bool keepBodies = false);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/**
 * `pilothouse-cli probe [--workspace F | --demo] [--env E] [--json] [--secret-stdin NAME]`:
 * one sweep over every probed endpoint; a table or one JSON document ("format": 1).
 * Returns the process exit code. Blocks on its own event loop: command-line use only.
 */
/// One probe result as `probe --json` lists it (service, endpoint, url, status_code,
/// latency_ms, verdict, error).
QJsonObject probeResultJson(const ProbeResult &result);

int runProbeCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace ph::cli
