// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "metrics/quantile.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <cstddef>
#include <iterator>
#include <limits>
#include <memory>
#include <span>

namespace ph {

/// The `# TYPE` of a metric family; Untyped when none was declared.
enum class MetricType : quint8
{
    Untyped,
    Counter,
    Gauge,
    Histogram,
    Summary
};

QString metricTypeName(MetricType type); ///< "counter", "gauge", ... as in `# TYPE`

struct Label
{
    QString name;
    QString value;

    friend bool operator==(const Label &, const Label &) = default;
};

/// A sample's label as the result stores it: two indexes into MetricFamily::strings.
struct LabelId
{
    int name = 0;
    int value = 0;
};

/// A sample's label as MetricFamily::labels() shows it: references into the family's
/// string table, valid as long as the family is neither destroyed nor changed. Converts
/// to a Label (two QString copies) where one must be kept.
struct LabelRef
{
    const QString &name;
    const QString &value;

    operator Label() const { return Label{name, value}; }
};

/// What a sample is within its family.
enum class SampleRole : quint8
{
    Value,    ///< counter, gauge or untyped value
    Bucket,   ///< histogram `_bucket`; bound = `le`
    Sum,      ///< histogram or summary `_sum`
    Count,    ///< histogram or summary `_count`
    Quantile, ///< summary sample; bound = `quantile`
};

/// One sample line. Its name and labels are indexes into the family's string table
/// (see MetricFamily::sampleName() and MetricFamily::labels()).
struct Sample
{
    double value = 0;
    double bound = std::numeric_limits<double>::quiet_NaN(); ///< `le` or `quantile`
    qint64 timestampMs = 0;
    int line = 0;   ///< 1-based line in the input
    int nameId = 0; ///< as written, e.g. "http_request_duration_seconds_bucket"; see sampleName()
    int labelBegin = 0;
    int labelCount = 0;
    SampleRole role = SampleRole::Value;
    bool hasTimestamp = false;
};

/// One labelled series of a histogram family, assembled from its `_bucket`/`_sum`/`_count`.
struct HistogramSeries
{
    QList<Label> labels;            ///< without `le`, in the order first seen
    QList<HistogramBucket> buckets; ///< sorted by upper bound
    double sum = std::numeric_limits<double>::quiet_NaN();   ///< NaN when absent
    double count = std::numeric_limits<double>::quiet_NaN(); ///< NaN when absent
    int line = 0;                                            ///< first line of the series
};

struct SummaryQuantile
{
    double quantile = 0;
    double value = 0;
};

/// One labelled series of a summary family.
struct SummarySeries
{
    QList<Label> labels;              ///< without `quantile`
    QList<SummaryQuantile> quantiles; ///< sorted by quantile
    double sum = std::numeric_limits<double>::quiet_NaN();
    double count = std::numeric_limits<double>::quiet_NaN();
    int line = 0;
};

/// All samples of one metric name (histograms and summaries: base name plus suffixes).
struct MetricFamily
{
    QString name;
    QString help;
    MetricType type = MetricType::Untyped;
    QList<Sample> samples;
    QList<LabelId> labelPool; ///< storage for the samples' labels
    /// Sample names, label names and values, each distinct string once; one table shared
    /// by every family of a PrometheusParseResult.
    QList<QString> strings;
    QList<HistogramSeries> histograms; ///< filled for Histogram families
    QList<SummarySeries> summaries;    ///< filled for Summary families

    /// The labels of @p sample in the order written, `le` / `quantile` included.
    class LabelRange
    {
    public:
        class iterator
        {
        public:
            using iterator_category = std::input_iterator_tag;
            using value_type = Label;
            using difference_type = std::ptrdiff_t;
            using pointer = void;
            using reference = LabelRef;

            iterator() = default;
            iterator(const LabelId *id, const QString *strings)
                : m_id(id)
                , m_strings(strings)
            {
            }
            LabelRef operator*() const { return {m_strings[m_id->name], m_strings[m_id->value]}; }
            iterator &operator++()
            {
                ++m_id;
                return *this;
            }
            iterator operator++(int)
            {
                iterator before = *this;
                ++m_id;
                return before;
            }
            friend bool operator==(const iterator &a, const iterator &b)
            {
                return a.m_id == b.m_id;
            }

        private:
            const LabelId *m_id = nullptr;
            const QString *m_strings = nullptr;
        };

        LabelRange(std::span<const LabelId> ids, const QString *strings)
            : m_ids(ids)
            , m_strings(strings)
        {
        }
        iterator begin() const { return {m_ids.data(), m_strings}; }
        iterator end() const { return {m_ids.data() + m_ids.size(), m_strings}; }
        size_t size() const { return m_ids.size(); }
        bool empty() const { return m_ids.empty(); }
        LabelRef operator[](size_t i) const
        {
            return {m_strings[m_ids[i].name], m_strings[m_ids[i].value]};
        }
        std::span<const LabelId> ids() const { return m_ids; }

    private:
        std::span<const LabelId> m_ids;
        const QString *m_strings;
    };

    LabelRange labels(const Sample &sample) const
    {
        return {{labelPool.constData() + sample.labelBegin, size_t(sample.labelCount)},
                strings.constData()};
    }
    /// The name of @p sample as written, e.g. "rpc_seconds_sum" in family "rpc_seconds".
    const QString &sampleName(const Sample &sample) const { return strings[sample.nameId]; }
    /// The value of the label called @p name, or a null QString when the sample has none.
    QString labelValue(const Sample &sample, QStringView name) const;
};

/// A label of a streamed sample: UTF-8 bytes, the value unescaped. The views point into
/// the parsed text or into the parser's scratch and are valid only during the call.
struct LabelView
{
    QByteArrayView name;
    QByteArrayView value;
};

/// One sample line as PrometheusParser::parse(text, visitor) hands it over: no strings are
/// built and nothing is allocated per sample. Valid only during the visitor call.
struct SampleView
{
    QByteArrayView name;               ///< as written, e.g. "rpc_seconds_sum"
    std::span<const LabelView> labels; ///< in the order written, `le` / `quantile` included
    double value = 0;
    double bound = std::numeric_limits<double>::quiet_NaN(); ///< `le` or `quantile`
    qint64 timestampMs = 0;
    int line = 0;    ///< 1-based line in the input
    int family = -1; ///< index given by PrometheusVisitor::familyAdded()
    /// Same number for the same sample name within one parse (-1 when too many names
    /// were seen to number them), so a visitor can cache per name without hashing.
    int nameId = -1;
    SampleRole role = SampleRole::Value;
    bool hasTimestamp = false;

    /// The value of the label called @p name; a null view when the sample has none.
    QByteArrayView labelValue(QByteArrayView name) const
    {
        for (const LabelView &l : labels) {
            if (l.name == name)
                return l.value;
        }
        return {};
    }
};

/**
 * Receives what the streaming parser finds, in input order. Families are numbered from 0
 * in order of first appearance, exactly as PrometheusParseResult::families lists them.
 * Histogram and summary series are not assembled on this path; samples carry their role.
 */
class PrometheusVisitor
{
public:
    virtual ~PrometheusVisitor();
    virtual void familyAdded(int family, QByteArrayView name);
    virtual void familyTyped(int family, MetricType type);
    virtual void familyHelpRead(int family, QByteArrayView helpUtf8); ///< unescaped
    virtual void sampleParsed(const SampleView &sample) = 0;
    /// Only the first PrometheusParser::maxIssues() issues; the rest are counted.
    virtual void issueFound(int line, const QString &message);
};

/// What one streaming parse saw.
struct PrometheusStreamSummary
{
    qsizetype samples = 0;
    qsizetype issues = 0;        ///< passed to the visitor
    qsizetype omittedIssues = 0; ///< beyond maxIssues(), only counted
    int lines = 0;
};

/// A line that could not be used, and why.
struct ParseIssue
{
    int line = 0; ///< 1-based
    QString message;
};

struct PrometheusParseResult
{
    QList<MetricFamily> families; ///< in order of first appearance
    QList<ParseIssue> issues;     ///< in line order, at most PrometheusParser::maxIssues()
    qsizetype omittedIssues = 0;  ///< further issues not listed

    const MetricFamily *family(QStringView name) const; ///< nullptr if absent
    qsizetype sampleCount() const;
    bool isClean() const { return issues.isEmpty() && omittedIssues == 0; }
};

/**
 * Strict parser of the Prometheus text exposition format 0.0.4. Bad lines are reported
 * with their line number and skipped; parsing always runs to the end and never throws.
 *
 * Names and label strings are interned: a result holds each distinct string once
 * (MetricFamily::strings) and samples refer to them by index, so building the result
 * copies no string per label. A parser kept for repeated scrapes of the same target
 * reuses its decoded strings and list sizes across parse() calls. Not thread-safe: use
 * one parser per thread.
 *
 * Tolerated beyond the letter of the format: `\r\n` line ends, a missing final newline,
 * a trailing comma in a label set, no blank between `}` and the value, and samples of
 * a family that appear in more than one group (they are merged).
 */
class PrometheusParser
{
    Q_DECLARE_TR_FUNCTIONS(ph::PrometheusParser)
public:
    PrometheusParser();
    ~PrometheusParser();
    PrometheusParser(const PrometheusParser &) = delete;
    PrometheusParser &operator=(const PrometheusParser &) = delete;

    /// Parses @p text into families, samples and assembled histogram / summary series.
    PrometheusParseResult parse(QByteArrayView text);
    /// Streams @p text to @p visitor without building strings: the fast path for callers
    /// that fold samples into their own figures. Same checks and messages as parse(),
    /// except the histogram checks that need whole series (missing `+Inf`, twice the
    /// same `le`), which only parse() makes.
    PrometheusStreamSummary parse(QByteArrayView text, PrometheusVisitor &visitor);
    PrometheusParseResult parse(const char *begin, const char *end)
    {
        return parse(QByteArrayView(begin, end - begin));
    }

    /// Issues beyond this many are only counted, so garbage input cannot flood memory.
    void setMaxIssues(int max) { m_maxIssues = max; }
    int maxIssues() const { return m_maxIssues; }

private:
    struct Private;
    std::unique_ptr<Private> d;
    int m_maxIssues = 1000;
};

} // namespace ph

// Implicitly shared members move with a memcpy, so growing the lists needs no refcounting.
Q_DECLARE_TYPEINFO(ph::Label, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::LabelId, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(ph::Sample, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::HistogramSeries, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::SummaryQuantile, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(ph::SummarySeries, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::MetricFamily, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::ParseIssue, Q_RELOCATABLE_TYPE);
Q_DECLARE_TYPEINFO(ph::LabelView, Q_PRIMITIVE_TYPE);
