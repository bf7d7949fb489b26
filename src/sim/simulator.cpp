// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simulator.h"

#include "sim/simcontrolserver.h"
#include "sim/simulatedservice.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QUrlQuery>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace ph {

namespace {

using Reply = SimulatedService::Reply;
using Method = QHttpServerRequest::Method;

const QByteArray prometheusType = QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8");

} // namespace

Simulator::Simulator(const SimulatorConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    m_state.data = SimData(config.seeded ? config.seed : QRandomGenerator::global()->generate());
    m_state.dashKey = config.dashKey;
    m_state.jitter = config.jitter;
}

Simulator::~Simulator() = default;

Result<void> Simulator::start()
{
    addEchoPilot();
    addRustCoreEngine();
    addPythonAiService();
    addGrafana();
    for (int i = 0; i < m_config.syntheticServices; ++i)
        addSynthetic(i, m_config.endpointsPerService);

    for (SimulatedService *service : std::as_const(m_services)) {
        if (auto ok = service->listen(); !ok)
            return tl::unexpected(ok.error());
    }
    m_control = new SimControlServer(this, this);
    if (auto ok = m_control->listen(); !ok)
        return tl::unexpected(ok.error());
    return {};
}

QMap<QString, int> Simulator::ports() const
{
    QMap<QString, int> map;
    for (const SimulatedService *service : m_services)
        map.insert(service->name(), service->port());
    if (m_control)
        map.insert(u"_control"_s, m_control->port());
    return map;
}

QByteArray Simulator::portMapJson() const
{
    QJsonObject object;
    const auto map = ports();
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

SimulatedService *Simulator::service(const QString &name) const
{
    for (SimulatedService *service : m_services) {
        if (service->name() == name)
            return service;
    }
    return nullptr;
}

QStringList Simulator::serviceNames() const
{
    QStringList names;
    for (const SimulatedService *service : m_services)
        names.append(service->name());
    return names;
}

Result<void> Simulator::setHealth(const QString &serviceName, const QString &status)
{
    if (!service(serviceName)) {
        return fail(u"sim.health.service"_s,
                    tr("No simulated service is called \"%1\"; use one of: %2.")
                        .arg(serviceName, serviceNames().join(u", "_s)));
    }
    if (status != u"ok"_s && status != u"degraded"_s && status != u"down"_s) {
        return fail(u"sim.health.status"_s,
                    tr("Health must be \"ok\", \"degraded\" or \"down\", not \"%1\".").arg(status));
    }
    m_state.health.insert(serviceName, status);
    return {};
}

QJsonObject Simulator::stateJson() const
{
    QJsonObject requests;
    QJsonObject health;
    for (const SimulatedService *service : m_services) {
        requests.insert(service->name(), service->counters());
        health.insert(service->name(), m_state.healthOf(service->name()));
    }
    return QJsonObject{
        {u"seed"_s, QString::number(m_state.data.seed())},
        {u"requests"_s, requests},
        {u"health"_s, health},
        {u"faults"_s, int(m_state.faults.size())},
    };
}

Result<void> Simulator::exitWithParent()
{
#ifdef Q_OS_LINUX
    if (::prctl(PR_SET_PDEATHSIG, SIGTERM) != 0) {
        return fail(u"sim.pdeathsig"_s, tr("Could not tie the simulator to its parent process."),
                    QString::fromLocal8Bit(strerror(errno)));
    }
    // The parent may have died before the request above: then init adopted us already.
    if (::getppid() == 1)
        return fail(u"sim.orphan"_s, tr("The process that started the simulator is gone."));
    return {};
#else
    return fail(u"sim.pdeathsig"_s, tr("--exit-with-parent is only supported on Linux."));
#endif
}

void Simulator::addEchoPilot()
{
    auto *echo = new SimulatedService(u"echopilot"_s, &m_state, this);
    m_services.append(echo);
    SimulatorState *state = &m_state;
    const SimData *data = &m_state.data;

    echo->addRoute(u"/api/health"_s, Method::Get, false, [state](auto &, quint64) {
        const QString status = state->healthOf(u"echopilot"_s);
        return Reply::json(QJsonObject{{u"status"_s, status}}, status == u"down"_s ? 503 : 200);
    });
    echo->addRoute(u"/api/platform/status"_s, Method::Get, false, [state](auto &, quint64) {
        const QString status = state->healthOf(u"echopilot"_s);
        const QJsonArray components{
            QJsonObject{{u"name"_s, u"bot"_s}, {u"status"_s, status}},
            QJsonObject{{u"name"_s, u"scheduler"_s}, {u"status"_s, u"ok"_s}},
            QJsonObject{{u"name"_s, u"database"_s}, {u"status"_s, u"ok"_s}},
        };
        return Reply::json(QJsonObject{{u"status"_s, status}, {u"components"_s, components}});
    });
    echo->addRoute(u"/api/queue/status"_s, Method::Get, true, [this, data](auto &, quint64 n) {
        return Reply::json(data->queueStatus(n, m_stuckClearedAt));
    });
    echo->addRoute(u"/api/queue/clear-stuck"_s, Method::Post, true,
                   [this, data, echo](auto &, quint64) {
                       // Clears what the next queue/status would have reported as stuck.
                       const quint64 next = echo->requestCount(u"/api/queue/status"_s);
                       const int cleared = data->stuck(next, m_stuckClearedAt);
                       m_stuckClearedAt = qint64(next);
                       return Reply::json(QJsonObject{{u"cleared"_s, cleared}});
                   });
    echo->addRoute(u"/api/slo/status"_s, Method::Get, false,
                   [data](auto &, quint64 n) { return Reply::json(data->sloStatus(n)); });
    echo->addRoute(u"/api/finops/summary"_s, Method::Get, true,
                   [data](const QHttpServerRequest &request, quint64 n) {
                       const QUrlQuery query = request.query();
                       int days = 30;
                       if (query.hasQueryItem(u"days"_s)) {
                           bool ok = false;
                           days = query.queryItemValue(u"days"_s).toInt(&ok);
                           if (!ok || days < 1 || days > 3650) {
                               return Reply::error(
                                   tr("days must be a whole number from 1 to 3650."), 400);
                           }
                       }
                       return Reply::json(data->finopsSummary(n, days));
                   });
    echo->addRoute(u"/api/growth/payouts/export"_s, Method::Get, true, [data](auto &, quint64 n) {
        return Reply{200, QByteArrayLiteral("text/csv; charset=utf-8"), data->payoutsCsv(n)};
    });
    echo->addRoute(u"/api/partners/dashboard"_s, Method::Get, true,
                   [data](const QHttpServerRequest &request, quint64 n) {
                       const QString partner = request.query().queryItemValue(u"partner_id"_s);
                       if (partner.isEmpty())
                           return Reply::error(tr("partner_id is required, e.g. PTR_001."), 400);
                       return Reply::json(data->partnerDashboard(n, partner));
                   });
    echo->addRoute(u"/api/predict/load"_s, Method::Get, false,
                   [data](auto &, quint64 n) { return Reply::json(data->predictLoad(n)); });
    echo->addRoute(u"/api/healing/status"_s, Method::Get, false,
                   [data](auto &, quint64 n) { return Reply::json(data->healingStatus(n)); });
    echo->addRoute(u"/api/regions/status"_s, Method::Get, false,
                   [data](auto &, quint64 n) { return Reply::json(data->regionsStatus(n)); });
    echo->addRoute(u"/api/audit/chain"_s, Method::Get, true,
                   [data](auto &, quint64 n) { return Reply::json(data->auditChain(n)); });
    echo->addRoute(u"/api/platform/phase-report"_s, Method::Get, true,
                   [data](auto &, quint64 n) { return Reply::json(data->phaseReport(n)); });
    echo->addRoute(u"/api/analytics/usage"_s, Method::Get, true,
                   [data](auto &, quint64 n) { return Reply::json(data->analyticsUsage(n)); });
    echo->addRoute(u"/metrics"_s, Method::Get, false, [data](auto &, quint64 n) {
        return Reply{200, prometheusType, data->metrics(n, SimData::MetricsFlavour::EchoPilot)};
    });
}

void Simulator::addRustCoreEngine()
{
    auto *engine = new SimulatedService(u"rust-core-engine"_s, &m_state, this);
    m_services.append(engine);
    SimulatorState *state = &m_state;
    const SimData *data = &m_state.data;

    engine->addRoute(u"/api/health"_s, Method::Get, false, [state](auto &, quint64) {
        const QString status = state->healthOf(u"rust-core-engine"_s);
        const bool down = status == u"down"_s;
        return Reply::json(QJsonObject{{u"status"_s, status == u"ok"_s ? u"healthy"_s : status},
                                       {u"database"_s, down ? u"disconnected"_s : u"connected"_s}},
                           down ? 503 : 200);
    });
    engine->addRoute(u"/api/v1/binance/ping"_s, Method::Get, false,
                     [data](auto &, quint64 n) { return Reply::json(data->binancePing(n)); });
    engine->addRoute(u"/metrics"_s, Method::Get, false, [data](auto &, quint64 n) {
        return Reply{200, prometheusType, data->metrics(n, SimData::MetricsFlavour::RustCore)};
    });
}

void Simulator::addPythonAiService()
{
    auto *ai = new SimulatedService(u"python-ai-service"_s, &m_state, this);
    m_services.append(ai);
    SimulatorState *state = &m_state;
    const SimData *data = &m_state.data;

    ai->addRoute(u"/health"_s, Method::Get, false, [state](auto &, quint64) {
        const QString status = state->healthOf(u"python-ai-service"_s);
        return Reply::json(QJsonObject{{u"status"_s, status == u"ok"_s ? u"healthy"_s : status}},
                           status == u"down"_s ? 503 : 200);
    });
    ai->addRoute(u"/api/ai/status"_s, Method::Get, false, [state](auto &, quint64) {
        const bool down = state->healthOf(u"python-ai-service"_s) == u"down"_s;
        return Reply::json(QJsonObject{{u"status"_s, down ? u"unavailable"_s : u"ready"_s},
                                       {u"model"_s, u"trend-lstm-v3"_s}});
    });
    ai->addRoute(u"/metrics"_s, Method::Get, false, [data](auto &, quint64 n) {
        return Reply{200, prometheusType, data->metrics(n, SimData::MetricsFlavour::PythonAi)};
    });
}

void Simulator::addGrafana()
{
    // Bot Core's Grafana listens on the host's localhost:3001; the console opens it in the
    // browser through a tunnel. A small page is enough to see that the tunnel works.
    auto *grafana = new SimulatedService(u"grafana"_s, &m_state, this);
    m_services.append(grafana);
    SimulatorState *state = &m_state;
    grafana->addRoute(u"/"_s, Method::Get, false, [state](auto &, quint64 n) {
        const bool down = state->healthOf(u"grafana"_s) == u"down"_s;
        const QByteArray page =
            "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Grafana (simulated)"
            "</title></head>\n<body style=\"font-family:sans-serif;background:#111217;"
            "color:#ccccdc\"><h1>Grafana</h1><p>Bot Core dashboards (simulated by "
            "pilothouse-sim).</p><ul><li>Trades executed: " +
            QByteArray::number(1200 + n * 3) + "</li><li>Engine status: " +
            (down ? QByteArrayLiteral("down") : QByteArrayLiteral("healthy")) +
            "</li></ul></body></html>\n";
        return Reply{down ? 503 : 200, QByteArrayLiteral("text/html; charset=utf-8"), page};
    });
    grafana->addRoute(u"/api/health"_s, Method::Get, false, [state](auto &, quint64) {
        const bool down = state->healthOf(u"grafana"_s) == u"down"_s;
        return Reply::json(
            QJsonObject{{u"database"_s, down ? u"failing"_s : u"ok"_s}, {u"version"_s, u"sim"_s}},
            down ? 503 : 200);
    });
}

void Simulator::addSynthetic(int index, int endpoints)
{
    const QString name = u"synthetic-"_s + QString::number(index);
    auto *synthetic = new SimulatedService(name, &m_state, this);
    m_services.append(synthetic);
    SimulatorState *state = &m_state;
    const SimData *data = &m_state.data;

    synthetic->addRoute(u"/api/health"_s, Method::Get, false, [state, name](auto &, quint64) {
        const QString status = state->healthOf(name);
        return Reply::json(QJsonObject{{u"status"_s, status}}, status == u"down"_s ? 503 : 200);
    });
    synthetic->addIndexedRoute(u"/ep/"_s, endpoints, [data, name](int i, quint64 n) {
        return Reply{200, QByteArrayLiteral("application/json"),
                     data->syntheticEndpoint(name, i, n)};
    });
}

} // namespace ph
