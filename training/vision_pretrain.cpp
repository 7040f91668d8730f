#include "training/vision_pretrain.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <future>

#include <ATen/autocast_mode.h>
#include <opencv2/imgproc.hpp>
#include <torch/cuda.h>
#include <torch/torch.h>

#include "engine/config.h"
#include "engine/device.h"
#include "engine/errors.h"
#include "engine/json_file.h"
#include "engine/safetensors.h"
#include "engine/session.h"
#include "engine/threads.h"
#include "engine/vision_tower.h"
#include "training/run_files.h"
#include "training/shapes_detail.h"
#include "training/shapes_vqa.h"
#include "training/trainer.h"

namespace llavolta::training {

using engine::EngineError;
using engine::readJsonKey;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr int kMaxObjects = 5;
constexpr int kGlyphClasses = 10 + 21;  // digits, then shapes::kLabelLetters
constexpr int kPatchClasses = 1 + kShapeKindCount;  // background, then the kinds

std::string resolvePath(const std::string& p, const std::string& base) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(base) / p).lexically_normal().string();
}

// The probe heads: linear read-outs of the tower's features, so that what they learn to read
// is what the projector can read too. Kept in the run's checkpoints, not in the tower.
class PretrainHeadsImpl : public torch::nn::Module {
 public:
  explicit PretrainHeadsImpl(int64_t d) {
    norm = register_module("norm", torch::nn::LayerNorm(torch::nn::LayerNormOptions({d})));
    kind = register_module("kind", torch::nn::Linear(d, kShapeKindCount));
    colour = register_module("colour", torch::nn::Linear(d, kShapeColourCount));
    size = register_module("size", torch::nn::Linear(d, 2));
    centre = register_module("centre", torch::nn::Linear(d, 2));
    glyph = register_module("glyph", torch::nn::Linear(d, kGlyphClasses));
    patch = register_module("patch", torch::nn::Linear(d, kPatchClasses));
  }
  torch::nn::LayerNorm norm{nullptr};
  torch::nn::Linear kind{nullptr}, colour{nullptr}, size{nullptr}, centre{nullptr}, glyph{nullptr}, patch{nullptr};
};
TORCH_MODULE(PretrainHeads);

// Targets for a batch of scenes, read from the scene descriptions.
struct SceneBatch {
  torch::Tensor pixels;         // [B, 3, S, S]
  torch::Tensor objectWeights;  // [B, O, P] share of each patch the object covers
  torch::Tensor objectValid;    // [B, O] bool
  torch::Tensor sizeKnown;      // [B, O] bool: small/large is relative to the scene, so not under zoom
  torch::Tensor kind, colour, size;  // [B, O] long
  torch::Tensor centre;         // [B, O, 2] in [-1, 1]
  torch::Tensor labelWeights;   // [B, P] share of each patch the label's box covers
  torch::Tensor labelClass;     // [B] long, -1 = no label
  torch::Tensor patchClass;     // [B, P] long: 0 background, 1 + kind
};

int glyphClass(const std::string& text) {
  const char c = text.at(0);
  if (c >= '0' && c <= '9') return c - '0';
  const auto pos = shapes::kLabelLetters.find(c);
  if (pos == std::string::npos) throw EngineError(std::string("internal: unexpected label glyph ") + c);
  return 10 + static_cast<int>(pos);
}

// Coverage of each patch of a grid x grid tiling by a binary mask drawn at render size.
torch::Tensor coverage(const cv::Mat& mask, int grid) {
  auto cov = shapes::patchCoverage(mask, grid);
  return torch::from_blob(cov.data(), {static_cast<int64_t>(cov.size())}, torch::kFloat32).clone();
}

// The square of the scene a sample shows: zoom 1 is the whole scene.
cv::Rect cropFor(uint64_t seed, int64_t index, int size, double maxZoom) {
  if (maxZoom <= 1.0) return {0, 0, size, size};
  shapes::Rng rng(shapes::mix64(shapes::mix64(seed ^ 0x7A6F6F6DULL) ^ static_cast<uint64_t>(index)));
  const double zoom = rng.uniform(1.0, maxZoom);
  const int side = std::clamp(static_cast<int>(std::lround(size / zoom)), 16, size);
  return {rng.uniformInt(0, size - side), rng.uniformInt(0, size - side), side, side};
}

engine::RgbImage cropImage(const engine::RgbImage& img, const cv::Rect& r) {
  if (r.x == 0 && r.y == 0 && r.width == img.width && r.height == img.height) return img;
  engine::RgbImage out;
  out.width = r.width, out.height = r.height;
  out.pixels.resize(static_cast<size_t>(r.width) * r.height * 3);
  for (int y = 0; y < r.height; ++y)
    std::copy_n(img.pixels.data() + (static_cast<size_t>(r.y + y) * img.width + r.x) * 3, static_cast<size_t>(r.width) * 3,
                out.pixels.data() + static_cast<size_t>(y) * r.width * 3);
  return out;
}

SceneBatch makeBatch(const ShapesGenerator& gen, int64_t first, int64_t count, const engine::ImageOptions& io,
                     int grid, double maxZoom = 1.0) {
  const int64_t P = static_cast<int64_t>(grid) * grid;
  SceneBatch b;
  std::vector<torch::Tensor> pixels;
  b.objectWeights = torch::zeros({count, kMaxObjects, P});
  b.objectValid = torch::zeros({count, kMaxObjects}, torch::kBool);
  b.sizeKnown = torch::zeros({count, kMaxObjects}, torch::kBool);
  b.kind = torch::zeros({count, kMaxObjects}, torch::kLong);
  b.colour = torch::zeros({count, kMaxObjects}, torch::kLong);
  b.size = torch::zeros({count, kMaxObjects}, torch::kLong);
  b.centre = torch::zeros({count, kMaxObjects, 2});
  b.labelWeights = torch::zeros({count, P});
  b.labelClass = torch::full({count}, -1, torch::kLong);
  b.patchClass = torch::zeros({count, P}, torch::kLong);
  for (int64_t i = 0; i < count; ++i) {
    const auto sample = gen.sample(static_cast<int>(first + i));
    const auto& scene = sample.scene;
    const int n = scene.imageSize;
    const cv::Rect crop = cropFor(gen.options().seed, first + i, n, maxZoom);
    pixels.push_back(engine::preprocessImage(cropImage(renderScene(scene), crop), io));
    auto best = torch::zeros({P});
    for (int o = 0; o < static_cast<int>(scene.shapes.size()) && o < kMaxObjects; ++o) {
      const auto& s = scene.shapes[o];
      const cv::Mat full = shapes::objectMask(s, n);
      const cv::Mat shown = full(crop);
      const auto cov = coverage(shown, grid);
      // An object counts when most of it is in view (its attributes are then visible).
      const double visible = cv::countNonZero(shown), area = std::max(1, cv::countNonZero(full));
      b.objectWeights[i][o] = cov;
      b.objectValid[i][o] = visible >= 0.6 * area;
      b.kind[i][o] = static_cast<int64_t>(s.kind);
      b.colour[i][o] = static_cast<int64_t>(s.colour);
      b.size[i][o] = s.size == ShapeSize::Large ? 1 : 0;
      b.sizeKnown[i][o] = visible >= 0.6 * area && crop.width >= 0.8 * n;
      b.centre[i][o][0] = 2.0 * (s.cx - crop.x) / crop.width - 1.0;
      b.centre[i][o][1] = 2.0 * (s.cy - crop.y) / crop.height - 1.0;
      // A patch belongs to the kind covering at least a quarter of it (shapes never overlap).
      const auto own = cov.ge(0.25).logical_and(cov.gt(best));
      b.patchClass[i].masked_fill_(own, static_cast<int64_t>(s.kind) + 1);
      best = torch::maximum(best, cov);
      if (s.placement != LabelPlacement::None && !s.text.empty()) {
        cv::Mat m = cv::Mat::zeros(n, n, CV_8U);
        const cv::Rect box(s.textBox.x, s.textBox.y, s.textBox.width, s.textBox.height);
        cv::rectangle(m, box, cv::Scalar(255), cv::FILLED);
        if ((box & crop) == box) {  // the whole glyph in view
          b.labelWeights[i] = coverage(m(crop), grid);
          b.labelClass[i] = glyphClass(s.text);
        }
      }
    }
  }
  b.pixels = torch::stack(pixels);
  return b;
}

struct Losses {
  torch::Tensor total, kind, colour, size, centre, glyph, patch;
};

struct Readout {
  torch::Tensor kindLogits, colourLogits, sizeLogits, centre;  // valid objects only
  torch::Tensor glyphLogits;                                   // labelled images only
  torch::Tensor patchLogits;                                   // [B*P, classes]
};

Readout readOut(PretrainHeadsImpl& heads, const torch::Tensor& features, const SceneBatch& b) {
  auto h = heads.norm(features.to(torch::kFloat32));  // [B, P, D]
  Readout r;
  const auto device = h.device();
  const auto w = b.objectWeights.to(device);
  auto pooled = torch::bmm(w, h) / w.sum(-1, true).clamp_min(1e-6);  // [B, O, D]
  const auto valid = b.objectValid.to(device);
  auto objects = pooled.index({valid});  // [N, D]
  r.kindLogits = heads.kind(objects);
  r.colourLogits = heads.colour(objects);
  r.sizeLogits = heads.size(objects);
  r.centre = heads.centre(objects);
  const auto labelled = b.labelClass.ge(0).to(device);
  const auto lw = b.labelWeights.to(device).unsqueeze(1);  // [B, 1, P]
  auto labels = (torch::bmm(lw, h).squeeze(1) / lw.sum(-1).clamp_min(1e-6)).index({labelled});
  r.glyphLogits = heads.glyph(labels);
  r.patchLogits = heads.patch(h).reshape({-1, kPatchClasses});
  return r;
}

Losses lossesFor(const Readout& r, const SceneBatch& b, const VisionPretrainConfig& c) {
  namespace F = torch::nn::functional;
  const auto device = r.kindLogits.device();
  const auto valid = b.objectValid.to(device);
  Losses l;
  l.kind = F::cross_entropy(r.kindLogits, b.kind.to(device).index({valid}));
  l.colour = F::cross_entropy(r.colourLogits, b.colour.to(device).index({valid}));
  // Size where the view shows the whole scene (or nearly): among valid objects, those with sizeKnown.
  const auto known = b.sizeKnown.to(device).index({valid});
  l.size = known.any().item<bool>()
               ? F::cross_entropy(r.sizeLogits.index({known}), b.size.to(device).index({valid}).index({known}))
               : torch::zeros({}, r.kindLogits.options());
  l.centre = F::mse_loss(r.centre, b.centre.to(device).index({valid}));
  const auto labelled = b.labelClass.ge(0).to(device);
  l.glyph = r.glyphLogits.size(0) > 0 ? F::cross_entropy(r.glyphLogits, b.labelClass.to(device).index({labelled}))
                                      : torch::zeros({}, r.kindLogits.options());
  l.patch = F::cross_entropy(r.patchLogits, b.patchClass.to(device).reshape({-1}));
  l.total = c.objectWeight * (l.kind + l.colour + l.size + 4.0 * l.centre) + c.labelWeight * l.glyph +
            c.patchWeight * l.patch;
  return l;
}

engine::ModelConfig towerConfigFrom(const std::string& path) {
  const auto j = engine::readJsonFile(path, "model config");
  std::string type;
  engine::readJsonKey(j, "model_type", type, path);
  if (type == "clip_vision_model" || type == "clip") {
    engine::ModelConfig mc;
    mc.vision = engine::visionConfigFromJson(j, path);
    if (j.contains("llavolta")) readJsonKey(j.at("llavolta"), "vision_feature_layer", mc.visionFeatureLayer, path);
    mc.text.numHeads = 1, mc.text.numKeyValueHeads = 1, mc.text.hiddenSize = 8;  // unused; keeps validate() quiet
    mc.validate(path);
    return mc;
  }
  return engine::ModelConfig::fromFile(path);
}

// The checkpoint's own config.json: a CLIPVisionConfig as transformers writes it, plus what
// LLaVA needs to know about how the tower was trained.
json clipConfigJson(const engine::ModelConfig& mc, int64_t steps) {
  const auto& v = mc.vision;
  return {{"architectures", {"CLIPVisionModel"}},
          {"model_type", "clip_vision_model"},
          {"hidden_size", v.hiddenSize},
          {"intermediate_size", v.intermediateSize},
          {"num_hidden_layers", v.numLayers},
          {"num_attention_heads", v.numHeads},
          {"num_channels", v.numChannels},
          {"image_size", v.imageSize},
          {"patch_size", v.patchSize},
          {"layer_norm_eps", v.layerNormEps},
          {"hidden_act", v.hiddenAct},
          {"torch_dtype", "float32"},
          {"llavolta", {{"pretrained_on", "Shapes-VQA scenes"}, {"steps", steps},
                        {"vision_feature_layer", mc.visionFeatureLayer}}}};
}

engine::NamedTensors namedParameters(torch::nn::Module& m) {
  engine::NamedTensors out;
  for (const auto& p : m.named_parameters(true)) out.emplace_back(p.key(), p.value().detach().to(torch::kCPU, torch::kFloat32));
  return out;
}

// Copies every parameter of m from the archive, by name; names the file and tensor on a mismatch.
void loadParameters(torch::nn::Module& m, const std::string& path) {
  engine::SafetensorsArchive archive(path);
  torch::NoGradGuard noGrad;
  for (auto& p : m.named_parameters(true)) {
    if (!archive.contains(p.key()))
      throw EngineError(path + " has no tensor " + p.key() + " (not a checkpoint of this tower?)");
    const auto& info = archive.info(p.key());
    if (!std::equal(info.shape.begin(), info.shape.end(), p.value().sizes().begin(), p.value().sizes().end()))
      throw EngineError(path + ": tensor " + p.key() + " has the wrong shape for this config");
    p.value().copy_(archive.load(p.key()).to(p.value().dtype()));
  }
}

// Rows of an orthonormal 2D DCT-II basis over a p x p patch, lowest frequencies first: the first
// `perChannel` frequencies for each colour channel, then luminance ((R+G+B)/sqrt 3) frequencies
// until `rows` rows are filled. Rows beyond the patch's frequencies stay zero.
torch::Tensor dctPatchBasis(int64_t rows, int64_t channels, int64_t p, int perChannel = 6) {
  std::vector<std::pair<int, int>> freqs;
  for (int s = 0; s <= 2 * (p - 1); ++s)
    for (int u = 0; u <= s; ++u)
      if (u < p && s - u < p) freqs.emplace_back(u, s - u);
  auto basis = [&](int u, int v) {
    auto t = torch::empty({p, p});
    auto a = t.accessor<float, 2>();
    for (int y = 0; y < p; ++y)
      for (int x = 0; x < p; ++x) {
        const double cu = u == 0 ? std::sqrt(1.0 / p) : std::sqrt(2.0 / p);
        const double cv = v == 0 ? std::sqrt(1.0 / p) : std::sqrt(2.0 / p);
        a[y][x] = static_cast<float>(cu * cv * std::cos(M_PI * (2 * y + 1) * u / (2.0 * p)) *
                                     std::cos(M_PI * (2 * x + 1) * v / (2.0 * p)));
      }
    return t;
  };
  auto w = torch::zeros({rows, channels, p, p});
  int64_t r = 0;
  for (int f = 0; f < perChannel && f < static_cast<int>(freqs.size()); ++f)
    for (int64_t c = 0; c < channels && r < rows; ++c) w[r++][c] = basis(freqs[f].first, freqs[f].second);
  for (size_t f = perChannel; f < freqs.size() && r < rows; ++f) {
    const auto b = basis(freqs[f].first, freqs[f].second) / std::sqrt(static_cast<double>(channels));
    for (int64_t c = 0; c < channels; ++c) w[r][c] = b;
    ++r;
  }
  return w;
}

// [1 + g*g, d]: zero for CLS, then per patch sin/cos of its column (first half of d) and row
// (second half) at geometric frequencies, scaled to RMS `rms`.
torch::Tensor sincosPositions(int64_t grid, int64_t d, double rms) {
  auto t = torch::zeros({1 + grid * grid, d});
  auto a = t.accessor<float, 2>();
  const int64_t quarter = d / 4;
  for (int64_t r = 0; r < grid; ++r)
    for (int64_t c = 0; c < grid; ++c)
      for (int64_t k = 0; k < quarter; ++k) {
        const double w = std::pow(grid * 2.0, -static_cast<double>(k) / std::max<int64_t>(1, quarter - 1)) * M_PI;
        float* row = &a[1 + r * grid + c][0];
        row[k] = static_cast<float>(std::sin(c * w));
        row[quarter + k] = static_cast<float>(std::cos(c * w));
        row[2 * quarter + k] = static_cast<float>(std::sin(r * w));
        row[3 * quarter + k] = static_cast<float>(std::cos(r * w));
      }
  return t * rms;  // each sin/cos pair has RMS 1/sqrt 2 per entry... summed over the pair: 1
}

// "edges" init: an oriented-edge-energy front end written into the first layers' weights (all of
// them trainable). A shape's kind is not a linear function of its pixels averaged over patches
// (the patch grid falls at a random offset), so from a random init the loss for kind sits at
// chance while colour, size and place are learned; the mean edge energy per orientation over an
// object's patches, though, is a linear shape descriptor (a square's edges are horizontal and
// vertical, a diamond's diagonal, a circle's all around). Patch embedding rows: the mean of each
// colour channel, then for each quadrant of the patch, 4 orientations x 2 phases of a local
// luminance filter; layer 0's MLP rectifies each response both ways and sums |response| per
// orientation and phase into the last 8 residual dimensions.
void edgeEnergyInit(engine::ClipVisionTowerImpl& tower) {
  auto& vm = *tower.vision_model;
  auto& w = vm.embeddings->patch_weight;  // [d, 3, p, p]
  const int64_t d = w.size(0), channels = w.size(1), p = w.size(2);
  auto& layer0 = vm.encoder->layers->at<engine::ClipEncoderLayerImpl>(0);
  auto& fc1 = layer0.mlp->fc1->weight;  // [inter, d]
  auto& fc2 = layer0.mlp->fc2->weight;  // [d, inter]
  const int64_t filters = 4 * 4 * 2, energyDims = 8;
  if (d < 3 + filters + energyDims || fc1.size(0) < 2 * filters) return;  // too small a tower: keep the random init
  const int64_t half = p / 2;
  const double sigma = std::max(1.0, half / 2.0);
  for (int64_t c = 0; c < channels; ++c) w[c].zero_(), w[c][c].fill_(0.1 / p);
  int64_t row = 3;
  for (int64_t q = 0; q < 4; ++q) {
    const double cy = (q / 2) * half + (half - 1) / 2.0, cx = (q % 2) * half + (half - 1) / 2.0;
    for (int64_t o = 0; o < 4; ++o) {
      const double theta = o * M_PI / 4, nx = std::cos(theta), ny = std::sin(theta);
      for (int64_t phase = 0; phase < 2; ++phase, ++row) {
        auto f = torch::zeros({p, p});
        auto a = f.accessor<float, 2>();
        for (int64_t y = 0; y < p; ++y)
          for (int64_t x = 0; x < p; ++x) {
            const double dx = x - cx, dy = y - cy, u = dx * nx + dy * ny;
            const double env = std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
            // Odd phase: a step across direction theta; even phase: a bar along it.
            a[y][x] = static_cast<float>(env * (phase == 0 ? std::tanh(u) : 1.0 - 2.0 * std::exp(-u * u)));
          }
        f -= f.mean();
        f /= f.norm().clamp_min(1e-6);
        for (int64_t c = 0; c < channels; ++c) w[row][c] = f / std::sqrt(static_cast<double>(channels));
      }
    }
  }
  // Rows after the filters keep their random init; the energy dims get no pixel input.
  w.slice(0, d - energyDims).zero_();
  const double gain = 4.0;
  fc1.slice(0, 0, 2 * filters).zero_();
  fc2.slice(1, 0, 2 * filters).zero_();
  for (int64_t i = 0; i < filters; ++i) {
    fc1[2 * i][3 + i] = gain;
    fc1[2 * i + 1][3 + i] = -gain;
    const int64_t orientationPhase = i % 8;  // (o, phase) within a quadrant
    fc2[d - energyDims + orientationPhase][2 * i] = 0.5 / gain;
    fc2[d - energyDims + orientationPhase][2 * i + 1] = 0.5 / gain;
  }
}

void initTower(engine::ClipVisionTowerImpl& tower, uint64_t seed, double positionStd, const std::string& patchInit,
               const std::string& positionInit) {
  torch::NoGradGuard noGrad;
  auto gen = at::detail::createCPUGenerator(seed);
  for (auto& p : tower.named_parameters(true)) {
    const std::string& n = p.key();
    auto& t = p.value();
    const bool bias = n.size() >= 5 && n.compare(n.size() - 5, 5, ".bias") == 0;
    if (bias) t.zero_();
    else if (n.find("norm") != std::string::npos) t.fill_(1.0);
    else t.copy_(at::normal(0.0, n.find("position_embedding") != std::string::npos ? positionStd : 0.02, t.sizes(), gen));
  }
  if (positionInit == "sincos") {
    auto& w = tower.vision_model->embeddings->position_embedding->weight;
    const auto grid = static_cast<int64_t>(std::lround(std::sqrt(static_cast<double>(w.size(0) - 1))));
    w.copy_(sincosPositions(grid, w.size(1), positionStd));
  }
  if (patchInit == "edges") edgeEnergyInit(tower);
  if (patchInit == "dct") {
    auto& w = tower.vision_model->embeddings->patch_weight;
    // Row norm 0.5, about a normal(0, 0.02) row's over a 14 x 14 x 3 patch.
    w.copy_(0.5 * dctPatchBasis(w.size(0), w.size(1), w.size(2)));
  }
}

}  // namespace

VisionPretrainConfig VisionPretrainConfig::fromJson(const json& j, const std::string& source, const std::string& baseDir) try {
  if (!j.is_object()) throw EngineError(source + ": a vision pretraining config is a JSON object");
  VisionPretrainConfig c;
  readJsonKey(j, "output_dir", c.outputDir, source);
  readJsonKey(j, "model_config", c.modelConfig, source);
  readJsonKey(j, "init_seed", c.initSeed, source);
  readJsonKey(j, "position_init_std", c.positionInitStd, source);
  readJsonKey(j, "patch_init", c.patchInit, source);
  readJsonKey(j, "position_init", c.positionInit, source);
  if (j.contains("data")) {
    const auto& d = j.at("data");
    if (!d.is_object()) throw EngineError(source + ": \"data\" must be an object");
    readJsonKey(d, "seed", c.dataSeed, source + " data");
    readJsonKey(d, "render_size", c.renderSize, source + " data");
    readJsonKey(d, "max_shapes", c.maxShapes, source + " data");
    readJsonKey(d, "label_probability", c.labelProbability, source + " data");
    readJsonKey(d, "max_zoom", c.maxZoom, source + " data");
    readJsonKey(d, "zoom_until", c.zoomUntil, source + " data");
    readJsonKey(d, "light_only_until", c.lightOnlyUntil, source + " data");
  }
  readJsonKey(j, "steps", c.steps, source);
  readJsonKey(j, "batch_size", c.batchSize, source);
  readJsonKey(j, "learning_rate", c.learningRate, source);
  readJsonKey(j, "warmup_ratio", c.warmupRatio, source);
  readJsonKey(j, "weight_decay", c.weightDecay, source);
  readJsonKey(j, "max_grad_norm", c.maxGradNorm, source);
  if (j.contains("loss_weights")) {
    const auto& w = j.at("loss_weights");
    readJsonKey(w, "object", c.objectWeight, source + " loss_weights");
    readJsonKey(w, "label", c.labelWeight, source + " loss_weights");
    readJsonKey(w, "patch", c.patchWeight, source + " loss_weights");
  }
  readJsonKey(j, "checkpoint_every", c.checkpointEvery, source);
  readJsonKey(j, "keep_checkpoints", c.keepCheckpoints, source);
  readJsonKey(j, "threads", c.threads, source);
  readJsonKey(j, "autocast", c.autocast, source);
  readJsonKey(j, "device", c.device, source);
  if (j.contains("eval")) {
    const auto& e = j.at("eval");
    readJsonKey(e, "seed", c.evalSeed, source + " eval");
    readJsonKey(e, "images", c.evalImages, source + " eval");
    readJsonKey(e, "every", c.evalEvery, source + " eval");
  }
  c.outputDir = resolvePath(c.outputDir, baseDir);
  c.modelConfig = resolvePath(c.modelConfig, baseDir);

  auto need = [&](bool ok, const std::string& what) {
    if (!ok) throw EngineError(source + ": " + what);
  };
  need(!c.modelConfig.empty(), "\"model_config\" (a LLaVA or CLIP vision config.json) is required");
  need(c.steps > 0, "\"steps\" must be positive");
  need(c.batchSize > 0 && c.batchSize <= 4096, "\"batch_size\" must be between 1 and 4096");
  need(c.learningRate > 0 && std::isfinite(c.learningRate), "\"learning_rate\" must be positive");
  need(c.warmupRatio >= 0 && c.warmupRatio < 1, "\"warmup_ratio\" must be in [0, 1)");
  need(c.weightDecay >= 0, "\"weight_decay\" must not be negative");
  need(c.maxGradNorm >= 0, "\"max_grad_norm\" must not be negative");
  need(c.objectWeight >= 0 && c.labelWeight >= 0 && c.patchWeight >= 0 &&
           c.objectWeight + c.labelWeight + c.patchWeight > 0,
       "\"loss_weights\" must be non-negative and not all zero");
  need(c.renderSize >= 64 && c.renderSize <= 4096, "\"data.render_size\" must be between 64 and 4096");
  need(c.maxShapes >= 1 && c.maxShapes <= kMaxObjects, "\"data.max_shapes\" must be between 1 and 5");
  need(c.labelProbability >= 0 && c.labelProbability <= 1, "\"data.label_probability\" must be in [0, 1]");
  need(c.maxZoom >= 1 && c.maxZoom <= 8, "\"data.max_zoom\" must be between 1 and 8");
  need(c.zoomUntil >= 0 && c.zoomUntil <= 1, "\"data.zoom_until\" must be in [0, 1]");
  need(c.lightOnlyUntil >= 0 && c.lightOnlyUntil <= 1, "\"data.light_only_until\" must be in [0, 1]");
  need(c.evalImages >= 0, "\"eval.images\" must not be negative");
  need(c.evalEvery >= 0 && c.checkpointEvery >= 0, "\"eval.every\" and \"checkpoint_every\" must not be negative");
  need(c.autocast == "none" || c.autocast == "bf16", "\"autocast\" must be \"none\" or \"bf16\"");
  need(c.positionInitStd >= 0, "\"position_init_std\" must not be negative");
  need(c.patchInit == "normal" || c.patchInit == "dct" || c.patchInit == "edges",
       "\"patch_init\" must be \"normal\", \"dct\" or \"edges\"");
  need(c.positionInit == "normal" || c.positionInit == "sincos", "\"position_init\" must be \"normal\" or \"sincos\"");
  // Sample indices are ints in the generator.
  need(c.steps * c.batchSize < (int64_t{1} << 31), "steps x batch_size exceeds the generator's 2^31 scenes");
  return c;
} catch (const nlohmann::json::exception& e) {
  // A value of the wrong JSON type deep inside (read with get<> or value()) ends here as one
  // clean error naming the file, never as an exception of the JSON library.
  throw EngineError(source + ": " + e.what());
}

VisionPretrainConfig VisionPretrainConfig::fromFile(const std::string& path) {
  const auto j = engine::readJsonFile(path, "vision pretraining config");
  return fromJson(j, path, fs::path(path).parent_path().string());
}

json VisionPretrainConfig::toJson() const {
  return {{"output_dir", outputDir},
          {"model_config", modelConfig},
          {"init_seed", initSeed},
          {"position_init_std", positionInitStd},
          {"patch_init", patchInit},
          {"position_init", positionInit},
          {"data", {{"seed", dataSeed}, {"render_size", renderSize}, {"max_shapes", maxShapes},
                    {"label_probability", labelProbability}, {"max_zoom", maxZoom}, {"zoom_until", zoomUntil},
                    {"light_only_until", lightOnlyUntil}}},
          {"steps", steps},
          {"batch_size", batchSize},
          {"learning_rate", learningRate},
          {"warmup_ratio", warmupRatio},
          {"weight_decay", weightDecay},
          {"max_grad_norm", maxGradNorm},
          {"loss_weights", {{"object", objectWeight}, {"label", labelWeight}, {"patch", patchWeight}}},
          {"checkpoint_every", checkpointEvery},
          {"keep_checkpoints", keepCheckpoints},
          {"threads", threads},
          {"autocast", autocast},
          {"device", device},
          {"eval", {{"seed", evalSeed}, {"images", evalImages}, {"every", evalEvery}}}};
}

VisionPretrainResult pretrainVision(const VisionPretrainConfig& config, bool resume, const std::atomic<bool>* stop,
                                    const VisionPretrainCallbacks& cb) {
  auto log = [&](const std::string& m) {
    if (cb.onLog) cb.onLog(m);
  };
  if (config.outputDir.empty()) throw EngineError("the vision pretraining config has no \"output_dir\" (or pass --out)");
  engine::setComputeThreads(config.threads, "run config \"threads\"");
  const auto mc = towerConfigFrom(config.modelConfig);
  const int grid = static_cast<int>(mc.vision.gridSide());
  if (mc.selectStrategy != "default")
    throw EngineError(config.modelConfig + ": pretraining reads patch features; use vision_feature_select_strategy \"default\"");

  const torch::Device device = engine::parseDevice(config.device, "vision pretraining config \"device\"");

  const fs::path runDir(config.outputDir);
  const fs::path checkpoints = runDir / runfiles::kCheckpointsDir;
  const runfiles::RunFolderLock lock(runDir);  // one process per run folder
  fs::create_directories(checkpoints);
  engine::ClipVisionTower tower(mc, engine::ModuleOptions{});
  PretrainHeads heads(mc.vision.hiddenSize);
  initTower(*tower, config.initSeed, config.positionInitStd, config.patchInit, config.positionInit);
  {
    torch::manual_seed(config.initSeed);  // heads: LibTorch's default init, seeded
    PretrainHeads fresh(mc.vision.hiddenSize);
    torch::NoGradGuard noGrad;
    auto src = fresh->named_parameters(true);
    for (auto& p : heads->named_parameters(true)) p.value().copy_(src[p.key()]);
  }

  const std::string resumeFrom = resume ? latestCheckpoint(runDir.string()) : "";
  if (resume && resumeFrom.empty()) log("no checkpoint in " + runDir.string() + " yet: starting from the beginning");
  int64_t startStep = 0;
  if (!resumeFrom.empty()) {
    const auto st = engine::readJsonFile(resumeFrom + "/state.json", "checkpoint state");
    if (!st.contains("step") || !st.at("step").is_number_integer())
      throw EngineError(resumeFrom + "/state.json has no integer \"step\"");
    startStep = st.at("step").get<int64_t>();
    if (startStep > config.steps)
      throw EngineError(resumeFrom + " is at step " + std::to_string(startStep) + ", past this config's " +
                        std::to_string(config.steps) + " steps");
    loadParameters(*tower, resumeFrom);
    loadParameters(*heads, resumeFrom + "/heads.safetensors");
    log("resuming from " + resumeFrom + " at step " + std::to_string(startStep));
  }
  tower->to(device);
  heads->to(device);
  engine::writeJsonFileAtomically((runDir / "run.json").string(), config.toJson());

  std::vector<torch::Tensor> params;
  for (auto& p : tower->parameters()) params.push_back(p);
  for (auto& p : heads->parameters()) params.push_back(p);
  torch::optim::AdamW optimizer(params, torch::optim::AdamWOptions(config.learningRate).weight_decay(config.weightDecay));
  if (!resumeFrom.empty()) {
    try {
      torch::load(optimizer, resumeFrom + "/optimizer.pt");
    } catch (const std::exception&) {
      throw EngineError(resumeFrom + "/optimizer.pt is missing or damaged; delete that checkpoint folder to resume from an earlier one");
    }
  }

  const fs::path metricsPath = runDir / "metrics.jsonl", evalPath = runDir / "eval.jsonl";
  runfiles::keepRecordsUpTo(metricsPath, resumeFrom.empty() ? -1 : startStep);
  runfiles::keepRecordsUpTo(evalPath, resumeFrom.empty() ? -1 : startStep);
  runfiles::RecordLog metricsLog(metricsPath), evalLog(evalPath);

  engine::ImageOptions io;
  io.size = static_cast<int>(mc.vision.imageSize);
  io.mean = mc.imageMean;
  io.std = mc.imageStd;
  ShapesOptions so;
  so.count = std::numeric_limits<int>::max();
  so.seed = config.dataSeed;
  so.imageSize = config.renderSize;
  so.maxShapes = config.maxShapes;
  so.labelProbability = config.labelProbability;
  so.shortAnswerHint = false;
  const ShapesGenerator trainScenes(so);
  so.darkProbability = 0.0;
  const ShapesGenerator lightScenes(so);
  so.darkProbability = ShapesOptions{}.darkProbability;
  so.seed = config.evalSeed;
  const ShapesGenerator evalScenes(so);
  const bool bf16 = config.autocast == "bf16";

  auto forward = [&](const SceneBatch& b) {
    if (bf16) {
      at::autocast::set_cpu_enabled(true);
      at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    }
    auto features = tower->forward(b.pixels.to(device)).features;
    if (bf16) {
      at::autocast::set_cpu_enabled(false);
      at::autocast::clear_cache();
    }
    // The heads are small: read out in fp32.
    return readOut(*heads, features.to(torch::kFloat32), b);
  };

  std::vector<SceneBatch> evalBatches;
  VisionPretrainResult result;
  result.steps = startStep;
  auto runEval = [&](int64_t step) {
    if (config.evalImages <= 0) return;
    if (evalBatches.empty())
      for (int64_t first = 0; first < config.evalImages; first += config.batchSize)
        evalBatches.push_back(
            makeBatch(evalScenes, first, std::min<int64_t>(config.batchSize, config.evalImages - first), io, grid));
    torch::NoGradGuard noGrad;
    tower->eval();
    double kind = 0, colour = 0, size = 0, glyph = 0, side = 0, centreErr = 0, patch = 0;
    int64_t objects = 0, labels = 0, sides = 0, patches = 0;
    for (const auto& b : evalBatches) {
      const auto r = forward(b);
      const auto valid = b.objectValid;
      kind += r.kindLogits.argmax(-1).cpu().eq(b.kind.index({valid})).sum().item<double>();
      colour += r.colourLogits.argmax(-1).cpu().eq(b.colour.index({valid})).sum().item<double>();
      size += r.sizeLogits.argmax(-1).cpu().eq(b.size.index({valid})).sum().item<double>();
      const auto truth = b.centre.index({valid});
      const auto pred = r.centre.cpu().to(torch::kFloat32);
      centreErr += (pred - truth).abs().sum().item<double>();
      // Which half an object is in, where the generator would ask (clearly off the middle).
      const auto clear = truth.abs().gt(0.2);
      side += pred.sign().eq(truth.sign()).logical_and(clear).sum().item<double>();
      sides += clear.sum().item<int64_t>();
      objects += truth.size(0);
      const auto labelled = b.labelClass.ge(0);
      glyph += r.glyphLogits.argmax(-1).cpu().eq(b.labelClass.index({labelled})).sum().item<double>();
      labels += labelled.sum().item<int64_t>();
      const auto pc = b.patchClass.reshape({-1});
      const auto onShape = pc.gt(0);
      patch += r.patchLogits.argmax(-1).cpu().eq(pc).logical_and(onShape).sum().item<double>();
      patches += onShape.sum().item<int64_t>();
    }
    tower->train();
    auto pct = [](double hit, int64_t n) { return n > 0 ? 100.0 * hit / static_cast<double>(n) : 0.0; };
    json rec = {{"step", step},
                {"images", config.evalImages},
                {"objects", objects},
                {"shape", pct(kind, objects)},
                {"colour", pct(colour, objects)},
                {"size", pct(size, objects)},
                {"side", pct(side, sides)},
                {"centre_error", objects > 0 ? centreErr / (2.0 * static_cast<double>(objects)) / 2.0 : 0.0},
                {"glyph", pct(glyph, labels)},
                {"labels", labels},
                {"patch_shape", pct(patch, patches)}};
    evalLog.append(rec.dump());
    result.lastEval = rec;
    if (cb.onEval) cb.onEval(rec);
  };

  auto writeCheckpoint = [&](int64_t step) {
    const fs::path final = checkpoints / runfiles::stepDirName(step);
    const fs::path tmp = checkpoints / (".tmp-" + runfiles::stepDirName(step));
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    engine::saveSafetensors((tmp / "model.safetensors").string(), namedParameters(*tower), {{"format", "pt"}});
    engine::writeJsonFileAtomically((tmp / "config.json").string(), clipConfigJson(mc, step));
    engine::saveSafetensors((tmp / "heads.safetensors").string(), namedParameters(*heads), {{"format", "pt"}});
    torch::save(optimizer, (tmp / "optimizer.pt").string());
    engine::writeJsonFileAtomically((tmp / "state.json").string(), {{"step", step}});
    fs::remove_all(final);
    fs::rename(tmp, final);
    runfiles::pruneCheckpoints(checkpoints, config.keepCheckpoints);
    log("checkpoint " + final.string());
  };

  tower->train();
  heads->train();
  auto prefetch = [&](int64_t step) {
    return std::async(std::launch::async, [&, step] {
      const double progress = static_cast<double>(step) / static_cast<double>(config.steps);
      const double zoom = config.zoomUntil > 0 && progress < config.zoomUntil
                              ? config.maxZoom - (config.maxZoom - 1.0) * progress / config.zoomUntil
                              : 1.0;
      const auto& scenes = progress < config.lightOnlyUntil ? lightScenes : trainScenes;
      return makeBatch(scenes, step * config.batchSize, config.batchSize, io, grid, zoom);
    });
  };
  std::future<SceneBatch> next;
  if (startStep < config.steps) next = prefetch(startStep);
  for (int64_t step = startStep; step < config.steps; ++step) {
    if (stop && stop->load()) {
      next.wait();
      writeCheckpoint(step);
      result.steps = step;
      result.stopped = true;
      return result;
    }
    const auto t0 = std::chrono::steady_clock::now();
    SceneBatch batch = next.get();
    if (step + 1 < config.steps) next = prefetch(step + 1);
    const double lr = runfiles::cosineLearningRate(config.learningRate, step, config.steps, config.warmupRatio);
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    optimizer.zero_grad();
    const auto l = lossesFor(forward(batch), batch, config);
    const double loss = l.total.item<double>();
    if (!std::isfinite(loss))
      throw EngineError("vision pretraining loss became " + std::string(std::isnan(loss) ? "NaN" : "infinite") +
                        " at step " + std::to_string(step + 1) + "; try a lower learning_rate");
    l.total.backward();
    if (config.maxGradNorm > 0) torch::nn::utils::clip_grad_norm_(params, config.maxGradNorm);
    optimizer.step();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    const int64_t done = step + 1;
    json metric = {{"step", done},
                   {"images", done * config.batchSize},
                   {"loss", loss},
                   {"loss_shape", l.kind.item<double>()},
                   {"loss_colour", l.colour.item<double>()},
                   {"loss_size", l.size.item<double>()},
                   {"loss_centre", l.centre.item<double>()},
                   {"loss_glyph", l.glyph.item<double>()},
                   {"loss_patch", l.patch.item<double>()},
                   {"lr", lr},
                   {"step_ms", ms},
                   {"images_per_s", 1000.0 * static_cast<double>(config.batchSize) / ms}};
    metricsLog.append(metric.dump());
    result.steps = done;
    if (cb.onMetric) cb.onMetric(metric);
    if (done == config.steps || (config.evalEvery > 0 && done % config.evalEvery == 0)) runEval(done);
    if (done == config.steps || (config.checkpointEvery > 0 && done % config.checkpointEvery == 0)) writeCheckpoint(done);
  }
  if (startStep == config.steps && result.lastEval.is_null()) runEval(config.steps);

  // The finished tower: a CLIP vision checkpoint in the run directory itself.
  engine::saveSafetensors((runDir / "model.safetensors").string(), namedParameters(*tower), {{"format", "pt"}});
  engine::writeJsonFileAtomically((runDir / "config.json").string(), clipConfigJson(mc, config.steps));
  result.towerDirectory = runDir.string();
  log("vision tower written to " + runDir.string());
  return result;
}

}  // namespace llavolta::training
