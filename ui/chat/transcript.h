#pragma once
// A conversation as the chat shows it: one column per scheme selector (two in compare mode),
// each a list of exchanges. Every exchange records what produced it (scheme, image, model) and
// its statistics, so the transcript stays a true record when the scheme, image or model changes
// mid-conversation: the scheme is shown on each turn where it changes, and a changed image or
// model gets a marker. Renders to HTML for display and to Markdown / JSON for copying and saving.
#include <vector>

#include <QPalette>
#include <QString>

#include "ui/worker/engine_values.h"

namespace llavolta::ui {

struct Exchange {
  QString question;
  QString answer;
  QString scheme;  // the spec it was answered under
  QString image;   // the image's source (file path or description)
  QString model;   // the model directory's name
  // Taken over from the first column when Compare was switched on: the context column B
  // continues from, answered under `scheme` there, not by column B's scheme.
  bool inherited = false;
  ChatStatsValue stats;
  bool finished = false;
  bool stopped = false;
  QString error;
  // Statistics exist once the prefill ran (a stop during the prefill leaves none).
  bool hasStats() const { return finished && error.isEmpty() && stats.visualTokensBefore > 0; }
};

struct TranscriptColumn {
  QString scheme;  // the column's current scheme (for the next question)
  std::vector<Exchange> exchanges;
  // The turns to send for a new question about `image`: the finished exchanges since the image
  // last changed (earlier turns were about another picture), then the question.
  std::vector<ChatTurnValue> turnsFor(const QString& question, const QString& image) const;
};

// "144 → 18 visual tokens · #Tokens 396 · CR 2.2× · 0.012 TFLOPs · 45 ms prefill · 31.0 tokens/s"
QString formatStats(const ChatStatsValue& stats);
QString columnHtml(const TranscriptColumn& column, const QPalette& palette);
QString transcriptMarkdown(const std::vector<TranscriptColumn>& columns, const QString& imageName);
QString transcriptJson(const std::vector<TranscriptColumn>& columns, const QString& imageName);

}  // namespace llavolta::ui
