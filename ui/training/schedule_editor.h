#pragma once
// Edits a LLaVolta compression schedule: a preset to start from, a table of stages
// (scheme spec or "K/S" VCC shorthand, until = fraction of training or an absolute step),
// the scheme used at test time, and a timeline drawing of the stages.
#include <QWidget>

class QComboBox;
class QLineEdit;
class QTableWidget;

namespace llavolta::ui {

class ScheduleTimeline;

class ScheduleEditor : public QWidget {
  Q_OBJECT
 public:
  explicit ScheduleEditor(QWidget* parent = nullptr);

  void loadPreset(const QString& name);
  // Replaces the stages: each pair is (scheme spec or "K/S", until).
  void setStages(const QList<QPair<QString, double>>& stages, const QString& testScheme = QStringLiteral("none"));
  // The schedule as the run config's "schedule" JSON object (text); empty when invalid,
  // with the reason in *error.
  QString scheduleJson(QString* error) const;
  void setTotalSteps(qint64 steps);
  QTableWidget* table() const { return table_; }
  // Scheme the next "Add stage" inserts (every registered scheme is offered).
  QComboBox* stageSchemeBox() const { return stageScheme_; }
  void addStage();

 Q_SIGNALS:
  void changed();

 private:
  void removeStage();
  void refreshTimeline();

  QComboBox* presets_;
  QComboBox* stageScheme_;
  QTableWidget* table_;
  QLineEdit* testScheme_;
  ScheduleTimeline* timeline_;
  qint64 totalSteps_ = 100;
};

// Coloured bars, one per stage, as wide as the share of training it covers.
class ScheduleTimeline : public QWidget {
  Q_OBJECT
 public:
  explicit ScheduleTimeline(QWidget* parent = nullptr);
  // Stage i covers steps [starts[i], starts[i+1]) of `total`.
  void setStages(const QStringList& schemes, const QVector<qint64>& starts, qint64 total);
  QSize sizeHint() const override { return {400, 36}; }

 protected:
  void paintEvent(QPaintEvent*) override;

 private:
  QStringList schemes_;
  QVector<qint64> starts_;
  qint64 total_ = 1;
};

}  // namespace llavolta::ui
