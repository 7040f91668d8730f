#pragma once
// The Training workspace: runs list, New Run dialog, live plots. Runs are `llavolta train`
// child processes followed through their run directory (metrics.jsonl is the truth).
#include <QWidget>

namespace llavolta::ui {

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
  // Stops running work cleanly (checkpoint first); used when the window closes.
  void stopAll();

 Q_SIGNALS:
  void openInChatRequested(const QString& checkpointDir);
  void statusMessage(const QString& text);
};

}  // namespace llavolta::ui
