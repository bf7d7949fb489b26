// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simulatedservice.h"

#include "core/logging.h"
#include "sim/simulatorstate.h"

#include <QCoreApplication>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Header names are case-insensitive on the wire; look them up the same way.
QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

const QByteArray &oversizedBody()
{
    // Valid JSON, so a client that accepts it would parse it: only its size is wrong.
    static const QByteArray body = [] {
        constexpr qsizetype size = 5 * 1024 * 1024;
        QByteArray json = QByteArrayLiteral("{\"padding\":\"");
        const QByteArray tail = QByteArrayLiteral("\"}");
        json.append(size - json.size() - tail.size(), 'x');
        json.append(tail);
        return json;
    }();
    return body;
}

} // namespace

struct SimulatedService::Held
{
    explicit Held(QHttpServerResponder &&r)
        : responder(std::move(r))
    {
    }
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QMetaObject::Connection disconnected;
};

SimulatedService::Reply SimulatedService::Reply::json(const QJsonObject &object, int status)
{
    return Reply{status, QByteArrayLiteral("application/json"),
                 QJsonDocument(object).toJson(QJsonDocument::Compact)};
}

SimulatedService::Reply SimulatedService::Reply::error(const QString &message, int status)
{
    return json(QJsonObject{{u"error"_s, message}, {u"status"_s, status}}, status);
}

SimulatedService::SimulatedService(const QString &name, SimulatorState *state, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_state(state)
    , m_server(new QHttpServer(this))
    , m_tcpServer(new QTcpServer(this))
{
}

SimulatedService::~SimulatedService()
{
    // Answer nothing more; drop held responders while their connections still exist.
    const auto ids = [this] {
        QList<quint64> list;
        for (const auto &entry : m_held)
            list.append(entry.first);
        return list;
    }();
    for (quint64 id : ids)
        release(id);
}

Result<quint16> SimulatedService::listen()
{
    if (!m_tcpServer->listen(QHostAddress::LocalHost, 0)) {
        return fail(u"sim.listen"_s,
                    tr("The simulator could not listen on 127.0.0.1 for %1.").arg(m_name),
                    m_tcpServer->errorString());
    }
    m_server->bind(m_tcpServer);
    m_port = m_tcpServer->serverPort();
    return m_port;
}

void SimulatedService::addRoute(const QString &path, QHttpServerRequest::Method method,
                                bool needsKey, Handler handler)
{
    m_server->route(path, method,
                    [this, path, needsKey, handler = std::move(handler)](
                        const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        serve(path, request, std::move(responder), needsKey,
                              [&](quint64 n) { return handler(request, n); });
                    });
}

void SimulatedService::addIndexedRoute(const QString &prefix, int count, IndexedHandler handler)
{
    m_server->route(prefix + u"<arg>"_s, QHttpServerRequest::Method::Get,
                    [this, prefix, count,
                     handler = std::move(handler)](int index, const QHttpServerRequest &request,
                                                   QHttpServerResponder &&responder) {
                        serve(prefix + QString::number(index), request, std::move(responder), false,
                              [&](quint64 n) {
                                  if (index < 0 || index >= count)
                                      return Reply::error(tr("No such endpoint."), 404);
                                  return handler(index, n);
                              });
                    });
}

QJsonObject SimulatedService::counters() const
{
    QJsonObject object;
    for (auto it = m_counters.cbegin(); it != m_counters.cend(); ++it)
        object.insert(it.key(), qint64(it.value()));
    return object;
}

void SimulatedService::serve(const QString &path, const QHttpServerRequest &request,
                             QHttpServerResponder &&responder, bool needsKey,
                             const std::function<Reply(quint64)> &build)
{
    const quint64 n = m_counters[path]++;
    const SimFault *fault = m_state->faultFor(m_name, path);
    int delayMs = m_state->jitter ? m_state->data.jitterMs(n) : 0;

    if (fault) {
        switch (fault->mode) {
        case SimFault::Mode::Status:
            send(std::move(responder),
                 Reply::error(tr("Injected fault: status %1.").arg(fault->status), fault->status),
                 delayMs);
            return;
        case SimFault::Mode::Hang:
            hold(std::move(responder));
            return;
        case SimFault::Mode::Malformed:
            send(std::move(responder),
                 Reply{200, QByteArrayLiteral("application/json"),
                       QByteArrayLiteral("{\"status\":\"ok\",\"depth\":12,\"items\":[1,2,")},
                 delayMs);
            return;
        case SimFault::Mode::Oversized:
            send(std::move(responder),
                 Reply{200, QByteArrayLiteral("application/json"), oversizedBody()}, delayMs);
            return;
        case SimFault::Mode::Delay:
            delayMs = fault->delayMs;
            break;
        case SimFault::Mode::NoKey:
            needsKey = false;
            break;
        }
    }

    if (needsKey &&
        headerValue(request, QByteArrayLiteral("X-Dash-Key")) != m_state->dashKey.toUtf8()) {
        send(std::move(responder), Reply::error(tr("Missing or wrong X-Dash-Key header."), 401),
             delayMs);
        return;
    }
    send(std::move(responder), build(n), delayMs);
}

void SimulatedService::send(QHttpServerResponder &&responder, const Reply &reply, int delayMs)
{
    const auto status = static_cast<QHttpServerResponder::StatusCode>(reply.status);
    if (delayMs <= 0) {
        responder.write(reply.body, reply.contentType, status);
        return;
    }
    const quint64 id = hold(std::move(responder));
    QTimer::singleShot(delayMs, this, [this, id, reply, status] {
        const auto it = m_held.find(id);
        if (it == m_held.end())
            return; // the client went away meanwhile
        Held &held = *it->second;
        if (held.socket && held.socket->state() == QAbstractSocket::ConnectedState)
            held.responder.write(reply.body, reply.contentType, status);
        release(id);
    });
}

quint64 SimulatedService::hold(QHttpServerResponder &&responder)
{
    const quint64 id = ++m_nextHeldId;
    auto held = std::make_unique<Held>(std::move(responder));
    held->socket = held->responder.socket();
    if (held->socket) {
        held->disconnected = connect(held->socket, &QAbstractSocket::disconnected, this,
                                     [this, id] { release(id); });
    }
    m_held.emplace(id, std::move(held));
    return id;
}

void SimulatedService::release(quint64 id)
{
    const auto it = m_held.find(id);
    if (it == m_held.end())
        return;
    std::unique_ptr<Held> held = std::move(it->second);
    m_held.erase(it);
    disconnect(held->disconnected);
    if (!held->socket) {
        // Newer Qt HttpServer versions reach into the connection when a responder dies;
        // with the connection already gone, leaking this small object is the safe choice.
        qCDebug(lcSim) << "dropping a responder whose connection is gone";
        (void)held.release();
    }
}

} // namespace ph
