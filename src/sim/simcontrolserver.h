// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QObject>

class QHttpServer;
class QTcpServer;

namespace ph {

class Simulator;

/**
 * The simulator's control endpoint on its own port: POST/GET/DELETE /faults,
 * GET /state and POST /health. Tests and the demo drive failures through it.
 */
class SimControlServer : public QObject
{
    Q_OBJECT

public:
    explicit SimControlServer(Simulator *simulator, QObject *parent = nullptr);

    Result<quint16> listen();
    quint16 port() const { return m_port; }

private:
    Simulator *m_simulator;
    QHttpServer *m_server;
    QTcpServer *m_tcpServer;
    quint16 m_port = 0;
};

} // namespace ph
