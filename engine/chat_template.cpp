#include "engine/chat_template.h"

#include "engine/errors.h"
#include "engine/tokenizer.h"

namespace llavolta::engine {

namespace {

constexpr const char* kImageToken = "<image>";
constexpr const char* kEosText = "</s>";

std::vector<std::string> splitOn(const std::string& text, const std::string& sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t pos = text.find(sep); pos != std::string::npos; pos = text.find(sep, start)) {
    parts.push_back(text.substr(start, pos - start));
    start = pos + sep.size();
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string renderVicunaV1(const ChatPrompt& prompt) {
  // SeparatorStyle.TWO with sep = " " after user messages and sep2 = "</s>" after answers.
  bool imageMentioned = false;
  for (const ChatTurn& turn : prompt.turns) {
    if (turn.user.find(kImageToken) != std::string::npos) imageMentioned = true;
  }

  std::string out = prompt.system + " ";
  for (size_t i = 0; i < prompt.turns.size(); ++i) {
    std::string user = prompt.turns[i].user;
    if (i == 0 && prompt.hasImage && !imageMentioned) user = std::string(kImageToken) + "\n" + user;
    out += user.empty() ? "USER:" : "USER: " + user + " ";
    const std::string& answer = prompt.turns[i].assistant;
    out += answer.empty() ? "ASSISTANT:" : "ASSISTANT: " + answer + kEosText;
  }
  return out;
}

std::vector<int64_t> tokenizePrompt(const Tokenizer& tok, const std::string& rendered,
                                    ImageTokenMode mode, int64_t imageTokenIndex,
                                    int64_t numVisualTokens) {
  if (mode == ImageTokenMode::Expanded && numVisualTokens <= 0) {
    throw EngineError("tokenizePrompt: numVisualTokens must be positive in Expanded mode, got " +
                      std::to_string(numVisualTokens));
  }
  std::vector<int64_t> ids;
  const std::vector<std::string> chunks = splitOn(rendered, kImageToken);
  for (size_t c = 0; c < chunks.size(); ++c) {
    if (c > 0) {
      if (mode == ImageTokenMode::Sentinel) {
        ids.push_back(kImageSentinel);
      } else {
        ids.insert(ids.end(), static_cast<size_t>(numVisualTokens), imageTokenIndex);
      }
    }
    // Each "</s>"-separated piece is encoded separately (so each gets sentencepiece's
    // dummy prefix), which is what the slow LLaMA tokenizer of LLaVA's training setup
    // does around special tokens.
    const std::vector<std::string> segments =
        tok.eosId() >= 0 ? splitOn(chunks[c], kEosText) : std::vector<std::string>{chunks[c]};
    for (size_t s = 0; s < segments.size(); ++s) {
      if (s > 0) ids.push_back(tok.eosId());
      const bool bos = c == 0 && s == 0;
      for (const int id : tok.encode(segments[s], bos)) ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace llavolta::engine
