#include "training/evaluator.h"

#include <filesystem>

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
