#pragma once
// The Training workspace: runs list, New Run dialog, live plots. Runs are `llavolta train`
// child processes followed through their run directory (metrics.jsonl is the truth).
//
// Children are started detached with their output in the run's train.log and their pid in
// studio.json, so they survive a GUI crash and a restarted studio re-attaches to them: it
// follows metrics.jsonl while /proc/<pid> still runs that run, and resolves the status from
// the disk (final/ = finished, asked to pause/stop = paused/stopped, otherwise failed).
#include <QMap>
#include <QWidget>

#include "ui/training/run_directory.h"

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;
class QTreeWidget;
class QTreeWidgetItem;

namespace llavolta::ui {

class NewRunDialog;
class TrainingPlots;
struct RunPlan;

class TrainingWorkspace : public QWidget {
  Q_OBJECT
 public:
  explicit TrainingWorkspace(QWidget* parent = nullptr);
  ~TrainingWorkspace() override;

  // Folder holding one sub-folder per run; re-scanned (and re-attached) when set.
  void setRunsDirectory(const QString& dir);
  // The model the studio has open: the default initial model of a new run.
  void setCurrentModel(const QString& modelDir);
  bool hasRunningWork() const;
  // Names of the runs whose trainer (or preparation) is running now.
  QStringList runningRuns() const;
  // Stops running work cleanly (checkpoint first); used when the window closes.
  void stopAll();

  // --- also used by tests and the screenshot mode --------------------------
  // Opens the (non-modal) New Run dialog; its Start button launches the run.
  NewRunDialog* openNewRunDialog();
  // Creates the run directory, writes run.json and launch.sh and starts the child.
  bool launch(const RunPlan& plan);
  QStringList runNames() const;
  QString runStatus(const QString& name) const;
  QString runDirectory(const QString& name) const;
  qint64 runPid(const QString& name) const;
  int metricCount(const QString& name) const;
  // Selects runs in the list (the first is shown in detail; more overlay their loss).
  void selectRuns(const QStringList& names);
  bool pauseRun(const QString& name);
  bool resumeRun(const QString& name);
  bool stopRun(const QString& name);
  QStringList shownCheckpoints() const;
  TrainingPlots* plots() const { return plots_; }
  // Polls the run directories now instead of waiting for the timer.
  void refreshNow();

 Q_SIGNALS:
  void openInChatRequested(const QString& checkpointDir);
  void statusMessage(const QString& text);
  // Batched: once per poll for a run whose metrics.jsonl grew; `points` = records so far.
  void metricsUpdated(const QString& runName, int points);
  void runStatusChanged(const QString& runName, const QString& status);
  void errorOccurred(const QString& message);

 private:
  struct Run {
    QString name, dir, status;
    qint64 pid = 0, total = 0;
    int worldSize = 1;  // data-parallel processes (run.json "world_size")
    double accuracy = -1;
    JsonlFollower metrics;
    QVector<MetricPoint> points;
    QVector<qint64> stageStarts;
    QStringList stageSchemes;
    QTreeWidgetItem* item = nullptr;
  };

  void scan();
  void poll();
  bool readMetrics(Run& run);
  void updateItem(Run& run);
  void showSelection();
  void updateButtons();
  void reportError(const QString& message);
  bool signalRun(const QString& name, const QString& state);
  bool startChild(Run& run, bool resume);
  QStringList selectedNames() const;
  QString currentName() const;

  QString runsDir_, currentModel_;
  QMap<QString, Run> runs_;
  QTimer* timer_;
  QTreeWidget* list_;
  TrainingPlots* plots_;
  QLabel *summary_, *error_;
  QPlainTextEdit* log_;
  QListWidget* checkpoints_;
  QPushButton *newRun_, *pause_, *resume_, *stop_, *openChat_;
  QString shownLog_;
  bool plotsDirty_ = true;
};

}  // namespace llavolta::ui
