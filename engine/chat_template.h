#pragma once
// LLaVA-1.5's vicuna_v1 conversation template and the splicing of <image> into token ids,
// following LLaVA's llava/conversation.py (conv_vicuna_v1, SeparatorStyle.TWO) and
// llava/mm_utils.py (tokenizer_image_token).
#include <cstdint>
#include <string>
#include <vector>

namespace llavolta::engine {

class Tokenizer;

// LLaVA's IMAGE_TOKEN_INDEX: one marker per image in token id lists.
constexpr int64_t kImageSentinel = -200;

struct ChatTurn {
  std::string user;
  std::string assistant;  // empty on the last (open) turn
};

struct ChatPrompt {
  // conv_vicuna_v1's system message, which LLaVA-1.5 was trained and evaluated with.
  // (conv_llava_v1 says "curious human ... human's questions" instead.)
  std::string system =
      "A chat between a curious user and an artificial intelligence assistant. The assistant "
      "gives helpful, detailed, and polite answers to the user's questions.";
  std::vector<ChatTurn> turns;
  // "<image>\n" goes before the first user message unless some user message already
  // contains "<image>".
  bool hasImage = true;
};

// system + " " + per turn "USER: " + user + " " + "ASSISTANT:" and, when answered,
// " " + answer + "</s>". Like LLaVA's get_prompt(), an empty message renders as the bare
// role ("USER:" / "ASSISTANT:") with no separator; the open last turn ends in "ASSISTANT:".
std::string renderVicunaV1(const ChatPrompt& prompt);

enum class ImageTokenMode {
  Sentinel,  // original LLaVA: one kImageSentinel per <image>
  Expanded,  // llava-hf: imageTokenIndex repeated numVisualTokens times per <image>
};

// Splits `rendered` on "<image>", encodes each chunk on its own (BOS only before the
// first, as tokenizer_image_token does) and puts the image marker(s) between chunks.
// A literal "</s>" (vicuna_v1's turn separator) becomes the EOS id, as the Hugging Face
// LLaMA tokenizer LLaVA trains with treats it; the text on either side is encoded as its
// own piece.
std::vector<int64_t> tokenizePrompt(const Tokenizer& tok, const std::string& rendered,
                                    ImageTokenMode mode, int64_t imageTokenIndex = 32000,
                                    int64_t numVisualTokens = 576);

}  // namespace llavolta::engine
