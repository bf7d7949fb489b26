// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/sloreading.h"

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace ph {

class PromQlClient;

/**
 * SLO figures of one service read from a Prometheus server: the service's series are the
 * ones matching a label selector (e.g. `job="echopilot"`). One refresh() runs every query
 * concurrently and ends in exactly one readingReady():
 *
 * - availability over the window: 1 − 5xx / all from `http_requests_total` (`code=~"5.."`
 *   is bad), and the error budget left of it;
 * - burn rates over 5 m, 30 m, 1 h and 6 h: error ratio / (1 − target);
 * - p95 and p99 in ms: `histogram_quantile` over the 5 m rate of
 *   `http_request_duration_seconds_bucket` summed by `le`;
 * - webhook success: unknown, since no metric for it is defined.
 *
 * A figure Prometheus has no data for is NaN with a note saying so; when no query could
 * be answered at all, SloReading::error says why (server unreachable, query rejected, …).
 */
class PromSloSource : public QObject
{
    Q_OBJECT
public:
    /// Queries through @p client, which is not owned and must outlive this source.
    explicit PromSloSource(PromQlClient *client, QObject *parent = nullptr);
    /// Queries the Prometheus server at @p baseUrl through a client of its own.
    explicit PromSloSource(const QUrl &baseUrl, QObject *parent = nullptr);
    ~PromSloSource() override;

    PromQlClient *client() const { return m_client; }

    QString selector() const { return m_selector; }
    /// Label matchers without braces, e.g. `job="echopilot"`; empty matches every series.
    void setSelector(const QString &selector);
    double availabilityTarget() const { return m_target; }
    /// In (0, 1); default 0.999 (dashboardThreshold()'s "slo.availability.target").
    void setAvailabilityTarget(double target) { m_target = target; }
    double windowDays() const { return m_windowDays; }
    void setWindowDays(double days) { m_windowDays = days; }
    /// Evaluates every query at this moment instead of now (history, tests).
    void setEvaluationTime(std::optional<QDateTime> time) { m_time = std::move(time); }
    std::optional<QDateTime> evaluationTime() const { return m_time; }

    /// The PromQL of the number of requests over @p range (e.g. "5m"); errors only: 5xx.
    static QString requestsQuery(const QString &selector, const QString &range, bool errorsOnly);
    /// The PromQL of the @p q latency quantile in seconds over the last 5 minutes.
    static QString quantileQuery(const QString &selector, double q);
    /// A PromQL range for @p days: "30d", "36h", "90m" or seconds.
    static QString rangeForDays(double days);

    /// Starts a reading; a refresh() still running is superseded (its answers are dropped).
    void refresh();
    bool isBusy() const { return m_round != nullptr; }

Q_SIGNALS:
    void readingReady(const ph::SloReading &reading);

private:
    struct Round;
    void finish();

    PromQlClient *m_client;
    QString m_selector;
    double m_target;
    double m_windowDays = 30;
    std::optional<QDateTime> m_time;
    std::shared_ptr<Round> m_round;
};

} // namespace ph
