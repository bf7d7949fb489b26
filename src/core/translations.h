// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLocale>

class QCoreApplication;

namespace ph {

/**
 * Installs the Pilothouse catalogue (embedded as ":/i18n/pilothouse_<locale>.qm") and Qt's
 * own base catalogue for @p locale on @p app. Call once in main(), after the application
 * object exists and before any translated string is built.
 *
 * English is the source language, so for English or for a language without a catalogue
 * nothing is installed and the strings stay English. Returns whether a Pilothouse
 * catalogue was installed.
 */
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale::system());

} // namespace ph
