#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include <dlfcn.h>

#include <nlohmann/json.hpp>
#include <torch/cuda.h>

#include "common.h"
#include "engine/errors.h"
#include "engine/flops.h"
#include "engine/gemv.h"
#include "engine/session.h"
#include "engine/threads.h"

namespace llavolta::cli {

namespace {
struct BenchArgs {
  std::string model;
  std::vector<std::string> schemes{"none", "vcc:layer=2,stride=8", "vcc:layer=2,stride=2"};
  DeviceOptions device;
  int runs = 5;
  int warmup = 2;
  int64_t decodeTokens = 32;
  bool threadsSweep = false;
  bool json = false;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// GEMM roofline: the model's largest matmul shape (prompt tokens x hidden -> MLP
// width) timed in this process, on this device and dtype; the best of `runs`, as a
// roofline is what the machine can reach.
double rooflineGflops(int64_t n, int64_t k, int64_t m, const torch::Device& dev, torch::Dtype dt, int runs) {
  torch::NoGradGuard g;
  auto a = torch::randn({n, k}, torch::TensorOptions().dtype(dt).device(dev));
  auto b = torch::randn({m, k}, torch::TensorOptions().dtype(dt).device(dev));
  std::vector<double> times;
  for (int i = 0; i < runs + 2; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto c = torch::nn::functional::linear(a, b);
    if (dev.is_cuda()) torch::cuda::synchronize();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (i >= 2) times.push_back(s);
  }
  return 2.0 * static_cast<double>(n * k * m) / *std::min_element(times.begin(), times.end()) / 1e9;
}

// Memory read bandwidth: a 256 MiB buffer summed with the compute threads, best of `runs`. The
// bound for decoding, which reads every weight once per token.
double readBandwidthGBs(int runs) {
  torch::NoGradGuard g;
  auto buf = torch::ones({64ll << 20}, torch::TensorOptions().dtype(torch::kFloat32));
  double best = 1e30;
  for (int i = 0; i < runs + 1; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    auto s = buf.sum();
    (void)s.item<float>();
    const double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (i > 0) best = std::min(best, sec);
  }
  return static_cast<double>(buf.numel() * 4) / best / 1e9;
}

// The bytes a decode step reads: every LLM weight (the embedding table only for one row, unless
// it is tied to the output layer).
int64_t decodeWeightBytes(engine::LlavaModelImpl& net, const engine::ModelConfig& c) {
  int64_t bytes = 0;
  for (const auto& p : net.language_model->named_parameters(true)) {
    if (!c.text.tieWordEmbeddings && p.key().find("embed_tokens") != std::string::npos) continue;
    bytes += p.value().numel() * static_cast<int64_t>(p.value().element_size());
  }
  return bytes;
}

// The BLAS behind LibTorch, as OpenBLAS names its kernel set ("Haswell", "SkylakeX", ...), or
// what else is loaded. An old OpenBLAS falls back to older kernels on CPUs it does not know.
std::string blasKernel() {
  using Name = char* (*)();
  if (auto core = reinterpret_cast<Name>(dlsym(RTLD_DEFAULT, "openblas_get_corename"))) {
    std::string out = std::string("OpenBLAS ") + core();
    if (auto config = reinterpret_cast<Name>(dlsym(RTLD_DEFAULT, "openblas_get_config"))) out += " (" + std::string(config()) + ")";
    return out;
  }
  return "not OpenBLAS (BLIS, MKL or the reference BLAS)";
}

void runBench(const BenchArgs& a) {
  if (a.runs < 1) throw engine::EngineError("--runs must be at least 1");
  if (a.decodeTokens < 1) throw engine::EngineError("--decode-tokens must be at least 1");
  applyDeviceOptions(a.device);
  engine::LoadOptions load;
  load.device = engine::parseDevice(a.device.device, "--device");
  load.dtype = engine::parseDtype(a.device.dtype, load.device, "--dtype");
  auto session = engine::Session::open(a.model, load);
  const auto& cfg = session->model().config;
  const int64_t N = cfg.text.numLayers, L = cfg.numVisualTokens();

  // Parse every scheme before the first timing so a typo fails fast.
  std::vector<engine::SchemePtr> schemes;
  for (const auto& s : a.schemes) schemes.push_back(engine::makeScheme(s, N, L));

  engine::ChatPrompt prompt;
  prompt.turns.push_back({"Describe the image in detail.", ""});
  const auto ids = session->promptIds(prompt);
  torch::manual_seed(0);
  const auto S = cfg.vision.imageSize;
  auto pixels = torch::randn({1, 3, S, S});
  const int64_t textTokens = static_cast<int64_t>(ids.size()) - 1;
  const int64_t promptTokens = textTokens + L;

  engine::SamplingOptions sampling;
  sampling.maxNewTokens = a.decodeTokens;
  sampling.stopAtEos = false;

  const int rooflineRuns = std::max(2 * a.runs, 10);
  double roofline = rooflineGflops(promptTokens, cfg.text.hiddenSize, cfg.text.intermediateSize, load.device,
                                   load.dtype, rooflineRuns);
  // Schemes take turns run by run, so drift in the machine's speed (other load,
  // clocks) spreads over all of them instead of biasing the first.
  const size_t count = schemes.size();
  std::vector<std::vector<double>> prefillRuns(count), decodeRuns(count);
  std::vector<int64_t> kvBytes(count, 0);
  for (int r = 0; r < a.warmup + a.runs; ++r) {
    for (size_t i = 0; i < count; ++i) {
      auto out = engine::generate(session->network(), {ids}, pixels, *schemes[i], sampling);
      if (r < a.warmup) continue;
      prefillRuns[i].push_back(out.prefillMs);
      decodeRuns[i].push_back(out.decodeSteps > 0 ? 1000.0 * static_cast<double>(out.decodeSteps) / out.decodeMs : 0.0);
      kvBytes[i] = out.kvCacheBytes;
    }
  }
  roofline = std::max(roofline, rooflineGflops(promptTokens, cfg.text.hiddenSize, cfg.text.intermediateSize,
                                               load.device, load.dtype, rooflineRuns));
  nlohmann::json results = nlohmann::json::array();
  double baseMs = 0, baseFlops = 0;
  for (size_t i = 0; i < count; ++i) {
    const auto& scheme = *schemes[i];
    const auto& prefill = prefillRuns[i];
    const auto& decode = decodeRuns[i];
    const auto cost = engine::prefillCost(cfg, scheme.visualTokensPerLayer(N, L), textTokens);
    const double ms = median(prefill);
    if (i == 0) baseMs = ms, baseFlops = cost.flops;
    const double achieved = cost.flops / (ms / 1000.0) / 1e9;
    const double speedup = baseMs / ms, predicted = baseFlops / cost.flops;
    results.push_back({{"scheme", scheme.spec()},
                       {"prefill_ms", ms},
                       {"prefill_ms_runs", prefill},
                       {"decode_tokens_per_s", median(decode)},
                       {"prefill_tflops", cost.flops / 1e12},
                       {"achieved_gflops", achieved},
                       {"roofline_fraction", achieved / roofline},
                       {"speedup", speedup},
                       {"predicted_speedup", predicted},
                       {"speedup_vs_predicted", speedup / predicted},
                       {"visual_tokens_total", cost.visualTokensTotal},
                       {"compression_ratio", cost.compressionRatio},
                       {"kv_cache_bytes", kvBytes[i]}});
    if (!a.json) {
      std::fprintf(stderr, "%-24s prefill %8.1f ms  decode %7.1f tok/s  %6.1f GFLOP/s (%3.0f%% of roofline)  speedup %.2fx of predicted %.2fx\n",
                   scheme.spec().c_str(), ms, median(decode), achieved, 100 * achieved / roofline, speedup, predicted);
    }
  }
  // Decode against its bound: the weights (plus the average KV cache) read once per token at the
  // measured bandwidth.
  const double bandwidth = readBandwidthGBs(5);
  const int64_t weightBytes = decodeWeightBytes(session->network(), cfg);
  for (auto& r : results) {
    const double kv = static_cast<double>(r["kv_cache_bytes"].get<int64_t>());
    const double bound = bandwidth * 1e9 / (static_cast<double>(weightBytes) + kv);
    r["decode_bound_tokens_per_s"] = bound;
    r["decode_bound_fraction"] = r["decode_tokens_per_s"].get<double>() / bound;
    if (!a.json)
      std::fprintf(stderr, "%-24s decode %7.1f tok/s = %3.0f%% of the bandwidth bound %.1f tok/s\n",
                   r["scheme"].get<std::string>().c_str(), r["decode_tokens_per_s"].get<double>(),
                   100 * r["decode_bound_fraction"].get<double>(), bound);
  }

  // Scaling: the first scheme's prefill and decode at 1..N threads (N = the threads in use).
  nlohmann::json sweep = nlohmann::json::array();
  if (a.threadsSweep) {
    const int maxThreads = torch::get_num_threads();
    for (int t = 1; t <= maxThreads; ++t) {
      engine::setComputeThreads(t, "--threads-sweep");
      std::vector<double> pre, dec;
      for (int r = 0; r < a.warmup + a.runs; ++r) {
        auto out = engine::generate(session->network(), {ids}, pixels, *schemes[0], sampling);
        if (r < a.warmup) continue;
        pre.push_back(out.prefillMs);
        dec.push_back(out.decodeSteps > 0 ? 1000.0 * static_cast<double>(out.decodeSteps) / out.decodeMs : 0.0);
      }
      sweep.push_back({{"threads", t}, {"prefill_ms", median(pre)}, {"decode_tokens_per_s", median(dec)}});
      if (!a.json)
        std::fprintf(stderr, "threads %2d: %-24s prefill %8.1f ms  decode %7.1f tok/s\n", t, schemes[0]->spec().c_str(),
                     median(pre), median(dec));
    }
    engine::setComputeThreads(maxThreads, "--threads-sweep");
  }

  nlohmann::json j = {{"model", a.model},
                      {"device", a.device.device},
                      {"dtype", engine::dtypeName(load.dtype)},
                      {"threads", torch::get_num_threads()},
                      {"runs", a.runs},
                      {"prompt_tokens", promptTokens},
                      {"visual_tokens", L},
                      {"llm_layers", N},
                      {"decode_tokens", a.decodeTokens},
                      {"roofline_gflops", roofline},
                      {"roofline_shape", {promptTokens, cfg.text.hiddenSize, cfg.text.intermediateSize}},
                      {"peak_rss_bytes", peakRssBytes()},
                      {"memory_bandwidth_gbs", bandwidth},
                      {"decode_weight_bytes", weightBytes},
                      {"blas", blasKernel()},
                      {"bf16_gemv_kernel", engine::bf16GemvKernel()},
                      {"schemes", results}};
  if (a.threadsSweep) j["threads_sweep"] = sweep;
  if (a.json) {
    std::cout << j.dump(2) << std::endl;
  } else {
    std::printf("roofline %.1f GFLOP/s (GEMM %lldx%lldx%lld), memory bandwidth %.1f GB/s, peak RSS %.1f MiB\n"
                "BLAS: %s; bf16 one-row kernel: %s\n", roofline, static_cast<long long>(promptTokens), static_cast<long long>(cfg.text.hiddenSize),
                static_cast<long long>(cfg.text.intermediateSize), bandwidth, peakRssBytes() / 1048576.0,
                blasKernel().c_str(), engine::bf16GemvKernel());
  }
}
}  // namespace

void registerBenchSpeed(CLI::App& app) {
  auto args = std::make_shared<BenchArgs>();
  auto* cmd = app.add_subcommand("bench-speed", "Measure prefill latency, decode speed and efficiency per scheme");
  cmd->add_option("--model", args->model, "Model directory")->required();
  cmd->add_option("--scheme", args->schemes, "Scheme specs to compare (the first is the baseline)")->capture_default_str();
  cmd->add_option("--runs", args->runs, "Timed runs per scheme (median reported)")->capture_default_str();
  cmd->add_option("--warmup", args->warmup, "Untimed runs first")->capture_default_str();
  cmd->add_option("--decode-tokens", args->decodeTokens, "Tokens decoded per run")->capture_default_str();
  cmd->add_flag("--threads-sweep", args->threadsSweep,
                "Also time the first scheme at 1, 2, ... up to --threads (default: all cores)");
  cmd->add_flag("--json", args->json, "Print JSON");
  addDeviceOptions(*cmd, args->device);
  cmd->callback([args] { runBench(*args); });
}

}  // namespace llavolta::cli
