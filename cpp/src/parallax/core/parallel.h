// parallel_for over OpenMP that never lets an exception escape the parallel
// region (which would call std::terminate and kill the host JVM). The first
// exception thrown by any chunk is captured and rethrown on the calling thread
// after the region ends; remaining chunks still run to completion.
//
// Thread count: engine_threads() (set_engine_threads / PARALLAX_NUM_THREADS);
// small ranges run inline to avoid fork/join cost.
#pragma once
#include <cstddef>
#include <exception>
#include <mutex>

namespace parallax {

/// Threads the engine may use (>= 1). Defaults to PARALLAX_NUM_THREADS, else
/// the number of online CPUs.
int engine_threads();
void set_engine_threads(int n);

/// Calls fn(begin, end, chunk_index) for contiguous chunks of [0, n), one per
/// thread (at most `engine_threads()` chunks; one inline chunk when n < grain).
template <class Fn>
void parallel_for(size_t n, size_t grain, Fn&& fn) {
  if (n == 0) return;  // (grain may then be 0 too: a table of no columns)
  if (grain == 0) grain = 1;
  int threads = engine_threads();
  if (threads <= 1 || n < grain * 2) {
    fn(size_t(0), n, 0);
    return;
  }
  size_t chunks = n / grain < size_t(threads) ? n / grain : size_t(threads);
  std::exception_ptr error;
  std::mutex error_mu;
#pragma omp parallel for num_threads(int(chunks)) schedule(static, 1)
  for (long c = 0; c < long(chunks); ++c) {
    try {
      size_t b = n * size_t(c) / chunks, e = n * size_t(c + 1) / chunks;
      fn(b, e, int(c));
    } catch (...) {
      std::lock_guard<std::mutex> g(error_mu);
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

/// The number of chunks parallel_for(n, grain, ...) will use (to size per-chunk state).
inline size_t parallel_chunks(size_t n, size_t grain) {
  if (grain == 0) grain = 1;
  int threads = engine_threads();
  if (threads <= 1 || n < grain * 2) return 1;
  return n / grain < size_t(threads) ? n / grain : size_t(threads);
}

}  // namespace parallax
