#pragma once
// Plain C API around libsentencepiece, built as libllavolta_spm.so and loaded by the
// engine with dlopen(RTLD_LOCAL | RTLD_DEEPBIND). Debian's libsentencepiece carries a
// private protobuf that collides with the one libtorch loads (docs/architecture.md, "Platform
// constraints"), so sentencepiece symbols must never meet torch in one link map.
//
// Conventions: every function that can fail returns LLAVOLTA_SPM_OK (0) or an error code
// and writes a NUL-terminated message into `err` (capacity `errLen`, may be null/0).
// No C++ exception ever crosses this boundary. Buffers the bridge allocates are released
// with llavolta_spm_free_buffer(), never with the caller's free(): under RTLD_DEEPBIND
// the two sides may not share an allocator.
#include <stddef.h>

#if defined(__GNUC__)
#define LLAVOLTA_SPM_EXPORT __attribute__((visibility("default")))
#else
#define LLAVOLTA_SPM_EXPORT
#endif

#ifdef __cplusplus
extern "C" {
#endif

// Bumped whenever a signature below changes; the loader refuses a mismatched library.
#define LLAVOLTA_SPM_API_VERSION 1

enum {
  LLAVOLTA_SPM_OK = 0,
  LLAVOLTA_SPM_ERROR = 1,          // sentencepiece reported a failure (message in err)
  LLAVOLTA_SPM_INVALID_ARGUMENT = 2,  // null pointer, id out of range, ...
  LLAVOLTA_SPM_IO_ERROR = 3,       // file could not be read or written
  LLAVOLTA_SPM_INTERNAL_ERROR = 4  // unexpected C++ exception caught in the bridge
};

typedef struct llavolta_spm_model llavolta_spm_model;

LLAVOLTA_SPM_EXPORT int llavolta_spm_api_version(void);

// Loads a serialized sentencepiece ModelProto (tokenizer.model). On success *out owns it.
LLAVOLTA_SPM_EXPORT int llavolta_spm_load(const char* path, llavolta_spm_model** out, char* err,
                                          size_t errLen);
LLAVOLTA_SPM_EXPORT void llavolta_spm_free(llavolta_spm_model* model);
LLAVOLTA_SPM_EXPORT void llavolta_spm_free_buffer(void* buffer);

// Encodes `textLen` bytes of UTF-8 text (no BOS/EOS added). *outIds is allocated by the
// bridge (null when *outCount is 0).
LLAVOLTA_SPM_EXPORT int llavolta_spm_encode(const llavolta_spm_model* model, const char* text,
                                            size_t textLen, int** outIds, size_t* outCount,
                                            char* err, size_t errLen);
// Decodes ids to UTF-8 text. Control ids decode to nothing; every id must be in
// [0, vocab size). *outText is NUL-terminated and allocated by the bridge.
LLAVOLTA_SPM_EXPORT int llavolta_spm_decode(const llavolta_spm_model* model, const int* ids,
                                            size_t count, char** outText, size_t* outLen,
                                            char* err, size_t errLen);

LLAVOLTA_SPM_EXPORT int llavolta_spm_vocab_size(const llavolta_spm_model* model);
// The special ids as stored in the model; -1 where the model has none.
LLAVOLTA_SPM_EXPORT int llavolta_spm_bos_id(const llavolta_spm_model* model);
LLAVOLTA_SPM_EXPORT int llavolta_spm_eos_id(const llavolta_spm_model* model);
LLAVOLTA_SPM_EXPORT int llavolta_spm_unk_id(const llavolta_spm_model* model);
LLAVOLTA_SPM_EXPORT int llavolta_spm_pad_id(const llavolta_spm_model* model);

// Piece text for `id` (allocated by the bridge); LLAVOLTA_SPM_INVALID_ARGUMENT if out of range.
LLAVOLTA_SPM_EXPORT int llavolta_spm_id_to_piece(const llavolta_spm_model* model, int id,
                                                 char** outPiece, size_t* outLen, char* err,
                                                 size_t errLen);
// Id of an exact piece; the unk id when the piece is not in the vocabulary.
LLAVOLTA_SPM_EXPORT int llavolta_spm_piece_to_id(const llavolta_spm_model* model,
                                                 const char* piece, size_t pieceLen);

// Trains a model from a UTF-8 text file, one sentence per line, and writes the serialized
// model to `outModelFile` (written to a temporary name, then renamed). `args` is a
// sentencepiece trainer argument string ("--vocab_size=400 --model_type=bpe ...") without
// --input / --model_prefix: the bridge reads the file itself, so paths may contain spaces
// or commas.
LLAVOLTA_SPM_EXPORT int llavolta_spm_train(const char* inputTextFile, const char* outModelFile,
                                           const char* args, char* err, size_t errLen);

#ifdef __cplusplus
}  // extern "C"
#endif
