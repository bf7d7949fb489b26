// SPDX-License-Identifier: GPL-3.0-or-later
// Times PrometheusParser on a generated exposition, both entry points (parse() building
// the full result, and the streaming parse(text, visitor)), and on the same file
// prometheus_client's text_string_to_metric_families, then prints the ratios.
#include "metrics/prometheusparser.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

/// A deterministic exposition of about @p bytes: counters, gauges, histograms and
/// summaries with realistic label sets, some escapes and some timestamps.
QByteArray generateExposition(qsizetype bytes)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    static const char *const codes[] = {"200", "201", "204", "301", "400",
                                        "401", "403", "404", "500", "503"};
    static const char *const les[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                      "0.5",   "1",    "2.5",   "5",    "10",  "+Inf"};
    static const char *const quantiles[] = {"0.5", "0.9", "0.99"};
    QRandomGenerator rng(20261123);
    QByteArray text;
    text.reserve(bytes + 4096);
    char buf[512];
    for (int family = 0; text.size() < bytes; ++family) {
        const int kind = family % 4;
        const QByteArray name = QByteArrayLiteral("service_") + QByteArray::number(family % 97) +
                                (kind == 0   ? "_requests_total"
                                 : kind == 1 ? "_queue_depth"
                                 : kind == 2 ? "_request_duration_seconds"
                                             : "_rpc_latency_seconds") +
                                "_f" + QByteArray::number(family);
        static const char *const types[] = {"counter", "gauge", "histogram", "summary"};
        text += "# HELP " + name + " Generated family number " + QByteArray::number(family) +
                " for the benchmark.\n# TYPE " + name + ' ' + types[kind] + '\n';
        for (int series = 0; series < 24; ++series) {
            const char *method = methods[series % 4];
            const char *code = codes[(series * 7 + family) % 10];
            const int handler = (series * 13 + family) % 40;
            const int host = (series + family) % 16;
            const bool escaped = series % 11 == 0;
            const QByteArray labels =
                QByteArrayLiteral("method=\"") + method + "\",code=\"" + code +
                "\",handler=\"/api/v1/resource_" + QByteArray::number(handler) +
                "\",instance=\"10.0." + QByteArray::number(host) + ".7:9100\"" +
                (escaped ? ",path=\"C:\\\\data\\\\x\",msg=\"say \\\"hi\\\"\\n\"" : "");
            const bool stamped = series % 5 == 0;
            const qint64 ts = 1700000000000LL + family * 1000 + series;
            if (kind == 0 || kind == 1) {
                const double v =
                    kind == 0 ? double(rng.bounded(10'000'000)) : rng.generateDouble() * 500.0;
                int n = std::snprintf(buf, sizeof buf, "%s{%s} %.17g", name.constData(),
                                      labels.constData(), v);
                if (stamped)
                    n += std::snprintf(buf + n, sizeof buf - size_t(n), " %lld", ts);
                text.append(buf, n);
                text += '\n';
            } else if (kind == 2) {
                qint64 cumulative = 0;
                for (const char *le : les) {
                    cumulative += rng.bounded(1000);
                    const int n = std::snprintf(buf, sizeof buf, "%s_bucket{%s,le=\"%s\"} %lld\n",
                                                name.constData(), labels.constData(), le,
                                                static_cast<long long>(cumulative));
                    text.append(buf, n);
                }
                int n = std::snprintf(buf, sizeof buf, "%s_sum{%s} %.6f\n%s_count{%s} %lld\n",
                                      name.constData(), labels.constData(),
                                      double(cumulative) * 0.137, name.constData(),
                                      labels.constData(), static_cast<long long>(cumulative));
                text.append(buf, n);
            } else {
                for (const char *q : quantiles) {
                    const int n = std::snprintf(buf, sizeof buf, "%s{%s,quantile=\"%s\"} %.6e\n",
                                                name.constData(), labels.constData(), q,
                                                rng.generateDouble());
                    text.append(buf, n);
                }
                const int n =
                    std::snprintf(buf, sizeof buf, "%s_sum{%s} %.3f\n%s_count{%s} %u\n",
                                  name.constData(), labels.constData(), rng.generateDouble() * 1e4,
                                  name.constData(), labels.constData(), rng.bounded(100000u));
                text.append(buf, n);
            }
        }
    }
    return text;
}

const char kPythonScript[] = R"(
import sys, time
from prometheus_client.parser import text_string_to_metric_families
text = open(sys.argv[1], encoding='utf-8').read()
best = None
best_cpu = None
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    c = time.process_time()
    n = sum(len(f.samples) for f in text_string_to_metric_families(text))
    d = time.perf_counter() - t
    dc = time.process_time() - c
    best = d if best is None else min(best, d)
    best_cpu = dc if best_cpu is None else min(best_cpu, dc)
print(n, best, best_cpu)
)";

/// What a caller folding samples into its own figures does on the streaming path: reads
/// every value and every label.
struct Fold final : ph::PrometheusVisitor
{
    double sum = 0;
    qsizetype samples = 0;
    qsizetype labels = 0;
    qsizetype labelBytes = 0;
    void sampleParsed(const ph::SampleView &s) override
    {
        ++samples;
        if (std::isfinite(s.value))
            sum += s.value;
        labels += qsizetype(s.labels.size());
        for (const ph::LabelView &l : s.labels)
            labelBytes += l.name.size() + l.value.size();
    }
};

// On a machine shared with other builds the wall clock also counts time spent waiting
// for a core; CPU time does not, so both are reported, for both parsers.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Speeds
{
    double min = 0;
    double median = 0;
    double max = 0;
};

Speeds speedsOf(QList<double> speeds)
{
    std::sort(speeds.begin(), speeds.end());
    return {speeds.first(), speeds[speeds.size() / 2], speeds.last()};
}

bool pythonHasClient(const QString &python)
{
    QProcess p;
    p.start(python, {u"-c"_s, u"import prometheus_client.parser"_s});
    return p.waitForFinished(30'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser cli;
    cli.setApplicationDescription(u"Benchmark of Pilothouse's Prometheus text parser"_s);
    cli.addHelpOption();
    const QCommandLineOption sizeOption(u"size-mb"_s, u"Exposition size in MB (default 50)"_s,
                                        u"mb"_s, u"50"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Timed parser runs (default 5)"_s, u"n"_s,
                                        u"5"_s);
    const QCommandLineOption pyRunsOption(
        u"python-runs"_s, u"Timed prometheus_client runs (default 2)"_s, u"n"_s, u"2"_s);
    const QCommandLineOption pythonOption(
        u"python"_s, u"Python with prometheus_client (default: /usr/bin/python3, python3)"_s,
        u"path"_s);
    cli.addOptions({sizeOption, runsOption, pyRunsOption, pythonOption});
    cli.process(app);

#ifndef __OPTIMIZE__
    out() << "warning: built without optimisation; configure with CMAKE_BUILD_TYPE=Release\n";
#endif

    const qsizetype bytes = qsizetype(cli.value(sizeOption).toDouble() * 1e6);
    const int runs = std::max(5, cli.value(runsOption).toInt());
    QElapsedTimer timer;
    timer.start();
    const QByteArray text = generateExposition(bytes);
    const double mb = double(text.size()) / 1e6;
    out() << "exposition: " << text.size() << " bytes (" << mb << " MB), generated in "
          << timer.elapsed() << " ms\n";

    // Interleaved, so both entry points see the same machine load.
    QList<double> resultSpeeds;
    QList<double> streamSpeeds;
    QList<double> resultCpuSpeeds;
    QList<double> streamCpuSpeeds;
    qsizetype samples = 0;
    qsizetype issues = 0;
    qsizetype families = 0;
    qsizetype streamSamples = 0;
    qsizetype streamLabels = 0;
    ph::PrometheusParser parser;
    for (int i = 0; i < runs; ++i) {
        double cpu = cpuSeconds();
        timer.restart();
        const ph::PrometheusParseResult result = parser.parse(text);
        const qint64 ns = timer.nsecsElapsed();
        resultCpuSpeeds.append(mb / (cpuSeconds() - cpu));
        samples = result.sampleCount();
        issues = result.issues.size() + result.omittedIssues;
        families = result.families.size();
        resultSpeeds.append(mb / (double(ns) / 1e9));

        Fold fold;
        cpu = cpuSeconds();
        timer.restart();
        const ph::PrometheusStreamSummary summary = parser.parse(text, fold);
        const qint64 streamNs = timer.nsecsElapsed();
        streamCpuSpeeds.append(mb / (cpuSeconds() - cpu));
        streamSamples = fold.samples;
        streamLabels = fold.labels;
        if (summary.samples != fold.samples)
            out() << "warning: the stream counted " << summary.samples << " samples, the visitor "
                  << fold.samples << '\n';
        streamSpeeds.append(mb / (double(streamNs) / 1e9));
    }
    const Speeds full = speedsOf(resultSpeeds);
    const Speeds stream = speedsOf(streamSpeeds);
    const Speeds fullCpu = speedsOf(resultCpuSpeeds);
    const Speeds streamCpu = speedsOf(streamCpuSpeeds);
    out() << "PrometheusParser::parse(text) -> PrometheusParseResult: " << runs << " runs, "
          << families << " families, " << samples << " samples, " << issues << " issues\n"
          << "  MB/s min " << full.min << "  median " << full.median << "  max " << full.max << '\n'
          << "  MB/CPU-s min " << fullCpu.min << "  median " << fullCpu.median << "  max "
          << fullCpu.max << '\n'
          << "PrometheusParser::parse(text, visitor), visitor reading every value and label: "
          << streamSamples << " samples, " << streamLabels << " labels\n"
          << "  MB/s min " << stream.min << "  median " << stream.median << "  max " << stream.max
          << '\n'
          << "  MB/CPU-s min " << streamCpu.min << "  median " << streamCpu.median << "  max "
          << streamCpu.max << '\n';
    if (streamSamples != samples)
        out() << "warning: the two entry points disagree on the number of samples\n";
    out().flush();

    QStringList candidates;
    if (cli.isSet(pythonOption))
        candidates << cli.value(pythonOption);
    else
        candidates << u"/usr/bin/python3"_s << u"python3"_s;
    QString python;
    for (const QString &c : std::as_const(candidates)) {
        if (pythonHasClient(c)) {
            python = c;
            break;
        }
    }
    if (python.isEmpty()) {
        out() << "prometheus_client: not available (install python3-prometheus-client); no "
                 "ratio\n";
        return 0;
    }

    QTemporaryDir dir;
    QFile file(dir.filePath(u"exposition.prom"_s));
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly) || file.write(text) != text.size()) {
        out() << "could not write the exposition for Python: " << file.errorString() << '\n';
        return 1;
    }
    file.close();

    QProcess py;
    py.start(python,
             {u"-c"_s, QString::fromUtf8(kPythonScript), file.fileName(), cli.value(pyRunsOption)});
    if (!py.waitForFinished(30 * 60'000) || py.exitCode() != 0) {
        out() << "prometheus_client run failed: " << py.readAllStandardError() << '\n';
        py.kill();
        py.waitForFinished();
        return 1;
    }
    const QList<QByteArray> fields = py.readAllStandardOutput().trimmed().split(' ');
    const double seconds = fields.value(1).toDouble();
    const double cpuSecondsPy = fields.value(2).toDouble();
    if (fields.size() != 3 || seconds <= 0 || cpuSecondsPy <= 0) {
        out() << "unexpected output from prometheus_client run\n";
        return 1;
    }
    const double pySpeed = mb / seconds;
    const double pyCpuSpeed = mb / cpuSecondsPy;
    out() << "prometheus_client (" << python << "): " << fields.value(0) << " samples, best of "
          << cli.value(pyRunsOption) << ": " << seconds << " s = " << pySpeed << " MB/s\n"
          << "ratio parse(text): median " << full.median / pySpeed << "x, slowest run "
          << full.min / pySpeed << "x\n"
          << "ratio parse(text, visitor): median " << stream.median / pySpeed << "x, slowest run "
          << stream.min / pySpeed << "x\n"
          << "prometheus_client CPU time, best of " << cli.value(pyRunsOption) << ": "
          << cpuSecondsPy << " s = " << pyCpuSpeed << " MB/CPU-s\n"
          << "CPU-time ratio parse(text): median " << fullCpu.median / pyCpuSpeed
          << "x, slowest run " << fullCpu.min / pyCpuSpeed << "x\n"
          << "CPU-time ratio parse(text, visitor): median " << streamCpu.median / pyCpuSpeed
          << "x, slowest run " << streamCpu.min / pyCpuSpeed << "x\n";
    return 0;
}
