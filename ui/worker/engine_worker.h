#pragma once
// The QObject that owns the engine::Session on its own QThread. Requests arrive as queued
// calls (EngineController posts them), results leave as signals carrying value types.
#include <atomic>
#include <memory>

#include <QObject>

#include "ui/worker/engine_values.h"

namespace llavolta::engine {
class Session;
}

namespace llavolta::ui {

class EngineWorker : public QObject {
  Q_OBJECT
 public:
  EngineWorker();
  ~EngineWorker() override;

  // Runs on the worker thread.
  void loadModel(const LoadRequest& request);
  void chat(const ChatRequest& request);
  void unload();

  // Thread-safe: cancels every request with an id below `id` (and the running one if it is).
  void cancelBelow(quint64 id);

 Q_SIGNALS:
  void loadProgress(qint64 done, qint64 total);
  void modelLoaded(const llavolta::ui::ModelInfo& info);
  void loadFailed(const QString& error);
  void chatStarted(quint64 id);
  void chatPiece(quint64 id, const QString& piece);
  void chatFinished(quint64 id, const llavolta::ui::ChatOutcome& outcome);
  void chatFailed(quint64 id, const QString& error);

 private:
  bool cancelled(quint64 id) const { return id < cancelBelow_.load(); }

  std::unique_ptr<engine::Session> session_;
  std::atomic<quint64> cancelBelow_{0};
  std::atomic<bool> stopLoad_{false};
};

}  // namespace llavolta::ui
