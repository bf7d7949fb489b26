// SPDX-License-Identifier: GPL-3.0-or-later
// Runs SecretStore calls in a process of its own, so tst_keychain can point it at a
// missing or silent D-Bus. Usage: keychainhelper ENTRY < secret
// Prints one line per step: "<step> ok" or "<step> <error code>\t<message>".
#include "secrets/secretstore.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

void print(const QString &step, const ph::Error *error)
{
    QTextStream out(stdout);
    if (error)
        out << step << u' ' << error->code << u'\t' << error->message << Qt::endl;
    else
        out << step << u" ok"_s << Qt::endl;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (app.arguments().size() != 2) {
        std::fputs("usage: keychainhelper ENTRY < secret\n", stderr);
        return 2;
    }
    const QString entry = app.arguments().at(1);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    const QString secret = QString::fromUtf8(in.readAll());

    ph::SecretStore store;
    const int timeoutMs = qEnvironmentVariableIntValue("PILOTHOUSE_KEYCHAIN_TIMEOUT_MS");
    if (timeoutMs > 0)
        store.setTimeoutMs(timeoutMs);

    store.probeAvailability(&app, [&](ph::Result<void> probed) {
        print(u"probe"_s, probed ? nullptr : &probed.error());
        store.write(entry, secret, &app, [&](ph::Result<void> written) {
            print(u"write"_s, written ? nullptr : &written.error());
            store.read(entry, &app, [&](ph::Result<QString> read) {
                print(u"read"_s, read ? nullptr : &read.error());
                QTimer::singleShot(0, &app, [&] {
                    auto blocking = store.readBlocking(entry, store.timeoutMs());
                    print(u"readBlocking"_s, blocking ? nullptr : &blocking.error());
                    store.setOverride(entry, secret);
                    auto overridden = store.readBlocking(entry, store.timeoutMs());
                    if (overridden && *overridden != secret) {
                        const ph::Error wrong{u"override.mismatch"_s, u"wrong value"_s, {}};
                        print(u"override"_s, &wrong);
                    } else {
                        print(u"override"_s, overridden ? nullptr : &overridden.error());
                    }
                    app.quit();
                });
            });
        });
    });
    return app.exec();
}
