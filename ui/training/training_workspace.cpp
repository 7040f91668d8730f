#include "ui/training/training_workspace.h"

#include <csignal>
#include <sys/types.h>

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QThread>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/worker/cli_locator.h"
#include "ui/training/new_run_dialog.h"
#include "ui/training/training_plots.h"

namespace llavolta::ui {

namespace {
enum Column { ColName, ColStatus, ColSteps, ColLoss, ColAccuracy };

QString shellQuote(const QString& s) {
  QString q = s;
  q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
  return QLatin1Char('\'') + q + QLatin1Char('\'');
}

bool isActive(const QString& status) { return status == runfiles::kRunning || status == runfiles::kPreparing; }

QString formatDuration(double seconds) {
  const qint64 s = static_cast<qint64>(std::max(0.0, seconds));
  return QStringLiteral("%1:%2:%3")
      .arg(s / 3600, 2, 10, QLatin1Char('0'))
      .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
      .arg(s % 60, 2, 10, QLatin1Char('0'));
}
}  // namespace

TrainingWorkspace::TrainingWorkspace(QWidget* parent) : QWidget(parent) {
  list_ = new QTreeWidget(this);
  list_->setObjectName(QStringLiteral("runsList"));
  list_->setHeaderLabels({tr("Run"), tr("Status"), tr("Steps"), tr("Last loss"), tr("Accuracy")});
  list_->setRootIsDecorated(false);
  list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  list_->setToolTip(tr("Select several runs to overlay their loss curves"));
  list_->header()->setStretchLastSection(false);
  for (int c = 0; c < list_->columnCount(); ++c) list_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  list_->header()->setSectionResizeMode(ColName, QHeaderView::Stretch);
  // Run names share their start ("run-2026…", "demo-…"): elide in the middle so the part that
  // tells two runs apart stays visible; the tooltip has the whole name and folder.
  list_->setTextElideMode(Qt::ElideMiddle);

  newRun_ = new QPushButton(tr("New Run…"), this);
  newRun_->setObjectName(QStringLiteral("newRunButton"));
  pause_ = new QPushButton(tr("Pause"), this);
  pause_->setObjectName(QStringLiteral("pauseButton"));
  pause_->setToolTip(tr("Write a checkpoint and stop; Resume continues from it"));
  resume_ = new QPushButton(tr("Resume"), this);
  resume_->setObjectName(QStringLiteral("resumeButton"));
  stop_ = new QPushButton(tr("Stop"), this);
  stop_->setObjectName(QStringLiteral("stopButton"));
  stop_->setToolTip(tr("Write a checkpoint and end the run"));
  auto* refresh = new QPushButton(tr("Refresh"), this);

  plots_ = new TrainingPlots(this);
  summary_ = new QLabel(this);
  summary_->setObjectName(QStringLiteral("runSummary"));
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("errorLabel"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #c62828;"));
  log_ = new QPlainTextEdit(this);
  log_->setObjectName(QStringLiteral("logView"));
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(1000);
  log_->setFont(QFont(QStringLiteral("monospace"), 8));
  checkpoints_ = new QListWidget(this);
  checkpoints_->setObjectName(QStringLiteral("checkpointList"));
  openChat_ = new QPushButton(tr("Open in Chat"), this);
  openChat_->setObjectName(QStringLiteral("openInChatButton"));

  auto* buttons = new QHBoxLayout;
  for (auto* b : {newRun_, pause_, resume_, stop_, refresh}) buttons->addWidget(b);
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  leftLayout->addLayout(buttons);
  leftLayout->addWidget(list_, 1);

  auto* ckPage = new QWidget(this);
  auto* ckLayout = new QVBoxLayout(ckPage);
  ckLayout->addWidget(checkpoints_, 1);
  ckLayout->addWidget(openChat_, 0, Qt::AlignRight);
  auto* tabs = new QTabWidget(this);
  tabs->addTab(log_, tr("Log"));
  tabs->addTab(ckPage, tr("Checkpoints"));

  auto* rightSplit = new QSplitter(Qt::Vertical, this);
  rightSplit->addWidget(plots_);
  rightSplit->addWidget(tabs);
  rightSplit->setStretchFactor(0, 3);
  rightSplit->setStretchFactor(1, 1);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addWidget(summary_);
  rightLayout->addWidget(rightSplit, 1);

  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split, 1);
  layout->addWidget(error_);

  timer_ = new QTimer(this);
  timer_->setInterval(500);  // plots are rebuilt at most this often, however fast steps come
  connect(timer_, &QTimer::timeout, this, &TrainingWorkspace::poll);
  timer_->start();

  connect(newRun_, &QPushButton::clicked, this, [this] { openNewRunDialog(); });
  connect(pause_, &QPushButton::clicked, this, [this] {
    for (const auto& n : selectedNames()) pauseRun(n);
  });
  connect(resume_, &QPushButton::clicked, this, [this] {
    for (const auto& n : selectedNames()) resumeRun(n);
  });
  connect(stop_, &QPushButton::clicked, this, [this] {
    for (const auto& n : selectedNames()) stopRun(n);
  });
  connect(refresh, &QPushButton::clicked, this, [this] {
    scan();
    refreshNow();
  });
  connect(list_, &QTreeWidget::itemSelectionChanged, this, [this] {
    plotsDirty_ = true;
    shownLog_.clear();
    showSelection();
    updateButtons();
  });
  auto openSelected = [this] {
    if (auto* it = checkpoints_->currentItem()) Q_EMIT openInChatRequested(it->data(Qt::UserRole).toString());
  };
  connect(openChat_, &QPushButton::clicked, this, openSelected);
  connect(checkpoints_, &QListWidget::itemDoubleClicked, this, openSelected);
  updateButtons();
}

TrainingWorkspace::~TrainingWorkspace() = default;  // children are detached: they keep running

void TrainingWorkspace::setRunsDirectory(const QString& dir) {
  runsDir_ = QDir(dir).absolutePath();
  QDir().mkpath(runsDir_);
  runs_.clear();
  list_->clear();
  scan();
  refreshNow();
}

void TrainingWorkspace::setCurrentModel(const QString& modelDir) { currentModel_ = modelDir; }

bool TrainingWorkspace::hasRunningWork() const {
  for (const auto& r : runs_)
    if (runfiles::processAlive(r.pid, r.dir)) return true;
  return false;
}

QStringList TrainingWorkspace::runningRuns() const {
  QStringList names;
  for (const auto& r : runs_)
    if (runfiles::processAlive(r.pid, r.dir)) names << r.name;
  return names;
}

void TrainingWorkspace::stopAll() {
  QList<QString> asked;
  for (const auto& r : runs_)
    if (runfiles::processAlive(r.pid, r.dir) && signalRun(r.name, runfiles::kPausing)) asked << r.name;
  // The trainer finishes its step and writes a checkpoint; wait for that, within reason.
  QElapsedTimer clock;
  clock.start();
  for (const auto& name : asked)
    while (runfiles::processAlive(runs_[name].pid, runs_[name].dir) && clock.elapsed() < 60000) QThread::msleep(50);
  refreshNow();
}

void TrainingWorkspace::scan() {
  if (runsDir_.isEmpty()) return;
  const QDir root(runsDir_);
  for (const QString& name : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    if (runs_.contains(name)) continue;
    const QString dir = root.filePath(name);
    if (!runfiles::isTrainingRun(dir)) continue;
    Run r;
    r.name = name;
    r.dir = dir;
    r.metrics = JsonlFollower(QDir(dir).filePath(QStringLiteral("metrics.jsonl")));
    r.status = runfiles::effectiveStatus(dir, &r.pid);
    r.total = runfiles::totalSteps(dir);
    r.worldSize = runfiles::worldSize(dir);
    r.stageStarts = runfiles::stageStarts(dir, &r.stageSchemes);
    r.accuracy = runfiles::lastEvalAccuracy(dir);
    r.item = new QTreeWidgetItem(list_, {name});
    r.item->setToolTip(ColName, QDir::toNativeSeparators(dir));
    runs_.insert(name, r);
    auto& stored = runs_[name];
    readMetrics(stored);
    // A run that died while no studio watched it: make the verdict durable.
    if (!isActive(stored.status)) {
      QJsonObject st = runfiles::readStudio(dir);
      if (!st.isEmpty() && st.value(QStringLiteral("state")).toString() != stored.status) {
        st[QStringLiteral("state")] = stored.status;
        runfiles::writeStudio(dir, st);
      }
    }
    updateItem(stored);
  }
}

bool TrainingWorkspace::readMetrics(Run& run) {
  bool restarted = false;
  const auto records = run.metrics.readNew(&restarted);
  if (restarted) run.points.clear();
  for (const auto& o : records) {
    const auto p = MetricPoint::fromJson(o);
    // A resumed run rewrites metrics.jsonl up to its checkpoint: drop what it replaces.
    while (!run.points.isEmpty() && run.points.back().step >= p.step) run.points.removeLast();
    run.points << p;
  }
  return restarted || !records.isEmpty();
}

void TrainingWorkspace::poll() {
  const QStringList selected = selectedNames();
  for (auto& r : runs_) {
    const bool wasActive = isActive(r.status);
    if (!wasActive && !selected.contains(r.name)) continue;
    const QString status = runfiles::effectiveStatus(r.dir, &r.pid);
    const bool grew = readMetrics(r);
    if (status != r.status) {
      r.status = status;
      if (!isActive(status)) {
        QJsonObject st = runfiles::readStudio(r.dir);
        st[QStringLiteral("state")] = status;
        runfiles::writeStudio(r.dir, st);
        r.accuracy = runfiles::lastEvalAccuracy(r.dir);
        if (status == runfiles::kFailed)
          reportError(tr("Run \"%1\" ended unexpectedly; its checkpoints and metrics are kept (see the log). "
                         "Resume continues from the newest checkpoint.").arg(r.name));
        Q_EMIT statusMessage(tr("Run %1: %2").arg(r.name, status));
      }
      Q_EMIT runStatusChanged(r.name, status);
    }
    if (grew) {
      r.accuracy = runfiles::lastEvalAccuracy(r.dir);  // periodic evaluations land as the run goes
      if (selected.contains(r.name)) plotsDirty_ = true;
      Q_EMIT metricsUpdated(r.name, static_cast<int>(r.points.size()));
    }
    updateItem(r);
  }
  showSelection();
  updateButtons();
}

void TrainingWorkspace::refreshNow() { poll(); }

void TrainingWorkspace::updateItem(Run& r) {
  if (!r.item) return;
  r.item->setText(ColStatus, r.status);
  const qint64 done = r.points.isEmpty() ? 0 : r.points.back().step;
  r.item->setText(ColSteps, QStringLiteral("%1/%2").arg(done).arg(r.total));
  r.item->setText(ColLoss, r.points.isEmpty() ? QString() : QString::number(r.points.back().loss, 'f', 4));
  r.item->setText(ColAccuracy, r.accuracy < 0 ? QString() : QStringLiteral("%1%").arg(100 * r.accuracy, 0, 'f', 1));
}

QStringList TrainingWorkspace::selectedNames() const {
  QStringList out;
  const QString current = currentName();
  if (!current.isEmpty()) out << current;
  for (auto* it : list_->selectedItems())
    if (!out.contains(it->text(ColName))) out << it->text(ColName);
  return out;
}

QString TrainingWorkspace::currentName() const {
  auto* it = list_->currentItem();
  return it && it->isSelected() ? it->text(ColName) : QString();
}

void TrainingWorkspace::showSelection() {
  const QStringList names = selectedNames();
  if (names.isEmpty()) {
    if (plotsDirty_) plots_->showRuns({});
    plotsDirty_ = false;
    summary_->setText(tr("Select a run, or start one with New Run…"));
    log_->clear();
    checkpoints_->clear();
    return;
  }
  if (plotsDirty_) {
    QVector<RunSeries> series;
    for (const auto& n : names) {
      const auto& r = runs_[n];
      series.push_back({r.name, r.points, r.stageStarts, r.stageSchemes});
    }
    plots_->showRuns(series);
    plotsDirty_ = false;
  }
  const Run& r = runs_[names.front()];
  QString text = tr("%1 — %2").arg(r.name, r.status);
  if (r.worldSize > 1) text += tr(" · %1 processes").arg(r.worldSize);
  if (!r.points.isEmpty()) {
    const auto& last = r.points.back();
    text += tr(" · step %1/%2 · stage %3 (%4) · loss %5").arg(last.step).arg(r.total).arg(last.stage + 1).arg(last.scheme)
                .arg(last.loss, 0, 'f', 4);
    if (isActive(r.status) && r.total > last.step) {
      double ms = 0;
      const int n = std::min<int>(20, static_cast<int>(r.points.size()));
      for (int i = static_cast<int>(r.points.size()) - n; i < r.points.size(); ++i) ms += r.points[i].stepMs;
      text += tr(" · ETA %1").arg(formatDuration(ms / n * static_cast<double>(r.total - last.step) / 1000.0));
    }
  }
  if (r.accuracy >= 0) text += tr(" · eval accuracy %1%").arg(100 * r.accuracy, 0, 'f', 1);
  summary_->setText(text);

  const QString tail = runfiles::logTail(r.dir);
  if (tail != shownLog_) {
    shownLog_ = tail;
    log_->setPlainText(tail);
    log_->verticalScrollBar()->setValue(log_->verticalScrollBar()->maximum());
  }
  const QStringList cks = runfiles::checkpoints(r.dir);
  if (cks != shownCheckpoints()) {
    const QString keep = checkpoints_->currentItem() ? checkpoints_->currentItem()->data(Qt::UserRole).toString() : QString();
    checkpoints_->clear();
    for (const QString& c : cks) {
      auto* it = new QListWidgetItem(QFileInfo(c).fileName(), checkpoints_);
      it->setData(Qt::UserRole, c);
      it->setToolTip(c);
      if (c == keep) checkpoints_->setCurrentItem(it);
    }
  }
}

QStringList TrainingWorkspace::shownCheckpoints() const {
  QStringList out;
  for (int i = 0; i < checkpoints_->count(); ++i) out << checkpoints_->item(i)->data(Qt::UserRole).toString();
  return out;
}

void TrainingWorkspace::updateButtons() {
  bool anyActive = false, anyResumable = false;
  for (const auto& n : selectedNames()) {
    const QString s = runs_.value(n).status;
    anyActive |= isActive(s);
    anyResumable |= s == runfiles::kPaused || s == runfiles::kStopped || s == runfiles::kFailed;
  }
  pause_->setEnabled(anyActive);
  stop_->setEnabled(anyActive);
  resume_->setEnabled(anyResumable);
  openChat_->setEnabled(checkpoints_->count() > 0);
  newRun_->setEnabled(!runsDir_.isEmpty());
}

void TrainingWorkspace::reportError(const QString& message) {
  error_->setText(message);
  Q_EMIT errorOccurred(message);
  Q_EMIT statusMessage(message);
}

NewRunDialog* TrainingWorkspace::openNewRunDialog() {
  if (runsDir_.isEmpty()) {
    reportError(tr("No runs directory is set."));
    return nullptr;
  }
  auto* d = new NewRunDialog(runsDir_, currentModel_, this);
  d->setAttribute(Qt::WA_DeleteOnClose);
  connect(d, &NewRunDialog::runRequested, this, [this](const RunPlan& p) { launch(p); });
  d->open();
  return d;
}

bool TrainingWorkspace::launch(const RunPlan& plan) {
  error_->clear();
  if (plan.runDir.isEmpty() || QFileInfo::exists(plan.runDir)) {
    reportError(tr("Cannot create the run folder \"%1\".").arg(plan.runDir));
    return false;
  }
  QDir().mkpath(plan.runDir);
  const QDir dir(plan.runDir);
  {
    // Atomically (temporary file, then rename): a crash here never leaves a half run.json
    // that the trainer, the CLI or a restarted studio would then read.
    QSaveFile f(dir.filePath(QStringLiteral("run.json")));
    if (!f.open(QIODevice::WriteOnly) || f.write(plan.runJson.toUtf8()) < 0 || !f.commit()) {
      reportError(tr("Cannot write %1: %2").arg(f.fileName(), f.errorString()));
      return false;
    }
  }
  // One script prepares what is missing and then becomes the trainer (exec), so the run
  // has one pid from start to end and a resume re-runs only what never finished.
  const QString cli = cliPath();
  QString script = QStringLiteral("#!/bin/sh\n# Written by LLaVolta Studio. Arguments are passed to `llavolta train`.\nset -e\n");
  for (const auto& [marker, args] : plan.prepare) {
    QString cmd = shellQuote(cli);
    for (const auto& a : args) cmd += QLatin1Char(' ') + shellQuote(a);
    script += QStringLiteral("[ -e %1 ] || { echo %2; %3; }\n").arg(shellQuote(marker), shellQuote(QStringLiteral("llavolta ") + args.join(QLatin1Char(' '))), cmd);
  }
  if (plan.processes > 1) {
    // Data parallel: the launcher starts the ranks, forwards pause/stop (SIGTERM) to all of them.
    QString launch = QStringLiteral("%1 launch --nproc %2").arg(shellQuote(cli)).arg(plan.processes);
    if (plan.threadsPerProcess > 0) launch += QStringLiteral(" --threads-per-proc %1").arg(plan.threadsPerProcess);
    script += QStringLiteral("exec %1 -- train --config %2 \"$@\"\n").arg(launch, shellQuote(dir.filePath(QStringLiteral("run.json"))));
  } else {
    script += QStringLiteral("exec %1 train --config %2 \"$@\"\n").arg(shellQuote(cli), shellQuote(dir.filePath(QStringLiteral("run.json"))));
  }
  {
    QSaveFile f(dir.filePath(QStringLiteral("launch.sh")));
    if (!f.open(QIODevice::WriteOnly) || f.write(script.toUtf8()) < 0 || !f.commit()) {
      reportError(tr("Cannot write %1: %2").arg(f.fileName(), f.errorString()));
      return false;
    }
    QFile::setPermissions(f.fileName(), QFile::permissions(f.fileName()) | QFileDevice::ExeOwner);
  }
  Run r;
  r.name = plan.name;
  r.dir = plan.runDir;
  r.metrics = JsonlFollower(dir.filePath(QStringLiteral("metrics.jsonl")));
  r.total = runfiles::totalSteps(r.dir);
  r.worldSize = runfiles::worldSize(r.dir);
  r.stageStarts = runfiles::stageStarts(r.dir, &r.stageSchemes);
  r.item = new QTreeWidgetItem(list_, {r.name});
  r.item->setToolTip(ColName, QDir::toNativeSeparators(r.dir));
  runs_.insert(r.name, r);
  Run& stored = runs_[r.name];
  const bool ok = startChild(stored, false);
  updateItem(stored);
  list_->clearSelection();
  list_->setCurrentItem(stored.item);
  stored.item->setSelected(true);
  return ok;
}

bool TrainingWorkspace::startChild(Run& run, bool resume) {
  const QDir dir(run.dir);
  const QString log = dir.filePath(QStringLiteral("train.log"));
  QProcess p;
  p.setWorkingDirectory(run.dir);
  p.setStandardInputFile(QProcess::nullDevice());
  p.setStandardOutputFile(log, QIODevice::Append);
  p.setStandardErrorFile(log, QIODevice::Append);
  QStringList args;
  if (QFileInfo::exists(dir.filePath(QStringLiteral("launch.sh")))) {
    p.setProgram(QStringLiteral("/bin/sh"));
    args << dir.filePath(QStringLiteral("launch.sh"));
  } else {  // a run made with the CLI
    p.setProgram(cliPath());
    args << QStringLiteral("train") << QStringLiteral("--config") << dir.filePath(QStringLiteral("run.json"));
  }
  if (resume) args << QStringLiteral("--resume");
  p.setArguments(args);
  qint64 pid = 0;
  if (!p.startDetached(&pid)) {
    run.status = runfiles::kFailed;
    runfiles::writeStudio(run.dir, {{QStringLiteral("state"), runfiles::kFailed}});
    reportError(tr("Could not start %1: %2").arg(p.program(), p.errorString()));
    return false;
  }
  run.pid = pid;
  run.status = runfiles::kRunning;
  runfiles::writeStudio(run.dir, {{QStringLiteral("pid"), pid},
                                  {QStringLiteral("state"), runfiles::kRunning},
                                  {QStringLiteral("cli"), cliPath()},
                                  {QStringLiteral("started"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
  Q_EMIT runStatusChanged(run.name, run.status);
  Q_EMIT statusMessage(resume ? tr("Resumed run %1").arg(run.name) : tr("Started run %1").arg(run.name));
  updateButtons();
  return true;
}

bool TrainingWorkspace::signalRun(const QString& name, const QString& state) {
  if (!runs_.contains(name)) return false;
  Run& r = runs_[name];
  if (!runfiles::processAlive(r.pid, r.dir)) return false;
  QJsonObject st = runfiles::readStudio(r.dir);
  st[QStringLiteral("state")] = state;
  runfiles::writeStudio(r.dir, st);
  // SIGTERM: the trainer finishes its step, writes a checkpoint and exits cleanly.
  return ::kill(static_cast<pid_t>(r.pid), SIGTERM) == 0;
}

bool TrainingWorkspace::pauseRun(const QString& name) { return signalRun(name, runfiles::kPausing); }
bool TrainingWorkspace::stopRun(const QString& name) { return signalRun(name, runfiles::kStopping); }

bool TrainingWorkspace::resumeRun(const QString& name) {
  if (!runs_.contains(name)) return false;
  Run& r = runs_[name];
  r.status = runfiles::effectiveStatus(r.dir, &r.pid);
  if (isActive(r.status) || r.status == runfiles::kFinished) return false;
  error_->clear();
  r.metrics.reset();  // the trainer rewrites metrics.jsonl up to its checkpoint
  r.points.clear();
  plotsDirty_ = true;
  const bool ok = startChild(r, true);
  updateItem(r);
  return ok;
}

QStringList TrainingWorkspace::runNames() const { return runs_.keys(); }
QString TrainingWorkspace::runStatus(const QString& name) const { return runs_.value(name).status; }
QString TrainingWorkspace::runDirectory(const QString& name) const { return runs_.value(name).dir; }
qint64 TrainingWorkspace::runPid(const QString& name) const { return runs_.value(name).pid; }
int TrainingWorkspace::metricCount(const QString& name) const { return static_cast<int>(runs_.value(name).points.size()); }

void TrainingWorkspace::selectRuns(const QStringList& names) {
  list_->clearSelection();
  bool first = true;
  for (const auto& n : names) {
    if (!runs_.contains(n) || !runs_[n].item) continue;
    if (first) list_->setCurrentItem(runs_[n].item);
    runs_[n].item->setSelected(true);
    first = false;
  }
  plotsDirty_ = true;
  showSelection();
}

}  // namespace llavolta::ui
