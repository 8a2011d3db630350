#include "parallax/core/buffer.h"

#include <sys/mman.h>

#include <atomic>

namespace parallax {
namespace {
std::atomic<int64_t> g_buffer_bytes{0};
}
int64_t buffer_bytes_allocated() { return g_buffer_bytes.load(std::memory_order_relaxed); }
namespace detail {
void note_buffer_bytes(int64_t delta) { g_buffer_bytes.fetch_add(delta, std::memory_order_relaxed); }
}  // namespace detail

namespace {
/// Advice only: without THP support (or with THP "never") the call fails harmlessly.
void advise_huge(void* p, size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t(2) << 20;
  uintptr_t b = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  uintptr_t e = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHuge - 1);
  if (e > b) madvise(reinterpret_cast<void*>(b), e - b, MADV_HUGEPAGE);
}
}  // namespace

void* allocate_aligned(size_t align, size_t bytes) {
  if (bytes < kHugeAdviceBytes) return std::aligned_alloc(align, bytes);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return nullptr;
  advise_huge(p, bytes);
  return p;
}

void* remap_aligned(void* p, size_t old_bytes, size_t new_bytes) {
  if (!p || old_bytes < kHugeAdviceBytes || new_bytes < old_bytes) return nullptr;
  // Mappings are page-aligned, which covers every alignment allocate_aligned takes.
  void* r = mremap(p, old_bytes, new_bytes, MREMAP_MAYMOVE);
  if (r == MAP_FAILED) return nullptr;
  advise_huge(r, new_bytes);
  return r;
}

void deallocate_aligned(void* p, size_t bytes) {
  if (!p) return;
  if (bytes < kHugeAdviceBytes) std::free(p);
  else munmap(p, bytes);
}
}  // namespace parallax

namespace parallax::bits {

size_t count(const uint8_t* b, size_t n) {
  size_t c = 0, whole = n / 64;
  const uint8_t* p = b;
  for (size_t w = 0; w < whole; ++w, p += 8) {
    uint64_t x;
    std::memcpy(&x, p, 8);
    c += __builtin_popcountll(x);
  }
  for (size_t i = whole * 64; i < n; ++i) c += get(b, i);
  return c;
}

void copy(const uint8_t* src, size_t from, uint8_t* dst, size_t to, size_t n) {
  if ((from & 7) == 0 && (to & 7) == 0) {
    size_t whole = n / 8;
    std::memcpy(dst + to / 8, src + from / 8, whole);
    for (size_t i = whole * 8; i < n; ++i) put(dst, to + i, get(src, from + i));
    return;
  }
  for (size_t i = 0; i < n; ++i) put(dst, to + i, get(src, from + i));
}

}  // namespace parallax::bits
