// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "audit/auditevent.h"
#include "audit/sealkey.h"
#include "core/error.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace ph {

class Database;
class SecretStore;
class AuditRecorderWorker;

/**
 * Writes the console's audit events (commands, confirmations, refusals, host-key
 * decisions from the Remote, Backups and checklist pages) to the audit log on a thread of its own,
 * in the order they were recorded, so the GUI never waits for SQLite or the keychain. The seal key
 * is fetched once, on first use.
 */
class AuditRecorder : public QObject
{
    Q_OBJECT
public:
    AuditRecorder(std::shared_ptr<Database> database, SealKeyStore keys, QObject *parent = nullptr);
    ~AuditRecorder() override;

    /// Queues @p event; recorded() or failed() follows.
    void record(const AuditEvent &event);

    /**
     * The seal key's home in @p store (entry kSealKeyEntry), for obtainSealKey() on the
     * audit thread: each call asks @p store on its own thread and waits, bounded by the
     * store's timeout, for the answer.
     */
    static SealKeyStore keychainStore(SecretStore *store);

Q_SIGNALS:
    void recorded(qint64 seq);
    void failed(const ph::Error &error);

private:
    QThread m_thread;
    AuditRecorderWorker *m_worker;
};

} // namespace ph
