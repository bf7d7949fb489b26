// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/paths.h"

#include <QDir>
#include <QStandardPaths>

namespace ph::paths {

static QString ensured(QStandardPaths::StandardLocation where)
{
    // The organisation/application names are set by the mains; fall back to a fixed name
    // so core behaves the same from tests that set nothing.
    QString dir = QStandardPaths::writableLocation(where);
    if (!dir.contains(QStringLiteral("pilothouse"), Qt::CaseInsensitive))
        dir += QStringLiteral("/pilothouse");
    QDir().mkpath(dir);
    return dir;
}

QString dataDir() { return ensured(QStandardPaths::GenericDataLocation); }
QString configDir() { return ensured(QStandardPaths::GenericConfigLocation); }

} // namespace ph::paths
