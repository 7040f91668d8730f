#pragma once
// Limits applied to everything the engine reads from outside, in one place, so a hostile or
// damaged input ends in one clear EngineError instead of a crash, a hang or an allocation
// that eats the machine. README.md ("Robustness") lists them for users.
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace llavolta::engine {

// JSON nesting deeper than this is refused while parsing (config files, safetensors headers,
// datasets, run files): real files nest a handful of levels.
constexpr int kMaxJsonDepth = 64;
// Compute threads (--threads, run configs): more than this is refused.
int maxComputeThreads();  // max(256, 4 x the cores this machine has)

// Throws EngineError unless path names an existing regular file (or a symlink to one). Catches
// directories, FIFOs, sockets and devices before anything opens them: opening a FIFO blocks
// forever. `what` names the file's role in the message ("config file", "tokenizer model").
void requireRegularFile(const std::string& path, const std::string& what);

// Depth-bounded JSON parsing; errors name `source` and quote at most a short excerpt.
nlohmann::json parseJson(std::string_view text, const std::string& source);
nlohmann::json parseJson(std::istream& in, const std::string& source);

// A value for an error message: its JSON text cut to maxChars (untrusted values can be huge).
std::string jsonExcerpt(const nlohmann::json& value, size_t maxChars = 60);

// The path of a file a data file names (a dataset image, a question's image) inside `folder`.
// Unless allowOutside, a name that is absolute or climbs out with "../" is an EngineError: a
// downloaded dataset must not make the program read /etc/passwd. `what` names the source.
std::string resolveInsideFolder(const std::string& folder, const std::string& name, bool allowOutside,
                                const std::string& what);

// Untrusted text for a message (a tensor or file name read from a file): cut to maxChars.
std::string shortText(const std::string& text, size_t maxChars = 80);

// Checks a thread count from a user: 0 (library default) up to maxComputeThreads().
void checkThreadCount(int64_t threads, const std::string& what);

}  // namespace llavolta::engine
