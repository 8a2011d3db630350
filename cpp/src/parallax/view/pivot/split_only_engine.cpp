#include "parallax/view/pivot/split_only_engine.h"

#include <algorithm>
#include <numeric>

#include "parallax/core/error.h"
#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/column_source.h"
#include "parallax/view/pivot/cell_scalar.h"
#include "parallax/view/pivot/group_sort.h"

namespace parallax {

SplitOnlyEngine::SplitOnlyEngine(const Table& table, PivotSpec spec, const ViewConfig& config)
    : spec_(std::move(spec)), cols_(spec_.split_by.size()) {
  TableColumnSource source(table);
  filter_ = RowFilter(source, config.filter, config.filter_or);
  for (auto& c : spec_.split_by) {
    const Field* f = source.field(c);
    split_col_.push_back(table.column_index(c));
    values_.emplace_back(f->type, f->wide);
  }
  auto lock = table.read_lock();
  refresh(table);
}

void SplitOnlyEngine::shown(const Column& col, uint32_t rid, Column& out, size_t o) {
  if (agg::cell_truthy(col, rid)) out.copy_cell(o, col, rid);
  else agg::write_zero(out, o);
}

void SplitOnlyEngine::refresh(const Table& table) {
  if (refreshed_ && table.version() == version_) return;
  refreshed_ = true;
  version_ = table.version();
  TableColumnSource source(table);
  sel_ = select_rows(table, source, filter_);
  const size_t n = sel_.count, C = values_.size();
  std::vector<std::vector<uint32_t>> nodes(C);
  std::vector<uint32_t> scratch(C > 1 ? n : 0);
  for (size_t j = 1; j <= C; ++j) {
    const Column& col = *table.column(split_col_[j - 1]);
    std::vector<uint32_t>& codes = j == 1 ? nodes[0] : scratch;  // level 1 nodes are the codes
    codes.resize(n);
    if (!values_[j - 1].encode(col, sel_, codes.data())) cols_.clear();
    nodes[j - 1].resize(n);
    cols_.assign(j, j > 1 ? nodes[j - 2].data() : nullptr, codes.data(), values_[j - 1].size(), nodes[j - 1].data(), n);
  }
  leaf_of_ = std::move(nodes[C - 1]);
  order_columns(table);
  order_rows(table);
}

void SplitOnlyEngine::order_columns(const Table& table) {
  const size_t n = sel_.count, C = values_.size();
  // Every column node with rows, and its `any` value of each column sort:
  // the first truthy cell of its rows, visited column leaf by column leaf in
  // path order (the reference's leaf order), by pkey within a leaf.
  std::vector<std::vector<uint8_t>> used(C + 1);
  for (size_t j = 1; j <= C; ++j) used[j].assign(cols_.size(j), 0);
  for (uint32_t leaf : leaf_of_) {
    uint32_t node = leaf;
    for (size_t j = C; j >= 1; --j) {
      used[j][node] = 1;
      node = cols_.parent(j, node);
    }
  }
  std::vector<std::vector<std::vector<int64_t>>> first_truthy(spec_.column_sorts.size());
  std::vector<const Column*> sort_src;
  for (const PivotSort& ps : spec_.column_sorts)
    sort_src.push_back(table.column(table.column_index(spec_.aggregates[ps.agg].column)).get());
  if (!sort_src.empty()) {
    std::vector<uint32_t> leaves;
    for (uint32_t x = 0; x < cols_.size(C); ++x)
      if (used[C][x]) leaves.push_back(x);
    sort_by_path(cols_, values_, C, leaves);
    std::vector<uint32_t> leaf_rank(cols_.size(C), 0);
    for (size_t k = 0; k < leaves.size(); ++k) leaf_rank[leaves[k]] = uint32_t(k);
    std::vector<uint32_t> visit(n);
    std::iota(visit.begin(), visit.end(), 0u);
    std::stable_sort(visit.begin(), visit.end(),
                     [&](uint32_t a, uint32_t b) { return leaf_rank[leaf_of_[a]] < leaf_rank[leaf_of_[b]]; });
    for (size_t s = 0; s < sort_src.size(); ++s) {
      first_truthy[s].resize(C + 1);
      for (size_t j = 1; j <= C; ++j) first_truthy[s][j].assign(cols_.size(j), -1);
      for (uint32_t i : visit) {
        if (!agg::cell_truthy(*sort_src[s], sel_.rid(i))) continue;
        uint32_t node = leaf_of_[i];
        for (size_t j = C; j >= 1; --j) {
          if (first_truthy[s][j][node] < 0) first_truthy[s][j][node] = int64_t(i);
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
    size_t j = it.level + 1;
    std::vector<uint32_t> kids;
    for (uint32_t x = 0; x < cols_.size(j); ++x)
      if (used[j][x] && cols_.parent(j, x) == it.node) kids.push_back(x);
    const LevelValues& lv = values_[j - 1];
    std::sort(kids.begin(), kids.end(), [&](uint32_t x, uint32_t y) {
      return lv.rank(cols_.code(j, x)) < lv.rank(cols_.code(j, y));
    });
    if (!sort_src.empty()) {
      std::vector<ColumnPtr> held;
      std::vector<GroupSortKey> keys;
      for (size_t s = 0; s < sort_src.size(); ++s) {
        auto col = std::make_shared<Column>(sort_src[s]->type(), sort_src[s]->wide(), sort_src[s]->dict());
        col->resize_exact(cols_.size(j));
        for (uint32_t x : kids) {
          int64_t i = first_truthy[s][j][x];
          if (i >= 0) col->copy_cell(x, *sort_src[s], sel_.rid(size_t(i)));
          else agg::write_zero(*col, x);
        }
        held.push_back(col);
        keys.push_back({col.get(), spec_.column_sorts[s].dir});
      }
      std::stable_sort(kids.begin(), kids.end(), [&](uint32_t x, uint32_t y) { return group_less(keys, x, y); });
    }
    for (size_t i = kids.size(); i-- > 0;) {
      std::string prefix = it.prefix;
      lv.append_text(prefix, cols_.code(j, kids[i]));
      prefix += '|';
      stack.push_back({j, kids[i], std::move(prefix)});
    }
  }
}

void SplitOnlyEngine::order_rows(const Table& table) {
  // Row order: pkey order, stably sorted by the shown values of the sort columns.
  const size_t n = sel_.count;
  order_.resize(n);
  std::iota(order_.begin(), order_.end(), 0u);
  std::vector<ColumnPtr> held;
  std::vector<GroupSortKey> keys;
  for (const PivotSort& ps : spec_.row_sorts) {
    const Column& src = *table.column(table.column_index(spec_.aggregates[ps.agg].column));
    auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
    col->resize_exact(n);
    for (size_t i = 0; i < n; ++i) shown(src, sel_.rid(i), *col, i);
    held.push_back(col);
    keys.push_back({col.get(), ps.dir});
  }
  if (!keys.empty())
    std::stable_sort(order_.begin(), order_.end(), [&](uint32_t a, uint32_t b) { return group_less(keys, a, b); });
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
  f.num_rows = n;
  f.split_only = true;
  for (size_t c = c0; c < c1; ++c) {
    uint32_t leaf = leaves_[c / outs];
    const Column& src = *table.column(table.column_index(spec_.aggregates[c % outs].column));
    auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
    col->resize_exact(n);
    for (size_t i = 0; i < n; ++i) {
      uint32_t pos = order_[r0 + i];
      if (leaf_of_[pos] == leaf) shown(src, sel_.rid(pos), *col, i);
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
      if (r0 + i > 0) table.pkey_of(sel_.rid(order_[r0 + i - 1]), *pk, k++);
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
  const Column& src = *table.column(table.column_index(column));
  auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
  col->resize_exact(sel_.count);
  for (size_t i = 0; i < sel_.count; ++i) shown(src, sel_.rid(i), *col, i);
  std::shared_ptr<const std::vector<int32_t>> ranks;
  if (col->type() == DType::String) ranks = col->dict()->sort_ranks();
  bool any = false;
  size_t lo = 0, hi = 0;
  uint64_t lk = 0, hk = 0;
  for (size_t i = 0; i < sel_.count; ++i) {
    uint64_t k = agg::cell_order_bits(*col, uint32_t(i), ranks.get());
    if (!any || k < lk) lo = i, lk = k;
    if (!any || k > hk) hi = i, hk = k;
    any = true;
  }
  if (!any) return {};
  return {cell_scalar(*col, lo), cell_scalar(*col, hi)};
}

}  // namespace parallax
