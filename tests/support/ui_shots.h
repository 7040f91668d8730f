#pragma once
// With LLAVOLTA_UI_SHOTS=DIR set, UI suites save what a widget looks like (for review);
// otherwise this does nothing. Header-only: only the Qt Widgets suites include it.
#include <QDir>
#include <QString>
#include <QTest>
#include <QWidget>

namespace llavolta::testing {

inline void saveShot(QWidget& w, const char* name) {
  const QString dir = qEnvironmentVariable("LLAVOLTA_UI_SHOTS");
  if (dir.isEmpty()) return;
  w.resize(1400, 900);
  w.show();
  QTest::qWait(700);
  QDir().mkpath(dir);
  w.grab().save(dir + QLatin1Char('/') + QString::fromLatin1(name) + QStringLiteral(".png"));
}

}  // namespace llavolta::testing
