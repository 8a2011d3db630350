#include "parallax/view/pivot/split_only_engine.h"

#include <algorithm>
#include <numeric>

#include "parallax/core/error.h"
#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/aggregates/cell_values.h"
#include "parallax/view/column_source.h"
#include "parallax/view/pivot/cell_scalar.h"

namespace parallax {

SplitOnlyEngine::SplitOnlyEngine(const Table& table, PivotSpec spec, const ViewConfig& config,
                                 const ExpressionColumns& exprs)
    : spec_(std::move(spec)), exprs_(exprs), cols_(spec_.split_by.size()) {
  TableColumnSource source(table, &exprs_);
  filter_ = RowFilter(source, config.filter, config.filter_or);
  for (auto& c : spec_.split_by) {
    const Field* f = source.field(c);
    split_col_.push_back(source.index(c));
    values_.emplace_back(f->type, f->wide);
  }
  for (auto& a : spec_.aggregates) agg_col_.push_back(source.index(a.column));
  tracked_.assign(spec_.aggregates.size(), 0);
  for (const PivotSort& ps : spec_.column_sorts) tracked_[ps.agg] = 1;
  first_.resize(spec_.aggregates.size());
  for (const PivotSort& ps : spec_.row_sorts)
    strict_sort_ = strict_sort_ && (ps.dir == SortDir::Asc || ps.dir == SortDir::Desc);
  auto lock = table.read_lock();
  refresh(table);
}

void SplitOnlyEngine::shown(const Column& col, uint32_t rid, Column& out, size_t o) {
  if (agg::cell_truthy(col, rid)) out.copy_cell(o, col, rid);
  else agg::write_zero(out, o);
}

void SplitOnlyEngine::grow(size_t rids) {
  if (rids <= leaf_of_.size()) return;
  leaf_of_.resize(rids, kNone);
  selected_.resize(rids, 0);
  if (prints_ready_) prints_.resize(rids, 0);
  for (auto& c : sort_values_) c->resize(rids);
}

void SplitOnlyEngine::refresh(const Table& table) {
  if (refreshed_ && table.version() == version_) return;
  std::optional<NetChange> net;
  if (refreshed_ && incremental_) net = table.replayable_change(version_);
  refreshed_ = true;
  version_ = table.version();
  delta_all_ = true;
  delta_total_ = false;
  delta_rids_.clear();
  if (net && replay(table, *net)) return;
  recompute(table);
}

void SplitOnlyEngine::recompute(const Table& table) {
  TableColumnSource source(table, &exprs_);
  RowSelection sel = select_rows(table, source, filter_);
  const size_t n = sel.count, C = values_.size();
  // Codes of every level first: a new dictionary invalidates the whole tree.
  std::vector<std::vector<uint32_t>> codes(C, std::vector<uint32_t>(n));
  bool kept = true;
  for (size_t j = 0; j < C; ++j) kept = values_[j].encode(*table.column(split_col_[j]), sel, codes[j].data()) && kept;
  if (!kept) cols_.clear();
  std::vector<std::vector<uint32_t>> nodes(C);
  for (size_t j = 1; j <= C; ++j) {
    nodes[j - 1].resize(n);
    cols_.assign(j, j > 1 ? nodes[j - 2].data() : nullptr, codes[j - 1].data(), values_[j - 1].size(),
                 nodes[j - 1].data(), n);
  }
  const std::vector<uint32_t>& leaf = nodes[C - 1];
  std::vector<uint32_t> rids(n);
  for (size_t i = 0; i < n; ++i) rids[i] = sel.rid(i);
  const size_t top = n ? size_t(*std::max_element(rids.begin(), rids.end())) + 1 : 0;
  leaf_of_.assign(std::max(top, leaf_of_.size()), kNone);
  selected_.assign(leaf_of_.size(), 0);
  leaf_rows_.assign(cols_.size(C), 0);
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = rids[i];
    leaf_of_[r] = leaf[i];
    selected_[r] = 1;
    ++leaf_rows_[leaf[i]];
  }
  sel_ = std::move(rids);
  scan_first_truthy(table, nullptr);
  order_columns(table);
  sort_values_.clear();
  sort_keys_.clear();
  if (!spec_.row_sorts.empty()) {
    for (const PivotSort& ps : spec_.row_sorts) {
      const Column& src = agg_source(table, ps.agg);
      sort_values_.push_back(std::make_shared<Column>(src.type(), src.wide(), src.dict()));
      sort_values_.back()->resize(leaf_of_.size());
      sort_keys_.push_back({sort_values_.back().get(), ps.dir});
    }
    write_sort_values(table, sel_);
    sort_rows(table);
  }
  prints_ready_ = false;
  if (row_deltas_) prime_deltas(table);
}

void SplitOnlyEngine::scan_first_truthy(const Table& table, const std::vector<uint8_t>* only) {
  // One pass over the selection in pkey order, ending once every wanted
  // (aggregate, leaf) has its row: usually near the start.
  const size_t leaves = cols_.size(values_.size());
  size_t missing = 0;
  std::vector<const Column*> src(spec_.aggregates.size(), nullptr);
  for (size_t a = 0; a < tracked_.size(); ++a) {
    if (!tracked_[a]) continue;
    src[a] = &agg_source(table, a);
    first_[a].resize(leaves, kNone);
    for (uint32_t x = 0; x < leaves; ++x) {
      if (only && !(x < only->size() && (*only)[x])) continue;
      first_[a][x] = kNone;
      missing += leaf_rows_[x] > 0;
    }
  }
  for (size_t i = 0; i < sel_.size() && missing > 0; ++i) {
    const uint32_t r = sel_[i], x = leaf_of_[r];
    if (only && !(x < only->size() && (*only)[x])) continue;
    for (size_t a = 0; a < src.size(); ++a) {
      if (!src[a] || first_[a][x] != kNone || !agg::cell_truthy(*src[a], r)) continue;
      first_[a][x] = r;
      --missing;
    }
  }
}

void SplitOnlyEngine::order_columns(const Table& table) {
  const size_t C = values_.size();
  // Column nodes with rows, each parent's children, and the `any` of each
  // column sort per node: the first truthy cell of its leaves in path order.
  std::vector<std::vector<uint8_t>> used(C + 1);
  for (size_t j = 1; j <= C; ++j) used[j].assign(cols_.size(j), 0);
  std::vector<uint32_t> leaves;
  for (uint32_t x = 0; x < cols_.size(C); ++x) {
    if (x >= leaf_rows_.size() || leaf_rows_[x] == 0) continue;
    leaves.push_back(x);
    uint32_t node = x;
    for (size_t j = C; j >= 1 && !used[j][node]; --j) {
      used[j][node] = 1;
      node = cols_.parent(j, node);
    }
  }
  std::vector<std::vector<std::vector<uint32_t>>> kids(C + 1);
  for (size_t j = 1; j <= C; ++j) {
    kids[j].resize(cols_.size(j - 1));
    for (uint32_t x = 0; x < cols_.size(j); ++x)
      if (used[j][x]) kids[j][cols_.parent(j, x)].push_back(x);
  }
  const size_t S = spec_.column_sorts.size();
  std::vector<std::vector<std::vector<uint32_t>>> first(S);
  if (S > 0) {
    sort_by_path(cols_, values_, C, leaves);
    for (size_t s = 0; s < S; ++s) {
      first[s].resize(C + 1);
      for (size_t j = 1; j <= C; ++j) first[s][j].assign(cols_.size(j), kNone);
      for (uint32_t x : leaves) {
        const uint32_t r = first_[spec_.column_sorts[s].agg][x];
        if (r == kNone) continue;
        uint32_t node = x;
        for (size_t j = C; j >= 1; --j) {
          if (first[s][j][node] == kNone) first[s][j][node] = r;
          node = cols_.parent(j, node);
        }
      }
    }
  }
  // Column leaves, depth first; siblings by value, then stably by the column sorts.
  leaves_.clear();
  paths_.clear();
  struct Item {
    size_t level;
    uint32_t node;
    std::string prefix;
  };
  std::vector<Item> stack{{0, 0, ""}};
  while (!stack.empty()) {
    Item it = std::move(stack.back());
    stack.pop_back();
    if (it.level == C) {
      leaves_.push_back(it.node);
      for (size_t a = 0; a < spec_.outputs; ++a) paths_.push_back(it.prefix + spec_.aggregates[a].column);
      continue;
    }
    const size_t j = it.level + 1;
    std::vector<uint32_t> sibs = kids[j][it.node];
    const LevelValues& lv = values_[j - 1];
    std::sort(sibs.begin(), sibs.end(), [&](uint32_t x, uint32_t y) {
      return lv.rank(cols_.code(j, x)) < lv.rank(cols_.code(j, y));
    });
    if (S > 0) {
      std::vector<ColumnPtr> held;
      std::vector<GroupSortKey> keys;
      for (size_t s = 0; s < S; ++s) {
        const Column& src = agg_source(table, spec_.column_sorts[s].agg);
        auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
        col->resize_exact(cols_.size(j));
        for (uint32_t x : sibs) {
          const uint32_t r = first[s][j][x];
          if (r != kNone) col->copy_cell(x, src, r);
          else agg::write_zero(*col, x);
        }
        held.push_back(col);
        keys.push_back({col.get(), spec_.column_sorts[s].dir});
      }
      std::stable_sort(sibs.begin(), sibs.end(), [&](uint32_t x, uint32_t y) { return group_less(keys, x, y); });
    }
    for (size_t i = sibs.size(); i-- > 0;) {
      std::string prefix = it.prefix;
      lv.append_text(prefix, cols_.code(j, sibs[i]));
      prefix += '|';
      stack.push_back({j, sibs[i], std::move(prefix)});
    }
  }
}

void SplitOnlyEngine::write_sort_values(const Table& table, const std::vector<uint32_t>& rids) {
  for (size_t k = 0; k < sort_values_.size(); ++k) {
    const Column& src = agg_source(table, spec_.row_sorts[k].agg);
    for (uint32_t r : rids) shown(src, r, *sort_values_[k], r);
  }
}

void SplitOnlyEngine::sort_rows(const Table& table) {
  // Pkey order, stably sorted by the shown values of the sort columns.
  order_ = sel_;
  std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return group_less(sort_keys_, a, b); });
}

std::vector<OutputField> SplitOnlyEngine::schema() const {
  // Hidden sort columns included (obs); no schema without column groups unless rows are sorted.
  std::vector<OutputField> out;
  if (leaves_.empty() && spec_.row_sorts.empty()) return out;
  for (auto& a : spec_.aggregates) out.push_back({a.column, a.types.schema});
  return out;
}

Frame SplitOnlyEngine::frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) {
  Frame f;
  const size_t n = r1 - r0, outs = spec_.outputs;
  const std::vector<uint32_t>& rows = order();
  f.num_rows = n;
  f.split_only = true;
  for (size_t c = c0; c < c1; ++c) {
    const uint32_t leaf = leaves_[c / outs];
    const Column& src = agg_source(table, c % outs);
    auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
    col->resize_exact(n);
    for (size_t i = 0; i < n; ++i) {
      const uint32_t r = rows[r0 + i];
      if (leaf_of_[r] == leaf) shown(src, r, *col, i);
    }
    f.columns.push_back({paths_[c], col, 0});
  }
  if (opts.id || opts.index) {
    // Row r lists the pkey of row r - 1 (the reference's off-by-one, T10).
    auto pk = std::make_shared<Column>(table.pkey_type());
    f.pkey_offsets.assign(n + 1, 0);
    size_t keys = 0;
    for (size_t i = 0; i < n; ++i) {
      f.pkey_offsets[i] = uint32_t(keys);
      if (r0 + i > 0) ++keys;
    }
    f.pkey_offsets[n] = uint32_t(keys);
    pk->resize_exact(keys);
    for (size_t i = 0, k = 0; i < n; ++i)
      if (r0 + i > 0) table.pkey_of(rows[r0 + i - 1], *pk, k++);
    f.has_pkey = true;
    f.pkey = {"__INDEX__", pk, 0};
  }
  return f;
}

std::pair<Scalar, Scalar> SplitOnlyEngine::min_max(const Table& table, const std::string& column) {
  size_t a = 0;
  while (a < spec_.outputs && spec_.aggregates[a].column != column) ++a;
  if (a == spec_.outputs)
    throw_invalid("Could not find column index for `" + column + "` as it does not exist in the schema.");
  const Column& src = *table.column(TableColumnSource(table, &exprs_).index(column));
  const size_t n = sel_.size();
  auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
  col->resize_exact(n);
  for (size_t i = 0; i < n; ++i) shown(src, sel_[i], *col, i);
  std::shared_ptr<const std::vector<int32_t>> ranks;
  if (col->type() == DType::String) ranks = col->dict()->sort_ranks();
  bool any = false;
  size_t lo = 0, hi = 0;
  uint64_t lk = 0, hk = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t k = agg::cell_order_bits(*col, uint32_t(i), ranks.get());
    if (!any || k < lk) lo = i, lk = k;
    if (!any || k > hk) hi = i, hk = k;
    any = true;
  }
  if (!any) return {};
  return {cell_scalar(*col, lo), cell_scalar(*col, hi)};
}

}  // namespace parallax
