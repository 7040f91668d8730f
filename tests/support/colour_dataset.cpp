#include "support/colour_dataset.h"

#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include "engine/image.h"

namespace llavolta::testing {

namespace fs = std::filesystem;
using nlohmann::json;

std::string writeColourDataset(const std::string& dir, const ColourDatasetOptions& options) {
  const std::vector<std::pair<std::string, std::array<uint8_t, 3>>> colours{
      {"red", {220, 30, 30}}, {"green", {30, 200, 40}}, {"blue", {30, 40, 220}}, {"yellow", {230, 220, 40}}};
  fs::create_directories(fs::path(dir) / "images");
  json entries = json::array();
  for (int i = 0; i < options.samples; ++i) {
    const auto& [name, rgb] = colours[i % colours.size()];
    engine::RgbImage img;
    img.width = options.varySize ? 40 + 4 * (i % 3) : 40;
    img.height = 40;
    for (int p = 0; p < img.width * img.height; ++p) img.pixels.insert(img.pixels.end(), rgb.begin(), rgb.end());
    const std::string file = "images/" + std::to_string(i) + ".png";
    engine::writePng(img, (fs::path(dir) / file).string());
    entries.push_back({{"id", std::to_string(i)},
                       {"image", file},
                       {"conversations",
                        {{{"from", "human"}, {"value", "<image>\nWhat colour is the image?"}},
                         {{"from", "gpt"}, {"value", name}}}}});
  }
  std::ofstream questions(fs::path(dir) / "questions.jsonl"), answers(fs::path(dir) / "answers.jsonl");
  for (int i = 0; i < options.questions; ++i) {
    questions << json{{"question_id", i}, {"image", "images/" + std::to_string(i) + ".png"},
                      {"text", "What colour is the image?"}, {"category", "colour"}}.dump() << "\n";
    answers << json{{"question_id", i}, {"answer", colours[i % colours.size()].first}, {"category", "colour"}}.dump()
            << "\n";
  }
  const std::string file = (fs::path(dir) / "train.json").string();
  std::ofstream(file) << entries.dump(1);
  return file;
}

std::vector<json> readJsonLines(const std::string& file) {
  std::vector<json> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

}  // namespace llavolta::testing
