#pragma once
// LLaVolta's stage-wise compression schedules: a list of stages, each a
// compression scheme active until a fraction of training (or an absolute step).
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace llavolta::training {

struct Stage {
  // Scheme spec. In JSON a stage is {"layer": K, "stride": S, "until": u} (VCC
  // shorthand) or {"scheme": "spec", "until": u}.
  std::string scheme = "none";
  // until <= 1: fraction of the run's steps; until > 1: an absolute step (integer).
  double until = 1.0;
};

class Schedule {
 public:
  std::string name = "custom";
  std::string description;
  std::vector<Stage> stages;
  std::string testScheme = "none";  // what evaluation uses after training
  int64_t referenceLayers = 32;     // depth the layers in `stages` are written for

  static Schedule fromJson(const nlohmann::json& j, const std::string& source);
  static Schedule fromFile(const std::string& path);
  // A preset from resources/schedules/<name>.json.
  static Schedule preset(const std::string& name);
  static std::vector<std::string> presetNames();
  nlohmann::json toJson() const;

  // Layers rescaled to a model of `numLayers` (K' = round(K * N / reference), at least
  // 1 when K >= 1) and every scheme validated against the model; referenceLayers
  // becomes numLayers.
  Schedule resolved(int64_t numLayers, int64_t visualTokens) const;
  // First step of each stage after the first, for a run of totalSteps: stage i
  // covers steps [begin_i, begin_{i+1}).
  std::vector<int64_t> stageEnds(int64_t totalSteps) const;
  int stageAt(int64_t step, int64_t totalSteps) const;
  std::string schemeAt(int64_t step, int64_t totalSteps) const { return stages[stageAt(step, totalSteps)].scheme; }
};

// Rewrites the layer of a scheme spec written for `fromLayers` layers to `toLayers`.
std::string rescaleSchemeLayers(const std::string& spec, int64_t fromLayers, int64_t toLayers);

}  // namespace llavolta::training
