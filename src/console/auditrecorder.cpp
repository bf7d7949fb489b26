// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/auditrecorder.h"

#include "audit/auditlog.h"
#include "secrets/secretstore.h"
#include "storage/database.h"

#include <QPointer>

#include <chrono>
#include <future>
#include <optional>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// A store dropping its callback (its context gone) breaks the promise; that is no answer.
template <typename T, typename F>
Result<T> takeAnswer(std::future<Result<T>> &answer, F unavailable)
{
    try {
        return answer.get();
    } catch (const std::future_error &) {
        return tl::unexpected(unavailable());
    }
}

} // namespace

/// Lives on AuditRecorder's thread; everything here may block.
class AuditRecorderWorker : public QObject
{
    Q_OBJECT
public:
    AuditRecorderWorker(std::shared_ptr<Database> database, SealKeyStore keys)
        : m_database(std::move(database))
        , m_keys(std::move(keys))
    {
    }

    void append(const AuditEvent &event)
    {
        if (!m_database) {
            Q_EMIT failed(Error{u"audit.unavailable"_s,
                                tr("The audit log is not available (no local database), so "
                                   "this action was not recorded."),
                                {}});
            return;
        }
        if (!m_key) {
            auto key = obtainSealKey(m_keys);
            if (!key) {
                // Asked again next time: the keychain may be unlocked by then.
                Q_EMIT failed(key.error());
                return;
            }
            m_key = *key;
        }
        auto appended = AuditLog(m_database, *m_key).append(event);
        if (!appended) {
            Q_EMIT failed(appended.error());
            return;
        }
        Q_EMIT recorded(appended->seq);
    }

    void release()
    {
        if (m_database)
            m_database->releaseThreadConnection();
    }

Q_SIGNALS:
    void recorded(qint64 seq);
    void failed(const ph::Error &error);

private:
    std::shared_ptr<Database> m_database;
    SealKeyStore m_keys;
    std::optional<QByteArray> m_key;
};

AuditRecorder::AuditRecorder(std::shared_ptr<Database> database, SealKeyStore keys, QObject *parent)
    : QObject(parent)
    , m_worker(new AuditRecorderWorker(std::move(database), std::move(keys)))
{
    qRegisterMetaType<ph::Error>();
    m_thread.setObjectName(u"pilothouse-remote-audit"_s);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &AuditRecorderWorker::recorded, this, &AuditRecorder::recorded);
    connect(m_worker, &AuditRecorderWorker::failed, this, &AuditRecorder::failed);
    m_thread.start();
}

AuditRecorder::~AuditRecorder()
{
    // Events already queued are still written: they run before the release and the quit.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->release(); });
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

void AuditRecorder::record(const AuditEvent &event)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, event] { worker->append(event); });
}

SealKeyStore AuditRecorder::keychainStore(SecretStore *store)
{
    const QPointer<SecretStore> guarded(store);
    const auto waitFor = std::chrono::milliseconds(store ? store->timeoutMs() + 2000 : 0);
    auto unavailable = [] {
        return Error{u"keychain.unavailable"_s,
                     QCoreApplication::translate("AuditRecorder",
                                                 "The keychain did not answer, so the audit "
                                                 "log's seal key could not be read."),
                     {}};
    };

    SealKeyStore keys;
    keys.load = [guarded, waitFor, unavailable]() -> Result<std::optional<QString>> {
        if (!guarded)
            return tl::unexpected(unavailable());
        auto promise = std::make_shared<std::promise<Result<QString>>>();
        auto answer = promise->get_future();
        const bool queued = QMetaObject::invokeMethod(guarded.data(), [guarded, promise] {
            if (!guarded)
                return;
            guarded->read(kSealKeyEntry, guarded.data(),
                          [promise](Result<QString> r) { promise->set_value(std::move(r)); });
        });
        if (!queued || answer.wait_for(waitFor) != std::future_status::ready)
            return tl::unexpected(unavailable());
        const Result<QString> value = takeAnswer(answer, unavailable);
        if (value)
            return std::optional<QString>(*value);
        if (value.error().code == u"keychain.not_found"_s)
            return std::optional<QString>();
        return tl::unexpected(value.error());
    };
    keys.store = [guarded, waitFor, unavailable](const QString &value) -> Result<void> {
        if (!guarded)
            return tl::unexpected(unavailable());
        auto promise = std::make_shared<std::promise<Result<void>>>();
        auto answer = promise->get_future();
        const bool queued = QMetaObject::invokeMethod(guarded.data(), [guarded, promise, value] {
            if (!guarded)
                return;
            guarded->write(kSealKeyEntry, value, guarded.data(),
                           [promise](Result<void> r) { promise->set_value(std::move(r)); });
        });
        if (!queued || answer.wait_for(waitFor) != std::future_status::ready)
            return tl::unexpected(unavailable());
        return takeAnswer(answer, unavailable);
    };
    return keys;
}

} // namespace ph

#include "auditrecorder.moc"
