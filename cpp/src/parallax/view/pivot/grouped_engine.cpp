#include "parallax/view/pivot/grouped_engine.h"

#include <algorithm>
#include <numeric>

#include "parallax/core/error.h"
#include "parallax/view/aggregates/cell_values.h"
#include "parallax/view/column_source.h"
#include "parallax/view/pivot/cell_scalar.h"
#include "parallax/view/pivot/group_sort.h"

namespace parallax {

GroupedEngine::GroupedEngine(const Table& table, PivotSpec spec, const ViewConfig& config,
                             const ExpressionColumns& exprs)
    : spec_(std::move(spec)),
      exprs_(exprs),
      rows_(spec_.group_by.size()),
      cols_(spec_.split_by.size()),
      traversal_(spec_.group_by.size(), spec_.initial_depth) {
  TableColumnSource source(table, &exprs_);
  filter_ = RowFilter(source, config.filter, config.filter_or);
  for (auto& c : spec_.group_by) {
    const Field* f = source.field(c);
    row_col_.push_back(source.index(c));
    row_values_.emplace_back(f->type, f->wide);
  }
  for (auto& c : spec_.split_by) {
    const Field* f = source.field(c);
    split_col_.push_back(source.index(c));
    col_values_.emplace_back(f->type, f->wide);
  }
  std::vector<const Column*> values, args;
  for (auto& a : spec_.aggregates) {
    agg_col_.push_back(source.index(a.column));
    arg_col_.push_back(a.arg.empty() ? -1 : source.index(a.arg));
    values.push_back(table.column(agg_col_.back()).get());
    args.push_back(arg_col_.back() < 0 ? nullptr : table.column(arg_col_.back()).get());
  }
  lattice_ = std::make_unique<GridLattice>(spec_.group_by.size(), spec_.split_by.size(), spec_.aggregates, values,
                                           args);
  if (spec_.split_by.empty())
    for (size_t a = 0; a < spec_.outputs; ++a) paths_.push_back(spec_.aggregates[a].column);
  auto lock = table.read_lock();
  refresh(table);
}

std::vector<agg::AggregateInput> GroupedEngine::bind(const Table& table, bool count_nulls) const {
  std::vector<agg::AggregateInput> in(spec_.aggregates.size());
  for (size_t a = 0; a < in.size(); ++a) {
    in[a].value = table.column(agg_col_[a]).get();
    in[a].arg = arg_col_[a] < 0 ? nullptr : table.column(arg_col_[a]).get();
    in[a].value_has_nulls = !count_nulls || in[a].value->null_count() != 0;
    in[a].arg_has_nulls = !in[a].arg || !count_nulls || in[a].arg->null_count() != 0;
  }
  return in;
}

void GroupedEngine::encode_levels(const Table& table) {
  const size_t n = sel_.count;
  auto encode = [&](std::vector<LevelValues>& values, const std::vector<int>& cols, GroupTree& tree,
                    std::vector<std::vector<uint32_t>>& nodes) {
    nodes.resize(values.size());
    for (size_t k = 1; k <= values.size(); ++k) {
      const Column& col = *table.column(cols[k - 1]);
      // Level 1 nodes are the value codes: encode straight into the node array.
      std::vector<uint32_t>& codes = k == 1 ? nodes[0] : codes_;
      codes.resize(n);
      if (!values[k - 1].encode(col, sel_, codes.data())) {
        // The column's dictionary was replaced: every code changed meaning.
        rows_.clear();
        cols_.clear();
        lattice_->clear();
        leaf_seq_.clear();
      }
      nodes[k - 1].resize(n);
      tree.assign(k, k > 1 ? nodes[k - 2].data() : nullptr, codes.data(), values[k - 1].size(), nodes[k - 1].data(),
                  n);
    }
  };
  // One string / boolean level and every aggregate retractable: the leaf nodes
  // are computed block by block during aggregation instead (one pass over
  // memory). Live maintenance of the others needs every row's nodes.
  direct_ = row_values_.size() == 1 && col_values_.empty() && row_values_[0].direct() && lattice_->retractable();
  if (direct_) {
    const Column& col = *table.column(row_col_[0]);
    if (!row_values_[0].prepare(col)) {
      rows_.clear();
      lattice_->clear();
      leaf_seq_.clear();
    }
    rows_.assign(1, nullptr, nullptr, row_values_[0].size(), nullptr, 0);
    row_nodes_.assign(1, {});
    return;
  }
  encode(row_values_, row_col_, rows_, row_nodes_);
  encode(col_values_, split_col_, cols_, col_nodes_);
}

void GroupedEngine::refresh(const Table& table) {
  if (refreshed_ && table.version() == version_) return;
  const bool replayed = refreshed_ && incremental_ && replay(table);
  if (!replayed) recompute(table);
  refreshed_ = true;
  version_ = table.version();
  reorder(table, replayed);
}

void GroupedEngine::recompute(const Table& table) {
  touched_all_ = true;
  row_keep_.clear();
  col_keep_.clear();
  touched_.clear();
  TableColumnSource source(table, &exprs_);
  sel_ = select_rows(table, source, filter_);
  encode_levels(table);
  auto in = bind(table, true);
  GridLattice::LeafCells direct;
  if (direct_) {
    const Column* col = table.column(row_col_[0]).get();
    bool has_nulls = col->null_count() != 0;
    const LevelValues* lv = &row_values_[0];
    const RowSelection* sel = &sel_;
    direct = [=](size_t b, size_t e, uint32_t* scratch) {
      lv->encode_block(*col, has_nulls, *sel, b, e, scratch);
      return static_cast<const uint32_t*>(scratch);
    };
  }
  lattice_->compute(in, sel_, row_nodes_, col_nodes_, rows_, cols_, direct);
}

void GroupedEngine::reorder(const Table& table, bool replayed) {
  if (table.size() > 0) lattice_->set_data_seen(true);
  // Orders change when groups appear or vanish, or when they sort by values.
  const size_t R = rows_.depth(), C = cols_.depth();
  bool rows_shape = false, cols_shape = false;
  for (size_t k = 0; k <= R; ++k) rows_shape = rows_shape || lattice_->grid(k, 0).shape_changed;
  for (size_t j = 1; j <= C; ++j) cols_shape = cols_shape || lattice_->grid(0, j).shape_changed;
  if (rows_shape || cols_shape) update_leaf_order();
  lattice_->set_leaf_order(&leaf_seq_);
  lattice_->set_column_leaf_order(&col_leaf_rank_);
  if (replayed) {
    // Cells the change left stale are recomputed in the new leaf order, before
    // anything reads values (sorts, row deltas).
    if (!lattice_->retractable()) {
      GridLattice::PkeyOrder order;
      order.less = [&table](uint32_t a, uint32_t b) { return table.pkey_less(a, b); };
      order.all = [&table] { return table.rows_in_pkey_order(); };
      lattice_->refresh_stale(bind(table, false), order);
    }
    if (row_deltas_) {
      touched_ = lattice_->changed_rows(bind(table, false));
      touched_all_ = false;
    }
  }
  if (cols_shape || !spec_.column_sorts.empty()) order_columns(table);
  if (rows_shape || !spec_.row_sorts.empty()) order_rows(table);
  for (size_t k = 0; k <= R; ++k)
    for (size_t j = 0; j <= C; ++j) lattice_->grid(k, j).shape_changed = false;
}

void GroupedEngine::update_leaf_order() {
  // Split views: column leaves ranked by their value path.
  const size_t C = cols_.depth();
  if (C > 0) {
    std::vector<uint32_t> leaves(cols_.size(C));
    std::iota(leaves.begin(), leaves.end(), 0u);
    sort_by_path(cols_, col_values_, C, leaves);
    col_leaf_rank_.assign(leaves.size(), 0);
    for (size_t i = 0; i < leaves.size(); ++i) col_leaf_rank_[leaves[i]] = i;
  }
  // The reference numbers tree nodes as it creates them, and visits a node's
  // leaves in that order. Leaves created by one update are created in sorted
  // path order, after every existing one; a leaf that empties is dropped and
  // comes back as a new one.
  const size_t R = rows_.depth();
  if (!spec_.split_by.empty() || R == 0) return;
  const Grid& leaf = lattice_->grid(R, 0);
  leaf_seq_.resize(rows_.size(R), 0);
  std::vector<uint32_t> fresh;
  for (uint32_t x = 0; x < leaf.size(); ++x) {
    if (leaf.count[x] == 0) leaf_seq_[x] = 0;
    else if (leaf_seq_[x] == 0) fresh.push_back(x);
  }
  sort_by_path(rows_, row_values_, R, fresh);
  for (uint32_t x : fresh) leaf_seq_[x] = next_seq_++;
}

ColumnPtr GroupedEngine::new_output(size_t a, size_t n, const Table& table) const {
  const agg::AggregateTypes& t = spec_.aggregates[a].types;
  std::shared_ptr<Dictionary> dict;
  if (t.value == DType::String && !t.own_dictionary) dict = table.column(agg_col_[a])->dict();
  auto out = std::make_shared<Column>(t.value, t.wide, dict);
  out->resize_exact(n);
  return out;
}

ColumnPtr GroupedEngine::grid_values(const Table& table, size_t a, size_t k, size_t j) {
  const Grid& g = lattice_->grid(k, j);
  std::vector<uint32_t> cells(g.size());
  std::iota(cells.begin(), cells.end(), 0u);
  ColumnPtr out = new_output(a, cells.size(), table);
  agg::AggregateInput in = bind(table, false)[a];
  lattice_->finalize(a, k, j, in, cells.data(), cells.size(), *out, true);
  return out;
}

void GroupedEngine::order_rows(const Table& table) {
  const size_t R = rows_.depth();
  row_order_.offsets.assign(R, {});
  row_order_.children.assign(R, {});
  for (size_t k = 0; k < R; ++k) {
    const Grid& g = lattice_->grid(k + 1, 0);
    const uint32_t nparents = rows_.size(k), nchild = rows_.size(k + 1);
    std::vector<uint32_t> kids;
    for (uint32_t x = 0; x < nchild; ++x)
      if (g.count[x]) kids.push_back(x);
    // Within a level: by the row sorts (aggregates of this level), then by group value.
    const LevelValues& lv = row_values_[k];
    auto rank = [&](uint32_t x) { return lv.rank(rows_.code(k + 1, x)); };
    std::vector<ColumnPtr> held;
    std::vector<GroupSortKey> keys;
    for (const PivotSort& s : spec_.row_sorts) {
      held.push_back(grid_values(table, s.agg, k + 1, 0));
      keys.push_back({held.back().get(), s.dir});
    }
    // Siblings grouped by parent in value order (integer keys), then by the sorts.
    std::vector<std::pair<uint64_t, uint32_t>> keyed(kids.size());
    for (size_t i = 0; i < kids.size(); ++i)
      keyed[i] = {(uint64_t(rows_.parent(k + 1, kids[i])) << 32) | rank(kids[i]), kids[i]};
    std::sort(keyed.begin(), keyed.end());
    for (size_t i = 0; i < kids.size(); ++i) kids[i] = keyed[i].second;
    if (!keys.empty()) {
      for (size_t b = 0, e; b < kids.size(); b = e) {
        uint32_t p = rows_.parent(k + 1, kids[b]);
        for (e = b + 1; e < kids.size() && rows_.parent(k + 1, kids[e]) == p; ++e) {
        }
        sort_groups(keys, kids.data() + b, kids.data() + e);
      }
    }
    auto& off = row_order_.offsets[k];
    off.assign(size_t(nparents) + 1, 0);
    for (uint32_t x : kids) ++off[rows_.parent(k + 1, x) + 1];
    for (uint32_t p = 0; p < nparents; ++p) off[p + 1] += off[p];
    row_order_.children[k] = std::move(kids);
  }
  for (size_t k = 0; k <= R; ++k) {
    traversal_.resize(k, rows_.size(k));
    const Grid& g = lattice_->grid(k, 0);
    for (uint32_t x = 0; x < g.size(); ++x)
      if (g.count[x] == 0 && k > 0) traversal_.forget(k, x);
  }
  traversal_.rebuild(row_order_);
}

void GroupedEngine::order_columns(const Table& table) {
  const size_t C = cols_.depth();
  if (C == 0) return;
  groups_.clear();
  paths_.clear();
  // The column tree below the total row: the (0, j) grid's cells are the
  // column nodes with rows, and hold the values `col asc` / `col desc` sort by.
  std::vector<std::vector<uint32_t>> kids(C + 1);  // per level j >= 1: cells of grid (0, j)
  std::vector<ColumnPtr> held;
  std::vector<std::vector<GroupSortKey>> keys(C + 1);
  for (size_t j = 1; j <= C; ++j) {
    const Grid& g = lattice_->grid(0, j);
    for (uint32_t x = 0; x < g.size(); ++x)
      if (g.count[x]) kids[j].push_back(x);
    for (const PivotSort& s : spec_.column_sorts) {
      held.push_back(grid_values(table, s.agg, 0, j));
      keys[j].push_back({held.back().get(), s.dir});
    }
  }
  // Depth-first over the column tree, children sorted at every level.
  struct Item {
    size_t level;
    uint32_t node;  // column node at `level`
    std::string prefix;
  };
  std::vector<Item> stack{{0, 0, ""}};
  while (!stack.empty()) {
    Item it = std::move(stack.back());
    stack.pop_back();
    if (it.level == C) {
      groups_.push_back({it.node, it.prefix});
      continue;
    }
    size_t j = it.level + 1;
    const Grid& g = lattice_->grid(0, j);
    const LevelValues& lv = col_values_[j - 1];
    std::vector<uint32_t> mine;  // cells of grid (0, j) under this node
    for (uint32_t x : kids[j])
      if (cols_.parent(j, g.col_node(x)) == it.node) mine.push_back(x);
    auto rank = [&](uint32_t x) { return lv.rank(cols_.code(j, g.col_node(x))); };
    std::sort(mine.begin(), mine.end(), [&](uint32_t x, uint32_t y) { return rank(x) < rank(y); });
    sort_groups(keys[j], mine.data(), mine.data() + mine.size());
    for (size_t i = mine.size(); i-- > 0;) {
      uint32_t node = g.col_node(mine[i]);
      std::string prefix = it.prefix;
      lv.append_text(prefix, cols_.code(j, node));
      prefix += '|';
      stack.push_back({j, node, std::move(prefix)});
    }
  }
  for (auto& grp : groups_)
    for (size_t a = 0; a < spec_.outputs; ++a) paths_.push_back(grp.prefix + spec_.aggregates[a].column);
}

std::vector<OutputField> GroupedEngine::schema() const {
  // Hidden sort columns are part of the schema (obs), not of column_paths().
  // A split view whose filter leaves no column group has no schema at all
  // (T23), unless it sorts rows (obs).
  std::vector<OutputField> out;
  if (!spec_.split_by.empty() && groups_.empty() && spec_.row_sorts.empty()) return out;
  for (auto& a : spec_.aggregates) out.push_back({a.column, a.types.schema});
  return out;
}

ColumnPtr GroupedEngine::data_column(const Table& table, size_t a, const ColumnGroup* group, size_t r0, size_t r1,
                                     const size_t* pos) {
  const size_t n = r1 - r0, R = rows_.depth(), C = cols_.depth();
  ColumnPtr out = new_output(a, n, table);
  agg::AggregateInput in = bind(table, false)[a];
  // Rows at one level share a grid: finalize them together.
  std::vector<std::vector<uint32_t>> at(R + 1), cells(R + 1);
  for (size_t i = 0; i < n; ++i) {
    const Traversal::Row& r = traversal_.row(pos ? pos[i] : r0 + i);
    int64_t cell = group ? lattice_->grid(r.level, C).find(r.node, group->node) : int64_t(r.node);
    if (cell < 0 || (group && lattice_->grid(r.level, C).count.size() <= size_t(cell)) ||
        (group && lattice_->grid(r.level, C).count[cell] == 0)) {
      out->set_null(i);  // no row under this row and column group
      continue;
    }
    at[r.level].push_back(uint32_t(i));
    cells[r.level].push_back(uint32_t(cell));
  }
  for (size_t k = 0; k <= R; ++k) {
    if (at[k].empty()) continue;
    ColumnPtr tmp = new_output(a, at[k].size(), table);
    lattice_->finalize(a, k, group ? C : 0, in, cells[k].data(), cells[k].size(), *tmp);
    for (size_t m = 0; m < at[k].size(); ++m) out->copy_cell(at[k][m], *tmp, m);
  }
  return out;
}

Frame GroupedEngine::frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec&) {
  Frame f;
  const size_t n = r1 - r0, R = rows_.depth();
  f.num_rows = n;
  f.grouped = true;
  f.depth.resize(n);
  for (size_t i = 0; i < n; ++i) f.depth[i] = int32_t(traversal_.row(r0 + i).level);
  for (size_t k = 1; k <= R; ++k) {
    const LevelValues& lv = row_values_[k - 1];
    std::shared_ptr<Dictionary> dict = lv.type() == DType::String ? table.column(row_col_[k - 1])->dict() : nullptr;
    auto col = std::make_shared<Column>(lv.type(), lv.wide(), dict);
    col->resize_exact(n);
    for (size_t i = 0; i < n; ++i) {
      Traversal::Row r = traversal_.row(r0 + i);
      if (r.level < k) continue;  // stays null
      uint32_t node = r.node;
      for (size_t l = r.level; l > k; --l) node = rows_.parent(l, node);
      lv.write(rows_.code(k, node), *col, i);
    }
    f.row_path.push_back({spec_.group_by[k - 1], col, 0});
  }
  const size_t outs = spec_.outputs;
  for (size_t c = c0; c < c1; ++c) {
    const ColumnGroup* group = spec_.split_by.empty() ? nullptr : &groups_[c / outs];
    size_t a = spec_.split_by.empty() ? c : c % outs;
    f.columns.push_back({paths_[c], data_column(table, a, group, r0, r1), 0});
  }
  return f;
}

Frame GroupedEngine::delta_frame(const Table& table) {
  const std::vector<size_t> rows = touched_rows();
  Frame f;
  f.num_rows = rows.size();
  const size_t outs = spec_.outputs;
  for (size_t c = 0; c < paths_.size(); ++c) {
    const ColumnGroup* group = spec_.split_by.empty() ? nullptr : &groups_[c / outs];
    size_t a = spec_.split_by.empty() ? c : c % outs;
    f.columns.push_back({paths_[c], data_column(table, a, group, 0, rows.size(), rows.data()), 0});
  }
  return f;
}

std::pair<Scalar, Scalar> GroupedEngine::min_max(const Table& table, const std::string& column) {
  size_t a = 0;
  while (a < spec_.outputs && spec_.aggregates[a].column != column) ++a;
  if (a == spec_.outputs)
    throw_invalid("Could not find column index for `" + column + "` as it does not exist in the schema.");
  // Like t_ctx1::get_min_max: the deepest visible level that has a valid
  // value, over every visible row of that level (never the total row).
  const size_t R = rows_.depth();
  std::vector<const ColumnGroup*> groups;
  if (spec_.split_by.empty()) groups.push_back(nullptr);
  else
    for (auto& g : groups_) groups.push_back(&g);
  for (size_t depth = R; depth >= 1; --depth) {
    bool any = false;
    ColumnPtr lo_col, hi_col;
    size_t lo = 0, hi = 0;
    uint64_t lo_key = 0, hi_key = 0;
    for (const ColumnGroup* g : groups) {
      ColumnPtr vals = data_column(table, a, g, 0, traversal_.size());
      std::shared_ptr<const std::vector<int32_t>> ranks;
      if (vals->type() == DType::String) ranks = vals->dict()->sort_ranks();
      for (size_t i = 0; i < traversal_.size(); ++i) {
        if (traversal_.row(i).level != depth || !vals->is_valid(i)) continue;
        uint64_t key = agg::cell_order_bits(*vals, uint32_t(i), ranks.get());
        if (!any || key < lo_key) lo_col = vals, lo = i, lo_key = key;
        if (!any || key > hi_key) hi_col = vals, hi = i, hi_key = key;
        any = true;
      }
    }
    if (!any) continue;
    return {cell_scalar(*lo_col, lo), cell_scalar(*hi_col, hi)};
  }
  return {};
}

int64_t GroupedEngine::expand(size_t row) {
  if (!spec_.split_by.empty() && row < traversal_.size() && traversal_.row(row).level >= rows_.depth())
    return int64_t(row);  // the reference's ctx2 answers with the row index
  return traversal_.expand(row, row_order_);
}

int64_t GroupedEngine::collapse(size_t row) { return traversal_.collapse(row, row_order_); }

void GroupedEngine::set_depth(int depth) { traversal_.set_depth(depth, row_order_); }

}  // namespace parallax
