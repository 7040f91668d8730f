#pragma once
// `llavolta-studio --screenshots DIR`: drives the real window through one chat turn under the
// default scheme and one under VCC, a compression trace at a middle layer, then saves one PNG
// per workspace and quits (exit code 0 on success). When the Benchmarks workspace has no saved
// results it first runs a small real benchmark of the open model (a few schemes on a freshly
// generated Shapes-VQA split) so the plot shows measured points. Works offscreen.
#include <QObject>
#include <QString>

namespace llavolta::ui {

class MainWindow;

class ScreenshotTour : public QObject {
  Q_OBJECT
 public:
  ScreenshotTour(MainWindow* window, const QString& outDir, QObject* parent = nullptr);
  // Call before MainWindow::startup so the model load is seen.
  void arm();

 Q_SIGNALS:
  void finished(int exitCode);

 private:
  void onModelReady();
  void afterChat();
  void afterCompression();
  void runBenchmark();
  void finish();
  bool save(const QString& name);
  void fail(const QString& why);

  MainWindow* window_;
  QString outDir_;
  bool done_ = false;
};

}  // namespace llavolta::ui
