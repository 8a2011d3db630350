// The visible rows of a grouped view: the row tree in sorted depth-first
// order, cut below collapsed nodes (semantics 3.3), with Perspective's
// expand / collapse / set_depth rules (src traversal.cpp, context_one.cpp):
//  * "depth mode" (the initial state, and after set_depth): every node at a
//    depth <= d is expanded, re-applied after each update;
//  * expand / collapse switch depth mode off; from then on each node keeps
//    its own state, new nodes start collapsed, and collapsing a node forgets
//    the state of its descendants (re-expanding shows them collapsed);
//  * expand returns the number of children shown, collapse the number of
//    rows hidden; both return 0 when nothing changes.
// State is keyed on persistent node ids, so it survives refreshes.
//
// Thread-safety: none; the owning engine serialises every call.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

namespace parallax {

/// Children of every node, sorted for display: children_of(k, node) are
/// nodes of level k + 1 (only non-empty ones).
struct OrderedTree {
  std::vector<std::vector<uint32_t>> offsets;   // [k]: size(k) + 1
  std::vector<std::vector<uint32_t>> children;  // [k]: nodes of level k + 1
  size_t depth() const { return offsets.size(); }
  const uint32_t* begin(size_t k, uint32_t node) const { return children[k].data() + offsets[k][node]; }
  size_t count(size_t k, uint32_t node) const { return offsets[k][node + 1] - offsets[k][node]; }
};

class Traversal {
 public:
  struct Row {
    uint32_t level;
    uint32_t node;
  };

  /// `levels`: group_by levels; `depth`: the initial depth (-1: every level).
  Traversal(size_t levels, int depth);

  void rebuild(const OrderedTree& tree);
  size_t size() const { return rows_.size(); }
  const Row& row(size_t i) const { return rows_[i]; }
  const std::vector<Row>& rows() const { return rows_; }

  int64_t expand(size_t row, const OrderedTree& tree);
  int64_t collapse(size_t row, const OrderedTree& tree);
  /// View.set_depth: ignored past the number of levels, clamped to levels - 1.
  void set_depth(int depth, const OrderedTree& tree);
  /// A node left the tree (no rows): a later one with its id starts collapsed.
  void forget(size_t level, uint32_t node);
  void resize(size_t level, uint32_t nodes);

 private:
  bool expanded(size_t level, uint32_t node) const;
  void leave_depth_mode();
  void collapse_subtree(size_t level, uint32_t node, const OrderedTree& tree);

  size_t levels_;
  bool depth_mode_ = true;
  int depth_ = 0;
  std::vector<std::vector<uint8_t>> expanded_;  // [level][node], outside depth mode
  std::vector<Row> rows_;
};

}  // namespace parallax
