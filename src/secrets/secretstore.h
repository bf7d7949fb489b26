// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace ph {

/**
 * Secrets (dashboard keys, SSH passphrases, API tokens) in the OS keychain through
 * QtKeychain: Secret Service or KWallet on Linux, Keychain on macOS, Credential Manager on
 * Windows. There is no plaintext fallback: without a keychain every call fails with
 * "keychain.unavailable".
 *
 * Every call is asynchronous and answers exactly once through its callback, which runs in
 * the thread of @c context and is dropped when @c context is gone. Every keychain job has a
 * timeout (timeoutMs()); an answer arriving after it is ignored.
 *
 * Error codes: "keychain.unavailable" (no keychain service), "keychain.denied" (locked or
 * refused), "keychain.not_found" (the entry is not set), "keychain.timeout".
 *
 * Because Secret Service can report a locked or missing keyring as "entry not found", a
 * not-found answer is only passed on once an availability probe (cached for a minute) has
 * shown that the keychain really works.
 *
 * Values are never logged; entry names may be.
 */
class SecretStore : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultTimeoutMs = 10000;
    static constexpr int kAvailabilityCacheMs = 60000;

    /// @p service is the keychain service name: "pilothouse", or "pilothouse-demo" so the
    /// demo workspace's entries are labelled as demo and never touch real ones.
    explicit SecretStore(const QString &service = QStringLiteral("pilothouse"),
                         QObject *parent = nullptr);
    ~SecretStore() override;

    /// "<workspace name>/<purpose>", e.g. "Production/echopilot-dash-key".
    static QString entryName(const QString &workspace, const QString &purpose);

    QString service() const { return m_service; }
    bool isDemo() const;

    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    using ValueCallback = std::function<void(Result<QString>)>;
    using DoneCallback = std::function<void(Result<void>)>;

    void read(const QString &entry, QObject *context, ValueCallback done);
    void write(const QString &entry, const QString &value, QObject *context, DoneCallback done);
    /// Removing an entry that is not set succeeds (once the keychain is known to work).
    void remove(const QString &entry, QObject *context, DoneCallback done);
    /// Replaces the value of @p entry; the old value is gone afterwards.
    void rotate(const QString &entry, const QString &newValue, QObject *context, DoneCallback done);
    /// Writes and deletes a sentinel entry, so "no keychain" is never mistaken for
    /// "entry not set". Refreshes the cached availability.
    void probeAvailability(QObject *context, DoneCallback done);

    /**
     * Answers reads of @p entry with @p value without asking the keychain (the CLI's
     * --secret-stdin for cron, where no keychain session exists). Held in memory only.
     */
    void setOverride(const QString &entry, const QString &value);
    void clearOverrides();

    /**
     * Reads @p entry, waiting up to @p timeoutMs in a local event loop. For the command
     * line only: never call it from the GUI thread, whose events would run re-entrantly.
     */
    Result<QString> readBlocking(const QString &entry, int timeoutMs = kDefaultTimeoutMs);

private:
    enum class JobKind
    {
        Read,
        Write,
        Remove
    };
    struct JobOutcome;
    using JobCallback = std::function<void(const JobOutcome &)>;

    void startJob(JobKind kind, const QString &entry, const QString &value, int timeoutMs,
                  JobCallback done);
    void confirmNotFound(const QString &entry, QObject *context,
                         std::function<void(Result<void>)> confirmed);
    void runProbe();
    Error errorFor(const JobOutcome &outcome, const QString &entry) const;
    void readWithTimeout(const QString &entry, QObject *context, int timeoutMs, ValueCallback done);

    QString m_service;
    int m_timeoutMs = kDefaultTimeoutMs;
    QHash<QString, QString> m_overrides;

    // Availability probe: one in flight at a time, its answer shared by every waiter.
    bool m_probeRunning = false;
    qint64 m_availableUntilMs = 0; ///< monotonic ms; the cached "keychain works" expires
    QList<std::function<void(const Result<void> &)>> m_probeWaiters;
};

} // namespace ph
