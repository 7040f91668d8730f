#include "ui/shell/studio_settings.h"

#include <QDir>
#include <QSettings>
#include <QStandardPaths>

namespace llavolta::ui {

StudioSettings StudioSettings::load() {
  QSettings s;
  StudioSettings out;
  out.device = s.value(QStringLiteral("engine/device"), out.device).toString();
  out.dtype = s.value(QStringLiteral("engine/dtype"), out.dtype).toString();
  out.threads = s.value(QStringLiteral("engine/threads"), out.threads).toInt();
  out.language = s.value(QStringLiteral("ui/language"), out.language).toString();
  out.defaultScheme = s.value(QStringLiteral("chat/defaultScheme"), out.defaultScheme).toString();
  out.runsDirectory = s.value(QStringLiteral("paths/runs"), out.runsDirectory).toString();
  return out;
}

void StudioSettings::save() const {
  QSettings s;
  s.setValue(QStringLiteral("engine/device"), device);
  s.setValue(QStringLiteral("engine/dtype"), dtype);
  s.setValue(QStringLiteral("engine/threads"), threads);
  s.setValue(QStringLiteral("ui/language"), language);
  s.setValue(QStringLiteral("chat/defaultScheme"), defaultScheme);
  s.setValue(QStringLiteral("paths/runs"), runsDirectory);
}

QString StudioSettings::effectiveRunsDirectory() const {
  return runsDirectory.isEmpty() ? defaultRunsDirectory() : runsDirectory;
}

QString defaultRunsDirectory() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("runs"));
}

QStringList recentFiles(const QString& key) {
  return QSettings().value(QStringLiteral("recent/") + key).toStringList();
}

void addRecentFile(const QString& key, const QString& path) {
  QStringList list = recentFiles(key);
  list.removeAll(path);
  list.prepend(path);
  while (list.size() > 8) list.removeLast();
  QSettings().setValue(QStringLiteral("recent/") + key, list);
}

}  // namespace llavolta::ui
