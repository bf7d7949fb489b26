// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/observation.h"
#include "hostfacts/hostfacts.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace ph {

class HostCommands;
struct CommandResult;

/**
 * Asks each host running Bot Core services what its containers and disks are doing:
 * `docker-compose ps`, `docker stats --no-stream` and `df -P -k` in the deployment's folder,
 * over the shared SSH sessions, every interval (60 s) and on demand. One report per host
 * and round, with the time it was taken, or the reason it could not be. Nothing is asked
 * while the laptop is offline.
 */
class HostFactsCollector : public QObject
{
    Q_OBJECT
public:
    /// @p commands is not owned and must outlive this object.
    explicit HostFactsCollector(HostCommands *commands, QObject *parent = nullptr);
    ~HostFactsCollector() override;

    /// The services being watched; hosts named by those with profile "botcore" are asked.
    void setServices(const QList<Service> &services);
    void setInterval(std::chrono::milliseconds interval);
    /// How long one host's round may take before it is reported as not answering.
    void setRoundTimeout(std::chrono::milliseconds timeout) { m_roundTimeout = timeout; }
    /// Asked before each round; false = offline, no round. Unset = always online.
    void setOnlineCheck(std::function<bool()> online) { m_online = std::move(online); }

    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    /// Starts a round for every host not already being asked.
    void collectNow();

    /// The hosts asked, in workspace order.
    QStringList hosts() const;
    /// The last report of each host that has one.
    QList<HostFacts> latest() const { return m_latest.values(); }

    /**
     * The alert inputs of one report, for each of its services: "disk.percent" (fullest
     * real file system) and "memory.percent" (container nearest its limit); stale when the
     * host did not say, so an unreachable host neither fires nor resolves anything.
     */
    static QList<Observation> observationsFrom(const HostFacts &facts);

    static QString composeCommand(const QString &directory);
    static QString statsCommand();
    static QString diskCommand();

Q_SIGNALS:
    /// A round of one host ended: facts, or facts.error saying why there are none.
    void factsReady(const ph::HostFacts &facts);
    /// The set of hosts changed (workspace or environment).
    void hostsChanged(const QStringList &hosts);

private:
    enum class Kind
    {
        Compose,
        Stats,
        Disk,
    };
    struct Target
    {
        QString host;
        QString directory;
        QStringList services;
    };
    struct Round
    {
        HostFacts facts;
        QHash<quint64, Kind> jobs;
        quint64 generation = 0;
    };
    void collect(const Target &target);
    void onFinished(quint64 id, const CommandResult &result);
    void take(Round &round, Kind kind, const CommandResult &result);
    void complete(QString host); // by value: the key of the round it removes
    void timeOut(const QString &host, quint64 generation);

    QPointer<HostCommands> m_commands;
    QList<Target> m_targets;
    QHash<QString, Round> m_rounds; ///< host -> round in flight
    QHash<QString, HostFacts> m_latest;
    QTimer m_timer;
    std::chrono::milliseconds m_roundTimeout{90000};
    std::function<bool()> m_online;
    quint64 m_generation = 0;
};

} // namespace ph
