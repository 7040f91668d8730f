#pragma once
// The run directory is the truth about a training run: run.json (config), metrics.jsonl
// (one record per step), eval.jsonl, checkpoints/step-N, final/, plus the studio's own
// studio.json (child pid and the state the studio last asked for) and train.log (the
// child's stdout and stderr). Everything here reads or writes those files only, so a
// crashed GUI or a killed trainer never loses a run.
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace llavolta::ui {

// One metrics.jsonl record.
struct MetricPoint {
  qint64 step = 0;
  double loss = 0, lr = 0, samplesPerS = 0, stepMs = 0;
  double visualTokens = 0;       // visual tokens at the last layer, per sample
  double visualTokensTotal = 0;  // the paper's #Tokens: sum over layers, per sample
  int stage = 0;
  QString scheme, phase;
  double patchWordLoss = -1;  // the per-patch word loss when the step had it
  double groundingLoss = -1;  // the attention grounding loss when the step had it
  double promptLoss = -1;     // the next-token loss on the prompt when the step had it
  static MetricPoint fromJson(const QJsonObject& o);
};

// Reads a JSONL file incrementally: each call returns only the complete lines appended
// since the last one. A file that shrank (a resumed run rewrites it) starts over.
class JsonlFollower {
 public:
  explicit JsonlFollower(QString path = {}) : path_(std::move(path)) {}
  // `restarted` is set when the file was rewritten and the records start from the top.
  QVector<QJsonObject> readNew(bool* restarted = nullptr);
  void reset() { offset_ = 0; }

 private:
  QString path_;
  qint64 offset_ = 0;
};

namespace runfiles {

// States written to studio.json; "pausing"/"stopping" mean SIGTERM was sent and the
// trainer is writing its checkpoint.
inline const QString kPreparing = QStringLiteral("preparing");
inline const QString kRunning = QStringLiteral("running");
inline const QString kPausing = QStringLiteral("pausing");
inline const QString kStopping = QStringLiteral("stopping");
inline const QString kPaused = QStringLiteral("paused");
inline const QString kStopped = QStringLiteral("stopped");
inline const QString kFinished = QStringLiteral("finished");
inline const QString kFailed = QStringLiteral("failed");

// A folder of LLaVA training (`llavolta train`, or made by the studio): studio.json, or a
// run.json with "phases". A vision-pretraining folder (`llavolta pretrain-vision` writes a
// run.json of its own kind) and any other folder are not.
bool isTrainingRun(const QString& dir);

QJsonObject readStudio(const QString& runDir);
void writeStudio(const QString& runDir, const QJsonObject& state);
// True while `pid` is a live process whose command line names this run directory (a
// recycled pid or a zombie does not count).
bool processAlive(qint64 pid, const QString& runDir);
// The status a run has now, from studio.json, the process table and final/.
QString effectiveStatus(const QString& runDir, qint64* pidOut = nullptr);
// Checkpoint directories, oldest first, then final/ if present.
QStringList checkpoints(const QString& runDir);
qint64 totalSteps(const QString& runDir);
// Data-parallel processes of the run (run.json "world_size", which the trainer writes); 1 without.
int worldSize(const QString& runDir);
// First step of each stage after the first (from run.json's schedule), and the stage specs.
QVector<qint64> stageStarts(const QString& runDir, QStringList* schemes = nullptr);
// Overall accuracy of the last eval.jsonl record, or a negative number.
double lastEvalAccuracy(const QString& runDir);
// The last `maxBytes` of train.log with progress-bar carriage returns turned into lines.
QString logTail(const QString& runDir, qint64 maxBytes = 16384);

}  // namespace runfiles
}  // namespace llavolta::ui
