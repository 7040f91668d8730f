// ModelConfig: the config.json files real checkpoints ship (sparse llava-hf configs, original
// LLaVA configs) load with the transformers class defaults filled in, our own configs round
// trip, and every malformed config ends in an EngineError that says what is wrong.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/cuda.h>

#include "engine/config.h"
#include "engine/device.h"
#include "engine/errors.h"

#include "support/check.h"

namespace fs = std::filesystem;
using llavolta::engine::EngineError;
using llavolta::check::expectError;
using llavolta::engine::ModelConfig;
using nlohmann::json;

namespace {

// config.json of llava-hf/llava-1.5-7b-hf: text_config names only what differs from
// LlamaConfig's defaults (no hidden_size, no layer count, no heads).
json llavaHf7b() {
  return json::parse(R"({
    "architectures": ["LlavaForConditionalGeneration"],
    "ignore_index": -100,
    "image_token_index": 32000,
    "model_type": "llava",
    "pad_token_id": 32001,
    "projector_hidden_act": "gelu",
    "text_config": {
      "_name_or_path": "lmsys/vicuna-7b-v1.5",
      "architectures": ["LlamaForCausalLM"],
      "max_position_embeddings": 4096,
      "model_type": "llama",
      "rms_norm_eps": 1e-05,
      "torch_dtype": "float16",
      "vocab_size": 32064
    },
    "tie_word_embeddings": false,
    "torch_dtype": "float16",
    "transformers_version": "4.36.0.dev0",
    "vision_config": {
      "hidden_size": 1024,
      "image_size": 336,
      "intermediate_size": 4096,
      "model_type": "clip_vision_model",
      "num_attention_heads": 16,
      "num_hidden_layers": 24,
      "patch_size": 14,
      "projection_dim": 768,
      "vocab_size": 32000
    },
    "vision_feature_layer": -2,
    "vision_feature_select_strategy": "default",
    "vocab_size": 32064
  })");
}

// config.json of liuhaotian/llava-v1.5-7b: LLaMA keys at the top level plus mm_* keys; the
// CLIP tower is only named.
json originalLlava7b() {
  return json::parse(R"({
    "_name_or_path": "./checkpoints/vicuna-7b-v1-5",
    "architectures": ["LlavaLlamaForCausalLM"],
    "bos_token_id": 1,
    "eos_token_id": 2,
    "freeze_mm_mlp_adapter": false,
    "hidden_act": "silu",
    "hidden_size": 4096,
    "image_aspect_ratio": "pad",
    "initializer_range": 0.02,
    "intermediate_size": 11008,
    "max_length": 4096,
    "max_position_embeddings": 4096,
    "mm_hidden_size": 1024,
    "mm_projector_lr": null,
    "mm_projector_type": "mlp2x_gelu",
    "mm_use_im_patch_token": false,
    "mm_use_im_start_end": false,
    "mm_vision_select_feature": "patch",
    "mm_vision_select_layer": -2,
    "mm_vision_tower": "openai/clip-vit-large-patch14-336",
    "model_type": "llava",
    "num_attention_heads": 32,
    "num_hidden_layers": 32,
    "num_key_value_heads": 32,
    "pad_token_id": 0,
    "pretraining_tp": 1,
    "rms_norm_eps": 1e-05,
    "rope_scaling": null,
    "tie_word_embeddings": false,
    "torch_dtype": "float16",
    "transformers_version": "4.31.0",
    "tune_mm_mlp_adapter": false,
    "use_cache": true,
    "use_mm_proj": true,
    "vocab_size": 32000
  })");
}

}  // namespace

class TestConfig : public check::Suite {
 private:
  check::TempDir tmp_;
  std::string write(const std::string& name, const std::string& text) {
    const std::string p = (fs::path(tmp_.path()) / name).string();
    std::ofstream(p, std::ios::binary | std::ios::trunc) << text;
    return p;
  }

 public:
  void initTestCase() override { VERIFY(std::filesystem::is_directory(tmp_.path())); }

  // One parser for device and dtype names: the CLI, run configs and the studio accept the same
  // names and refuse the same combinations, naming the setting the user wrote.
  TEST(deviceAndDtypeNames) {
    using llavolta::engine::dtypeName;
    using llavolta::engine::parseDevice;
    using llavolta::engine::parseDtype;
    VERIFY(parseDevice("cpu").is_cpu());
    const torch::Device cpu(torch::kCPU);
    COMPARE(parseDtype("fp32", cpu), torch::kFloat32);
    COMPARE(parseDtype("float32", cpu), torch::kFloat32);
    COMPARE(parseDtype("bf16", cpu), torch::kBFloat16);
    COMPARE(parseDtype("bfloat16", cpu), torch::kBFloat16);
    for (const char* name : {"fp32", "bf16", "fp16"}) {
      const torch::Device cuda(torch::kCUDA);
      COMPARE(dtypeName(parseDtype(name, cuda)), std::string(name));
    }
    expectError([&] { parseDtype("fp16", cpu, "--dtype"); }, {"--dtype fp16", "cuda", "bf16"});
    expectError([&] { parseDtype("int4", cpu, "run config \"dtype\""); }, {"run config \"dtype\" int4", "fp32, bf16 or fp16"});
    expectError([&] { parseDevice("tpu", "--device"); }, {"--device tpu", "cpu, cuda or cuda:N"});
    expectError([&] { parseDevice("cudax", "--device"); }, {"--device cudax"});
    if (!torch::cuda::is_available())
      expectError([&] { parseDevice("cuda:0", "run config \"device\""); }, {"run config \"device\" cuda:0", "CUDA"});
  }

  TEST(sparseLlavaHfConfigGetsTransformersDefaults) {
    const auto c = ModelConfig::fromFile(write("llava-hf-7b.json", llavaHf7b().dump(2)));
    VERIFY(!c.originalLlavaConfig);
    // Set in the file.
    COMPARE(c.text.vocabSize, int64_t(32064));
    COMPARE(c.text.maxPositionEmbeddings, int64_t(4096));
    COMPARE(c.text.rmsNormEps, 1e-5);
    COMPARE(c.imageTokenIndex, int64_t(32000));
    // LlamaConfig defaults: the 7B shape.
    COMPARE(c.text.hiddenSize, int64_t(4096));
    COMPARE(c.text.intermediateSize, int64_t(11008));
    COMPARE(c.text.numLayers, int64_t(32));
    COMPARE(c.text.numHeads, int64_t(32));
    COMPARE(c.text.numKeyValueHeads, int64_t(32));
    COMPARE(c.text.headDim(), int64_t(128));
    COMPARE(c.text.ropeTheta, 10000.0);
    COMPARE(c.text.hiddenAct, std::string("silu"));
    COMPARE(c.text.bosTokenId, int64_t(1));
    COMPARE(c.text.eosTokenId, int64_t(2));
    // CLIPVisionConfig default activation, the tower's sizes from the file.
    COMPARE(c.vision.hiddenAct, std::string("quick_gelu"));
    COMPARE(c.vision.layerNormEps, 1e-5);
    COMPARE(c.vision.numChannels, int64_t(3));
    COMPARE(c.vision.hiddenSize, int64_t(1024));
    COMPARE(c.vision.numLayers, int64_t(24));
    COMPARE(c.vision.gridSide(), int64_t(24));
    COMPARE(c.numVisualTokens(), int64_t(576));
    COMPARE(c.visionFeatureLayer, -2);
    COMPARE(c.visionLayersRun(), int64_t(23));  // hidden_states[-2] of 25
    COMPARE(c.selectStrategy, std::string("default"));
    COMPARE(c.projectorType, std::string("mlp2x_gelu"));
    COMPARE(c.imageAspectRatio, std::string("pad"));
  }

  TEST(llamaDefaultsApplyWhereTheFileIsSilent) {
    // rms_norm_eps unset: LlamaConfig's 1e-6, not the 7B file's 1e-5.
    json j = llavaHf7b();
    j["text_config"].erase("rms_norm_eps");
    COMPARE(ModelConfig::fromJson(j, "sparse").text.rmsNormEps, 1e-6);

    // num_key_value_heads follows num_attention_heads when absent, and wins when set.
    j["text_config"]["num_attention_heads"] = 8;
    j["text_config"]["hidden_size"] = 512;
    auto c = ModelConfig::fromJson(j, "heads");
    COMPARE(c.text.numHeads, int64_t(8));
    COMPARE(c.text.numKeyValueHeads, int64_t(8));
    j["text_config"]["num_key_value_heads"] = 2;
    j["text_config"]["rope_theta"] = 500000.0;
    c = ModelConfig::fromJson(j, "gqa");
    COMPARE(c.text.numKeyValueHeads, int64_t(2));
    COMPARE(c.text.ropeTheta, 500000.0);

    // An empty vision_config is CLIPVisionConfig() itself: ViT-B/32 at 224 px.
    j["vision_config"] = json::object();
    c = ModelConfig::fromJson(j, "clip-defaults");
    COMPARE(c.vision.hiddenSize, int64_t(768));
    COMPARE(c.vision.numLayers, int64_t(12));
    COMPARE(c.vision.patchSize, int64_t(32));
    COMPARE(c.vision.imageSize, int64_t(224));
    COMPARE(c.vision.hiddenAct, std::string("quick_gelu"));
    COMPARE(c.numVisualTokens(), int64_t(49));
  }

  TEST(absentVisionConfigIsClipL14At336) {
    // LlavaConfig builds CLIP ViT-L/14-336 (hidden_act quick_gelu) when vision_config is absent.
    json j = llavaHf7b();
    j.erase("vision_config");
    const auto c = ModelConfig::fromJson(j, "no-vision");
    COMPARE(c.vision.hiddenSize, int64_t(1024));
    COMPARE(c.vision.intermediateSize, int64_t(4096));
    COMPARE(c.vision.numLayers, int64_t(24));
    COMPARE(c.vision.numHeads, int64_t(16));
    COMPARE(c.vision.imageSize, int64_t(336));
    COMPARE(c.vision.patchSize, int64_t(14));
    COMPARE(c.vision.hiddenAct, std::string("quick_gelu"));
    COMPARE(c.numVisualTokens(), int64_t(576));

    // Only a model_type: everything is a default, still the LLaVA-1.5-7B shape.
    const auto bare = ModelConfig::fromJson(json{{"model_type", "llava"}}, "bare");
    COMPARE(bare.text.numLayers, int64_t(32));
    COMPARE(bare.text.vocabSize, int64_t(32000));
    COMPARE(bare.numVisualTokens(), int64_t(576));

    // "full" keeps the CLS token.
    j["vision_feature_select_strategy"] = "full";
    COMPARE(ModelConfig::fromJson(j, "full").numVisualTokens(), int64_t(577));
  }

  TEST(originalLlavaConfigLoads) {
    const auto c = ModelConfig::fromFile(write("llava-v1.5-7b.json", originalLlava7b().dump(2)));
    VERIFY(c.originalLlavaConfig);
    COMPARE(c.visionTowerName, std::string("openai/clip-vit-large-patch14-336"));
    COMPARE(c.text.numLayers, int64_t(32));
    COMPARE(c.text.hiddenSize, int64_t(4096));
    COMPARE(c.text.intermediateSize, int64_t(11008));
    COMPARE(c.text.vocabSize, int64_t(32000));
    COMPARE(c.text.rmsNormEps, 1e-5);
    COMPARE(c.text.maxPositionEmbeddings, int64_t(4096));
    COMPARE(c.vision.hiddenSize, int64_t(1024));
    COMPARE(c.vision.numLayers, int64_t(24));
    COMPARE(c.vision.imageSize, int64_t(336));
    COMPARE(c.vision.patchSize, int64_t(14));
    COMPARE(c.numVisualTokens(), int64_t(576));
    COMPARE(c.visionFeatureLayer, -2);
    COMPARE(c.selectStrategy, std::string("default"));
    COMPARE(c.projectorType, std::string("mlp2x_gelu"));
    COMPARE(c.imageAspectRatio, std::string("pad"));
    // The LLaVA repo splices the image at IMAGE_TOKEN_INDEX = -200, not at a vocabulary id.
    COMPARE(c.imageTokenIndex, int64_t(-200));
  }

  TEST(originalConfigTowerNamesAndFeatures) {
    json j = originalLlava7b();
    j["mm_vision_tower"] = "openai/clip-vit-large-patch14";  // LLaVA-1.0's 224 px tower
    auto c = ModelConfig::fromJson(j, "l14");
    COMPARE(c.vision.imageSize, int64_t(224));
    COMPARE(c.numVisualTokens(), int64_t(256));

    j["mm_vision_tower"] = "openai/clip-vit-base-patch16";
    j["mm_hidden_size"] = 768;
    c = ModelConfig::fromJson(j, "b16");
    COMPARE(c.vision.hiddenSize, int64_t(768));
    COMPARE(c.vision.numLayers, int64_t(12));
    COMPARE(c.numVisualTokens(), int64_t(196));

    j = originalLlava7b();
    j["mm_vision_select_feature"] = "cls_patch";
    COMPARE(ModelConfig::fromJson(j, "cls").numVisualTokens(), int64_t(577));

    // A tower the name does not reveal (a local directory) is described by its own
    // config.json when the checkpoint loads; mm_hidden_size must not be held against
    // the placeholder tower.
    j = originalLlava7b();
    j["mm_vision_tower"] = "vision_tower";
    j["mm_hidden_size"] = 32;
    c = ModelConfig::fromJson(j, "local-tower");
    VERIFY(c.originalLlavaConfig);
    COMPARE(c.visionTowerName, std::string("vision_tower"));

    // A known tower whose width contradicts mm_hidden_size is an error naming both.
    j = originalLlava7b();
    j["mm_hidden_size"] = 768;
    expectError([&] { ModelConfig::fromJson(j, "mismatch.json"); },
                {"mismatch.json", "mm_hidden_size 768", "clip-vit-large-patch14-336", "1024"});
  }

  TEST(toJsonRoundTrips) {
    json j = llavaHf7b();
    j["text_config"]["num_key_value_heads"] = 8;
    j["text_config"]["rope_theta"] = 500000.0;
    j["text_config"]["tie_word_embeddings"] = true;
    j["vision_config"]["hidden_act"] = "gelu";
    j["vision_config"]["layer_norm_eps"] = 1e-6;
    j["vision_feature_layer"] = -3;
    j["vision_feature_select_strategy"] = "full";
    j["llavolta"] = {{"image_aspect_ratio", "square"}, {"image_mean", {0.5, 0.25, 0.125}}, {"image_std", {1, 2, 4}}};
    const auto a = ModelConfig::fromJson(j, "in");
    const json written = a.toJson();
    COMPARE(written["model_type"].get<std::string>(), std::string("llava"));
    COMPARE(written["text_config"]["num_hidden_layers"].get<int64_t>(), int64_t(32));

    // Through a file, as saveModel and init-model write it.
    const auto b = ModelConfig::fromFile(write("roundtrip.json", written.dump(2)));
    COMPARE(b.text.vocabSize, a.text.vocabSize);
    COMPARE(b.text.hiddenSize, a.text.hiddenSize);
    COMPARE(b.text.intermediateSize, a.text.intermediateSize);
    COMPARE(b.text.numLayers, a.text.numLayers);
    COMPARE(b.text.numHeads, a.text.numHeads);
    COMPARE(b.text.numKeyValueHeads, int64_t(8));
    COMPARE(b.text.maxPositionEmbeddings, int64_t(4096));
    COMPARE(b.text.rmsNormEps, 1e-5);
    COMPARE(b.text.ropeTheta, 500000.0);
    COMPARE(b.text.tieWordEmbeddings, true);
    COMPARE(b.text.bosTokenId, a.text.bosTokenId);
    COMPARE(b.text.eosTokenId, a.text.eosTokenId);
    COMPARE(b.vision.hiddenSize, a.vision.hiddenSize);
    COMPARE(b.vision.intermediateSize, a.vision.intermediateSize);
    COMPARE(b.vision.numLayers, a.vision.numLayers);
    COMPARE(b.vision.numHeads, a.vision.numHeads);
    COMPARE(b.vision.imageSize, a.vision.imageSize);
    COMPARE(b.vision.patchSize, a.vision.patchSize);
    COMPARE(b.vision.layerNormEps, 1e-6);
    COMPARE(b.vision.hiddenAct, std::string("gelu"));
    COMPARE(b.imageTokenIndex, int64_t(32000));
    COMPARE(b.visionFeatureLayer, -3);
    COMPARE(b.selectStrategy, std::string("full"));
    COMPARE(b.numVisualTokens(), int64_t(577));
    COMPARE(b.imageAspectRatio, std::string("square"));
    COMPARE(b.imageMean, (std::array<float, 3>{0.5f, 0.25f, 0.125f}));
    COMPARE(b.imageStd, (std::array<float, 3>{1.f, 2.f, 4.f}));
    // A fixed point: writing the re-read config gives the same JSON.
    COMPARE(b.toJson().dump(), written.dump());
  }

  TEST(wrongTypeNamesTheField) {
    json j = llavaHf7b();
    j["text_config"]["num_hidden_layers"] = "32";
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"cfg.json", "text_config", "num_hidden_layers", "string"});

    j = llavaHf7b();
    j["vision_config"]["patch_size"] = json::array({14, 14});
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"vision_config", "patch_size", "array"});

    j = llavaHf7b();
    j["vision_feature_select_strategy"] = 7;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"vision_feature_select_strategy", "number"});

    j = originalLlava7b();
    j["mm_vision_select_layer"] = "penultimate";
    expectError([&] { ModelConfig::fromJson(j, "orig.json"); }, {"orig.json", "mm_vision_select_layer", "string"});

    j = llavaHf7b();
    j["llavolta"] = {{"image_mean", "grey"}};
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"cfg.json", "image_mean"});

    // A sub-config that is not an object must not be silently replaced by defaults.
    j = llavaHf7b();
    j["text_config"] = "lmsys/vicuna-7b-v1.5";
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"cfg.json", "text_config", "string"});
    j = llavaHf7b();
    j["vision_config"] = 1024;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"cfg.json", "vision_config", "number"});

    expectError([&] { ModelConfig::fromJson(json::array({1, 2}), "list.json"); }, {"list.json", "JSON object"});
  }

  TEST(inconsistentShapesAreRejected) {
    json j = llavaHf7b();
    j["text_config"]["hidden_size"] = 4100;
    j["text_config"]["num_attention_heads"] = 32;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); },
                {"cfg.json", "hidden_size 4100", "not divisible", "num_attention_heads 32"});

    j = llavaHf7b();
    j["text_config"]["num_key_value_heads"] = 5;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"num_key_value_heads 5"});

    j = llavaHf7b();
    j["vision_config"]["image_size"] = 330;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"image_size 330", "patch_size 14"});

    j = llavaHf7b();
    j["vision_feature_layer"] = 30;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"vision_feature_layer 30", "24 layers"});

    j = llavaHf7b();
    j["text_config"]["num_hidden_layers"] = 0;
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"num_hidden_layers", "positive"});

    j = llavaHf7b();
    j["text_config"]["hidden_act"] = "gelu";
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"hidden_act", "gelu"});
  }

  TEST(unsupportedProjectorIsRejected) {
    json j = originalLlava7b();
    j["mm_projector_type"] = "linear";  // LLaVA-1.0's projector
    expectError([&] { ModelConfig::fromJson(j, "orig.json"); }, {"orig.json", "mm_projector_type", "linear", "mlp2x_gelu"});

    j = llavaHf7b();
    j["projector_hidden_act"] = "relu";
    expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, {"projector_hidden_act", "relu"});
  }

  // Issue 18: values that loaded silently (or crashed later) are errors naming the field.
  TEST(outOfRangeValuesAreErrors) {
    const auto refuse = [&](const std::function<void(json&)>& edit, std::initializer_list<std::string> parts) {
      json j = llavaHf7b();
      edit(j);
      expectError([&] { ModelConfig::fromJson(j, "cfg.json"); }, parts);
    };
    refuse([](json& j) { j["text_config"]["hidden_size"] = 64.5; }, {"cfg.json", "hidden_size", "integer", "64.5"});
    refuse([](json& j) { j["text_config"]["num_hidden_layers"] = 1e9; }, {"num_hidden_layers", "at most 1024"});
    refuse([](json& j) { j["text_config"]["vocab_size"] = 1e30; }, {"vocab_size"});
    refuse([](json& j) { j["text_config"]["rope_theta"] = 0; }, {"rope_theta", "positive"});
    refuse([](json& j) { j["text_config"]["rms_norm_eps"] = -1e-5; }, {"rms_norm_eps", "positive"});
    refuse([](json& j) { j["vision_config"]["layer_norm_eps"] = 0; }, {"layer_norm_eps"});
    refuse([](json& j) { j["text_config"]["bos_token_id"] = 40000; }, {"bos_token_id", "40000", "vocabulary"});
    refuse([](json& j) { j["text_config"]["eos_token_id"] = -3; }, {"eos_token_id"});
    refuse([](json& j) { j["image_token_index"] = -5; }, {"image_token_index", "-5"});
    refuse([](json& j) { j["image_token_index"] = 2; }, {"image_token_index", "EOS"});
    refuse([](json& j) { j["llavolta"] = {{"image_std", {0.2, -0.2, 0.2}}}; }, {"image_std", "positive"});
    refuse([](json& j) { j["llavolta"] = {{"image_aspect_ratio", "anyres"}}; }, {"image_aspect_ratio", "anyres"});
    refuse([](json& j) { j["vision_config"]["patch_size"] = 400; }, {"patch_size"});
    refuse([](json& j) { j["text_config"]["max_position_embeddings"] = 1e12; }, {"max_position_embeddings"});
    // Found by libFuzzer (tests/libfuzzer): a wrong JSON type read through value() escaped as a
    // JSON library exception instead of an EngineError.
    refuse([](json& j) { j.erase("text_config"); j.erase("vision_config"); j["model_type"] = 520; }, {"cfg.json", "model_type"});
    // Integral floats are accepted as the integers they are.
    json j = llavaHf7b();
    j["text_config"]["max_position_embeddings"] = 4096.0;
    COMPARE(ModelConfig::fromJson(j, "cfg.json").text.maxPositionEmbeddings, int64_t(4096));
  }

  // A directory or a FIFO named config.json, and a config nested deeper than the parser allows.
  TEST(notAFileAndDeepNestingAreErrors) {
    const fs::path dir = fs::path(tmp_.path()) / "cfgdir" / "config.json";
    fs::create_directories(dir);
    expectError([&] { ModelConfig::fromFile(dir.string()); }, {dir.string(), "is a directory"});
    const std::string fifo = (fs::path(tmp_.path()) / "fifo.json").string();
    COMPARE(::mkfifo(fifo.c_str(), 0644), 0);
    expectError([&] { ModelConfig::fromFile(fifo); }, {fifo, "not a regular file"});
    const std::string deep = write("deep.json", "{\"text_config\": " + std::string(5000, '[') + std::string(5000, ']') + "}");
    expectError([&] { ModelConfig::fromFile(deep); }, {deep, "nested deeper than 64"});
  }

  TEST(unreadableFilesAreErrors) {
    const std::string garbage = write("garbage.json", "{\"model_type\": \"llava\", \"text_config\": {");
    expectError([&] { ModelConfig::fromFile(garbage); }, {garbage, "not valid JSON"});
    const std::string text = write("notes.json", "LLaVA-1.5 7B, see the model card\n");
    expectError([&] { ModelConfig::fromFile(text); }, {text, "not valid JSON"});
    const std::string missing = (fs::path(tmp_.path()) / "absent" / "config.json").string();
    expectError([&] { ModelConfig::fromFile(missing); }, {"does not exist", missing});
  }
};

LLAVOLTA_TEST_MAIN(TestConfig)
