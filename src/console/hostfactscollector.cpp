// SPDX-License-Identifier: GPL-3.0-or-later
#include "console/hostfactscollector.h"

#include "console/hostcommands.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString shellQuoted(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString firstLine(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes).trimmed();
    return text.section(u'\n', 0, 0).left(200);
}

QString commandName(int kind)
{
    switch (kind) {
    case 0:
        return u"docker-compose ps"_s;
    case 1:
        return u"docker stats"_s;
    default:
        return u"df"_s;
    }
}

template <typename T>
void addProblems(HostFacts &facts, const QString &command, const ParsedFacts<T> &parsed)
{
    for (const FactsProblem &p : parsed.problems) {
        facts.problems.append(HostFactsCollector::tr("%1, line %2: %3 (\"%4\")")
                                  .arg(command)
                                  .arg(p.line)
                                  .arg(p.message, p.text.trimmed().left(120)));
    }
}

} // namespace

HostFactsCollector::HostFactsCollector(HostCommands *commands, QObject *parent)
    : QObject(parent)
    , m_commands(commands)
{
    m_timer.setInterval(60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &HostFactsCollector::collectNow);
    connect(m_commands, &HostCommands::finished, this, &HostFactsCollector::onFinished);
    // Background collection never asks about a host key; it says where to answer.
    connect(m_commands, &HostCommands::hostKeyUnknown, this,
            [this](const QString &host, const QString &, int, const QString &,
                   const QString &fingerprint) {
                auto it = m_rounds.find(host);
                if (it == m_rounds.end())
                    return;
                it->facts.error = Error{u"hostfacts.host_key"_s,
                                        tr("The host key of %1 (%2) is not trusted yet; check "
                                           "and accept it in the Remote view.")
                                            .arg(host, fingerprint),
                                        {}};
                timeOut(host, it->generation);
            });
}

HostFactsCollector::~HostFactsCollector()
{
    stop();
}

QString HostFactsCollector::composeCommand(const QString &directory)
{
    // Compose v1 is its own program, v2 a docker plug-in; hosts have one or the other.
    const QString ps = u"if command -v docker-compose >/dev/null 2>&1; then docker-compose ps -a; "
                       "else docker compose ps -a; fi"_s;
    if (directory.isEmpty())
        return ps;
    const QString dir = directory.startsWith(u"~/"_s) ? u"~/"_s + shellQuoted(directory.mid(2))
                                                      : shellQuoted(directory);
    return u"cd "_s + dir + u" && { "_s + ps + u" }"_s;
}

QList<Observation> HostFactsCollector::observationsFrom(const HostFacts &facts)
{
    QList<Observation> out;
    const double disk = facts.hasDisks ? facts.maxDiskPercent() : -1;
    const double memory = facts.hasStats ? facts.maxMemoryPercent() : -1;
    for (const QString &service : facts.services) {
        out.append(disk >= 0 ? Observation::number(service, u"disk.percent"_s, disk, facts.at)
                             : Observation::staleInput(service, u"disk.percent"_s, facts.at));
        out.append(memory >= 0 ? Observation::number(service, u"memory.percent"_s, memory, facts.at)
                               : Observation::staleInput(service, u"memory.percent"_s, facts.at));
    }
    return out;
}

QString HostFactsCollector::statsCommand()
{
    // JSON lines where the docker CLI knows --format, its table where it does not.
    return u"docker stats --no-stream --format '{{json .}}' 2>/dev/null || docker stats --no-stream"_s;
}

QString HostFactsCollector::diskCommand()
{
    return u"df -P -k"_s;
}

void HostFactsCollector::setServices(const QList<Service> &services)
{
    QList<Target> targets;
    for (const Service &s : services) {
        if (s.profile != u"botcore"_s || s.host.isEmpty())
            continue;
        auto it = std::find_if(targets.begin(), targets.end(),
                               [&](const Target &t) { return t.host == s.host; });
        if (it == targets.end())
            targets.append(Target{s.host, s.workingDirectory, {s.name}});
        else
            it->services.append(s.name);
    }
    const QStringList before = hosts();
    m_targets = targets;
    const QStringList now = hosts();
    for (auto it = m_latest.begin(); it != m_latest.end();) {
        if (!now.contains(it.key()))
            it = m_latest.erase(it);
        else
            ++it;
    }
    if (before != now)
        Q_EMIT hostsChanged(now);
}

void HostFactsCollector::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(int(interval.count()));
}

void HostFactsCollector::start()
{
    m_timer.start();
    collectNow();
}

void HostFactsCollector::stop()
{
    m_timer.stop();
    const auto rounds = m_rounds;
    m_rounds.clear();
    for (const Round &r : rounds) {
        if (!m_commands)
            break;
        for (auto it = r.jobs.cbegin(); it != r.jobs.cend(); ++it)
            m_commands->cancel(it.key());
    }
}

QStringList HostFactsCollector::hosts() const
{
    QStringList names;
    for (const Target &t : m_targets)
        names.append(t.host);
    return names;
}

void HostFactsCollector::collectNow()
{
    if (!m_commands || (m_online && !m_online()))
        return;
    for (const Target &t : std::as_const(m_targets)) {
        if (!m_rounds.contains(t.host))
            collect(t);
    }
}

void HostFactsCollector::collect(const Target &target)
{
    Round round;
    round.generation = ++m_generation;
    round.facts.host = target.host;
    round.facts.workingDirectory = target.directory;
    round.facts.services = target.services;
    CommandOptions options;
    options.timeoutMs = int(std::min<qint64>(m_roundTimeout.count(), 60000));
    options.keepBytes = 256 * 1024;
    round.jobs.insert(m_commands->run(target.host, composeCommand(target.directory), options),
                      Kind::Compose);
    round.jobs.insert(m_commands->run(target.host, statsCommand(), options), Kind::Stats);
    round.jobs.insert(m_commands->run(target.host, diskCommand(), options), Kind::Disk);
    const quint64 generation = round.generation;
    m_rounds.insert(target.host, round);
    // A host key waiting for the user's answer would hold the round forever.
    QTimer::singleShot(m_roundTimeout, this,
                       [this, host = target.host, generation] { timeOut(host, generation); });
}

void HostFactsCollector::onFinished(quint64 id, const CommandResult &result)
{
    for (auto it = m_rounds.begin(); it != m_rounds.end(); ++it) {
        const auto job = it->jobs.constFind(id);
        if (job == it->jobs.cend())
            continue;
        const Kind kind = job.value();
        it->jobs.remove(id);
        take(*it, kind, result);
        if (it->jobs.isEmpty())
            complete(it.key());
        return;
    }
}

void HostFactsCollector::take(Round &round, Kind kind, const CommandResult &result)
{
    HostFacts &facts = round.facts;
    const QString name = commandName(int(kind));
    if (result.failed) {
        // The first connection error stands for the host; the others say the same.
        if (facts.error.code.isEmpty())
            facts.error = result.error;
        return;
    }
    if (result.timedOut || result.cancelled) {
        facts.problems.append(tr("%1 did not finish in time.").arg(name));
        return;
    }
    switch (kind) {
    case Kind::Compose: {
        const auto parsed = hostfacts::parseComposePs(result.stdoutTail);
        facts.containers = parsed.items;
        facts.hasContainers = result.exitStatus == 0 || !parsed.items.isEmpty();
        if (result.exitStatus == 0)
            addProblems(facts, name, parsed);
        break;
    }
    case Kind::Stats: {
        const auto parsed = hostfacts::parseDockerStats(result.stdoutTail);
        facts.stats = parsed.items;
        facts.hasStats = result.exitStatus == 0 || !parsed.items.isEmpty();
        if (result.exitStatus == 0)
            addProblems(facts, name, parsed);
        break;
    }
    case Kind::Disk: {
        const auto parsed = hostfacts::parseDf(result.stdoutTail);
        facts.disks = parsed.items;
        facts.hasDisks = result.exitStatus == 0 || !parsed.items.isEmpty();
        if (result.exitStatus == 0)
            addProblems(facts, name, parsed);
        break;
    }
    }
    if (result.exitStatus != 0) {
        const QString why = firstLine(result.stderrTail);
        facts.problems.append(
            why.isEmpty()
                ? tr("%1 failed (exit status %2).").arg(name).arg(result.exitStatus)
                : tr("%1 failed (exit status %2): %3").arg(name).arg(result.exitStatus).arg(why));
    }
}

void HostFactsCollector::complete(QString host)
{
    Round round = m_rounds.take(host);
    HostFacts &facts = round.facts;
    facts.at = QDateTime::currentDateTimeUtc();
    // Some commands ran: what they said counts, the connection error becomes a problem.
    if (!facts.error.code.isEmpty() && (facts.hasContainers || facts.hasStats || facts.hasDisks)) {
        facts.problems.prepend(facts.error.message);
        facts.error = {};
    }
    m_latest.insert(host, facts);
    Q_EMIT factsReady(facts);
}

void HostFactsCollector::timeOut(const QString &host, quint64 generation)
{
    auto it = m_rounds.find(host);
    if (it == m_rounds.end() || it->generation != generation)
        return;
    for (auto job = it->jobs.cbegin(); job != it->jobs.cend() && m_commands; ++job)
        m_commands->cancel(job.key());
    it->jobs.clear();
    if (it->facts.error.code.isEmpty())
        it->facts.error = Error{u"hostfacts.timeout"_s,
                                tr("%1 did not answer within %2 s; check that it is reachable "
                                   "and that its host key has been accepted (Remote view).")
                                    .arg(host)
                                    .arg(m_roundTimeout.count() / 1000),
                                {}};
    complete(host);
}

} // namespace ph
