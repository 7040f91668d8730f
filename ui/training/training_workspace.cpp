#include "training/training_workspace.h"

namespace llavolta::ui {

TrainingWorkspace::TrainingWorkspace(QWidget* parent) : QWidget(parent) {}
TrainingWorkspace::~TrainingWorkspace() = default;
void TrainingWorkspace::setRunsDirectory(const QString&) {}
void TrainingWorkspace::setCurrentModel(const QString&) {}
bool TrainingWorkspace::hasRunningWork() const { return false; }
void TrainingWorkspace::stopAll() {}

}  // namespace llavolta::ui
