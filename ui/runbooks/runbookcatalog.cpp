// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/runbooks/runbookcatalog.h"

#include "runbooks/runbookparser.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include <algorithm>

// Outside any namespace: the symbol rcc generates lives in the global one. The resource
// file itself is compiled into ph_cli, which the console links too.
static void initBuiltinRunbooks()
{
    Q_INIT_RESOURCE(runbooks);
}

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// A folder of notes can hold thousands of files; the catalog stays bounded.
constexpr int kMaxFilesPerFolder = 2000;

QStringList markdownFiles(const QString &root, int limit, bool *truncated)
{
    QStringList files;
    QDirIterator it(root, {u"*.md"_s, u"*.markdown"_s}, QDir::Files | QDir::Readable,
                    QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
    while (it.hasNext()) {
        if (files.size() >= limit) {
            *truncated = true;
            break;
        }
        files.append(it.next());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

QStringList RunbookCatalog::builtinPaths()
{
    initBuiltinRunbooks();
    bool truncated = false;
    return markdownFiles(u":/runbooks"_s, kMaxFilesPerFolder, &truncated);
}

RunbookCatalogResult RunbookCatalog::load(const QStringList &folders,
                                          const QStringList &scratchTargets)
{
    RunbookCatalogResult result;
    RunbookParser::Options options;
    options.classifier = RunbookParser::defaultClassifier(scratchTargets);
    auto add = [&](const QString &path) {
        auto parsed = RunbookParser::parseFile(path, options);
        if (!parsed) {
            result.problems.append(tr("%1: %2").arg(path, parsed.error().message));
            return;
        }
        result.runbooks.append(*parsed);
    };
    for (const QString &path : builtinPaths())
        add(path);
    for (const QString &folder : folders) {
        if (!QFileInfo(folder).isDir()) {
            result.problems.append(
                tr("The runbook folder %1 does not exist or is not a folder; check "
                   "runbook_folders in the workspace.")
                    .arg(folder));
            continue;
        }
        bool truncated = false;
        for (const QString &path : markdownFiles(folder, kMaxFilesPerFolder, &truncated))
            add(path);
        if (truncated) {
            result.problems.append(tr("The runbook folder %1 holds more than %2 Markdown files; "
                                      "only the first %2 are listed.")
                                       .arg(folder)
                                       .arg(kMaxFilesPerFolder));
        }
    }
    return result;
}

} // namespace ph
