#include <nlohmann/json.hpp>

#include "engine/config.h"
#include "engine/resource_paths.h"
#include "training/run_config.h"
#include "training/schedule.h"

#include "ui/training/new_run_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include "ui/training/schedule_editor.h"
#include "ui/worker/cli_commands.h"

namespace llavolta::ui {

namespace {
QSpinBox* spin(QWidget* parent, const char* name, int lo, int hi, int value, const QString& tip = {}) {
  auto* s = new QSpinBox(parent);
  s->setObjectName(QString::fromLatin1(name));
  s->setRange(lo, hi);
  s->setValue(value);
  if (!tip.isEmpty()) s->setToolTip(tip);
  return s;
}

QLineEdit* line(QWidget* parent, const char* name, const QString& text = {}) {
  auto* l = new QLineEdit(text, parent);
  l->setObjectName(QString::fromLatin1(name));
  return l;
}

// A line edit with a "Browse…" button picking a directory or a file.
QWidget* withBrowse(QLineEdit* edit, bool directory, const QString& title) {
  auto* w = new QWidget(edit->parentWidget());
  auto* h = new QHBoxLayout(w);
  h->setContentsMargins(0, 0, 0, 0);
  auto* b = new QPushButton(QObject::tr("Browse…"), w);
  h->addWidget(edit, 1);
  h->addWidget(b);
  QObject::connect(b, &QPushButton::clicked, edit, [edit, directory, title] {
    const QString p = directory ? QFileDialog::getExistingDirectory(edit, title, edit->text())
                                : QFileDialog::getOpenFileName(edit, title, edit->text());
    if (!p.isEmpty()) edit->setText(p);
  });
  return w;
}

QString configsDir() { return QDir(QString::fromStdString(engine::resourceDir())).filePath(QStringLiteral("configs")); }
}  // namespace

NewRunDialog::NewRunDialog(const QString& runsDir, const QString& currentModel, QWidget* parent)
    : QDialog(parent), runsDir_(runsDir), currentModel_(currentModel) {
  setWindowTitle(tr("New Training Run"));
  name_ = line(this, "runName", QStringLiteral("run-") + QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
  name_->setToolTip(tr("Folder name of the run inside the runs directory"));

  auto* tabs = new QTabWidget(this);
  tabs->addTab(buildDataPage(), tr("Dataset"));
  tabs->addTab(buildModelPage(), tr("Initial model"));
  auto* schedulePage = new QWidget(this);
  auto* scheduleLayout = new QVBoxLayout(schedulePage);
  schedule_ = new ScheduleEditor(schedulePage);
  scheduleLayout->addWidget(schedule_, 1);
  resolvedStages_ = new QLabel(schedulePage);
  resolvedStages_->setObjectName(QStringLiteral("resolvedStages"));
  resolvedStages_->setWordWrap(true);
  resolvedStages_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  scheduleLayout->addWidget(resolvedStages_);
  tabs->addTab(schedulePage, tr("Schedule"));
  tabs->addTab(buildHyperPage(), tr("Hyperparameters"));

  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("errorLabel"));
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #c62828;"));
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("Start"));
  buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("startButton"));
  connect(buttons, &QDialogButtonBox::accepted, this, &NewRunDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &NewRunDialog::reject);

  auto* form = new QFormLayout;
  form->addRow(tr("Run name:"), name_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(tabs, 1);
  layout->addWidget(error_);
  layout->addWidget(buttons);

  auto steps = [this] { schedule_->setTotalSteps(alignSteps_->value() + instructSteps_->value()); };
  connect(alignSteps_, &QSpinBox::valueChanged, this, steps);
  connect(instructSteps_, &QSpinBox::valueChanged, this, steps);
  steps();
  connect(schedule_, &ScheduleEditor::changed, error_, &QLabel::clear);
  connect(schedule_, &ScheduleEditor::changed, this, &NewRunDialog::updateResolvedStages);
  connect(alignSteps_, &QSpinBox::valueChanged, this, &NewRunDialog::updateResolvedStages);
  connect(instructSteps_, &QSpinBox::valueChanged, this, &NewRunDialog::updateResolvedStages);
  restoreFields();
  // Image size follows the chosen model (a 168-px model gets 168-px data).
  connect(modelPreset_, &QComboBox::currentIndexChanged, this, &NewRunDialog::followModelImageSize);
  connect(checkpointDir_, &QLineEdit::editingFinished, this, &NewRunDialog::followModelImageSize);
  for (auto* r : {modelCurrent_, modelCheckpoint_, modelNew_})
    connect(r, &QRadioButton::toggled, this, [this](bool on) {
      if (on) followModelImageSize();
    });
  followModelImageSize();
  updateEnabled();
  updateResolvedStages();
  resize(720, 560);
}

namespace {
// The settings group of the dialog's remembered fields.
const QString kFieldsGroup = QStringLiteral("newRun/");
}  // namespace

QList<QWidget*> NewRunDialog::rememberedFields() const {
  // Every named input of the dataset, model and hyperparameter pages. Not the run name
  // (a fresh one each time), not the image size (it follows the model), not the schedule.
  QList<QWidget*> out;
  for (QWidget* w : findChildren<QWidget*>()) {
    const QString name = w->objectName();
    if (name.isEmpty() || name.startsWith(QLatin1String("qt_")) || schedule_->isAncestorOf(w) || w == name_ ||
        w == shapesImageSize_)
      continue;
    if (qobject_cast<QAbstractSpinBox*>(w) || qobject_cast<QLineEdit*>(w) || qobject_cast<QRadioButton*>(w) ||
        qobject_cast<QCheckBox*>(w) || qobject_cast<QComboBox*>(w))
      out << w;
  }
  return out;
}

void NewRunDialog::saveFields() const {
  QSettings s;
  for (QWidget* w : rememberedFields()) {
    const QString key = kFieldsGroup + w->objectName();
    if (auto* spin = qobject_cast<QSpinBox*>(w)) s.setValue(key, spin->value());
    else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w)) s.setValue(key, dspin->value());
    else if (auto* edit = qobject_cast<QLineEdit*>(w)) s.setValue(key, edit->text());
    else if (auto* combo = qobject_cast<QComboBox*>(w)) s.setValue(key, combo->currentText());
    else if (auto* button = qobject_cast<QAbstractButton*>(w)) s.setValue(key, button->isChecked());
  }
}

void NewRunDialog::restoreFields() {
  QSettings s;
  QList<QAbstractButton*> checkBoxes;
  for (QWidget* w : rememberedFields()) {
    const QString key = kFieldsGroup + w->objectName();
    if (!s.contains(key)) continue;
    const QVariant v = s.value(key);
    if (auto* spin = qobject_cast<QSpinBox*>(w)) spin->setValue(v.toInt());
    else if (auto* dspin = qobject_cast<QDoubleSpinBox*>(w)) dspin->setValue(v.toDouble());
    else if (auto* edit = qobject_cast<QLineEdit*>(w)) edit->setText(v.toString());
    else if (auto* combo = qobject_cast<QComboBox*>(w)) {
      const int i = combo->findText(v.toString());
      if (i >= 0) combo->setCurrentIndex(i);
    } else if (auto* radio = qobject_cast<QRadioButton*>(w)) {
      // "The current model" only when there is one.
      if (v.toBool() && radio->isEnabled()) radio->setChecked(true);
    } else if (auto* button = qobject_cast<QAbstractButton*>(w)) {
      checkBoxes << button;
    }
  }
  // Check boxes last: choosing "a new random model" above also ticks "train the vision tower".
  for (QAbstractButton* b : checkBoxes) b->setChecked(s.value(kFieldsGroup + b->objectName()).toBool());
}

QString NewRunDialog::chosenModelConfig() const {
  QString config;
  if (modelCurrent_->isChecked() && !currentModel_.isEmpty()) config = QDir(currentModel_).filePath(QStringLiteral("config.json"));
  else if (modelCheckpoint_->isChecked()) config = QDir(checkpointDir_->text().trimmed()).filePath(QStringLiteral("config.json"));
  else if (modelNew_->isChecked()) config = modelPreset_->currentData().toString();
  return config.isEmpty() || !QFileInfo(config).isFile() ? QString() : config;
}

void NewRunDialog::updateResolvedStages() {
  const QString config = chosenModelConfig();
  QString error;
  const QString text = schedule_->scheduleJson(&error);
  if (config.isEmpty() || text.isEmpty()) {
    resolvedStages_->setText(config.isEmpty() ? tr("Choose a model to see the stages it will run.") : QString());
    return;
  }
  try {
    const auto mc = engine::ModelConfig::fromFile(config.toStdString());
    const auto written = training::Schedule::fromJson(nlohmann::json::parse(text.toStdString()), "schedule");
    const auto resolved = written.resolved(mc.text.numLayers, mc.numVisualTokens());
    const qint64 total = alignSteps_->value() + instructSteps_->value();
    const auto ends = resolved.stageEnds(total);  // as the trainer switches stages
    QStringList stages;
    for (size_t i = 0; i < resolved.stages.size(); ++i) {
      const auto& st = resolved.stages[i];
      const QString until = st.until <= 1.0 ? tr("until %1% (step %2)").arg(100 * st.until, 0, 'f', 0).arg(ends[i])
                                            : tr("until step %1").arg(ends[i]);
      stages << tr("%1. %2 %3").arg(i + 1).arg(QString::fromStdString(st.scheme), until);
    }
    resolvedStages_->setStyleSheet(QString());
    resolvedStages_->setText(tr("On this model (%1 layers, %2 visual tokens; layers written for %3 are rescaled): %4")
                                 .arg(mc.text.numLayers)
                                 .arg(mc.numVisualTokens())
                                 .arg(written.referenceLayers)
                                 .arg(stages.join(QStringLiteral(" → "))));
  } catch (const std::exception& e) {
    resolvedStages_->setStyleSheet(QStringLiteral("color: #c62828;"));
    resolvedStages_->setText(tr("Invalid schedule for this model: %1").arg(QString::fromStdString(e.what())));
  }
}

int NewRunDialog::chosenModelImageSize() const {
  const QString config = chosenModelConfig();
  if (config.isEmpty()) return 0;
  try {
    return static_cast<int>(engine::ModelConfig::fromFile(config.toStdString()).vision.imageSize);
  } catch (const std::exception&) {
    return 0;  // plan() reports a bad model when Start is pressed
  }
}

void NewRunDialog::followModelImageSize() {
  const int size = chosenModelImageSize();
  if (size > 0) shapesImageSize_->setValue(size);
  if (resolvedStages_) updateResolvedStages();
}

QWidget* NewRunDialog::buildDataPage() {
  auto* page = new QWidget(this);
  dataShapes_ = new QRadioButton(tr("Generate Shapes-VQA"), page);
  dataShapes_->setObjectName(QStringLiteral("dataShapes"));
  dataShapes_->setChecked(true);
  dataLlava_ = new QRadioButton(tr("LLaVA conversation JSON + image folder"), page);
  dataLlava_->setObjectName(QStringLiteral("dataLlava"));
  shapesCount_ = spin(page, "shapesCount", 1, 1000000, 2000, tr("Training images to render"));
  shapesSeed_ = spin(page, "shapesSeed", 0, 1000000000, 1, tr("The same seed gives the same dataset"));
  shapesImageSize_ = spin(page, "shapesImageSize", 64, 4096, 336, tr("Image side in pixels"));
  shapesTestCount_ = spin(page, "shapesTestCount", 0, 100000, 200, tr("Test questions for evaluation during training (0 = none)"));
  llavaJson_ = line(page, "llavaJson");
  llavaImages_ = line(page, "llavaImages");
  llavaQuestions_ = line(page, "llavaQuestions");
  llavaQuestions_->setPlaceholderText(tr("optional: LLaVA question file (answers.jsonl beside it) for evaluation"));

  auto* form = new QFormLayout(page);
  form->addRow(dataShapes_);
  form->addRow(tr("Images:"), shapesCount_);
  form->addRow(tr("Seed:"), shapesSeed_);
  form->addRow(tr("Image size:"), shapesImageSize_);
  form->addRow(tr("Test questions:"), shapesTestCount_);
  form->addRow(dataLlava_);
  form->addRow(tr("Conversation JSON:"), withBrowse(llavaJson_, false, tr("LLaVA conversation JSON")));
  form->addRow(tr("Image folder:"), withBrowse(llavaImages_, true, tr("Image folder")));
  form->addRow(tr("Eval questions:"), withBrowse(llavaQuestions_, false, tr("LLaVA question file")));
  connect(dataShapes_, &QRadioButton::toggled, this, &NewRunDialog::updateEnabled);
  return page;
}

QWidget* NewRunDialog::buildModelPage() {
  auto* page = new QWidget(this);
  modelCurrent_ = new QRadioButton(page);
  modelCurrent_->setObjectName(QStringLiteral("modelCurrent"));
  modelCurrent_->setText(currentModel_.isEmpty() ? tr("The studio's current model (none open)")
                                                 : tr("The studio's current model: %1").arg(currentModel_));
  modelCheckpoint_ = new QRadioButton(tr("A model or checkpoint directory"), page);
  modelCheckpoint_->setObjectName(QStringLiteral("modelCheckpoint"));
  modelNew_ = new QRadioButton(tr("A new random model from a size preset"), page);
  modelNew_->setObjectName(QStringLiteral("modelNew"));
  checkpointDir_ = line(page, "checkpointDir");
  modelPreset_ = new QComboBox(page);
  modelPreset_->setObjectName(QStringLiteral("modelPreset"));
  for (const QString& f : QDir(configsDir()).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
    modelPreset_->addItem(QFileInfo(f).completeBaseName(), QDir(configsDir()).filePath(f));
  modelSeed_ = spin(page, "modelSeed", 0, 1000000000, 1, tr("Seed of the random weights"));
  trainVision_ = new QCheckBox(tr("Also train the vision tower (needed when it starts random)"), page);
  trainVision_->setObjectName(QStringLiteral("trainVision"));
  if (!currentModel_.isEmpty()) {
    modelCurrent_->setChecked(true);
  } else {
    modelCurrent_->setEnabled(false);
    modelNew_->setChecked(true);
    trainVision_->setChecked(true);
  }
  connect(modelNew_, &QRadioButton::toggled, trainVision_, &QCheckBox::setChecked);
  auto* form = new QFormLayout(page);
  form->addRow(modelCurrent_);
  form->addRow(modelCheckpoint_);
  form->addRow(tr("Directory:"), withBrowse(checkpointDir_, true, tr("Model directory")));
  form->addRow(modelNew_);
  form->addRow(tr("Size preset:"), modelPreset_);
  form->addRow(tr("Seed:"), modelSeed_);
  form->addRow(trainVision_);
  for (auto* r : {modelCurrent_, modelCheckpoint_, modelNew_}) connect(r, &QRadioButton::toggled, this, &NewRunDialog::updateEnabled);
  return page;
}

QWidget* NewRunDialog::buildHyperPage() {
  auto* page = new QWidget(this);
  alignSteps_ = spin(page, "alignSteps", 0, 10000000, 0, tr("Alignment phase (captions, projector only, no compression); 0 = skip"));
  instructSteps_ = spin(page, "instructSteps", 1, 10000000, 500, tr("Instruction-tuning phase, where the schedule applies"));
  batchSize_ = spin(page, "batchSize", 1, 4096, 8);
  learningRate_ = line(page, "learningRate", QStringLiteral("2e-4"));
  alignLearningRate_ = line(page, "alignLearningRate", QStringLiteral("1e-3"));
  warmup_ = new QDoubleSpinBox(page);
  warmup_->setObjectName(QStringLiteral("warmupRatio"));
  warmup_->setRange(0, 0.99);
  warmup_->setDecimals(3);
  warmup_->setSingleStep(0.01);
  warmup_->setValue(0.03);
  weightDecay_ = new QDoubleSpinBox(page);
  weightDecay_->setObjectName(QStringLiteral("weightDecay"));
  weightDecay_->setRange(0, 1);
  weightDecay_->setDecimals(4);
  seed_ = spin(page, "seed", 0, 1000000000, 0);
  threads_ = spin(page, "threads", 0, 256, 0, tr("CPU threads of each process (0 = LibTorch's default)"));
  processes_ = spin(page, "processes", 1, 64, 1,
                    tr("Data-parallel processes on this machine (llavolta launch): each takes its share of every "
                       "global batch, which is processes × batch size"));
  checkpointEvery_ = spin(page, "checkpointEvery", 0, 10000000, 100, tr("Steps between checkpoints (0 = only at phase ends)"));
  evalEvery_ = spin(page, "evalEvery", 0, 10000000, 0, tr("Steps between evaluations (0 = only at the end)"));
  evalLimit_ = spin(page, "evalLimit", 0, 1000000, 100, tr("Questions per evaluation (0 = all)"));
  maxSeqLen_ = spin(page, "maxSequenceLength", 16, 65536, 512);
  auto* form = new QFormLayout(page);
  form->addRow(tr("Alignment steps:"), alignSteps_);
  form->addRow(tr("Alignment learning rate:"), alignLearningRate_);
  form->addRow(tr("Instruction steps:"), instructSteps_);
  form->addRow(tr("Learning rate:"), learningRate_);
  form->addRow(tr("Batch size:"), batchSize_);
  form->addRow(tr("Warm-up ratio:"), warmup_);
  form->addRow(tr("Weight decay:"), weightDecay_);
  form->addRow(tr("Seed:"), seed_);
  form->addRow(tr("Processes:"), processes_);
  form->addRow(tr("Threads:"), threads_);
  form->addRow(tr("Checkpoint every:"), checkpointEvery_);
  form->addRow(tr("Evaluate every:"), evalEvery_);
  form->addRow(tr("Evaluation questions:"), evalLimit_);
  form->addRow(tr("Max sequence length:"), maxSeqLen_);
  return page;
}

void NewRunDialog::updateEnabled() {
  const bool shapes = dataShapes_->isChecked();
  for (QWidget* w : std::initializer_list<QWidget*>{shapesCount_, shapesSeed_, shapesImageSize_, shapesTestCount_})
    w->setEnabled(shapes);
  for (QWidget* w : std::initializer_list<QWidget*>{llavaJson_, llavaImages_, llavaQuestions_}) w->setEnabled(!shapes);
  checkpointDir_->setEnabled(modelCheckpoint_->isChecked());
  modelPreset_->setEnabled(modelNew_->isChecked());
  modelSeed_->setEnabled(modelNew_->isChecked());
  error_->clear();
}

QString NewRunDialog::errorText() const { return error_->text(); }

RunPlan NewRunDialog::plan(QString* error) const {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return RunPlan{};
  };
  RunPlan p;
  p.name = name_->text().trimmed();
  if (p.name.isEmpty() || p.name.contains(QLatin1Char('/')) || p.name.startsWith(QLatin1Char('.')))
    return fail(tr("Give the run a folder name (no '/', not starting with '.')."));
  if (runsDir_.isEmpty()) return fail(tr("No runs directory is set."));
  p.runDir = QDir(QDir(runsDir_).absolutePath()).filePath(p.name);
  if (QFileInfo::exists(p.runDir)) return fail(tr("A run named \"%1\" already exists.").arg(p.name));

  QString scheduleError;
  const QString scheduleText = schedule_->scheduleJson(&scheduleError);
  if (scheduleText.isEmpty()) return fail(scheduleError);

  const QDir run(p.runDir);
  training::RunConfig c;
  c.outputDir = p.runDir.toStdString();

  // --- model -------------------------------------------------------------
  QString modelConfigFile;
  if (modelCurrent_->isChecked()) {
    if (currentModel_.isEmpty()) return fail(tr("The studio has no model open; choose a directory or a size preset."));
    c.initModel = QDir(currentModel_).absolutePath().toStdString();
    modelConfigFile = QDir(currentModel_).filePath(QStringLiteral("config.json"));
  } else if (modelCheckpoint_->isChecked()) {
    const QString dir = checkpointDir_->text().trimmed();
    if (dir.isEmpty() || !QFileInfo::exists(QDir(dir).filePath(QStringLiteral("config.json"))))
      return fail(tr("\"%1\" is not a model directory (no config.json).").arg(dir));
    c.initModel = QDir(dir).absolutePath().toStdString();
    modelConfigFile = QDir(dir).filePath(QStringLiteral("config.json"));
  } else {
    modelConfigFile = modelPreset_->currentData().toString();
    if (modelConfigFile.isEmpty()) return fail(tr("No size preset is available."));
    const QString out = run.filePath(QStringLiteral("init-model"));
    p.prepare.append({QDir(out).filePath(QStringLiteral("config.json")),
                      {QStringLiteral("init-model"), QStringLiteral("--config"), modelConfigFile, QStringLiteral("--out"), out,
                       QStringLiteral("--seed"), QString::number(modelSeed_->value())}});
    c.initModel = out.toStdString();
  }
  // The schedule must fit the model's depth and visual tokens, checked now rather than
  // after the data has been generated.
  try {
    const auto mc = engine::ModelConfig::fromFile(modelConfigFile.toStdString());
    c.schedule = training::Schedule::fromJson(nlohmann::json::parse(scheduleText.toStdString()), "schedule");
    c.schedule.resolved(mc.text.numLayers, mc.numVisualTokens());
  } catch (const std::exception& e) {
    return fail(tr("Invalid schedule for this model: %1").arg(QString::fromStdString(e.what())));
  }

  // --- data --------------------------------------------------------------
  QString trainJson, captionsJson, imageFolder, questions;
  if (dataShapes_->isChecked()) {
    const QString train = run.filePath(QStringLiteral("data/train"));
    trainJson = QDir(train).filePath(QStringLiteral("train.json"));
    captionsJson = QDir(train).filePath(QStringLiteral("captions.json"));
    imageFolder = train;
    p.prepare.append({trainJson,
                      shapesDataArgs({train, shapesCount_->value(), shapesSeed_->value(), false, shapesImageSize_->value(),
                                      false, threads_->value()})});
    if (shapesTestCount_->value() > 0) {
      const QString test = run.filePath(QStringLiteral("data/test"));
      questions = QDir(test).filePath(QStringLiteral("questions.jsonl"));
      // A different seed: test scenes must not be training scenes.
      p.prepare.append({questions,
                        shapesDataArgs({test, shapesTestCount_->value(), shapesSeed_->value() + 1000003, true,
                                        shapesImageSize_->value(), false, 0})});
    }
  } else {
    trainJson = llavaJson_->text().trimmed();
    imageFolder = llavaImages_->text().trimmed();
    questions = llavaQuestions_->text().trimmed();
    if (!QFileInfo(trainJson).isFile()) return fail(tr("The conversation JSON \"%1\" does not exist.").arg(trainJson));
    if (!QFileInfo(imageFolder).isDir()) return fail(tr("The image folder \"%1\" does not exist.").arg(imageFolder));
    if (!questions.isEmpty() && !QFileInfo(questions).isFile())
      return fail(tr("The question file \"%1\" does not exist.").arg(questions));
    captionsJson = trainJson;
  }
  c.imageFolder = QDir(imageFolder).absolutePath().toStdString();

  // --- phases and optimiser ----------------------------------------------
  bool ok1 = false, ok2 = false;
  const double lr = learningRate_->text().toDouble(&ok1);
  const double alignLr = alignLearningRate_->text().toDouble(&ok2);
  if (!ok1 || lr <= 0) return fail(tr("The learning rate must be a positive number, e.g. 2e-4."));
  if (alignSteps_->value() > 0 && (!ok2 || alignLr <= 0))
    return fail(tr("The alignment learning rate must be a positive number, e.g. 1e-3."));
  std::vector<std::string> trainable{"projector", "llm"};
  if (trainVision_->isChecked()) trainable.insert(trainable.begin(), "vision");
  if (alignSteps_->value() > 0) {
    training::PhaseConfig align;
    align.name = "align";
    align.dataset = QFileInfo(captionsJson).absoluteFilePath().toStdString();
    align.promptTemplate = dataShapes_->isChecked() ? "plain" : "vicuna_v1";
    align.trainable = {"projector"};
    if (trainVision_->isChecked()) align.trainable = {"vision", "projector", "llm"};
    align.steps = alignSteps_->value();
    align.learningRate = alignLr;
    align.compression = false;
    c.phases.push_back(align);
  }
  training::PhaseConfig instruct;
  instruct.name = "instruct";
  instruct.dataset = QFileInfo(trainJson).absoluteFilePath().toStdString();
  instruct.trainable = trainable;
  instruct.steps = instructSteps_->value();
  instruct.learningRate = lr;
  c.phases.push_back(instruct);
  c.batchSize = batchSize_->value();
  c.maxSequenceLength = maxSeqLen_->value();
  c.warmupRatio = warmup_->value();
  c.weightDecay = weightDecay_->value();
  c.seed = static_cast<uint64_t>(seed_->value());
  c.threads = threads_->value();
  c.checkpointEvery = checkpointEvery_->value();
  if (!questions.isEmpty()) {
    c.eval.questions = QFileInfo(questions).absoluteFilePath().toStdString();
    c.eval.every = evalEvery_->value();
    c.eval.limit = evalLimit_->value();
  }
  nlohmann::json j = c.toJson();
  try {
    training::RunConfig::fromJson(j, "run config", p.runDir.toStdString());  // the trainer's own checks
  } catch (const std::exception& e) {
    return fail(QString::fromStdString(e.what()));
  }
  p.processes = processes_->value();
  p.threadsPerProcess = threads_->value();
  if (p.processes > 1) j["world_size"] = p.processes;  // the trainer rewrites it with what ran
  p.runJson = QString::fromStdString(j.dump(2));
  return p;
}

void NewRunDialog::accept() {
  QString why;
  const RunPlan p = plan(&why);
  if (p.name.isEmpty()) {
    error_->setText(why);
    return;  // stays open; nothing is written or launched
  }
  saveFields();  // the next New Run starts from these values
  Q_EMIT runRequested(p);
  QDialog::accept();
}

}  // namespace llavolta::ui
