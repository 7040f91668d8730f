#pragma once
// The Benchmarks workspace: models x evaluation set x schemes -> accuracy against TFLOPs.
// Evaluations are `llavolta eval --json` child processes.
#include <QWidget>

#include "ui/benchmark/benchmark_result.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;

namespace llavolta::ui {

class BenchmarkPlot;
class BenchmarkRunner;
struct BenchJob;

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

  // --- also used by tests and the screenshot mode --------------------------
  void addModel(const QString& dir, bool checked = true);
  // Enables a scheme of the sweep and sets comma-separated value lists of its parameters
  // (the sweep is their cartesian product).
  void setSweep(const QString& scheme, bool enabled, const QMap<QString, QString>& values = {});
  // Evaluation set: a generated Shapes-VQA test split, or a LLaVA question file.
  void useShapesEvalSet(int count, int seed, int imageSize);
  void useQuestionFile(const QString& questions, const QString& answers = {});
  // One of LLaVA-1.5's benchmarks (eval --benchmark NAME --data DIR).
  void useLlavaBenchmark(const QString& name, const QString& dataDir);
  // The benchmark the plot shows ("" = Shapes-VQA and question files).
  void showBenchmark(const QString& name);
  void setSampleLimit(int limit);
  // The scheme specs the sweep expands to, or an error.
  QStringList sweepSpecs(QString* error = nullptr) const;
  bool runBenchmark();
  void cancel();
  const QVector<BenchResult>& results() const { return results_; }
  void setResults(const QVector<BenchResult>& results);
  bool loadResults(const QString& file);
  QString savedResultsFile() const { return savedFile_; }
  bool exportCsv(const QString& path);
  bool exportJson(const QString& path);
  bool exportPng(const QString& path);
  bool exportPdf(const QString& path);
  BenchmarkPlot* plot() const { return plot_; }
  QTableWidget* table() const { return table_; }

 Q_SIGNALS:
  void statusMessage(const QString& text);
  void errorOccurred(const QString& message);
  void resultAdded(const llavolta::ui::BenchResult& result);
  void benchmarkFinished(bool cancelled);

 private:
  QWidget* buildSetupPanel();
  QWidget* buildRunPanel(QWidget* parent);
  void populateSchemes();
  void refreshTable();
  void refreshSavedList();
  void reportError(const QString& message);
  void setRunning(bool running);
  void refreshViews();

  QString resultsDir_, savedFile_;
  QVector<BenchResult> results_;
  BenchmarkRunner* runner_;
  QListWidget* models_;
  QRadioButton *evalShapes_, *evalFile_, *evalBenchmark_;
  QComboBox* benchmarkName_;
  QLineEdit* benchmarkData_;
  QComboBox* view_;
  QSpinBox *shapesCount_, *shapesSeed_, *shapesImageSize_, *limit_;
  QCheckBox* shapesHint_ = nullptr;
  QLineEdit *questions_, *answers_;
  QTreeWidget* schemes_;
  QPushButton *run_, *cancel_;
  QProgressBar *overall_, *current_;
  QLabel *progressLabel_, *error_;
  QTableWidget* table_;
  BenchmarkPlot* plot_;
  QCheckBox* reference_;
  QComboBox* saved_;
};

}  // namespace llavolta::ui
