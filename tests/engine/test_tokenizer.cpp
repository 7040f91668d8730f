// Tokenizer, sentencepiece bridge isolation, vicuna_v1 template and <image> splicing.
// Trains a small real tokenizer from builtinCorpus() once, in a temporary directory.
#include <ATen/ATen.h>

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "engine/chat_template.h"
#include "engine/errors.h"
#include "engine/tokenizer.h"

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

template <typename Fn>
QString engineErrorOf(Fn&& fn) {
  try {
    fn();
  } catch (const EngineError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

std::vector<int64_t> widen(const std::vector<int>& v) { return {v.begin(), v.end()}; }

}  // namespace

class TokenizerTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string modelFile_;
  std::shared_ptr<Tokenizer> tok_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    modelFile_ = (dir_.path() + "/sub dir/tokenizer.model").toStdString();
    QElapsedTimer timer;
    timer.start();
    try {
      trainTokenizer(builtinCorpus(), modelFile_, kVocab);
    } catch (const EngineError& e) {
      QFAIL(e.what());
    }
    qInfo("trained a %d-piece tokenizer from %zu lines in %lld ms", kVocab,
          builtinCorpus().size(), static_cast<long long>(timer.elapsed()));
    QVERIFY(QFileInfo::exists(QString::fromStdString(modelFile_)));
    QVERIFY(!QFileInfo::exists(QString::fromStdString(modelFile_ + ".corpus.tmp")));
    try {
      tok_ = Tokenizer::load(modelFile_);
    } catch (const EngineError& e) {
      QFAIL(e.what());
    }
    QVERIFY(tok_);
  }

  void builtinCorpusIsSubstantial() {
    const auto& corpus = builtinCorpus();
    QVERIFY(corpus.size() >= 300);
    bool question = false, digits = false;
    for (const auto& line : corpus) {
      question |= line.rfind("What colour is the ", 0) == 0;
      digits |= line.find_first_of("0123456789") != std::string::npos;
      QVERIFY(line.find('\n') == std::string::npos);
    }
    QVERIFY(question);
    QVERIFY(digits);
  }

  void specialIds() {
    QCOMPARE(tok_->vocabSize(), kVocab);
    QCOMPARE(tok_->unkId(), 0);
    QCOMPARE(tok_->bosId(), 1);
    QCOMPARE(tok_->eosId(), 2);
    QCOMPARE(tok_->padId(), -1);
    QCOMPARE(tok_->idToPiece(1), std::string("<s>"));
    QCOMPARE(tok_->idToPiece(2), std::string("</s>"));
    QCOMPARE(tok_->idToPiece(3), std::string("<0x00>"));  // byte pieces follow the specials
    QCOMPARE(tok_->pieceToId("</s>"), 2);
    QCOMPARE(tok_->pieceToId("<0x0A>"), 3 + 0x0A);
    QCOMPARE(tok_->pieceToId("no-such-piece-in-vocab"), tok_->unkId());
    QVERIFY(engineErrorOf([&] { tok_->idToPiece(-1); }).contains("outside the vocabulary"));
    QVERIFY(!engineErrorOf([&] { tok_->idToPiece(kVocab); }).isEmpty());
  }

  void roundTrip_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << "What colour is the red circle?";
    QTest::newRow("punctuation") << "Hello, world! (yes/no) \"quoted\"; a:b [c] {d} 100% $5.";
    QTest::newRow("digits") << "The numbers 0123456789, 3.14 and 2024-11-27.";
    QTest::newRow("non-ascii") << QString::fromUtf8("café 中文");
    QTest::newRow("emoji") << QString::fromUtf8("ok \xF0\x9F\x99\x82 done");
    QTest::newRow("spaces") << "  two leading spaces and  double  spaces ";
    QTest::newRow("newline-tab") << "line one\nline two\tend";
    QTest::newRow("empty") << "";
  }
  void roundTrip() {
    QFETCH(QString, text);
    const std::string s = text.toStdString();
    const std::vector<int> ids = tok_->encode(s, false);
    QCOMPARE(tok_->decode(ids), s);
    const std::vector<int> withBos = tok_->encode(s, true);
    QCOMPARE(withBos.size(), ids.size() + 1);
    QCOMPARE(withBos.front(), 1);
    QVERIFY(std::equal(ids.begin(), ids.end(), withBos.begin() + 1));
    QCOMPARE(tok_->decode(withBos), s);
    for (const int id : ids) {
      QVERIFY(id >= 0 && id < kVocab);
      QVERIFY(id != 1 && id != 2);
    }
  }

  void digitsAreSplitAndBytesFallBack() {
    for (const int id : tok_->encode("1234567890", false)) {
      const std::string piece = tok_->idToPiece(id);
      QVERIFY2(std::count_if(piece.begin(), piece.end(), ::isdigit) <= 1, piece.c_str());
    }
    // 中 is not in the corpus: it must come out as its three UTF-8 bytes.
    const std::vector<int> ids = tok_->encode("中", false);
    std::vector<std::string> pieces;
    for (const int id : ids) pieces.push_back(tok_->idToPiece(id));
    QVERIFY(std::find(pieces.begin(), pieces.end(), "<0xE4>") != pieces.end());
    QVERIFY(std::find(pieces.begin(), pieces.end(), "<0xB8>") != pieces.end());
    QVERIFY(std::find(pieces.begin(), pieces.end(), "<0xAD>") != pieces.end());
    // The dummy prefix: a word at the start of the text gets the "▁" piece prefix.
    QCOMPARE(tok_->idToPiece(tok_->encode("the", false).front()).rfind("\xE2\x96\x81", 0),
             size_t(0));
  }

  void decodeSkipsSpecialsAndOutOfRange() {
    std::vector<int> ids = tok_->encode("red square", false);
    const std::string expected = tok_->decode(ids);
    std::vector<int> noisy = {1, -1};
    noisy.insert(noisy.end(), ids.begin(), ids.end());
    noisy.push_back(static_cast<int>(kImageSentinel));
    noisy.push_back(kVocab + 7);
    noisy.push_back(2);
    QCOMPARE(tok_->decode(noisy), expected);
    QCOMPARE(tok_->decode({}), std::string());
    QCOMPARE(tok_->decode({1, 2}), std::string());
  }

  void renderSingleTurn() {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", ""}};
    QCOMPARE(renderVicunaV1(p),
             std::string("A chat between a curious user and an artificial intelligence assistant. "
                         "The assistant gives helpful, detailed, and polite answers to the "
                         "user's questions. USER: <image>\nWhat colour is the circle? ASSISTANT:"));
    p.hasImage = false;
    p.system = "SYS";
    QCOMPARE(renderVicunaV1(p), std::string("SYS USER: What colour is the circle? ASSISTANT:"));
    // An explicit <image> is left where the user put it, and not added twice.
    p.hasImage = true;
    p.turns = {{"Look: <image> what is it?", ""}};
    QCOMPARE(renderVicunaV1(p), std::string("SYS USER: Look: <image> what is it? ASSISTANT:"));
  }

  void renderMultiTurn() {
    ChatPrompt p;
    p.system = "SYS";
    p.turns = {{"What colour is the circle?", "Red."},
               {"And the square?", "Blue."},
               {"Where is it?", ""}};
    QCOMPARE(renderVicunaV1(p),
             std::string("SYS USER: <image>\nWhat colour is the circle? ASSISTANT: Red.</s>"
                         "USER: And the square? ASSISTANT: Blue.</s>"
                         "USER: Where is it? ASSISTANT:"));
    // A fully answered conversation (training) ends in "</s>".
    p.turns.pop_back();
    p.hasImage = false;
    QCOMPARE(renderVicunaV1(p),
             std::string("SYS USER: What colour is the circle? ASSISTANT: Red.</s>"
                         "USER: And the square? ASSISTANT: Blue.</s>"));
  }

  void tokenizeSentinel() {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", ""}};
    const std::string rendered = renderVicunaV1(p);
    const size_t at = rendered.find("<image>");
    const std::string before = rendered.substr(0, at);
    const std::string after = rendered.substr(at + 7);

    const std::vector<int64_t> ids = tokenizePrompt(*tok_, rendered, ImageTokenMode::Sentinel);
    QCOMPARE(std::count(ids.begin(), ids.end(), kImageSentinel), std::ptrdiff_t(1));
    QCOMPARE(std::count(ids.begin(), ids.end(), int64_t(1)), std::ptrdiff_t(1));
    QCOMPARE(ids.front(), int64_t(1));

    std::vector<int64_t> expected = widen(tok_->encode(before, true));
    expected.push_back(kImageSentinel);
    const std::vector<int64_t> tail = widen(tok_->encode(after, false));
    expected.insert(expected.end(), tail.begin(), tail.end());
    QCOMPARE(ids, expected);
    // As with LLaMA's tokenizer, the chunk after <image> starts with the dummy-prefix
    // piece "▁" followed by the newline byte.
    const size_t pos = static_cast<size_t>(
        std::find(ids.begin(), ids.end(), kImageSentinel) - ids.begin());
    QCOMPARE(tok_->idToPiece(static_cast<int>(ids[pos + 2])), std::string("<0x0A>"));

    // No image in the text: plain encoding with BOS.
    QCOMPARE(tokenizePrompt(*tok_, "no image here", ImageTokenMode::Sentinel),
             widen(tok_->encode("no image here", true)));
    // Two images: two sentinels, still one BOS.
    const auto two = tokenizePrompt(*tok_, "<image>a<image>b", ImageTokenMode::Sentinel);
    QCOMPARE(std::count(two.begin(), two.end(), kImageSentinel), std::ptrdiff_t(2));
    QCOMPARE(two[0], int64_t(1));
    QCOMPARE(two[1], kImageSentinel);  // empty first chunk: BOS then the image
  }

  void tokenizeExpanded() {
    ChatPrompt p;
    p.turns = {{"Where is the red star?", ""}};
    const std::string rendered = renderVicunaV1(p);
    const auto sentinel = tokenizePrompt(*tok_, rendered, ImageTokenMode::Sentinel);
    const auto expanded = tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded);
    QCOMPARE(expanded.size(), sentinel.size() + 575);
    QCOMPARE(std::count(expanded.begin(), expanded.end(), int64_t(32000)), std::ptrdiff_t(576));
    const auto pos = std::find(sentinel.begin(), sentinel.end(), kImageSentinel) - sentinel.begin();
    QVERIFY(std::equal(sentinel.begin(), sentinel.begin() + pos, expanded.begin()));
    QVERIFY(std::all_of(expanded.begin() + pos, expanded.begin() + pos + 576,
                        [](int64_t v) { return v == 32000; }));
    QVERIFY(std::equal(sentinel.begin() + pos + 1, sentinel.end(), expanded.begin() + pos + 576));

    const auto small = tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded, 399, 7);
    QCOMPARE(small.size(), sentinel.size() + 6);
    QCOMPARE(std::count(small.begin(), small.end(), int64_t(399)), std::ptrdiff_t(7));
    QVERIFY(!engineErrorOf([&] {
               tokenizePrompt(*tok_, rendered, ImageTokenMode::Expanded, 32000, 0);
             }).isEmpty());
  }

  void tokenizeMultiTurnEos() {
    ChatPrompt p;
    p.turns = {{"What colour is the circle?", "Red."}, {"And the square?", ""}};
    const auto ids = tokenizePrompt(*tok_, renderVicunaV1(p), ImageTokenMode::Sentinel);
    QCOMPARE(std::count(ids.begin(), ids.end(), int64_t(2)), std::ptrdiff_t(1));
    // The text after </s> is encoded as its own piece, with the dummy prefix.
    const auto eos = std::find(ids.begin(), ids.end(), int64_t(2)) - ids.begin();
    const auto rest = widen(tok_->encode("USER: And the square? ASSISTANT:", false));
    QVERIFY(std::equal(rest.begin(), rest.end(), ids.begin() + eos + 1, ids.end()));
  }

  void streamDecoder() {
    const std::string text =
        "Hello café, 中文 and \xF0\x9F\x99\x82 emoji: the red circle is at 12 o'clock.";
    std::vector<int> ids = tok_->encode(text, true);
    ids.push_back(tok_->eosId());
    StreamDecoder stream(tok_);
    std::string all;
    int heldBack = 0;
    for (const int id : ids) {
      const std::string piece = stream.push(id);
      QVERIFY2(isValidUtf8(piece), piece.c_str());
      QVERIFY(piece.find("\xEF\xBF\xBD") == std::string::npos);
      if (piece.empty()) ++heldBack;
      all += piece;
    }
    all += stream.flush();
    QCOMPARE(all, tok_->decode(ids));
    QCOMPARE(all, text);
    QVERIFY(heldBack >= 3);  // at least the partial bytes of 中, 文 and the emoji
    QCOMPARE(stream.flush(), std::string());
  }

  void streamDecoderKeepsSpaces() {
    const std::string text = "The answer is yes. It is red.";
    StreamDecoder stream(tok_);
    std::vector<std::string> pieces;
    for (const int id : tok_->encode(text, false)) pieces.push_back(stream.push(id));
    std::string joined;
    for (const auto& p : pieces) joined += p;
    QCOMPARE(joined + stream.flush(), text);
  }

  void streamDecoderFlushesIncompleteTail() {
    // A generation cut in the middle of a character: flush() hands out what decode() says.
    std::vector<int> ids = tok_->encode("ok 中", false);
    ids.pop_back();  // drop the last byte of 中
    StreamDecoder stream(tok_);
    std::string all;
    for (const int id : ids) all += stream.push(id);
    QCOMPARE(all, std::string("ok "));
    all += stream.flush();
    QCOMPARE(all, tok_->decode(ids));
  }

  void concurrentEncode() {
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
    QCOMPARE(mismatches.load(), 0);
  }

  void missingFile() {
    const std::string path = (dir_.path() + "/does-not-exist/tokenizer.model").toStdString();
    const QString msg = engineErrorOf([&] { Tokenizer::load(path); });
    QVERIFY2(msg.contains("not found") && msg.contains(QString::fromStdString(path)),
             qPrintable(msg));
    const QString dirMsg = engineErrorOf([&] { Tokenizer::load(dir_.path().toStdString()); });
    QVERIFY2(dirMsg.contains("directory"), qPrintable(dirMsg));
  }

  void garbageFiles() {
    std::mt19937 rng(1234);
    for (int trial = 0; trial < 8; ++trial) {
      const std::string path =
          (dir_.path() + QString("/garbage%1.model").arg(trial)).toStdString();
      {
        std::ofstream out(path, std::ios::binary);
        const int n = 16 + trial * 997;
        for (int i = 0; i < n; ++i) out.put(static_cast<char>(rng() & 0xFF));
      }
      const QString msg = engineErrorOf([&] { Tokenizer::load(path); });
      QVERIFY2(msg.contains("not a valid sentencepiece model"), qPrintable(msg));
    }
    const std::string empty = (dir_.path() + "/empty.model").toStdString();
    std::ofstream(empty, std::ios::binary).close();
    QVERIFY(engineErrorOf([&] { Tokenizer::load(empty); }).contains("empty"));
    const std::string text = (dir_.path() + "/text.model").toStdString();
    std::ofstream(text) << "this is a text file, not a model\n";
    QVERIFY(!engineErrorOf([&] { Tokenizer::load(text); }).isEmpty());
  }

  void trainingErrors() {
    const std::string out = (dir_.path() + "/bad/tokenizer.model").toStdString();
    QVERIFY(engineErrorOf([&] { trainTokenizer(builtinCorpus(), out, 100); })
                .contains("too small"));
    // Above the byte floor but below what the corpus characters need.
    const QString msg = engineErrorOf([&] { trainTokenizer(builtinCorpus(), out, 270); });
    QVERIFY2(!msg.isEmpty(), "training with too small a vocabulary must fail cleanly");
    QVERIFY(engineErrorOf([&] { trainTokenizer({"", "  "}, out, 400); }).contains("empty"));
  }

  void torchInSameProcess() {
    // The point of the bridge: sentencepiece (with its own protobuf) and libtorch (with
    // another) live in one process. Torch must still work after the tokenizer ran.
    const at::Tensor t = at::ones({4, 4}) * 2;
    QCOMPARE(t.sum().item<float>(), 32.0f);
    const auto ids = tok_->encode("red circle", true);
    const at::Tensor idt = at::tensor(std::vector<int64_t>(ids.begin(), ids.end()));
    QCOMPARE(idt.size(0), static_cast<int64_t>(ids.size()));
    QCOMPARE(idt[0].item<int64_t>(), int64_t(1));
  }
};

QTEST_GUILESS_MAIN(TokenizerTest)
#include "test_tokenizer.moc"
