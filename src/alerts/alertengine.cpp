// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertengine.h"

#include "notify/notifier.h"

#include <QLoggingCategory>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAlerts, "pilothouse.alerts")

namespace ph {

namespace {

constexpr qsizetype MaxResolved = 500;

QString key(const QString &a, const QString &b)
{
    return a + u'\n' + b;
}

qint64 msBetween(const QDateTime &from, const QDateTime &to)
{
    return std::max<qint64>(0, from.msecsTo(to));
}

} // namespace

AlertEngine::AlertEngine(Notifier *notifier, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
    , m_rules(builtInAlertRules())
{
    qRegisterMetaType<ph::Alert>();
    connect(&m_timer, &QTimer::timeout, this, [this] { tick(now()); });
}

AlertEngine::~AlertEngine() = default;

void AlertEngine::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

QDateTime AlertEngine::now() const
{
    return m_clock();
}

void AlertEngine::setRules(const QList<AlertRule> &rules)
{
    m_rules = rules;
    for (auto it = m_states.begin(); it != m_states.end();) {
        if (rule(it->ruleId))
            ++it;
        else
            it = m_states.erase(it);
    }
}

Result<void> AlertEngine::setThresholds(const QMap<QString, double> &thresholds)
{
    const QString prefix = u"alerts."_s;
    QMap<QString, double> accepted;
    QStringList problems;
    for (auto it = thresholds.cbegin(); it != thresholds.cend(); ++it) {
        if (!it.key().startsWith(prefix))
            continue;
        if (!rule(it.key().mid(prefix.size())))
            problems << tr("“%1” names no alert rule").arg(it.key());
        else if (!std::isfinite(it.value()))
            problems << tr("“%1” is not a number").arg(it.key());
        else
            accepted.insert(it.key().mid(prefix.size()), it.value());
    }
    if (!problems.isEmpty()) {
        return fail(u"alerts.thresholds"_s,
                    tr("Alert thresholds in the workspace were not applied: %1. Fix them in "
                       "the workspace's “thresholds”; the previous thresholds stay in force.")
                        .arg(problems.join(u"; "_s)));
    }
    m_overrides = accepted;
    return {};
}

void AlertEngine::setServiceProfile(const QString &service, const QString &profile)
{
    m_profiles.insert(service, profile);
}

void AlertEngine::setServiceEnvironment(const QString &service, const QString &environment)
{
    m_environments.insert(service, environment);
}

void AlertEngine::start(std::chrono::milliseconds interval)
{
    m_timer.start(interval);
}

void AlertEngine::stop()
{
    m_timer.stop();
}

const AlertRule *AlertEngine::rule(const QString &id) const
{
    for (const AlertRule &r : m_rules) {
        if (r.id == id)
            return &r;
    }
    return nullptr;
}

AlertRule AlertEngine::effective(const AlertRule &rule) const
{
    AlertRule r = rule;
    r.threshold = m_overrides.value(rule.id, rule.threshold);
    return r;
}

QList<AlertRule> AlertEngine::rulesFor(const QString &service, const QString &metric) const
{
    const QString profile = m_profiles.value(service);
    QList<AlertRule> out;
    for (const AlertRule &r : m_rules) {
        if (r.metric == metric && r.appliesTo(profile))
            out << effective(r);
    }
    return out;
}

// Breaking time runs from the last mark to @p at, but not past quietAfter() since the last
// fresh reading: an input that went silent must not keep a pending rule ripening.
qint64 AlertEngine::pendingMs(const RuleState &state, const InputState &input,
                              const QDateTime &at) const
{
    if (!state.pending)
        return 0;
    if (input.stale || m_offline)
        return state.accruedMs;
    const QDateTime limit = input.lastFreshAt.addSecs(m_quietAfter.count());
    return state.accruedMs + msBetween(state.mark, std::min(at, limit));
}

void AlertEngine::accrue(RuleState &state, const InputState &input, const QDateTime &at) const
{
    state.accruedMs = pendingMs(state, input, at);
    state.mark = at;
}

void AlertEngine::feed(const Observation &observation)
{
    if (!observation.isValid()) {
        qCDebug(lcAlerts) << "ignoring an observation without service, metric or time";
        return;
    }
    const QString inputKey = key(observation.service, observation.metric);
    InputState &input = m_inputs[inputKey];
    const QList<AlertRule> rules = rulesFor(observation.service, observation.metric);
    const QDateTime at = observation.at;

    if (observation.stale || m_offline) {
        // Count breaking time up to the moment the input went stale, then freeze.
        if (!input.stale) {
            for (const AlertRule &r : rules) {
                auto it = m_states.find(key(r.id, observation.service));
                if (it != m_states.end())
                    accrue(*it, input, at);
            }
        }
        input.stale = true;
        return;
    }

    const bool wasStale = input.stale;
    for (const AlertRule &r : rules) {
        RuleState &state = m_states[key(r.id, observation.service)];
        if (state.ruleId.isEmpty()) {
            state.ruleId = r.id;
            state.service = observation.service;
            state.metric = observation.metric;
        }
        if (!r.holds(observation.value)) {
            // An active alert resolves in evaluateGroup(), which knows whether a louder tier
            // is giving way to a quieter one.
            state.pending = false;
            state.accruedMs = 0;
            if (m_restoredAcks.remove(key(r.id, observation.service)))
                Q_EMIT acknowledgementEnded(r.id, observation.service);
            continue;
        }
        if (!state.pending) {
            state.pending = true;
            state.since = at;
            state.accruedMs = 0;
            state.mark = at;
        } else if (wasStale) {
            state.mark = at; // the stale gap does not count
        } else {
            accrue(state, input, at);
        }
    }
    input.value = observation.value;
    input.hasValue = true;
    input.stale = false;
    input.lastFreshAt = at;
    evaluateGroup(observation.service, observation.metric, at);
}

void AlertEngine::evaluateGroup(const QString &service, const QString &metric, const QDateTime &at)
{
    const auto inputIt = m_inputs.constFind(key(service, metric));
    if (inputIt == m_inputs.cend() || inputIt->stale || m_offline || !inputIt->hasValue)
        return;
    const InputState &input = *inputIt;
    const QList<AlertRule> rules = rulesFor(service, metric);

    // The most severe tier that has been breaking long enough wins.
    const AlertRule *winner = nullptr;
    for (const AlertRule &r : rules) {
        const auto it = m_states.constFind(key(r.id, service));
        if (it == m_states.cend() || !it->pending)
            continue;
        const bool ripe =
            it->active || pendingMs(*it, input, at) >= qint64(r.forDuration.count()) * 1000;
        if (ripe && (!winner || r.severity < winner->severity))
            winner = &r;
    }

    bool louderWasActive = false;
    for (const AlertRule &r : rules) {
        auto it = m_states.find(key(r.id, service));
        if (it == m_states.end() || !it->active || (winner && r.id == winner->id))
            continue;
        if (winner && r.severity < winner->severity)
            louderWasActive = true;
        resolve(*it, at); // superseded by another tier
    }
    if (!winner)
        return;
    RuleState &state = m_states[key(winner->id, service)];
    if (state.active) {
        if (state.alert.value != input.value) {
            state.alert.value = input.value;
            // The title quotes the value; a stale figure in it would contradict the details.
            state.alert.title = winner->title(service, input.value);
            Q_EMIT alertUpdated(state.alert);
        }
        return;
    }
    fire(*winner, state, input.value, at, louderWasActive);
}

void AlertEngine::fire(const AlertRule &rule, RuleState &state, double value, const QDateTime &at,
                       bool suppressNotification)
{
    Alert a;
    a.id = rule.id + u'@' + state.service + u'#' + QString::number(m_nextAlert++);
    a.ruleId = rule.id;
    a.severity = rule.severity;
    a.service = state.service;
    a.environment = m_environments.value(state.service);
    a.metric = rule.metric;
    a.title = rule.title(state.service, value);
    a.inputDescription = rule.inputDescription;
    a.runbookId = rule.runbookId;
    a.since = state.since;
    a.firedAt = at;
    a.value = value;
    a.threshold = rule.threshold;
    // Someone took this alert before the console restarted; they know about it already.
    if (const auto restored = m_restoredAcks.constFind(key(rule.id, state.service));
        restored != m_restoredAcks.cend()) {
        a.owner = restored->owner;
        a.ackAt = restored->at;
        a.note = restored->note;
        m_restoredAcks.erase(restored);
        suppressNotification = true;
    }
    state.alert = a;
    state.active = true;
    qCDebug(lcAlerts) << "alert raised" << a.id << severityName(a.severity);
    if (!suppressNotification)
        notify(a, false);
    Q_EMIT alertRaised(a);
}

void AlertEngine::resolve(RuleState &state, const QDateTime &at)
{
    state.active = false;
    state.alert.resolvedAt = at;
    m_resolved.append(state.alert);
    if (m_resolved.size() > MaxResolved)
        m_resolved.remove(0, m_resolved.size() - MaxResolved);
    qCDebug(lcAlerts) << "alert resolved" << state.alert.id;
    Q_EMIT alertResolved(state.alert);
    if (state.alert.isAcknowledged())
        Q_EMIT acknowledgementEnded(state.ruleId, state.service);
}

void AlertEngine::notify(const Alert &alert, bool escalation)
{
    if (!m_notifier || alert.severity == Severity::P2 || isMuted(alert.severity))
        return;
    const QString title = escalation ? tr("Escalated: %1").arg(alert.title) : alert.title;
    const QString body = escalation
                             ? tr("%1 unacknowledged for %2 minutes. Input: %3")
                                   .arg(severityName(alert.severity))
                                   .arg(m_escalationDelay.count() / 60)
                                   .arg(alert.inputDescription)
                             : tr("%1 since %2. Input: %3")
                                   .arg(severityName(alert.severity),
                                        alert.since.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s),
                                        alert.inputDescription);
    m_notifier->notify(title, body,
                       alert.severity == Severity::P0 ? Notifier::Urgency::Critical
                                                      : Notifier::Urgency::Normal);
}

void AlertEngine::setOffline(bool offline)
{
    if (offline == m_offline)
        return;
    if (offline) {
        const QDateTime at = now();
        for (auto it = m_states.begin(); it != m_states.end(); ++it) {
            const auto input = m_inputs.constFind(key(it->service, it->metric));
            if (input != m_inputs.cend() && !input->stale)
                accrue(*it, *input, at);
        }
        for (InputState &input : m_inputs)
            input.stale = true;
    }
    m_offline = offline;
}

void AlertEngine::tick(const QDateTime &now)
{
    if (m_offline)
        return;
    QSet<QString> groups;
    for (const RuleState &s : std::as_const(m_states)) {
        if (s.pending && !s.active)
            groups.insert(key(s.service, s.metric));
    }
    for (const QString &g : std::as_const(groups)) {
        const qsizetype nl = g.indexOf(u'\n');
        evaluateGroup(g.left(nl), g.mid(nl + 1), now);
    }

    for (RuleState &s : m_states) {
        Alert &a = s.alert;
        if (!s.active || a.severity != Severity::P0 || a.isAcknowledged() || a.escalated)
            continue;
        const auto input = m_inputs.constFind(key(s.service, s.metric));
        if (input == m_inputs.cend() || input->stale ||
            input->lastFreshAt.secsTo(now) > m_quietAfter.count())
            continue; // we cannot see whether it still holds: do not shout about it
        if (a.firedAt.secsTo(now) < m_escalationDelay.count())
            continue;
        a.escalated = true;
        a.escalatedAt = now;
        qCWarning(lcAlerts) << "alert escalated" << a.id;
        notify(a, true);
        Q_EMIT alertEscalated(a);
    }
}

Result<void> AlertEngine::acknowledge(const QString &alertId, const QString &owner,
                                      const QString &note)
{
    const QString who = owner.trimmed();
    if (who.isEmpty())
        return fail(u"alerts.owner"_s, tr("Say who takes the alert: the owner is empty."));
    for (RuleState &s : m_states) {
        if (!s.active || s.alert.id != alertId)
            continue;
        if (s.alert.isAcknowledged()) {
            return fail(u"alerts.acknowledged"_s,
                        tr("%1 already took this alert at %2.")
                            .arg(s.alert.owner, s.alert.ackAt.toUTC().toString(u"HH:mm 'UTC'"_s)));
        }
        s.alert.owner = who;
        s.alert.ackAt = now();
        s.alert.note = note.trimmed();
        Q_EMIT alertAcknowledged(s.alert);
        return {};
    }
    for (const Alert &a : std::as_const(m_resolved)) {
        if (a.id == alertId)
            return fail(u"alerts.resolved"_s,
                        tr("This alert has already resolved; there is nothing to take."));
    }
    return fail(u"alerts.unknown"_s, tr("There is no alert with this id; refresh the list."),
                alertId);
}

void AlertEngine::restoreAcknowledgement(const QString &ruleId, const QString &service,
                                         const QString &owner, const QDateTime &at,
                                         const QString &note)
{
    if (ruleId.isEmpty() || owner.trimmed().isEmpty() || !at.isValid())
        return;
    auto it = m_states.find(key(ruleId, service));
    if (it != m_states.end() && it->active) {
        if (!it->alert.isAcknowledged()) {
            it->alert.owner = owner.trimmed();
            it->alert.ackAt = at;
            it->alert.note = note;
            Q_EMIT alertAcknowledged(it->alert);
        }
        return;
    }
    m_restoredAcks.insert(key(ruleId, service), RestoredAck{owner.trimmed(), at, note});
}

void AlertEngine::mute(Severity severity, const QDateTime &until)
{
    m_mutedUntil.insert(severity, until);
}

void AlertEngine::unmute(Severity severity)
{
    m_mutedUntil.remove(severity);
}

bool AlertEngine::isMuted(Severity severity) const
{
    const auto it = m_mutedUntil.constFind(severity);
    return it != m_mutedUntil.cend() && now() < *it;
}

QDateTime AlertEngine::mutedUntil(Severity severity) const
{
    return isMuted(severity) ? m_mutedUntil.value(severity) : QDateTime();
}

QList<Alert> AlertEngine::activeAlerts() const
{
    QList<Alert> out;
    for (const RuleState &s : m_states) {
        if (s.active)
            out << s.alert;
    }
    std::sort(out.begin(), out.end(), [](const Alert &a, const Alert &b) {
        if (a.severity != b.severity)
            return a.severity < b.severity;
        if (a.since != b.since)
            return a.since < b.since;
        return a.id < b.id;
    });
    return out;
}

Alert AlertEngine::alert(const QString &alertId) const
{
    for (const RuleState &s : m_states) {
        if (s.active && s.alert.id == alertId)
            return s.alert;
    }
    for (const Alert &a : m_resolved) {
        if (a.id == alertId)
            return a;
    }
    return {};
}

} // namespace ph
