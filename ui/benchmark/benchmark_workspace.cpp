#include "engine/scheme_spec.h"
#include "engine/resource_paths.h"
#include "training/llava_benchmarks.h"

#include "ui/benchmark/benchmark_workspace.h"
#include "ui/widgets/scheme_selector.h"
#include "ui/widgets/wheel_guard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "ui/benchmark/benchmark_plot.h"
#include "ui/benchmark/benchmark_runner.h"
#include "ui/worker/cli_commands.h"
#include "ui/widgets/scheme_texts.h"

namespace llavolta::ui {

namespace {
QSpinBox* spin(QWidget* parent, const char* name, int lo, int hi, int value, const QString& tip) {
  auto* s = new QSpinBox(parent);
  s->setObjectName(QString::fromLatin1(name));
  s->setRange(lo, hi);
  s->setValue(value);
  s->setToolTip(tip);
  return s;
}

QString referenceFile() {
  return QDir(QString::fromStdString(engine::resourceDir())).filePath(QStringLiteral("reference/llava15_7b_paper.json"));
}
QString benchmarkReferenceFile() {
  return QDir(QString::fromStdString(engine::resourceDir())).filePath(QStringLiteral("reference/llava15_7b_benchmarks.json"));
}
QString benchmarkTitle(const QString& name) {
  for (const auto& b : training::benchmarkCatalogue())
    if (QString::fromStdString(b.name) == name) return QString::fromStdString(b.title);
  return name;
}
const char* const kBenchmarkKey = "benchmarks/llavaBenchmark";
const char* const kDataKey = "benchmarks/llavaData/";
}  // namespace

BenchmarkWorkspace::BenchmarkWorkspace(QWidget* parent) : QWidget(parent) {
  runner_ = new BenchmarkRunner(this);
  plot_ = new BenchmarkPlot(this);
  int referencePoints = plot_->loadReference(referenceFile());
  referencePoints += plot_->loadBenchmarkReference(benchmarkReferenceFile());

  table_ = new QTableWidget(this);
  table_->setObjectName(QStringLiteral("resultsTable"));
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSortingEnabled(true);

  reference_ = new QCheckBox(tr("Paper's points"), this);
  reference_->setObjectName(QStringLiteral("referenceCheck"));
  reference_->setToolTip(tr("Show the paper's LLaVA-1.5-7B points: published numbers of the reference model, for comparing real checkpoints"));
  if (referencePoints == 0) {
    reference_->setEnabled(false);
    reference_->setToolTip(tr("No verified reference points are installed (%1 holds none)").arg(referenceFile()));
  }
  saved_ = new QComboBox(this);
  saved_->setObjectName(QStringLiteral("savedResults"));
  saved_->setToolTip(tr("Benchmarks saved in the results directory"));
  saved_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  saved_->setMinimumContentsLength(16);
  // One Export menu, so the tool row fits a small screen.
  auto* exportButton = new QToolButton(this);
  exportButton->setObjectName(QStringLiteral("exportButton"));
  exportButton->setText(tr("Export"));
  exportButton->setPopupMode(QToolButton::InstantPopup);
  exportButton->setToolButtonStyle(Qt::ToolButtonTextOnly);
  auto* exportMenu = new QMenu(exportButton);
  QAction* csv = exportMenu->addAction(tr("Results as CSV…"));
  QAction* json = exportMenu->addAction(tr("Results as JSON…"));
  QAction* png = exportMenu->addAction(tr("Plot as PNG…"));
  QAction* pdf = exportMenu->addAction(tr("Plot as PDF…"));
  exportButton->setMenu(exportMenu);

  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("errorLabel"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #c62828;"));

  view_ = new QComboBox(this);
  view_->setObjectName(QStringLiteral("benchmarkView"));
  view_->setToolTip(tr("The benchmark the plot shows: each has its own metric"));
  view_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  view_->setMinimumContentsLength(12);

  // Two rows, so the saved file's name and the benchmark's have room in any language.
  auto* tools = new QVBoxLayout;
  auto* savedRow = new QHBoxLayout;
  savedRow->addWidget(new QLabel(tr("Saved:"), this));
  savedRow->addWidget(saved_, 1);
  savedRow->addWidget(exportButton);
  auto* viewRow = new QHBoxLayout;
  viewRow->addWidget(new QLabel(tr("Show:"), this));
  viewRow->addWidget(view_, 1);
  viewRow->addWidget(reference_);
  tools->addLayout(savedRow);
  tools->addLayout(viewRow);

  auto* resultsSplit = new QSplitter(Qt::Vertical, this);
  resultsSplit->addWidget(plot_);
  resultsSplit->addWidget(table_);
  auto* right = new QWidget(this);
  auto* rightLayout = new QVBoxLayout(right);
  rightLayout->setContentsMargins(0, 0, 0, 0);
  rightLayout->addLayout(tools);
  rightLayout->addWidget(resultsSplit, 1);

  // Left: the set-up scrolls; Run, Cancel and both progress bars stay below it, always in view.
  auto* left = new QWidget(this);
  auto* leftLayout = new QVBoxLayout(left);
  leftLayout->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(left);
  scroll->setObjectName(QStringLiteral("setupScroll"));
  scroll->setWidgetResizable(true);
  scroll->setWidget(buildSetupPanel());
  leftLayout->addWidget(scroll, 1);
  leftLayout->addWidget(buildRunPanel(left));
  guardWheelInScrollAreas(scroll);
  // Never narrower than the set-up itself, so nothing in it is cut off at the side.
  scroll->setMinimumWidth(scroll->widget()->minimumSizeHint().width() + scroll->verticalScrollBar()->sizeHint().width() +
                          2 * scroll->frameWidth());
  auto* split = new QSplitter(Qt::Horizontal, this);
  split->addWidget(left);
  split->addWidget(right);
  split->setCollapsible(0, false);
  split->setStretchFactor(1, 3);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(split, 1);
  layout->addWidget(error_);

  connect(reference_, &QCheckBox::toggled, plot_, &BenchmarkPlot::setReferenceVisible);
  connect(view_, &QComboBox::activated, this, [this](int i) { showBenchmark(view_->itemData(i).toString()); });
  connect(saved_, &QComboBox::activated, this, [this](int i) { loadResults(saved_->itemData(i).toString()); });
  auto exporter = [this](const QString& filter, const QString& suffix, bool (BenchmarkWorkspace::*fn)(const QString&)) {
    return [this, filter, suffix, fn] {
      QString path = QFileDialog::getSaveFileName(this, tr("Export"), QDir(resultsDir_).filePath(QStringLiteral("benchmark.") + suffix), filter);
      if (path.isEmpty()) return;
      if ((this->*fn)(path)) Q_EMIT statusMessage(tr("Exported %1").arg(path));
    };
  };
  connect(csv, &QAction::triggered, this, exporter(tr("CSV (*.csv)"), QStringLiteral("csv"), &BenchmarkWorkspace::exportCsv));
  connect(json, &QAction::triggered, this, exporter(tr("JSON (*.json)"), QStringLiteral("json"), &BenchmarkWorkspace::exportJson));
  connect(png, &QAction::triggered, this, exporter(tr("PNG image (*.png)"), QStringLiteral("png"), &BenchmarkWorkspace::exportPng));
  connect(pdf, &QAction::triggered, this, exporter(tr("PDF (*.pdf)"), QStringLiteral("pdf"), &BenchmarkWorkspace::exportPdf));

  connect(runner_, &BenchmarkRunner::jobStarted, this, [this](int index, int count, const QString& label) {
    overall_->setFormat(tr("jobs %v/%m"));
    current_->setFormat(tr("questions %v/%m"));
    overall_->setRange(0, count);
    overall_->setValue(index);
    current_->setRange(0, 0);  // busy until the CLI reports progress
    progressLabel_->setText(tr("%1 of %2: %3").arg(index + 1).arg(count).arg(label));
    Q_EMIT statusMessage(progressLabel_->text());
  });
  connect(runner_, &BenchmarkRunner::jobProgress, this, [this](qint64 done, qint64 total) {
    current_->setRange(0, static_cast<int>(total));
    current_->setValue(static_cast<int>(done));
  });
  connect(runner_, &BenchmarkRunner::resultReady, this, [this](const BenchResult& r) {
    results_.push_back(r);
    QString err;
    if (!savedFile_.isEmpty() && !writeResultsJson(savedFile_, results_, &err))
      reportError(tr("Could not save results to %1: %2").arg(savedFile_, err));
    else
      refreshSavedList();  // "Saved:" names the file this run writes from its first result on
    refreshTable();
    plot_->setResults(results_);
    refreshViews();
    Q_EMIT resultAdded(r);
  });
  connect(runner_, &BenchmarkRunner::jobFailed, this, [this](const QString& label, const QString& why) {
    reportError(tr("%1 failed: %2").arg(label, why));
  });
  connect(runner_, &BenchmarkRunner::finished, this, [this](bool cancelled) {
    setRunning(false);
    current_->setRange(0, 1);
    if (cancelled) {
      // The bar keeps the jobs that did finish (set when the cancelled one started).
      overall_->setFormat(tr("cancelled after %v of %m jobs"));
      current_->setValue(0);
      current_->setFormat(tr("cancelled"));
    } else {
      overall_->setValue(overall_->maximum());
      current_->setValue(1);
    }
    progressLabel_->setText(cancelled ? tr("Cancelled; %1 results kept").arg(results_.size())
                                      : tr("Done: %1 results").arg(results_.size()));
    refreshSavedList();
    Q_EMIT statusMessage(progressLabel_->text());
    Q_EMIT benchmarkFinished(cancelled);
  });
  setRunning(false);
}

BenchmarkWorkspace::~BenchmarkWorkspace() = default;

QWidget* BenchmarkWorkspace::buildSetupPanel() {
  auto* panel = new QWidget(this);
  // Models
  auto* modelsBox = new QGroupBox(tr("Models and checkpoints"), panel);
  models_ = new QListWidget(modelsBox);
  models_->setObjectName(QStringLiteral("modelList"));
  models_->setToolTip(tr("Checked models are benchmarked"));
  auto* addModelButton = new QPushButton(tr("Add directory…"), modelsBox);
  auto* removeModel = new QPushButton(tr("Remove"), modelsBox);
  auto* mb = new QHBoxLayout;
  mb->addWidget(addModelButton);
  mb->addWidget(removeModel);
  auto* ml = new QVBoxLayout(modelsBox);
  ml->addWidget(models_);
  ml->addLayout(mb);
  connect(addModelButton, &QPushButton::clicked, this, [this] {
    const QString d = QFileDialog::getExistingDirectory(this, tr("Model or checkpoint directory"));
    if (!d.isEmpty()) addModel(d);
  });
  connect(removeModel, &QPushButton::clicked, this, [this] { delete models_->currentItem(); });

  // Evaluation set
  auto* evalBox = new QGroupBox(tr("Evaluation set"), panel);
  evalShapes_ = new QRadioButton(tr("Generated Shapes-VQA test split"), evalBox);
  evalShapes_->setObjectName(QStringLiteral("evalShapes"));
  evalShapes_->setChecked(true);
  evalFile_ = new QRadioButton(tr("LLaVA question file with answers"), evalBox);
  evalFile_->setObjectName(QStringLiteral("evalFile"));
  shapesCount_ = spin(evalBox, "evalCount", 1, 100000, 200, tr("Questions to generate (one per image)"));
  shapesSeed_ = spin(evalBox, "evalSeed", 0, 1000000000, 7, tr("The same seed gives the same test split"));
  shapesImageSize_ = spin(evalBox, "evalImageSize", 64, 4096, 336, tr("Image side in pixels"));
  shapesHint_ = new QCheckBox(tr("Add LLaVA's short-answer hint"), evalBox);
  shapesHint_->setObjectName(QStringLiteral("evalHint"));
  shapesHint_->setToolTip(tr("Append \"Answer the question using a single word or phrase.\" to each question, as "
                             "LLaVA-1.5's evaluation does; leave it off for models trained without it, like the demo model"));
  questions_ = new QLineEdit(evalBox);
  questions_->setObjectName(QStringLiteral("questionFile"));
  questions_->setPlaceholderText(tr("questions.jsonl"));
  answers_ = new QLineEdit(evalBox);
  answers_->setObjectName(QStringLiteral("answerFile"));
  answers_->setPlaceholderText(tr("default: answers.jsonl beside the questions"));
  auto* browseQ = new QPushButton(tr("Browse…"), evalBox);
  connect(browseQ, &QPushButton::clicked, this, [this] {
    const QString f = QFileDialog::getOpenFileName(this, tr("LLaVA question file"), {}, tr("JSONL (*.jsonl);;All files (*)"));
    if (!f.isEmpty()) useQuestionFile(f, answers_->text());
  });
  auto* qrow = new QHBoxLayout;
  qrow->addWidget(questions_, 1);
  qrow->addWidget(browseQ);
  evalBenchmark_ = new QRadioButton(tr("LLaVA-1.5 benchmark"), evalBox);
  evalBenchmark_->setObjectName(QStringLiteral("evalBenchmark"));
  evalBenchmark_->setToolTip(tr("A benchmark of LLaVA-1.5's evaluation suite, scored with its own metric, from a folder "
                                "in the layout of LLaVA's evaluation guide (playground/data/eval/<benchmark>)"));
  benchmarkName_ = new QComboBox(evalBox);
  benchmarkName_->setObjectName(QStringLiteral("benchmarkName"));
  for (const auto& b : training::benchmarkCatalogue()) {
    if (!b.supported) continue;
    benchmarkName_->addItem(QString::fromStdString(b.title), QString::fromStdString(b.name));
    benchmarkName_->setItemData(benchmarkName_->count() - 1,
                                tr("%1: %2\nFiles in its folder (%3/): %4")
                                    .arg(QString::fromStdString(b.title), QString::fromStdString(b.metric),
                                         QString::fromStdString(b.folder), QString::fromStdString(b.files)),
                                Qt::ToolTipRole);
  }
  benchmarkData_ = new QLineEdit(evalBox);
  benchmarkData_->setObjectName(QStringLiteral("benchmarkData"));
  benchmarkData_->setPlaceholderText(tr("playground/data/eval/<benchmark>"));
  auto* browseB = new QPushButton(tr("Browse…"), evalBox);
  connect(browseB, &QPushButton::clicked, this, [this] {
    const QString d = QFileDialog::getExistingDirectory(this, tr("Benchmark folder"), benchmarkData_->text());
    if (!d.isEmpty()) useLlavaBenchmark(benchmarkName_->currentData().toString(), d);
  });
  {
    const QSettings settings;
    const int i = benchmarkName_->findData(settings.value(QLatin1String(kBenchmarkKey)).toString());
    if (i >= 0) benchmarkName_->setCurrentIndex(i);
    benchmarkData_->setText(settings.value(QLatin1String(kDataKey) + benchmarkName_->currentData().toString()).toString());
  }
  connect(benchmarkName_, &QComboBox::activated, this, [this](int i) {
    // Each benchmark remembers its own folder.
    benchmarkData_->setText(QSettings().value(QLatin1String(kDataKey) + benchmarkName_->itemData(i).toString()).toString());
    evalBenchmark_->setChecked(true);
  });
  auto* brow = new QHBoxLayout;
  brow->addWidget(benchmarkData_, 1);
  brow->addWidget(browseB);
  limit_ = spin(evalBox, "sampleLimit", 0, 1000000, 100, tr("Questions per evaluation (0 = all)"));
  auto* ef = new QFormLayout(evalBox);
  ef->addRow(evalShapes_);
  ef->addRow(tr("Questions:"), shapesCount_);
  ef->addRow(tr("Seed:"), shapesSeed_);
  ef->addRow(tr("Image size:"), shapesImageSize_);
  ef->addRow(QString(), shapesHint_);
  ef->addRow(evalFile_);
  ef->addRow(tr("Question file:"), qrow);
  ef->addRow(tr("Answer file:"), answers_);
  ef->addRow(evalBenchmark_);
  ef->addRow(tr("Benchmark:"), benchmarkName_);
  ef->addRow(tr("Folder:"), brow);
  ef->addRow(tr("Sample limit:"), limit_);

  // Schemes and sweeps
  auto* schemeBox = new QGroupBox(tr("Schemes and parameter sweeps"), panel);
  schemes_ = new QTreeWidget(schemeBox);
  schemes_->setObjectName(QStringLiteral("schemeTree"));
  schemes_->setHeaderLabels({tr("Scheme / parameter"), tr("Values")});
  schemes_->headerItem()->setToolTip(1, tr("Comma-separated values; each combination runs"));
  schemes_->setToolTip(tr("Each checked scheme runs for every combination of its parameter values"));
  // Tall enough for a dozen rows: the set-up panel scrolls, the run controls stay below it.
  schemes_->setMinimumHeight(schemes_->fontMetrics().height() * 16);
  auto* sl = new QVBoxLayout(schemeBox);
  sl->addWidget(schemes_);
  populateSchemes();

  auto* layout = new QVBoxLayout(panel);
  layout->addWidget(modelsBox);
  layout->addWidget(evalBox);
  layout->addWidget(schemeBox, 1);
  return panel;
}

QWidget* BenchmarkWorkspace::buildRunPanel(QWidget* parent) {
  auto* panel = new QWidget(parent);
  panel->setObjectName(QStringLiteral("runPanel"));
  run_ = new QPushButton(tr("Run benchmark"), panel);
  run_->setObjectName(QStringLiteral("runButton"));
  cancel_ = new QPushButton(tr("Cancel"), panel);
  cancel_->setObjectName(QStringLiteral("cancelButton"));
  overall_ = new QProgressBar(panel);
  overall_->setObjectName(QStringLiteral("overallProgress"));
  overall_->setFormat(tr("jobs %v/%m"));
  current_ = new QProgressBar(panel);
  current_->setObjectName(QStringLiteral("currentProgress"));
  current_->setFormat(tr("questions %v/%m"));
  progressLabel_ = new QLabel(panel);
  progressLabel_->setWordWrap(true);
  auto* rb = new QHBoxLayout;
  rb->addWidget(run_);
  rb->addWidget(cancel_);
  connect(run_, &QPushButton::clicked, this, &BenchmarkWorkspace::runBenchmark);
  connect(cancel_, &QPushButton::clicked, this, &BenchmarkWorkspace::cancel);

  auto* layout = new QVBoxLayout(panel);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(rb);
  layout->addWidget(overall_);
  layout->addWidget(current_);
  layout->addWidget(progressLabel_);
  return panel;
}

void BenchmarkWorkspace::populateSchemes() {
  // Straight from the engine's registry, so schemes registered later appear here too.
  for (const auto& info : engine::registeredSchemes()) {
    auto* top = new QTreeWidgetItem(schemes_, {QString::fromStdString(info.name)});
    top->setFlags(top->flags() | Qt::ItemIsUserCheckable);
    top->setCheckState(0, info.name == "none" ? Qt::Checked : Qt::Unchecked);
    top->setToolTip(0, schemeText(info.summary));
    top->setText(1, schemeText(info.summary));
    for (const auto& p : info.parameters) {
      auto* child = new QTreeWidgetItem(top, {QString::fromStdString(p.key), QString::fromStdString(p.defaultValue)});
      child->setFlags(child->flags() | Qt::ItemIsEditable);
      child->setToolTip(0, schemeText(p.description));
      child->setToolTip(1, tr("Comma-separated values; default %1").arg(QString::fromStdString(p.defaultValue)));
    }
    top->setExpanded(true);
  }
  schemes_->resizeColumnToContents(0);
}

void BenchmarkWorkspace::setSweep(const QString& scheme, bool enabled, const QMap<QString, QString>& values) {
  for (int i = 0; i < schemes_->topLevelItemCount(); ++i) {
    auto* top = schemes_->topLevelItem(i);
    if (top->text(0) != scheme) continue;
    top->setCheckState(0, enabled ? Qt::Checked : Qt::Unchecked);
    for (int c = 0; c < top->childCount(); ++c)
      if (values.contains(top->child(c)->text(0))) top->child(c)->setText(1, values[top->child(c)->text(0)]);
  }
}

QStringList BenchmarkWorkspace::sweepSpecs(QString* error) const {
  QStringList specs;
  for (int i = 0; i < schemes_->topLevelItemCount(); ++i) {
    auto* top = schemes_->topLevelItem(i);
    if (top->checkState(0) != Qt::Checked) continue;
    QStringList partial{QString()};
    for (int c = 0; c < top->childCount(); ++c) {
      const QString key = top->child(c)->text(0);
      QStringList values;
      for (const QString& v : top->child(c)->text(1).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!v.trimmed().isEmpty()) values << v.trimmed();
      if (values.isEmpty()) {
        if (error) *error = tr("Scheme %1: give at least one value for \"%2\".").arg(top->text(0), key);
        return {};
      }
      QStringList next;
      for (const QString& prefix : partial)
        for (const QString& v : values) next << prefix + (prefix.isEmpty() ? QString() : QStringLiteral(",")) + key + QLatin1Char('=') + v;
      partial = next;
    }
    for (const QString& params : partial) {
      const QString typed = params.isEmpty() ? top->text(0) : top->text(0) + QLatin1Char(':') + params;
      try {
        engine::checkSchemeSpec(typed.toStdString());  // syntax and values; the model's depth is checked by eval
      } catch (const std::exception& e) {
        if (error) *error = tr("Scheme %1: %2").arg(typed, QString::fromStdString(e.what()));
        return {};
      }
      const QString spec = canonicalSchemeSpec(typed);
      if (!specs.contains(spec)) specs << spec;
    }
  }
  if (specs.isEmpty() && error) *error = tr("Check at least one scheme.");
  return specs;
}

void BenchmarkWorkspace::setResultsDirectory(const QString& dir) {
  resultsDir_ = QDir(dir).absolutePath();
  QDir().mkpath(resultsDir_);
  refreshSavedList();
  if (saved_->count() > 0 && !runner_->isRunning()) loadResults(saved_->itemData(0).toString());
}

void BenchmarkWorkspace::refreshSavedList() {
  const QSignalBlocker block(saved_);
  saved_->clear();
  if (resultsDir_.isEmpty()) return;
  const QDir d(resultsDir_);
  for (const QString& f : d.entryList({QStringLiteral("bench-*.json")}, QDir::Files, QDir::Name | QDir::Reversed))
    saved_->addItem(f, d.filePath(f));
  // The file shown is the one the plot and table hold; none while a new run has saved nothing.
  saved_->setCurrentIndex(saved_->findData(savedFile_));
}

void BenchmarkWorkspace::setCurrentModel(const QString& modelDir) {
  if (!modelDir.isEmpty()) addModel(modelDir, true);
}

void BenchmarkWorkspace::addModel(const QString& dir, bool checked) {
  const QString abs = QDir(dir).absolutePath();
  for (int i = 0; i < models_->count(); ++i)
    if (models_->item(i)->data(Qt::UserRole).toString() == abs) {
      models_->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
      return;
    }
  auto* it = new QListWidgetItem(QFileInfo(abs).fileName(), models_);
  it->setData(Qt::UserRole, abs);
  it->setToolTip(abs);
  it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
  it->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

void BenchmarkWorkspace::useShapesEvalSet(int count, int seed, int imageSize) {
  evalShapes_->setChecked(true);
  shapesCount_->setValue(count);
  shapesSeed_->setValue(seed);
  shapesImageSize_->setValue(imageSize);
}

void BenchmarkWorkspace::useQuestionFile(const QString& questions, const QString& answers) {
  evalFile_->setChecked(true);
  questions_->setText(questions);
  answers_->setText(answers);
}

void BenchmarkWorkspace::useLlavaBenchmark(const QString& name, const QString& dataDir) {
  evalBenchmark_->setChecked(true);
  const int i = benchmarkName_->findData(name);
  if (i >= 0) benchmarkName_->setCurrentIndex(i);
  benchmarkData_->setText(dataDir);
}

void BenchmarkWorkspace::showBenchmark(const QString& name) {
  plot_->setView(name);
  const int i = view_->findData(name);
  if (i >= 0) view_->setCurrentIndex(i);
  reference_->setEnabled(plot_->referenceCount() > 0);
  reference_->setToolTip(plot_->referenceCount() > 0
                             ? tr("Show the paper's LLaVA-1.5-7B points: its published numbers for %1, for comparing real checkpoints")
                                   .arg(name.isEmpty() ? tr("GQA") : benchmarkTitle(name))
                             : tr("The papers give no LLaVA-1.5-7B numbers for this benchmark"));
}

void BenchmarkWorkspace::refreshViews() {
  // One entry per benchmark among the results; the newest result's benchmark is shown.
  QStringList names;
  for (const auto& r : results_)
    if (!names.contains(r.benchmark)) names << r.benchmark;
  const QString current = results_.isEmpty() ? plot_->view() : results_.back().benchmark;
  if (!names.contains(current)) names << current;
  {
    const QSignalBlocker block(view_);
    view_->clear();
    for (const QString& n : names)
      view_->addItem(n.isEmpty() ? tr("Shapes-VQA / question files") : benchmarkTitle(n), n);
  }
  showBenchmark(current);
}

void BenchmarkWorkspace::setSampleLimit(int limit) { limit_->setValue(limit); }

bool BenchmarkWorkspace::hasRunningWork() const { return runner_->isRunning(); }
void BenchmarkWorkspace::stopAll() { cancel(); }
void BenchmarkWorkspace::cancel() { runner_->cancel(); }

void BenchmarkWorkspace::reportError(const QString& message) {
  error_->setText(message);
  Q_EMIT errorOccurred(message);
  Q_EMIT statusMessage(message);
}

void BenchmarkWorkspace::setRunning(bool running) {
  run_->setEnabled(!running);
  cancel_->setEnabled(running);
}

bool BenchmarkWorkspace::runBenchmark() {
  if (runner_->isRunning()) return false;
  error_->clear();
  if (resultsDir_.isEmpty()) {
    reportError(tr("No results directory is set."));
    return false;
  }
  QStringList modelDirs;
  for (int i = 0; i < models_->count(); ++i)
    if (models_->item(i)->checkState() == Qt::Checked) modelDirs << models_->item(i)->data(Qt::UserRole).toString();
  if (modelDirs.isEmpty()) {
    reportError(tr("Check at least one model (Add directory… adds a model or checkpoint)."));
    return false;
  }
  for (const QString& m : modelDirs)
    if (!QFileInfo::exists(QDir(m).filePath(QStringLiteral("config.json")))) {
      reportError(tr("%1 is not a model directory (no config.json).").arg(m));
      return false;
    }
  QString why;
  const QStringList specs = sweepSpecs(&why);
  if (specs.isEmpty()) {
    reportError(why);
    return false;
  }
  QVector<BenchJob> jobs;
  QString questions, answers;
  if (evalShapes_->isChecked()) {
    const bool hint = shapesHint_->isChecked();
    const QString dir = QDir(resultsDir_).filePath(QStringLiteral("evalsets/shapes-test-n%1-seed%2-px%3%4")
                                                       .arg(shapesCount_->value())
                                                       .arg(shapesSeed_->value())
                                                       .arg(shapesImageSize_->value())
                                                       .arg(hint ? QStringLiteral("-hint") : QString()));
    questions = QDir(dir).filePath(QStringLiteral("questions.jsonl"));
    if (!QFileInfo::exists(questions)) {
      BenchJob gen;
      gen.args = shapesDataArgs({dir, shapesCount_->value(), shapesSeed_->value(), true, shapesImageSize_->value(), hint, 0});
      gen.label = tr("generate Shapes-VQA test split");
      jobs << gen;
    }
  } else if (evalBenchmark_->isChecked()) {
    const QString data = benchmarkData_->text().trimmed();
    const QString name = benchmarkName_->currentData().toString();
    if (data.isEmpty() || !QFileInfo(data).isDir()) {
      reportError(tr("The %1 folder \"%2\" does not exist. Point at the benchmark's folder in LLaVA's layout "
                     "(playground/data/eval/…).").arg(benchmarkName_->currentText(), data));
      return false;
    }
    try {
      training::Benchmark::open(name.toStdString(), data.toStdString());  // names a missing file before any job runs
    } catch (const std::exception& e) {
      reportError(QString::fromStdString(e.what()));
      return false;
    }
    QSettings settings;
    settings.setValue(QLatin1String(kBenchmarkKey), name);
    settings.setValue(QLatin1String(kDataKey) + name, data);
    for (const QString& m : modelDirs)
      for (const QString& spec : specs) {
        BenchJob j;
        j.modelDir = m;
        j.scheme = spec;
        j.evalSet = data;
        j.label = tr("%1 on %2 under %3").arg(QFileInfo(m).fileName(), benchmarkName_->currentText(), spec);
        // Answers go to the results folder, one file per model, benchmark and scheme, so an
        // interrupted run resumes where it stopped and the official scripts can recheck them.
        QString schemeFile = spec;
        schemeFile.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9=.-]+")), QStringLiteral("_"));
        const QString answerFile = QDir(resultsDir_).filePath(
            QStringLiteral("answers/%1/%2/%3.jsonl").arg(name, QFileInfo(m).fileName(), schemeFile));
        j.args = {QStringLiteral("eval"), QStringLiteral("--model"), m,   QStringLiteral("--benchmark"), name,
                  QStringLiteral("--data"), data,  QStringLiteral("--scheme"), spec, QStringLiteral("--answers"),
                  answerFile, QStringLiteral("--json")};
        if (limit_->value() > 0) j.args << QStringLiteral("--limit") << QString::number(limit_->value());
        jobs << j;
      }
  } else {
    questions = questions_->text().trimmed();
    answers = answers_->text().trimmed();
    if (!QFileInfo(questions).isFile()) {
      reportError(tr("The question file \"%1\" does not exist.").arg(questions));
      return false;
    }
    if (!answers.isEmpty() && !QFileInfo(answers).isFile()) {
      reportError(tr("The answer file \"%1\" does not exist.").arg(answers));
      return false;
    }
  }
  for (const QString& m : evalBenchmark_->isChecked() ? QStringList() : modelDirs)
    for (const QString& spec : specs) {
      BenchJob j;
      j.modelDir = m;
      j.scheme = spec;
      j.evalSet = questions;
      j.label = tr("%1 under %2").arg(QFileInfo(m).fileName(), spec);
      j.args = {QStringLiteral("eval"), QStringLiteral("--model"), m, QStringLiteral("--questions"), questions,
                QStringLiteral("--scheme"), spec, QStringLiteral("--json")};
      if (limit_->value() > 0) j.args << QStringLiteral("--limit") << QString::number(limit_->value());
      if (!answers.isEmpty()) j.args << QStringLiteral("--ground-truth") << answers;
      jobs << j;
    }
  results_.clear();
  refreshTable();
  plot_->setResults(results_);
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  savedFile_ = QDir(resultsDir_).filePath(QStringLiteral("bench-%1.json").arg(stamp));
  for (int n = 2; QFileInfo::exists(savedFile_); ++n)  // two runs in one second keep both files
    savedFile_ = QDir(resultsDir_).filePath(QStringLiteral("bench-%1-%2.json").arg(stamp).arg(n));
  refreshSavedList();  // the old file is no longer what the plot shows
  setRunning(true);
  runner_->start(jobs);
  return true;
}

void BenchmarkWorkspace::setResults(const QVector<BenchResult>& results) {
  results_ = results;
  refreshTable();
  plot_->setResults(results_);
  refreshViews();
}

bool BenchmarkWorkspace::loadResults(const QString& file) {
  QString err;
  const auto loaded = readResultsJson(file, &err);
  if (!err.isEmpty()) {
    reportError(tr("Could not load %1: %2").arg(file, err));
    return false;
  }
  savedFile_ = file;
  setResults(loaded);
  refreshSavedList();
  return true;
}

void BenchmarkWorkspace::refreshTable() {
  const QStringList cats = categoriesOf(results_);
  QStringList headers{tr("Model"), tr("Scheme"), tr("Benchmark"), tr("Score"), tr("± SE")};
  for (const auto& c : cats) headers << tr("%1 %").arg(c);
  headers << tr("TFLOPs") << tr("#Tokens") << tr("CR") << tr("Latency ms");
  table_->setSortingEnabled(false);
  table_->clear();
  table_->setColumnCount(static_cast<int>(headers.size()));
  table_->setHorizontalHeaderLabels(headers);
  table_->setRowCount(static_cast<int>(results_.size()));
  // Numbers (not text) so columns sort numerically; TFLOPs of small models need significant digits.
  auto number = [](double v, int decimals) {
    auto* it = new QTableWidgetItem;
    it->setData(Qt::DisplayRole, decimals < 0 ? QString::number(v, 'g', -decimals).toDouble()
                                              : QString::number(v, 'f', decimals).toDouble());
    return it;
  };
  for (int row = 0; row < results_.size(); ++row) {
    const auto& r = results_[row];
    int col = 0;
    auto* model = new QTableWidgetItem(r.model);
    model->setToolTip(r.modelDir);
    table_->setItem(row, col++, model);
    table_->setItem(row, col++, new QTableWidgetItem(r.scheme));
    auto* bench = new QTableWidgetItem(r.benchmark.isEmpty() ? tr("accuracy (%)") : BenchResult::scoreLabel(r.benchmark, r.metric, r.unit));
    bench->setToolTip(r.evalSet);
    table_->setItem(row, col++, bench);
    table_->setItem(row, col++, r.score() >= 0 ? number(r.score(), r.unit == QStringLiteral("%") ? 1 : 1)
                                               : new QTableWidgetItem(tr("n/a")));
    const bool hasSe = r.benchmark.isEmpty() ? r.accuracy >= 0 : r.valueError >= 0;
    auto* se = hasSe ? number(r.scoreError(), 1) : new QTableWidgetItem;
    se->setToolTip(hasSe ? tr("Standard error of the score over %n question(s)", nullptr, static_cast<int>(r.questions))
                         : tr("This metric has no standard error over questions"));
    table_->setItem(row, col++, se);
    for (const auto& c : cats)
      table_->setItem(row, col++, r.perCategory.contains(c) ? number(100 * r.perCategory[c], 1) : new QTableWidgetItem);
    table_->setItem(row, col++, number(r.tflops, -4));
    table_->setItem(row, col++, number(r.tokens, 0));
    table_->setItem(row, col++, number(r.cr, 2));
    table_->setItem(row, col++, number(r.latencyMs, 1));
  }
  table_->setSortingEnabled(true);
  table_->resizeColumnsToContents();
}

bool BenchmarkWorkspace::exportCsv(const QString& path) {
  QString err;
  if (writeResultsCsv(path, results_, &err)) return true;
  reportError(tr("Could not write %1: %2").arg(path, err));
  return false;
}

bool BenchmarkWorkspace::exportJson(const QString& path) {
  QString err;
  if (writeResultsJson(path, results_, &err)) return true;
  reportError(tr("Could not write %1: %2").arg(path, err));
  return false;
}

bool BenchmarkWorkspace::exportPng(const QString& path) {
  if (plot_->savePng(path)) return true;
  reportError(tr("Could not write %1.").arg(path));
  return false;
}

bool BenchmarkWorkspace::exportPdf(const QString& path) {
  if (plot_->savePdf(path)) return true;
  reportError(tr("Could not write %1.").arg(path));
  return false;
}

}  // namespace llavolta::ui
