// Live maintenance of the aggregates that cannot retract (median, first,
// last, max, unique, join, ...): the rows of every cell are recorded, fold()
// keeps that record and lets each aggregate name the cells whose state it can
// no longer vouch for, and refresh_stale() recomputes just those cells from
// their rows, in the order a full pass would visit them. A change so costs
// the rows of the cells it touches: little for fine groups, the whole table
// for the grand total of a holistic aggregate (as in the reference, which
// also re-reads every row of a touched node for these).
//
// Holistic results are cached per cell while live: finalize() reads the cache,
// since the per-refresh row lists of compute() no longer describe the grids.
#include <algorithm>
#include <numeric>

#include "parallax/view/pivot/grid_lattice.h"

namespace parallax {

void GridLattice::member_add(Live& l, uint32_t cell, uint32_t rid) {
  if (cell >= l.rows.size()) l.rows.resize(size_t(cell) + 1);
  if (rid >= l.slot.size()) l.slot.resize(std::max<size_t>(size_t(rid) + 1, l.slot.size() * 2), 0);
  l.slot[rid] = uint32_t(l.rows[cell].size());
  l.rows[cell].push_back(rid);
}

bool GridLattice::member_remove(Live& l, uint32_t cell, uint32_t rid) {
  if (cell >= l.rows.size() || rid >= l.slot.size()) return false;
  std::vector<uint32_t>& v = l.rows[cell];
  const uint32_t at = l.slot[rid];
  if (at >= v.size() || v[at] != rid) return false;  // record out of step: recompute
  v[at] = v.back();
  l.slot[v[at]] = at;
  v.pop_back();
  return true;
}

void GridLattice::go_live(const std::vector<agg::AggregateInput>& inputs) {
  const size_t W = C_ + 1, n = sel_->count;
  uint32_t rid_end = 0;
  for (size_t i = 0; i < n; ++i) rid_end = std::max(rid_end, sel_->rid(i) + 1);
  live_grids_.clear();
  live_grids_.resize(grids_.size());
  leaf_of_.assign(rid_end, 0);
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Live& l = live_grids_[k * W + j];
      const std::vector<uint32_t> cell = selection_cells(k, j);
      l.rows.assign(grid(k, j).size(), {});
      l.slot.assign(rid_end, 0);
      l.stale.assign(aggs_.size(), {});
      l.cache.resize(aggs_.size());
      for (size_t i = 0; i < n; ++i) member_add(l, cell[i], sel_->rid(i));
      if (k == R_ && j == C_)
        for (size_t i = 0; i < n; ++i) leaf_of_[sel_->rid(i)] = cell[i];
    }
  }
  // Holistic results of every cell, from compute()'s row lists.
  for (size_t a = 0; a < aggs_.size(); ++a) {
    if (!prototypes_[a]->needs_rows()) continue;
    const agg::AggregateTypes& t = aggs_[a].types;
    std::shared_ptr<Dictionary> dict;
    if (t.value == DType::String && !t.own_dictionary) dict = inputs[a].value->dict();
    for (size_t k = 0; k <= R_; ++k) {
      for (size_t j = 0; j <= C_; ++j) {
        auto cache = std::make_unique<Column>(t.value, t.wide, dict);
        std::vector<uint32_t> cells(grid(k, j).size());
        std::iota(cells.begin(), cells.end(), 0u);
        cache->resize_exact(cells.size());
        finalize(a, k, j, inputs[a], cells.data(), cells.size(), *cache);
        live_grids_[k * W + j].cache[a] = std::move(cache);
      }
    }
  }
  live_ = true;
}

void GridLattice::gather(const Live& l, const std::vector<uint32_t>& cells, const PkeyOrder& order,
                         std::shared_ptr<const std::vector<uint32_t>>& all, std::vector<uint32_t>& off,
                         std::vector<uint32_t>& rows) const {
  off.assign(cells.size() + 1, 0);
  for (size_t d = 0; d < cells.size(); ++d) off[d + 1] = off[d] + uint32_t(l.rows[cells[d]].size());
  rows.resize(off.back());
  const size_t selected = grid(0, 0).count.empty() ? 0 : grid(0, 0).count[0];
  if (size_t(off.back()) * 16 <= selected) {
    // Few rows: sort each cell's own.
    for (size_t d = 0; d < cells.size(); ++d) {
      const std::vector<uint32_t>& mine = l.rows[cells[d]];
      std::copy(mine.begin(), mine.end(), rows.begin() + off[d]);
      std::sort(rows.begin() + off[d], rows.begin() + off[d + 1], order.less);
    }
    return;
  }
  // Many: one pass over the table's pkey order picks them up in order.
  if (!all) all = order.all();
  std::vector<uint32_t> mark(l.slot.size(), 0);  // rid -> 1 + index of its cell in `cells`
  for (size_t d = 0; d < cells.size(); ++d)
    for (uint32_t r : l.rows[cells[d]]) mark[r] = uint32_t(d) + 1;
  std::vector<uint32_t> fill(off.begin(), off.end() - 1);
  for (uint32_t r : *all)
    if (r < mark.size() && mark[r]) rows[fill[mark[r] - 1]++] = r;
}

void GridLattice::reference_order(size_t k, size_t j, const std::vector<uint32_t>& off, std::vector<uint32_t>& rows,
                                  std::vector<uint32_t>& leaves) const {
  // As ensure_rows(): without split_by a coarser cell visits its leaves in
  // creation order; with split_by it visits its column leaves in path order.
  const Grid& leaf = grid(R_, C_);
  const std::vector<uint64_t>* rank = nullptr;
  bool by_row_leaf = false;
  if (C_ == 0 && R_ > 0 && leaf_seq_ && k < R_) rank = leaf_seq_, by_row_leaf = true;
  else if (C_ > 0 && j < C_ && col_leaf_rank_) rank = col_leaf_rank_;
  if (rank) {
    // A stable counting sort by leaf: rows keep their pkey order within a leaf.
    auto node_of = [&](uint32_t r) { return by_row_leaf ? leaf_of_[r] : leaf.col_node(leaf_of_[r]); };
    auto key = [&](uint32_t node) { return node < rank->size() ? (*rank)[node] : 0; };
    std::vector<uint32_t> start(rank->size() + 1, 0), nodes, sorted;
    for (size_t d = 0; d + 1 < off.size(); ++d) {
      nodes.clear();
      for (uint32_t i = off[d]; i < off[d + 1]; ++i) {
        uint32_t node = node_of(rows[i]);
        if (node >= rank->size()) node = uint32_t(rank->size());  // no rank yet: first, as rank 0
        if (start[node]++ == 0) nodes.push_back(node);
      }
      std::sort(nodes.begin(), nodes.end(), [&](uint32_t a, uint32_t b) { return key(a) < key(b); });
      uint32_t at = 0;
      for (uint32_t node : nodes) {
        uint32_t c = start[node];
        start[node] = at;
        at += c;
      }
      sorted.resize(at);
      for (uint32_t i = off[d]; i < off[d + 1]; ++i) {
        uint32_t node = std::min<uint32_t>(node_of(rows[i]), uint32_t(rank->size()));
        sorted[start[node]++] = rows[i];
      }
      std::copy(sorted.begin(), sorted.end(), rows.begin() + off[d]);
      for (uint32_t node : nodes) start[node] = 0;
    }
  }
  leaves.clear();
  if (C_ == 0 && R_ > 0)
    for (uint32_t r : rows) leaves.push_back(leaf_of_[r]);  // the leaf grid is the identity grid
}

void GridLattice::refresh_stale(const std::vector<agg::AggregateInput>& inputs, const PkeyOrder& order) {
  const size_t W = C_ + 1;
  std::shared_ptr<const std::vector<uint32_t>> all;
  std::vector<uint32_t> off, rows, ordered, leaves;
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Grid& g = grid(k, j);
      Live& l = live_grids_[k * W + j];
      if (l.rows.size() < g.size()) l.rows.resize(g.size());
      const std::vector<uint32_t>* gathered = nullptr;  // the cell list rows/off hold
      bool ordered_ready = false;                        // `ordered` / `leaves` match it
      for (size_t a = 0; a < aggs_.size(); ++a) {
        std::vector<uint32_t>& cells = l.stale[a];
        if (cells.empty()) continue;
        std::sort(cells.begin(), cells.end());
        cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
        cells.erase(std::remove_if(cells.begin(), cells.end(),
                                   [&](uint32_t c) { return c >= g.count.size() || g.count[c] == 0; }),
                    cells.end());
        if (cells.empty()) continue;
        // Aggregates stale in the same cells (typically every holistic one) share one gather.
        if (!gathered || *gathered != cells) {
          gather(l, cells, order, all, off, rows);
          gathered = &cells;
          ordered_ready = false;
        }
        agg::GroupsAccumulator& acc = *g.acc[a];
        const size_t m = cells.size();
        if (!acc.needs_rows()) {
          // Streaming state: clear the cells and fold their rows in again, in pkey order.
          std::vector<uint32_t> group(rows.size());
          for (size_t d = 0; d < m; ++d) std::fill(group.begin() + off[d], group.begin() + off[d + 1], uint32_t(d));
          auto part = acc.make_empty();
          part->resize(m);
          part->add(inputs[a], agg::RowRun{rows.data(), 0, 0, rows.size()}, group.data());
          for (uint32_t c : cells) acc.clear_group(c);
          acc.rollup(*part, cells.data(), m);
          continue;
        }
        // Holistic: evaluate from the rows in the reference's order into the cache.
        if (!ordered_ready) {
          ordered = rows;
          reference_order(k, j, off, ordered, leaves);
          ordered_ready = true;
        }
        agg::GroupRows group_rows{off.data(), ordered.data(), leaves.empty() ? nullptr : leaves.data()};
        std::vector<uint32_t> counts(m), ids(m);
        for (size_t d = 0; d < m; ++d) counts[d] = off[d + 1] - off[d];
        std::iota(ids.begin(), ids.end(), 0u);
        agg::FinalizeContext ctx;
        ctx.input = &inputs[a];
        ctx.row_counts = counts.data();
        ctx.rows = &group_rows;
        ctx.root = grid(0, 0).acc[a].get();
        ctx.leaf_level = C_ == 0 ? k == R_ : j == C_;
        Column& cache = *l.cache[a];
        Column part(cache.type(), cache.wide(), cache.dict());
        part.resize_exact(m);
        acc.finalize(ctx, ids.data(), m, part);
        if (cache.size() < g.size()) cache.resize(g.size());
        for (size_t d = 0; d < m; ++d) cache.copy_cell(cells[d], part, d);
      }
      // Cleared only now: `gathered` may point at any of them until here.
      for (auto& s : l.stale) s.clear();
    }
  }
}

}  // namespace parallax
