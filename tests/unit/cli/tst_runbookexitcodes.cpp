// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/exitcodes.h"
#include "cli/runbookcommand.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;
using namespace ph::cli;

class TestRunbookExitCodes : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mapsErrorsToTheSharedExitCodes_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("exitCode");

        // A check failed: the host, the tunnel or the login did not work out.
        for (const char *code :
             {"ssh.connect", "ssh.timeout", "ssh.disconnected", "ssh.connection_lost",
              "ssh.channel", "ssh.auth", "ssh.tunnel", "ssh.forward", "ssh.jump",
              "checklist.tunnel", "ssh.knownhosts_write", "http.status", ""}) {
            QTest::newRow(code[0] ? code : "no code")
                << QString::fromLatin1(code) << int(ExitCheckFailed);
        }
        // Refused: host keys (also as the cause a tunnel or jump host passes on) and a
        // destructive step without --confirm.
        for (const char *code : {"ssh.hostkey", "ssh.hostkey_unknown", "ssh.hostkey_changed",
                                 "ssh.hostkey_rejected", "checklist.needs_confirmation"}) {
            QTest::newRow(code) << QString::fromLatin1(code) << int(ExitRefused);
        }
        // Needs a person: nobody can be asked for a secret, or the step is manual.
        for (const char *code : {"checklist.manual", "keychain.not_found",
                                 "ssh.auth_secret_missing", "ssh.sudo_password"}) {
            QTest::newRow(code) << QString::fromLatin1(code) << int(ExitNeedsPerson);
        }
        for (const char *code : {"keychain.unavailable", "keychain.denied", "keychain.timeout"})
            QTest::newRow(code) << QString::fromLatin1(code) << int(ExitKeychainUnavailable);
        // The runbook or the workspace needs fixing.
        for (const char *code :
             {"checklist.missing_parameter", "checklist.no_host", "checklist.no_service",
              "checklist.group_step", "checklist.no_key", "checklist.jq", "checklist.bad_url",
              "checklist.unresolved", "ssh.unknown_host"}) {
            QTest::newRow(code) << QString::fromLatin1(code) << int(ExitUsage);
        }
        // Prefixes only where a family is meant: look-alikes fall through to "failed".
        QTest::newRow("sshhostkey (no dot)") << u"sshhostkey"_s << int(ExitCheckFailed);
        QTest::newRow("checklist.manual_note")
            << u"checklist.manual_note"_s << int(ExitCheckFailed);
    }

    void mapsErrorsToTheSharedExitCodes()
    {
        QFETCH(QString, code);
        QFETCH(int, exitCode);
        const Error error{code, u"message"_s, {}};
        QCOMPARE(runbookExitCodeFor(error), exitCode);
    }
};

QTEST_GUILESS_MAIN(TestRunbookExitCodes)
#include "tst_runbookexitcodes.moc"
