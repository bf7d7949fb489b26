// SPDX-License-Identifier: GPL-3.0-or-later
#include "audit/auditevent.h"

#include "audit/canonicaljson.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct KindName
{
    AuditKind kind;
    QLatin1StringView name;
};

constexpr KindName kKinds[] = {
    {AuditKind::Command, QLatin1StringView("command")},
    {AuditKind::Confirmation, QLatin1StringView("confirmation")},
    {AuditKind::Refusal, QLatin1StringView("refusal")},
    {AuditKind::HostKey, QLatin1StringView("hostkey")},
    {AuditKind::Checklist, QLatin1StringView("checklist")},
    {AuditKind::Incident, QLatin1StringView("incident")},
};

struct ConfirmName
{
    ConfirmedBy by;
    QLatin1StringView name;
};

constexpr ConfirmName kConfirms[] = {
    {ConfirmedBy::None, QLatin1StringView("")},
    {ConfirmedBy::Dialog, QLatin1StringView("dialog")},
    {ConfirmedBy::Flag, QLatin1StringView("flag")},
    {ConfirmedBy::TypedName, QLatin1StringView("typed-name")},
};

Error badRecord(const QString &detail)
{
    return Error{u"audit.bad_record"_s,
                 QCoreApplication::translate("ph::AuditLog",
                                             "An audit record cannot be read; run a "
                                             "verification of the audit log."),
                 detail};
}

} // namespace

QString auditKindName(AuditKind kind)
{
    for (const auto &k : kKinds) {
        if (k.kind == kind)
            return QString(k.name);
    }
    return {};
}

std::optional<AuditKind> auditKindFromName(const QString &name)
{
    for (const auto &k : kKinds) {
        if (name == k.name)
            return k.kind;
    }
    return std::nullopt;
}

QString confirmedByName(ConfirmedBy by)
{
    for (const auto &c : kConfirms) {
        if (c.by == by)
            return QString(c.name);
    }
    return {};
}

std::optional<ConfirmedBy> confirmedByFromName(const QString &name)
{
    for (const auto &c : kConfirms) {
        if (name == c.name)
            return c.by;
    }
    return std::nullopt;
}

namespace audit {

QByteArray canonicalRecord(qint64 seq, const AuditEvent &event)
{
    QJsonObject o;
    o.insert(u"v"_s, kRecordVersion);
    o.insert(u"seq"_s, seq);
    o.insert(u"at"_s, event.at.toUTC().toString(Qt::ISODateWithMs));
    o.insert(u"kind"_s, auditKindName(event.kind));
    o.insert(u"actor"_s, event.actor);
    o.insert(u"environment"_s, event.environment);
    o.insert(u"host"_s, event.host);
    o.insert(u"command"_s, event.command);
    o.insert(u"exit_status"_s, event.exitStatus ? QJsonValue(*event.exitStatus) : QJsonValue());
    o.insert(u"output_sha256"_s, event.outputSha256);
    o.insert(u"detail"_s, event.detail);
    o.insert(u"confirmed_by"_s, confirmedByName(event.confirmedBy));
    return canonicalJson(o);
}

Result<AuditRecord> parseRecord(const QByteArray &canonical)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(canonical, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return tl::unexpected(badRecord(u"not a JSON object: "_s + error.errorString()));
    const QJsonObject o = doc.object();
    if (o.value(u"v"_s).toInt() != kRecordVersion)
        return tl::unexpected(badRecord(u"unknown record version"_s));

    AuditRecord record;
    record.canonical = canonical;
    record.seq = o.value(u"seq"_s).toInteger();
    AuditEvent &e = record.event;
    const auto kind = auditKindFromName(o.value(u"kind"_s).toString());
    const auto confirmed = confirmedByFromName(o.value(u"confirmed_by"_s).toString());
    e.at = QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODateWithMs).toUTC();
    if (!kind || !confirmed || !e.at.isValid() || record.seq < 1)
        return tl::unexpected(badRecord(u"kind, confirmed_by, at or seq is invalid"_s));
    e.kind = *kind;
    e.confirmedBy = *confirmed;
    e.actor = o.value(u"actor"_s).toString();
    e.environment = o.value(u"environment"_s).toString();
    e.host = o.value(u"host"_s).toString();
    e.command = o.value(u"command"_s).toString();
    const QJsonValue exit = o.value(u"exit_status"_s);
    if (exit.isDouble())
        e.exitStatus = exit.toInt();
    e.outputSha256 = o.value(u"output_sha256"_s).toString();
    e.detail = o.value(u"detail"_s).toObject();

    // Anything that would not serialise back to the same bytes is not a record this
    // format wrote (extra members, other types, other spacing).
    if (canonicalRecord(record.seq, e) != canonical)
        return tl::unexpected(badRecord(u"not in canonical form"_s));
    return record;
}

QString genesisHash()
{
    return QString(64, u'0');
}

QString chainHash(const QString &prevHash, const QByteArray &canonical)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::fromHex(prevHash.toLatin1()));
    hash.addData(canonical);
    return QString::fromLatin1(hash.result().toHex());
}

QString sha256Hex(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool isSha256Hex(const QString &text)
{
    if (text.size() != 64)
        return false;
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
    });
}

} // namespace audit

} // namespace ph
