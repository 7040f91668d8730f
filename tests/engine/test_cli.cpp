// ctest-labels: cli unit
// The llavolta binary as a user drives it: help texts, the analytic `flops` numbers of the
// paper, a tiny random model written by `init-model` and then inspected, chatted with and
// benchmarked, the three checkpoint layouts, and every error path ending in exit code 2 with
// one line on stderr that names the problem.
#include <torch/cuda.h>
#include <torch/torch.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/threads.h"
#include "engine/tokenizer.h"
#include "support/check.h"
#include "support/cli_process.h"

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

using Result = llavolta::check::CliRun;
using llavolta::check::Args;
using llavolta::check::describe;
using llavolta::check::runCli;

// Runs llavolta, requires exit 0, returns stdout parsed as one JSON object.
#define RUN_OK(result, args)                    \
  const Args result##Args = (args);             \
  const Result result = runCli(result##Args);   \
  VERIFY_MSG(!result.crashed && result.code == 0, describe(result##Args, result))

json parseJson(const Result& r) {
  json j = json::parse(r.out, nullptr, false);
  if (!j.is_object()) FAIL("stdout is not one JSON object: " + r.out.substr(0, 2000));
  return j;
}

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

std::string fixed2(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A binary PPM (P6) with a colour gradient and a bright square: any OpenCV build reads it.
std::string ppmImage(int w, int h) {
  std::string pixels;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool square = x > w / 3 && x < 2 * w / 3 && y > h / 3 && y < 2 * h / 3;
      pixels += static_cast<char>(square ? 250 : 255 * x / w);
      pixels += static_cast<char>(square ? 240 : 255 * y / h);
      pixels += static_cast<char>(square ? 20 : 128);
    }
  return "P6\n" + std::to_string(w) + " " + std::to_string(h) + "\n255\n" + pixels;
}

// llava-hf/llava-1.5-7b-hf's config.json: the LLaMA sizes are LlamaConfig's defaults.
const char* kLlavaHf7b = R"({
  "architectures": ["LlavaForConditionalGeneration"], "image_token_index": 32000, "model_type": "llava",
  "pad_token_id": 32001, "projector_hidden_act": "gelu",
  "text_config": {"_name_or_path": "lmsys/vicuna-7b-v1.5", "architectures": ["LlamaForCausalLM"],
                  "max_position_embeddings": 4096, "model_type": "llama", "rms_norm_eps": 1e-05,
                  "torch_dtype": "float16", "vocab_size": 32064},
  "tie_word_embeddings": false, "torch_dtype": "float16",
  "vision_config": {"hidden_size": 1024, "image_size": 336, "intermediate_size": 4096,
                    "model_type": "clip_vision_model", "num_attention_heads": 16, "num_hidden_layers": 24,
                    "patch_size": 14, "projection_dim": 768, "vocab_size": 32000},
  "vision_feature_layer": -2, "vision_feature_select_strategy": "default", "vocab_size": 32064
})";

// liuhaotian/llava-v1.5-7b's config.json (abridged to the keys that matter).
const char* kOriginal7b = R"({
  "architectures": ["LlavaLlamaForCausalLM"], "bos_token_id": 1, "eos_token_id": 2, "hidden_act": "silu",
  "hidden_size": 4096, "image_aspect_ratio": "pad", "intermediate_size": 11008, "max_position_embeddings": 4096,
  "mm_hidden_size": 1024, "mm_projector_type": "mlp2x_gelu", "mm_use_im_patch_token": false,
  "mm_use_im_start_end": false, "mm_vision_select_feature": "patch", "mm_vision_select_layer": -2,
  "mm_vision_tower": "openai/clip-vit-large-patch14-336", "model_type": "llava", "num_attention_heads": 32,
  "num_hidden_layers": 32, "num_key_value_heads": 32, "pad_token_id": 0, "rms_norm_eps": 1e-05,
  "rope_scaling": null, "tie_word_embeddings": false, "torch_dtype": "float16", "use_cache": true,
  "vocab_size": 32000
})";

}  // namespace

class TestCli : public check::Suite {

 private:
  check::TempDir tmp_;
  std::string llavaHfConfig_, originalConfig_, tinyConfig_, model_, image_;

  json referenceChat_;  // `chat --json` on the tiny model without compression, run once

  std::string path(const std::string& name) const { return tmp_.filePath(name); }
  Args chatCommand(const std::string& model) const {
    return {"chat", "--model", model, "--image", image_, "--question", "What colour is the square?",
            "--max-new-tokens", "8", "--threads", "2"};
  }
  // A copy of the tiny model directory to break.
  std::string copyModel(const std::string& name) const {
    const std::string dir = path(name);
    fs::copy(model_, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    return dir;
  }

 public:
  void initTestCase() override {
    VERIFY_MSG(access(LLAVOLTA_CLI_PATH, X_OK) == 0, LLAVOLTA_CLI_PATH);
    llavaHfConfig_ = path("llava-1.5-7b-hf.json");
    writeFile(llavaHfConfig_, kLlavaHf7b);
    originalConfig_ = path("llava-v1.5-7b.json");
    writeFile(originalConfig_, kOriginal7b);
    tinyConfig_ = std::string(LLAVOLTA_SOURCE_DIR) + "/resources/configs/tiny.json";
    VERIFY(fs::exists(tinyConfig_));
    image_ = path("square.ppm");
    writeFile(image_, ppmImage(48, 40));

    model_ = path("tiny");
    RUN_OK(init, (Args{"init-model", "--config", tinyConfig_, "--out", model_, "--seed", "3"}));
    VERIFY_MSG(check::contains(init.out, model_), init.out);
  }

  // ---- help ---------------------------------------------------------------------------

  TEST(topLevelHelpListsSubcommands) {
    RUN_OK(r, Args{"--help"});
    for (const char* sub : {"chat", "inspect", "flops", "init-model", "bench-speed"})
      VERIFY_MSG(check::contains(r.out, sub), sub + std::string(" missing from:\n") + r.out);
  }

  void subcommandHelp_data() {
    check::addColumn<std::string>("sub");
    check::addColumn<Args>("options");
    check::newRow("chat") << "chat"
                          << Args{"--model", "--image", "--question", "--scheme", "--max-new-tokens",
                                         "--temperature", "--top-p", "--seed", "--json", "--device", "--dtype",
                                         "--threads", "--vision-tower"};
    check::newRow("inspect") << "inspect" << Args{"--model", "--vision-tower", "--json"};
    check::newRow("eval") << "eval"
                          << Args{"--model", "--questions", "--scheme", "--limit", "--vision-tower", "--json"};
    check::newRow("flops") << "flops" << Args{"--config", "--scheme", "--text-tokens", "--json"};
    check::newRow("init-model") << "init-model"
                                << Args{"--config", "--out", "--seed", "--layout", "--dtype",
                                               "--tokenizer-vocab", "--shard-bytes"};
    check::newRow("bench-speed") << "bench-speed"
                                 << Args{"--model", "--scheme", "--runs", "--warmup", "--decode-tokens",
                                                "--json", "--device", "--dtype"};
  }

  DATA_TEST(subcommandHelp) {
    FETCH(std::string, sub);
    FETCH(Args, options);
    RUN_OK(r, (Args{sub, "--help"}));
    for (const auto& o : options) VERIFY_MSG(check::contains(r.out, o), o + " missing from:\n" + r.out);
  }

  // ---- flops --------------------------------------------------------------------------

  TEST(flopsOnLlavaHf7bConfig) {
    RUN_OK(r, (Args{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto j = parseJson(r);
    COMPARE(j.at("scheme").get<std::string>(), std::string("vcc:layer=2,stride=8"));
    COMPARE(j.at("llm_layers").get<int64_t>(), 32);
    COMPARE(j.at("visual_tokens").get<int64_t>(), 576);
    COMPARE(j.at("text_tokens").get<int64_t>(), 40);  // the default
    COMPARE(j.at("visual_tokens_total").get<int64_t>(), 3312);
    VERIFY_MSG(std::abs(j.at("compression_ratio").get<double>() - 5.565) < 1e-3,
               check::text(j.at("compression_ratio").get<double>()));
    COMPARE(fixed2(j.at("compression_ratio").get<double>()), std::string("5.57"));
    const double tflops = j.at("prefill_tflops").get<double>();
    VERIFY_MSG(tflops > 0, r.out);

    const auto perLayer = j.at("visual_tokens_per_layer");
    COMPARE(perLayer.size(), 32);
    COMPARE(perLayer[0].get<int64_t>(), 576);
    COMPARE(perLayer[1].get<int64_t>(), 576);
    COMPARE(perLayer[2].get<int64_t>(), 72);
    COMPARE(perLayer[31].get<int64_t>(), 72);

    VERIFY(j.at("breakdown").is_object());
    const auto breakdown = j.at("breakdown");
    double sum = 0;
    for (const char* part : {"vision_tower_tflops", "projector_tflops", "llm_linear_tflops", "llm_attention_tflops",
                             "lm_head_tflops"}) {
      VERIFY_MSG(breakdown.contains(part) && breakdown.at(part).get<double>() > 0, part);
      sum += breakdown.at(part).get<double>();
    }
    VERIFY(std::abs(sum - tflops) < 1e-9 * std::max(1.0, tflops));

    // Uncompressed costs more; more text tokens cost more.
    RUN_OK(none, (Args{"flops", "--config", llavaHfConfig_, "--json"}));
    const auto n = parseJson(none);
    COMPARE(n.at("scheme").get<std::string>(), std::string("none"));
    COMPARE(n.at("visual_tokens_total").get<int64_t>(), 18432);
    COMPARE(n.at("compression_ratio").get<double>(), 1.0);
    VERIFY(n.at("prefill_tflops").get<double>() > tflops);
    COMPARE(n.at("breakdown").at("projector_tflops").get<double>(), breakdown.at("projector_tflops").get<double>());
    RUN_OK(longer, (Args{"flops", "--config", llavaHfConfig_, "--text-tokens", "200", "--json"}));
    COMPARE(parseJson(longer).at("text_tokens").get<int64_t>(), 200);
    VERIFY(parseJson(longer).at("prefill_tflops").get<double>() > n.at("prefill_tflops").get<double>());
  }

  TEST(flopsOnOriginalLlavaConfig) {
    RUN_OK(r, (Args{"flops", "--config", originalConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto j = parseJson(r);
    COMPARE(j.at("llm_layers").get<int64_t>(), 32);
    COMPARE(j.at("visual_tokens").get<int64_t>(), 576);
    COMPARE(j.at("visual_tokens_total").get<int64_t>(), 3312);
    COMPARE(fixed2(j.at("compression_ratio").get<double>()), std::string("5.57"));
    VERIFY(j.at("prefill_tflops").get<double>() > 0);
    VERIFY(j.at("breakdown").is_object());

    // The same model described the llava-hf way costs the same but for the lm_head's
    // vocabulary (32064 vs 32000 rows).
    RUN_OK(hf, (Args{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto h = parseJson(hf);
    for (const char* part : {"vision_tower_tflops", "projector_tflops", "llm_linear_tflops", "llm_attention_tflops"})
      COMPARE(j.at("breakdown")[part].get<double>(), h.at("breakdown")[part].get<double>());
  }

  TEST(flopsTextReport) {
    RUN_OK(r, (Args{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=16,stride=8"}));
    VERIFY_MSG(check::contains(r.out, "vcc:layer=16,stride=8"), r.out);
    VERIFY_MSG(check::contains(r.out, "#Tokens") && check::contains(r.out, "10368"), r.out);
    VERIFY_MSG(check::contains(r.out, "18432"), r.out);
    VERIFY_MSG(check::contains(r.out, "1.78"), r.out);
    VERIFY_MSG(check::contains(r.out, "TFLOPs"), r.out);
  }

  // ---- init-model / inspect -----------------------------------------------------------

  TEST(initModelWritesAModelDirectory) {
    for (const char* f : {"config.json", "model.safetensors", "tokenizer.model"})
      VERIFY_MSG(fs::file_size(model_ + "/" + f) > 0, f);
    const auto j = json::parse(readFile(model_ + "/config.json"));
    COMPARE(j.at("model_type").get<std::string>(), std::string("llava"));
    COMPARE(j.at("text_config").at("num_hidden_layers").get<int64_t>(), 4);
    COMPARE(j.at("vision_config").at("image_size").get<int64_t>(), 56);
  }

  TEST(initModelIsReproducible) {
    // The same seed gives the same weights, another seed other weights.
    const std::string again = path("tiny-again"), other = path("tiny-seed4");
    RUN_OK(a, (Args{"init-model", "--config", tinyConfig_, "--out", again, "--seed", "3"}));
    RUN_OK(b, (Args{"init-model", "--config", tinyConfig_, "--out", other, "--seed", "4"}));
    const std::string original = readFile(model_ + "/model.safetensors");
    VERIFY(!original.empty());
    VERIFY(readFile(again + "/model.safetensors") == original);
    VERIFY(readFile(other + "/model.safetensors") != original);
  }

  TEST(inspectReportsLayoutAndParameters) {
    RUN_OK(r, (Args{"inspect", "--model", model_, "--json"}));
    const auto j = parseJson(r);
    COMPARE(j.at("layout").get<std::string>(), std::string("llava-hf"));
    COMPARE(j.at("checkpoint_dtype").get<std::string>(), std::string("F32"));
    COMPARE(j.at("visual_tokens").get<int64_t>(), 16);  // (56 / 14)^2
    COMPARE(j.at("projector").get<std::string>(), std::string("mlp2x_gelu"));
    const auto lm = j.at("language_model");
    COMPARE(lm.at("layers").get<int64_t>(), 4);
    COMPARE(lm.at("hidden_size").get<int64_t>(), 64);
    COMPARE(lm.at("kv_heads").get<int64_t>(), 2);
    COMPARE(lm.at("vocab_size").get<int64_t>(), 520);
    COMPARE(j.at("vision_tower").at("layers_run").get<int64_t>(), 2);  // feature layer -2 of 3

    const auto p = j.at("parameters");
    const int64_t vision = p.at("vision_tower").get<int64_t>(), projector = p.at("projector").get<int64_t>(),
                 language = p.at("language_model").get<int64_t>(), total = p.at("total").get<int64_t>();
    VERIFY(vision > 0);
    COMPARE(vision + projector + language, total);
    // Projector: Linear(32 -> 64) + Linear(64 -> 64), with biases.
    COMPARE(projector, int64_t(32 * 64 + 64 + 64 * 64 + 64));
    // LLaMA: embeddings 520 x 64; per layer q, o 64x64, k, v 64x32 (2 KV heads of 16),
    // gate, up 64x128, down 128x64, two norms; final norm; untied lm_head 520 x 64.
    const int64_t layer = 2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 128 + 2 * 64;
    COMPARE(language, int64_t(520 * 64 + 4 * layer + 64 + 520 * 64));
    VERIFY(j.at("tokenizer_vocab_size").get<int64_t>() > 259);
    VERIFY(j.at("tokenizer_vocab_size").get<int64_t>() < 520);

    // The memory a chat needs: weights at 4 / 2 bytes per parameter, the fp32 files loaded as
    // stored; the KV cache per token is keys + values of 4 layers x 2 KV heads x 16 dims.
    const auto mem = j.at("memory");
    COMPARE(mem.at("fp32").at("weight_bytes").get<int64_t>(), 4 * total);
    COMPARE(mem.at("bf16").at("weight_bytes").get<int64_t>(), 2 * total);
    COMPARE(mem.at("fp32").at("same_dtype_as_files").get<bool>(), true);
    COMPARE(mem.at("bf16").at("same_dtype_as_files").get<bool>(), false);
    COMPARE(mem.at("bf16").at("kv_cache_bytes_per_token").get<int64_t>(), int64_t(2 * 4 * 2 * 16 * 2));

    RUN_OK(text, (Args{"inspect", "--model", model_}));
    VERIFY_MSG(check::contains(text.out, "llava-hf"), text.out);
    VERIFY_MSG(check::contains(text.out, "16 visual tokens"), text.out);
    VERIFY_MSG(check::contains(text.out, "memory fp32") && check::contains(text.out, "memory bf16") &&
                 check::contains(text.out, "converted from F32"), text.out);
    RUN_OK(one, (Args{"inspect", "--model", model_, "--dtype", "bf16", "--json"}));
    Args keys;
    const auto oneJson = parseJson(one);
    for (const auto& [key, value] : oneJson.at("memory").items()) keys.push_back(key);
    COMPARE(keys, Args{"bf16"});
    VERIFY(!parseJson(one).contains("load"));  // weights are read only with --load
    RUN_OK(loaded, (Args{"inspect", "--model", model_, "--dtype", "bf16", "--load", "--json"}));
    const auto l = parseJson(loaded).at("load");
    COMPARE(l.at("dtype").get<std::string>(), std::string("bf16"));
    VERIFY(l.at("seconds").get<double>() > 0);
    VERIFY(l.at("peak_rss_bytes").get<int64_t>() > 0);
    const auto bad = runCli({"inspect", "--model", model_, "--dtype", "int4"});
    COMPARE(bad.code, 2);
    VERIFY_MSG(check::contains(bad.err, "--dtype"), bad.err);
    VERIFY_MSG(check::contains(text.out, std::to_string(total)), text.out);
  }

  // ---- chat ---------------------------------------------------------------------------

  TEST(chatJsonAnswersWithStatistics) {
    RUN_OK(r, chatCommand(model_) << "--json");
    const auto j = parseJson(r);
    referenceChat_ = j;
    VERIFY(j.at("answer").is_string());
    COMPARE(j.at("scheme").get<std::string>(), std::string("none"));
    COMPARE(j.at("visual_tokens_before").get<int64_t>(), 16);
    COMPARE(j.at("visual_tokens_after").get<int64_t>(), 16);
    COMPARE(j.at("visual_tokens_total").get<int64_t>(), 4 * 16);
    COMPARE(j.at("compression_ratio").get<double>(), 1.0);
    VERIFY(j.at("prompt_tokens").get<int64_t>() > 16);
    VERIFY(j.at("generated_tokens").get<int64_t>() >= 1 && j.at("generated_tokens").get<int64_t>() <= 8);
    VERIFY(j.at("prefill_ms").get<double>() > 0);
    VERIFY(j.at("prefill_tflops").get<double>() > 0);
    VERIFY(j.at("kv_cache_bytes").get<int64_t>() > 0);
    COMPARE(j.at("device").get<std::string>(), std::string("cpu"));
  }

  TEST(chatWithVccCompressesTheVisualTokens) {
    if (referenceChat_.empty()) SKIP("needs chatJsonAnswersWithStatistics");
    RUN_OK(r, chatCommand(model_) << "--json" << "--scheme" << "vcc:layer=1,stride=4");
    const auto j = parseJson(r);
    COMPARE(j.at("scheme").get<std::string>(), std::string("vcc:layer=1,stride=4"));
    COMPARE(j.at("visual_tokens_before").get<int64_t>(), 16);
    COMPARE(j.at("visual_tokens_after").get<int64_t>(), 4);
    COMPARE(j.at("visual_tokens_total").get<int64_t>(), 16 + 3 * 4);
    VERIFY(std::abs(j.at("compression_ratio").get<double>() - 64.0 / 28.0) < 1e-9);
    VERIFY(j.at("answer").is_string());
    VERIFY(j.at("prefill_tflops").get<double>() < referenceChat_.at("prefill_tflops").get<double>());
    // Compression shrinks the KV cache of the compressed layers.
    VERIFY(j.at("kv_cache_bytes").get<int64_t>() < referenceChat_.at("kv_cache_bytes").get<int64_t>());
  }

  TEST(chatStreamsTheSameAnswerToStdout) {
    if (referenceChat_.empty()) SKIP("needs chatJsonAnswersWithStatistics");
    RUN_OK(streamed, chatCommand(model_));
    const std::string answer = referenceChat_.at("answer").get<std::string>();
    VERIFY_MSG(!answer.empty(), "the tiny model answered nothing: nothing to compare the stream with");
    // Greedy decoding: the streamed text is the JSON answer, followed by a newline.
    COMPARE(streamed.out, answer + "\n");
    // Statistics go to stderr, not into the answer.
    VERIFY_MSG(check::contains(streamed.err, "visual tokens 16 -> 16"), streamed.err);
    VERIFY_MSG(check::contains(streamed.err, "none"), streamed.err);
  }

  TEST(otherLayoutsLoadAndAnswerTheSame) {
    if (referenceChat_.empty()) SKIP("needs chatJsonAnswersWithStatistics");
    const std::string answer = referenceChat_.at("answer").get<std::string>();
    const struct {
      const char* layout;
      const char* reported;
    } layouts[] = {{"transformers", "transformers"}, {"original", "original-llava"}};
    for (const auto& l : layouts) {
      const std::string dir = path(std::string("tiny-") + l.layout);
      RUN_OK(init, (Args{"init-model", "--config", tinyConfig_, "--out", dir, "--seed", "3", "--layout",
                                l.layout}));
      RUN_OK(inspect, (Args{"inspect", "--model", dir, "--json"}));
      const auto j = parseJson(inspect);
      COMPARE(j.at("layout").get<std::string>(), std::string(l.reported));
      COMPARE(j.at("visual_tokens").get<int64_t>(), 16);
      COMPARE(j.at("language_model").at("layers").get<int64_t>(), 4);
      // Same seed, same weights under other names: the same greedy answer and statistics.
      RUN_OK(chat, chatCommand(dir) << "--json");
      const auto c = parseJson(chat);
      COMPARE(c.at("answer").get<std::string>(), answer);
      COMPARE(c.at("visual_tokens_before").get<int64_t>(), 16);
      COMPARE(c.at("generated_tokens").get<int64_t>(), referenceChat_.at("generated_tokens").get<int64_t>());
    }
    VERIFY(fs::exists(path("tiny-original/vision_tower/model.safetensors")));
  }

  // ---- bench-speed --------------------------------------------------------------------

  TEST(benchSpeedComparesSchemes) {
    RUN_OK(r, (Args{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "2",
                           "--threads", "2", "--json", "--scheme", "none", "--scheme", "vcc:layer=1,stride=2"}));
    const auto j = parseJson(r);
    VERIFY(j.at("roofline_gflops").get<double>() > 0);
    COMPARE(j.at("visual_tokens").get<int64_t>(), 16);
    COMPARE(j.at("llm_layers").get<int64_t>(), 4);
    COMPARE(j.at("runs").get<int64_t>(), 1);
    COMPARE(j.at("decode_tokens").get<int64_t>(), 2);
    const auto schemes = j.at("schemes");
    COMPARE(schemes.size(), 2);
    COMPARE(schemes[0].at("scheme").get<std::string>(), std::string("none"));
    COMPARE(schemes[1].at("scheme").get<std::string>(), std::string("vcc:layer=1,stride=2"));
    for (const auto& s : schemes) {
      const auto o = s;
      VERIFY_MSG(o.at("prefill_ms").get<double>() > 0, r.out);
      COMPARE(o.at("prefill_ms_runs").size(), 1);
      VERIFY(o.at("prefill_tflops").get<double>() > 0);
      VERIFY(o.at("decode_tokens_per_s").get<double>() > 0);
    }
    COMPARE(schemes[0].at("visual_tokens_total").get<int64_t>(), 64);
    COMPARE(schemes[1].at("visual_tokens_total").get<int64_t>(), 16 + 3 * 8);
    COMPARE(schemes[0].at("speedup").get<double>(), 1.0);
    VERIFY(schemes[1].at("prefill_tflops").get<double>() < schemes[0].at("prefill_tflops").get<double>());
    VERIFY(schemes[1].at("predicted_speedup").get<double>() > 1.0);
    // Decode against its bound: the bandwidth measured in the same process and the bytes of
    // the LLM's weights read per token (all but the untied embedding table: 4 layers + norm +
    // lm_head of the tiny model, fp32).
    VERIFY(j.at("memory_bandwidth_gbs").get<double>() > 0);
    const int64_t layer = 2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 128 + 2 * 64;
    COMPARE(j.at("decode_weight_bytes").get<int64_t>(), 4 * (4 * layer + 64 + 520 * 64));
    for (const auto& s : schemes) {
      const auto o = s;
      VERIFY(o.at("decode_bound_tokens_per_s").get<double>() > 0);
      VERIFY(o.at("decode_bound_fraction").get<double>() > 0);
    }
    VERIFY(!j.at("blas").get<std::string>().empty());
    VERIFY(!j.contains("threads_sweep"));
  }

  TEST(answeringUsesEveryPhysicalCoreByDefault) {
    const int cores = llavolta::engine::physicalCoreCount();
    VERIFY(cores >= 1);
    VERIFY(cores <= int(std::thread::hardware_concurrency()));
    RUN_OK(r, (Args{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "1",
                           "--json", "--scheme", "none"}));
    COMPARE(parseJson(r).at("threads").get<int64_t>(), cores);
  }

  TEST(benchSpeedSweepsThreads) {
    RUN_OK(r, (Args{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "2",
                           "--threads", "2", "--threads-sweep", "--json", "--scheme", "none"}));
    const auto sweep = parseJson(r).at("threads_sweep");
    COMPARE(sweep.size(), 2);
    for (int t = 0; t < 2; ++t) {
      COMPARE(sweep[t].at("threads").get<int64_t>(), t + 1);
      VERIFY(sweep[t].at("prefill_ms").get<double>() > 0);
      VERIFY(sweep[t].at("decode_tokens_per_s").get<double>() > 0);
    }
  }

  // ---- errors -------------------------------------------------------------------------

  TEST(tokenizerTrainLearnsTheDatasetVocabulary) {
    check::TempDir tmp;
    const std::string data = tmp.filePath("train.json");
    json entries = json::array();
    for (int i = 0; i < 40; ++i) {
      json turns{json{{"from", "human"}, {"value", "<image>\nWhat colour is the rhombohedron?"}},
                       json{{"from", "gpt"}, {"value", "vermilion"}}};
      entries.push_back(json{{"id", std::to_string(i)}, {"image", "x.png"}, {"conversations", turns}});
    }
    writeFile(data, entries.dump(2));
    RUN_OK(r, (Args{"tokenizer", "train", "--data", data, "--vocab-size", "600", "--out", tmp.filePath("tok")}));
    auto tok = llavolta::engine::Tokenizer::load(tmp.filePath("tok/tokenizer.model"));
    COMPARE(tok->vocabSize(), 600);
    // Words frequent in the dataset become single pieces.
    COMPARE(tok->encode("vermilion", false).size(), size_t(1));
    COMPARE(tok->decode(tok->encode("What colour is the rhombohedron?", true)),
            std::string("What colour is the rhombohedron?"));
    const auto bad = runCli({"tokenizer", "train", "--data", tmp.filePath("missing.json"), "--out", tmp.filePath("t2")});
    COMPARE(bad.code, 2);
    VERIFY(check::contains(bad.err, "missing.json"));
  }

  // Two answer files to the same questions: accuracies, discordant counts and McNemar's exact
  // p-value, as the paper-experiment report uses them.
  TEST(compareAnswerFilesWithMcNemar) {
    check::TempDir tmp;
    std::string truth, a, b;
    const auto line = [](const json& o) { return o.dump() + "\n"; };
    for (int i = 0; i < 40; ++i) {
      truth += line({{"question_id", i}, {"answer", "red"}, {"category", "colour"}});
      // A right on 0..29, B right on 0..14 and 30..31: only A 15, only B 2, both wrong 8.
      a += line({{"question_id", i}, {"prompt", "q"}, {"text", i < 30 ? "Red." : "blue"}});
      b += line({{"question_id", i}, {"prompt", "q"}, {"text", i < 15 || i == 30 || i == 31 ? "red" : "green"}});
    }
    writeFile(tmp.filePath("answers.jsonl"), truth);
    writeFile(tmp.filePath("a.jsonl"), a);
    writeFile(tmp.filePath("b.jsonl"), b);
    RUN_OK(r, (Args{"compare", tmp.filePath("a.jsonl"), tmp.filePath("b.jsonl"), "--ground-truth",
                           tmp.filePath("answers.jsonl"), "--json"}));
    const auto j = parseJson(r);
    COMPARE(j.at("only_a").get<int64_t>(), 15);
    COMPARE(j.at("only_b").get<int64_t>(), 2);
    COMPARE(j.at("both_correct").get<int64_t>(), 15);
    COMPARE(j.at("both_wrong").get<int64_t>(), 8);
    COMPARE(j.at("a").at("correct").get<int64_t>(), 30);
    // 2 * P[Binomial(17, 1/2) <= 2] = 2 * (1 + 17 + 136) / 2^17
    VERIFY(std::abs(j.at("p_value").get<double>() - 2.0 * 154.0 / 131072.0) < 1e-12);
    VERIFY(std::abs(j.at("a").at("standard_error").get<double>() - std::sqrt(0.75 * 0.25 / 40)) < 1e-12);
    RUN_OK(text, (Args{"compare", tmp.filePath("a.jsonl"), tmp.filePath("b.jsonl"), "--ground-truth",
                              tmp.filePath("answers.jsonl")}));
    VERIFY_MSG(check::contains(text.out, "McNemar") && check::contains(text.out, "significant at 5%") && !check::contains(text.out, "not significant") && check::contains(text.out, "+32.5 points"),
               text.out);
    const auto missing = runCli({"compare", tmp.filePath("a.jsonl"), tmp.filePath("none.jsonl"), "--ground-truth",
                                 tmp.filePath("answers.jsonl")});
    COMPARE(missing.code, 2);
    VERIFY_MSG(check::contains(missing.err, "none.jsonl"), missing.err);
  }

  void badInputExitsWithOneLine_data() {
    check::addColumn<Args>("args");
    check::addColumn<Args>("needles");

    const std::string missingDir = path("no-such-model");
    const std::string noTokenizer = copyModel("no-tokenizer");
    fs::remove((noTokenizer + "/tokenizer.model"));
    const std::string truncated = copyModel("truncated");
    const auto weights = (truncated + "/model.safetensors");
    fs::resize_file(weights, fs::file_size(weights) / 2);
    const std::string fakePng = path("not-an-image.png");
    writeFile(fakePng, "this is a text file, not a PNG\n");
    const std::string notJson = path("notes.json");
    writeFile(notJson, "LLaVA-1.5 7B\n");
    const std::string chat[] = {"chat", "--model", model_, "--image", image_, "--question", "Hi?", "--max-new-tokens",
                            "2"};
    const Args chatBase(std::begin(chat), std::end(chat));
    auto chatWith = [&](const Args& more) { return chatBase + more; };

    // flops
    check::newRow("flops: unknown scheme")
        << Args{"flops", "--config", llavaHfConfig_, "--scheme", "pool:k=4"}
        << Args{"unknown compression scheme", "pool", "vcc"};
    check::newRow("flops: stride 0") << Args{"flops", "--config", llavaHfConfig_, "--scheme",
                                                    "vcc:layer=2,stride=0"}
                                     << Args{"stride", "0"};
    check::newRow("flops: layer out of range") << Args{"flops", "--config", llavaHfConfig_, "--scheme",
                                                              "vcc:layer=40,stride=8"}
                                               << Args{"layer 40", "32-layer"};
    check::newRow("flops: unknown scheme key") << Args{"flops", "--config", llavaHfConfig_, "--scheme",
                                                              "vcc:depth=2"}
                                               << Args{"depth", "layer", "stride"};
    check::newRow("flops: missing config") << Args{"flops", "--config", path("absent.json")}
                                           << Args{"absent.json"};
    check::newRow("flops: config not JSON") << Args{"flops", "--config", notJson}
                                            << Args{"notes.json", "not valid JSON"};
    check::newRow("flops: negative text tokens") << Args{"flops", "--config", llavaHfConfig_,
                                                                "--text-tokens", "-5"}
                                                 << Args{"--text-tokens"};
    check::newRow("flops: missing --config") << Args{"flops", "--json"} << Args{"--config"};
    // inspect
    check::newRow("inspect: missing model dir") << Args{"inspect", "--model", missingDir}
                                                << Args{"no-such-model", "does not exist"};
    check::newRow("inspect: no tokenizer.model") << Args{"inspect", "--model", noTokenizer}
                                                 << Args{"no-tokenizer", "tokenizer.model"};
    check::newRow("inspect: truncated weights") << Args{"inspect", "--model", truncated}
                                                << Args{"model.safetensors", "truncated"};
    check::newRow("inspect: missing --model") << Args{"inspect", "--json"} << Args{"--model"};
    // chat
    check::newRow("chat: unknown scheme") << chatWith({"--scheme", "blur"})
                                          << Args{"unknown compression scheme", "blur"};
    check::newRow("chat: stride 0") << chatWith({"--scheme", "vcc:layer=1,stride=0"}) << Args{"stride", "0"};
    check::newRow("chat: layer out of range") << chatWith({"--scheme", "vcc:layer=9,stride=2"})
                                              << Args{"layer 9", "4-layer"};
    check::newRow("chat: missing model dir")
        << Args{"chat", "--model", missingDir, "--image", image_, "--question", "Hi?"}
        << Args{"no-such-model", "does not exist"};
    check::newRow("chat: no tokenizer.model")
        << Args{"chat", "--model", noTokenizer, "--image", image_, "--question", "Hi?"}
        << Args{"tokenizer.model"};
    check::newRow("chat: truncated weights")
        << Args{"chat", "--model", truncated, "--image", image_, "--question", "Hi?"}
        << Args{"model.safetensors", "truncated"};
    check::newRow("chat: text file named .png")
        << Args{"chat", "--model", model_, "--image", fakePng, "--question", "Hi?"}
        << Args{"not-an-image.png", "Cannot decode"};
    check::newRow("chat: missing image file")
        << Args{"chat", "--model", model_, "--image", path("absent.png"), "--question", "Hi?"}
        << Args{"absent.png", "not found"};
    check::newRow("chat: missing --question") << Args{"chat", "--model", model_, "--image", image_}
                                              << Args{"--question"};
    check::newRow("chat: fp16 on cpu") << chatWith({"--dtype", "fp16"}) << Args{"fp16", "cuda"};
    check::newRow("chat: unknown dtype") << chatWith({"--dtype", "int4"}) << Args{"int4"};
    check::newRow("chat: cuda") << chatWith({"--device", "cuda"}) << Args{"--device cuda", "CUDA"};
    check::newRow("chat: unknown device") << chatWith({"--device", "tpu"}) << Args{"tpu"};
    check::newRow("chat: bad number") << chatWith({"--top-k", "many"}) << Args{"many"};
    // init-model
    check::newRow("init-model: missing config")
        << Args{"init-model", "--config", path("absent.json"), "--out", path("never")}
        << Args{"absent.json"};
    check::newRow("init-model: unknown layout")
        << Args{"init-model", "--config", tinyConfig_, "--out", path("never"), "--layout", "gguf"}
        << Args{"--layout", "gguf"};
    check::newRow("init-model: missing --out") << Args{"init-model", "--config", tinyConfig_}
                                               << Args{"--out"};
    // bench-speed
    const Args bench{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "1"};
    check::newRow("bench-speed: unknown scheme") << (bench + Args{"--scheme", "none", "--scheme", "vcc2"})
                                                 << Args{"unknown compression scheme", "vcc2"};
    check::newRow("bench-speed: layer out of range")
        << (bench + Args{"--scheme", "vcc:layer=5,stride=2"}) << Args{"layer 5", "4-layer"};
    check::newRow("bench-speed: missing model dir")
        << Args{"bench-speed", "--model", missingDir} << Args{"no-such-model", "does not exist"};
    check::newRow("bench-speed: fp16 on cpu") << (bench + Args{"--dtype", "fp16"})
                                              << Args{"fp16", "cuda"};
    check::newRow("bench-speed: cuda") << (bench + Args{"--device", "cuda"})
                                       << Args{"--device cuda", "CUDA"};
    check::newRow("bench-speed: zero runs") << (bench + Args{"--runs", "0"}) << Args{"--runs"};
    check::newRow("bench-speed: missing --model") << Args{"bench-speed", "--runs", "1"}
                                                  << Args{"--model"};
    // the program itself
    check::newRow("no subcommand") << Args{} << Args{"subcommand"};
    check::newRow("unknown subcommand") << Args{"train-everything"}
                                        << Args{"unknown subcommand", "train-everything"};
  }

  DATA_TEST(badInputExitsWithOneLine) {
    FETCH(Args, args);
    FETCH(Args, needles);
    if (std::find(args.begin(), args.end(), "cuda") != args.end() && torch::cuda::is_available())
      SKIP("this build has a GPU: --device cuda is valid here");
    const Result r = runCli(args);
    VERIFY_MSG(!r.crashed, describe(args, r));
    VERIFY_MSG(r.code == 2, describe(args, r));
    const std::string err = trimmed(r.err);
    VERIFY_MSG(!err.empty() && !check::contains(err, "\n"), "not exactly one line on stderr:\n" + describe(args, r));
    VERIFY_MSG(err.rfind("llavolta: error: ", 0) == 0, describe(args, r));
    for (const auto& needle : needles)
      VERIFY_MSG(check::contains(err, needle), "'" + needle + "' missing:\n" + describe(args, r));
    VERIFY_MSG(trimmed(r.out).empty(), describe(args, r));
  }

  TEST(failedInitModelWritesNothing) {
    const auto r = runCli({"init-model", "--config", tinyConfig_, "--out", path("never"), "--layout", "gguf"});
    COMPARE(r.code, 2);
    VERIFY(!fs::exists(path("never")));
  }
};

LLAVOLTA_TEST_MAIN(TestCli)
