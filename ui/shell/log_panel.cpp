#include "ui/shell/log_panel.h"

#include <QFontDatabase>

#include "ui/shell/log_bus.h"

namespace llavolta::ui {

LogPanel::LogPanel(QWidget* parent) : QPlainTextEdit(parent) {
  setReadOnly(true);
  setMaximumBlockCount(5000);
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  setObjectName(QStringLiteral("logPanel"));
  connect(&LogBus::instance(), &LogBus::line, this, &LogPanel::appendLine);
}

void LogPanel::appendLine(int level, const QString& text) {
  // spdlog levels: 3 = warn, 4 = error, 5 = critical.
  if (level >= 3) {
    appendHtml(QStringLiteral("<span style='color:%1'>%2</span>")
                   .arg(level >= 4 ? QStringLiteral("#e0443e") : QStringLiteral("#d08a00"), text.toHtmlEscaped()));
  } else {
    appendPlainText(text);
  }
}

}  // namespace llavolta::ui
