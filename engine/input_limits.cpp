#include "engine/input_limits.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <thread>

#include "engine/errors.h"

namespace llavolta::engine {
namespace {

using nlohmann::json;

struct TooDeep {};

// Throws TooDeep from inside the parser as soon as nesting passes the limit; nlohmann's parser
// is iterative, so the deep input never reaches a recursive function (dump, destruction).
json parseBounded(const std::string& source, const std::function<json()>& run) {
  try {
    return run();
  } catch (const TooDeep&) {
    throw EngineError(source + ": JSON nested deeper than " + std::to_string(kMaxJsonDepth) +
                      " levels; the file is corrupt or hostile");
  } catch (const json::exception& e) {
    throw EngineError(source + " is not valid JSON: " + e.what());
  }
}

bool depthCheck(int depth, json::parse_event_t, json&) {
  if (depth > kMaxJsonDepth) throw TooDeep{};
  return true;
}

}  // namespace

int maxComputeThreads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return std::max(256, int(std::min(cores, 1u << 20)) * 4);
}

void requireRegularFile(const std::string& path, const std::string& what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw EngineError(what + " '" + path + "' does not exist");
    throw EngineError("cannot access " + what + " '" + path + "': " + std::strerror(errno));
  }
  if (S_ISDIR(st.st_mode)) throw EngineError(what + " '" + path + "' is a directory, not a file");
  if (!S_ISREG(st.st_mode))
    throw EngineError(what + " '" + path + "' is not a regular file (a FIFO, socket or device); " +
                      "give the path of the file itself");
}

json parseJson(std::string_view text, const std::string& source) {
  return parseBounded(source, [&] { return json::parse(text.begin(), text.end(), depthCheck); });
}

json parseJson(std::istream& in, const std::string& source) {
  return parseBounded(source, [&] { return json::parse(in, depthCheck); });
}

std::string jsonExcerpt(const json& value, size_t maxChars) {
  // Values reach here from depth-bounded parses, so dump() cannot recurse deeply; the cut
  // keeps a megabyte-long array out of the message.
  std::string text = value.dump();
  if (text.size() > maxChars) text = text.substr(0, maxChars) + "...";
  return text;
}

std::string resolveInsideFolder(const std::string& folder, const std::string& name, bool allowOutside,
                                const std::string& what) {
  namespace fs = std::filesystem;
  const fs::path p(name);
  if (allowOutside) return (p.is_absolute() || folder.empty() ? p : fs::path(folder) / p).lexically_normal().string();
  const fs::path relative = p.lexically_normal();
  const bool escapes = p.is_absolute() || p.has_root_name() || p.has_root_directory() ||
                       (!relative.empty() && *relative.begin() == "..");
  if (escapes)
    throw EngineError(what + " '" + name + "' is outside the image folder" +
                      (folder.empty() ? std::string() : " '" + folder + "'") +
                      "; image paths must be relative and stay inside it (allow other paths explicitly "
                      "with --allow-outside-images, or \"allow_outside_images\": true in a run config)");
  return (folder.empty() ? relative : (fs::path(folder) / relative).lexically_normal()).string();
}

std::string shortText(const std::string& text, size_t maxChars) {
  return text.size() <= maxChars ? text : text.substr(0, maxChars) + "...(" + std::to_string(text.size()) + " bytes)";
}

void checkThreadCount(int64_t threads, const std::string& what) {
  if (threads < 0) throw EngineError(what + " must be 0 (all cores) or more, got " + std::to_string(threads));
  if (threads > maxComputeThreads())
    throw EngineError(what + " " + std::to_string(threads) + " is more than " +
                      std::to_string(maxComputeThreads()) + " (this machine has " +
                      std::to_string(std::thread::hardware_concurrency()) + " cores)");
}

}  // namespace llavolta::engine
