// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace ph {

/**
 * Shows a desktop notification. One interface so the application talks to the desktop
 * and tests to a fake.
 */
class Notifier
{
public:
    enum class Urgency
    {
        Low,
        Normal,
        Critical
    };

    virtual ~Notifier() = default;
    virtual void notify(const QString &title, const QString &body, Urgency urgency) = 0;
};

/// Records notifications instead of showing them (tests).
class FakeNotifier : public Notifier
{
public:
    struct Call
    {
        QString title;
        QString body;
        Urgency urgency = Urgency::Normal;
    };

    void notify(const QString &title, const QString &body, Urgency urgency) override
    {
        m_calls.append(Call{title, body, urgency});
    }
    const QList<Call> &calls() const { return m_calls; }
    void clear() { m_calls.clear(); }

private:
    QList<Call> m_calls;
};

} // namespace ph
