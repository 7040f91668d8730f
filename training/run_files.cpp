#include "training/run_files.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

#include <nlohmann/json.hpp>

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

}  // namespace llavolta::training::runfiles
