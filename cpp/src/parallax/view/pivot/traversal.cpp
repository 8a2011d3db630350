#include "parallax/view/pivot/traversal.h"

#include <algorithm>

namespace parallax {

Traversal::Traversal(size_t levels, int depth) : levels_(levels), expanded_(levels + 1) {
  // The view starts in depth mode at group_by_depth - 1, or at every level.
  int max_depth = int(levels) - 1;
  depth_ = depth < 0 ? max_depth : std::min(depth, max_depth);
}

bool Traversal::expanded(size_t level, uint32_t node) const {
  if (level >= levels_) return false;  // leaves have no children
  if (depth_mode_) return level == 0 || int(level) <= depth_;
  return node < expanded_[level].size() && expanded_[level][node];
}

void Traversal::resize(size_t level, uint32_t nodes) {
  if (expanded_[level].size() < nodes) expanded_[level].resize(nodes, 0);
}

void Traversal::forget(size_t level, uint32_t node) {
  if (node < expanded_[level].size()) expanded_[level][node] = 0;
}

void Traversal::rebuild(const OrderedTree& tree) {
  rows_.clear();
  // Iterative depth-first walk: (level, node, next child index).
  struct Frame {
    uint32_t level, node;
    size_t next;
  };
  std::vector<Frame> stack;
  rows_.push_back({0, 0});
  if (expanded(0, 0)) stack.push_back({0, 0, 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.level >= tree.depth() || f.next >= tree.count(f.level, f.node)) {
      stack.pop_back();
      continue;
    }
    uint32_t child = tree.begin(f.level, f.node)[f.next++];
    uint32_t level = f.level + 1;
    rows_.push_back({level, child});
    if (expanded(level, child)) stack.push_back({level, child, 0});
  }
}

void Traversal::leave_depth_mode() {
  if (!depth_mode_) return;
  for (size_t k = 0; k < expanded_.size(); ++k)
    std::fill(expanded_[k].begin(), expanded_[k].end(), uint8_t(k == 0 || int(k) <= depth_));
  if (expanded_[0].empty()) expanded_[0].push_back(1);
  depth_mode_ = false;
}

int64_t Traversal::expand(size_t row, const OrderedTree& tree) {
  leave_depth_mode();  // any manual open/close ends depth mode, even a no-op one
  if (row >= rows_.size()) return 0;
  Row r = rows_[row];
  if (expanded(r.level, r.node)) return 0;
  if (r.level >= levels_) return 0;  // a leaf has no children and stays collapsed
  int64_t n = int64_t(tree.count(r.level, r.node));
  if (n == 0) return 0;
  resize(r.level, r.node + 1);
  expanded_[r.level][r.node] = 1;
  rebuild(tree);
  return n;
}

void Traversal::collapse_subtree(size_t level, uint32_t node, const OrderedTree& tree) {
  forget(level, node);
  if (level >= tree.depth()) return;
  const uint32_t* c = tree.begin(level, node);
  for (size_t i = 0, n = tree.count(level, node); i < n; ++i) collapse_subtree(level + 1, c[i], tree);
}

int64_t Traversal::collapse(size_t row, const OrderedTree& tree) {
  leave_depth_mode();
  if (row >= rows_.size()) return 0;
  Row r = rows_[row];
  if (!expanded(r.level, r.node)) return 0;
  size_t end = row + 1;
  while (end < rows_.size() && rows_[end].level > r.level) ++end;
  collapse_subtree(r.level, r.node, tree);
  rebuild(tree);
  return int64_t(end - row - 1);
}

void Traversal::set_depth(int depth, const OrderedTree& tree) {
  if (levels_ == 0 || depth > int(levels_)) return;  // "Cannot expand past N": logged, ignored
  depth_ = std::min(depth, int(levels_) - 1);
  depth_mode_ = true;
  rebuild(tree);
}

}  // namespace parallax
