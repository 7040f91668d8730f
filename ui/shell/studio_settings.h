#pragma once
// The studio's persistent preferences (QSettings) and recent-file lists.
#include <QString>
#include <QStringList>

namespace llavolta::ui {

struct StudioSettings {
  QString device = QStringLiteral("cpu");
  QString dtype = QStringLiteral("float32");
  int threads = 0;  // 0 = LibTorch's default
  QString language = QStringLiteral("system");  // system, en, de, zh_CN
  QString defaultScheme = QStringLiteral("none");
  QString runsDirectory;  // empty = defaultRunsDirectory()

  static StudioSettings load();
  void save() const;
  QString effectiveRunsDirectory() const;
};

QString defaultRunsDirectory();
QStringList recentFiles(const QString& key);
void addRecentFile(const QString& key, const QString& path);

}  // namespace llavolta::ui
