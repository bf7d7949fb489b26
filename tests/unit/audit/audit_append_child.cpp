// SPDX-License-Identifier: GPL-3.0-or-later
// Appends records to an audit log from a separate process, the way pilothouse-cli does
// while the GUI writes too. Arguments: <database> <seal key hex> <count> <host>.
#include "audit/auditlog.h"
#include "storage/database.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() != 5) {
        err << "usage: audit_append_child <database> <key hex> <count> <host>\n";
        return 2;
    }
    auto db = ph::Database::open(args.at(1));
    if (!db) {
        err << db.error().toString() << '\n';
        return 1;
    }
    const ph::AuditLog log(*db, QByteArray::fromHex(args.at(2).toLatin1()));
    const int count = args.at(3).toInt();
    for (int i = 0; i < count; ++i) {
        ph::AuditEvent event;
        event.environment = u"staging"_s;
        event.host = args.at(4);
        event.command = u"systemctl status echopilot #%1"_s.arg(i);
        event.exitStatus = 0;
        if (auto appended = log.append(event); !appended) {
            err << appended.error().toString() << '\n';
            return 1;
        }
    }
    return 0;
}
