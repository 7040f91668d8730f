#pragma once
// Reading and writing the JSON files of checkpoints, schedules and runs, with
// errors that name the file.
#include <string>

#include <nlohmann/json.hpp>

#include "engine/errors.h"

namespace llavolta::engine {

// Throws EngineError("cannot open <what> <path>") or "<path> is not valid JSON: ...".
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
    out = it->template get<T>();
  } catch (const nlohmann::json::exception&) {
    throw EngineError(source + ": field \"" + key + "\" has the wrong type (" + std::string(it->type_name()) + ")");
  }
}

}  // namespace llavolta::engine
