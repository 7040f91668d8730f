// llavolta launch --nproc N [--threads-per-proc T] [--master-port P] -- <subcommand ...>
// The built-in single-machine launcher for data-parallel training: N copies of this program
// with torchrun's environment (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT), each
// rank's output line by line with a "[rank r] " prefix, SIGINT/SIGTERM forwarded to every
// rank, and when one rank fails the others are stopped and the launcher exits with that
// rank's code, naming it.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common.h"
#include "engine/errors.h"
#include "engine/input_limits.h"

namespace llavolta::cli {

namespace {

struct LaunchArgs {
  int nproc = 2;
  int threadsPerProc = 0;
  int masterPort = 0;
  std::vector<std::string> command;
};

std::atomic<int> pendingSignal{0};
void onSignal(int sig) { pendingSignal = sig; }

// A TCP port nobody listens on now (the kernel's choice for port 0).
int freePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw engine::EngineError("launch: cannot open a socket to find a free port");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw engine::EngineError("launch: cannot find a free port on 127.0.0.1; pass --master-port");
  }
  const int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

struct Rank {
  pid_t pid = -1;
  int out = -1;  // read end of the rank's stdout+stderr
  std::string pending;
  bool running = true;
  int code = 0;  // exit code, or 128 + signal
};

void emitLines(int rank, Rank& r, bool flushAll) {
  // '\r' (a progress line redrawn) ends a line too.
  size_t start = 0;
  for (size_t i = 0; i < r.pending.size(); ++i) {
    if (r.pending[i] != '\n' && r.pending[i] != '\r') continue;
    if (i > start) std::fprintf(stderr, "[rank %d] %.*s\n", rank, static_cast<int>(i - start), r.pending.data() + start);
    start = i + 1;
  }
  r.pending.erase(0, start);
  if (flushAll && !r.pending.empty()) {
    std::fprintf(stderr, "[rank %d] %s\n", rank, r.pending.c_str());
    r.pending.clear();
  }
}

void runLaunch(const LaunchArgs& a) {
  if (a.nproc < 1 || a.nproc > 256) throw engine::EngineError("--nproc must be 1..256, found " + std::to_string(a.nproc));
  engine::checkThreadCount(a.threadsPerProc, "--threads-per-proc");
  if (a.masterPort < 0 || a.masterPort > 65535) throw engine::EngineError("--master-port must be 0..65535 (0 = a free one)");
  if (a.command.empty())
    throw engine::EngineError("launch: name the subcommand to run after --, e.g. llavolta launch --nproc 2 -- train --config run.json");
  if (a.command.front() == "launch") throw engine::EngineError("launch: the command cannot be launch itself");
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) throw engine::EngineError("launch: cannot find this program's path (/proc/self/exe)");
  self[n] = '\0';
  const int port = a.masterPort ? a.masterPort : freePort();
  std::fprintf(stderr, "launch: %d processes on 127.0.0.1:%d: llavolta", a.nproc, port);
  for (const auto& c : a.command) std::fprintf(stderr, " %s", c.c_str());
  std::fprintf(stderr, "\n");

  struct sigaction sa {};
  sa.sa_handler = onSignal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);

  std::vector<Rank> ranks(static_cast<size_t>(a.nproc));
  const pid_t parent = ::getpid();
  for (int r = 0; r < a.nproc; ++r) {
    int fds[2];
    if (::pipe(fds) != 0) throw engine::EngineError("launch: cannot create a pipe for rank " + std::to_string(r));
    const pid_t pid = ::fork();
    if (pid < 0) throw engine::EngineError("launch: cannot start rank " + std::to_string(r));
    if (pid == 0) {
      // A rank outlives no launcher: if the launcher is killed (SIGKILL leaves it no chance to
      // forward anything), the kernel sends the rank SIGTERM, and it checkpoints and stops.
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(143);  // the launcher died before prctl took effect
      ::dup2(fds[1], STDOUT_FILENO);
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::signal(SIGINT, SIG_DFL);
      ::signal(SIGTERM, SIG_DFL);
      ::setenv("RANK", std::to_string(r).c_str(), 1);
      ::setenv("LOCAL_RANK", std::to_string(r).c_str(), 1);
      ::setenv("WORLD_SIZE", std::to_string(a.nproc).c_str(), 1);
      ::setenv("MASTER_ADDR", "127.0.0.1", 1);
      ::setenv("MASTER_PORT", std::to_string(port).c_str(), 1);
      if (a.threadsPerProc > 0) {
        ::setenv("LLAVOLTA_THREADS", std::to_string(a.threadsPerProc).c_str(), 1);
        ::setenv("OMP_NUM_THREADS", std::to_string(a.threadsPerProc).c_str(), 1);
      }
      std::vector<char*> argv{self};
      for (const auto& c : a.command) argv.push_back(const_cast<char*>(c.c_str()));
      argv.push_back(nullptr);
      ::execv(self, argv.data());
      std::fprintf(stderr, "cannot run %s\n", self);
      ::_exit(127);
    }
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    ranks[static_cast<size_t>(r)].pid = pid;
    ranks[static_cast<size_t>(r)].out = fds[0];
  }

  int failed = -1;  // the first rank that failed
  bool forwarded = false, stopping = false;
  auto stopOthers = std::chrono::steady_clock::time_point::max();
  for (;;) {
    if (const int sig = pendingSignal.exchange(0); sig && !forwarded) {
      std::fprintf(stderr, "launch: %s: passing it to every rank\n", sig == SIGINT ? "interrupted" : "terminated");
      for (auto& r : ranks)
        if (r.running) ::kill(r.pid, sig);
      forwarded = true;
    }
    std::vector<pollfd> fds;
    std::vector<int> owner;
    for (int r = 0; r < a.nproc; ++r)
      if (ranks[static_cast<size_t>(r)].out >= 0) {
        fds.push_back({ranks[static_cast<size_t>(r)].out, POLLIN, 0});
        owner.push_back(r);
      }
    if (!fds.empty()) ::poll(fds.data(), fds.size(), 200);
    for (size_t k = 0; k < fds.size(); ++k) {
      if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      Rank& r = ranks[static_cast<size_t>(owner[k])];
      char buf[4096];
      const ssize_t got = ::read(r.out, buf, sizeof buf);
      if (got > 0) {
        r.pending.append(buf, static_cast<size_t>(got));
        emitLines(owner[k], r, false);
      } else if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        emitLines(owner[k], r, true);
        ::close(r.out);
        r.out = -1;
      }
    }
    for (int i = 0; i < a.nproc; ++i) {
      Rank& r = ranks[static_cast<size_t>(i)];
      if (!r.running) continue;
      int status = 0;
      if (::waitpid(r.pid, &status, WNOHANG) != r.pid) continue;
      r.running = false;
      r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      if (r.code != 0 && failed < 0 && !forwarded) {
        failed = i;
        std::fprintf(stderr, "launch: rank %d failed (%s %d); stopping the other ranks\n", i,
                     WIFEXITED(status) ? "exit code" : "signal", WIFEXITED(status) ? r.code : WTERMSIG(status));
        for (auto& o : ranks)
          if (o.running) ::kill(o.pid, SIGTERM);
        stopping = true;
        stopOthers = std::chrono::steady_clock::now() + std::chrono::seconds(15);
      }
    }
    // Ranks that ignore the stop (stuck in a collective) are killed after a grace period.
    if (stopping && std::chrono::steady_clock::now() > stopOthers) {
      for (auto& o : ranks)
        if (o.running) ::kill(o.pid, SIGKILL);
      stopOthers = std::chrono::steady_clock::time_point::max();
    }
    bool anyRunning = false, anyOpen = false;
    for (const auto& r : ranks) {
      anyRunning = anyRunning || r.running;
      anyOpen = anyOpen || r.out >= 0;
    }
    if (!anyRunning && !anyOpen) break;
  }
  int code = 0;
  if (failed >= 0) {
    code = ranks[static_cast<size_t>(failed)].code;
    std::fprintf(stderr, "launch: rank %d of %d failed with exit code %d\n", failed, a.nproc, code);
  } else {
    for (int i = 0; i < a.nproc && code == 0; ++i)
      if (ranks[static_cast<size_t>(i)].code != 0) {
        code = ranks[static_cast<size_t>(i)].code;
        std::fprintf(stderr, "launch: rank %d of %d ended with exit code %d\n", i, a.nproc, code);
      }
  }
  std::fflush(stdout);
  std::fflush(stderr);
  if (code != 0) std::exit(code);
}

}  // namespace

void registerLaunch(CLI::App& app) {
  auto args = std::make_shared<LaunchArgs>();
  auto* cmd = app.add_subcommand(
      "launch",
      "Run a subcommand as N data-parallel processes on this machine (torchrun's environment), e.g. "
      "launch --nproc 2 -- train --config run.json");
  cmd->add_option("--nproc", args->nproc, "Processes (ranks) to start")->capture_default_str();
  cmd->add_option("--threads-per-proc", args->threadsPerProc, "Compute threads of each rank (0 = library default)");
  cmd->add_option("--master-port", args->masterPort, "Port of the rendezvous on 127.0.0.1 (0 = a free one)");
  cmd->add_option("command", args->command, "The llavolta subcommand and its arguments, after --")->expected(-1);
  cmd->callback([args] { runLaunch(*args); });
}

}  // namespace llavolta::cli
