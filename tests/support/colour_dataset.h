#pragma once
// A tiny colour-naming task for trainer tests: images of one flat colour, the question asks
// for it. Written as a LLaVA conversation JSON plus a LLaVA question file with ground truth.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace llavolta::testing {

struct ColourDatasetOptions {
  int samples = 16;        // conversations (colours cycle red, green, blue, yellow)
  int questions = 8;       // the first N images again as questions.jsonl + answers.jsonl
  bool varySize = true;    // widths 40, 44, 48 in turn (exercises resizing); else all 40x40
};

// Writes images/, train.json, questions.jsonl and answers.jsonl into dir; returns train.json.
std::string writeColourDataset(const std::string& dir, const ColourDatasetOptions& options = {});

// One JSON value per line (metrics.jsonl, eval.jsonl).
std::vector<nlohmann::json> readJsonLines(const std::string& file);

}  // namespace llavolta::testing
