#pragma once
// The engine's scheme registry speaks English (its summaries and parameter descriptions are
// also the CLI's help). The studio shows them translated: every text is listed here for lupdate
// under the context "SchemeTexts", and a test keeps the list in sync with the registry.
#include <string>

#include <QString>
#include <QStringList>

namespace llavolta::ui {

// The text in the studio's language (the English text when no translation is installed).
QString schemeText(const std::string& english);
// Every text the list covers, in English.
QStringList translatableSchemeTexts();

}  // namespace llavolta::ui
