#include "parallax/view/pivot/grid.h"

namespace parallax {

uint32_t Grid::find_or_add(uint32_t row_node, uint32_t col_node) {
  if (identity()) return row_node;
  int64_t id = index_.find(key(row_node, col_node));
  if (id >= 0) return uint32_t(id);
  uint32_t cell = uint32_t(rnode_.size());
  rnode_.push_back(row_node);
  cnode_.push_back(col_node);
  index_.put(key(row_node, col_node), cell);
  return cell;
}

void Grid::clear() {
  index_.clear();
  rnode_.clear();
  cnode_.clear();
  identity_size_ = 0;
  count.clear();
  row_up.clear();
  col_up.clear();
  rows_ready = false;
}

}  // namespace parallax
