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

// LibTorch's OpenMP workers spin-wait for new work after each parallel region (libgomp's default
// spin count), taking the CPU from OpenBLAS's workers and from everything else on a busy machine.
// With the build of the project running on both cores of this machine, 2-thread bf16 prefill of the
// 576-token bench model took 1159-4072 ms and decoding ran at 13-23 tok/s; with
// OMP_WAIT_POLICY=PASSIVE, 590-601 ms and 78-79 tok/s. libgomp reads that variable while it is
// being loaded, before any code of the program runs, and libc resets the environment after ELF
// pre-initialisers, so setting it cannot be done in place: when the user has not set it, this
// re-executes the program (/proc/self/exe, same arguments) with OMP_WAIT_POLICY=PASSIVE added,
// before any library initialiser has run (about 0.1 s of start-up). It is meant for an ELF
// .preinit_array entry of the executable: LLAVOLTA_PREFER_PASSIVE_OPENMP() below.
void preferPassiveOpenMp(int argc, char** argv, char** envp);

}  // namespace llavolta::engine

// Put once at namespace scope in a program's main.cpp.
#define LLAVOLTA_PREFER_PASSIVE_OPENMP()                                                             \
  __attribute__((section(".preinit_array"), used)) static void (*const llavoltaPreferPassiveOpenMp)( \
      int, char**, char**) = &llavolta::engine::preferPassiveOpenMp

namespace llavolta::engine {

}  // namespace llavolta::engine
