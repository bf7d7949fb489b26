// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

namespace ph {

/// One archive of a backup job as the host lists it.
struct BackupArchive
{
    QString path;       ///< relative to the job's location, e.g. "20261122-020000/mongodb-x.tar.gz"
    qint64 size = 0;    ///< bytes
    QDateTime modified; ///< UTC
};

/// A listing record that could not be read; kept so nothing vanishes silently.
struct BadListingRecord
{
    int index = 0; ///< 1-based record number in the listing
    QString reason;
};

struct BackupListing
{
    QList<BackupArchive> archives; ///< newest first
    QList<BadListingRecord> bad;
};

/**
 * The remote command that lists a job's archives in a machine-readable form, independent
 * of the host's locale: GNU find with one NUL-terminated record per file,
 * "<mtime epoch seconds>.<fraction> <size bytes> <path relative to the location>". Archives
 * may sit one folder down (Bot Core keeps one folder per dump). The location and pattern
 * are shell-quoted; a missing folder lists nothing and exits 0, which is reported as an
 * empty job rather than as a failed command.
 */
QString backupListCommand(const BackupJob &job);

/// Reads the output of backupListCommand(). Never fails; unreadable records go to `bad`.
BackupListing parseBackupListing(QByteArrayView output);

/// "1.4 GB", "512 KB", "0 B" (decimal units, as disk tools show them).
QString formatBytes(qint64 bytes);

/// Quotes @p text for a POSIX shell so it reaches the command as one literal word.
QString shellQuote(const QString &text);

} // namespace ph
