// SPDX-License-Identifier: GPL-3.0-or-later
#include "secrets/secretstore.h"

#include "core/logging.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <QUuid>

#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr int kTimedOut = -1;

qint64 monotonicMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.elapsed();
}

// Answers always arrive through the event loop of the context's thread, never from inside
// the call that asked, so callers need not guard against re-entrancy.
template <typename T> void deliver(QObject *context, std::function<void(T)> done, T result)
{
    if (!context || !done)
        return;
    QMetaObject::invokeMethod(
        context,
        [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

} // namespace

struct SecretStore::JobOutcome
{
    int error = QKeychain::NoError; ///< a QKeychain::Error, or kTimedOut
    QString errorString;            ///< QtKeychain's text; never holds the value
    QString text;                   ///< read value
};

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::entryName(const QString &workspace, const QString &purpose)
{
    return workspace.trimmed() + u'/' + purpose.trimmed();
}

bool SecretStore::isDemo() const
{
    return m_service.endsWith(u"-demo"_s);
}

void SecretStore::setOverride(const QString &entry, const QString &value)
{
    m_overrides.insert(entry, value);
}

void SecretStore::clearOverrides()
{
    m_overrides.clear();
}

void SecretStore::startJob(JobKind kind, const QString &entry, const QString &value, int timeoutMs,
                           JobCallback done)
{
    QKeychain::Job *job = nullptr;
    switch (kind) {
    case JobKind::Read:
        job = new QKeychain::ReadPasswordJob(m_service);
        break;
    case JobKind::Write: {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(value);
        job = write;
        break;
    }
    case JobKind::Remove:
        job = new QKeychain::DeletePasswordJob(m_service);
        break;
    }
    job->setKey(entry);
    // Secrets go to a keychain or nowhere: never to a plaintext settings file.
    job->setInsecureFallback(false);
    // The job deletes itself when it finishes, also after a timeout; a job that never
    // finishes (a prompt nobody answers) stays parked rather than being torn down mid-call.
    job->setAutoDelete(true);

    struct State
    {
        bool answered = false;
        JobCallback done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);

    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [state, timer, entry] {
        timer->deleteLater();
        if (state->answered)
            return;
        state->answered = true;
        qCWarning(lcSecrets) << "keychain job for" << entry << "timed out";
        state->done(JobOutcome{kTimedOut, {}, {}});
    });
    connect(job, &QKeychain::Job::finished, this, [state, timer, kind](QKeychain::Job *finished) {
        if (state->answered)
            return; // too late: the caller was already told about the timeout
        state->answered = true;
        timer->stop();
        timer->deleteLater();
        JobOutcome outcome{int(finished->error()), finished->errorString(), {}};
        if (kind == JobKind::Read && finished->error() == QKeychain::NoError)
            outcome.text = static_cast<QKeychain::ReadPasswordJob *>(finished)->textData();
        state->done(outcome);
    });
    timer->start(std::max(1, timeoutMs));
    job->start();
}

Error SecretStore::errorFor(const JobOutcome &outcome, const QString &entry) const
{
    switch (outcome.error) {
    case kTimedOut:
        return Error{u"keychain.timeout"_s,
                     tr("The keychain did not answer within %n second(s). It may be waiting "
                        "to be unlocked: unlock it and try again.",
                        nullptr, std::max(1, m_timeoutMs / 1000)),
                     u"entry %1"_s.arg(entry)};
    case QKeychain::EntryNotFound:
        return Error{u"keychain.not_found"_s,
                     tr("No secret is stored in the keychain under \"%1\". Set it in the "
                        "workspace's credentials.")
                         .arg(entry),
                     outcome.errorString};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return Error{u"keychain.denied"_s,
                     tr("The keychain refused access to \"%1\": it is locked or access was "
                        "denied. Unlock it (GNOME Keyring, KeePassXC or KWallet), allow "
                        "Pilothouse, and try again.")
                         .arg(entry),
                     outcome.errorString};
    default:
        return Error{u"keychain.unavailable"_s,
                     tr("No keychain service is available: start a Secret Service provider "
                        "(GNOME Keyring, KeePassXC) or KWallet and unlock it. Pilothouse "
                        "never stores secrets in plain files."),
                     outcome.errorString};
    }
}

void SecretStore::read(const QString &entry, QObject *context, ValueCallback done)
{
    readWithTimeout(entry, context, m_timeoutMs, std::move(done));
}

void SecretStore::readWithTimeout(const QString &entry, QObject *context, int timeoutMs,
                                  ValueCallback done)
{
    if (auto it = m_overrides.constFind(entry); it != m_overrides.cend()) {
        qCDebug(lcSecrets) << "read" << entry << "answered by an override";
        deliver(context, std::move(done), Result<QString>(*it));
        return;
    }
    qCDebug(lcSecrets) << "reading" << entry;
    QPointer<QObject> ctx(context);
    startJob(JobKind::Read, entry, {}, timeoutMs,
             [this, entry, ctx, done = std::move(done)](const JobOutcome &outcome) {
                 if (!ctx)
                     return;
                 if (outcome.error == QKeychain::NoError) {
                     deliver(ctx.data(), done, Result<QString>(outcome.text));
                 } else if (outcome.error == QKeychain::EntryNotFound) {
                     confirmNotFound(entry, ctx, [this, entry, ctx, done](Result<void> works) {
                         deliver(ctx.data(), done,
                                 Result<QString>(tl::unexpected(
                                     works ? errorFor({QKeychain::EntryNotFound, {}, {}}, entry)
                                           : works.error())));
                     });
                 } else {
                     qCInfo(lcSecrets) << "reading" << entry << "failed:" << outcome.errorString;
                     deliver(ctx.data(), done,
                             Result<QString>(tl::unexpected(errorFor(outcome, entry))));
                 }
             });
}

void SecretStore::write(const QString &entry, const QString &value, QObject *context,
                        DoneCallback done)
{
    qCDebug(lcSecrets) << "writing" << entry;
    QPointer<QObject> ctx(context);
    startJob(JobKind::Write, entry, value, m_timeoutMs,
             [this, entry, ctx, done = std::move(done)](const JobOutcome &outcome) {
                 if (outcome.error == QKeychain::NoError) {
                     // A write that worked proves the keychain works.
                     m_availableUntilMs = monotonicMs() + kAvailabilityCacheMs;
                     deliver(ctx.data(), done, Result<void>());
                     return;
                 }
                 qCInfo(lcSecrets) << "writing" << entry << "failed:" << outcome.errorString;
                 Error error = errorFor(outcome, entry);
                 // Writing never means "not set": a locked Secret Service collection can
                 // answer that way.
                 if (outcome.error == QKeychain::EntryNotFound)
                     error = errorFor({QKeychain::OtherError, outcome.errorString, {}}, entry);
                 deliver(ctx.data(), done, Result<void>(tl::unexpected(error)));
             });
}

void SecretStore::remove(const QString &entry, QObject *context, DoneCallback done)
{
    qCDebug(lcSecrets) << "removing" << entry;
    QPointer<QObject> ctx(context);
    startJob(JobKind::Remove, entry, {}, m_timeoutMs,
             [this, entry, ctx, done = std::move(done)](const JobOutcome &outcome) {
                 if (!ctx)
                     return;
                 if (outcome.error == QKeychain::NoError) {
                     deliver(ctx.data(), done, Result<void>());
                 } else if (outcome.error == QKeychain::EntryNotFound) {
                     confirmNotFound(entry, ctx, [ctx, done](Result<void> works) {
                         deliver(ctx.data(), done, works);
                     });
                 } else {
                     qCInfo(lcSecrets) << "removing" << entry << "failed:" << outcome.errorString;
                     deliver(ctx.data(), done,
                             Result<void>(tl::unexpected(errorFor(outcome, entry))));
                 }
             });
}

void SecretStore::rotate(const QString &entry, const QString &newValue, QObject *context,
                         DoneCallback done)
{
    // Secret Service, KWallet and the others replace an item in place, so the old value is
    // gone once the write succeeds; reading it back makes sure of that.
    QPointer<QObject> ctx(context);
    write(entry, newValue, this,
          [this, entry, newValue, ctx, done = std::move(done)](Result<void> written) {
              if (!written) {
                  deliver(ctx.data(), done, written);
                  return;
              }
              startJob(JobKind::Read, entry, {}, m_timeoutMs,
                       [this, entry, newValue, ctx, done](const JobOutcome &outcome) {
                           if (outcome.error != QKeychain::NoError) {
                               deliver(ctx.data(), done,
                                       Result<void>(tl::unexpected(errorFor(outcome, entry))));
                           } else if (outcome.text != newValue) {
                               deliver(ctx.data(), done,
                                       Result<void>(ph::fail(
                                           u"keychain.unavailable"_s,
                                           tr("The keychain kept the old value of \"%1\". "
                                              "Check the keychain for a duplicate entry and "
                                              "try again.")
                                               .arg(entry))));
                           } else {
                               qCInfo(lcSecrets) << "rotated" << entry;
                               deliver(ctx.data(), done, Result<void>());
                           }
                       });
          });
}

void SecretStore::probeAvailability(QObject *context, DoneCallback done)
{
    QPointer<QObject> ctx(context);
    m_availableUntilMs = 0;
    m_probeWaiters.append([ctx, done = std::move(done)](const Result<void> &result) {
        deliver(ctx.data(), done, result);
    });
    runProbe();
}

void SecretStore::confirmNotFound(const QString &entry, QObject *context,
                                  std::function<void(Result<void>)> confirmed)
{
    Q_UNUSED(entry)
    if (monotonicMs() < m_availableUntilMs) {
        deliver(context, std::move(confirmed), Result<void>());
        return;
    }
    QPointer<QObject> ctx(context);
    m_probeWaiters.append([ctx, confirmed = std::move(confirmed)](const Result<void> &result) {
        if (ctx)
            confirmed(result);
    });
    runProbe();
}

void SecretStore::runProbe()
{
    if (m_probeRunning)
        return;
    m_probeRunning = true;

    auto finish = [this](Result<void> result) {
        m_probeRunning = false;
        m_availableUntilMs = result ? monotonicMs() + kAvailabilityCacheMs : 0;
        if (result)
            qCDebug(lcSecrets) << "keychain available";
        else
            qCInfo(lcSecrets) << "keychain not usable:" << result.error().code
                              << result.error().detail;
        const auto waiters = std::exchange(m_probeWaiters, {});
        for (const auto &waiter : waiters)
            waiter(result);
    };
    // Any answer other than success means the keychain cannot hold secrets right now;
    // in particular "not found" while writing is a locked or missing collection.
    auto asProbeError = [this](const JobOutcome &outcome, const QString &sentinel) {
        if (outcome.error == QKeychain::EntryNotFound)
            return errorFor({QKeychain::OtherError, outcome.errorString, {}}, sentinel);
        return errorFor(outcome, sentinel);
    };

    const QString sentinel =
        u".pilothouse-availability-probe/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    startJob(JobKind::Write, sentinel, u"probe"_s, m_timeoutMs,
             [this, sentinel, finish, asProbeError](const JobOutcome &written) {
                 if (written.error != QKeychain::NoError) {
                     finish(tl::unexpected(asProbeError(written, sentinel)));
                     return;
                 }
                 startJob(JobKind::Remove, sentinel, {}, m_timeoutMs,
                          [sentinel, finish, asProbeError](const JobOutcome &removed) {
                              if (removed.error != QKeychain::NoError)
                                  finish(tl::unexpected(asProbeError(removed, sentinel)));
                              else
                                  finish({});
                          });
             });
}

Result<QString> SecretStore::readBlocking(const QString &entry, int timeoutMs)
{
    if (auto it = m_overrides.constFind(entry); it != m_overrides.cend())
        return *it;

    QEventLoop loop;
    QObject context; // dropped answers: late ones find it gone
    std::optional<Result<QString>> answer;
    readWithTimeout(entry, &context, timeoutMs, [&](Result<QString> result) {
        answer = std::move(result);
        loop.quit();
    });
    // The read may need an availability probe after it; the whole wait stays bounded.
    QTimer::singleShot(std::max(1, timeoutMs), &loop, &QEventLoop::quit);
    if (!answer)
        loop.exec();
    if (!answer)
        return tl::unexpected(errorFor({kTimedOut, {}, {}}, entry));
    return *answer;
}

} // namespace ph
