// SPDX-License-Identifier: GPL-3.0-or-later
// The headless twin: dispatch a subcommand, return its exit code (PRODUCT.md §9).
#include "cli/auditcommand.h"
#include "cli/execcommand.h"
#include "cli/exitcodes.h"
#include "cli/probecommand.h"
#include "cli/runbookcommand.h"
#include "cli/statuscommand.h"
#include "core/translations.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

static void usage(QTextStream &out)
{
    out << QCoreApplication::translate(
        "main",
        "Usage: pilothouse-cli COMMAND [options]\n\n"
        "Commands:\n"
        "  probe     check every endpoint once (--workspace F | --demo, --env E, --json)\n"
        "  status    every dashboard's figures once (--workspace F | --demo, --env E, --json)\n"
        "  runbook   import FILE | list | show NAME (--json) | run NAME (--help)\n"
        "  audit     verify the audit log (--database F, --json) | export --csv\n"
        "  exec      run a command on hosts over SSH (--host H... | --group G) -- CMD\n\n"
        "Exit codes: 0 all good, 1 a check failed, 2 usage or configuration error,\n"
        "3 needs a person, 4 refused, 5 keychain unavailable.\n"
        "Run 'pilothouse-cli COMMAND --help' for a command's options.\n");
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    ph::installTranslations(app);
    QCoreApplication::setOrganizationName(u"Pilothouse"_s);
    QCoreApplication::setApplicationName(u"pilothouse"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(PILOTHOUSE_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args.at(1) == u"--help"_s || args.at(1) == u"-h"_s) {
        usage(args.size() < 2 ? err : out);
        return args.size() < 2 ? ph::cli::ExitUsage : ph::cli::ExitOk;
    }
    if (args.at(1) == u"--version"_s) {
        out << QCoreApplication::applicationVersion() << '\n';
        return ph::cli::ExitOk;
    }
    const QString command = args.takeAt(1);
    if (command == u"probe"_s)
        return ph::cli::runProbeCommand(args, out, err);
    if (command == u"status"_s)
        return ph::cli::runStatusCommand(args, out, err);
    if (command == u"runbook"_s)
        return ph::cli::runRunbookCommand(args, out, err);
    if (command == u"audit"_s)
        return ph::cli::runAuditCommand(args, out, err);
    if (command == u"exec"_s)
        return ph::cli::runExecCommand(args, out, err);
    err << QCoreApplication::translate("main", "Unknown command \"%1\".").arg(command) << '\n';
    usage(err);
    return ph::cli::ExitUsage;
}
