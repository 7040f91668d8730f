#include "engine/compression.h"

#include <algorithm>
#include <mutex>
#include <sstream>

#include "engine/errors.h"

namespace llavolta::engine {

void CompressionContext::replaceSpan(const torch::Tensor& span, const torch::Tensor& newPositions,
                                     std::vector<TokenGroups> newGroups) {
  const int64_t B = hidden.size(0);
  std::vector<torch::Tensor> h, p, v;
  for (int64_t b = 0; b < B; ++b) {
    const int64_t s = spanStart[b], e = s + spanLength;
    h.push_back(torch::cat({hidden[b].slice(0, 0, s), span[b], hidden[b].slice(0, e)}, 0));
    p.push_back(torch::cat({positions[b].slice(0, 0, s), newPositions[b], positions[b].slice(0, e)}, 0));
    auto spanValid = torch::ones({span.size(1)}, valid.options());
    v.push_back(torch::cat({valid[b].slice(0, 0, s), spanValid, valid[b].slice(0, e)}, 0));
  }
  hidden = torch::stack(h);
  positions = torch::stack(p);
  valid = torch::stack(v);
  spanLength = span.size(1);
  groups = std::move(newGroups);
}

torch::Tensor CompressionContext::spanHidden() const {
  std::vector<torch::Tensor> parts;
  for (int64_t b = 0; b < hidden.size(0); ++b) parts.push_back(hidden[b].slice(0, spanStart[b], spanStart[b] + spanLength));
  return torch::stack(parts);
}

torch::Tensor CompressionContext::spanPositions() const {
  std::vector<torch::Tensor> parts;
  for (int64_t b = 0; b < positions.size(0); ++b)
    parts.push_back(positions[b].slice(0, spanStart[b], spanStart[b] + spanLength));
  return torch::stack(parts);
}

TokenGroups identityGroups(int64_t visualTokens) {
  TokenGroups g(visualTokens);
  for (int64_t i = 0; i < visualTokens; ++i) g[i] = {i};
  return g;
}

std::string formatReal(double value) {
  std::ostringstream ss;
  ss.precision(10);
  ss << value;
  return ss.str();
}

SchemeParams::SchemeParams(std::string scheme, std::map<std::string, std::string> values,
                           const std::vector<SchemeParameter>& declared)
    : scheme_(std::move(scheme)) {
  for (const auto& [key, value] : values) {
    auto it = std::find_if(declared.begin(), declared.end(), [&](const SchemeParameter& p) { return p.key == key; });
    if (it == declared.end()) {
      std::string keys;
      for (const auto& p : declared) keys += (keys.empty() ? "" : ", ") + p.key;
      throw EngineError("scheme \"" + scheme_ + "\" has no parameter \"" + key + "\"" +
                        (keys.empty() ? std::string(" (it takes none)") : " (it takes: " + keys + ")"));
    }
  }
  for (const auto& p : declared) {
    auto it = values.find(p.key);
    if (it != values.end()) {
      values_[p.key] = it->second;
    } else if (p.defaultValue.empty()) {
      throw EngineError("scheme \"" + scheme_ + "\" needs the parameter \"" + p.key + "\" (" + p.description + ")");
    } else {
      values_[p.key] = p.defaultValue;
    }
  }
}

int64_t SchemeParams::integer(const std::string& key) const {
  const std::string& v = values_.at(key);
  try {
    size_t used = 0;
    int64_t r = std::stoll(v, &used);
    if (used == v.size()) return r;
  } catch (const std::exception&) {
  }
  throw EngineError("scheme \"" + scheme_ + "\": " + key + "=" + v + " is not an integer");
}

double SchemeParams::real(const std::string& key) const {
  const std::string& v = values_.at(key);
  try {
    size_t used = 0;
    double r = std::stod(v, &used);
    if (used == v.size()) return r;
  } catch (const std::exception&) {
  }
  throw EngineError("scheme \"" + scheme_ + "\": " + key + "=" + v + " is not a number");
}

std::string SchemeParams::text(const std::string& key) const { return values_.at(key); }

namespace {

std::vector<SchemeInfo>& registry() {
  static std::vector<SchemeInfo> r;
  return r;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

}  // namespace

void registerBuiltinSchemes();  // compression_schemes.cpp

static void ensureBuiltins() {
  static std::once_flag once;
  std::call_once(once, [] { registerBuiltinSchemes(); });
}

void registerScheme(SchemeInfo info) { registry().push_back(std::move(info)); }

const std::vector<SchemeInfo>& registeredSchemes() {
  ensureBuiltins();
  return registry();
}

SchemeSpec SchemeSpec::parse(const std::string& textIn) {
  ensureBuiltins();
  const std::string spec = trim(textIn);
  const auto colon = spec.find(':');
  SchemeSpec out;
  out.name_ = trim(spec.substr(0, colon));
  if (colon != std::string::npos) {
    std::stringstream ss(spec.substr(colon + 1));
    std::string item;
    while (std::getline(ss, item, ',')) {
      item = trim(item);
      if (item.empty()) continue;
      const auto eq = item.find('=');
      if (eq == std::string::npos || trim(item.substr(0, eq)).empty() || trim(item.substr(eq + 1)).empty())
        throw EngineError("scheme spec \"" + spec + "\": \"" + item + "\" is not key=value");
      const std::string key = trim(item.substr(0, eq));
      if (out.values_.count(key)) throw EngineError("scheme spec \"" + spec + "\": \"" + key + "\" is given twice");
      out.values_[key] = trim(item.substr(eq + 1));
    }
  }
  const auto& info = out.info();  // throws for an unknown scheme
  (void)SchemeParams(out.name_, out.values_, info.parameters);  // throws for unknown keys and missing required ones
  return out;
}

const SchemeInfo& SchemeSpec::info() const {
  ensureBuiltins();
  for (const auto& info : registry())
    if (info.name == name_) return info;
  std::string names;
  for (const auto& info : registry()) names += (names.empty() ? "" : ", ") + info.name;
  throw EngineError("unknown compression scheme \"" + name_ + "\" (known: " + names + ")");
}

SchemeParams SchemeSpec::params() const { return SchemeParams(name_, values_, info().parameters); }

std::string SchemeSpec::text() const {
  std::string out = name_, items;
  for (const auto& p : info().parameters) {
    auto it = values_.find(p.key);
    if (it != values_.end()) items += (items.empty() ? "" : ",") + p.key + "=" + it->second;
  }
  return items.empty() ? out : out + ":" + items;
}

SchemeSpec SchemeSpec::mapLayers(const std::function<int64_t(int64_t)>& map) const {
  SchemeSpec out = *this;
  for (const auto& p : info().parameters) {
    auto it = out.values_.find(p.key);
    if (it == out.values_.end() || p.kind == SchemeParameter::Kind::Value) continue;
    std::string rebuilt;
    std::stringstream ss(it->second);
    std::string item;
    bool first = true;
    while (std::getline(ss, item, p.kind == SchemeParameter::Kind::LayerList ? '+' : '\0')) {
      std::string mapped = item;
      try {
        size_t used = 0;
        const int64_t k = std::stoll(item, &used);
        if (used == item.size()) mapped = std::to_string(map(k));
      } catch (const std::exception&) {
        // not a number: kept as written, for the scheme's own factory to report
      }
      rebuilt += (first ? "" : "+") + mapped;
      first = false;
    }
    it->second = rebuilt;
  }
  return out;
}

SchemePtr makeScheme(const std::string& spec) {
  const auto parsed = SchemeSpec::parse(spec);
  return parsed.info().create(parsed.values());
}

SchemePtr makeScheme(const std::string& spec, int64_t numLayers, int64_t visualTokens) {
  auto s = makeScheme(spec);
  s->validate(numLayers, visualTokens);
  return s;
}

std::string canonicalSchemeSpec(const std::string& spec) { return makeScheme(spec)->spec(); }

void checkSchemeSpec(const std::string& spec, int64_t numLayers, int64_t visualTokens) {
  if (numLayers > 0)
    makeScheme(spec, numLayers, visualTokens);
  else
    makeScheme(spec);
}

}  // namespace llavolta::engine
