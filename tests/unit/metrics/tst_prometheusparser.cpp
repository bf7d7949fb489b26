// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/prometheusparser.h"

#include <QRandomGenerator>
#include <QTest>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;
using ph::MetricType;
using ph::PrometheusParser;
using ph::SampleRole;

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();

QList<int> issueLines(const ph::PrometheusParseResult &r)
{
    QList<int> lines;
    for (const auto &i : r.issues)
        lines.append(i.line);
    return lines;
}

QString describeIssues(const ph::PrometheusParseResult &r)
{
    QString s;
    for (const auto &i : r.issues)
        s += u"\n  line %1: %2"_s.arg(i.line).arg(i.message);
    return s;
}

const QByteArray kHistogram = QByteArrayLiteral(
    "# HELP http_request_duration_seconds Request latency.\n"
    "# TYPE http_request_duration_seconds histogram\n"
    "http_request_duration_seconds_bucket{code=\"200\",le=\"0.1\"} 10\n"
    "http_request_duration_seconds_bucket{code=\"200\",le=\"+Inf\"} 40\n"
    "http_request_duration_seconds_bucket{le=\"0.5\",code=\"200\"} 30\n" // order differs
    "http_request_duration_seconds_sum{code=\"200\"} 12.5\n"
    "http_request_duration_seconds_count{code=\"200\"} 40\n"
    "http_request_duration_seconds_bucket{code=\"500\",le=\"0.1\"} 1\n"
    "http_request_duration_seconds_bucket{code=\"500\",le=\"+Inf\"} 2\n"
    "http_request_duration_seconds_count{code=\"500\"} 2\n"
    "http_request_duration_seconds_sum{code=\"500\"} 0.75\n"
    "http_request_duration_seconds_bucket{code=\"200\",le=\"1\"} 38\n"); // series returns

/// Copies everything the streaming parser hands over, so it can be compared with parse().
struct Collector : ph::PrometheusVisitor
{
    struct Row
    {
        QString name;
        QList<ph::Label> labels;
        double value = 0;
        double bound = 0;
        qint64 timestampMs = 0;
        bool hasTimestamp = false;
        int line = 0;
        int family = -1;
        SampleRole role = SampleRole::Value;
    };
    QStringList families;
    QList<MetricType> types;
    QStringList help;
    QList<Row> samples;
    QList<ph::ParseIssue> issues;
    QList<int> nameIds;

    void familyAdded(int family, QByteArrayView name) override
    {
        QCOMPARE_EQ(family, families.size());
        families.append(QString::fromUtf8(name));
        types.append(MetricType::Untyped);
        help.append(QString());
    }
    void familyTyped(int family, MetricType type) override { types[family] = type; }
    void familyHelpRead(int family, QByteArrayView text) override
    {
        help[family] = QString::fromUtf8(text);
    }
    void sampleParsed(const ph::SampleView &s) override
    {
        Row row;
        row.name = QString::fromUtf8(s.name);
        for (const ph::LabelView &l : s.labels)
            row.labels.append({QString::fromUtf8(l.name), QString::fromUtf8(l.value)});
        row.value = s.value;
        row.bound = s.bound;
        row.timestampMs = s.timestampMs;
        row.hasTimestamp = s.hasTimestamp;
        row.line = s.line;
        row.family = s.family;
        row.role = s.role;
        samples.append(row);
        nameIds.append(s.nameId);
    }
    void issueFound(int line, const QString &message) override { issues.append({line, message}); }
};

/// What std::from_chars makes of a decimal, the reference for the parser's own fast path.
double referenceDouble(const QByteArray &text)
{
    const char *b = text.constData();
    const char *e = b + text.size();
    const bool negative = b < e && *b == '-';
    if (b < e && (*b == '-' || *b == '+'))
        ++b;
    double v = 0;
    const auto r = std::from_chars(b, e, v, std::chars_format::general);
    if (r.ec != std::errc{} || r.ptr != e)
        return std::numeric_limits<double>::quiet_NaN();
    return negative ? -v : v;
}

bool sameBits(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0;
}

bool sameDouble(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

// Issues only parse() reports: they need whole histogram series.
bool isSeriesIssue(const QString &message)
{
    return message.contains(u"le=\"+Inf\""_s) || message.contains(u"two buckets"_s);
}

} // namespace

class TestPrometheusParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lines_data();
    void lines();
    void values_data();
    void values();
    void labelEscapes();
    void familiesGrouped();
    void histogramAssembled();
    void summaryAssembled();
    void histogramProblems_data();
    void histogramProblems();
    void badLinesKeepTheRest();
    void issuesCapped();
    void parserReuse();
    void truncatedInputNeverCrashes();
    void garbageNeverCrashes();
    void streamMatchesParse_data();
    void streamMatchesParse();
    void streamLabelEscapes();
    void streamValues();
    void streamBadLinesKeepTheRest();
    void streamIssuesCapped();
    void decimalsExact_data();
    void decimalsExact();
    void decimalsRandom();
    void resultStringsAndLabels();
    void reuseRenumbersStrings();
    void escapedValuesInResult();
    void manySeries();
    void fastPathsKeepStrictness_data();
    void fastPathsKeepStrictness();
    void fastPathsKeepValues();
};

void TestPrometheusParser::lines_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("samples");
    QTest::addColumn<QList<int>>("lines"); // lines with an issue
    QTest::addColumn<QString>("mentions"); // what the first issue must say

    const QList<int> none;
    // Valid lines.
    QTest::newRow("plain") << "a 1\n"_ba << 1 << none << QString();
    QTest::newRow("timestamp") << "a 1 1700000000000\n"_ba << 1 << none << QString();
    QTest::newRow("negative timestamp") << "a 1 -5\n"_ba << 1 << none << QString();
    QTest::newRow("one label") << "a{b=\"c\"} 1\n"_ba << 1 << none << QString();
    QTest::newRow("two labels") << "a{b=\"c\",d=\"e\"} 1\n"_ba << 1 << none << QString();
    QTest::newRow("trailing comma") << "a{b=\"c\",} 1\n"_ba << 1 << none << QString();
    QTest::newRow("empty braces") << "a{} 1\n"_ba << 1 << none << QString();
    QTest::newRow("blanks in braces")
        << "a{ b = \"c\" ,\td=\"e\" } 1\n"_ba << 1 << none << QString();
    QTest::newRow("no blank after brace") << "a{b=\"c\"}1\n"_ba << 1 << none << QString();
    QTest::newRow("empty label value") << "a{b=\"\"} 1\n"_ba << 1 << none << QString();
    QTest::newRow("NaN") << "a NaN\n"_ba << 1 << none << QString();
    QTest::newRow("+Inf") << "a +Inf\n"_ba << 1 << none << QString();
    QTest::newRow("-Inf") << "a -Inf\n"_ba << 1 << none << QString();
    QTest::newRow("exponent") << "a 1.5e-3\n"_ba << 1 << none << QString();
    QTest::newRow("signed exponent") << "a -2E+10\n"_ba << 1 << none << QString();
    QTest::newRow("leading dot") << "a .5\n"_ba << 1 << none << QString();
    QTest::newRow("colon name") << "job:a_b:rate5m 1\n"_ba << 1 << none << QString();
    QTest::newRow("underscore name") << "_a 1\n"_ba << 1 << none << QString();
    QTest::newRow("blanks and tabs") << "  a \t 1 \t 2 \t\n"_ba << 1 << none << QString();
    QTest::newRow("CRLF") << "a 1\r\nb 2\r\n"_ba << 2 << none << QString();
    QTest::newRow("no final newline") << "a 1\nb 2"_ba << 2 << none << QString();
    QTest::newRow("comment") << "# just a comment\n"_ba << 0 << none << QString();
    QTest::newRow("bare hash") << "#\n"_ba << 0 << none << QString();
    QTest::newRow("empty lines") << "\n\n  \na 1\n\n"_ba << 1 << none << QString();
    QTest::newRow("HELP") << "# HELP a Some help text.\na 1\n"_ba << 1 << none << QString();
    QTest::newRow("HELP empty") << "# HELP a\n"_ba << 0 << none << QString();
    QTest::newRow("TYPE") << "# TYPE a counter\na 1\n"_ba << 1 << none << QString();
    QTest::newRow("UTF-8 value") << "a{b=\"grüße ✓\"} 1\n"_ba << 1 << none << QString();
    QTest::newRow("label with digits") << "a{b_2=\"c\"} 1\n"_ba << 1 << none << QString();

    // Invalid lines: the issue's line number and what it says.
    QTest::newRow("digit first") << "1a 1\n"_ba << 0 << QList<int>{1} << u"metric name"_s;
    QTest::newRow("no value") << "a\n"_ba << 0 << QList<int>{1} << u"no value"_s;
    QTest::newRow("no value after labels")
        << "a{b=\"c\"}\n"_ba << 0 << QList<int>{1} << u"no value"_s;
    QTest::newRow("word value") << "a abc\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("two dots") << "a 1.2.3\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("bare dot") << "a .\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("empty exponent") << "a 1e\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("signed empty exponent")
        << "a 1e+\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("text after exponent")
        << "a 1e5x\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("hex value") << "a 0x10\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("signed NaN") << "a +NaN\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("out of range") << "a 1e999\n"_ba << 0 << QList<int>{1} << u"invalid value"_s;
    QTest::newRow("word timestamp")
        << "a 1 abc\n"_ba << 0 << QList<int>{1} << u"invalid timestamp"_s;
    QTest::newRow("float timestamp")
        << "a 1 1.5\n"_ba << 0 << QList<int>{1} << u"invalid timestamp"_s;
    QTest::newRow("extra field") << "a 1 2 3\n"_ba << 0 << QList<int>{1}
                                 << u"after the timestamp"_s;
    QTest::newRow("unclosed labels")
        << "a{b=\"c\" 1\n"_ba << 0 << QList<int>{1} << u"Expected ',' or '}'"_s;
    QTest::newRow("unclosed brace at end")
        << "a{b=\"c\",\n"_ba << 0 << QList<int>{1} << u"not closed"_s;
    QTest::newRow("unquoted value") << "a{b=c} 1\n"_ba << 0 << QList<int>{1} << u"double quotes"_s;
    QTest::newRow("bad label name")
        << "a{1b=\"c\"} 1\n"_ba << 0 << QList<int>{1} << u"Invalid label name"_s;
    QTest::newRow("missing =") << "a{b \"c\"} 1\n"_ba << 0 << QList<int>{1} << u"'='"_s;
    QTest::newRow("bad escape") << "a{b=\"c\\x\"} 1\n"_ba << 0 << QList<int>{1} << u"escape"_s;
    QTest::newRow("unterminated value")
        << "a{b=\"c} 1\n"_ba << 0 << QList<int>{1} << u"closing quote"_s;
    QTest::newRow("duplicate label")
        << "a{b=\"c\",b=\"d\"} 1\n"_ba << 0 << QList<int>{1} << u"twice"_s;
    QTest::newRow("dash in name") << "a-b 1\n"_ba << 0 << QList<int>{1}
                                  << u"Invalid character '-'"_s;
    QTest::newRow("invalid UTF-8")
        << "a{b=\"\xff\xfe\"} 1\n"_ba << 0 << QList<int>{1} << u"UTF-8"_s;
    QTest::newRow("unknown type") << "# TYPE a bogus\n"_ba << 0 << QList<int>{1}
                                  << u"unknown type"_s;
    QTest::newRow("TYPE without type") << "# TYPE a\n"_ba << 0 << QList<int>{1} << u"no type"_s;
    QTest::newRow("TYPE extra text")
        << "# TYPE a counter extra\n"_ba << 0 << QList<int>{1} << u"unexpected text"_s;
    QTest::newRow("HELP without name")
        << "# HELP\n"_ba << 0 << QList<int>{1} << u"without a metric name"_s;
    QTest::newRow("HELP bad escape")
        << "# HELP a bad \\x escape\n"_ba << 0 << QList<int>{1} << u"escape"_s;
    QTest::newRow("TYPE after samples")
        << "a 1\n# TYPE a gauge\n"_ba << 1 << QList<int>{2} << u"after its samples"_s;
    QTest::newRow("second TYPE") << "# TYPE a gauge\n# TYPE a counter\n"_ba << 0 << QList<int>{2}
                                 << u"Second TYPE"_s;
    QTest::newRow("second HELP") << "# HELP a x\n# HELP a y\n"_ba << 0 << QList<int>{2}
                                 << u"Second HELP"_s;
    QTest::newRow("bad line among good")
        << "a 1\nb\nc 2\n\n# c\nd{ 3\ne 4\n"_ba << 3 << QList<int>{2, 6} << u"no value"_s;
    QTest::newRow("histogram bare name")
        << "# TYPE h histogram\nh 1\n"_ba << 0 << QList<int>{2} << u"h_bucket"_s;
    QTest::newRow("bucket without le")
        << "# TYPE h histogram\nh_bucket 1\n"_ba << 0 << QList<int>{2} << u"\"le\""_s;
    QTest::newRow("le not a number") << "# TYPE h histogram\nh_bucket{le=\"abc\"} 1\n"_ba << 0
                                     << QList<int>{2} << u"must be a number"_s;
    QTest::newRow("summary without quantile")
        << "# TYPE s summary\ns 1\n"_ba << 0 << QList<int>{2} << u"\"quantile\""_s;
    QTest::newRow("no +Inf bucket") << "# TYPE h histogram\n\nh_bucket{le=\"1\"} 1\nh_count 1\n"_ba
                                    << 2 << QList<int>{3} << u"+Inf"_s;
}

void TestPrometheusParser::lines()
{
    QFETCH(QByteArray, text);
    QFETCH(int, samples);
    QFETCH(QList<int>, lines);
    QFETCH(QString, mentions);

    PrometheusParser parser;
    const auto result = parser.parse(text);
    QVERIFY2(issueLines(result) == lines, qPrintable(describeIssues(result)));
    QCOMPARE(result.sampleCount(), samples);
    if (!mentions.isEmpty())
        QVERIFY2(result.issues.first().message.contains(mentions),
                 qPrintable(describeIssues(result)));
}

void TestPrometheusParser::values_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("value");
    QTest::addColumn<bool>("hasTimestamp");
    QTest::addColumn<qint64>("timestamp");
    QTest::newRow("integer") << "a 42"_ba << 42.0 << false << qint64(0);
    QTest::newRow("negative") << "a -3.25"_ba << -3.25 << false << qint64(0);
    QTest::newRow("exponent") << "a 1.5e-3"_ba << 0.0015 << false << qint64(0);
    QTest::newRow("plus exponent") << "a +2E+2"_ba << 200.0 << false << qint64(0);
    QTest::newRow("+Inf") << "a +Inf"_ba << Inf << false << qint64(0);
    QTest::newRow("-Inf") << "a -Inf"_ba << -Inf << false << qint64(0);
    QTest::newRow("inf lower case") << "a inf"_ba << Inf << false << qint64(0);
    QTest::newRow("timestamp") << "a 7 1700000000123"_ba << 7.0 << true << qint64(1700000000123);
    QTest::newRow("negative timestamp") << "a 7 -1"_ba << 7.0 << true << qint64(-1);
}

void TestPrometheusParser::values()
{
    QFETCH(QByteArray, text);
    QFETCH(double, value);
    QFETCH(bool, hasTimestamp);
    QFETCH(qint64, timestamp);
    PrometheusParser parser;
    const auto result = parser.parse(text);
    QVERIFY2(result.isClean(), qPrintable(describeIssues(result)));
    const ph::Sample &s = result.families.at(0).samples.at(0);
    QCOMPARE(s.value, value);
    QCOMPARE(s.hasTimestamp, hasTimestamp);
    QCOMPARE(s.timestampMs, timestamp);

    const auto nan = parser.parse("a NaN"_ba);
    QVERIFY(std::isnan(nan.families.at(0).samples.at(0).value));
}

void TestPrometheusParser::labelEscapes()
{
    PrometheusParser parser;
    const auto r = parser.parse(
        "a{path=\"C:\\\\temp\",quote=\"say \\\"hi\\\"\",nl=\"one\\ntwo\",u=\"grüße\"} 1\n"_ba);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const ph::MetricFamily &f = r.families.at(0);
    const ph::Sample &s = f.samples.at(0);
    QCOMPARE(f.labels(s).size(), size_t(4));
    QCOMPARE(f.labelValue(s, u"path"), u"C:\\temp"_s);
    QCOMPARE(f.labelValue(s, u"quote"), u"say \"hi\""_s);
    QCOMPARE(f.labelValue(s, u"nl"), u"one\ntwo"_s);
    QCOMPARE(f.labelValue(s, u"u"), u"grüße"_s);
    QVERIFY(f.labelValue(s, u"missing").isNull());

    const auto help = parser.parse("# HELP a Line one\\nback\\\\slash\n"_ba);
    QCOMPARE(help.families.at(0).help, u"Line one\nback\\slash"_s);
}

void TestPrometheusParser::familiesGrouped()
{
    PrometheusParser parser;
    const auto r = parser.parse("# HELP http_requests_total Requests.\n"
                                "# TYPE http_requests_total counter\n"
                                "http_requests_total{code=\"200\"} 1027\n"
                                "http_requests_total{code=\"500\"} 3\n"
                                "database_connections_active 7\n"
                                "# TYPE jobs_processed_total counter\n"
                                "jobs_processed_total 99\n"
                                "http_requests_total{code=\"404\"} 12\n"_ba);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    QCOMPARE(r.families.size(), 3);
    QCOMPARE(r.families[0].name, u"http_requests_total"_s);
    QCOMPARE(r.families[1].name, u"database_connections_active"_s);
    QCOMPARE(r.families[2].name, u"jobs_processed_total"_s);

    const ph::MetricFamily *requests = r.family(u"http_requests_total");
    QVERIFY(requests);
    QCOMPARE(requests->type, MetricType::Counter);
    QCOMPARE(requests->help, u"Requests."_s);
    QCOMPARE(requests->samples.size(), 3);
    QCOMPARE(requests->labelValue(requests->samples[2], u"code"), u"404"_s);
    QCOMPARE(requests->samples[2].value, 12.0);
    QCOMPARE(requests->samples[2].line, 8);
    QCOMPARE(r.family(u"database_connections_active")->type, MetricType::Untyped);
    QCOMPARE(ph::metricTypeName(r.family(u"jobs_processed_total")->type), u"counter"_s);
    QVERIFY(!r.family(u"nope"));
}

void TestPrometheusParser::histogramAssembled()
{
    PrometheusParser parser;
    const auto r = parser.parse(kHistogram);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    QCOMPARE(r.families.size(), 1);
    const ph::MetricFamily &f = r.families[0];
    QCOMPARE(f.type, MetricType::Histogram);
    QCOMPARE(f.samples.size(), 10);
    QCOMPARE(f.samples[0].role, SampleRole::Bucket);
    QCOMPARE(f.samples[0].bound, 0.1);
    QCOMPARE(f.samples[3].role, SampleRole::Sum);
    QCOMPARE(f.samples[4].role, SampleRole::Count);
    QCOMPARE(f.histograms.size(), 2);

    const ph::HistogramSeries &ok = f.histograms[0];
    QCOMPARE(ok.labels, (QList<ph::Label>{{u"code"_s, u"200"_s}}));
    QCOMPARE(ok.line, 3);
    QCOMPARE(ok.buckets, (QList<ph::HistogramBucket>{{0.1, 10}, {0.5, 30}, {1, 38}, {Inf, 40}}));
    QCOMPARE(ok.sum, 12.5);
    QCOMPARE(ok.count, 40.0);
    // rank 20 -> le=0.5: 0.1 + 0.4 * (20 - 10) / (30 - 10) = 0.3
    QCOMPARE(ph::histogramQuantile(0.5, ok.buckets), 0.3);

    const ph::HistogramSeries &errors = f.histograms[1];
    QCOMPARE(errors.labels, (QList<ph::Label>{{u"code"_s, u"500"_s}}));
    QCOMPARE(errors.buckets, (QList<ph::HistogramBucket>{{0.1, 1}, {Inf, 2}}));
    QCOMPARE(errors.sum, 0.75);
    QCOMPARE(errors.count, 2.0);
}

void TestPrometheusParser::summaryAssembled()
{
    PrometheusParser parser;
    const auto r = parser.parse("# TYPE rpc_seconds summary\n"
                                "rpc_seconds{service=\"a\",quantile=\"0.99\"} 0.9\n"
                                "rpc_seconds{service=\"a\",quantile=\"0.5\"} 0.2\n"
                                "rpc_seconds_sum{service=\"a\"} 100\n"
                                "rpc_seconds_count{service=\"a\"} 400\n"
                                "rpc_seconds{service=\"b\",quantile=\"0.5\"} NaN\n"
                                "rpc_seconds_count{service=\"b\"} 0\n"_ba);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const ph::MetricFamily &f = r.families.at(0);
    QCOMPARE(f.type, MetricType::Summary);
    QCOMPARE(f.summaries.size(), 2);
    const ph::SummarySeries &a = f.summaries[0];
    QCOMPARE(a.labels, (QList<ph::Label>{{u"service"_s, u"a"_s}}));
    QCOMPARE(a.quantiles.size(), 2);
    QCOMPARE(a.quantiles[0].quantile, 0.5);
    QCOMPARE(a.quantiles[0].value, 0.2);
    QCOMPARE(a.quantiles[1].quantile, 0.99);
    QCOMPARE(a.quantiles[1].value, 0.9);
    QCOMPARE(a.sum, 100.0);
    QCOMPARE(a.count, 400.0);
    const ph::SummarySeries &b = f.summaries[1];
    QVERIFY(std::isnan(b.quantiles.at(0).value));
    QVERIFY(std::isnan(b.sum));
    QCOMPARE(b.count, 0.0);
}

void TestPrometheusParser::histogramProblems_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QString>("mentions");
    QTest::addColumn<int>("series");
    QTest::newRow("duplicate le")
        << "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_bucket{le=\"1.0\"} 2\n"
           "h_bucket{le=\"+Inf\"} 2\n"_ba
        << QList<int>{2} << u"two buckets"_s << 1;
    QTest::newRow("one series lacks +Inf")
        << "# TYPE h histogram\nh_bucket{a=\"x\",le=\"+Inf\"} 1\nh_bucket{a=\"y\",le=\"1\"} 1\n"_ba
        << QList<int>{3} << u"a=\"y\""_s << 2;
    QTest::newRow("only sum and count")
        << "# TYPE h histogram\nh_sum 1\nh_count 1\n"_ba << QList<int>{2} << u"+Inf"_s << 1;
}

void TestPrometheusParser::histogramProblems()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<int>, lines);
    QFETCH(QString, mentions);
    QFETCH(int, series);
    PrometheusParser parser;
    const auto r = parser.parse(text);
    QVERIFY2(issueLines(r) == lines, qPrintable(describeIssues(r)));
    QVERIFY2(r.issues.first().message.contains(mentions), qPrintable(describeIssues(r)));
    // Reported, but the data is still there for whoever can use it.
    QCOMPARE(r.families.at(0).histograms.size(), series);
}

void TestPrometheusParser::badLinesKeepTheRest()
{
    PrometheusParser parser;
    const auto r = parser.parse("a 1\n"
                                "a{x=\"1\" 2\n"
                                "a{x=\"2\"} 3\n"
                                "\x01\x02 garbage\n"
                                "b 4\n"_ba);
    QCOMPARE(issueLines(r), (QList<int>{2, 4}));
    QCOMPARE(r.families.size(), 2);
    QCOMPARE(r.family(u"a")->samples.size(), 2);
    QCOMPARE(r.family(u"a")->samples[1].value, 3.0);
    QCOMPARE(r.family(u"a")->samples[1].line, 3);
    // A rejected line leaves no stray labels behind for the next sample.
    QCOMPARE(r.family(u"a")->labelPool.size(), 1);
    QCOMPARE(r.family(u"b")->samples[0].value, 4.0);
}

void TestPrometheusParser::issuesCapped()
{
    QByteArray text;
    for (int i = 0; i < 2000; ++i)
        text += "bad line\n";
    text += "good 1\n";
    PrometheusParser parser;
    parser.setMaxIssues(10);
    const auto r = parser.parse(text);
    QCOMPARE(r.issues.size(), 10);
    QCOMPARE(r.omittedIssues, 1990);
    QCOMPARE(r.issues.last().line, 10);
    QVERIFY(!r.isClean());
    QCOMPARE(r.family(u"good")->samples.at(0).line, 2001);
}

void TestPrometheusParser::parserReuse()
{
    // A second scrape with the same parser must not see the first one's families or TYPEs.
    PrometheusParser parser;
    const auto first = parser.parse(kHistogram);
    const auto second = parser.parse("http_request_duration_seconds_bucket{le=\"1\"} 5\n"_ba);
    QVERIFY2(second.isClean(), qPrintable(describeIssues(second)));
    QCOMPARE(second.families.size(), 1);
    QCOMPARE(second.families[0].name, u"http_request_duration_seconds_bucket"_s);
    QCOMPARE(second.families[0].type, MetricType::Untyped);
    const auto third = parser.parse(kHistogram);
    QCOMPARE(third.families.at(0).histograms.size(), first.families.at(0).histograms.size());
    QCOMPARE(third.families.at(0).histograms.at(0).buckets,
             first.families.at(0).histograms.at(0).buckets);
}

void TestPrometheusParser::truncatedInputNeverCrashes()
{
    const QByteArray text =
        kHistogram + "a{b=\"x\\\\y\\\"z\",c=\"ü\"} -1.5e3 123\n# HELP a x\\\\\n"_ba;
    PrometheusParser parser;
    for (qsizetype n = 0; n <= text.size(); ++n) {
        const auto r = parser.parse(QByteArrayView(text.constData(), n));
        QVERIFY(r.sampleCount() <= 11);
    }
    QCOMPARE(parser.parse(text).sampleCount(), 11);
}

void TestPrometheusParser::garbageNeverCrashes()
{
    QRandomGenerator rng(20261123);
    const QByteArray alphabet = "ab_:{}=\",\\ \t\n#0123456789.eE+-InfNa\xc3\xbc"_ba;
    PrometheusParser parser;
    for (int round = 0; round < 300; ++round) {
        QByteArray text(int(rng.bounded(400)), Qt::Uninitialized);
        for (char &c : text)
            c = alphabet.at(rng.bounded(int(alphabet.size())));
        const auto r = parser.parse(text);
        for (const auto &issue : r.issues) {
            QVERIFY(issue.line >= 1);
            QVERIFY(!issue.message.isEmpty());
        }
    }
}

void TestPrometheusParser::streamMatchesParse_data()
{
    lines_data();
    QTest::newRow("histogram") << kHistogram << 10 << QList<int>() << QString();
    QTest::newRow("summary") << "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_sum 2\ns_count 3\n"_ba
                             << 3 << QList<int>() << QString();
    QTest::newRow("escapes")
        << "# HELP a x\\\\y\\nz\na{p=\"C:\\\\t\",q=\"\\\"\",n=\"1\\n2\"} 1\n"_ba << 1
        << QList<int>() << QString();
}

void TestPrometheusParser::streamMatchesParse()
{
    QFETCH(QByteArray, text);
    QFETCH(int, samples);

    PrometheusParser parser;
    const auto result = parser.parse(text);
    Collector c;
    const ph::PrometheusStreamSummary summary = parser.parse(text, c);

    QCOMPARE(summary.samples, samples);
    QCOMPARE(c.samples.size(), samples);
    QCOMPARE(summary.issues, c.issues.size());
    QCOMPARE(summary.omittedIssues, 0);
    QCOMPARE(summary.lines, text.count('\n') + (text.endsWith('\n') || text.isEmpty() ? 0 : 1));

    // Same families, numbered as parse() lists them, with the same type and help.
    QCOMPARE(c.families.size(), result.families.size());
    for (qsizetype i = 0; i < c.families.size(); ++i) {
        QCOMPARE(c.families[i], result.families[i].name);
        QCOMPARE(c.types[i], result.families[i].type);
        QCOMPARE(c.help[i], result.families[i].help);
    }

    // Same samples: parse() groups them by family, the stream keeps input order.
    for (const Collector::Row &row : std::as_const(c.samples)) {
        const ph::MetricFamily &f = result.families.at(row.family);
        const auto it = std::find_if(f.samples.cbegin(), f.samples.cend(),
                                     [&](const ph::Sample &s) { return s.line == row.line; });
        QVERIFY2(it != f.samples.cend(), qPrintable(u"line %1"_s.arg(row.line)));
        QCOMPARE(row.name, f.sampleName(*it));
        QVERIFY(sameDouble(row.value, it->value));
        QVERIFY(sameDouble(row.bound, it->bound));
        QCOMPARE(row.timestampMs, it->timestampMs);
        QCOMPARE(row.hasTimestamp, it->hasTimestamp);
        QCOMPARE(row.role, it->role);
        const auto labels = f.labels(*it);
        QCOMPARE(row.labels, QList<ph::Label>(labels.begin(), labels.end()));
    }

    // Same line issues with the same words; only the series checks are parse()'s alone.
    for (const ph::ParseIssue &issue : std::as_const(c.issues)) {
        QVERIFY2(std::any_of(result.issues.cbegin(), result.issues.cend(),
                             [&](const ph::ParseIssue &i) {
                                 return i.line == issue.line && i.message == issue.message;
                             }),
                 qPrintable(issue.message));
    }
    for (const ph::ParseIssue &issue : result.issues) {
        if (isSeriesIssue(issue.message))
            continue;
        QVERIFY2(std::any_of(c.issues.cbegin(), c.issues.cend(),
                             [&](const ph::ParseIssue &i) {
                                 return i.line == issue.line && i.message == issue.message;
                             }),
                 qPrintable(issue.message));
    }
}

void TestPrometheusParser::streamLabelEscapes()
{
    PrometheusParser parser;
    Collector c;
    parser.parse("a{path=\"C:\\\\temp\",quote=\"say \\\"hi\\\"\",nl=\"one\\ntwo\",u=\"grüße\"} 1\n"
                 "a{path=\"plain\"} 2\n"_ba,
                 c);
    QVERIFY(c.issues.isEmpty());
    QCOMPARE(c.samples.size(), 2);
    QCOMPARE(c.samples[0].labels, (QList<ph::Label>{{u"path"_s, u"C:\\temp"_s},
                                                    {u"quote"_s, u"say \"hi\""_s},
                                                    {u"nl"_s, u"one\ntwo"_s},
                                                    {u"u"_s, u"grüße"_s}}));
    QCOMPARE(c.samples[1].labels, (QList<ph::Label>{{u"path"_s, u"plain"_s}}));
    // The same name keeps its number within a parse.
    QCOMPARE(c.nameIds[0], c.nameIds[1]);
    QVERIFY(c.nameIds[0] >= 0);

    // A value longer than the scratch the parser keeps between parses, then a short one.
    const QByteArray longValue(100'000, 'x');
    Collector big;
    parser.parse(QByteArray("a{v=\"" + longValue + "\\n\",w=\"\\\\\"} 1\n"), big);
    QVERIFY(big.issues.isEmpty());
    QCOMPARE(big.samples.at(0).labels.at(0).value, QString::fromLatin1(longValue + '\n'));
    QCOMPARE(big.samples.at(0).labels.at(1).value, u"\\"_s);
    Collector small;
    parser.parse("a{v=\"y\\n\"} 2\n"_ba, small);
    QCOMPARE(small.samples.at(0).labels.at(0).value, u"y\n"_s);

    // labelValue() on the view itself, for visitors that fold samples without copying.
    struct Lookup : ph::PrometheusVisitor
    {
        QByteArray code;
        bool missingIsNull = false;
        void sampleParsed(const ph::SampleView &s) override
        {
            code = s.labelValue("code").toByteArray();
            missingIsNull = s.labelValue("nope").isNull();
        }
    } lookup;
    parser.parse("r{method=\"GET\",code=\"503\"} 7\n"_ba, lookup);
    QCOMPARE(lookup.code, "503"_ba);
    QVERIFY(lookup.missingIsNull);
}

void TestPrometheusParser::streamValues()
{
    PrometheusParser parser;
    Collector c;
    parser.parse("# TYPE h histogram\n"
                 "h_bucket{le=\"0.5\"} 1\n"
                 "h_bucket{le=\"+Inf\"} 2\n"
                 "g NaN\n"
                 "g{x=\"1\"} -Inf 1700000000123\n"
                 "g{x=\"2\"} +Inf\n"
                 "# TYPE s summary\n"
                 "s{quantile=\"0.99\"} 4.5e-3\n"_ba,
                 c);
    QVERIFY(c.issues.isEmpty());
    QCOMPARE(c.samples.size(), 6);
    QCOMPARE(c.samples[0].role, SampleRole::Bucket);
    QCOMPARE(c.samples[0].bound, 0.5);
    QCOMPARE(c.samples[1].bound, Inf);
    QVERIFY(std::isnan(c.samples[2].value));
    QVERIFY(std::isnan(c.samples[2].bound));
    QCOMPARE(c.samples[3].value, -Inf);
    QVERIFY(c.samples[3].hasTimestamp);
    QCOMPARE(c.samples[3].timestampMs, qint64(1700000000123));
    QCOMPARE(c.samples[4].value, Inf);
    QCOMPARE(c.samples[5].role, SampleRole::Quantile);
    QCOMPARE(c.samples[5].bound, 0.99);
    QCOMPARE(c.samples[5].value, 0.0045);
    QCOMPARE(c.families, (QStringList{u"h"_s, u"g"_s, u"s"_s}));
    QCOMPARE(c.types,
             (QList<MetricType>{MetricType::Histogram, MetricType::Untyped, MetricType::Summary}));
}

void TestPrometheusParser::streamBadLinesKeepTheRest()
{
    PrometheusParser parser;
    Collector c;
    const auto summary = parser.parse("a 1\n"
                                      "a{x=\"1\" 2\n"
                                      "a{x=\"2\"} 3\n"
                                      "\x01\x02 garbage\n"
                                      "a{x=\"\xff\"} 4\n"
                                      "b 4 x\n"
                                      "b 5\n"_ba,
                                      c);
    QCOMPARE(summary.samples, 3);
    QCOMPARE(summary.lines, 7);
    QList<int> sampleLines;
    for (const auto &row : std::as_const(c.samples))
        sampleLines.append(row.line);
    QCOMPARE(sampleLines, (QList<int>{1, 3, 7}));
    QCOMPARE(c.issues.size(), 4);
    QCOMPARE(c.issues[0].line, 2);
    QVERIFY2(c.issues[0].message.contains(u"Expected ',' or '}'"_s),
             qPrintable(c.issues[0].message));
    QCOMPARE(c.issues[1].line, 4);
    QVERIFY2(c.issues[1].message.contains(u"metric name"_s), qPrintable(c.issues[1].message));
    QCOMPARE(c.issues[2].line, 5);
    QVERIFY2(c.issues[2].message.contains(u"UTF-8"_s), qPrintable(c.issues[2].message));
    QCOMPARE(c.issues[3].line, 6);
    QVERIFY2(c.issues[3].message.contains(u"invalid timestamp"_s), qPrintable(c.issues[3].message));
    // A rejected line leaves no labels behind for the next sample.
    QCOMPARE(c.samples[1].labels, (QList<ph::Label>{{u"x"_s, u"2"_s}}));
    QVERIFY(c.samples[2].labels.isEmpty());
}

void TestPrometheusParser::streamIssuesCapped()
{
    QByteArray text;
    for (int i = 0; i < 500; ++i)
        text += "bad line\n";
    text += "good 1\n";
    PrometheusParser parser;
    parser.setMaxIssues(5);
    Collector c;
    const auto summary = parser.parse(text, c);
    QCOMPARE(c.issues.size(), 5);
    QCOMPARE(summary.issues, 5);
    QCOMPARE(summary.omittedIssues, 495);
    QCOMPARE(c.samples.size(), 1);
    QCOMPARE(c.samples[0].line, 501);
}

void TestPrometheusParser::decimalsExact_data()
{
    QTest::addColumn<QByteArray>("number");
    for (const char *n : {"0.1",
                          "0.3",
                          "0.005",
                          "2.5",
                          "+Inf",
                          "1027",
                          "-3.25",
                          "4.5e-3",
                          "1E+4",
                          "1.",
                          ".5",
                          "5.e1",
                          "1e22",
                          "1e23",
                          "1e-22",
                          "1e-23",
                          "123456789012345",
                          "1234567890123456",
                          "9007199254740993",
                          "3.14159265358979",
                          "3.141592653589793",
                          "0.000000000000001",
                          "00000000000000000001",
                          "1e0001",
                          "1e00001",
                          "-0.0",
                          "0",
                          "179769313486231.5e293",
                          "2.2250738585072014e-308",
                          "4.9e-324",
                          "0.1e-20",
                          "99999999999999.9e8"})
        QTest::newRow(n) << QByteArray(n);
}

void TestPrometheusParser::decimalsExact()
{
    // Bit for bit what from_chars gives, whichever path the parser takes.
    QFETCH(QByteArray, number);
    PrometheusParser parser;
    const auto r = parser.parse(QByteArray("a " + number + '\n'));
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const double expected =
        number == "+Inf" ? std::numeric_limits<double>::infinity() : referenceDouble(number);
    const double got = r.families.at(0).samples.at(0).value;
    QVERIFY2(sameBits(got, expected), qPrintable(u"%1: %2 vs %3"_s.arg(QString::fromLatin1(number))
                                                     .arg(got, 0, 'g', 17)
                                                     .arg(expected, 0, 'g', 17)));
}

void TestPrometheusParser::decimalsRandom()
{
    QRandomGenerator rng(424242);
    QByteArray text;
    QList<QByteArray> numbers;
    for (int i = 0; i < 5000; ++i) {
        QByteArray n;
        if (rng.bounded(4) == 0)
            n += '-';
        const int digits = 1 + int(rng.bounded(18));
        const int dot = int(rng.bounded(digits + 2)) - 1; // -1: no dot
        for (int d = 0; d < digits; ++d) {
            if (d == dot)
                n += '.';
            n += char('0' + rng.bounded(10));
        }
        if (rng.bounded(3) == 0)
            n += 'e' + QByteArray::number(int(rng.bounded(60)) - 30);
        numbers.append(n);
        text += "a " + n + '\n';
    }
    PrometheusParser parser;
    const auto r = parser.parse(text);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const auto &samples = r.families.at(0).samples;
    QCOMPARE(samples.size(), numbers.size());
    for (qsizetype i = 0; i < numbers.size(); ++i) {
        const double expected = referenceDouble(numbers[i]);
        QVERIFY2(sameBits(samples[i].value, expected),
                 qPrintable(u"%1: %2 vs %3"_s.arg(QString::fromLatin1(numbers[i]))
                                .arg(samples[i].value, 0, 'g', 17)
                                .arg(expected, 0, 'g', 17)));
    }
}

void TestPrometheusParser::resultStringsAndLabels()
{
    std::optional<ph::MetricFamily> kept;
    {
        PrometheusParser parser;
        const auto r = parser.parse("# TYPE h histogram\n"
                                    "h_bucket{code=\"200\",le=\"0.5\"} 1\n"
                                    "h_bucket{code=\"200\",le=\"+Inf\"} 2\n"
                                    "c{code=\"200\",path=\"/x\"} 3\n"_ba);
        QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
        const ph::MetricFamily &h = r.families.at(0);
        const ph::MetricFamily &c = r.families.at(1);
        QCOMPARE(h.sampleName(h.samples.at(1)), u"h_bucket"_s);
        const auto labels = h.labels(h.samples.at(1));
        QCOMPARE(labels.size(), size_t(2));
        QCOMPARE(labels[0].name, u"code"_s);
        QCOMPARE(labels[1].name, u"le"_s);
        QCOMPARE(labels[1].value, u"+Inf"_s);
        QStringList names;
        for (const ph::LabelRef l : c.labels(c.samples.at(0)))
            names << l.name + u'=' + l.value;
        QCOMPARE(names, (QStringList{u"code=200"_s, u"path=/x"_s}));
        // One table for the whole result, each string once, whichever family uses it.
        QCOMPARE(h.strings, c.strings);
        QCOMPARE(h.strings.count(u"code"_s), 1);
        QCOMPARE(h.strings.count(u"200"_s), 1);
        QCOMPARE(h.labelPool.at(0).name, c.labelPool.at(0).name);
        kept = c;
    }
    // A family copied out of the result keeps its strings after the result and the parser
    // are gone.
    QCOMPARE(kept->labelValue(kept->samples.at(0), u"path"), u"/x"_s);
    QCOMPARE(kept->sampleName(kept->samples.at(0)), u"c"_s);
}

void TestPrometheusParser::reuseRenumbersStrings()
{
    // Every parse numbers its strings afresh; nothing remembered from the previous parse
    // may point into the new table.
    PrometheusParser parser;
    const auto first = parser.parse("a{x=\"p\",y=\"q\"} 1\n"_ba);
    QVERIFY(first.isClean());
    const auto second = parser.parse("b 1\nzz 2\na{x=\"p\",y=\"q\"} 3\n"_ba);
    QVERIFY2(second.isClean(), qPrintable(describeIssues(second)));
    const ph::MetricFamily *a = second.family(u"a");
    QVERIFY(a);
    const auto labels = a->labels(a->samples.at(0));
    QCOMPARE(labels.size(), size_t(2));
    QCOMPARE(labels[0].name, u"x"_s);
    QCOMPARE(labels[0].value, u"p"_s);
    QCOMPARE(labels[1].name, u"y"_s);
    QCOMPARE(labels[1].value, u"q"_s);
    QCOMPARE(a->sampleName(a->samples.at(0)), u"a"_s);
    QCOMPARE(second.family(u"zz")->sampleName(second.family(u"zz")->samples.at(0)), u"zz"_s);
}

void TestPrometheusParser::escapedValuesInResult()
{
    // Unescaped values live in the parser's scratch, rewritten on every line.
    PrometheusParser parser;
    const auto r = parser.parse("a{v=\"x\\\\y\"} 1\n"
                                "a{v=\"x\\\\z\"} 2\n"
                                "a{v=\"x\\\\z\"} 3\n"
                                "a{v=\"x\\\\y\"} 4\n"
                                "a{v=\"x\\\\y\"} 5\n"_ba);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const ph::MetricFamily &f = r.families.at(0);
    QStringList values;
    for (const ph::Sample &s : f.samples)
        values << f.labelValue(s, u"v");
    QCOMPARE(values, (QStringList{u"x\\y"_s, u"x\\z"_s, u"x\\z"_s, u"x\\y"_s, u"x\\y"_s}));
    QCOMPARE(f.strings.count(u"x\\y"_s), 1);
}

void TestPrometheusParser::manySeries()
{
    // More series than the assembly's first table holds; label order changes between a
    // series' lines, and every series comes back at the end for its sum and count.
    constexpr int kSeries = 150;
    QByteArray text = "# TYPE h histogram\n";
    for (int i = 0; i < kSeries; ++i) {
        const QByteArray n = QByteArray::number(i);
        text += "h_bucket{a=\"" + n + "\",b=\"x\",le=\"1\"} " + n + '\n';
        text += "h_bucket{le=\"+Inf\",b=\"x\",a=\"" + n + "\"} " + QByteArray::number(i + 1) + '\n';
    }
    for (int i = kSeries - 1; i >= 0; --i) {
        const QByteArray n = QByteArray::number(i);
        text += "h_sum{b=\"x\",a=\"" + n + "\"} " + QByteArray::number(i * 10) + '\n';
        text += "h_count{a=\"" + n + "\",b=\"x\"} " + QByteArray::number(i + 1) + '\n';
    }
    // A series without labels besides le.
    text += "h_bucket{le=\"+Inf\"} 9\nh_count 9\n";
    PrometheusParser parser;
    for (int round = 0; round < 2; ++round) {
        const auto r = parser.parse(text);
        QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
        const ph::MetricFamily &f = r.families.at(0);
        QCOMPARE(f.histograms.size(), kSeries + 1);
        for (int i = 0; i < kSeries; ++i) {
            const ph::HistogramSeries &s = f.histograms.at(i);
            QCOMPARE(s.labels, (QList<ph::Label>{{u"a"_s, QString::number(i)}, {u"b"_s, u"x"_s}}));
            QCOMPARE(s.buckets, (QList<ph::HistogramBucket>{{1, double(i)}, {Inf, double(i + 1)}}));
            QCOMPARE(s.sum, double(i * 10));
            QCOMPARE(s.count, double(i + 1));
            QCOMPARE(s.line, 2 + 2 * i);
        }
        const ph::HistogramSeries &bare = f.histograms.last();
        QVERIFY(bare.labels.isEmpty());
        QCOMPARE(bare.buckets, (QList<ph::HistogramBucket>{{Inf, 9}}));
        QCOMPARE(bare.count, 9.0);
    }
}

void TestPrometheusParser::fastPathsKeepStrictness_data()
{
    // The shortcuts for repeated names and long values must not let bad lines through.
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QList<int>>("lines");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("duplicate after known names")
        << "a{x=\"1\",y=\"2\"} 1\na{x=\"1\",x=\"2\"} 2\na{x=\"1\",y=\"2\",x=\"3\"} 3\n"_ba
        << QList<int>{2, 3} << u"twice"_s;
    QTest::newRow("known name is a prefix")
        << "a{ab=\"1\"} 1\na{ab-c=\"2\"} 2\n"_ba << QList<int>{2} << u"'='"_s;
    QTest::newRow("invalid UTF-8 after eight bytes")
        << "a{v=\"abcdefgh\"} 1\na{v=\"abcdefghi\xff\"} 1\n"_ba << QList<int>{2} << u"UTF-8"_s;
    QTest::newRow("unclosed long value")
        << "a{v=\"abcdefghijklmnopqrstuvwxyz"_ba << QList<int>{1} << u"closing quote"_s;
    QTest::newRow("bad escape after eight bytes")
        << "a{v=\"abcdefghij\\x\"} 1\n"_ba << QList<int>{1} << u"escape"_s;
    QTest::newRow("metric name prefix of the previous")
        << "abc 1\nab- 2\n"_ba << QList<int>{2} << u"Invalid character '-'"_s;
    QTest::newRow("previous metric name then more")
        << "ab 1\nab-c 2\n"_ba << QList<int>{2} << u"Invalid character '-'"_s;
}

void TestPrometheusParser::fastPathsKeepStrictness()
{
    QFETCH(QByteArray, text);
    QFETCH(QList<int>, lines);
    QFETCH(QString, mentions);
    PrometheusParser parser;
    const auto r = parser.parse(text);
    QVERIFY2(issueLines(r) == lines, qPrintable(describeIssues(r)));
    QVERIFY2(r.issues.first().message.contains(mentions), qPrintable(describeIssues(r)));
    Collector c;
    parser.parse(text, c);
    QCOMPARE(c.issues.size(), lines.size());
}

void TestPrometheusParser::fastPathsKeepValues()
{
    PrometheusParser parser;
    const auto r = parser.parse("v{a=\"abcdefghijk\\\"lmnop\",b=\"abcdefghijklmnoü\"} 1\n"
                                "abc 1\nab 2\nabc 3\nabcd 4\n"
                                "x_count 1\n# TYPE x summary\nx_count 2\n"
                                "w{ab=\"1\"} 1\nw{abc=\"2\"} 2\n"_ba);
    QVERIFY2(r.isClean(), qPrintable(describeIssues(r)));
    const ph::MetricFamily *v = r.family(u"v");
    QVERIFY(v);
    QCOMPARE(v->labelValue(v->samples.at(0), u"a"), u"abcdefghijk\"lmnop"_s);
    QCOMPARE(v->labelValue(v->samples.at(0), u"b"), u"abcdefghijklmnoü"_s);
    QCOMPARE(r.family(u"abc")->samples.size(), 2);
    QCOMPARE(r.family(u"ab")->samples.size(), 1);
    QCOMPARE(r.family(u"abcd")->samples.size(), 1);
    // The same name belongs to another family once a TYPE line claims its base name.
    QCOMPARE(r.family(u"x_count")->samples.size(), 1);
    QCOMPARE(r.family(u"x")->samples.size(), 1);
    QCOMPARE(r.family(u"x")->samples.at(0).role, SampleRole::Count);
    const ph::MetricFamily *w = r.family(u"w");
    QCOMPARE(w->labelValue(w->samples.at(1), u"abc"), u"2"_s);
    QVERIFY(w->labelValue(w->samples.at(1), u"ab").isNull());

    // `le` values cycling over many series land on the right samples, each string once.
    static const char *const les[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                      "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};
    QByteArray text = "# TYPE h histogram\n";
    for (int series = 0; series < 30; ++series) {
        for (const char *le : les)
            text += "h_bucket{s=\"" + QByteArray::number(series) + "\",le=\"" + le + "\"} 1\n";
    }
    const auto h = parser.parse(text);
    QVERIFY2(h.isClean(), qPrintable(describeIssues(h)));
    const ph::MetricFamily &f = h.families.at(0);
    QCOMPARE(f.samples.size(), 30 * 12);
    for (qsizetype i = 0; i < f.samples.size(); ++i) {
        const ph::Sample &s = f.samples.at(i);
        QCOMPARE(f.labelValue(s, u"le"), QString::fromLatin1(les[i % 12]));
        QCOMPARE(f.labelValue(s, u"s"), QString::number(i / 12));
    }
    for (const char *le : les)
        QCOMPARE(f.strings.count(QString::fromLatin1(le)), 1);
    QCOMPARE(f.histograms.size(), 30);
}

QTEST_GUILESS_MAIN(TestPrometheusParser)
#include "tst_prometheusparser.moc"
