#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "common.h"
#include "engine/errors.h"
#include "engine/json_file.h"
#include "engine/tokenizer.h"

namespace llavolta::cli {

namespace {
struct TokenizerArgs {
  std::vector<std::string> data;
  int vocabSize = 1000;
  std::string out;
};

// Every human and gpt message of a LLaVA conversation JSON, without <image>.
void collectText(const nlohmann::json& entries, const std::string& file, std::vector<std::string>& lines) {
  if (!entries.is_array()) throw engine::EngineError(file + " is not a LLaVA conversation JSON (expected an array)");
  for (const auto& e : entries) {
    if (!e.is_object() || !e.contains("conversations") || !e.at("conversations").is_array()) continue;
    for (const auto& turn : e.at("conversations")) {
      if (!turn.is_object() || !turn.contains("value") || !turn.at("value").is_string()) continue;
      std::string v = turn.at("value").get<std::string>();
      for (auto pos = v.find("<image>"); pos != std::string::npos; pos = v.find("<image>")) v.erase(pos, 7);
      if (v.find_first_not_of(" \n\t") != std::string::npos) lines.push_back(v);
    }
  }
}

void runTokenizerTrain(const TokenizerArgs& a) {
  std::vector<std::string> lines;
  for (const auto& f : a.data) collectText(engine::readJsonFile(f, "dataset"), f, lines);
  if (lines.empty()) throw engine::EngineError("no conversation text found in the --data files");
  // The built-in corpus keeps common words in the vocabulary beside the dataset's.
  const auto& builtin = engine::builtinCorpus();
  lines.insert(lines.end(), builtin.begin(), builtin.end());
  std::filesystem::create_directories(a.out);
  const auto file = (std::filesystem::path(a.out) / "tokenizer.model").string();
  engine::trainTokenizer(lines, file, a.vocabSize);
  std::cout << "wrote " << file << " (" << a.vocabSize << " pieces from " << lines.size() << " lines)\n";
}
}  // namespace

void registerTokenizer(CLI::App& app) {
  auto args = std::make_shared<TokenizerArgs>();
  auto* group = app.add_subcommand("tokenizer", "Sentencepiece tokenizers");
  group->require_subcommand(1);
  auto* cmd = group->add_subcommand("train", "Train a LLaMA-style sentencepiece tokenizer on dataset text");
  cmd->add_option("--data", args->data, "LLaVA conversation JSON files")->required();
  cmd->add_option("--vocab-size", args->vocabSize, "Pieces in the vocabulary")->capture_default_str();
  cmd->add_option("--out", args->out, "Output directory (tokenizer.model)")->required();
  cmd->callback([args] { runTokenizerTrain(*args); });
}

}  // namespace llavolta::cli
