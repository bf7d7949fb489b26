// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/knownhosts.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

// Made with ssh-keygen; its fingerprint as `ssh-keygen -lf` prints it.
const QByteArray edBase64 = "AAAAC3NzaC1lZDI1NTE5AAAAIM05lpO+ZVuTnE2sF4jbLgM/OkINASfwOSmayGufxDFd";
const QString edFingerprint = u"SHA256:dTYI/EZD5CEhteuWj6yJCIIPtSaAriVobrYv8PEsq8g"_s;
// `ssh-keygen -H` of "[example.org]:2222".
const QString hashedExample = u"|1|jDYVTi0O5xoI069WpHuXUowpnUM=|KIbSRT6/olfRBekmgHajlZmERw4="_s;

HostKey edKey()
{
    return HostKey{u"ssh-ed25519"_s, QByteArray::fromBase64(edBase64)};
}

HostKey otherEdKey()
{
    QByteArray blob = QByteArray::fromBase64(edBase64);
    blob[blob.size() - 1] = char(blob.at(blob.size() - 1) ^ 0x5a);
    return HostKey{u"ssh-ed25519"_s, blob};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

} // namespace

class TestKnownHosts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fingerprint_data();
    void fingerprint();
    void hostName_data();
    void hostName();
    void patterns_data();
    void patterns();
    void check_data();
    void check();
    void appendCreatesPrivateFileAndKeepsLines();
    void appendRefusesInvalidKeyAndUnwritableFile();
    void removeDropsOnlyThatHost();
    void removalAdvice();
    void listReadsEveryEntry();
    void listOfMissingFileIsEmpty();
    void listOfUnreadableFileFails();
    void keygenRemoveCommand_data();
    void keygenRemoveCommand();
};

void TestKnownHosts::fingerprint_data()
{
    QTest::addColumn<QByteArray>("blob");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ssh-keygen vector") << QByteArray::fromBase64(edBase64) << edFingerprint;
    // SHA-256 of nothing: 32 bytes give 43 Base64 characters, the '=' is dropped.
    QTest::newRow("empty") << QByteArray()
                           << u"SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU"_s;
}

void TestKnownHosts::fingerprint()
{
    QFETCH(QByteArray, blob);
    QFETCH(QString, expected);
    const QString actual = HostKey{u"ssh-ed25519"_s, blob}.fingerprint();
    QCOMPARE(actual, expected);
    QVERIFY(!actual.endsWith(u'='));
}

void TestKnownHosts::hostName_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default port") << u"db1.example.org"_s << 22 << u"db1.example.org"_s;
    QTest::newRow("other port") << u"127.0.0.1"_s << 2222 << u"[127.0.0.1]:2222"_s;
    QTest::newRow("case folded") << u"DB1.Example.ORG"_s << 22 << u"db1.example.org"_s;
}

void TestKnownHosts::hostName()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, expected);
    QCOMPARE(KnownHosts::hostName(host, port), expected);
}

void TestKnownHosts::patterns_data()
{
    QTest::addColumn<QString>("patterns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("matches");
    QTest::newRow("plain") << u"db1"_s << u"db1"_s << true;
    QTest::newRow("plain other") << u"db1"_s << u"db2"_s << false;
    QTest::newRow("list") << u"db1,10.0.0.5"_s << u"10.0.0.5"_s << true;
    QTest::newRow("bracketed port") << u"[127.0.0.1]:2222"_s << u"[127.0.0.1]:2222"_s << true;
    QTest::newRow("port differs") << u"[127.0.0.1]:2222"_s << u"[127.0.0.1]:2223"_s << false;
    QTest::newRow("no port vs port") << u"127.0.0.1"_s << u"[127.0.0.1]:2222"_s << false;
    QTest::newRow("wildcard") << u"*.example.org"_s << u"db1.example.org"_s << true;
    QTest::newRow("question mark") << u"db?"_s << u"db7"_s << true;
    QTest::newRow("wildcard no match") << u"*.example.org"_s << u"example.com"_s << false;
    QTest::newRow("negated") << u"*.example.org,!db1.example.org"_s << u"db1.example.org"_s
                             << false;
    QTest::newRow("negated other")
        << u"*.example.org,!db1.example.org"_s << u"db2.example.org"_s << true;
    QTest::newRow("case") << u"DB1.example.org"_s << u"db1.example.org"_s << true;
    QTest::newRow("hashed") << hashedExample << u"[example.org]:2222"_s << true;
    QTest::newRow("hashed other") << hashedExample << u"[example.org]:2223"_s << false;
    QTest::newRow("hashed garbage") << u"|1|!!!|???"_s << u"example.org"_s << false;
}

void TestKnownHosts::patterns()
{
    QFETCH(QString, patterns);
    QFETCH(QString, name);
    QFETCH(bool, matches);
    QCOMPARE(KnownHosts::patternsMatch(patterns, name), matches);
}

void TestKnownHosts::check_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");

    const QByteArray good = "[db1]:2222 ssh-ed25519 " + edBase64 + "\n";
    const QByteArray changed = "[db1]:2222 ssh-ed25519 " + otherEdKey().blob.toBase64() + "\n";
    const QByteArray rsa = "[db1]:2222 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7\n";
    const QByteArray otherHost = "[db2]:2222 ssh-ed25519 " + otherEdKey().blob.toBase64() + "\n";
    using S = HostKeyCheck::Status;
    QTest::newRow("nothing") << QByteArray() << QByteArray() << int(S::Unknown) << QString() << 0;
    QTest::newRow("other host only")
        << otherHost << QByteArray() << int(S::Unknown) << QString() << 0;
    QTest::newRow("known") << "# comment\n\n" + good << QByteArray() << int(S::Known) << u"a"_s
                           << 3;
    QTest::newRow("known in second file") << otherHost << good << int(S::Known) << u"b"_s << 1;
    QTest::newRow("changed") << changed << QByteArray() << int(S::Changed) << u"a"_s << 1;
    // A matching key anywhere wins, as in OpenSSH (a host may list several keys).
    QTest::newRow("changed and known") << changed << good << int(S::Known) << u"b"_s << 1;
    QTest::newRow("other type") << rsa << QByteArray() << int(S::Other) << u"a"_s << 1;
    QTest::newRow("changed beats other") << rsa << changed << int(S::Changed) << u"b"_s << 1;
    QTest::newRow("marker lines ignored")
        << "@cert-authority [db1]:2222 ssh-ed25519 " + otherEdKey().blob.toBase64() + "\n"
        << QByteArray() << int(S::Unknown) << QString() << 0;
    QTest::newRow("broken lines ignored") << QByteArray("[db1]:2222 ssh-ed25519\ngarbage\n")
                                          << QByteArray() << int(S::Unknown) << QString() << 0;
}

void TestKnownHosts::check()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(int, status);
    QFETCH(QString, file);
    QFETCH(int, line);
    QTemporaryDir dir;
    const QString a = dir.filePath(u"a"_s);
    const QString b = dir.filePath(u"b"_s);
    writeFile(a, first);
    writeFile(b, second);
    const QString missing = dir.filePath(u"missing"_s);
    const HostKeyCheck result = KnownHosts::check({missing, a, b}, u"db1"_s, 2222, edKey());
    QCOMPARE(int(result.status), status);
    QCOMPARE(result.file, file.isEmpty() ? QString() : dir.filePath(file));
    QCOMPARE(result.line, line);
    if (result.status == HostKeyCheck::Status::Changed)
        QCOMPARE(result.oldKey, otherEdKey());
    if (result.status == HostKeyCheck::Status::Other)
        QCOMPARE(result.oldKey.type, u"ssh-rsa"_s);
}

void TestKnownHosts::appendCreatesPrivateFileAndKeepsLines()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"sub/known_hosts"_s);
    QVERIFY(KnownHosts::append(path, u"db1"_s, 2222, edKey()));
    const QByteArray line = "[db1]:2222 ssh-ed25519 " + edBase64 + "\n";
    QCOMPARE(readFile(path), line);
    QCOMPARE(QFile::permissions(path) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
             QFileDevice::Permissions());
    QCOMPARE(KnownHosts::check({path}, u"db1"_s, 2222, edKey()).status,
             HostKeyCheck::Status::Known);

    // A hand-edited file without a final newline keeps its last line whole.
    writeFile(path, "db9 ssh-ed25519 " + edBase64);
    QVERIFY(KnownHosts::append(path, u"db1"_s, 22, edKey()));
    QCOMPARE(readFile(path),
             "db9 ssh-ed25519 " + edBase64 + "\ndb1 ssh-ed25519 " + edBase64 + "\n");
    QCOMPARE(KnownHosts::formatLine(u"db1"_s, 22, edKey()),
             u"db1 ssh-ed25519 "_s + QString::fromLatin1(edBase64));
}

void TestKnownHosts::appendRefusesInvalidKeyAndUnwritableFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"known_hosts"_s);
    writeFile(path, "keep me\n");
    const Result<void> invalid = KnownHosts::append(path, u"db1"_s, 22, HostKey{});
    QVERIFY(!invalid);
    QCOMPARE(invalid.error().code, u"ssh.knownhosts_write"_s);
    QCOMPARE(readFile(path), QByteArray("keep me\n"));

    // A folder where the file should be cannot be written; the error names the path.
    const QString folder = dir.filePath(u"folder"_s);
    QVERIFY(QDir().mkpath(folder));
    const Result<void> blocked = KnownHosts::append(folder, u"db1"_s, 22, edKey());
    QVERIFY(!blocked);
    QVERIFY2(blocked.error().message.contains(QDir::toNativeSeparators(folder)),
             qPrintable(blocked.error().message));
}

void TestKnownHosts::removeDropsOnlyThatHost()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"known_hosts"_s);
    const QByteArray keep =
        "# mine\ndb2 ssh-ed25519 " + edBase64 + "\n[db1]:2223 ssh-ed25519 " + edBase64 + "\n";
    writeFile(path, "[db1]:2222 ssh-ed25519 " + edBase64 + "\n" + keep + hashedExample.toLatin1() +
                        " ssh-ed25519 " + edBase64 + "\n");
    const Result<int> removed = KnownHosts::remove(path, u"db1"_s, 2222);
    QVERIFY(removed);
    QCOMPARE(*removed, 1);
    QCOMPARE(readFile(path), keep + hashedExample.toLatin1() + " ssh-ed25519 " + edBase64 + "\n");

    const Result<int> hashed = KnownHosts::remove(path, u"example.org"_s, 2222);
    QVERIFY(hashed);
    QCOMPARE(*hashed, 1);
    QCOMPARE(readFile(path), keep);

    const Result<int> none = KnownHosts::remove(path, u"db9"_s, 22);
    QVERIFY(none);
    QCOMPARE(*none, 0);
    QCOMPARE(readFile(path), keep);
    QCOMPARE(*KnownHosts::remove(dir.filePath(u"missing"_s), u"db1"_s, 22), 0);
}

void TestKnownHosts::removalAdvice()
{
    QTemporaryDir dir;
    const QString console = dir.filePath(u"known_hosts"_s);
    HostKeyCheck check;
    check.status = HostKeyCheck::Status::Changed;
    check.file = QDir::homePath() + u"/.ssh/known_hosts"_s;
    check.line = 4;
    QVERIFY(KnownHosts::removalAdvice(check, u"db1"_s, 2222, console)
                .contains(u"ssh-keygen -R '[db1]:2222'"_s));
    QVERIFY(
        KnownHosts::removalAdvice(check, u"db1"_s, 22, console).contains(u"ssh-keygen -R 'db1'"_s));
    check.file = console;
    const QString own = KnownHosts::removalAdvice(check, u"db1"_s, 2222, console);
    QVERIFY2(own.contains(u"line 4"_s) && own.contains(u"Forget host key"_s), qPrintable(own));
    check.file = u"/etc/ssh/ssh_known_hosts"_s;
    QVERIFY(KnownHosts::removalAdvice(check, u"db1"_s, 2222, console)
                .contains(u"/etc/ssh/ssh_known_hosts"_s));
}

void TestKnownHosts::listReadsEveryEntry()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"known_hosts"_s);
    const QByteArray key = " ssh-ed25519 " + edBase64;
    writeFile(path, "# a comment\n"
                    "example.org" +
                        key +
                        "\n"
                        "\n"
                        "[127.0.0.1]:2222" +
                        key +
                        " comment words\n"
                        "web,192.0.2.1" +
                        key + "\n" + hashedExample.toLatin1() + key +
                        "\n"
                        "broken-line-without-key\n"
                        "@cert-authority *.corp" +
                        key + "\n");
    auto entries = KnownHosts::list(path);
    QVERIFY(entries);
    QCOMPARE(entries->size(), 5);
    const QList<KnownHostEntry> &e = *entries;
    QCOMPARE(e[0].host, u"example.org"_s);
    QCOMPARE(e[0].port, 22);
    QCOMPARE(e[0].line, 2);
    QCOMPARE(e[0].file, path);
    QCOMPARE(e[0].key, edKey());
    QCOMPARE(e[0].key.fingerprint(), edFingerprint);
    QCOMPARE(e[1].host, u"127.0.0.1"_s);
    QCOMPARE(e[1].port, 2222);
    QCOMPARE(e[1].line, 4);
    QCOMPARE(e[2].host, u"web"_s);
    QCOMPARE(e[2].patterns, u"web,192.0.2.1"_s);
    QVERIFY(e[3].hashed);
    QVERIFY(e[3].host.isEmpty());
    QCOMPARE(e[3].patterns, hashedExample);
    QCOMPARE(e[4].marker, u"@cert-authority"_s);
    QCOMPARE(e[4].host, u"*.corp"_s);
    QCOMPARE(e[4].line, 8);
    // The last line has no newline; the negated pattern is not the entry's host.
    writeFile(path, "!neg,[db]:2200" + key);
    auto last = KnownHosts::list(path);
    QVERIFY(last);
    QCOMPARE(last->size(), 1);
    QCOMPARE(last->constFirst().host, u"db"_s);
    QCOMPARE(last->constFirst().port, 2200);
}

void TestKnownHosts::listOfMissingFileIsEmpty()
{
    QTemporaryDir dir;
    auto entries = KnownHosts::list(dir.filePath(u"nothing-here"_s));
    QVERIFY(entries);
    QVERIFY(entries->isEmpty());
}

void TestKnownHosts::listOfUnreadableFileFails()
{
    QTemporaryDir dir;
    // A folder in place of the file cannot be read as one.
    QVERIFY(QDir(dir.path()).mkdir(u"known_hosts"_s));
    auto entries = KnownHosts::list(dir.filePath(u"known_hosts"_s));
    QVERIFY(!entries);
    QCOMPARE(entries.error().code, u"ssh.knownhosts_read"_s);
    QVERIFY(entries.error().message.contains(dir.filePath(u"known_hosts"_s)));
}

void TestKnownHosts::keygenRemoveCommand_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port 22") << u"example.org"_s << 22 << u"ssh-keygen -R example.org"_s;
    QTest::newRow("other port") << u"127.0.0.1"_s << 2222
                                << u"ssh-keygen -R \"[127.0.0.1]:2222\""_s;
    QTest::newRow("ipv6") << u"2001:db8::1"_s << 2200 << u"ssh-keygen -R \"[2001:db8::1]:2200\""_s;
    QTest::newRow("shell characters quoted")
        << u"a$(rm x)'b"_s << 22 << u"ssh-keygen -R 'a$(rm x)'\\''b'"_s;
}

void TestKnownHosts::keygenRemoveCommand()
{
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, expected);
    QCOMPARE(KnownHosts::keygenRemoveCommand(host, port), expected);
}

QTEST_GUILESS_MAIN(TestKnownHosts)
#include "tst_knownhosts.moc"
