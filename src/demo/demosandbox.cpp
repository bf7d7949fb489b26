// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demosandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimeZone>

#include <fcntl.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

// Resources compiled into a static library are only linked in when named.
static void initSandboxResources()
{
    Q_INIT_RESOURCE(sandbox);
}

namespace ph {

namespace {

constexpr auto kResourceRoot = ":/demo/sandbox";
constexpr auto kMarker = ".pilothouse-demo-sandbox";
constexpr int kBackupDays = 7;

Result<void> writeFile(const QString &path, const QByteArray &data, QFile::Permissions permissions)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("Could not write the demo sandbox file %1.").arg(path),
                    file.errorString());
    file.close();
    file.setPermissions(permissions);
    return {};
}

// Backdates a file or folder; QFile can only do that to open files, not to folders.
void setModified(const QString &path, const QDateTime &when)
{
    const qint64 ms = when.toMSecsSinceEpoch();
    const timespec stamp{time_t(ms / 1000), long(ms % 1000) * 1000000L};
    const timespec times[2] = {stamp, stamp};
    ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0);
}

// "@T-3600@" becomes an ISO time an hour before now, "@P-3600@" the same in Python's
// logging format: the logs always look fresh, whenever the demo starts.
QByteArray render(const QByteArray &text, const QDateTime &now)
{
    static const QRegularExpression token(u"@([TP])([+-]\\d+)@"_s);
    QString out = QString::fromUtf8(text);
    QString result;
    qsizetype last = 0;
    auto it = token.globalMatch(out);
    while (it.hasNext()) {
        const auto match = it.next();
        result += QStringView(out).mid(last, match.capturedStart() - last);
        const QDateTime when = now.addSecs(match.captured(2).toLongLong());
        result += match.captured(1) == u"T"_s ? when.toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s)
                                              : when.toString(u"yyyy-MM-dd HH:mm:ss,zzz"_s);
        last = match.capturedEnd();
    }
    result += QStringView(out).mid(last);
    return result.toUtf8();
}

QFile::Permissions permissionsFor(const QString &relative)
{
    constexpr QFile::Permissions readWrite =
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;
    constexpr QFile::Permissions executable =
        readWrite | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;
    if (relative.startsWith(u"bin/"_s) ||
        (relative.endsWith(u".py"_s) && relative.contains(u"/scripts/"_s)))
        return executable;
    // The real file holds credentials; the demo's copy is kept as private as the real one.
    if (relative.endsWith(u"/.env"_s))
        return QFile::ReadOwner | QFile::WriteOwner;
    return readWrite;
}

Result<QByteArray> resource(const QString &relative)
{
    QFile file(QString::fromLatin1(kResourceRoot) + u'/' + relative);
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("The demo sandbox is missing from this build."),
                    file.fileName());
    return file.readAll();
}

// A week of nightly backups for both systems, named and dated like the real ones.
Result<void> writeBackups(const QString &root, const QDateTime &now)
{
    const auto mongo = resource(u"templates/mongodb.archive.gz"_s);
    const auto config = resource(u"templates/bot-core-config.tar.gz"_s);
    const auto app = resource(u"templates/echopilot-app.tar.gz"_s);
    if (!mongo || !config || !app)
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("The demo sandbox is missing from this build."));
    const QFile::Permissions mode =
        QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther;

    // Bot Core dumps at 02:00 UTC into backups/<YYYYMMDD-HHMMSS>/.
    const QString botCore = DemoSandbox::botCoreDir(root) + u"/backups"_s;
    QDateTime night(now.date(), QTime(2, 0), QTimeZone::utc());
    if (night > now)
        night = night.addDays(-1);
    QByteArray backupLog;
    for (int day = kBackupDays - 1; day >= 0; --day) {
        const QDateTime at = night.addDays(-day);
        const QString date = at.toString(u"yyyyMMdd"_s);
        const QString dir = botCore + u'/' + at.toString(u"yyyyMMdd-HHmmss"_s);
        const QString dump = dir + u"/mongodb-"_s + date + u".archive.gz"_s;
        const QString conf = dir + u"/config-"_s + date + u".tar.gz"_s;
        if (auto ok = writeFile(dump, *mongo, mode); !ok)
            return ok;
        if (auto ok = writeFile(conf, *config, mode); !ok)
            return ok;
        setModified(dump, at.addSecs(212));
        setModified(conf, at.addSecs(219));
        setModified(dir, at.addSecs(219));
        backupLog += at.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toUtf8() + " backup started\n" +
                     at.addSecs(219).toString(u"yyyy-MM-ddTHH:mm:ssZ"_s).toUtf8() +
                     " backup finished: mongodb-" + date.toUtf8() + ".archive.gz, config-" +
                     date.toUtf8() + ".tar.gz, uploaded to s3://bot-core-backups/\n";
    }
    if (auto ok = writeFile(botCore + u"/backup.log"_s, backupLog, mode); !ok)
        return ok;

    // EchoPilot archives the application at 00:30 UTC into backups/*.tar.gz.
    const QString echo = DemoSandbox::echoPilotDir(root) + u"/backups"_s;
    QDateTime archiveTime(now.date(), QTime(0, 30), QTimeZone::utc());
    if (archiveTime > now)
        archiveTime = archiveTime.addDays(-1);
    QString newest;
    for (int day = kBackupDays - 1; day >= 0; --day) {
        const QDateTime at = archiveTime.addDays(-day);
        const QString name = u"echopilot_"_s + at.toString(u"yyyyMMdd_HHmm"_s) + u".tar.gz"_s;
        if (auto ok = writeFile(echo + u'/' + name, *app, mode); !ok)
            return ok;
        setModified(echo + u'/' + name, at.addSecs(41));
        newest = name;
    }
    // The emergency runbook restores "backups/latest.tar.gz", a link to the newest archive.
    QFile::link(newest, echo + u"/latest.tar.gz"_s);
    return {};
}

} // namespace

Result<void> DemoSandbox::unpack(const QString &root, const QDateTime &now)
{
    initSandboxResources();
    QDir dir(root);
    if (dir.exists() && !dir.isEmpty() &&
        !QFile::exists(dir.filePath(QString::fromLatin1(kMarker))))
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr(
                        "%1 exists and is not a Pilothouse demo sandbox; move it away so the demo "
                        "can use that folder.")
                        .arg(QDir::toNativeSeparators(root)));
    if (dir.exists() && !dir.removeRecursively())
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("Could not clear the old demo sandbox at %1.").arg(root));
    if (!QDir().mkpath(root))
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("Could not create the demo sandbox at %1.").arg(root));

    const QString base = QString::fromLatin1(kResourceRoot);
    const QString today = now.toString(u"yyyyMMdd"_s);
    int copied = 0;
    QDirIterator it(base, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        QString relative = source.mid(base.size() + 1);
        if (relative.startsWith(u"templates/"_s))
            continue;
        QFile in(source);
        if (!in.open(QIODevice::ReadOnly))
            return fail(u"demo.sandbox"_s,
                        DemoSandbox::tr("The demo sandbox is missing from this build."), source);
        QByteArray data = in.readAll();
        if (relative.endsWith(u".in"_s)) {
            relative.chop(3);
            relative.replace(u"TODAY"_s, today);
            data = render(data, now);
        }
        if (auto ok = writeFile(root + u'/' + relative, data, permissionsFor(relative)); !ok)
            return ok;
        ++copied;
    }
    if (copied == 0)
        return fail(u"demo.sandbox"_s,
                    DemoSandbox::tr("The demo sandbox is missing from this build."), base);
    if (auto ok = writeBackups(root, now); !ok)
        return ok;
    return writeFile(
        dir.filePath(QString::fromLatin1(kMarker)),
        QByteArrayLiteral("Made by Pilothouse for its demo; replaced on each start.\n"),
        QFile::ReadOwner | QFile::WriteOwner);
}

} // namespace ph
