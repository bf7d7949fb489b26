// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <tl/expected.hpp>

namespace ph {

/**
 * An error as a value: a stable code for programs, a translated message a user can act
 * on, and the technical detail (library error text, offsets) for the details pane.
 */
struct Error
{
    QString code;    ///< e.g. "workspace.syntax", "keychain.unavailable"
    QString message; ///< translated, says what to do
    QString detail;  ///< technical, untranslated; never contains a secret

    QString toString() const { return detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + u')'; }
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(QString code, QString message, QString detail = {})
{
    return tl::unexpected<Error>(Error{std::move(code), std::move(message), std::move(detail)});
}

} // namespace ph
