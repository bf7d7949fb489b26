// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "sim/simulatorconfig.h"
#include "sim/simulatorstate.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>

namespace ph {

class SimControlServer;
class SimulatedService;

/**
 * The whole simulator: EchoPilot, the two Bot Core services, any synthetic services and
 * the control endpoint, each on its own 127.0.0.1 port. Everything runs on the thread
 * that owns the Simulator, driven by its event loop.
 */
class Simulator : public QObject
{
    Q_OBJECT

public:
    explicit Simulator(const SimulatorConfig &config, QObject *parent = nullptr);
    ~Simulator() override;

    /// Opens every port; fails with a message naming the service that could not listen.
    Result<void> start();

    /// Service name -> port, the control endpoint under "_control".
    QMap<QString, int> ports() const;
    /// ports() as one compact JSON object, the line the simulator prints at start.
    QByteArray portMapJson() const;

    SimulatorState &state() { return m_state; }
    SimulatedService *service(const QString &name) const;
    QStringList serviceNames() const;

    /// Sets what a service's health endpoint reports: "ok", "degraded" or "down".
    Result<void> setHealth(const QString &service, const QString &status);
    /// Request counters per service and path, health states, fault count and seed.
    QJsonObject stateJson() const;

    /// Linux: asks the kernel to send SIGTERM when the parent process dies.
    static Result<void> exitWithParent();

private:
    void addEchoPilot();
    void addRustCoreEngine();
    void addPythonAiService();
    void addGrafana();
    void addSynthetic(int index, int endpoints);

    SimulatorConfig m_config;
    SimulatorState m_state;
    QList<SimulatedService *> m_services;
    SimControlServer *m_control = nullptr;
    qint64 m_stuckClearedAt = -1;
};

} // namespace ph
