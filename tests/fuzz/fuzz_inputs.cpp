// Deterministic mutation fuzzer over every file format the engine and the trainer read.
//
// Each case takes a seed input from the corpus (tests/fixtures/fuzz/), mutates it with a
// generator seeded by (--seed, case number), and hands it to the real reader in a forked child
// with a CPU-time alarm and an address-space cap. A case passes when the child ends in success
// or in one clean EngineError; a crash, a hang past the timeout, an allocation past the cap or
// any other exception fails it, and its input is saved under --out for reproduction
// (`fuzz_inputs --replay FILE --target NAME`).
//
//   fuzz_inputs --corpus DIR [--seed N] [--cases N] [--seconds S] [--only TARGET] [--out DIR]
//
// ctest runs a short fixed-seed pass (label "fuzz"); scripts/fuzz-long.sh runs it for hours.
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <typeinfo>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "engine/checkpoint.h"
#include "engine/compression.h"
#include "engine/config.h"
#include "engine/errors.h"
#include "engine/image.h"
#include "engine/safetensors.h"
#include "engine/threads.h"
#include "engine/tokenizer.h"
#include "support/tiny_model.h"
#include "training/conversation_dataset.h"
#include "training/question_file.h"
#include "training/run_config.h"
#include "training/vision_pretrain.h"

namespace fs = std::filesystem;
using namespace llavolta;

namespace {

using Bytes = std::string;
using Rng = std::mt19937_64;

Bytes readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read corpus file " + p.string());
  return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path& p, const Bytes& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(b.data(), static_cast<std::streamsize>(b.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

size_t below(Rng& rng, size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng); }

// ---- mutators ------------------------------------------------------------------------------

const std::vector<std::string> kNumbers = {"0",    "-1",        "1e9",  "64.5", "1e308", "-0",  "18446744073709551616",
                                           "2",    "9223372036854775807", "-9223372036854775808", "1000000", "3",
                                           "1e-9", "65536",     "7",    "0.0",  "-1e9",  "4097"};
const std::vector<std::string> kStrings = {"\"\"", "\"../../../../etc/passwd\"", "\"/etc/passwd\"", "\"nan\"",
                                           "\"\\u0000\"", "\"anyres\"", "\"cuda:7\"", "\"x:y=z,\"", "null",
                                           "true", "[]", "{}", "\"vcc:layer=99,stride=0\""};

void flipBytes(Bytes& b, Rng& rng) {
  if (b.empty()) return;
  const size_t n = 1 + below(rng, 8);
  for (size_t i = 0; i < n; ++i) b[below(rng, b.size())] ^= static_cast<char>(1 << below(rng, 8));
}

void eraseRange(Bytes& b, Rng& rng) {
  if (b.empty()) return;
  const size_t at = below(rng, b.size());
  b.erase(at, 1 + below(rng, std::min<size_t>(64, b.size() - at)));
}

void duplicateRange(Bytes& b, Rng& rng) {
  if (b.empty()) return;
  const size_t at = below(rng, b.size());
  const Bytes piece = b.substr(at, 1 + below(rng, 256));
  b.insert(below(rng, b.size() + 1), piece.size() > 100000 ? piece.substr(0, 100000) : piece);
}

void truncate(Bytes& b, Rng& rng) { b.resize(below(rng, b.size() + 1)); }

void appendGarbage(Bytes& b, Rng& rng) {
  const size_t n = below(rng, 4) == 0 ? (1 << 20) : 1 + below(rng, 64);
  for (size_t i = 0; i < n; ++i) b.push_back(static_cast<char>(rng()));
}

// Overwrites a 1/2/4/8-byte field at a random offset (in the first 256 bytes, where headers
// keep their sizes) with a boundary value, in either byte order.
void overwriteField(Bytes& b, Rng& rng) {
  if (b.empty()) return;
  static const uint64_t values[] = {0, 1, 0x7f, 0xff, 0xffff, 65500, 0x7fffffff, 0xffffffff, 1u << 20,
                                    0x7fffffffffffffffull, ~0ull};
  const size_t width = size_t(1) << below(rng, 4);
  const size_t at = below(rng, std::min<size_t>(b.size(), 256));
  const uint64_t v = values[below(rng, std::size(values))];
  const bool big = below(rng, 2) == 0;
  for (size_t i = 0; i < width && at + i < b.size(); ++i) {
    const size_t shift = 8 * (big ? width - 1 - i : i);
    b[at + i] = static_cast<char>(shift < 64 ? (v >> shift) & 0xff : 0);
  }
}

// Positions of JSON scalar tokens (numbers, strings, literals) in text.
std::vector<std::pair<size_t, size_t>> jsonScalars(const Bytes& t) {
  std::vector<std::pair<size_t, size_t>> out;
  for (size_t i = 0; i < t.size();) {
    const char c = t[i];
    if (c == '"') {
      size_t j = i + 1;
      while (j < t.size() && t[j] != '"') j += t[j] == '\\' ? 2 : 1;
      out.emplace_back(i, std::min(j + 1, t.size()));
      i = j + 1;
    } else if (c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n') {
      size_t j = i;
      while (j < t.size() && std::string(",]} \n\r\t:").find(t[j]) == std::string::npos) ++j;
      out.emplace_back(i, j);
      i = j;
    } else {
      ++i;
    }
  }
  return out;
}

void replaceScalar(Bytes& t, Rng& rng) {
  const auto scalars = jsonScalars(t);
  if (scalars.empty()) return;
  const auto [b, e] = scalars[below(rng, scalars.size())];
  const bool number = below(rng, 2) == 0;
  const std::string v = number ? kNumbers[below(rng, kNumbers.size())] : kStrings[below(rng, kStrings.size())];
  t.replace(b, e - b, v);
}

// Wraps a scalar in deep nesting: the input that overflowed the stack in nlohmann's dump().
void deepNesting(Bytes& t, Rng& rng) {
  const auto scalars = jsonScalars(t);
  if (scalars.empty()) return;
  const auto [b, e] = scalars[below(rng, scalars.size())];
  static const size_t depths[] = {3, 70, 1000, 100000};
  const size_t d = depths[below(rng, std::size(depths))];
  t.replace(b, e - b, std::string(d, '[') + t.substr(b, e - b) + std::string(d, ']'));
}

// A huge string or array in place of a scalar.
void hugeValue(Bytes& t, Rng& rng) {
  const auto scalars = jsonScalars(t);
  if (scalars.empty()) return;
  const auto [b, e] = scalars[below(rng, scalars.size())];
  std::string v;
  if (below(rng, 2) == 0) {
    v = "\"" + std::string(100000, 'a') + "\"";
  } else {
    v = "[";
    for (int i = 0; i < 20000; ++i) v += (i ? ",1" : "1");
    v += "]";
  }
  t.replace(b, e - b, v);
}

void mutateJson(Bytes& t, Rng& rng) {
  const size_t rounds = 1 + below(rng, 3);
  for (size_t r = 0; r < rounds; ++r) {
    switch (below(rng, 10)) {
      case 0: flipBytes(t, rng); break;
      case 1: eraseRange(t, rng); break;
      case 2: duplicateRange(t, rng); break;
      case 3: truncate(t, rng); break;
      case 4: deepNesting(t, rng); break;
      case 5: hugeValue(t, rng); break;
      default: replaceScalar(t, rng); break;
    }
  }
}

void mutateBinary(Bytes& b, Rng& rng) {
  const size_t rounds = 1 + below(rng, 3);
  for (size_t r = 0; r < rounds; ++r) {
    switch (below(rng, 7)) {
      case 0: flipBytes(b, rng); break;
      case 1: eraseRange(b, rng); break;
      case 2: duplicateRange(b, rng); break;
      case 3: truncate(b, rng); break;
      case 4: appendGarbage(b, rng); break;
      default: overwriteField(b, rng); break;
    }
  }
}

// safetensors: mutate the JSON header (and rewrite its length, sometimes off by a few bytes)
// or the raw bytes.
void mutateSafetensors(Bytes& b, Rng& rng) {
  if (b.size() < 8 || below(rng, 3) == 0) return mutateBinary(b, rng);
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= uint64_t(uint8_t(b[i])) << (8 * i);
  if (n > b.size() - 8) return mutateBinary(b, rng);
  Bytes header = b.substr(8, n), data = b.substr(8 + n);
  mutateJson(header, rng);
  uint64_t len = header.size();
  if (below(rng, 5) == 0) len += static_cast<uint64_t>(static_cast<int64_t>(below(rng, 5)) - 2);
  Bytes out(8, '\0');
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((len >> (8 * i)) & 0xff);
  b = out + header + data;
}

// ---- targets --------------------------------------------------------------------------------

struct Target {
  std::string name;
  std::vector<std::string> seeds;             // corpus files
  std::function<void(Bytes&, Rng&)> mutate;
  std::function<void(const fs::path& input, const fs::path& work)> run;  // throws EngineError when refused
};

struct Shared {
  fs::path modelDir;     // a tiny model (config.json, model.safetensors, tokenizer.model)
  fs::path shardedDir;   // the same model, sharded with model.safetensors.index.json
  fs::path imageFolder;  // images the dataset and question seeds name
  std::shared_ptr<engine::Tokenizer> tokenizer;
};

void copyDir(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  for (const auto& e : fs::directory_iterator(from)) fs::copy(e.path(), to / e.path().filename(), fs::copy_options::overwrite_existing);
}

std::vector<Target> makeTargets(const Shared& s) {
  std::vector<Target> t;
  t.push_back({"safetensors", {"tensors.safetensors"}, mutateSafetensors, [](const fs::path& in, const fs::path&) {
                 engine::SafetensorsFile f(in.string());
                 for (const auto& n : f.names()) f.load(n);
               }});
  t.push_back({"index", {"model.safetensors.index.json"}, mutateJson, [&s](const fs::path& in, const fs::path& work) {
                 const fs::path dir = work / "sharded";
                 copyDir(s.shardedDir, dir);
                 fs::copy_file(in, dir / "model.safetensors.index.json", fs::copy_options::overwrite_existing);
                 engine::SafetensorsArchive a(dir.string());
                 for (const auto& n : a.names()) a.load(n);
               }});
  t.push_back({"config", {"config.json"}, mutateJson, [&s](const fs::path& in, const fs::path& work) {
                 const fs::path dir = work / "model";
                 copyDir(s.modelDir, dir);
                 fs::copy_file(in, dir / "config.json", fs::copy_options::overwrite_existing);
                 auto m = engine::loadModel(dir.string(), {});
                 (void)m;
               }});
  t.push_back({"dataset", {"dataset.json"}, mutateJson, [&s](const fs::path& in, const fs::path&) {
                 training::ConversationDatasetOptions o;
                 o.imageFolder = s.imageFolder.string();
                 o.missingImages = training::MissingImages::Skip;
                 o.malformedEntries = training::MalformedEntries::Skip;  // reach tokenisation too
                 training::ConversationDataset::load(in.string(), *s.tokenizer, o);
               }});
  t.push_back({"questions", {"questions.jsonl", "answers.jsonl"}, mutateJson, [](const fs::path& in, const fs::path&) {
                 // The seed's name says which reader it is for (mutations keep the name).
                 if (in.filename().string().rfind("answers", 0) == 0)
                   training::readGroundTruthFile(in.string());
                 else
                   training::readQuestionFile(in.string());
               }});
  t.push_back({"run-config", {"run.json", "pretrain-vision.json"}, mutateJson, [](const fs::path& in, const fs::path&) {
                 const std::string text = readFile(in);
                 if (text.find("\"phases\"") != std::string::npos)
                   training::RunConfig::fromFile(in.string());
                 else
                   training::VisionPretrainConfig::fromFile(in.string());
               }});
  t.push_back({"scheme", {"schemes.txt"}, mutateJson, [](const fs::path& in, const fs::path&) {
                 // One spec per line; every line is tried, against the tiny model's depth.
                 std::ifstream f(in);
                 for (std::string line; std::getline(f, line);) {
                   try {
                     engine::makeScheme(line, 4, 16);
                     engine::SchemeSpec::parse(line).text();
                   } catch (const engine::EngineError&) {
                   }
                 }
               }});
  t.push_back({"image",
               {"image.png", "image.jpg", "image.bmp", "image.ppm", "image.webp", "image.tif", "image.ras", "image.hdr",
                "image.pfm"},
               mutateBinary, [](const fs::path& in, const fs::path&) {
                 const auto image = engine::readImage(in.string());
                 engine::preprocessImage(image, engine::ImageOptions{});
               }});
  return t;
}

// ---- running one case -------------------------------------------------------------------------

enum class Outcome { Success, CleanError, Crash, Hang, OtherException, Memory };

const char* outcomeName(Outcome o) {
  switch (o) {
    case Outcome::Success: return "ok";
    case Outcome::CleanError: return "clean error";
    case Outcome::Crash: return "CRASH";
    case Outcome::Hang: return "HANG";
    case Outcome::OtherException: return "NOT AN EngineError";
    case Outcome::Memory: return "MEMORY CAP";
  }
  return "?";
}

constexpr int kExitClean = 3, kExitOther = 4, kExitMemory = 5;

uint64_t currentVmBytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages = 0;
  statm >> pages;
  return pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

Outcome runCase(const Target& target, const fs::path& input, const fs::path& work, int timeoutSeconds, uint64_t memCapBytes,
                std::string* message) {
  int pipeFd[2];
  if (pipe(pipeFd) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    close(pipeFd[0]);
    // Decoders print their complaints to stderr; the outcome travels through the pipe.
    if (FILE* null = std::freopen("/dev/null", "w", stderr)) (void)null;
    struct rlimit as {};
    as.rlim_cur = as.rlim_max = currentVmBytes() + memCapBytes;
    setrlimit(RLIMIT_AS, &as);
    alarm(static_cast<unsigned>(timeoutSeconds));
    int code = 0;
    std::string what;
    try {
      target.run(input, work);
    } catch (const engine::EngineError& e) {
      code = kExitClean;
      what = e.what();
    } catch (const std::bad_alloc& e) {
      code = kExitMemory;
      what = "std::bad_alloc";
    } catch (const std::exception& e) {
      code = kExitOther;
      what = std::string(typeid(e).name()) + ": " + e.what();
    } catch (...) {
      code = kExitOther;
      what = "unknown exception";
    }
    what = what.substr(0, 400);
    if (write(pipeFd[1], what.data(), what.size()) < 0) code = kExitOther;
    _exit(code);
  }
  close(pipeFd[1]);
  std::string text;
  char buf[512];
  for (ssize_t n; (n = read(pipeFd[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<size_t>(n));
  close(pipeFd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  *message = text;
  if (WIFSIGNALED(status)) {
    *message = std::string("signal ") + strsignal(WTERMSIG(status));
    return WTERMSIG(status) == SIGALRM ? Outcome::Hang : Outcome::Crash;
  }
  switch (WEXITSTATUS(status)) {
    case 0: return Outcome::Success;
    case kExitClean: return Outcome::CleanError;
    case kExitMemory: return Outcome::Memory;
    default: return Outcome::OtherException;
  }
}

bool failed(Outcome o) { return o != Outcome::Success && o != Outcome::CleanError; }

// Inputs no mutation produces: a FIFO, a directory and an absent file in the place of a file.
std::vector<std::pair<std::string, std::function<void(const fs::path&)>>> specialCases(const Shared& s) {
  std::vector<std::pair<std::string, std::function<void(const fs::path&)>>> out;
  for (const std::string kind : {"fifo", "directory", "absent"}) {
    auto make = [kind](const fs::path& p) {
      if (kind == "fifo") mkfifo(p.c_str(), 0644);
      if (kind == "directory") fs::create_directories(p);
    };
    out.push_back({"config.json is a " + kind, [&s, make](const fs::path& work) {
                     const fs::path dir = work / "model";
                     copyDir(s.modelDir, dir);
                     fs::remove(dir / "config.json");
                     make(dir / "config.json");
                     engine::loadModel(dir.string(), {});
                   }});
    out.push_back({"tokenizer.model is a " + kind, [&s, make](const fs::path& work) {
                     const fs::path dir = work / "model";
                     copyDir(s.modelDir, dir);
                     fs::remove(dir / "tokenizer.model");
                     make(dir / "tokenizer.model");
                     engine::loadModel(dir.string(), {});
                   }});
    out.push_back({"model.safetensors is a " + kind, [&s, make](const fs::path& work) {
                     const fs::path dir = work / "model";
                     copyDir(s.modelDir, dir);
                     fs::remove(dir / "model.safetensors");
                     make(dir / "model.safetensors");
                     engine::loadModel(dir.string(), {});
                   }});
    out.push_back({"an image is a " + kind, [make](const fs::path& work) {
                     make(work / "image.png");
                     engine::readImage((work / "image.png").string());
                   }});
    out.push_back({"a dataset is a " + kind, [&s, make](const fs::path& work) {
                     make(work / "data.json");
                     training::ConversationDataset::load((work / "data.json").string(), *s.tokenizer, {});
                   }});
    out.push_back({"a run config is a " + kind, [make](const fs::path& work) {
                     make(work / "run.json");
                     training::RunConfig::fromFile((work / "run.json").string());
                   }});
  }
  return out;
}

// Writes the binary seeds of the corpus (images in every checked format, a small safetensors
// file) and schemes.txt from the registry; run once when the corpus changes.
void writeSeeds(const fs::path& dir) {
  fs::create_directories(dir);
  cv::Mat image(24, 32, CV_8UC3, cv::Scalar(240, 240, 240));
  cv::rectangle(image, {4, 4}, {14, 14}, cv::Scalar(0, 0, 220), cv::FILLED);
  cv::circle(image, {23, 12}, 6, cv::Scalar(220, 0, 0), cv::FILLED);
  for (const std::string ext : {".png", ".jpg", ".bmp", ".ppm", ".webp", ".tif", ".ras"}) {
    std::vector<uchar> bytes;
    cv::imencode(ext, image, bytes);
    writeFile(dir / ("image" + ext), Bytes(bytes.begin(), bytes.end()));
  }
  cv::Mat hdr;
  image.convertTo(hdr, CV_32FC3, 1.0 / 255);
  for (const std::string ext : {".hdr", ".pfm"}) {
    std::vector<uchar> bytes;
    cv::imencode(ext, hdr, bytes);
    writeFile(dir / ("image" + ext), Bytes(bytes.begin(), bytes.end()));
  }
  engine::saveSafetensors((dir / "tensors.safetensors").string(),
                          {{"a.weight", torch::arange(6, torch::kFloat).reshape({2, 3})},
                           {"b.bias", torch::ones({3}, torch::kBFloat16)},
                           {"c.ids", torch::tensor({1, 2, 3}, torch::kLong)},
                           {"d.mask", torch::tensor({true, false})},
                           {"e.empty", torch::zeros({0, 4})}},
                          {{"format", "pt"}});
  std::ofstream specs(dir / "schemes.txt");
  for (const auto& info : engine::registeredSchemes()) {
    specs << info.name << "\n";
    std::string spec = info.name + ":";
    for (size_t i = 0; i < info.parameters.size(); ++i)
      spec += (i ? "," : "") + info.parameters[i].key + "=" +
              (info.parameters[i].defaultValue.empty() ? "2" : info.parameters[i].defaultValue);
    if (!info.parameters.empty()) specs << spec << "\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Mutation fuzzer over the engine's and trainer's input formats"};
  std::string corpus = LLAVOLTA_FUZZ_CORPUS, out, only, replay;
  uint64_t seed = 1;
  int64_t cases = 2000;
  double seconds = 0;
  int timeout = 20;
  int64_t memCapMb = 2048;
  app.add_option("--corpus", corpus, "Seed inputs (tests/fixtures/fuzz)")->capture_default_str();
  app.add_option("--seed", seed, "Generator seed: a (seed, case) pair always gives the same input")->capture_default_str();
  app.add_option("--cases", cases, "Cases to run (0 = until --seconds)")->capture_default_str();
  app.add_option("--seconds", seconds, "Stop after this many seconds (0 = no limit)");
  app.add_option("--case-timeout", timeout, "Seconds of wall time one case may take")->capture_default_str();
  app.add_option("--memory-cap-mb", memCapMb, "Address space one case may add")->capture_default_str();
  app.add_option("--only", only, "Run only this target");
  app.add_option("--out", out, "Save failing inputs here");
  bool verbose = false;
  app.add_flag("--verbose", verbose, "Print every case's outcome, not only failures");
  app.add_option("--replay", replay, "Run this one input (with --only TARGET) and report its outcome");
  std::string seedsDir;
  app.add_option("--write-seeds", seedsDir, "Write the binary corpus seeds into this folder and exit");
  CLI11_PARSE(app, argc, argv);
  if (!seedsDir.empty()) {
    writeSeeds(seedsDir);
    return 0;
  }

  // One compute thread: no thread pool exists when the cases fork, so none can deadlock them.
  engine::setComputeThreads(1);
  // Everything a case reads besides its own input is made once, before any fork.
  const fs::path root = testing::tempDir();
  Shared shared;
  const auto config = testing::tinyConfig();
  auto model = testing::randomModel(config);
  shared.modelDir = root / "model";
  testing::writeModelDir(*model, config, shared.modelDir.string());
  shared.shardedDir = root / "sharded";
  testing::writeModelDir(*model, config, shared.shardedDir.string(), engine::CheckpointLayout::LlavaHf, 40000);
  shared.tokenizer = engine::Tokenizer::load((shared.modelDir / "tokenizer.model").string());
  shared.imageFolder = fs::path(corpus);
  engine::loadModel(shared.modelDir.string(), {});  // warms lazily loaded libraries before forking

  auto targets = makeTargets(shared);
  if (!only.empty()) {
    targets.erase(std::remove_if(targets.begin(), targets.end(), [&](const Target& t) { return t.name != only; }),
                  targets.end());
    if (targets.empty()) {
      std::cerr << "no target named " << only << "\n";
      return 2;
    }
  }
  if (!out.empty()) fs::create_directories(out);

  if (!replay.empty()) {
    std::string message;
    fs::create_directories(root / "replay");
    const auto o = runCase(targets.front(), replay, root / "replay", timeout, uint64_t(memCapMb) << 20, &message);
    std::cout << outcomeName(o) << ": " << message << "\n";
    return failed(o) ? 1 : 0;
  }

  std::map<std::string, Bytes> seeds;
  for (const auto& t : targets)
    for (const auto& s : t.seeds) {
      // The index must name the generated shards, so it comes from the sharded tiny model.
      const fs::path file = s == "model.safetensors.index.json" ? shared.shardedDir / s : fs::path(corpus) / s;
      seeds[s] = readFile(file);
    }

  struct Count {
    int64_t ok = 0, clean = 0, bad = 0;
  };
  std::map<std::string, Count> counts;
  int64_t failures = 0;
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  auto record = [&](const std::string& target, const std::string& label, Outcome o, const std::string& message,
                    const Bytes* input) {
    auto& c = counts[target];
    if (o == Outcome::Success) ++c.ok;
    else if (o == Outcome::CleanError) ++c.clean;
    else ++c.bad;
    if (verbose) std::cout << target << " " << label << ": " << outcomeName(o) << ": " << message.substr(0, 200) << "\n";
    if (!failed(o)) return;
    ++failures;
    std::cout << "FAIL " << target << " " << label << ": " << outcomeName(o) << ": " << message << "\n";
    if (input && !out.empty()) writeFile(fs::path(out) / (target + "-" + label + ".bin"), *input);
  };

  // The special cases first, once each.
  if (only.empty()) {
    int i = 0;
    for (const auto& [label, body] : specialCases(shared)) {
      const fs::path work = root / ("special-" + std::to_string(i++));
      fs::create_directories(work);
      Target t{"special", {}, {}, [&body](const fs::path&, const fs::path& w) { body(w); }};
      std::string message;
      const auto o = runCase(t, {}, work, timeout, uint64_t(memCapMb) << 20, &message);
      record("special", label, o, message, nullptr);
      fs::remove_all(work);
    }
  }

  int64_t done = 0;
  for (int64_t c = 0; cases == 0 || c < cases; ++c) {
    if (seconds > 0 && elapsed() > seconds) break;
    const Target& target = targets[static_cast<size_t>(c) % targets.size()];
    Rng rng(seed * 1000003ull + static_cast<uint64_t>(c));
    const std::string& seedName = target.seeds[below(rng, target.seeds.size())];
    Bytes input = seeds[seedName];
    target.mutate(input, rng);
    const fs::path work = root / ("case-" + std::to_string(c));
    fs::create_directories(work);
    const fs::path file = work / seedName;
    writeFile(file, input);
    std::string message;
    const auto o = runCase(target, file, work, timeout, uint64_t(memCapMb) << 20, &message);
    record(target.name, "seed" + std::to_string(seed) + "-case" + std::to_string(c), o, message, &input);
    fs::remove_all(work);
    ++done;
  }

  std::cout << "fuzz: seed " << seed << ", " << done << " mutated cases in " << static_cast<int>(elapsed()) << " s\n";
  for (const auto& [name, c] : counts)
    std::cout << "  " << name << ": " << c.ok << " accepted, " << c.clean << " clean errors, " << c.bad << " failures\n";
  std::cout << (failures == 0 ? "no failures\n" : std::to_string(failures) + " FAILURES\n");
  return failures == 0 ? 0 : 1;
}
