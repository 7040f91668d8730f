// llavolta-spm-server: the sentencepiece bridge in a process of its own. The engine starts it
// when the bridge cannot be loaded in-process with RTLD_DEEPBIND (ASan builds, or
// LLAVOLTA_SPM_OUT_OF_PROCESS=1) and talks to it over a socket on stdin/stdout with the frames
// of spm_wire.h. No torch here, so sentencepiece's protobuf meets no other. It exits when the
// engine closes the socket.
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "spm_bridge.h"
#include "spm_wire.h"

namespace {

using llavolta::spmwire::Reader;
using llavolta::spmwire::Writer;
namespace op = llavolta::spmwire;

constexpr size_t kErrLen = 1024;

std::string bridgeString(char* data, size_t n) {
  std::string s = data ? std::string(data, n) : std::string();
  llavolta_spm_free_buffer(data);
  return s;
}

// Answers one request; false when the request is malformed.
bool answer(Reader& in, Writer& out, std::map<int64_t, llavolta_spm_model*>& models, int64_t& nextHandle) {
  char err[kErrLen] = {0};
  const int64_t what = in.i64();
  auto model = [&]() -> llavolta_spm_model* {
    const auto it = models.find(in.i64());
    return it == models.end() ? nullptr : it->second;
  };
  switch (what) {
    case op::kLoad: {
      const std::string path = in.str();
      llavolta_spm_model* m = nullptr;
      const int rc = llavolta_spm_load(path.c_str(), &m, err, sizeof err);
      int64_t handle = 0;
      if (rc == LLAVOLTA_SPM_OK) models[handle = nextHandle++] = m;
      out.i64(rc).str(err).i64(handle);
      return in.ok();
    }
    case op::kFree: {
      const int64_t handle = in.i64();
      if (const auto it = models.find(handle); it != models.end()) {
        llavolta_spm_free(it->second);
        models.erase(it);
      }
      out.i64(LLAVOLTA_SPM_OK);
      return in.ok();
    }
    case op::kEncode: {
      auto* m = model();
      const std::string text = in.str();
      int* ids = nullptr;
      size_t count = 0;
      const int rc = m ? llavolta_spm_encode(m, text.data(), text.size(), &ids, &count, err, sizeof err)
                       : LLAVOLTA_SPM_INVALID_ARGUMENT;
      out.i64(rc).str(m ? err : "unknown tokenizer handle").bytes(ids, count * sizeof(int));
      llavolta_spm_free_buffer(ids);
      return in.ok();
    }
    case op::kDecode: {
      auto* m = model();
      const std::string ids = in.str();
      char* text = nullptr;
      size_t n = 0;
      const int rc = m ? llavolta_spm_decode(m, reinterpret_cast<const int*>(ids.data()), ids.size() / sizeof(int),
                                             &text, &n, err, sizeof err)
                       : LLAVOLTA_SPM_INVALID_ARGUMENT;
      out.i64(rc).str(m ? err : "unknown tokenizer handle").str(bridgeString(text, n));
      return in.ok();
    }
    case op::kSpecial: {
      auto* m = model();
      const int64_t which = in.i64();
      int v = -1;
      if (m) {
        v = which == 0   ? llavolta_spm_vocab_size(m)
            : which == 1 ? llavolta_spm_bos_id(m)
            : which == 2 ? llavolta_spm_eos_id(m)
            : which == 3 ? llavolta_spm_unk_id(m)
                         : llavolta_spm_pad_id(m);
      }
      out.i64(v);
      return in.ok();
    }
    case op::kIdToPiece: {
      auto* m = model();
      const int64_t id = in.i64();
      char* piece = nullptr;
      size_t n = 0;
      const int rc = m ? llavolta_spm_id_to_piece(m, static_cast<int>(id), &piece, &n, err, sizeof err)
                       : LLAVOLTA_SPM_INVALID_ARGUMENT;
      out.i64(rc).str(m ? err : "unknown tokenizer handle").str(bridgeString(piece, n));
      return in.ok();
    }
    case op::kPieceToId: {
      auto* m = model();
      const std::string piece = in.str();
      out.i64(m ? llavolta_spm_piece_to_id(m, piece.data(), piece.size()) : -1);
      return in.ok();
    }
    case op::kTrain: {
      const std::string input = in.str(), output = in.str(), args = in.str();
      const int rc = llavolta_spm_train(input.c_str(), output.c_str(), args.c_str(), err, sizeof err);
      out.i64(rc).str(err);
      return in.ok();
    }
    default:
      return false;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1) {
    std::fprintf(stderr,
                 "llavolta-spm-server: the tokenizer bridge as a process, started by llavolta itself "
                 "(ASan builds, LLAVOLTA_SPM_OUT_OF_PROCESS=1); it takes no arguments\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  if (llavolta_spm_api_version() != LLAVOLTA_SPM_API_VERSION) return 3;
  std::map<int64_t, llavolta_spm_model*> models;
  int64_t nextHandle = 1;
  Reader in;
  while (in.receive(0)) {
    Writer out;
    if (!answer(in, out, models, nextHandle)) return 4;  // not our protocol: stop rather than guess
    if (!out.send(1)) return 0;
  }
  for (auto& [handle, m] : models) llavolta_spm_free(m);
  return 0;
}
