// SPDX-License-Identifier: GPL-3.0-or-later
#include "storage/database.h"

#include "core/logging.h"
#include "core/paths.h"
#include "storage/sqlitedialect.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSqlError>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

std::atomic<quint64> s_nextSerial{1};

// SQLite's result codes for "this is not a database" and "the file is malformed".
bool isCorruptionError(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == u"26"_s || code == u"11"_s;
}

Error corruptError(const QString &path, const QString &detail)
{
    return Error{
        u"storage.corrupt"_s,
        Database::tr("The database %1 is damaged or is not a Pilothouse database. It was left "
                     "untouched: move it aside to start with an empty history, or point "
                     "Pilothouse to another data folder.")
            .arg(QDir::toNativeSeparators(path)),
        detail};
}

Error queryError(const QString &path, const QSqlError &error)
{
    return Error{
        u"storage.query"_s,
        Database::tr("Pilothouse could not read or write its database %1. Check that the disk "
                     "is not full and that no other program locks the file.")
            .arg(QDir::toNativeSeparators(path)),
        error.text()};
}

} // namespace

QString Database::defaultPath()
{
    return paths::dataDir() + u"/pilothouse.sqlite"_s;
}

int Database::latestSchemaVersion()
{
    return int(sqliteDialect().migrations.size());
}

Result<std::shared_ptr<Database>> Database::open(const QString &path)
{
    Options options;
    options.path = path;
    return open(options);
}

Result<std::shared_ptr<Database>> Database::open(const Options &options)
{
    const QString path = options.path.isEmpty() ? defaultPath() : options.path;
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath())) {
        return fail(
            u"storage.open"_s,
            Database::tr("Pilothouse cannot create the folder %1 for its database. Check the "
                         "permissions or point Pilothouse to another data folder.")
                .arg(QDir::toNativeSeparators(info.absolutePath())));
    }

    // Look at the header before SQLite does: a file that is not a database at all gets a
    // clear answer, and nothing that follows can write to it.
    if (info.exists() && info.size() > 0) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            return fail(u"storage.open"_s,
                        Database::tr("Pilothouse cannot read its database %1. Check the file's "
                                     "permissions.")
                            .arg(QDir::toNativeSeparators(path)),
                        file.errorString());
        }
        static const QByteArray magic = QByteArrayLiteral("SQLite format 3\0");
        if (file.read(magic.size()) != magic)
            return tl::unexpected(corruptError(path, u"no SQLite header"_s));
    }

    std::shared_ptr<Database> db(new Database(path, sqliteDialect(), options.busyTimeoutMs));
    const int migrateTo = options.migrateTo < 0
                              ? latestSchemaVersion()
                              : std::min(options.migrateTo, latestSchemaVersion());
    if (auto checked = db->checkAndMigrate(migrateTo); !checked)
        return tl::unexpected(checked.error());
    qCDebug(lcStorage) << "database" << path << "at schema version" << db->m_schemaVersion;
    return db;
}

Database::Database(QString path, const SqlDialect &dialect, int busyTimeoutMs)
    : m_path(std::move(path))
    , m_dialect(&dialect)
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_serial(s_nextSerial++)
{
}

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connectionNames)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
}

namespace {

// Thread ids are reused once a thread has ended; a connection left by an ended thread
// would then be found under the new thread's name, and Qt refuses to hand it over
// ("does not belong to the calling thread") — the write is lost. A number given to each
// thread once is never reused.
std::atomic<quint64> s_nextThreadSerial{1};

quint64 threadSerial()
{
    thread_local const quint64 serial = s_nextThreadSerial++;
    return serial;
}

} // namespace

QString Database::connectionName() const
{
    return u"pilothouse-db%1-thread%2"_s.arg(m_serial).arg(threadSerial());
}

Result<QSqlDatabase> Database::connection() const
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
    }
    QSqlDatabase db = QSqlDatabase::contains(name)
                          ? QSqlDatabase::database(name, false)
                          : QSqlDatabase::addDatabase(m_dialect->driver, name);
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connectionNames.contains(name))
            m_connectionNames.append(name);
    }
    db.setDatabaseName(m_path);
    if (!db.open()) {
        return fail(
            u"storage.open"_s,
            Database::tr("Pilothouse cannot open its database %1. Check the file's permissions "
                         "and that the disk is not full.")
                .arg(QDir::toNativeSeparators(m_path)),
            db.lastError().text());
    }
    for (const QString &setup : m_dialect->connectionSetup) {
        QSqlQuery query(db);
        const QString statement = setup.contains(u"%1"_s) ? setup.arg(m_busyTimeoutMs) : setup;
        if (!query.exec(statement)) {
            const QSqlError error = query.lastError();
            return tl::unexpected(isCorruptionError(error) ? corruptError(m_path, error.text())
                                                           : queryError(m_path, error));
        }
    }
    return db;
}

void Database::releaseThreadConnection() const
{
    const QString name = connectionName();
    {
        QMutexLocker lock(&m_mutex);
        if (!m_connectionNames.removeOne(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Result<QSqlQuery> Database::run(const QString &statement, const QVariantHash &values) const
{
    auto db = connection();
    if (!db)
        return tl::unexpected(db.error());
    QSqlQuery query(*db);
    query.setForwardOnly(true);
    if (!query.prepare(statement)) {
        const QSqlError error = query.lastError();
        return tl::unexpected(isCorruptionError(error) ? corruptError(m_path, error.text())
                                                       : queryError(m_path, error));
    }
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        query.bindValue(u':' + it.key(), it.value());
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        return tl::unexpected(isCorruptionError(error) ? corruptError(m_path, error.text())
                                                       : queryError(m_path, error));
    }
    return query;
}

Result<void> Database::transaction(const std::function<Result<void>()> &work) const
{
    auto db = connection();
    if (!db)
        return tl::unexpected(db.error());
    if (!db->transaction())
        return tl::unexpected(queryError(m_path, db->lastError()));
    Result<void> result = work();
    if (!result) {
        db->rollback();
        return result;
    }
    if (!db->commit()) {
        const QSqlError error = db->lastError();
        db->rollback();
        return tl::unexpected(queryError(m_path, error));
    }
    return {};
}

Result<int> Database::readSchemaVersion() const
{
    auto query = run(m_dialect->readSchemaVersion);
    if (!query)
        return tl::unexpected(query.error());
    if (!query->next())
        return tl::unexpected(corruptError(m_path, u"no schema version"_s));
    return query->value(0).toInt();
}

Result<void> Database::checkAndMigrate(int migrateTo)
{
    // Everything up to the version check only reads, so a refused file stays as it was.
    auto version = readSchemaVersion();
    if (!version)
        return tl::unexpected(version.error());

    auto check = run(m_dialect->integrityCheck);
    if (!check)
        return tl::unexpected(check.error());
    if (!check->next() || check->value(0).toString() != u"ok"_s) {
        QStringList problems;
        if (check->isValid()) {
            do {
                problems.append(check->value(0).toString());
            } while (problems.size() < 5 && check->next());
        }
        return tl::unexpected(corruptError(m_path, problems.join(u"; "_s)));
    }
    check->finish();

    if (*version > latestSchemaVersion()) {
        return fail(
            u"storage.too_new"_s,
            Database::tr("The database %1 was created by a newer Pilothouse (schema %2; this "
                         "version knows up to %3). Update Pilothouse or point it to another data "
                         "folder. The file was left untouched.")
                .arg(QDir::toNativeSeparators(m_path))
                .arg(*version)
                .arg(latestSchemaVersion()),
            u"user_version %1"_s.arg(*version));
    }

    if (!m_dialect->enableWal.isEmpty()) {
        auto wal = run(m_dialect->enableWal);
        if (!wal)
            return tl::unexpected(wal.error());
        if (wal->next())
            qCDebug(lcStorage) << "journal mode" << wal->value(0).toString();
    }

    m_schemaVersion = *version;
    while (m_schemaVersion < migrateTo) {
        const int next = m_schemaVersion + 1;
        auto migrated = transaction([&]() -> Result<void> {
            for (const QString &statement : m_dialect->migrations.at(next - 1)) {
                if (auto done = run(statement); !done)
                    return tl::unexpected(done.error());
            }
            if (auto done = run(m_dialect->writeSchemaVersion.arg(next)); !done)
                return tl::unexpected(done.error());
            return {};
        });
        if (!migrated) {
            Error error = migrated.error();
            error.code = u"storage.migration"_s;
            error.message = tr("Pilothouse could not update its database %1 to schema %2; "
                               "the file was left at schema %3. Check that the disk is not "
                               "full.")
                                .arg(QDir::toNativeSeparators(m_path))
                                .arg(next)
                                .arg(m_schemaVersion);
            return tl::unexpected(error);
        }
        qCInfo(lcStorage) << "migrated" << m_path << "to schema version" << next;
        m_schemaVersion = next;
    }
    return {};
}

} // namespace ph
