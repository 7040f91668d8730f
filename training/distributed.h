#pragma once
// Data parallelism over c10d (docs/data-parallel.md): the process's place in a group of
// training processes, read from the environment torchrun and Slurm set, and the few
// collectives the trainer needs. With one process every operation is a no-op, so the trainer
// has one code path. c10d stays inside distributed.cpp.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <torch/types.h>

namespace llavolta::training {

struct DistributedOptions {
  std::string backend = "auto";  // "auto" (gloo on CPU, nccl on CUDA), "gloo", "nccl"
  int64_t timeoutSeconds = 300;  // a collective that waits longer fails (a rank died or hangs)
};

// RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT as torchrun sets them; when RANK and
// WORLD_SIZE are absent, SLURM_PROCID / SLURM_NTASKS / SLURM_LOCALID (srun). Absent: one process.
struct DistributedEnv {
  int64_t rank = 0;
  int64_t worldSize = 1;
  int64_t localRank = 0;
  std::string masterAddr = "127.0.0.1";
  int64_t masterPort = 29500;
  // EngineError naming the variable for values that are not numbers, a rank outside
  // [0, WORLD_SIZE), or a port outside 1..65535.
  static DistributedEnv fromEnvironment();
};

class ProcessGroup {
 public:
  // Joins the group (rank 0 hosts the TCP store at MASTER_ADDR:MASTER_PORT). With worldSize 1
  // nothing is created. EngineError for a backend this LibTorch lacks (nccl without CUDA), or
  // when the other ranks do not arrive within the timeout.
  ProcessGroup(const DistributedEnv& env, const DistributedOptions& options, bool cuda);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;

  int64_t rank() const { return env_.rank; }
  int64_t worldSize() const { return env_.worldSize; }
  bool isMain() const { return env_.rank == 0; }
  const std::string& backend() const { return backend_; }

  // Sums the tensors in place over all ranks (one flat buffer per dtype and device).
  void allReduceSum(const std::vector<torch::Tensor>& tensors);
  // True when any rank passes true (a stop request, a non-finite loss).
  bool any(bool value);
  // Copies rank 0's tensors to every rank, in place.
  void broadcastFromMain(const std::vector<torch::Tensor>& tensors);
  void barrier();

 private:
  struct Impl;
  DistributedEnv env_;
  std::string backend_ = "none";
  std::unique_ptr<Impl> impl_;
};

}  // namespace llavolta::training
