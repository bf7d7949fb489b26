// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark harness: N sequential commands on one host over one reused SshSession.
// Prints the wall milliseconds from the first connect to the last exit status.
//
// Usage: bench_sshreuse HOST PORT USER KEYFILE KNOWN_HOSTS COUNT COMMAND
#include "ssh/sshsession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QTextStream err(stderr);
    if (args.size() != 8) {
        err << "usage: bench_sshreuse HOST PORT USER KEYFILE KNOWN_HOSTS COUNT COMMAND\n";
        return 2;
    }
    ph::SshTarget target;
    target.host = args.at(1);
    target.port = args.at(2).toInt();
    target.user = args.at(3);
    ph::SshSessionOptions options;
    options.knownHostsFile = args.at(5);
    options.readOnlyKnownHostsFiles = {args.at(5)};
    ph::SshCredentials credentials;
    credentials.methods = {ph::SshCredentials::Method::KeyFile};
    credentials.keyFile = args.at(4);
    const int count = args.at(6).toInt();
    const QString command = args.at(7);

    ph::SshSession session(target, options);
    session.setCredentials(credentials);
    QElapsedTimer clock;
    int done = 0;
    int failures = 0;
    QObject::connect(&session, &ph::SshSession::finished, &app,
                     [&](quint64, const ph::CommandResult &result) {
                         if (!result.isSuccess()) {
                             ++failures;
                             err << "command failed: " << result.error.toString() << '\n';
                         }
                         if (++done == count)
                             app.quit();
                         else
                             session.run(command); // strictly one after another
                     });
    QObject::connect(&session, &ph::SshSession::connectionFailed, &app,
                     [&](const ph::Error &error) {
                         err << "connection failed: " << error.toString() << '\n';
                         app.exit(1);
                     });
    clock.start();
    session.run(command);
    const int rc = app.exec();
    std::printf("%lld\n", static_cast<long long>(clock.elapsed()));
    return rc != 0 || failures ? 1 : 0;
}
