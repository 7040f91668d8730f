#pragma once
// The in-app log (View > Log): the lines spdlog writes, newest last, warnings and errors marked.
#include <QPlainTextEdit>

namespace llavolta::ui {

class LogPanel : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit LogPanel(QWidget* parent = nullptr);
  void appendLine(int level, const QString& text);
};

}  // namespace llavolta::ui
