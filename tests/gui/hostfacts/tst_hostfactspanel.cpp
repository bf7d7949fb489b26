// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertrule.h"
#include "ui/dashboards/healthview.h"
#include "ui/dashboards/hostfactspanel.h"
#include "ui/mainwindow.h"
#include "workspace/workspaceloader.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 23), QTime(3, 0), Qt::UTC);

const QByteArray Compose =
    "NAME                          SERVICE             STATUS                  PORTS\n"
    "bot-core-mongodb-1            mongodb             Up 3 days (healthy)     27017/tcp\n"
    "bot-core-rust-core-engine-1   rust-core-engine    Up 3 days (unhealthy)   "
    "0.0.0.0:8080->8080/tcp\n"
    "bot-core-grafana-1            grafana             Exited (1) 1 hour ago   \n";

const QByteArray Stats = "{\"Name\":\"bot-core-mongodb-1\",\"CPUPerc\":\"3.12%\",\"MemUsage\":"
                         "\"612.4MiB / 2GiB\",\"MemPerc\":\"29.90%\"}\n"
                         "{\"Name\":\"bot-core-rust-core-engine-1\",\"CPUPerc\":\"7.85%\","
                         "\"MemUsage\":\"298.7MiB / 1GiB\",\"MemPerc\":\"29.17%\"}\n";

const QByteArray Df = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n"
                      "tmpfs               807284      1496    805788       1% /run\n"
                      "/dev/vda1         82498240  78373328   4124912      95% /\n"
                      "/dev/vdb1        205374440 114298820  80610912      58% /opt\n"
                      "/dev/vdc1        100000000  75000000  25000000      75% /srv\n";

HostFacts botFacts()
{
    HostFacts f;
    f.host = u"bot1"_s;
    f.services = {u"engine"_s};
    f.at = T0;
    f.containers = hostfacts::parseComposePs(Compose).items;
    f.stats = hostfacts::parseDockerStats(Stats).items;
    f.disks = hostfacts::parseDf(Df).items;
    f.hasContainers = f.hasStats = f.hasDisks = true;
    return f;
}

QTreeWidgetItem *child(QTreeWidgetItem *parent, const QString &name)
{
    for (int i = 0; parent && i < parent->childCount(); ++i) {
        if (parent->child(i)->text(0) == name)
            return parent->child(i);
    }
    return nullptr;
}

int level(QTreeWidgetItem *item)
{
    return item->data(0, Qt::UserRole).toInt();
}

} // namespace

class TestHostFactsPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsContainersDisksAndErrors()
    {
        HealthView view;
        view.resize(1000, 800);
        view.show();
        HostFactsPanel *panel = view.hostFacts();
        QVERIFY(panel);
        QVERIFY(!panel->isVisible()); // no Bot Core hosts: no section
        panel->setHosts({u"bot1"_s, u"gone"_s});
        QVERIFY(panel->isVisible());
        QCOMPARE(panel->tree()->topLevelItemCount(), 2);
        QCOMPARE(panel->hostItem(u"gone"_s)->text(3), u"waiting for the first answer"_s);

        panel->setFacts(botFacts());
        QTreeWidgetItem *bot = panel->hostItem(u"bot1"_s);
        QCOMPARE(level(bot), int(HostFactsPanel::Critical));
        QCOMPARE(bot->text(1), u"needs attention"_s);

        QTreeWidgetItem *containers = child(bot, u"Containers"_s);
        QVERIFY(containers);
        QCOMPARE(containers->childCount(), 3);
        QTreeWidgetItem *mongo = child(containers, u"mongodb"_s);
        QCOMPARE(mongo->text(1), u"up, healthy"_s);
        QVERIFY2(mongo->text(2).contains(u"29.9 %"_s), qPrintable(mongo->text(2)));
        QCOMPARE(level(mongo), int(HostFactsPanel::Normal));
        QTreeWidgetItem *engine = child(containers, u"rust-core-engine"_s);
        QCOMPARE(engine->text(1), u"up, unhealthy"_s);
        QCOMPARE(level(engine), int(HostFactsPanel::Critical));
        QTreeWidgetItem *grafana = child(containers, u"grafana"_s);
        QCOMPARE(grafana->text(1), u"exited (1)"_s);
        QCOMPARE(level(grafana), int(HostFactsPanel::Critical));
        QCOMPARE(grafana->foreground(1).color(), engine->foreground(1).color());
        QVERIFY(grafana->foreground(1).color() != mongo->foreground(1).color());

        QTreeWidgetItem *disks = child(bot, u"Disks"_s);
        QVERIFY(disks);
        QCOMPARE(disks->childCount(), 3); // tmpfs is left out
        QTreeWidgetItem *root = child(disks, u"/"_s);
        QCOMPARE(root->text(1), u"95.0 %"_s);
        QCOMPARE(level(root), int(HostFactsPanel::Critical));
        QCOMPARE(root->foreground(0).color(), grafana->foreground(0).color()); // red
        QCOMPARE(level(child(disks, u"/opt"_s)), int(HostFactsPanel::Normal));
        QCOMPARE(level(child(disks, u"/srv"_s)), int(HostFactsPanel::Notice));

        panel->refreshAges(T0.addSecs(12));
        QCOMPARE(bot->text(3), u"collected 12 s ago"_s);
        panel->refreshAges(T0.addSecs(300));
        QCOMPARE(bot->text(3), u"collected 5 min ago"_s);

        HostFacts gone;
        gone.host = u"gone"_s;
        gone.at = T0;
        gone.error = Error{u"ssh.connect"_s, u"Connection refused by 127.0.0.1:2222"_s, {}};
        panel->setFacts(gone);
        QTreeWidgetItem *goneItem = panel->hostItem(u"gone"_s);
        QCOMPARE(goneItem->text(1), u"not collected"_s);
        QCOMPARE(level(goneItem), int(HostFactsPanel::Critical));
        QTreeWidgetItem *why = child(goneItem, u"Error"_s);
        QVERIFY(why);
        QCOMPARE(why->text(1), u"Connection refused by 127.0.0.1:2222"_s);
        panel->refreshAges(T0.addSecs(30));
        QCOMPARE(goneItem->text(3), u"tried 30 s ago"_s);

        // Recovery clears the colours of the same row.
        HostFacts healthy = botFacts();
        healthy.containers = hostfacts::parseComposePs(
                                 "NAME   SERVICE   STATUS\nm-1    mongodb   Up 1 hour (healthy)\n")
                                 .items;
        healthy.disks =
            hostfacts::parseDf("Filesystem 1024-blocks Used Available Capacity Mounted on\n"
                               "/dev/vda1 1000 100 900 10% /\n")
                .items;
        panel->setFacts(healthy);
        QCOMPARE(level(bot), int(HostFactsPanel::Normal));
        QCOMPARE(bot->text(1), u"OK"_s);
        QCOMPARE(bot->foreground(1).style(), Qt::NoBrush);
    }

    void factsOfUnknownHostsAreIgnored()
    {
        HostFactsPanel panel;
        panel.setHosts({u"bot1"_s});
        HostFacts other = botFacts();
        other.host = u"elsewhere"_s;
        panel.setFacts(other);
        QCOMPARE(panel.tree()->topLevelItemCount(), 1);
        QCOMPARE(panel.hostItem(u"bot1"_s)->childCount(), 0);
        panel.setHosts({});
        QCOMPARE(panel.tree()->topLevelItemCount(), 0);
    }

    void collectNowAsks()
    {
        HostFactsPanel panel;
        QSignalSpy spy(&panel, &HostFactsPanel::refreshRequested);
        auto *button = panel.findChild<QPushButton *>(u"hostFactsRefresh"_s);
        QVERIFY(button);
        button->click();
        QCOMPARE(spy.count(), 1);
    }

    void workspaceAlertOverridesMoveTheTiers()
    {
        auto loaded =
            WorkspaceLoader::loadFile(QStringLiteral(PILOTHOUSE_SOURCE_DIR) +
                                      u"/tests/gui/hostfacts/data/overrides.workspace.jsonc"_s);
        QVERIFY2(loaded, qPrintable(loaded ? QString() : loaded.error().toString()));
        const Workspace ws = loaded->workspace;
        QCOMPARE(ws.thresholds.value(u"alerts.botcore.disk.p1"_s), 60.0);

        MainWindow window;
        window.setWorkspace(ws);
        HostFactsPanel *panel = window.healthView()->hostFacts();
        panel->setHosts({u"bot1"_s});
        panel->setFacts(botFacts());
        QTreeWidgetItem *bot = panel->hostItem(u"bot1"_s);
        QTreeWidgetItem *disks = child(bot, u"Disks"_s);
        QVERIFY(disks);
        // 95 % is under the team's P0 of 97 % but over its P1 of 60 %.
        QCOMPARE(level(child(disks, u"/"_s)), int(HostFactsPanel::Warning));
        QCOMPARE(level(child(disks, u"/opt"_s)), int(HostFactsPanel::Notice));  // 58 % > 50 %
        QCOMPARE(level(child(disks, u"/srv"_s)), int(HostFactsPanel::Warning)); // 75 % > 60 %
        QTreeWidgetItem *mongo = child(child(bot, u"Containers"_s), u"mongodb"_s);
        QCOMPARE(level(mongo), int(HostFactsPanel::Notice)); // memory 29.9 % > 25 %

        // Every disk row says what the alerts (and `pilothouse-cli status`) say.
        const QList<AlertRule> rules = builtInAlertRules();
        for (const DiskUsage &d : botFacts().disks) {
            QTreeWidgetItem *row = child(disks, d.mount);
            if (!row)
                continue;
            const auto rule =
                breachedRule(rules, u"botcore"_s, u"disk.percent"_s, d.usePercent, ws.thresholds);
            QVERIFY2(rule, qPrintable(d.mount));
            const int expected = rule->severity == Severity::P0   ? HostFactsPanel::Critical
                                 : rule->severity == Severity::P1 ? HostFactsPanel::Warning
                                                                  : HostFactsPanel::Notice;
            QCOMPARE(level(row), expected);
        }

        // A workspace without overrides brings the built-in tiers back.
        Workspace plain = ws;
        plain.thresholds.clear();
        window.setWorkspace(plain);
        QCOMPARE(level(child(child(panel->hostItem(u"bot1"_s), u"Disks"_s), u"/"_s)),
                 int(HostFactsPanel::Critical));
    }

    void overriddenThresholds_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("percent");
        QTest::addColumn<int>("disk");
        QTest::addColumn<int>("memory");
        QTest::newRow("disk P2 lowered")
            << u"alerts.botcore.disk.p2"_s << 40.0 << 45.0 << int(HostFactsPanel::Notice)
            << int(HostFactsPanel::Normal);
        QTest::newRow("disk P0 raised")
            << u"alerts.botcore.disk.p0"_s << 98.0 << 95.0 << int(HostFactsPanel::Warning)
            << int(HostFactsPanel::Warning);
        QTest::newRow("memory P0 lowered")
            << u"alerts.botcore.memory.p0"_s << 80.0 << 82.0 << int(HostFactsPanel::Warning)
            << int(HostFactsPanel::Critical);
        QTest::newRow("other keys change nothing")
            << u"queue.depth.max"_s << 1.0 << 75.0 << int(HostFactsPanel::Notice)
            << int(HostFactsPanel::Notice);
    }

    void overriddenThresholds()
    {
        QFETCH(QString, key);
        QFETCH(double, value);
        QFETCH(double, percent);
        QFETCH(int, disk);
        QFETCH(int, memory);
        const QMap<QString, double> thresholds{{key, value}};
        QCOMPARE(int(HostFactsPanel::diskLevel(percent, thresholds)), disk);
        QCOMPARE(int(HostFactsPanel::memoryLevel(percent, thresholds)), memory);
    }

    void missingSecretOffersToAsk()
    {
        HostFactsPanel panel;
        panel.setHosts({u"bot1"_s, u"bot2"_s});
        panel.show();
        QSignalSpy asked(&panel, &HostFactsPanel::secretRequested);
        HostFacts locked;
        locked.host = u"bot1"_s;
        locked.at = T0;
        locked.error = Error{u"ssh.auth_secret_missing"_s, u"The key passphrase is missing"_s, {}};
        HostFacts down = locked;
        down.host = u"bot2"_s;
        down.error = Error{u"ssh.unreachable"_s, u"No route to host"_s, {}};

        // A periodic round: no dialog, only the row's button; other errors get none.
        panel.setFacts(locked);
        panel.setFacts(down);
        QVERIFY(asked.isEmpty());
        QVERIFY(!panel.secretButton(u"bot2"_s));
        QPushButton *button = panel.secretButton(u"bot1"_s);
        QVERIFY(button);
        QVERIFY(button->text().startsWith(u"Enter passphrase"_s));
        button->click();
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().first().toString(), u"bot1"_s);

        // "Collect now": the user is there, so a missing secret is asked for at once.
        asked.clear();
        panel.findChild<QPushButton *>(u"hostFactsRefresh"_s)->click();
        panel.setFacts(down);
        QVERIFY(asked.isEmpty());
        panel.setFacts(locked);
        QCOMPARE(asked.size(), 1);
        // The next periodic round does not ask again.
        panel.setFacts(locked);
        QCOMPARE(asked.size(), 1);

        // Collected after the answer: the button goes.
        HostFacts ok = botFacts();
        panel.setFacts(ok);
        QVERIFY(!panel.secretButton(u"bot1"_s));
    }

    void thresholds_data()
    {
        QTest::addColumn<double>("percent");
        QTest::addColumn<int>("disk");
        QTest::addColumn<int>("memory");
        QTest::newRow("50") << 50.0 << int(HostFactsPanel::Normal) << int(HostFactsPanel::Normal);
        QTest::newRow("70 is not over 70")
            << 70.0 << int(HostFactsPanel::Normal) << int(HostFactsPanel::Normal);
        QTest::newRow("75") << 75.0 << int(HostFactsPanel::Notice) << int(HostFactsPanel::Notice);
        QTest::newRow("85") << 85.0 << int(HostFactsPanel::Warning) << int(HostFactsPanel::Notice);
        QTest::newRow("91") << 91.0 << int(HostFactsPanel::Critical)
                            << int(HostFactsPanel::Warning);
        QTest::newRow("96") << 96.0 << int(HostFactsPanel::Critical)
                            << int(HostFactsPanel::Critical);
    }

    void thresholds()
    {
        QFETCH(double, percent);
        QFETCH(int, disk);
        QFETCH(int, memory);
        QCOMPARE(int(HostFactsPanel::diskLevel(percent)), disk);
        QCOMPARE(int(HostFactsPanel::memoryLevel(percent)), memory);
    }
};

QTEST_MAIN(TestHostFactsPanel)
#include "tst_hostfactspanel.moc"
