#pragma once
// Running the real llavolta binary from a test, without Qt (LLAVOLTA_CLI_PATH is set per test
// target): arguments in, exit code and both output streams out, a kill after a timeout.
#include <string>
#include <vector>

namespace llavolta::check {

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
