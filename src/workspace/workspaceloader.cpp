// SPDX-License-Identifier: GPL-3.0-or-later
#include "workspaceloader.h"

#include "core/logging.h"
#include "services/profiles.h"
#include "workspace/jsonctext.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <optional>
#include <utility>
#include <vector>

using namespace Qt::StringLiterals;
using json = nlohmann::json;

namespace ph {

namespace {

constexpr int kSchemaVersion = Workspace::currentSchemaVersion;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

QString child(const QString &pointer, const QString &key)
{
    return pointer + u'/' + jsonc::escapePointerToken(key);
}

QString child(const QString &pointer, qsizetype index)
{
    return pointer + u'/' + QString::number(index);
}

constexpr int kMaxDepth = 128;

// The walks below recurse; a hostile file of nested brackets must not exhaust the stack.
bool nestsDeeperThan(const json &root, int limit)
{
    std::vector<std::pair<const json *, int>> stack{{&root, 0}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        if (depth > limit)
            return true;
        if (node->is_structured()) {
            for (const json &childNode : *node)
                stack.emplace_back(&childNode, depth + 1);
        }
    }
    return false;
}

// Records only where the parser stopped; the DOM parse before it decides success.
class SyntaxErrorCatcher : public json::json_sax_t
{
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t &) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &ex) override
    {
        m_position = position;
        m_what = qs(ex.what());
        return false;
    }

    std::size_t m_position = 0;
    QString m_what;
};

class Validator
{
    Q_DECLARE_TR_FUNCTIONS(WorkspaceLoader)

public:
    Validator(const QByteArray &text, const QString &source, const QMap<QString, QString> &vars,
              const QString &baseDir)
        : m_text(text)
        , m_source(source)
        , m_variables(vars)
        , m_baseDir(baseDir)
    {
    }

    Result<LoadedWorkspace> run();

private:
    struct Issue
    {
        QString pointer;
        QString text;
        bool secret = false;
    };

    Result<LoadedWorkspace> syntaxError() const;
    QString where(const QString &pointer, bool atKey) const;
    QString format(const QString &pointer, const QString &text, bool atKey = false) const;

    void error(const QString &pointer, const QString &text) { m_errors.append({pointer, text}); }
    void warn(const QString &pointer, const QString &text, bool atKey = false)
    {
        m_warnings.append(format(pointer, text, atKey));
    }

    void scanSecrets(const json &value, const QString &pointer);
    void migrateFromV1(json &root);
    void substitute(json &value, const QString &pointer);

    void checkKeys(const json &object, const QString &pointer,
                   std::initializer_list<const char *> known);
    const json *member(const json &object, const char *key) const;
    QString readString(const json &object, const char *key, const QString &pointer, bool required,
                       const QString &fallback = {});
    QString readEnum(const json &object, const char *key, const QString &pointer,
                     const QStringList &allowed, const QString &fallback);
    bool readBool(const json &object, const char *key, const QString &pointer, bool fallback);
    std::optional<qint64> integerValue(const json &value, const QString &pointer) const;
    int readInt(const json &object, const char *key, const QString &pointer, int fallback, int min,
                int max);
    QStringList readStringList(const json &object, const char *key, const QString &pointer);
    QMap<QString, QString> readStringMap(const json &object, const char *key,
                                         const QString &pointer);
    QUrl readUrl(const json &object, const char *key, const QString &pointer, bool required);
    QString localPath(const QString &path) const;
    bool isObjectAt(const json &value, const QString &pointer);
    const json *arrayMember(const json &object, const char *key, const QString &pointer);

    void readEnvironments(const json &root, Workspace &ws);
    void readServices(const json &root, Workspace &ws);
    void readSloSource(const json &o, const QString &p, Service &s);
    EndpointSpec readEndpoint(const json &object, const QString &pointer);
    void readHosts(const json &root, Workspace &ws);
    void readBackupJobs(const json &root, Workspace &ws);
    void readSettings(const json &root, Workspace &ws);
    void readThresholds(const json &root, Workspace &ws);
    void checkReferences(const Workspace &ws);
    template <typename T>
    void checkUnique(const QList<T> &items, const QStringList &pointers, const QString &what);

    Result<LoadedWorkspace> finish(Workspace ws);

    const QByteArray &m_text;
    QString m_source;
    QMap<QString, QString> m_variables;
    QString m_baseDir;
    QList<Issue> m_errors;
    QStringList m_warnings;
    QSet<QString> m_secretPointers;
    QSet<QString> m_fromVariables;
    // Where each kept entry came from: entries that are not objects are skipped, so list
    // indices alone would blame the wrong entry.
    QStringList m_environmentPointers;
    QStringList m_servicePointers;
    QStringList m_sloSourcePointers; ///< per service: where its SLO source was chosen
    QStringList m_hostPointers;
    QStringList m_backupPointers;
};

Result<LoadedWorkspace> Validator::run()
{
    json root = json::parse(m_text.cbegin(), m_text.cend(), nullptr, /*allow_exceptions*/ false,
                            /*ignore_comments*/ true);
    if (root.is_discarded())
        return syntaxError();
    if (!root.is_object()) {
        error({}, tr("expected a JSON object ({ … }) at the top level"));
        return finish({});
    }

    if (nestsDeeperThan(root, kMaxDepth)) {
        error({}, tr("nested deeper than %1 levels; a workspace needs far fewer").arg(kMaxDepth));
        return finish({});
    }
    scanSecrets(root, {});

    int version = kSchemaVersion;
    const json *v = member(root, "schema_version");
    if (!v) {
        error(u"/schema_version"_s,
              tr("required: expected the schema version (%1)").arg(kSchemaVersion));
    } else if (!v->is_number_integer() || v->get<qint64>() < 1) {
        error(u"/schema_version"_s,
              tr("expected a positive integer schema version (%1)").arg(kSchemaVersion));
    } else if (v->get<qint64>() > kSchemaVersion) {
        const qint64 newer = v->get<qint64>();
        return fail(u"workspace.too_new"_s,
                    tr("%1 uses workspace schema %2, but this version of Pilothouse reads "
                       "schema %3 and older: update Pilothouse to open it")
                        .arg(m_source)
                        .arg(newer)
                        .arg(kSchemaVersion),
                    u"schema_version %1 > %2"_s.arg(newer).arg(kSchemaVersion));
    } else {
        version = int(v->get<qint64>());
    }
    if (version == 1)
        migrateFromV1(root);

    substitute(root, {});

    Workspace ws;
    ws.schemaVersion = kSchemaVersion;
    checkKeys(root, {},
              {"$schema", "schema_version", "name", "environments", "services", "hosts",
               "backup_jobs", "runbook_folders", "thresholds", "settings", "layout"});
    ws.name = readString(root, "name", {}, true);
    readEnvironments(root, ws);
    readHosts(root, ws);
    readServices(root, ws);
    readBackupJobs(root, ws);
    const QStringList folders = readStringList(root, "runbook_folders", {});
    for (const QString &folder : folders)
        ws.runbookFolders.append(localPath(folder));
    readThresholds(root, ws);
    readSettings(root, ws);
    if (const json *layout = member(root, "layout")) {
        if (layout->is_object()) {
            ws.layout = QJsonDocument::fromJson(QByteArray::fromStdString(layout->dump())).object();
        } else {
            error(u"/layout"_s, tr("expected an object"));
        }
    }
    checkReferences(ws);
    return finish(std::move(ws));
}

Result<LoadedWorkspace> Validator::syntaxError() const
{
    SyntaxErrorCatcher catcher;
    json::sax_parse(m_text.cbegin(), m_text.cend(), &catcher, json::input_format_t::json,
                    /*strict*/ true, /*ignore_comments*/ true);
    // chars_read_total counts the character the parser stopped on (or the end of input).
    const qsizetype stopped = qsizetype(catcher.m_position) - 1;

    // The library's text quotes what it last read, which may be part of a secret: drop it.
    QString raw = catcher.m_what;
    raw.remove(QRegularExpression(u"; last read: '.*'(?=; expected|$)"_s));
    QString what = raw;
    what.remove(QRegularExpression(u"^\\[json\\.exception\\.[a-z_]+\\.\\d+\\] "_s));
    what.remove(QRegularExpression(u"^parse error( at line \\d+, column \\d+)?: "_s));
    const bool inObject = what.contains(u"while parsing object"_s);
    const bool inArray = what.contains(u"while parsing array"_s);
    const qsizetype dash = what.indexOf(u" - "_s);
    if (dash >= 0)
        what = what.mid(dash + 3);

    const bool lexical = what.startsWith(u"invalid literal"_s) ||
                         what.startsWith(u"invalid number"_s) ||
                         what.startsWith(u"invalid string"_s);
    const qsizetype offset = jsonc::errorOffset(m_text, stopped, lexical);
    const char atChar = offset < m_text.size() ? m_text.at(offset) : '\0';

    QString description;
    if (what.contains(u"missing closing quote"_s) || what.contains(u"U+000A"_s) ||
        what.contains(u"U+000D"_s)) {
        description = tr("unterminated string: expected a closing quote (\") before the end "
                         "of the line");
    } else if ((atChar == '}' || atChar == ']') && jsonc::followsComma(m_text, offset)) {
        description =
            tr("trailing comma: remove the ',' before '%1'").arg(QChar::fromLatin1(atChar));
    } else if (what.contains(u"invalid comment"_s)) {
        description = tr("unterminated comment: expected */");
    } else if (what.startsWith(u"invalid literal"_s) && what.contains(u"end of input"_s)) {
        description = tr("unexpected text after the end of the workspace: expected end of input");
    } else if (what.startsWith(u"invalid literal"_s)) {
        description = tr("invalid literal: expected a value (a \"string\", a number, true, "
                         "false, null, an object or a list)");
    } else {
        description = what;
        if (inObject)
            description.replace(u"expected '}'"_s, u"expected ',' or '}'"_s);
        if (inArray)
            description.replace(u"expected ']'"_s, u"expected ',' or ']'"_s);
    }
    const jsonc::TextPosition pos = jsonc::positionAt(m_text, offset);
    return fail(u"workspace.syntax"_s,
                tr("%1:%2:%3: not valid JSON: %4")
                    .arg(m_source)
                    .arg(pos.line)
                    .arg(pos.column)
                    .arg(description),
                u"byte %1: %2"_s.arg(stopped).arg(raw));
}

QString Validator::where(const QString &pointer, bool atKey) const
{
    QString p = pointer;
    qsizetype offset = jsonc::locate(m_text, p, atKey);
    // A missing key is reported at the object that lacks it.
    while (offset < 0 && !p.isEmpty()) {
        p.truncate(p.lastIndexOf(u'/'));
        offset = jsonc::locate(m_text, p);
    }
    if (offset < 0)
        return m_source;
    const jsonc::TextPosition pos = jsonc::positionAt(m_text, offset);
    return u"%1:%2:%3"_s.arg(m_source).arg(pos.line).arg(pos.column);
}

QString Validator::format(const QString &pointer, const QString &text, bool atKey) const
{
    if (pointer.isEmpty())
        return where(pointer, atKey) + u": "_s + text;
    return where(pointer, atKey) + u": "_s + pointer + u": "_s + text;
}

void Validator::scanSecrets(const json &value, const QString &pointer)
{
    static const QSet<QString> secretKeys = {u"password"_s,     u"passphrase"_s, u"token"_s,
                                             u"api_key"_s,      u"secret"_s,     u"key"_s,
                                             u"dashboard_key"_s};
    if (value.is_object()) {
        for (auto it = value.cbegin(); it != value.cend(); ++it) {
            const QString key = qs(it.key());
            const QString p = child(pointer, key);
            if (secretKeys.contains(key.toLower())) {
                QString ref = key.toLower() + u"_ref"_s;
                if (pointer.startsWith(u"/hosts"_s) && key.toLower() != "token"_L1)
                    ref = u"secret_ref"_s;
                m_errors.append({p,
                                 tr("a secret is written into the workspace file: move it to "
                                    "the keychain and reference it with `%1`")
                                     .arg(ref),
                                 true});
                m_secretPointers.insert(p);
                continue;
            }
            scanSecrets(it.value(), p);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            scanSecrets(value.at(i), child(pointer, qsizetype(i)));
    } else if (value.is_string() &&
               value.get<std::string>().find("-----BEGIN") != std::string::npos) {
        m_errors.append({pointer,
                         tr("a private key is written into the workspace file: move it to the "
                            "keychain and reference it with `secret_ref`, or point "
                            "`identity_file` at the key file"),
                         true});
        m_secretPointers.insert(pointer);
    }
}

// Schema 1 had one environment for the whole file (a top-level "environment" string and
// optional "time_zone"), services named their URL "url", and hosts were a map name -> host.
void Validator::migrateFromV1(json &root)
{
    std::string envName = "production";
    if (const json *env = member(root, "environment")) {
        if (env->is_string() && !env->get<std::string>().empty())
            envName = env->get<std::string>();
        else
            error(u"/environment"_s, tr("expected the environment name (schema 1)"));
    } else {
        error(u"/environment"_s, tr("required in schema 1: expected the environment name"));
    }
    std::string timeZone = "UTC";
    if (const json *tz = member(root, "time_zone"); tz && tz->is_string())
        timeZone = tz->get<std::string>();
    const bool production = envName == "production" || envName == "prod";
    root.erase("environment");
    root.erase("time_zone");
    if (!root.contains("environments")) {
        root["environments"] = json::array(
            {json{{"name", envName}, {"production", production}, {"time_zone", timeZone}}});
    }

    auto adopt = [&envName](json &item) {
        if (item.is_object() && !item.contains("environment"))
            item["environment"] = envName;
    };
    if (root.contains("services") && root["services"].is_array()) {
        for (json &service : root["services"]) {
            adopt(service);
            if (service.is_object() && service.contains("url") && !service.contains("base_url")) {
                service["base_url"] = service["url"];
                service.erase("url");
            }
        }
    }
    if (root.contains("hosts") && root["hosts"].is_object()) {
        json hosts = json::array();
        for (auto it = root["hosts"].begin(); it != root["hosts"].end(); ++it) {
            json host = it.value();
            if (host.is_object() && !host.contains("name"))
                host["name"] = it.key();
            adopt(host);
            hosts.push_back(std::move(host));
        }
        root["hosts"] = std::move(hosts);
    }
    if (root.contains("backup_jobs") && root["backup_jobs"].is_array()) {
        for (json &job : root["backup_jobs"])
            adopt(job);
    }
    root["schema_version"] = kSchemaVersion;
    warn(u"/schema_version"_s,
         tr("migrated from schema 1 (in memory); rewrite the file in schema %1 to silence this "
            "warning")
             .arg(kSchemaVersion));
}

void Validator::substitute(json &value, const QString &pointer)
{
    if (value.is_object()) {
        for (auto it = value.begin(); it != value.end(); ++it)
            substitute(it.value(), child(pointer, qs(it.key())));
        return;
    }
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            substitute(value.at(i), child(pointer, qsizetype(i)));
        return;
    }
    if (!value.is_string())
        return;
    const QString in = qs(value.get<std::string>());
    if (!in.contains(u'$'))
        return;
    QString out;
    bool used = false;
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in.at(i) == u'$' && in.mid(i, 3) == "$${"_L1) {
            out += u"${"_s;
            i += 2;
            continue;
        }
        if (in.at(i) == u'$' && in.mid(i, 2) == "${"_L1) {
            const qsizetype close = in.indexOf(u'}', i + 2);
            if (close < 0) {
                error(pointer, tr("unterminated variable: expected } after ${"));
                return;
            }
            const QString name = in.mid(i + 2, close - i - 2).trimmed();
            used = true;
            if (!m_variables.contains(name)) {
                const QStringList known = m_variables.keys();
                error(pointer, tr("unknown variable ${%1}; the variables given are: %2")
                                   .arg(name, known.isEmpty() ? tr("none") : known.join(u", "_s)));
                return;
            }
            out += m_variables.value(name);
            i = close;
            continue;
        }
        out += in.at(i);
    }
    if (used)
        m_fromVariables.insert(pointer);
    value = out.toStdString();
}

void Validator::checkKeys(const json &object, const QString &pointer,
                          std::initializer_list<const char *> known)
{
    for (auto it = object.cbegin(); it != object.cend(); ++it) {
        const std::string &key = it.key();
        const bool isKnown =
            std::any_of(known.begin(), known.end(), [&key](const char *k) { return key == k; });
        const QString p = child(pointer, qs(key));
        if (!isKnown && !m_secretPointers.contains(p))
            warn(p, tr("unknown key \"%1\" is ignored").arg(qs(key)), true);
    }
}

const json *Validator::member(const json &object, const char *key) const
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

QString Validator::readString(const json &object, const char *key, const QString &pointer,
                              bool required, const QString &fallback)
{
    const QString p = child(pointer, QString::fromLatin1(key));
    const json *v = member(object, key);
    if (!v) {
        if (required)
            error(p, tr("required: expected a string"));
        return fallback;
    }
    if (!v->is_string()) {
        error(p, tr("expected a string"));
        return fallback;
    }
    const QString s = qs(v->get<std::string>());
    if (required && s.trimmed().isEmpty()) {
        error(p, tr("expected a non-empty string"));
        return fallback;
    }
    return s;
}

QString Validator::readEnum(const json &object, const char *key, const QString &pointer,
                            const QStringList &allowed, const QString &fallback)
{
    const json *v = member(object, key);
    if (!v)
        return fallback;
    const QString s = v->is_string() ? qs(v->get<std::string>()) : QString();
    if (!allowed.contains(s)) {
        QStringList quoted;
        for (const QString &a : allowed)
            quoted.append(u'"' + a + u'"');
        error(child(pointer, QString::fromLatin1(key)),
              tr("expected one of %1").arg(quoted.join(u", "_s)));
        return fallback;
    }
    return s;
}

bool Validator::readBool(const json &object, const char *key, const QString &pointer, bool fallback)
{
    const json *v = member(object, key);
    if (!v)
        return fallback;
    if (!v->is_boolean()) {
        error(child(pointer, QString::fromLatin1(key)), tr("expected true or false"));
        return fallback;
    }
    return v->get<bool>();
}

std::optional<qint64> Validator::integerValue(const json &value, const QString &pointer) const
{
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        if (u > std::uint64_t(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        return qint64(u);
    }
    if (value.is_number_integer())
        return value.get<qint64>();
    // "${demo.ssh_port}": JSON cannot hold an unquoted variable, so a string made of
    // variables is accepted where a number is expected.
    if (value.is_string() && m_fromVariables.contains(pointer)) {
        bool ok = false;
        const qint64 n = qs(value.get<std::string>()).trimmed().toLongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

int Validator::readInt(const json &object, const char *key, const QString &pointer, int fallback,
                       int min, int max)
{
    const json *v = member(object, key);
    if (!v)
        return fallback;
    const QString p = child(pointer, QString::fromLatin1(key));
    const std::optional<qint64> n = integerValue(*v, p);
    if (!n || *n < min || *n > max) {
        error(p, tr("expected an integer from %1 to %2").arg(min).arg(max));
        return fallback;
    }
    return int(*n);
}

QStringList Validator::readStringList(const json &object, const char *key, const QString &pointer)
{
    const json *v = member(object, key);
    if (!v)
        return {};
    const QString p = child(pointer, QString::fromLatin1(key));
    if (!v->is_array()) {
        error(p, tr("expected a list of strings"));
        return {};
    }
    QStringList list;
    for (std::size_t i = 0; i < v->size(); ++i) {
        const json &item = v->at(i);
        if (!item.is_string() || item.get<std::string>().empty())
            error(child(p, qsizetype(i)), tr("expected a non-empty string"));
        else
            list.append(qs(item.get<std::string>()));
    }
    return list;
}

QMap<QString, QString> Validator::readStringMap(const json &object, const char *key,
                                                const QString &pointer)
{
    const json *v = member(object, key);
    if (!v)
        return {};
    const QString p = child(pointer, QString::fromLatin1(key));
    if (!v->is_object()) {
        error(p, tr("expected an object of strings"));
        return {};
    }
    QMap<QString, QString> map;
    for (auto it = v->cbegin(); it != v->cend(); ++it) {
        if (!it.value().is_string())
            error(child(p, qs(it.key())), tr("expected a string"));
        else
            map.insert(qs(it.key()), qs(it.value().get<std::string>()));
    }
    return map;
}

QUrl Validator::readUrl(const json &object, const char *key, const QString &pointer, bool required)
{
    const QString s = readString(object, key, pointer, required);
    if (s.isEmpty())
        return {};
    const QUrl url(s, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || (scheme != "http"_L1 && scheme != "https"_L1) || url.host().isEmpty()) {
        error(child(pointer, QString::fromLatin1(key)),
              tr("expected an absolute http or https URL, e.g. \"https://ops.example.com\""));
        return {};
    }
    return url;
}

QString Validator::localPath(const QString &path) const
{
    if (path == "~"_L1)
        return QDir::homePath();
    if (path.startsWith("~/"_L1))
        return QDir::homePath() + path.mid(1);
    if (!m_baseDir.isEmpty() && QDir::isRelativePath(path))
        return QDir::cleanPath(QDir(m_baseDir).absoluteFilePath(path));
    return path;
}

bool Validator::isObjectAt(const json &value, const QString &pointer)
{
    if (value.is_object())
        return true;
    error(pointer, tr("expected an object"));
    return false;
}

const json *Validator::arrayMember(const json &object, const char *key, const QString &pointer)
{
    const json *v = member(object, key);
    if (v && !v->is_array()) {
        error(child(pointer, QString::fromLatin1(key)), tr("expected a list"));
        return nullptr;
    }
    return v;
}

void Validator::readEnvironments(const json &root, Workspace &ws)
{
    const json *list = arrayMember(root, "environments", {});
    if (!list) {
        if (!member(root, "environments"))
            error(u"/environments"_s, tr("required: expected a list of environments"));
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString p = child(u"/environments"_s, qsizetype(i));
        const json &o = list->at(i);
        if (!isObjectAt(o, p))
            continue;
        checkKeys(o, p, {"name", "production", "time_zone", "prometheus"});
        Environment env;
        env.name = readString(o, "name", p, true);
        env.production = readBool(o, "production", p, false);
        env.timeZone = readString(o, "time_zone", p, false, env.timeZone);
        if (!QTimeZone::isTimeZoneIdAvailable(env.timeZone.toUtf8())) {
            error(child(p, u"time_zone"_s),
                  tr("expected an IANA time zone such as \"Europe/Berlin\" or \"UTC\""));
        }
        if (const json *prom = member(o, "prometheus")) {
            const QString pp = child(p, u"prometheus"_s);
            if (isObjectAt(*prom, pp)) {
                checkKeys(*prom, pp, {"url", "ca_file"});
                const QUrl url = readUrl(*prom, "url", pp, true);
                env.prometheus.url = url.isEmpty() ? QString() : url.toString();
                env.prometheus.caFile = readString(*prom, "ca_file", pp, false);
                if (!env.prometheus.caFile.isEmpty())
                    env.prometheus.caFile = localPath(env.prometheus.caFile);
            }
        }
        ws.environments.append(env);
        m_environmentPointers.append(p);
    }
    checkUnique(ws.environments, m_environmentPointers, tr("environment"));
}

EndpointSpec Validator::readEndpoint(const json &o, const QString &p)
{
    checkKeys(o, p,
              {"name", "path", "method", "needs_key", "expect_status", "health_body", "probe"});
    EndpointSpec e;
    e.name = readString(o, "name", p, true);
    e.path = readString(o, "path", p, true);
    if (!e.path.isEmpty() && !e.path.startsWith(u'/'))
        error(child(p, u"path"_s), tr("expected a path starting with \"/\""));
    e.method =
        readEnum(o, "method", p,
                 {u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s}, e.method);
    e.needsKey = readBool(o, "needs_key", p, e.needsKey);
    e.expectStatus = readInt(o, "expect_status", p, e.expectStatus, 100, 599);
    e.healthBody = readBool(o, "health_body", p, e.healthBody);
    // Only reads are probed unless the file says otherwise: probing must not change state.
    e.probe = readBool(o, "probe", p, e.method == "GET"_L1 || e.method == "HEAD"_L1);
    return e;
}

void Validator::readServices(const json &root, Workspace &ws)
{
    const json *list = arrayMember(root, "services", {});
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString p = child(u"/services"_s, qsizetype(i));
        const json &o = list->at(i);
        if (!isObjectAt(o, p))
            continue;
        checkKeys(o, p,
                  {"name", "environment", "profile", "component", "base_url", "endpoints",
                   "endpoint_overrides", "field_mappings", "latency_budget_ms", "dashboard_key_ref",
                   "via", "host", "working_directory", "ca_file", "interval_ms", "metrics_source",
                   "slo"});
        Service s;
        s.name = readString(o, "name", p, true);
        s.environment = readString(o, "environment", p, true);
        s.profile = readEnum(o, "profile", p, knownProfiles(), s.profile);
        const QStringList components = profileComponents(s.profile);
        if (components.isEmpty()) {
            if (member(o, "component"))
                warn(child(p, u"component"_s),
                     tr("only botcore services have a component; it is ignored"), true);
        } else if (!member(o, "component")) {
            error(child(p, u"component"_s), tr("required for %1 services: expected one of %2")
                                                .arg(s.profile, components.join(u", "_s)));
        } else {
            s.component = readEnum(o, "component", p, components, {});
        }

        const bool generic = s.profile == "generic"_L1;
        s.baseUrl = readUrl(o, "base_url", p, generic);
        if (s.baseUrl.isEmpty() && !member(o, "base_url"))
            s.baseUrl = defaultBaseUrl(s.profile, s.component);

        s.endpoints = profileEndpoints(s.profile, s.component);
        if (const json *eps = arrayMember(o, "endpoints", p)) {
            QSet<QString> seen;
            for (std::size_t k = 0; k < eps->size(); ++k) {
                const QString ep = child(child(p, u"endpoints"_s), qsizetype(k));
                if (!isObjectAt(eps->at(k), ep))
                    continue;
                const EndpointSpec e = readEndpoint(eps->at(k), ep);
                if (e.name.isEmpty())
                    continue;
                if (seen.contains(e.name)) {
                    error(child(ep, u"name"_s), tr("duplicate endpoint name \"%1\"").arg(e.name));
                    continue;
                }
                seen.insert(e.name);
                // A profile endpoint of the same name is replaced, others are added.
                const auto it =
                    std::find_if(s.endpoints.begin(), s.endpoints.end(),
                                 [&e](const EndpointSpec &x) { return x.name == e.name; });
                if (it != s.endpoints.end())
                    *it = e;
                else
                    s.endpoints.append(e);
            }
        }
        if (generic && s.endpoints.isEmpty())
            error(child(p, u"endpoints"_s),
                  tr("required for generic services: expected a list of endpoints"));

        s.endpointOverrides = readStringMap(o, "endpoint_overrides", p);
        for (auto it = s.endpointOverrides.cbegin(); it != s.endpointOverrides.cend(); ++it) {
            const QString op = child(child(p, u"endpoint_overrides"_s), it.key());
            auto target = std::find_if(s.endpoints.begin(), s.endpoints.end(),
                                       [&it](const EndpointSpec &x) { return x.name == it.key(); });
            if (target == s.endpoints.end()) {
                QStringList names;
                for (const EndpointSpec &e : std::as_const(s.endpoints))
                    names.append(e.name);
                error(op, tr("no endpoint \"%1\" in this service; expected one of %2")
                              .arg(it.key(), names.join(u", "_s)));
            } else if (!it.value().startsWith(u'/')) {
                error(op, tr("expected a path starting with \"/\""));
            } else {
                target->path = it.value();
            }
        }

        s.fieldMappings = readStringMap(o, "field_mappings", p);
        for (auto it = s.fieldMappings.cbegin(); it != s.fieldMappings.cend(); ++it) {
            if (!it.value().isEmpty() && !it.value().startsWith(u'/'))
                error(child(child(p, u"field_mappings"_s), it.key()),
                      tr("expected a JSON pointer such as \"/data/status\""));
        }
        s.latencyBudgetMs =
            readInt(o, "latency_budget_ms", p, defaultLatencyBudgetMs(s.profile), 1, 600000);
        s.dashboardKeyRef = readString(o, "dashboard_key_ref", p, false);
        s.via = readString(o, "via", p, false);
        s.host = readString(o, "host", p, false);
        s.workingDirectory = readString(o, "working_directory", p, false);
        if (!s.workingDirectory.isEmpty() && !s.workingDirectory.startsWith(u'/') &&
            !s.workingDirectory.startsWith(u'~'))
            error(child(p, u"working_directory"_s),
                  tr("expected an absolute path on the host, e.g. \"/opt/bot-core\""));
        s.caFile = readString(o, "ca_file", p, false);
        if (!s.caFile.isEmpty())
            s.caFile = localPath(s.caFile);
        s.intervalMs = readInt(o, "interval_ms", p, 0, 0, 86400000);
        if (s.intervalMs > 0 && s.intervalMs < 500)
            error(child(p, u"interval_ms"_s),
                  tr("expected at least 500 ms, or 0 for the workspace default"));
        s.metricsSource =
            readEnum(o, "metrics_source", p, {u"service"_s, u"metrics"_s, u"prometheus"_s},
                     s.profile == "echopilot"_L1 ? u"service"_s : u"metrics"_s);

        readSloSource(o, p, s);

        const bool needsKey = std::any_of(s.endpoints.cbegin(), s.endpoints.cend(),
                                          [](const EndpointSpec &e) { return e.needsKey; });
        if (needsKey && s.dashboardKeyRef.isEmpty())
            warn(p, tr("some endpoints need an X-Dash-Key but dashboard_key_ref is not set; "
                       "they will answer 401"));
        ws.services.append(s);
        m_servicePointers.append(p);
    }
    checkUnique(ws.services, m_servicePointers, tr("service"));
}

void Validator::readSloSource(const json &o, const QString &p, Service &s)
{
    auto hasEndpoint = [&s](const QString &name) {
        return std::any_of(s.endpoints.cbegin(), s.endpoints.cend(),
                           [&name](const EndpointSpec &e) { return e.name == name; });
    };
    const json *slo = member(o, "slo");
    const QString sp = child(p, u"slo"_s);
    m_sloSourcePointers.append(sp);
    if (!slo) {
        // The older "metrics_source" spelling only ever refined what the profile offers, so
        // it never makes a file invalid: a source the service cannot serve means no row.
        QString legacy = member(o, "metrics_source") ? s.metricsSource : u"service"_s;
        if (legacy == "service"_L1)
            legacy = u"endpoint"_s;
        if (legacy == "metrics"_L1)
            s.slo.metricsEndpoint = u"metrics"_s;
        if ((legacy == "endpoint"_L1 && hasEndpoint(u"slo"_s)) ||
            (legacy == "metrics"_L1 && hasEndpoint(u"metrics"_s)) || legacy == "prometheus"_L1)
            s.slo.source = legacy;
        if (member(o, "metrics_source"))
            m_sloSourcePointers.last() = child(p, u"metrics_source"_s);
        return;
    }
    if (!isObjectAt(*slo, sp))
        return;
    checkKeys(*slo, sp, {"source", "selector", "metrics_endpoint"});
    const QStringList sources{u"endpoint"_s, u"metrics"_s, u"prometheus"_s};
    s.slo.source =
        readEnum(*slo, "source", sp, sources, hasEndpoint(u"slo"_s) ? u"endpoint"_s : u"metrics"_s);
    s.slo.selector = readString(*slo, "selector", sp, false);
    s.slo.metricsEndpoint = readString(*slo, "metrics_endpoint", sp, false, u"metrics"_s);
    const QString pointer = member(*slo, "source") ? child(sp, u"source"_s) : sp;
    m_sloSourcePointers.last() = pointer;
    if (s.slo.source == "endpoint"_L1 && !hasEndpoint(u"slo"_s))
        error(pointer, tr("\"endpoint\" needs an endpoint named \"slo\" in this service; "
                          "choose \"metrics\" or \"prometheus\", or add the endpoint"));
    if (s.slo.source == "metrics"_L1 && !hasEndpoint(s.slo.metricsEndpoint))
        error(child(sp, u"metrics_endpoint"_s),
              tr("no endpoint \"%1\" in this service to read /metrics from")
                  .arg(s.slo.metricsEndpoint));
    if (s.slo.source == "prometheus"_L1 && s.slo.selector.isEmpty())
        warn(child(sp, u"selector"_s),
             tr("no selector: the queries will add up every job the Prometheus server scrapes"));
}

void Validator::readHosts(const json &root, Workspace &ws)
{
    const json *list = arrayMember(root, "hosts", {});
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString p = child(u"/hosts"_s, qsizetype(i));
        const json &o = list->at(i);
        if (!isObjectAt(o, p))
            continue;
        checkKeys(o, p,
                  {"name", "environment", "address", "port", "user", "auth", "identity_file",
                   "secret_ref", "groups", "jump"});
        Host h;
        h.name = readString(o, "name", p, true);
        h.environment = readString(o, "environment", p, true);
        h.address = readString(o, "address", p, true);
        h.port = readInt(o, "port", p, h.port, 1, 65535);
        h.user = readString(o, "user", p, false);
        h.auth = readEnum(o, "auth", p, {u"agent"_s, u"key"_s, u"password"_s}, h.auth);
        h.identityFile = readString(o, "identity_file", p, false);
        if (!h.identityFile.isEmpty())
            h.identityFile = localPath(h.identityFile);
        h.secretRef = readString(o, "secret_ref", p, false);
        h.groups = readStringList(o, "groups", p);
        h.jump = readString(o, "jump", p, false);
        if (h.auth == "key"_L1 && h.identityFile.isEmpty() && !member(o, "identity_file"))
            error(child(p, u"identity_file"_s),
                  tr("required with \"auth\": \"key\": expected the path of the private key file"));
        if (h.auth == "password"_L1 && h.secretRef.isEmpty() && !member(o, "secret_ref"))
            error(child(p, u"secret_ref"_s),
                  tr("required with \"auth\": \"password\": expected the keychain entry that "
                     "holds the password"));
        ws.hosts.append(h);
        m_hostPointers.append(p);
    }
    checkUnique(ws.hosts, m_hostPointers, tr("host"));
}

void Validator::readBackupJobs(const json &root, Workspace &ws)
{
    const json *list = arrayMember(root, "backup_jobs", {});
    if (!list)
        return;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const QString p = child(u"/backup_jobs"_s, qsizetype(i));
        const json &o = list->at(i);
        if (!isObjectAt(o, p))
            continue;
        checkKeys(o, p,
                  {"name", "environment", "host", "location", "pattern", "schedule", "rpo_minutes",
                   "verify_command", "restore_command", "working_directory",
                   "remote_list_command"});
        BackupJob b;
        b.name = readString(o, "name", p, true);
        b.environment = readString(o, "environment", p, true);
        b.host = readString(o, "host", p, true);
        b.location = readString(o, "location", p, true);
        b.pattern = readString(o, "pattern", p, false, b.pattern);
        b.schedule = readString(o, "schedule", p, false);
        b.rpoMinutes = readInt(o, "rpo_minutes", p, b.rpoMinutes, 1, 525600);
        b.verifyCommand = readString(o, "verify_command", p, false);
        b.restoreCommand = readString(o, "restore_command", p, false);
        b.workingDirectory = readString(o, "working_directory", p, false);
        b.remoteListCommand = readString(o, "remote_list_command", p, false);
        ws.backupJobs.append(b);
        m_backupPointers.append(p);
    }
    checkUnique(ws.backupJobs, m_backupPointers, tr("backup job"));
}

void Validator::readThresholds(const json &root, Workspace &ws)
{
    const json *t = member(root, "thresholds");
    if (!t)
        return;
    if (!t->is_object()) {
        error(u"/thresholds"_s,
              tr("expected an object of numbers, e.g. {\"queue.depth.max\": 50}"));
        return;
    }
    for (auto it = t->cbegin(); it != t->cend(); ++it) {
        if (!it.value().is_number())
            error(child(u"/thresholds"_s, qs(it.key())), tr("expected a number"));
        else
            ws.thresholds.insert(qs(it.key()), it.value().get<double>());
    }
}

void Validator::readSettings(const json &root, Workspace &ws)
{
    const json *o = member(root, "settings");
    if (!o)
        return;
    const QString p = u"/settings"_s;
    if (!isObjectAt(*o, p))
        return;
    checkKeys(*o, p,
              {"probe_interval_ms", "probe_inactivity_timeout_ms", "probe_deadline_ms",
               "maintenance_anchor", "scratch_targets", "prometheus_url", "theme"});
    Settings &s = ws.settings;
    s.probeIntervalMs = readInt(*o, "probe_interval_ms", p, s.probeIntervalMs, 1000, 86400000);
    s.probeInactivityTimeoutMs =
        readInt(*o, "probe_inactivity_timeout_ms", p, s.probeInactivityTimeoutMs, 100, 600000);
    s.probeDeadlineMs = readInt(*o, "probe_deadline_ms", p, s.probeDeadlineMs, 100, 600000);
    if (s.probeDeadlineMs < s.probeInactivityTimeoutMs)
        warn(child(p, u"probe_deadline_ms"_s),
             tr("shorter than probe_inactivity_timeout_ms, so the inactivity timeout never fires"));
    s.maintenanceAnchor = readString(*o, "maintenance_anchor", p, false);
    if (!s.maintenanceAnchor.isEmpty()) {
        const QDate anchor = QDate::fromString(s.maintenanceAnchor, Qt::ISODate);
        if (!anchor.isValid())
            error(child(p, u"maintenance_anchor"_s),
                  tr("expected an ISO date such as \"2026-01-03\""));
        else if (anchor.dayOfWeek() != Qt::Saturday)
            warn(child(p, u"maintenance_anchor"_s),
                 tr("is not a Saturday; maintenance windows are counted from this day"));
    }
    s.scratchTargets = readStringList(*o, "scratch_targets", p);
    const QUrl prometheus = readUrl(*o, "prometheus_url", p, false);
    s.prometheusUrl = prometheus.isEmpty() ? QString() : prometheus.toString();
    s.theme = readEnum(*o, "theme", p, {u"system"_s, u"light"_s, u"dark"_s}, s.theme);
}

template <typename T>
void Validator::checkUnique(const QList<T> &items, const QStringList &pointers, const QString &what)
{
    QMap<QString, qsizetype> first;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString &name = items.at(i).name;
        if (name.isEmpty())
            continue;
        if (first.contains(name)) {
            error(child(pointers.at(i), u"name"_s),
                  tr("duplicate %1 name \"%2\" (first used at %3)")
                      .arg(what, name, pointers.at(first.value(name))));
        } else {
            first.insert(name, i);
        }
    }
}

void Validator::checkReferences(const Workspace &ws)
{
    auto needEnvironment = [&](const QString &pointer, const QString &name) {
        if (!name.isEmpty() && !ws.environment(name))
            error(pointer, tr("no environment named \"%1\"; expected one of the environments "
                              "listed in /environments")
                               .arg(name));
    };
    auto needHost = [&](const QString &pointer, const QString &name) {
        if (!name.isEmpty() && !ws.host(name))
            error(pointer,
                  tr("no host named \"%1\"; expected one of the hosts listed in /hosts").arg(name));
    };
    for (qsizetype i = 0; i < ws.services.size(); ++i) {
        const Service &s = ws.services.at(i);
        const QString &p = m_servicePointers.at(i);
        needEnvironment(child(p, u"environment"_s), s.environment);
        needHost(child(p, u"via"_s), s.via);
        needHost(child(p, u"host"_s), s.host);
        if (s.slo.source == "prometheus"_L1 && ws.prometheusFor(s.environment).url.isEmpty()) {
            QString envPointer = u"/environments/N"_s;
            for (qsizetype k = 0; k < ws.environments.size(); ++k) {
                if (ws.environments.at(k).name == s.environment)
                    envPointer = m_environmentPointers.value(k);
            }
            error(m_sloSourcePointers.value(i),
                  tr("\"prometheus\" needs a Prometheus server: set %1/prometheus/url "
                     "(or /settings/prometheus_url for every environment)")
                      .arg(envPointer));
        }
    }
    for (qsizetype i = 0; i < ws.hosts.size(); ++i) {
        const Host &h = ws.hosts.at(i);
        const QString &p = m_hostPointers.at(i);
        needEnvironment(child(p, u"environment"_s), h.environment);
        if (h.jump.isEmpty())
            continue;
        if (!ws.host(h.jump)) {
            needHost(child(p, u"jump"_s), h.jump);
            continue;
        }
        QStringList chain{h.name};
        for (const Host *hop = ws.host(h.jump); hop; hop = ws.host(hop->jump)) {
            chain.append(hop->name);
            if (hop->name == h.name || chain.count(hop->name) > 1) {
                error(child(p, u"jump"_s),
                      tr("jump hosts form a loop: %1").arg(chain.join(u" → "_s)));
                break;
            }
            if (hop->jump.isEmpty())
                break;
        }
    }
    for (qsizetype i = 0; i < ws.backupJobs.size(); ++i) {
        const BackupJob &b = ws.backupJobs.at(i);
        const QString &p = m_backupPointers.at(i);
        needEnvironment(child(p, u"environment"_s), b.environment);
        needHost(child(p, u"host"_s), b.host);
    }
}

Result<LoadedWorkspace> Validator::finish(Workspace ws)
{
    if (m_errors.isEmpty()) {
        for (const QString &w : std::as_const(m_warnings))
            qCDebug(lcWorkspace).noquote() << "warning:" << w;
        return LoadedWorkspace{std::move(ws), m_warnings};
    }
    QStringList lines;
    for (const Issue &issue : std::as_const(m_errors))
        lines.append(format(issue.pointer, issue.text));
    const auto secret = std::find_if(m_errors.cbegin(), m_errors.cend(),
                                     [](const Issue &issue) { return issue.secret; });
    const Issue &headline = secret != m_errors.cend() ? *secret : m_errors.first();
    QString message = format(headline.pointer, headline.text);
    if (m_errors.size() > 1)
        message += u' ' + tr("(and %n more problem(s))", nullptr, int(m_errors.size() - 1));
    return fail(secret != m_errors.cend() ? u"workspace.literal_secret"_s : u"workspace.invalid"_s,
                message, lines.join(u'\n'));
}

} // namespace

Result<LoadedWorkspace> WorkspaceLoader::loadText(const QByteArray &text, const QString &sourceName,
                                                  const QMap<QString, QString> &variables)
{
    return Validator(text, sourceName, variables, {}).run();
}

Result<LoadedWorkspace> WorkspaceLoader::loadFile(const QString &path,
                                                  const QMap<QString, QString> &variables)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(u"workspace.unreadable"_s,
                    tr("Cannot read the workspace file %1: %2").arg(path, file.errorString()),
                    file.errorString());
    }
    const QByteArray text = file.readAll();
    const QFileInfo info(path);
    auto result = Validator(text, path, variables, info.absolutePath()).run();
    if (result)
        result->workspace.filePath = info.absoluteFilePath();
    return result;
}

} // namespace ph
