#include "ui/worker/utf8_text.h"

namespace llavolta::ui {

namespace {
bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the character that `lead` starts (1 for ASCII and for bytes that cannot lead).
int sequenceLength(char lead) {
  const auto c = static_cast<unsigned char>(lead);
  if (c >= 0xF0 && c < 0xF8) return 4;
  if (c >= 0xE0) return c < 0xF0 ? 3 : 1;
  if (c >= 0xC0) return 2;
  return 1;
}
}  // namespace

Utf8Span wholeUtf8Characters(const QByteArray& bytes) {
  Utf8Span span;
  span.end = bytes.size();
  // A character cut at the front: at most three continuation bytes before the next lead.
  while (span.begin < bytes.size() && span.begin < 3 && continuation(bytes[span.begin])) ++span.begin;
  // An incomplete character at the end: find its lead within the last four bytes.
  qsizetype lead = bytes.size();
  int trailing = 0;
  while (lead > span.begin && trailing < 3 && continuation(bytes[lead - 1])) {
    --lead;
    ++trailing;
  }
  if (lead > span.begin) {
    const int need = sequenceLength(bytes[lead - 1]);
    if (need > 1 && trailing + 1 < need) span.end = lead - 1;
  }
  return span;
}

QString decodeWholeUtf8(const QByteArray& bytes, QByteArray* held) {
  const Utf8Span span = wholeUtf8Characters(bytes);
  if (held) *held = bytes.mid(span.end);
  return QString::fromUtf8(bytes.constData() + span.begin, span.end - span.begin);
}

}  // namespace llavolta::ui
