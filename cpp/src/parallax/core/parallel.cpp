#include "parallax/core/parallel.h"

#include <omp.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace parallax {

namespace {
int initial_threads() {
  if (const char* e = std::getenv("PARALLAX_NUM_THREADS")) {
    int n = std::atoi(e);
    if (n >= 1) return n;
  }
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n >= 1 ? int(n) : 1;
}
std::atomic<int> g_threads{initial_threads()};
}  // namespace

int engine_threads() { return g_threads.load(std::memory_order_relaxed); }
void set_engine_threads(int n) { g_threads.store(n < 1 ? 1 : n, std::memory_order_relaxed); }

}  // namespace parallax
