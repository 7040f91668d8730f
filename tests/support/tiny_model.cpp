#include "support/tiny_model.h"

#include <filesystem>
#include <memory>
#include <vector>

#include "engine/tokenizer.h"
#include "support/check.h"

namespace llavolta::testing {
namespace fs = std::filesystem;

engine::ModelConfig tinyConfig() {
  engine::ModelConfig c;
  c.vision.hiddenSize = 32;
  c.vision.intermediateSize = 64;
  c.vision.numLayers = 3;
  c.vision.numHeads = 2;
  c.vision.imageSize = 56;
  c.vision.patchSize = 14;
  c.text.vocabSize = 520;
  c.text.hiddenSize = 64;
  c.text.intermediateSize = 128;
  c.text.numLayers = 4;
  c.text.numHeads = 4;
  c.text.numKeyValueHeads = 2;
  c.text.rmsNormEps = 1e-5;
  c.imageTokenIndex = 512;
  c.validate("tinyConfig");
  return c;
}

engine::LlavaModel randomModel(const engine::ModelConfig& config, uint64_t seed) {
  engine::LlavaModel m(config);
  engine::initRandom(*m, seed);
  m->eval();
  return m;
}

std::string tempDir() {
  static std::vector<std::unique_ptr<check::TempDir>> dirs;
  dirs.push_back(std::make_unique<check::TempDir>());
  return dirs.back()->path();
}

std::string sharedTokenizerFile() {
  static const std::string file = [] {
    const std::string path = tempDir() + "/tokenizer.model";
    engine::trainTokenizer(engine::builtinCorpus(), path, 512);
    return path;
  }();
  return file;
}

void writeModelDir(engine::LlavaModelImpl& model, const engine::ModelConfig& config, const std::string& dir,
                   engine::CheckpointLayout layout, uint64_t shardBytes) {
  engine::SaveOptions o;
  o.layout = layout;
  o.maxShardBytes = shardBytes;
  engine::saveModel(model, config, dir, o);
  fs::copy_file(sharedTokenizerFile(), fs::path(dir) / "tokenizer.model", fs::copy_options::overwrite_existing);
}

torch::Tensor randomPixels(const engine::ModelConfig& config, int64_t batch, uint64_t seed) {
  auto gen = at::detail::createCPUGenerator(seed);
  const auto S = config.vision.imageSize;
  return at::normal(0.0, 1.0, {batch, 3, S, S}, gen, torch::TensorOptions().dtype(torch::kFloat32));
}

}  // namespace llavolta::testing
