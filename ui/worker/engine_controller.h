#pragma once
// GUI-side handle on the engine worker: starts its thread, posts requests, tracks what is
// running so the status bar and the close check know, and cancels from the GUI thread.
#include <QObject>
#include <QSet>
#include <QThread>

#include "ui/worker/engine_values.h"

namespace llavolta::ui {

class EngineWorker;

class EngineController : public QObject {
  Q_OBJECT
 public:
  explicit EngineController(QObject* parent = nullptr);
  ~EngineController() override;

  void loadModel(const LoadRequest& request);
  // Queues a chat; returns its id (the signals carry it).
  quint64 chat(ChatRequest request);
  // Cancels everything queued or running.
  void stopAll();
  // Cancels one request (queued or running) and everything queued before it.
  void stop(quint64 id);

  bool busy() const { return loading_ || !pending_.isEmpty(); }
  bool loading() const { return loading_; }
  bool hasModel() const { return hasModel_; }
  const ModelInfo& model() const { return model_; }
  // Blocks until the worker thread has finished its current request (used on close).
  void shutdown();

 Q_SIGNALS:
  void loadProgress(qint64 done, qint64 total);
  void modelLoaded(const llavolta::ui::ModelInfo& info);
  void loadFailed(const QString& error);
  void chatStarted(quint64 id);
  void chatPiece(quint64 id, const QString& piece);
  void chatFinished(quint64 id, const llavolta::ui::ChatOutcome& outcome);
  void chatFailed(quint64 id, const QString& error);
  void busyChanged(bool busy);

 private:
  void finishRequest(quint64 id);

  QThread thread_;
  EngineWorker* worker_ = nullptr;
  quint64 nextId_ = 1;
  QSet<quint64> pending_;
  bool loading_ = false;
  bool hasModel_ = false;
  ModelInfo model_;
};

}  // namespace llavolta::ui
