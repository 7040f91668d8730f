#include <csignal>
#include <cstdio>
#include <iostream>

#include "common.h"
#include "training/vision_pretrain.h"

namespace llavolta::cli {

namespace {
struct PretrainVisionArgs {
  std::string config;
  std::string output;
  int64_t steps = 0;
  bool resume = false;
  bool quiet = false;
};

std::atomic<bool> stopRequested{false};
extern "C" void onPretrainStop(int) { stopRequested.store(true); }

void runPretrainVision(const PretrainVisionArgs& a) {
  auto config = training::VisionPretrainConfig::fromFile(a.config);
  if (!a.output.empty()) config.outputDir = a.output;
  if (a.steps > 0) config.steps = a.steps;
  // SIGINT/SIGTERM: finish the step, write a checkpoint, exit cleanly.
  std::signal(SIGINT, onPretrainStop);
  std::signal(SIGTERM, onPretrainStop);
  training::VisionPretrainCallbacks cb;
  double msSum = 0;
  int64_t seen = 0;
  cb.onLog = [&](const std::string& m) {
    if (!a.quiet) std::fprintf(stderr, "\r%s\n", m.c_str());
  };
  cb.onMetric = [&](const nlohmann::json& m) {
    msSum += m.at("step_ms").get<double>();
    ++seen;
    if (a.quiet) return;
    const int64_t step = m.at("step");
    const double eta = (msSum / static_cast<double>(seen)) * static_cast<double>(config.steps - step) / 1000.0;
    std::fprintf(stderr, "\rstep %lld/%lld  loss %.4f (shape %.3f glyph %.3f)  lr %.2e  %.1f images/s  ETA %02d:%02d:%02d ",
                 static_cast<long long>(step), static_cast<long long>(config.steps), m.at("loss").get<double>(),
                 m.at("loss_shape").get<double>(), m.at("loss_glyph").get<double>(), m.at("lr").get<double>(),
                 m.at("images_per_s").get<double>(), static_cast<int>(eta) / 3600, (static_cast<int>(eta) / 60) % 60,
                 static_cast<int>(eta) % 60);
    std::fflush(stderr);
  };
  // The learning curve on held-out scenes: one line per evaluation, on stdout.
  cb.onEval = [&](const nlohmann::json& e) {
    if (!a.quiet) std::fprintf(stderr, "\n");
    std::printf("eval step %lld (%lld images seen): shape %.1f%%  colour %.1f%%  size %.1f%%  side %.1f%%  glyph %.1f%%  "
                "patch shape %.1f%%  centre error %.3f\n",
                static_cast<long long>(e.at("step").get<int64_t>()),
                static_cast<long long>(e.at("step").get<int64_t>() * config.batchSize), e.at("shape").get<double>(),
                e.at("colour").get<double>(), e.at("size").get<double>(), e.at("side").get<double>(),
                e.at("glyph").get<double>(), e.at("patch_shape").get<double>(), e.at("centre_error").get<double>());
    std::fflush(stdout);
  };
  const auto r = training::pretrainVision(config, a.resume, &stopRequested, cb);
  if (!a.quiet) std::fprintf(stderr, "\n");
  if (r.stopped) {
    std::cout << "stopped at step " << r.steps << "; resume with: llavolta pretrain-vision --config " << a.config
              << (a.output.empty() ? "" : " --out " + a.output) << " --resume\n";
  } else {
    std::cout << "finished " << r.steps << " steps; CLIP vision checkpoint in " << r.towerDirectory << "\n";
  }
}
}  // namespace

void registerPretrainVision(CLI::App& app) {
  auto args = std::make_shared<PretrainVisionArgs>();
  auto* cmd = app.add_subcommand("pretrain-vision",
                                 "Pretrain a CLIP vision tower on Shapes-VQA scenes (LLaVA's pretrained-CLIP step)");
  cmd->add_option("--config", args->config, "Pretraining config JSON (tower config, data, optimiser, loss weights)")->required();
  cmd->add_option("--out", args->output, "Output directory: the CLIP checkpoint, checkpoints/, metrics (overrides output_dir)");
  cmd->add_option("--steps", args->steps, "Override the number of steps (e.g. a short probe)");
  cmd->add_flag("--resume", args->resume, "Continue from the newest checkpoint in the output directory");
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->callback([args] { runPretrainVision(*args); });
}

}  // namespace llavolta::cli
