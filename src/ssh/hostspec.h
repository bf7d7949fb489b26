// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/error.h"

#include <QCoreApplication>
#include <QString>

namespace ph {

/**
 * A host written on the command line as `[user@]address[:port]`, the way people type it
 * for ssh. An IPv6 address with a port goes in brackets (`[::1]:2222`); a bare IPv6
 * address (`::1`, `fe80::1`) is taken whole, with the default port.
 */
struct HostSpec
{
    Q_DECLARE_TR_FUNCTIONS(ph::HostSpec)

public:
    QString user; ///< empty = the caller's default user
    QString address;
    int port = 22;

    /// Parses @p text; errors ("hostspec.invalid") quote the text and say what is wrong.
    static Result<HostSpec> parse(const QString &text);
    /// The canonical spelling: user only when set, brackets around IPv6, port when not 22.
    QString toString() const;
    bool isIpv6() const { return address.contains(u':'); }
    bool operator==(const HostSpec &) const = default;
};

} // namespace ph
