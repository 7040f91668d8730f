#pragma once
// A conversation as the chat shows it: one column per scheme (two in compare mode), each a
// list of exchanges with their statistics. Renders to HTML for display and to Markdown / JSON
// for copying and saving.
#include <vector>

#include <QPalette>
#include <QString>

#include "worker/engine_values.h"

namespace llavolta::ui {

struct Exchange {
  QString question;
  QString answer;
  ChatStatsValue stats;
  bool finished = false;
  bool stopped = false;
  QString error;
};

struct TranscriptColumn {
  QString scheme;
  std::vector<Exchange> exchanges;
  // The turns to send for a new question (finished exchanges only).
  std::vector<ChatTurnValue> turnsFor(const QString& question) const;
};

// "144 → 18 visual tokens · #Tokens 396 · CR 2.2× · 0.012 TFLOPs · 45 ms prefill · 31.0 tokens/s"
QString formatStats(const ChatStatsValue& stats);
QString columnHtml(const TranscriptColumn& column, const QPalette& palette);
QString transcriptMarkdown(const std::vector<TranscriptColumn>& columns, const QString& imageName);
QString transcriptJson(const std::vector<TranscriptColumn>& columns, const QString& imageName);

}  // namespace llavolta::ui
