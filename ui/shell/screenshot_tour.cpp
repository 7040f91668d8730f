#include "ui/shell/screenshot_tour.h"

#include <algorithm>
#include <memory>

#include <QApplication>
#include <QDir>
#include <QTabWidget>
#include <QTimer>
#include <spdlog/spdlog.h>

#include "ui/benchmark/benchmark_workspace.h"
#include "ui/chat/chat_workspace.h"
#include "ui/compression/compression_workspace.h"
#include "ui/shell/main_window.h"
#include "ui/training/training_workspace.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/worker/engine_controller.h"

namespace llavolta::ui {

namespace {

QString vccFor(int layers, int visualTokens) {
  for (const QString& preset : schemePresets(layers, visualTokens))
    if (preset.startsWith(QLatin1String("vcc:layer=2,stride=8"))) return preset;
  for (const QString& preset : schemePresets(layers, visualTokens))
    if (preset.startsWith(QLatin1String("vcc"))) return preset;
  return QStringLiteral("none");
}

}  // namespace

ScreenshotTour::ScreenshotTour(MainWindow* window, const QString& outDir, QObject* parent)
    : QObject(parent), window_(window), outDir_(outDir) {}

void ScreenshotTour::arm() {
  window_->setInteractive(false);
  QDir().mkpath(outDir_);
  connect(window_, &MainWindow::modelReady, this, &ScreenshotTour::onModelReady, Qt::SingleShotConnection);
  connect(window_, &MainWindow::errorShown, this, [this](const QString& title, const QString& message) {
    fail(title + QStringLiteral(": ") + message);
  });
  QTimer::singleShot(15 * 60 * 1000, this, [this] { fail(QStringLiteral("timed out")); });
}

void ScreenshotTour::fail(const QString& why) {
  if (done_) return;
  done_ = true;
  spdlog::error("screenshots failed: {}", why.toStdString());
  Q_EMIT finished(1);
}

bool ScreenshotTour::save(const QString& name) {
  QApplication::processEvents();
  const QString path = QDir(outDir_).filePath(name);
  const bool ok = window_->grab().save(path, "PNG");
  spdlog::info("screenshot {} {}", path.toStdString(), ok ? "saved" : "FAILED");
  if (!ok) fail(QStringLiteral("cannot write ") + path);
  return ok;
}

void ScreenshotTour::onModelReady() {
  const ModelInfo& info = window_->engine()->model();
  ChatWorkspace* chat = window_->chat();
  window_->showWorkspace(0);
  chat->setCompareMode(true);
  chat->compareSchemeSelector()->setSpec(vccFor(info.layers(), info.visualTokens()));
  SamplingValues sampling = chat->sampling();
  sampling.maxNewTokens = 24;
  chat->setSampling(sampling);
  if (!chat->send()) {
    fail(QStringLiteral("chat did not start: ") + chat->lastError());
    return;
  }
  // Connected after send(), which reports generating = true itself.
  auto connection = std::make_shared<QMetaObject::Connection>();
  *connection = connect(chat, &ChatWorkspace::generatingChanged, this, [this, connection](bool generating) {
    if (generating) return;
    disconnect(*connection);
    QTimer::singleShot(100, this, &ScreenshotTour::afterChat);
  });
}

void ScreenshotTour::afterChat() {
  if (done_) return;
  if (!save(QStringLiteral("chat.png"))) return;
  const ModelInfo& info = window_->engine()->model();
  CompressionWorkspace* compression = window_->compression();
  window_->showWorkspace(1);
  compression->schemeSelector(0)->setSpec(vccFor(info.layers(), info.visualTokens()));
  compression->schemeSelector(1)->setSpec(QStringLiteral("none"));
  compression->setCompare(true);
  connect(compression, &CompressionWorkspace::traceReady, this, [this] {
    QTimer::singleShot(100, this, &ScreenshotTour::afterCompression);
  }, Qt::SingleShotConnection);
  if (!compression->run()) fail(QStringLiteral("prefill did not start: ") + compression->lastError());
}

void ScreenshotTour::afterCompression() {
  if (done_) return;
  const ModelInfo& info = window_->engine()->model();
  CompressionWorkspace* compression = window_->compression();
  compression->setLayer(info.layers() / 2);
  compression->setAttentionMode(false);
  if (!save(QStringLiteral("compression.png"))) return;
  compression->setAttentionMode(true);
  if (!save(QStringLiteral("compression-attention.png"))) return;
  compression->setAttentionMode(false);
  window_->showWorkspace(2);
  window_->training()->refreshNow();
  // A staged run shows the schedule best: stage colours, boundaries, #Tokens stepping up.
  QString staged;
  for (const QString& name : window_->training()->runNames())
    if (name.startsWith(QStringLiteral("4stage"))) {  // "4stage", "4stage-s0", ...
      staged = name;
      break;
    }
  if (staged.isEmpty() && !window_->training()->runNames().isEmpty()) staged = window_->training()->runNames().first();
  window_->training()->selectRuns({staged});
  QApplication::processEvents();
  if (!save(QStringLiteral("training.png"))) return;
  window_->showWorkspace(3);
  if (window_->benchmarks()->results().isEmpty()) {
    runBenchmark();
    return;
  }
  finish();
}

void ScreenshotTour::runBenchmark() {
  const ModelInfo& info = window_->engine()->model();
  BenchmarkWorkspace* bench = window_->benchmarks();
  const int layers = info.layers();
  const QString early = QString::number(std::max(1, layers / 4)), middle = QString::number(std::max(1, layers / 2));
  bench->addModel(info.directory, true);
  bench->useShapesEvalSet(40, 4343, info.imageSize());
  bench->setSampleLimit(60);
  bench->setSweep(QStringLiteral("none"), true);
  bench->setSweep(QStringLiteral("vcc"), true, {{QStringLiteral("layer"), early + QLatin1Char(',') + middle},
                                                {QStringLiteral("stride"), QStringLiteral("2,8")}});
  bench->setSweep(QStringLiteral("fastv"), true, {{QStringLiteral("layer"), middle},
                                                  {QStringLiteral("keep"), QStringLiteral("0.25,0.5")}});
  bench->setSweep(QStringLiteral("pool2d"), true, {{QStringLiteral("layer"), middle},
                                                   {QStringLiteral("stride"), QStringLiteral("2")}});
  connect(bench, &BenchmarkWorkspace::benchmarkFinished, this, [this] {
    QTimer::singleShot(300, this, &ScreenshotTour::finish);
  }, Qt::SingleShotConnection);
  if (!bench->runBenchmark()) fail(QStringLiteral("benchmark did not start"));
}

void ScreenshotTour::finish() {
  if (done_) return;
  if (!save(QStringLiteral("benchmarks.png"))) return;
  window_->showWorkspace(0);
  done_ = true;
  Q_EMIT finished(0);
}

}  // namespace llavolta::ui
