// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/sshconfigimport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using ph::SshConfigImport;
using ph::SshConfigNote;

using Files = QMap<QString, QString>; // path under ~/.ssh -> contents

namespace {

// "name|address|port|user|identity|jump|auth"; HOME in identity stands for the home folder.
QString describe(const ph::Host &h, const QString &home)
{
    QString identity = h.identityFile;
    if (identity.startsWith(home))
        identity = u"HOME"_s + identity.mid(home.size());
    return QStringList{h.name, h.address, QString::number(h.port), h.user, identity, h.jump, h.auth}
        .join(u'|');
}

QString kindName(SshConfigNote::Kind kind)
{
    switch (kind) {
    case SshConfigNote::Kind::Skipped:
        return u"skipped"_s;
    case SshConfigNote::Kind::Ignored:
        return u"ignored"_s;
    case SshConfigNote::Kind::Problem:
        return u"problem"_s;
    }
    return {};
}

bool writeFiles(const QString &sshDir, const Files &files)
{
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QString path = sshDir + u'/' + it.key();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write(it.value().toUtf8());
    }
    return true;
}

} // namespace

class TestSshConfigImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void import_data();
    void import();
    void notesSayWhat();
    void missingFileIsAClearError();
    void environmentIsApplied();
};

void TestSshConfigImport::import_data()
{
    QTest::addColumn<Files>("files");
    QTest::addColumn<QStringList>("hosts");
    // "file:line:kind" of every note, in order.
    QTest::addColumn<QStringList>("notes");

    QTest::newRow("several patterns, tokens, tilde")
        << Files{{u"config"_s, u"# my hosts\n"
                               "Host web1 web2\n"
                               "    HostName %h.example.com\n"
                               "    Port 2222\n"
                               "    User deploy\n"
                               "    IdentityFile ~/.ssh/id_%h_%r_%p_%u_%n_%%\n"_s}}
        << QStringList{u"web1|web1.example.com|2222|deploy|"
                       "HOME/.ssh/id_web1.example.com_deploy_2222_me_web1_%|"
                       "|key"_s,
                       u"web2|web2.example.com|2222|deploy|"
                       "HOME/.ssh/id_web2.example.com_deploy_2222_me_web2_%|"
                       "|key"_s}
        << QStringList{};

    QTest::newRow("no User: the OS user, also for %r")
        << Files{{u"config"_s, u"Host plain\n  IdentityFile ~/.ssh/%r_key\n"_s}}
        << QStringList{u"plain|plain|22||HOME/.ssh/me_key||key"_s} << QStringList{};

    QTest::newRow("key=value, case, quotes, comments")
        << Files{{u"config"_s, u"HOST=db\n"
                               "  hostname = 10.0.0.5\n"
                               "  PORT=2200\n"
                               "  user \"ops team\"   # who runs it\n"
                               "  IdentityFile \"/keys/my key\"\n"
                               "\n"
                               "  # indented comment\n"_s}}
        << QStringList{u"db|10.0.0.5|2200|ops team|/keys/my key||key"_s} << QStringList{};

    QTest::newRow("first value wins, Host * gives defaults")
        << Files{{u"config"_s, u"Host a\n"
                               "  User alice\n"
                               "Host *\n"
                               "  User everyone\n"
                               "  Port 2022\n"
                               "Host a\n"
                               "  Port 9999\n"
                               "  HostName late.example.com\n"
                               "Host b\n"_s}}
        << QStringList{u"a|late.example.com|2022|alice|||agent"_s, u"b|b|2022|everyone|||agent"_s}
        << QStringList{u"config:3:skipped"_s};

    QTest::newRow("settings before any Host apply to all")
        << Files{{u"config"_s, u"User early\n"
                               "Host a\n"
                               "  User late\n"_s}}
        << QStringList{u"a|a|22|early|||agent"_s} << QStringList{};

    QTest::newRow("Match is reported, its settings not applied")
        << Files{{u"config"_s, u"Host x\n"
                               "Match host x exec \"true\"\n"
                               "  User matched\n"_s}}
        << QStringList{u"x|x|22||||agent"_s} << QStringList{u"config:2:skipped"_s};

    QTest::newRow("unknown keywords noted once")
        << Files{{u"config"_s, u"Host x\n"
                               "  ForwardAgent yes\n"
                               "  ServerAliveInterval 30\n"
                               "Host y\n"
                               "  ServerAliveInterval 60\n"
                               "  ProxyCommand nc %h %p\n"_s}}
        << QStringList{u"x|x|22||||agent"_s, u"y|y|22||||agent"_s}
        << QStringList{u"config:2:ignored"_s, u"config:3:ignored"_s, u"config:6:problem"_s};

    QTest::newRow("Include: relative, glob, sorted, cycle")
        << Files{{u"config"_s, u"Include conf.d/*.conf\n"
                               "Host main\n"_s},
                 {u"conf.d/b.conf"_s, u"Host beta\n"_s},
                 {u"conf.d/a.conf"_s, u"Host alpha\n"
                                      "  HostName 192.0.2.1\n"
                                      "Include ~/.ssh/config\n"_s},
                 {u"conf.d/ignored.txt"_s, u"Host nope\n"_s}}
        << QStringList{u"alpha|192.0.2.1|22||||agent"_s, u"beta|beta|22||||agent"_s,
                       u"main|main|22||||agent"_s}
        << QStringList{u"conf.d/a.conf:3:problem"_s};

    QTest::newRow("Include itself")
        << Files{{u"config"_s, u"Host a\n"
                               "Include config\n"_s}}
        << QStringList{u"a|a|22||||agent"_s} << QStringList{u"config:2:problem"_s};

    QTest::newRow("Include cycle of two files")
        << Files{{u"config"_s, u"Include one\nHost a\n"_s},
                 {u"one"_s, u"Include two\nHost b\n"_s},
                 {u"two"_s, u"Include one\nHost c\n"_s}}
        << QStringList{u"c|c|22||||agent"_s, u"b|b|22||||agent"_s, u"a|a|22||||agent"_s}
        << QStringList{u"two:1:problem"_s};

    QTest::newRow("Include matching nothing")
        << Files{{u"config"_s, u"Include missing/*.conf\nHost a\n"_s}}
        << QStringList{u"a|a|22||||agent"_s} << QStringList{u"config:1:problem"_s};

    QTest::newRow("Include inside a Host block applies only there")
        << Files{{u"config"_s, u"Host a\n"
                               "  Include inner.conf\n"
                               "  Port 2000\n"
                               "Host b\n"_s},
                 {u"inner.conf"_s, u"User fromInner\n"
                                   "Host c\n"
                                   "  User cUser\n"_s}}
        << QStringList{u"a|a|2000|fromInner|||agent"_s, u"c|c|22||||agent"_s, u"b|b|22||||agent"_s}
        << QStringList{};

    {
        // 20 files deep: OpenSSH stops at 16, and so does the import.
        Files chain;
        for (int i = 0; i < 20; ++i)
            chain.insert(i == 0 ? u"config"_s : u"l%1"_s.arg(i),
                         u"Host h%1\nInclude l%2\n"_s.arg(i).arg(i + 1));
        QStringList hosts;
        for (int i = 0; i <= 16; ++i)
            hosts << u"h%1|h%1|22||||agent"_s.arg(i);
        QTest::newRow("Include depth is bounded")
            << chain << hosts << QStringList{u"l16:2:problem"_s};
    }

    QTest::newRow("ProxyJump: alias, user@host:port, chain")
        << Files{{u"config"_s, u"Host bastion\n"
                               "  HostName 203.0.113.1\n"
                               "  User jump\n"
                               "Host app\n"
                               "  ProxyJump bastion\n"
                               "Host deep\n"
                               "  ProxyJump admin@gw.example.com:2222,bastion\n"
                               "Host v6\n"
                               "  ProxyJump ops@[2001:db8::1]:22\n"
                               "Host direct\n"
                               "  ProxyJump none\n"
                               "Host *\n"
                               "  ProxyJump bastion\n"_s}}
        << QStringList{u"bastion|203.0.113.1|22|jump|||agent"_s,
                       u"app|app|22|||bastion|agent"_s,
                       u"deep|deep|22|||bastion via admin@gw.example.com:2222|agent"_s,
                       u"v6|v6|22|||ops@[2001:db8::1]:22|agent"_s,
                       u"direct|direct|22||||agent"_s,
                       u"admin@gw.example.com:2222|gw.example.com|2222|admin||bastion|agent"_s,
                       u"bastion via admin@gw.example.com:2222|203.0.113.1|22|jump||"
                       "admin@gw.example.com:2222|agent"_s,
                       u"ops@[2001:db8::1]:22|2001:db8::1|22|ops||bastion|agent"_s}
        << QStringList{u"config:12:skipped"_s, u"config:13:problem"_s};

    QTest::newRow("ProxyJump loop through Host *")
        << Files{{u"config"_s, u"Host *\n"
                               "  ProxyJump gw\n"
                               "Host web\n"_s}}
        << QStringList{u"web|web|22|||gw|agent"_s, u"gw|gw|22||||agent"_s}
        << QStringList{u"config:1:skipped"_s, u"config:2:problem"_s};

    QTest::newRow("bad values are reported, the rest kept")
        << Files{{u"config"_s, u"Host * !bastion\n"
                               "  Port abc\n"
                               "Host ok\n"
                               "  User \"unterminated\n"
                               "  HostName 198.51.100.7\n"
                               "  IdentityFile ~/keys/%C\n"
                               "  ProxyJump bad@host:99999\n"_s}}
        << QStringList{u"ok|198.51.100.7|22||HOME/keys/%C||key"_s}
        << QStringList{u"config:1:skipped"_s, u"config:1:skipped"_s, u"config:2:problem"_s,
                       u"config:4:problem"_s, u"config:6:problem"_s, u"config:7:problem"_s};
}

void TestSshConfigImport::import()
{
    QFETCH(Files, files);
    QFETCH(QStringList, hosts);
    QFETCH(QStringList, notes);

    QTemporaryDir home;
    QVERIFY(home.isValid());
    const QString sshDir = home.path() + u"/.ssh"_s;
    QVERIFY(writeFiles(sshDir, files));

    SshConfigImport::Options options;
    options.homeDir = home.path();
    options.localUser = u"me"_s;
    auto result = SshConfigImport::importFile(SshConfigImport::defaultPath(home.path()), options);
    QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));

    QStringList actualHosts;
    for (const ph::Host &h : std::as_const(result->hosts))
        actualHosts << describe(h, home.path());
    QCOMPARE(actualHosts, hosts);

    const QString canonicalSsh = QFileInfo(sshDir).canonicalFilePath() + u'/';
    QStringList actualNotes;
    for (const SshConfigNote &n : std::as_const(result->notes)) {
        QString file = n.file;
        if (file.startsWith(canonicalSsh))
            file = file.mid(canonicalSsh.size());
        actualNotes << file + u':' + QString::number(n.line) + u':' + kindName(n.kind);
        QVERIFY2(!n.message.isEmpty(), qPrintable(actualNotes.last()));
    }
    QCOMPARE(actualNotes, notes);
}

void TestSshConfigImport::notesSayWhat()
{
    QTemporaryDir home;
    QVERIFY(writeFiles(home.path() + u"/.ssh"_s,
                       {{u"config"_s, u"Include config\nMatch user root\nHost *.corp\n"
                                      "  ForwardX11 yes\n"_s}}));
    SshConfigImport::Options options;
    options.homeDir = home.path();
    auto result = SshConfigImport::importFile(SshConfigImport::defaultPath(home.path()), options);
    QVERIFY(result);
    QCOMPARE(result->notes.size(), 4);
    QVERIFY(result->notes[0].message.contains(u"cycle"_s));
    QVERIFY(result->notes[1].message.contains(u"Match user root"_s));
    QVERIFY(result->notes[2].message.contains(u"*.corp"_s));
    QVERIFY(result->notes[3].message.contains(u"ForwardX11"_s));
    QVERIFY(result->notes[3].toString().endsWith(u":4: "_s + result->notes[3].message));
}

void TestSshConfigImport::missingFileIsAClearError()
{
    QTemporaryDir home;
    auto result = SshConfigImport::importFile(SshConfigImport::defaultPath(home.path()), {});
    QVERIFY(!result);
    QCOMPARE(result.error().code, u"sshconfig.read"_s);
    QVERIFY(result.error().message.contains(home.path()));
}

void TestSshConfigImport::environmentIsApplied()
{
    QTemporaryDir home;
    QVERIFY(writeFiles(home.path() + u"/.ssh"_s, {{u"config"_s, u"Host a\n  ProxyJump j@gw\n"_s}}));
    SshConfigImport::Options options;
    options.homeDir = home.path();
    options.environment = u"staging"_s;
    auto result = SshConfigImport::importFile(SshConfigImport::defaultPath(home.path()), options);
    QVERIFY(result);
    QCOMPARE(result->hosts.size(), 2);
    for (const ph::Host &h : std::as_const(result->hosts))
        QCOMPARE(h.environment, u"staging"_s);
}

QTEST_GUILESS_MAIN(TestSshConfigImport)
#include "tst_sshconfigimport.moc"
