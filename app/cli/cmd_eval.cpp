#include <cstdio>
#include <iostream>

#include "common.h"
#include <nlohmann/json.hpp>

#include "training/evaluator.h"
#include "training/scoring.h"

namespace llavolta::cli {

namespace {
struct EvalArgs {
  std::string model, questions, scheme = "none", answers, groundTruth, imageFolder, visionTower;
  int64_t limit = 0, maxNewTokens = 16;
  DeviceOptions device;
  bool json = false;
  bool allowOutsideImages = false;
};

void runEval(const EvalArgs& a) {
  applyDeviceOptions(a.device);
  engine::LoadOptions load;
  load.device = engine::parseDevice(a.device.device, "--device");
  load.dtype = engine::parseDtype(a.device.dtype, load.device, "--dtype");
  load.visionTowerDir = a.visionTower;
  auto session = engine::Session::open(a.model, load);
  training::EvalOptions o;
  o.scheme = a.scheme;
  o.answersOut = a.answers;
  o.groundTruth = a.groundTruth;
  o.imageFolder = a.imageFolder;
  o.allowImagesOutsideFolder = a.allowOutsideImages;
  o.limit = a.limit;
  o.maxNewTokens = a.maxNewTokens;
  o.onProgress = [&](int64_t done, int64_t total) {
    const int width = 30;
    const int filled = total > 0 ? static_cast<int>(width * done / total) : width;
    std::fprintf(stderr, "\r[%s%s] %lld/%lld", std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                 static_cast<long long>(done), static_cast<long long>(total));
    if (done == total) std::fprintf(stderr, "\n");
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
  auto* cmd = app.add_subcommand("eval", "Answer a LLaVA question file; score it against ground truth if present");
  cmd->add_option("--model", args->model, "Model directory")->required();
  cmd->add_option("--questions", args->questions, "LLaVA question file (JSONL: question_id, image, text)")->required();
  cmd->add_option("--scheme", args->scheme, "Compression scheme spec")->capture_default_str();
  cmd->add_option("--answers", args->answers, "Write LLaVA answer JSONL here");
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
