// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "probes/proberesult.h"
#include "probes/probesink.h"

#include "storage/uptimetally.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>

namespace ph {

class Database;
class ProbeHistory;

/**
 * Owns the probe history on a thread of its own, so SQLite writes and uptime queries never
 * stall the window. Everything is called through queued connections.
 */
class HistoryWriter : public QObject
{
    Q_OBJECT
public:
    explicit HistoryWriter(std::shared_ptr<Database> db, QObject *parent = nullptr);
    ~HistoryWriter() override;

public Q_SLOTS:
    void record(const ph::ProbeResult &result);
    void recordStateChange(const ph::ProbeResult &now, ph::Verdict previous);
    /// Computes 24 h and 7 d uptime of every (service, endpoint) pair given as
    /// "service\nendpoint"; answers with one uptimeReady() each.
    void computeUptime(const QStringList &keys, qint64 maxGapMs);
    void rollUp();

Q_SIGNALS:
    void uptimeReady(const QString &service, const QString &endpoint, double day, double week);
    void failed(const ph::Error &error);

private:
    std::shared_ptr<Database> m_db;
    std::unique_ptr<ProbeHistory> m_history;
    // Running uptime tallies per "service\nendpoint", seeded from the database on the first
    // uptime request so refreshes do not re-read every raw row; all for one maxGap.
    QHash<QString, UptimeTally> m_tallies;
    qint64 m_tallyGapMs = -1;
    bool m_reportedFailure = false;
};

/// The probe engine's sink: hands each result to the writer's thread without waiting.
class QueuedHistorySink : public ProbeSink
{
public:
    explicit QueuedHistorySink(HistoryWriter *writer)
        : m_writer(writer)
    {
    }
    void record(const ProbeResult &result) override;
    void recordStateChange(const ProbeResult &now, Verdict previous) override;

private:
    HistoryWriter *m_writer;
};

} // namespace ph
