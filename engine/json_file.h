#pragma once
// Reading and writing the JSON files of checkpoints, schedules and runs, with
// errors that name the file.
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "engine/errors.h"

namespace llavolta::engine {

// Throws EngineError naming the path when it is missing, not a regular file (a directory, a
// FIFO), not valid JSON, or nested deeper than kMaxJsonDepth (engine/input_limits.h).
nlohmann::json readJsonFile(const std::string& path, const std::string& what = "file");
// Writes to <path>.tmp, fsyncs and renames over path, so readers never see half a file.
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value);

// Reads j[key] into out when present and not null (a sparse config keeps its
// default); a value of the wrong type is an EngineError naming source and key.
template <typename T>
void readJsonKey(const nlohmann::json& j, const char* key, T& out, const std::string& source) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  try {
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
      // nlohmann truncates 64.5 to 64 and has undefined behaviour for 1e30; a size in a
      // config must be an exact integer that fits.
      if (it->is_number_float()) {
        const double v = it->template get<double>();
        if (!(v == std::floor(v) && v >= double(std::numeric_limits<T>::min()) &&
              v <= double(std::numeric_limits<T>::max())))
          throw EngineError(source + ": field \"" + key + "\" must be an integer, found " + it->dump());
        out = static_cast<T>(v);
        return;
      }
      if (it->is_number_unsigned() &&
          it->template get<uint64_t>() > uint64_t(std::numeric_limits<T>::max()))
        throw EngineError(source + ": field \"" + key + "\" is out of range: " + it->dump());
      if (it->is_number_integer() && !it->is_number_unsigned() &&
          (it->template get<int64_t>() < int64_t(std::numeric_limits<T>::min()) ||
           (sizeof(T) < 8 && it->template get<int64_t>() > int64_t(std::numeric_limits<T>::max()))))
        throw EngineError(source + ": field \"" + key + "\" is out of range: " + it->dump());
    }
    out = it->template get<T>();
  } catch (const nlohmann::json::exception&) {
    throw EngineError(source + ": field \"" + key + "\" has the wrong type (" + std::string(it->type_name()) + ")");
  }
}

}  // namespace llavolta::engine
