#pragma once
// Process-wide settings that the engine's speed depends on, applied once at the start of main()
// by every program that runs the engine (the CLI and the studio).

namespace llavolta::engine {

// glibc's allocator hands every block above its mmap threshold (128 KiB to 32 MiB, adapting)
// straight back to the kernel when it is freed, so each prefill's large temporaries (attention
// scores and probabilities, bf16 scratch, MLP activations) were mapped and page-faulted afresh
// on every layer. Pinning the threshold at its maximum (32 MiB) and keeping up to 1 GiB of freed
// heap lets those blocks be reused: bf16 prefill of the 576-token bench model went from 1391 to
// 860 ms at 1 thread (fp32 unchanged). A user's MALLOC_MMAP_THRESHOLD_ / MALLOC_TRIM_THRESHOLD_
// (glibc's own variables) take precedence.
void configureAllocator();

}  // namespace llavolta::engine
