// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/hostspec.h"

using namespace Qt::StringLiterals;

namespace ph {

namespace {

// Characters a host name or address may hold; anything else (spaces, slashes, shell
// metacharacters) is a typo or an attempt to smuggle options into the connection.
bool isAddressChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_' || c == u':' || c == u'%';
}

bool isUserChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'.' || c == u'-' || c == u'_' || c == u'$';
}

} // namespace

Result<HostSpec> HostSpec::parse(const QString &text)
{
    const auto invalid = [&text](const QString &why) {
        return fail(u"hostspec.invalid"_s,
                    tr("\"%1\" is not a host: %2. Write [user@]address[:port], e.g. "
                       "deploy@10.0.0.5:2222 or [::1]:22.")
                        .arg(text, why));
    };
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return invalid(tr("it is empty"));

    HostSpec spec;
    QString rest = trimmed;
    const qsizetype at = rest.lastIndexOf(u'@');
    if (at >= 0) {
        spec.user = rest.left(at);
        rest = rest.mid(at + 1);
        if (spec.user.isEmpty())
            return invalid(tr("the user name before \"@\" is empty"));
        for (const QChar c : std::as_const(spec.user)) {
            if (!isUserChar(c))
                return invalid(tr("the user name contains \"%1\"").arg(c));
        }
        if (spec.user.startsWith(u'-'))
            return invalid(tr("the user name starts with \"-\""));
    }
    if (rest.isEmpty())
        return invalid(tr("the address is missing"));

    QString portText;
    bool hasPort = false;
    if (rest.startsWith(u'[')) {
        const qsizetype close = rest.indexOf(u']');
        if (close < 0)
            return invalid(tr("the \"[\" has no matching \"]\""));
        spec.address = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(u':'))
                return invalid(tr("only \":port\" may follow \"]\""));
            portText = after.mid(1);
            hasPort = true;
        }
    } else if (rest.count(u':') > 1) {
        // More than one colon without brackets can only be an IPv6 address on its own.
        spec.address = rest;
    } else {
        const qsizetype colon = rest.indexOf(u':');
        if (colon >= 0) {
            spec.address = rest.left(colon);
            portText = rest.mid(colon + 1);
            hasPort = true;
        } else {
            spec.address = rest;
        }
    }

    if (spec.address.isEmpty())
        return invalid(tr("the address is missing"));
    for (const QChar c : std::as_const(spec.address)) {
        if (!isAddressChar(c))
            return invalid(tr("the address contains \"%1\"").arg(c));
    }
    if (spec.address.startsWith(u'-'))
        return invalid(tr("the address starts with \"-\""));
    if (!rest.startsWith(u'[') && hasPort && spec.address.contains(u':'))
        return invalid(tr("put an IPv6 address in brackets before a port, e.g. [::1]:22"));

    if (hasPort) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        if (portText.isEmpty())
            return invalid(tr("the port after \":\" is missing"));
        if (!ok || port < 1 || port > 65535)
            return invalid(tr("the port \"%1\" is not a number from 1 to 65535").arg(portText));
        spec.port = port;
    }
    return spec;
}

QString HostSpec::toString() const
{
    QString text;
    if (!user.isEmpty())
        text = user + u'@';
    text += isIpv6() ? u'[' + address + u']' : address;
    if (port != 22)
        text += u':' + QString::number(port);
    return text;
}

} // namespace ph
