#pragma once
// Runs a benchmark as a queue of `llavolta` child processes (optionally generating the
// evaluation set first, then one `eval --json` per model x scheme), one at a time, with
// overall and per-eval progress and a Cancel that kills the running child.
#include <QObject>
#include <QProcess>
#include <QStringList>

#include "ui/benchmark/benchmark_result.h"

namespace llavolta::ui {

struct BenchJob {
  QStringList args;  // CLI arguments
  QString modelDir;  // empty for a data-generation step
  QString scheme;
  QString evalSet;
  QString label;     // for the progress line
};

class BenchmarkRunner : public QObject {
  Q_OBJECT
 public:
  explicit BenchmarkRunner(QObject* parent = nullptr);
  ~BenchmarkRunner() override;
  void start(const QVector<BenchJob>& jobs);
  void cancel();
  bool isRunning() const { return running_; }

 Q_SIGNALS:
  // Job `index` of `count` has begun.
  void jobStarted(int index, int count, const QString& label);
  // Progress of the running eval as the CLI prints it (done of total questions).
  void jobProgress(qint64 done, qint64 total);
  void resultReady(const llavolta::ui::BenchResult& result);
  void jobFailed(const QString& label, const QString& message);
  void finished(bool cancelled);

 private:
  void next();
  void onFinished(int exitCode, QProcess::ExitStatus status);
  void onStderr();

  QVector<BenchJob> jobs_;
  int index_ = -1;
  bool running_ = false, cancelled_ = false;
  QProcess* process_ = nullptr;
  QByteArray stdout_, stderrTail_;
};

}  // namespace llavolta::ui
