// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace ph::paths {

/// The user's data folder for Pilothouse (database, own known_hosts); created on demand.
QString dataDir();
/// The user's config folder for Pilothouse (default workspace location).
QString configDir();

} // namespace ph::paths
