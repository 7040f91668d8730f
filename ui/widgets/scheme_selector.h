#pragma once
// Picks a compression scheme: a combo of the engine's registered schemes, one field per
// declared parameter (generated from the registry, so new schemes appear without UI work),
// quick presets, and an inline error when the spec does not fit the loaded model.
#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace llavolta::ui {

class SchemeSelector : public QWidget {
  Q_OBJECT
 public:
  explicit SchemeSelector(QWidget* parent = nullptr);

  // "name:key=value,..." with every filled-in parameter.
  QString spec() const;
  void setSpec(const QString& spec);
  // The model the spec is validated against (0 = no model: only the syntax is checked).
  void setModelShape(int layers, int visualTokens);
  // Empty when valid; otherwise the engine's message. Also shown inline.
  QString validate();
  QString errorText() const;

 Q_SIGNALS:
  void specChanged(const QString& spec);

 private:
  void rebuildFields();
  void rebuildPresets();
  void onEdited();

  QComboBox* scheme_ = nullptr;
  QComboBox* presets_ = nullptr;
  QFormLayout* fields_ = nullptr;
  QWidget* fieldsBox_ = nullptr;
  QLabel* summary_ = nullptr;
  QLabel* error_ = nullptr;
  QList<QPair<QString, QLineEdit*>> edits_;
  int layers_ = 0;
  int visualTokens_ = 0;
  bool updating_ = false;
};

// Quick presets offered for a model of the given depth (those that validate).
QStringList schemePresets(int layers, int visualTokens);
// The engine's canonical spelling of a valid spec (a parameter at a default the engine leaves
// out, such as vcc's tail=drop, disappears), so the studio names a scheme as the CLI and stored
// results do. A scheme registered as a wrapper of another keeps its own spelling; an invalid
// spec comes back unchanged.
QString canonicalSchemeSpec(const QString& spec);

}  // namespace llavolta::ui
