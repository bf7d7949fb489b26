// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

using namespace Qt::StringLiterals;

static Q_LOGGING_CATEGORY(lcI18n, "pilothouse.i18n", QtInfoMsg)

    namespace ph
{

    bool installTranslations(QCoreApplication & app, const QLocale &locale)
    {
        // The catalogue is compiled into ph_base as an object library, so its resource
        // initialiser is linked into every executable that links ph_base; nothing to init here.
        auto *own = new QTranslator(&app);
        // QTranslator::load(locale, ...) walks locale.uiLanguages(), so de_AT and "de" find
        // pilothouse_de.qm too.
        if (!own->load(locale, u"pilothouse"_s, u"_"_s, u":/i18n"_s)) {
            qCDebug(lcI18n) << "no Pilothouse catalogue for" << locale.uiLanguages();
            delete own;
            return false;
        }
        app.installTranslator(own);
        qCDebug(lcI18n) << "installed" << own->filePath();

        // Standard dialog buttons and Qt's own messages, when the distribution ships them.
        auto *qt = new QTranslator(&app);
        if (qt->load(locale, u"qtbase"_s, u"_"_s,
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            app.installTranslator(qt);
        else
            delete qt;
        return true;
    }

} // namespace ph
