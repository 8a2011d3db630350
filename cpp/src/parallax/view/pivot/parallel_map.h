// Maps every selected row to a dense id in parallel, resolving ids that do not
// exist yet on one thread afterwards. `lookup(i)` must be safe to run
// concurrently (read-only) and returns kMiss for a key it does not know;
// `resolve(i)` runs serially in increasing i, so new ids are created in the
// order of the keys' first appearance whatever the thread count.
#pragma once
#include <cstdint>
#include <vector>

#include "parallax/core/parallel.h"
#include "parallax/view/pivot/row_selection.h"

namespace parallax {

constexpr uint32_t kMiss = UINT32_MAX;

template <class Lookup, class Resolve>
void map_rows(size_t n, uint32_t* out, Lookup&& lookup, Resolve&& resolve) {
  Chunking ch = Chunking::of(n, 1);
  std::vector<std::vector<uint32_t>> misses(ch.chunks);
  parallel_for(ch.chunks, 1, [&](size_t c0, size_t c1, int) {
    for (size_t c = c0; c < c1; ++c) {
      for (size_t i = ch.begin(c), e = ch.end(c); i < e; ++i) {
        uint32_t id = lookup(i);
        out[i] = id;
        if (id == kMiss) misses[c].push_back(uint32_t(i));
      }
    }
  });
  for (auto& m : misses)
    for (uint32_t i : m) out[i] = resolve(i);
}

}  // namespace parallax
