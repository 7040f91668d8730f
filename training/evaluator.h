#pragma once
// Evaluation on LLaVA question files: answers in LLaVA's answer JSONL, accuracy
// against a ground-truth file (overall and per category), and the cost of every
// answer (prefill TFLOPs, #Tokens, CR, latency).
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/session.h"
#include "training/llava_benchmarks.h"
#include "training/scoring.h"

namespace llavolta::training {

struct EvalOptions {
  std::string scheme = "none";
  std::string imageFolder;   // default: the question file's folder
  bool allowImagesOutsideFolder = false;  // see engine::resolveInsideFolder
  std::string groundTruth;   // default: answers.jsonl beside the questions, if present
  std::string answersOut;    // LLaVA answer JSONL; empty = not written
  int64_t limit = 0;         // 0 = all questions
  int64_t maxNewTokens = 16;
  std::string modelId = "llavolta";
  // (questions done, total); false cancels.
  std::function<bool(int64_t, int64_t)> onProgress;
  const std::atomic<bool>* stop = nullptr;
};

struct EvalResult {
  std::string scheme;
  int64_t questions = 0;
  bool scored = false;        // a ground truth was available
  Accuracy accuracy;
  double meanPrefillTflops = 0;
  double meanPrefillMs = 0;
  double visualTokensTotal = 0;  // the paper's #Tokens per sample
  double compressionRatio = 1;
  bool cancelled = false;
  nlohmann::json toJson() const;
};

EvalResult evaluate(engine::Session& session, const std::string& questionFile, const EvalOptions& options);

// ---- LLaVA-1.5's benchmarks (training/llava_benchmarks.h) ----------------------------------

struct BenchmarkEvalOptions {
  std::string scheme = "none";
  // LLaVA answer JSONL. When it exists, the answers it holds for this benchmark are kept and
  // not asked again (resume after an interrupt); they must come from the same model and scheme.
  std::string answersOut;
  bool fresh = false;            // start answersOut afresh instead of resuming
  std::string submissionOut;     // the server's file, where the benchmark has one; "" = not written
  int64_t limit = 0;             // 0 = every item; N = the first N (MMBench: N rotations)
  int64_t maxNewTokens = 16;
  std::string modelId = "llavolta";
  std::function<bool(int64_t, int64_t)> onProgress;  // (items done, total); false cancels
  const std::atomic<bool>* stop = nullptr;
};

struct BenchmarkEvalResult {
  BenchmarkScore score;
  std::string scheme;
  int64_t items = 0;        // asked in this evaluation's scope (after --limit)
  int64_t resumed = 0;      // answers taken from the existing answers file
  int64_t answeredNow = 0;
  double meanPrefillTflops = 0, meanPrefillMs = 0, visualTokensTotal = 0, compressionRatio = 1;
  bool cancelled = false;
  std::string submissionFile;  // written, or ""
  std::vector<std::string> notes;  // from reading the files
  nlohmann::ordered_json toJson() const;
};

BenchmarkEvalResult evaluateBenchmark(engine::Session& session, const Benchmark& benchmark,
                                      const BenchmarkEvalOptions& options);

}  // namespace llavolta::training
