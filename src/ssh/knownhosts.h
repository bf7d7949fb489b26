// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace ph {

/// A public host key: its type name ("ssh-ed25519") and its wire-format blob.
struct HostKey
{
    QString type;
    QByteArray blob;

    bool isValid() const { return !type.isEmpty() && !blob.isEmpty(); }
    /// "SHA256:" and the unpadded Base64 of the blob's SHA-256, as OpenSSH prints it.
    QString fingerprint() const;
    bool operator==(const HostKey &other) const = default;
};

/// What the known_hosts files say about a host's key.
struct HostKeyCheck
{
    enum class Status
    {
        Known,   ///< a matching entry has this very key
        Unknown, ///< no entry names the host
        Changed, ///< an entry of the same type has another key
        Other    ///< only keys of another type are known for the host
    };
    Status status = Status::Unknown;
    QString file;   ///< where the conflicting (or matching) entry is
    int line = 0;   ///< 1-based line in that file
    HostKey oldKey; ///< the conflicting entry's key, for Changed and Other
};

/// One entry (line) of a known_hosts file, as the settings page lists it.
struct KnownHostEntry
{
    QString file;
    int line = 0;        ///< 1-based
    QString patterns;    ///< the host field as written ("a,b", "[h]:2222", "|1|…")
    bool hashed = false; ///< the host field is hashed: the host name cannot be shown
    QString host;        ///< the first plain host of the field without brackets; empty if hashed
    int port = 22;       ///< the port of that host ("[host]:port"), 22 otherwise
    QString marker;      ///< "@cert-authority", "@revoked" or empty
    HostKey key;
};

/**
 * Reading and writing OpenSSH known_hosts files. Pilothouse reads the user's and the
 * system's files and writes only its own file, so it never rewrites a file OpenSSH owns.
 */
class KnownHosts
{
public:
    /// "host" for port 22, "[host]:port" otherwise: how known_hosts names a host.
    static QString hostName(const QString &host, int port);
    /// True when the comma-separated host patterns of a line (plain, wildcards, negated
    /// with '!', or hashed "|1|salt|hash") match @p name as produced by hostName().
    static bool patternsMatch(const QString &patterns, const QString &name);
    /// The line for @p key under @p host/@p port, without a trailing newline.
    static QString formatLine(const QString &host, int port, const HostKey &key);
    /// Checks @p key against every file in @p files (missing files count as empty).
    static HostKeyCheck check(const QStringList &files, const QString &host, int port,
                              const HostKey &key);
    /// Appends a line for @p key to @p file (created 0600, with its folder, if missing).
    static Result<void> append(const QString &file, const QString &host, int port,
                               const HostKey &key);
    /// Removes every entry for @p host/@p port from @p file; returns how many went.
    static Result<int> remove(const QString &file, const QString &host, int port);
    /// Every entry of @p file in file order (comments and malformed lines left out). A
    /// missing file has no entries; an unreadable one is an error.
    static Result<QList<KnownHostEntry>> list(const QString &file);
    /// The command that removes @p host/@p port from ~/.ssh/known_hosts:
    /// ssh-keygen -R host (port 22) or ssh-keygen -R "[host]:port".
    static QString keygenRemoveCommand(const QString &host, int port);
    /// The files Pilothouse reads besides its own: ~/.ssh/known_hosts and the system file.
    static QStringList systemFiles();
    /// What the user must do to drop an entry at @p file, in words they can follow.
    static QString removalAdvice(const HostKeyCheck &check, const QString &host, int port,
                                 const QString &consoleFile);
};

} // namespace ph
