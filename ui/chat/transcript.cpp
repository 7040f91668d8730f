#include "chat/transcript.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace llavolta::ui {

namespace {

// lupdate finds the strings through Q_DECLARE_TR_FUNCTIONS; these are free functions.
class Transcript {
  Q_DECLARE_TR_FUNCTIONS(Transcript)
};

QString escaped(const QString& text) { return text.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")); }

}  // namespace

std::vector<ChatTurnValue> TranscriptColumn::turnsFor(const QString& question) const {
  std::vector<ChatTurnValue> turns;
  for (const auto& e : exchanges)
    if (e.finished && e.error.isEmpty() && !e.answer.isEmpty()) turns.push_back({e.question, e.answer});
  turns.push_back({question, QString()});
  return turns;
}

QString formatStats(const ChatStatsValue& s) {
  return Transcript::tr("%1 → %2 visual tokens · #Tokens %3 · CR %4× · %5 TFLOPs prefill · %6 ms prefill · %7 tokens/s")
      .arg(s.visualTokensBefore)
      .arg(s.visualTokensAfter)
      .arg(s.visualTokensTotal)
      .arg(s.compressionRatio, 0, 'f', 2)
      .arg(s.prefillTflops, 0, 'g', 3)
      .arg(s.prefillMs, 0, 'f', 0)
      .arg(s.tokensPerSecond, 0, 'f', 1);
}

QString columnHtml(const TranscriptColumn& column, const QPalette& palette) {
  // Colours come from the palette so light and dark themes both read well.
  const QString dim = palette.color(QPalette::PlaceholderText).name();
  const QString accent = palette.color(QPalette::Highlight).name();
  QString html = QStringLiteral("<html><body>");
  html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>")
              .arg(dim, Transcript::tr("Scheme:"), column.scheme.toHtmlEscaped());
  for (const auto& e : column.exchanges) {
    html += QStringLiteral("<p><b style='color:%1'>%2</b><br>%3</p>").arg(accent, Transcript::tr("You"), escaped(e.question));
    QString answer = escaped(e.answer);
    if (!e.finished && e.error.isEmpty()) answer += QStringLiteral(" ▍");
    if (e.stopped) answer += QStringLiteral(" <i style='color:%1'>%2</i>").arg(dim, Transcript::tr("(stopped)"));
    if (!e.error.isEmpty())
      answer += QStringLiteral("<span style='color:#e0443e'>%1</span>").arg(escaped(Transcript::tr("Error: ") + e.error));
    html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(Transcript::tr("Assistant"), answer);
    if (e.finished && e.error.isEmpty())
      html += QStringLiteral("<p style='color:%1'><small>%2</small></p>").arg(dim, formatStats(e.stats).toHtmlEscaped());
  }
  html += QStringLiteral("</body></html>");
  return html;
}

QString transcriptMarkdown(const std::vector<TranscriptColumn>& columns, const QString& imageName) {
  QString md = QStringLiteral("# %1\n\n").arg(Transcript::tr("LLaVolta conversation"));
  if (!imageName.isEmpty()) md += Transcript::tr("Image: %1").arg(imageName) + QStringLiteral("\n\n");
  for (const auto& column : columns) {
    if (columns.size() > 1) md += QStringLiteral("## %1 `%2`\n\n").arg(Transcript::tr("Scheme"), column.scheme);
    else md += Transcript::tr("Scheme: `%1`").arg(column.scheme) + QStringLiteral("\n\n");
    for (const auto& e : column.exchanges) {
      md += QStringLiteral("**%1:** %2\n\n").arg(Transcript::tr("User"), e.question);
      md += QStringLiteral("**%1:** %2\n\n").arg(Transcript::tr("Assistant"), e.error.isEmpty() ? e.answer : Transcript::tr("Error: ") + e.error);
      if (e.finished && e.error.isEmpty()) md += QStringLiteral("> %1\n\n").arg(formatStats(e.stats));
    }
  }
  return md;
}

QString transcriptJson(const std::vector<TranscriptColumn>& columns, const QString& imageName) {
  QJsonArray cols;
  for (const auto& column : columns) {
    QJsonArray turns;
    for (const auto& e : column.exchanges) {
      QJsonObject t{{QStringLiteral("question"), e.question}, {QStringLiteral("answer"), e.answer},
                    {QStringLiteral("stopped"), e.stopped}};
      if (!e.error.isEmpty()) t[QStringLiteral("error")] = e.error;
      if (e.finished && e.error.isEmpty()) {
        const auto& s = e.stats;
        t[QStringLiteral("stats")] = QJsonObject{
            {QStringLiteral("visual_tokens_before"), s.visualTokensBefore},
            {QStringLiteral("visual_tokens_after"), s.visualTokensAfter},
            {QStringLiteral("visual_tokens_total"), s.visualTokensTotal},
            {QStringLiteral("compression_ratio"), s.compressionRatio},
            {QStringLiteral("prompt_tokens"), s.promptTokens},
            {QStringLiteral("generated_tokens"), s.generatedTokens},
            {QStringLiteral("prefill_ms"), s.prefillMs},
            {QStringLiteral("decode_ms"), s.decodeMs},
            {QStringLiteral("tokens_per_second"), s.tokensPerSecond},
            {QStringLiteral("prefill_tflops"), s.prefillTflops}};
      }
      turns.append(t);
    }
    cols.append(QJsonObject{{QStringLiteral("scheme"), column.scheme}, {QStringLiteral("turns"), turns}});
  }
  const QJsonObject root{{QStringLiteral("image"), imageName}, {QStringLiteral("columns"), cols}};
  return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

}  // namespace llavolta::ui
