// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertrule.h"
#include "alerts/observation.h"
#include "core/error.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>

namespace ph {

class Notifier;

/**
 * Evaluates alert rules against typed observations and keeps the alerts they raise.
 *
 * Lifecycle of a rule for one service: when a fresh observation breaks it, it becomes
 * pending; once it has been broken for the rule's forDuration it fires (one active alert per
 * rule and service, later observations only update its value); when a fresh observation no
 * longer breaks it, the alert resolves. Of the tiers on one metric only the most severe one
 * that has fired stays active; the others resolve.
 *
 * Stale inputs (and the whole engine while offline) freeze everything about that input:
 * the time it is stale does not count towards forDuration, nothing fires and nothing
 * resolves, and escalation of its alerts waits. It thaws with the next fresh observation,
 * which is evaluated as usual. Between observations, tick() lets pending time run on, but
 * never further than quietAfter() past the input's last fresh observation, so an input that
 * silently stopped (or a laptop that slept) cannot fire an alert.
 *
 * An active P0 that nobody acknowledged within escalationDelay() of firing escalates once
 * (while its input is fresh, i.e. not stale and heard from within quietAfter()):
 * escalated flag, a second desktop notification and alertEscalated(). Desktop notifications
 * go out for new P0 and P1 alerts only, unless that severity is muted; a lower tier that
 * replaces a higher one on the same metric does not notify again.
 */
class AlertEngine : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;

    /// @p notifier may be null (no desktop notifications); it is not owned.
    explicit AlertEngine(Notifier *notifier = nullptr, QObject *parent = nullptr);
    ~AlertEngine() override;

    /// Replaces the clock used by acknowledge(), mutes and the internal tick timer (tests).
    void setClock(Clock clock);
    QDateTime now() const;

    /// Replaces the rules (built-ins by default). Pending state and active alerts of rules
    /// that no longer exist are dropped silently.
    void setRules(const QList<AlertRule> &rules);
    QList<AlertRule> rules() const { return m_rules; }
    /**
     * Overrides thresholds from a workspace's thresholds: keys "alerts.<rule id>", e.g.
     * "alerts.botcore.disk.p0" -> 85. Keys outside "alerts." belong to other views and are
     * ignored. An unknown rule or a value that is not a finite number fails the whole call
     * and changes nothing. Thresholds not named go back to the rule's default.
     */
    Result<void> setThresholds(const QMap<QString, double> &thresholds);

    /// Which profile ("botcore", "echopilot", ...) a service has; unknown services only get
    /// rules of profile "any".
    void setServiceProfile(const QString &service, const QString &profile);
    /// Which environment a service belongs to; alerts raised afterwards carry it.
    void setServiceEnvironment(const QString &service, const QString &environment);
    /// Where desktop notifications go from now on; null = nowhere. Not owned.
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }

    std::chrono::seconds escalationDelay() const { return m_escalationDelay; }
    void setEscalationDelay(std::chrono::seconds delay) { m_escalationDelay = delay; }
    std::chrono::seconds quietAfter() const { return m_quietAfter; }
    void setQuietAfter(std::chrono::seconds quiet) { m_quietAfter = quiet; }

    /// Checks timers every @p interval using the clock; tests call tick() instead.
    void start(std::chrono::milliseconds interval = std::chrono::seconds(5));
    void stop();

    /// Evaluates one observation. Invalid observations (no service, metric or time) are
    /// ignored.
    void feed(const Observation &observation);
    /**
     * The laptop lost (or regained) the network. Offline freezes every input like a stale
     * observation; back online, each input stays frozen until its next fresh observation.
     */
    void setOffline(bool offline);
    bool isOffline() const { return m_offline; }

    /// Advances pending rules and escalations to @p now.
    void tick(const QDateTime &now);

    /// Acknowledges an active alert; the owner is who takes it, @p note is optional.
    /// Stops its escalation.
    Result<void> acknowledge(const QString &alertId, const QString &owner,
                             const QString &note = {});

    /**
     * An acknowledgement remembered from an earlier run: when the alert of @p ruleId for
     * @p service is active or fires again, it is taken by @p owner (since @p at) without a
     * new notification and does not escalate. A fresh observation that no longer breaks the
     * rule forgets it (acknowledgementEnded()).
     */
    void restoreAcknowledgement(const QString &ruleId, const QString &service, const QString &owner,
                                const QDateTime &at, const QString &note);

    /// No desktop notifications of @p severity until @p until (alerts still raise).
    void mute(Severity severity, const QDateTime &until);
    void unmute(Severity severity);
    bool isMuted(Severity severity) const;
    /// When the mute of @p severity ends; invalid when it is not muted (or the mute ended).
    QDateTime mutedUntil(Severity severity) const;

    /// Active alerts, most severe first, then oldest first.
    QList<Alert> activeAlerts() const;
    /// Resolved alerts, newest last; the engine keeps the latest 500.
    QList<Alert> resolvedAlerts() const { return m_resolved; }
    /// The active or resolved alert with @p id; an invalid Alert (empty id) if none.
    Alert alert(const QString &alertId) const;

Q_SIGNALS:
    void alertRaised(const ph::Alert &alert);
    void alertResolved(const ph::Alert &alert);
    /// An active alert's latest value (and the title that quotes it) changed.
    void alertUpdated(const ph::Alert &alert);
    void alertAcknowledged(const ph::Alert &alert);
    /// An unacknowledged P0 went unanswered too long: the war room shows it.
    void alertEscalated(const ph::Alert &alert);
    /// The acknowledgement of @p ruleId for @p service ended: its alert resolved, or a
    /// restored one found the condition gone.
    void acknowledgementEnded(const QString &ruleId, const QString &service);

private:
    struct RestoredAck
    {
        QString owner;
        QDateTime at;
        QString note;
    };

    /// Latest reading of one (service, metric).
    struct InputState
    {
        double value = 0;
        bool hasValue = false;
        bool stale = false;
        QDateTime lastFreshAt;
    };
    /// One rule for one service: pending time and the active alert, if any.
    struct RuleState
    {
        QString ruleId;
        QString service;
        QString metric;
        bool pending = false;
        QDateTime since;      // first breaking observation
        qint64 accruedMs = 0; // breaking time counted up to mark
        QDateTime mark;
        bool active = false;
        Alert alert;
    };

    void evaluateGroup(const QString &service, const QString &metric, const QDateTime &at);
    void fire(const AlertRule &rule, RuleState &state, double value, const QDateTime &at,
              bool suppressNotification);
    void resolve(RuleState &state, const QDateTime &at);
    void notify(const Alert &alert, bool escalation);
    qint64 pendingMs(const RuleState &state, const InputState &input, const QDateTime &now) const;
    void accrue(RuleState &state, const InputState &input, const QDateTime &at) const;
    QList<AlertRule> rulesFor(const QString &service, const QString &metric) const;
    const AlertRule *rule(const QString &id) const;
    AlertRule effective(const AlertRule &rule) const;

    Notifier *m_notifier;
    Clock m_clock;
    QTimer m_timer;
    QList<AlertRule> m_rules;
    QMap<QString, double> m_overrides;
    QHash<QString, QString> m_profiles;
    QHash<QString, QString> m_environments;
    QHash<QString, InputState> m_inputs; // key: service + '\n' + metric
    QHash<QString, RuleState> m_states;  // key: rule id + '\n' + service
    QList<Alert> m_resolved;
    QHash<QString, RestoredAck> m_restoredAcks; // key: rule id + '\n' + service
    QMap<Severity, QDateTime> m_mutedUntil;
    std::chrono::seconds m_escalationDelay{300};
    std::chrono::seconds m_quietAfter{60};
    bool m_offline = false;
    quint64 m_nextAlert = 1;
};

} // namespace ph
