#pragma once
// Logging: spdlog's default logger writes to a rotating file in the app data folder and to
// the in-app log panel. The panel's sink may be called from any thread (the engine worker,
// process readers); LogBus hands the lines to the GUI thread through a queued signal.
#include <QObject>
#include <QString>

namespace llavolta::ui {

class LogBus : public QObject {
  Q_OBJECT
 public:
  static LogBus& instance();
  // Thread-safe.
  void post(int level, const QString& line);

 Q_SIGNALS:
  void line(int level, const QString& text);
};

// Installs the file + panel sinks as spdlog's default logger; returns the log file path
// (empty when the file cannot be created: the panel still works).
QString setupLogging();
QString logFilePath();

}  // namespace llavolta::ui
