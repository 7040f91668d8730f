#pragma once
// One benchmark measurement (a model under a scheme on an evaluation set), as printed by
// `llavolta eval --json`, plus the files it is saved to and exported as.
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QVector>

namespace llavolta::ui {

struct BenchResult {
  QString model;     // display name (the model directory's name)
  QString modelDir;
  QString scheme;    // canonical spec, e.g. "vcc:layer=2,stride=8"
  QString evalSet;   // question file, or a benchmark's data folder
  qint64 questions = 0;
  double accuracy = -1;  // question files: overall, 0..1; negative when there was no ground truth
  QMap<QString, double> perCategory;  // 0..1
  // LLaVA-1.5 benchmarks (`eval --benchmark`): the benchmark's own headline metric.
  QString benchmark;       // "gqa", "pope", …; empty for Shapes-VQA and other question files
  QString metric;          // "f1", "perception", …
  QString unit = QStringLiteral("%");
  double value = -1;       // the headline in unit; negative when not scored (a submission-only split)
  double valueError = -1;  // its standard error; negative when the metric has none (F1, MME's sums)
  double tflops = 0;     // mean prefill TFLOPs per sample
  double tokens = 0;     // the paper's #Tokens per sample
  double cr = 1;         // compression ratio
  double latencyMs = 0;  // mean prefill ms per sample

  QString schemeName() const;  // "vcc" of "vcc:layer=2,stride=8"
  // What the plot and the table show: accuracy in % for question files, the benchmark's
  // headline in its unit otherwise; negative when there is none.
  double score() const;
  double scoreError() const;  // ± one standard error of score(); 0 when there is none
  // The y-axis title for results of `benchmark` ("" = question files).
  static QString scoreLabel(const QString& benchmark, const QString& metric, const QString& unit);
  // Binomial standard error of `accuracy`, sqrt(p (1 - p) / questions); 0 without a score.
  double standardError() const;
  // From `llavolta eval --json` output.
  static BenchResult fromEval(const QJsonObject& eval, const QString& modelDir, const QString& evalSet);
  static BenchResult fromJson(const QJsonObject& o);
  QJsonObject toJson() const;
};

// Indices of the non-dominated results (no other has lower-or-equal TFLOPs and higher-or-equal
// score, one of them strictly), sorted by TFLOPs: the score-versus-cost frontier. Results of
// different benchmarks do not compare: pass one benchmark's.
QVector<int> paretoFrontier(const QVector<BenchResult>& results);
// Every category that occurs, sorted.
QStringList categoriesOf(const QVector<BenchResult>& results);

bool writeResultsCsv(const QString& path, const QVector<BenchResult>& results, QString* error = nullptr);
bool writeResultsJson(const QString& path, const QVector<BenchResult>& results, QString* error = nullptr);
QVector<BenchResult> readResultsJson(const QString& path, QString* error = nullptr);

}  // namespace llavolta::ui
