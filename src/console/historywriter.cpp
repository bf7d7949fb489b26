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
    if (auto r = m_history->record(result); !r && !m_reportedFailure) {
        // One report is enough; a full disk would otherwise flood the user.
        m_reportedFailure = true;
        Q_EMIT failed(r.error());
    }
}

void HistoryWriter::recordStateChange(const ProbeResult &now, Verdict previous)
{
    if (auto r = m_history->recordStateChange(now, previous); !r)
        qCWarning(lcStorage) << "state change not stored:" << r.error().toString();
}

void HistoryWriter::computeUptime(const QStringList &keys, qint64 maxGapMs)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QString &key : keys) {
        const int cut = key.indexOf(u'\n');
        const QString service = key.left(cut);
        const QString endpoint = key.mid(cut + 1);
        auto day = m_history->uptime(service, endpoint, now.addDays(-1), now, maxGapMs);
        auto week = m_history->uptime(service, endpoint, now.addDays(-7), now, maxGapMs);
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
    if (auto r = m_history->rollUp(QDateTime::currentDateTimeUtc()); !r)
        qCWarning(lcStorage) << "roll-up failed:" << r.error().toString();
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
