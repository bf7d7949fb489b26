// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace ph {

/**
 * The demo host's sandbox: a folder laid out like the real hosts (the Bot Core tree under
 * opt/bot-core, the EchoPilot tree under opt/echopilot, /tmp/logs, a week of backups) with
 * small stand-ins for docker, docker-compose, mongodump/mongorestore and mongosh in bin/.
 * The demo's sshd puts bin/ first on PATH, so the built-in runbooks run there unchanged.
 *
 * It is rebuilt from the embedded copy on every demo start, with log times and backup
 * dates relative to @p now, so "last night's backup" is always last night's.
 */
class DemoSandbox
{
    Q_DECLARE_TR_FUNCTIONS(DemoSandbox)

public:
    /// Replaces @p root with a fresh sandbox. Refuses to delete a folder that is not one.
    static Result<void> unpack(const QString &root,
                               const QDateTime &now = QDateTime::currentDateTimeUtc());

    static QString binDir(const QString &root) { return root + QStringLiteral("/bin"); }
    /// The Bot Core deployment root (stands in for /opt/bot-core).
    static QString botCoreDir(const QString &root)
    {
        return root + QStringLiteral("/opt/bot-core");
    }
    /// The EchoPilot application root.
    static QString echoPilotDir(const QString &root)
    {
        return root + QStringLiteral("/opt/echopilot");
    }
    /// Stands in for /tmp/logs, where EchoPilot writes its bot and scheduler logs.
    static QString logDir(const QString &root) { return root + QStringLiteral("/tmp/logs"); }
    /// What $DATABASE_URL says on the demo host.
    static QString databaseUrl() { return QStringLiteral("mongodb://localhost:27017/bot_core"); }
};

} // namespace ph
