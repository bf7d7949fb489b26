// SPDX-License-Identifier: GPL-3.0-or-later
#include "safety/commandclassifier.h"
#include "ui/dialogs/confirmdestructivedialog.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using ph::ConfirmDestructiveDialog;

namespace {

ConfirmDestructiveDialog::Request makeRequest(bool production, const QString &command,
                                              const ph::ClassifyOptions &options = {})
{
    ConfirmDestructiveDialog::Request r;
    r.environment = production ? u"prod-eu"_s : u"staging"_s;
    r.production = production;
    r.hosts = {u"web-1"_s, u"db-1"_s};
    r.command = command;
    r.classification = ph::CommandClassifier::classify(command, options);
    r.actionLabel = u"Run"_s;
    return r;
}

/// The runs of text that carry a background colour, in document order.
QStringList highlightedRuns(const QPlainTextEdit *view)
{
    QStringList runs;
    int lastEnd = -1;
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (!f.isValid() || f.charFormat().background().style() == Qt::NoBrush)
                continue;
            if (f.position() == lastEnd && !runs.isEmpty())
                runs.last() += f.text();
            else
                runs << f.text();
            lastEnd = f.position() + f.length();
        }
    }
    return runs;
}

QStringList expectedRuns(const ConfirmDestructiveDialog::Request &r)
{
    // Overlapping or touching spans show as one run, so compare runs of a character mask.
    QList<bool> mask(r.command.size(), false);
    for (const auto &s : r.classification.spans) {
        for (qsizetype i = s.start; i < s.start + s.length && i < mask.size(); ++i)
            mask[i] = true;
    }
    QStringList runs;
    for (qsizetype i = 0; i < mask.size(); ++i) {
        if (!mask[i])
            continue;
        if (i > 0 && mask[i - 1])
            runs.last() += r.command.at(i);
        else
            runs << QString(r.command.at(i));
    }
    return runs;
}

template <typename T> T *child(const QWidget &dlg, const QString &name)
{
    return dlg.findChild<T *>(name);
}

} // namespace

class TestConfirmDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void productionNeedsExactName_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("enabled");
        QTest::newRow("nothing") << QString() << false;
        QTest::newRow("wrong name") << u"staging"_s << false;
        QTest::newRow("prefix") << u"prod"_s << false;
        QTest::newRow("one short") << u"prod-e"_s << false;
        QTest::newRow("upper case") << u"PROD-EU"_s << false;
        QTest::newRow("capitalised") << u"Prod-eu"_s << false;
        QTest::newRow("longer") << u"prod-eu2"_s << false;
        QTest::newRow("two names") << u"prod-eu web-1"_s << false;
        QTest::newRow("whitespace only") << u"   "_s << false;
        QTest::newRow("environment") << u"prod-eu"_s << true;
        QTest::newRow("environment, padded") << u"  prod-eu  "_s << true;
        QTest::newRow("first host") << u"web-1"_s << true;
        QTest::newRow("second host") << u"db-1"_s << true;
        QTest::newRow("host prefix") << u"web"_s << false;
        QTest::newRow("host, other case") << u"WEB-1"_s << false;
    }

    void productionNeedsExactName()
    {
        QFETCH(QString, typed);
        QFETCH(bool, enabled);
        ConfirmDestructiveDialog dlg(makeRequest(true, u"ps aux; pkill -f gunicorn"_s));
        dlg.show();
        auto *edit = child<QLineEdit>(dlg, u"confirmNameEdit"_s);
        auto *button = child<QPushButton>(dlg, u"confirmButton"_s);
        QVERIFY(edit);
        QVERIFY(button);
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(edit, typed);
        QCOMPARE(edit->text(), typed);
        QCOMPARE(button->isEnabled(), enabled);
        QCOMPARE(dlg.canConfirm(), enabled);

        // Whatever was typed, a disabled action cannot be forced through accept().
        dlg.accept();
        QCOMPARE(dlg.isVisible(), !enabled);
        QCOMPARE(dlg.result() == QDialog::Accepted, enabled);
        QCOMPARE(dlg.confirmedBy(), enabled ? u"typed-name"_s : QString());
    }

    void enterNeverConfirms_data()
    {
        QTest::addColumn<int>("key");
        QTest::newRow("return") << int(Qt::Key_Return);
        QTest::newRow("keypad enter") << int(Qt::Key_Enter);
    }

    void enterNeverConfirms()
    {
        QFETCH(int, key);
        ConfirmDestructiveDialog dlg(makeRequest(true, u"ps aux; pkill -f gunicorn"_s));
        dlg.show();
        QVERIFY(QTest::qWaitForWindowActive(&dlg));
        auto *edit = child<QLineEdit>(dlg, u"confirmNameEdit"_s);
        QTRY_COMPARE(QApplication::focusWidget(), edit);
        QTest::keyClicks(edit, u"prod-eu"_s);
        QVERIFY(child<QPushButton>(dlg, u"confirmButton"_s)->isEnabled());

        QTest::keyClick(edit, Qt::Key(key));
        QVERIFY(dlg.isVisible());
        QCOMPARE(dlg.result(), int(QDialog::Rejected)); // still the initial value
        QVERIFY(dlg.confirmedBy().isEmpty());
        QCOMPARE(edit->text(), u"prod-eu"_s); // nothing typed is lost

        // Nor on the action button itself: Space is the deliberate way to press it there.
        auto *button = child<QPushButton>(dlg, u"confirmButton"_s);
        button->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), button);
        QTest::keyClick(button, Qt::Key(key));
        QVERIFY(dlg.isVisible());
        QVERIFY(dlg.confirmedBy().isEmpty());
    }

    void actionIsNeverDefault_data()
    {
        QTest::addColumn<bool>("production");
        QTest::newRow("production") << true;
        QTest::newRow("staging") << false;
    }

    void actionIsNeverDefault()
    {
        QFETCH(bool, production);
        ConfirmDestructiveDialog dlg(makeRequest(production, u"rm -rf /srv/app/cache"_s));
        dlg.show();
        QVERIFY(QTest::qWaitForWindowActive(&dlg));
        auto *button = child<QPushButton>(dlg, u"confirmButton"_s);
        QVERIFY(!button->isDefault());
        QVERIFY(!button->autoDefault());
        QVERIFY(child<QPushButton>(dlg, u"cancelButton"_s)->isDefault());
        // Enter on the dialog itself does not confirm either.
        QTest::keyClick(&dlg, Qt::Key_Return);
        QVERIFY(dlg.result() != QDialog::Accepted);
        QVERIFY(dlg.confirmedBy().isEmpty());
    }

    void productionClickConfirmsByTypedName()
    {
        ConfirmDestructiveDialog dlg(makeRequest(true, u"ps aux; pkill -f gunicorn"_s));
        dlg.show();
        QTest::keyClicks(child<QLineEdit>(dlg, u"confirmNameEdit"_s), u"db-1"_s);
        QTest::mouseClick(child<QPushButton>(dlg, u"confirmButton"_s), Qt::LeftButton);
        QCOMPARE(dlg.result(), int(QDialog::Accepted));
        QVERIFY(!dlg.isVisible());
        QCOMPARE(dlg.confirmedBy(), u"typed-name"_s);
    }

    void stagingIsAPlainConfirmation()
    {
        auto request = makeRequest(false, u"ps aux; pkill -f gunicorn"_s);
        request.actionLabel = u"Restore"_s;
        ConfirmDestructiveDialog dlg(request);
        dlg.show();
        QVERIFY(QTest::qWaitForWindowActive(&dlg));
        QVERIFY(!child<QLineEdit>(dlg, u"confirmNameEdit"_s));
        auto *button = child<QPushButton>(dlg, u"confirmButton"_s);
        QCOMPARE(button->text(), u"Restore"_s);
        QVERIFY(button->isEnabled());
        QTRY_COMPARE(QApplication::focusWidget(), child<QPushButton>(dlg, u"cancelButton"_s));
        QVERIFY(!child<QLabel>(dlg, u"confirmEnvironment"_s)->autoFillBackground());
        QVERIFY(child<QLabel>(dlg, u"confirmEnvironment"_s)->text().contains(u"staging"_s));

        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(dlg.result(), int(QDialog::Accepted));
        QCOMPARE(dlg.confirmedBy(), u"dialog"_s);
    }

    void cancelConfirmsNothing()
    {
        ConfirmDestructiveDialog dlg(makeRequest(false, u"rm -rf /srv/app/cache"_s));
        dlg.show();
        QTest::mouseClick(child<QPushButton>(dlg, u"cancelButton"_s), Qt::LeftButton);
        QCOMPARE(dlg.result(), int(QDialog::Rejected));
        QVERIFY(dlg.confirmedBy().isEmpty());
    }

    void showsWhereAndWhat()
    {
        ConfirmDestructiveDialog dlg(makeRequest(true, u"ps aux; pkill -f gunicorn"_s));
        auto *env = child<QLabel>(dlg, u"confirmEnvironment"_s);
        QVERIFY(env->text().contains(u"prod-eu"_s));
        QVERIFY(env->text().contains(u"PRODUCTION"_s));
        QVERIFY(env->autoFillBackground());
        QCOMPARE(env->palette().color(QPalette::Window), QColor(0xc0, 0x1c, 0x28));
        const QString hosts = child<QLabel>(dlg, u"confirmHosts"_s)->text();
        QVERIFY2(hosts.contains(u"web-1"_s) && hosts.contains(u"db-1"_s), qPrintable(hosts));
        auto *view = child<QPlainTextEdit>(dlg, u"confirmCommand"_s);
        QVERIFY(view->isReadOnly());
        QCOMPARE(view->toPlainText(), u"ps aux; pkill -f gunicorn"_s);
        QVERIFY(QFontInfo(view->font()).fixedPitch());
    }

    void highlightFollowsClassifier_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("mustContain");
        QTest::newRow("pkill after ps") << u"ps aux; pkill -f gunicorn"_s << u"pkill"_s;
        QTest::newRow("restart") << u"uptime && sudo systemctl restart nginx"_s << u"restart"_s;
        QTest::newRow("rm -rf") << u"ls /srv; rm -rf /srv/app/cache"_s << u"rm"_s;
        QTest::newRow("multi-line")
            << u"cd /opt/bot-core\ndocker-compose down\necho ok"_s << u"down"_s;
    }

    void highlightFollowsClassifier()
    {
        QFETCH(QString, command);
        QFETCH(QString, mustContain);
        const auto request = makeRequest(true, command);
        QVERIFY2(!request.classification.spans.isEmpty(), "classifier flagged nothing");
        ConfirmDestructiveDialog dlg(request);
        const QStringList runs = highlightedRuns(child<QPlainTextEdit>(dlg, u"confirmCommand"_s));
        QCOMPARE(runs, expectedRuns(request));
        QVERIFY2(runs.join(u' ').contains(mustContain), qPrintable(runs.join(u'|')));
        // The harmless part stays plain.
        QVERIFY(!runs.join(u' ').contains(u"ps aux"_s));
    }

    void reasonsAreShown()
    {
        const auto request = makeRequest(false, u"ps aux; pkill -f gunicorn"_s);
        QVERIFY(!request.classification.reasons.isEmpty());
        ConfirmDestructiveDialog dlg(request);
        const QString text = child<QLabel>(dlg, u"confirmReasons"_s)->text();
        for (const QString &reason : request.classification.reasons)
            QVERIFY2(text.contains(reason), qPrintable(text));
        QVERIFY(!child<QLabel>(dlg, u"confirmCannotVerify"_s));
    }

    void cannotVerifyIsCalledOut()
    {
        const auto request = makeRequest(true, u"eval \"$CMD\""_s);
        QVERIFY(request.classification.cannotVerify);
        ConfirmDestructiveDialog dlg(request);
        dlg.show();
        auto *label = child<QLabel>(dlg, u"confirmCannotVerify"_s);
        QVERIFY(label);
        QVERIFY(label->isVisible());
        QVERIFY(label->text().contains(u"Cannot verify"_s));
    }

    void substitutedCommandIsShown()
    {
        ph::ClassifyOptions options;
        options.parameters.insert(u"service"_s, u"nginx"_s);
        const auto request = makeRequest(false, u"systemctl restart <service>"_s, options);
        ConfirmDestructiveDialog dlg(request);
        QCOMPARE(child<QPlainTextEdit>(dlg, u"confirmCommand"_s)->toPlainText(),
                 u"systemctl restart <service>"_s);
        auto *runs = child<QPlainTextEdit>(dlg, u"confirmSubstitutedCommand"_s);
        QVERIFY(runs);
        QCOMPARE(runs->toPlainText(), u"systemctl restart nginx"_s);
    }

    void noNamesMeansNoConfirmation()
    {
        auto request = makeRequest(true, u"rm -rf /srv/app/cache"_s);
        request.environment.clear();
        request.hosts.clear();
        ConfirmDestructiveDialog dlg(request);
        dlg.show();
        auto *edit = child<QLineEdit>(dlg, u"confirmNameEdit"_s);
        QTest::keyClicks(edit, u" "_s);
        QVERIFY(!child<QPushButton>(dlg, u"confirmButton"_s)->isEnabled());
        QVERIFY(child<QLabel>(dlg, u"confirmHint"_s)->text().contains(u"cannot be confirmed"_s));
        dlg.accept();
        QVERIFY(dlg.isVisible());
        QCOMPARE(edit->text(), u" "_s);
    }

    void mismatchedSpansAreClamped()
    {
        auto request = makeRequest(false, u"rm -rf /tmp/x"_s);
        request.classification.spans = {{-4, 6}, {11, 50}, {200, 5}};
        ConfirmDestructiveDialog dlg(request);
        QCOMPARE(highlightedRuns(child<QPlainTextEdit>(dlg, u"confirmCommand"_s)),
                 (QStringList{u"rm"_s, u"/x"_s}));
    }

    void wrongNameHintSaysWhy()
    {
        ConfirmDestructiveDialog dlg(makeRequest(true, u"ps aux; pkill -f gunicorn"_s));
        dlg.show();
        auto *hint = child<QLabel>(dlg, u"confirmHint"_s);
        QVERIFY(hint->text().contains(u"prod-eu"_s));
        QTest::keyClicks(child<QLineEdit>(dlg, u"confirmNameEdit"_s), u"Prod-EU"_s);
        QVERIFY2(hint->text().contains(u"case-sensitive"_s), qPrintable(hint->text()));
    }

    void screenshot()
    {
        ConfirmDestructiveDialog dlg(
            makeRequest(true, u"ps aux; pkill -f gunicorn && systemctl restart nginx"_s));
        dlg.resize(640, dlg.sizeHint().height());
        dlg.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dlg));
        QTest::keyClicks(child<QLineEdit>(dlg, u"confirmNameEdit"_s), u"prod-e"_s);
        const QPixmap shot = dlg.grab();
        QVERIFY(!shot.isNull());
        QVERIFY(shot.save(u"/tmp/confirm.png"_s));
    }
};

QTEST_MAIN(TestConfirmDialog)
#include "tst_confirmdialog.moc"
