#include "parallax/view/pivot/group_tree.h"

#include <algorithm>

#include "parallax/view/pivot/parallel_map.h"

namespace parallax {

namespace {
inline uint64_t node_key(uint32_t parent, uint32_t code) { return (uint64_t(parent) << 32) | code; }
}  // namespace

uint32_t GroupTree::create(size_t level, uint32_t parent, uint32_t code) {
  Level& L = levels_[level];
  uint32_t id = uint32_t(L.parent.size());
  L.parent.push_back(parent);
  L.code.push_back(code);
  if (level > 1) L.index.put(node_key(parent, code), id);
  return id;
}

void GroupTree::assign(size_t level, const uint32_t* parents, const uint32_t* codes, uint32_t ncodes, uint32_t* out,
                       size_t n) {
  Level& L = levels_[level];
  if (level == 1) {
    while (L.parent.size() < ncodes) create(1, 0, uint32_t(L.parent.size()));
    if (out != codes) std::copy(codes, codes + n, out);
    return;
  }
  // Deeper levels: a dense (parent, code) table for this call when it is
  // small next to the rows, else the persistent hash index.
  const size_t np = size(level - 1);
  const size_t cells = np * size_t(ncodes);
  if (cells <= std::min<size_t>(size_t(1) << 22, 8 * n + 4096)) {
    std::vector<uint32_t> table(cells, kMiss);
    for (uint32_t id = 0; id < L.parent.size(); ++id) table[size_t(L.parent[id]) * ncodes + L.code[id]] = id;
    map_rows(
        n, out, [&](size_t i) { return table[size_t(parents[i]) * ncodes + codes[i]]; },
        [&](size_t i) {
          uint32_t& t = table[size_t(parents[i]) * ncodes + codes[i]];
          if (t == kMiss) t = create(level, parents[i], codes[i]);
          return t;
        });
    return;
  }
  map_rows(
      n, out,
      [&](size_t i) {
        int64_t id = L.index.find(node_key(parents[i], codes[i]));
        return id < 0 ? kMiss : uint32_t(id);
      },
      [&](size_t i) {
        int64_t id = L.index.find(node_key(parents[i], codes[i]));
        return id >= 0 ? uint32_t(id) : create(level, parents[i], codes[i]);
      });
}

void GroupTree::clear() {
  for (size_t k = 1; k < levels_.size(); ++k) levels_[k] = Level{};
}

}  // namespace parallax
