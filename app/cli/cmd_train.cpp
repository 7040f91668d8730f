#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "common.h"
#include "engine/errors.h"
#include "training/trainer.h"

namespace llavolta::cli {

namespace {
struct TrainArgs {
  std::string config;
  std::string output;
  bool resume = false;
  bool quiet = false;
  bool checkImages = false;
};

std::atomic<bool> stopRequested{false};
extern "C" void onStopSignal(int) { stopRequested.store(true); }

void runTrain(const TrainArgs& a) {
  auto config = training::RunConfig::fromFile(a.config);
  if (!a.output.empty()) config.outputDir = a.output;
  if (a.checkImages) config.checkImages = true;
  const int64_t total = config.totalSteps();
  // SIGINT/SIGTERM: finish the step, write a checkpoint, exit cleanly.
  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  training::TrainerCallbacks cb;
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
    const double eta = (msSum / static_cast<double>(seen)) * static_cast<double>(total - step) / 1000.0;
    // Stages count from 1, as the studio shows them (metrics.jsonl keeps the 0-based index).
    std::string aux;
    char text[48];
    if (m.contains("patch_word_loss")) {
      std::snprintf(text, sizeof text, "  patch words %.3f", m.at("patch_word_loss").get<double>());
      aux += text;
    }
    if (m.contains("grounding_loss")) {
      std::snprintf(text, sizeof text, "  grounding %.3f (%.0f%%)", m.at("grounding_loss").get<double>(),
                    100.0 * m.at("grounding_share").get<double>());
      aux += text;
    }
    if (m.contains("prompt_loss")) {
      std::snprintf(text, sizeof text, "  prompt %.3f", m.at("prompt_loss").get<double>());
      aux += text;
    }
    std::fprintf(stderr, "\rstep %lld/%lld  %s  stage %d %-22s loss %.4f%s  lr %.2e  %.1f samples/s  ETA %02d:%02d:%02d ",
                 static_cast<long long>(step), static_cast<long long>(total), m.at("phase").get<std::string>().c_str(),
                 m.at("stage").get<int>() + 1, m.at("scheme").get<std::string>().c_str(), m.at("loss").get<double>(),
                 aux.c_str(), m.at("lr").get<double>(), m.at("samples_per_s").get<double>(), static_cast<int>(eta) / 3600,
                 (static_cast<int>(eta) / 60) % 60, static_cast<int>(eta) % 60);
    std::fflush(stderr);
  };
  training::Trainer trainer(config);
  const auto r = trainer.run(a.resume, &stopRequested, cb);
  if (!a.quiet) std::fprintf(stderr, "\n");
  if (r.stopped) {
    std::cout << "stopped at step " << r.steps << "; resume with: llavolta train --config " << a.config << " --resume\n";
  } else {
    std::cout << "finished " << r.steps << " steps; model in " << config.outputDir << "/final\n";
  }
}
}  // namespace

void registerTrain(CLI::App& app) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train", "Train a LLaVA model with a staged compression schedule (LLaVolta)");
  cmd->add_option("--config", args->config, "Run config JSON (model, data, phases, schedule, optimiser)")->required();
  cmd->add_option("--output", args->output, "Run directory (overrides output_dir)");
  cmd->add_flag("--resume", args->resume, "Continue from the newest checkpoint in the run directory");
  cmd->add_flag("--quiet", args->quiet, "No progress on stderr");
  cmd->add_flag("--check-images", args->checkImages,
                "Decode every dataset image before the first step and list all that fail");
  cmd->callback([args] { runTrain(*args); });
}

}  // namespace llavolta::cli
