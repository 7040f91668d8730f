#include "benchmark/benchmark_workspace.h"

namespace llavolta::ui {

BenchmarkWorkspace::BenchmarkWorkspace(QWidget* parent) : QWidget(parent) {}
BenchmarkWorkspace::~BenchmarkWorkspace() = default;
void BenchmarkWorkspace::setResultsDirectory(const QString&) {}
void BenchmarkWorkspace::setCurrentModel(const QString&) {}
bool BenchmarkWorkspace::hasRunningWork() const { return false; }
void BenchmarkWorkspace::stopAll() {}

}  // namespace llavolta::ui
