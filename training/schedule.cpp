#include "training/schedule.h"

#include <algorithm>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/json_file.h"
#include "engine/resource_paths.h"

namespace llavolta::training {

using engine::EngineError;
using nlohmann::json;

namespace {

std::string vccSpec(int64_t layer, int64_t stride) {
  return "vcc:layer=" + std::to_string(layer) + ",stride=" + std::to_string(stride);
}

int64_t rescaleLayer(int64_t layer, int64_t from, int64_t to) {
  if (layer <= 0 || from == to) return layer;
  const auto scaled = std::lround(static_cast<double>(layer) * static_cast<double>(to) / static_cast<double>(from));
  return std::max<int64_t>(1, scaled);
}

}  // namespace

std::string rescaleSchemeLayers(const std::string& spec, int64_t fromLayers, int64_t toLayers) {
  // Every layer-typed parameter written in the spec is a depth written for fromLayers.
  return engine::SchemeSpec::parse(spec)
      .mapLayers([&](int64_t layer) { return rescaleLayer(layer, fromLayers, toLayers); })
      .text();
}

Schedule Schedule::fromJson(const json& j, const std::string& source) try {
  if (!j.is_object()) throw EngineError(source + ": a schedule is a JSON object with \"stages\"");
  Schedule s;
  s.name = "custom";
  s.referenceLayers = 32;
  engine::readJsonKey(j, "name", s.name, source);
  engine::readJsonKey(j, "description", s.description, source);
  engine::readJsonKey(j, "reference_layers", s.referenceLayers, source);
  if (s.referenceLayers < 1) throw EngineError(source + ": reference_layers must be positive");
  if (!j.contains("stages") || !j.at("stages").is_array() || j.at("stages").empty())
    throw EngineError(source + ": \"stages\" must be a non-empty array");
  auto schemeOf = [&](const json& st, const std::string& where) -> std::string {
    if (st.is_string()) return st.get<std::string>();
    if (!st.is_object()) throw EngineError(where + ": expected {\"layer\", \"stride\"} or {\"scheme\"}");
    if (st.contains("scheme")) {
      if (!st.at("scheme").is_string()) throw EngineError(where + ": \"scheme\" must be a string");
      return st.at("scheme").get<std::string>();
    }
    if (!st.contains("layer") || !st.contains("stride"))
      throw EngineError(where + ": a stage needs \"layer\" and \"stride\" (VCC) or a \"scheme\" spec");
    if (!st.at("layer").is_number_integer() || !st.at("stride").is_number_integer())
      throw EngineError(where + ": \"layer\" and \"stride\" must be integers");
    return vccSpec(st.at("layer").get<int64_t>(), st.at("stride").get<int64_t>());
  };
  double previous = 0;
  bool previousIsStep = false;
  for (size_t i = 0; i < j.at("stages").size(); ++i) {
    const auto& st = j.at("stages")[i];
    const std::string where = source + ": stage " + std::to_string(i + 1);
    Stage stage;
    stage.scheme = schemeOf(st, where);
    engine::makeScheme(stage.scheme);  // syntax check now; ranges are checked in resolved()
    if (!st.contains("until") || !st.at("until").is_number())
      throw EngineError(where + ": \"until\" (fraction of training, or an absolute step > 1) is required");
    stage.until = st.at("until").get<double>();
    const bool isStep = stage.until > 1.0;
    if (stage.until <= 0) throw EngineError(where + ": \"until\" must be positive");
    if (isStep && std::floor(stage.until) != stage.until)
      throw EngineError(where + ": \"until\" above 1 is a step number and must be an integer");
    if (i > 0 && isStep == previousIsStep && stage.until <= previous)
      throw EngineError(where + ": \"until\" " + std::to_string(stage.until) + " does not come after the previous stage's " +
                        std::to_string(previous));
    previous = stage.until;
    previousIsStep = isStep;
    s.stages.push_back(stage);
  }
  if (s.stages.back().until < 1.0) throw EngineError(source + ": the last stage must run until the end (until 1.0)");
  if (j.contains("test")) s.testScheme = schemeOf(j.at("test"), source + ": test");
  engine::makeScheme(s.testScheme);
  return s;
} catch (const nlohmann::json::exception& e) {
  // A value of the wrong JSON type deep inside (read with get<> or value()) ends here as one
  // clean error naming the file, never as an exception of the JSON library.
  throw EngineError(source + ": " + e.what());
}

Schedule Schedule::fromFile(const std::string& path) {
  return fromJson(engine::readJsonFile(path, "schedule file"), path);
}

Schedule Schedule::preset(const std::string& name) {
  // Looked up among the presets that exist, never turned into a path: a name from a run config
  // is untrusted ("../x", or 300 characters, which made fs::exists throw "File name too long").
  const auto names = presetNames();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    throw EngineError("no schedule preset \"" + engine::shortText(name) + "\" (presets: " + list + ")");
  }
  return fromFile((std::filesystem::path(engine::resourceDir()) / "schedules" / (name + ".json")).string());
}

std::vector<std::string> Schedule::presetNames() {
  std::vector<std::string> names;
  const auto dir = std::filesystem::path(engine::resourceDir()) / "schedules";
  if (std::filesystem::is_directory(dir))
    for (const auto& e : std::filesystem::directory_iterator(dir))
      if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

json Schedule::toJson() const {
  json stagesJson = json::array();
  for (const auto& st : stages) stagesJson.push_back({{"scheme", st.scheme}, {"until", st.until}});
  return {{"name", name}, {"description", description}, {"reference_layers", referenceLayers},
          {"stages", stagesJson}, {"test", testScheme}};
}

Schedule Schedule::resolved(int64_t numLayers, int64_t visualTokens) const {
  Schedule r = *this;
  for (auto& st : r.stages) {
    st.scheme = engine::makeScheme(rescaleSchemeLayers(st.scheme, referenceLayers, numLayers), numLayers, visualTokens)->spec();
  }
  r.testScheme = engine::makeScheme(rescaleSchemeLayers(testScheme, referenceLayers, numLayers), numLayers, visualTokens)->spec();
  r.referenceLayers = numLayers;
  return r;
}

std::vector<int64_t> Schedule::stageEnds(int64_t totalSteps) const {
  std::vector<int64_t> ends;
  for (size_t i = 0; i < stages.size(); ++i) {
    const double u = stages[i].until;
    int64_t end = u > 1.0 ? static_cast<int64_t>(u) : std::llround(u * static_cast<double>(totalSteps));
    if (i + 1 == stages.size()) end = std::max(end, totalSteps);
    if (!ends.empty()) end = std::max(end, ends.back());
    ends.push_back(end);
  }
  return ends;
}

int Schedule::stageAt(int64_t step, int64_t totalSteps) const {
  const auto ends = stageEnds(totalSteps);
  for (size_t i = 0; i < ends.size(); ++i)
    if (step < ends[i]) return static_cast<int>(i);
  return static_cast<int>(ends.size()) - 1;
}

}  // namespace llavolta::training
