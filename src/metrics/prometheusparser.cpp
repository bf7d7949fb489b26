// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/prometheusparser.h"

#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

enum CharClass : quint8
{
    MetricStart = 1,
    MetricChar = 2,
    LabelStart = 4,
    LabelChar = 8,
};

constexpr std::array<quint8, 256> makeClassTable()
{
    std::array<quint8, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        quint8 v = 0;
        if (alpha || c == ':')
            v |= MetricStart | MetricChar;
        if (digit)
            v |= MetricChar | LabelChar;
        if (alpha)
            v |= LabelStart | LabelChar;
        t[size_t(c)] = v;
    }
    return t;
}

constexpr std::array<quint8, 256> kClass = makeClassTable();

inline bool is(char c, quint8 cls)
{
    return kClass[static_cast<unsigned char>(c)] & cls;
}

inline bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

inline const char *skipBlanks(const char *p, const char *end)
{
    while (p < end && isBlank(*p))
        ++p;
    return p;
}

// Not a cryptographic hash: the per-parser seed and the table caps keep a hostile
// exposition from turning lookups quadratic for long.
inline quint64 hashBytes(const char *p, size_t n, quint64 seed)
{
    quint64 h = seed ^ (n * 0x9E3779B97F4A7C15ull);
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    quint64 v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

/// memcmp() == 0 for the short strings of an exposition, without the library call.
inline bool sameBytes(const char *a, const char *b, size_t n)
{
    const auto load8 = [](const char *p) {
        quint64 v;
        std::memcpy(&v, p, 8);
        return v;
    };
    if (n >= 8) {
        for (; n > 8; a += 8, b += 8, n -= 8) {
            if (load8(a) != load8(b))
                return false;
        }
        return load8(a + n - 8) == load8(b + n - 8);
    }
    if (n >= 4) {
        quint32 x, y, u, v;
        std::memcpy(&x, a, 4);
        std::memcpy(&y, b, 4);
        std::memcpy(&u, a + n - 4, 4);
        std::memcpy(&v, b + n - 4, 4);
        return x == y && u == v;
    }
    for (size_t i = 0; i < n; ++i) {
        if (a[i] != b[i])
            return false;
    }
    return true;
}

/// Open-addressing table keyed by raw bytes, so lookups need no QByteArray or QString.
template <typename V> class ByteTable
{
public:
    ByteTable(quint64 seed, size_t maxEntries)
        : m_seed(seed)
        , m_maxEntries(maxEntries)
    {
        m_slots.resize(256);
    }

    quint64 hash(const char *p, size_t n) const { return hashBytes(p, n, m_seed); }

    V *find(const char *p, size_t n, quint64 h)
    {
        const size_t mask = m_slots.size() - 1;
        for (size_t i = h & mask;; i = (i + 1) & mask) {
            Slot &s = m_slots[i];
            if (!s.used)
                return nullptr;
            if (s.hash == h && s.length == n && sameBytes(m_keys.data() + s.offset, p, n))
                return &s.value;
        }
    }

    /// nullptr when the table is full; callers then work without caching.
    V *insert(const char *p, size_t n, quint64 h, V value)
    {
        if (m_size >= m_maxEntries || m_keys.size() + n > kMaxKeyBytes)
            return nullptr;
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        const size_t mask = m_slots.size() - 1;
        size_t i = h & mask;
        while (m_slots[i].used)
            i = (i + 1) & mask;
        Slot &s = m_slots[i];
        s.used = true;
        s.hash = h;
        s.offset = quint32(m_keys.size());
        s.length = quint32(n);
        s.value = std::move(value);
        m_keys.append(p, n);
        ++m_size;
        return &s.value;
    }

    /// Empties the table. Storage up to kKeptSlots stays allocated: a parser reused for
    /// the next scrape of the same target would grow it again, page fault by page fault.
    void clear()
    {
        if (m_slots.size() > kKeptSlots)
            m_slots.assign(kKeptSlots, Slot{});
        else
            std::fill(m_slots.begin(), m_slots.end(), Slot{});
        m_keys.clear();
        if (m_keys.capacity() > kKeptKeyBytes)
            m_keys.shrink_to_fit();
        m_size = 0;
    }

private:
    static constexpr size_t kMaxKeyBytes = 256u << 20;
    static constexpr size_t kKeptSlots = 1u << 16;
    static constexpr size_t kKeptKeyBytes = 4u << 20;

    struct Slot
    {
        quint64 hash = 0;
        quint32 offset = 0;
        quint32 length = 0;
        bool used = false;
        V value{};
    };

    void grow()
    {
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        const size_t mask = m_slots.size() - 1;
        for (Slot &s : old) {
            if (!s.used)
                continue;
            size_t i = s.hash & mask;
            while (m_slots[i].used)
                i = (i + 1) & mask;
            m_slots[i] = std::move(s);
        }
    }

    quint64 m_seed;
    size_t m_maxEntries;
    size_t m_size = 0;
    std::vector<Slot> m_slots;
    std::string m_keys;
};

/// How a sample name maps onto a family; cached per parse and per type generation.
struct NameInfo
{
    int family = -1;
    int nameId = -1;
    quint32 generation = 0;
    SampleRole role = SampleRole::Value;
    bool histogramBase = false; ///< a histogram family's bare name: not a valid sample
};

enum FamilyFlag : quint8
{
    HelpSeen = 1,
    TypeSeen = 2,
    HasSamples = 4,
};

struct FamilyState
{
    MetricType type = MetricType::Untyped;
    quint8 flags = 0;
};

/// Whether any of the eight bytes at @p p is '"', '\\' or outside ASCII: until then a
/// label value can be skipped eight bytes at a time.
inline bool hasQuoteEscapeOrHighBit(const char *p)
{
    constexpr quint64 kOnes = 0x0101010101010101ull;
    constexpr quint64 kHighs = 0x8080808080808080ull;
    quint64 v;
    std::memcpy(&v, p, 8);
    const auto zeroByte = [](quint64 x) {
        return (x - kOnes) & ~x & kHighs;
    };
    return (zeroByte(v ^ (kOnes * '"')) | zeroByte(v ^ (kOnes * '\\')) | (v & kHighs)) != 0;
}

/// Whether any byte in [p, end) is outside ASCII, eight bytes at a time.
inline bool hasHighBit(const char *p, const char *end)
{
    for (; end - p >= 8; p += 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        if (v & 0x8080808080808080ull)
            return true;
    }
    for (; p < end; ++p) {
        if (static_cast<unsigned char>(*p) & 0x80)
            return true;
    }
    return false;
}

inline QString latin1(const char *p, size_t n)
{
    return QString::fromLatin1(p, qsizetype(n));
}

inline QString latin1(QByteArrayView v)
{
    return QString::fromLatin1(v);
}

/**
 * The common short decimals ("0.25", "1027", "4.5e-3") without std::from_chars: with at
 * most 15 digits the mantissa is an exact double, and so is a power of ten up to 1e22, so
 * one multiplication or division rounds correctly and the result is the one from_chars
 * gives. Anything else (more digits, larger exponents, odd syntax) is left to from_chars.
 */
bool fastDecimal(const char *p, const char *e, double &out)
{
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    quint64 mantissa = 0;
    int digits = 0;
    int fraction = 0;
    for (; p < e && *p >= '0' && *p <= '9'; ++p, ++digits)
        mantissa = mantissa * 10 + quint64(*p - '0');
    if (p < e && *p == '.') {
        for (++p; p < e && *p >= '0' && *p <= '9'; ++p, ++digits, ++fraction)
            mantissa = mantissa * 10 + quint64(*p - '0');
    }
    if (digits == 0 || digits > 15)
        return false;
    int exponent = 0;
    if (p < e && (*p == 'e' || *p == 'E')) {
        ++p;
        bool negativeExponent = false;
        if (p < e && (*p == '+' || *p == '-'))
            negativeExponent = *p++ == '-';
        const char *first = p;
        for (; p < e && *p >= '0' && *p <= '9' && p - first < 4; ++p)
            exponent = exponent * 10 + (*p - '0');
        if (p == first)
            return false;
        if (negativeExponent)
            exponent = -exponent;
    }
    if (p != e)
        return false;
    exponent -= fraction;
    if (exponent < -22 || exponent > 22)
        return false;
    const double m = double(mantissa);
    out = exponent < 0 ? m / kPow10[-exponent] : m * kPow10[exponent];
    return true;
}

bool parseDouble(const char *b, const char *e, double &out)
{
    if (b == e)
        return false;
    const char *p = b;
    bool negative = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        ++p;
    }
    if (p == e)
        return false;
    if ((*p >= '0' && *p <= '9') || *p == '.') {
        if (fastDecimal(p, e, out)) {
            if (negative)
                out = -out;
            return true;
        }
        const auto r = std::from_chars(p, e, out, std::chars_format::general);
        if (r.ec != std::errc{} || r.ptr != e)
            return false;
        if (negative)
            out = -out;
        return true;
    }
    const QLatin1StringView word(p, e - p);
    if (word.compare("inf"_L1, Qt::CaseInsensitive) == 0 ||
        word.compare("infinity"_L1, Qt::CaseInsensitive) == 0) {
        out = negative ? -kInf : kInf;
        return true;
    }
    if (p == b && word.compare("nan"_L1, Qt::CaseInsensitive) == 0) {
        out = kNaN;
        return true;
    }
    return false;
}

bool parseTimestamp(const char *b, const char *e, qint64 &out)
{
    if (b < e && *b == '+')
        ++b;
    if (b == e)
        return false;
    const auto r = std::from_chars(b, e, out);
    return r.ec == std::errc{} && r.ptr == e;
}

QString snippet(const char *b, const char *e)
{
    constexpr qsizetype kMax = 40;
    const qsizetype n = e - b;
    QString s = QString::fromUtf8(b, std::min(n, kMax));
    if (n > kMax)
        s += u"…"_s;
    return s;
}

QString describeLabels(const QList<Label> &labels)
{
    QString s = u"{"_s;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        if (i)
            s += u',';
        s += labels[i].name + u"=\""_s + labels[i].value + u'"';
    }
    return s + u'}';
}

} // namespace

QString metricTypeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return u"counter"_s;
    case MetricType::Gauge:
        return u"gauge"_s;
    case MetricType::Histogram:
        return u"histogram"_s;
    case MetricType::Summary:
        return u"summary"_s;
    case MetricType::Untyped:
        break;
    }
    return u"untyped"_s;
}

QString MetricFamily::labelValue(const Sample &sample, QStringView name) const
{
    for (const LabelRef l : labels(sample)) {
        if (l.name == name)
            return l.value;
    }
    return {};
}

const MetricFamily *PrometheusParseResult::family(QStringView name) const
{
    for (const MetricFamily &f : families) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

qsizetype PrometheusParseResult::sampleCount() const
{
    qsizetype n = 0;
    for (const MetricFamily &f : families)
        n += f.samples.size();
    return n;
}

PrometheusVisitor::~PrometheusVisitor() = default;

void PrometheusVisitor::familyAdded(int, QByteArrayView) {}

void PrometheusVisitor::familyTyped(int, MetricType) {}

void PrometheusVisitor::familyHelpRead(int, QByteArrayView) {}

void PrometheusVisitor::issueFound(int, const QString &) {}

struct PrometheusParser::Private
{
    /// Checks every line and hands samples to a visitor as views into the text: the only
    /// allocations are table growth, so the cost per sample is scanning and number parsing.
    struct Stream
    {
        explicit Stream(quint64 seed)
            : familyByName(seed, std::numeric_limits<size_t>::max())
            , resolved(seed, 1u << 20)
        {
        }

        ByteTable<int> familyByName;
        ByteTable<NameInfo> resolved;
        std::vector<FamilyState> families;
        std::vector<LabelView> labels;
        // Label values with escapes, unescaped; sized for the whole line before the first
        // value is written, so views into it stay valid until the sample is handed over.
        std::string unescaped;
        std::string helpText;
        static constexpr size_t kKeptScratchBytes = 64u << 10;
        PrometheusVisitor *visitor = nullptr;
        PrometheusStreamSummary summary;
        int maxIssues = 0;
        int line = 0;
        int nextNameId = 0;
        quint32 generation = 1;
        // The last few sample names with their NameInfo: a series' lines come in runs of
        // the same name (and a histogram's alternate between three), so comparing with
        // them is cheaper than scanning and hashing the name.
        struct RecentName
        {
            const char *name = nullptr;
            size_t length = 0;
            NameInfo info;
        };
        std::array<RecentName, 4> recentNames;
        size_t nextRecentName = 0;
        // The label names of the last line whose labels were all valid, so distinct. A line
        // starting with the same names needs neither scanning them nor the duplicate check.
        std::vector<QByteArrayView> knownNames;

        void issue(const QString &message)
        {
            if (summary.issues >= maxIssues) {
                ++summary.omittedIssues;
                return;
            }
            ++summary.issues;
            visitor->issueFound(line, message);
        }

        int familyIndex(const char *p, size_t n)
        {
            const int *index = familyByName.find(p, n, familyByName.hash(p, n));
            return index ? *index : -1;
        }

        int createFamily(const char *p, size_t n)
        {
            const int index = int(families.size());
            families.push_back(FamilyState{});
            familyByName.insert(p, n, familyByName.hash(p, n), index);
            visitor->familyAdded(index, QByteArrayView(p, qsizetype(n)));
            return index;
        }

        int familyFor(const char *p, size_t n)
        {
            const int index = familyIndex(p, n);
            return index >= 0 ? index : createFamily(p, n);
        }

        NameInfo resolve(const char *p, size_t n)
        {
            NameInfo info;
            info.generation = generation;
            static constexpr struct
            {
                const char *suffix;
                size_t length;
                SampleRole role;
            } suffixes[] = {{"_bucket", 7, SampleRole::Bucket},
                            {"_sum", 4, SampleRole::Sum},
                            {"_count", 6, SampleRole::Count}};
            for (const auto &s : suffixes) {
                if (n <= s.length || std::memcmp(p + n - s.length, s.suffix, s.length) != 0)
                    continue;
                const int base = familyIndex(p, n - s.length);
                if (base < 0)
                    continue;
                const MetricType type = families[size_t(base)].type;
                if (type == MetricType::Histogram ||
                    (type == MetricType::Summary && s.role != SampleRole::Bucket)) {
                    info.family = base;
                    info.role = s.role;
                    return info;
                }
            }
            info.family = familyFor(p, n);
            const MetricType type = families[size_t(info.family)].type;
            if (type == MetricType::Histogram)
                info.histogramBase = true;
            else if (type == MetricType::Summary)
                info.role = SampleRole::Quantile;
            return info;
        }

        void parseLine(const char *p, const char *end)
        {
            p = skipBlanks(p, end);
            if (p == end)
                return;
            if (*p == '#')
                parseComment(p + 1, end);
            else
                parseSample(p, end);
        }

        /// Reads a metric name at p; returns its end, or p when none starts there.
        static const char *scanMetricName(const char *p, const char *end)
        {
            if (p == end || !is(*p, MetricStart))
                return p;
            ++p;
            while (p < end && is(*p, MetricChar))
                ++p;
            return p;
        }

        void parseComment(const char *p, const char *end)
        {
            p = skipBlanks(p, end);
            const char *kw = p;
            while (p < end && !isBlank(*p))
                ++p;
            const QLatin1StringView keyword(kw, p - kw);
            const bool isHelp = keyword == "HELP"_L1;
            if (!isHelp && keyword != "TYPE"_L1)
                return; // an ordinary comment
            p = skipBlanks(p, end);
            const char *nameEnd = scanMetricName(p, end);
            if (nameEnd == p) {
                issue(
                    p == end
                        ? tr("%1 line without a metric name.").arg(keyword)
                        : tr("%1 line: invalid metric name \"%2\".").arg(keyword, snippet(p, end)));
                return;
            }
            if (nameEnd < end && !isBlank(*nameEnd)) {
                issue(tr("%1 line: invalid character '%2' in metric name \"%3\".")
                          .arg(keyword, QString::fromUtf8(nameEnd, 1), snippet(p, end)));
                return;
            }
            const QByteArrayView name(p, nameEnd - p);
            p = skipBlanks(nameEnd, end);
            if (isHelp)
                parseHelp(name, p, end);
            else
                parseType(name, p, end);
        }

        void parseHelp(QByteArrayView name, const char *p, const char *end)
        {
            QByteArrayView text(p, end - p);
            if (std::memchr(p, '\\', size_t(end - p))) {
                helpText.clear();
                for (; p < end; ++p) {
                    if (*p != '\\') {
                        helpText.push_back(*p);
                        continue;
                    }
                    const char next = p + 1 < end ? p[1] : '\0';
                    if (next == '\\') {
                        helpText.push_back('\\');
                    } else if (next == 'n') {
                        helpText.push_back('\n');
                    } else {
                        issue(tr("HELP line for \"%1\": invalid escape sequence \"\\%2\"; only "
                                 "\\\\ and \\n are allowed.")
                                  .arg(latin1(name), QString::fromUtf8(&next, next ? 1 : 0)));
                        return;
                    }
                    ++p;
                }
                text = QByteArrayView(helpText.data(), qsizetype(helpText.size()));
            }
            const int index = familyFor(name.data(), size_t(name.size()));
            FamilyState &family = families[size_t(index)];
            if (family.flags & HelpSeen) {
                issue(tr("Second HELP line for \"%1\"; it is ignored.").arg(latin1(name)));
                return;
            }
            family.flags |= HelpSeen;
            visitor->familyHelpRead(index, text);
        }

        void parseType(QByteArrayView name, const char *p, const char *end)
        {
            const char *tb = p;
            while (p < end && !isBlank(*p))
                ++p;
            const QLatin1StringView word(tb, p - tb);
            MetricType type;
            if (word == "counter"_L1)
                type = MetricType::Counter;
            else if (word == "gauge"_L1)
                type = MetricType::Gauge;
            else if (word == "histogram"_L1)
                type = MetricType::Histogram;
            else if (word == "summary"_L1)
                type = MetricType::Summary;
            else if (word == "untyped"_L1)
                type = MetricType::Untyped;
            else {
                issue(word.isEmpty()
                          ? tr("TYPE line for \"%1\" names no type.").arg(latin1(name))
                          : tr("TYPE line for \"%1\": unknown type \"%2\" (expected counter, "
                               "gauge, histogram, summary or untyped).")
                                .arg(latin1(name), snippet(tb, p)));
                return;
            }
            p = skipBlanks(p, end);
            if (p != end) {
                issue(tr("TYPE line for \"%1\": unexpected text \"%2\" after the type.")
                          .arg(latin1(name), snippet(p, end)));
                return;
            }
            const int index = familyFor(name.data(), size_t(name.size()));
            FamilyState &family = families[size_t(index)];
            if (family.flags & TypeSeen) {
                issue(tr("Second TYPE line for \"%1\"; it is ignored.").arg(latin1(name)));
                return;
            }
            if (family.flags & HasSamples) {
                issue(tr("TYPE line for \"%1\" comes after its samples; it is ignored.")
                          .arg(latin1(name)));
                return;
            }
            family.flags |= TypeSeen;
            family.type = type;
            visitor->familyTyped(index, type);
            // Suffixed names may now belong to this family.
            ++generation;
        }

        const LabelView *findLabel(QByteArrayView name) const
        {
            for (const LabelView &l : labels) {
                if (l.name.size() == name.size() &&
                    sameBytes(l.name.data(), name.data(), size_t(name.size())))
                    return &l;
            }
            return nullptr;
        }

        bool labelsDone()
        {
            knownNames.resize(labels.size());
            for (size_t i = 0; i < labels.size(); ++i)
                knownNames[i] = labels[i].name;
            return true;
        }

        /// p is just after '{'; on success p is just after '}'.
        bool parseLabels(const char *&p, const char *end, QByteArrayView metric)
        {
            if (unescaped.size() < size_t(end - p))
                unescaped.resize(size_t(end - p));
            char *scratch = unescaped.data();
            bool namesKnown = true; // so far the same names as knownNames
            for (;;) {
                p = skipBlanks(p, end);
                if (p == end) {
                    issue(tr("Labels of \"%1\" are not closed with '}'.").arg(latin1(metric)));
                    return false;
                }
                if (*p == '}') {
                    ++p;
                    return labelsDone();
                }
                const char *nb = p;
                const size_t index = labels.size();
                if (namesKnown && index < knownNames.size()) {
                    const size_t n = size_t(knownNames[index].size());
                    namesKnown = size_t(end - p) >= n &&
                                 sameBytes(knownNames[index].data(), p, n) &&
                                 (size_t(end - p) == n || !is(p[n], LabelChar));
                    if (namesKnown)
                        p += n;
                } else {
                    namesKnown = false;
                }
                if (!namesKnown) {
                    if (!is(*p, LabelStart)) {
                        issue(tr("Invalid label name at \"%1\" in \"%2\".")
                                  .arg(snippet(p, end), latin1(metric)));
                        return false;
                    }
                    ++p;
                    while (p < end && is(*p, LabelChar))
                        ++p;
                }
                const QByteArrayView name(nb, p - nb);
                p = skipBlanks(p, end);
                if (p == end || *p != '=') {
                    issue(tr("Expected '=' after label name \"%1\" in \"%2\".")
                              .arg(latin1(name), latin1(metric)));
                    return false;
                }
                p = skipBlanks(p + 1, end);
                if (p == end || *p != '"') {
                    issue(tr("The value of label \"%1\" in \"%2\" must be in double quotes.")
                              .arg(latin1(name), latin1(metric)));
                    return false;
                }
                const char *vb = ++p;
                bool escaped = false;
                bool highBit = false;
                while (end - p >= 8 && !hasQuoteEscapeOrHighBit(p))
                    p += 8;
                while (p < end && *p != '"') {
                    highBit |= static_cast<unsigned char>(*p) >= 0x80;
                    if (*p == '\\') {
                        const char next = p + 1 < end ? p[1] : '\0';
                        if (next != '\\' && next != '"' && next != 'n') {
                            issue(tr("Invalid escape sequence \"\\%1\" in the value of label "
                                     "\"%2\" (only \\\\, \\\" and \\n are allowed).")
                                      .arg(QString::fromUtf8(&next, next ? 1 : 0), latin1(name)));
                            return false;
                        }
                        escaped = true;
                        ++p;
                    }
                    ++p;
                }
                if (p == end) {
                    issue(tr("The value of label \"%1\" in \"%2\" has no closing quote.")
                              .arg(latin1(name), latin1(metric)));
                    return false;
                }
                const char *ve = p++;
                if (!namesKnown && findLabel(name)) {
                    issue(tr("Label \"%1\" appears twice in \"%2\".")
                              .arg(latin1(name), latin1(metric)));
                    return false;
                }
                QByteArrayView value(vb, ve - vb);
                if (escaped) {
                    char *w = scratch;
                    for (const char *q = vb; q < ve; ++q) {
                        if (*q == '\\') {
                            ++q;
                            *w++ = *q == 'n' ? '\n' : *q;
                        } else {
                            *w++ = *q;
                        }
                    }
                    value = QByteArrayView(scratch, w - scratch);
                    scratch = w;
                }
                if (highBit && !value.isValidUtf8()) {
                    issue(tr("The value of label \"%1\" in \"%2\" is not valid UTF-8.")
                              .arg(latin1(name), latin1(metric)));
                    return false;
                }
                labels.push_back(LabelView{name, value});
                p = skipBlanks(p, end);
                if (p < end && *p == ',') {
                    ++p;
                    continue;
                }
                if (p < end && *p == '}') {
                    ++p;
                    return labelsDone();
                }
                issue(tr("Expected ',' or '}' after the value of label \"%1\" in \"%2\".")
                          .arg(latin1(name), latin1(metric)));
                return false;
            }
        }

        NameInfo lookUp(const char *p, size_t n)
        {
            const quint64 h = resolved.hash(p, n);
            NameInfo *cached = resolved.find(p, n, h);
            if (cached && cached->generation == generation)
                return *cached;
            NameInfo info = resolve(p, n);
            if (cached) {
                info.nameId = cached->nameId;
                *cached = info;
            } else if (NameInfo *inserted = resolved.insert(p, n, h, info)) {
                inserted->nameId = info.nameId = nextNameId++;
            }
            return info;
        }

        void parseSample(const char *p, const char *end)
        {
            const char *nameBegin = p;
            RecentName *recent = nullptr;
            for (RecentName &r : recentNames) {
                if (r.name && size_t(end - p) >= r.length && sameBytes(r.name, p, r.length) &&
                    (size_t(end - p) == r.length || !is(p[r.length], MetricChar))) {
                    recent = &r;
                    break;
                }
            }
            const char *nameEnd = recent ? p + recent->length : scanMetricName(p, end);
            if (nameEnd == nameBegin) {
                issue(tr("Expected a metric name, a comment or an empty line, found \"%1\".")
                          .arg(snippet(p, end)));
                return;
            }
            const size_t nameLength = size_t(nameEnd - nameBegin);
            const QByteArrayView name(nameBegin, qsizetype(nameLength));
            if (!recent) {
                recent = &recentNames[nextRecentName];
                nextRecentName = (nextRecentName + 1) % recentNames.size();
                recent->name = nameBegin;
                recent->length = nameLength;
                recent->info = lookUp(nameBegin, nameLength);
            } else if (recent->info.generation != generation) {
                recent->info = lookUp(nameBegin, nameLength);
            }
            const NameInfo info = recent->info;

            p = nameEnd;
            labels.clear();
            if (p < end && *p == '{') {
                ++p;
                if (!parseLabels(p, end, name))
                    return;
            } else if (p < end && !isBlank(*p)) {
                issue(tr("Invalid character '%1' in metric name \"%2\".")
                          .arg(QString::fromUtf8(p, 1), snippet(nameBegin, end)));
                return;
            }
            p = skipBlanks(p, end);
            const char *vb = p;
            while (p < end && !isBlank(*p))
                ++p;
            if (vb == p) {
                issue(tr("Sample \"%1\" has no value.").arg(latin1(name)));
                return;
            }
            double value;
            if (!parseDouble(vb, p, value)) {
                issue(tr("Sample \"%1\" has an invalid value \"%2\" (expected a number, NaN, "
                         "+Inf or -Inf).")
                          .arg(latin1(name), snippet(vb, p)));
                return;
            }
            p = skipBlanks(p, end);
            qint64 timestamp = 0;
            bool hasTimestamp = false;
            if (p < end) {
                const char *tb = p;
                while (p < end && !isBlank(*p))
                    ++p;
                if (!parseTimestamp(tb, p, timestamp)) {
                    issue(tr("Sample \"%1\" has an invalid timestamp \"%2\" (expected integer "
                             "milliseconds).")
                              .arg(latin1(name), snippet(tb, p)));
                    return;
                }
                hasTimestamp = true;
                p = skipBlanks(p, end);
                if (p < end) {
                    issue(tr("Unexpected text \"%1\" after the timestamp of \"%2\".")
                              .arg(snippet(p, end), latin1(name)));
                    return;
                }
            }

            if (info.histogramBase) {
                issue(tr("\"%1\" is a histogram: its samples are %1_bucket, %1_sum and "
                         "%1_count.")
                          .arg(latin1(name)));
                return;
            }
            double bound = kNaN;
            if (info.role == SampleRole::Bucket || info.role == SampleRole::Quantile) {
                const bool bucket = info.role == SampleRole::Bucket;
                const LabelView *l = findLabel(bucket ? "le" : "quantile");
                if (!l) {
                    issue(bucket
                              ? tr("Histogram bucket \"%1\" has no \"le\" label.").arg(latin1(name))
                              : tr("Summary sample \"%1\" has no \"quantile\" label.")
                                    .arg(latin1(name)));
                    return;
                }
                if (!parseDouble(l->value.data(), l->value.data() + l->value.size(), bound) ||
                    std::isnan(bound)) {
                    issue(tr("Label \"%1\" of \"%2\" must be a number, found \"%3\".")
                              .arg(bucket ? u"le"_s : u"quantile"_s, latin1(name),
                                   QString::fromUtf8(l->value)));
                    return;
                }
            }

            SampleView sample;
            sample.name = name;
            sample.labels = std::span<const LabelView>(labels.data(), labels.size());
            sample.value = value;
            sample.bound = bound;
            sample.timestampMs = timestamp;
            sample.hasTimestamp = hasTimestamp;
            sample.line = line;
            sample.family = info.family;
            sample.nameId = info.nameId;
            sample.role = info.role;
            families[size_t(info.family)].flags |= HasSamples;
            ++summary.samples;
            visitor->sampleParsed(sample);
        }

        PrometheusStreamSummary run(QByteArrayView text, PrometheusVisitor &to, int issueLimit)
        {
            visitor = &to;
            maxIssues = issueLimit;
            summary = {};
            line = 0;
            nextNameId = 0;
            generation = 1;
            recentNames = {};
            knownNames.clear();
            families.clear();
            familyByName.clear();
            resolved.clear();

            const char *p = text.data();
            const char *const end = p + text.size();
            while (p < end) {
                ++line;
                const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
                const char *lineEnd = nl ? nl : end;
                const char *contentEnd = lineEnd;
                if (contentEnd > p && contentEnd[-1] == '\r')
                    --contentEnd;
                parseLine(p, contentEnd);
                p = nl ? nl + 1 : end;
            }
            summary.lines = line;
            visitor = nullptr;
            labels.clear();
            // The scratch is as long as the longest labelled line: keep it for the next
            // scrape, unless one odd line made it large.
            if (unescaped.size() > kKeptScratchBytes) {
                unescaped.clear();
                unescaped.shrink_to_fit();
            }
            return summary;
        }
    };

    /// Builds a PrometheusParseResult from the stream: one table of distinct strings per
    /// result, samples and labels as indexes into it, then assembled histogram and summary
    /// series. Indexes instead of QString copies keep the per-label cost to a byte compare
    /// and an 8-byte append: no reference counting and no allocation per sample.
    struct Builder final : PrometheusVisitor
    {
        explicit Builder(quint64 seed)
            : ids(seed, std::numeric_limits<size_t>::max())
            , decoded(seed, 1u << 18)
        {
        }

        // Per parse: bytes -> index into `strings`, so equal indexes mean equal strings and
        // the series assembly compares integers. Should the table's key storage run out
        // (gigabytes of distinct strings), the rest go to `overflow`.
        ByteTable<int> ids;
        std::unordered_map<std::string, int> overflow;
        QList<QString> strings;
        // Kept across parses: the same target exposes the same strings every scrape, so
        // their QStrings are decoded once.
        ByteTable<QString> decoded;

        PrometheusParseResult *out = nullptr;
        int maxIssues = 0;
        std::vector<int> sampleNames; ///< string index by SampleView::nameId, per parse

        // The sizes of the previous result, family by family: a parser reused for the
        // same target reserves them up front instead of growing every list by doubling.
        struct Shape
        {
            QString name;
            qsizetype samples = 0;
            qsizetype labels = 0;
            qsizetype series = 0;
        };
        QList<Shape> lastShape;
        qsizetype lastStrings = 0;

        void issue(int atLine, QString message)
        {
            if (out->issues.size() >= maxIssues) {
                ++out->omittedIssues;
                return;
            }
            out->issues.append(ParseIssue{atLine, std::move(message)});
        }

        QString decode(QByteArrayView v)
        {
            const quint64 h = decoded.hash(v.data(), size_t(v.size()));
            if (QString *s = decoded.find(v.data(), size_t(v.size()), h))
                return *s;
            // The stream has checked that values are valid UTF-8; names are ASCII.
            QString s = hasHighBit(v.data(), v.data() + v.size()) ? QString::fromUtf8(v)
                                                                  : QString::fromLatin1(v);
            decoded.insert(v.data(), size_t(v.size()), h, s);
            return s;
        }

        int intern(QByteArrayView v)
        {
            const quint64 h = ids.hash(v.data(), size_t(v.size()));
            if (const int *id = ids.find(v.data(), size_t(v.size()), h))
                return *id;
            std::string key;
            if (!overflow.empty()) {
                key.assign(v.data(), size_t(v.size()));
                const auto it = overflow.find(key);
                if (it != overflow.end())
                    return it->second;
            }
            const int id = int(strings.size());
            strings.append(decode(v));
            if (!ids.insert(v.data(), size_t(v.size()), h, id)) {
                key.assign(v.data(), size_t(v.size()));
                overflow.emplace(std::move(key), id);
            }
            return id;
        }

        // Consecutive samples usually repeat the label names, and most values, at the same
        // positions; a byte comparison with the previous sample is cheaper than a hash
        // lookup. Reset every parse, as the indexes are.
        // The bytes are remembered by pointer when they lie in the parsed text, which
        // outlives the parse; unescaped values live in the stream's scratch and are copied.
        struct Recent
        {
            const char *data = nullptr;
            size_t size = 0;
            int id = -1;
            std::string copy;
        };
        static constexpr size_t kRecentSlots = 32;
        std::array<Recent, kRecentSlots> recentNames;
        std::array<Recent, kRecentSlots> recentValues;
        const char *textBegin = nullptr;
        const char *textEnd = nullptr;

        int cached(std::array<Recent, kRecentSlots> &slots, size_t position, QByteArrayView bytes)
        {
            if (position >= kRecentSlots)
                return intern(bytes);
            Recent &r = slots[position];
            const size_t n = size_t(bytes.size());
            if (r.id >= 0 && r.size == n && sameBytes(r.data, bytes.data(), n))
                return r.id;
            r.id = intern(bytes);
            r.size = n;
            if (bytes.data() >= textBegin && bytes.data() + n <= textEnd) {
                r.data = bytes.data();
            } else {
                r.copy.assign(bytes.data(), n);
                r.data = r.copy.data();
            }
            return r.id;
        }

        // Values that change on every line at one position (`le`, `quantile`) cycle through
        // a few strings: a small table per position, indexed by the first bytes, catches
        // them before the hash lookup. Only bytes in the parsed text are kept.
        struct ValueSlot
        {
            const char *data = nullptr;
            quint32 size = 0;
            int id = -1;
        };
        static constexpr size_t kValueSlots = 64;
        std::array<std::array<ValueSlot, kValueSlots>, kRecentSlots> recentValueSets;

        static size_t valueSlot(QByteArrayView bytes)
        {
            quint64 v = 0;
            std::memcpy(&v, bytes.data(), std::min<size_t>(8, size_t(bytes.size())));
            v ^= quint64(bytes.size()) << 59;
            return size_t((v * 0x9E3779B97F4A7C15ull) >> 58);
        }

        int cachedValue(size_t position, QByteArrayView bytes)
        {
            if (position >= kRecentSlots)
                return intern(bytes);
            const size_t n = size_t(bytes.size());
            const Recent &r = recentValues[position];
            if (r.id >= 0 && r.size == n && sameBytes(r.data, bytes.data(), n))
                return r.id;
            const bool inText = bytes.data() >= textBegin && bytes.data() + n <= textEnd;
            if (!inText || n > 64)
                return cached(recentValues, position, bytes);
            ValueSlot &slot = recentValueSets[position][valueSlot(bytes)];
            if (slot.id >= 0 && slot.size == n && sameBytes(slot.data, bytes.data(), n)) {
                Recent &last = recentValues[position];
                last.id = slot.id;
                last.data = slot.data;
                last.size = n;
                return slot.id;
            }
            const int id = cached(recentValues, position, bytes);
            slot = ValueSlot{bytes.data(), quint32(n), id};
            return id;
        }

        int sampleName(const SampleView &s)
        {
            if (s.nameId < 0)
                return intern(s.name);
            if (size_t(s.nameId) >= sampleNames.size())
                sampleNames.resize(size_t(s.nameId) + 1, -1);
            int &slot = sampleNames[size_t(s.nameId)];
            if (slot < 0)
                slot = intern(s.name);
            return slot;
        }

        void start(PrometheusParseResult *result, int issueLimit, QByteArrayView text)
        {
            out = result;
            maxIssues = issueLimit;
            textBegin = text.data();
            textEnd = text.data() + text.size();
            ids.clear();
            overflow.clear();
            strings = QList<QString>();
            strings.reserve(lastStrings);
            sampleNames.clear();
            for (Recent &r : recentNames)
                r.id = -1;
            for (Recent &r : recentValues)
                r.id = -1;
            for (auto &set : recentValueSets)
                set.fill(ValueSlot{});
        }

        void familyAdded(int family, QByteArrayView name) override
        {
            Q_ASSERT(family == out->families.size());
            if (family == 0 && out->families.capacity() < lastShape.size())
                out->families.reserve(lastShape.size());
            MetricFamily f;
            f.name = decode(name);
            if (family < lastShape.size() && lastShape[family].name == f.name) {
                f.samples.reserve(lastShape[family].samples);
                f.labelPool.reserve(lastShape[family].labels);
            }
            out->families.append(std::move(f));
        }

        void familyTyped(int family, MetricType type) override
        {
            out->families[family].type = type;
        }

        void familyHelpRead(int family, QByteArrayView help) override
        {
            out->families[family].help = QString::fromUtf8(help);
        }

        void issueFound(int line, const QString &message) override
        {
            out->issues.append(ParseIssue{line, message});
        }

        void sampleParsed(const SampleView &s) override
        {
            MetricFamily &family = out->families[s.family];
            Sample &sample = family.samples.emplace_back();
            sample.nameId = sampleName(s);
            sample.value = s.value;
            sample.bound = s.bound;
            sample.timestampMs = s.timestampMs;
            sample.hasTimestamp = s.hasTimestamp;
            sample.line = s.line;
            sample.role = s.role;
            const qsizetype begin = family.labelPool.size();
            sample.labelBegin = int(begin);
            sample.labelCount = int(s.labels.size());
            family.labelPool.resize(begin + qsizetype(s.labels.size()));
            LabelId *ids = family.labelPool.data() + begin;
            for (size_t i = 0; i < s.labels.size(); ++i) {
                const LabelView &l = s.labels[i];
                ids[i] = LabelId{cached(recentNames, i, l.name), cachedValue(i, l.value)};
            }
        }

        /// Whether two samples have the same labels in the same order, not counting the
        /// name @p excluded (`le` or `quantile`): then they belong to the same series.
        static bool sameIds(std::span<const LabelId> a, std::span<const LabelId> b, int excluded)
        {
            size_t i = 0;
            size_t j = 0;
            for (;;) {
                while (i < a.size() && a[i].name == excluded)
                    ++i;
                while (j < b.size() && b[j].name == excluded)
                    ++j;
                if (i == a.size() || j == b.size())
                    return i == a.size() && j == b.size();
                if (a[i].name != b[j].name || a[i].value != b[j].value)
                    return false;
                ++i;
                ++j;
            }
        }

        // Series of the family being assembled, keyed by their labels sorted by name index
        // (series identity ignores label order). Slots carry the number of the family they
        // belong to, so moving to the next family needs no clearing.
        struct SeriesSlot
        {
            quint64 hash = 0;
            quint32 epoch = 0;
            qint32 series = -1;
        };
        std::vector<SeriesSlot> seriesSlots = std::vector<SeriesSlot>(64);
        quint32 seriesEpoch = 0;
        size_t seriesUsed = 0;
        std::vector<LabelId> seriesKeys;                 ///< the sorted labels of each series
        std::vector<std::pair<size_t, size_t>> seriesAt; ///< offset, count in seriesKeys
        std::vector<LabelId> sortedScratch;
        qsizetype lastBucketCount = 0;

        void startSeries()
        {
            if (++seriesEpoch == 0) {
                std::fill(seriesSlots.begin(), seriesSlots.end(), SeriesSlot{});
                seriesEpoch = 1;
            }
            seriesUsed = 0;
            seriesKeys.clear();
            seriesAt.clear();
        }

        void growSeriesSlots()
        {
            std::vector<SeriesSlot> old(seriesSlots.size() * 2);
            old.swap(seriesSlots);
            const size_t mask = seriesSlots.size() - 1;
            for (const SeriesSlot &slot : old) {
                if (slot.epoch != seriesEpoch)
                    continue;
                size_t i = slot.hash & mask;
                while (seriesSlots[i].epoch == seriesEpoch)
                    i = (i + 1) & mask;
                seriesSlots[i] = slot;
            }
        }

        /// The series with these labels (minus @p excluded), or -1 after registering
        /// @p next as the series for them.
        qsizetype findOrAddSeries(std::span<const LabelId> labels, int excluded, qsizetype next)
        {
            sortedScratch.clear();
            for (const LabelId &l : labels) {
                if (l.name != excluded)
                    sortedScratch.push_back(l);
            }
            std::sort(sortedScratch.begin(), sortedScratch.end(),
                      [](const LabelId &a, const LabelId &b) { return a.name < b.name; });
            const char *bytes =
                sortedScratch.empty() ? "" : reinterpret_cast<const char *>(sortedScratch.data());
            const size_t length = sortedScratch.size() * sizeof(LabelId);
            const quint64 h = ids.hash(bytes, length);
            const size_t mask = seriesSlots.size() - 1;
            size_t i = h & mask;
            for (; seriesSlots[i].epoch == seriesEpoch; i = (i + 1) & mask) {
                const SeriesSlot &slot = seriesSlots[i];
                if (slot.hash != h)
                    continue;
                const auto [offset, count] = seriesAt[size_t(slot.series)];
                if (count == sortedScratch.size() &&
                    (count == 0 || std::memcmp(seriesKeys.data() + offset, bytes, length) == 0))
                    return slot.series;
            }
            seriesSlots[i] = SeriesSlot{h, seriesEpoch, qint32(next)};
            seriesAt.emplace_back(seriesKeys.size(), sortedScratch.size());
            seriesKeys.insert(seriesKeys.end(), sortedScratch.begin(), sortedScratch.end());
            if (++seriesUsed * 2 > seriesSlots.size())
                growSeriesSlots();
            return -1;
        }

        QList<Label> seriesLabels(const MetricFamily::LabelRange &labels, int excluded) const
        {
            QList<Label> result;
            result.reserve(qsizetype(labels.size()));
            const auto labelIds = labels.ids();
            for (size_t i = 0; i < labelIds.size(); ++i) {
                if (labelIds[i].name != excluded)
                    result.append(labels[i]);
            }
            return result;
        }

        template <typename Series>
        qsizetype seriesIndex(QList<Series> &all, qsizetype current, const Sample *previous,
                              const MetricFamily &family, const Sample &s, int excluded)
        {
            const auto labels = family.labels(s);
            if (current >= 0 && sameIds(family.labels(*previous).ids(), labels.ids(), excluded))
                return current;
            const qsizetype found = findOrAddSeries(labels.ids(), excluded, all.size());
            if (found >= 0)
                return found;
            Series series;
            series.labels = seriesLabels(labels, excluded);
            series.line = s.line;
            all.append(std::move(series));
            return all.size() - 1;
        }

        /// The index of @p name in this parse's table, -1 when it did not occur.
        int idOf(QByteArrayView name)
        {
            if (const int *id = ids.find(name.data(), size_t(name.size()),
                                         ids.hash(name.data(), size_t(name.size()))))
                return *id;
            const auto it = overflow.find(std::string(name.data(), size_t(name.size())));
            return it != overflow.end() ? it->second : -1;
        }

        void assembleHistograms(MetricFamily &family, int leId)
        {
            startSeries();
            qsizetype current = -1;
            const Sample *previous = nullptr;
            for (const Sample &s : std::as_const(family.samples)) {
                const qsizetype before = family.histograms.size();
                current = seriesIndex(family.histograms, current, previous, family, s, leId);
                previous = &s;
                HistogramSeries &series = family.histograms[current];
                // Series of one family usually have the same buckets.
                if (family.histograms.size() > before)
                    series.buckets.reserve(lastBucketCount);
                if (s.role == SampleRole::Bucket)
                    series.buckets.append(HistogramBucket{s.bound, s.value});
                else if (s.role == SampleRole::Sum)
                    series.sum = s.value;
                else if (s.role == SampleRole::Count)
                    series.count = s.value;
            }
            for (HistogramSeries &series : family.histograms) {
                lastBucketCount = series.buckets.size();
                std::stable_sort(series.buckets.begin(), series.buckets.end(),
                                 [](const HistogramBucket &a, const HistogramBucket &b) {
                                     return a.upperBound < b.upperBound;
                                 });
                for (qsizetype i = 1; i < series.buckets.size(); ++i) {
                    if (series.buckets[i].upperBound == series.buckets[i - 1].upperBound) {
                        issue(series.line, tr("Histogram \"%1\"%2 has two buckets with le=\"%3\".")
                                               .arg(family.name, describeLabels(series.labels))
                                               .arg(series.buckets[i].upperBound));
                        break;
                    }
                }
                if (series.buckets.isEmpty() || series.buckets.last().upperBound != kInf) {
                    issue(series.line, tr("Histogram \"%1\"%2 has no le=\"+Inf\" bucket.")
                                           .arg(family.name, describeLabels(series.labels)));
                }
            }
        }

        void assembleSummaries(MetricFamily &family, int quantileId)
        {
            startSeries();
            qsizetype current = -1;
            const Sample *previous = nullptr;
            for (const Sample &s : std::as_const(family.samples)) {
                current = seriesIndex(family.summaries, current, previous, family, s, quantileId);
                previous = &s;
                SummarySeries &series = family.summaries[current];
                if (s.role == SampleRole::Quantile)
                    series.quantiles.append(SummaryQuantile{s.bound, s.value});
                else if (s.role == SampleRole::Sum)
                    series.sum = s.value;
                else if (s.role == SampleRole::Count)
                    series.count = s.value;
            }
            for (SummarySeries &series : family.summaries) {
                std::stable_sort(series.quantiles.begin(), series.quantiles.end(),
                                 [](const SummaryQuantile &a, const SummaryQuantile &b) {
                                     return a.quantile < b.quantile;
                                 });
            }
        }

        void finish(const PrometheusStreamSummary &summary)
        {
            out->omittedIssues += summary.omittedIssues;
            lastShape.resize(out->families.size());
            lastStrings = strings.size();
            const int leId = idOf("le");
            const int quantileId = idOf("quantile");
            for (qsizetype i = 0; i < out->families.size(); ++i) {
                MetricFamily &family = out->families[i];
                family.strings = strings;
                const bool sameShape = lastShape[i].name == family.name;
                if (family.type == MetricType::Histogram) {
                    if (sameShape)
                        family.histograms.reserve(lastShape[i].series);
                    assembleHistograms(family, leId);
                } else if (family.type == MetricType::Summary) {
                    if (sameShape)
                        family.summaries.reserve(lastShape[i].series);
                    assembleSummaries(family, quantileId);
                }
                lastShape[i] = Shape{family.name, family.samples.size(), family.labelPool.size(),
                                     family.histograms.size() + family.summaries.size()};
            }
            std::stable_sort(
                out->issues.begin(), out->issues.end(),
                [](const ParseIssue &a, const ParseIssue &b) { return a.line < b.line; });
            out = nullptr;
            strings = QList<QString>();
            sampleNames.clear();
        }
    };

    explicit Private(quint64 seed)
        : stream(seed)
        , builder(seed)
    {
    }

    Stream stream;
    Builder builder;
};

PrometheusParser::PrometheusParser()
    : d(std::make_unique<Private>(QRandomGenerator::global()->generate64()))
{
}

PrometheusParser::~PrometheusParser() = default;

PrometheusParseResult PrometheusParser::parse(QByteArrayView text)
{
    PrometheusParseResult result;
    d->builder.start(&result, m_maxIssues, text);
    const PrometheusStreamSummary summary = d->stream.run(text, d->builder, m_maxIssues);
    d->builder.finish(summary);
    return result;
}

PrometheusStreamSummary PrometheusParser::parse(QByteArrayView text, PrometheusVisitor &visitor)
{
    return d->stream.run(text, visitor, m_maxIssues);
}

} // namespace ph
