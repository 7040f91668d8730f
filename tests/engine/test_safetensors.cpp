// The safetensors reader/writer: round trips, sharded checkpoints, and every way a file on
// disk can be broken must end in an EngineError that names the problem, never a crash.
#include <torch/torch.h>

#include <sys/stat.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "engine/errors.h"
#include "engine/safetensors.h"

#include "support/check.h"

namespace fs = std::filesystem;
using llavolta::engine::EngineError;
using llavolta::check::expectError;
using llavolta::engine::NamedTensors;
using llavolta::engine::SafetensorsArchive;
using llavolta::engine::SafetensorsFile;

namespace {

std::string readBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeBytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A raw file with a hand-written header, for the malformed cases the writer never produces.
std::string rawFile(const std::string& header, const std::string& data) {
  std::string out(8, '\0');
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  return out + header + data;
}

bool identical(const torch::Tensor& a, const torch::Tensor& b) {
  return a.scalar_type() == b.scalar_type() && a.sizes() == b.sizes() && torch::equal(a, b);
}

}  // namespace

class TestSafetensors : public check::Suite {
 private:
  check::TempDir tmp_;
  std::string path(const std::string& name) const { return fs::path(tmp_.path()) / name; }
  std::string goodFile(const std::string& name) {
    const std::string p = path(name);
    llavolta::engine::saveSafetensors(p, {{"w", torch::arange(6, torch::kFloat).reshape({2, 3})}});
    return p;
  }

 public:
  void initTestCase() override { VERIFY(std::filesystem::is_directory(tmp_.path())); }

  TEST(roundTripKeepsDtypesShapesAndMetadata) {
    torch::manual_seed(0);
    NamedTensors in = {
        {"f32", torch::randn({3, 4})},
        {"f16", torch::randn({5}).to(torch::kHalf)},
        {"bf16", torch::randn({2, 2, 3}).to(torch::kBFloat16)},
        {"i64", torch::arange(-3, 7, torch::kLong)},
        {"scalar", torch::tensor(2.5)},  // 0-d
        {"empty", torch::zeros({0, 7})},
        {"mask", torch::tensor({true, false, true})},
        {"strided", torch::arange(12, torch::kFloat).reshape({3, 4}).t()},  // non-contiguous
    };
    const std::string p = path("round.safetensors");
    llavolta::engine::saveSafetensors(p, in, {{"format", "pt"}, {"note", "llavolta"}});

    SafetensorsFile f(p);
    COMPARE(f.path(), p);
    COMPARE(f.metadata().size(), size_t(2));
    COMPARE(f.metadata().at("note"), std::string("llavolta"));
    COMPARE(f.names(), (std::vector<std::string>{"bf16", "empty", "f16", "f32", "i64", "mask", "scalar", "strided"}));
    COMPARE(f.info("bf16").dtype, std::string("BF16"));
    COMPARE(f.info("f16").dtype, std::string("F16"));
    COMPARE(f.info("i64").dtype, std::string("I64"));
    COMPARE(f.info("mask").dtype, std::string("BOOL"));
    VERIFY(f.info("scalar").shape.empty());
    COMPARE(f.info("empty").end - f.info("empty").begin, uint64_t(0));
    COMPARE(f.info("f32").end - f.info("f32").begin, uint64_t(3 * 4 * 4));
    for (const auto& [name, t] : in) {
      VERIFY_MSG(f.contains(name), name.c_str());
      VERIFY_MSG(identical(f.load(name), t.contiguous()), name.c_str());
    }
    COMPARE(f.load("scalar").dim(), int64_t(0));
    // The file is a valid safetensors layout: header padded so the data section is 8-aligned.
    const std::string bytes = readBytes(p);
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= uint64_t(static_cast<unsigned char>(bytes[i])) << (8 * i);
    COMPARE(n % 8, uint64_t(0));
    auto header = nlohmann::json::parse(bytes.substr(8, n));
    COMPARE(header["__metadata__"]["format"].get<std::string>(), std::string("pt"));
  }

  TEST(loadedTensorOwnsItsMemory) {
    const std::string p = path("own.safetensors");
    llavolta::engine::saveSafetensors(p, {{"x", torch::ones({4})}});
    torch::Tensor t;
    {
      SafetensorsFile f(p);
      t = f.load("x");
    }  // mapping gone
    VERIFY(torch::equal(t, torch::ones({4})));
    t.add_(1);  // writable
    COMPARE(t.sum().item<float>(), 8.0f);
  }

  TEST(shardedWriteReadsBackIdentical) {
    torch::manual_seed(1);
    NamedTensors in;
    for (int i = 0; i < 6; ++i) in.push_back({"layers." + std::to_string(i) + ".weight", torch::randn({16, 16})});
    in.push_back({"big", torch::randn({64, 64})});  // larger than a shard: gets its own
    in.push_back({"norm", torch::randn({16}).to(torch::kBFloat16)});
    const std::string dir = path("sharded");
    llavolta::engine::saveShardedSafetensors(dir, in, 3 * 16 * 16 * 4);

    const auto index = nlohmann::json::parse(readBytes(dir + "/model.safetensors.index.json"));
    COMPARE(index["weight_map"].size(), in.size());
    uint64_t total = 0;
    for (const auto& [n, t] : in) total += uint64_t(t.numel()) * t.element_size();
    COMPARE(index["metadata"]["total_size"].get<uint64_t>(), total);

    SafetensorsArchive a(dir);
    COMPARE(a.files().size(), size_t(4));  // 3 layers, 3 layers, big, norm
    VERIFY(fs::exists(dir + "/model-00004-of-00004.safetensors"));
    for (const auto& f : a.files()) {
      SafetensorsFile shard(f);
      uint64_t bytes = 0;
      for (const auto& n : shard.names()) bytes += shard.info(n).end - shard.info(n).begin;
      VERIFY(bytes <= uint64_t(3 * 16 * 16 * 4) || shard.names() == std::vector<std::string>{"big"});
    }
    COMPARE(a.names().size(), in.size());
    for (const auto& [name, t] : in) {
      VERIFY(a.contains(name));
      VERIFY_MSG(identical(a.load(name), t), name.c_str());
    }
    COMPARE(a.info("norm").dtype, std::string("BF16"));
    COMPARE(index["weight_map"]["big"].get<std::string>(), std::string("model-00003-of-00004.safetensors"));

    // The index file itself is accepted as the checkpoint path too.
    SafetensorsArchive viaIndex(dir + "/model.safetensors.index.json");
    COMPARE(viaIndex.names(), a.names());

    // Resaving with fewer shards drops the stale ones.
    llavolta::engine::saveShardedSafetensors(dir, in, uint64_t(1) << 30);
    VERIFY(!fs::exists(dir + "/model-00004-of-00004.safetensors"));
    SafetensorsArchive again(dir);
    COMPARE(again.files().size(), size_t(1));
    VERIFY(identical(again.load("big"), in[6].second));
  }

  TEST(archiveAcceptsSingleFileAndPlainDirectories) {
    const std::string dir = path("single");
    fs::create_directories(dir);
    llavolta::engine::saveSafetensors(dir + "/model.safetensors", {{"a", torch::ones({2})}});
    SafetensorsArchive a(dir);
    COMPARE(a.files(), std::vector<std::string>{dir + "/model.safetensors"});
    SafetensorsArchive b(dir + "/model.safetensors");
    VERIFY(b.contains("a"));

    const std::string loose = path("loose");
    fs::create_directories(loose);
    llavolta::engine::saveSafetensors(loose + "/clip.safetensors", {{"vision_model.x", torch::ones({1})}});
    llavolta::engine::saveSafetensors(loose + "/llm.safetensors", {{"model.y", torch::zeros({1})}});
    SafetensorsArchive c(loose);
    COMPARE(c.names(), (std::vector<std::string>{"model.y", "vision_model.x"}));
    COMPARE(c.files().size(), size_t(2));
  }

  TEST(sameTensorInTwoFilesIsRejected) {
    const std::string dir = path("dup");
    fs::create_directories(dir);
    llavolta::engine::saveSafetensors(dir + "/a.safetensors", {{"shared.w", torch::ones({1})}});
    llavolta::engine::saveSafetensors(dir + "/b.safetensors", {{"shared.w", torch::ones({1})}});
    expectError([&] { SafetensorsArchive a(dir); }, {"shared.w", "a.safetensors", "b.safetensors"});
  }

  TEST(indexPointingAtMissingShard) {
    const std::string dir = path("missing_shard");
    llavolta::engine::saveShardedSafetensors(dir, {{"a", torch::ones({4})}, {"b", torch::ones({4})}}, 16);
    fs::remove(dir + "/model-00002-of-00002.safetensors");
    expectError([&] { SafetensorsArchive a(dir); }, {"model-00002-of-00002.safetensors", "missing", "'b'"});
  }

  TEST(malformedIndex) {
    const std::string dir = path("bad_index");
    fs::create_directories(dir);
    writeBytes(dir + "/model.safetensors.index.json", "{\"weight_map\": [1, 2");
    expectError([&] { SafetensorsArchive a(dir); }, {"model.safetensors.index.json", "JSON"});
    writeBytes(dir + "/model.safetensors.index.json", "{\"metadata\": {}}");
    expectError([&] { SafetensorsArchive a(dir); }, {"weight_map"});
    writeBytes(dir + "/model.safetensors.index.json", "{\"weight_map\": {\"t\": 3}}");
    expectError([&] { SafetensorsArchive a(dir); }, {"'t'"});
  }

  TEST(indexNamingTensorAbsentFromShard) {
    const std::string dir = path("lying_index");
    llavolta::engine::saveShardedSafetensors(dir, {{"a", torch::ones({4})}}, 1024);
    writeBytes(dir + "/model.safetensors.index.json",
               R"({"weight_map": {"a": "model-00001-of-00001.safetensors", "ghost": "model-00001-of-00001.safetensors"}})");
    expectError([&] { SafetensorsArchive a(dir); }, {"ghost", "model-00001-of-00001.safetensors"});
  }

  TEST(truncatedFiles) {
    const std::string good = goodFile("whole.safetensors");
    const std::string bytes = readBytes(good);

    const std::string tiny = path("tiny.safetensors");
    writeBytes(tiny, bytes.substr(0, 5));
    expectError([&] { SafetensorsFile f(tiny); }, {tiny, "truncated"});

    const std::string empty = path("empty.safetensors");
    writeBytes(empty, "");
    expectError([&] { SafetensorsFile f(empty); }, {empty, "truncated"});

    const std::string inHeader = path("cut_header.safetensors");
    writeBytes(inHeader, bytes.substr(0, 8 + 10));
    expectError([&] { SafetensorsFile f(inHeader); }, {inHeader, "truncated"});

    const std::string inData = path("cut_data.safetensors");
    writeBytes(inData, bytes.substr(0, bytes.size() - 3));
    expectError([&] { SafetensorsFile f(inData); }, {inData, "'w'", "truncated"});
  }

  TEST(corruptHeaderJson) {
    const std::string p = path("corrupt.safetensors");
    writeBytes(p, rawFile("{\"w\": {\"dtype\": \"F32\", \"shape\": [1], ", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "JSON"});
    writeBytes(p, rawFile("[1, 2, 3]", ""));
    expectError([&] { SafetensorsFile f(p); }, {p, "object"});
    writeBytes(p, rawFile(R"({"w": {"dtype": "F32", "shape": [1]}})", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {"'w'", "data_offsets"});
    writeBytes(p, rawFile(R"({"w": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}})", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {"'w'", "shape"});
    writeBytes(p, rawFile(R"({"__metadata__": {"k": 1}})", ""));
    expectError([&] { SafetensorsFile f(p); }, {"metadata", "'k'"});
    writeBytes(p, rawFile("{\"\xff\xfe\": {}}", ""));  // not UTF-8
    expectError([&] { SafetensorsFile f(p); }, {p, "JSON"});
  }

  TEST(headerLengthLargerThanFile) {
    const std::string p = path("huge_len.safetensors");
    std::string bytes = rawFile(R"({})", "");
    bytes[5] = '\x01';  // length ~ 2^40
    writeBytes(p, bytes);
    expectError([&] { SafetensorsFile f(p); }, {p, "header length", "truncated"});
    bytes.replace(0, 8, std::string(8, '\xff'));  // 2^64 - 1: must not overflow into "fits"
    writeBytes(p, bytes);
    expectError([&] { SafetensorsFile f(p); }, {p, "header length"});
  }

  TEST(offsetsPastTheEnd) {
    const std::string p = path("past_end.safetensors");
    writeBytes(p, rawFile(R"({"emb": {"dtype": "F32", "shape": [2], "data_offsets": [8, 16]}})", std::string(8, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "'emb'", "past the end"});
    // begin + size overflows uint64: must be caught, not wrap around.
    writeBytes(p, rawFile(R"({"emb": {"dtype": "F32", "shape": [2], "data_offsets": [18446744073709551615, 7]}})",
                          std::string(8, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {"'emb'"});
    writeBytes(p, rawFile(R"({"emb": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 8]}})",
                          std::string(8, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {"'emb'", "too large"});
  }

  TEST(sizeShapeMismatch) {
    const std::string p = path("mismatch.safetensors");
    writeBytes(p, rawFile(R"({"proj.weight": {"dtype": "F16", "shape": [3, 3], "data_offsets": [0, 16]}})",
                          std::string(16, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "'proj.weight'", "[3, 3]", "18 bytes", "16"});
  }

  TEST(unknownDtype) {
    const std::string p = path("dtype.safetensors");
    writeBytes(p, rawFile(R"({"q": {"dtype": "F8_XYZ", "shape": [4], "data_offsets": [0, 4]}})", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "'q'", "F8_XYZ"});
    // A dtype the spec knows but LibTorch here cannot hold: the file opens, loading says why.
    writeBytes(p, rawFile(R"({"u": {"dtype": "U32", "shape": [1], "data_offsets": [0, 4]}})", std::string(4, '\0')));
    SafetensorsFile f(p);
    COMPARE(f.info("u").dtype, std::string("U32"));
    expectError([&] { f.load("u"); }, {"'u'", "U32"});
  }

  TEST(unalignedDataLoadsCorrectly) {
    // An odd header length puts the data section at an odd offset; loading must still be exact.
    const std::string p = path("unaligned.safetensors");
    const double v = 3.141592653589793;
    std::string data(8, '\0');
    std::memcpy(data.data(), &v, 8);
    std::string header = R"({"d": {"dtype": "F64", "shape": [], "data_offsets": [0, 8]}})";
    if (header.size() % 2 == 0) header += ' ';
    writeBytes(p, rawFile(header, data));
    SafetensorsFile f(p);
    COMPARE(f.load("d").item<double>(), v);
  }

  // Issue 18: a header nested thousands of levels deep crashed the error path (recursive dump).
  TEST(deeplyNestedHeaderIsAnError) {
    const std::string p = path("nested.safetensors");
    const std::string deep = std::string(100000, '[') + "1" + std::string(100000, ']');
    writeBytes(p, rawFile(R"({"w": {"dtype": "F32", "shape": )" + deep + R"(, "data_offsets": [0, 4]}})", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "nested deeper than 64"});
    writeBytes(p, rawFile(R"({"w": {"dtype": "F32", "shape": [1], "data_offsets": )" + deep + "}}", std::string(4, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "nested deeper than 64"});
    // A long value is quoted short.
    std::string longShape = "[";
    for (int i = 0; i < 5000; ++i) longShape += (i ? ",-1" : "-1");
    writeBytes(p, rawFile(R"({"w": {"dtype": "F32", "shape": )" + longShape + R"(], "data_offsets": [0, 4]}})", std::string(4, '\0')));
    const std::string msg = llavolta::check::errorOf([&] { SafetensorsFile f(p); });
    VERIFY_MSG(check::contains(msg, "'w'") && msg.size() < 600, msg.substr(0, 700));
  }

  // The spec: tensors tile the data section exactly. Overlap, aliasing, holes and trailing bytes
  // loaded as garbage before; each is now an error naming the tensor.
  TEST(dataOffsetsMustTileTheDataSection) {
    const std::string p = path("tiling.safetensors");
    writeBytes(p, rawFile(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}})",
                          std::string(12, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "'b'", "overlap", "'a'"});
    writeBytes(p, rawFile(R"({"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}})",
                          std::string(8, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "overlap"});
    writeBytes(p, rawFile(R"({"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}})", std::string(8, '\0')));
    expectError([&] { SafetensorsFile f(p); }, {p, "'a'", "gap of 4 bytes"});
    const std::string good = readBytes(goodFile("trailing.safetensors"));
    writeBytes(p, good + std::string(1 << 20, 'x'));
    expectError([&] { SafetensorsFile f(p); }, {p, "1048576 bytes follow the last tensor"});
    // Zero-size tensors may share an offset.
    writeBytes(p, rawFile(R"({"e": {"dtype": "F32", "shape": [0], "data_offsets": [0, 0]}, "f": {"dtype": "F32", "shape": [0, 3], "data_offsets": [0, 0]}, "g": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}})",
                          std::string(4, '\0')));
    SafetensorsFile ok(p);
    COMPARE(ok.names().size(), size_t(3));
  }

  // A header length that is off by a few bytes shifts every tensor: refused, not loaded.
  TEST(headerLengthOffByOne) {
    const std::string good = readBytes(goodFile("shift.safetensors"));
    const std::string p = path("shifted.safetensors");
    for (int delta : {-1, 1, 8}) {
      std::string bytes = good;
      uint64_t n = 0;
      for (int i = 0; i < 8; ++i) n |= uint64_t(uint8_t(bytes[i])) << (8 * i);
      n += static_cast<uint64_t>(delta);
      for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((n >> (8 * i)) & 0xff);
      writeBytes(p, bytes);
      expectError([&] { SafetensorsFile f(p); }, {p});
    }
    std::string bytes = good;
    bytes[8] = ' ';  // the header must begin with '{'
    writeBytes(p, bytes);
    expectError([&] { SafetensorsFile f(p); }, {p, "starting with '{'"});
  }

  // Shard names are file names next to the index: an index must not open files elsewhere.
  TEST(indexShardPathsStayInTheFolder) {
    const std::string dir = path("confined");
    llavolta::engine::saveShardedSafetensors(dir, {{"a", torch::ones({4})}, {"b", torch::ones({4})}}, 16);
    goodFile("outside.safetensors");
    for (const std::string shard : {"../outside.safetensors", "/etc/passwd", "sub/x.safetensors", ".."}) {
      nlohmann::json index = {{"weight_map", {{"a", shard}, {"b", "model-00002-of-00002.safetensors"}}}};
      writeBytes(dir + "/model.safetensors.index.json", index.dump());
      expectError([&] { SafetensorsArchive a(dir); }, {"'" + shard + "'", "not a file name inside the checkpoint folder"});
    }
  }

  // A FIFO handed in as a weights file must not block open().
  TEST(fifoIsRefused) {
    const std::string p = path("pipe.safetensors");
    COMPARE(::mkfifo(p.c_str(), 0644), 0);
    expectError([&] { SafetensorsFile f(p); }, {p, "not a regular file"});
  }

  TEST(missingTensorLookup) {
    const std::string p = goodFile("lookup.safetensors");
    SafetensorsFile f(p);
    VERIFY(!f.contains("nope"));
    expectError([&] { f.info("nope"); }, {p, "'nope'", "not found"});
    expectError([&] { f.load("nope"); }, {"'nope'"});
    SafetensorsArchive a(p);
    expectError([&] { a.load("model.w"); }, {"'model.w'", "not found", "'w'"});
  }

  TEST(missingFileAndEmptyDirectory) {
    const std::string gone = path("does_not_exist.safetensors");
    expectError([&] { SafetensorsFile f(gone); }, {gone, "does not exist"});
    expectError([&] { SafetensorsArchive a(gone); }, {gone, "does not exist"});
    const std::string dir = path("nothing_here");
    fs::create_directories(dir);
    writeBytes(dir + "/config.json", "{}");
    expectError([&] { SafetensorsArchive a(dir); }, {dir, "no safetensors"});
    expectError([&] { SafetensorsFile f(dir); }, {dir, "directory"});
  }

  TEST(atomicWriteOverwritesAndLeavesNoTemp) {
    const std::string p = path("atomic.safetensors");
    llavolta::engine::saveSafetensors(p, {{"v", torch::zeros({1000})}});
    llavolta::engine::saveSafetensors(p, {{"v2", torch::ones({3})}});
    VERIFY(!fs::exists(p + ".tmp"));
    SafetensorsFile f(p);
    COMPARE(f.names(), std::vector<std::string>{"v2"});
    VERIFY(torch::equal(f.load("v2"), torch::ones({3})));

    // A failed save (here: a tensor safetensors cannot store) leaves the old file intact.
    expectError([&] { llavolta::engine::saveSafetensors(p, {{"c", torch::zeros({2}, torch::kComplexFloat)}}); },
                {"'c'"});
    VERIFY(!fs::exists(p + ".tmp"));
    VERIFY(SafetensorsFile(p).contains("v2"));

    // Bad names are refused before anything is written.
    expectError([&] { llavolta::engine::saveSafetensors(p, {{"a", torch::ones({1})}, {"a", torch::ones({1})}}); },
                {"'a'", "twice"});
    expectError([&] { llavolta::engine::saveSafetensors(p, {{"t", torch::Tensor()}}); }, {"'t'", "undefined"});
    VERIFY(SafetensorsFile(p).contains("v2"));
  }
};

LLAVOLTA_TEST_MAIN(TestSafetensors)
