// libFuzzer entry point: config.json text through the depth-bounded parser into ModelConfig.
// Any outcome but success or an EngineError is a finding (ASan/UBSan report the rest).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/config.h"
#include "engine/errors.h"
#include "engine/input_limits.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto j = llavolta::engine::parseJson(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz");
    llavolta::engine::ModelConfig::fromJson(j, "fuzz").toJson().dump();
  } catch (const llavolta::engine::EngineError&) {
  }
  return 0;
}
