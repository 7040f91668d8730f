// Tokenizer, sentencepiece bridge isolation, vicuna_v1 template and <image> splicing.
// Trains a small real tokenizer from builtinCorpus() once, in a temporary directory.
#include <ATen/ATen.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/chat_template.h"
#include "engine/errors.h"
#include "engine/tokenizer.h"
#include "support/check.h"

using namespace llavolta::engine;

namespace {

constexpr int kVocab = 400;

bool isValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    if (c < 0x80) extra = 0;
    else if (c >= 0xC2 && c <= 0xDF) extra = 1;
    else if (c >= 0xE0 && c <= 0xEF) extra = 2;
    else if (c >= 0xF0 && c <= 0xF4) extra = 3;
    else return false;
    if (i + extra >= s.size() && extra > 0) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string engineErrorOf(const std::function<void()>& fn) { return check::errorOf(fn); }

std::vector<int64_t> widen(const std::vector<int>& v) { return {v.begin(), v.end()}; }

}  // namespace

class TokenizerTest : public check::Suite {
 private:
  check::TempDir dir_;
  std::string modelFile_;
  std::shared_ptr<Tokenizer> tok_;

 public:
  void initTestCase() override {
    modelFile_ = (dir_.path() + "/sub dir/tokenizer.model");
    const auto start = std::chrono::steady_clock::now();
    try {
      trainTokenizer(builtinCorpus(), modelFile_, kVocab);
    } catch (const EngineError& e) {
      FAIL(e.what());
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    check::note(check::text("trained a ", kVocab, "-piece tokenizer from ", builtinCorpus().size(), " lines in ",
                            ms.count(), " ms"));
    VERIFY(std::filesystem::exists(modelFile_));
    VERIFY(!std::filesystem::exists(modelFile_ + ".corpus.tmp"));
    try {
      tok_ = Tokenizer::load(modelFile_);
    } catch (const EngineError& e) {
      FAIL(e.what());
    }
    VERIFY(tok_);
  }

  TEST(builtinCorpusIsSubstantial) {
    const auto& corpus = builtinCorpus();
    VERIFY(corpus.size() >= 300);
    bool question = false, digits = false;
    for (const auto& line : corpus) {
      question |= line.rfind("What colour is the ", 0) == 0;
      digits |= line.find_first_of("0123456789") != std::string::npos;
      VERIFY(line.find('\n') == std::string::npos);
    }
    VERIFY(question);
    VERIFY(digits);
  }

  TEST(specialIds) {
    COMPARE(tok_->vocabSize(), kVocab);
    COMPARE(tok_->unkId(), 0);
    COMPARE(tok_->bosId(), 1);
    COMPARE(tok_->eosId(), 2);
    COMPARE(tok_->padId(), -1);
    COMPARE(tok_->idToPiece(1), std::string("<s>"));
    COMPARE(tok_->idToPiece(2), std::string("</s>"));
    COMPARE(tok_->idToPiece(3), std::string("<0x00>"));  // byte pieces follow the specials
    COMPARE(tok_->pieceToId("</s>"), 2);
    COMPARE(tok_->pieceToId("<0x0A>"), 3 + 0x0A);
    COMPARE(tok_->pieceToId("no-such-piece-in-vocab"), tok_->unkId());
    VERIFY(check::contains(engineErrorOf([&] { tok_->idToPiece(-1); }), "outside the vocabulary"));
    VERIFY(!engineErrorOf([&] { tok_->idToPiece(kVocab); }).empty());
  }

  void roundTrip_data() {
    check::addColumn<std::string>("text");
    check::newRow("plain") << "What colour is the red circle?";
    check::newRow("punctuation") << "Hello, world! (yes/no) \"quoted\"; a:b [c] {d} 100% $5.";
    check::newRow("digits") << "The numbers 0123456789, 3.14 and 2024-11-27.";
    check::newRow("non-ascii") << std::string("café 中文");
    check::newRow("emoji") << std::string("ok \xF0\x9F\x99\x82 done");
    check::newRow("spaces") << "  two leading spaces and  double  spaces ";
    check::newRow("newline-tab") << "line one\nline two\tend";
    check::newRow("empty") << "";
  }
  DATA_TEST(roundTrip) {
    FETCH(std::string, text);
    const std::string s = text;
    const std::vector<int> ids = tok_->encode(s, false);
    COMPARE(tok_->decode(ids), s);
    const std::vector<int> withBos = tok_->encode(s, true);
    COMPARE(withBos.size(), ids.size() + 1);
    COMPARE(withBos.front(), 1);
    VERIFY(std::equal(ids.begin(), ids.end(), withBos.begin() + 1));
    COMPARE(tok_->decode(withBos), s);
    for (const int id : ids) {
      VERIFY(id >= 0 && id < kVocab);
      VERIFY(id != 1 && id != 2);
    }
  }

  TEST(digitsAreSplitAndBytesFallBack) {
    for (const int id : tok_->encode("1234567890", false)) {
      const std::string piece = tok_->idToPiece(id);
      VERIFY_MSG(std::count_if(piece.begin(), piece.end(), ::isdigit) <= 1, piece.c_str());
    }
    // 中 is not in the corpus: it must come out as its three UTF-8 bytes.
    const std::vector<int> ids = tok_->encode("中", false);
    std::vector<std::string> pieces;
    for (const int id : ids) pieces.push_back(tok_->idToPiece(id));
    VERIFY(std::find(pieces.begin(), pieces.end(), "<0xE4>") != pieces.end());
    VERIFY(std::find(pieces.begin(), pieces.end(), "<0xB8>") != pieces.end());
    VERIFY(std::find(pieces.begin(), pieces.end(), "<0xAD>") != pieces.end());
    // The dummy prefix: a word at the start of the text gets the "▁" piece prefix.
    COMPARE(tok_->idToPiece(tok_->encode("the", false).front()).rfind("\xE2\x96\x81", 0),
            size_t(0));
  }

  TEST(decodeSkipsSpecialsAndOutOfRange) {
    std::vector<int> ids = tok_->encode("red square", false);
    const std::string expected = tok_->decode(ids);
    std::vector<int> noisy = {1, -1};
    noisy.insert(noisy.end(), ids.begin(), ids.end());
    noisy.push_back(static_cast<int>(kImageSentinel));
    noisy.push_back(kVocab + 7);
    noisy.push_back(2);
    COMPARE(tok_->decode(noisy), expected);
    COMPARE(tok_->decode({}), std::string());
    COMPARE(tok_->decode({1, 2}), std::string());
  }

  TEST(renderSingleTurn) {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", ""}};
    COMPARE(renderVicunaV1(p),
            std::string("A chat between a curious user and an artificial intelligence assistant. "
                         "The assistant gives helpful, detailed, and polite answers to the "
                         "user's questions. USER: <image>\nWhat colour is the circle? ASSISTANT:"));
    p.hasImage = false;
    p.system = "SYS";
    COMPARE(renderVicunaV1(p), std::string("SYS USER: What colour is the circle? ASSISTANT:"));
    // An explicit <image> is left where the user put it, and not added twice.
    p.hasImage = true;
    p.turns = {{"Look: <image> what is it?", ""}};
    COMPARE(renderVicunaV1(p), std::string("SYS USER: Look: <image> what is it? ASSISTANT:"));
  }

  TEST(renderMultiTurn) {
    ChatPrompt p;
    p.system = "SYS";
    p.turns = {{"What colour is the circle?", "Red."},
               {"And the square?", "Blue."},
               {"Where is it?", ""}};
    COMPARE(renderVicunaV1(p),
            std::string("SYS USER: <image>\nWhat colour is the circle? ASSISTANT: Red.</s>"
                         "USER: And the square? ASSISTANT: Blue.</s>"
                         "USER: Where is it? ASSISTANT:"));
    // A fully answered conversation (training) ends in "</s>".
    p.turns.pop_back();
    p.hasImage = false;
    COMPARE(renderVicunaV1(p),
            std::string("SYS USER: What colour is the circle? ASSISTANT: Red.</s>"
                         "USER: And the square? ASSISTANT: Blue.</s>"));
  }

  TEST(tokenizeSentinel) {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", ""}};
    const std::string rendered = renderVicunaV1(p);
    const size_t at = rendered.find("<image>");
    const std::string before = rendered.substr(0, at);
    const std::string after = rendered.substr(at + 7);

    const std::vector<int64_t> ids = tokenizePrompt(*tok_, rendered, ImageTokenMode::Sentinel);
    COMPARE(std::count(ids.begin(), ids.end(), kImageSentinel), std::ptrdiff_t(1));
    COMPARE(std::count(ids.begin(), ids.end(), int64_t(1)), std::ptrdiff_t(1));
    COMPARE(ids.front(), int64_t(1));

    std::vector<int64_t> expected = widen(tok_->encode(before, true));
    expected.push_back(kImageSentinel);
    const std::vector<int64_t> tail = widen(tok_->encode(after, false));
    expected.insert(expected.end(), tail.begin(), tail.end());
    COMPARE(ids, expected);
    // As with LLaMA's tokenizer, the chunk after <image> starts with the dummy-prefix
    // piece "▁" followed by the newline byte.
    const size_t pos = static_cast<size_t>(
        std::find(ids.begin(), ids.end(), kImageSentinel) - ids.begin());
    COMPARE(tok_->idToPiece(static_cast<int>(ids[pos + 2])), std::string("<0x0A>"));

    // No image in the text: plain encoding with BOS.
    COMPARE(tokenizePrompt(*tok_, "no image here", ImageTokenMode::Sentinel),
            widen(tok_->encode("no image here", true)));
    // Two images: two sentinels, still one BOS.
    const auto two = tokenizePrompt(*tok_, "<image>a<image>b", ImageTokenMode::Sentinel);
    COMPARE(std::count(two.begin(), two.end(), kImageSentinel), std::ptrdiff_t(2));
    COMPARE(two[0], int64_t(1));
    COMPARE(two[1], kImageSentinel);  // empty first chunk: BOS then the image
  }

  TEST(tokenizeExpanded) {
    ChatPrompt p;
    p.turns = {{"Where is the red star?", ""}};
    const std::string rendered = renderVicunaV1(p);
    const auto sentinel = tokenizePrompt(*tok_, rendered, ImageTokenMode::Sentinel);
    const auto expanded = tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded);
    COMPARE(expanded.size(), sentinel.size() + 575);
    COMPARE(std::count(expanded.begin(), expanded.end(), int64_t(32000)), std::ptrdiff_t(576));
    const auto pos = std::find(sentinel.begin(), sentinel.end(), kImageSentinel) - sentinel.begin();
    VERIFY(std::equal(sentinel.begin(), sentinel.begin() + pos, expanded.begin()));
    VERIFY(std::all_of(expanded.begin() + pos, expanded.begin() + pos + 576,
                        [](int64_t v) { return v == 32000; }));
    VERIFY(std::equal(sentinel.begin() + pos + 1, sentinel.end(), expanded.begin() + pos + 576));

    const auto small = tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded, 399, 7);
    COMPARE(small.size(), sentinel.size() + 6);
    COMPARE(std::count(small.begin(), small.end(), int64_t(399)), std::ptrdiff_t(7));
    VERIFY(!engineErrorOf([&] {
               tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded, 32000, 0);
             }).empty());
  }

  TEST(tokenizeMultiTurnEos) {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", "Red."}, {"And the square?", ""}};
    const auto ids = tokenizePrompt(*tok_, renderVicunaV1(p), ImageTokenMode::Sentinel);
    COMPARE(std::count(ids.begin(), ids.end(), int64_t(2)), std::ptrdiff_t(1));
    // The text after </s> is encoded as its own piece, with the dummy prefix.
    const auto eos = std::find(ids.begin(), ids.end(), int64_t(2)) - ids.begin();
    const auto rest = widen(tok_->encode("USER: And the square? ASSISTANT:", false));
    VERIFY(std::equal(rest.begin(), rest.end(), ids.begin() + eos + 1, ids.end()));
  }

  TEST(streamDecoder) {
    const std::string text =
        "Hello café, 中文 and \xF0\x9F\x99\x82 emoji: the red circle is at 12 o'clock.";
    std::vector<int> ids = tok_->encode(text, true);
    ids.push_back(tok_->eosId());
    StreamDecoder stream(tok_);
    std::string all;
    int heldBack = 0;
    for (const int id : ids) {
      const std::string piece = stream.push(id);
      VERIFY_MSG(isValidUtf8(piece), piece.c_str());
      VERIFY(piece.find("\xEF\xBF\xBD") == std::string::npos);
      if (piece.empty()) ++heldBack;
      all += piece;
    }
    all += stream.flush();
    COMPARE(all, tok_->decode(ids));
    COMPARE(all, text);
    VERIFY(heldBack >= 3);  // at least the partial bytes of 中, 文 and the emoji
    COMPARE(stream.flush(), std::string());
  }

  TEST(streamDecoderKeepsSpaces) {
    const std::string text = "The answer is yes. It is red.";
    StreamDecoder stream(tok_);
    std::vector<std::string> pieces;
    for (const int id : tok_->encode(text, false)) pieces.push_back(stream.push(id));
    std::string joined;
    for (const auto& p : pieces) joined += p;
    COMPARE(joined + stream.flush(), text);
  }

  TEST(streamDecoderFlushesIncompleteTail) {
    // A generation cut in the middle of a character: flush() hands out what decode() says.
    std::vector<int> ids = tok_->encode("ok 中", false);
    ids.pop_back();  // drop the last byte of 中
    StreamDecoder stream(tok_);
    std::string all;
    for (const int id : ids) all += stream.push(id);
    COMPARE(all, std::string("ok "));
    all += stream.flush();
    COMPARE(all, tok_->decode(ids));
  }

  TEST(concurrentEncode) {
    std::atomic<int> mismatches{0};
    const std::vector<int> expected = tok_->encode("What colour is the blue star?", true);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 200; ++i) {
          if (tok_->encode("What colour is the blue star?", true) != expected) ++mismatches;
        }
      });
    }
    for (auto& th : threads) th.join();
    COMPARE(mismatches.load(), 0);
  }

  TEST(missingFile) {
    const std::string path = (dir_.path() + "/does-not-exist/tokenizer.model");
    const std::string msg = engineErrorOf([&] { Tokenizer::load(path); });
    VERIFY_MSG(check::contains(msg, "not found") && check::contains(msg, path),
               msg);
    const std::string dirMsg = engineErrorOf([&] { Tokenizer::load(dir_.path()); });
    VERIFY_MSG(check::contains(dirMsg, "directory"), dirMsg);
  }

  TEST(garbageFiles) {
    std::mt19937 rng(1234);
    for (int trial = 0; trial < 8; ++trial) {
      const std::string path =
          check::text(dir_.path(), "/garbage", trial, ".model");
      {
        std::ofstream out(path, std::ios::binary);
        const int n = 16 + trial * 997;
        for (int i = 0; i < n; ++i) out.put(static_cast<char>(rng() & 0xFF));
      }
      const std::string msg = engineErrorOf([&] { Tokenizer::load(path); });
      VERIFY_MSG(check::contains(msg, "not a valid sentencepiece model"), msg);
    }
    const std::string empty = (dir_.path() + "/empty.model");
    std::ofstream(empty, std::ios::binary).close();
    VERIFY(check::contains(engineErrorOf([&] { Tokenizer::load(empty); }), "empty"));
    const std::string text = (dir_.path() + "/text.model");
    std::ofstream(text) << "this is a text file, not a model\n";
    VERIFY(!engineErrorOf([&] { Tokenizer::load(text); }).empty());
  }

  TEST(trainingErrors) {
    const std::string out = (dir_.path() + "/bad/tokenizer.model");
    VERIFY(check::contains(engineErrorOf([&] { trainTokenizer(builtinCorpus(), out, 100); }), "too small"));
    // Above the byte floor but below what the corpus characters need.
    const std::string msg = engineErrorOf([&] { trainTokenizer(builtinCorpus(), out, 270); });
    VERIFY_MSG(!msg.empty(), "training with too small a vocabulary must fail cleanly");
    VERIFY(check::contains(engineErrorOf([&] { trainTokenizer({"", "  "}, out, 400); }), "empty"));
  }

  TEST(torchInSameProcess) {
    // The point of the bridge: sentencepiece (with its own protobuf) and libtorch (with
    // another) live in one process. Torch must still work after the tokenizer ran.
    const at::Tensor t = at::ones({4, 4}) * 2;
    COMPARE(t.sum().item<float>(), 32.0f);
    const auto ids = tok_->encode("red circle", true);
    const at::Tensor idt = at::tensor(std::vector<int64_t>(ids.begin(), ids.end()));
    COMPARE(idt.size(0), static_cast<int64_t>(ids.size()));
    COMPARE(idt[0].item<int64_t>(), int64_t(1));
  }
};

LLAVOLTA_TEST_MAIN(TokenizerTest)
