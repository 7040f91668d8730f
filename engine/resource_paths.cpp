#include "engine/resource_paths.h"

#include <cstdlib>
#include <filesystem>

#include "engine/errors.h"

namespace llavolta::engine {
namespace fs = std::filesystem;

std::string resourceDir() {
  std::vector<fs::path> tried;
  if (const char* env = std::getenv("LLAVOLTA_RESOURCES"); env && *env) {
    if (fs::is_directory(env)) return env;
    throw EngineError(std::string("LLAVOLTA_RESOURCES points at ") + env + ", which is not a directory");
  }
  std::error_code ec;
  const auto exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) tried.push_back(exe.parent_path().parent_path() / "share" / "llavolta" / "resources");
  tried.push_back(LLAVOLTA_SOURCE_RESOURCES);
  for (const auto& p : tried)
    if (fs::is_directory(p)) return p.string();
  std::string list;
  for (const auto& p : tried) list += (list.empty() ? "" : ", ") + p.string();
  throw EngineError("cannot find the resources folder (tried " + list + "); set LLAVOLTA_RESOURCES");
}

std::string resourcePath(const std::string& relative) {
  const fs::path p = fs::path(resourceDir()) / relative;
  if (!fs::exists(p)) throw EngineError("resource " + relative + " is missing (looked for " + p.string() + ")");
  return p.string();
}

}  // namespace llavolta::engine
