#include <chrono>
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/checkpoint.h"
#include "engine/tokenizer.h"

namespace llavolta::cli {

namespace {
struct InspectArgs {
  std::string model, visionTower;
  std::string dtype;  // empty: the memory line for fp32 and bf16
  bool load = false;  // read every weight too, in --dtype (fp32 without it), and time it
  bool json = false;
};

// What a model of `parameters` needs resident in `dtype`: the weights, and the KV cache per token
// of context (keys and values of every layer).
struct MemoryEstimate {
  std::string dtype;
  int64_t weightBytes = 0;
  int64_t kvBytesPerToken = 0;
  bool sameAsFiles = false;  // the files hold this dtype: loading copies, it does not convert
};

MemoryEstimate estimateMemory(const engine::ModelConfig& c, int64_t parameters, const std::string& checkpointDtype,
                              torch::Dtype dtype) {
  const int64_t bytes = static_cast<int64_t>(c10::elementSize(dtype));
  MemoryEstimate e;
  e.dtype = engine::dtypeName(dtype);
  e.weightBytes = parameters * bytes;
  e.kvBytesPerToken = 2 * c.text.numLayers * c.text.numKeyValueHeads * c.text.headDim() * bytes;
  // The checkpoint's safetensors dtype ("F32", "BF16", "F16") against ours ("fp32", ...).
  const std::string files = checkpointDtype == "F32" ? "fp32" : checkpointDtype == "BF16" ? "bf16"
                          : checkpointDtype == "F16" ? "fp16" : checkpointDtype;
  e.sameAsFiles = files == e.dtype;
  return e;
}

std::string gib(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

void runInspect(const InspectArgs& a) {
  engine::LoadOptions load;
  load.visionTowerDir = a.visionTower;
  // Names, shapes and counts only, unless --load: a 7B checkpoint is inspected in seconds.
  load.readWeights = a.load;
  if (a.load && !a.dtype.empty()) load.dtype = engine::parseDtype(a.dtype, torch::kCPU, "--dtype");
  const auto started = std::chrono::steady_clock::now();
  const auto m = engine::loadModel(a.model, load);
  const double loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto& c = m.config;
  const int64_t total = m.visionParameters + m.projectorParameters + m.languageParameters;
  nlohmann::json j = {
      {"model", a.model},
      {"layout", engine::layoutName(m.layout)},
      {"checkpoint_dtype", m.checkpointDtype},
      {"parameters", {{"vision_tower", m.visionParameters}, {"projector", m.projectorParameters},
                      {"language_model", m.languageParameters}, {"total", total}}},
      {"vision_tower", {{"hidden_size", c.vision.hiddenSize}, {"layers", c.vision.numLayers},
                        {"heads", c.vision.numHeads}, {"image_size", c.vision.imageSize},
                        {"patch_size", c.vision.patchSize}, {"feature_layer", c.visionFeatureLayer},
                        {"layers_run", c.visionLayersRun()}}},
      {"projector", c.projectorType},
      {"language_model", {{"hidden_size", c.text.hiddenSize}, {"layers", c.text.numLayers},
                          {"heads", c.text.numHeads}, {"kv_heads", c.text.numKeyValueHeads},
                          {"intermediate_size", c.text.intermediateSize}, {"vocab_size", c.text.vocabSize},
                          {"rms_norm_eps", c.text.rmsNormEps}, {"rope_theta", c.text.ropeTheta}}},
      {"visual_tokens", c.numVisualTokens()},
      {"image_aspect_ratio", c.imageAspectRatio},
      {"tokenizer_vocab_size", m.tokenizer->vocabSize()}};
  std::vector<MemoryEstimate> memory;
  if (a.dtype.empty()) {
    for (auto d : {torch::kFloat32, torch::kBFloat16}) memory.push_back(estimateMemory(c, total, m.checkpointDtype, d));
  } else {
    memory.push_back(estimateMemory(c, total, m.checkpointDtype, engine::parseDtype(a.dtype, torch::kCPU, "--dtype")));
  }
  for (const auto& e : memory)
    j["memory"][e.dtype] = {{"weight_bytes", e.weightBytes}, {"kv_cache_bytes_per_token", e.kvBytesPerToken},
                            {"same_dtype_as_files", e.sameAsFiles}};
  if (a.load)
    j["load"] = {{"dtype", engine::dtypeName(load.dtype)}, {"seconds", loadSeconds}, {"peak_rss_bytes", peakRssBytes()}};
  if (a.json) {
    std::cout << j.dump(2) << std::endl;
    return;
  }
  auto millions = [](int64_t n) { return std::to_string(n / 1000000) + "." + std::to_string((n / 100000) % 10) + "M"; };
  std::cout << "model          " << a.model << "\n"
            << "layout         " << engine::layoutName(m.layout) << " (tensors stored as " << m.checkpointDtype << ")\n"
            << "vision tower   CLIP ViT " << c.vision.numLayers << " layers, hidden " << c.vision.hiddenSize << ", "
            << c.vision.imageSize << "px / patch " << c.vision.patchSize << ", feature layer " << c.visionFeatureLayer
            << " -> " << c.numVisualTokens() << " visual tokens\n"
            << "projector      " << c.projectorType << "\n"
            << "language model LLaMA " << c.text.numLayers << " layers, hidden " << c.text.hiddenSize << ", heads "
            << c.text.numHeads << " (kv " << c.text.numKeyValueHeads << "), MLP " << c.text.intermediateSize
            << ", vocab " << c.text.vocabSize << "\n"
            << "parameters     vision " << millions(m.visionParameters) << " (" << m.visionParameters << "), projector "
            << millions(m.projectorParameters) << " (" << m.projectorParameters << "), language "
            << millions(m.languageParameters) << " (" << m.languageParameters << "), total " << millions(total) << " ("
            << total << ")\n"
            << "tokenizer      sentencepiece, " << m.tokenizer->vocabSize() << " pieces\n";
  for (const auto& e : memory) {
    // 576 visual tokens plus a short question and answer: a typical single-image chat.
    const int64_t context = c.numVisualTokens() + 512;
    std::cout << "memory " << e.dtype << std::string(e.dtype.size() < 8 ? 8 - e.dtype.size() : 0, ' ')
              << gib(e.weightBytes) << " of weights"
              << (e.sameAsFiles ? " (as stored)" : " (converted from " + m.checkpointDtype + " while loading)")
              << " + KV cache " << gib(e.kvBytesPerToken * context) << " for " << context << " tokens\n";
  }
  if (a.load) {
    const int64_t weights = total * static_cast<int64_t>(c10::elementSize(load.dtype));
    std::printf("loaded         %s in %.1f s, peak RSS %s (%.2fx the weights)\n", engine::dtypeName(load.dtype).c_str(),
                loadSeconds, gib(peakRssBytes()).c_str(), static_cast<double>(peakRssBytes()) / static_cast<double>(weights));
  }
}
}  // namespace

void registerInspect(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  auto* cmd = app.add_subcommand("inspect", "Print a model's architecture, parameter counts, layout and tokenizer");
  cmd->add_option("--model", args->model, "Model directory")->required();
  cmd->add_option("--vision-tower", args->visionTower, "CLIP checkpoint directory for original LLaVA checkpoints");
  cmd->add_option("--dtype", args->dtype,
                  "Print the memory a chat needs in this dtype (fp32, bf16; default: both)");
  cmd->add_flag("--load", args->load,
                "Also read every weight (in --dtype, fp32 without it) and report the load time and peak RSS");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] { runInspect(*args); });
}

}  // namespace llavolta::cli
