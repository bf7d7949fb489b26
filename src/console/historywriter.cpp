// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/historywriter.h"

#include "core/logging.h"
#include "storage/database.h"
#include "storage/probehistory.h"

#include <QDateTime>

namespace ph {

HistoryWriter::HistoryWriter(std::shared_ptr<Database> db, QObject *parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_history(std::make_unique<ProbeHistory>(m_db))
{
}

HistoryWriter::~HistoryWriter()
{
    m_history.reset();
    m_db->releaseThreadConnection();
}

void HistoryWriter::record(const ProbeResult &result)
{
    if (auto r = m_history->record(result); !r) {
        if (!m_reportedFailure) {
            // One report is enough; a full disk would otherwise flood the user.
            m_reportedFailure = true;
            Q_EMIT failed(r.error());
        }
        return;
    }
    const QString key = result.service + u'\n' + result.endpoint;
    const auto tally = m_tallies.find(key);
    // An out-of-order sample breaks the tally's order; the next request seeds it afresh.
    if (tally != m_tallies.end() &&
        !tally->add(result.checkedAt.toMSecsSinceEpoch(), result.verdict))
        m_tallies.erase(tally);
}

void HistoryWriter::recordStateChange(const ProbeResult &now, Verdict previous)
{
    if (auto r = m_history->recordStateChange(now, previous); !r)
        qCWarning(lcStorage) << "state change not stored:" << r.error().toString();
}

void HistoryWriter::computeUptime(const QStringList &keys, qint64 maxGapMs)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (maxGapMs != m_tallyGapMs) {
        m_tallies.clear();
        m_tallyGapMs = maxGapMs;
    }
    for (const QString &key : keys) {
        const int cut = key.indexOf(u'\n');
        const QString service = key.left(cut);
        const QString endpoint = key.mid(cut + 1);
        auto tally = m_tallies.find(key);
        if (tally == m_tallies.end()) {
            auto seeded = m_history->seedTally(service, endpoint, maxGapMs);
            if (!seeded)
                continue;
            tally = m_tallies.insert(key, std::move(*seeded));
        }
        auto day = m_history->uptime(service, endpoint, now.addDays(-1), now, *tally);
        auto week = m_history->uptime(service, endpoint, now.addDays(-7), now, *tally);
        if (!day || !week)
            continue;
        const auto ratio = [](const UptimeStats &s) {
            return s.observedMs > 0 ? double(s.upMs) / double(s.observedMs) : -1.0;
        };
        Q_EMIT uptimeReady(service, endpoint, ratio(*day), ratio(*week));
    }
}

void HistoryWriter::rollUp()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (auto r = m_history->rollUp(now); !r) {
        qCWarning(lcStorage) << "roll-up failed:" << r.error().toString();
        return;
    }
    const qint64 cutoff = ProbeHistory::rawCutoffMs(now.toMSecsSinceEpoch());
    for (UptimeTally &tally : m_tallies)
        tally.dropBefore(cutoff);
}

void QueuedHistorySink::record(const ProbeResult &result)
{
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, result] { w->record(result); }, Qt::QueuedConnection);
}

void QueuedHistorySink::recordStateChange(const ProbeResult &now, Verdict previous)
{
    QMetaObject::invokeMethod(
        m_writer, [w = m_writer, now, previous] { w->recordStateChange(now, previous); },
        Qt::QueuedConnection);
}

} // namespace ph
