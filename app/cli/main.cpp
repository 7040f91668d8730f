// llavolta: the command-line face of the engine. Every error ends as one line on
// stderr and exit code 2.
#include <csignal>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "common.h"
#include "engine/process_setup.h"

LLAVOLTA_PREFER_PASSIVE_OPENMP();

int main(int argc, char** argv) {
  // A file-size limit (ulimit -f, a quota) then fails the write with EFBIG, which the writers
  // report, instead of killing the process mid-checkpoint.
  std::signal(SIGXFSZ, SIG_IGN);
  llavolta::engine::configureAllocator();
  CLI::App app{"LLaVolta: LLaVA-1.5 with visual context compression"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Print help for every subcommand");
  bool verbose = false;
  app.add_flag("-v,--verbose", verbose, "Log progress details to stderr");
  app.parse_complete_callback([&] { spdlog::set_level(verbose ? spdlog::level::info : spdlog::level::warn); });

  llavolta::cli::registerChat(app);
  llavolta::cli::registerInspect(app);
  llavolta::cli::registerFlops(app);
  llavolta::cli::registerInitModel(app);
  llavolta::cli::registerBenchSpeed(app);
  llavolta::cli::registerTrain(app);
  llavolta::cli::registerPretrainVision(app);
  llavolta::cli::registerEval(app);
  llavolta::cli::registerCompare(app);
  llavolta::cli::registerTokenizer(app);
  llavolta::cli::registerData(app);
  llavolta::cli::registerSchemes(app);
  llavolta::cli::registerLaunch(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    // CLI11 reports a mistyped subcommand as a missing one; name the word it did not know.
    const auto extra = app.remaining();
    if (app.get_subcommands().empty() && !extra.empty() && extra.front().rfind('-', 0) != 0)
      msg = "unknown subcommand \"" + extra.front() + "\"";
    std::cerr << "llavolta: error: " << msg << " (see --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::string msg = e.what();
    // c10 errors carry a backtrace after the first line; users need the first line.
    if (auto nl = msg.find('\n'); nl != std::string::npos) msg = msg.substr(0, nl);
    std::cerr << "llavolta: error: " << msg << "\n";
    return 2;
  }
  return 0;
}
