#include "ui/shell/log_bus.h"

#include <memory>
#include <mutex>

#include <QDir>
#include <QFileInfo>
#include <QMetaObject>
#include <QStandardPaths>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace llavolta::ui {

namespace {

class PanelSink : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    QString text = QString::fromUtf8(formatted.data(), static_cast<int>(formatted.size()));
    while (text.endsWith(QLatin1Char('\n'))) text.chop(1);
    LogBus::instance().post(static_cast<int>(msg.level), text);
  }
  void flush_() override {}
};

}  // namespace

LogBus& LogBus::instance() {
  static LogBus* bus = new LogBus;  // lives as long as the process; sinks may outlive main()
  return *bus;
}

void LogBus::post(int level, const QString& text) {
  QMetaObject::invokeMethod(this, [this, level, text] { Q_EMIT line(level, text); }, Qt::QueuedConnection);
}

QString logFilePath() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("logs/studio.log"));
}

QString setupLogging() {
  std::vector<spdlog::sink_ptr> sinks;
  sinks.push_back(std::make_shared<PanelSink>());
  sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
  sinks.back()->set_level(qEnvironmentVariableIsSet("LLAVOLTA_LOG_STDERR") ? spdlog::level::info : spdlog::level::warn);
  QString path = logFilePath();
  try {
    QDir().mkpath(QFileInfo(path).absolutePath());
    sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path.toStdString(), 5 * 1024 * 1024, 3));
  } catch (const std::exception&) {
    path.clear();
  }
  auto logger = std::make_shared<spdlog::logger>("studio", sinks.begin(), sinks.end());
  logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  return path;
}

}  // namespace llavolta::ui
