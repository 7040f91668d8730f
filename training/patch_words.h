#pragma once
// Per-patch word targets for the trainer's auxiliary loss (RunConfig phase "patch_words").
//
// The file, written by `llavolta data shapes --patch-words GRID` beside train.json:
//   {"grid": G,
//    "images": {"images/000012.png": {"objects": ["large red circle", "small blue star"],
//                                     "cells": "....0.....1..."}}}
// "cells" has G*G characters, row-major like the vision tower's patches: '.' for a patch that
// shows no object, '0'-'9' for the index into "objects" of the object it shows. Image keys
// are resolved against the image folder as dataset "image" paths are.
//
// Each word becomes the first token of its sentencepiece encoding (as it would be written in
// an answer), so a patch of "large red circle" has three targets at its visual position.
#include <string>
#include <unordered_map>
#include <vector>

#include <torch/types.h>

namespace llavolta::engine {
class Tokenizer;
}

namespace llavolta::training {

class PatchWordTargets {
 public:
  // EngineError naming the file (and the image, for a bad entry) when it is missing, not JSON,
  // has no valid "grid" (1-64), an image key that leaves the folder (unless allowOutside), an
  // "objects" list that is not 1-10 non-empty strings, or "cells" of the wrong length or with a
  // character that is neither '.' nor the index of a listed object.
  static PatchWordTargets load(const std::string& file, const std::string& imageFolder, const engine::Tokenizer& tok,
                               bool allowOutside = false);

  int grid() const { return grid_; }
  int64_t patches() const { return static_cast<int64_t>(grid_) * grid_; }
  int64_t wordsPerPatch() const { return words_; }
  size_t images() const { return byImage_.size(); }
  const std::string& file() const { return file_; }
  bool describes(const std::string& resolvedImage) const { return byImage_.count(resolvedImage) > 0; }
  // [B, grid*grid, wordsPerPatch] token ids (int64), kIgnoreIndex where a patch has no word
  // in that slot. EngineError naming the first image the file does not describe.
  torch::Tensor forImages(const std::vector<std::string>& resolvedImages) const;
  // [grid*grid] bool: the patches that show one of `objects` (indices into the image's
  // "objects"). EngineError when the file does not describe the image.
  torch::Tensor patchesOf(const std::string& resolvedImage, const std::vector<int>& objects) const;

 private:
  std::string file_;
  int grid_ = 0;
  int64_t words_ = 0;
  std::unordered_map<std::string, torch::Tensor> byImage_;  // [P, words_]
  std::unordered_map<std::string, std::string> cells_;       // "cells" as written
};

}  // namespace llavolta::training
