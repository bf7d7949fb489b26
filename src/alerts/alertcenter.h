// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertengine.h"
#include "alerts/alertfeed.h"
#include "core/error.h"
#include "workspace/workspace.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QThread>

#include <chrono>
#include <memory>

namespace ph {

class AlertStateStore;
class Database;
class Notifier;
struct ProbeResult;

/**
 * The console's live alerts: probe results go in through an AlertFeed, the AlertEngine
 * decides, and the window (and a future `pilothouse-cli status`) read the same state.
 * Owned by ph::Console; no widgets.
 *
 * Services of other environments than the one being probed are not watched: their
 * inputs are frozen (stale), so their alerts neither resolve nor escalate on old news.
 */
class AlertCenter : public QObject
{
    Q_OBJECT
public:
    using Clock = AlertEngine::Clock;

    explicit AlertCenter(QObject *parent = nullptr);
    ~AlertCenter() override;

    AlertEngine *engine() const { return m_engine; }
    /// Desktop notifications for new P0/P1 and escalations; null = none. Not owned.
    void setNotifier(Notifier *notifier);
    /// Replaces the clock (tests); results still carry their own check times.
    void setClock(Clock clock);
    QDateTime now() const { return m_engine->now(); }

    /**
     * Takes the services' profiles, environments and field mappings and the alert
     * thresholds ("alerts.<rule id>") of @p workspace. Bad thresholds are refused as a whole
     * (the previous ones stay) and reported by thresholdsRejected() and thresholdProblem().
     */
    void setWorkspace(const Workspace &workspace);
    /// The services being probed now; inputs of every other service freeze.
    void setWatchedServices(const QStringList &services);

    /**
     * Restores acknowledgements and mutes kept in @p db (an alert that still fires stays
     * taken by its owner and does not escalate; mutes keep their expiry) and keeps them
     * there from now on. The writes run on a thread of the centre's own, in order; a
     * failed one is reported by storageFailed(). Call once, before feeding results.
     */
    Result<void> attachDatabase(std::shared_ptr<Database> db);

    /// Starts the engine's clock-driven checks (pending durations, escalation).
    void start();
    void stop();
    /// Advances pending rules and escalations to now() (tests call this; start() repeats it).
    void tick();

    QList<Alert> activeAlerts() const { return m_engine->activeAlerts(); }
    /// The @p max most recently resolved alerts, newest first.
    QList<Alert> recentlyResolved(int max = 20) const;
    Alert alert(const QString &id) const { return m_engine->alert(id); }

    /// Acknowledges alert @p id; @p owner must not be empty, @p note is optional.
    Result<void> acknowledge(const QString &id, const QString &owner, const QString &note = {});
    /// Who acknowledges by default: the user logged in to the OS (empty if unknown).
    static QString defaultOwner();

    /// No notifications of @p severity for @p duration from now(); it ends by itself.
    void muteFor(Severity severity, std::chrono::seconds duration);
    void unmute(Severity severity);
    /// When the mute of @p severity ends; invalid when it is not muted.
    QDateTime mutedUntil(Severity severity) const { return m_engine->mutedUntil(severity); }

    /// Why the workspace's alert thresholds were refused; an empty code when they were not.
    Error thresholdProblem() const { return m_thresholdProblem; }

public Q_SLOTS:
    void applyResult(const ph::ProbeResult &result);
    /// The laptop lost (or got back) its network: nothing fires or resolves meanwhile.
    void setOffline(bool offline);

Q_SIGNALS:
    /// Something in activeAlerts() or recentlyResolved() changed (also a latest value).
    void alertsChanged();
    void alertRaised(const ph::Alert &alert);
    void alertResolved(const ph::Alert &alert);
    void alertAcknowledged(const ph::Alert &alert);
    void alertEscalated(const ph::Alert &alert);
    /// A mute started, was lifted or ran out.
    void mutesChanged();
    void thresholdsRejected(const ph::Error &error);
    /// Remembering an acknowledgement or a mute in the database failed.
    void storageFailed(const ph::Error &error);

private:
    void freeze(const QString &service);
    void applyMute(Severity severity, const QDateTime &until);
    /// Runs @p write on the store's thread, after every write queued before it.
    void queueWrite(std::function<Result<void>(const AlertStateStore &)> write);

    AlertEngine *m_engine;
    AlertFeed m_feed;
    QHash<QString, QSet<QString>> m_inputs; ///< metrics fed so far, per service
    QSet<QString> m_watched;
    bool m_watchedKnown = false; ///< until setWatchedServices(), every service is watched
    Error m_thresholdProblem;
    std::shared_ptr<AlertStateStore> m_store;
    QThread m_storeThread;
    QObject *m_storeContext = nullptr; ///< lives on m_storeThread
};

} // namespace ph
