// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspacewatcher.h"

#include "core/logging.h"
#include "workspace/workspaceloader.h"

#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QFuture>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

struct Attempt
{
    QByteArray text;
    bool readable = false;
    Result<LoadedWorkspace> result;
};

Attempt loadAttempt(const QString &path, const QMap<QString, QString> &variables)
{
    Attempt attempt;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        attempt.text = file.readAll();
        attempt.readable = true;
    }
    // loadFile() reads again so that messages and relative paths behave the same as a
    // direct load; the file is small and this runs on a worker thread.
    attempt.result = WorkspaceLoader::loadFile(path, variables);
    return attempt;
}

} // namespace

WorkspaceWatcher::WorkspaceWatcher(QObject *parent)
    : QObject(parent)
    , m_fsWatcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(200);
    connect(m_debounce, &QTimer::timeout, this, [this] { startLoad(false); });
    connect(m_fsWatcher, &QFileSystemWatcher::fileChanged, this, &WorkspaceWatcher::onPathChanged);
    // The folder is watched too: a save by rename, or deleting and recreating the file,
    // drops the file from the watch list.
    connect(m_fsWatcher, &QFileSystemWatcher::directoryChanged, this,
            &WorkspaceWatcher::onPathChanged);
}

WorkspaceWatcher::~WorkspaceWatcher() = default;

void WorkspaceWatcher::setFilePath(const QString &path, const QMap<QString, QString> &variables)
{
    if (!m_fsWatcher->files().isEmpty())
        m_fsWatcher->removePaths(m_fsWatcher->files());
    if (!m_fsWatcher->directories().isEmpty())
        m_fsWatcher->removePaths(m_fsWatcher->directories());
    ++m_generation;
    m_path = QFileInfo(path).absoluteFilePath();
    m_variables = variables;
    m_lastTextValid = false;
    m_current = Workspace();
    m_warnings.clear();
    m_hasCurrent = false;
    m_lastError = Error();
    m_busy = false;
    m_pending = false;
    const QString dir = QFileInfo(m_path).absolutePath();
    if (QFileInfo::exists(dir))
        m_fsWatcher->addPath(dir);
    ensureWatched();
    startLoad(true);
}

void WorkspaceWatcher::setDebounceInterval(int ms)
{
    m_debounce->setInterval(ms);
}

int WorkspaceWatcher::debounceInterval() const
{
    return m_debounce->interval();
}

void WorkspaceWatcher::reload()
{
    m_debounce->stop();
    startLoad(true);
}

void WorkspaceWatcher::ensureWatched()
{
    if (!m_path.isEmpty() && !m_fsWatcher->files().contains(m_path) && QFileInfo::exists(m_path))
        m_fsWatcher->addPath(m_path);
}

void WorkspaceWatcher::onPathChanged()
{
    ensureWatched();
    m_debounce->start();
}

void WorkspaceWatcher::startLoad(bool force)
{
    if (m_path.isEmpty())
        return;
    if (m_busy) {
        // One more load after the running one, so the newest text always wins.
        m_pending = true;
        m_pendingForce = m_pendingForce || force;
        return;
    }
    m_busy = true;
    const quint64 generation = m_generation;
    // A watcher owned by this object, not QFuture::then(this, …): the watcher may be
    // destroyed while a load runs (the console quits at once), and a finished load must
    // then be dropped instead of reaching a dead context.
    auto *loadWatcher = new QFutureWatcher<Attempt>(this);
    connect(loadWatcher, &QFutureWatcherBase::finished, this,
            [this, loadWatcher, generation, force] {
                const Attempt attempt = loadWatcher->result();
                loadWatcher->deleteLater();
                if (generation != m_generation)
                    return;
                m_busy = false;
                ensureWatched();
                // Folder events for other files, and editors that touch without changing,
                // must not re-announce the same workspace.
                const bool unchanged =
                    m_lastTextValid && attempt.readable && attempt.text == m_lastText;
                if (!unchanged || force) {
                    m_lastText = attempt.text;
                    m_lastTextValid = attempt.readable;
                    if (attempt.result) {
                        m_current = attempt.result->workspace;
                        m_warnings = attempt.result->warnings;
                        m_hasCurrent = true;
                        m_lastError = Error();
                        qCInfo(lcWorkspace) << "loaded" << m_path;
                        Q_EMIT loaded(m_current, m_warnings);
                    } else {
                        m_lastError = attempt.result.error();
                        qCWarning(lcWorkspace).noquote()
                            << "kept the previous workspace:" << m_lastError.message;
                        Q_EMIT loadFailed(m_lastError);
                    }
                }
                if (m_pending) {
                    const bool again = m_pendingForce;
                    m_pending = false;
                    m_pendingForce = false;
                    startLoad(again);
                }
            });
    loadWatcher->setFuture(QtConcurrent::run(loadAttempt, m_path, m_variables));
}

} // namespace ph
