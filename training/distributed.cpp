#include "training/distributed.h"

#include <chrono>
#include <cstdlib>
#include <map>

#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include "engine/errors.h"

namespace llavolta::training {

using engine::EngineError;

namespace {

// The variable's value as an integer, or `fallback` when it is not set.
int64_t envInt(const char* name, int64_t fallback, bool* present = nullptr) {
  const char* v = std::getenv(name);
  if (present) *present = v && *v;
  if (!v || !*v) return fallback;
  char* end = nullptr;
  const long long x = std::strtoll(v, &end, 10);
  if (*end != '\0') throw EngineError(std::string("environment variable ") + name + "=\"" + v + "\" is not a whole number");
  return x;
}

}  // namespace

DistributedEnv DistributedEnv::fromEnvironment() {
  DistributedEnv e;
  bool haveRank = false, haveWorld = false;
  e.rank = envInt("RANK", 0, &haveRank);
  e.worldSize = envInt("WORLD_SIZE", 1, &haveWorld);
  e.localRank = envInt("LOCAL_RANK", e.rank);
  if (!haveRank && !haveWorld) {
    bool slurm = false;
    const int64_t tasks = envInt("SLURM_NTASKS", 1, &slurm);
    if (slurm) {
      e.worldSize = tasks;
      e.rank = envInt("SLURM_PROCID", 0);
      e.localRank = envInt("SLURM_LOCALID", e.rank);
    }
  }
  if (const char* addr = std::getenv("MASTER_ADDR"); addr && *addr) e.masterAddr = addr;
  e.masterPort = envInt("MASTER_PORT", e.masterPort);
  if (e.worldSize < 1) throw EngineError("WORLD_SIZE must be at least 1, found " + std::to_string(e.worldSize));
  if (e.rank < 0 || e.rank >= e.worldSize)
    throw EngineError("RANK " + std::to_string(e.rank) + " is outside 0.." + std::to_string(e.worldSize - 1) +
                      " (WORLD_SIZE " + std::to_string(e.worldSize) + ")");
  if (e.masterPort < 1 || e.masterPort > 65535)
    throw EngineError("MASTER_PORT must be 1..65535, found " + std::to_string(e.masterPort));
  return e;
}

struct ProcessGroup::Impl {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroup> group;
};

ProcessGroup::ProcessGroup(const DistributedEnv& env, const DistributedOptions& options, bool cuda) : env_(env) {
  if (env.worldSize == 1) return;
  if (options.timeoutSeconds < 1) throw EngineError("distributed \"timeout_s\" must be at least 1");
  std::string backend = options.backend;
  if (backend == "auto") backend = cuda ? "nccl" : "gloo";
  if (backend == "nccl")
    throw EngineError("the nccl backend is not in this LibTorch build (Debian's is CPU-only); use \"backend\": \"gloo\", "
                      "which also runs on CUDA tensors by staging them through host memory");
  if (backend != "gloo") throw EngineError("unknown distributed backend \"" + backend + "\"; use auto, gloo or nccl");
  backend_ = backend;
  const auto timeout = std::chrono::milliseconds(options.timeoutSeconds * 1000);
  impl_ = std::make_unique<Impl>();
  try {
    c10d::TCPStoreOptions so;
    so.port = static_cast<uint16_t>(env.masterPort);
    so.isServer = env.rank == 0;
    so.numWorkers = static_cast<size_t>(env.worldSize);
    so.waitWorkers = true;
    so.timeout = timeout;
    impl_->store = c10::make_intrusive<c10d::TCPStore>(env.masterAddr, so);
    auto go = c10d::ProcessGroupGloo::Options::create();
    go->timeout = timeout;
    // Gloo's endpoint on this machine: the interface GLOO_SOCKET_IFNAME names (as in PyTorch),
    // the loopback for a single-machine group, else the address this host's name resolves to.
    if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
      go->devices.push_back(c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
    else if (env.masterAddr.rfind("127.", 0) == 0 || env.masterAddr == "localhost")
      go->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
    else
      go->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
    impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(impl_->store, static_cast<int>(env.rank),
                                                               static_cast<int>(env.worldSize), go);
  } catch (const std::exception& e) {
    throw EngineError("rank " + std::to_string(env.rank) + " of " + std::to_string(env.worldSize) +
                      " could not join the process group at " + env.masterAddr + ":" + std::to_string(env.masterPort) +
                      ": " + e.what());
  }
}

ProcessGroup::~ProcessGroup() = default;

void ProcessGroup::allReduceSum(const std::vector<torch::Tensor>& tensors) {
  if (!impl_ || tensors.empty()) return;
  // One flat buffer per (dtype, device), on the CPU for gloo.
  std::map<std::pair<int, std::string>, std::vector<torch::Tensor>> groups;
  for (const auto& t : tensors) groups[{static_cast<int>(t.scalar_type()), t.device().str()}].push_back(t);
  for (auto& [key, list] : groups) {
    std::vector<torch::Tensor> flat;
    for (const auto& t : list) flat.push_back(t.detach().reshape({-1}).to(torch::kCPU));
    std::vector<at::Tensor> buffer{torch::cat(flat).contiguous()};
    try {
      impl_->group->allreduce(buffer)->wait();
    } catch (const std::exception& e) {
      throw EngineError("rank " + std::to_string(env_.rank) + ": all-reduce failed (another rank stopped or timed out): " +
                        e.what());
    }
    int64_t offset = 0;
    for (const auto& t : list) {
      const int64_t n = t.numel();
      torch::NoGradGuard noGrad;
      t.copy_(buffer[0].slice(0, offset, offset + n).view(t.sizes()).to(t.device()));
      offset += n;
    }
  }
}

bool ProcessGroup::any(bool value) {
  if (!impl_) return value;
  auto t = torch::full({1}, value ? 1.0f : 0.0f);
  allReduceSum({t});
  return t.item<float>() > 0.5f;
}

void ProcessGroup::broadcastFromMain(const std::vector<torch::Tensor>& tensors) {
  if (!impl_ || tensors.empty()) return;
  std::vector<torch::Tensor> flat;
  for (const auto& t : tensors) flat.push_back(t.detach().reshape({-1}).to(torch::kCPU, torch::kFloat64));
  std::vector<at::Tensor> buffer{torch::cat(flat).contiguous()};
  c10d::BroadcastOptions bo;
  bo.rootRank = 0;
  try {
    impl_->group->broadcast(buffer, bo)->wait();
  } catch (const std::exception& e) {
    throw EngineError("rank " + std::to_string(env_.rank) + ": broadcast failed: " + e.what());
  }
  int64_t offset = 0;
  torch::NoGradGuard noGrad;
  for (const auto& t : tensors) {
    const int64_t n = t.numel();
    t.copy_(buffer[0].slice(0, offset, offset + n).view(t.sizes()).to(t.device(), t.scalar_type()));
    offset += n;
  }
}

void ProcessGroup::barrier() {
  if (!impl_) return;
  any(false);  // an all-reduce is a barrier, and gloo's own barrier needs no extra set-up
}

}  // namespace llavolta::training
