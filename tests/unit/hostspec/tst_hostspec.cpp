// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/hostspec.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestHostSpec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
};

void TestHostSpec::parsesValid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("name") << u"web1"_s << QString() << u"web1"_s << 22 << u"web1"_s;
    QTest::newRow("fqdn") << u"db.example.org"_s << QString() << u"db.example.org"_s << 22
                          << u"db.example.org"_s;
    QTest::newRow("user") << u"deploy@10.0.0.5"_s << u"deploy"_s << u"10.0.0.5"_s << 22
                          << u"deploy@10.0.0.5"_s;
    QTest::newRow("port") << u"10.0.0.5:2222"_s << QString() << u"10.0.0.5"_s << 2222
                          << u"10.0.0.5:2222"_s;
    QTest::newRow("user and port") << u"root@127.0.0.1:40022"_s << u"root"_s << u"127.0.0.1"_s
                                   << 40022 << u"root@127.0.0.1:40022"_s;
    QTest::newRow("port 22 dropped") << u"host:22"_s << QString() << u"host"_s << 22 << u"host"_s;
    QTest::newRow("ipv6 bracketed with port")
        << u"[::1]:2200"_s << QString() << u"::1"_s << 2200 << u"[::1]:2200"_s;
    QTest::newRow("ipv6 bracketed no port")
        << u"[::1]"_s << QString() << u"::1"_s << 22 << u"[::1]"_s;
    QTest::newRow("ipv6 bare") << u"fe80::1"_s << QString() << u"fe80::1"_s << 22 << u"[fe80::1]"_s;
    QTest::newRow("ipv6 user and port") << u"ops@[2001:db8::7]:22"_s << u"ops"_s << u"2001:db8::7"_s
                                        << 22 << u"ops@[2001:db8::7]"_s;
    QTest::newRow("bracketed name") << u"[example.org]:2222"_s << QString() << u"example.org"_s
                                    << 2222 << u"example.org:2222"_s;
    QTest::newRow("surrounding spaces") << u"  a@b:23 "_s << u"a"_s << u"b"_s << 23 << u"a@b:23"_s;
    QTest::newRow("max port") << u"h:65535"_s << QString() << u"h"_s << 65535 << u"h:65535"_s;
    QTest::newRow("user with dot and dash")
        << u"first.last-2@h"_s << u"first.last-2"_s << u"h"_s << 22 << u"first.last-2@h"_s;
}

void TestHostSpec::parsesValid()
{
    QFETCH(QString, text);
    QFETCH(QString, user);
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(QString, canonical);

    const auto spec = HostSpec::parse(text);
    QVERIFY2(spec.has_value(), qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->user, user);
    QCOMPARE(spec->address, address);
    QCOMPARE(spec->port, port);
    QCOMPARE(spec->toString(), canonical);
    // The canonical spelling reads back as the same host.
    const auto again = HostSpec::parse(spec->toString());
    QVERIFY(again.has_value());
    QCOMPARE(*again, *spec);
}

void TestHostSpec::rejectsInvalid_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("empty") << QString() << u"empty"_s;
    QTest::newRow("blank") << u"   "_s << u"empty"_s;
    QTest::newRow("empty user") << u"@host"_s << u"user name"_s;
    QTest::newRow("no address") << u"user@"_s << u"address is missing"_s;
    QTest::newRow("only port") << u":22"_s << u"address is missing"_s;
    QTest::newRow("empty port") << u"host:"_s << u"port after"_s;
    QTest::newRow("port zero") << u"host:0"_s << u"\"0\""_s;
    QTest::newRow("port too big") << u"host:65536"_s << u"65536"_s;
    QTest::newRow("port not a number") << u"host:ssh"_s << u"\"ssh\""_s;
    QTest::newRow("negative port") << u"host:-1"_s << u"\"-1\""_s;
    QTest::newRow("unclosed bracket") << u"[::1:22"_s << u"\"]\""_s;
    QTest::newRow("junk after bracket") << u"[::1]x"_s << u"\":port\""_s;
    QTest::newRow("empty brackets") << u"[]:22"_s << u"address is missing"_s;
    QTest::newRow("space in address") << u"web 1"_s << u"\" \""_s;
    QTest::newRow("slash in address") << u"host/path"_s << u"\"/\""_s;
    QTest::newRow("option as address") << u"-oProxyCommand=x"_s << u"\"=\""_s;
    QTest::newRow("dash address") << u"-host"_s << u"\"-\""_s;
    QTest::newRow("shell in user") << u"a;b@host"_s << u"\";\""_s;
    QTest::newRow("dash user") << u"-l@host"_s << u"\"-\""_s;
}

void TestHostSpec::rejectsInvalid()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);

    const auto spec = HostSpec::parse(text);
    QVERIFY(!spec.has_value());
    QCOMPARE(spec.error().code, u"hostspec.invalid"_s);
    QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
    // The message shows the user what to type instead.
    QVERIFY(spec.error().message.contains(u"[user@]address[:port]"_s));
}

QTEST_GUILESS_MAIN(TestHostSpec)
#include "tst_hostspec.moc"
