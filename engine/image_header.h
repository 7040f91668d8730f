#pragma once
// Reads the pixel dimensions an image file declares, without decoding it, so oversized
// (or hostile) images are refused before a decoder allocates for them. Internal to the
// engine's image loading.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace llavolta::engine {

struct DeclaredImageSize {
  std::string format;  // "PNG", "JPEG", ...
  int64_t width = 0;
  int64_t height = 0;
};

// nullopt when the format is not one recognised here or the header is cut short before the
// dimensions. decodeImage refuses such data before decoding: every decoder it lets run has
// had its declared size checked. A recognised header that declares a zero
// dimension is returned as such (the caller reports it as corrupt).
// The formats recognised above, for error messages.
extern const char* const kHeaderCheckedFormats;

std::optional<DeclaredImageSize> readDeclaredImageSize(const uint8_t* data, size_t size);

}  // namespace llavolta::engine
