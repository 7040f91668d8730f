#include "ui/shell/translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace llavolta::ui {

QString installTranslations(QCoreApplication& app, const QString& language) {
  QLocale locale = QLocale::system();
  if (language == QLatin1String("en")) return QStringLiteral("en");
  if (language == QLatin1String("de")) locale = QLocale(QLocale::German);
  if (language == QLatin1String("zh_CN")) locale = QLocale(QLocale::Chinese, QLocale::China);
  auto* ours = new QTranslator(&app);
  if (!ours->load(locale, QStringLiteral("llavolta"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete ours;
    return QStringLiteral("en");
  }
  app.installTranslator(ours);
  // Qt's own strings (dialog buttons) when the system ships them.
  auto* qt = new QTranslator(&app);
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    app.installTranslator(qt);
  else
    delete qt;
  return locale.name();
}

}  // namespace llavolta::ui
