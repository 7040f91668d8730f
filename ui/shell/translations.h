#pragma once
// Picks the UI language: the Preferences override, else the system locale. The .qm files are
// compiled into the binary (":/i18n/llavolta_<lang>.qm").
#include <QString>

class QCoreApplication;

namespace llavolta::ui {

// language: "system", "en", "de" or "zh_CN". Returns the language actually installed.
QString installTranslations(QCoreApplication& app, const QString& language);

}  // namespace llavolta::ui
