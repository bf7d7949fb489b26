// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertstatestore.h"

#include "storage/database.h"

#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Qt Sql binds a null QString as SQL NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? u""_s : s;
}

QDateTime fromMs(const QVariant &v)
{
    return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), QTimeZone::utc());
}

} // namespace

AlertStateStore::AlertStateStore(std::shared_ptr<Database> db)
    : m_db(std::move(db))
{
}

Result<AlertMemory> AlertStateStore::load(const QDateTime &now) const
{
    const SqlDialect &d = m_db->dialect();
    if (auto dropped = m_db->run(d.deleteMutesEndedBy, {{u"now"_s, now.toMSecsSinceEpoch()}});
        !dropped)
        return tl::unexpected(dropped.error());

    AlertMemory memory;
    auto acks = m_db->run(d.selectAlertAcks);
    if (!acks)
        return tl::unexpected(acks.error());
    while (acks->next()) {
        AcknowledgementRecord r;
        r.ruleId = acks->value(0).toString();
        r.service = acks->value(1).toString();
        // A row whose severity this build does not know still keeps its owner.
        r.severity = severityFromName(acks->value(2).toString()).value_or(Severity::P2);
        r.owner = acks->value(3).toString();
        r.at = fromMs(acks->value(4));
        r.note = acks->value(5).toString();
        if (!r.ruleId.isEmpty() && !r.owner.isEmpty())
            memory.acknowledgements.append(r);
    }

    auto mutes = m_db->run(d.selectAlertMutes);
    if (!mutes)
        return tl::unexpected(mutes.error());
    while (mutes->next()) {
        if (const auto severity = severityFromName(mutes->value(0).toString()))
            memory.mutes.insert(*severity, fromMs(mutes->value(1)));
    }
    return memory;
}

Result<void> AlertStateStore::saveAcknowledgement(const AcknowledgementRecord &record) const
{
    auto q = m_db->run(m_db->dialect().upsertAlertAck,
                       {{u"rule_id"_s, record.ruleId},
                        {u"service"_s, text(record.service)},
                        {u"severity"_s, severityName(record.severity)},
                        {u"owner"_s, text(record.owner)},
                        {u"acknowledged_at"_s, record.at.toMSecsSinceEpoch()},
                        {u"note"_s, text(record.note)}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

Result<void> AlertStateStore::removeAcknowledgement(const QString &ruleId,
                                                    const QString &service) const
{
    auto q = m_db->run(m_db->dialect().deleteAlertAck,
                       {{u"rule_id"_s, ruleId}, {u"service"_s, text(service)}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

Result<void> AlertStateStore::saveMute(Severity severity, const QDateTime &until) const
{
    auto q =
        m_db->run(m_db->dialect().upsertAlertMute, {{u"severity"_s, severityName(severity)},
                                                    {u"until_at"_s, until.toMSecsSinceEpoch()}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

Result<void> AlertStateStore::removeMute(Severity severity) const
{
    auto q = m_db->run(m_db->dialect().deleteAlertMute, {{u"severity"_s, severityName(severity)}});
    if (!q)
        return tl::unexpected(q.error());
    return {};
}

} // namespace ph
