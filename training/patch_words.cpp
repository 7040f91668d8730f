#include "training/patch_words.h"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/json_file.h"
#include "engine/tokenizer.h"
#include "training/conversation_dataset.h"

namespace llavolta::training {

using engine::EngineError;

namespace {

constexpr int kMaxObjects = 10;  // one digit per cell

std::vector<std::string> splitWords(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

PatchWordTargets PatchWordTargets::load(const std::string& file, const std::string& imageFolder,
                                        const engine::Tokenizer& tok, bool allowOutside) {
  const auto root = engine::readJsonFile(file, "patch-word file");
  const std::string source = "patch-word file " + file;
  if (!root.is_object() || !root.contains("grid") || !root.contains("images"))
    throw EngineError(source + ": expected {\"grid\": G, \"images\": {...}} (written by `llavolta data shapes --patch-words G`)");
  PatchWordTargets t;
  t.file_ = file;
  engine::readJsonKey(root, "grid", t.grid_, source);
  if (t.grid_ < 1 || t.grid_ > 64) throw EngineError(source + ": \"grid\" must be 1 to 64, got " + std::to_string(t.grid_));
  const auto& images = root.at("images");
  if (!images.is_object() || images.empty()) throw EngineError(source + ": \"images\" must be a non-empty object");

  // Pass 1: validate and tokenise; pass 2: lay the ids out at one width.
  std::unordered_map<std::string, int64_t> firstToken;
  auto tokenOf = [&](const std::string& word) {
    auto it = firstToken.find(word);
    if (it != firstToken.end()) return it->second;
    const auto ids = tok.encode(word, false);
    if (ids.empty()) throw EngineError(source + ": the word \"" + engine::shortText(word) + "\" encodes to no token");
    return firstToken[word] = ids.front();
  };
  struct Entry {
    std::string path, cells;
    std::vector<std::vector<int64_t>> objectTokens;
  };
  std::vector<Entry> entries;
  const size_t P = static_cast<size_t>(t.grid_) * t.grid_;
  for (const auto& [key, value] : images.items()) {
    const std::string where = source + ": image \"" + engine::shortText(key) + "\"";
    if (!value.is_object() || !value.contains("objects") || !value.contains("cells") || !value.at("objects").is_array() ||
        !value.at("cells").is_string())
      throw EngineError(where + ": expected {\"objects\": [...], \"cells\": \"...\"}");
    Entry e;
    e.path = engine::resolveInsideFolder(imageFolder, key, allowOutside, source);
    const auto& objects = value.at("objects");
    if (objects.size() > kMaxObjects)
      throw EngineError(where + ": at most " + std::to_string(kMaxObjects) + " objects, got " + std::to_string(objects.size()));
    for (const auto& o : objects) {
      const auto words = o.is_string() ? splitWords(o.get<std::string>()) : std::vector<std::string>{};
      if (words.empty()) throw EngineError(where + ": every object must be a non-empty string of words, got " + engine::jsonExcerpt(o));
      std::vector<int64_t> ids;
      for (const auto& w : words) ids.push_back(tokenOf(w));
      t.words_ = std::max<int64_t>(t.words_, static_cast<int64_t>(ids.size()));
      e.objectTokens.push_back(std::move(ids));
    }
    e.cells = value.at("cells").get<std::string>();
    if (e.cells.size() != P)
      throw EngineError(where + ": \"cells\" has " + std::to_string(e.cells.size()) + " characters, the " +
                        std::to_string(t.grid_) + "x" + std::to_string(t.grid_) + " grid needs " + std::to_string(P));
    for (size_t p = 0; p < P; ++p) {
      const char c = e.cells[p];
      if (c == '.') continue;
      if (c < '0' || c > '9' || static_cast<size_t>(c - '0') >= e.objectTokens.size())
        throw EngineError(where + ": cell " + std::to_string(p) + " is '" + std::string(1, c) +
                          "', which is neither '.' nor an object index (the image lists " +
                          std::to_string(e.objectTokens.size()) + (e.objectTokens.size() == 1 ? " object)" : " objects)"));
    }
    entries.push_back(std::move(e));
  }
  if (t.words_ == 0) throw EngineError(source + ": no image lists an object");
  for (auto& e : entries) {
    auto ids = torch::full({static_cast<int64_t>(P), t.words_}, kIgnoreIndex, torch::kLong);
    auto acc = ids.accessor<int64_t, 2>();
    for (size_t p = 0; p < P; ++p) {
      if (e.cells[p] == '.') continue;
      const auto& words = e.objectTokens[static_cast<size_t>(e.cells[p] - '0')];
      for (size_t w = 0; w < words.size(); ++w) acc[static_cast<int64_t>(p)][static_cast<int64_t>(w)] = words[w];
    }
    t.byImage_[e.path] = std::move(ids);
    t.cells_[e.path] = std::move(e.cells);
  }
  return t;
}

torch::Tensor PatchWordTargets::patchesOf(const std::string& resolvedImage, const std::vector<int>& objects) const {
  auto it = cells_.find(resolvedImage);
  if (it == cells_.end())
    throw EngineError("patch-word file " + file_ + " does not describe the training image " + resolvedImage +
                      " (was it written for another dataset?)");
  auto mask = torch::zeros({patches()}, torch::kBool);
  auto acc = mask.accessor<bool, 1>();
  for (int64_t p = 0; p < patches(); ++p) {
    const char c = it->second[static_cast<size_t>(p)];
    acc[p] = c != '.' && std::find(objects.begin(), objects.end(), c - '0') != objects.end();
  }
  return mask;
}

torch::Tensor PatchWordTargets::forImages(const std::vector<std::string>& resolvedImages) const {
  std::vector<torch::Tensor> rows;
  for (const auto& image : resolvedImages) {
    auto it = byImage_.find(image);
    if (it == byImage_.end())
      throw EngineError("patch-word file " + file_ + " does not describe the training image " + image +
                        " (was it written for another dataset?)");
    rows.push_back(it->second);
  }
  return torch::stack(rows);
}

}  // namespace llavolta::training
