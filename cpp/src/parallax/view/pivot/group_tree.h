// The persistent nodes of one pivot tree (the row tree of group_by, or the
// column tree of split_by). Level 0 holds the root (node 0); a node at level k
// is one distinct value path over the first k pivot columns, identified by its
// parent node and its value code at level k. Node ids are dense per level,
// never reused and stable across refreshes, so per-node state (expansion,
// leaf creation order, aggregate history) is kept in plain arrays. At level 1
// the node id *is* the value code (every code has a node), so rows need no
// mapping there.
//
// Thread-safety: assign() is the only mutator; the owning engine serialises it.
#pragma once
#include <cstdint>
#include <vector>

#include "parallax/core/flat_map.h"

namespace parallax {

class GroupTree {
 public:
  explicit GroupTree(size_t levels) : levels_(levels + 1) {
    levels_[0].parent.push_back(0);
    levels_[0].code.push_back(0);
  }
  /// Number of pivot levels (the root's level 0 not counted).
  size_t depth() const { return levels_.size() - 1; }
  uint32_t size(size_t level) const { return uint32_t(levels_[level].parent.size()); }
  const uint32_t* parents(size_t level) const { return levels_[level].parent.data(); }
  uint32_t parent(size_t level, uint32_t node) const { return levels_[level].parent[node]; }
  uint32_t code(size_t level, uint32_t node) const { return levels_[level].code[node]; }

  /// For selected rows i in [0, n): out[i] = the node of (parents[i],
  /// codes[i]) at `level`; `parents` are the rows' nodes at level - 1 (null
  /// at level 1), codes < ncodes. New nodes are created in row order. At
  /// level 1 out may be codes (nodes are codes; nothing is written then).
  void assign(size_t level, const uint32_t* parents, const uint32_t* codes, uint32_t ncodes, uint32_t* out,
              size_t n);
  /// The node of (parent, code) at `level`, or -1.
  int64_t find(size_t level, uint32_t parent, uint32_t code) const {
    if (level == 1) return code < size(1) ? int64_t(code) : -1;
    return levels_[level].index.find((uint64_t(parent) << 32) | code);
  }
  /// Forgets every node (the value codes changed meaning).
  void clear();

 private:
  struct Level {
    std::vector<uint32_t> parent, code;
    FlatMap64 index;                 // (parent << 32 | code) -> node, levels >= 2
  };
  uint32_t create(size_t level, uint32_t parent, uint32_t code);

  std::vector<Level> levels_;
};

}  // namespace parallax
