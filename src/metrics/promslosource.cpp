// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/promslosource.h"

#include "metrics/dashboardfigures.h"
#include "metrics/promqlclient.h"
#include "metrics/slo.h"

#include <QMap>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

const QString requestsMetric = u"http_requests_total"_s;
const QString bucketsMetric = u"http_request_duration_seconds_bucket"_s;

QString withMatcher(const QString &selector, const QString &matcher)
{
    if (selector.isEmpty())
        return matcher;
    if (matcher.isEmpty())
        return selector;
    return selector + u',' + matcher;
}

/// What one query gave: a number, no series at all, or an error.
struct Answer
{
    bool done = false;
    std::optional<Error> error;
    bool empty = true;
    double value = qQNaN();
};

} // namespace

struct PromSloSource::Round
{
    // Keys: "total:<range>", "bad:<range>", "p95", "p99".
    QMap<QString, Answer> answers;
    int outstanding = 0;
};

PromSloSource::PromSloSource(PromQlClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_target(dashboardThreshold({}, u"slo.availability.target"_s))
{
}

PromSloSource::PromSloSource(const QUrl &baseUrl, QObject *parent)
    : PromSloSource(new PromQlClient(baseUrl), parent)
{
    // Parented only now: during the delegated constructor this was no QObject yet.
    m_client->setParent(this);
}

PromSloSource::~PromSloSource() = default;

void PromSloSource::setSelector(const QString &selector)
{
    QString s = selector.trimmed();
    if (s.startsWith(u'{') && s.endsWith(u'}'))
        s = s.mid(1, s.size() - 2).trimmed();
    while (s.endsWith(u','))
        s.chop(1);
    m_selector = s;
}

QString PromSloSource::requestsQuery(const QString &selector, const QString &range, bool errorsOnly)
{
    const QString matchers = withMatcher(selector, errorsOnly ? u"code=~\"5..\""_s : QString());
    return u"sum(increase("_s + requestsMetric + u'{' + matchers + u"}["_s + range + u"]))"_s;
}

QString PromSloSource::quantileQuery(const QString &selector, double q)
{
    return u"histogram_quantile("_s + QString::number(q) + u", sum by (le) (rate("_s +
           bucketsMetric + u'{' + selector + u"}[5m])))"_s;
}

QString PromSloSource::rangeForDays(double days)
{
    const qint64 seconds = qMax<qint64>(1, std::llround(days * 86400.0));
    if (seconds % 86400 == 0)
        return QString::number(seconds / 86400) + u'd';
    if (seconds % 3600 == 0)
        return QString::number(seconds / 3600) + u'h';
    if (seconds % 60 == 0)
        return QString::number(seconds / 60) + u'm';
    return QString::number(seconds) + u's';
}

void PromSloSource::refresh()
{
    auto round = std::make_shared<Round>();
    m_round = round;

    const QString window = rangeForDays(m_windowDays);
    QList<std::pair<QString, QString>> queries;
    for (const QString &range : {window, u"5m"_s, u"30m"_s, u"1h"_s, u"6h"_s}) {
        queries.append({u"total:"_s + range, requestsQuery(m_selector, range, false)});
        queries.append({u"bad:"_s + range, requestsQuery(m_selector, range, true)});
    }
    queries.append({u"p95"_s, quantileQuery(m_selector, 0.95)});
    queries.append({u"p99"_s, quantileQuery(m_selector, 0.99)});

    for (const auto &[key, promql] : queries) {
        if (round->answers.contains(key))
            continue; // a window of 5m, 30m, … asks nothing twice
        round->answers.insert(key, Answer{});
        ++round->outstanding;
    }
    QStringList asked;
    for (const auto &[key, promql] : queries) {
        if (asked.contains(key))
            continue;
        asked.append(key);
        m_client->query(
            promql, this,
            [this, round, key](Result<PromQlResult> result) {
                if (m_round != round)
                    return;
                Answer &a = round->answers[key];
                a.done = true;
                if (!result) {
                    a.error = result.error();
                } else if (result->resultType == PromQlResultType::Scalar ||
                           result->resultType == PromQlResultType::Vector) {
                    if (!result->series.isEmpty() && !result->series.first().points.isEmpty()) {
                        a.empty = false;
                        a.value = result->series.first().points.first().value;
                    }
                } else {
                    a.error = Error{u"promql.shape"_s,
                                    tr("Prometheus answered an instant query with a range."),
                                    {}};
                }
                if (--round->outstanding == 0)
                    finish();
            },
            m_time);
    }
}

void PromSloSource::finish()
{
    const std::shared_ptr<Round> round = std::exchange(m_round, nullptr);
    const QMap<QString, Answer> &answers = round->answers;

    SloReading reading;
    reading.source = SloSourceKind::Prometheus;
    reading.sourceLabel = tr("Prometheus %1").arg(m_client->authority());
    reading.observedAt = QDateTime::currentDateTimeUtc();
    reading.windowDays = m_windowDays;

    const QString target = m_selector.isEmpty() ? tr("any target") : m_selector;
    const QString noRequests = tr("no samples of %1 for %2 yet").arg(requestsMetric, target);

    // Good and total requests over a range, or why they are unknown.
    const auto countsOver = [&](const QString &range, SloCounts *counts) -> QString {
        const Answer total = answers.value(u"total:"_s + range);
        const Answer bad = answers.value(u"bad:"_s + range);
        if (total.error)
            return total.error->message;
        if (total.empty)
            return noRequests;
        if (bad.error)
            return bad.error->message;
        // No 5xx series at all is no errors, not missing data.
        const double errors = bad.empty ? 0.0 : bad.value;
        counts->total = total.value;
        counts->good = total.value - errors;
        if (!(total.value > 0))
            return tr("no requests in the last %1").arg(range);
        return {};
    };

    const QString window = rangeForDays(m_windowDays);
    SloCounts windowCounts;
    const QString windowProblem = countsOver(window, &windowCounts);
    if (windowProblem.isEmpty()) {
        reading.availability.value = 1.0 - errorRatio(windowCounts);
        reading.budgetRemaining.value = errorBudgetRemaining(m_target, windowCounts);
        if (!reading.availability.known())
            reading.availability.note = tr("the request counts of %1 do not add up").arg(target);
        if (!reading.budgetRemaining.known())
            reading.budgetRemaining.note =
                tr("no error budget for an availability target of %1").arg(m_target);
    } else {
        reading.availability.note = windowProblem;
        reading.budgetRemaining.note = windowProblem;
    }

    const std::pair<QString, SloValue *> burns[] = {
        {u"5m"_s, &reading.burn5m},
        {u"30m"_s, &reading.burn30m},
        {u"1h"_s, &reading.burn1h},
        {u"6h"_s, &reading.burn6h},
    };
    for (const auto &[range, value] : burns) {
        SloCounts counts;
        const QString problem = countsOver(range, &counts);
        if (!problem.isEmpty()) {
            value->note = problem;
            continue;
        }
        value->value = burnRate(m_target, counts);
        if (!value->known())
            value->note = tr("no burn rate for an availability target of %1").arg(m_target);
    }

    const QString noLatency = tr("no samples of %1 for %2 yet").arg(bucketsMetric, target);
    const std::pair<QString, SloValue *> quantiles[] = {
        {u"p95"_s, &reading.p95Ms},
        {u"p99"_s, &reading.p99Ms},
    };
    for (const auto &[key, value] : quantiles) {
        const Answer a = answers.value(key);
        if (a.error)
            value->note = a.error->message;
        else if (a.empty)
            value->note = noLatency;
        else if (std::isnan(a.value))
            value->note = tr("no requests in the last 5m");
        else
            value->value = a.value * 1000.0;
    }

    reading.webhookSuccess.note =
        tr("Prometheus has no webhook metric for %1; the service's SLO endpoint reports it")
            .arg(target);

    bool anyAnswered = false;
    const Error *firstError = nullptr;
    for (const Answer &a : answers) {
        if (!a.error)
            anyAnswered = true;
        else if (!firstError)
            firstError = &*a.error;
    }
    if (!anyAnswered && firstError)
        reading.error = firstError->message;

    Q_EMIT readingReady(reading);
}

} // namespace ph
