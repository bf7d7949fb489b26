// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "storage/sqldialect.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantHash>

#include <functional>
#include <memory>

namespace ph {

/**
 * The local Pilothouse database: one SQLite file, opened through Qt Sql.
 *
 * open() refuses a damaged file ("storage.corrupt") or one written by a newer Pilothouse
 * ("storage.too_new") without changing a byte of it, switches the file to WAL and applies
 * the numbered migrations of the dialect, each in its own transaction.
 *
 * A Database may be shared between threads: every thread gets its own QSqlDatabase
 * connection, opened on first use. A worker thread should call releaseThreadConnection()
 * before it ends; the remaining connections close with the Database.
 */
class Database
{
    Q_DECLARE_TR_FUNCTIONS(ph::Database)

public:
    struct Options
    {
        QString path;             ///< empty = defaultPath()
        int busyTimeoutMs = 5000; ///< how long a writer waits for another one
        /// Stop migrating at this version (tests of migration steps); -1 = latest.
        int migrateTo = -1;
    };

    /// Opens (creating when missing) and migrates the database.
    static Result<std::shared_ptr<Database>> open(const Options &options);
    static Result<std::shared_ptr<Database>> open(const QString &path = {});

    /// ph::paths::dataDir() + "/pilothouse.sqlite".
    static QString defaultPath();
    /// The schema version this build migrates to.
    static int latestSchemaVersion();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QString path() const { return m_path; }
    const SqlDialect &dialect() const { return *m_dialect; }
    /// The schema version found after migrating.
    int schemaVersion() const { return m_schemaVersion; }

    /// The connection of the calling thread, opened (and set up) on first use.
    Result<QSqlDatabase> connection() const;
    /// Closes the calling thread's connection; the next connection() opens a new one.
    void releaseThreadConnection() const;

    /**
     * Prepares @p statement (a dialect statement), binds @p values by placeholder name
     * (":service" -> values["service"]) and runs it on the calling thread's connection.
     */
    Result<QSqlQuery> run(const QString &statement, const QVariantHash &values = {}) const;

    /// Runs @p work inside one transaction; commits when it succeeds, rolls back otherwise.
    Result<void> transaction(const std::function<Result<void>()> &work) const;

private:
    explicit Database(QString path, const SqlDialect &dialect, int busyTimeoutMs);
    QString connectionName() const;
    Result<void> checkAndMigrate(int migrateTo);
    Result<int> readSchemaVersion() const;

    QString m_path;
    const SqlDialect *m_dialect;
    int m_busyTimeoutMs;
    int m_schemaVersion = 0;
    quint64 m_serial;
    mutable QMutex m_mutex;
    mutable QStringList m_connectionNames;
};

} // namespace ph
