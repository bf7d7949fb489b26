// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace ph {

/// Something in an ssh_config that did not become (part of) a host, and where it is.
struct SshConfigNote
{
    enum class Kind
    {
        Skipped, ///< a Match block or a wildcard/negated Host pattern: not a host of its own
        Ignored, ///< a keyword Pilothouse does not use
        Problem, ///< a value that could not be used (bad port, unreadable Include, cycle…)
    };
    Kind kind = Kind::Problem;
    QString file;    ///< absolute path
    int line = 0;    ///< 1-based
    QString message; ///< translated

    /// "file:line: message", with the home folder shortened to "~".
    QString toString() const;
};

/// What SshConfigImport::importFile() found.
struct SshConfigImportResult
{
    QList<Host> hosts; ///< concrete aliases in file order, then the jump hosts they need
    QList<SshConfigNote> notes;
};

/**
 * Reads the hosts of an OpenSSH client configuration (~/.ssh/config) into workspace hosts,
 * the way ssh itself evaluates it for each alias: keywords are case-insensitive, "key
 * value" and "key=value" both work, quotes group words, the first value of a setting wins,
 * and settings of wildcard blocks (e.g. "Host *") apply to every alias they match.
 *
 * Used: Host, HostName, Port, User, IdentityFile, ProxyJump, Include. Every concrete
 * alias of a Host line becomes a host; wildcard and negated patterns and Match blocks do
 * not, and each is reported with its file and line (Match conditions are not evaluated, so
 * the settings inside them are not applied). Other keywords are ignored with a note.
 * Include follows OpenSSH: relative paths are under ~/.ssh, globs are expanded in sorted
 * order, depth is bounded and a file including itself (directly or not) is reported.
 *
 * ProxyJump hops become the host's jump (jump hosts named by "user@host:port" or not
 * described by a Host block are added as hosts of their own). %h, %p, %r, %u, %n, %d, %%
 * and a leading ~ are expanded in IdentityFile; %h and %% in HostName. Blocking file reads.
 */
class SshConfigImport
{
    Q_DECLARE_TR_FUNCTIONS(ph::SshConfigImport)

public:
    struct Options
    {
        QString environment = QStringLiteral("ad-hoc"); ///< given to every imported host
        QString homeDir;          ///< empty = QDir::homePath(); "~" and relative Includes use it
        QString localUser;        ///< empty = $USER; for %u, and %r when no User is set
        int maxIncludeDepth = 16; ///< as OpenSSH's READCONF_MAX_DEPTH
    };

    /// ~/.ssh/config under @p homeDir (empty = the user's home).
    static QString defaultPath(const QString &homeDir = {});

    /// Reads @p path and what it includes. Fails only when @p path itself cannot be read.
    static Result<SshConfigImportResult> importFile(const QString &path, const Options &options);
    static Result<SshConfigImportResult> importFile(const QString &path)
    {
        return importFile(path, Options{});
    }
};

} // namespace ph
