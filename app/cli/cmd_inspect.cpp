#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/checkpoint.h"
#include "engine/tokenizer.h"

namespace llavolta::cli {

namespace {
struct InspectArgs {
  std::string model, visionTower;
  bool json = false;
};

void runInspect(const InspectArgs& a) {
  engine::LoadOptions load;
  load.visionTowerDir = a.visionTower;
  const auto m = engine::loadModel(a.model, load);
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
}
}  // namespace

void registerInspect(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  auto* cmd = app.add_subcommand("inspect", "Print a model's architecture, parameter counts, layout and tokenizer");
  cmd->add_option("--model", args->model, "Model directory")->required();
  cmd->add_option("--vision-tower", args->visionTower, "CLIP checkpoint directory for original LLaVA checkpoints");
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->callback([args] { runInspect(*args); });
}

}  // namespace llavolta::cli
