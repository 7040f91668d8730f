#pragma once
// The files a training run keeps in its directory, shared by the LLaVA trainer and the vision
// pretrainer: step-numbered checkpoint folders, JSONL records trimmed on resume, and the
// learning-rate schedule both follow.
#include <cstdint>
#include <filesystem>
#include <string>

namespace llavolta::training::runfiles {

// "step-00001200": sorts by step.
std::string stepDirName(int64_t step);
// Rewrites a JSONL file of {"step": ...} records keeping those with step <= maxStep (a line cut
// by a kill ends the file); maxStep < 0 empties it.
void keepRecordsUpTo(const std::filesystem::path& path, int64_t maxStep);
// Removes all but the newest `keep` step-* folders (keep <= 0 keeps all).
void pruneCheckpoints(const std::filesystem::path& dir, int64_t keep);
// Linear warm-up over ceil(warmupRatio * steps) steps, then cosine decay to zero (LLaVA's recipe).
double cosineLearningRate(double base, int64_t step, int64_t steps, double warmupRatio);

}  // namespace llavolta::training::runfiles
