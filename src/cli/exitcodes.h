// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace ph::cli {

/// The exit codes every pilothouse-cli subcommand shares (PRODUCT.md §9).
enum ExitCode
{
    ExitOk = 0,
    ExitCheckFailed = 1,
    ExitUsage = 2,
    ExitNeedsPerson = 3,
    ExitRefused = 4,
    ExitKeychainUnavailable = 5,
};

} // namespace ph::cli
