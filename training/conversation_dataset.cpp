#include "training/conversation_dataset.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "engine/chat_template.h"
#include "engine/errors.h"
#include "engine/input_limits.h"
#include "engine/tokenizer.h"

namespace llavolta::training {

namespace fs = std::filesystem;
using engine::EngineError;
using nlohmann::json;

namespace {

constexpr const char* kImageToken = "<image>";
constexpr const char* kEosText = "</s>";

size_t countOccurrences(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + needle.size())) {
    ++count;
  }
  return count;
}

bool isPySpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Python's str.strip() with no argument (ASCII whitespace), as LLaVA applies it.
std::string pyStrip(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && isPySpace(s[b])) ++b;
  while (e > b && isPySpace(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

// LLaVA's preprocess_multimodal (mm_use_im_start_end off): the placeholder goes first,
// followed by a newline, whatever surrounded it.
std::string moveImageToFront(const std::string& value) {
  return pyStrip(std::string(kImageToken) + "\n" + pyStrip(replaceAll(value, kImageToken, "")));
}

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

std::string jsonTypeName(const json& j) { return j.type_name(); }

// Length of the common prefix of two id lists.
size_t commonPrefix(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  return i;
}

std::string describeProblem(const EntryProblem& p) {
  std::string out = "entry " + std::to_string(p.index);
  if (!p.id.empty()) out += " (id " + quoted(p.id) + ")";
  return out + ": " + p.reason;
}

// A best-effort id for messages about entries that failed validation.
std::string idOf(const json& entry) {
  if (!entry.is_object()) return {};
  const auto it = entry.find("id");
  if (it == entry.end()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

}  // namespace

ConversationEntry parseConversationEntry(const json& entry, size_t index, PromptTemplate promptTemplate) {
  if (!entry.is_object()) {
    throw EngineError("expected an object {\"id\", \"image\", \"conversations\"}, found " + jsonTypeName(entry));
  }
  ConversationEntry out;
  if (const auto it = entry.find("id"); it != entry.end()) {
    if (it->is_string()) {
      out.id = it->get<std::string>();
    } else if (it->is_number_integer() || it->is_number_float()) {
      out.id = it->dump();
    } else {
      throw EngineError("\"id\" must be a string or a number, found " + jsonTypeName(*it));
    }
  } else {
    out.id = "#" + std::to_string(index);
  }
  if (const auto it = entry.find("image"); it != entry.end()) {
    if (!it->is_string()) {
      throw EngineError("\"image\" must be a string (one image path per entry), found " + jsonTypeName(*it));
    }
    out.image = it->get<std::string>();
    if (pyStrip(out.image).empty()) throw EngineError("\"image\" is an empty string");
  }

  const auto conv = entry.find("conversations");
  if (conv == entry.end()) throw EngineError("missing \"conversations\"");
  if (!conv->is_array()) throw EngineError("\"conversations\" must be an array, found " + jsonTypeName(*conv));
  if (conv->empty()) throw EngineError("\"conversations\" is empty");

  std::vector<std::string> values;
  size_t images = 0;
  for (size_t j = 0; j < conv->size(); ++j) {
    const json& msg = (*conv)[j];
    const std::string where = "message " + std::to_string(j);
    if (!msg.is_object()) throw EngineError(where + " must be an object {\"from\", \"value\"}, found " + jsonTypeName(msg));
    const auto from = msg.find("from");
    if (from == msg.end() || !from->is_string()) throw EngineError(where + " has no \"from\" string");
    const std::string role = from->get<std::string>();
    if (role != "human" && role != "gpt") {
      throw EngineError(where + " has unknown role " + quoted(role) + " (expected \"human\" or \"gpt\")");
    }
    const std::string expected = j % 2 == 0 ? "human" : "gpt";
    if (role != expected) {
      throw EngineError(where + " is from " + quoted(role) + " where " + quoted(expected) +
                        " was expected (roles must alternate human/gpt, starting with human)");
    }
    const auto value = msg.find("value");
    if (value == msg.end() || !value->is_string()) throw EngineError(where + " (" + role + ") has no \"value\" string");
    const std::string text = value->get<std::string>();
    if (pyStrip(text).empty()) throw EngineError(where + " (" + role + ") has an empty value");
    if (text.find(kEosText) != std::string::npos) {
      throw EngineError(where + " (" + role + ") contains \"</s>\", the turn separator of the template");
    }
    const size_t n = countOccurrences(text, kImageToken);
    if (n > 0 && j != 0) {
      throw EngineError("<image> appears in " + where + " (" + role + "); it may only appear in the first human message");
    }
    images += n;
    values.push_back(text);
  }
  if (values.size() % 2 != 0) {
    throw EngineError("ends with a human message (message " + std::to_string(values.size() - 1) +
                      ") that has no gpt answer");
  }
  if (images > 1) {
    throw EngineError("has " + std::to_string(images) + " <image> placeholders; one image per entry is supported");
  }
  if (images == 1 && out.image.empty()) throw EngineError("has <image> in its conversation but no \"image\" field");

  if (promptTemplate == PromptTemplate::Plain) {
    if (out.image.empty() || values.size() != 2) {
      throw EngineError("the plain (alignment) template needs an image and exactly one human/gpt pair, found " +
                        std::to_string(values.size()) + " messages" + (out.image.empty() ? " and no image" : ""));
    }
  }

  if (!out.image.empty()) values[0] = moveImageToFront(values[0]);
  for (size_t j = 0; j < values.size(); j += 2) out.turns.push_back({values[j], values[j + 1]});
  if (const auto it = entry.find("subjects"); it != entry.end() && !it->is_null()) {
    const std::string expected = "\"subjects\" must be one list of object indices (0-9) per turn (" +
                                 std::to_string(out.turns.size()) + ")";
    if (!it->is_array() || it->size() != out.turns.size()) throw EngineError(expected);
    for (const auto& turn : *it) {
      if (!turn.is_array()) throw EngineError(expected);
      std::vector<int> objects;
      for (const auto& o : turn) {
        if (!o.is_number_integer() || o.get<int64_t>() < 0 || o.get<int64_t>() > 9) throw EngineError(expected);
        objects.push_back(o.get<int>());
      }
      out.subjects.push_back(std::move(objects));
    }
  }
  return out;
}

TokenizedSample tokenizeConversation(const ConversationEntry& entry, const engine::Tokenizer& tok,
                                     PromptTemplate promptTemplate, const std::string& system) {
  using engine::ImageTokenMode;
  TokenizedSample out;
  out.id = entry.id;
  out.image = entry.imagePath.empty() ? entry.image : entry.imagePath;
  out.subjects = entry.subjects;
  const auto encode = [&](const std::string& text) {
    return engine::tokenizePrompt(tok, text, ImageTokenMode::Sentinel);
  };
  const auto fail = [&](const std::string& what) {
    throw EngineError("tokenising entry " + quoted(entry.id) + ": " + what);
  };
  if (entry.turns.empty()) fail("it has no turns");

  // Each target span is [start, end): `start` is where the encoding of the text up to the
  // answer stops agreeing with the full encoding, `end` the length of the encoding up to
  // and including the answer's closing separator.
  std::vector<std::pair<size_t, size_t>> spans;
  const auto addSpan = [&](const std::string& full, const std::vector<int64_t>& fullIds, const std::string& open,
                           const std::string& closed) {
    if (full.compare(0, open.size(), open) != 0 || full.compare(0, closed.size(), closed) != 0) {
      fail("the rendered prompt prefixes do not match the full prompt");
    }
    const std::vector<int64_t> openIds = encode(open);
    const std::vector<int64_t> closedIds = encode(closed);
    const size_t start = commonPrefix(openIds, fullIds);
    const size_t end = closedIds.size();
    if (commonPrefix(closedIds, fullIds) != end) {
      fail("the encoding up to an answer's end is not a prefix of the full encoding");
    }
    if (start >= end || (!spans.empty() && start < spans.back().second)) {
      fail("an answer encodes to no tokens of its own");
    }
    spans.emplace_back(start, end);
  };

  std::string full;
  if (promptTemplate == PromptTemplate::Plain) {
    if (entry.image.empty() || entry.turns.size() != 1) fail("the plain template needs an image and one turn");
    // LLaVA's preprocess_plain drops the instruction: the image, then the caption and the
    // template's "\n" separator (no EOS) as the target.
    const std::string open = kImageToken;
    full = open + entry.turns[0].gpt + "\n";
    out.ids = encode(full);
    addSpan(full, out.ids, open, full);
  } else {
    engine::ChatPrompt prompt;
    if (!system.empty()) prompt.system = system;
    prompt.hasImage = !entry.image.empty();
    for (const ConversationTurn& t : entry.turns) prompt.turns.push_back({t.human, t.gpt});
    full = engine::renderVicunaV1(prompt);
    out.ids = encode(full);
    // The first turn's span comes from encoding its rendered prefixes. Encoding restarts after
    // every "</s>" (tokenizePrompt), so each later turn needs only its own segment encoded,
    // "USER: q ASSISTANT: a" after the previous separator: a long conversation costs time
    // linear in its length (encoding every prefix was quadratic: 108 s for 10,000 turns).
    engine::ChatPrompt partial = prompt;
    partial.turns.assign(1, {prompt.turns[0].user, std::string()});
    const std::string open = engine::renderVicunaV1(partial);  // ends in "ASSISTANT:"
    partial.turns.back().assistant = prompt.turns[0].assistant;
    const std::string closed = engine::renderVicunaV1(partial);  // ends in "answer</s>"
    addSpan(full, out.ids, open, closed);
    const std::string eosText = kEosText;
    size_t textAt = closed.size();       // turn k's segment starts here in `full`
    size_t idAt = spans.back().second;   // and here in out.ids (after the previous EOS)
    for (size_t k = 1; k < prompt.turns.size(); ++k) {
      const std::string turn = "turn " + std::to_string(k);
      const size_t sep = full.find(eosText, textAt);
      if (sep == std::string::npos) fail(turn + " has no closing separator");
      const std::string segment = full.substr(textAt, sep - textAt);
      const std::string answer = " " + prompt.turns[k].assistant;
      if (segment.size() < answer.size() ||
          segment.compare(segment.size() - answer.size(), std::string::npos, answer) != 0)
        fail(turn + " does not end in its answer");
      const std::vector<int> openIds = tok.encode(segment.substr(0, segment.size() - answer.size()), false);
      const std::vector<int> closedIds = tok.encode(segment, false);
      const size_t end = idAt + closedIds.size() + 1;  // + the EOS
      if (end > out.ids.size() || out.ids[end - 1] != tok.eosId() ||
          !std::equal(closedIds.begin(), closedIds.end(), out.ids.begin() + static_cast<std::ptrdiff_t>(idAt)))
        fail("the encoding of " + turn + " is not part of the full encoding");
      size_t start = idAt;
      while (start - idAt < openIds.size() && out.ids[start] == openIds[start - idAt]) ++start;
      if (start >= end) fail("an answer encodes to no tokens of its own");
      spans.emplace_back(start, end);
      textAt = sep + eosText.size();
      idAt = end;
    }
  }

  out.labels.assign(out.ids.size(), kIgnoreIndex);
  for (const auto& [start, end] : spans) {
    for (size_t i = start; i < end; ++i) {
      if (out.ids[i] == engine::kImageSentinel) fail("the image placeholder fell inside an answer span");
      out.labels[i] = out.ids[i];
    }
  }
  return out;
}

ConversationDataset ConversationDataset::load(const std::string& jsonFile, const engine::Tokenizer& tok,
                                              const ConversationDatasetOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(jsonFile, ec)) {
    throw EngineError("conversation dataset " + jsonFile + " does not exist or is not a file");
  }
  std::ifstream in(jsonFile, std::ios::binary);
  if (!in) throw EngineError("cannot open conversation dataset " + jsonFile);
  const json root = engine::parseJson(in, "conversation dataset " + jsonFile);
  ConversationDatasetOptions resolved = options;
  if (resolved.imageFolder.empty()) resolved.imageFolder = fs::path(jsonFile).parent_path().string();
  return fromJson(root, jsonFile, tok, resolved);
}

ConversationDataset ConversationDataset::fromJson(const json& root, const std::string& sourceName,
                                                  const engine::Tokenizer& tok,
                                                  const ConversationDatasetOptions& options) {
  if (!root.is_array()) {
    throw EngineError(sourceName + ": expected a JSON array of conversation entries, found " + jsonTypeName(root));
  }
  ConversationDataset ds;
  DatasetStats& stats = ds.stats_;
  stats.entries = root.size();
  auto samples = std::make_shared<std::vector<TokenizedSample>>();
  samples->reserve(root.size());

  for (size_t i = 0; i < root.size(); ++i) {
    ConversationEntry entry;
    try {
      entry = parseConversationEntry(root[i], i, options.promptTemplate);
    } catch (const EngineError& e) {
      ++stats.skippedMalformed;
      if (stats.malformed.size() < DatasetStats::kMaxReported) stats.malformed.push_back({i, idOf(root[i]), e.what()});
      continue;
    }
    if (!entry.image.empty()) {
      try {
        entry.imagePath = engine::resolveInsideFolder(options.imageFolder, entry.image, options.allowImagesOutsideFolder,
                                                      "image");
      } catch (const EngineError& e) {
        ++stats.skippedMalformed;
        if (stats.malformed.size() < DatasetStats::kMaxReported) stats.malformed.push_back({i, entry.id, e.what()});
        continue;
      }
      std::error_code ec;
      const bool present = fs::is_regular_file(entry.imagePath, ec) && fs::file_size(entry.imagePath, ec) > 0 && !ec;
      if (!present) {
        ++stats.skippedMissingImage;
        if (stats.missingImages.size() < DatasetStats::kMaxReported) stats.missingImages.push_back(entry.imagePath);
        continue;
      }
      const std::string& first = root[i]["conversations"][0]["value"].get_ref<const std::string&>();
      if (first.find(kImageToken) == std::string::npos) ++stats.imagePlaceholderAdded;
    }
    TokenizedSample sample;
    try {
      sample = tokenizeConversation(entry, tok, options.promptTemplate, options.system);
    } catch (const EngineError& e) {
      ++stats.skippedMalformed;
      if (stats.malformed.size() < DatasetStats::kMaxReported) stats.malformed.push_back({i, entry.id, e.what()});
      continue;
    }
    (entry.image.empty() ? stats.textOnly : stats.withImage) += 1;
    stats.tokens += sample.ids.size();
    stats.targetTokens += static_cast<size_t>(
        std::count_if(sample.labels.begin(), sample.labels.end(), [](int64_t l) { return l != kIgnoreIndex; }));
    samples->push_back(std::move(sample));
  }
  stats.loaded = samples->size();

  const std::string of = " (of " + std::to_string(stats.entries) + ")";
  if (stats.skippedMalformed > 0 && options.malformedEntries == MalformedEntries::Fail) {
    std::ostringstream msg;
    msg << sourceName << ": " << stats.skippedMalformed << " malformed entr"
        << (stats.skippedMalformed == 1 ? "y" : "ies") << of << ": ";
    for (size_t k = 0; k < std::min<size_t>(stats.malformed.size(), 3); ++k) {
      msg << (k ? "; " : "") << describeProblem(stats.malformed[k]);
    }
    if (stats.skippedMalformed > 3) msg << "; and " << stats.skippedMalformed - 3 << " more";
    msg << ". Fix the entries or load with malformed entries skipped";
    throw EngineError(msg.str());
  }
  if (stats.skippedMissingImage > 0 && options.missingImages == MissingImages::Fail) {
    std::ostringstream msg;
    msg << sourceName << ": " << stats.skippedMissingImage << " image" << (stats.skippedMissingImage == 1 ? " is" : "s are")
        << " missing" << of << " under image folder " << quoted(options.imageFolder) << ": ";
    for (size_t k = 0; k < std::min<size_t>(stats.missingImages.size(), 3); ++k) {
      msg << (k ? ", " : "") << stats.missingImages[k];
    }
    if (stats.skippedMissingImage > 3) msg << " and " << stats.skippedMissingImage - 3 << " more";
    msg << ". Check the image folder, or load with missing images skipped";
    throw EngineError(msg.str());
  }
  if (samples->empty()) {
    throw EngineError(sourceName + ": no usable conversation entries (" + std::to_string(stats.entries) +
                      " entries, " + std::to_string(stats.skippedMalformed) + " malformed, " +
                      std::to_string(stats.skippedMissingImage) + " with a missing image)");
  }
  ds.samples_ = std::move(samples);
  return ds;
}

}  // namespace llavolta::training
