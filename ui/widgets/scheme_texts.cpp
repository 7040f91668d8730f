#include "ui/widgets/scheme_texts.h"

#include <QCoreApplication>

namespace llavolta::ui {

namespace {
// Summaries and parameter descriptions of engine::registeredSchemes(), as `llavolta schemes`
// prints them. A new or reworded text there fails ui_test_scheme_selector until it is added here
// and translated (scripts/check-translations.sh).
const char* const kTexts[] = {
    QT_TRANSLATE_NOOP("SchemeTexts", "no compression: all visual tokens reach every layer"),
    QT_TRANSLATE_NOOP("SchemeTexts", "Visual Context Compressor (LLaVolta): 1D average pooling of the visual tokens at layer K with kernel = stride S, positions pooled and floored; like the paper's avg_pool1d, a partial last window is dropped unless tail=keep"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layer K where pooling happens; -1 pools the projected features before the LLM"),
    QT_TRANSLATE_NOOP("SchemeTexts", "pooling kernel = stride S along the visual sequence"),
    QT_TRANSLATE_NOOP("SchemeTexts", "when S does not divide the visual tokens: drop the L mod S trailing tokens, as the paper's avg_pool1d (floor(L/S) tokens), or keep them pooled as one extra, shorter window (ceil(L/S) tokens)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "2D average pooling of the visual tokens over S x S windows of the patch grid at layer K; when S does not divide the grid side, the edge windows are kept smaller (ceil_mode on)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "window side S: each S x S block of patches becomes one token, ceil(side / S)^2 in all"),
    QT_TRANSLATE_NOOP("SchemeTexts", "FastV: keep the visual tokens the last prompt token attends to most at layer K-1 (head-averaged)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layer K from which the dropped tokens are gone (ranked by layer K-1's attention); 1..N"),
    QT_TRANSLATE_NOOP("SchemeTexts", "fraction R of the visual tokens kept, in (0, 1]"),
    QT_TRANSLATE_NOOP("SchemeTexts", "PyramidDrop: at each listed layer keep the top fraction of the remaining visual tokens by the last prompt token's attention"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layers where a drop happens, joined by '+', strictly increasing; each 1..N"),
    QT_TRANSLATE_NOOP("SchemeTexts", "fraction of the remaining visual tokens kept at each listed layer, in (0, 1]"),
    QT_TRANSLATE_NOOP("SchemeTexts", "Random drop: keep a seeded random subset of the visual tokens at layer K (the usual baseline)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layer K from which the dropped tokens are gone; -1 drops before the LLM"),
    QT_TRANSLATE_NOOP("SchemeTexts", "fraction of the visual tokens kept, in (0, 1]"),
    QT_TRANSLATE_NOOP("SchemeTexts", "seed of the choice (the same tokens for every sample and run)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "ToMe: bipartite soft matching on head-averaged keys, size-weighted merges until the kept fraction remains"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layer K where merging happens (keys of layer K); -1 merges the projected features"),
    QT_TRANSLATE_NOOP("SchemeTexts", "fraction of the visual tokens left after merging, in (0, 1]"),
    QT_TRANSLATE_NOOP("SchemeTexts", "K-means: cluster the visual hidden states at layer K and replace each cluster by its mean"),
    QT_TRANSLATE_NOOP("SchemeTexts", "decoder layer K where clustering happens; -1 clusters the projected features"),
    QT_TRANSLATE_NOOP("SchemeTexts", "number of clusters C = visual tokens left (at most the model's visual tokens)"),
    QT_TRANSLATE_NOOP("SchemeTexts", "Lloyd iterations from evenly spaced starting tokens"),
    QT_TRANSLATE_NOOP("SchemeTexts", "VisionZip: before the LLM keep the patches with the most [CLS] attention and merge the rest into contextual tokens"),
    QT_TRANSLATE_NOOP("SchemeTexts", "patches kept because the vision tower's [CLS] attends to them most"),
    QT_TRANSLATE_NOOP("SchemeTexts", "tokens the other patches are merged into (by similarity to evenly spaced targets)"),
};
}  // namespace

QString schemeText(const std::string& english) {
  return QCoreApplication::translate("SchemeTexts", english.c_str());
}

QStringList translatableSchemeTexts() {
  QStringList out;
  for (const char* t : kTexts) out << QString::fromUtf8(t);
  return out;
}

}  // namespace llavolta::ui
