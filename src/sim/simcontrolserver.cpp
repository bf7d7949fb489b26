// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simcontrolserver.h"

#include "core/logging.h"
#include "sim/simulator.h"

#include <QHttpServer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

using Method = QHttpServerRequest::Method;
using Status = QHttpServerResponse::StatusCode;

QHttpServerResponse errorResponse(const Error &error)
{
    return QHttpServerResponse(QJsonObject{{u"error"_s, error.message},
                                           {u"code"_s, error.code},
                                           {u"detail"_s, error.detail}},
                               Status::BadRequest);
}

QJsonObject faultList(const SimulatorState &state)
{
    QJsonArray faults;
    for (const SimFault &fault : state.faults)
        faults.append(fault.toJson());
    return QJsonObject{{u"faults"_s, faults}};
}

} // namespace

SimControlServer::SimControlServer(Simulator *simulator, QObject *parent)
    : QObject(parent)
    , m_simulator(simulator)
    , m_server(new QHttpServer(this))
    , m_tcpServer(new QTcpServer(this))
{
    m_server->route(u"/faults"_s, Method::Get,
                    [this] { return QHttpServerResponse(faultList(m_simulator->state())); });
    m_server->route(u"/faults"_s, Method::Post, [this](const QHttpServerRequest &request) {
        auto fault = SimFault::fromJson(request.body());
        if (!fault)
            return errorResponse(fault.error());
        const QStringList names = m_simulator->serviceNames();
        if (fault->service != u"*"_s && !names.contains(fault->service)) {
            return errorResponse(
                Error{u"sim.fault.service"_s,
                      tr("No simulated service is called \"%1\"; use \"*\" or one of: %2.")
                          .arg(fault->service, names.join(u", "_s)),
                      {}});
        }
        m_simulator->state().faults.append(*fault);
        qCInfo(lcSim).noquote() << "fault injected:"
                                << QJsonDocument(fault->toJson()).toJson(QJsonDocument::Compact);
        return QHttpServerResponse(faultList(m_simulator->state()), Status::Created);
    });
    m_server->route(u"/faults"_s, Method::Delete, [this] {
        const int cleared = int(m_simulator->state().faults.size());
        m_simulator->state().faults.clear();
        return QHttpServerResponse(QJsonObject{{u"cleared"_s, cleared}});
    });
    m_server->route(u"/state"_s, Method::Get,
                    [this] { return QHttpServerResponse(m_simulator->stateJson()); });
    m_server->route(u"/health"_s, Method::Post, [this](const QHttpServerRequest &request) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (!document.isObject()) {
            return errorResponse(
                Error{u"sim.health.syntax"_s,
                      tr("Send a JSON object such as {\"service\":\"echopilot\",\"status\":"
                         "\"degraded\"}."),
                      parseError.errorString()});
        }
        const QJsonObject object = document.object();
        const auto ok = m_simulator->setHealth(object.value(u"service"_s).toString(),
                                               object.value(u"status"_s).toString());
        if (!ok)
            return errorResponse(ok.error());
        return QHttpServerResponse(m_simulator->stateJson().value(u"health"_s).toObject());
    });
}

Result<quint16> SimControlServer::listen()
{
    if (!m_tcpServer->listen(QHostAddress::LocalHost, 0)) {
        return fail(u"sim.listen"_s,
                    tr("The simulator could not listen on 127.0.0.1 for its control endpoint."),
                    m_tcpServer->errorString());
    }
    m_server->bind(m_tcpServer);
    m_port = m_tcpServer->serverPort();
    return m_port;
}

} // namespace ph
