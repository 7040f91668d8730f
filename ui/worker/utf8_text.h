#pragma once
// Byte streams cut at arbitrary offsets (a log file read while it is written, or read from
// its last N bytes) can split a UTF-8 character. These helpers find the part that holds only
// whole characters, so a partial one is held back (or skipped) instead of showing as U+FFFD.
// Streamed chat tokens go through engine::StreamDecoder, which does the same for token ids.
#include <QByteArray>
#include <QString>

namespace llavolta::ui {

struct Utf8Span {
  qsizetype begin = 0;  // after the continuation bytes of a character cut at the front
  qsizetype end = 0;    // before a last character whose bytes have not all arrived yet
};

Utf8Span wholeUtf8Characters(const QByteArray& bytes);

// The decoded text of the whole characters; `held`, when given, gets the bytes held back at
// the end (to put in front of the next chunk).
QString decodeWholeUtf8(const QByteArray& bytes, QByteArray* held = nullptr);

}  // namespace llavolta::ui
