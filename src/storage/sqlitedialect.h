// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "storage/sqldialect.h"

namespace ph {

/// The SQLite dialect: the only place in Pilothouse where SQLite's SQL is written.
const SqlDialect &sqliteDialect();

} // namespace ph
