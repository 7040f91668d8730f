#pragma once
// The scheme registry and scheme specs without LibTorch: what a scheme is called, its
// parameters, and "name:key=value,..." parsed, checked and written back. The studio's widgets
// and the schedule code read schemes through this header; the schemes themselves (tensors,
// apply) are in compression.h.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace llavolta::engine {

class CompressionScheme;  // compression.h
using SchemePtr = std::shared_ptr<const CompressionScheme>;

struct SchemeParameter {
  // What a value names, so that tools treat parameters generically: a decoder layer index
  // (rescaled when a schedule written for one depth runs on another), a '+'-joined list of
  // them, or anything else.
  enum class Kind { Value, Layer, LayerList };
  std::string key;
  std::string defaultValue;  // empty = required
  std::string description;
  Kind kind = Kind::Value;
};

struct SchemeInfo {
  std::string name;
  std::string summary;
  std::vector<SchemeParameter> parameters;
  std::function<SchemePtr(const std::map<std::string, std::string>&)> create;
  // The parameter a benchmark sweeps (e.g. "keep"); empty for none.
  std::string mainParameter;
};

// Typed parameter access for scheme factories.
class SchemeParams {
 public:
  SchemeParams(std::string scheme, std::map<std::string, std::string> values,
               const std::vector<SchemeParameter>& declared);
  int64_t integer(const std::string& key) const;
  double real(const std::string& key) const;
  std::string text(const std::string& key) const;

 private:
  std::string scheme_;
  std::map<std::string, std::string> values_;
};

// A scheme spec as data: "name:key=value,..." (or "name") parsed once, checked against the
// registry, and written back in one canonical form. Schedules, the trainer's metrics and the
// studio read specs through it instead of taking the text apart themselves.
class SchemeSpec {
 public:
  // Unknown schemes, unknown or repeated keys and items that are not key=value are
  // EngineErrors that name the offending part (the same text wherever a spec comes from).
  static SchemeSpec parse(const std::string& text);
  const std::string& name() const { return name_; }
  const SchemeInfo& info() const;
  // The values as written (defaults are not filled in).
  const std::map<std::string, std::string>& values() const { return values_; }
  // The values with defaults filled in, typed.
  SchemeParams params() const;
  // "name:key=value,..." with the keys in the registry's order ("name" alone without values).
  std::string text() const;
  // The same spec with every written layer-typed value (Kind::Layer, each entry of
  // Kind::LayerList) replaced by map(value); other values and unwritten defaults are kept.
  SchemeSpec mapLayers(const std::function<int64_t(int64_t)>& map) const;

 private:
  std::string name_;
  std::map<std::string, std::string> values_;
};

const std::vector<SchemeInfo>& registeredSchemes();
void registerScheme(SchemeInfo info);

// The canonical text of a valid spec, every parameter spelled out ("fastv" ->
// "fastv:layer=2,keep=0.5"); EngineError, naming the offending part, for an invalid one.
std::string canonicalSchemeSpec(const std::string& spec);
// Throws EngineError when the spec is invalid or, with numLayers > 0, does not fit a model of
// that depth and visual-token count.
void checkSchemeSpec(const std::string& spec, int64_t numLayers = 0, int64_t visualTokens = 0);

// Canonical text of a real parameter in a spec ("0.25", "0.125", "1").
std::string formatReal(double value);

}  // namespace llavolta::engine
