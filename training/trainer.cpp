#include "training/trainer.h"

#include "training/distributed.h"

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/torch.h>

#include "engine/checkpoint.h"
#include "engine/device.h"
#include "engine/errors.h"
#include "engine/flops.h"
#include "engine/image.h"
#include "engine/json_file.h"
#include "engine/session.h"
#include "engine/threads.h"
#include "engine/tokenizer.h"
#include "training/conversation_dataset.h"
#include "training/data_loader.h"
#include "training/evaluator.h"
#include "training/patch_words.h"
#include "training/run_files.h"
#include "training/run_records.h"

namespace llavolta::training {

using engine::EngineError;
using nlohmann::json;
namespace fs = std::filesystem;
using runfiles::keepRecordsUpTo;
using runfiles::pruneCheckpoints;
using runfiles::stepDirName;

namespace {

constexpr const char* kCheckpoints = runfiles::kCheckpointsDir;

void setTrainable(engine::LlavaModelImpl& model, const std::vector<std::string>& parts) {
  auto has = [&](const char* p) { return std::find(parts.begin(), parts.end(), p) != parts.end(); };
  for (auto& p : model.vision_tower->parameters()) p.requires_grad_(has("vision"));
  for (auto& p : model.multi_modal_projector->parameters()) p.requires_grad_(has("projector"));
  for (auto& p : model.language_model->parameters()) p.requires_grad_(has("llm"));
}

}  // namespace

namespace {

// Lays per-token values of each sample (valueAt(sample, token index)) over the model's sequence;
// the visual span and padding get kIgnoreIndex.
template <typename ValueAt>
torch::Tensor layOverSequence(const Batch& batch, const engine::PrefillOutput& out, int64_t length, ValueAt valueAt) {
  const int64_t B = static_cast<int64_t>(batch.size());
  auto labels = torch::full({B, length}, kIgnoreIndex, torch::kLong);
  auto acc = labels.accessor<int64_t, 2>();
  for (int64_t b = 0; b < B; ++b) {
    const auto& ids = batch.ids[b];
    int64_t pos = out.padding(b);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == engine::kImageSentinel) {
        pos += out.spanLength;
        continue;
      }
      acc[b][pos++] = valueAt(static_cast<size_t>(b), i);
    }
    if (pos != length) throw EngineError("internal: label layout does not match the model's sequence");
  }
  return labels;
}

}  // namespace

torch::Tensor alignLabels(const Batch& batch, const engine::PrefillOutput& out, int64_t length) {
  return layOverSequence(batch, out, length, [&](size_t b, size_t i) { return batch.labels[b][i]; });
}

torch::Tensor alignPromptLabels(const Batch& batch, const engine::PrefillOutput& out, int64_t length) {
  return layOverSequence(batch, out, length, [&](size_t b, size_t i) {
    return batch.labels[b][i] == kIgnoreIndex ? batch.ids[b][i] : kIgnoreIndex;
  });
}

namespace {

struct SchemeParts {
  int64_t layer = -1, stride = 1;
};
// Decodes every image the dataset uses (each path once) and throws one EngineError listing the
// ones that fail, so a broken file is found before training rather than when it is sampled.
void checkDatasetImages(const ConversationDataset& dataset, const std::string& name, const std::atomic<bool>* stop,
                        const std::function<void(const std::string&)>& log) {
  std::set<std::string> paths;
  for (const auto& s : dataset.samples())
    if (!s.image.empty()) paths.insert(s.image);
  log("checking " + std::to_string(paths.size()) + " images of " + name);
  std::vector<std::string> bad;
  size_t failed = 0;
  for (const auto& p : paths) {
    if (stop && stop->load()) return;
    try {
      engine::readImage(p);
    } catch (const EngineError& e) {
      if (++failed <= 10) bad.push_back(e.what());
    }
  }
  if (failed == 0) return;
  std::string msg = name + ": " + std::to_string(failed) + " of " + std::to_string(paths.size()) +
                    " images cannot be used:";
  for (const auto& b : bad) msg += "\n  " + b;
  if (failed > bad.size()) msg += "\n  ... and " + std::to_string(failed - bad.size()) + " more";
  throw EngineError(msg);
}

// Layer and stride for the metrics of VCC stages (-1 and 1 for other schemes).
SchemeParts vccParts(const std::string& spec) {
  SchemeParts p;
  const auto parsed = engine::SchemeSpec::parse(spec);
  if (parsed.name() == "vcc") {
    const auto params = parsed.params();
    p.layer = params.integer("layer");
    p.stride = params.integer("stride");
  }
  return p;
}

}  // namespace

std::string latestCheckpoint(const std::string& runDir) {
  const fs::path dir = fs::path(runDir) / kCheckpoints;
  if (!fs::is_directory(dir)) return "";
  std::vector<fs::path> all;
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto name = e.path().filename().string();
    // Only renamed (complete) checkpoints count; ".tmp-" ones were interrupted.
    if (e.is_directory() && name.rfind("step-", 0) == 0 && fs::exists(e.path() / "state.json")) all.push_back(e.path());
  }
  if (all.empty()) return "";
  std::sort(all.begin(), all.end());
  return all.back().string();
}

Trainer::Trainer(RunConfig config) : config_(std::move(config)) {}
Trainer::~Trainer() = default;

namespace {

// bf16 autocast on the CPU for one scope (forward and loss; backward runs outside it).
class CpuAutocast {
 public:
  explicit CpuAutocast(bool on) : on_(on) {
    if (!on_) return;
    at::autocast::set_cpu_enabled(true);
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
  }
  ~CpuAutocast() {
    if (!on_) return;
    at::autocast::set_cpu_enabled(false);
    at::autocast::clear_cache();
  }
  CpuAutocast(const CpuAutocast&) = delete;
  CpuAutocast& operator=(const CpuAutocast&) = delete;

 private:
  bool on_;
};

// The model a run starts from: its newest checkpoint, an init model, or a config with a random
// LLM and projector (and, as LLaVA starts from CLIP, a pretrained tower if the config names one).
engine::LoadedModel startingModel(const RunConfig& config, const std::string& resumeFrom,
                                  const std::function<void(const std::string&)>& log) {
  if (!resumeFrom.empty()) return engine::loadModel(resumeFrom);
  if (!config.initModel.empty()) return engine::loadModel(config.initModel);
  engine::LoadedModel model;
  model.config = engine::ModelConfig::fromFile(config.modelConfig);
  if (!config.visionTower.empty()) {
    // The tower's own config decides the tower's shape.
    const fs::path towerConfig = fs::path(config.visionTower) / "config.json";
    if (!fs::exists(towerConfig))
      throw EngineError("vision tower " + config.visionTower + " has no config.json (expected a CLIP vision checkpoint, "
                        "e.g. the output of llavolta pretrain-vision)");
    model.config.vision = engine::visionConfigFromJson(engine::readJsonFile(towerConfig.string(), "vision tower config"),
                                                       towerConfig.string());
    model.config.validate(config.modelConfig + " with " + config.visionTower);
  }
  model.tokenizer = engine::Tokenizer::load(config.tokenizer);
  model.model = engine::LlavaModel(model.config);
  engine::initRandom(*model.model, config.initSeed);
  if (!config.visionTower.empty()) {
    engine::loadVisionTower(*model.model, config.visionTower);
    log("vision tower from " + config.visionTower);
  }
  return model;
}

// Where a resumed run continues (all zero for a fresh one).
struct ResumePoint {
  int64_t globalStep = 0, phase = 0, phaseStep = 0;
  double trainFlops = 0;
  std::optional<DataPosition> position;  // none at a phase boundary: the next phase starts fresh
};

ResumePoint readResumePoint(const std::string& checkpoint) {
  ResumePoint r;
  if (checkpoint.empty()) return r;
  const auto st = engine::readJsonFile(checkpoint + "/state.json", "checkpoint state");
  r.globalStep = st.at("global_step");
  r.phase = st.at("phase");
  r.phaseStep = st.at("phase_step");
  r.trainFlops = st.at("train_flops");
  if (!st.at("data_position").is_null()) r.position = st.at("data_position").get<DataPosition>();
  return r;
}

std::string stagesText(const Schedule& s) {
  std::string text;
  for (const auto& st : s.stages) text += (text.empty() ? "" : " -> ") + st.scheme;
  return text;
}

// What one optimiser step measured.
struct StepMeasure {
  double lossSum = 0;  // over micro-batches
  int64_t samples = 0, visualTokens = 0, visualTotal = 0;
  double flops = 0;  // forward + backward, analytic
  double badLoss = 0;  // a non-finite loss, when one occurred (the caller stops every rank on it)
  bool nonFinite = false;
  double patchLossSum = 0;  // the per-patch word loss over micro-batches that had it
  int64_t patchMicroBatches = 0;
  double groundingLossSum = 0, groundingShareSum = 0;  // the attention grounding, likewise
  int64_t groundingMicroBatches = 0;
  double promptLossSum = 0;  // the prompt loss, likewise
  int64_t promptMicroBatches = 0;
};

// The phase's auxiliary losses (run_config.h): the per-patch ones only when words is set.
struct AuxiliaryLosses {
  const PatchWordTargets* words = nullptr;
  double patchWordWeight = 0;
  double groundingWeight = 0;
  int groundingLayer = 1;
  double promptWeight = 0;
};

// For attention grounding: per sample, the distance from the end of its prompt of the token that
// predicts the answer of its first turn whose question names objects (-1: none), and the patches
// those objects cover.
struct GroundingQueries {
  std::vector<int64_t> fromEnd;
  std::vector<torch::Tensor> patches;  // [P] bool, undefined where fromEnd is -1
  bool any = false;
};

GroundingQueries groundingQueries(const Batch& batch, const PatchWordTargets& words) {
  GroundingQueries g;
  for (size_t b = 0; b < batch.size(); ++b) {
    int64_t fromEnd = -1;
    torch::Tensor patches;
    const auto& labels = batch.labels[b];
    const auto& subjects = batch.subjects[b];
    // A text-only sample has nothing to look at.
    size_t turn = batch.images[b].empty() ? subjects.size() : 0;
    for (size_t i = 1; i < labels.size() && turn < subjects.size(); ++i) {
      if (labels[i] == kIgnoreIndex || labels[i - 1] != kIgnoreIndex) continue;
      // Token i starts the answer of `turn`; token i - 1 is the one that predicts it.
      if (!subjects[turn].empty()) {
        auto mask = words.patchesOf(batch.images[b], subjects[turn]);
        if (mask.any().item<bool>()) {
          fromEnd = static_cast<int64_t>(labels.size() - i);
          patches = mask;
          break;
        }
      }
      ++turn;
    }
    g.fromEnd.push_back(fromEnd);
    g.patches.push_back(patches);
    g.any = g.any || fromEnd >= 0;
  }
  return g;
}

// -log(share of the visual attention on the subjects' patches) for the head that puts the most
// there, averaged over the samples with a grounded question, and that share. Undefined when the
// layer saw a compressed span (its tokens no longer stand for single patches).
std::pair<torch::Tensor, torch::Tensor> groundingLoss(const engine::LayerQueryAttention& att, const GroundingQueries& g,
                                                      int64_t patches) {
  if (att.spanLength != patches) return {};
  std::vector<torch::Tensor> losses, shares;
  for (size_t b = 0; b < g.fromEnd.size(); ++b) {
    if (g.fromEnd[b] < 0) continue;
    const auto visual = att.probs[static_cast<int64_t>(b)].narrow(1, att.spanStart.at(b), patches);  // [heads, P]
    const auto onSubjects = g.patches[b].to(visual.device(), torch::kFloat32);
    const auto share = (visual * onSubjects).sum(-1) / visual.sum(-1).clamp_min(1e-12);
    const auto best = share.max();
    losses.push_back(-torch::log(best + 1e-6));
    shares.push_back(best.detach());
  }
  if (losses.empty()) return {};
  return {torch::stack(losses).mean(), torch::stack(shares).mean()};
}

// The auxiliary per-patch word loss (run_config.h, "patch_words"): cross-entropy of the
// language-model head at each visual position against the words of the object under that
// patch, averaged over the (patch, word) targets of the batch. Undefined when the span was
// compressed before the last layer (its positions no longer stand for single patches).
torch::Tensor patchWordLoss(const engine::PrefillOutput& out, const Batch& batch, const PatchWordTargets& words,
                            const torch::Device& device) {
  const int64_t P = words.patches();
  if (out.spanLength != P) return {};
  const auto targets = words.forImages(batch.images).to(device);  // [B, P, W]
  std::vector<torch::Tensor> spans;
  for (size_t b = 0; b < batch.size(); ++b) spans.push_back(out.logits[static_cast<int64_t>(b)].narrow(0, out.spanStart.at(b), P));
  const auto logProbs = torch::log_softmax(torch::stack(spans).to(torch::kFloat32), -1);  // [B, P, V]
  const auto valid = targets.ne(kIgnoreIndex);
  const auto picked = logProbs.gather(-1, targets.clamp_min(0));  // [B, P, W]
  return -(picked * valid).sum() / valid.sum().clamp_min(1);
}

// The forward and backward passes of one optimiser step: gradient accumulation over
// micro-batches, the loss on text labels only. Gradients are left in the parameters' .grad for
// the caller to reduce (data parallelism's all-reduce point), clip and apply.
StepMeasure forwardBackward(engine::LlavaModelImpl& net, const engine::ModelConfig& mc, DataLoader& loader,
                            const engine::CompressionScheme& scheme, const RunConfig& config, bool visionTrainable,
                            const torch::Device& device, const AuxiliaryLosses& aux) {
  const auto imageOptions = engine::imageOptionsFor(mc);
  StepMeasure m;
  for (int64_t micro = 0; micro < config.gradientAccumulation; ++micro) {
    const Batch batch = loader.next();
    // A batch is all with images or all text-only (DataLoader); text-only batches skip the tower.
    std::vector<torch::Tensor> pixels;
    for (const auto& img : batch.images)
      if (!img.empty()) pixels.push_back(engine::preprocessImage(engine::readImage(img), imageOptions));
    if (!pixels.empty() && pixels.size() != batch.size())
      throw EngineError("internal: a batch mixes samples with and without images");
    engine::PrefillOutput out;
    torch::Tensor loss, patchLoss, grounding, groundingShare, promptLoss;
    {
      const CpuAutocast autocast(config.autocast == "bf16");
      engine::PrefillOptions forwardOptions;
      // visionzip ranks by the tower's [CLS] attention
      torch::Tensor* cls = scheme.needsVisionAttention() ? &forwardOptions.imageClsAttention : nullptr;
      GroundingQueries queries;
      if (aux.words && aux.groundingWeight > 0) {
        queries = groundingQueries(batch, *aux.words);
        if (queries.any) forwardOptions.queryAttention[aux.groundingLayer] = queries.fromEnd;
      }
      torch::Tensor features;
      if (!pixels.empty()) features = net.encodeImages(torch::stack(pixels).to(device, net.dtype()), cls, visionTrainable);
      out = net.forward(batch.ids, features, scheme, forwardOptions);
      const int64_t T = out.logits.size(1), V = out.logits.size(2);
      const auto predictions = out.logits.slice(1, 0, T - 1).reshape({-1, V}).to(torch::kFloat32);
      auto nextTokenLoss = [&](const torch::Tensor& labels) {
        return torch::nn::functional::cross_entropy(
            predictions, labels.to(device).slice(1, 1).reshape({-1}),
            torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex));
      };
      loss = nextTokenLoss(alignLabels(batch, out, T));
      if (aux.promptWeight > 0) {
        // A batch whose prompts have no token to predict (e.g. the plain template's "<image>\n"
        // with the image alone) trains on its answers only, rather than a mean over nothing (NaN).
        const auto promptLabels = alignPromptLabels(batch, out, T);
        if (promptLabels.slice(1, 1).ne(kIgnoreIndex).any().item<bool>()) promptLoss = nextTokenLoss(promptLabels);
      }
      if (aux.words && aux.patchWordWeight > 0) patchLoss = patchWordLoss(out, batch, *aux.words, device);
      if (auto it = out.queryAttention.find(aux.groundingLayer); it != out.queryAttention.end())
        std::tie(grounding, groundingShare) = groundingLoss(it->second, queries, aux.words->patches());
    }
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue)) {
      m.nonFinite = true;
      m.badLoss = lossValue;
      return m;
    }
    auto objective = loss;
    // Adds an auxiliary term and records it; false when it is not finite (the step stops).
    auto addTerm = [&](const torch::Tensor& term, double weight, double& sum, int64_t& count) {
      const double value = term.item<double>();
      if (!std::isfinite(value)) {
        m.nonFinite = true;
        m.badLoss = value;
        return false;
      }
      objective = objective + weight * term;
      sum += value;
      ++count;
      return true;
    };
    if (patchLoss.defined() && !addTerm(patchLoss, aux.patchWordWeight, m.patchLossSum, m.patchMicroBatches)) return m;
    if (grounding.defined()) {
      if (!addTerm(grounding, aux.groundingWeight, m.groundingLossSum, m.groundingMicroBatches)) return m;
      m.groundingShareSum += groundingShare.item<double>();
    }
    if (promptLoss.defined() && !addTerm(promptLoss, aux.promptWeight, m.promptLossSum, m.promptMicroBatches)) return m;
    (objective / static_cast<double>(config.gradientAccumulation)).backward();
    m.lossSum += lossValue;
    m.samples += static_cast<int64_t>(batch.size());
    m.visualTokens = out.trace.visualTokensPerLayer.back();
    m.visualTotal = 0;
    for (auto c : out.trace.visualTokensPerLayer) m.visualTotal += c;
    // Forward + backward ~ 3x the forward matmuls (documented in flops.h's terms); a text-only
    // batch has no image sentinel and runs neither the tower nor the projector.
    const int64_t sentinels = pixels.empty() ? 0 : 1;
    for (const auto& ids : batch.ids) {
      const int64_t text = static_cast<int64_t>(ids.size()) - sentinels;
      const auto cost = engine::prefillCost(mc, out.trace.visualTokensPerLayer, text, text + m.visualTokens);
      double flops = cost.flops;
      if (pixels.empty())
        for (const auto& [part, partFlops] : cost.parts)
          if (part == "vision_tower" || part == "projector") flops -= partFlops;
      m.flops += 3.0 * flops;
    }
  }
  return m;
}

// The optimiser of one phase and the parameters it trains. With a phase "vision_learning_rate"
// the tower gets its own AdamW group; otherwise one group, as before (so older checkpoints'
// optimiser state still loads).
struct PhaseOptimizer {
  std::vector<torch::Tensor> params;  // every trainable parameter in the model's order (all-reduce, clipping)
  std::vector<double> groupScale;     // each group's learning rate relative to the phase's
  std::unique_ptr<torch::optim::AdamW> adamw;
  bool ownVisionRate = false;         // the tower in its own group, at the phase's vision_learning_rate

  void setLearningRate(double lr) {
    for (size_t g = 0; g < adamw->param_groups().size(); ++g)
      static_cast<torch::optim::AdamWOptions&>(adamw->param_groups()[g].options()).lr(lr * groupScale[g]);
  }
};

PhaseOptimizer makePhaseOptimizer(engine::LlavaModelImpl& net, const PhaseConfig& ph, double weightDecay) {
  PhaseOptimizer o;
  std::vector<torch::Tensor> visionParams, otherParams;
  for (auto& p : net.parameters())
    if (p.requires_grad()) o.params.push_back(p);
  for (auto& p : net.vision_tower->parameters())
    if (p.requires_grad()) visionParams.push_back(p);
  std::vector<torch::optim::OptimizerParamGroup> groups;
  o.ownVisionRate = ph.visionLearningRate > 0 && !visionParams.empty();
  if (o.ownVisionRate) {
    for (auto& p : net.multi_modal_projector->parameters())
      if (p.requires_grad()) otherParams.push_back(p);
    for (auto& p : net.language_model->parameters())
      if (p.requires_grad()) otherParams.push_back(p);
    if (!otherParams.empty()) {
      groups.emplace_back(otherParams);
      o.groupScale.push_back(1.0);
    }
    groups.emplace_back(visionParams);
    o.groupScale.push_back(ph.visionLearningRate / ph.learningRate);
  } else {
    groups.emplace_back(o.params);
    o.groupScale.push_back(1.0);
  }
  o.adamw = std::make_unique<torch::optim::AdamW>(groups, torch::optim::AdamWOptions(ph.learningRate).weight_decay(weightDecay));
  return o;
}

// The gradient all-reduce (sum, then / W) and the step's totals, so that every rank then clips
// and steps identically. Returns its milliseconds.
double allReduceStep(ProcessGroup& group, int64_t worldSize, std::vector<torch::Tensor>& params, StepMeasure& m) {
  const auto a0 = std::chrono::steady_clock::now();
  std::vector<torch::Tensor> grads;
  for (auto& p : params) {
    if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    grads.push_back(p.grad());
  }
  group.allReduceSum(grads);
  for (auto& g : grads) g.div_(static_cast<double>(worldSize));
  auto totals = torch::tensor({m.lossSum, static_cast<double>(m.samples), m.flops, m.patchLossSum,
                               static_cast<double>(m.patchMicroBatches), m.groundingLossSum, m.groundingShareSum,
                               static_cast<double>(m.groundingMicroBatches), m.promptLossSum,
                               static_cast<double>(m.promptMicroBatches)},
                              torch::kFloat64);
  group.allReduceSum({totals});
  m.lossSum = totals[0].item<double>() / static_cast<double>(worldSize);
  m.samples = static_cast<int64_t>(totals[1].item<double>());
  m.flops = totals[2].item<double>();
  m.patchLossSum = totals[3].item<double>();
  m.patchMicroBatches = static_cast<int64_t>(totals[4].item<double>());
  m.groundingLossSum = totals[5].item<double>();
  m.groundingShareSum = totals[6].item<double>();
  m.groundingMicroBatches = static_cast<int64_t>(totals[7].item<double>());
  m.promptLossSum = totals[8].item<double>();
  m.promptMicroBatches = static_cast<int64_t>(totals[9].item<double>());
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a0).count();
}

// One training job in progress: the set-up (run folder, model, schedule, records) in the
// constructor, then phases of steps. Rank 0 of a data-parallel group writes the run folder,
// logs and reports; every rank trains.
class TrainingRun {
 public:
  TrainingRun(const RunConfig& config, bool resume, const std::atomic<bool>* stop, const TrainerCallbacks& cb);
  TrainResult run();

 private:
  void log(const std::string& m) const {
    if (isMain_ && cb_.onLog) cb_.onLog(m);
  }
  void loadStartingModel(bool resume);
  void resolveSchedules();
  void openRecords();
  // The phase's steps; false when the stop flag ended the run (after a checkpoint).
  bool runPhase(int64_t phase);
  void loadPatchWords(const PhaseConfig& ph, const ConversationDataset& dataset, const ConversationDatasetOptions& dopts);
  void trainStep(int64_t phase, int64_t step, DataLoader& loader, PhaseOptimizer& optimizer, bool visionTrainable);
  void evaluateNow();
  void writeCheckpoint(int64_t phase, int64_t stepInPhase, const DataLoader* loader, torch::optim::Optimizer& optimizer);

  const RunConfig& config_;
  const std::atomic<bool>* stop_;
  const TrainerCallbacks& cb_;
  const DistributedEnv env_;
  const bool isMain_;
  const fs::path runDir_;
  std::optional<runfiles::RunFolderLock> lock_;  // one training job per run folder
  torch::Device device_{torch::kCPU};
  std::optional<ProcessGroup> group_;
  std::string resumeFrom_;
  engine::LoadedModel model_;
  std::string tokenizerFile_;
  int64_t N_ = 0, L_ = 0;  // LLM layers, visual tokens
  Schedule schedule_;
  std::vector<Schedule> phaseSchedules_;  // each phase's own where it has one, else the run's
  ResumePoint start_;
  int64_t globalStep_ = 0;
  double trainFlops_ = 0;
  std::optional<runfiles::RecordLog> metricsLog_, evalLog_;
  std::optional<PatchWordTargets> patchWords_;  // the current phase's, when it has them
  TrainResult result_;
};

TrainingRun::TrainingRun(const RunConfig& config, bool resume, const std::atomic<bool>* stop,
                         const TrainerCallbacks& cb)
    : config_(config),
      stop_(stop),
      cb_(cb),
      env_(DistributedEnv::fromEnvironment()),
      isMain_(env_.rank == 0),
      runDir_(config.outputDir) {
  if (config_.outputDir.empty()) throw EngineError("the run config has no \"output_dir\"");
  int threads = config_.threads;
  if (const char* t = std::getenv("LLAVOLTA_THREADS"); t && *t) threads = std::atoi(t);  // `llavolta launch` sets it
  engine::setComputeThreads(threads, "run config \"threads\"");
  if (isMain_) {
    lock_.emplace(runDir_);
    fs::create_directories(runDir_ / kCheckpoints);
  }
  device_ = engine::parseDevice(config_.device, "run config \"device\"");
  group_.emplace(env_, config_.distributed, device_.is_cuda());
  if (env_.worldSize > 1)
    log("data parallel: " + std::to_string(env_.worldSize) + " processes (" + group_->backend() + "), global batch " +
        std::to_string(env_.worldSize * config_.batchSize * config_.gradientAccumulation));
  loadStartingModel(resume);
  resolveSchedules();
  start_ = readResumePoint(resumeFrom_);
  if (!resumeFrom_.empty()) log("resuming from " + resumeFrom_ + " at step " + std::to_string(start_.globalStep));
  globalStep_ = start_.globalStep;
  trainFlops_ = start_.trainFlops;
  openRecords();
  result_.steps = globalStep_;
}

void TrainingRun::loadStartingModel(bool resume) {
  resumeFrom_ = resume ? latestCheckpoint(runDir_.string()) : "";
  if (resume && resumeFrom_.empty()) log("no checkpoint in " + runDir_.string() + " yet: starting from the beginning");
  model_ = startingModel(config_, resumeFrom_, [this](const std::string& m) { log(m); });
  // The run keeps its own copy of the tokenizer: checkpoints are pruned, so the
  // one a run resumed from may be gone by the time the next one is written.
  tokenizerFile_ = (runDir_ / "tokenizer.model").string();
  if (isMain_) {
    const std::string source = !resumeFrom_.empty()          ? resumeFrom_ + "/tokenizer.model"
                               : !config_.initModel.empty() ? config_.initModel + "/tokenizer.model"
                                                            : config_.tokenizer;
    std::error_code ec;
    if (!fs::exists(tokenizerFile_) || !fs::equivalent(source, tokenizerFile_, ec))
      fs::copy_file(source, tokenizerFile_, fs::copy_options::overwrite_existing);
  }
  model_.model->to(device_);
  // Every rank starts from rank 0's weights (a random init is seeded, but stay safe).
  group_->broadcastFromMain(model_.model->parameters());
}

void TrainingRun::resolveSchedules() {
  N_ = model_.config.text.numLayers;
  L_ = model_.config.numVisualTokens();
  schedule_ = config_.schedule.resolved(N_, L_);
  for (const auto& ph : config_.phases) phaseSchedules_.push_back(ph.schedule ? ph.schedule->resolved(N_, L_) : schedule_);
  if (isMain_) {
    json resolvedConfig = config_.toJson();
    resolvedConfig["world_size"] = env_.worldSize;
    resolvedConfig["schedule"] = schedule_.toJson();
    resolvedConfig["schedule"]["preset_layers"] = config_.schedule.referenceLayers;
    for (size_t i = 0; i < config_.phases.size(); ++i)
      if (config_.phases[i].schedule) resolvedConfig["phases"][i]["schedule"] = phaseSchedules_[i].toJson();
    engine::writeJsonFileAtomically((runDir_ / "run.json").string(), resolvedConfig);
  }
  log("schedule " + schedule_.name + " resolved for " + std::to_string(N_) + " layers: " + stagesText(schedule_) +
      " (test: " + schedule_.testScheme + ")");
}

void TrainingRun::openRecords() {
  if (!isMain_) return;
  // metrics.jsonl and eval.jsonl keep exactly the steps up to the checkpoint we
  // continue from (none when starting afresh).
  const fs::path metricsPath = runDir_ / "metrics.jsonl", evalPath = runDir_ / "eval.jsonl";
  keepRecordsUpTo(metricsPath, resumeFrom_.empty() ? -1 : globalStep_);
  keepRecordsUpTo(evalPath, resumeFrom_.empty() ? -1 : globalStep_);
  metricsLog_.emplace(metricsPath);
  evalLog_.emplace(evalPath);
}

TrainResult TrainingRun::run() {
  for (int64_t phase = start_.phase; phase < static_cast<int64_t>(config_.phases.size()); ++phase)
    if (!runPhase(phase)) return result_;
  // The finished model, ready for `llavolta chat`.
  if (isMain_) {
    engine::saveModel(*model_.model, model_.config, (runDir_ / "final").string());
    fs::copy_file(tokenizerFile_, runDir_ / "final" / "tokenizer.model", fs::copy_options::overwrite_existing);
  }
  group_->barrier();
  return result_;
}

bool TrainingRun::runPhase(int64_t phase) {
  // --- set-up: data, freezing, optimiser ---------------------------------
  const auto& ph = config_.phases[phase];
  auto& net = *model_.model;
  const bool resumingThisPhase = phase == start_.phase && !resumeFrom_.empty();
  ConversationDatasetOptions dopts;
  dopts.imageFolder = ph.imageFolder.empty() ? config_.imageFolder : ph.imageFolder;
  dopts.allowImagesOutsideFolder = config_.allowOutsideImages;
  dopts.promptTemplate = ph.promptTemplate == "plain" ? PromptTemplate::Plain : PromptTemplate::VicunaV1;
  const auto dataset = ConversationDataset::load(ph.dataset, *model_.tokenizer, dopts);
  if (dataset.empty()) throw EngineError("dataset " + ph.dataset + " has no usable samples");
  if (config_.checkImages && !resumingThisPhase)
    checkDatasetImages(dataset, ph.dataset, stop_, [this](const std::string& m) { log(m); });
  log("phase " + ph.name + ": " + std::to_string(dataset.size()) + " samples, " + std::to_string(ph.steps) + " steps");
  DataLoaderOptions lopts;
  lopts.batchSize = config_.batchSize;
  lopts.seed = config_.seed + static_cast<uint64_t>(phase);
  lopts.maxSeqLen = config_.maxSequenceLength;
  lopts.imageTokens = L_;
  lopts.worldSize = env_.worldSize;
  lopts.rank = env_.rank;
  DataLoader loader(dataset, lopts);
  if (resumingThisPhase && start_.position) loader.setPosition(*start_.position);
  loadPatchWords(ph, dataset, dopts);

  if (ph.schedule && ph.compression) log("phase " + ph.name + " has its own schedule: " + stagesText(phaseSchedules_[phase]));
  setTrainable(net, ph.trainable);
  net.train();
  PhaseOptimizer optimizer = makePhaseOptimizer(net, ph, config_.weightDecay);
  if (optimizer.ownVisionRate)
    log("phase " + ph.name + ": vision tower learning rate " + std::to_string(ph.visionLearningRate));
  const int64_t firstStep = resumingThisPhase ? start_.phaseStep : 0;
  if (firstStep > 0) torch::load(*optimizer.adamw, resumeFrom_ + "/optimizer.pt");
  const bool visionTrainable = std::count(ph.trainable.begin(), ph.trainable.end(), "vision") > 0;

  // --- the steps ------------------------------------------------------------
  for (int64_t step = firstStep; step < ph.steps; ++step) {
    // A stop on any rank stops every rank at this step (each is signalled on its own).
    if (group_->any(stop_ && stop_->load())) {
      writeCheckpoint(phase, step, &loader, *optimizer.adamw);
      result_.stopped = true;
      return false;
    }
    trainStep(phase, step, loader, optimizer, visionTrainable);
    const bool phaseEnd = step + 1 == ph.steps;
    const bool lastStep = phaseEnd && phase + 1 == static_cast<int64_t>(config_.phases.size());
    if (lastStep || (config_.eval.every > 0 && globalStep_ % config_.eval.every == 0)) evaluateNow();
    if (phaseEnd || (config_.checkpointEvery > 0 && globalStep_ % config_.checkpointEvery == 0))
      writeCheckpoint(phaseEnd ? phase + 1 : phase, phaseEnd ? 0 : step + 1, phaseEnd ? nullptr : &loader,
                      *optimizer.adamw);
  }
  return true;
}

// The phase's per-patch word targets, checked against the model's patch grid and the dataset's
// images before the first step.
void TrainingRun::loadPatchWords(const PhaseConfig& ph, const ConversationDataset& dataset,
                                 const ConversationDatasetOptions& dopts) {
  patchWords_.reset();
  if (ph.patchWords.empty()) return;
  const std::string folder = dopts.imageFolder.empty() ? fs::path(ph.dataset).parent_path().string() : dopts.imageFolder;
  auto words = PatchWordTargets::load(ph.patchWords, folder, *model_.tokenizer, dopts.allowImagesOutsideFolder);
  if (words.patches() != L_)
    throw EngineError("patch-word file " + ph.patchWords + " has a " + std::to_string(words.grid()) + "x" +
                      std::to_string(words.grid()) + " grid, but the model has " + std::to_string(L_) +
                      " visual tokens; write it again with `llavolta data shapes --patch-words G`, G = image_size / "
                      "patch_size of the vision tower");
  for (const auto& sample : dataset.samples())
    if (!sample.image.empty() && !words.describes(sample.image))
      throw EngineError("patch-word file " + ph.patchWords + " does not describe the training image " + sample.image +
                        " of " + ph.dataset + " (was it written for another dataset?)");
  if (ph.groundingWeight > 0 && ph.groundingLayer >= N_)
    throw EngineError("phase " + ph.name + ": \"grounding_layer\" " + std::to_string(ph.groundingLayer) +
                      " is not a decoder layer of this model (it has " + std::to_string(N_) + ", 0 to " +
                      std::to_string(N_ - 1) + ")");
  if (ph.patchWordWeight > 0)
    log("phase " + ph.name + ": per-patch word loss (weight " + std::to_string(ph.patchWordWeight) + ") on " +
        std::to_string(words.images()) + " images, " + std::to_string(words.wordsPerPatch()) + " words per patch");
  if (ph.groundingWeight > 0) {
    size_t grounded = 0;
    for (const auto& sample : dataset.samples())
      for (const auto& turn : sample.subjects) grounded += !turn.empty();
    log("phase " + ph.name + ": attention grounding at layer " + std::to_string(ph.groundingLayer) + " (weight " +
        std::to_string(ph.groundingWeight) + "), " + std::to_string(grounded) + " questions name their objects");
  }
  patchWords_.emplace(std::move(words));
}

// One optimiser step: forward/backward over the micro-batches, the all-reduce point, clipping,
// the optimiser, then the step's record.
void TrainingRun::trainStep(int64_t phase, int64_t step, DataLoader& loader, PhaseOptimizer& optimizer,
                            bool visionTrainable) {
  const auto& ph = config_.phases[phase];
  const Schedule& phaseSchedule = phaseSchedules_[phase];
  const auto t0 = std::chrono::steady_clock::now();
  const std::string spec = ph.compression ? phaseSchedule.schemeAt(step, ph.steps) : "none";
  const int stage = ph.compression ? phaseSchedule.stageAt(step, ph.steps) : 0;
  const auto scheme = engine::makeScheme(spec, N_, L_);
  const double lr = runfiles::cosineLearningRate(ph.learningRate, step, ph.steps, config_.warmupRatio);
  optimizer.setLearningRate(lr);

  optimizer.adamw->zero_grad();
  AuxiliaryLosses aux;
  if (patchWords_) aux = {&*patchWords_, ph.patchWordWeight, ph.groundingWeight, static_cast<int>(ph.groundingLayer)};
  aux.promptWeight = ph.promptLossWeight;
  StepMeasure m = forwardBackward(*model_.model, model_.config, loader, *scheme, config_, visionTrainable, device_, aux);
  if (group_->any(m.nonFinite)) {
    const std::string what = !m.nonFinite ? "on another rank" : std::isnan(m.badLoss) ? "NaN" : "infinite";
    throw EngineError("loss became " + what + " at step " + std::to_string(globalStep_ + 1) + " (phase " + ph.name +
                      ", scheme " + spec + "); the last good checkpoint is " +
                      (result_.lastCheckpoint.empty() ? std::string("none yet") : result_.lastCheckpoint) +
                      "; try a lower learning rate");
  }
  const double allReduceMs = env_.worldSize > 1 ? allReduceStep(*group_, env_.worldSize, optimizer.params, m) : 0;
  if (config_.maxGradNorm > 0) torch::nn::utils::clip_grad_norm_(optimizer.params, config_.maxGradNorm);
  optimizer.adamw->step();
  ++globalStep_;
  trainFlops_ += m.flops;
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

  const auto parts = vccParts(spec);
  StepRecord record;
  record.step = globalStep_;
  record.phase = ph.name;
  record.phaseStep = step + 1;
  record.loss = m.lossSum / static_cast<double>(config_.gradientAccumulation);
  record.lr = lr;
  record.stage = stage;
  record.scheme = spec;
  record.layer = parts.layer;
  record.stride = parts.stride;
  record.visualTokens = m.visualTokens;
  record.visualTokensTotal = m.visualTotal;
  record.samplesPerS = 1000.0 * static_cast<double>(m.samples) / ms;
  record.stepMs = ms;
  record.trainTflops = trainFlops_ / 1e12;
  record.epoch = loader.position().epoch;
  record.worldSize = env_.worldSize;
  record.allReduceMs = allReduceMs;
  if (m.patchMicroBatches > 0) record.patchWordLoss = m.patchLossSum / static_cast<double>(m.patchMicroBatches);
  if (m.groundingMicroBatches > 0) {
    record.groundingLoss = m.groundingLossSum / static_cast<double>(m.groundingMicroBatches);
    record.groundingShare = m.groundingShareSum / static_cast<double>(m.groundingMicroBatches);
  }
  if (m.promptMicroBatches > 0) record.promptLoss = m.promptLossSum / static_cast<double>(m.promptMicroBatches);
  const json metric = record;
  result_.lastLoss = record.loss;
  result_.steps = globalStep_;
  if (isMain_) {
    metricsLog_->append(metric.dump());
    if (cb_.onMetric) cb_.onMetric(metric);
  }
}

void TrainingRun::evaluateNow() {
  if (config_.eval.questions.empty()) return;
  if (!isMain_) {  // rank 0 evaluates; the others wait for it
    group_->barrier();
    return;
  }
  auto& net = *model_.model;
  net.eval();
  engine::Session session(model_);
  EvalOptions eo;
  eo.scheme = schedule_.testScheme;
  eo.limit = config_.eval.limit;
  const auto r = evaluate(session, config_.eval.questions, eo);
  net.train();
  json record = r.toJson();
  record["step"] = globalStep_;
  evalLog_->append(record.dump());
  if (cb_.onEval) cb_.onEval(record);
  if (r.scored) log("eval at step " + std::to_string(globalStep_) + ": accuracy " + std::to_string(r.accuracy.overall));
  group_->barrier();
}

void TrainingRun::writeCheckpoint(int64_t phase, int64_t stepInPhase, const DataLoader* loader,
                                  torch::optim::Optimizer& optimizer) {
  // Rank 0 writes (every rank holds the same weights and optimiser state); the others wait.
  if (!isMain_) {
    result_.lastCheckpoint = (runDir_ / kCheckpoints / stepDirName(globalStep_)).string();
    group_->barrier();
    return;
  }
  const fs::path final = runDir_ / kCheckpoints / stepDirName(globalStep_);
  const fs::path tmp = runDir_ / kCheckpoints / (".tmp-" + stepDirName(globalStep_));
  // A full disk or a folder turned read-only fails somewhere in here; the message says where,
  // and that the newest complete checkpoint is untouched (this one is still under .tmp-).
  try {
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    engine::saveModel(*model_.model, model_.config, tmp.string());
    fs::copy_file(tokenizerFile_, tmp / "tokenizer.model", fs::copy_options::overwrite_existing);
    torch::save(optimizer, (tmp / "optimizer.pt").string());
    engine::writeJsonFileAtomically((tmp / "state.json").string(),
                                    {{"global_step", globalStep_}, {"phase", phase}, {"phase_step", stepInPhase},
                                     {"train_flops", trainFlops_},
                                     {"data_position", loader ? json(loader->position()) : json(nullptr)}});
    fs::remove_all(final);
    fs::rename(tmp, final);  // the checkpoint exists only once complete
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    const std::string previous = latestCheckpoint(runDir_.string());
    throw EngineError("cannot write the checkpoint of step " + std::to_string(globalStep_) + ": " + e.what() +
                      (previous.empty() ? std::string("; no earlier checkpoint exists")
                                        : "; the run stops here, and the last complete checkpoint " + previous +
                                              " is intact (resume from it once the folder is writable)"));
  }
  pruneCheckpoints(runDir_ / kCheckpoints, config_.keepCheckpoints);
  result_.lastCheckpoint = final.string();
  log("checkpoint " + final.string());
  group_->barrier();
}

}  // namespace

TrainResult Trainer::run(bool resume, const std::atomic<bool>* stop, const TrainerCallbacks& cb) {
  return TrainingRun(config_, resume, stop, cb).run();
}

}  // namespace llavolta::training
