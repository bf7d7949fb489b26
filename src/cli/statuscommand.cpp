// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/statuscommand.h"

#include "alerts/alertcenter.h"
#include "alerts/alertrule.h"
#include "alerts/alertstatestore.h"
#include "backups/backuplisting.h"
#include "backups/backuppolicy.h"
#include "cli/exitcodes.h"
#include "cli/probecommand.h"
#include "console/hostcommands.h"
#include "console/hostfactscollector.h"
#include "metrics/dashboardfigures.h"
#include "metrics/metricsslotracker.h"
#include "metrics/promqlclient.h"
#include "metrics/promslosource.h"
#include "payouts/payoutscsv.h"
#include "probes/servicefetcher.h"
#include "secrets/secretstore.h"
#include "ssh/sshsessionpool.h"
#include "storage/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTextStream>
#include <QTimer>

#include <cmath>
#include <variant>

using namespace Qt::StringLiterals;

namespace ph::cli {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("StatusCommand", text);
}

double threshold(const QMap<QString, double> &thresholds, const QString &key)
{
    return dashboardThreshold(thresholds, key);
}

QJsonObject figure(double value, double limit, Verdict verdict)
{
    return QJsonObject{{u"value"_s, value},
                       {u"limit"_s, limit},
                       {u"verdict"_s, verdictName(verdict)},
                       {u"ok"_s, verdict != Verdict::Fail}};
}

const EndpointSpec *endpointOf(const Service &s, const QString &name)
{
    for (const EndpointSpec &e : s.endpoints) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

/// What `status` found, collected per dashboard and printed at the end.
struct Report
{
    QJsonArray health;
    QJsonArray slos;
    QJsonArray queues;
    QJsonArray backups;
    QJsonArray hosts;
    QJsonObject payouts;
    QJsonArray alerts;
    bool ok = true;
    QStringList text; ///< the human-readable report, line by line
};

void addHealth(const QList<ProbeResult> &results, Report &report)
{
    report.text << tr("HEALTH");
    for (const ProbeResult &r : results) {
        report.health.append(probeResultJson(r));
        const bool good = r.verdict == Verdict::Pass || r.verdict == Verdict::Warn;
        report.ok = report.ok && good;
        report.text << u"  %1/%2: %3, %4, %5%6"_s.arg(
            r.service, r.endpoint, verdictName(r.verdict),
            r.statusCode > 0 ? tr("HTTP %1").arg(r.statusCode) : tr("no HTTP answer"),
            r.latencyMs >= 0 ? tr("%1 ms").arg(r.latencyMs) : tr("no latency"),
            r.error.isEmpty() ? QString() : u" — "_s + r.error);
    }
}

const ProbeResult *resultOf(const QList<ProbeResult> &results, const QString &service,
                            const QString &endpoint)
{
    for (const ProbeResult &r : results) {
        if (r.service == service && r.endpoint == endpoint)
            return &r;
    }
    return nullptr;
}

/// The figures of one service's status endpoint, or why there are none.
template <typename Figures, typename Reader>
QString readFigures(const QList<ProbeResult> &results, const Service &s, const QString &endpoint,
                    Reader reader, Figures *out)
{
    const ProbeResult *r = resultOf(results, s.name, endpoint);
    if (!r)
        return tr("not probed");
    if (const QString why = unusableAnswer(*r); !why.isEmpty())
        return why;
    return reader(r->body, s.fieldMappings, out);
}

QJsonObject sloFigure(const SloValue &v, double limit, Verdict verdict)
{
    QJsonObject o{{u"value"_s, v.known() ? QJsonValue(v.value) : QJsonValue()},
                  {u"limit"_s, limit},
                  {u"verdict"_s, verdictName(verdict)},
                  {u"ok"_s, verdict != Verdict::Fail}};
    if (!v.note.isEmpty())
        o.insert(u"note"_s, v.note);
    return o;
}

QString sloSourceName(SloSourceKind kind)
{
    switch (kind) {
    case SloSourceKind::Endpoint:
        return u"endpoint"_s;
    case SloSourceKind::Metrics:
        return u"metrics"_s;
    case SloSourceKind::Prometheus:
        break;
    }
    return u"prometheus"_s;
}

/// The reading of one service's SLO source from this sweep, or why there is none.
SloReading readSlo(const QList<ProbeResult> &results, const Workspace &ws, const Service &s,
                   double target)
{
    SloReading reading;
    QString source = s.slo.source;
    if (source.isEmpty())
        source = u"endpoint"_s;
    if (source == u"prometheus") {
        reading.source = SloSourceKind::Prometheus;
        reading.sourceLabel = tr("Prometheus");
        const PrometheusServer server = ws.prometheusFor(s.environment);
        if (server.url.isEmpty()) {
            reading.error =
                tr("no Prometheus server is set for the environment \"%1\"").arg(s.environment);
            return reading;
        }
        PromSloSource prometheus{QUrl(server.url)};
        if (const auto ca = prometheus.client()->setCaFile(server.caFile); !ca) {
            reading.error = ca.error().message;
            return reading;
        }
        prometheus.setSelector(s.slo.selector);
        prometheus.setAvailabilityTarget(target);
        QEventLoop loop;
        bool answered = false;
        QObject::connect(&prometheus, &PromSloSource::readingReady, &loop,
                         [&](const SloReading &r) {
                             reading = r;
                             answered = true;
                             loop.quit();
                         });
        // The client has deadlines of its own; this one only bounds the wait.
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        prometheus.refresh();
        if (!answered)
            loop.exec();
        if (!answered)
            reading.error = tr("Prometheus at %1 did not answer within 60 s").arg(server.url);
        return reading;
    }
    const bool metrics = source == u"metrics";
    const QString endpoint =
        metrics ? (s.slo.metricsEndpoint.isEmpty() ? u"metrics"_s : s.slo.metricsEndpoint)
                : u"slo"_s;
    const EndpointSpec *spec = endpointOf(s, endpoint);
    reading.source = metrics ? SloSourceKind::Metrics : SloSourceKind::Endpoint;
    reading.sourceLabel = spec ? spec->path : endpoint;
    const ProbeResult *r = resultOf(results, s.name, endpoint);
    if (!r) {
        reading.error = tr("not probed");
        return reading;
    }
    if (const QString why = unusableAnswer(*r); !why.isEmpty()) {
        reading.error = why;
        return reading;
    }
    const QDateTime at = r->checkedAt.isValid() ? r->checkedAt : QDateTime::currentDateTimeUtc();
    if (metrics) {
        // One sweep is one scrape: figures since the service's counters started, no rates.
        MetricsSloTracker tracker(reading.sourceLabel, target);
        if (const auto added = tracker.addScrape(r->body, at); !added) {
            reading.error = added.error().message;
            return reading;
        }
        return tracker.reading();
    }
    SloFigures f;
    if (const QString problem = readSloFigures(r->body, s.fieldMappings, &f); !problem.isEmpty()) {
        reading.error = problem;
        return reading;
    }
    return sloReadingFromFigures(f, target, reading.sourceLabel, at);
}

void addSlos(const QList<ProbeResult> &results, const Workspace &ws, const QList<Service> &services,
             Report &report)
{
    const double availTarget = threshold(ws.thresholds, u"slo.availability.target"_s);
    const double p95Max = threshold(ws.thresholds, u"slo.p95_ms.max"_s);
    const double p99Max = threshold(ws.thresholds, u"slo.p99_ms.max"_s);
    const double webhookTarget = threshold(ws.thresholds, u"slo.webhook_success.target"_s);
    const QLocale c = QLocale::c();
    auto shown = [&c](const SloValue &v, double scale, char format, int precision) {
        return v.known() ? c.toString(v.value * scale, format, precision) : u"?"_s;
    };
    bool any = false;
    for (const Service &s : services) {
        if (s.slo.source.isEmpty())
            continue;
        if (!any)
            report.text << QString() << tr("SLOS");
        any = true;
        const SloReading f = readSlo(results, ws, s, availTarget);
        const QJsonObject source{{u"kind"_s, sloSourceName(f.source)}, {u"label"_s, f.sourceLabel}};
        if (!f.error.isEmpty()) {
            report.ok = false;
            report.slos.append(
                QJsonObject{{u"service"_s, s.name}, {u"source"_s, source}, {u"error"_s, f.error}});
            report.text << u"  %1 (%2): %3"_s.arg(s.name, f.sourceLabel, f.error);
            continue;
        }
        const SloVerdicts v = evaluateSlo(f, ws.thresholds);
        const bool ok = v.worst() != Verdict::Fail;
        report.ok = report.ok && ok;
        const qint64 age =
            std::max<qint64>(0, f.observedAt.secsTo(QDateTime::currentDateTimeUtc()));
        QJsonObject sourceAt = source;
        sourceAt.insert(u"observed_at"_s, f.observedAt.toString(Qt::ISODateWithMs));
        sourceAt.insert(u"age_s"_s, double(age));
        const QString burnVerdict = v.burnAlert.fast             ? u"fast"_s
                                    : v.burnAlert.slow           ? u"slow"_s
                                    : v.burn == Verdict::Unknown ? u"unknown"_s
                                                                 : u"none"_s;
        QJsonObject o{{u"service"_s, s.name},
                      {u"source"_s, sourceAt},
                      {u"window_days"_s, f.windowDays},
                      {u"availability"_s, sloFigure(f.availability, availTarget, v.availability)},
                      {u"p95_ms"_s, sloFigure(f.p95Ms, p95Max, v.p95)},
                      {u"p99_ms"_s, sloFigure(f.p99Ms, p99Max, v.p99)},
                      {u"webhook_success"_s, sloFigure(f.webhookSuccess, webhookTarget, v.webhook)},
                      {u"error_budget_left"_s,
                       std::isfinite(v.budgetLeft) ? QJsonValue(v.budgetLeft) : QJsonValue()},
                      {u"error_budget_verdict"_s, verdictName(v.budget)},
                      {u"burn_1h"_s, sloFigure(f.burn1h, BurnRateAlert::FastThreshold,
                                               v.burnAlert.fast ? Verdict::Fail : v.burn)},
                      {u"burn_6h"_s, sloFigure(f.burn6h, BurnRateAlert::SlowThreshold,
                                               v.burnAlert.slow ? Verdict::Warn : v.burn)},
                      {u"burn_verdict"_s, burnVerdict},
                      {u"ok"_s, ok}};
        report.slos.append(o);
        const QString state = v.burnAlert.fast   ? tr("FAST BURN — page")
                              : v.burnAlert.slow ? tr("slow burn")
                              : ok               ? tr("met")
                                                 : tr("BREACHED");
        report.text << tr("  %1: availability %2 % (target %3 %), p95 %4 ms (< %5), p99 %6 ms "
                          "(< %7), webhook success %8 % (target %9 %), error budget left %10 % "
                          "over %11 days, burn 1 h %12× / 6 h %13× — %14 [source %15, %16 s old]")
                           .arg(s.name, shown(f.availability, 100, 'f', 2),
                                c.toString(availTarget * 100, 'g', 6), shown(f.p95Ms, 1, 'f', 0),
                                c.toString(p95Max), shown(f.p99Ms, 1, 'f', 0), c.toString(p99Max),
                                shown(f.webhookSuccess, 100, 'f', 1),
                                c.toString(webhookTarget * 100, 'g', 6))
                           .arg(shown(f.budgetRemaining, 100, 'f', 1), c.toString(f.windowDays),
                                shown(f.burn1h, 1, 'f', 2), shown(f.burn6h, 1, 'f', 2), state,
                                f.sourceLabel, QString::number(age));
    }
}

void addQueues(const QList<ProbeResult> &results, const Workspace &ws,
               const QList<Service> &services, Report &report)
{
    const double depthMax = threshold(ws.thresholds, u"queue.depth.max"_s);
    const double rateMin = threshold(ws.thresholds, u"queue.rate.min_per_min"_s);
    const double failedMax = threshold(ws.thresholds, u"queue.failed_ratio.max"_s);
    bool any = false;
    for (const Service &s : services) {
        if (!endpointOf(s, u"queue"_s))
            continue;
        if (!any)
            report.text << QString() << tr("QUEUES");
        any = true;
        QueueFigures f;
        const QString problem = readFigures(results, s, u"queue"_s, &readQueueFigures, &f);
        if (!problem.isEmpty()) {
            report.ok = false;
            report.queues.append(QJsonObject{{u"service"_s, s.name}, {u"error"_s, problem}});
            report.text << u"  %1: %2"_s.arg(s.name, problem);
            continue;
        }
        const QueueVerdicts v = evaluateQueue(f, ws.thresholds);
        // Stuck jobs need someone to clear them, but the queue still moves: a warning.
        const bool ok = v.worst() != Verdict::Fail;
        report.ok = report.ok && ok;
        report.queues.append(
            QJsonObject{{u"service"_s, s.name},
                        {u"depth"_s, figure(f.depth, depthMax, v.depth)},
                        {u"rate_per_min"_s, figure(f.ratePerMin, rateMin, v.rate)},
                        {u"failed_ratio"_s, figure(f.failedRatio, failedMax, v.failed)},
                        {u"stuck"_s, f.stuck},
                        {u"stuck_verdict"_s, verdictName(v.stuck)},
                        {u"ok"_s, ok}});
        const QLocale c = QLocale::c();
        report.text << tr("  %1: depth %2 (< %3), rate %4/min (> %5), failed %6 % (< %7 %), "
                          "stuck %8 — %9")
                           .arg(s.name, c.toString(f.depth), c.toString(depthMax),
                                c.toString(f.ratePerMin, 'f', 1), c.toString(rateMin),
                                c.toString(f.failedRatio * 100, 'f', 1),
                                c.toString(failedMax * 100), c.toString(f.stuck))
                           .arg(!ok           ? tr("OVER A THRESHOLD")
                                : f.stuck > 0 ? tr("within thresholds, stuck jobs to clear")
                                              : tr("within thresholds"));
    }
}

QJsonArray totalsJson(const QList<PayoutTotal> &totals)
{
    QJsonArray out;
    for (const PayoutTotal &t : totals) {
        QJsonObject o{{u"amount"_s, t.total.toString()},
                      {u"currency"_s, t.total.currency},
                      {u"rows"_s, t.rows}};
        if (!t.key.isEmpty())
            o.insert(u"key"_s, t.key);
        out.append(o);
    }
    return out;
}

void addPayouts(const SweepSetup &setup, Report &report)
{
    ServiceFetcher fetcher;
    fetcher.setKeyProvider(setup.keys());
    fetcher.setSettings(setup.settings());
    QHash<quint64, ProbeResult> answers;
    QEventLoop loop;
    QObject::connect(&fetcher, &ServiceFetcher::fetched, &loop,
                     [&](quint64 id, const ProbeResult &r) {
                         answers.insert(id, r);
                         loop.quit();
                     });
    QJsonArray perService;
    bool any = false;
    for (const Service &s : setup.services()) {
        if (!endpointOf(s, u"payouts"_s))
            continue;
        if (!any)
            report.text << QString() << tr("PAYOUTS");
        any = true;
        const quint64 id = fetcher.fetch(s, u"payouts"_s);
        // fetched() may come before fetch() returns (an endpoint that does not exist).
        while (!answers.contains(id))
            loop.exec();
        const ProbeResult answer = answers.take(id);

        QString problem = unusableAnswer(answer);
        PayoutsTable table;
        if (problem.isEmpty()) {
            auto parsed = parsePayoutsCsv(QByteArrayView(answer.body));
            if (parsed)
                table = *parsed;
            else
                problem = parsed.error().message;
        }
        if (!problem.isEmpty()) {
            report.ok = false;
            perService.append(QJsonObject{{u"service"_s, s.name}, {u"error"_s, problem}});
            report.text << u"  %1: %2"_s.arg(s.name, problem);
            continue;
        }
        QJsonArray malformed;
        for (const MalformedPayoutRow &m : std::as_const(table.malformed))
            malformed.append(QJsonObject{{u"line"_s, m.line}, {u"reason"_s, m.reason}});
        perService.append(QJsonObject{{u"service"_s, s.name},
                                      {u"rows"_s, int(table.rows.size())},
                                      {u"malformed"_s, malformed},
                                      {u"by_currency"_s, totalsJson(table.totalsByCurrency)},
                                      {u"by_partner"_s, totalsJson(table.totalsByPartner)},
                                      {u"by_period"_s, totalsJson(table.totalsByPeriod)}});
        QStringList sums;
        for (const PayoutTotal &t : std::as_const(table.totalsByCurrency))
            sums << u"%1 %2"_s.arg(t.total.toString(), t.total.currency);
        report.text
            << tr("  %1: %2 rows, total %3%4")
                   .arg(s.name)
                   .arg(table.rows.size())
                   .arg(sums.isEmpty() ? tr("none") : sums.join(u", "_s))
                   .arg(table.malformed.isEmpty()
                            ? QString()
                            : tr(", %1 malformed rows left out").arg(table.malformed.size()));
    }
    report.payouts = QJsonObject{{u"services"_s, perService}};
}

QString rpoStateName(RpoVerdict::State state)
{
    switch (state) {
    case RpoVerdict::State::Met:
        return u"met"_s;
    case RpoVerdict::State::Breached:
        return u"breached"_s;
    case RpoVerdict::State::NoArchives:
        break;
    }
    return u"no_archives"_s;
}

QString tierStateName(RetentionTier::State state)
{
    switch (state) {
    case RetentionTier::State::Met:
        return u"met"_s;
    case RetentionTier::State::Missing:
        return u"missing"_s;
    case RetentionTier::State::Unknown:
        break;
    }
    return u"unknown"_s;
}

/// SSH to the workspace's hosts for the dashboards that ask them (backups, host facts).
struct RemoteHosts
{
    explicit RemoteHosts(const SweepSetup &setup)
        : secrets(setup.keychainService())
        , commands(&secrets, &pool)
    {
        commands.setWorkspace(setup.workspace());
        // A script cannot answer a question: an unknown host key is refused and reported.
        QObject::connect(&commands, &HostCommands::hostKeyUnknown, &commands,
                         [this](const QString &hostName) {
                             commands.acceptHostKey(hostName, HostKeyDecision::Reject);
                         });
    }

    SecretStore secrets;
    SshSessionPool pool;
    HostCommands commands;
};

void addBackups(const SweepSetup &setup, RemoteHosts &remote, Report &report)
{
    QList<BackupJob> jobs;
    for (const BackupJob &j : setup.workspace().backupJobs) {
        if (setup.environment().isEmpty() || j.environment == setup.environment())
            jobs << j;
    }
    if (jobs.isEmpty())
        return;
    report.text << QString() << tr("BACKUPS");

    HostCommands &commands = remote.commands;
    QHash<quint64, CommandResult> finished;
    QEventLoop loop;
    QObject::connect(&commands, &HostCommands::finished, &loop,
                     [&](quint64 id, const CommandResult &r) {
                         finished.insert(id, r);
                         loop.quit();
                     });
    QHash<quint64, int> jobOf;
    CommandOptions options;
    options.timeoutMs = 60000;
    options.keepBytes = 16 * 1024 * 1024; // a listing of 10,000 archives stays whole
    for (int i = 0; i < jobs.size(); ++i)
        jobOf.insert(commands.run(jobs.at(i).host, backupListCommand(jobs.at(i)), options), i);
    // Every run ends with finished() (HostCommands bounds each by the timeout).
    while (finished.size() < jobOf.size())
        loop.exec();

    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < jobs.size(); ++i) {
        const BackupJob &job = jobs.at(i);
        const CommandResult r = finished.value(jobOf.key(i));
        if (!r.isSuccess()) {
            const QString problem = r.failed ? r.error.message
                                    : r.timedOut
                                        ? tr("listing timed out after 60 s")
                                        : tr("the listing command failed with exit status %1: %2")
                                              .arg(r.exitStatus)
                                              .arg(QString::fromUtf8(r.stderrTail).trimmed());
            report.ok = false;
            report.backups.append(
                QJsonObject{{u"job"_s, job.name}, {u"host"_s, job.host}, {u"error"_s, problem}});
            report.text
                << tr("  %1 on %2: could not list archives — %3").arg(job.name, job.host, problem);
            continue;
        }
        const BackupListing listing = parseBackupListing(r.stdoutTail);
        const RpoVerdict rpo = evaluateRpo(job, listing.archives, now);
        const QList<RetentionTier> tiers =
            evaluateRetention(listing.archives, now, !job.remoteListCommand.isEmpty());
        QJsonArray retention;
        QStringList tierText;
        bool retentionOk = true;
        for (const RetentionTier &t : tiers) {
            retentionOk = retentionOk && t.state != RetentionTier::State::Missing;
            retention.append(
                QJsonObject{{u"tier"_s, t.name},
                            {u"keep"_s, t.keep},
                            {u"expected"_s, t.expected},
                            {u"covered"_s, t.covered},
                            {u"unknown"_s, t.unknown},
                            {u"state"_s, tierStateName(t.state)},
                            {u"missing"_s, QJsonArray::fromStringList(t.missingPeriods)}});
            tierText << u"%1 %2"_s.arg(t.name, tierStateName(t.state));
        }
        const bool ok = rpo.state == RpoVerdict::State::Met && retentionOk;
        report.ok = report.ok && ok;
        QJsonObject o{{u"job"_s, job.name},
                      {u"host"_s, job.host},
                      {u"archives"_s, int(listing.archives.size())},
                      {u"unreadable_records"_s, int(listing.bad.size())},
                      {u"rpo_minutes"_s, job.rpoMinutes},
                      {u"rpo"_s, rpoStateName(rpo.state)},
                      {u"newest_age_s"_s, rpo.newestAgeSeconds >= 0
                                              ? QJsonValue(double(rpo.newestAgeSeconds))
                                              : QJsonValue()},
                      {u"schedule_cannot_meet_rpo"_s, rpo.scheduleCannotMeetRpo},
                      {u"message"_s, rpo.message},
                      {u"retention"_s, retention},
                      {u"ok"_s, ok}};
        if (!listing.archives.isEmpty())
            o.insert(u"newest"_s, listing.archives.first().path);
        report.backups.append(o);
        report.text << tr("  %1 on %2: %3 archives, RPO %4 — %5; retention: %6")
                           .arg(job.name, job.host)
                           .arg(listing.archives.size())
                           .arg(rpoStateName(rpo.state), rpo.message, tierText.join(u", "_s));
    }
}

QString healthName(ContainerState::Health health)
{
    switch (health) {
    case ContainerState::Health::Healthy:
        return u"healthy"_s;
    case ContainerState::Health::Unhealthy:
        return u"unhealthy"_s;
    case ContainerState::Health::Starting:
        return u"starting"_s;
    case ContainerState::Health::None:
        break;
    }
    return u"none"_s;
}

/// A figure judged by the alert tiers on its metric: "ok" or the tier's severity.
struct TierVerdict
{
    QString name = u"ok"_s;
    double threshold = -1; ///< the breached tier's threshold; -1 when none is
    QJsonObject json() const
    {
        return QJsonObject{{u"verdict"_s, name},
                           {u"threshold"_s, threshold >= 0 ? QJsonValue(threshold) : QJsonValue()}};
    }
    QString text() const
    {
        return threshold < 0 ? tr("ok")
                             : tr("%1 (over %2 %)").arg(name, QLocale::c().toString(threshold));
    }
};

TierVerdict judge(const QString &metric, double value, const QMap<QString, double> &thresholds)
{
    static const QList<AlertRule> rules = builtInAlertRules();
    TierVerdict v;
    if (const auto rule = breachedRule(rules, u"botcore"_s, metric, value, thresholds)) {
        v.name = severityName(rule->severity);
        v.threshold = rule->threshold;
    }
    return v;
}

/**
 * Asks every host running the environment's Bot Core services for its containers, their
 * CPU and memory, and its disks, as the Health view's host section shows them. A host that
 * cannot be asked is reported with the reason; the others still are.
 */
QList<HostFacts> addHosts(const SweepSetup &setup, RemoteHosts &remote, Report &report)
{
    HostFactsCollector collector(&remote.commands);
    collector.setServices(setup.services());
    collector.setRoundTimeout(std::chrono::seconds(60));
    const QStringList hosts = collector.hosts();
    if (hosts.isEmpty())
        return {};
    report.text << QString() << tr("HOSTS");

    QHash<QString, HostFacts> reports;
    QEventLoop loop;
    QObject::connect(&collector, &HostFactsCollector::factsReady, &loop,
                     [&](const HostFacts &facts) {
                         reports.insert(facts.host, facts);
                         loop.quit();
                     });
    collector.collectNow();
    // Every round ends with factsReady(), bounded by the round timeout.
    while (reports.size() < hosts.size())
        loop.exec();

    const QMap<QString, double> &thresholds = setup.workspace().thresholds;
    const QLocale c = QLocale::c();
    QList<HostFacts> out;
    for (const QString &host : hosts) {
        const HostFacts f = reports.value(host);
        out << f;
        QJsonObject o{{u"host"_s, host},
                      {u"services"_s, QJsonArray::fromStringList(f.services)},
                      {u"working_directory"_s, f.workingDirectory},
                      {u"at"_s, f.at.toUTC().toString(Qt::ISODate)}};
        const QString heading = u"  %1 (%2)"_s.arg(host, f.services.join(u", "_s));
        if (!f.ok()) {
            report.ok = false;
            o.insert(u"error"_s, f.error.message);
            o.insert(u"ok"_s, false);
            report.hosts.append(o);
            report.text << tr("%1: could not be asked — %2").arg(heading, f.error.message);
            continue;
        }
        report.text
            << tr("%1, at %2:").arg(heading, f.at.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
        bool hostOk = f.problems.isEmpty();

        QJsonArray containers;
        for (const ContainerState &ct : f.containers) {
            const ContainerStats *st = nullptr;
            for (const ContainerStats &x : f.stats) {
                if (x.name == ct.name)
                    st = &x;
            }
            QJsonObject j{{u"name"_s, ct.name},     {u"service"_s, ct.service},
                          {u"state"_s, ct.state},   {u"health"_s, healthName(ct.health)},
                          {u"status"_s, ct.status}, {u"ok"_s, ct.isOk()}};
            if (ct.exitCode >= 0)
                j.insert(u"exit_code"_s, ct.exitCode);
            QString figures;
            bool ok = ct.isOk();
            if (st) {
                const TierVerdict memory =
                    judge(u"memory.percent"_s, st->memoryPercent, thresholds);
                ok = ok && memory.threshold < 0;
                j.insert(u"cpu_percent"_s, st->cpuPercent);
                j.insert(u"memory_bytes"_s, double(st->memoryBytes));
                j.insert(u"memory_limit_bytes"_s, double(st->memoryLimitBytes));
                j.insert(u"memory_percent"_s, st->memoryPercent);
                j.insert(u"memory"_s, memory.json());
                figures = tr(" — CPU %1 %, memory %2 % (%3 of %4): %5")
                              .arg(c.toString(st->cpuPercent, 'f', 1),
                                   c.toString(st->memoryPercent, 'f', 1),
                                   c.formattedDataSize(st->memoryBytes),
                                   c.formattedDataSize(st->memoryLimitBytes), memory.text());
            }
            j.insert(u"ok"_s, ok);
            hostOk = hostOk && ok;
            containers.append(j);
            const QString health = ct.health == ContainerState::Health::None
                                       ? QString()
                                       : u", "_s + healthName(ct.health);
            report.text << tr("    container %1%2: %3%4%5")
                               .arg(ct.name,
                                    ct.service.isEmpty() ? QString() : u" ("_s + ct.service + u')',
                                    ct.state, health, figures);
        }
        if (f.hasContainers)
            o.insert(u"containers"_s, containers);

        QJsonArray disks;
        for (const DiskUsage &d : f.disks) {
            if (d.isPseudo())
                continue; // not the disk that fills up, as in the Health view
            const TierVerdict v = judge(u"disk.percent"_s, d.usePercent, thresholds);
            hostOk = hostOk && v.threshold < 0;
            QJsonObject j{{u"mount"_s, d.mount},
                          {u"filesystem"_s, d.filesystem},
                          {u"size_kib"_s, double(d.sizeKiB)},
                          {u"used_kib"_s, double(d.usedKiB)},
                          {u"available_kib"_s, double(d.availableKiB)},
                          {u"use_percent"_s, d.usePercent}};
            const QJsonObject verdict = v.json();
            for (auto it = verdict.constBegin(); it != verdict.constEnd(); ++it)
                j.insert(it.key(), it.value());
            disks.append(j);
            report.text << tr("    disk %1 (%2): %3 % used, %4 free — %5")
                               .arg(d.mount, d.filesystem, c.toString(d.usePercent, 'f', 1),
                                    c.formattedDataSize(d.availableKiB * 1024), v.text());
        }
        if (f.hasDisks)
            o.insert(u"disks"_s, disks);
        for (const QString &problem : f.problems)
            report.text << tr("    problem: %1").arg(problem);
        o.insert(u"problems"_s, QJsonArray::fromStringList(f.problems));
        o.insert(u"ok"_s, hostOk);
        report.ok = report.ok && hostOk;
        report.hosts.append(o);
    }
    return out;
}

/**
 * The acknowledgements the console keeps in @p path. A database named with --database must
 * exist and open (exit 2 otherwise); the default one is optional, and one that cannot be
 * read only costs the owners, with a warning. The database is read, never created.
 */
using AcknowledgementsOrExit = std::variant<QList<AcknowledgementRecord>, int>;

AcknowledgementsOrExit loadAcknowledgements(const QString &given, QTextStream &err)
{
    const QString path = given.isEmpty() ? Database::defaultPath() : given;
    if (!QFileInfo::exists(path)) {
        if (given.isEmpty())
            return QList<AcknowledgementRecord>{};
        err << tr("There is no Pilothouse database at %1. Name the console's database with "
                  "--database FILE, or leave the option out.")
                   .arg(path)
            << '\n';
        return ExitUsage;
    }
    Result<AlertMemory> memory = Database::open(path).and_then([](std::shared_ptr<Database> db) {
        return AlertStateStore(std::move(db)).load(QDateTime::currentDateTimeUtc());
    });
    if (!memory) {
        err << tr("Could not read who acknowledged the alerts from %1: %2")
                   .arg(path, memory.error().toString())
            << '\n';
        if (!given.isEmpty())
            return ExitUsage;
        return QList<AcknowledgementRecord>{};
    }
    return memory->acknowledgements;
}

void addAlerts(const QList<ProbeResult> &results, const QList<HostFacts> &hostFacts,
               const SweepSetup &setup, const QList<AcknowledgementRecord> &acknowledgements,
               Report &report)
{
    AlertCenter center;
    center.setWorkspace(setup.workspace());
    // Taken alerts stay taken by whoever took them in the console; nothing is written back.
    for (const AcknowledgementRecord &ack : acknowledgements)
        center.engine()->restoreAcknowledgement(ack.ruleId, ack.service, ack.owner, ack.at,
                                                ack.note);
    QStringList watched;
    for (const Service &s : setup.services())
        watched << s.name;
    center.setWatchedServices(watched);
    for (const ProbeResult &r : results)
        center.applyResult(r);
    for (const HostFacts &f : hostFacts) {
        for (const Observation &o : HostFactsCollector::observationsFrom(f))
            center.engine()->feed(o);
    }
    center.tick();
    report.text << QString() << tr("ALERTS")
                << tr("  (one sweep: only rules without a duration can fire here; the console "
                      "watching over time may show more)");
    const QList<Alert> active = center.activeAlerts();
    if (active.isEmpty())
        report.text << tr("  none");
    for (const Alert &a : active) {
        report.ok = false;
        report.alerts.append(QJsonObject{
            {u"id"_s, a.id},
            {u"rule"_s, a.ruleId},
            {u"severity"_s, severityName(a.severity)},
            {u"service"_s, a.service},
            {u"metric"_s, a.metric},
            {u"title"_s, a.title},
            {u"value"_s, a.value},
            {u"threshold"_s, a.threshold},
            {u"runbook"_s, a.runbookId},
            {u"acknowledged"_s, a.isAcknowledged()},
            {u"owner"_s, a.isAcknowledged() ? QJsonValue(a.owner) : QJsonValue()},
            {u"acknowledged_at"_s,
             a.isAcknowledged() ? QJsonValue(a.ackAt.toUTC().toString(Qt::ISODate)) : QJsonValue()},
            {u"note"_s,
             a.isAcknowledged() && !a.note.isEmpty() ? QJsonValue(a.note) : QJsonValue()}});
        QString line = u"  %1 %2: %3 (%4)"_s.arg(severityName(a.severity), a.service, a.title,
                                                 a.inputDescription);
        if (a.isAcknowledged()) {
            line += tr(" — acknowledged by %1 since %2")
                        .arg(a.owner, a.ackAt.toUTC().toString(u"yyyy-MM-dd HH:mm 'UTC'"_s));
            if (!a.note.isEmpty())
                line += tr(": \"%1\"").arg(a.note);
        }
        report.text << line;
    }
}

} // namespace

int runStatusCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Probe an environment once and print every dashboard's figures."));
    parser.addHelpOption();
    SweepSetup setup;
    setup.addOptions(parser);
    const QCommandLineOption dbOpt(
        {u"d"_s, u"database"_s},
        tr("The console's database FILE, for who acknowledged the alerts (default: %1).")
            .arg(Database::defaultPath()),
        tr("FILE"));
    parser.addOption(dbOpt);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(u"help"_s)) {
        out << parser.helpText();
        return ExitOk;
    }
    if (const auto stop = setup.prepare(parser, err))
        return *stop;
    // The demo keeps its own throwaway database; the user's acknowledgements are not its.
    auto acknowledgements = setup.demo() && !parser.isSet(dbOpt)
                                ? AcknowledgementsOrExit()
                                : loadAcknowledgements(parser.value(dbOpt), err);
    if (const int *stop = std::get_if<int>(&acknowledgements))
        return *stop;

    const QList<ProbeResult> results = setup.sweep(true);
    Report report;
    addHealth(results, report);
    addSlos(results, setup.workspace(), setup.services(), report);
    addQueues(results, setup.workspace(), setup.services(), report);
    RemoteHosts remote(setup);
    addBackups(setup, remote, report);
    const QList<HostFacts> hostFacts = addHosts(setup, remote, report);
    addPayouts(setup, report);
    addAlerts(results, hostFacts, setup, std::get<QList<AcknowledgementRecord>>(acknowledgements),
              report);

    const QString env = setup.environment();
    if (setup.json()) {
        const QJsonObject doc{{u"format"_s, 1},
                              {u"workspace"_s, setup.workspace().name},
                              {u"environment"_s, env.isEmpty() ? QJsonValue() : QJsonValue(env)},
                              {u"ok"_s, report.ok},
                              {u"health"_s, report.health},
                              {u"slos"_s, report.slos},
                              {u"queues"_s, report.queues},
                              {u"backups"_s, report.backups},
                              {u"hosts"_s, report.hosts},
                              {u"payouts"_s, report.payouts},
                              {u"alerts"_s, report.alerts}};
        out << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        for (const QString &line : std::as_const(report.text))
            out << line << '\n';
        out << '\n' << (report.ok ? tr("All good.") : tr("Something needs attention.")) << '\n';
    }
    return report.ok ? ExitOk : ExitCheckFailed;
}

} // namespace ph::cli
