#include "engine/resource_paths.h"

#include "ui/shell/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "ui/benchmark/benchmark_workspace.h"
#include "ui/widgets/elided_label.h"
#include "ui/chat/chat_workspace.h"
#include "ui/compression/compression_workspace.h"
#include "ui/shell/device_probe.h"
#include "ui/shell/log_bus.h"
#include "ui/shell/log_panel.h"
#include "ui/shell/model_panel.h"
#include "ui/shell/preferences_dialog.h"
#include "ui/shell/sample_scene.h"
#include "ui/training/training_workspace.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/worker/engine_controller.h"

namespace llavolta::ui {

namespace {

// Resident set size from /proc/self/statm (Linux); 0 elsewhere.
qint64 residentBytes() {
  QFile statm(QStringLiteral("/proc/self/statm"));
  if (!statm.open(QIODevice::ReadOnly)) return 0;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  if (fields.size() < 2) return 0;
  return fields[1].toLongLong() * static_cast<qint64>(sysconf(_SC_PAGESIZE));
}

}  // namespace

QString MainWindow::defaultModelDir() {
  try {
    const QString dir = QString::fromStdString(engine::resourcePath("models/demo"));
    if (QFileInfo::exists(dir + QStringLiteral("/model.safetensors"))) return dir;
  } catch (const std::exception&) {
  }
  return {};
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("LLaVolta Studio"));
  settings_ = StudioSettings::load();
  engine_ = new EngineController(this);

  auto* central = new QWidget(this);
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(4, 4, 4, 0);
  modelPanel_ = new ModelPanel(central);
  modelPanel_->setLoadSettings(settings_.device, settings_.dtype, settings_.threads);
  layout->addWidget(modelPanel_);
  tabs_ = new QTabWidget(central);
  tabs_->setObjectName(QStringLiteral("workspaces"));
  chat_ = new ChatWorkspace(engine_, tabs_);
  compression_ = new CompressionWorkspace(engine_, tabs_);
  training_ = new TrainingWorkspace(tabs_);
  benchmarks_ = new BenchmarkWorkspace(tabs_);
  tabs_->addTab(chat_, tr("Chat"));
  tabs_->addTab(compression_, tr("Compression"));
  tabs_->addTab(training_, tr("Training"));
  tabs_->addTab(benchmarks_, tr("Benchmarks"));
  layout->addWidget(tabs_, 1);
  setCentralWidget(central);

  log_ = new LogPanel(this);
  logDock_ = new QDockWidget(tr("Log"), this);
  logDock_->setObjectName(QStringLiteral("logDock"));
  logDock_->setWidget(log_);
  addDockWidget(Qt::BottomDockWidgetArea, logDock_);
  logDock_->hide();

  buildMenus();
  buildStatusBar();
  applySettings();

  connect(modelPanel_, &ModelPanel::openRequested, this, &MainWindow::chooseModel);
  connect(modelPanel_, &ModelPanel::reloadRequested, this, [this] {
    if (!modelPanel_->modelDir().isEmpty()) openModel(modelPanel_->modelDir());
  });
  connect(engine_, &EngineController::modelLoaded, this, &MainWindow::onModelLoaded);
  connect(engine_, &EngineController::loadFailed, this, &MainWindow::onLoadFailed);
  connect(engine_, &EngineController::busyChanged, this, &MainWindow::onBusyChanged);
  // The first streamed piece ends the prefill: from then on the status bar says so.
  connect(engine_, &EngineController::chatPiece, this, [this] {
    if (engine_->busy() && !engine_->loading() && activity_->text() != tr("Stopping…"))
      activity_->setText(tr("Generating"));
  });
  connect(engine_, &EngineController::chatStarted, this, [this] {
    if (engine_->busy() && !engine_->loading() && activity_->text() != tr("Stopping…"))
      activity_->setText(tr("Running prefill"));
  });
  connect(engine_, &EngineController::loadProgress, this, [this](qint64 done, qint64 total) {
    progress_->setRange(0, static_cast<int>(std::max<qint64>(total, 1)));
    progress_->setValue(static_cast<int>(done));
  });
  connect(chat_, &ChatWorkspace::imageChanged, this, [this](const QImage& image, const QString& source) {
    compression_->setImage(image, source);
    if (source == QLatin1String("sample")) return;
    usingSample_ = false;
    // The sample scene's question is about the sample scene: it does not carry over to another
    // image. A question the user typed stays.
    if (!sampleQuestion_.isEmpty()) {
      if (chat_->question() == sampleQuestion_) chat_->setQuestion(QString());
      if (compression_->prompt() == sampleQuestion_) compression_->setPrompt(QString());
    }
  });
  connect(chat_, &ChatWorkspace::statusMessage, this, [this](const QString& text) { showStatus(text, 4000); });
  connect(compression_, &CompressionWorkspace::statusMessage, this,
          [this](const QString& text) { showStatus(text, 4000); });
  connect(training_, &TrainingWorkspace::statusMessage, this, [this](const QString& text) { showStatus(text, 4000); });
  connect(benchmarks_, &BenchmarkWorkspace::statusMessage, this,
          [this](const QString& text) { showStatus(text, 4000); });
  connect(training_, &TrainingWorkspace::openInChatRequested, this, [this](const QString& dir) {
    showWorkspace(0);
    openModel(dir);
  });

  QSettings s;
  if (!restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray())) resize(1400, 900);
  restoreState(s.value(QStringLiteral("window/state")).toByteArray());
  spdlog::info("LLaVolta Studio started; log file {}", logFilePath().toStdString());
}

MainWindow::~MainWindow() { engine_->shutdown(); }

void MainWindow::applySettings() {
  training_->setRunsDirectory(settings_.effectiveRunsDirectory());
  benchmarks_->setResultsDirectory(QDir(settings_.effectiveRunsDirectory()).filePath(QStringLiteral("benchmarks")));
  chat_->schemeSelector()->setSpec(settings_.defaultScheme);
}

void MainWindow::useRunsDirectory(const QString& dir) {
  const QString absolute = QDir(dir).absolutePath();
  training_->setRunsDirectory(absolute);
  benchmarks_->setResultsDirectory(QDir(absolute).filePath(QStringLiteral("benchmarks")));
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* openModelAction = file->addAction(tr("Open &Model…"), this, &MainWindow::chooseModel);
  openModelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  QAction* openImageAction = file->addAction(tr("Open &Image…"), this, &MainWindow::chooseImage);
  openImageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
  recentModels_ = file->addMenu(tr("Recent Models"));
  recentImages_ = file->addMenu(tr("Recent Images"));
  file->addSeparator();
  QAction* prefs = file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences);
  prefs->setShortcut(QKeySequence::Preferences);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
  refreshRecentMenus();

  QMenu* chat = menuBar()->addMenu(tr("&Chat"));
  QAction* send = chat->addAction(tr("&Send"), this, [this] {
    showWorkspace(0);
    chat_->send();
  });
  send->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
  QAction* stop = chat->addAction(tr("S&top"), this, &MainWindow::stopEverything);
  stop->setShortcut(QKeySequence(Qt::Key_Escape));
  chat->addSeparator();
  chat->addAction(tr("&New Conversation"), chat_, &ChatWorkspace::newConversation)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
  chat->addAction(tr("&Copy Transcript"), chat_, &ChatWorkspace::copyTranscript);
  chat->addAction(tr("Save &Transcript…"), chat_, &ChatWorkspace::saveTranscript)->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));

  QMenu* view = menuBar()->addMenu(tr("&View"));
  const QString names[4] = {tr("&Chat"), tr("C&ompression"), tr("&Training"), tr("&Benchmarks")};
  for (int i = 0; i < 4; ++i) {
    QAction* a = view->addAction(names[i], this, [this, i] { showWorkspace(i); });
    a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
  }
  view->addSeparator();
  QAction* logAction = logDock_->toggleViewAction();
  logAction->setText(tr("&Log"));
  logAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
  view->addAction(logAction);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About LLaVolta Studio"), this, [this] {
    QMessageBox::about(this, tr("About LLaVolta Studio"),
                       tr("<p><b>LLaVolta Studio</b></p><p>Efficient large multimodal models via visual context "
                          "compression (Chen et al., NeurIPS 2024), in C++ with LibTorch and Qt.</p>"
                          "<p>Log file: %1</p>")
                           .arg(logFilePath().toHtmlEscaped()));
  });
}

void MainWindow::buildStatusBar() {
  modelStatus_ = new QLabel(tr("No model"), this);
  deviceStatus_ = new QLabel(this);
  memoryStatus_ = new QLabel(this);
  memoryStatus_->setToolTip(tr("Resident memory of the studio process"));
  activity_ = new QLabel(this);
  activity_->setObjectName(QStringLiteral("activity"));
  progress_ = new QProgressBar(this);
  progress_->setMaximumWidth(180);
  progress_->setTextVisible(false);
  progress_->hide();
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setObjectName(QStringLiteral("statusCancel"));
  cancel_->hide();
  connect(cancel_, &QPushButton::clicked, this, &MainWindow::stopEverything);
  statusMessage_ = new ElidedLabel(this);
  statusMessage_->setObjectName(QStringLiteral("statusMessage"));
  statusTimer_ = new QTimer(this);
  statusTimer_->setSingleShot(true);
  connect(statusTimer_, &QTimer::timeout, this, [this] { statusMessage_->setFullText(QString()); });
  statusBar()->addWidget(statusMessage_, 1);
  statusBar()->addPermanentWidget(activity_);
  statusBar()->addPermanentWidget(progress_);
  statusBar()->addPermanentWidget(cancel_);
  statusBar()->addPermanentWidget(modelStatus_);
  statusBar()->addPermanentWidget(deviceStatus_);
  statusBar()->addPermanentWidget(memoryStatus_);
  auto* timer = new QTimer(this);
  connect(timer, &QTimer::timeout, this, &MainWindow::refreshMemory);
  timer->start(2000);
  refreshMemory();
}

void MainWindow::showStatus(const QString& text, int timeoutMs) {
  statusMessage_->setFullText(text);
  statusTimer_->start(timeoutMs);
}

void MainWindow::refreshMemory() {
  const qint64 bytes = residentBytes();
  if (bytes > 0) memoryStatus_->setText(tr("Memory %1 MiB").arg(bytes / (1024 * 1024)));
}

void MainWindow::showWorkspace(int index) { tabs_->setCurrentIndex(std::clamp(index, 0, tabs_->count() - 1)); }

void MainWindow::startup(const QString& modelDir, const QString& imageFile) {
  const QString dir = modelDir.isEmpty() ? defaultModelDir() : modelDir;
  if (!imageFile.isEmpty()) {
    openImage(imageFile);
  } else {
    useSampleScene(336);
  }
  if (!dir.isEmpty()) {
    openModel(dir);
    return;
  }
  const QString message =
      tr("<h3>No model is loaded</h3>"
         "<p>The bundled demo model is not in this checkout yet. Either</p>"
         "<ul><li>train it: <code>bash scripts/train-demo.sh</code> (it is written to "
         "<code>resources/models/demo/</code> and opened automatically next time), or</li>"
         "<li>open any LLaVA-1.5 checkpoint folder (Hugging Face safetensors + config.json + "
         "tokenizer.model) with <b>File &gt; Open Model</b> (Ctrl+Shift+O), or</li>"
         "<li>make a random model to try the studio: <code>build/bin/llavolta init-model --config "
         "resources/configs/demo.json --out /tmp/demo-model</code> (its answers are noise).</li></ul>");
  chat_->setNoModelMessage(message);
  modelPanel_->showNoModel(tr("open one with File > Open Model"));
}

void MainWindow::useSampleScene(int imageSize) {
  const SampleScene sample = renderSampleScene(imageSize);
  if (sample.image.isNull()) return;
  const QString previousQuestion = sampleQuestion_;
  sampleQuestion_ = sample.question;
  usingSample_ = true;
  chat_->setImage(sample.image, QStringLiteral("sample"));
  if (chat_->question().isEmpty() || chat_->question() == previousQuestion) chat_->setQuestion(sample.question);
  compression_->setPrompt(sample.question);
}

void MainWindow::chooseModel() {
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Model Folder"), modelPanel_->modelDir());
  if (!dir.isEmpty()) openModel(dir);
}

void MainWindow::openModel(const QString& dir) {
  if (engine_->loading()) return;
  engine_->stopAll();
  modelPanel_->showLoading(dir);
  modelStatus_->setText(tr("Loading %1…").arg(QDir(dir).dirName()));
  activity_->setText(tr("Loading model"));
  progress_->setRange(0, 0);
  engine_->loadModel(modelPanel_->loadRequest(dir));
}

void MainWindow::onModelLoaded(const ModelInfo& info) {
  modelPanel_->showModel(info);
  modelStatus_->setText(tr("Model: %1").arg(QDir(info.directory).dirName()));
  deviceStatus_->setText(tr("Device: %1 (%2)").arg(info.device.toUpper(), info.dtype));
  addRecentFile(QStringLiteral("models"), info.directory);
  refreshRecentMenus();
  chat_->setModel(info);
  compression_->setModel(info);
  training_->setCurrentModel(info.directory);
  benchmarks_->setCurrentModel(info.directory);
  if (usingSample_) useSampleScene(info.imageSize());
  // Middle of the stack: where compression has usually acted already.
  compression_->setLayer(info.layers() / 2);
  showStatus(tr("Model loaded"), 4000);
  Q_EMIT modelReady(info);
}

void MainWindow::onLoadFailed(const QString& error) {
  if (engine_->hasModel()) {
    // The model that was open stays open (the worker swaps only after a complete load), and
    // Reload keeps pointing at it, not at the folder that failed.
    const ModelInfo& info = engine_->model();
    modelPanel_->showModel(info);
    modelStatus_->setText(tr("Model: %1").arg(QDir(info.directory).dirName()));
    showError(tr("Could not load the model"),
              tr("%1\n\n%2 stays open.").arg(error, QDir(info.directory).dirName()));
    return;
  }
  modelStatus_->setText(tr("No model"));
  modelPanel_->showNoModel(tr("loading failed"));
  chat_->setNoModelMessage(tr("<h3>The model could not be loaded</h3><p>%1</p><p>Open another one with "
                              "<b>File &gt; Open Model</b> (Ctrl+Shift+O).</p>")
                               .arg(error.toHtmlEscaped()));
  showError(tr("Could not load the model"), error);
}

bool MainWindow::openImage(const QString& path) {
  if (!chat_->openImageFile(path)) {
    showError(tr("Could not open the image"), chat_->lastError());
    return false;
  }
  usingSample_ = false;
  addRecentFile(QStringLiteral("images"), path);
  refreshRecentMenus();
  return true;
}

void MainWindow::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open Image"), QString(), tr("Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff *.ppm);;All files (*)"));
  if (!path.isEmpty()) openImage(path);
}

void MainWindow::refreshRecentMenus() {
  auto fill = [this](QMenu* menu, const QString& key, bool models) {
    menu->clear();
    const QStringList items = recentFiles(key);
    for (const QString& path : items)
      menu->addAction(path, this, [this, path, models] { models ? openModel(path) : (void)openImage(path); });
    menu->setEnabled(!items.isEmpty());
  };
  fill(recentModels_, QStringLiteral("models"), true);
  fill(recentImages_, QStringLiteral("images"), false);
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(settings_, cudaAvailable(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const QString oldLanguage = settings_.language;
  settings_ = dialog.settings();
  settings_.save();
  modelPanel_->setLoadSettings(settings_.device, settings_.dtype, settings_.threads);
  applySettings();
  if (settings_.language != oldLanguage)
    QMessageBox::information(this, tr("Language"), tr("The new language applies when the studio starts next time."));
}

void MainWindow::stopEverything() {
  // Esc with nothing running stops nothing, and says nothing.
  if (!engine_->busy()) return;
  engine_->stopAll();
  activity_->setText(tr("Stopping…"));
}

void MainWindow::onBusyChanged() {
  const bool busy = engine_->busy();
  progress_->setVisible(busy);
  cancel_->setVisible(busy);
  if (!busy) {
    activity_->clear();
    return;
  }
  if (engine_->loading()) {
    activity_->setText(tr("Loading model"));
  } else {
    // chatStarted and the first chatPiece refine this (prefill, then generating).
    if (activity_->text() != tr("Stopping…") && activity_->text() != tr("Generating"))
      activity_->setText(tr("Running prefill"));
    progress_->setRange(0, 0);  // a generation's length is unknown up front
  }
}

void MainWindow::showError(const QString& title, const QString& message) {
  lastError_ = message;
  spdlog::warn("{}: {}", title.toStdString(), message.toStdString());
  showStatus(title + QStringLiteral(": ") + message, 10000);
  Q_EMIT errorShown(title, message);
  if (interactive_) QMessageBox::warning(this, title, message);
}

QString MainWindow::quitQuestion(bool loading, bool generating, const QStringList& trainingRuns, bool benchmark) {
  QStringList items;
  if (loading) items << tr("Loading a model: the load is abandoned.");
  if (generating) items << tr("A chat answer is being generated: it stops where it is.");
  if (trainingRuns.size() == 1)
    items << tr("Training run \"%1\": it is paused. It finishes its step and writes a checkpoint first (this can take "
                "up to a minute); resume it later from the Training tab.")
                 .arg(trainingRuns.front());
  else if (trainingRuns.size() > 1)
    items << tr("Training runs %1: they are paused. Each finishes its step and writes a checkpoint first (this can "
                "take up to a minute); resume them later from the Training tab.")
                 .arg(QStringLiteral("\"") + trainingRuns.join(QStringLiteral("\", \"")) + QStringLiteral("\""));
  if (benchmark) items << tr("A benchmark: it is cancelled; the results finished so far stay saved.");
  if (items.isEmpty()) return {};
  QString text = tr("<p>This is still running:</p><ul>");
  for (const QString& item : items) text += QStringLiteral("<li>") + item.toHtmlEscaped() + QStringLiteral("</li>");
  return text + QStringLiteral("</ul>");
}

void MainWindow::closeEvent(QCloseEvent* event) {
  const QString question = quitQuestion(engine_->loading(), engine_->busy() && !engine_->loading(),
                                        training_->runningRuns(), benchmarks_->hasRunningWork());
  if (!question.isEmpty() && interactive_) {
    QMessageBox box(QMessageBox::Question, tr("Work is running"), question, QMessageBox::NoButton, this);
    box.setTextFormat(Qt::RichText);
    QPushButton* quitButton = box.addButton(training_->runningRuns().isEmpty() ? tr("Stop and Quit") : tr("Pause and Quit"),
                                            QMessageBox::AcceptRole);
    QPushButton* stay = box.addButton(tr("Keep Running"), QMessageBox::RejectRole);
    box.setDefaultButton(stay);
    box.exec();
    if (box.clickedButton() != quitButton) {
      event->ignore();
      return;
    }
  }
  engine_->stopAll();
  training_->stopAll();
  benchmarks_->stopAll();
  engine_->shutdown();
  QSettings s;
  s.setValue(QStringLiteral("window/geometry"), saveGeometry());
  s.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

}  // namespace llavolta::ui
