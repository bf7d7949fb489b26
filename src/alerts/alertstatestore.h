// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"
#include "core/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>

#include <memory>

namespace ph {

class Database;

/// One acknowledgement as the database keeps it: who took which rule's alert for a service.
struct AcknowledgementRecord
{
    QString ruleId;
    QString service;
    Severity severity = Severity::P2;
    QString owner;
    QDateTime at;
    QString note;
};

/// What the alerts remember across a restart.
struct AlertMemory
{
    QList<AcknowledgementRecord> acknowledgements;
    QMap<Severity, QDateTime> mutes; ///< severity -> end of the mute
};

/**
 * Acknowledgements and severity mutes in the local database, so a restart neither forgets
 * who took an alert nor lets an acknowledged P0 escalate again. Plain synchronous calls on
 * whatever thread calls them (each thread gets its own connection); AlertCenter calls the
 * writes from a thread of its own.
 */
class AlertStateStore
{
    Q_DECLARE_TR_FUNCTIONS(ph::AlertStateStore)

public:
    explicit AlertStateStore(std::shared_ptr<Database> db);

    /// Everything remembered; mutes that ended by @p now are dropped (and deleted).
    Result<AlertMemory> load(const QDateTime &now) const;

    /// Inserts or replaces the acknowledgement of (ruleId, service).
    Result<void> saveAcknowledgement(const AcknowledgementRecord &record) const;
    Result<void> removeAcknowledgement(const QString &ruleId, const QString &service) const;
    Result<void> saveMute(Severity severity, const QDateTime &until) const;
    Result<void> removeMute(Severity severity) const;

    const std::shared_ptr<Database> &database() const { return m_db; }

private:
    std::shared_ptr<Database> m_db;
};

} // namespace ph
