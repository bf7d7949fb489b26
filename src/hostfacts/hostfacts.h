// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace ph {

/// A line of command output that could not be read, kept for the user to see.
struct FactsProblem
{
    int line = 0; ///< 1-based line number in the command's output
    QString text; ///< the line as received
    QString message;
};

/// One container as `docker-compose ps` (v1 or v2, table or JSON) lists it.
struct ContainerState
{
    enum class Health
    {
        None, ///< no health check
        Starting,
        Healthy,
        Unhealthy,
    };

    QString name;
    QString service; ///< empty when the output does not say (v1 table)
    QString state;   ///< "running", "exited", "restarting", "paused", "created", "dead"
    int exitCode = -1;
    Health health = Health::None;
    QString status; ///< as printed, e.g. "Up 4 days (healthy)"
    QString ports;

    bool isUp() const { return state == QLatin1String("running"); }
    /// Up, and not reported unhealthy.
    bool isOk() const { return isUp() && health != Health::Unhealthy; }
};

/// One container's line of `docker stats --no-stream`.
struct ContainerStats
{
    QString name;
    double cpuPercent = 0;
    qint64 memoryBytes = 0;
    qint64 memoryLimitBytes = 0;
    double memoryPercent = 0;
};

/// One file system of `df -P -k` (sizes in KiB).
struct DiskUsage
{
    QString filesystem;
    qint64 sizeKiB = 0;
    qint64 usedKiB = 0;
    qint64 availableKiB = 0;
    double usePercent = 0;
    QString mount;

    /// tmpfs, overlay, snap loop devices and the like: never the disk that fills up.
    bool isPseudo() const;
};

template <typename T> struct ParsedFacts
{
    QList<T> items;
    QList<FactsProblem> problems;
};

/**
 * Parsers of the text Bot Core hosts print. None of them throws or stops at a bad line:
 * what can be read is kept, the rest is listed with line numbers.
 */
namespace hostfacts {

/// `docker-compose ps` v1 table, `docker compose ps` v2 table, or its JSON (array or lines).
ParsedFacts<ContainerState> parseComposePs(const QByteArray &output);
/// `docker stats --no-stream --format '{{json .}}'` lines, or the default table.
ParsedFacts<ContainerStats> parseDockerStats(const QByteArray &output);
/// `df -P -k` (also plain `df`, 1K blocks).
ParsedFacts<DiskUsage> parseDf(const QByteArray &output);
/// "1.5GiB", "612.4MiB", "12kB", "0B" -> bytes; -1 when unreadable.
qint64 parseSize(QStringView text);

} // namespace hostfacts

/// What one host said at one time, and what went wrong getting it.
struct HostFacts
{
    QString host;
    QString workingDirectory;
    QStringList services; ///< the workspace's Bot Core services on this host
    QDateTime at;         ///< when collection finished, UTC
    Error error;          ///< set when the host could not be asked at all
    QStringList problems; ///< failed commands and unreadable lines, in words
    bool hasContainers = false;
    bool hasStats = false;
    bool hasDisks = false;
    QList<ContainerState> containers;
    QList<ContainerStats> stats;
    QList<DiskUsage> disks;

    bool ok() const { return error.code.isEmpty(); }
    /// Highest use of a real (non-pseudo) file system; -1 when there is none.
    double maxDiskPercent() const;
    /// Highest memory use of a container against its limit; -1 when there is none.
    double maxMemoryPercent() const;
};

} // namespace ph

Q_DECLARE_METATYPE(ph::HostFacts)
