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

torch::Tensor alignLabels(const Batch& batch, const engine::PrefillOutput& out, int64_t length) {
  const int64_t B = static_cast<int64_t>(batch.size());
  auto labels = torch::full({B, length}, kIgnoreIndex, torch::kLong);
  auto acc = labels.accessor<int64_t, 2>();
  for (int64_t b = 0; b < B; ++b) {
    const auto& ids = batch.ids[b];
    const auto& lab = batch.labels[b];
    int64_t pos = out.padding(b);
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == engine::kImageSentinel) {
        pos += out.spanLength;
        continue;
      }
      acc[b][pos++] = lab[i];
    }
    if (pos != length) throw EngineError("internal: label layout does not match the model's sequence");
  }
  return labels;
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
};

// The forward and backward passes of one optimiser step: gradient accumulation over
// micro-batches, the loss on text labels only. Gradients are left in the parameters' .grad for
// the caller to reduce (data parallelism's all-reduce point), clip and apply.
StepMeasure forwardBackward(engine::LlavaModelImpl& net, const engine::ModelConfig& mc, DataLoader& loader,
                            const engine::CompressionScheme& scheme, const RunConfig& config, bool visionTrainable,
                            const torch::Device& device) {
  const auto imageOptions = engine::imageOptionsFor(mc);
  StepMeasure m;
  for (int64_t micro = 0; micro < config.gradientAccumulation; ++micro) {
    const Batch batch = loader.next();
    std::vector<torch::Tensor> pixels;
    for (const auto& img : batch.images) {
      if (img.empty()) throw EngineError("text-only samples are not supported in training yet (sample without image)");
      pixels.push_back(engine::preprocessImage(engine::readImage(img), imageOptions));
    }
    engine::PrefillOutput out;
    torch::Tensor loss;
    {
      const CpuAutocast autocast(config.autocast == "bf16");
      engine::PrefillOptions forwardOptions;
      // visionzip ranks by the tower's [CLS] attention
      torch::Tensor* cls = scheme.needsVisionAttention() ? &forwardOptions.imageClsAttention : nullptr;
      const auto features = net.encodeImages(torch::stack(pixels).to(device, net.dtype()), cls, visionTrainable);
      out = net.forward(batch.ids, features, scheme, forwardOptions);
      const int64_t T = out.logits.size(1), V = out.logits.size(2);
      const auto labels = alignLabels(batch, out, T).to(device);
      loss = torch::nn::functional::cross_entropy(
          out.logits.slice(1, 0, T - 1).reshape({-1, V}).to(torch::kFloat32), labels.slice(1, 1).reshape({-1}),
          torch::nn::functional::CrossEntropyFuncOptions().ignore_index(kIgnoreIndex));
    }
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue)) {
      m.nonFinite = true;
      m.badLoss = lossValue;
      return m;
    }
    (loss / static_cast<double>(config.gradientAccumulation)).backward();
    m.lossSum += lossValue;
    m.samples += static_cast<int64_t>(batch.size());
    m.visualTokens = out.trace.visualTokensPerLayer.back();
    m.visualTotal = 0;
    for (auto c : out.trace.visualTokensPerLayer) m.visualTotal += c;
    // Forward + backward ~ 3x the forward matmuls (documented in flops.h's terms).
    for (const auto& ids : batch.ids)
      m.flops += 3.0 * engine::prefillCost(mc, out.trace.visualTokensPerLayer, static_cast<int64_t>(ids.size()) - 1,
                                           static_cast<int64_t>(ids.size()) - 1 + m.visualTokens)
                           .flops;
  }
  return m;
}

}  // namespace

TrainResult Trainer::run(bool resume, const std::atomic<bool>* stop, const TrainerCallbacks& cb) {
  // Data parallelism: this process's rank among WORLD_SIZE (1 without a launcher). Rank 0 is
  // the one that writes the run folder, logs and reports; every rank trains.
  const DistributedEnv env = DistributedEnv::fromEnvironment();
  const bool isMain = env.rank == 0;
  auto log = [&](const std::string& m) {
    if (isMain && cb.onLog) cb.onLog(m);
  };
  if (config_.outputDir.empty()) throw EngineError("the run config has no \"output_dir\"");
  int threads = config_.threads;
  if (const char* t = std::getenv("LLAVOLTA_THREADS"); t && *t) threads = std::atoi(t);  // `llavolta launch` sets it
  engine::setComputeThreads(threads, "run config \"threads\"");
  const fs::path runDir(config_.outputDir);
  std::optional<runfiles::RunFolderLock> lock;  // one training job per run folder
  if (isMain) {
    lock.emplace(runDir);
    fs::create_directories(runDir / kCheckpoints);
  }
  const torch::Device device = engine::parseDevice(config_.device, "run config \"device\"");
  ProcessGroup group(env, config_.distributed, device.is_cuda());
  if (env.worldSize > 1)
    log("data parallel: " + std::to_string(env.worldSize) + " processes (" + group.backend() + "), global batch " +
        std::to_string(env.worldSize * config_.batchSize * config_.gradientAccumulation));

  // --- model --------------------------------------------------------------
  const std::string resumeFrom = resume ? latestCheckpoint(runDir.string()) : "";
  if (resume && resumeFrom.empty()) log("no checkpoint in " + runDir.string() + " yet: starting from the beginning");
  engine::LoadedModel model = startingModel(config_, resumeFrom, log);
  // The run keeps its own copy of the tokenizer: checkpoints are pruned, so the
  // one a run resumed from may be gone by the time the next one is written.
  const std::string tokenizerFile = (runDir / "tokenizer.model").string();
  if (isMain) {
    const std::string source = !resumeFrom.empty() ? resumeFrom + "/tokenizer.model"
                               : !config_.initModel.empty() ? config_.initModel + "/tokenizer.model"
                                                            : config_.tokenizer;
    std::error_code ec;
    if (!fs::exists(tokenizerFile) || !fs::equivalent(source, tokenizerFile, ec))
      fs::copy_file(source, tokenizerFile, fs::copy_options::overwrite_existing);
  }
  model.model->to(device);
  auto& net = *model.model;
  // Every rank starts from rank 0's weights (a random init is seeded, but stay safe).
  group.broadcastFromMain(net.parameters());
  const auto& mc = model.config;
  const int64_t N = mc.text.numLayers, L = mc.numVisualTokens();
  const Schedule schedule = config_.schedule.resolved(N, L);
  // Each phase's schedule, resolved once: its own where it has one, else the run's.
  std::vector<Schedule> phaseSchedules;
  for (const auto& ph : config_.phases) phaseSchedules.push_back(ph.schedule ? ph.schedule->resolved(N, L) : schedule);
  if (isMain) {
    json resolvedConfig = config_.toJson();
    resolvedConfig["world_size"] = env.worldSize;
    resolvedConfig["schedule"] = schedule.toJson();
    resolvedConfig["schedule"]["preset_layers"] = config_.schedule.referenceLayers;
    for (size_t i = 0; i < config_.phases.size(); ++i)
      if (config_.phases[i].schedule) resolvedConfig["phases"][i]["schedule"] = phaseSchedules[i].toJson();
    engine::writeJsonFileAtomically((runDir / "run.json").string(), resolvedConfig);
  }
  log("schedule " + schedule.name + " resolved for " + std::to_string(N) + " layers: " + stagesText(schedule) +
      " (test: " + schedule.testScheme + ")");

  // --- where to start -----------------------------------------------------
  const ResumePoint start = readResumePoint(resumeFrom);
  if (!resumeFrom.empty()) log("resuming from " + resumeFrom + " at step " + std::to_string(start.globalStep));
  int64_t globalStep = start.globalStep;
  double trainFlops = start.trainFlops;
  // metrics.jsonl and eval.jsonl keep exactly the steps up to the checkpoint we
  // continue from (none when starting afresh).
  const fs::path metricsPath = runDir / "metrics.jsonl";
  const fs::path evalPath = runDir / "eval.jsonl";
  std::optional<runfiles::RecordLog> metricsLog, evalLog;
  if (isMain) {
    keepRecordsUpTo(metricsPath, resumeFrom.empty() ? -1 : globalStep);
    keepRecordsUpTo(evalPath, resumeFrom.empty() ? -1 : globalStep);
    metricsLog.emplace(metricsPath);
    evalLog.emplace(evalPath);
  }

  TrainResult result;
  result.steps = globalStep;

  auto runEval = [&]() {
    if (config_.eval.questions.empty()) return;
    if (!isMain) {  // rank 0 evaluates; the others wait for it
      group.barrier();
      return;
    }
    net.eval();
    engine::Session session(model);
    EvalOptions eo;
    eo.scheme = schedule.testScheme;
    eo.limit = config_.eval.limit;
    const auto r = evaluate(session, config_.eval.questions, eo);
    net.train();
    json record = r.toJson();
    record["step"] = globalStep;
    evalLog->append(record.dump());
    if (cb.onEval) cb.onEval(record);
    if (r.scored) log("eval at step " + std::to_string(globalStep) + ": accuracy " + std::to_string(r.accuracy.overall));
    group.barrier();
  };

  auto writeCheckpoint = [&](int64_t phase, int64_t stepInPhase, const DataLoader* loader,
                             torch::optim::Optimizer& optimizer) {
    // Rank 0 writes (every rank holds the same weights and optimiser state); the others wait.
    const auto done = [&] { group.barrier(); };
    if (!isMain) {
      result.lastCheckpoint = (runDir / kCheckpoints / stepDirName(globalStep)).string();
      return done();
    }
    const fs::path final = runDir / kCheckpoints / stepDirName(globalStep);
    const fs::path tmp = runDir / kCheckpoints / (".tmp-" + stepDirName(globalStep));
    // A full disk or a folder turned read-only fails somewhere in here; the message says where,
    // and that the newest complete checkpoint is untouched (this one is still under .tmp-).
    try {
      fs::remove_all(tmp);
      fs::create_directories(tmp);
      engine::saveModel(net, mc, tmp.string());
      fs::copy_file(tokenizerFile, tmp / "tokenizer.model", fs::copy_options::overwrite_existing);
      torch::save(optimizer, (tmp / "optimizer.pt").string());
      engine::writeJsonFileAtomically((tmp / "state.json").string(),
                                      {{"global_step", globalStep}, {"phase", phase}, {"phase_step", stepInPhase},
                                       {"train_flops", trainFlops},
                                       {"data_position", loader ? json(loader->position()) : json(nullptr)}});
      fs::remove_all(final);
      fs::rename(tmp, final);  // the checkpoint exists only once complete
    } catch (const std::exception& e) {
      std::error_code ignored;
      fs::remove_all(tmp, ignored);
      const std::string previous = latestCheckpoint(runDir.string());
      throw EngineError("cannot write the checkpoint of step " + std::to_string(globalStep) + ": " + e.what() +
                        (previous.empty() ? std::string("; no earlier checkpoint exists")
                                          : "; the run stops here, and the last complete checkpoint " + previous +
                                                " is intact (resume from it once the folder is writable)"));
    }
    pruneCheckpoints(runDir / kCheckpoints, config_.keepCheckpoints);
    result.lastCheckpoint = final.string();
    log("checkpoint " + final.string());
    done();
  };

  for (int64_t phase = start.phase; phase < static_cast<int64_t>(config_.phases.size()); ++phase) {
    // --- phase set-up: data, freezing, optimiser ---------------------------
    const auto& ph = config_.phases[phase];
    const bool resumingThisPhase = phase == start.phase && !resumeFrom.empty();
    ConversationDatasetOptions dopts;
    dopts.imageFolder = ph.imageFolder.empty() ? config_.imageFolder : ph.imageFolder;
    dopts.allowImagesOutsideFolder = config_.allowOutsideImages;
    dopts.promptTemplate = ph.promptTemplate == "plain" ? PromptTemplate::Plain : PromptTemplate::VicunaV1;
    const auto dataset = ConversationDataset::load(ph.dataset, *model.tokenizer, dopts);
    if (dataset.empty()) throw EngineError("dataset " + ph.dataset + " has no usable samples");
    if (config_.checkImages && !resumingThisPhase) checkDatasetImages(dataset, ph.dataset, stop, log);
    log("phase " + ph.name + ": " + std::to_string(dataset.size()) + " samples, " + std::to_string(ph.steps) + " steps");
    DataLoaderOptions lopts;
    lopts.batchSize = config_.batchSize;
    lopts.seed = config_.seed + static_cast<uint64_t>(phase);
    lopts.maxSeqLen = config_.maxSequenceLength;
    lopts.imageTokens = L;
    lopts.worldSize = env.worldSize;
    lopts.rank = env.rank;
    DataLoader loader(dataset, lopts);
    if (resumingThisPhase && start.position) loader.setPosition(*start.position);

    const Schedule& phaseSchedule = phaseSchedules[phase];
    if (ph.schedule && ph.compression) log("phase " + ph.name + " has its own schedule: " + stagesText(phaseSchedule));
    setTrainable(net, ph.trainable);
    net.train();
    // The trainable parameters in the model's order (for the all-reduce and clipping). With a
    // phase "vision_learning_rate" the tower gets its own optimiser group; otherwise one group,
    // as before (so older checkpoints' optimiser state still loads).
    std::vector<torch::Tensor> params, visionParams, otherParams;
    for (auto& p : net.parameters())
      if (p.requires_grad()) params.push_back(p);
    for (auto& p : net.vision_tower->parameters())
      if (p.requires_grad()) visionParams.push_back(p);
    const bool ownVisionRate = ph.visionLearningRate > 0 && !visionParams.empty();
    std::vector<torch::optim::OptimizerParamGroup> groups;
    std::vector<double> groupScale;
    if (ownVisionRate) {
      for (auto& p : net.multi_modal_projector->parameters())
        if (p.requires_grad()) otherParams.push_back(p);
      for (auto& p : net.language_model->parameters())
        if (p.requires_grad()) otherParams.push_back(p);
      if (!otherParams.empty()) {
        groups.emplace_back(otherParams);
        groupScale.push_back(1.0);
      }
      groups.emplace_back(visionParams);
      groupScale.push_back(ph.visionLearningRate / ph.learningRate);
    } else {
      groups.emplace_back(params);
      groupScale.push_back(1.0);
    }
    torch::optim::AdamW optimizer(groups, torch::optim::AdamWOptions(ph.learningRate).weight_decay(config_.weightDecay));
    if (!visionParams.empty() && ph.visionLearningRate > 0)
      log("phase " + ph.name + ": vision tower learning rate " + std::to_string(ph.visionLearningRate));
    const int64_t firstStep = resumingThisPhase ? start.phaseStep : 0;
    if (firstStep > 0) torch::load(optimizer, resumeFrom + "/optimizer.pt");
    const bool visionTrainable = std::count(ph.trainable.begin(), ph.trainable.end(), "vision") > 0;

    for (int64_t step = firstStep; step < ph.steps; ++step) {
      // A stop on any rank stops every rank at this step (each is signalled on its own).
      if (group.any(stop && stop->load())) {
        writeCheckpoint(phase, step, &loader, optimizer);
        result.stopped = true;
        return result;
      }
      const auto t0 = std::chrono::steady_clock::now();
      const std::string spec = ph.compression ? phaseSchedule.schemeAt(step, ph.steps) : "none";
      const int stage = ph.compression ? phaseSchedule.stageAt(step, ph.steps) : 0;
      const auto scheme = engine::makeScheme(spec, N, L);
      const double lr = runfiles::cosineLearningRate(ph.learningRate, step, ph.steps, config_.warmupRatio);
      for (size_t g = 0; g < optimizer.param_groups().size(); ++g)
        static_cast<torch::optim::AdamWOptions&>(optimizer.param_groups()[g].options()).lr(lr * groupScale[g]);

      // --- one step: forward/backward, all-reduce, clip, optimiser ---------
      optimizer.zero_grad();
      StepMeasure m = forwardBackward(net, mc, loader, *scheme, config_, visionTrainable, device);
      if (group.any(m.nonFinite)) {
        const std::string what = !m.nonFinite ? "on another rank" : std::isnan(m.badLoss) ? "NaN" : "infinite";
        throw EngineError("loss became " + what + " at step " + std::to_string(globalStep + 1) + " (phase " + ph.name +
                          ", scheme " + spec + "); the last good checkpoint is " +
                          (result.lastCheckpoint.empty() ? std::string("none yet") : result.lastCheckpoint) +
                          "; try a lower learning rate");
      }
      double allReduceMs = 0;
      if (env.worldSize > 1) {
        const auto a0 = std::chrono::steady_clock::now();
        // The gradient all-reduce (sum, then / W): every rank then clips and steps identically.
        std::vector<torch::Tensor> grads;
        for (auto& p : params) {
          if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
          grads.push_back(p.grad());
        }
        group.allReduceSum(grads);
        for (auto& g : grads) g.div_(static_cast<double>(env.worldSize));
        auto totals = torch::tensor({m.lossSum, static_cast<double>(m.samples), m.flops}, torch::kFloat64);
        group.allReduceSum({totals});
        m.lossSum = totals[0].item<double>() / static_cast<double>(env.worldSize);
        m.samples = static_cast<int64_t>(totals[1].item<double>());
        m.flops = totals[2].item<double>();
        allReduceMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a0).count();
      }
      if (config_.maxGradNorm > 0) torch::nn::utils::clip_grad_norm_(params, config_.maxGradNorm);
      optimizer.step();
      ++globalStep;
      trainFlops += m.flops;
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

      // --- the step's record -------------------------------------------------
      const auto parts = vccParts(spec);
      StepRecord record;
      record.step = globalStep;
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
      record.trainTflops = trainFlops / 1e12;
      record.epoch = loader.position().epoch;
      record.worldSize = env.worldSize;
      record.allReduceMs = allReduceMs;
      const json metric = record;
      result.lastLoss = record.loss;
      result.steps = globalStep;
      if (isMain) {
        metricsLog->append(metric.dump());
        if (cb.onMetric) cb.onMetric(metric);
      }
      const bool phaseEnd = step + 1 == ph.steps;
      const bool lastStep = phaseEnd && phase + 1 == static_cast<int64_t>(config_.phases.size());
      if (lastStep || (config_.eval.every > 0 && globalStep % config_.eval.every == 0)) runEval();
      if (phaseEnd || (config_.checkpointEvery > 0 && globalStep % config_.checkpointEvery == 0))
        writeCheckpoint(phaseEnd ? phase + 1 : phase, phaseEnd ? 0 : step + 1, phaseEnd ? nullptr : &loader, optimizer);
    }
  }
  // The finished model, ready for `llavolta chat`.
  if (isMain) {
    engine::saveModel(net, mc, (runDir / "final").string());
    fs::copy_file(tokenizerFile, runDir / "final" / "tokenizer.model", fs::copy_options::overwrite_existing);
  }
  group.barrier();
  return result;
}

}  // namespace llavolta::training
