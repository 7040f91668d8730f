#pragma once
// The files a training run keeps in its directory, shared by the LLaVA trainer and the vision
// pretrainer: step-numbered checkpoint folders, JSONL records trimmed on resume, and the
// learning-rate schedule both follow.
#include <cstdint>
#include <filesystem>
#include <string>

namespace llavolta::training::runfiles {

// The sub-folder of a run that holds its step-* checkpoints (both trainers, and the studio).
constexpr const char* kCheckpointsDir = "checkpoints";
// "step-00001200": sorts by step.
std::string stepDirName(int64_t step);
// Rewrites a JSONL file of {"step": ...} records keeping those with step <= maxStep (a line cut
// by a kill ends the file); maxStep < 0 empties it.
void keepRecordsUpTo(const std::filesystem::path& path, int64_t maxStep);
// An append-only JSONL file of a run (metrics.jsonl, eval.jsonl). Each record is written with
// one write(2) as it comes; a failed write (the folder turned read-only, a full disk) throws an
// EngineError at that record, so a run never goes on losing its metrics without a word.
class RecordLog {
 public:
  explicit RecordLog(const std::filesystem::path& path);  // throws when it cannot be opened
  ~RecordLog();
  RecordLog(const RecordLog&) = delete;
  RecordLog& operator=(const RecordLog&) = delete;
  void append(const std::string& jsonLine);  // without the newline

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// Removes all but the newest `keep` step-* folders (keep <= 0 keeps all).
void pruneCheckpoints(const std::filesystem::path& dir, int64_t keep);
// Linear warm-up over ceil(warmupRatio * steps) steps, then cosine decay to zero (LLaVA's recipe).
double cosineLearningRate(double base, int64_t step, int64_t steps, double warmupRatio);

// An exclusive lock on a run folder (`DIR/.lock`, flock), held by the trainer or the vision
// pretrainer while it writes there, so two processes never train into one folder. The kernel
// releases it when the process ends, however it ends: a lock is never stale.
class RunFolderLock {
 public:
  // Creates DIR if needed. Throws EngineError naming the holder's pid when another process
  // (or another lock in this one) holds it.
  explicit RunFolderLock(const std::filesystem::path& dir);
  ~RunFolderLock();
  RunFolderLock(const RunFolderLock&) = delete;
  RunFolderLock& operator=(const RunFolderLock&) = delete;

 private:
  int fd_ = -1;
};

// The pid of the process that holds DIR's lock (a training run that is alive, whoever started
// it), -1 when it is held but the pid is unreadable, 0 when no process holds it.
long runFolderLockHolder(const std::filesystem::path& dir);

}  // namespace llavolta::training::runfiles
