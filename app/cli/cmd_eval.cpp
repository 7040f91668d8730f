#include <cstdio>
#include <filesystem>
#include <iostream>

#include "common.h"
#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "training/evaluator.h"
#include "training/llava_benchmarks.h"
#include "training/scoring.h"

namespace llavolta::cli {

namespace {
struct EvalArgs {
  std::string model, questions, scheme = "none", answers, groundTruth, imageFolder, visionTower;
  std::string benchmark, data, submission;
  int64_t limit = 0, maxNewTokens = 16;
  DeviceOptions device;
  bool json = false;
  bool allowOutsideImages = false;
  bool fresh = false, singlePass = false, listBenchmarks = false;
};

void printBenchmarks() {
  std::printf("%-12s %-26s %-8s %s\n", "name", "benchmark", "unit", "metric; files under playground/data/eval/<folder>/");
  for (const auto& b : training::benchmarkCatalogue()) {
    if (b.supported)
      std::printf("%-12s %-26s %-8s %s; %s/: %s\n", b.name.c_str(), b.title.c_str(), b.unit.c_str(), b.metric.c_str(),
                  b.folder.c_str(), b.files.c_str());
    else
      std::printf("%-12s %-26s %-8s unsupported: %s\n", b.name.c_str(), b.title.c_str(), "", b.reason.c_str());
  }
}

void progressBar(int64_t done, int64_t total) {
  const int width = 30;
  const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
  std::fprintf(stderr, "\r[%s%s] %lld/%lld", std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
               static_cast<long long>(done), static_cast<long long>(total));
  if (done == total) std::fprintf(stderr, "\n");
}

void printDetails(const nlohmann::ordered_json& d, const std::string& indent) {
  for (const auto& [key, value] : d.items()) {
    if (value.is_object() && value.contains("value")) {
      std::printf("%s%-28s %6.2f%% ± %.2f (%lld)\n", indent.c_str(), key.c_str(), value["value"].get<double>(),
                  value["standard_error"].get<double>(), static_cast<long long>(value["questions"].get<int64_t>()));
    } else if (value.is_object()) {
      std::printf("%s%s\n", indent.c_str(), key.c_str());
      printDetails(value, indent + "  ");
    } else if (value.is_number_float()) {
      std::printf("%s%-28s %8.2f\n", indent.c_str(), key.c_str(), value.get<double>());
    } else {
      std::printf("%s%-28s %s\n", indent.c_str(), key.c_str(), value.dump().c_str());
    }
  }
}

void runBenchmarkEval(const EvalArgs& a, engine::Session& session) {
  training::Benchmark::OpenOptions open;
  open.questions = a.questions;
  open.circular = !a.singlePass;
  const auto bench = training::Benchmark::open(a.benchmark, a.data, open);
  training::BenchmarkEvalOptions o;
  o.scheme = a.scheme;
  o.answersOut = a.answers;
  o.fresh = a.fresh;
  o.limit = a.limit;
  o.maxNewTokens = a.maxNewTokens;
  o.modelId = std::filesystem::path(a.model).filename().string();
  if (o.modelId.empty()) o.modelId = std::filesystem::path(a.model).parent_path().filename().string();
  if (!bench->submissionName().empty()) {
    o.submissionOut = a.submission;
    // Beside the answers, named after them (out/gqa.jsonl -> out/gqa-submission.json), so each
    // answers file keeps its own submission.
    if (o.submissionOut.empty() && !a.answers.empty()) {
      const std::filesystem::path answers(a.answers);
      o.submissionOut = (answers.parent_path() / (answers.stem().string() + "-submission" +
                                                  std::filesystem::path(bench->submissionName()).extension().string()))
                            .string();
    }
  } else if (!a.submission.empty()) {
    throw engine::EngineError(bench->info().title + " has no submission file; its ground truth is scored here");
  }
  o.onProgress = [](int64_t done, int64_t total) {
    progressBar(done, total);
    return true;
  };
  const auto r = training::evaluateBenchmark(session, *bench, o);
  if (a.json) {
    std::cout << r.toJson().dump(2) << std::endl;
    return;
  }
  const auto& s = r.score;
  std::printf("%s, scheme %s: %lld questions (%lld answered now, %lld from %s)\n", bench->info().title.c_str(),
              r.scheme.c_str(), static_cast<long long>(r.items), static_cast<long long>(r.answeredNow),
              static_cast<long long>(r.resumed), a.answers.empty() ? "-" : a.answers.c_str());
  if (bench->hasGroundTruth()) {
    if (s.unit == "%" && s.hasStandardError)
      std::printf("%s %.2f%% ± %.2f (%lld scored)\n", s.metric.c_str(), s.value, s.standardError,
                  static_cast<long long>(s.scored));
    else if (s.unit == "%")
      std::printf("%s %.2f%% (%lld scored)\n", s.metric.c_str(), s.value, static_cast<long long>(s.scored));
    else
      std::printf("%s %.2f %s (%lld scored)\n", s.metric.c_str(), s.value, s.unit.c_str(), static_cast<long long>(s.scored));
    printDetails(s.details, "  ");
  }
  for (const auto& n : r.notes) std::printf("note: %s\n", n.c_str());
  for (const auto& n : s.notes) std::printf("note: %s\n", n.c_str());
  if (!r.submissionFile.empty()) std::printf("submission file: %s\n", r.submissionFile.c_str());
  std::printf("prefill %.4f TFLOPs, %.1f ms per sample; #Tokens %.0f, CR %.2f\n", r.meanPrefillTflops, r.meanPrefillMs,
              r.visualTokensTotal, r.compressionRatio);
  std::fflush(stdout);
}

void runEval(const EvalArgs& a) {
  if (a.listBenchmarks) {
    printBenchmarks();
    return;
  }
  if (a.model.empty()) throw engine::EngineError("--model is required");
  if (a.benchmark.empty() && a.questions.empty())
    throw engine::EngineError("name what to evaluate on: --questions FILE, or --benchmark NAME --data DIR");
  if (!a.benchmark.empty()) {
    training::benchmarkInfo(a.benchmark);  // unknown or unsupported names fail before the model loads
    if (a.data.empty()) throw engine::EngineError("--benchmark needs --data, the benchmark's folder (playground/data/eval/<name>)");
    if (!a.groundTruth.empty() || !a.imageFolder.empty())
      throw engine::EngineError("--ground-truth and --image-folder are for question files; a benchmark reads its own from --data");
  } else if (!a.data.empty() || a.fresh || a.singlePass || !a.submission.empty()) {
    throw engine::EngineError("--data, --fresh, --single-pass and --submission go with --benchmark");
  }
  applyDeviceOptions(a.device);
  engine::LoadOptions load;
  load.device = engine::parseDevice(a.device.device, "--device");
  load.dtype = engine::parseDtype(a.device.dtype, load.device, "--dtype");
  load.visionTowerDir = a.visionTower;
  auto session = engine::Session::open(a.model, load);
  if (!a.benchmark.empty()) {
    runBenchmarkEval(a, *session);
    return;
  }
  training::EvalOptions o;
  o.scheme = a.scheme;
  o.answersOut = a.answers;
  o.groundTruth = a.groundTruth;
  o.imageFolder = a.imageFolder;
  o.allowImagesOutsideFolder = a.allowOutsideImages;
  o.limit = a.limit;
  o.maxNewTokens = a.maxNewTokens;
  o.onProgress = [](int64_t done, int64_t total) {
    progressBar(done, total);
    return true;
  };
  const auto r = training::evaluate(*session, a.questions, o);
  if (a.json) {
    std::cout << r.toJson().dump(2) << std::endl;
    return;
  }
  std::printf("scheme %s, %lld questions\n", r.scheme.c_str(), static_cast<long long>(r.questions));
  if (r.scored) {
    const training::CategoryScore all{r.accuracy.total, r.accuracy.correct};
    std::printf("accuracy %.1f%% ± %.1f (%lld/%lld)\n", 100 * r.accuracy.overall, 100 * all.standardError(),
                static_cast<long long>(r.accuracy.correct), static_cast<long long>(r.accuracy.total));
    for (const auto& [cat, s] : r.accuracy.perCategory)
      std::printf("  %-16s %5.1f%% ± %4.1f (%lld/%lld)\n", cat.empty() ? "(none)" : cat.c_str(), 100 * s.accuracy(),
                  100 * s.standardError(), static_cast<long long>(s.correct), static_cast<long long>(s.total));
  }
  std::printf("prefill %.4f TFLOPs, %.1f ms per sample; #Tokens %.0f, CR %.2f\n", r.meanPrefillTflops, r.meanPrefillMs,
              r.visualTokensTotal, r.compressionRatio);
}
struct CompareArgs {
  std::string groundTruth, answersA, answersB;
  bool json = false;
};

void runCompare(const CompareArgs& a) {
  const auto truth = training::readGroundTruthFile(a.groundTruth);
  const auto c = training::compareAnswers(training::readAnswerFile(a.answersA), training::readAnswerFile(a.answersB), truth);
  if (a.json) {
    std::cout << nlohmann::json(c).dump(2) << std::endl;
    return;
  }
  const training::CategoryScore sa{c.a.total, c.a.correct}, sb{c.b.total, c.b.correct};
  std::printf("A %.1f%% ± %.1f (%lld/%lld)  %s\n", 100 * c.a.overall, 100 * sa.standardError(),
              static_cast<long long>(c.a.correct), static_cast<long long>(c.a.total), a.answersA.c_str());
  std::printf("B %.1f%% ± %.1f (%lld/%lld)  %s\n", 100 * c.b.overall, 100 * sb.standardError(),
              static_cast<long long>(c.b.correct), static_cast<long long>(c.b.total), a.answersB.c_str());
  std::printf("difference A - B: %+.1f points; both right %lld, only A %lld, only B %lld, both wrong %lld\n",
              100 * (c.a.overall - c.b.overall), static_cast<long long>(c.bothCorrect), static_cast<long long>(c.onlyA),
              static_cast<long long>(c.onlyB), static_cast<long long>(c.bothWrong));
  std::printf("McNemar exact test (two-sided): p = %.3g, %s at 5%%\n", c.pValue,
              c.significant() ? "significant" : "not significant");
}
}  // namespace

void registerCompare(CLI::App& app) {
  auto args = std::make_shared<CompareArgs>();
  auto* cmd = app.add_subcommand(
      "compare", "Compare two answer files on the same questions: accuracies with standard errors and McNemar's exact test");
  cmd->add_option("answers_a", args->answersA, "Answer JSONL of model A (from eval --answers)")->required();
  cmd->add_option("answers_b", args->answersB, "Answer JSONL of model B")->required();
  cmd->add_option("--ground-truth", args->groundTruth, "Ground truth JSONL (answers.jsonl of the test split)")->required();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] { runCompare(*args); });
}

void registerEval(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand(
      "eval", "Answer a LLaVA question file, or one of LLaVA-1.5's benchmarks, and score it with its own metric");
  cmd->add_option("--model", args->model, "Model directory");
  cmd->add_option("--questions", args->questions,
                  "LLaVA question file (JSONL: question_id, image, text); with --benchmark mmbench, the .tsv to read");
  cmd->add_option("--benchmark", args->benchmark,
                  "One of LLaVA-1.5's benchmarks: vqav2, gqa, scienceqa, textvqa, pope, mme, mmbench, seed (see --list-benchmarks)");
  cmd->add_option("--data", args->data, "The benchmark's folder, in LLaVA's layout (playground/data/eval/<benchmark>)");
  cmd->add_flag("--list-benchmarks", args->listBenchmarks, "List the benchmarks, their files and metrics, and exit");
  cmd->add_flag("--fresh", args->fresh, "With --benchmark: overwrite --answers instead of resuming from it");
  cmd->add_flag("--single-pass", args->singlePass, "MMBench: ask each question once, not once per rotation of its options");
  cmd->add_option("--submission", args->submission,
                  "Where the server's submission file goes (VQAv2 test-dev, VizWiz test, MMBench test); default "
                  "beside --answers, named after it (ANSWERS-submission.json)");
  cmd->add_option("--scheme", args->scheme, "Compression scheme spec")->capture_default_str();
  cmd->add_option("--answers", args->answers,
                  "Write LLaVA answer JSONL here; with --benchmark, answers already in it are kept (resume)");
  cmd->add_option("--ground-truth", args->groundTruth, "Ground truth JSONL (default: answers.jsonl beside the questions)");
  cmd->add_option("--image-folder", args->imageFolder, "Folder the question images are relative to (default: the question file's)");
  cmd->add_flag("--allow-outside-images", args->allowOutsideImages,
                "Accept question image paths that are absolute or leave the image folder");
  cmd->add_option("--limit", args->limit, "Only the first N questions (0 = all)");
  cmd->add_option("--max-new-tokens", args->maxNewTokens, "Most tokens per answer")->capture_default_str();
  cmd->add_option("--vision-tower", args->visionTower,
                  "CLIP vision checkpoint for models without tower weights (original LLaVA layout), e.g. from pretrain-vision");
  cmd->add_flag("--json", args->json, "Print JSON");
  addDeviceOptions(*cmd, args->device);
  cmd->callback([args] { runEval(*args); });
}

}  // namespace llavolta::cli
