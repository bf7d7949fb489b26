// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QHash>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <unordered_map>

class QHttpServer;
class QHttpServerResponder;
class QTcpServer;
class QTcpSocket;

namespace ph {

struct SimulatorState;

/**
 * One simulated service on its own loopback port: a QHttpServer whose routes all pass
 * through the same gate that counts the request, applies injected faults, checks the
 * dashboard key and adds artificial latency. Answers that must wait (delay, jitter, hang)
 * keep their responder and are written from a timer, so the server's thread never blocks.
 */
class SimulatedService : public QObject
{
    Q_OBJECT

public:
    struct Reply
    {
        int status = 200;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QByteArray body;

        static Reply json(const QJsonObject &object, int status = 200);
        static Reply error(const QString &message, int status);
    };
    /// Builds the answer for the n-th request (n from 0) to this path.
    using Handler = std::function<Reply(const QHttpServerRequest &request, quint64 n)>;
    using IndexedHandler = std::function<Reply(int index, quint64 n)>;

    SimulatedService(const QString &name, SimulatorState *state, QObject *parent = nullptr);
    ~SimulatedService() override;

    QString name() const { return m_name; }
    quint16 port() const { return m_port; }

    /// Listens on 127.0.0.1 with a port the system picks.
    Result<quint16> listen();

    void addRoute(const QString &path, QHttpServerRequest::Method method, bool needsKey,
                  Handler handler);
    /// Serves `<prefix><i>` for 0 <= i < count with one router rule, however large count is.
    void addIndexedRoute(const QString &prefix, int count, IndexedHandler handler);

    /// Requests seen per path, faulted and refused ones included.
    QJsonObject counters() const;
    quint64 requestCount(const QString &path) const { return m_counters.value(path); }
    int heldResponders() const { return int(m_held.size()); }

private:
    struct Held;

    void serve(const QString &path, const QHttpServerRequest &request,
               QHttpServerResponder &&responder, bool needsKey,
               const std::function<Reply(quint64)> &build);
    void send(QHttpServerResponder &&responder, const Reply &reply, int delayMs);
    quint64 hold(QHttpServerResponder &&responder);
    void release(quint64 id);

    QString m_name;
    SimulatorState *m_state;
    QHttpServer *m_server;
    QTcpServer *m_tcpServer;
    quint16 m_port = 0;
    QHash<QString, quint64> m_counters;
    std::unordered_map<quint64, std::unique_ptr<Held>> m_held;
    quint64 m_nextHeldId = 0;
};

} // namespace ph
