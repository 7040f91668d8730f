// `llavolta schemes`: the registered compression schemes with their parameters and
// defaults, from the same registry metadata the studio and the README list read.
#include <cstdio>
#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/compression.h"

namespace llavolta::cli {

namespace {
void runSchemes(bool json) {
  const auto& schemes = engine::registeredSchemes();
  if (json) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : schemes) {
      nlohmann::json params = nlohmann::json::array();
      for (const auto& p : s.parameters)
        params.push_back({{"key", p.key}, {"default", p.defaultValue}, {"description", p.description}});
      list.push_back({{"name", s.name},
                      {"summary", s.summary},
                      {"parameters", params},
                      {"main_parameter", s.mainParameter},
                      {"default_spec", engine::makeScheme(s.name)->spec()}});
    }
    std::cout << list.dump(2) << std::endl;
    return;
  }
  for (const auto& s : schemes) {
    std::printf("%s\n  %s\n  default: %s\n", s.name.c_str(), s.summary.c_str(), engine::makeScheme(s.name)->spec().c_str());
    for (const auto& p : s.parameters)
      std::printf("    %-11s = %-8s %s\n", p.key.c_str(), p.defaultValue.c_str(), p.description.c_str());
  }
}
}  // namespace

void registerSchemes(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  auto* cmd = app.add_subcommand("schemes", "List the compression schemes with their parameters and defaults");
  cmd->add_flag("--json", *json, "Print JSON");
  cmd->callback([json] { runSchemes(*json); });
}

}  // namespace llavolta::cli
