// ctest-labels: cli unit
// The llavolta binary as a user drives it: help texts, the analytic `flops` numbers of the
// paper, a tiny random model written by `init-model` and then inspected, chatted with and
// benchmarked, the three checkpoint layouts, and every error path ending in exit code 2 with
// one line on stderr that names the problem.
// Torch before Qt: Qt's `slots` macro breaks torch headers that use it as an identifier.
#include <torch/cuda.h>
#include <torch/torch.h>

#include "engine/threads.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include "engine/tokenizer.h"
#include "support/cli_runner.h"
#include <QtTest>

namespace fs = std::filesystem;

namespace {

using Result = llavolta::testing::CliResult;
using llavolta::testing::describe;

Result runCli(const QStringList& args) { return llavolta::testing::runLlavolta(args); }

// Runs llavolta, requires exit 0, returns stdout parsed as one JSON object.
#define RUN_OK(result, args)                                                            \
  const QStringList result##Args = (args);                                              \
  const Result result = runCli(result##Args);                                         \
  QVERIFY2(!result.crashed && result.code == 0, qPrintable(describe(result##Args, result)))

QJsonObject parseJson(const Result& r) {
  QJsonParseError error{};
  const auto doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject()) {
    QTest::qFail(qPrintable("stdout is not one JSON object (" + error.errorString() + "): " + r.out.left(2000)),
                 __FILE__, __LINE__);
    return {};
  }
  return doc.object();
}

void writeFile(const QString& path, const std::string& bytes) {
  std::ofstream(path.toStdString(), std::ios::binary | std::ios::trunc) << bytes;
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

class TestCli : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir tmp_;
  QString llavaHfConfig_, originalConfig_, tinyConfig_, model_, image_;

  QJsonObject referenceChat_;  // `chat --json` on the tiny model without compression, run once

  QString path(const QString& name) const { return tmp_.filePath(name); }
  QStringList chatCommand(const QString& model) const {
    return {"chat", "--model", model, "--image", image_, "--question", "What colour is the square?",
            "--max-new-tokens", "8", "--threads", "2"};
  }
  // A copy of the tiny model directory to break.
  QString copyModel(const QString& name) const {
    const QString dir = path(name);
    fs::copy(model_.toStdString(), dir.toStdString(), fs::copy_options::recursive | fs::copy_options::overwrite_existing);
    return dir;
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QVERIFY2(QFileInfo(QStringLiteral(LLAVOLTA_CLI_PATH)).isExecutable(), LLAVOLTA_CLI_PATH);
    llavaHfConfig_ = path("llava-1.5-7b-hf.json");
    writeFile(llavaHfConfig_, kLlavaHf7b);
    originalConfig_ = path("llava-v1.5-7b.json");
    writeFile(originalConfig_, kOriginal7b);
    tinyConfig_ = QStringLiteral(LLAVOLTA_SOURCE_DIR) + "/resources/configs/tiny.json";
    QVERIFY(QFileInfo::exists(tinyConfig_));
    image_ = path("square.ppm");
    writeFile(image_, ppmImage(48, 40));

    model_ = path("tiny");
    RUN_OK(init, (QStringList{"init-model", "--config", tinyConfig_, "--out", model_, "--seed", "3"}));
    QVERIFY2(init.out.contains(model_), qPrintable(init.out));
  }

  // ---- help ---------------------------------------------------------------------------

  void topLevelHelpListsSubcommands() {
    RUN_OK(r, QStringList{"--help"});
    for (const char* sub : {"chat", "inspect", "flops", "init-model", "bench-speed"})
      QVERIFY2(r.out.contains(sub), qPrintable(sub + QString(" missing from:\n") + r.out));
  }

  void subcommandHelp_data() {
    QTest::addColumn<QString>("sub");
    QTest::addColumn<QStringList>("options");
    QTest::newRow("chat") << "chat"
                          << QStringList{"--model", "--image", "--question", "--scheme", "--max-new-tokens",
                                         "--temperature", "--top-p", "--seed", "--json", "--device", "--dtype",
                                         "--threads", "--vision-tower"};
    QTest::newRow("inspect") << "inspect" << QStringList{"--model", "--vision-tower", "--json"};
    QTest::newRow("eval") << "eval"
                          << QStringList{"--model", "--questions", "--scheme", "--limit", "--vision-tower", "--json"};
    QTest::newRow("flops") << "flops" << QStringList{"--config", "--scheme", "--text-tokens", "--json"};
    QTest::newRow("init-model") << "init-model"
                                << QStringList{"--config", "--out", "--seed", "--layout", "--dtype",
                                               "--tokenizer-vocab", "--shard-bytes"};
    QTest::newRow("bench-speed") << "bench-speed"
                                 << QStringList{"--model", "--scheme", "--runs", "--warmup", "--decode-tokens",
                                                "--json", "--device", "--dtype"};
  }

  void subcommandHelp() {
    QFETCH(QString, sub);
    QFETCH(QStringList, options);
    RUN_OK(r, (QStringList{sub, "--help"}));
    for (const auto& o : options) QVERIFY2(r.out.contains(o), qPrintable(o + " missing from:\n" + r.out));
  }

  // ---- flops --------------------------------------------------------------------------

  void flopsOnLlavaHf7bConfig() {
    RUN_OK(r, (QStringList{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto j = parseJson(r);
    QCOMPARE(j["scheme"].toString(), QString("vcc:layer=2,stride=8"));
    QCOMPARE(j["llm_layers"].toInt(), 32);
    QCOMPARE(j["visual_tokens"].toInt(), 576);
    QCOMPARE(j["text_tokens"].toInt(), 40);  // the default
    QCOMPARE(j["visual_tokens_total"].toInt(), 3312);
    QVERIFY2(std::abs(j["compression_ratio"].toDouble() - 5.565) < 1e-3,
             qPrintable(QString::number(j["compression_ratio"].toDouble())));
    QCOMPARE(QString::number(j["compression_ratio"].toDouble(), 'f', 2), QString("5.57"));
    const double tflops = j["prefill_tflops"].toDouble();
    QVERIFY2(tflops > 0, qPrintable(r.out));

    const auto perLayer = j["visual_tokens_per_layer"].toArray();
    QCOMPARE(perLayer.size(), 32);
    QCOMPARE(perLayer[0].toInt(), 576);
    QCOMPARE(perLayer[1].toInt(), 576);
    QCOMPARE(perLayer[2].toInt(), 72);
    QCOMPARE(perLayer[31].toInt(), 72);

    QVERIFY(j["breakdown"].isObject());
    const auto breakdown = j["breakdown"].toObject();
    double sum = 0;
    for (const char* part : {"vision_tower_tflops", "projector_tflops", "llm_linear_tflops", "llm_attention_tflops",
                             "lm_head_tflops"}) {
      QVERIFY2(breakdown.contains(part) && breakdown[part].toDouble() > 0, part);
      sum += breakdown[part].toDouble();
    }
    QVERIFY(std::abs(sum - tflops) < 1e-9 * std::max(1.0, tflops));

    // Uncompressed costs more; more text tokens cost more.
    RUN_OK(none, (QStringList{"flops", "--config", llavaHfConfig_, "--json"}));
    const auto n = parseJson(none);
    QCOMPARE(n["scheme"].toString(), QString("none"));
    QCOMPARE(n["visual_tokens_total"].toInt(), 18432);
    QCOMPARE(n["compression_ratio"].toDouble(), 1.0);
    QVERIFY(n["prefill_tflops"].toDouble() > tflops);
    QCOMPARE(n["breakdown"].toObject()["projector_tflops"].toDouble(), breakdown["projector_tflops"].toDouble());
    RUN_OK(longer, (QStringList{"flops", "--config", llavaHfConfig_, "--text-tokens", "200", "--json"}));
    QCOMPARE(parseJson(longer)["text_tokens"].toInt(), 200);
    QVERIFY(parseJson(longer)["prefill_tflops"].toDouble() > n["prefill_tflops"].toDouble());
  }

  void flopsOnOriginalLlavaConfig() {
    RUN_OK(r, (QStringList{"flops", "--config", originalConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto j = parseJson(r);
    QCOMPARE(j["llm_layers"].toInt(), 32);
    QCOMPARE(j["visual_tokens"].toInt(), 576);
    QCOMPARE(j["visual_tokens_total"].toInt(), 3312);
    QCOMPARE(QString::number(j["compression_ratio"].toDouble(), 'f', 2), QString("5.57"));
    QVERIFY(j["prefill_tflops"].toDouble() > 0);
    QVERIFY(j["breakdown"].isObject());

    // The same model described the llava-hf way costs the same but for the lm_head's
    // vocabulary (32064 vs 32000 rows).
    RUN_OK(hf, (QStringList{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=2,stride=8", "--json"}));
    const auto h = parseJson(hf);
    for (const char* part : {"vision_tower_tflops", "projector_tflops", "llm_linear_tflops", "llm_attention_tflops"})
      QCOMPARE(j["breakdown"].toObject()[part].toDouble(), h["breakdown"].toObject()[part].toDouble());
  }

  void flopsTextReport() {
    RUN_OK(r, (QStringList{"flops", "--config", llavaHfConfig_, "--scheme", "vcc:layer=16,stride=8"}));
    QVERIFY2(r.out.contains("vcc:layer=16,stride=8"), qPrintable(r.out));
    QVERIFY2(r.out.contains("#Tokens") && r.out.contains("10368"), qPrintable(r.out));
    QVERIFY2(r.out.contains("18432"), qPrintable(r.out));
    QVERIFY2(r.out.contains("1.78"), qPrintable(r.out));
    QVERIFY2(r.out.contains("TFLOPs"), qPrintable(r.out));
  }

  // ---- init-model / inspect -----------------------------------------------------------

  void initModelWritesAModelDirectory() {
    for (const char* f : {"config.json", "model.safetensors", "tokenizer.model"})
      QVERIFY2(QFileInfo(model_ + "/" + f).size() > 0, f);
    QFile config(model_ + "/config.json");
    QVERIFY(config.open(QIODevice::ReadOnly));
    const auto j = QJsonDocument::fromJson(config.readAll()).object();
    QCOMPARE(j["model_type"].toString(), QString("llava"));
    QCOMPARE(j["text_config"].toObject()["num_hidden_layers"].toInt(), 4);
    QCOMPARE(j["vision_config"].toObject()["image_size"].toInt(), 56);
  }

  void initModelIsReproducible() {
    // The same seed gives the same weights, another seed other weights.
    const QString again = path("tiny-again"), other = path("tiny-seed4");
    RUN_OK(a, (QStringList{"init-model", "--config", tinyConfig_, "--out", again, "--seed", "3"}));
    RUN_OK(b, (QStringList{"init-model", "--config", tinyConfig_, "--out", other, "--seed", "4"}));
    auto bytes = [](const QString& f) {
      QFile file(f);
      return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray original = bytes(model_ + "/model.safetensors");
    QVERIFY(!original.isEmpty());
    QVERIFY(bytes(again + "/model.safetensors") == original);
    QVERIFY(bytes(other + "/model.safetensors") != original);
  }

  void inspectReportsLayoutAndParameters() {
    RUN_OK(r, (QStringList{"inspect", "--model", model_, "--json"}));
    const auto j = parseJson(r);
    QCOMPARE(j["layout"].toString(), QString("llava-hf"));
    QCOMPARE(j["checkpoint_dtype"].toString(), QString("F32"));
    QCOMPARE(j["visual_tokens"].toInt(), 16);  // (56 / 14)^2
    QCOMPARE(j["projector"].toString(), QString("mlp2x_gelu"));
    const auto lm = j["language_model"].toObject();
    QCOMPARE(lm["layers"].toInt(), 4);
    QCOMPARE(lm["hidden_size"].toInt(), 64);
    QCOMPARE(lm["kv_heads"].toInt(), 2);
    QCOMPARE(lm["vocab_size"].toInt(), 520);
    QCOMPARE(j["vision_tower"].toObject()["layers_run"].toInt(), 2);  // feature layer -2 of 3

    const auto p = j["parameters"].toObject();
    const qint64 vision = p["vision_tower"].toInteger(), projector = p["projector"].toInteger(),
                 language = p["language_model"].toInteger(), total = p["total"].toInteger();
    QVERIFY(vision > 0);
    QCOMPARE(vision + projector + language, total);
    // Projector: Linear(32 -> 64) + Linear(64 -> 64), with biases.
    QCOMPARE(projector, qint64(32 * 64 + 64 + 64 * 64 + 64));
    // LLaMA: embeddings 520 x 64; per layer q, o 64x64, k, v 64x32 (2 KV heads of 16),
    // gate, up 64x128, down 128x64, two norms; final norm; untied lm_head 520 x 64.
    const qint64 layer = 2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 128 + 2 * 64;
    QCOMPARE(language, qint64(520 * 64 + 4 * layer + 64 + 520 * 64));
    QVERIFY(j["tokenizer_vocab_size"].toInt() > 259);
    QVERIFY(j["tokenizer_vocab_size"].toInt() < 520);

    // The memory a chat needs: weights at 4 / 2 bytes per parameter, the fp32 files loaded as
    // stored; the KV cache per token is keys + values of 4 layers x 2 KV heads x 16 dims.
    const auto mem = j["memory"].toObject();
    QCOMPARE(mem["fp32"].toObject()["weight_bytes"].toInteger(), 4 * total);
    QCOMPARE(mem["bf16"].toObject()["weight_bytes"].toInteger(), 2 * total);
    QCOMPARE(mem["fp32"].toObject()["same_dtype_as_files"].toBool(), true);
    QCOMPARE(mem["bf16"].toObject()["same_dtype_as_files"].toBool(), false);
    QCOMPARE(mem["bf16"].toObject()["kv_cache_bytes_per_token"].toInteger(), qint64(2 * 4 * 2 * 16 * 2));

    RUN_OK(text, (QStringList{"inspect", "--model", model_}));
    QVERIFY2(text.out.contains("llava-hf"), qPrintable(text.out));
    QVERIFY2(text.out.contains("16 visual tokens"), qPrintable(text.out));
    QVERIFY2(text.out.contains("memory fp32") && text.out.contains("memory bf16") &&
                 text.out.contains("converted from F32"), qPrintable(text.out));
    RUN_OK(one, (QStringList{"inspect", "--model", model_, "--dtype", "bf16", "--json"}));
    QCOMPARE(parseJson(one)["memory"].toObject().keys(), QStringList{"bf16"});
    QVERIFY(!parseJson(one).contains("load"));  // weights are read only with --load
    RUN_OK(loaded, (QStringList{"inspect", "--model", model_, "--dtype", "bf16", "--load", "--json"}));
    const auto l = parseJson(loaded)["load"].toObject();
    QCOMPARE(l["dtype"].toString(), QString("bf16"));
    QVERIFY(l["seconds"].toDouble() > 0);
    QVERIFY(l["peak_rss_bytes"].toInteger() > 0);
    const auto bad = runCli({"inspect", "--model", model_, "--dtype", "int4"});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("--dtype"), qPrintable(bad.err));
    QVERIFY2(text.out.contains(QString::number(total)), qPrintable(text.out));
  }

  // ---- chat ---------------------------------------------------------------------------

  void chatJsonAnswersWithStatistics() {
    RUN_OK(r, chatCommand(model_) << "--json");
    const auto j = parseJson(r);
    referenceChat_ = j;
    QVERIFY(j["answer"].isString());
    QCOMPARE(j["scheme"].toString(), QString("none"));
    QCOMPARE(j["visual_tokens_before"].toInt(), 16);
    QCOMPARE(j["visual_tokens_after"].toInt(), 16);
    QCOMPARE(j["visual_tokens_total"].toInt(), 4 * 16);
    QCOMPARE(j["compression_ratio"].toDouble(), 1.0);
    QVERIFY(j["prompt_tokens"].toInt() > 16);
    QVERIFY(j["generated_tokens"].toInt() >= 1 && j["generated_tokens"].toInt() <= 8);
    QVERIFY(j["prefill_ms"].toDouble() > 0);
    QVERIFY(j["prefill_tflops"].toDouble() > 0);
    QVERIFY(j["kv_cache_bytes"].toInteger() > 0);
    QCOMPARE(j["device"].toString(), QString("cpu"));
  }

  void chatWithVccCompressesTheVisualTokens() {
    if (referenceChat_.isEmpty()) QSKIP("needs chatJsonAnswersWithStatistics");
    RUN_OK(r, chatCommand(model_) << "--json" << "--scheme" << "vcc:layer=1,stride=4");
    const auto j = parseJson(r);
    QCOMPARE(j["scheme"].toString(), QString("vcc:layer=1,stride=4"));
    QCOMPARE(j["visual_tokens_before"].toInt(), 16);
    QCOMPARE(j["visual_tokens_after"].toInt(), 4);
    QCOMPARE(j["visual_tokens_total"].toInt(), 16 + 3 * 4);
    QVERIFY(std::abs(j["compression_ratio"].toDouble() - 64.0 / 28.0) < 1e-9);
    QVERIFY(j["answer"].isString());
    QVERIFY(j["prefill_tflops"].toDouble() < referenceChat_["prefill_tflops"].toDouble());
    // Compression shrinks the KV cache of the compressed layers.
    QVERIFY(j["kv_cache_bytes"].toInteger() < referenceChat_["kv_cache_bytes"].toInteger());
  }

  void chatStreamsTheSameAnswerToStdout() {
    if (referenceChat_.isEmpty()) QSKIP("needs chatJsonAnswersWithStatistics");
    RUN_OK(streamed, chatCommand(model_));
    const QString answer = referenceChat_["answer"].toString();
    QVERIFY2(!answer.isEmpty(), "the tiny model answered nothing: nothing to compare the stream with");
    // Greedy decoding: the streamed text is the JSON answer, followed by a newline.
    QCOMPARE(streamed.out, answer + "\n");
    // Statistics go to stderr, not into the answer.
    QVERIFY2(streamed.err.contains("visual tokens 16 -> 16"), qPrintable(streamed.err));
    QVERIFY2(streamed.err.contains("none"), qPrintable(streamed.err));
  }

  void otherLayoutsLoadAndAnswerTheSame() {
    if (referenceChat_.isEmpty()) QSKIP("needs chatJsonAnswersWithStatistics");
    const QString answer = referenceChat_["answer"].toString();
    const struct {
      const char* layout;
      const char* reported;
    } layouts[] = {{"transformers", "transformers"}, {"original", "original-llava"}};
    for (const auto& l : layouts) {
      const QString dir = path(QString("tiny-") + l.layout);
      RUN_OK(init, (QStringList{"init-model", "--config", tinyConfig_, "--out", dir, "--seed", "3", "--layout",
                                l.layout}));
      RUN_OK(inspect, (QStringList{"inspect", "--model", dir, "--json"}));
      const auto j = parseJson(inspect);
      QCOMPARE(j["layout"].toString(), QString(l.reported));
      QCOMPARE(j["visual_tokens"].toInt(), 16);
      QCOMPARE(j["language_model"].toObject()["layers"].toInt(), 4);
      // Same seed, same weights under other names: the same greedy answer and statistics.
      RUN_OK(chat, chatCommand(dir) << "--json");
      const auto c = parseJson(chat);
      QCOMPARE(c["answer"].toString(), answer);
      QCOMPARE(c["visual_tokens_before"].toInt(), 16);
      QCOMPARE(c["generated_tokens"].toInt(), referenceChat_["generated_tokens"].toInt());
    }
    QVERIFY(QFileInfo::exists(path("tiny-original/vision_tower/model.safetensors")));
  }

  // ---- bench-speed --------------------------------------------------------------------

  void benchSpeedComparesSchemes() {
    RUN_OK(r, (QStringList{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "2",
                           "--threads", "2", "--json", "--scheme", "none", "--scheme", "vcc:layer=1,stride=2"}));
    const auto j = parseJson(r);
    QVERIFY(j["roofline_gflops"].toDouble() > 0);
    QCOMPARE(j["visual_tokens"].toInt(), 16);
    QCOMPARE(j["llm_layers"].toInt(), 4);
    QCOMPARE(j["runs"].toInt(), 1);
    QCOMPARE(j["decode_tokens"].toInt(), 2);
    const auto schemes = j["schemes"].toArray();
    QCOMPARE(schemes.size(), 2);
    QCOMPARE(schemes[0].toObject()["scheme"].toString(), QString("none"));
    QCOMPARE(schemes[1].toObject()["scheme"].toString(), QString("vcc:layer=1,stride=2"));
    for (const auto& s : schemes) {
      const auto o = s.toObject();
      QVERIFY2(o["prefill_ms"].toDouble() > 0, qPrintable(r.out));
      QCOMPARE(o["prefill_ms_runs"].toArray().size(), 1);
      QVERIFY(o["prefill_tflops"].toDouble() > 0);
      QVERIFY(o["decode_tokens_per_s"].toDouble() > 0);
    }
    QCOMPARE(schemes[0].toObject()["visual_tokens_total"].toInt(), 64);
    QCOMPARE(schemes[1].toObject()["visual_tokens_total"].toInt(), 16 + 3 * 8);
    QCOMPARE(schemes[0].toObject()["speedup"].toDouble(), 1.0);
    QVERIFY(schemes[1].toObject()["prefill_tflops"].toDouble() < schemes[0].toObject()["prefill_tflops"].toDouble());
    QVERIFY(schemes[1].toObject()["predicted_speedup"].toDouble() > 1.0);
    // Decode against its bound: the bandwidth measured in the same process and the bytes of
    // the LLM's weights read per token (all but the untied embedding table: 4 layers + norm +
    // lm_head of the tiny model, fp32).
    QVERIFY(j["memory_bandwidth_gbs"].toDouble() > 0);
    const qint64 layer = 2 * 64 * 64 + 2 * 64 * 32 + 3 * 64 * 128 + 2 * 64;
    QCOMPARE(j["decode_weight_bytes"].toInteger(), 4 * (4 * layer + 64 + 520 * 64));
    for (const auto& s : schemes) {
      const auto o = s.toObject();
      QVERIFY(o["decode_bound_tokens_per_s"].toDouble() > 0);
      QVERIFY(o["decode_bound_fraction"].toDouble() > 0);
    }
    QVERIFY(!j["blas"].toString().isEmpty());
    QVERIFY(!j.contains("threads_sweep"));
  }

  void answeringUsesEveryPhysicalCoreByDefault() {
    const int cores = llavolta::engine::physicalCoreCount();
    QVERIFY(cores >= 1);
    QVERIFY(cores <= int(std::thread::hardware_concurrency()));
    RUN_OK(r, (QStringList{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "1",
                           "--json", "--scheme", "none"}));
    QCOMPARE(parseJson(r)["threads"].toInt(), cores);
  }

  void benchSpeedSweepsThreads() {
    RUN_OK(r, (QStringList{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "2",
                           "--threads", "2", "--threads-sweep", "--json", "--scheme", "none"}));
    const auto sweep = parseJson(r)["threads_sweep"].toArray();
    QCOMPARE(sweep.size(), 2);
    for (int t = 0; t < 2; ++t) {
      QCOMPARE(sweep[t].toObject()["threads"].toInt(), t + 1);
      QVERIFY(sweep[t].toObject()["prefill_ms"].toDouble() > 0);
      QVERIFY(sweep[t].toObject()["decode_tokens_per_s"].toDouble() > 0);
    }
  }

  // ---- errors -------------------------------------------------------------------------

  void tokenizerTrainLearnsTheDatasetVocabulary() {
    QTemporaryDir tmp;
    const QString data = tmp.filePath("train.json");
    QJsonArray entries;
    for (int i = 0; i < 40; ++i) {
      QJsonArray turns{QJsonObject{{"from", "human"}, {"value", "<image>\nWhat colour is the rhombohedron?"}},
                       QJsonObject{{"from", "gpt"}, {"value", "vermilion"}}};
      entries.append(QJsonObject{{"id", QString::number(i)}, {"image", "x.png"}, {"conversations", turns}});
    }
    writeFile(data, QJsonDocument(entries).toJson().toStdString());
    RUN_OK(r, (QStringList{"tokenizer", "train", "--data", data, "--vocab-size", "600", "--out", tmp.filePath("tok")}));
    auto tok = llavolta::engine::Tokenizer::load(tmp.filePath("tok/tokenizer.model").toStdString());
    QCOMPARE(tok->vocabSize(), 600);
    // Words frequent in the dataset become single pieces.
    QCOMPARE(tok->encode("vermilion", false).size(), size_t(1));
    QCOMPARE(QString::fromStdString(tok->decode(tok->encode("What colour is the rhombohedron?", true))),
             QString("What colour is the rhombohedron?"));
    const auto bad = runCli({"tokenizer", "train", "--data", tmp.filePath("missing.json"), "--out", tmp.filePath("t2")});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("missing.json"));
  }

  // Two answer files to the same questions: accuracies, discordant counts and McNemar's exact
  // p-value, as the paper-experiment report uses them.
  void compareAnswerFilesWithMcNemar() {
    QTemporaryDir tmp;
    std::string truth, a, b;
    const auto line = [](const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() + "\n"; };
    for (int i = 0; i < 40; ++i) {
      truth += line({{"question_id", i}, {"answer", "red"}, {"category", "colour"}});
      // A right on 0..29, B right on 0..14 and 30..31: only A 15, only B 2, both wrong 8.
      a += line({{"question_id", i}, {"prompt", "q"}, {"text", i < 30 ? "Red." : "blue"}});
      b += line({{"question_id", i}, {"prompt", "q"}, {"text", i < 15 || i == 30 || i == 31 ? "red" : "green"}});
    }
    writeFile(tmp.filePath("answers.jsonl"), truth);
    writeFile(tmp.filePath("a.jsonl"), a);
    writeFile(tmp.filePath("b.jsonl"), b);
    RUN_OK(r, (QStringList{"compare", tmp.filePath("a.jsonl"), tmp.filePath("b.jsonl"), "--ground-truth",
                           tmp.filePath("answers.jsonl"), "--json"}));
    const auto j = parseJson(r);
    QCOMPARE(j.value("only_a").toInt(), 15);
    QCOMPARE(j.value("only_b").toInt(), 2);
    QCOMPARE(j.value("both_correct").toInt(), 15);
    QCOMPARE(j.value("both_wrong").toInt(), 8);
    QCOMPARE(j.value("a").toObject().value("correct").toInt(), 30);
    // 2 * P[Binomial(17, 1/2) <= 2] = 2 * (1 + 17 + 136) / 2^17
    QVERIFY(std::abs(j.value("p_value").toDouble() - 2.0 * 154.0 / 131072.0) < 1e-12);
    QVERIFY(std::abs(j.value("a").toObject().value("standard_error").toDouble() - std::sqrt(0.75 * 0.25 / 40)) < 1e-12);
    RUN_OK(text, (QStringList{"compare", tmp.filePath("a.jsonl"), tmp.filePath("b.jsonl"), "--ground-truth",
                              tmp.filePath("answers.jsonl")}));
    QVERIFY2(text.out.contains("McNemar") && text.out.contains("significant at 5%") && !text.out.contains("not significant") && text.out.contains("+32.5 points"),
             qPrintable(text.out));
    const auto missing = runCli({"compare", tmp.filePath("a.jsonl"), tmp.filePath("none.jsonl"), "--ground-truth",
                                 tmp.filePath("answers.jsonl")});
    QCOMPARE(missing.code, 2);
    QVERIFY2(missing.err.contains("none.jsonl"), qPrintable(missing.err));
  }

  void badInputExitsWithOneLine_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("needles");

    const QString missingDir = path("no-such-model");
    const QString noTokenizer = copyModel("no-tokenizer");
    fs::remove((noTokenizer + "/tokenizer.model").toStdString());
    const QString truncated = copyModel("truncated");
    const auto weights = (truncated + "/model.safetensors").toStdString();
    fs::resize_file(weights, fs::file_size(weights) / 2);
    const QString fakePng = path("not-an-image.png");
    writeFile(fakePng, "this is a text file, not a PNG\n");
    const QString notJson = path("notes.json");
    writeFile(notJson, "LLaVA-1.5 7B\n");
    const QString chat[] = {"chat", "--model", model_, "--image", image_, "--question", "Hi?", "--max-new-tokens",
                            "2"};
    const QStringList chatBase(std::begin(chat), std::end(chat));
    auto chatWith = [&](const QStringList& more) { return chatBase + more; };

    // flops
    QTest::newRow("flops: unknown scheme")
        << QStringList{"flops", "--config", llavaHfConfig_, "--scheme", "pool:k=4"}
        << QStringList{"unknown compression scheme", "pool", "vcc"};
    QTest::newRow("flops: stride 0") << QStringList{"flops", "--config", llavaHfConfig_, "--scheme",
                                                    "vcc:layer=2,stride=0"}
                                     << QStringList{"stride", "0"};
    QTest::newRow("flops: layer out of range") << QStringList{"flops", "--config", llavaHfConfig_, "--scheme",
                                                              "vcc:layer=40,stride=8"}
                                               << QStringList{"layer 40", "32-layer"};
    QTest::newRow("flops: unknown scheme key") << QStringList{"flops", "--config", llavaHfConfig_, "--scheme",
                                                              "vcc:depth=2"}
                                               << QStringList{"depth", "layer", "stride"};
    QTest::newRow("flops: missing config") << QStringList{"flops", "--config", path("absent.json")}
                                           << QStringList{"absent.json"};
    QTest::newRow("flops: config not JSON") << QStringList{"flops", "--config", notJson}
                                            << QStringList{"notes.json", "not valid JSON"};
    QTest::newRow("flops: negative text tokens") << QStringList{"flops", "--config", llavaHfConfig_,
                                                                "--text-tokens", "-5"}
                                                 << QStringList{"--text-tokens"};
    QTest::newRow("flops: missing --config") << QStringList{"flops", "--json"} << QStringList{"--config"};
    // inspect
    QTest::newRow("inspect: missing model dir") << QStringList{"inspect", "--model", missingDir}
                                                << QStringList{"no-such-model", "does not exist"};
    QTest::newRow("inspect: no tokenizer.model") << QStringList{"inspect", "--model", noTokenizer}
                                                 << QStringList{"no-tokenizer", "tokenizer.model"};
    QTest::newRow("inspect: truncated weights") << QStringList{"inspect", "--model", truncated}
                                                << QStringList{"model.safetensors", "truncated"};
    QTest::newRow("inspect: missing --model") << QStringList{"inspect", "--json"} << QStringList{"--model"};
    // chat
    QTest::newRow("chat: unknown scheme") << chatWith({"--scheme", "blur"})
                                          << QStringList{"unknown compression scheme", "blur"};
    QTest::newRow("chat: stride 0") << chatWith({"--scheme", "vcc:layer=1,stride=0"}) << QStringList{"stride", "0"};
    QTest::newRow("chat: layer out of range") << chatWith({"--scheme", "vcc:layer=9,stride=2"})
                                              << QStringList{"layer 9", "4-layer"};
    QTest::newRow("chat: missing model dir")
        << QStringList{"chat", "--model", missingDir, "--image", image_, "--question", "Hi?"}
        << QStringList{"no-such-model", "does not exist"};
    QTest::newRow("chat: no tokenizer.model")
        << QStringList{"chat", "--model", noTokenizer, "--image", image_, "--question", "Hi?"}
        << QStringList{"tokenizer.model"};
    QTest::newRow("chat: truncated weights")
        << QStringList{"chat", "--model", truncated, "--image", image_, "--question", "Hi?"}
        << QStringList{"model.safetensors", "truncated"};
    QTest::newRow("chat: text file named .png")
        << QStringList{"chat", "--model", model_, "--image", fakePng, "--question", "Hi?"}
        << QStringList{"not-an-image.png", "Cannot decode"};
    QTest::newRow("chat: missing image file")
        << QStringList{"chat", "--model", model_, "--image", path("absent.png"), "--question", "Hi?"}
        << QStringList{"absent.png", "not found"};
    QTest::newRow("chat: missing --question") << QStringList{"chat", "--model", model_, "--image", image_}
                                              << QStringList{"--question"};
    QTest::newRow("chat: fp16 on cpu") << chatWith({"--dtype", "fp16"}) << QStringList{"fp16", "cuda"};
    QTest::newRow("chat: unknown dtype") << chatWith({"--dtype", "int4"}) << QStringList{"int4"};
    QTest::newRow("chat: cuda") << chatWith({"--device", "cuda"}) << QStringList{"--device cuda", "CUDA"};
    QTest::newRow("chat: unknown device") << chatWith({"--device", "tpu"}) << QStringList{"tpu"};
    QTest::newRow("chat: bad number") << chatWith({"--top-k", "many"}) << QStringList{"many"};
    // init-model
    QTest::newRow("init-model: missing config")
        << QStringList{"init-model", "--config", path("absent.json"), "--out", path("never")}
        << QStringList{"absent.json"};
    QTest::newRow("init-model: unknown layout")
        << QStringList{"init-model", "--config", tinyConfig_, "--out", path("never"), "--layout", "gguf"}
        << QStringList{"--layout", "gguf"};
    QTest::newRow("init-model: missing --out") << QStringList{"init-model", "--config", tinyConfig_}
                                               << QStringList{"--out"};
    // bench-speed
    const QStringList bench{"bench-speed", "--model", model_, "--runs", "1", "--warmup", "0", "--decode-tokens", "1"};
    QTest::newRow("bench-speed: unknown scheme") << (bench + QStringList{"--scheme", "none", "--scheme", "vcc2"})
                                                 << QStringList{"unknown compression scheme", "vcc2"};
    QTest::newRow("bench-speed: layer out of range")
        << (bench + QStringList{"--scheme", "vcc:layer=5,stride=2"}) << QStringList{"layer 5", "4-layer"};
    QTest::newRow("bench-speed: missing model dir")
        << QStringList{"bench-speed", "--model", missingDir} << QStringList{"no-such-model", "does not exist"};
    QTest::newRow("bench-speed: fp16 on cpu") << (bench + QStringList{"--dtype", "fp16"})
                                              << QStringList{"fp16", "cuda"};
    QTest::newRow("bench-speed: cuda") << (bench + QStringList{"--device", "cuda"})
                                       << QStringList{"--device cuda", "CUDA"};
    QTest::newRow("bench-speed: zero runs") << (bench + QStringList{"--runs", "0"}) << QStringList{"--runs"};
    QTest::newRow("bench-speed: missing --model") << QStringList{"bench-speed", "--runs", "1"}
                                                  << QStringList{"--model"};
    // the program itself
    QTest::newRow("no subcommand") << QStringList{} << QStringList{"subcommand"};
    QTest::newRow("unknown subcommand") << QStringList{"train-everything"}
                                        << QStringList{"unknown subcommand", "train-everything"};
  }

  void badInputExitsWithOneLine() {
    QFETCH(QStringList, args);
    QFETCH(QStringList, needles);
    if (args.contains("cuda") && torch::cuda::is_available())
      QSKIP("this build has a GPU: --device cuda is valid here");
    const Result r = runCli(args);
    QVERIFY2(!r.crashed, qPrintable(describe(args, r)));
    QVERIFY2(r.code == 2, qPrintable(describe(args, r)));
    const QString err = r.err.trimmed();
    QVERIFY2(!err.isEmpty() && !err.contains('\n'), qPrintable("not exactly one line on stderr:\n" + describe(args, r)));
    QVERIFY2(err.startsWith("llavolta: error: "), qPrintable(describe(args, r)));
    for (const auto& needle : needles)
      QVERIFY2(err.contains(needle), qPrintable("'" + needle + "' missing:\n" + describe(args, r)));
    QVERIFY2(r.out.trimmed().isEmpty(), qPrintable(describe(args, r)));
  }

  void failedInitModelWritesNothing() {
    const auto r = runCli({"init-model", "--config", tinyConfig_, "--out", path("never"), "--layout", "gguf"});
    QCOMPARE(r.code, 2);
    QVERIFY(!QFileInfo::exists(path("never")));
  }
};

QTEST_GUILESS_MAIN(TestCli)
#include "test_cli.moc"
