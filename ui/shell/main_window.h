#pragma once
// The studio's main window: four workspaces as tabs, the model strip, menus, status bar
// (model, device, memory, what runs, progress + Cancel), the log dock.
#include <QMainWindow>

#include "ui/shell/studio_settings.h"
#include "ui/worker/engine_values.h"

class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace llavolta::ui {

class BenchmarkWorkspace;
class ChatWorkspace;
class CompressionWorkspace;
class EngineController;
class LogPanel;
class ModelPanel;
class TrainingWorkspace;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  // The model the studio opens with: the bundled demo model when it is there.
  static QString defaultModelDir();
  // The quit question for what is running (empty when nothing is): names the work and what
  // quitting does to it.
  static QString quitQuestion(bool loading, bool generating, const QStringList& trainingRuns, bool benchmark);
  // Opens `modelDir` (or the demo model, or explains how to get one) and the sample scene.
  void startup(const QString& modelDir, const QString& imageFile);
  // Runs (and benchmark results) folder for this session only; Preferences keep their own.
  void useRunsDirectory(const QString& dir);

  void openModel(const QString& dir);
  bool openImage(const QString& path);
  // Tests and the screenshot tour turn modal dialogs off: errors then only reach the
  // status bar, the inline labels and errorShown.
  void setInteractive(bool on) { interactive_ = on; }
  QString lastError() const { return lastError_; }

  EngineController* engine() const { return engine_; }
  ChatWorkspace* chat() const { return chat_; }
  CompressionWorkspace* compression() const { return compression_; }
  TrainingWorkspace* training() const { return training_; }
  BenchmarkWorkspace* benchmarks() const { return benchmarks_; }
  QTabWidget* tabs() const { return tabs_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  void showWorkspace(int index);

 Q_SIGNALS:
  void modelReady(const llavolta::ui::ModelInfo& info);
  void errorShown(const QString& title, const QString& message);

 public Q_SLOTS:
  void chooseModel();
  void chooseImage();
  void showPreferences();
  void stopEverything();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildMenus();
  void buildStatusBar();
  void showError(const QString& title, const QString& message);
  void onModelLoaded(const ModelInfo& info);
  void onLoadFailed(const QString& error);
  void onBusyChanged();
  void refreshRecentMenus();
  void refreshMemory();
  // A transient message at the left of the status bar: elided to the room the permanent
  // labels leave (the whole text is its tooltip), cleared after timeoutMs.
  void showStatus(const QString& text, int timeoutMs);
  void useSampleScene(int imageSize);
  void applySettings();

  StudioSettings settings_;
  EngineController* engine_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  ChatWorkspace* chat_ = nullptr;
  CompressionWorkspace* compression_ = nullptr;
  TrainingWorkspace* training_ = nullptr;
  BenchmarkWorkspace* benchmarks_ = nullptr;
  QDockWidget* logDock_ = nullptr;
  LogPanel* log_ = nullptr;
  QMenu* recentModels_ = nullptr;
  QMenu* recentImages_ = nullptr;
  QLabel* modelStatus_ = nullptr;
  QLabel* deviceStatus_ = nullptr;
  QLabel* memoryStatus_ = nullptr;
  QLabel* activity_ = nullptr;
  class ElidedLabel* statusMessage_ = nullptr;
  class QTimer* statusTimer_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* cancel_ = nullptr;
  bool interactive_ = true;
  bool usingSample_ = false;
  QString sampleQuestion_;
  QString lastError_;
};

}  // namespace llavolta::ui
