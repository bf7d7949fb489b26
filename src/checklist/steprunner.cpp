// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/steprunner.h"

#include "audit/auditlog.h"
#include "checklist/expectations.h"
#include "core/jsonpointer.h"
#include "probes/keyprovider.h"
#include "probes/tunnelprovider.h"
#include "runbooks/runbookparser.h"
#include "safety/commandclassifier.h"
#include "ssh/fanout.h"
#include "ssh/sshsessionpool.h"
#include "storage/database.h"

#include <QCryptographicHash>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcStepRunner, "pilothouse.checklist")

namespace ph {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ph::StepRunner", text);
}

const QByteArray kMaskBytes = QByteArrayLiteral("\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2"); // •••

QByteArray maskBytes(QByteArray data, const QStringList &secrets)
{
    QStringList sorted = secrets;
    std::sort(sorted.begin(), sorted.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &s : std::as_const(sorted)) {
        if (!s.isEmpty())
            data.replace(s.toUtf8(), kMaskBytes);
    }
    return data;
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString stepName(int index, const Step &step)
{
    return tr("Step %1 (“%2”)").arg(index + 1).arg(step.title.simplified());
}

bool usesParameter(const QString &text, const RunbookParameter &p)
{
    return text.contains(p.placeholder.isEmpty() ? u'<' + p.name + u'>' : p.placeholder);
}

/// Parameters of @p runbook used in @p text that have no value.
QStringList missingParameters(const Runbook &runbook, const QString &text,
                              const QMap<QString, QString> &values)
{
    QStringList missing;
    for (const RunbookParameter &p : runbook.parameters) {
        if (usesParameter(text, p) && values.value(p.name).isEmpty())
            missing.append(p.placeholder.isEmpty() ? p.name : p.placeholder);
    }
    return missing;
}

SshCredentials credentialsFor(const Host &h, const QHash<QString, QString> &secrets)
{
    SshCredentials creds;
    const QString secret = secrets.value(h.secretRef);
    if (h.auth == u"key"_s) {
        creds.methods = {SshCredentials::Method::KeyFile, SshCredentials::Method::Agent};
        creds.keyFile = h.identityFile;
        creds.passphrase = secret;
    } else if (h.auth == u"password"_s) {
        creds.methods = {SshCredentials::Method::Password};
        creds.password = secret;
    } else {
        creds.methods = {SshCredentials::Method::Agent};
    }
    return creds;
}

QString hexSha256(const QByteArray &data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/// PostgreSQL steps go to psql on the host, against the database the server itself uses:
/// $DATABASE_URL stays in the server's environment and never passes through Pilothouse.
QString sqlThroughPsql(const Step &step, const QString &command)
{
    static const QStringList postgres{u"sql"_s, u"psql"_s, u"pgsql"_s, u"postgresql"_s};
    if (!postgres.contains(step.language.toLower()))
        return command;
    QString sql = command;
    while (sql.endsWith(u'\n'))
        sql.chop(1);
    return u"psql \"$DATABASE_URL\" -X -v ON_ERROR_STOP=1 <<'PILOTHOUSE_SQL'\n"_s + sql +
           u"\nPILOTHOUSE_SQL"_s;
}

} // namespace

struct StepRunner::Active
{
    ChecklistRun *run = nullptr;
    int index = -1;
    Step step;
    StepConfirmation confirmation;
    QMap<QString, QString> textParameters;
    QMap<QString, QString> secretEntries; ///< parameter name -> keychain entry
    QHash<QString, QString> secrets;      ///< keychain entry -> value
    QStringList destructiveReasons;
    std::optional<ResolvedCommand> command;
    std::optional<ResolvedHttp> http;
    bool started = false;
    bool cancelled = false;
    bool hostKeyRefused = false;
    QString hostKeyFingerprint;
    SshSession *session = nullptr;
    QList<QMetaObject::Connection> connections;
    quint64 job = 0;
    QByteArray output;
    QNetworkReply *reply = nullptr;
    FanOut *fanOut = nullptr;
    QTimer *deadline = nullptr;
    QElapsedTimer clock;
    bool sent = false;
    bool tooLarge = false;
    bool timedOut = false;

    QStringList secretValues() const
    {
        QStringList values;
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            values.append(it.value());
        return values;
    }
    QMap<QString, QString> allParameters() const
    {
        QMap<QString, QString> all = textParameters;
        for (auto it = secretEntries.cbegin(); it != secretEntries.cend(); ++it)
            all.insert(it.key(), secrets.value(it.value()));
        return all;
    }
};

StepRunner::StepRunner(QObject *parent)
    : QObject(parent)
    , m_auditPool(new QThreadPool(this))
{
    qRegisterMetaType<ph::StepResult>();
    qRegisterMetaType<ph::Error>();
    // One thread in order: the chain must see records in the order they happened.
    m_auditPool->setMaxThreadCount(1);
    m_auditPool->setExpiryTimeout(-1);
}

StepRunner::~StepRunner()
{
    if (m_active && m_active->session && m_active->job)
        m_active->session->cancel(m_active->job);
    if (m_active && m_active->reply)
        m_active->reply->abort();
    if (m_active && m_active->fanOut) {
        m_active->fanOut->disconnect(this);
        m_active->fanOut->cancel();
    }
    m_active.reset();
    if (m_auditDb) {
        // The pool's one thread holds a connection; it must close on that thread.
        m_auditPool->start([db = m_auditDb] { db->releaseThreadConnection(); });
    }
    m_auditPool->waitForDone();
    qDeleteAll(m_sessions);
}

void StepRunner::setWorkspace(const Workspace &workspace)
{
    m_workspace = workspace;
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (m_active && m_active->session == it.value()) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_sessions.erase(it);
    }
}

void StepRunner::setAuditLog(std::shared_ptr<Database> database, const QByteArray &sealKey)
{
    m_auditDb = database;
    m_audit = database ? std::make_shared<AuditLog>(std::move(database), sealKey) : nullptr;
}

// ---------------------------------------------------------------------------------------
// Pieces without a server

const Service *StepRunner::findService(const Workspace &workspace, const QString &name,
                                       const QString &environment)
{
    if (name.isEmpty())
        return nullptr;
    const Service *byComponent = nullptr;
    const Service *byProfile = nullptr;
    for (const Service &s : workspace.services) {
        if (!environment.isEmpty() && s.environment != environment)
            continue;
        if (s.name == name)
            return &s;
        if (!byComponent && s.component == name)
            byComponent = &s;
        if (!byProfile && s.profile == name)
            byProfile = &s;
    }
    return byComponent ? byComponent : byProfile;
}

QString StepRunner::withWorkingDirectory(const QString &directory, const QString &command)
{
    if (directory.isEmpty())
        return command;
    QString dir;
    // "~" must stay outside the quotes or the remote shell will not expand it.
    if (directory == u"~"_s)
        dir = u"~"_s;
    else if (directory.startsWith(u"~/"_s))
        dir = u"~/"_s + shellQuote(directory.mid(2));
    else
        dir = shellQuote(directory);
    // A script of several lines must not run its later lines after a failed cd.
    if (command.trimmed().contains(u'\n'))
        return u"cd "_s + dir + u" || exit 1\n"_s + command;
    return u"cd "_s + dir + u" && "_s + command;
}

Result<ResolvedCommand> StepRunner::resolveCommand(const Workspace &workspace,
                                                   const Runbook &runbook, const Step &step,
                                                   const QString &environment,
                                                   const QMap<QString, QString> &parameters,
                                                   const QStringList &secretNames)
{
    const Service *service = findService(workspace, runbook.service, environment);
    ResolvedCommand r;
    if (!step.host.isEmpty()) {
        r.hostName = step.host;
    } else if (!step.group.isEmpty()) {
        r.group = step.group;
        for (const Host &h : workspace.hostsInGroup(step.group)) {
            if (h.environment.isEmpty() || environment.isEmpty() || h.environment == environment)
                r.groupHosts.append(h);
        }
        if (r.groupHosts.isEmpty()) {
            return fail(u"checklist.empty_group"_s,
                        tr("No host of environment “%1” is in the host group “%2”. Add “%2” to "
                           "the groups of the hosts in the workspace, or correct the step's "
                           "group=….")
                            .arg(environment, step.group));
        }
    } else if (service && !service->host.isEmpty()) {
        r.hostName = service->host;
    } else {
        return fail(u"checklist.no_host"_s,
                    runbook.service.isEmpty()
                        ? tr("The step names no host and the runbook names no service. Add "
                             "host=… to the step's code fence or service: to the runbook.")
                        : tr("The step names no host, and service “%1” in environment “%2” has "
                             "no host in the workspace. Set the service's host, or add host=… "
                             "to the step.")
                              .arg(runbook.service, environment));
    }
    if (r.group.isEmpty()) {
        const Host *host = workspace.host(r.hostName);
        if (!host) {
            return fail(u"checklist.no_host"_s,
                        tr("The workspace has no host “%1”. Add it under hosts, or correct the "
                           "step's host=….")
                            .arg(r.hostName));
        }
        r.host = *host;
    }

    QMap<QString, QString> textOnly = parameters;
    for (const QString &name : secretNames)
        textOnly.remove(name);
    const QString serviceDirectory = service ? service->workingDirectory : QString();
    QString directory = !step.cwd.isEmpty() ? step.cwd : serviceDirectory;
    // A relative cwd= is a folder of the deployment, like every relative path in a runbook.
    if (!step.cwd.isEmpty() && !step.cwd.startsWith(u'/') && !step.cwd.startsWith(u'~') &&
        !serviceDirectory.isEmpty()) {
        QString base = serviceDirectory;
        while (base.endsWith(u'/'))
            base.chop(1);
        directory = base + u'/' + step.cwd;
    }
    r.workingDirectory = substituteParameters(directory, textOnly);
    r.command = substituteParameters(step.command, parameters);
    r.displayCommand = substituteParameters(step.command, textOnly);
    r.remoteCommand = withWorkingDirectory(r.workingDirectory, sqlThroughPsql(step, r.command));
    for (const QString &name : secretNames) {
        if (!parameters.value(name).isEmpty())
            r.secretValues.append(parameters.value(name));
    }
    return r;
}

Result<ResolvedHttp> StepRunner::resolveHttp(const Workspace &workspace, const Runbook &runbook,
                                             const Step &step, const QString &environment,
                                             const QMap<QString, QString> &parameters)
{
    const QString wanted = !step.http.service.isEmpty() ? step.http.service : runbook.service;
    const Service *service = findService(workspace, wanted, environment);
    if (!service && !runbook.service.isEmpty() && wanted != runbook.service)
        service = findService(workspace, runbook.service, environment);
    if (!service) {
        return fail(u"checklist.no_service"_s,
                    tr("No service “%1” in environment “%2” of the workspace answers this HTTP "
                       "step. Add the service, or run the runbook in another environment.")
                        .arg(wanted.isEmpty() ? tr("(unnamed)") : wanted, environment));
    }
    if (!service->baseUrl.isValid()) {
        return fail(u"checklist.no_service"_s,
                    tr("Service “%1” has no valid base_url.").arg(service->name));
    }
    ResolvedHttp r;
    r.serviceName = service->name;
    r.via = service->via;
    r.method = step.http.method.isEmpty() ? u"GET"_s : step.http.method.toUpper();
    QString base = service->baseUrl.toString();
    while (base.endsWith(u'/'))
        base.chop(1);
    QString path = substituteParameters(step.http.path, parameters);
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    r.url = QUrl(base + path);
    if (!r.url.isValid()) {
        return fail(u"checklist.bad_url"_s, tr("“%1” is not a valid URL.").arg(base + path),
                    r.url.errorString());
    }
    if (step.http.needsKey) {
        if (service->dashboardKeyRef.isEmpty()) {
            return fail(u"checklist.no_key"_s,
                        tr("This step sends X-Dash-Key, but service “%1” has no "
                           "dashboard_key_ref in the workspace. Set one and store the key in "
                           "the keychain.")
                            .arg(service->name));
        }
        r.keyRef = service->dashboardKeyRef;
    }
    if (!step.http.jq.isEmpty()) {
        auto pointer = jqPathToPointer(step.http.jq);
        if (!pointer)
            return tl::unexpected(pointer.error());
        r.jqPointer = *pointer;
    }
    return r;
}

Result<QString> StepRunner::jqPathToPointer(const QString &jq)
{
    QString text = jq.trimmed();
    if (text.size() >= 2 && (text.front() == u'\'' || text.front() == u'"') &&
        text.back() == text.front())
        text = text.mid(1, text.size() - 2).trimmed();
    auto unsupported = [&jq](const QString &why) {
        return fail(u"checklist.jq"_s,
                    tr("The jq filter “%1” is not a simple path such as .a.b or .items[0]; "
                       "Pilothouse shows only such paths. %2")
                        .arg(jq, why));
    };
    if (!text.startsWith(u'.'))
        return unsupported(tr("It must start with a dot."));
    auto escape = [](QString key) {
        key.replace(u'~', u"~0"_s);
        key.replace(u'/', u"~1"_s);
        return key;
    };
    QString pointer;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto isNameChar = [](QChar c) {
        return c.isLetterOrNumber() || c == u'_' || c == u'-';
    };
    while (i < n) {
        const QChar c = text.at(i);
        if (c == u'.') {
            ++i;
            if (i == n || text.at(i) == u'[')
                continue; // "." alone, or ".[" before a bracket
            const qsizetype start = i;
            while (i < n && isNameChar(text.at(i)))
                ++i;
            if (i == start)
                return unsupported(
                    tr("Unexpected “%1” at position %2.").arg(text.at(i)).arg(i + 1));
            pointer += u'/' + escape(text.mid(start, i - start));
        } else if (c == u'[') {
            const qsizetype close = text.indexOf(u']', i);
            if (close < 0)
                return unsupported(tr("A “[” is not closed."));
            const QString inner = text.mid(i + 1, close - i - 1).trimmed();
            bool isIndex = false;
            const int idx = inner.toInt(&isIndex);
            if (isIndex && idx >= 0) {
                pointer += u'/' + QString::number(idx);
            } else if (inner.size() >= 2 && inner.front() == u'"' && inner.back() == u'"') {
                pointer += u'/' + escape(inner.mid(1, inner.size() - 2));
            } else {
                return unsupported(tr("“[%1]” is neither an index nor a quoted key.").arg(inner));
            }
            i = close + 1;
        } else if (c == u'?') {
            ++i; // ".a?" only suppresses errors in jq; the value is the same
        } else {
            return unsupported(tr("Unexpected “%1” at position %2.").arg(c).arg(i + 1));
        }
    }
    return pointer;
}

Result<QByteArray> StepRunner::extractJsonValue(const QByteArray &body, const QString &pointer)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError) {
        return fail(u"checklist.json"_s,
                    tr("The answer is not JSON, so the jq path cannot be "
                       "applied."),
                    error.errorString());
    }
    const QJsonValue root = doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
    QJsonValue value;
    // jq prints null for a path that names nothing, and so does Pilothouse.
    if (!resolveJsonPointer(root, pointer, &value))
        return QByteArrayLiteral("null");
    switch (value.type()) {
    case QJsonValue::Object:
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented).trimmed();
    case QJsonValue::Array:
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented).trimmed();
    default: {
        // A one-element array prints the scalar exactly as JSON would (quotes, number form).
        QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
        return text.mid(1, text.size() - 2);
    }
    }
}

QStringList StepRunner::destructiveReasons(const Step &step, const QString &command,
                                           const QStringList &scratchTargets)
{
    QStringList reasons;
    if (step.destructive) {
        reasons = step.destructiveReasons;
        if (reasons.isEmpty())
            reasons.append(tr("the runbook marks this step destructive"));
    }
    if (step.kind == Step::Kind::Command) {
        ClassifyOptions options;
        options.scratchTargets = scratchTargets;
        const bool sql = step.language == u"sql"_s || step.language == u"psql"_s;
        const Classification c = sql ? CommandClassifier::classifySql(command, options)
                                     : CommandClassifier::classify(command, options);
        if (c.isDestructive()) {
            for (const QString &r : c.reasons) {
                if (!reasons.contains(r))
                    reasons.append(r);
            }
        }
    } else if (step.kind == Step::Kind::Http && step.http.method.toUpper() != u"GET"_s &&
               step.http.method.toUpper() != u"HEAD"_s && reasons.isEmpty()) {
        // A POST to an operations API changes something (clear-stuck and the like).
        reasons.append(tr("%1 changes state on the service").arg(step.http.method.toUpper()));
    }
    return reasons;
}

bool StepRunner::confirms(const StepConfirmation &confirmation, const QString &environment,
                          const QString &hostName)
{
    if (!confirmation.isGiven())
        return false;
    return confirmation.token == environment ||
           (!hostName.isEmpty() && confirmation.token == hostName);
}

// ---------------------------------------------------------------------------------------
// Running a step

AuditEvent StepRunner::baseEvent(AuditKind kind) const
{
    AuditEvent e;
    e.kind = kind;
    e.at = QDateTime::currentDateTimeUtc();
    const Active &a = *m_active;
    e.environment = a.run->environment();
    if (a.command) {
        e.host = a.command->group.isEmpty() ? a.command->hostName : a.command->group;
        e.command = a.command->displayCommand;
    } else if (a.http) {
        e.host = a.http->serviceName;
        e.command = a.http->method + u' ' + a.http->url.toString();
    }
    e.detail = QJsonObject{{u"runbook"_s, m_runbook.sourcePath},
                           {u"run_id"_s, QString::number(a.run->runId())},
                           {u"step_id"_s, a.step.id},
                           {u"step_title"_s, a.step.title}};
    if (a.http && !a.http->via.isEmpty())
        e.detail.insert(u"via"_s, a.http->via);
    if (a.command && !a.command->group.isEmpty()) {
        QStringList names;
        for (const Host &h : a.command->groupHosts)
            names.append(h.name);
        e.detail.insert(u"group"_s, a.command->group);
        e.detail.insert(u"hosts"_s, QJsonArray::fromStringList(names));
    }
    return e;
}

QStringList StepRunner::confirmationReasons(const ChecklistRun &run, int index) const
{
    if (index < 0 || index >= run.stepCount())
        return {};
    const Step *step = m_runbook.step(run.step(index).stepId);
    if (!step || step->kind == Step::Kind::Manual)
        return {};
    QString command;
    if (step->kind == Step::Kind::Command) {
        QMap<QString, QString> text;
        for (const RunParameter &p : run.parameters()) {
            if (!p.secret)
                text.insert(p.name, p.value);
        }
        command = substituteParameters(step->command, text);
    }
    return destructiveReasons(*step, command, m_workspace.settings.scratchTargets);
}

int StepRunner::activeStep() const
{
    return m_active ? m_active->index : -1;
}

QStringList StepRunner::targetHosts(const ChecklistRun &run, int index) const
{
    if (index < 0 || index >= run.stepCount())
        return {};
    const Step *step = m_runbook.step(run.step(index).stepId);
    if (!step || step->kind != Step::Kind::Command)
        return {};
    QMap<QString, QString> text;
    for (const RunParameter &p : run.parameters()) {
        if (!p.secret)
            text.insert(p.name, p.value);
    }
    const auto resolved = resolveCommand(m_workspace, m_runbook, *step, run.environment(), text);
    if (!resolved)
        return {};
    if (resolved->group.isEmpty())
        return {resolved->hostName};
    QStringList names;
    for (const Host &h : resolved->groupHosts)
        names.append(h.name);
    return names;
}

bool StepRunner::run(ChecklistRun &run, int index, const StepConfirmation &confirmation)
{
    if (m_active)
        return false;
    auto refuse = [&](const Error &error) {
        // Queued, so a caller that connects after run() returns still hears about it.
        QMetaObject::invokeMethod(
            this, [this, index, error] { Q_EMIT failed(index, error); }, Qt::QueuedConnection);
        return true;
    };
    if (index < 0 || index >= run.stepCount()) {
        return refuse(
            Error{u"checklist.no_step"_s, tr("This run has no step %1.").arg(index + 1), {}});
    }
    const StepRecord &record = run.step(index);
    const Step *step = m_runbook.step(record.stepId);
    if (!step) {
        return refuse(Error{u"checklist.no_step"_s,
                            tr("Step %1 (%2) is not in the runbook any more; it was edited "
                               "after the run started. Start a new run.")
                                .arg(index + 1)
                                .arg(record.stepId),
                            {}});
    }
    if (step->kind == Step::Kind::Manual) {
        return refuse(Error{u"checklist.manual"_s,
                            tr("%1 is a manual check: a person has to do it and mark it done, "
                               "or skip it with a reason.")
                                .arg(stepName(index, *step)),
                            {}});
    }
    if (record.state != StepState::Pending) {
        return refuse(Error{u"checklist.transition"_s,
                            tr("%1 is %2, not pending. Retry it first to run it again.")
                                .arg(stepName(index, *step), stepStateName(record.state)),
                            {}});
    }
    if (!m_audit) {
        return refuse(Error{u"audit.unavailable"_s,
                            tr("The audit log is not open, so no command may run. Check that "
                               "the keychain is unlocked and restart Pilothouse."),
                            {}});
    }

    auto a = std::make_unique<Active>();
    a->run = &run;
    a->index = index;
    a->step = *step;
    a->confirmation = confirmation;
    for (const RunParameter &p : run.parameters()) {
        if (p.secret)
            a->secretEntries.insert(p.name, p.value);
        else
            a->textParameters.insert(p.name, p.value);
    }
    const QString usedText =
        step->kind == Step::Kind::Http ? step->http.path : step->command + u'\n' + step->cwd;
    QMap<QString, QString> known = a->textParameters;
    for (auto it = a->secretEntries.cbegin(); it != a->secretEntries.cend(); ++it)
        known.insert(it.key(), it.value());
    const QStringList missing = missingParameters(m_runbook, usedText, known);
    if (!missing.isEmpty()) {
        return refuse(Error{u"checklist.missing_parameter"_s,
                            tr("%1 needs a value for %2. Fill in the run's parameters first.")
                                .arg(stepName(index, *step), missing.join(u", "_s)),
                            {}});
    }

    // Resolve once without secret values: errors in the workspace show before any keychain
    // prompt, and we learn which secrets the step needs.
    QStringList entries;
    const QStringList secretNames = a->secretEntries.keys();
    if (step->kind == Step::Kind::Command) {
        auto resolved =
            resolveCommand(m_workspace, m_runbook, *step, run.environment(), known, secretNames);
        if (!resolved)
            return refuse(resolved.error());
        const QList<Host> hosts =
            resolved->group.isEmpty() ? QList<Host>{resolved->host} : resolved->groupHosts;
        for (const Host &h : hosts) {
            if (h.auth != u"agent"_s && !h.secretRef.isEmpty())
                entries.append(h.secretRef);
        }
        for (const RunbookParameter &p : m_runbook.parameters) {
            if (a->secretEntries.contains(p.name) && usesParameter(usedText, p))
                entries.append(a->secretEntries.value(p.name));
        }
    } else {
        auto resolved =
            resolveHttp(m_workspace, m_runbook, *step, run.environment(), a->textParameters);
        if (!resolved)
            return refuse(resolved.error());
        if (!resolved->keyRef.isEmpty())
            entries.append(resolved->keyRef);
        if (!resolved->via.isEmpty() && !m_tunnels) {
            return refuse(Error{u"checklist.tunnel"_s,
                                tr("Service “%1” is reached through host “%2”, and no SSH "
                                   "tunnels are available here. Nothing was sent.")
                                    .arg(resolved->serviceName, resolved->via),
                                {}});
        }
    }
    if (!entries.isEmpty() && !m_keys) {
        return refuse(Error{u"keychain.unavailable"_s,
                            tr("%1 needs secrets from the keychain, and no keychain is "
                               "connected.")
                                .arg(stepName(index, *step)),
                            {}});
    }
    m_active = std::move(a);
    entries.removeDuplicates();
    readSecrets(entries, [this] { secretsReady(); });
    return true;
}

void StepRunner::readSecrets(const QStringList &entries, std::function<void()> then)
{
    if (entries.isEmpty()) {
        QMetaObject::invokeMethod(this, std::move(then), Qt::QueuedConnection);
        return;
    }
    auto remaining = std::make_shared<int>(int(entries.size()));
    auto error = std::make_shared<std::optional<Error>>();
    auto done = std::make_shared<std::function<void()>>(std::move(then));
    for (const QString &entry : entries) {
        m_keys->key(entry, this, [this, entry, remaining, error, done](Result<QString> value) {
            if (!m_active)
                return;
            if (value)
                m_active->secrets.insert(entry, *value);
            else if (!*error)
                *error = value.error();
            if (--*remaining > 0)
                return;
            if (*error) {
                Error e = **error;
                e.message =
                    tr("The keychain entry “%1” could not be read: %2").arg(entry, e.message);
                abort(e);
                return;
            }
            (*done)();
        });
    }
}

void StepRunner::secretsReady()
{
    Active &a = *m_active;
    const QString env = a.run->environment();
    if (a.step.kind == Step::Kind::Command) {
        auto resolved = resolveCommand(m_workspace, m_runbook, a.step, env, a.allParameters(),
                                       a.secretEntries.keys());
        if (!resolved) {
            abort(resolved.error());
            return;
        }
        a.command = *resolved;
    } else {
        auto resolved = resolveHttp(m_workspace, m_runbook, a.step, env, a.textParameters);
        if (!resolved) {
            abort(resolved.error());
            return;
        }
        a.http = *resolved;
    }
    a.destructiveReasons = destructiveReasons(a.step, a.command ? a.command->command : QString(),
                                              m_workspace.settings.scratchTargets);
    if (a.destructiveReasons.isEmpty()) {
        startActive();
        return;
    }

    const QString hostName =
        a.command ? (a.command->group.isEmpty() ? a.command->hostName : a.command->group)
                  : QString();
    if (!confirms(a.confirmation, env, hostName)) {
        const bool mismatch = a.confirmation.isGiven();
        QString where;
        if (a.command && !a.command->group.isEmpty()) {
            QStringList names;
            for (const Host &h : std::as_const(a.command->groupHosts))
                names.append(h.name);
            // Whoever confirms a group step must see every host it would change.
            where = u" "_s + tr("It would run on %1 host(s) of group “%2”: %3.")
                                 .arg(names.size())
                                 .arg(a.command->group, names.join(u", "_s));
        }
        const Error error{
            u"checklist.needs_confirmation"_s,
            mismatch
                ? tr("%1 is destructive (%2), and “%3” does not confirm it: confirm with "
                     "the environment name “%4”.")
                      .arg(stepName(a.index, a.step), a.destructiveReasons.join(u"; "_s),
                           a.confirmation.token, env)
                : tr("%1 is destructive (%2) and needs confirmation for environment "
                     "“%3”. Nothing was run.")
                          .arg(stepName(a.index, a.step), a.destructiveReasons.join(u"; "_s), env) +
                      where,
            {}};
        AuditEvent refusal = baseEvent(AuditKind::Refusal);
        refusal.detail.insert(u"reason"_s,
                              mismatch ? u"confirmation does not match"_s : u"not confirmed"_s);
        refusal.detail.insert(u"destructive"_s, QJsonArray::fromStringList(a.destructiveReasons));
        appendAudit(refusal, [this, error](Result<void>) { abort(error); });
        return;
    }
    AuditEvent confirmation = baseEvent(AuditKind::Confirmation);
    confirmation.confirmedBy = a.confirmation.by;
    confirmation.detail.insert(u"destructive"_s, QJsonArray::fromStringList(a.destructiveReasons));
    appendAudit(confirmation, [this](Result<void> written) {
        if (!written) {
            // An unrecorded confirmation must not lead to a destructive command.
            abort(written.error());
            return;
        }
        startActive();
    });
}

void StepRunner::startActive()
{
    if (m_active->step.kind == Step::Kind::Command && !m_active->command->group.isEmpty())
        startGroup();
    else if (m_active->step.kind == Step::Kind::Command)
        startCommand();
    else
        startHttp();
}

SshSession *StepRunner::sessionFor(const ResolvedCommand &resolved)
{
    SshSession *&session = m_sessions[resolved.hostName];
    if (!session) {
        session = new SshSession(SshTarget::fromHost(resolved.host), m_sshOptions, nullptr);
        session->setCredentials(credentialsFor(resolved.host, m_active->secrets));
        connect(session, &SshSession::hostKeyUnknown, this,
                [this, session](const QString &, int, const QString &, const QString &fp) {
                    if (m_active && m_active->session == session) {
                        m_active->hostKeyRefused = true;
                        m_active->hostKeyFingerprint = fp;
                    }
                    session->acceptHostKey(HostKeyDecision::Reject);
                });
    }
    return session;
}

void StepRunner::startCommand()
{
    Active &a = *m_active;
    a.session = sessionFor(*a.command);
    SshSession *session = a.session;

    auto begin = [this, session] {
        Active &a = *m_active;
        for (const auto &c : std::as_const(a.connections))
            disconnect(c);
        a.connections.clear();
        if (auto started = a.run->startStep(a.index, QDateTime::currentDateTimeUtc()); !started) {
            abort(started.error());
            return;
        }
        a.started = true;
        Q_EMIT stepStarted(a.index);
        auto chunk = [this](quint64 job, const QByteArray &data, bool isStderr) {
            if (!m_active || job != m_active->job)
                return;
            Q_EMIT outputReceived(m_active->index, maskBytes(data, m_active->secretValues()),
                                  isStderr);
        };
        a.connections << connect(session, &SshSession::stdoutReceived, this,
                                 [chunk](quint64 j, const QByteArray &d) { chunk(j, d, false); });
        a.connections << connect(session, &SshSession::stderrReceived, this,
                                 [chunk](quint64 j, const QByteArray &d) { chunk(j, d, true); });
        a.connections << connect(session, &SshSession::finished, this,
                                 &StepRunner::onCommandFinished);
        CommandOptions options;
        const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
        options.timeoutMs = timeout * 1000;
        // On a pseudo-terminal a timeout, cancel or a dead console really ends the command.
        options.pty = true;
        a.job = session->run(a.command->remoteCommand, options);
        if (a.cancelled)
            session->cancel(a.job);
    };

    if (session->isConnected()) {
        begin();
        return;
    }
    // Connect before the step starts, so a host that cannot be reached leaves the run as
    // it was instead of recording a step that never ran.
    a.connections << connect(session, &SshSession::connected, this, begin);
    a.connections << connect(
        session, &SshSession::connectionFailed, this, [this](const Error &error) {
            if (!m_active)
                return;
            Error e = error;
            if (m_active->hostKeyRefused) {
                e.code = u"ssh.hostkey_unknown"_s;
                e.message = tr("The host key of %1 (%2) is not known yet, so "
                               "nothing was run. Connect to the host once from "
                               "the Remote view and accept its key, or add it to "
                               "~/.ssh/known_hosts.")
                                .arg(m_active->command->hostName, m_active->hostKeyFingerprint);
            }
            abort(e);
        });
    session->connectToHost();
}

void StepRunner::onCommandFinished(quint64 job, const CommandResult &result)
{
    if (!m_active || job != m_active->job)
        return;
    Active &a = *m_active;
    if (result.failed && result.error.code == u"ssh.connection_lost"_s) {
        // Nobody saw how the command ended: the step is interrupted, never passed or failed.
        AuditEvent event = baseEvent(AuditKind::Command);
        event.detail.insert(u"outcome"_s, u"interrupted"_s);
        const Error error = result.error;
        appendAudit(event, [this, error](Result<void>) { abort(error); });
        return;
    }
    StepResult r;
    r.secretValues = a.secretValues();
    // The session keeps the newest MiB per stream, so a chatty command cannot exhaust
    // memory; on a pseudo-terminal everything arrives on stdout, in order.
    QByteArray output = result.stdoutTail + result.stderrTail;
    // A pseudo-terminal turns every newline into CRLF; stored output reads like a file.
    output.replace("\r\n", "\n");
    r.output = output;
    if (result.exitStatus >= 0)
        r.exitStatus = result.exitStatus;
    if (result.cancelled) {
        r.reason = tr("Cancelled before it finished.");
    } else if (result.timedOut) {
        const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
        r.reason = tr("No result within the step's timeout of %1 s; the command was stopped.")
                       .arg(timeout);
    } else if (result.failed) {
        r.reason = result.error.message;
    } else if (!result.signal.isEmpty()) {
        r.reason = tr("The command was killed by signal %1.").arg(result.signal);
    } else {
        const ExpectationResult verdict =
            evaluateExpectations(a.step.expectations, r.exitStatus, QString::fromUtf8(output),
                                 std::nullopt, std::nullopt, {});
        r.passed = verdict.passed;
        r.reason = verdict.reason;
    }
    AuditEvent event = baseEvent(AuditKind::Command);
    event.exitStatus = r.exitStatus;
    event.outputSha256 = audit::sha256Hex(output);
    if (!a.destructiveReasons.isEmpty())
        event.confirmedBy = a.confirmation.by;
    complete(std::move(r), event);
}

void StepRunner::startGroup()
{
    Active &a = *m_active;
    if (!m_pool)
        m_pool = new SshSessionPool(m_sshOptions, this);
    if (auto started = a.run->startStep(a.index, QDateTime::currentDateTimeUtc()); !started) {
        abort(started.error());
        return;
    }
    a.started = true;
    Q_EMIT stepStarted(a.index);
    a.fanOut = new FanOut(m_pool, this);
    a.fanOut->setConcurrency(m_groupConcurrency);
    // As for one host: an unknown key is accepted only from the Remote view.
    a.fanOut->setUnknownHostKeyPolicy(FanOut::UnknownHostKeyPolicy::Refuse);
    CommandOptions options;
    const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
    options.timeoutMs = timeout * 1000;
    options.pty = true;
    a.fanOut->setCommandOptions(options);
    QList<FanOutHost> hosts;
    for (const Host &h : std::as_const(a.command->groupHosts)) {
        hosts.append(FanOutHost{h.name, SshTarget::fromHost(h), credentialsFor(h, a.secrets),
                                a.run->environment()});
    }
    FanOut *fan = a.fanOut;
    // Hosts finish in any order; each one's output is shown whole, under its name.
    connect(fan, &FanOut::hostFinished, this, [this, fan](int, const FanOutHostResult &r) {
        if (!m_active || m_active->fanOut != fan)
            return;
        QByteArray out = r.stdoutData + r.stderrData;
        out.replace("\r\n", "\n");
        QByteArray shown = "── " + r.name.toUtf8() + ": " + hostOutcomeText(r.outcome).toUtf8();
        if (r.exitStatus >= 0)
            shown += " (" + QByteArray::number(r.exitStatus) + ")";
        shown += " ──\n" + out;
        if (!shown.endsWith('\n'))
            shown += '\n';
        Q_EMIT outputReceived(m_active->index, maskBytes(shown, m_active->secretValues()), false);
    });
    connect(fan, &FanOut::finished, this, &StepRunner::onGroupFinished);
    fan->start(a.command->remoteCommand, hosts);
    if (a.cancelled)
        fan->cancel();
}

void StepRunner::onGroupFinished()
{
    if (!m_active || !m_active->fanOut)
        return;
    Active &a = *m_active;
    const QList<FanOutHostResult> results = a.fanOut->results();
    a.fanOut->deleteLater();
    a.fanOut = nullptr;

    StepResult r;
    r.secretValues = a.secretValues();
    QStringList notPassed;
    for (const FanOutHostResult &h : results) {
        QByteArray out = h.stdoutData + h.stderrData;
        out.replace("\r\n", "\n");
        StepHostOutcome o;
        o.host = h.name;
        o.outcome = hostOutcomeName(h.outcome);
        if (h.exitStatus >= 0)
            o.exitStatus = h.exitStatus;
        o.sha256 = hexSha256(out);
        o.size = out.size();
        o.excerpt = ChecklistRun::maskedExcerpt(out, r.secretValues);
        const bool ran =
            h.outcome == HostOutcome::Ok || (h.outcome == HostOutcome::Failed && h.exitStatus >= 0);
        if (ran) {
            const ExpectationResult verdict =
                evaluateExpectations(a.step.expectations, o.exitStatus, QString::fromUtf8(out),
                                     std::nullopt, std::nullopt, {});
            o.passed = verdict.passed;
            o.reason = verdict.reason;
        } else if (h.outcome == HostOutcome::TimedOut) {
            const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
            o.reason = tr("No result within the step's timeout of %1 s; the command was stopped.")
                           .arg(timeout);
        } else {
            o.reason = h.error.message.isEmpty() ? hostOutcomeText(h.outcome) : h.error.message;
        }
        if (!o.passed)
            notPassed.append(h.name + u" ("_s + hostOutcomeText(h.outcome) + u')');

        r.output +=
            "── " + h.name.toUtf8() + ": " + hostOutcomeText(h.outcome).toUtf8() + " ──\n" + out;
        if (!r.output.endsWith('\n'))
            r.output += '\n';
        r.hosts.append(o);

        // One record per host, like a fan-out from the Remote view; the step's own record
        // follows in complete().
        AuditEvent event = baseEvent(AuditKind::Command);
        event.host = h.name;
        event.exitStatus = o.exitStatus;
        event.outputSha256 = audit::sha256Hex(out);
        event.detail.insert(u"outcome"_s, o.outcome);
        if (!o.reason.isEmpty())
            event.detail.insert(u"reason"_s, ChecklistRun::maskSecrets(o.reason, r.secretValues));
        if (!a.destructiveReasons.isEmpty())
            event.confirmedBy = a.confirmation.by;
        appendAudit(event, [](Result<void>) {});
    }
    r.passed = !results.isEmpty() && notPassed.isEmpty();
    if (a.cancelled)
        r.reason = tr("Cancelled before it finished.");
    else if (!r.passed)
        r.reason = tr("%1 of %2 host(s) of group “%3” did not pass: %4")
                       .arg(notPassed.size())
                       .arg(results.size())
                       .arg(a.command->group, notPassed.join(u", "_s));
    if (a.cancelled)
        r.passed = false;

    AuditEvent event = baseEvent(AuditKind::Command);
    event.outputSha256 = audit::sha256Hex(r.output);
    QJsonArray outcomes;
    for (const StepHostOutcome &o : std::as_const(r.hosts))
        outcomes.append(QJsonObject{{u"host"_s, o.host}, {u"outcome"_s, o.outcome}});
    event.detail.insert(u"host_outcomes"_s, outcomes);
    if (!a.destructiveReasons.isEmpty())
        event.confirmedBy = a.confirmation.by;
    complete(std::move(r), event);
}

void StepRunner::startHttp()
{
    Active &a = *m_active;
    if (a.http->via.isEmpty()) {
        sendHttp(0);
        return;
    }
    // The tunnel opens before the step starts: a host that cannot be reached leaves the
    // run as it was, as for a command step.
    const QUrl url = a.http->url;
    const int port = url.port(url.scheme() == u"https"_s ? 443 : 80);
    const int index = a.index;
    m_tunnels->localPort(a.http->via, url.host(), port, this, [this, index](Result<quint16> local) {
        if (!m_active || m_active->index != index || m_active->started)
            return;
        if (!local) {
            abort(local.error());
            return;
        }
        if (m_active->cancelled) {
            abort(Error{u"checklist.cancelled"_s, tr("Cancelled before it started."), {}});
            return;
        }
        sendHttp(*local);
    });
}

void StepRunner::sendHttp(quint16 tunnelPort)
{
    Active &a = *m_active;
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    if (auto started = a.run->startStep(a.index, QDateTime::currentDateTimeUtc()); !started) {
        abort(started.error());
        return;
    }
    a.started = true;
    Q_EMIT stepStarted(a.index);
    QNetworkRequest request(a.http->url);
    if (tunnelPort != 0)
        routeThroughTunnel(request, tunnelPort);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
    request.setTransferTimeout(timeout * 1000);
    if (!a.http->keyRef.isEmpty())
        request.setRawHeader("X-Dash-Key", a.secrets.value(a.http->keyRef).toUtf8());
    QByteArray body = a.step.http.body.toUtf8();
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    a.clock.start();
    a.reply = m_network->sendCustomRequest(request, a.http->method.toLatin1(), body);
    QNetworkReply *reply = a.reply;
    connect(reply, &QNetworkReply::requestSent, this, [this, reply] {
        if (m_active && m_active->reply == reply && !m_active->sent) {
            m_active->sent = true;
            m_active->clock.restart(); // latency counts from the request, not the connect
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (!m_active || m_active->reply != reply)
            return;
        m_active->output += reply->readAll();
        if (m_active->output.size() > kMaxBodyBytes) {
            m_active->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, &StepRunner::onHttpFinished);
    // setTransferTimeout only notices silence; this bounds the whole exchange.
    a.deadline = new QTimer(this);
    a.deadline->setSingleShot(true);
    connect(a.deadline, &QTimer::timeout, this, [this, reply] {
        if (m_active && m_active->reply == reply) {
            m_active->timedOut = true;
            reply->abort();
        }
    });
    a.deadline->start(timeout * 1000);
}

void StepRunner::onHttpFinished()
{
    if (!m_active || !m_active->reply)
        return;
    Active &a = *m_active;
    QNetworkReply *reply = a.reply;
    a.reply = nullptr;
    if (a.deadline) {
        a.deadline->stop();
        a.deadline->deleteLater();
        a.deadline = nullptr;
    }
    const qint64 latency = a.clock.elapsed();
    if (!a.tooLarge)
        a.output += reply->readAll();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    reply->deleteLater();

    StepResult r;
    r.secretValues = a.secretValues();
    if (status.isValid())
        r.httpStatus = status.toInt();
    const QByteArray body = a.output;
    if (a.cancelled) {
        r.reason = tr("Cancelled before it finished.");
    } else if (a.tooLarge) {
        r.reason = tr("The answer is larger than %1 MiB; Pilothouse reads no more.")
                       .arg(kMaxBodyBytes / (1024 * 1024));
    } else if (a.timedOut) {
        const int timeout = a.step.timeoutSec > 0 ? a.step.timeoutSec : m_defaultTimeoutSec;
        r.reason = tr("No answer within the step's timeout of %1 s.").arg(timeout);
    } else if (!r.httpStatus) {
        r.reason = tr("%1 did not answer: %2").arg(a.http->url.toString(), reply->errorString());
    }
    QByteArray shown = body;
    if (r.reason.isEmpty() && !a.http->jqPointer.isNull() && !a.step.http.jq.isEmpty()) {
        auto value = extractJsonValue(body, a.http->jqPointer);
        if (value)
            shown = *value;
        else
            r.reason = value.error().message;
    }
    r.output = shown;
    if (r.reason.isEmpty()) {
        const ExpectationResult verdict =
            evaluateExpectations(a.step.expectations, std::nullopt, QString::fromUtf8(shown),
                                 r.httpStatus, int(latency), body);
        r.passed = verdict.passed;
        r.reason = verdict.reason;
    }
    if (!shown.isEmpty() && !shown.endsWith('\n'))
        shown += '\n';
    Q_EMIT outputReceived(a.index, maskBytes(shown, r.secretValues), false);

    AuditEvent event = baseEvent(AuditKind::Command);
    event.outputSha256 = audit::sha256Hex(body);
    event.detail.insert(u"http_status"_s, r.httpStatus ? QJsonValue(*r.httpStatus) : QJsonValue());
    event.detail.insert(u"latency_ms"_s, double(latency));
    if (!a.destructiveReasons.isEmpty())
        event.confirmedBy = a.confirmation.by;
    complete(std::move(r), event);
}

void StepRunner::complete(StepResult result, const AuditEvent &event)
{
    Active &a = *m_active;
    for (const auto &c : std::as_const(a.connections))
        disconnect(c);
    a.connections.clear();
    AuditEvent e = event;
    e.detail.insert(u"outcome"_s, result.passed ? u"passed"_s : u"failed"_s);
    if (!result.reason.isEmpty())
        e.detail.insert(u"reason"_s, ChecklistRun::maskSecrets(result.reason, result.secretValues));
    if (auto finished = a.run->finishStep(a.index, result, QDateTime::currentDateTimeUtc());
        !finished) {
        appendAudit(e, [this, error = finished.error()](Result<void>) { abort(error); });
        return;
    }
    // The caller hears of the step only once its audit record is written.
    appendAudit(e, [this, result](Result<void> written) {
        const int index = m_active->index;
        m_active.reset();
        if (!written) {
            Q_EMIT failed(index, written.error());
            return;
        }
        Q_EMIT stepFinished(index, result);
    });
}

void StepRunner::abort(const Error &error)
{
    if (!m_active)
        return;
    Active &a = *m_active;
    for (const auto &c : std::as_const(a.connections))
        disconnect(c);
    if (FanOut *fan = std::exchange(a.fanOut, nullptr)) {
        fan->disconnect(this);
        fan->cancel();
        fan->deleteLater();
    }
    const int index = a.index;
    if (a.started && a.run->step(index).state == StepState::Running) {
        // Whatever happened after the start is unknown: never leave the step "running".
        (void)a.run->interruptStep(index, error.message, QDateTime::currentDateTimeUtc());
    }
    m_active.reset();
    qCDebug(lcStepRunner) << "step" << index + 1 << "could not run:" << error.code;
    Q_EMIT failed(index, error);
}

void StepRunner::cancel()
{
    if (!m_active)
        return;
    m_active->cancelled = true;
    if (m_active->fanOut)
        m_active->fanOut->cancel();
    if (m_active->session && m_active->job)
        m_active->session->cancel(m_active->job);
    if (m_active->reply)
        m_active->reply->abort();
}

void StepRunner::appendAudit(const AuditEvent &event, std::function<void(Result<void>)> then)
{
    auto log = m_audit;
    auto *watcher = new QFutureWatcher<Result<void>>(this);
    connect(watcher, &QFutureWatcher<Result<void>>::finished, this,
            [watcher, then = std::move(then)] {
                const Result<void> result = watcher->result();
                watcher->deleteLater();
                if (!result)
                    qCWarning(lcStepRunner) << "audit append failed:" << result.error().code;
                then(result);
            });
    watcher->setFuture(QtConcurrent::run(m_auditPool, [log, event]() -> Result<void> {
        auto appended = log->append(event);
        if (!appended)
            return tl::unexpected(appended.error());
        return {};
    }));
}

} // namespace ph
