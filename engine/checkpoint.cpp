#include "engine/checkpoint.h"

#include <cctype>

#include <filesystem>
#include <functional>
#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/json_file.h"
#include "engine/safetensors.h"
#include "engine/tokenizer.h"

namespace llavolta::engine {
namespace fs = std::filesystem;

namespace {

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }
bool endsWith(const std::string& s, const std::string& p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

bool ignoredTensor(const std::string& n) {
  return endsWith(n, "rotary_emb.inv_freq") || startsWith(n, "text_model.") || endsWith(n, "position_ids") ||
         n == "logit_scale" || startsWith(n, "text_projection.") || startsWith(n, "visual_projection.");
}

std::string replacePrefix(const std::string& s, const std::string& from, const std::string& to) {
  return to + s.substr(from.size());
}

std::string shapeString(torch::IntArrayRef s) {
  std::string r = "[";
  for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
  return r + "]";
}

}  // namespace

CheckpointLayout detectLayout(const std::vector<std::string>& names) {
  for (const auto& n : names) {
    if (startsWith(n, "language_model.")) return CheckpointLayout::LlavaHf;
    if (startsWith(n, "model.language_model.")) return CheckpointLayout::Transformers;
  }
  for (const auto& n : names)
    if (startsWith(n, "model.layers.") || startsWith(n, "model.mm_projector.") || startsWith(n, "model.embed_tokens."))
      return CheckpointLayout::OriginalLlava;
  throw EngineError("cannot tell the checkpoint layout: no tensor starts with language_model., "
                    "model.language_model. or model.layers. (is this a LLaVA checkpoint?)");
}

std::string canonicalTensorName(const std::string& n, CheckpointLayout layout) {
  if (ignoredTensor(n)) return "";
  // A separate CLIP checkpoint (original layout's tower), in any layout.
  if (startsWith(n, "vision_model.")) return "vision_tower." + n;
  switch (layout) {
    case CheckpointLayout::LlavaHf:
      return n;
    case CheckpointLayout::Transformers:
      if (startsWith(n, "model.vision_tower.")) return replacePrefix(n, "model.vision_tower.", "vision_tower.");
      if (startsWith(n, "model.multi_modal_projector."))
        return replacePrefix(n, "model.multi_modal_projector.", "multi_modal_projector.");
      if (startsWith(n, "model.language_model."))
        return replacePrefix(n, "model.language_model.", "language_model.model.");
      if (startsWith(n, "lm_head.")) return "language_model." + n;
      return n;
    case CheckpointLayout::OriginalLlava:
      if (startsWith(n, "model.mm_projector.0."))
        return replacePrefix(n, "model.mm_projector.0.", "multi_modal_projector.linear_1.");
      if (startsWith(n, "model.mm_projector.2."))
        return replacePrefix(n, "model.mm_projector.2.", "multi_modal_projector.linear_2.");
      if (startsWith(n, "model.vision_tower.vision_tower.vision_model."))
        return replacePrefix(n, "model.vision_tower.vision_tower.", "vision_tower.");
      if (startsWith(n, "model.")) return "language_model." + n;
      if (startsWith(n, "lm_head.")) return "language_model." + n;
      return n;
  }
  return n;
}

void loadWeights(LlavaModelImpl& model, const std::vector<const SafetensorsArchive*>& archives,
                 CheckpointLayout layout, const std::function<bool(int64_t, int64_t)>& onProgress) {
  torch::NoGradGuard noGrad;
  struct Source {
    const SafetensorsArchive* archive;
    std::string name;
  };
  std::map<std::string, Source> sources;
  for (const auto* a : archives) {
    for (const auto& n : a->names()) {
      const std::string canonical = canonicalTensorName(n, layout);
      if (canonical.empty()) continue;
      sources[canonical] = {a, n};
    }
  }
  auto params = model.named_parameters(true);
  const std::string embedName = "language_model.model.embed_tokens.weight";
  const std::string headName = "language_model.lm_head.weight";
  std::vector<std::string> missing;
  for (const auto& p : params) {
    if (sources.count(p.key())) continue;
    // Untied config but no lm_head stored: start from the embedding rather than fail.
    if (p.key() == headName && sources.count(embedName)) {
      spdlog::warn("checkpoint has no lm_head although the config does not tie word embeddings; "
                   "initialising lm_head from embed_tokens");
      sources[p.key()] = sources[embedName];
      continue;
    }
    missing.push_back(p.key());
  }
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size() && i < 5; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 5) list += " and " + std::to_string(missing.size() - 5) + " more";
    throw EngineError("checkpoint is missing " + std::to_string(missing.size()) + " tensor(s) the model needs: " + list);
  }
  std::set<std::string> used;
  int64_t done = 0;
  const int64_t total = static_cast<int64_t>(params.size());
  for (auto& p : params) {
    const auto& src = sources.at(p.key());
    const auto& info = src.archive->info(src.name);
    if (!std::equal(info.shape.begin(), info.shape.end(), p.value().sizes().begin(), p.value().sizes().end()))
      throw EngineError("tensor " + src.name + " has shape " + shapeString(info.shape) + ", the config needs " +
                        shapeString(p.value().sizes()) + " (for " + p.key() + ")");
    if (info.dtype != "F32" && info.dtype != "F16" && info.dtype != "BF16" && info.dtype != "F64")
      throw EngineError("tensor " + src.name + " has dtype " + info.dtype + ", expected F32, F16 or BF16");
    src.archive->loadInto(src.name, p.value());
    used.insert(src.name);
    ++done;
    if (onProgress && !onProgress(done, total)) throw EngineError("loading cancelled");
  }
  // Tied: the model has no lm_head parameter and uses embed_tokens, as transformers'
  // tie_weights() does. A stored lm_head is expected to be a copy of it.
  if (model.config().text.tieWordEmbeddings && sources.count(headName) && sources.count(embedName)) {
    const auto& head = sources.at(headName);
    const auto& embed = sources.at(embedName);
    used.insert(head.name);
    const auto a = head.archive->load(head.name).to(torch::kFloat32);
    const auto b = embed.archive->load(embed.name).to(torch::kFloat32);
    if (!a.sizes().equals(b.sizes()) || !torch::equal(a, b)) {
      const std::string diff = a.sizes().equals(b.sizes()) ? "differs by up to " + std::to_string((a - b).abs().max().item<double>())
                                                           : "has another shape";
      spdlog::warn("config.json ties word embeddings, but the checkpoint's {} {} from {}; using {} for both "
                   "(as transformers does); set \"tie_word_embeddings\": false in the text config to use both",
                   head.name, diff, embed.name, embed.name);
    }
  }
  int64_t unused = 0;
  for (const auto& [canonical, src] : sources)
    if (!used.count(src.name)) {
      if (++unused <= 3) spdlog::warn("checkpoint tensor {} is not used by the model", src.name);
    }
}

namespace {

// Layer count implied by tensor names "<prefix>N." (highest N + 1), 0 when none.
int64_t layersInNames(const std::vector<std::string>& canonical, const std::string& prefix) {
  int64_t count = 0;
  for (const auto& n : canonical) {
    if (n.compare(0, prefix.size(), prefix) != 0) continue;
    int64_t v = 0;
    size_t i = prefix.size();
    while (i < n.size() && std::isdigit(static_cast<unsigned char>(n[i])) && v < (int64_t(1) << 40)) v = v * 10 + (n[i++] - '0');
    if (i > prefix.size() && i < n.size() && n[i] == '.') count = std::max(count, v + 1);
  }
  return count;
}

// The config's sizes against the tensors the files hold, before the model is allocated: a
// config.json that does not belong to these weights (or was damaged) must not first allocate a
// model of its own size and fail later.
void checkConfigAgainstTensors(const ModelConfig& config, const std::vector<const SafetensorsArchive*>& archives,
                               CheckpointLayout layout, const std::string& source) {
  std::vector<std::string> canonical;
  std::map<std::string, std::pair<const SafetensorsArchive*, std::string>> where;
  for (const auto* a : archives)
    for (const auto& n : a->names()) {
      const std::string c = canonicalTensorName(n, layout);
      if (c.empty()) continue;
      canonical.push_back(c);
      where[c] = {a, n};
    }
  auto mismatch = [&](const std::string& what, int64_t config, int64_t tensors) {
    throw EngineError(source + ": config.json says " + what + " " + std::to_string(config) + " but the weights hold " +
                      std::to_string(tensors) + "; the config does not belong to these weights (or one of them is damaged)");
  };
  const int64_t textLayers = layersInNames(canonical, "language_model.model.layers.");
  if (textLayers > 0 && textLayers != config.text.numLayers) mismatch("text num_hidden_layers", config.text.numLayers, textLayers);
  const int64_t visionLayers = layersInNames(canonical, "vision_tower.vision_model.encoder.layers.");
  // A tower may be stored without its unused last layers; it may never hold fewer than it runs.
  if (visionLayers > 0 && visionLayers < config.visionLayersRun())
    mismatch("vision num_hidden_layers (layers run)", config.visionLayersRun(), visionLayers);
  auto shapeOf = [&](const std::string& name) -> std::vector<int64_t> {
    auto it = where.find(name);
    if (it == where.end()) return {};
    return it->second.first->info(it->second.second).shape;
  };
  const auto embed = shapeOf("language_model.model.embed_tokens.weight");
  if (embed.size() == 2) {
    if (embed[0] != config.text.vocabSize) mismatch("vocab_size", config.text.vocabSize, embed[0]);
    if (embed[1] != config.text.hiddenSize) mismatch("text hidden_size", config.text.hiddenSize, embed[1]);
  }
  const auto patch = shapeOf("vision_tower.vision_model.embeddings.patch_embedding.weight");
  if (patch.size() == 4) {
    if (patch[0] != config.vision.hiddenSize) mismatch("vision hidden_size", config.vision.hiddenSize, patch[0]);
    if (patch[2] != config.vision.patchSize) mismatch("vision patch_size", config.vision.patchSize, patch[2]);
  }
  const auto gate = shapeOf("language_model.model.layers.0.mlp.gate_proj.weight");
  if (gate.size() == 2 && gate[0] != config.text.intermediateSize)
    mismatch("text intermediate_size", config.text.intermediateSize, gate[0]);
}

}  // namespace

LoadedModel loadModel(const std::string& directory, const LoadOptions& options) {
  const fs::path dir(directory);
  if (!fs::is_directory(dir)) throw EngineError("model directory " + directory + " does not exist");
  if (!fs::exists(dir / "config.json"))
    throw EngineError("model directory " + directory + " has no config.json");
  requireRegularFile((dir / "config.json").string(), "config file");
  LoadedModel out;
  out.directory = directory;
  out.config = ModelConfig::fromFile((dir / "config.json").string());

  const fs::path tokenizerFile = dir / "tokenizer.model";
  if (!fs::exists(tokenizerFile))
    throw EngineError("model directory " + directory + " has no tokenizer.model (a sentencepiece model is required)");
  out.tokenizer = Tokenizer::load(tokenizerFile.string());

  SafetensorsArchive weights(directory);
  const auto names = weights.names();
  out.layout = detectLayout(names);

  std::unique_ptr<SafetensorsArchive> tower;
  bool hasTower = false;
  for (const auto& n : names)
    if (canonicalTensorName(n, out.layout).rfind("vision_tower.", 0) == 0) hasTower = true;
  if (!hasTower) {
    std::vector<std::string> candidates;
    if (!options.visionTowerDir.empty()) candidates.push_back(options.visionTowerDir);
    candidates.push_back((dir / "vision_tower").string());
    if (!out.config.visionTowerName.empty()) {
      candidates.push_back((dir / out.config.visionTowerName).string());
      candidates.push_back(out.config.visionTowerName);
    }
    std::string towerDir;
    for (const auto& c : candidates)
      if (fs::is_directory(c)) {
        towerDir = c;
        break;
      }
    if (towerDir.empty())
      throw EngineError("checkpoint in " + directory + " holds no vision tower weights; pass the CLIP checkpoint "
                        "directory (e.g. clip-vit-large-patch14-336) as --vision-tower DIR or put it in " +
                        (dir / "vision_tower").string());
    tower = std::make_unique<SafetensorsArchive>(towerDir);
    if (fs::exists(fs::path(towerDir) / "config.json")) {
      const auto j = readJsonFile((fs::path(towerDir) / "config.json").string(), "vision tower config");
      out.config.vision = visionConfigFromJson(j, towerDir + "/config.json");
      out.config.validate(directory + "/config.json with " + towerDir);
    }
  }

  std::map<std::string, int64_t> dtypeCount;
  for (const auto& n : names) dtypeCount[weights.info(n).dtype]++;
  int64_t best = 0;
  for (const auto& [d, c] : dtypeCount)
    if (c > best) best = c, out.checkpointDtype = d;

  std::vector<const SafetensorsArchive*> archives{&weights};
  if (tower) archives.push_back(tower.get());
  checkConfigAgainstTensors(out.config, archives, out.layout, directory);
  out.model = LlavaModel(out.config, ModuleOptions{options.dtype});
  if (options.readWeights) loadWeights(*out.model, archives, out.layout, options.onProgress);
  out.model->eval();
  if (options.device != torch::Device(torch::kCPU)) out.model->to(options.device);

  for (const auto& p : out.model->named_parameters(true)) {
    const auto n = p.value().numel();
    if (p.key().rfind("vision_tower.", 0) == 0) out.visionParameters += n;
    else if (p.key().rfind("multi_modal_projector.", 0) == 0) out.projectorParameters += n;
    else out.languageParameters += n;
  }
  return out;
}

void loadVisionTower(LlavaModelImpl& model, const std::string& directory) {
  if (!fs::is_directory(directory)) throw EngineError("vision tower directory " + directory + " does not exist");
  SafetensorsArchive archive(directory);
  std::map<std::string, std::string> sources;  // model name -> archive name
  for (const auto& n : archive.names()) {
    const auto canonical = canonicalTensorName(n, CheckpointLayout::OriginalLlava);
    if (canonical.rfind("vision_tower.", 0) == 0) sources[canonical] = n;
  }
  torch::NoGradGuard noGrad;
  for (auto& p : model.vision_tower->named_parameters(true)) {
    const std::string name = "vision_tower." + p.key();
    const auto it = sources.find(name);
    if (it == sources.end())
      throw EngineError("vision tower checkpoint " + directory + " has no tensor " + p.key() + " (not a CLIP vision checkpoint?)");
    const auto& info = archive.info(it->second);
    if (!std::equal(info.shape.begin(), info.shape.end(), p.value().sizes().begin(), p.value().sizes().end()))
      throw EngineError("tensor " + it->second + " in " + directory + " has shape " + shapeString(info.shape) +
                        ", the model's vision config needs " + shapeString(p.value().sizes()));
    p.value().copy_(archive.load(it->second).to(p.value().dtype()));
  }
}

std::vector<std::pair<std::string, torch::Tensor>> namedTensorsForLayout(
    LlavaModelImpl& model, CheckpointLayout layout, std::vector<std::pair<std::string, torch::Tensor>>* visionTower) {
  std::vector<std::pair<std::string, torch::Tensor>> out;
  for (const auto& p : model.named_parameters(true)) {
    std::string n = p.key();
    const auto t = p.value().detach();
    switch (layout) {
      case CheckpointLayout::LlavaHf:
        break;
      case CheckpointLayout::Transformers:
        if (startsWith(n, "vision_tower.") || startsWith(n, "multi_modal_projector.")) n = "model." + n;
        else if (startsWith(n, "language_model.model.")) n = replacePrefix(n, "language_model.model.", "model.language_model.");
        else if (startsWith(n, "language_model.lm_head.")) n = replacePrefix(n, "language_model.", "");
        break;
      case CheckpointLayout::OriginalLlava:
        if (startsWith(n, "vision_tower.")) {
          n = n.substr(std::string("vision_tower.").size());
          if (visionTower) {
            visionTower->emplace_back(n, t);
            continue;
          }
          n = "model.vision_tower.vision_tower." + n;
        } else if (startsWith(n, "multi_modal_projector.linear_1.")) {
          n = replacePrefix(n, "multi_modal_projector.linear_1.", "model.mm_projector.0.");
        } else if (startsWith(n, "multi_modal_projector.linear_2.")) {
          n = replacePrefix(n, "multi_modal_projector.linear_2.", "model.mm_projector.2.");
        } else {
          n = n.substr(std::string("language_model.").size());
        }
        break;
    }
    out.emplace_back(n, t);
  }
  return out;
}

namespace {

std::string torchDtypeName(torch::Dtype d) {
  return d == torch::kFloat32 ? "float32" : d == torch::kBFloat16 ? "bfloat16" : "float16";
}

// Values for one tensor of a random model, in the order of the model's parameters: transformers'
// random init (normal(0, 0.02) weights, zero biases, unit norm scales). The rule reads only
// the ".bias" suffix and "norm" in the name, which every layout's names keep.
torch::Tensor randomInitValue(const std::string& name, at::IntArrayRef shape, at::Generator& gen) {
  const auto f32 = torch::TensorOptions().dtype(torch::kFloat32);
  if (endsWith(name, ".bias")) return torch::zeros(shape, f32);
  if (endsWith(name, ".weight") && name.find("norm") != std::string::npos) return torch::ones(shape, f32);
  return at::normal(0.0, 0.02, shape, gen, f32);
}

using TensorSource = std::function<torch::Tensor(const std::string& name, const torch::Tensor& parameter)>;

// Streams the tensors to dir: each is made by `source`, converted to the saved dtype, written
// and released before the next. In the parameters' order (sharded, or `nameOrder` false) or
// in name order.
void writeTensors(const fs::path& dir, const std::vector<std::pair<std::string, torch::Tensor>>& tensors,
                  const SaveOptions& options, const TensorSource& source, bool nameOrder) {
  std::vector<StreamedTensor> streamed;
  streamed.reserve(tensors.size());
  const auto dtype = options.dtype;
  for (const auto& [n, t] : tensors)
    streamed.push_back({n, dtype, t.sizes().vec(), [&source, n = n, t = t, dtype] {
                          return source(n, t).to(torch::kCPU, dtype).contiguous();
                        }});
  if (options.maxShardBytes > 0) {
    saveShardedSafetensorsStreamed(dir.string(), streamed, options.maxShardBytes);
  } else {
    if (nameOrder)
      std::sort(streamed.begin(), streamed.end(),
                [](const StreamedTensor& x, const StreamedTensor& y) { return x.name < y.name; });
    saveSafetensorsStreamed((dir / "model.safetensors").string(), streamed, {{"format", "pt"}});
  }
}

void writeModel(LlavaModelImpl& model, const ModelConfig& config, const std::string& directory,
                const SaveOptions& options, const TensorSource& source, bool nameOrder) {
  const fs::path dir(directory);
  fs::create_directories(dir);
  nlohmann::json cj = config.toJson();
  if (options.layout != CheckpointLayout::OriginalLlava) {
    writeTensors(dir, namedTensorsForLayout(model, options.layout), options, source, nameOrder);
    cj["torch_dtype"] = torchDtypeName(options.dtype);
    writeJsonFileAtomically((dir / "config.json").string(), cj);
    return;
  }
  // The LLaVA repo's layout: LLM + projector in the model directory with a flat
  // LLaMA config and mm_* keys; the CLIP tower in its own checkpoint (here vision_tower/).
  std::vector<std::pair<std::string, torch::Tensor>> tower;
  auto tensors = namedTensorsForLayout(model, options.layout, &tower);
  // The tower first: its parameters come first in the model, the order a random model's
  // values are drawn in.
  fs::create_directories(dir / "vision_tower");
  SaveOptions single = options;
  single.maxShardBytes = 0;
  writeTensors(dir / "vision_tower", tower, single, source, nameOrder);
  writeTensors(dir, tensors, options, source, nameOrder);
  nlohmann::json orig = cj["text_config"];
  orig["architectures"] = {"LlavaLlamaForCausalLM"};
  orig["model_type"] = "llava_llama";
  orig["mm_vision_tower"] = "vision_tower";
  orig["mm_hidden_size"] = config.vision.hiddenSize;
  orig["mm_projector_type"] = "mlp2x_gelu";
  orig["mm_vision_select_layer"] = config.visionFeatureLayer;
  orig["mm_vision_select_feature"] = config.selectStrategy == "full" ? "cls_patch" : "patch";
  orig["image_aspect_ratio"] = config.imageAspectRatio;
  orig["torch_dtype"] = torchDtypeName(options.dtype);
  orig["llavolta"] = cj["llavolta"];
  writeJsonFileAtomically((dir / "config.json").string(), orig);
  writeJsonFileAtomically((dir / "vision_tower" / "config.json").string(),
                      {{"model_type", "clip"}, {"vision_config", cj["vision_config"]}});
}

}  // namespace

void saveModel(LlavaModelImpl& model, const ModelConfig& config, const std::string& directory, const SaveOptions& options) {
  writeModel(model, config, directory, options, [](const std::string&, const torch::Tensor& t) { return t; }, true);
}

void writeRandomModel(const ModelConfig& config, const std::string& directory, uint64_t seed, const SaveOptions& options) {
  // The parameters are allocated but never written, so they take address space, not memory;
  // only the tensor being written is resident (besides its fp32 draw).
  LlavaModel model(config);
  auto gen = at::detail::createCPUGenerator(seed);
  writeModel(*model, config, directory, options,
             [&gen](const std::string& name, const torch::Tensor& t) { return randomInitValue(name, t.sizes(), gen); },
             false);
}

void initRandom(LlavaModelImpl& model, uint64_t seed) {
  torch::NoGradGuard noGrad;
  auto gen = at::detail::createCPUGenerator(seed);
  for (auto& p : model.named_parameters(true)) p.value().copy_(randomInitValue(p.key(), p.value().sizes(), gen));
}

}  // namespace llavolta::engine
