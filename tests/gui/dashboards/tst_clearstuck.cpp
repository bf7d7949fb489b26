// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dashboards/queuepanel.h"
#include "ui/dialogs/confirmdestructivedialog.h"

#include "demo/simulatorprocess.h"
#include "probes/keyprovider.h"
#include "probes/servicefetcher.h"
#include "services/profiles.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

const QString SimKey = u"clear-stuck-key"_s;

ConfirmDestructiveDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<ConfirmDestructiveDialog *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}

} // namespace

class TestClearStuck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimulatorProcess>();
        // Seed 42: the first queue answer has 2 stuck jobs, the second would have 3.
        const auto started = m_sim->start({u"--seed"_s, u"42"_s, u"--key"_s, SimKey});
        QVERIFY2(started, qPrintable(started ? QString() : started.error().toString()));
        m_keys.setKey(u"echo-key"_s, SimKey);
        m_fetcher = std::make_unique<ServiceFetcher>();
        m_fetcher->setKeyProvider(&m_keys);
        m_service = Service{};
        m_service.name = u"echo"_s;
        m_service.environment = u"production"_s;
        m_service.profile = u"echopilot"_s;
        m_service.baseUrl = m_sim->baseUrl(u"echopilot"_s);
        m_service.endpoints = profileEndpoints(u"echopilot"_s);
        m_service.dashboardKeyRef = u"echo-key"_s;
    }

    void cleanup()
    {
        m_fetcher.reset();
        m_sim->stop();
        m_sim.reset();
    }

    void noButtonWithoutEndpoint()
    {
        QueuePanel panel;
        panel.setFetcher(m_fetcher.get());
        Service plain = m_service;
        plain.endpoints.removeIf([](const EndpointSpec &e) { return e.name == u"clear_stuck"; });
        panel.setServices({plain}, {});
        QVERIFY(!panel.clearStuckButton(u"echo"_s));
        panel.setServices({m_service}, {});
        QVERIFY(panel.clearStuckButton(u"echo"_s));
        QVERIFY(panel.clearStuckButton(u"echo"_s)->isEnabled());
    }

    void cancelSendsNothing()
    {
        QueuePanel panel;
        panel.setFetcher(m_fetcher.get());
        panel.setProductionCheck([](const QString &env) { return env == u"production"; });
        panel.setServices({m_service}, {});
        QSignalSpy audit(&panel, &QueuePanel::auditEvent);

        bool sawDialog = false;
        QTimer::singleShot(0, this, [&] {
            ConfirmDestructiveDialog *d = openDialog();
            QVERIFY(d);
            sawDialog = true;
            QVERIFY(d->needsTypedName()); // production
            QVERIFY(!d->canConfirm());
            d->reject();
        });
        panel.clearStuckButton(u"echo"_s)->click();
        QVERIFY(sawDialog);

        QCOMPARE(audit.size(), 1);
        const auto event = audit.at(0).at(0).value<AuditEvent>();
        QCOMPARE(event.kind, AuditKind::Refusal);
        QCOMPARE(event.environment, u"production"_s);
        QVERIFY(event.command.contains(u"/api/queue/clear-stuck"_s));

        const auto state = m_sim->state();
        QVERIFY(state);
        const QJsonObject requests =
            state->value(u"requests"_s).toObject().value(u"echopilot"_s).toObject();
        QCOMPARE(requests.value(u"/api/queue/clear-stuck"_s).toInt(), 0);
    }

    void confirmClearsAndRefreshes()
    {
        QueuePanel panel;
        panel.setFetcher(m_fetcher.get());
        panel.setProductionCheck([](const QString &env) { return env == u"production"; });
        panel.setServices({m_service}, {});
        QSignalSpy audit(&panel, &QueuePanel::auditEvent);
        QSignalSpy finished(&panel, &QueuePanel::clearStuckFinished);

        // The figures before: 2 stuck (queue request 0).
        QSignalSpy fetched(m_fetcher.get(), &ServiceFetcher::fetched);
        m_fetcher->fetch(m_service, u"queue"_s);
        QVERIFY(fetched.wait(10000));
        panel.applyResult(fetched.at(0).at(1).value<ProbeResult>());
        const QModelIndex stuck = panel.model()->index(0, QueueModel::StuckCol);
        QCOMPARE(stuck.data(QueueModel::ValueRole).toDouble(), 2.0);

        QTimer::singleShot(0, this, [&] {
            ConfirmDestructiveDialog *d = openDialog();
            QVERIFY(d);
            auto *edit = d->findChild<QLineEdit *>(u"confirmNameEdit"_s);
            QVERIFY(edit);
            QTest::keyClicks(edit, u"production"_s);
            QVERIFY(d->canConfirm());
            d->findChild<QPushButton *>(u"confirmButton"_s)->click();
        });
        panel.clearStuckButton(u"echo"_s)->click();

        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toBool(), true);
        // The simulator clears what its next answer would have shown: 3 at request 1.
        QVERIFY2(finished.at(0).at(2).toString().contains(u"cleared 3"_s),
                 qPrintable(finished.at(0).at(2).toString()));
        auto *label = panel.findChild<QLabel *>(u"queueActionResult"_s);
        QVERIFY(label && label->text().contains(u"cleared 3"_s));

        QCOMPARE(audit.size(), 2);
        const auto confirmation = audit.at(0).at(0).value<AuditEvent>();
        QCOMPARE(confirmation.kind, AuditKind::Confirmation);
        QCOMPARE(confirmation.confirmedBy, ConfirmedBy::TypedName);
        const auto call = audit.at(1).at(0).value<AuditEvent>();
        QCOMPARE(call.kind, AuditKind::Command);
        QCOMPARE(call.detail.value(u"http_status"_s).toInt(), 200);
        QCOMPARE(call.detail.value(u"cleared"_s).toDouble(), 3.0);

        // Refreshed: nothing stuck any more.
        QTRY_COMPARE_WITH_TIMEOUT(stuck.data(QueueModel::ValueRole).toDouble(), 0.0, 10000);
        const auto state = m_sim->state();
        QVERIFY(state);
        QCOMPARE(state->value(u"requests"_s)
                     .toObject()
                     .value(u"echopilot"_s)
                     .toObject()
                     .value(u"/api/queue/clear-stuck"_s)
                     .toInt(),
                 1);
    }

    void failedCallIsShownAndAudited()
    {
        QueuePanel panel;
        panel.setFetcher(m_fetcher.get());
        panel.setProductionCheck([](const QString &) { return false; });
        panel.setServices({m_service}, {});
        SimulatorFault fault;
        fault.service = u"echopilot"_s;
        fault.path = u"/api/queue/clear-stuck"_s;
        fault.mode = u"status"_s;
        fault.status = 500;
        QVERIFY(m_sim->injectFault(fault));
        QSignalSpy audit(&panel, &QueuePanel::auditEvent);
        QSignalSpy finished(&panel, &QueuePanel::clearStuckFinished);
        QTimer::singleShot(0, this, [&] {
            ConfirmDestructiveDialog *d = openDialog();
            QVERIFY(d);
            QVERIFY(!d->needsTypedName()); // not production: a plain confirmation
            d->findChild<QPushButton *>(u"confirmButton"_s)->click();
        });
        panel.clearStuckButton(u"echo"_s)->click();
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QVERIFY2(finished.at(0).at(2).toString().contains(u"failed"_s),
                 qPrintable(finished.at(0).at(2).toString()));
        QCOMPARE(audit.size(), 2);
        const auto call = audit.at(1).at(0).value<AuditEvent>();
        QCOMPARE(call.detail.value(u"http_status"_s).toInt(), 500);
        QVERIFY(call.detail.contains(u"error"_s));
        QVERIFY(panel.clearStuckButton(u"echo"_s)->isEnabled());
    }

private:
    std::unique_ptr<SimulatorProcess> m_sim;
    StaticKeyProvider m_keys;
    std::unique_ptr<ServiceFetcher> m_fetcher;
    Service m_service;
};

QTEST_MAIN(TestClearStuck)
#include "tst_clearstuck.moc"
