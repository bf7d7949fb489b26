// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/translations.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

struct TsMessage
{
    QString context;
    QString source;
    QStringList translations; // one entry, or one per numerus form
    QString type;             // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
};

// Reads the catalogue as the translators see it, so the test fails on the source file,
// not on what lrelease happened to keep.
QList<TsMessage> readTs(const QString &path, QString *error)
{
    QList<TsMessage> messages;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return messages;
    }
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == "name"_L1) {
                context = xml.readElementText();
            } else if (name == "message"_L1) {
                current = TsMessage{};
                current.context = context;
                current.numerus = xml.attributes().value("numerus"_L1) == "yes"_L1;
            } else if (name == "source"_L1) {
                current.source = xml.readElementText();
            } else if (name == "translation"_L1) {
                current.type = xml.attributes().value("type"_L1).toString();
                if (!current.numerus)
                    current.translations = {xml.readElementText()};
            } else if (name == "numerusform"_L1) {
                current.translations.append(xml.readElementText());
            }
        } else if (xml.isEndElement() && xml.name() == "message"_L1) {
            messages.append(current);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return messages;
}

QSet<QString> placeholders(const QString &text)
{
    // Qt's %1/%L1/%n and the alert rules' own {service}-style fields.
    static const QRegularExpression re(u"%(?:n|L?\\d+)|\\{\\w+\\}"_s);
    QSet<QString> found;
    for (auto it = re.globalMatch(text); it.hasNext();)
        found.insert(it.next().captured());
    return found;
}

const QString tsPath = QStringLiteral(PILOTHOUSE_SOURCE_DIR "/translations/pilothouse_de.ts");

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup()
    {
        // Remove what installTranslations() added so each test starts in English.
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

    void germanCatalogueIsEmbedded_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::newRow("de_DE") << u"de_DE"_s;
        QTest::newRow("de_AT falls back to de") << u"de_AT"_s;
        QTest::newRow("de_CH falls back to de") << u"de_CH"_s;
    }
    void germanCatalogueIsEmbedded()
    {
        QFETCH(QString, locale);
        QVERIFY(QFile::exists(u":/i18n/pilothouse_de.qm"_s));
        QVERIFY(ph::installTranslations(*qApp, QLocale(locale)));
    }

    void knownStrings_data()
    {
        QTest::addColumn<QByteArray>("context");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QString>("german");
        QTest::newRow("health state")
            << QByteArray("ph::HealthModel") << QByteArray("Stale") << u"Veraltet"_s;
        QTest::newRow("cli usage") << QByteArray("main") << QByteArray("Unknown command \"%1\".")
                                   << u"Unbekannter Befehl „%1“."_s;
        QTest::newRow("window label")
            << QByteArray("ph::MainWindow") << QByteArray("Environment") << u"Umgebung"_s;
    }
    void knownStrings()
    {
        QFETCH(QByteArray, context);
        QFETCH(QByteArray, source);
        QFETCH(QString, german);
        const QString english = QString::fromUtf8(source);
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), english);
        QVERIFY(ph::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(QCoreApplication::translate(context.constData(), source.constData()), german);
    }

    void pluralForms()
    {
        QVERIFY(ph::installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        QCOMPARE(QCoreApplication::translate("ph::AuditLog", "%n record(s), chain and seal intact",
                                             nullptr, 1),
                 u"1 Eintrag, Kette und Siegel intakt"_s);
        QCOMPARE(QCoreApplication::translate("ph::AuditLog", "%n record(s), chain and seal intact",
                                             nullptr, 3),
                 u"3 Einträge, Kette und Siegel intakt"_s);
    }

    void languageWithoutCatalogueStaysEnglish_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("French (no catalogue)") << QLocale(QLocale::French, QLocale::France);
        QTest::newRow("C") << QLocale::c();
    }
    void languageWithoutCatalogueStaysEnglish()
    {
        QFETCH(QLocale, locale);
        QVERIFY(!ph::installTranslations(*qApp, locale));
        QVERIFY(qApp->findChildren<QTranslator *>().isEmpty());
        QCOMPARE(QCoreApplication::translate("ph::HealthModel", "Stale"), u"Stale"_s);
    }

    void catalogueIsComplete()
    {
        QString error;
        const QList<TsMessage> messages = readTs(tsPath, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(messages.size() > 100, "the catalogue looks truncated");

        QStringList problems;
        for (const TsMessage &m : messages) {
            const QString where = m.context + u": \""_s + m.source + u'"';
            if (m.type == u"unfinished"_s)
                problems << u"unfinished "_s + where;
            else if (!m.type.isEmpty())
                problems << m.type + u' ' + where; // vanished/obsolete entries belong removed
            // German has two plural forms: singular and plural.
            if (m.numerus && m.translations.size() != 2)
                problems << u"needs 2 plural forms "_s + where;
            QSet<QString> expected = placeholders(m.source);
            for (const QString &t : m.translations) {
                QSet<QString> found = placeholders(t);
                // A plural form may spell the number out ("Letzte Prüfung" for one).
                if (m.numerus) {
                    expected.remove(u"%n"_s);
                    found.remove(u"%n"_s);
                }
                if (t.isEmpty())
                    problems << u"empty translation "_s + where;
                else if (found != expected)
                    problems << u"placeholders differ "_s + where;
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void unreadableCatalogueIsReported()
    {
        QString error;
        const auto messages = readTs(u"/nonexistent/pilothouse_xx.ts"_s, &error);
        QVERIFY(messages.isEmpty());
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
