// SPDX-License-Identifier: GPL-3.0-or-later
#include "checklist/expectations.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace ph {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ph::Expectations", text);
}

ExpectationResult failed(const QString &reason)
{
    return ExpectationResult{false, reason};
}

// Walks an RFC 6901 pointer; nullopt when a member or index is missing.
std::optional<QJsonValue> resolvePointer(const QJsonValue &root, const QString &pointer)
{
    if (pointer.isEmpty())
        return root;
    QJsonValue cur = root;
    const QStringList tokens = pointer.mid(1).split(u'/');
    for (QString tok : tokens) {
        tok.replace(u"~1"_s, u"/"_s).replace(u"~0"_s, u"~"_s);
        if (cur.isObject()) {
            const QJsonObject obj = cur.toObject();
            if (!obj.contains(tok))
                return std::nullopt;
            cur = obj.value(tok);
        } else if (cur.isArray()) {
            bool ok = false;
            const int i = tok.toInt(&ok);
            const QJsonArray arr = cur.toArray();
            if (!ok || i < 0 || i >= arr.size())
                return std::nullopt;
            cur = arr.at(i);
        } else {
            return std::nullopt;
        }
    }
    return cur;
}

QString describe(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 15);
    case QJsonValue::String:
        return u'"' + v.toString() + u'"';
    case QJsonValue::Array:
        return u"[…]"_s;
    case QJsonValue::Object:
        return u"{…}"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"undefined"_s;
}

/// Splits at "&&" outside double-quoted strings.
QStringList splitConjunction(const QString &expr)
{
    QStringList clauses;
    QString current;
    bool quoted = false;
    for (qsizetype i = 0; i < expr.size(); ++i) {
        const QChar c = expr.at(i);
        if (c == u'\\' && quoted && i + 1 < expr.size()) {
            current += c;
            current += expr.at(++i);
            continue;
        }
        if (c == u'"')
            quoted = !quoted;
        if (!quoted && c == u'&' && i + 1 < expr.size() && expr.at(i + 1) == u'&') {
            clauses.append(current);
            current.clear();
            ++i;
            continue;
        }
        current += c;
    }
    clauses.append(current);
    return clauses;
}

ExpectationResult evaluateJson(const QString &expr, const QByteArray &body)
{
    static const QRegularExpression re(u"^\\s*(\\S*)\\s*(<=|>=|==|!=|<|>)\\s*(.+?)\\s*$"_s);
    const auto m = re.match(expr);
    if (!m.hasMatch() || (!m.captured(1).isEmpty() && !m.captured(1).startsWith(u'/'))) {
        return failed(tr("The JSON expectation “%1” cannot be read. Write it as a JSON pointer, "
                         "an operator and a value, e.g. “/depth < 50”.")
                          .arg(expr));
    }
    const QString pointer = m.captured(1);
    const QString op = m.captured(2);
    const QString rawValue = m.captured(3);

    // The expected value is read as JSON, so "ok" is a string and 50 a number.
    const QJsonDocument wrapped =
        QJsonDocument::fromJson(QByteArray("[") + rawValue.toUtf8() + QByteArray("]"));
    if (!wrapped.isArray() || wrapped.array().size() != 1) {
        return failed(tr("The value “%1” in the JSON expectation “%2” is not a number, a "
                         "quoted string, true, false or null.")
                          .arg(rawValue, expr));
    }
    const QJsonValue expected = wrapped.array().at(0);

    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &perr);
    if (perr.error != QJsonParseError::NoError) {
        return failed(tr("The response is not JSON (%1 at byte %2), so “%3” cannot be checked.")
                          .arg(perr.errorString())
                          .arg(perr.offset)
                          .arg(expr));
    }
    const QJsonValue root = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    const auto actual = resolvePointer(root, pointer);
    if (!actual)
        return failed(tr("The response has no value at %1.").arg(pointer));

    bool holds = false;
    if (op == u"=="_s || op == u"!="_s) {
        const bool equal = (actual->isDouble() && expected.isDouble())
                               ? actual->toDouble() == expected.toDouble()
                               : *actual == expected;
        holds = (op == u"=="_s) == equal;
    } else {
        if (actual->isDouble() && expected.isDouble()) {
            const double a = actual->toDouble(), e = expected.toDouble();
            holds = op == u"<"_s ? a < e : op == u"<="_s ? a <= e : op == u">"_s ? a > e : a >= e;
        } else if (actual->isString() && expected.isString()) {
            const int c = QString::compare(actual->toString(), expected.toString());
            holds = op == u"<"_s ? c < 0 : op == u"<="_s ? c <= 0 : op == u">"_s ? c > 0 : c >= 0;
        } else {
            return failed(tr("%1 is %2, which cannot be compared with %3 by “%4”.")
                              .arg(pointer, describe(*actual), describe(expected), op));
        }
    }
    if (!holds) {
        return failed(tr("Expected %1 %2 %3, but it is %4.")
                          .arg(pointer.isEmpty() ? u"the response"_s : pointer, op,
                               describe(expected), describe(*actual)));
    }
    return {true, {}};
}

} // namespace

ExpectationResult evaluateExpectations(const StepExpectations &expectations,
                                       std::optional<int> exitStatus, const QString &output,
                                       std::optional<int> httpStatus, std::optional<int> latencyMs,
                                       const QByteArray &jsonBody)
{
    if (expectations.exitCode) {
        if (!exitStatus) {
            return failed(tr("An exit status of %1 was expected, but the step reported none.")
                              .arg(*expectations.exitCode));
        }
        if (*exitStatus != *expectations.exitCode) {
            return failed(tr("The command exited with status %1; %2 was expected.")
                              .arg(*exitStatus)
                              .arg(*expectations.exitCode));
        }
    } else if (exitStatus && *exitStatus != 0) {
        return failed(tr("The command exited with status %1.").arg(*exitStatus));
    }

    if (expectations.httpStatus) {
        if (!httpStatus) {
            return failed(tr("HTTP status %1 was expected, but no response arrived.")
                              .arg(*expectations.httpStatus));
        }
        if (*httpStatus != *expectations.httpStatus) {
            return failed(tr("The server answered HTTP %1; %2 was expected.")
                              .arg(*httpStatus)
                              .arg(*expectations.httpStatus));
        }
    } else if (httpStatus && (*httpStatus < 200 || *httpStatus > 299)) {
        return failed(tr("The server answered HTTP %1.").arg(*httpStatus));
    }

    if (!expectations.regex.isEmpty()) {
        const QRegularExpression re(expectations.regex, QRegularExpression::MultilineOption);
        if (!re.isValid()) {
            return failed(tr("The pattern “%1” is not a valid regular expression (%2); fix "
                             "expect.regex in the runbook.")
                              .arg(expectations.regex, re.errorString()));
        }
        if (!re.match(output).hasMatch())
            return failed(tr("The output does not match “%1”.").arg(expectations.regex));
    }

    if (expectations.latencyMs) {
        if (!latencyMs) {
            return failed(tr("A response within %1 ms was expected, but no time was measured.")
                              .arg(*expectations.latencyMs));
        }
        if (*latencyMs > *expectations.latencyMs) {
            return failed(tr("The response took %1 ms; the budget is %2 ms.")
                              .arg(*latencyMs)
                              .arg(*expectations.latencyMs));
        }
    }

    if (!expectations.jsonPointerExpr.isEmpty()) {
        // "/depth < 50 && /failed_ratio < 0.05": every clause must hold; the first that
        // does not is the reason.
        for (const QString &clause : splitConjunction(expectations.jsonPointerExpr)) {
            auto r = evaluateJson(clause, jsonBody);
            if (!r.passed)
                return r;
        }
    }
    return {true, {}};
}

} // namespace ph
