// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/sqlitedialect.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Minute and hour roll-ups share one shape; counts and sums add up when a late raw row
// lands in a bucket that was already rolled, so a roll-up can run any number of times.
QString bucketTable(const QString &table)
{
    return u"CREATE TABLE "_s + table + uR"( (
    service         TEXT    NOT NULL,
    endpoint        TEXT    NOT NULL,
    bucket          INTEGER NOT NULL,
    pass_count      INTEGER NOT NULL DEFAULT 0,
    warn_count      INTEGER NOT NULL DEFAULT 0,
    fail_count      INTEGER NOT NULL DEFAULT 0,
    down_count      INTEGER NOT NULL DEFAULT 0,
    stale_count     INTEGER NOT NULL DEFAULT 0,
    unknown_count   INTEGER NOT NULL DEFAULT 0,
    latency_min     INTEGER,
    latency_max     INTEGER,
    latency_sum     INTEGER NOT NULL DEFAULT 0,
    latency_samples INTEGER NOT NULL DEFAULT 0,
    observed_ms     INTEGER NOT NULL DEFAULT 0,
    up_ms           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (service, endpoint, bucket)
))"_s;
}

QString upsertBucket(const QString &table)
{
    return u"INSERT INTO "_s + table + uR"( (service, endpoint, bucket, pass_count, warn_count,
    fail_count, down_count, stale_count, unknown_count, latency_min, latency_max, latency_sum,
    latency_samples, observed_ms, up_ms)
VALUES (:service, :endpoint, :bucket, :pass_count, :warn_count, :fail_count, :down_count,
    :stale_count, :unknown_count, :latency_min, :latency_max, :latency_sum, :latency_samples,
    :observed_ms, :up_ms)
ON CONFLICT (service, endpoint, bucket) DO UPDATE SET
    pass_count = pass_count + excluded.pass_count,
    warn_count = warn_count + excluded.warn_count,
    fail_count = fail_count + excluded.fail_count,
    down_count = down_count + excluded.down_count,
    stale_count = stale_count + excluded.stale_count,
    unknown_count = unknown_count + excluded.unknown_count,
    latency_min = CASE WHEN latency_min IS NULL THEN excluded.latency_min
                       WHEN excluded.latency_min IS NULL THEN latency_min
                       ELSE MIN(latency_min, excluded.latency_min) END,
    latency_max = CASE WHEN latency_max IS NULL THEN excluded.latency_max
                       WHEN excluded.latency_max IS NULL THEN latency_max
                       ELSE MAX(latency_max, excluded.latency_max) END,
    latency_sum = latency_sum + excluded.latency_sum,
    latency_samples = latency_samples + excluded.latency_samples,
    observed_ms = observed_ms + excluded.observed_ms,
    up_ms = up_ms + excluded.up_ms)"_s;
}

QString bucketColumns()
{
    return uR"(service, endpoint, bucket, pass_count, warn_count, fail_count,
    down_count, stale_count, unknown_count, latency_min, latency_max, latency_sum,
    latency_samples, observed_ms, up_ms)"_s;
}

SqlDialect makeSqlite()
{
    SqlDialect d;
    d.name = u"sqlite"_s;
    d.driver = u"QSQLITE"_s;

    // WAL with synchronous=NORMAL cannot corrupt the file; a power cut loses at most the
    // last commits, which for probe history is the right trade for fewer fsyncs.
    d.connectionSetup = {u"PRAGMA busy_timeout = %1"_s, u"PRAGMA foreign_keys = ON"_s,
                         u"PRAGMA synchronous = NORMAL"_s};
    d.readSchemaVersion = u"PRAGMA user_version"_s;
    d.writeSchemaVersion = u"PRAGMA user_version = %1"_s;
    d.integrityCheck = u"PRAGMA quick_check"_s;
    d.enableWal = u"PRAGMA journal_mode = WAL"_s;

    // Migration 1: probe history in three tiers plus state changes.
    d.migrations.append(QStringList{
        uR"(CREATE TABLE probe_results (
    id          INTEGER PRIMARY KEY,
    service     TEXT    NOT NULL,
    endpoint    TEXT    NOT NULL,
    checked_at  INTEGER NOT NULL,
    verdict     TEXT    NOT NULL,
    status_code INTEGER NOT NULL DEFAULT 0,
    latency_ms  INTEGER,
    error       TEXT    NOT NULL DEFAULT ''
))"_s,
        u"CREATE INDEX probe_results_endpoint_time ON probe_results (service, endpoint, checked_at)"_s,
        u"CREATE INDEX probe_results_time ON probe_results (checked_at)"_s,
        bucketTable(u"probe_minute"_s),
        u"CREATE INDEX probe_minute_time ON probe_minute (bucket)"_s,
        bucketTable(u"probe_hour"_s),
        u"CREATE INDEX probe_hour_time ON probe_hour (bucket)"_s,
        uR"(CREATE TABLE probe_state_changes (
    id           INTEGER PRIMARY KEY,
    service      TEXT    NOT NULL,
    endpoint     TEXT    NOT NULL,
    at           INTEGER NOT NULL,
    from_verdict TEXT    NOT NULL,
    to_verdict   TEXT    NOT NULL,
    error        TEXT    NOT NULL DEFAULT ''
))"_s,
        u"CREATE INDEX probe_state_changes_endpoint_time ON probe_state_changes (service, endpoint, at)"_s,
    });

    // Migration 2: tables the audit log, checklist runs and alerts fill in later issues.
    d.migrations.append(QStringList{
        uR"(CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    record_json TEXT    NOT NULL,
    prev_hash   TEXT    NOT NULL,
    hash        TEXT    NOT NULL UNIQUE
))"_s,
        uR"(CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    runbook     TEXT    NOT NULL,
    title       TEXT    NOT NULL DEFAULT '',
    environment TEXT    NOT NULL DEFAULT '',
    operator    TEXT    NOT NULL DEFAULT '',
    state       TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    data_json   TEXT    NOT NULL DEFAULT '{}'
))"_s,
        u"CREATE INDEX runs_started ON runs (started_at)"_s,
        uR"(CREATE TABLE run_steps (
    run_id        INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    step_index    INTEGER NOT NULL,
    step_id       TEXT    NOT NULL,
    state         TEXT    NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER,
    signed_off_by TEXT    NOT NULL DEFAULT '',
    note          TEXT    NOT NULL DEFAULT '',
    outcome_json  TEXT    NOT NULL DEFAULT '{}',
    PRIMARY KEY (run_id, step_index)
))"_s,
        uR"(CREATE TABLE alert_acks (
    id              INTEGER PRIMARY KEY,
    alert_key       TEXT    NOT NULL,
    service         TEXT    NOT NULL DEFAULT '',
    severity        TEXT    NOT NULL DEFAULT '',
    acknowledged_at INTEGER NOT NULL,
    owner           TEXT    NOT NULL,
    note            TEXT    NOT NULL DEFAULT '',
    cleared_at      INTEGER
))"_s,
        u"CREATE INDEX alert_acks_key ON alert_acks (alert_key, acknowledged_at)"_s,
    });

    // Migration 3: the audit log's filter columns (copies of fields of the hashed record, so
    // the Audit view can filter in SQL), its seal row, and triggers that keep the table
    // append-only against slips; deliberate tampering is what the hash chain catches.
    d.migrations.append(QStringList{
        u"ALTER TABLE audit_log ADD COLUMN kind TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE audit_log ADD COLUMN environment TEXT NOT NULL DEFAULT ''"_s,
        u"ALTER TABLE audit_log ADD COLUMN host TEXT NOT NULL DEFAULT ''"_s,
        u"CREATE INDEX audit_log_at ON audit_log (at)"_s,
        uR"(CREATE TABLE audit_seal (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    length    INTEGER NOT NULL,
    head_hash TEXT    NOT NULL,
    mac       TEXT    NOT NULL,
    sealed_at INTEGER NOT NULL
))"_s,
        uR"(CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)"_s,
        uR"(CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END)"_s,
    });

    // Migration 4: acknowledgements survive a restart (one row per rule and service while
    // the alert fires; alert_acks.alert_key holds the rule id) and mutes keep their expiry.
    // Nothing wrote alert_acks before this version; emptying it lets the unique index build.
    d.migrations.append(QStringList{
        u"DELETE FROM alert_acks"_s,
        u"CREATE UNIQUE INDEX alert_acks_subject ON alert_acks (alert_key, service)"_s,
        uR"(CREATE TABLE alert_mutes (
    severity TEXT    PRIMARY KEY,
    until_at INTEGER NOT NULL
))"_s,
    });

    d.insertProbeResult = uR"(INSERT INTO probe_results
    (service, endpoint, checked_at, verdict, status_code, latency_ms, error)
VALUES (:service, :endpoint, :checked_at, :verdict, :status_code, :latency_ms, :error))"_s;
    d.insertStateChange = uR"(INSERT INTO probe_state_changes
    (service, endpoint, at, from_verdict, to_verdict, error)
VALUES (:service, :endpoint, :at, :from_verdict, :to_verdict, :error))"_s;
    d.selectStateChanges = uR"(SELECT at, from_verdict, to_verdict, error FROM probe_state_changes
WHERE service = :service AND endpoint = :endpoint AND at >= :from AND at < :to
ORDER BY at, id)"_s;
    d.selectRawRange = uR"(SELECT checked_at, verdict, status_code, latency_ms FROM probe_results
WHERE service = :service AND endpoint = :endpoint AND checked_at >= :from AND checked_at < :to
ORDER BY checked_at, id)"_s;
    d.selectRawBefore = uR"(SELECT service, endpoint, checked_at, verdict, latency_ms
FROM probe_results WHERE checked_at < :cutoff ORDER BY service, endpoint, checked_at, id)"_s;
    d.selectFirstRawAtOrAfter = uR"(SELECT checked_at FROM probe_results
WHERE service = :service AND endpoint = :endpoint AND checked_at >= :cutoff
ORDER BY checked_at LIMIT 1)"_s;
    d.deleteRawBefore = u"DELETE FROM probe_results WHERE checked_at < :cutoff"_s;

    // A run's changes are small and frequent; each is its own short transaction.
    d.insertRun = uR"(INSERT INTO runs
    (runbook, title, environment, operator, state, started_at, finished_at, data_json)
VALUES (:runbook, :title, :environment, :operator, :state, :started_at, :finished_at,
    :data_json))"_s;
    d.updateRun = uR"(UPDATE runs SET operator = :operator, state = :state,
    finished_at = :finished_at, data_json = :data_json WHERE id = :id)"_s;
    d.upsertRunStep = uR"(INSERT INTO run_steps
    (run_id, step_index, step_id, state, started_at, finished_at, signed_off_by, note,
     outcome_json)
VALUES (:run_id, :step_index, :step_id, :state, :started_at, :finished_at, '', :note,
    :outcome_json)
ON CONFLICT (run_id, step_index) DO UPDATE SET step_id = excluded.step_id,
    state = excluded.state, started_at = excluded.started_at,
    finished_at = excluded.finished_at, note = excluded.note,
    outcome_json = excluded.outcome_json)"_s;
    d.selectRun = uR"(SELECT id, runbook, title, environment, operator, state, started_at,
    finished_at, data_json FROM runs WHERE id = :id)"_s;
    d.selectRunSteps = uR"(SELECT step_index, step_id, state, started_at, finished_at, note,
    outcome_json FROM run_steps WHERE run_id = :run_id ORDER BY step_index)"_s;
    d.selectUnfinishedRuns = uR"(SELECT id, runbook, title, environment, started_at, data_json
FROM runs WHERE finished_at IS NULL ORDER BY started_at, id)"_s;
    d.selectRunHistory = uR"(SELECT r.id, r.runbook, r.title, r.environment, r.operator, r.state,
    r.started_at, r.finished_at, COUNT(s.step_index), SUM(s.state = 'passed'),
    SUM(s.state = 'failed'), SUM(s.state = 'skipped'), SUM(s.state = 'done-by-hand')
FROM runs r LEFT JOIN run_steps s ON s.run_id = r.id
GROUP BY r.id ORDER BY r.started_at DESC, r.id DESC LIMIT :limit)"_s;
    d.updateRunState =
        u"UPDATE runs SET state = :state, finished_at = :finished_at WHERE id = :id"_s;
    d.upsertMinute = upsertBucket(u"probe_minute"_s);
    d.upsertHour = upsertBucket(u"probe_hour"_s);
    d.selectMinuteBefore =
        u"SELECT "_s + bucketColumns() +
        u" FROM probe_minute WHERE bucket < :cutoff ORDER BY service, endpoint, bucket"_s;
    d.deleteMinuteBefore = u"DELETE FROM probe_minute WHERE bucket < :cutoff"_s;
    d.deleteHourBefore = u"DELETE FROM probe_hour WHERE bucket < :cutoff"_s;
    d.selectMinuteRange = u"SELECT "_s + bucketColumns() + uR"( FROM probe_minute
WHERE service = :service AND endpoint = :endpoint AND bucket >= :from AND bucket < :to
ORDER BY bucket)"_s;
    d.selectHourRange = u"SELECT "_s + bucketColumns() + uR"( FROM probe_hour
WHERE service = :service AND endpoint = :endpoint AND bucket >= :from AND bucket < :to
ORDER BY bucket)"_s;
    // Uptime only needs the totals; summing in SQLite spares turning a week of minute rows
    // into Qt values on every refresh.
    d.sumMinuteRange = uR"(SELECT COALESCE(SUM(observed_ms), 0), COALESCE(SUM(up_ms), 0)
FROM probe_minute
WHERE service = :service AND endpoint = :endpoint AND bucket >= :from AND bucket < :to)"_s;
    d.sumHourRange = uR"(SELECT COALESCE(SUM(observed_ms), 0), COALESCE(SUM(up_ms), 0)
FROM probe_hour
WHERE service = :service AND endpoint = :endpoint AND bucket >= :from AND bucket < :to)"_s;
    d.countRaw = u"SELECT COUNT(*) FROM probe_results"_s;
    d.countMinute = u"SELECT COUNT(*) FROM probe_minute"_s;
    d.countHour = u"SELECT COUNT(*) FROM probe_hour"_s;

    d.beginWrite = u"BEGIN IMMEDIATE"_s;
    d.commitWrite = u"COMMIT"_s;
    d.rollbackWrite = u"ROLLBACK"_s;

    d.selectAuditTip = u"SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"_s;
    d.insertAuditRecord = uR"(INSERT INTO audit_log
    (seq, at, kind, environment, host, record_json, prev_hash, hash)
VALUES (:seq, :at, :kind, :environment, :host, :record_json, :prev_hash, :hash))"_s;
    d.selectAuditSeal = u"SELECT length, head_hash, mac FROM audit_seal WHERE id = 1"_s;
    d.upsertAuditSeal = uR"(INSERT INTO audit_seal (id, length, head_hash, mac, sealed_at)
VALUES (1, :length, :head_hash, :mac, :sealed_at)
ON CONFLICT (id) DO UPDATE SET length = excluded.length, head_hash = excluded.head_hash,
    mac = excluded.mac, sealed_at = excluded.sealed_at)"_s;
    d.selectAuditChain = uR"(SELECT seq, at, kind, environment, host, record_json, prev_hash, hash
FROM audit_log ORDER BY seq)"_s;
    d.selectAuditRange = uR"(SELECT seq, record_json, prev_hash, hash FROM audit_log
WHERE at >= :from AND at < :to
    AND (:any_kind = 1 OR kind = :kind)
    AND (:any_environment = 1 OR environment = :environment)
    AND (:any_host = 1 OR host = :host)
ORDER BY seq)"_s;

    d.upsertAlertAck = uR"(INSERT INTO alert_acks
    (alert_key, service, severity, acknowledged_at, owner, note)
VALUES (:rule_id, :service, :severity, :acknowledged_at, :owner, :note)
ON CONFLICT (alert_key, service) DO UPDATE SET severity = excluded.severity,
    acknowledged_at = excluded.acknowledged_at, owner = excluded.owner, note = excluded.note)"_s;
    d.deleteAlertAck =
        u"DELETE FROM alert_acks WHERE alert_key = :rule_id AND service = :service"_s;
    d.selectAlertAcks = uR"(SELECT alert_key, service, severity, owner, acknowledged_at, note
FROM alert_acks ORDER BY acknowledged_at, id)"_s;
    d.upsertAlertMute =
        uR"(INSERT INTO alert_mutes (severity, until_at) VALUES (:severity, :until_at)
ON CONFLICT (severity) DO UPDATE SET until_at = excluded.until_at)"_s;
    d.deleteAlertMute = u"DELETE FROM alert_mutes WHERE severity = :severity"_s;
    d.deleteMutesEndedBy = u"DELETE FROM alert_mutes WHERE until_at <= :now"_s;
    d.selectAlertMutes = u"SELECT severity, until_at FROM alert_mutes ORDER BY severity"_s;
    return d;
}

} // namespace

const SqlDialect &sqliteDialect()
{
    static const SqlDialect dialect = makeSqlite();
    return dialect;
}

} // namespace ph
