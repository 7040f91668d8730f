#pragma once
// Reading and writing the JSON files of checkpoints, schedules and runs, with
// errors that name the file.
#include <string>

#include <nlohmann/json.hpp>

namespace llavolta::engine {

// Throws EngineError("cannot open <what> <path>") or "<path> is not valid JSON: ...".
nlohmann::json readJsonFile(const std::string& path, const std::string& what = "file");
// Writes to <path>.tmp, fsyncs and renames over path, so readers never see half a file.
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value);

}  // namespace llavolta::engine
