// SPDX-License-Identifier: GPL-3.0-or-later
#include "backups/backuplisting.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ph {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString backupListCommand(const BackupJob &job)
{
    const QString location = job.location.isEmpty() ? u"."_s : job.location;
    // `test -d` first: a job whose folder does not exist yet is empty, not an error.
    return u"test -d %1 || exit 0; find %1 -mindepth 1 -maxdepth 2 -type f -name %2 "
           "-printf '%T@ %s %P\\0'"_s.arg(shellQuote(location), shellQuote(job.pattern));
}

BackupListing parseBackupListing(QByteArrayView output)
{
    BackupListing listing;
    int index = 0;
    qsizetype start = 0;
    while (start < output.size()) {
        qsizetype end = output.indexOf('\0', start);
        if (end < 0)
            end = output.size();
        const QByteArrayView record = output.sliced(start, end - start);
        start = end + 1;
        if (record.trimmed().isEmpty())
            continue;
        ++index;
        const qsizetype s1 = record.indexOf(' ');
        const qsizetype s2 = s1 < 0 ? -1 : record.indexOf(' ', s1 + 1);
        if (s1 <= 0 || s2 <= s1 + 1 || s2 + 1 >= record.size()) {
            listing.bad.append({index, QCoreApplication::translate(
                                           "BackupListing", "expected \"<time> <size> <path>\"")});
            continue;
        }
        bool timeOk = false;
        bool sizeOk = false;
        const double seconds = record.first(s1).toDouble(&timeOk);
        const qint64 size = record.sliced(s1 + 1, s2 - s1 - 1).toLongLong(&sizeOk);
        if (!timeOk || !sizeOk || size < 0) {
            listing.bad.append({index, QCoreApplication::translate(
                                           "BackupListing", "the time or size is not a number")});
            continue;
        }
        BackupArchive archive;
        archive.path = QString::fromUtf8(record.sliced(s2 + 1));
        archive.size = size;
        archive.modified = QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), Qt::UTC);
        listing.archives.append(archive);
    }
    std::sort(listing.archives.begin(), listing.archives.end(),
              [](const BackupArchive &a, const BackupArchive &b) {
                  return a.modified != b.modified ? a.modified > b.modified : a.path > b.path;
              });
    return listing;
}

QString formatBytes(qint64 bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
    double value = double(bytes);
    int unit = 0;
    while (value >= 1000.0 && unit < 4) {
        value /= 1000.0;
        ++unit;
    }
    const QString number = unit == 0 ? QString::number(bytes) : QLocale().toString(value, 'f', 1);
    return number + u' ' + QLatin1String(units[unit]);
}

} // namespace ph
