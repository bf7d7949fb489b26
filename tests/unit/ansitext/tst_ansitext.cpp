// SPDX-License-Identifier: GPL-3.0-or-later
#include "ssh/ansitext.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace ph;

namespace {

QString describe(const AnsiColor &c)
{
    switch (c.kind) {
    case AnsiColor::Kind::Default:
        return u"-"_s;
    case AnsiColor::Kind::Indexed:
        return u"i"_s + QString::number(c.value);
    case AnsiColor::Kind::Rgb:
        return u"#"_s + QString::number(c.value, 16).rightJustified(6, u'0');
    }
    return {};
}

/// "[text|fg|bg|B]" per run, B only when bold: compact enough for a data table.
QString describe(const QList<AnsiRun> &runs)
{
    QString out;
    for (const AnsiRun &r : runs) {
        out += u'[' + r.text + u'|' + describe(r.fg) + u'|' + describe(r.bg) +
               (r.bold ? u"|B"_s : QString()) + u']';
    }
    return out;
}

/// Merges adjacent runs of one style, as one feed of the whole text would.
QList<AnsiRun> merged(const QList<AnsiRun> &runs)
{
    QList<AnsiRun> out;
    for (const AnsiRun &r : runs) {
        if (!out.isEmpty() && out.last().sameStyle(r))
            out.last().text += r.text;
        else
            out.append(r);
    }
    return out;
}

} // namespace

class TestAnsiText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void byteByByteMatchesWhole_data() { parse_data(); }
    void byteByByteMatchesWhole();
    void styleCarriesAcrossChunks();
    void utf8SplitAcrossChunks();
    void overlongSequenceIsAbandoned();
    void strip_data();
    void strip();
    void paletteColours_data();
    void paletteColours();
};

void TestAnsiText::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << QByteArray("hello\n") << u"[hello\n|-|-]"_s;
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("red then reset")
        << QByteArray("\x1b[31mred\x1b[0m ok") << u"[red|i1|-][ ok|-|-]"_s;
    QTest::newRow("empty reset") << QByteArray("\x1b[32mg\x1b[mn") << u"[g|i2|-][n|-|-]"_s;
    QTest::newRow("bold and colour in one")
        << QByteArray("\x1b[1;33mwarn\x1b[22mx") << u"[warn|i3|-|B][x|i3|-]"_s;
    QTest::newRow("bright fg and bg")
        << QByteArray("\x1b[91;104mA\x1b[39mB\x1b[49mC") << u"[A|i9|i12][B|-|i12][C|-|-]"_s;
    QTest::newRow("background") << QByteArray("\x1b[41m bg \x1b[0m") << u"[ bg |-|i1]"_s;
    QTest::newRow("256 colours") << QByteArray("\x1b[38;5;208mo\x1b[48;5;17mx")
                                 << u"[o|i208|-][x|i208|i17]"_s;
    QTest::newRow("colon sub-parameters") << QByteArray("\x1b[38:5:82mz") << u"[z|i82|-]"_s;
    QTest::newRow("truecolour") << QByteArray("\x1b[38;2;255;128;0mt\x1b[48;2;1;2;3mu")
                                << u"[t|#ff8000|-][u|#ff8000|#010203]"_s;
    QTest::newRow("256 index out of range ignored")
        << QByteArray("\x1b[38;5;300mq") << u"[q|-|-]"_s;
    QTest::newRow("colour without arguments") << QByteArray("\x1b[1;38mq") << u"[q|-|-|B]"_s;
    QTest::newRow("unknown SGR codes dropped")
        << QByteArray("\x1b[4;7;3mu\x1b[24m") << u"[u|-|-]"_s;
    QTest::newRow("cursor movement dropped")
        << QByteArray("a\x1b[2K\x1b[1Gb\x1b[10;20Hc\x1b[?25ld") << u"[abcd|-|-]"_s;
    QTest::newRow("private mode ending in m is not SGR")
        << QByteArray("\x1b[?1mx\x1b[>4;1my") << u"[xy|-|-]"_s;
    QTest::newRow("window title (BEL) dropped")
        << QByteArray("\x1b]0;user@host: ~\x07prompt") << u"[prompt|-|-]"_s;
    QTest::newRow("window title (ST) dropped")
        << QByteArray("\x1b]2;title\x1b\\after") << u"[after|-|-]"_s;
    QTest::newRow("charset selection dropped") << QByteArray("\x1b(Bx\x1b)0y") << u"[xy|-|-]"_s;
    QTest::newRow("two-character escapes dropped") << QByteArray("\x1b"
                                                                 "7a\x1b"
                                                                 "8b\x1b=c")
                                                   << u"[abc|-|-]"_s;
    QTest::newRow("CRLF becomes LF") << QByteArray("one\r\ntwo\r\n") << u"[one\ntwo\n|-|-]"_s;
    QTest::newRow("control characters dropped, tab kept")
        << QByteArray("a\x07\x08\tb\x7f") << u"[a\tb|-|-]"_s;
    QTest::newRow("lone escape at end") << QByteArray("end\x1b") << u"[end|-|-]"_s;
    QTest::newRow("unfinished CSI at end") << QByteArray("x\x1b[31") << u"[x|-|-]"_s;
    QTest::newRow("newline aborts CSI") << QByteArray("a\x1b[31\nb") << u"[a\nb|-|-]"_s;
    QTest::newRow("utf-8 kept") << QByteArray("\x1b[32m\xe2\x9c\x93 gr\xc3\xbcn")
                                << u"[\u2713 gr\u00fcn|i2|-]"_s;
    QTest::newRow("same style merges")
        << QByteArray("\x1b[31ma\x1b[31mb\x1b[2Kc") << u"[abc|i1|-]"_s;
}

void TestAnsiText::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    AnsiText parser;
    QCOMPARE(describe(parser.feed(QByteArrayView(input))), expected);
}

void TestAnsiText::byteByByteMatchesWhole()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    AnsiText parser;
    QList<AnsiRun> runs;
    for (const char byte : input)
        runs += parser.feed(QByteArrayView(&byte, 1));
    QCOMPARE(describe(merged(runs)), expected);
}

void TestAnsiText::styleCarriesAcrossChunks()
{
    AnsiText parser;
    QCOMPARE(describe(parser.feed(QByteArrayView("\x1b[1;35mfirst"))), u"[first|i5|-|B]"_s);
    QCOMPARE(describe(parser.feed(QByteArrayView(" second\x1b[0"))), u"[ second|i5|-|B]"_s);
    QCOMPARE(describe(parser.feed(QByteArrayView("m third"))), u"[ third|-|-]"_s);
    parser.feed(QByteArrayView("\x1b[31m"));
    parser.reset();
    QCOMPARE(describe(parser.feed(QByteArrayView("after reset"))), u"[after reset|-|-]"_s);
}

void TestAnsiText::utf8SplitAcrossChunks()
{
    AnsiText parser;
    const QByteArray check("\xe2\x9c\x93");
    QString text;
    text += AnsiText::plainText(parser.feed(QByteArrayView(check.left(1))));
    text += AnsiText::plainText(parser.feed(QByteArrayView(check.mid(1, 1))));
    text += AnsiText::plainText(parser.feed(QByteArrayView(QByteArray(check.mid(2) + "!"))));
    QCOMPARE(text, u"\u2713!"_s);
}

void TestAnsiText::overlongSequenceIsAbandoned()
{
    // A runaway CSI must not swallow the rest of the output.
    const QByteArray garbage = "\x1b[" + QByteArray(500, '1') + "mvisible";
    const QString plain = AnsiText::strip(QString::fromLatin1(garbage));
    QVERIFY(plain.endsWith(u"visible"_s));
    QVERIFY(plain.size() < 500);

    const QByteArray title = "\x1b]0;" + QByteArray(10000, 'x') + "\x07" + "shown";
    QVERIFY(AnsiText::strip(QString::fromLatin1(title)).endsWith(u"shown"_s));
}

void TestAnsiText::strip_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ls --color") << u"\x1b[0m\x1b[01;34mdir\x1b[0m  file\x1b[0m\n"_s
                                << u"dir  file\n"_s;
    QTest::newRow("grep --color") << u"x \x1b[01;31m\x1b[Kerror\x1b[m\x1b[K y"_s << u"x error y"_s;
    QTest::newRow("progress bar") << u"10%\r20%\r100%\n"_s << u"10%20%100%\n"_s;
    QTest::newRow("nothing to strip") << u"plain text"_s << u"plain text"_s;
}

void TestAnsiText::strip()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(AnsiText::strip(input), expected);
}

void TestAnsiText::paletteColours_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<uint>("rgb");
    QTest::newRow("red") << 1 << 0xcd0000u;
    QTest::newRow("bright white") << 15 << 0xffffffu;
    QTest::newRow("cube origin") << 16 << 0x000000u;
    QTest::newRow("cube 208 orange") << 208 << 0xff8700u;
    QTest::newRow("cube white") << 231 << 0xffffffu;
    QTest::newRow("first grey") << 232 << 0x080808u;
    QTest::newRow("last grey") << 255 << 0xeeeeeeu;
}

void TestAnsiText::paletteColours()
{
    QFETCH(int, index);
    QFETCH(uint, rgb);
    QCOMPARE(AnsiColor::indexed(index).toRgb(0x123456), quint32(rgb));
    QCOMPARE(AnsiColor().toRgb(0x123456), 0x123456u);
    QCOMPARE(AnsiColor::rgb(0xabcdef).toRgb(0), 0xabcdefu);
}

QTEST_GUILESS_MAIN(TestAnsiText)
#include "tst_ansitext.moc"
