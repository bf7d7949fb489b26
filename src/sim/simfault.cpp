// SPDX-License-Identifier: GPL-3.0-or-later
#include "sim/simfault.h"

#include <QCoreApplication>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMetaEnum>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct ModeName
{
    SimFault::Mode mode;
    QLatin1String name;
};

const ModeName modeNames[] = {
    {SimFault::Mode::Status, QLatin1String("status")},
    {SimFault::Mode::Hang, QLatin1String("hang")},
    {SimFault::Mode::Delay, QLatin1String("delay")},
    {SimFault::Mode::Malformed, QLatin1String("malformed")},
    {SimFault::Mode::Oversized, QLatin1String("oversized")},
    {SimFault::Mode::NoKey, QLatin1String("nokey")},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("SimFault", text);
}

} // namespace

bool SimFault::matches(const QString &serviceName, const QString &requestPath) const
{
    return (service == u"*"_s || service == serviceName) && (path == u"*"_s || path == requestPath);
}

QString SimFault::modeName(Mode mode)
{
    for (const ModeName &entry : modeNames) {
        if (entry.mode == mode)
            return entry.name;
    }
    return {};
}

QJsonObject SimFault::toJson() const
{
    QJsonObject object{{u"service"_s, service}, {u"path"_s, path}, {u"mode"_s, modeName(mode)}};
    if (mode == Mode::Status)
        object.insert(u"status"_s, status);
    if (mode == Mode::Delay)
        object.insert(u"delay_ms"_s, delayMs);
    return object;
}

Result<SimFault> SimFault::fromJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return fail(u"sim.fault.syntax"_s,
                    tr("The fault must be a JSON object such as "
                       "{\"service\":\"echopilot\",\"path\":\"/api/health\",\"mode\":\"hang\"}."),
                    parseError.errorString());
    }
    const QJsonObject object = document.object();
    SimFault fault;

    const auto stringField = [&](const QString &key, QString &target) -> Result<void> {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isString() || value.toString().isEmpty())
            return fail(u"sim.fault.field"_s, tr("The fault field \"%1\" must be a non-empty "
                                                 "string (\"*\" matches everything).")
                                                  .arg(key));
        target = value.toString();
        return {};
    };
    if (auto ok = stringField(u"service"_s, fault.service); !ok)
        return tl::unexpected(ok.error());
    if (auto ok = stringField(u"path"_s, fault.path); !ok)
        return tl::unexpected(ok.error());

    const QString mode = object.value(u"mode"_s).toString();
    bool known = false;
    for (const ModeName &entry : modeNames) {
        if (entry.name == mode) {
            fault.mode = entry.mode;
            known = true;
        }
    }
    if (!known) {
        return fail(u"sim.fault.mode"_s,
                    tr("Unknown fault mode \"%1\": use status, hang, delay, malformed, "
                       "oversized or nokey.")
                        .arg(mode));
    }

    if (object.contains(u"status"_s)) {
        const QJsonValue value = object.value(u"status"_s);
        const int status = value.toInt(-1);
        // Only codes Qt HttpServer knows a reason phrase for can be written safely.
        const auto statusEnum = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
        if (!value.isDouble() || status < 100 || status > 599 || !statusEnum.valueToKey(status)) {
            return fail(u"sim.fault.status"_s,
                        tr("The fault field \"status\" must be a standard HTTP status code "
                           "such as 500 or 503."));
        }
        fault.status = status;
    }
    if (object.contains(u"delay_ms"_s)) {
        const QJsonValue value = object.value(u"delay_ms"_s);
        const int delay = value.toInt(-1);
        if (!value.isDouble() || delay < 0 || delay > 600000) {
            return fail(u"sim.fault.delay"_s,
                        tr("The fault field \"delay_ms\" must be a whole number of milliseconds "
                           "between 0 and 600000."));
        }
        fault.delayMs = delay;
    }
    return fault;
}

} // namespace ph
