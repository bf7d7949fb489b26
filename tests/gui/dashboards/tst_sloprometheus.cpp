// SPDX-License-Identifier: GPL-3.0-or-later
// The SLO view with a "prometheus" source against a private Prometheus server that scrapes
// the seeded simulator: the panel queries it on its own, off the probe path.
#include "demo/prometheusprocess.h"
#include "demo/simulatorprocess.h"
#include "metrics/promslosource.h"
#include "ui/dashboards/slopanel.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QTest>

using namespace Qt::StringLiterals;
using ph::SloModel;

class TestSloPrometheus : public QObject
{
    Q_OBJECT

    ph::SimulatorProcess m_sim;
    ph::PrometheusProcess m_prom;

private Q_SLOTS:
    void initTestCase()
    {
        if (!m_prom.isInstalled()) {
            const QString why = u"Prometheus is not installed at %1; install it with: %2"_s.arg(
                m_prom.executable(), ph::PrometheusProcess::installHint());
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        const auto sim = m_sim.start({u"--seed"_s, u"7"_s, u"--no-jitter"_s});
        QVERIFY2(sim, sim ? "" : qPrintable(sim.error().toString()));
        m_prom.setScrapeIntervalMs(500);
        m_prom.setJobs({{u"engine"_s, {u"127.0.0.1:%1"_s.arg(m_sim.port(u"rust-core-engine"_s))}}});
        const auto started = m_prom.start();
        QVERIFY2(started, started ? "" : qPrintable(started.error().toString()));
    }

    void cleanupTestCase()
    {
        m_prom.stop();
        m_sim.stop();
    }

    void readingsArriveFromThePrometheusServer()
    {
        ph::Service engine;
        engine.name = u"engine"_s;
        engine.environment = u"production"_s;
        engine.profile = u"botcore"_s;
        engine.slo.source = u"prometheus"_s;
        engine.slo.selector = u"job=\"engine\""_s;

        ph::SloPanel panel;
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString url = m_prom.baseUrl().toString();
        panel.setPrometheus(
            [url](const QString &env) {
                return env == u"production" ? ph::PrometheusServer{url, {}}
                                            : ph::PrometheusServer{};
            },
            1000);
        panel.setServices({engine}, {});
        const SloModel *m = panel.model();
        QVERIFY(panel.prometheusSource(u"engine"_s));

        // Once Prometheus has two scrapes the availability is known; the simulator's
        // engine adds a 500 every fifth scrape, so it soon drops below 100 %.
        auto availability = [m] {
            const QVariant v = m->index(0, SloModel::AvailabilityCol).data(SloModel::ValueRole);
            return v.isValid() ? v.toDouble() : -1.0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(availability() >= 0, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(availability() < 1.0, 60000);
        QVERIFY2(availability() > 0.98, qPrintable(QString::number(availability())));
        QTRY_VERIFY_WITH_TIMEOUT(
            m->index(0, SloModel::Burn1hCol).data(SloModel::ValueRole).isValid(), 60000);
        QVERIFY2(m->index(0, SloModel::SourceCol).data().toString().startsWith(u"Prometheus"_s),
                 qPrintable(m->index(0, SloModel::SourceCol).data().toString()));
        QVERIFY(m->index(0, SloModel::StateCol).data().toString() !=
                u"waiting for the first answer"_s);
        QVERIFY2(!m->index(0, SloModel::WebhookCol).data(SloModel::ValueRole).isValid(),
                 "Prometheus has no webhook metric");
        QCOMPARE(panel.availabilityHistory(u"engine"_s).isEmpty(), false);
    }
};

QTEST_MAIN(TestSloPrometheus)
#include "tst_sloprometheus.moc"
