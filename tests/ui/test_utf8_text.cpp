// ctest-labels: ui unit
// Whole UTF-8 characters from a byte stream cut anywhere: a partial character at the end is
// held back until its bytes arrive, one cut at the front is skipped, so no U+FFFD appears
// (the training log tab reads train.log from its last bytes while the trainer writes it).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/training/run_directory.h"
#include "ui/worker/utf8_text.h"

using namespace llavolta::ui;

class Utf8TextTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void everyCutGivesWholeCharactersOnly() {
    const QString text = QStringLiteral("stage 1 vcc café · 中文 \U0001F642 loss 0.25");
    const QByteArray bytes = text.toUtf8();
    const QChar replacement(QChar::ReplacementCharacter);
    for (qsizetype cut = 0; cut <= bytes.size(); ++cut) {
      QByteArray held;
      const QString head = decodeWholeUtf8(bytes.left(cut), &held);
      QVERIFY2(!head.contains(replacement), qPrintable(QString::number(cut)));
      QVERIFY(held.size() <= 3);
      // Fed in two chunks with the held bytes carried over, the text comes out whole.
      QCOMPARE(head + decodeWholeUtf8(held + bytes.mid(cut)), text);
      // Read from an offset (the front of a character cut off): no U+FFFD either.
      const QString tail = decodeWholeUtf8(bytes.mid(cut));
      QVERIFY2(!tail.contains(replacement), qPrintable(QString::number(cut)));
      QVERIFY(text.endsWith(tail));
    }
  }

  void heldBytesArePartialCharactersOnly() {
    QByteArray held;
    QCOMPARE(decodeWholeUtf8(QByteArray("ok \xE4\xB8"), &held), QStringLiteral("ok "));
    QCOMPARE(held, QByteArray("\xE4\xB8"));
    QCOMPARE(decodeWholeUtf8(held + QByteArray("\xAD!"), &held), QStringLiteral("中!"));
    QVERIFY(held.isEmpty());
    QCOMPARE(decodeWholeUtf8(QByteArray("plain ascii"), &held), QStringLiteral("plain ascii"));
    QVERIFY(held.isEmpty());
    QCOMPARE(decodeWholeUtf8(QByteArray()), QString());
    // A lone lead byte waits; a lone continuation byte at the front is skipped.
    QCOMPARE(decodeWholeUtf8(QByteArray("\xF0"), &held), QString());
    QCOMPARE(held, QByteArray("\xF0"));
    QCOMPARE(decodeWholeUtf8(QByteArray("\x9F\x99\x82 smile")), QStringLiteral(" smile"));
  }

  void logTailStartsAndEndsOnWholeCharacters() {
    QTemporaryDir dir;
    QFile f(QDir(dir.path()).filePath(QStringLiteral("train.log")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray line = QStringLiteral("中文中文中文\n").toUtf8();  // 19 bytes
    for (int i = 0; i < 10; ++i) f.write(line);
    f.write("\xE4\xB8");  // the trainer is half-way through a character
    f.close();
    for (qint64 maxBytes = 10; maxBytes < 40; ++maxBytes) {
      const QString tail = runfiles::logTail(dir.path(), maxBytes);
      QVERIFY2(!tail.contains(QChar(QChar::ReplacementCharacter)), qPrintable(tail));
      QVERIFY(!tail.isEmpty());
    }
  }
};

QTEST_MAIN(Utf8TextTest)
#include "test_utf8_text.moc"
