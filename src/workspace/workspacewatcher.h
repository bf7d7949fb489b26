// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

class QFileSystemWatcher;
class QTimer;

namespace ph {

/**
 * Keeps a workspace file loaded while the user edits it. Changes are debounced, loading
 * runs on a worker thread, and a file that fails to load never replaces the last good
 * workspace: current() keeps it and loadFailed() says what is wrong. Editors that save by
 * writing a new file and renaming it over the old one are followed.
 */
class WorkspaceWatcher : public QObject
{
    Q_OBJECT

public:
    explicit WorkspaceWatcher(QObject *parent = nullptr);
    ~WorkspaceWatcher() override;

    /// Starts watching @p path (replacing any previous file) and loads it at once.
    void setFilePath(const QString &path, const QMap<QString, QString> &variables = {});
    QString filePath() const { return m_path; }

    /// Quiet time after the last change before reloading (default 200 ms).
    void setDebounceInterval(int ms);
    int debounceInterval() const;

    /// The last workspace that loaded; default-constructed until one has.
    const Workspace &current() const { return m_current; }
    bool hasCurrent() const { return m_hasCurrent; }
    QStringList currentWarnings() const { return m_warnings; }

    /// The error of the last attempt, or an empty Error when it loaded.
    Error lastError() const { return m_lastError; }

public Q_SLOTS:
    /// Loads the file now, even if it did not change.
    void reload();

Q_SIGNALS:
    void loaded(const ph::Workspace &workspace, const QStringList &warnings);
    void loadFailed(const ph::Error &error);

private:
    void onPathChanged();
    void ensureWatched();
    void startLoad(bool force);

    QFileSystemWatcher *m_fsWatcher = nullptr;
    QTimer *m_debounce = nullptr;
    QString m_path;
    QMap<QString, QString> m_variables;
    Workspace m_current;
    QStringList m_warnings;
    bool m_hasCurrent = false;
    Error m_lastError;
    QByteArray m_lastText; // what the last attempt read; unchanged text is not reloaded
    bool m_lastTextValid = false;
    bool m_busy = false;
    bool m_pending = false;
    bool m_pendingForce = false;
    quint64 m_generation = 0; // results of a previous setFilePath() are dropped
};

} // namespace ph
