#include "ui/chat/transcript.h"

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

std::vector<ChatTurnValue> TranscriptColumn::turnsFor(const QString& question, const QString& image) const {
  size_t start = exchanges.size();
  while (start > 0 && exchanges[start - 1].image == image) --start;
  std::vector<ChatTurnValue> turns;
  for (size_t i = start; i < exchanges.size(); ++i) {
    const auto& e = exchanges[i];
    if (e.finished && e.error.isEmpty() && !e.answer.isEmpty()) turns.push_back({e.question, e.answer});
  }
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

namespace {
// What changed before exchange i: the image, the model, the scheme (always said for the first).
struct Changes {
  bool image = false, model = false, scheme = false;
};
Changes changesBefore(const std::vector<Exchange>& exchanges, size_t i) {
  if (i == 0) return {!exchanges[0].image.isEmpty(), !exchanges[0].model.isEmpty(), true};
  const Exchange &a = exchanges[i - 1], &b = exchanges[i];
  return {a.image != b.image, a.model != b.model, a.scheme != b.scheme || a.inherited != b.inherited};
}
QString schemeNote(const Exchange& e) {
  return e.inherited ? Transcript::tr("%1 (in the first column, before Compare was switched on)").arg(e.scheme) : e.scheme;
}
}  // namespace

QString columnHtml(const TranscriptColumn& column, const QPalette& palette) {
  // Colours come from the palette so light and dark themes both read well.
  const QString dim = palette.color(QPalette::PlaceholderText).name();
  const QString accent = palette.color(QPalette::Highlight).name();
  QString html = QStringLiteral("<html><body>");
  for (size_t i = 0; i < column.exchanges.size(); ++i) {
    const Exchange& e = column.exchanges[i];
    const Changes c = changesBefore(column.exchanges, i);
    if (i > 0 && (c.image || c.model)) html += QStringLiteral("<hr>");
    if (c.image) html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>").arg(dim, Transcript::tr("Image:"), e.image.toHtmlEscaped());
    if (c.model) html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>").arg(dim, Transcript::tr("Model:"), e.model.toHtmlEscaped());
    if (c.scheme || c.image || c.model)
      html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>").arg(dim, Transcript::tr("Scheme:"), schemeNote(e).toHtmlEscaped());
    const QString body = e.inherited ? QStringLiteral("<span style='color:%1'>%2</span>").arg(dim) : QStringLiteral("%1");
    html += QStringLiteral("<p><b style='color:%1'>%2</b><br>%3</p>").arg(accent, Transcript::tr("You"), body.arg(escaped(e.question)));
    QString answer = escaped(e.answer);
    if (!e.finished && e.error.isEmpty()) answer += QStringLiteral(" ▍");
    if (e.stopped) answer += QStringLiteral(" <i style='color:%1'>%2</i>").arg(dim, Transcript::tr("(stopped)"));
    if (!e.error.isEmpty())
      answer += QStringLiteral("<span style='color:#e0443e'>%1</span>").arg(escaped(Transcript::tr("Error: ") + e.error));
    html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(Transcript::tr("Assistant"), body.arg(answer));
    if (e.hasStats())
      html += QStringLiteral("<p style='color:%1'><small>%2</small></p>").arg(dim, formatStats(e.stats).toHtmlEscaped());
    else if (e.stopped)
      html += QStringLiteral("<p style='color:%1'><small>%2</small></p>").arg(dim, Transcript::tr("stopped before the prefill finished: no statistics"));
  }
  if (!column.scheme.isEmpty() && (column.exchanges.empty() || column.exchanges.back().scheme != column.scheme))
    html += QStringLiteral("<p style='color:%1'><b>%2</b> %3</p>").arg(dim, Transcript::tr("Next question under:"), column.scheme.toHtmlEscaped());
  html += QStringLiteral("</body></html>");
  return html;
}

QString transcriptMarkdown(const std::vector<TranscriptColumn>& columns, const QString& imageName) {
  QString md = QStringLiteral("# %1\n\n").arg(Transcript::tr("LLaVolta conversation"));
  bool anyExchange = false;
  for (const auto& column : columns) anyExchange = anyExchange || !column.exchanges.empty();
  if (!anyExchange && !imageName.isEmpty()) md += Transcript::tr("Image: %1").arg(imageName) + QStringLiteral("\n\n");
  for (size_t k = 0; k < columns.size(); ++k) {
    const auto& column = columns[k];
    if (columns.size() > 1) md += QStringLiteral("## %1\n\n").arg(Transcript::tr("Column %1").arg(QChar(u'A' + static_cast<int>(k))));
    for (size_t i = 0; i < column.exchanges.size(); ++i) {
      const Exchange& e = column.exchanges[i];
      const Changes c = changesBefore(column.exchanges, i);
      if (c.image) md += Transcript::tr("Image: %1").arg(e.image) + QStringLiteral("\n\n");
      if (c.model) md += Transcript::tr("Model: %1").arg(e.model) + QStringLiteral("\n\n");
      if (c.scheme || c.image || c.model) md += Transcript::tr("Scheme: `%1`").arg(schemeNote(e)) + QStringLiteral("\n\n");
      md += QStringLiteral("**%1:** %2\n\n").arg(Transcript::tr("User"), e.question);
      md += QStringLiteral("**%1:** %2\n\n").arg(Transcript::tr("Assistant"), e.error.isEmpty() ? e.answer : Transcript::tr("Error: ") + e.error);
      if (e.hasStats()) md += QStringLiteral("> %1\n\n").arg(formatStats(e.stats));
      else if (e.stopped) md += QStringLiteral("> %1\n\n").arg(Transcript::tr("stopped before the prefill finished: no statistics"));
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
                    {QStringLiteral("scheme"), e.scheme},     {QStringLiteral("image"), e.image},
                    {QStringLiteral("model"), e.model},       {QStringLiteral("stopped"), e.stopped}};
      if (e.inherited) t[QStringLiteral("inherited_from_first_column")] = true;
      if (!e.error.isEmpty()) t[QStringLiteral("error")] = e.error;
      if (e.hasStats()) {
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
