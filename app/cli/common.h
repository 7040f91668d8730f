#pragma once
// Shared helpers of the llavolta subcommands.
#include <string>

#include <CLI/CLI.hpp>
#include <torch/torch.h>

#include "engine/device.h"

namespace llavolta::cli {

struct DeviceOptions {
  std::string device = "cpu";
  std::string dtype = "fp32";
  int threads = 0;
};

void addDeviceOptions(CLI::App& cmd, DeviceOptions& o);
// Applies --threads and checks that the device exists; throws EngineError.
void applyDeviceOptions(const DeviceOptions& o);
int64_t peakRssBytes();

void registerChat(CLI::App& app);
void registerInspect(CLI::App& app);
void registerFlops(CLI::App& app);
void registerInitModel(CLI::App& app);
void registerBenchSpeed(CLI::App& app);
void registerTrain(CLI::App& app);
void registerEval(CLI::App& app);
void registerCompare(CLI::App& app);
void registerTokenizer(CLI::App& app);
void registerData(CLI::App& app);
void registerSchemes(CLI::App& app);
void registerPretrainVision(CLI::App& app);
void registerLaunch(CLI::App& app);

}  // namespace llavolta::cli
