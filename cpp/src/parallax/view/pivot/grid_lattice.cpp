#include "parallax/view/pivot/grid_lattice.h"

#include <algorithm>
#include <numeric>

#include "parallax/core/parallel.h"
#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/pivot/parallel_map.h"

namespace parallax {

GridLattice::GridLattice(size_t row_levels, size_t col_levels, const std::vector<PivotAggregate>& aggs,
                         const std::vector<const Column*>& sample_inputs, const std::vector<const Column*>& sample_args)
    : R_(row_levels), C_(col_levels), aggs_(aggs) {
  for (size_t a = 0; a < aggs_.size(); ++a) {
    if (!aggs_[a].def->make) throw_invalid("Not implemented");
    prototypes_.push_back(aggs_[a].def->make(*sample_inputs[a], sample_args[a]));
  }
  for (size_t k = 0; k <= R_; ++k)
    for (size_t j = 0; j <= C_; ++j) grids_.push_back(std::make_unique<Grid>(k, j));
  make_accumulators();
}

void GridLattice::make_accumulators() {
  for (auto& g : grids_) {
    g->acc.clear();
    for (auto& p : prototypes_) g->acc.push_back(p->make_empty());
  }
}

void GridLattice::clear() {
  for (auto& g : grids_) g->clear();
  make_accumulators();
  live_ = false;
}

void GridLattice::compute(const std::vector<agg::AggregateInput>& inputs, const RowSelection& sel,
                          const std::vector<std::vector<uint32_t>>& row_nodes,
                          const std::vector<std::vector<uint32_t>>& col_nodes, const GroupTree& rows,
                          const GroupTree& cols, const LeafCells& direct) {
  sel_ = &sel;
  row_nodes_ = &row_nodes;
  col_nodes_ = &col_nodes;
  live_ = false;
  tracking_ = false;
  for (size_t k = 0; k <= R_; ++k) grid(k, 0).set_identity_size(rows.size(k));
  for (auto& g : grids_) {
    g->rows_ready = false;
    g->shape_changed = true;
    g->row_up.clear();
    g->col_up.clear();
  }
  // Leaf cells of the selected rows.
  Grid& leaf = grid(R_, C_);
  if (C_ > 0) {
    const uint32_t* rl = R_ ? row_nodes[R_ - 1].data() : nullptr;
    const uint32_t* cl = col_nodes[C_ - 1].data();
    leaf_cells_.resize(sel.count);
    map_rows(
        sel.count, leaf_cells_.data(),
        [&](size_t i) {
          int64_t c = leaf.find(rl ? rl[i] : 0, cl[i]);
          return c < 0 ? kMiss : uint32_t(c);
        },
        [&](size_t i) { return leaf.find_or_add(rl ? rl[i] : 0, cl[i]); });
  }
  // Every selected row's leaf cell is remembered (leaf_of_), so folding a
  // row out later needs neither its old group values nor a cell lookup.
  uint32_t rid_end = 0;
  if (sel.identity) rid_end = sel.first + uint32_t(sel.count);
  else
    for (uint32_t r : sel.rids) rid_end = std::max(rid_end, r + 1);
  leaf_of_.assign(rid_end, 0);
  // Room for the rows a stream adds later: reserved, not touched until used.
  leaf_of_.reserve(size_t(rid_end) + rid_end / 2);
  LeafCells cells_of = direct;
  if (cells_of) {
    cells_of = [this, &direct, &sel](size_t b, size_t e, uint32_t* scratch) {
      const uint32_t* cells = direct(b, e, scratch);
      for (size_t i = b; i < e; ++i) leaf_of_[sel.rid(i)] = cells[i - b];
      return cells;
    };
  } else {
    const uint32_t* cells = C_ > 0 ? leaf_cells_.data() : (R_ ? row_nodes[R_ - 1].data() : nullptr);
    if (cells) {
      cells_of = [cells](size_t b, size_t, uint32_t*) { return cells + b; };
    } else {  // no pivot level at all: every row in the root cell
      cells_of = [](size_t b, size_t e, uint32_t* scratch) {
        std::fill(scratch, scratch + (e - b), 0u);
        return static_cast<const uint32_t*>(scratch);
      };
    }
    if (cells)
      for (size_t i = 0; i < sel.count; ++i) leaf_of_[sel.rid(i)] = cells[i];
  }
  accumulate_leaf(inputs, cells_of);
  // Every other grid rolls up one child: a row level up, or (at the leaf row
  // level) a column level up.
  for (size_t j = C_ + 1; j-- > 0;) {
    for (size_t k = R_ + 1; k-- > 0;) {
      if (k == R_ && j == C_) continue;
      if (k < R_) roll_up(grid(k + 1, j), grid(k, j), true, rows, cols);
      else roll_up(grid(R_, j + 1), grid(R_, j), false, rows, cols);
    }
  }
  link_up_maps(rows, cols);
}

bool GridLattice::retractable() const {
  for (auto& p : prototypes_)
    if (p->needs_rows() || !p->can_retract()) return false;
  return true;
}

bool GridLattice::fold(int sign, const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows,
                       const uint32_t* rids, const std::vector<std::vector<uint32_t>>& row_nodes,
                       const std::vector<std::vector<uint32_t>>& col_nodes, const GroupTree& rtree) {
  if (!live_ && !retractable()) return false;  // nothing recorded to recompute cells from
  const size_t n = rows.n, W = C_ + 1;
  // The cell of every row in every grid; grids grow to hold new cells.
  std::vector<std::vector<uint32_t>> cells(grids_.size());
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Grid& g = grid(k, j);
      std::vector<uint32_t>& cell = cells[k * W + j];
      cell.resize(n);
      if (g.identity()) {
        g.set_identity_size(rtree.size(k));
        for (size_t i = 0; i < n; ++i) cell[i] = k ? row_nodes[k - 1][i] : 0;
      } else {
        for (size_t i = 0; i < n; ++i) {
          uint32_t r = k ? row_nodes[k - 1][i] : 0, c = col_nodes[j - 1][i];
          if (sign > 0) {
            cell[i] = g.find_or_add(r, c);
          } else {
            int64_t x = g.find(r, c);
            if (x < 0) return false;
            cell[i] = uint32_t(x);
          }
        }
      }
    }
  }
  return fold_cells(sign, inputs, rows, rids, cells);
}

bool GridLattice::fold_out_remembered(const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows,
                                      const uint32_t* rids) {
  if (!live_ && !retractable()) return false;
  const size_t n = rows.n, W = C_ + 1;
  std::vector<std::vector<uint32_t>> cells(grids_.size());
  // The leaf cell each row was folded into, then every coarser cell through
  // the up links: a row level up within a column level, and at the leaf row
  // level a column level up (the roll-up order of compute()).
  std::vector<uint32_t>& leaf = cells[R_ * W + C_];
  leaf.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (rids[i] >= leaf_of_.size()) return false;
    leaf[i] = leaf_of_[rids[i]];
  }
  for (size_t j = C_ + 1; j-- > 0;) {
    for (size_t k = R_ + 1; k-- > 0;) {
      if (k == R_ && j == C_) continue;
      const bool by_row = k < R_;
      const Grid& child = by_row ? grid(k + 1, j) : grid(R_, j + 1);
      const std::vector<uint32_t>& up = by_row ? child.row_up : child.col_up;
      const std::vector<uint32_t>& from = by_row ? cells[(k + 1) * W + j] : cells[R_ * W + j + 1];
      std::vector<uint32_t>& cell = cells[k * W + j];
      cell.resize(n);
      for (size_t i = 0; i < n; ++i) {
        if (from[i] >= up.size()) return false;
        cell[i] = up[from[i]];
      }
    }
  }
  return fold_cells(-1, inputs, rows, rids, cells);
}

bool GridLattice::remembered_leaves(const uint32_t* rids, size_t n, uint32_t* row_leaf, uint32_t* col_leaf) const {
  const Grid& leaf = grid(R_, C_);
  for (size_t i = 0; i < n; ++i) {
    if (rids[i] >= leaf_of_.size() || leaf_of_[rids[i]] >= leaf.size()) return false;
    row_leaf[i] = leaf.row_node(leaf_of_[rids[i]]);
    col_leaf[i] = leaf.col_node(leaf_of_[rids[i]]);
  }
  return true;
}

bool GridLattice::fold_cells(int sign, const std::vector<agg::AggregateInput>& inputs, const agg::RowRun& rows,
                             const uint32_t* rids, const std::vector<std::vector<uint32_t>>& cells) {
  const size_t n = rows.n, W = C_ + 1;
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Grid& g = grid(k, j);
      const std::vector<uint32_t>& cell = cells[k * W + j];
      const uint32_t m = g.size();
      if (g.count.size() < m) g.count.resize(m, 0);
      if (k > 0 && g.row_up.size() < m) g.row_up.resize(m, 0);
      if (j > 0 && g.col_up.size() < m) g.col_up.resize(m, 0);
      for (auto& a : g.acc) a->resize(m);
      g.rows_ready = false;
      if (tracking_ && j == C_) note_cells(k, cell, inputs);
      if (sign < 0)
        for (size_t i = 0; i < n; ++i)
          if (cell[i] >= m || g.count[cell[i]] == 0) return false;
    }
  }
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Grid& g = grid(k, j);
      const std::vector<uint32_t>& cell = cells[k * W + j];
      Live* l = live_ ? &live_grids_[k * W + j] : nullptr;
      if (sign > 0) {
        for (size_t i = 0; i < n; ++i) {
          if (g.count[cell[i]]++ == 0) g.shape_changed = true;
          if (k > 0) g.row_up[cell[i]] = cells[(k - 1) * W + j][i];
          if (j > 0) g.col_up[cell[i]] = cells[k * W + j - 1][i];
        }
        for (size_t a = 0; a < g.acc.size(); ++a) {
          if (g.acc[a]->can_retract()) g.acc[a]->add(inputs[a], rows, cell.data());
          else g.acc[a]->fold_or_invalidate(+1, inputs[a], rows, rids, cell.data(), l->stale[a]);
        }
        for (size_t i = 0; i < n && l; ++i) member_add(*l, cell[i], rids[i]);
        if (k == R_ && j == C_)
          for (size_t i = 0; i < n; ++i) {
            if (rids[i] >= leaf_of_.size()) leaf_of_.resize(size_t(rids[i]) + 1, 0);
            leaf_of_[rids[i]] = cell[i];
          }
      } else {
        for (size_t a = 0; a < g.acc.size(); ++a) {
          if (g.acc[a]->can_retract()) g.acc[a]->retract(inputs[a], rows, cell.data());
          else g.acc[a]->fold_or_invalidate(-1, inputs[a], rows, rids, cell.data(), l->stale[a]);
        }
        for (size_t i = 0; i < n; ++i)
          if (--g.count[cell[i]] == 0) {
            g.shape_changed = true;
            for (auto& a : g.acc) a->clear_group(cell[i]);
          }
        for (size_t i = 0; i < n && l; ++i)
          if (!member_remove(*l, cell[i], rids[i])) return false;
      }
    }
  }
  return true;
}

void GridLattice::begin_tracking(size_t outputs) {
  tracking_ = true;
  tracked_outputs_ = outputs;
  tracked_.assign(R_ + 1, Tracked{});
  // Values are compared only where every shown aggregate retracts: the
  // others' state names rows whose cells the table has already overwritten,
  // so their touched cells all count as changed (a superset of the rows
  // whose values changed; never one missed).
  tracked_exact_ = true;
  for (size_t a = 0; a < outputs; ++a) tracked_exact_ = tracked_exact_ && prototypes_[a]->can_retract();
}

std::vector<uint64_t> GridLattice::value_bits(size_t a, size_t k, const agg::AggregateInput& input,
                                              const std::vector<uint32_t>& cells) {
  const agg::AggregateTypes& t = aggs_[a].types;
  Column out(t.value, t.wide, nullptr);
  out.resize_exact(cells.size());
  finalize(a, k, C_, input, cells.data(), cells.size(), out);
  std::vector<uint64_t> bits(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    if (!out.is_valid(i)) {
      bits[i] = ~uint64_t(0) - 1;  // null (distinct from any value bits below)
      continue;
    }
    switch (out.width()) {
      case 1: bits[i] = out.get<uint8_t>(i); break;
      case 4: bits[i] = uint32_t(out.get<int32_t>(i)); break;
      default: bits[i] = uint64_t(out.get<int64_t>(i)); break;
    }
  }
  return bits;
}

void GridLattice::note_cells(size_t k, const std::vector<uint32_t>& cells,
                             const std::vector<agg::AggregateInput>& inputs) {
  Tracked& t = tracked_[k];
  const Grid& g = grid(k, C_);
  std::vector<uint32_t> fresh;
  for (uint32_t c : cells) {
    if (t.seen.find(c) >= 0) continue;
    t.seen.put(c, uint32_t(t.cells.size()));
    t.cells.push_back(c);
    bool existed = c < g.count.size() && g.count[c] > 0;
    t.existed.push_back(existed);
    if (existed) fresh.push_back(c);
  }
  if (fresh.empty() || !tracked_exact_) return;
  t.before.resize(tracked_outputs_);
  for (size_t a = 0; a < tracked_outputs_; ++a) {
    std::vector<uint64_t> b = value_bits(a, k, inputs[a], fresh);
    t.before[a].insert(t.before[a].end(), b.begin(), b.end());
  }
}

std::vector<std::vector<uint32_t>> GridLattice::changed_rows(const std::vector<agg::AggregateInput>& inputs) {
  std::vector<std::vector<uint32_t>> out(R_ + 1);
  for (size_t k = 0; k <= R_ && tracking_; ++k) {
    Tracked& t = tracked_[k];
    const Grid& g = grid(k, C_);
    std::vector<uint32_t> existing;  // cells that had rows before and still have
    std::vector<size_t> slot;        // their index into t.before
    size_t b = 0;
    for (size_t i = 0; i < t.cells.size(); ++i) {
      const uint32_t c = t.cells[i];
      const bool now = g.count[c] > 0;
      if (t.existed[i]) {
        if (now) existing.push_back(c), slot.push_back(b);
        ++b;
      } else if (now) {
        out[k].push_back(g.row_node(c));  // a new cell
      }
    }
    std::vector<uint8_t> changed(existing.size(), !tracked_exact_);
    for (size_t a = 0; a < tracked_outputs_ && !existing.empty() && tracked_exact_; ++a) {
      std::vector<uint64_t> after = value_bits(a, k, inputs[a], existing);
      for (size_t i = 0; i < existing.size(); ++i) changed[i] |= after[i] != t.before[a][slot[i]];
    }
    for (size_t i = 0; i < existing.size(); ++i)
      if (changed[i]) out[k].push_back(g.row_node(existing[i]));
    std::sort(out[k].begin(), out[k].end());
    out[k].erase(std::unique(out[k].begin(), out[k].end()), out[k].end());
  }
  tracking_ = false;
  tracked_.clear();
  return out;
}

void GridLattice::accumulate_leaf(const std::vector<agg::AggregateInput>& inputs, const LeafCells& cells_of) {
  Grid& leaf = grid(R_, C_);
  const size_t n = sel_->count;
  const uint32_t ncells = leaf.size();
  for (auto& a : leaf.acc) a->reset(ncells);
  leaf.count.assign(ncells, 0);

  std::vector<size_t> streaming;
  for (size_t a = 0; a < leaf.acc.size(); ++a)
    if (!leaf.acc[a]->needs_rows()) streaming.push_back(a);

  // Rows go through in blocks small enough for the cache, so the count and
  // every aggregate of a block read its cells and values from L1/L2 and the
  // whole pass streams memory about once.
  auto run = [&](size_t b0, size_t e0, uint32_t* cnt, std::vector<agg::GroupsAccumulator*>& accs) {
    std::vector<uint32_t> scratch(kBlock);
    for (size_t b = b0; b < e0; b += kBlock) {
      size_t e = std::min(e0, b + kBlock);
      const uint32_t* cells = cells_of(b, e, scratch.data());
      for (size_t i = 0; i < e - b; ++i) ++cnt[cells[i]];
      agg::RowRun rows = sel_->run(b, e);
      for (size_t s = 0; s < streaming.size(); ++s) accs[s]->add(inputs[streaming[s]], rows, cells);
    }
  };
  Chunking ch = Chunking::of(n, ncells);
  if (ch.chunks == 1) {
    std::vector<agg::GroupsAccumulator*> accs;
    for (size_t a : streaming) accs.push_back(leaf.acc[a].get());
    run(0, n, leaf.count.data(), accs);
    return;
  }
  // Fixed chunks with their own partial state, combined in chunk order: the
  // result does not depend on the number of threads.
  std::vector<std::vector<uint32_t>> counts(ch.chunks);
  std::vector<std::vector<std::unique_ptr<agg::GroupsAccumulator>>> parts(ch.chunks);
  parallel_for(ch.chunks, 1, [&](size_t c0, size_t c1, int) {
    for (size_t c = c0; c < c1; ++c) {
      counts[c].assign(ncells, 0);
      std::vector<agg::GroupsAccumulator*> accs;
      for (size_t a : streaming) {
        parts[c].push_back(leaf.acc[a]->make_empty());
        parts[c].back()->resize(ncells);
        accs.push_back(parts[c].back().get());
      }
      run(ch.begin(c), ch.end(c), counts[c].data(), accs);
    }
  });
  for (size_t c = 0; c < ch.chunks; ++c) {
    for (uint32_t g = 0; g < ncells; ++g) leaf.count[g] += counts[c][g];
    for (size_t s = 0; s < streaming.size(); ++s) leaf.acc[streaming[s]]->combine(*parts[c][s]);
  }
}

void GridLattice::roll_up(Grid& child, Grid& target, bool row_direction, const GroupTree& rows,
                          const GroupTree& cols) {
  const uint32_t n = child.size();
  std::vector<uint32_t>& up = row_direction ? child.row_up : child.col_up;
  up.assign(n, 0);
  const size_t k = child.row_level(), j = child.col_level();
  for (uint32_t x = 0; x < n; ++x) {
    if (child.count[x] == 0) continue;
    uint32_t r = child.row_node(x), c = child.col_node(x);
    up[x] = row_direction ? target.find_or_add(rows.parent(k, r), c) : target.find_or_add(r, cols.parent(j, c));
  }
  const uint32_t m = target.size();
  target.count.assign(m, 0);
  for (uint32_t x = 0; x < n; ++x) target.count[up[x]] += child.count[x];
  for (size_t a = 0; a < target.acc.size(); ++a) {
    target.acc[a]->reset(m);
    target.acc[a]->rollup(*child.acc[a], up.data(), n);
  }
}

void GridLattice::link_up_maps(const GroupTree& rows, const GroupTree& cols) {
  for (size_t k = 0; k <= R_; ++k) {
    for (size_t j = 0; j <= C_; ++j) {
      Grid& g = grid(k, j);
      const uint32_t n = g.size();
      if (k > 0 && g.row_up.empty()) {
        const Grid& t = grid(k - 1, j);
        g.row_up.assign(n, 0);
        for (uint32_t x = 0; x < n; ++x)
          if (g.count[x]) g.row_up[x] = uint32_t(t.find(rows.parent(k, g.row_node(x)), g.col_node(x)));
      }
      if (j > 0 && g.col_up.empty()) {
        const Grid& t = grid(k, j - 1);
        g.col_up.assign(n, 0);
        for (uint32_t x = 0; x < n; ++x)
          if (g.count[x]) g.col_up[x] = uint32_t(t.find(g.row_node(x), cols.parent(j, g.col_node(x))));
      }
    }
  }
}

std::vector<uint32_t> GridLattice::selection_cells(size_t k, size_t j) const {
  std::vector<uint32_t> cell(sel_->count, 0);
  if (C_ == 0) {
    if (k > 0) cell = (*row_nodes_)[k - 1];
  } else {
    cell = leaf_cells_;
    for (size_t kk = R_; kk > k; --kk) {
      const auto& up = grid(kk, C_).row_up;
      for (auto& c : cell) c = up[c];
    }
    for (size_t jj = C_; jj > j; --jj) {
      const auto& up = grid(k, jj).col_up;
      for (auto& c : cell) c = up[c];
    }
  }
  return cell;
}

void GridLattice::ensure_rows(size_t k, size_t j) {
  Grid& g = grid(k, j);
  if (g.rows_ready) return;
  const size_t n = sel_->count;
  const std::vector<uint32_t> cell = selection_cells(k, j);
  // Visit order: without split_by, leaf by leaf in creation order, rows by
  // pkey within a leaf (a stable sort by leaf rank). With split_by the
  // reference keeps one tree per row depth whose leaves are the (row, column
  // leaf) cells: their rows are in pkey order, and a coarser cell visits its
  // column leaves in path order.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  if (C_ == 0 && R_ > 0 && leaf_seq_ && k < R_) {
    const auto& leaf = (*row_nodes_)[R_ - 1];
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return (*leaf_seq_)[leaf[a]] < (*leaf_seq_)[leaf[b]]; });
  } else if (C_ > 0 && j < C_ && col_leaf_rank_) {
    const auto& leaf = (*col_nodes_)[C_ - 1];
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return (*col_leaf_rank_)[leaf[a]] < (*col_leaf_rank_)[leaf[b]]; });
  }
  const uint32_t m = g.size();
  g.row_offsets.assign(size_t(m) + 1, 0);
  for (uint32_t x = 0; x < m; ++x) g.row_offsets[x + 1] = g.row_offsets[x] + g.count[x];
  std::vector<uint32_t> fill(g.row_offsets.begin(), g.row_offsets.end() - 1);
  g.row_list.resize(n);
  const bool leaves = C_ == 0 && R_ > 0;
  g.row_leaves.resize(leaves ? n : 0);
  for (uint32_t i : order) {
    uint32_t at = fill[cell[i]]++;
    g.row_list[at] = sel_->rid(i);
    if (leaves) g.row_leaves[at] = (*row_nodes_)[R_ - 1][i];
  }
  g.rows_ready = true;
}

void GridLattice::finalize(size_t a, size_t k, size_t j, const agg::AggregateInput& input, const uint32_t* cells,
                           size_t n, Column& out, bool stored) {
  Grid& g = grid(k, j);
  agg::GroupsAccumulator& acc = *g.acc[a];
  agg::FinalizeContext ctx;
  ctx.input = &input;
  ctx.row_counts = g.count.data();
  agg::GroupRows rows;
  const Column* cached = live_ ? live_grids_[k * (C_ + 1) + j].cache[a].get() : nullptr;
  if (cached) {
    for (size_t i = 0; i < n; ++i) {
      if (cells[i] < cached->size()) out.copy_cell(i, *cached, cells[i]);
      else out.set_null(i);
    }
  } else if (acc.needs_rows()) {
    ensure_rows(k, j);
    rows = g.rows();
    ctx.rows = &rows;
  }
  if (j > 0) {
    ctx.parent = grid(k, j - 1).acc[a].get();
    ctx.parent_of = g.col_up.data();
  } else if (k > 0) {
    ctx.parent = grid(k - 1, 0).acc[a].get();
    ctx.parent_of = g.row_up.data();
  }
  ctx.root = grid(0, 0).acc[a].get();
  ctx.leaf_level = C_ == 0 ? k == R_ : j == C_;
  ctx.stored = stored;
  if (!cached) acc.finalize(ctx, cells, n, out);
  // An empty cell is only ever the grand total with no selected row.
  for (size_t i = 0; i < n; ++i) {
    if (g.count[cells[i]] != 0) continue;
    if (!data_seen_) {
      out.set_null(i);
      continue;
    }
    switch (aggs_[a].def->empty) {
      case agg::EmptyResult::Null: out.set_null(i); break;
      case agg::EmptyResult::Zero: agg::write_zero(out, i); break;
      case agg::EmptyResult::True: out.set<uint8_t>(i, 1); break;
      case agg::EmptyResult::Hundred: out.set<double>(i, 100.0); break;
    }
  }
}

}  // namespace parallax
