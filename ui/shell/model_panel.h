#pragma once
// The strip above the workspaces: which model is open (folder, checkpoint layout, size) and
// the device / dtype / threads the next load uses.
#include <QWidget>

#include "ui/worker/engine_values.h"

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace llavolta::ui {

class ModelPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ModelPanel(QWidget* parent = nullptr);

  void setLoadSettings(const QString& device, const QString& dtype, int threads);
  LoadRequest loadRequest(const QString& modelDir) const;
  void showModel(const ModelInfo& info);
  void showLoading(const QString& dir);
  void showNoModel(const QString& reason);
  QString modelDir() const { return modelDir_; }

 Q_SIGNALS:
  void openRequested();
  void reloadRequested();

 private:
  QLabel* name_ = nullptr;
  class ElidedLabel* details_ = nullptr;
  QComboBox* device_ = nullptr;
  QComboBox* dtype_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QPushButton* reload_ = nullptr;
  QString modelDir_;
};

}  // namespace llavolta::ui
