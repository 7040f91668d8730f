#pragma once
// The New Run dialog: dataset, initial model, schedule and hyperparameters -> a RunPlan
// (the run.json text plus the `llavolta` commands that prepare data or a new model).
// Nothing is launched unless the whole config passes the trainer's own validation.
#include <QDialog>
#include <QList>
#include <QPair>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QWidget;

namespace llavolta::ui {

class ScheduleEditor;

struct RunPlan {
  QString name;
  QString runDir;   // absolute, not yet created
  QString runJson;  // the run config
  // Preparation steps in order: (a file whose existence proves the step done, CLI arguments).
  QList<QPair<QString, QStringList>> prepare;
  int processes = 1;        // data-parallel ranks (`llavolta launch --nproc`); 1 = one trainer
  int threadsPerProcess = 0;  // with processes > 1: --threads-per-proc (0 = library default)
};

class NewRunDialog : public QDialog {
  Q_OBJECT
 public:
  NewRunDialog(const QString& runsDir, const QString& currentModel, QWidget* parent = nullptr);

  // Validates; on success emits runRequested and closes, otherwise shows why and stays open.
  void accept() override;
  // The plan the current fields describe; empty name and *error set when invalid.
  RunPlan plan(QString* error) const;
  QString errorText() const;
  ScheduleEditor* scheduleEditor() const { return schedule_; }

 Q_SIGNALS:
  void runRequested(const llavolta::ui::RunPlan& plan);

 private:
  QWidget* buildDataPage();
  QWidget* buildModelPage();
  QWidget* buildHyperPage();
  void updateEnabled();
  // Fields remembered in QSettings between runs (saved when a run starts).
  QList<QWidget*> rememberedFields() const;
  void saveFields() const;
  void restoreFields();
  // The image side of the model the run starts from (0 when it cannot be read).
  int chosenModelImageSize() const;
  QString chosenModelConfig() const;  // config.json of the model the run starts from; "" if none
  // The schedule's stages as they will run on the chosen model (layers rescaled to its depth).
  void updateResolvedStages();
  void followModelImageSize();

  QString runsDir_, currentModel_;
  QLineEdit* name_;
  QRadioButton *dataShapes_, *dataLlava_;
  QSpinBox *shapesCount_, *shapesSeed_, *shapesImageSize_, *shapesTestCount_;
  QLineEdit *llavaJson_, *llavaImages_, *llavaQuestions_;
  QRadioButton *modelCurrent_, *modelCheckpoint_, *modelNew_;
  QLineEdit* checkpointDir_;
  QComboBox* modelPreset_;
  QSpinBox* modelSeed_;
  QCheckBox* trainVision_;
  ScheduleEditor* schedule_;
  QSpinBox* processes_ = nullptr;
  QSpinBox *alignSteps_, *instructSteps_, *batchSize_, *seed_, *threads_, *checkpointEvery_, *evalEvery_, *evalLimit_,
      *maxSeqLen_;
  QLineEdit *learningRate_, *alignLearningRate_;
  QDoubleSpinBox *warmup_, *weightDecay_;
  QLabel* error_;
  QLabel* resolvedStages_ = nullptr;
};

}  // namespace llavolta::ui
