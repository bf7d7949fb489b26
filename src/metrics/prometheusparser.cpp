// SPDX-License-Identifier: GPL-3.0-or-later
#include "metrics/prometheusparser.h"

#include <QHash>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QStringDecoder>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string>
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
            if (s.hash == h && s.length == n && std::memcmp(m_keys.data() + s.offset, p, n) == 0)
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

    void clear()
    {
        m_slots.assign(256, Slot{});
        m_keys.clear();
        m_size = 0;
    }

private:
    static constexpr size_t kMaxKeyBytes = 256u << 20;

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
    QString name;
    int family = -1;
    quint32 generation = 0;
    SampleRole role = SampleRole::Value;
    bool histogramBase = false; ///< a histogram family's bare name: not a valid sample
};

enum FamilyFlag : quint8
{
    HelpSeen = 1,
    TypeSeen = 2,
};

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
    for (const Label &l : labels(sample)) {
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

struct PrometheusParser::Private
{
    explicit Private(quint64 seed)
        : names(seed, 1u << 16)
        , values(seed, 1u << 18)
        , resolved(seed, 1u << 20)
    {
    }

    // Kept across parses: the same target exposes the same strings every scrape.
    ByteTable<QString> names;
    ByteTable<QString> values;
    // Per parse.
    ByteTable<NameInfo> resolved;
    QStringDecoder utf8{QStringDecoder::Utf8, QStringDecoder::Flag::Stateless};
    const QString le = u"le"_s;
    const QString quantile = u"quantile"_s;

    PrometheusParseResult *out = nullptr;
    int maxIssues = 0;
    int line = 0;
    quint32 generation = 1;
    QHash<QString, int> familyByName;
    std::vector<quint8> familyFlags;
    // Labels go straight into the family's pool; a rejected line truncates it again.
    QList<Label> *pool = nullptr;
    qsizetype poolBegin = 0;
    size_t labelCount() const { return size_t(pool->size() - poolBegin); }
    std::string unescaped;
    std::string leText;
    std::string quantileText;

    void issue(int atLine, QString message)
    {
        if (out->issues.size() >= maxIssues) {
            ++out->omittedIssues;
            return;
        }
        out->issues.append(ParseIssue{atLine, std::move(message)});
    }
    void issue(QString message) { issue(line, std::move(message)); }

    QString internName(const char *p, size_t n)
    {
        const quint64 h = names.hash(p, n);
        if (QString *s = names.find(p, n, h))
            return *s;
        // Names are ASCII by construction (checked by the character table).
        QString s = QString::fromLatin1(p, qsizetype(n));
        names.insert(p, n, h, s);
        return s;
    }

    bool internValue(const char *p, size_t n, QString &result)
    {
        const quint64 h = values.hash(p, n);
        if (QString *s = values.find(p, n, h)) {
            result = *s;
            return true;
        }
        bool ascii = true;
        for (size_t i = 0; i < n && ascii; ++i)
            ascii = static_cast<unsigned char>(p[i]) < 0x80;
        if (ascii) {
            result = QString::fromLatin1(p, qsizetype(n));
        } else {
            utf8.resetState();
            result = utf8.decode(QByteArrayView(p, qsizetype(n)));
            if (utf8.hasError())
                return false;
        }
        values.insert(p, n, h, result);
        return true;
    }

    // Consecutive samples usually repeat the label names, and most values, at the same
    // positions; a byte comparison with the previous sample is cheaper than a hash lookup.
    struct Recent
    {
        std::string bytes;
        QString string;
        bool set = false;
    };
    static constexpr size_t kRecentSlots = 32;
    std::array<Recent, kRecentSlots> recentNames;
    std::array<Recent, kRecentSlots> recentValues;

    static const QString *recent(std::array<Recent, kRecentSlots> &slots, size_t position,
                                 const char *p, size_t n)
    {
        if (position >= kRecentSlots)
            return nullptr;
        const Recent &r = slots[position];
        if (r.set && r.bytes.size() == n && std::memcmp(r.bytes.data(), p, n) == 0)
            return &r.string;
        return nullptr;
    }

    static void remember(std::array<Recent, kRecentSlots> &slots, size_t position, const char *p,
                         size_t n, const QString &s)
    {
        if (position >= kRecentSlots)
            return;
        Recent &r = slots[position];
        r.bytes.assign(p, n);
        r.string = s;
        r.set = true;
    }

    QString cachedName(size_t position, const char *p, size_t n)
    {
        if (const QString *s = recent(recentNames, position, p, n))
            return *s;
        QString s = internName(p, n);
        remember(recentNames, position, p, n, s);
        return s;
    }

    bool cachedValue(size_t position, const char *p, size_t n, QString &result)
    {
        if (const QString *s = recent(recentValues, position, p, n)) {
            result = *s;
            return true;
        }
        if (!internValue(p, n, result))
            return false;
        remember(recentValues, position, p, n, result);
        return true;
    }

    int familyIndex(const QString &name) const { return familyByName.value(name, -1); }

    int createFamily(const QString &name)
    {
        const int index = int(out->families.size());
        MetricFamily f;
        f.name = name;
        out->families.append(std::move(f));
        familyByName.insert(name, index);
        familyFlags.push_back(0);
        return index;
    }

    NameInfo resolve(const char *p, size_t n)
    {
        NameInfo info;
        info.name = internName(p, n);
        info.generation = generation;
        static constexpr struct
        {
            QLatin1StringView suffix;
            SampleRole role;
        } suffixes[] = {{"_bucket"_L1, SampleRole::Bucket},
                        {"_sum"_L1, SampleRole::Sum},
                        {"_count"_L1, SampleRole::Count}};
        for (const auto &s : suffixes) {
            if (qsizetype(n) <= s.suffix.size() || !info.name.endsWith(s.suffix))
                continue;
            const int base = familyIndex(info.name.left(info.name.size() - s.suffix.size()));
            if (base < 0)
                continue;
            const MetricType type = out->families[base].type;
            if (type == MetricType::Histogram ||
                (type == MetricType::Summary && s.role != SampleRole::Bucket)) {
                info.family = base;
                info.role = s.role;
                return info;
            }
        }
        info.family = familyIndex(info.name);
        if (info.family < 0)
            info.family = createFamily(info.name);
        const MetricType type = out->families[info.family].type;
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
            issue(p == end
                      ? tr("%1 line without a metric name.").arg(keyword)
                      : tr("%1 line: invalid metric name \"%2\".").arg(keyword, snippet(p, end)));
            return;
        }
        if (nameEnd < end && !isBlank(*nameEnd)) {
            issue(tr("%1 line: invalid character '%2' in metric name \"%3\".")
                      .arg(keyword, QString::fromUtf8(nameEnd, 1), snippet(p, end)));
            return;
        }
        const QString name = internName(p, size_t(nameEnd - p));
        p = skipBlanks(nameEnd, end);
        if (isHelp)
            parseHelp(name, p, end);
        else
            parseType(name, p, end);
    }

    void parseHelp(const QString &name, const char *p, const char *end)
    {
        QString text;
        if (std::memchr(p, '\\', size_t(end - p))) {
            unescaped.clear();
            for (; p < end; ++p) {
                if (*p != '\\') {
                    unescaped.push_back(*p);
                    continue;
                }
                const char next = p + 1 < end ? p[1] : '\0';
                if (next == '\\') {
                    unescaped.push_back('\\');
                } else if (next == 'n') {
                    unescaped.push_back('\n');
                } else {
                    issue(tr("HELP line for \"%1\": invalid escape sequence \"\\%2\"; only "
                             "\\\\ and \\n are allowed.")
                              .arg(name, QString::fromUtf8(&next, next ? 1 : 0)));
                    return;
                }
                ++p;
            }
            text = QString::fromUtf8(unescaped.data(), qsizetype(unescaped.size()));
        } else {
            text = QString::fromUtf8(p, end - p);
        }
        int index = familyIndex(name);
        if (index < 0)
            index = createFamily(name);
        if (familyFlags[size_t(index)] & HelpSeen) {
            issue(tr("Second HELP line for \"%1\"; it is ignored.").arg(name));
            return;
        }
        familyFlags[size_t(index)] |= HelpSeen;
        out->families[index].help = text;
    }

    void parseType(const QString &name, const char *p, const char *end)
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
                      ? tr("TYPE line for \"%1\" names no type.").arg(name)
                      : tr("TYPE line for \"%1\": unknown type \"%2\" (expected counter, gauge, "
                           "histogram, summary or untyped).")
                            .arg(name, snippet(tb, p)));
            return;
        }
        p = skipBlanks(p, end);
        if (p != end) {
            issue(tr("TYPE line for \"%1\": unexpected text \"%2\" after the type.")
                      .arg(name, snippet(p, end)));
            return;
        }
        int index = familyIndex(name);
        if (index < 0)
            index = createFamily(name);
        if (familyFlags[size_t(index)] & TypeSeen) {
            issue(tr("Second TYPE line for \"%1\"; it is ignored.").arg(name));
            return;
        }
        if (!out->families[index].samples.isEmpty()) {
            issue(tr("TYPE line for \"%1\" comes after its samples; it is ignored.").arg(name));
            return;
        }
        familyFlags[size_t(index)] |= TypeSeen;
        out->families[index].type = type;
        // Suffixed names may now belong to this family.
        ++generation;
    }

    void pushLabel(QString name, QString value)
    {
        pool->append(Label{std::move(name), std::move(value)});
    }

    const Label *findScratch(const QString &name) const
    {
        for (qsizetype i = poolBegin; i < pool->size(); ++i) {
            if (pool->at(i).name == name)
                return &pool->at(i);
        }
        return nullptr;
    }

    /// p is just after '{'; on success p is just after '}'.
    bool parseLabels(const char *&p, const char *end, const QString &metric)
    {
        for (;;) {
            p = skipBlanks(p, end);
            if (p == end) {
                issue(tr("Labels of \"%1\" are not closed with '}'.").arg(metric));
                return false;
            }
            if (*p == '}') {
                ++p;
                return true;
            }
            if (!is(*p, LabelStart)) {
                issue(tr("Invalid label name at \"%1\" in \"%2\".").arg(snippet(p, end), metric));
                return false;
            }
            const char *nb = p++;
            while (p < end && is(*p, LabelChar))
                ++p;
            const QString name = cachedName(labelCount(), nb, size_t(p - nb));
            p = skipBlanks(p, end);
            if (p == end || *p != '=') {
                issue(tr("Expected '=' after label name \"%1\" in \"%2\".").arg(name, metric));
                return false;
            }
            p = skipBlanks(p + 1, end);
            if (p == end || *p != '"') {
                issue(tr("The value of label \"%1\" in \"%2\" must be in double quotes.")
                          .arg(name, metric));
                return false;
            }
            const char *vb = ++p;
            bool escaped = false;
            while (p < end && *p != '"') {
                if (*p == '\\') {
                    const char next = p + 1 < end ? p[1] : '\0';
                    if (next != '\\' && next != '"' && next != 'n') {
                        issue(tr("Invalid escape sequence \"\\%1\" in the value of label \"%2\" "
                                 "(only \\\\, \\\" and \\n are allowed).")
                                  .arg(QString::fromUtf8(&next, next ? 1 : 0), name));
                        return false;
                    }
                    escaped = true;
                    ++p;
                }
                ++p;
            }
            if (p == end) {
                issue(tr("The value of label \"%1\" in \"%2\" has no closing quote.")
                          .arg(name, metric));
                return false;
            }
            const char *ve = p++;
            if (findScratch(name)) {
                issue(tr("Label \"%1\" appears twice in \"%2\".").arg(name, metric));
                return false;
            }
            QString value;
            bool valid;
            if (escaped) {
                unescaped.clear();
                for (const char *q = vb; q < ve; ++q) {
                    if (*q == '\\') {
                        ++q;
                        unescaped.push_back(*q == 'n' ? '\n' : *q);
                    } else {
                        unescaped.push_back(*q);
                    }
                }
                valid = cachedValue(labelCount(), unescaped.data(), unescaped.size(), value);
            } else {
                valid = cachedValue(labelCount(), vb, size_t(ve - vb), value);
            }
            if (!valid) {
                issue(tr("The value of label \"%1\" in \"%2\" is not valid UTF-8.")
                          .arg(name, metric));
                return false;
            }
            // Keep the bytes of le / quantile so the bound parses without a conversion.
            if (name == le)
                leText.assign(escaped ? unescaped : std::string(vb, ve));
            else if (name == quantile)
                quantileText.assign(escaped ? unescaped : std::string(vb, ve));
            pushLabel(name, std::move(value));
            p = skipBlanks(p, end);
            if (p < end && *p == ',') {
                ++p;
                continue;
            }
            if (p < end && *p == '}') {
                ++p;
                return true;
            }
            issue(tr("Expected ',' or '}' after the value of label \"%1\" in \"%2\".")
                      .arg(name, metric));
            return false;
        }
    }

    void parseSample(const char *p, const char *end)
    {
        const char *nameBegin = p;
        const char *nameEnd = scanMetricName(p, end);
        if (nameEnd == nameBegin) {
            issue(tr("Expected a metric name, a comment or an empty line, found \"%1\".")
                      .arg(snippet(p, end)));
            return;
        }
        const size_t nameLength = size_t(nameEnd - nameBegin);
        const quint64 h = resolved.hash(nameBegin, nameLength);
        NameInfo *info = resolved.find(nameBegin, nameLength, h);
        NameInfo local;
        if (!info || info->generation != generation) {
            local = resolve(nameBegin, nameLength);
            if (info)
                *info = local;
            else if (NameInfo *inserted = resolved.insert(nameBegin, nameLength, h, local))
                info = inserted;
            if (!info)
                info = &local;
        }

        p = nameEnd;
        pool = &out->families[info->family].labelPool;
        poolBegin = pool->size();
        bool committed = false;
        const auto truncate = qScopeGuard([&] {
            if (!committed)
                pool->resize(poolBegin);
        });
        if (p < end && *p == '{') {
            ++p;
            if (!parseLabels(p, end, info->name))
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
            issue(tr("Sample \"%1\" has no value.").arg(info->name));
            return;
        }
        double value;
        if (!parseDouble(vb, p, value)) {
            issue(tr("Sample \"%1\" has an invalid value \"%2\" (expected a number, NaN, +Inf "
                     "or -Inf).")
                      .arg(info->name, snippet(vb, p)));
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
                          .arg(info->name, snippet(tb, p)));
                return;
            }
            hasTimestamp = true;
            p = skipBlanks(p, end);
            if (p < end) {
                issue(tr("Unexpected text \"%1\" after the timestamp of \"%2\".")
                          .arg(snippet(p, end), info->name));
                return;
            }
        }

        MetricFamily &family = out->families[info->family];
        if (info->histogramBase) {
            issue(tr("\"%1\" is a histogram: its samples are %1_bucket, %1_sum and %1_count.")
                      .arg(info->name));
            return;
        }
        double bound = kNaN;
        if (info->role == SampleRole::Bucket || info->role == SampleRole::Quantile) {
            const QString &boundName = info->role == SampleRole::Bucket ? le : quantile;
            const Label *l = findScratch(boundName);
            if (!l) {
                issue(info->role == SampleRole::Bucket
                          ? tr("Histogram bucket \"%1\" has no \"le\" label.").arg(info->name)
                          : tr("Summary sample \"%1\" has no \"quantile\" label.").arg(info->name));
                return;
            }
            const std::string &raw = info->role == SampleRole::Bucket ? leText : quantileText;
            if (!parseDouble(raw.data(), raw.data() + raw.size(), bound) || std::isnan(bound)) {
                issue(tr("Label \"%1\" of \"%2\" must be a number, found \"%3\".")
                          .arg(boundName, info->name, l->value));
                return;
            }
        }

        Sample sample;
        sample.name = info->name;
        sample.value = value;
        sample.bound = bound;
        sample.timestampMs = timestamp;
        sample.hasTimestamp = hasTimestamp;
        sample.line = line;
        sample.role = info->role;
        sample.labelBegin = int(poolBegin);
        sample.labelCount = int(labelCount());
        committed = true;
        family.samples.append(std::move(sample));
    }

    // Series identity ignores label order and the per-sample `le` / `quantile` label.
    static bool sameSeries(const QList<Label> &series, std::span<const Label> labels,
                           const QString &excluded)
    {
        qsizetype matched = 0;
        for (const Label &l : labels) {
            if (l.name == excluded)
                continue;
            const auto it = std::find_if(series.cbegin(), series.cend(),
                                         [&](const Label &s) { return s.name == l.name; });
            if (it == series.cend() || it->value != l.value)
                return false;
            ++matched;
        }
        return matched == series.size();
    }

    static QString seriesKey(std::span<const Label> labels, const QString &excluded)
    {
        QVarLengthArray<const Label *, 16> sorted;
        for (const Label &l : labels) {
            if (l.name != excluded)
                sorted.append(&l);
        }
        std::sort(sorted.begin(), sorted.end(),
                  [](const Label *a, const Label *b) { return a->name < b->name; });
        QString key;
        for (const Label *l : sorted) {
            // Length prefixes keep keys unambiguous whatever the values contain.
            key += QString::number(l->name.size()) + u':' + l->name +
                   QString::number(l->value.size()) + u':' + l->value;
        }
        return key;
    }

    static QList<Label> withoutLabel(std::span<const Label> labels, const QString &excluded)
    {
        QList<Label> result;
        result.reserve(qsizetype(labels.size()));
        for (const Label &l : labels) {
            if (l.name != excluded)
                result.append(l);
        }
        return result;
    }

    template <typename Series>
    qsizetype seriesIndex(QList<Series> &all, QHash<QString, qsizetype> &byKey, qsizetype current,
                          const MetricFamily &family, const Sample &s, const QString &excluded)
    {
        const auto labels = family.labels(s);
        if (current >= 0 && sameSeries(all[current].labels, labels, excluded))
            return current;
        const QString key = seriesKey(labels, excluded);
        const auto it = byKey.constFind(key);
        if (it != byKey.cend())
            return it.value();
        Series series;
        series.labels = withoutLabel(labels, excluded);
        series.line = s.line;
        all.append(std::move(series));
        byKey.insert(key, all.size() - 1);
        return all.size() - 1;
    }

    void assembleHistograms(MetricFamily &family)
    {
        QHash<QString, qsizetype> byKey;
        qsizetype current = -1;
        for (const Sample &s : std::as_const(family.samples)) {
            current = seriesIndex(family.histograms, byKey, current, family, s, le);
            HistogramSeries &series = family.histograms[current];
            if (s.role == SampleRole::Bucket)
                series.buckets.append(HistogramBucket{s.bound, s.value});
            else if (s.role == SampleRole::Sum)
                series.sum = s.value;
            else if (s.role == SampleRole::Count)
                series.count = s.value;
        }
        for (HistogramSeries &series : family.histograms) {
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

    void assembleSummaries(MetricFamily &family)
    {
        QHash<QString, qsizetype> byKey;
        qsizetype current = -1;
        for (const Sample &s : std::as_const(family.samples)) {
            current = seriesIndex(family.summaries, byKey, current, family, s, quantile);
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

    void run(QByteArrayView text, PrometheusParseResult &result, int issueLimit)
    {
        out = &result;
        maxIssues = issueLimit;
        line = 0;
        generation = 1;
        familyByName.clear();
        familyFlags.clear();
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

        for (MetricFamily &family : result.families) {
            if (family.type == MetricType::Histogram)
                assembleHistograms(family);
            else if (family.type == MetricType::Summary)
                assembleSummaries(family);
        }
        std::stable_sort(result.issues.begin(), result.issues.end(),
                         [](const ParseIssue &a, const ParseIssue &b) { return a.line < b.line; });
        // Drop references into the result and the per-parse caches.
        out = nullptr;
        pool = nullptr;
        familyByName.clear();
        resolved.clear();
    }
};

PrometheusParser::PrometheusParser()
    : d(std::make_unique<Private>(QRandomGenerator::global()->generate64()))
{
}

PrometheusParser::~PrometheusParser() = default;

PrometheusParseResult PrometheusParser::parse(QByteArrayView text)
{
    PrometheusParseResult result;
    d->run(text, result, m_maxIssues);
    return result;
}

} // namespace ph
