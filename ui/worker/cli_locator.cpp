#include "ui/worker/cli_locator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace llavolta::ui {

QString cliPath() {
  const QString fromEnv = qEnvironmentVariable("LLAVOLTA_CLI");
  if (!fromEnv.isEmpty()) return fromEnv;
  const QString besideApp = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("llavolta"));
  if (QFileInfo(besideApp).isExecutable()) return besideApp;
  return QStringLiteral("llavolta");
}

}  // namespace llavolta::ui
