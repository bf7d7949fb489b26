// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostfacts/hostfacts.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(ph::HostFacts)
};

QStringList linesOf(const QByteArray &output)
{
    QString text = QString::fromUtf8(output);
    text.remove(u'\r');
    return text.split(u'\n');
}

/// Start offsets of the columns of a table header such as "CONTAINER ID   NAME   CPU %":
/// words joined by single spaces belong to one column.
QList<qsizetype> columnStarts(const QString &header, QStringList *names)
{
    static const QRegularExpression column(u"\\S+(?: \\S+)*"_s);
    QList<qsizetype> starts;
    auto it = column.globalMatch(header);
    while (it.hasNext()) {
        const auto m = it.next();
        starts.append(m.capturedStart());
        names->append(m.captured().toUpper());
    }
    return starts;
}

/// Cuts @p line at the header's column starts; empty when the line does not fit them.
QStringList sliceColumns(const QString &line, const QList<qsizetype> &starts)
{
    QStringList fields;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const qsizetype from = starts.at(i);
        if (i > 0 && from <= line.size() && from > 0 && !line.at(from - 1).isSpace())
            return {}; // a value ran into the next column
        const qsizetype to = i + 1 < starts.size() ? starts.at(i + 1) : line.size();
        fields.append(from < line.size() ? line.mid(from, to - from).trimmed() : QString());
    }
    return fields;
}

double parsePercent(QStringView text, bool *ok)
{
    QStringView t = text.trimmed();
    if (t.endsWith(u'%'))
        t.chop(1);
    return t.toDouble(ok);
}

/// Reads a container status in any of the spellings Compose and Docker use.
bool interpretStatus(const QString &status, ContainerState *c)
{
    const QString s = status.trimmed().toLower();
    if (s.contains(u"(unhealthy)"_s) || s.contains(u"health: unhealthy"_s))
        c->health = ContainerState::Health::Unhealthy;
    else if (s.contains(u"health: starting"_s) || s.contains(u"(starting)"_s))
        c->health = ContainerState::Health::Starting;
    else if (s.contains(u"(healthy)"_s))
        c->health = ContainerState::Health::Healthy;

    static const QRegularExpression code(u"^(?:exit|exited|restarting)\\s*\\(?(-?\\d+)\\)?"_s);
    if (s.startsWith(u"up"_s) || s.startsWith(u"running"_s)) {
        c->state = s.contains(u"paused"_s) ? u"paused"_s : u"running"_s;
    } else if (s.startsWith(u"exit"_s)) {
        c->state = u"exited"_s;
    } else if (s.startsWith(u"restarting"_s)) {
        c->state = u"restarting"_s;
    } else {
        for (const QString &word : {u"paused"_s, u"created"_s, u"dead"_s, u"removing"_s}) {
            if (s.startsWith(word)) {
                c->state = word;
                break;
            }
        }
    }
    const auto m = code.match(s);
    if (m.hasMatch())
        c->exitCode = m.captured(1).toInt();
    return !c->state.isEmpty();
}

QString jsonText(const QJsonObject &o, const char *key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isDouble())
        return QString::number(v.toDouble());
    return v.toString();
}

bool containerFromJson(const QJsonObject &o, ContainerState *c)
{
    c->name = jsonText(o, "Name");
    c->service = jsonText(o, "Service");
    c->status = jsonText(o, "Status");
    const QString state = jsonText(o, "State").toLower();
    const QString health = jsonText(o, "Health").toLower();
    if (o.value("ExitCode"_L1).isDouble())
        c->exitCode = o.value("ExitCode"_L1).toInt();
    if (o.value("Publishers"_L1).isArray()) {
        QStringList ports;
        for (const QJsonValue &p : o.value("Publishers"_L1).toArray()) {
            const QJsonObject po = p.toObject();
            const int published = po.value("PublishedPort"_L1).toInt();
            const QString target = QString::number(po.value("TargetPort"_L1).toInt()) + u'/' +
                                   po.value("Protocol"_L1).toString();
            ports.append(published > 0 ? po.value("URL"_L1).toString() + u':' +
                                             QString::number(published) + u"->"_s + target
                                       : target);
        }
        ports.removeDuplicates();
        c->ports = ports.join(u", "_s);
    } else {
        c->ports = jsonText(o, "Ports");
    }
    if (c->name.isEmpty())
        return false;
    if (!state.isEmpty()) {
        // "running (healthy)" in some v2 releases, a bare word in others.
        interpretStatus(state, c);
        if (c->state.isEmpty())
            c->state = state.section(u' ', 0, 0);
    } else if (!interpretStatus(c->status, c)) {
        return false;
    }
    if (health == u"healthy"_s)
        c->health = ContainerState::Health::Healthy;
    else if (health == u"unhealthy"_s)
        c->health = ContainerState::Health::Unhealthy;
    else if (health == u"starting"_s)
        c->health = ContainerState::Health::Starting;
    else if (c->health == ContainerState::Health::None && !c->status.isEmpty())
        interpretStatus(c->status, c);
    if (c->status.isEmpty())
        c->status = state;
    return true;
}

FactsProblem problem(int line, const QString &text, const QString &message)
{
    return FactsProblem{line, text, message};
}

ParsedFacts<ContainerState> parseComposeJson(const QStringList &lines, const QString &all)
{
    ParsedFacts<ContainerState> out;
    auto take = [&out](const QJsonValue &v, int line, const QString &text) {
        ContainerState c;
        if (!v.isObject() || !containerFromJson(v.toObject(), &c))
            out.problems.append(
                problem(line, text, Tr::tr("not a container with a name and a state")));
        else
            out.items.append(c);
    };
    if (all.trimmed().startsWith(u'[')) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(all.toUtf8(), &error);
        if (!doc.isArray()) {
            out.problems.append(
                problem(1, lines.value(0), Tr::tr("unreadable JSON: %1").arg(error.errorString())));
            return out;
        }
        for (const QJsonValue &v : doc.array())
            take(v, 1,
                 QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact)));
        return out;
    }
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (!doc.isObject()) {
            out.problems.append(
                problem(int(i) + 1, line, Tr::tr("unreadable JSON: %1").arg(error.errorString())));
            continue;
        }
        take(doc.object(), int(i) + 1, line);
    }
    return out;
}

} // namespace

bool DiskUsage::isPseudo() const
{
    static const QStringList pseudoFs = {u"tmpfs"_s,  u"devtmpfs"_s, u"overlay"_s, u"shm"_s,
                                         u"udev"_s,   u"none"_s,     u"proc"_s,    u"sysfs"_s,
                                         u"cgroup"_s, u"efivarfs"_s, u"squashfs"_s};
    if (pseudoFs.contains(filesystem) || filesystem.startsWith(u"/dev/loop"_s) || sizeKiB <= 0)
        return true;
    for (const QString &prefix : {u"/snap/"_s, u"/run"_s, u"/dev"_s, u"/sys"_s, u"/proc"_s}) {
        if (mount == prefix || mount.startsWith(prefix + u'/') ||
            (prefix.endsWith(u'/') && mount.startsWith(prefix)))
            return true;
    }
    return false;
}

namespace hostfacts {

qint64 parseSize(QStringView text)
{
    static const QRegularExpression size(u"^([0-9]*\\.?[0-9]+)\\s*([kKMGTPE]?)(i?)B?$"_s);
    const auto m = size.match(text.trimmed().toString());
    if (!m.hasMatch())
        return -1;
    const double number = m.captured(1).toDouble();
    const QString unit = m.captured(2).toUpper();
    const double base = m.captured(3).isEmpty() ? 1000.0 : 1024.0;
    static const QString units = u"KMGTPE"_s;
    const qsizetype power = unit.isEmpty() ? 0 : units.indexOf(unit) + 1;
    return std::llround(number * std::pow(base, double(power)));
}

ParsedFacts<ContainerState> parseComposePs(const QByteArray &output)
{
    const QStringList lines = linesOf(output);
    const QString all = QString::fromUtf8(output).trimmed();
    if (all.startsWith(u'[') || all.startsWith(u'{'))
        return parseComposeJson(lines, all);

    ParsedFacts<ContainerState> out;
    qsizetype headerAt = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines.at(i).trimmed().isEmpty()) {
            headerAt = i;
            break;
        }
    }
    if (headerAt < 0)
        return out;
    QStringList names;
    const QList<qsizetype> starts = columnStarts(lines.at(headerAt), &names);
    const qsizetype nameCol = names.indexOf(u"NAME"_s);
    const qsizetype statusCol =
        names.contains(u"STATUS"_s) ? names.indexOf(u"STATUS"_s) : names.indexOf(u"STATE"_s);
    const bool v1 =
        lines.at(headerAt).contains(u"Name"_s) && lines.at(headerAt).contains(u"State"_s);
    if (v1) {
        // v1 centres its headers, so the columns are found by what a state looks like.
        static const QRegularExpression row(
            u"^(\\S+)\\s+(.*?)\\s+(Up(?: \\((?:healthy|unhealthy|health: starting|Paused)\\))?"
            "|Exit -?\\d+|Restarting|Paused|Created|Dead)(?:\\s{2,}(.*?))?\\s*$"_s);
        for (qsizetype i = headerAt + 1; i < lines.size(); ++i) {
            const QString line = lines.at(i);
            if (line.trimmed().isEmpty() || line.trimmed().startsWith(u"---"_s))
                continue;
            const auto m = row.match(line);
            ContainerState c;
            if (!m.hasMatch() || !interpretStatus(m.captured(3), &c)) {
                out.problems.append(problem(
                    int(i) + 1, line, Tr::tr("no container state (Up, Exit N, Restarting) found")));
                continue;
            }
            c.name = m.captured(1);
            c.status = m.captured(3);
            c.ports = m.captured(4).trimmed();
            out.items.append(c);
        }
        return out;
    }
    if (nameCol < 0 || statusCol < 0) {
        out.problems.append(
            problem(int(headerAt) + 1, lines.at(headerAt),
                    Tr::tr("not a docker-compose ps table (no NAME and STATUS columns)")));
        return out;
    }
    const qsizetype serviceCol = names.indexOf(u"SERVICE"_s);
    const qsizetype portsCol = names.indexOf(u"PORTS"_s);
    for (qsizetype i = headerAt + 1; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        QStringList fields = sliceColumns(line, starts);
        if (fields.isEmpty()) {
            // A value wider than its column (a printf-made table): fields are still apart.
            static const QRegularExpression gap(u"\\s{2,}"_s);
            fields = line.trimmed().split(gap);
            if (fields.size() < starts.size() && portsCol == starts.size() - 1)
                fields.append(QString());
            if (fields.size() != starts.size())
                fields.clear();
        }
        ContainerState c;
        if (fields.isEmpty() || fields.at(nameCol).isEmpty() ||
            !interpretStatus(fields.at(statusCol), &c)) {
            out.problems.append(
                problem(int(i) + 1, line,
                        Tr::tr("columns do not match the header, or the status is unknown")));
            continue;
        }
        c.name = fields.at(nameCol);
        c.service = serviceCol >= 0 ? fields.at(serviceCol) : QString();
        c.status = fields.at(statusCol);
        c.ports = portsCol >= 0 ? fields.at(portsCol) : QString();
        out.items.append(c);
    }
    return out;
}

ParsedFacts<ContainerStats> parseDockerStats(const QByteArray &output)
{
    ParsedFacts<ContainerStats> out;
    const QStringList lines = linesOf(output);
    int nameAt = -1; // token index of the name in table rows; -1 until a header is seen
    int firstFigure = -1;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const int number = int(i) + 1;
        ContainerStats s;
        bool cpuOk = false;
        bool memOk = false;
        QString usage;
        if (line.startsWith(u'{')) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            s.name = o.value("Name"_L1).toString();
            if (s.name.isEmpty())
                s.name = o.value("Container"_L1).toString();
            s.cpuPercent = parsePercent(o.value("CPUPerc"_L1).toString(), &cpuOk);
            s.memoryPercent = parsePercent(o.value("MemPerc"_L1).toString(), &memOk);
            usage = o.value("MemUsage"_L1).toString();
        } else if (line.contains(u"CPU %"_s)) {
            const QStringList head = line.split(u' ', Qt::SkipEmptyParts);
            nameAt = head.contains(u"NAME"_s) ? (head.first() == u"CONTAINER"_s ? 1 : 0) : 0;
            firstFigure = head.contains(u"NAME"_s) ? nameAt + 1 : 1;
            continue;
        } else if (nameAt >= 0) {
            // ID NAME CPU% USED / LIMIT MEM% ...: values have no spaces except around "/".
            const QStringList t = line.split(u' ', Qt::SkipEmptyParts);
            if (t.size() > firstFigure + 4 && t.at(firstFigure + 2) == u"/"_s) {
                s.name = t.at(nameAt);
                s.cpuPercent = parsePercent(t.at(firstFigure), &cpuOk);
                usage = t.at(firstFigure + 1) + u" / "_s + t.at(firstFigure + 3);
                s.memoryPercent = parsePercent(t.at(firstFigure + 4), &memOk);
            }
        }
        const QStringList parts = usage.split(u'/');
        if (parts.size() == 2) {
            s.memoryBytes = parseSize(parts.at(0));
            s.memoryLimitBytes = parseSize(parts.at(1));
        }
        if (s.name.isEmpty() || !cpuOk || !memOk || s.memoryBytes < 0 || s.memoryLimitBytes < 0) {
            out.problems.append(problem(number, line,
                                        nameAt < 0 && !line.startsWith(u'{')
                                            ? Tr::tr("not docker stats output (no header)")
                                            : Tr::tr("no name, CPU % and memory figures")));
            continue;
        }
        out.items.append(s);
    }
    return out;
}

ParsedFacts<DiskUsage> parseDf(const QByteArray &output)
{
    ParsedFacts<DiskUsage> out;
    const QStringList lines = linesOf(output);
    double blockKiB = 0; // 0 = human sizes ("Size" column)
    bool header = false;
    QString carried; // plain df puts a long device name on a line of its own
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i);
        if (line.trimmed().isEmpty())
            continue;
        const int number = int(i) + 1;
        QStringList t = line.split(u' ', Qt::SkipEmptyParts);
        if (!header) {
            if (t.size() < 6 || t.first() != u"Filesystem"_s) {
                out.problems.append(
                    problem(number, line, Tr::tr("not df output (no Filesystem header)")));
                return out;
            }
            const QString blocks = t.at(1);
            header = true;
            if (blocks.endsWith(u"-blocks"_s)) {
                const qint64 size = parseSize(blocks.chopped(7));
                blockKiB = size > 0 ? double(size) / 1024.0 : 1.0;
                if (blocks.startsWith(u"1K"_s, Qt::CaseInsensitive))
                    blockKiB = 1.0;
            }
            continue;
        }
        if (t.size() == 1 && carried.isEmpty()) {
            carried = t.first();
            continue;
        }
        if (!carried.isEmpty()) {
            t.prepend(carried);
            carried.clear();
        }
        DiskUsage d;
        bool ok = t.size() >= 6;
        auto amount = [&](const QString &text) -> qint64 {
            if (blockKiB > 0) {
                bool good = false;
                const qint64 v = text.toLongLong(&good);
                ok = ok && good;
                return qint64(double(v) * blockKiB);
            }
            const QString human = QString(text).replace(u',', u'.') + u"iB"_s;
            const qint64 bytes = parseSize(human);
            ok = ok && bytes >= 0;
            return bytes / 1024;
        };
        if (ok) {
            d.filesystem = t.at(0);
            d.sizeKiB = amount(t.at(1));
            d.usedKiB = amount(t.at(2));
            d.availableKiB = amount(t.at(3));
            if (t.at(4) == u"-"_s) {
                d.usePercent = 0;
            } else {
                bool good = false;
                d.usePercent = parsePercent(t.at(4), &good);
                ok = good && t.at(4).endsWith(u'%');
            }
            // The mount point is the rest of the line: it may contain spaces.
            static const QRegularExpression fiveFields(u"^\\s*(?:\\S+\\s+){5}"_s);
            const auto m = fiveFields.match(line);
            d.mount =
                t.size() == 6 || !m.hasMatch() ? t.at(5) : line.mid(m.capturedEnd()).trimmed();
            if (line.split(u' ', Qt::SkipEmptyParts).size() < 6)
                d.mount = t.at(5);
        }
        if (!ok) {
            out.problems.append(problem(
                number, line,
                Tr::tr("expected: file system, size, used, available, use %, mount point")));
            continue;
        }
        out.items.append(d);
    }
    if (!carried.isEmpty())
        out.problems.append(
            problem(int(lines.size()), carried, Tr::tr("file system without figures")));
    return out;
}

} // namespace hostfacts

double HostFacts::maxDiskPercent() const
{
    double max = -1;
    for (const DiskUsage &d : disks) {
        if (!d.isPseudo())
            max = std::max(max, d.usePercent);
    }
    return max;
}

double HostFacts::maxMemoryPercent() const
{
    double max = -1;
    for (const ContainerStats &s : stats)
        max = std::max(max, s.memoryPercent);
    return max;
}

} // namespace ph
