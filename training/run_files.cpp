#include "training/run_files.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

#include "engine/errors.h"

namespace llavolta::training::runfiles {

namespace fs = std::filesystem;

std::string stepDirName(int64_t step) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "step-%08lld", static_cast<long long>(step));
  return buf;
}

void keepRecordsUpTo(const fs::path& path, int64_t maxStep) {
  std::vector<std::string> kept;
  if (maxStep >= 0 && fs::exists(path)) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
      try {
        if (nlohmann::json::parse(line).at("step").get<int64_t>() <= maxStep) kept.push_back(line);
      } catch (const std::exception&) {
        break;
      }
    }
  }
  std::ofstream out(path, std::ios::trunc);
  for (const auto& l : kept) out << l << "\n";
  out.close();
  if (!out)
    throw engine::EngineError("cannot rewrite " + path.string() +
                              ": the run folder is not writable or the disk is full");
}

RecordLog::RecordLog(const fs::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0)
    throw engine::EngineError("cannot open " + path.string() + " for appending: " + std::strerror(errno));
}

RecordLog::~RecordLog() {
  if (fd_ >= 0) ::close(fd_);
}

void RecordLog::append(const std::string& jsonLine) {
  const std::string line = jsonLine + "\n";
  size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw engine::EngineError("cannot write to " + path_.string() + ": " +
                                (n < 0 ? std::string(std::strerror(errno)) : std::string("no progress (disk full?)")) +
                                "; stopping here (the last checkpoint is intact; free space or fix the folder, then "
                                "resume)");
    done += static_cast<size_t>(n);
  }
}

void pruneCheckpoints(const fs::path& dir, int64_t keep) {
  if (keep <= 0 || !fs::is_directory(dir)) return;
  std::vector<fs::path> all;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().rfind("step-", 0) == 0) all.push_back(e.path());
  std::sort(all.begin(), all.end());
  for (size_t i = 0; i + static_cast<size_t>(keep) < all.size(); ++i) fs::remove_all(all[i]);
}

double cosineLearningRate(double base, int64_t step, int64_t steps, double warmupRatio) {
  const auto warmup = static_cast<int64_t>(std::ceil(warmupRatio * static_cast<double>(steps)));
  if (step < warmup) return base * static_cast<double>(step + 1) / static_cast<double>(warmup);
  const double progress = static_cast<double>(step - warmup) / static_cast<double>(std::max<int64_t>(1, steps - warmup));
  return base * 0.5 * (1.0 + std::cos(M_PI * progress));
}

namespace {

const char* const kLockFile = ".lock";

long readPid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  return n > 0 ? std::strtol(buf, nullptr, 10) : 0;
}

}  // namespace

RunFolderLock::RunFolderLock(const fs::path& dir) {
  fs::create_directories(dir);
  const fs::path path = dir / kLockFile;
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw engine::EngineError("cannot open " + path.string() + ": " + std::strerror(errno));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    const long holder = readPid(fd_);
    ::close(fd_);
    fd_ = -1;
    if (err == EWOULDBLOCK)
      throw engine::EngineError("run folder " + dir.string() + " is in use by another training process" +
                                (holder > 0 ? " (pid " + std::to_string(holder) + ")" : std::string()) +
                                ": wait for it, stop it, or choose another output folder");
    throw engine::EngineError("cannot lock " + path.string() + ": " + std::strerror(err));
  }
  const std::string pid = std::to_string(static_cast<long>(::getpid())) + "\n";
  // Best effort: without the pid the lock still holds; only the message naming the holder loses it.
  if (::ftruncate(fd_, 0) == 0) (void)!::pwrite(fd_, pid.data(), pid.size(), 0);
}

RunFolderLock::~RunFolderLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the descriptor releases the flock
}

long runFolderLockHolder(const fs::path& dir) {
  const int fd = ::open((dir / kLockFile).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  long holder = 0;
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    holder = readPid(fd);
    if (holder <= 0) holder = -1;  // held, pid unknown
  }
  ::close(fd);  // also drops the shared lock if we got it
  return holder;
}

}  // namespace llavolta::training::runfiles
