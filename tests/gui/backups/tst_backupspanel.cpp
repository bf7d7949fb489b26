// SPDX-License-Identifier: GPL-3.0-or-later
// The Backups page against a real sshd: listings of synthetic folders (empty, missing,
// clock-skewed, 10,000 archives), verdicts in words, verify, and a restore that runs only
// after the production name is typed — with every decision handed to the audit log.
#include "console/hostcommands.h"
#include "ssh/sshsessionpool.h"
#include "sshdfixture.h"
#include "ui/backups/backupspanel.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include "ui/dialogs/confirmdestructivedialog.h"

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

bool touch(const QString &path, const QDateTime &mtime)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write("archive");
    f.flush(); // or closing would stamp the time of the write
    return f.setFileTime(mtime, QFileDevice::FileModificationTime);
}

ConfirmDestructiveDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<ConfirmDestructiveDialog *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}

} // namespace

class TestBackupsPanel : public QObject
{
    Q_OBJECT

    SshdFixture m_sshd;
    QTemporaryDir m_dir;
    std::unique_ptr<SshSessionPool> m_pool;
    std::unique_ptr<HostCommands> m_commands;
    QDateTime m_now;

    BackupJob job(const QString &name, const QString &folder, const QString &schedule, int rpo)
    {
        BackupJob j;
        j.name = name;
        j.environment = u"production"_s;
        j.host = u"db1"_s;
        j.location = m_dir.filePath(folder);
        j.pattern = u"*.tar.gz"_s;
        j.schedule = schedule;
        j.rpoMinutes = rpo;
        return j;
    }

    int indexOf(const BackupsPanel &panel, const QString &name)
    {
        for (int i = 0; i < panel.jobCount(); ++i) {
            if (panel.jobState(i).job.name == name)
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_sshd.start(), qPrintable(m_sshd.errorString()));
        m_now = QDateTime::currentDateTimeUtc();

        QVERIFY(QDir(m_dir.path()).mkpath(u"empty"_s));
        QVERIFY(QDir(m_dir.path()).mkpath(u"skewed"_s));
        QVERIFY(touch(m_dir.filePath(u"skewed/tomorrow.tar.gz"_s), m_now.addSecs(3 * 3600)));
        QVERIFY(touch(m_dir.filePath(u"skewed/yesterday.tar.gz"_s), m_now.addDays(-1)));
        QVERIFY(QDir(m_dir.path()).mkpath(u"many"_s));
        for (int i = 0; i < 10000; ++i) {
            QVERIFY(touch(m_dir.filePath(u"many/f%1.tar.gz"_s.arg(i, 5, 10, QLatin1Char('0'))),
                          m_now.addSecs(-60 * (10000 - i))));
        }
        QVERIFY(QDir(m_dir.path()).mkpath(u"restore"_s));
        QVERIFY(touch(m_dir.filePath(u"restore/db-1.tar.gz"_s), m_now.addSecs(-1800)));
        QVERIFY(touch(m_dir.filePath(u"restore/db-2.tar.gz"_s), m_now.addSecs(-600)));

        QFile known(m_dir.filePath(u"known_hosts"_s));
        QVERIFY(known.open(QIODevice::WriteOnly));
        known.write(m_sshd.knownHostsLine().toUtf8() + '\n');
        known.close();

        SshSessionOptions options;
        options.knownHostsFile = known.fileName();
        options.readOnlyKnownHostsFiles = {m_dir.filePath(u"none"_s)};
        m_pool = std::make_unique<SshSessionPool>(options);
        m_commands = std::make_unique<HostCommands>(nullptr, m_pool.get());
        Workspace ws;
        ws.name = u"test"_s;
        Host h;
        h.name = u"db1"_s;
        h.environment = u"production"_s;
        h.address = m_sshd.host();
        h.port = m_sshd.port();
        h.user = m_sshd.user();
        h.auth = u"key"_s;
        h.identityFile = m_sshd.clientKeyPath();
        ws.hosts.append(h);
        m_commands->setWorkspace(ws);
    }

    void listingsAndVerdicts()
    {
        BackupsPanel panel;
        panel.setHostCommands(m_commands.get());
        BackupJob ghost = job(u"ghost"_s, u"empty"_s, u"daily 02:00 UTC"_s, 1440);
        ghost.host = u"nosuchhost"_s;
        panel.setJobs({job(u"empty"_s, u"empty"_s, u"daily 02:00 UTC"_s, 60),
                       job(u"missing"_s, u"does-not-exist"_s, u"hourly"_s, 120),
                       job(u"skewed"_s, u"skewed"_s, u"daily 00:30 UTC"_s, 1440),
                       job(u"many"_s, u"many"_s, u"every 1 min"_s, 60), ghost},
                      u"production"_s, true, {});
        panel.show(); // first look lists every job
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (int i = 0; i < panel.jobCount(); ++i) {
                    if (panel.jobState(i).busy)
                        return false;
                }
                return true;
            }(),
            30000);

        const auto &empty = panel.jobState(indexOf(panel, u"empty"_s));
        QVERIFY2(empty.error.isEmpty(), qPrintable(empty.error));
        QCOMPARE(empty.rpo.state, RpoVerdict::State::NoArchives);
        // A daily dump against a 1 h RPO is said in words.
        QVERIFY(empty.rpo.scheduleCannotMeetRpo);
        QVERIFY(empty.rpo.message.contains(u"cannot meet the RPO"_s));

        const auto &missing = panel.jobState(indexOf(panel, u"missing"_s));
        QVERIFY2(missing.error.isEmpty(), qPrintable(missing.error));
        QCOMPARE(missing.rpo.state, RpoVerdict::State::NoArchives);

        const auto &skewed = panel.jobState(indexOf(panel, u"skewed"_s));
        QCOMPARE(skewed.listing.archives.size(), 2);
        QCOMPARE(skewed.rpo.futureArchives, 1);
        QCOMPARE(skewed.listing.archives.first().path, u"tomorrow.tar.gz"_s);

        const auto &many = panel.jobState(indexOf(panel, u"many"_s));
        QCOMPARE(many.listing.archives.size(), 10000);
        QVERIFY(many.listing.bad.isEmpty());
        QCOMPARE(many.listing.archives.first().path, u"f09999.tar.gz"_s);
        QCOMPARE(many.rpo.state, RpoVerdict::State::Met);

        const auto &ghostState = panel.jobState(indexOf(panel, u"ghost"_s));
        QVERIFY(!ghostState.listed);
        QVERIFY2(ghostState.error.contains(u"nosuchhost"_s), qPrintable(ghostState.error));

        // What the user reads: the RPO frame of the selected job.
        panel.selectJob(indexOf(panel, u"empty"_s));
        QVERIFY(panel.findChild<QLabel *>(u"backupRpo"_s)->text().contains(u"cannot meet"_s));
        // The archive table of the 10,000-file job is filled.
        panel.selectJob(indexOf(panel, u"many"_s));
        QCOMPARE(panel.findChild<QTableWidget *>(u"backupArchives"_s)->rowCount(), 10000);
    }

    void verifyAndConfirmedRestore()
    {
        BackupsPanel panel;
        panel.setHostCommands(m_commands.get());
        BackupJob j = job(u"restorable"_s, u"restore"_s, u"every 15 min"_s, 60);
        j.verifyCommand = u"test -s \"$ARCHIVE\" && echo verified \"$ARCHIVE\""_s;
        j.restoreCommand = u"cp \"$ARCHIVE\" restored.copy"_s;
        panel.setJobs({j}, u"production"_s, true, {});
        QSignalSpy audit(&panel, &BackupsPanel::auditEvent);
        QSignalSpy done(&panel, &BackupsPanel::actionFinished);
        panel.show();
        QTRY_VERIFY_WITH_TIMEOUT(panel.jobState(0).listed, 15000);
        QCOMPARE(panel.jobState(0).listing.archives.size(), 2);

        // Verify: a safe command runs on the newest archive without asking.
        auto *verify = panel.findChild<QPushButton *>(u"backupVerify"_s);
        QVERIFY(verify->isEnabled());
        QVERIFY(panel.verifyCommandLine().contains(u"db-2.tar.gz"_s));
        verify->click();
        QVERIFY(done.wait(15000));
        QCOMPARE(done.last().at(0).toString(), u"verify"_s);
        QVERIFY(done.last().at(1).toBool());
        QVERIFY(panel.jobState(0).verifyOk);
        QVERIFY(
            panel.findChild<QLabel *>(u"backupVerification"_s)->text().contains(u"succeeded"_s));
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.last().at(0).value<AuditEvent>().kind, AuditKind::Command);
        QCOMPARE(audit.last().at(0).value<AuditEvent>().exitStatus.value_or(-1), 0);

        // Restore needs a selected archive.
        auto *restore = panel.findChild<QPushButton *>(u"backupRestore"_s);
        QVERIFY(!restore->isEnabled());
        panel.selectArchive(1); // db-1, the older one
        QVERIFY(restore->isEnabled());
        const QString marker = m_dir.filePath(u"restore/restored.copy"_s);

        // Cancelled: the button stayed disabled until the name was typed; nothing ran.
        bool sawDisabled = false;
        QTimer::singleShot(0, this, [&] {
            ConfirmDestructiveDialog *d = openDialog();
            QVERIFY(d);
            auto *button = d->findChild<QPushButton *>(u"confirmButton"_s);
            sawDisabled = !button->isEnabled();
            QTest::keyClicks(d->findChild<QLineEdit *>(u"confirmNameEdit"_s), u"productio"_s);
            sawDisabled = sawDisabled && !button->isEnabled();
            d->reject();
        });
        restore->click();
        QVERIFY(sawDisabled);
        QCOMPARE(audit.last().at(0).value<AuditEvent>().kind, AuditKind::Refusal);
        QVERIFY(!QFile::exists(marker));

        // Confirmed by typing the environment: it runs, on the chosen archive, audited.
        QTimer::singleShot(0, this, [&] {
            ConfirmDestructiveDialog *d = openDialog();
            QVERIFY(d);
            QTest::keyClicks(d->findChild<QLineEdit *>(u"confirmNameEdit"_s), u"production"_s);
            auto *button = d->findChild<QPushButton *>(u"confirmButton"_s);
            QVERIFY(button->isEnabled());
            button->click();
        });
        restore->click();
        QVERIFY(done.wait(15000));
        QCOMPARE(done.last().at(0).toString(), u"restore"_s);
        QVERIFY(done.last().at(1).toBool());
        QVERIFY(QFile::exists(marker));
        const AuditEvent confirmation = audit.at(audit.size() - 2).at(0).value<AuditEvent>();
        QCOMPARE(confirmation.kind, AuditKind::Confirmation);
        QCOMPARE(confirmation.confirmedBy, ConfirmedBy::TypedName);
        QVERIFY(confirmation.command.contains(u"db-1.tar.gz"_s));
        const AuditEvent ran = audit.last().at(0).value<AuditEvent>();
        QCOMPARE(ran.kind, AuditKind::Command);
        QCOMPARE(ran.host, u"db1"_s);
        QCOMPARE(ran.exitStatus.value_or(-1), 0);
    }
};

QTEST_MAIN(TestBackupsPanel)
#include "tst_backupspanel.moc"
