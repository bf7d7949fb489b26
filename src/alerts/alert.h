// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace ph {

/**
 * One alert: a rule that fired for one service. It stays the same alert (same id) while
 * the condition holds; once resolved, a new breach raises a new alert.
 */
struct Alert
{
    QString id; ///< unique for the engine's lifetime, e.g. "botcore.disk.p0@engine#3"
    QString ruleId;
    Severity severity = Severity::P2;
    QString service;
    QString environment; ///< the service's environment, empty when not known
    QString metric;
    QString title;
    QString inputDescription; ///< which input feeds the rule
    QString runbookId;        ///< see AlertRule::runbookId
    QDateTime since;          ///< when the condition was first seen (start of pending)
    QDateTime firedAt;        ///< when the alert fired
    double value = 0;         ///< latest fresh value
    double threshold = 0;
    QString owner; ///< who acknowledged it; empty = nobody yet
    QDateTime ackAt;
    QString note; ///< what the owner wrote when acknowledging; may be empty
    bool escalated = false;
    QDateTime escalatedAt;
    QDateTime resolvedAt; ///< invalid while active

    bool isActive() const { return !resolvedAt.isValid(); }
    bool isAcknowledged() const { return ackAt.isValid(); }
};

} // namespace ph

Q_DECLARE_METATYPE(ph::Alert)
