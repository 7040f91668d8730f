#include "ui/worker/engine_controller.h"

#include "ui/worker/engine_worker.h"

namespace llavolta::ui {

EngineController::EngineController(QObject* parent) : QObject(parent) {
  qRegisterMetaType<llavolta::ui::ModelInfo>();
  qRegisterMetaType<llavolta::ui::ChatOutcome>();
  worker_ = new EngineWorker;
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &EngineWorker::loadProgress, this, &EngineController::loadProgress);
  connect(worker_, &EngineWorker::modelLoaded, this, [this](const ModelInfo& info) {
    loading_ = false;
    hasModel_ = true;
    model_ = info;
    Q_EMIT modelLoaded(info);
    Q_EMIT busyChanged(busy());
  });
  connect(worker_, &EngineWorker::loadFailed, this, [this](const QString& error) {
    // The worker keeps the model it had (hasModel_ and model_ still describe it).
    loading_ = false;
    Q_EMIT loadFailed(error);
    Q_EMIT busyChanged(busy());
  });
  connect(worker_, &EngineWorker::chatStarted, this, &EngineController::chatStarted);
  connect(worker_, &EngineWorker::chatPiece, this, &EngineController::chatPiece);
  connect(worker_, &EngineWorker::chatFinished, this, [this](quint64 id, const ChatOutcome& outcome) {
    finishRequest(id);
    Q_EMIT chatFinished(id, outcome);
    Q_EMIT busyChanged(busy());
  });
  connect(worker_, &EngineWorker::chatFailed, this, [this](quint64 id, const QString& error) {
    finishRequest(id);
    Q_EMIT chatFailed(id, error);
    Q_EMIT busyChanged(busy());
  });
  thread_.setObjectName(QStringLiteral("engine"));
  thread_.start();
}

EngineController::~EngineController() { shutdown(); }

void EngineController::shutdown() {
  if (!thread_.isRunning()) return;
  worker_->cancelBelow(nextId_ + 1);
  // The session must die on the thread that used it.
  QMetaObject::invokeMethod(worker_, [w = worker_] { w->unload(); }, Qt::QueuedConnection);
  thread_.quit();
  thread_.wait();
}

void EngineController::loadModel(const LoadRequest& request) {
  if (!thread_.isRunning()) return;
  loading_ = true;  // the current model, if any, stays usable until the new one has loaded
  Q_EMIT busyChanged(true);
  QMetaObject::invokeMethod(worker_, [w = worker_, request] { w->loadModel(request); }, Qt::QueuedConnection);
}

quint64 EngineController::chat(ChatRequest request) {
  request.id = nextId_++;
  if (!thread_.isRunning()) return request.id;  // shut down: nothing will answer
  pending_.insert(request.id);
  Q_EMIT busyChanged(true);
  QMetaObject::invokeMethod(worker_, [w = worker_, request] { w->chat(request); }, Qt::QueuedConnection);
  return request.id;
}

void EngineController::stopAll() {
  if (thread_.isRunning()) worker_->cancelBelow(nextId_);
}

void EngineController::stop(quint64 id) {
  if (thread_.isRunning()) worker_->cancelBelow(id + 1);
}

void EngineController::finishRequest(quint64 id) { pending_.remove(id); }

}  // namespace llavolta::ui
