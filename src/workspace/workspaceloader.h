// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace ph {

/// A workspace that passed validation, and what the user should still look at.
struct LoadedWorkspace
{
    Workspace workspace;
    QStringList warnings; ///< "file:line:column: /pointer: text" — unknown keys, migration
};

/**
 * Reads a workspace file (JSON with // and block comments, schema_version 2; schema 1 is
 * migrated in memory) and validates all of it.
 *
 * Errors (ph::Error::code):
 * - "workspace.syntax": not JSON; the message names file:line:column and what was expected.
 * - "workspace.invalid": valid JSON, wrong content; the message names the first problem by
 *   JSON pointer (and line:column where the text has that key), Error::detail lists every
 *   problem, one per line.
 * - "workspace.literal_secret": a password, key or token written into the file.
 * - "workspace.too_new": written by a newer Pilothouse.
 * - "workspace.unreadable": the file cannot be read.
 *
 * `${name}` in string values is replaced from @p variables (the demo passes ports and
 * paths this way); an integer field may be written as a string that is only variables.
 * `$${` writes a literal `${`.
 */
class WorkspaceLoader
{
    Q_DECLARE_TR_FUNCTIONS(WorkspaceLoader)

public:
    /// Loads @p path; relative runbook folders and CA files resolve against its folder.
    static Result<LoadedWorkspace> loadFile(const QString &path,
                                            const QMap<QString, QString> &variables = {});

    /// Loads @p text; @p sourceName prefixes every message ("file:line:column").
    static Result<LoadedWorkspace> loadText(const QByteArray &text, const QString &sourceName,
                                            const QMap<QString, QString> &variables = {});
};

} // namespace ph
