#pragma once
// Shared set-up for the studio's widget tests: a tiny random model written once per process
// and an isolated settings / app-data location. Header-only (only test_*.cpp are built).
#include <string>

#include "support/tiny_model.h"

#include <QCoreApplication>
#include <QImage>
#include <QPainter>
#include <QStandardPaths>
#include <QString>

namespace llavolta::testing {

inline QString tinyStudioModel() {
  static const std::string dir = [] {
    const auto config = tinyConfig();
    auto model = randomModel(config, 11);
    const std::string out = tempDir() + "/studio-model";
    writeModelDir(*model, config, out);
    return out;
  }();
  return QString::fromStdString(dir);
}

// Keeps the tests away from the user's settings, recent files and logs.
inline void isolateStudioSettings() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName(QStringLiteral("LLaVolta-tests"));
  QCoreApplication::setApplicationName(QStringLiteral("studio-tests"));
}

inline QImage testPicture(int side = 56) {
  QImage image(side, side, QImage::Format_RGB888);
  image.fill(QColor(30, 120, 200));
  QPainter p(&image);
  p.fillRect(side / 4, side / 4, side / 2, side / 2, QColor(240, 200, 20));
  return image;
}

}  // namespace llavolta::testing
