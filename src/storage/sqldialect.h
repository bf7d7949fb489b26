// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace ph {

/**
 * Every SQL statement Pilothouse's storage runs, by name. One instance per database
 * engine (sqliteDialect() today; a PostgreSQL one can join later), so no SQL text lives
 * outside the dialect files. Statements use named placeholders (":service"), which both
 * QSQLITE and QPSQL accept.
 */
struct SqlDialect
{
    QString name;   ///< "sqlite"
    QString driver; ///< Qt Sql driver name, "QSQLITE"

    // Connection set-up and schema bookkeeping.
    QStringList connectionSetup; ///< run on every new connection; "%1" = busy timeout in ms
    QString readSchemaVersion;   ///< one row, one integer column
    QString writeSchemaVersion;  ///< "%1" = the version number
    QString integrityCheck;      ///< one row reading "ok" when healthy
    QString enableWal;           ///< empty when the engine needs nothing
    /// migrations[i] holds the statements that take the schema from version i to i + 1.
    QList<QStringList> migrations;

    // Checklist runs (see RunStore); tables runs and run_steps from migration 2.
    QString insertRun;            ///< returns the new id as the last insert id
    QString updateRun;            ///< by :id
    QString upsertRunStep;        ///< by (:run_id, :step_index)
    QString selectRun;            ///< one run by :id
    QString selectRunSteps;       ///< a run's steps by step_index
    QString selectUnfinishedRuns; ///< runs not signed off, oldest first
    QString selectRunHistory;     ///< newest first, with step outcome counts; :limit rows
    QString updateRunState;       ///< state and finished_at by :id (abandoning a run)

    // Probe history (see ProbeHistory).
    QString insertProbeResult;
    QString insertStateChange;
    QString selectStateChanges;
    QString selectRawRange;          ///< one endpoint, [:from, :to), by time
    QString selectRawBefore;         ///< all endpoints, checked_at < :cutoff, by endpoint and time
    QString selectFirstRawAtOrAfter; ///< one endpoint's first checked_at >= :cutoff
    QString deleteRawBefore;
    QString upsertMinute;
    QString upsertHour;
    QString selectMinuteBefore; ///< all endpoints, bucket < :cutoff
    QString deleteMinuteBefore;
    QString deleteHourBefore;
    QString selectMinuteRange; ///< one endpoint, bucket in [:from, :to)
    QString selectHourRange;
    QString sumMinuteRange; ///< one endpoint: SUM(observed_ms), SUM(up_ms), bucket in [:from, :to)
    QString sumHourRange;
    QString countRaw;
    QString countMinute;
    QString countHour;

    // Write transactions that take the write lock before reading, so two processes
    // (GUI and CLI) appending to the audit log queue up instead of forking the chain.
    QString beginWrite;
    QString commitWrite;
    QString rollbackWrite;

    // Audit log (see AuditLog).
    QString selectAuditTip;    ///< the last record: seq, hash
    QString insertAuditRecord; ///< :seq, :at, :kind, :environment, :host, :record_json, ...
    QString selectAuditSeal;   ///< the one seal row: length, head_hash, mac
    QString upsertAuditSeal;   ///< :length, :head_hash, :mac, :sealed_at
    QString selectAuditChain;  ///< every record by seq, for verification
    /// Records with :from <= at < :to; :any_kind/:any_environment/:any_host = 1 ignore
    /// :kind/:environment/:host. By seq.
    QString selectAuditRange;

    // Alert acknowledgements and severity mutes (see AlertStateStore), from migration 4.
    // An acknowledgement row lives while its alert (rule + service) fires, across restarts.
    QString upsertAlertAck;     ///< :rule_id, :service, :severity, :owner, :acknowledged_at, :note
    QString deleteAlertAck;     ///< by :rule_id, :service
    QString selectAlertAcks;    ///< rule_id, service, severity, owner, acknowledged_at, note
    QString upsertAlertMute;    ///< :severity, :until_at
    QString deleteAlertMute;    ///< by :severity
    QString deleteMutesEndedBy; ///< mutes whose until_at <= :now
    QString selectAlertMutes;   ///< severity, until_at
};

} // namespace ph
