// SPDX-License-Identifier: GPL-3.0-or-later
#include "probes/verdict.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

class TestVerdict : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void judge_data();
    void judge();
    void statusPointer();
};

void TestVerdict::judge_data()
{
    QTest::addColumn<int>("transport");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("latency");
    QTest::addColumn<bool>("healthBody");
    QTest::addColumn<bool>("keySent");
    QTest::addColumn<bool>("online");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<QString>("errorContains");

    const auto T = [](ProbeTransport t) {
        return int(t);
    };
    const auto V = [](Verdict v) {
        return int(v);
    };
    const int A = T(ProbeTransport::Answered);

    QTest::newRow("pass") << A << 200 << QByteArray(R"({"status":"ok"})") << 12 << true << false
                          << true << V(Verdict::Pass) << QString();
    QTest::newRow("pass healthy") << A << 200 << QByteArray(R"({"status":"healthy"})") << 12 << true
                                  << false << true << V(Verdict::Pass) << QString();
    QTest::newRow("pass ready, any case") << A << 200 << QByteArray(R"({"status":"READY"})") << 12
                                          << true << false << true << V(Verdict::Pass) << QString();
    QTest::newRow("pass without health body") << A << 200 << QByteArray("not json") << 5 << false
                                              << false << true << V(Verdict::Pass) << QString();
    QTest::newRow("500") << A << 500 << QByteArray(R"({"status":"ok"})") << 12 << true << false
                         << true << V(Verdict::Fail) << u"HTTP 500"_s;
    QTest::newRow("404") << A << 404 << QByteArray() << 12 << false << false << true
                         << V(Verdict::Fail) << u"HTTP 404"_s;
    QTest::newRow("degraded") << A << 200 << QByteArray(R"({"status":"degraded"})") << 12 << true
                              << false << true << V(Verdict::Warn) << u"degraded"_s;
    QTest::newRow("down body") << A << 200 << QByteArray(R"({"status":"down"})") << 12 << true
                               << false << true << V(Verdict::Fail) << u"\"down\""_s;
    QTest::newRow("other word") << A << 200 << QByteArray(R"({"status":"meh"})") << 12 << true
                                << false << true << V(Verdict::Fail) << u"\"meh\""_s;
    QTest::newRow("malformed") << A << 200 << QByteArray(R"({"status":)") << 12 << true << false
                               << true << V(Verdict::Fail) << u"unexpected response"_s;
    QTest::newRow("no status field")
        << A << 200 << QByteArray(R"({"state":"ok"})") << 12 << true << false << true
        << V(Verdict::Fail) << u"unexpected response: no text field /status"_s;
    QTest::newRow("status not text")
        << A << 200 << QByteArray(R"({"status":1})") << 12 << true << false << true
        << V(Verdict::Fail) << u"unexpected response"_s;
    QTest::newRow("over budget") << A << 200 << QByteArray(R"({"status":"ok"})") << 1500 << true
                                 << false << true << V(Verdict::Fail)
                                 << u"latency 1500 ms over budget 1000 ms"_s;
    QTest::newRow("at budget is over") << A << 200 << QByteArray() << 1000 << false << false << true
                                       << V(Verdict::Fail) << u"over budget"_s;
    QTest::newRow("degraded and slow fails")
        << A << 200 << QByteArray(R"({"status":"degraded"})") << 2000 << true << false << true
        << V(Verdict::Fail) << u"over budget"_s;
    QTest::newRow("401 with key") << A << 401 << QByteArray() << 3 << false << true << true
                                  << V(Verdict::Fail) << u"dashboard key rejected"_s;
    QTest::newRow("401 without key") << A << 401 << QByteArray() << 3 << false << false << true
                                     << V(Verdict::Fail) << u"wants a dashboard key"_s;
    QTest::newRow("refused") << T(ProbeTransport::Refused) << 0 << QByteArray() << -1 << true
                             << false << true << V(Verdict::Down) << u"connection refused"_s;
    QTest::newRow("host not found")
        << T(ProbeTransport::HostNotFound) << 0 << QByteArray() << -1 << true << false << true
        << V(Verdict::Down) << u"host not found"_s;
    QTest::newRow("remote closed")
        << T(ProbeTransport::RemoteClosed) << 0 << QByteArray() << -1 << true << false << true
        << V(Verdict::Down) << u"closed the connection"_s;
    QTest::newRow("deadline") << T(ProbeTransport::Deadline) << 0 << QByteArray() << -1 << true
                              << false << true << V(Verdict::Down)
                              << u"no complete answer within 3000 ms"_s;
    QTest::newRow("inactive") << T(ProbeTransport::Inactive) << 0 << QByteArray() << -1 << true
                              << false << true << V(Verdict::Down) << u"no data for 3000 ms"_s;
    QTest::newRow("refused offline") << T(ProbeTransport::Refused) << 0 << QByteArray() << -1
                                     << true << false << false << V(Verdict::Stale) << u"offline"_s;
    QTest::newRow("deadline offline")
        << T(ProbeTransport::Deadline) << 0 << QByteArray() << -1 << true << false << false
        << V(Verdict::Stale) << u"offline"_s;
    QTest::newRow("answer while offline still counts")
        << A << 200 << QByteArray(R"({"status":"ok"})") << 12 << true << false << false
        << V(Verdict::Pass) << QString();
    QTest::newRow("too large") << T(ProbeTransport::TooLarge) << 200 << QByteArray() << 40 << true
                               << false << true << V(Verdict::Fail)
                               << u"response larger than 4 MiB"_s;
    QTest::newRow("tls") << T(ProbeTransport::Tls) << 0 << QByteArray() << -1 << false << false
                         << true << V(Verdict::Fail) << u"self-signed"_s;
    QTest::newRow("key missing") << T(ProbeTransport::KeyMissing) << 0 << QByteArray() << -1
                                 << false << false << true << V(Verdict::Fail)
                                 << u"dashboard key echopilot-dash not set in the keychain"_s;
}

void TestVerdict::judge()
{
    QFETCH(int, transport);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, latency);
    QFETCH(bool, healthBody);
    QFETCH(bool, keySent);
    QFETCH(bool, online);
    QFETCH(int, verdict);
    QFETCH(QString, errorContains);

    ProbeExpectation expect;
    expect.healthBody = healthBody;
    expect.latencyBudgetMs = 1000;
    ProbeObservation seen;
    seen.transport = ProbeTransport(transport);
    seen.statusCode = status;
    seen.latencyMs = latency;
    seen.keySent = keySent;
    seen.limitMs = 3000;
    seen.limitBytes = 4 * 1024 * 1024;
    if (seen.transport == ProbeTransport::Tls)
        seen.detail = u"The certificate is self-signed, and untrusted"_s;
    if (seen.transport == ProbeTransport::KeyMissing)
        seen.detail = u"echopilot-dash"_s;

    const Judgement j = judgeProbe(expect, seen, body, online);
    QCOMPARE(verdictName(j.verdict), verdictName(Verdict(verdict)));
    if (errorContains.isEmpty())
        QVERIFY2(j.error.isEmpty(), qPrintable(j.error));
    else
        QVERIFY2(j.error.contains(errorContains), qPrintable(j.error));
}

void TestVerdict::statusPointer()
{
    ProbeExpectation expect;
    expect.healthBody = true;
    expect.statusPointer = u"/health/0/state"_s;
    ProbeObservation seen;
    seen.statusCode = 200;
    seen.latencyMs = 1;
    const QByteArray body = R"({"health":[{"state":"degraded"}]})";
    const Judgement j = judgeProbe(expect, seen, body, true);
    QCOMPARE(j.verdict, Verdict::Warn);

    // The default pointer no longer matches: said plainly, not passed.
    expect.statusPointer = u"/status"_s;
    QCOMPARE(judgeProbe(expect, seen, body, true).verdict, Verdict::Fail);
}

QTEST_GUILESS_MAIN(TestVerdict)
#include "tst_verdict.moc"
