#include "training/evaluator.h"

#include <filesystem>
#include <set>
#include <tuple>

#include "engine/compression.h"
#include "engine/errors.h"
#include "engine/input_limits.h"
#include "training/question_file.h"

namespace llavolta::training {

namespace fs = std::filesystem;
using engine::EngineError;

nlohmann::json EvalResult::toJson() const {
  nlohmann::json j = {{"scheme", scheme},
                      {"questions", questions},
                      {"prefill_tflops", meanPrefillTflops},
                      {"prefill_ms", meanPrefillMs},
                      {"visual_tokens_total", visualTokensTotal},
                      {"compression_ratio", compressionRatio},
                      {"cancelled", cancelled}};
  if (scored) j["accuracy"] = accuracy;
  return j;
}

EvalResult evaluate(engine::Session& session, const std::string& questionFile, const EvalOptions& o) {
  if (o.limit < 0) throw EngineError("the question limit must not be negative");
  std::vector<LineError> errors;
  auto questions = readQuestionFile(questionFile, &errors);
  if (!errors.empty())
    throw EngineError(questionFile + " line " + std::to_string(errors.front().line) + ": " + errors.front().reason +
                      (errors.size() > 1 ? " (and " + std::to_string(errors.size() - 1) + " more bad lines)" : ""));
  if (questions.empty()) throw EngineError(questionFile + " holds no questions");
  if (o.limit > 0 && static_cast<int64_t>(questions.size()) > o.limit) questions.resize(static_cast<size_t>(o.limit));
  const fs::path folder = o.imageFolder.empty() ? fs::path(questionFile).parent_path() : fs::path(o.imageFolder);
  std::string truthFile = o.groundTruth;
  if (truthFile.empty() && fs::exists(fs::path(questionFile).parent_path() / "answers.jsonl"))
    truthFile = (fs::path(questionFile).parent_path() / "answers.jsonl").string();

  if (!o.answersOut.empty() && !truthFile.empty() && fs::exists(o.answersOut) &&
      fs::equivalent(o.answersOut, truthFile))
    throw EngineError("--answers " + o.answersOut + " is the ground-truth file; write the answers elsewhere");
  std::unique_ptr<AnswerWriter> writer;
  if (!o.answersOut.empty()) writer = std::make_unique<AnswerWriter>(o.answersOut);
  engine::ChatOptions chat;
  chat.scheme = o.scheme;
  chat.sampling.maxNewTokens = o.maxNewTokens;

  EvalResult r;
  std::vector<Answer> answers;
  const int64_t total = static_cast<int64_t>(questions.size());
  for (int64_t i = 0; i < total; ++i) {
    if ((o.stop && o.stop->load()) || (o.onProgress && !o.onProgress(i, total))) {
      r.cancelled = true;
      break;
    }
    const auto& q = questions[static_cast<size_t>(i)];
    engine::ChatPrompt prompt;
    prompt.turns.push_back({q.text, ""});
    const auto image = engine::readImage(
        engine::resolveInsideFolder(folder.string(), q.image, o.allowImagesOutsideFolder, questionFile + " image"));
    const auto reply = session.chat(image, prompt, chat);
    Answer a;
    a.questionId = q.questionId;
    a.prompt = q.text;
    a.text = reply.answer;
    a.modelId = o.modelId;
    if (writer) writer->write(a);
    answers.push_back(a);
    r.scheme = reply.stats.scheme;
    r.meanPrefillTflops += reply.stats.prefillTflops;
    r.meanPrefillMs += reply.stats.prefillMs;
    r.visualTokensTotal += static_cast<double>(reply.stats.visualTokensTotal);
    r.compressionRatio = reply.stats.compressionRatio;
    ++r.questions;
  }
  if (o.onProgress && !r.cancelled) o.onProgress(total, total);
  if (r.questions > 0) {
    const double n = static_cast<double>(r.questions);
    r.meanPrefillTflops /= n;
    r.meanPrefillMs /= n;
    r.visualTokensTotal /= n;
  }
  if (!truthFile.empty()) {
    auto truth = readGroundTruthFile(truthFile, &errors);
    if (!errors.empty())
      throw EngineError(truthFile + " line " + std::to_string(errors.front().line) + ": " + errors.front().reason);
    // Score the questions that were asked (a limit or a cancel asks fewer).
    std::vector<GroundTruth> asked;
    for (const auto& t : truth)
      for (const auto& a : answers)
        if (a.questionId == t.questionId) {
          asked.push_back(t);
          break;
        }
    r.accuracy = computeAccuracy(answers, asked);
    r.scored = true;
  }
  return r;
}

}  // namespace llavolta::training

namespace llavolta::training {

nlohmann::ordered_json BenchmarkEvalResult::toJson() const {
  nlohmann::ordered_json j = score.toJson();
  j["scheme"] = scheme;
  j["questions"] = items;
  j["resumed"] = resumed;
  j["answered_now"] = answeredNow;
  j["prefill_tflops"] = meanPrefillTflops;
  j["prefill_ms"] = meanPrefillMs;
  j["visual_tokens_total"] = visualTokensTotal;
  j["compression_ratio"] = compressionRatio;
  j["cancelled"] = cancelled;
  if (!submissionFile.empty()) j["submission"] = submissionFile;
  for (const auto& n : notes) j["notes"].push_back(n);
  return j;
}

BenchmarkEvalResult evaluateBenchmark(engine::Session& session, const Benchmark& bench, const BenchmarkEvalOptions& o) {
  if (o.limit < 0) throw EngineError("the question limit must not be negative");
  std::vector<BenchmarkItem> items = bench.items();
  if (o.limit > 0 && static_cast<int64_t>(items.size()) > o.limit) items.resize(static_cast<size_t>(o.limit));
  BenchmarkEvalResult r;
  r.items = static_cast<int64_t>(items.size());
  r.notes = bench.loadNotes();
  const std::string scheme = engine::makeScheme(o.scheme)->spec();

  // Resume: what the answers file already holds for these items, under this model and scheme.
  // An item is its question id, round and recorded prompt (TextVQA's file shares one id among
  // an image's questions), as the benchmark matches answers.
  using Key = std::tuple<std::string, int64_t, std::string>;
  std::vector<Answer> answers;
  std::set<Key> done;
  const bool resume = !o.answersOut.empty() && !o.fresh && fs::exists(o.answersOut);
  if (resume) {
    std::set<Key> wanted;
    for (const auto& it : items) wanted.insert({it.questionId.text, it.round, it.answerPrompt()});
    for (auto& a : readAnswerFile(o.answersOut)) {
      if ((!a.scheme.empty() && a.scheme != scheme) || (!a.modelId.empty() && a.modelId != o.modelId))
        throw EngineError(o.answersOut + " holds answers of model \"" + a.modelId + "\" under scheme \"" + a.scheme +
                          "\"; this evaluation is \"" + o.modelId + "\" under \"" + scheme +
                          "\". Name another --answers file, or pass --fresh to overwrite it");
      if (!wanted.count({a.questionId.text, a.round, a.prompt})) continue;
      done.insert({a.questionId.text, a.round, a.prompt});
      answers.push_back(std::move(a));
    }
    r.resumed = static_cast<int64_t>(answers.size());
  }
  std::unique_ptr<AnswerWriter> writer;
  if (!o.answersOut.empty()) writer = std::make_unique<AnswerWriter>(o.answersOut, resume);

  engine::ChatOptions chat;
  chat.scheme = o.scheme;
  chat.sampling.maxNewTokens = o.maxNewTokens;
  const int64_t total = r.items;
  for (int64_t i = 0; i < total; ++i) {
    if ((o.stop && o.stop->load()) || (o.onProgress && !o.onProgress(i, total))) {
      r.cancelled = true;
      break;
    }
    const auto& item = items[static_cast<size_t>(i)];
    if (done.count({item.questionId.text, item.round, item.answerPrompt()})) continue;
    engine::ChatPrompt prompt;
    prompt.turns.push_back({item.prompt, ""});
    const auto reply = session.chat(bench.image(item), prompt, chat);
    Answer a;
    a.questionId = item.questionId;
    a.round = item.round;
    a.prompt = item.answerPrompt();
    a.text = reply.answer;
    a.modelId = o.modelId;
    a.scheme = scheme;
    a.metadata = {{"prefill_tflops", reply.stats.prefillTflops},
                  {"prefill_ms", reply.stats.prefillMs},
                  {"visual_tokens_total", static_cast<double>(reply.stats.visualTokensTotal)},
                  {"compression_ratio", reply.stats.compressionRatio}};
    if (writer) writer->write(a);
    answers.push_back(std::move(a));
    ++r.answeredNow;
  }
  if (o.onProgress && !r.cancelled) o.onProgress(total, total);
  // Cost: the mean over every answer that carries it, resumed ones included.
  int64_t costed = 0;
  for (const auto& a : answers) {
    const auto t = a.metadata.find("prefill_tflops");
    if (t == a.metadata.end()) continue;
    ++costed;
    r.meanPrefillTflops += t->second;
    const auto get = [&](const char* k) {
      const auto it = a.metadata.find(k);
      return it == a.metadata.end() ? 0.0 : it->second;
    };
    r.meanPrefillMs += get("prefill_ms");
    r.visualTokensTotal += get("visual_tokens_total");
    r.compressionRatio = get("compression_ratio");
  }
  if (costed) {
    r.meanPrefillTflops /= static_cast<double>(costed);
    r.meanPrefillMs /= static_cast<double>(costed);
    r.visualTokensTotal /= static_cast<double>(costed);
  }
  r.scheme = scheme;
  r.score = bench.score(answers);
  if (!o.submissionOut.empty() && !bench.submissionName().empty()) {
    bench.writeSubmission(o.submissionOut, answers);
    r.submissionFile = o.submissionOut;
  }
  return r;
}

}  // namespace llavolta::training
