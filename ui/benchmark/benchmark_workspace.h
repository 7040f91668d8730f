#pragma once
// The Benchmarks workspace: models x evaluation set x schemes -> accuracy against TFLOPs.
// Evaluations are `llavolta eval --json` child processes.
#include <QWidget>

namespace llavolta::ui {

class BenchmarkWorkspace : public QWidget {
  Q_OBJECT
 public:
  explicit BenchmarkWorkspace(QWidget* parent = nullptr);
  ~BenchmarkWorkspace() override;

  // Folder where results are saved and from which they are reloaded.
  void setResultsDirectory(const QString& dir);
  // The model the studio has open: preselected in the models list.
  void setCurrentModel(const QString& modelDir);
  bool hasRunningWork() const;
  void stopAll();

 Q_SIGNALS:
  void statusMessage(const QString& text);
};

}  // namespace llavolta::ui
