#include "engine/json_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "engine/errors.h"
#include "engine/input_limits.h"

namespace llavolta::engine {

nlohmann::json readJsonFile(const std::string& path, const std::string& what) {
  requireRegularFile(path, what);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw EngineError("cannot open " + what + " " + path);
  return parseJson(in, path);
}

void writeJsonFileAtomically(const std::string& path, const nlohmann::json& value) {
  const std::string tmp = path + ".tmp";
  const std::string text = value.dump(2) + "\n";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw EngineError("cannot write " + tmp);
  size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      std::remove(tmp.c_str());
      throw EngineError("cannot write " + tmp + " (disk full?)");
    }
    done += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw EngineError("cannot replace " + path + ": " + ec.message());
}

}  // namespace llavolta::engine
