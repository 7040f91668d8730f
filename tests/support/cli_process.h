#pragma once
// Running the real llavolta binary from a test, without Qt (LLAVOLTA_CLI_PATH is set per test
// target): arguments in, exit code and both output streams out, a kill after a timeout.
#include <string>
#include <utility>
#include <vector>

namespace llavolta::check {

// A command line: Args{"chat", "--model", dir} << "--json", or base + Args{"--limit", "4"}.
struct Args : std::vector<std::string> {
  using std::vector<std::string>::vector;
  friend Args operator<<(Args args, std::string more) {
    args.push_back(std::move(more));
    return args;
  }
  friend Args operator+(Args args, const Args& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }
};

struct CliRun {
  int code = -1;
  std::string out, err;
  bool crashed = false;  // killed by a signal, or did not finish in time
};

// Runs `program args...` with stdin closed; waits at most timeoutMs.
CliRun runProgram(const std::string& program, const std::vector<std::string>& args, int timeoutMs = 120000);
// The command line, exit code and the start of both streams, for a failure message.
std::string describe(const std::vector<std::string>& args, const CliRun& r);

#ifdef LLAVOLTA_CLI_PATH
inline CliRun runCli(const std::vector<std::string>& args, int timeoutMs = 120000) {
  return runProgram(LLAVOLTA_CLI_PATH, args, timeoutMs);
}
#endif

}  // namespace llavolta::check
