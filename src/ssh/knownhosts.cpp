// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/knownhosts.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSaveFile>

#include <optional>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// OpenSSH patterns know only '*' and '?'; a regular-expression wildcard would read the
// brackets of "[host]:port" as a character class.
bool globMatch(QStringView pattern, QStringView text)
{
    qsizetype p = 0, t = 0, star = -1, mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() &&
            (pattern[p] == u'?' || pattern[p].toLower() == text[t].toLower())) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == u'*') {
            star = p++;
            mark = t;
        } else if (star >= 0) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == u'*')
        ++p;
    return p == pattern.size();
}

bool hashedMatch(QStringView entry, const QString &name)
{
    // "|1|" base64(salt) "|" base64(HMAC-SHA1(salt, name))
    const QList<QStringView> parts = entry.split(u'|');
    if (parts.size() != 4 || parts[1] != u"1")
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[2].toLatin1());
    const QByteArray hash = QByteArray::fromBase64(parts[3].toLatin1());
    if (salt.isEmpty() || hash.isEmpty())
        return false;
    return QMessageAuthenticationCode::hash(name.toLower().toUtf8(), salt,
                                            QCryptographicHash::Sha1) == hash;
}

struct Entry
{
    QString patterns;
    HostKey key;
};

// Splits a line into its entry; comments, blank lines and marker lines (@cert-authority,
// @revoked) give nothing, since Pilothouse checks plain host keys only.
std::optional<Entry> parseLine(const QString &line)
{
    const QString trimmed = line.trimmed();
    if (trimmed.isEmpty() || trimmed.startsWith(u'#') || trimmed.startsWith(u'@'))
        return std::nullopt;
    const QStringList fields = trimmed.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
    if (fields.size() < 3)
        return std::nullopt;
    Entry entry{fields[0], HostKey{fields[1], QByteArray::fromBase64(fields[2].toLatin1())}};
    if (!entry.key.isValid())
        return std::nullopt;
    return entry;
}

} // namespace

QString HostKey::fingerprint() const
{
    QByteArray digest = QCryptographicHash::hash(blob, QCryptographicHash::Sha256)
                            .toBase64(QByteArray::OmitTrailingEquals);
    return u"SHA256:"_s + QString::fromLatin1(digest);
}

QString KnownHosts::hostName(const QString &host, int port)
{
    if (port == 22 || port <= 0)
        return host.toLower();
    return u'[' + host.toLower() + u"]:"_s + QString::number(port);
}

bool KnownHosts::patternsMatch(const QString &patterns, const QString &name)
{
    if (patterns.startsWith(u'|'))
        return hashedMatch(patterns, name);
    bool matched = false;
    for (QStringView pattern : QStringView(patterns).split(u',', Qt::SkipEmptyParts)) {
        const bool negated = pattern.startsWith(u'!');
        if (negated)
            pattern = pattern.mid(1);
        if (!globMatch(pattern, name))
            continue;
        if (negated)
            return false;
        matched = true;
    }
    return matched;
}

QString KnownHosts::formatLine(const QString &host, int port, const HostKey &key)
{
    return hostName(host, port) + u' ' + key.type + u' ' + QString::fromLatin1(key.blob.toBase64());
}

HostKeyCheck KnownHosts::check(const QStringList &files, const QString &host, int port,
                               const HostKey &key)
{
    const QString name = hostName(host, port);
    HostKeyCheck changed;
    HostKeyCheck other;
    changed.status = HostKeyCheck::Status::Unknown;
    other.status = HostKeyCheck::Status::Unknown;
    for (const QString &path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            continue;
        int number = 0;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine());
            ++number;
            const std::optional<Entry> entry = parseLine(line);
            if (!entry || !patternsMatch(entry->patterns, name))
                continue;
            if (entry->key == key)
                return HostKeyCheck{HostKeyCheck::Status::Known, path, number, {}};
            HostKeyCheck &slot = entry->key.type == key.type ? changed : other;
            if (slot.status == HostKeyCheck::Status::Unknown) {
                slot.status = entry->key.type == key.type ? HostKeyCheck::Status::Changed
                                                          : HostKeyCheck::Status::Other;
                slot.file = path;
                slot.line = number;
                slot.oldKey = entry->key;
            }
        }
    }
    if (changed.status != HostKeyCheck::Status::Unknown)
        return changed;
    return other;
}

Result<void> KnownHosts::append(const QString &path, const QString &host, int port,
                                const HostKey &key)
{
    if (!key.isValid()) {
        return fail(u"ssh.knownhosts_write"_s,
                    QCoreApplication::translate("KnownHosts", "There is no host key to save."));
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    const bool existed = file.exists();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        return fail(u"ssh.knownhosts_write"_s,
                    QCoreApplication::translate("KnownHosts",
                                                "Could not save the host key to %1. Check that "
                                                "the folder is writable.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    }
    if (!existed)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // A file edited by hand may lack the final newline; never glue two entries together.
    if (file.size() > 0) {
        QFile reader(path);
        if (reader.open(QIODevice::ReadOnly) && reader.seek(reader.size() - 1) &&
            reader.read(1) != "\n")
            file.write("\n");
    }
    const QByteArray line = formatLine(host, port, key).toUtf8() + '\n';
    if (file.write(line) != line.size() || !file.flush()) {
        return fail(u"ssh.knownhosts_write"_s,
                    QCoreApplication::translate("KnownHosts", "Could not save the host key to %1.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    }
    return {};
}

Result<int> KnownHosts::remove(const QString &path, const QString &host, int port)
{
    QFile file(path);
    if (!file.exists())
        return 0;
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(u"ssh.knownhosts_read"_s,
                    QCoreApplication::translate("KnownHosts", "Could not read %1.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    }
    const QString name = hostName(host, port);
    QByteArray kept;
    int removed = 0;
    while (!file.atEnd()) {
        const QByteArray raw = file.readLine();
        const std::optional<Entry> entry = parseLine(QString::fromUtf8(raw));
        if (entry && patternsMatch(entry->patterns, name)) {
            ++removed;
            continue;
        }
        kept += raw;
    }
    file.close();
    if (removed == 0)
        return 0;
    // Written whole and renamed into place, so a crash never leaves half a file.
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(kept) != kept.size() || !out.commit()) {
        return fail(u"ssh.knownhosts_write"_s,
                    QCoreApplication::translate("KnownHosts", "Could not rewrite %1.")
                        .arg(QDir::toNativeSeparators(path)),
                    out.errorString());
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return removed;
}

Result<QList<KnownHostEntry>> KnownHosts::list(const QString &path)
{
    QList<KnownHostEntry> entries;
    QFile file(path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return fail(u"ssh.knownhosts_read"_s,
                    QCoreApplication::translate("KnownHosts", "Could not read %1.")
                        .arg(QDir::toNativeSeparators(path)),
                    file.errorString());
    }
    int number = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++number;
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        QStringList fields = line.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts);
        KnownHostEntry entry;
        if (fields.constFirst().startsWith(u'@'))
            entry.marker = fields.takeFirst();
        if (fields.size() < 3)
            continue;
        entry.file = path;
        entry.line = number;
        entry.patterns = fields[0];
        entry.key = HostKey{fields[1], QByteArray::fromBase64(fields[2].toLatin1())};
        if (!entry.key.isValid())
            continue;
        entry.hashed = entry.patterns.startsWith(u'|');
        if (!entry.hashed) {
            for (const QString &pattern : entry.patterns.split(u',', Qt::SkipEmptyParts)) {
                if (pattern.startsWith(u'!'))
                    continue;
                if (pattern.startsWith(u'[') && pattern.contains(u"]:"_s)) {
                    const qsizetype close = pattern.lastIndexOf(u"]:"_s);
                    entry.host = pattern.mid(1, close - 1);
                    entry.port = pattern.mid(close + 2).toInt();
                } else {
                    entry.host = pattern;
                }
                break;
            }
        }
        entries.append(entry);
    }
    return entries;
}

QString KnownHosts::keygenRemoveCommand(const QString &host, int port)
{
    const QString name = hostName(host, port);
    // Quoted for a POSIX shell; brackets alone would be a glob there.
    static const QRegularExpression plain(u"^[A-Za-z0-9._:-]+$"_s);
    if (port == 22 || port <= 0) {
        if (plain.match(name).hasMatch())
            return u"ssh-keygen -R "_s + name;
    } else if (plain.match(host).hasMatch()) {
        return u"ssh-keygen -R \""_s + name + u'"';
    }
    QString quoted = name;
    quoted.replace(u'\'', u"'\\''"_s);
    return u"ssh-keygen -R '"_s + quoted + u'\'';
}

QStringList KnownHosts::systemFiles()
{
    return {QDir::homePath() + u"/.ssh/known_hosts"_s, u"/etc/ssh/ssh_known_hosts"_s};
}

QString KnownHosts::removalAdvice(const HostKeyCheck &check, const QString &host, int port,
                                  const QString &consoleFile)
{
    const QString &file = check.file;
    const QString name = hostName(host, port);
    // Compared by path: QFileInfo's own comparison needs both files to exist.
    if (QFileInfo(file).absoluteFilePath() == QFileInfo(consoleFile).absoluteFilePath()) {
        return QCoreApplication::translate(
                   "KnownHosts",
                   "If you have confirmed the new key with the server's administrator, use "
                   "\"Forget host key\" for %1, or delete line %2 of %3.")
            .arg(name, QString::number(check.line), QDir::toNativeSeparators(file));
    }
    if (file == QDir::homePath() + u"/.ssh/known_hosts"_s) {
        return QCoreApplication::translate(
                   "KnownHosts",
                   "If you have confirmed the new key with the server's administrator, remove "
                   "the old one by running: ssh-keygen -R '%1'")
            .arg(name);
    }
    return QCoreApplication::translate("KnownHosts",
                                       "If you have confirmed the new key with the server's "
                                       "administrator, ask whoever manages %1 to replace the "
                                       "entry for %2.")
        .arg(QDir::toNativeSeparators(file), name);
}

} // namespace ph
