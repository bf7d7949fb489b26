// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/outputbuffer.h"
#include "ssh/sshsession.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestSshOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ringKeepsNewestBytes_data();
    void ringKeepsNewestBytes();
    void remoteCommand_data();
    void remoteCommand();
    void sudoPrompt_data();
    void sudoPrompt();
};

void TestSshOutput::ringKeepsNewestBytes_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<QList<int>>("chunks");
    QTest::newRow("fits") << 16 << QList<int>{3, 4, 5};
    QTest::newRow("exactly full") << 12 << QList<int>{3, 4, 5};
    QTest::newRow("wraps") << 10 << QList<int>{7, 7, 7, 1};
    QTest::newRow("one huge chunk") << 8 << QList<int>{3, 50, 2};
    QTest::newRow("many small") << 5 << QList<int>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    QTest::newRow("chunk equals capacity") << 6 << QList<int>{2, 6, 6, 4};
}

void TestSshOutput::ringKeepsNewestBytes()
{
    QFETCH(int, capacity);
    QFETCH(QList<int>, chunks);
    OutputBuffer buffer(capacity);
    QByteArray all;
    char next = 'a';
    for (int size : chunks) {
        QByteArray chunk;
        for (int i = 0; i < size; ++i) {
            chunk += next;
            next = next == 'z' ? 'a' : char(next + 1);
        }
        all += chunk;
        buffer.append(chunk);
        QCOMPARE(buffer.tail(), all.right(capacity));
        QVERIFY(buffer.tail().size() <= capacity);
    }
    QCOMPARE(buffer.totalBytes(), qint64(all.size()));
    QCOMPARE(buffer.isTruncated(), all.size() > capacity);
}

void TestSshOutput::remoteCommand_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<bool>("sudo");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"df -h"_s << false << u"df -h"_s;
    QTest::newRow("sudo") << u"systemctl restart nginx"_s << true
                          << u"sudo -n sh -c 'systemctl restart nginx'"_s;
    QTest::newRow("sudo pipeline")
        << u"ls /root | wc -l"_s << true << u"sudo -n sh -c 'ls /root | wc -l'"_s;
    QTest::newRow("sudo quotes") << u"echo 'a b'"_s << true
                                 << u"sudo -n sh -c 'echo '\\''a b'\\'''"_s;
}

void TestSshOutput::remoteCommand()
{
    QFETCH(QString, command);
    QFETCH(bool, sudo);
    QFETCH(QString, expected);
    CommandOptions options;
    options.sudo = sudo;
    QCOMPARE(SshSession::remoteCommand(command, options), expected);
}

void TestSshOutput::sudoPrompt_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("prompt");
    QTest::newRow("password required") << QByteArray("sudo: a password is required\n") << true;
    QTest::newRow("terminal required")
        << QByteArray("sudo: a terminal is required to read the password\n") << true;
    QTest::newRow("ordinary error") << QByteArray("ls: cannot access '/x'\n") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestSshOutput::sudoPrompt()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, prompt);
    QCOMPARE(SshSession::isSudoPasswordPrompt(text), prompt);
}

QTEST_GUILESS_MAIN(TestSshOutput)
#include "tst_sshoutput.moc"
