#pragma once
// File > Preferences: engine device, dtype and threads, UI language, the chat's default
// scheme and the runs directory.
#include <QDialog>

#include "ui/shell/studio_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace llavolta::ui {

class SchemeSelector;

class PreferencesDialog : public QDialog {
  Q_OBJECT
 public:
  PreferencesDialog(const StudioSettings& settings, bool cudaAvailable, QWidget* parent = nullptr);
  StudioSettings settings() const;

 private:
  void accept() override;

  StudioSettings original_;
  QComboBox* device_ = nullptr;
  QComboBox* dtype_ = nullptr;
  QSpinBox* threads_ = nullptr;
  QComboBox* language_ = nullptr;
  SchemeSelector* scheme_ = nullptr;
  QLineEdit* runs_ = nullptr;
};

}  // namespace llavolta::ui
