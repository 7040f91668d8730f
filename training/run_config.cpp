#include "training/run_config.h"

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/json_file.h"

namespace llavolta::training {

using engine::EngineError;
using engine::readJsonKey;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// A preset name ("4stage") or an object with "stages".
Schedule scheduleFromJson(const json& s, const std::string& where) {
  return s.is_string() ? Schedule::preset(s.get<std::string>()) : Schedule::fromJson(s, where);
}

std::string resolvePath(const std::string& p, const std::string& base) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(base) / p).lexically_normal().string();
}

}  // namespace

RunConfig RunConfig::fromJson(const json& j, const std::string& source, const std::string& baseDir) try {
  if (!j.is_object()) throw EngineError(source + ": a run config is a JSON object");
  RunConfig c;
  readJsonKey(j, "output_dir", c.outputDir, source);
  if (j.contains("model")) {
    const auto& m = j.at("model");
    if (!m.is_object()) throw EngineError(source + ": \"model\" must be an object");
    readJsonKey(m, "init", c.initModel, source + " model");
    readJsonKey(m, "config", c.modelConfig, source + " model");
    readJsonKey(m, "tokenizer", c.tokenizer, source + " model");
    readJsonKey(m, "seed", c.initSeed, source + " model");
    readJsonKey(m, "vision_tower", c.visionTower, source + " model");
  }
  if (c.initModel.empty() && c.modelConfig.empty())
    throw EngineError(source + ": \"model\" needs \"init\" (a model directory) or \"config\" + \"tokenizer\" (a new random model)");
  if (!c.visionTower.empty() && !c.initModel.empty())
    throw EngineError(source + ": \"model.vision_tower\" starts a new model; it cannot be combined with \"model.init\"");
  if (c.initModel.empty() && c.tokenizer.empty())
    throw EngineError(source + ": a new model (\"model.config\") also needs \"model.tokenizer\" (a tokenizer.model)");
  readJsonKey(j, "image_folder", c.imageFolder, source);
  readJsonKey(j, "batch_size", c.batchSize, source);
  readJsonKey(j, "gradient_accumulation", c.gradientAccumulation, source);
  readJsonKey(j, "max_sequence_length", c.maxSequenceLength, source);
  readJsonKey(j, "weight_decay", c.weightDecay, source);
  readJsonKey(j, "warmup_ratio", c.warmupRatio, source);
  readJsonKey(j, "max_grad_norm", c.maxGradNorm, source);
  readJsonKey(j, "seed", c.seed, source);
  readJsonKey(j, "checkpoint_every", c.checkpointEvery, source);
  readJsonKey(j, "keep_checkpoints", c.keepCheckpoints, source);
  readJsonKey(j, "autocast", c.autocast, source);
  readJsonKey(j, "threads", c.threads, source);
  readJsonKey(j, "device", c.device, source);
  readJsonKey(j, "allow_outside_images", c.allowOutsideImages, source);
  readJsonKey(j, "check_images", c.checkImages, source);
  if (j.contains("distributed")) {
    const auto& d = j.at("distributed");
    if (!d.is_object()) throw EngineError(source + ": \"distributed\" must be an object {backend, timeout_s}");
    readJsonKey(d, "backend", c.distributed.backend, source + " distributed");
    readJsonKey(d, "timeout_s", c.distributed.timeoutSeconds, source + " distributed");
    if (c.distributed.backend != "auto" && c.distributed.backend != "gloo" && c.distributed.backend != "nccl")
      throw EngineError(source + ": distributed \"backend\" must be auto, gloo or nccl, found \"" +
                        engine::shortText(c.distributed.backend) + "\"");
    if (c.distributed.timeoutSeconds < 1) throw EngineError(source + ": distributed \"timeout_s\" must be at least 1");
  }
  if (j.contains("eval")) {
    const auto& e = j.at("eval");
    if (!e.is_object()) throw EngineError(source + ": \"eval\" must be an object {questions, every, limit}");
    readJsonKey(e, "questions", c.eval.questions, source + " eval");
    readJsonKey(e, "every", c.eval.every, source + " eval");
    readJsonKey(e, "limit", c.eval.limit, source + " eval");
    if (c.eval.every < 0 || c.eval.limit < 0) throw EngineError(source + ": eval \"every\" and \"limit\" must not be negative");
    c.eval.questions = resolvePath(c.eval.questions, baseDir);
  }
  if (!j.contains("phases") || !j.at("phases").is_array() || j.at("phases").empty())
    throw EngineError(source + ": \"phases\" must be a non-empty array");
  for (size_t i = 0; i < j.at("phases").size(); ++i) {
    const auto& p = j.at("phases")[i];
    const std::string where = source + ": phase " + std::to_string(i + 1);
    if (!p.is_object()) throw EngineError(where + " must be an object");
    PhaseConfig ph;
    readJsonKey(p, "name", ph.name, where);
    readJsonKey(p, "dataset", ph.dataset, where);
    readJsonKey(p, "image_folder", ph.imageFolder, where);
    readJsonKey(p, "template", ph.promptTemplate, where);
    readJsonKey(p, "trainable", ph.trainable, where);
    readJsonKey(p, "steps", ph.steps, where);
    readJsonKey(p, "learning_rate", ph.learningRate, where);
    readJsonKey(p, "vision_learning_rate", ph.visionLearningRate, where);
    readJsonKey(p, "compression", ph.compression, where);
    readJsonKey(p, "patch_words", ph.patchWords, where);
    readJsonKey(p, "patch_word_weight", ph.patchWordWeight, where);
    readJsonKey(p, "grounding_weight", ph.groundingWeight, where);
    readJsonKey(p, "grounding_layer", ph.groundingLayer, where);
    readJsonKey(p, "prompt_loss_weight", ph.promptLossWeight, where);
    if (p.contains("schedule")) ph.schedule = scheduleFromJson(p.at("schedule"), where + " schedule");
    if (ph.dataset.empty()) throw EngineError(where + ": \"dataset\" (a LLaVA conversation JSON) is required");
    if (ph.steps < 1) throw EngineError(where + ": \"steps\" must be at least 1");
    if (ph.learningRate <= 0) throw EngineError(where + ": \"learning_rate\" must be positive");
    if (ph.visionLearningRate < 0) throw EngineError(where + ": \"vision_learning_rate\" must be positive (0 = learning_rate)");
    if (ph.promptTemplate != "vicuna_v1" && ph.promptTemplate != "plain")
      throw EngineError(where + ": \"template\" must be \"vicuna_v1\" or \"plain\"");
    if (!(ph.patchWordWeight >= 0) || !std::isfinite(ph.patchWordWeight))
      throw EngineError(where + ": \"patch_word_weight\" must be a finite number, 0 or more");
    if (ph.patchWordWeight > 0 && ph.patchWords.empty())
      throw EngineError(where + ": \"patch_word_weight\" needs \"patch_words\" (written by `llavolta data shapes --patch-words GRID`)");
    if (!(ph.groundingWeight >= 0) || !std::isfinite(ph.groundingWeight))
      throw EngineError(where + ": \"grounding_weight\" must be a finite number, 0 or more");
    if (!(ph.promptLossWeight >= 0) || !std::isfinite(ph.promptLossWeight))
      throw EngineError(where + ": \"prompt_loss_weight\" must be a finite number, 0 or more");
    if (ph.groundingLayer < 0) throw EngineError(where + ": \"grounding_layer\" must be a decoder layer, 0 or more");
    if (ph.groundingWeight > 0 && ph.patchWords.empty())
      throw EngineError(where + ": \"grounding_weight\" needs \"patch_words\" (which patches show which object; written by `llavolta data shapes --patch-words GRID`)");
    if (ph.patchWordWeight == 0 && ph.groundingWeight == 0 && !ph.patchWords.empty())
      throw EngineError(where + ": \"patch_words\" is set but \"patch_word_weight\" and \"grounding_weight\" are 0; give a loss a weight (e.g. 0.5) or drop the file");
    if (ph.trainable.empty()) throw EngineError(where + ": \"trainable\" lists nothing to train");
    for (const auto& t : ph.trainable)
      if (t != "vision" && t != "projector" && t != "llm")
        throw EngineError(where + ": trainable part \"" + t + "\" is not one of vision, projector, llm");
    ph.dataset = resolvePath(ph.dataset, baseDir);
    if (!ph.imageFolder.empty()) ph.imageFolder = resolvePath(ph.imageFolder, baseDir);
    ph.patchWords = resolvePath(ph.patchWords, baseDir);
    c.phases.push_back(ph);
  }
  if (j.contains("schedule")) {
    const auto& s = j.at("schedule");
    c.schedule = scheduleFromJson(s, source + " schedule");
  } else {
    c.schedule = Schedule::preset("reproduce");
  }
  if (c.batchSize < 1) throw EngineError(source + ": \"batch_size\" must be at least 1");
  if (c.gradientAccumulation < 1) throw EngineError(source + ": \"gradient_accumulation\" must be at least 1");
  if (c.warmupRatio < 0 || c.warmupRatio >= 1) throw EngineError(source + ": \"warmup_ratio\" must be in [0, 1)");
  if (c.autocast != "none" && c.autocast != "bf16") throw EngineError(source + ": \"autocast\" must be \"none\" or \"bf16\"");
  if (c.checkpointEvery < 0) throw EngineError(source + ": \"checkpoint_every\" must not be negative");
  c.outputDir = resolvePath(c.outputDir, baseDir);
  c.initModel = resolvePath(c.initModel, baseDir);
  c.modelConfig = resolvePath(c.modelConfig, baseDir);
  c.tokenizer = resolvePath(c.tokenizer, baseDir);
  c.visionTower = resolvePath(c.visionTower, baseDir);
  c.imageFolder = resolvePath(c.imageFolder, baseDir);
  return c;
} catch (const nlohmann::json::exception& e) {
  // A value of the wrong JSON type deep inside (read with get<> or value()) ends here as one
  // clean error naming the file, never as an exception of the JSON library.
  throw EngineError(source + ": " + e.what());
}

RunConfig RunConfig::fromFile(const std::string& path) {
  const auto base = fs::absolute(path).parent_path().string();
  return fromJson(engine::readJsonFile(path, "run config"), path, base);
}

json RunConfig::toJson() const {
  json phasesJson = json::array();
  for (const auto& p : phases) {
    phasesJson.push_back({{"name", p.name}, {"dataset", p.dataset}, {"template", p.promptTemplate},
                          {"trainable", p.trainable}, {"steps", p.steps}, {"learning_rate", p.learningRate},
                          {"compression", p.compression}});
    if (p.visionLearningRate > 0) phasesJson.back()["vision_learning_rate"] = p.visionLearningRate;
    if (p.promptLossWeight > 0) phasesJson.back()["prompt_loss_weight"] = p.promptLossWeight;
    if (p.schedule) phasesJson.back()["schedule"] = p.schedule->toJson();
    if (!p.imageFolder.empty()) phasesJson.back()["image_folder"] = p.imageFolder;
    if (!p.patchWords.empty()) {
      phasesJson.back()["patch_words"] = p.patchWords;
      phasesJson.back()["patch_word_weight"] = p.patchWordWeight;
      if (p.groundingWeight > 0) {
        phasesJson.back()["grounding_weight"] = p.groundingWeight;
        phasesJson.back()["grounding_layer"] = p.groundingLayer;
      }
    }
  }
  json model = json::object();
  if (!initModel.empty()) model["init"] = initModel;
  if (!modelConfig.empty()) model["config"] = modelConfig;
  if (!tokenizer.empty()) model["tokenizer"] = tokenizer;
  if (!visionTower.empty()) model["vision_tower"] = visionTower;
  model["seed"] = initSeed;
  return {{"output_dir", outputDir}, {"model", model}, {"image_folder", imageFolder}, {"phases", phasesJson},
          {"schedule", schedule.toJson()}, {"batch_size", batchSize}, {"gradient_accumulation", gradientAccumulation},
          {"max_sequence_length", maxSequenceLength}, {"weight_decay", weightDecay}, {"warmup_ratio", warmupRatio},
          {"max_grad_norm", maxGradNorm}, {"seed", seed}, {"checkpoint_every", checkpointEvery},
          {"keep_checkpoints", keepCheckpoints}, {"autocast", autocast}, {"device", device}, {"threads", threads},
          {"allow_outside_images", allowOutsideImages}, {"check_images", checkImages},
          {"eval", {{"questions", eval.questions}, {"every", eval.every}, {"limit", eval.limit}}},
          {"distributed", {{"backend", distributed.backend}, {"timeout_s", distributed.timeoutSeconds}}}};
}

int64_t RunConfig::totalSteps() const {
  int64_t n = 0;
  for (const auto& p : phases) n += p.steps;
  return n;
}

}  // namespace llavolta::training
