// SplitOnlyEngine's live path: replaying the table's net change (only the
// touched rids and the table's current cells; the past it needs is its own
// per-row state) and the row deltas it hands to row-mode listeners.
#include <algorithm>
#include <cstring>

#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/aggregates/cell_values.h"
#include "parallax/view/column_source.h"
#include "parallax/view/merge_touched.h"
#include "parallax/view/pivot/split_only_engine.h"

namespace parallax {

namespace {

uint64_t mix(uint64_t h, uint64_t x) {
  x += h + 0x9e3779b97f4a7c15ull;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  return x ^ (x >> 33);
}

/// Mixes the shown value of `rid` of `c` (kNone: the zero) into `h`.
uint64_t mix_cell(uint64_t h, const Column& c, uint32_t rid, bool zero) {
  if (zero) return mix(h, 0);
  uint64_t bits = 0;
  switch (c.type()) {
    case DType::Boolean: bits = c.get<uint8_t>(rid); break;
    case DType::Integer: bits = uint64_t(c.get_int(rid)); break;
    case DType::Float: {
      double d = c.get<double>(rid);
      std::memcpy(&bits, &d, 8);
      break;
    }
    case DType::String: bits = uint32_t(c.get<int32_t>(rid)); break;  // the table's interned code
    case DType::Date: bits = uint32_t(c.get<int32_t>(rid)); break;
    case DType::Datetime: bits = uint64_t(c.get<int64_t>(rid)); break;
  }
  return mix(mix(h, 1), bits);
}

}  // namespace

bool SplitOnlyEngine::row_less(const Table& table, uint32_t a, uint32_t b) const {
  if (group_less(sort_keys_, a, b)) return true;
  if (group_less(sort_keys_, b, a)) return false;
  return table.pkey_less(a, b);
}

bool SplitOnlyEngine::append_selection(const Table& table, const std::vector<uint32_t>& was,
                                       const std::vector<uint32_t>& in) {
  // The common streaming change, in place: no row leaves, the rows that stay
  // sit at their pkey place already, and the new rows all come after the last.
  size_t stayed = 0;
  for (uint32_t r : in) stayed += std::binary_search(was.begin(), was.end(), r);
  if (stayed != was.size()) return false;
  std::vector<uint32_t>& rows = sel_;
  auto less = [&](uint32_t a, uint32_t b) { return table.pkey_less(a, b); };
  std::vector<uint32_t> fresh;
  for (uint32_t r : in) {
    if (!std::binary_search(was.begin(), was.end(), r)) {
      fresh.push_back(r);
      continue;
    }
    auto at = std::lower_bound(rows.begin(), rows.end(), r, less);
    if (at == rows.end() || *at != r) return false;
  }
  if (!fresh.empty() && !rows.empty() && !less(rows.back(), fresh.front())) return false;
  rows.insert(rows.end(), fresh.begin(), fresh.end());
  return true;
}

bool SplitOnlyEngine::replay(const Table& table, const NetChange& net) {
  for (size_t k = 0; k < sort_values_.size(); ++k)
    if (sort_values_[k]->dict() != agg_source(table, spec_.row_sorts[k].agg).dict()) return false;
  const size_t C = values_.size();
  uint32_t top = 0;
  for (uint32_t r : net.rids) top = std::max(top, r + 1);
  grow(top);
  // The touched rows leave the selection. A leaf whose first truthy row was
  // touched is rescanned below.
  std::vector<uint8_t> dirty(cols_.size(C), 0);
  bool leaves_changed = false, firsts_changed = false;
  std::vector<uint32_t> was;      // touched rids selected before, sorted
  std::vector<uint32_t> emptied;  // leaves their last row left
  for (uint32_t r : net.rids) {
    if (!selected_[r]) continue;
    was.push_back(r);
    selected_[r] = 0;
    const uint32_t x = leaf_of_[r];
    if (--leaf_rows_[x] == 0) leaves_changed = true, emptied.push_back(x);
    for (size_t a = 0; a < tracked_.size(); ++a)
      if (tracked_[a] && first_[a][x] == r) dirty[x] = 1, firsts_changed = true;
  }
  std::sort(was.begin(), was.end());
  {
    std::vector<uint32_t> live = net.after;  // rows no longer live forget their leaf
    std::sort(live.begin(), live.end());
    for (uint32_t r : net.rids)
      if (!std::binary_search(live.begin(), live.end(), r)) leaf_of_[r] = kNone;
    for (uint32_t r : net.recycled) leaf_of_[r] = kNone;  // a new row in a removed row's rid
  }
  // The touched rows live now that pass the filter, in pkey order.
  TableColumnSource source(table, &exprs_);
  std::vector<uint32_t> in;
  for (uint32_t r : net.after)
    if (filter_.empty() || filter_.matches(source, r)) in.push_back(r);
  std::sort(in.begin(), in.end(), [&](uint32_t a, uint32_t b) { return table.pkey_less(a, b); });
  // Their leaves. A null split value keeps the row where it was filed.
  const size_t n = in.size();
  RowSelection rs;
  rs.identity = false;
  rs.rids = in;
  rs.count = n;
  std::vector<std::vector<uint32_t>> nodes(C, std::vector<uint32_t>(n));
  std::vector<uint32_t> codes(n);
  std::vector<uint8_t> held(n, 0);  // rows kept in their leaf by a null split value
  for (size_t j = 1; j <= C; ++j) {
    uint32_t* c = j == 1 ? nodes[0].data() : codes.data();
    if (!values_[j - 1].encode(*table.column(split_col_[j - 1]), rs, c)) {
      cols_.clear();  // a new dictionary: codes changed meaning
      return false;
    }
    for (size_t i = 0; i < n; ++i) {
      uint32_t node = leaf_of_[in[i]];
      if (c[i] > LevelValues::kUpdateNull || node == kNone) continue;
      for (size_t k = C; k > j; --k) node = cols_.parent(k, node);
      held[i] = held[i] || cols_.code(j, node) > LevelValues::kUpdateNull;
      c[i] = cols_.code(j, node);
    }
    cols_.assign(j, j > 1 ? nodes[j - 2].data() : nullptr, c, values_[j - 1].size(), nodes[j - 1].data(), n);
  }
  const size_t leaves = cols_.size(C);
  leaf_rows_.resize(leaves, 0);
  dirty.resize(leaves, 0);
  for (size_t a = 0; a < tracked_.size(); ++a)
    if (tracked_[a]) first_[a].resize(leaves, kNone);
  // They join their leaves.
  for (size_t i = 0; i < n; ++i) {
    const uint32_t r = in[i], x = nodes[C - 1][i];
    leaf_of_[r] = x;
    selected_[r] = 1;
    leaves_changed = leaf_rows_[x]++ == 0 || leaves_changed;
    for (size_t a = 0; a < tracked_.size(); ++a) {
      if (!tracked_[a] || dirty[x] || !agg::cell_truthy(agg_source(table, a), r)) continue;
      uint32_t& f = first_[a][x];
      if (f == kNone || table.pkey_less(r, f)) f = r, firsts_changed = true;
    }
  }
  // Rows: the selection and the sorted order merge the touched rows in.
  // (A recycled rid sits at the removed row's place: only the merge moves it.)
  if (!net.recycled.empty() || !append_selection(table, was, in))
    merge_touched_in_place(sel_, net, in, [&](uint32_t a, uint32_t b) { return table.pkey_less(a, b); });
  if (std::find(dirty.begin(), dirty.end(), 1) != dirty.end()) scan_first_truthy(table, &dirty);
  std::vector<uint32_t> sorted_in = in;
  if (!spec_.row_sorts.empty()) {
    write_sort_values(table, in);
    auto less = [&](uint32_t a, uint32_t b) { return row_less(table, a, b); };
    if (strict_sort_) {
      std::sort(sorted_in.begin(), sorted_in.end(), less);
      merge_touched_in_place(order_, net, sorted_in, less);
    } else {
      sort_rows(table);  // `abs` / `none` keys: no strict weak order to merge by
      std::vector<uint32_t> pos(top, 0);
      for (size_t i = 0; i < order_.size(); ++i)
        if (order_[i] < top) pos[order_[i]] = uint32_t(i);
      std::sort(sorted_in.begin(), sorted_in.end(), [&](uint32_t a, uint32_t b) { return pos[a] < pos[b]; });
    }
  }
  if (leaves_changed || (firsts_changed && !spec_.column_sorts.empty())) order_columns(table);
  // Row deltas, as the reference lists them: new rows and rows whose shown
  // cells changed, after the total row when one of its shown cells changed.
  // A row kept in its leaf by a null split value counts as changed, with the
  // total row; so does the total row of a sorted view that loses a leaf.
  if (!row_deltas_) return true;
  if (!prints_ready_) {
    prime_deltas(table);
    return true;
  }
  std::vector<uint32_t> kept;  // rows held in their leaf, sorted
  for (size_t i = 0; i < n; ++i)
    if (held[i]) kept.push_back(in[i]);
  std::sort(kept.begin(), kept.end());
  delta_total_ = !kept.empty();
  for (uint32_t x : emptied) delta_total_ = delta_total_ || (!spec_.row_sorts.empty() && leaf_rows_[x] == 0);
  for (uint32_t r : sorted_in) {
    const uint64_t p = row_print(table, r);
    if (!std::binary_search(was.begin(), was.end(), r) || prints_[r] != p ||
        std::binary_search(kept.begin(), kept.end(), r))
      delta_rids_.push_back(r);
    prints_[r] = p;
  }
  std::vector<uint64_t> total = total_prints(table);
  for (uint32_t x = 0; x < total.size(); ++x)
    delta_total_ = delta_total_ || (total[x] != 0 && (x >= total_prints_.size() || total_prints_[x] != total[x]));
  total_prints_ = std::move(total);
  delta_all_ = false;
  return true;
}

uint64_t SplitOnlyEngine::row_print(const Table& table, uint32_t rid) const {
  uint64_t h = mix(0, leaf_of_[rid]);
  for (size_t a = 0; a < spec_.outputs; ++a) {
    const Column& c = agg_source(table, a);
    h = mix_cell(h, c, rid, !agg::cell_truthy(c, rid));
  }
  return h;
}

std::vector<uint64_t> SplitOnlyEngine::total_prints(const Table& table) const {
  // The total row's cells of a leaf: the first truthy cell of each output (else the zero).
  std::vector<uint64_t> out(leaf_rows_.size(), 0);
  for (uint32_t x = 0; x < out.size(); ++x) {
    if (leaf_rows_[x] == 0) continue;
    uint64_t h = mix(1, x);
    for (size_t a = 0; a < spec_.outputs; ++a) h = mix_cell(h, agg_source(table, a), first_[a][x], first_[a][x] == kNone);
    out[x] = h | 1;
  }
  return out;
}

void SplitOnlyEngine::prime_deltas(const Table& table) {
  for (size_t a = 0; a < spec_.outputs; ++a) tracked_[a] = 1;
  scan_first_truthy(table, nullptr);
  prints_.assign(leaf_of_.size(), 0);
  for (uint32_t r : sel_) prints_[r] = row_print(table, r);
  total_prints_ = total_prints(table);
  prints_ready_ = true;
}

void SplitOnlyEngine::set_row_deltas(bool on) {
  if (on == row_deltas_) return;
  row_deltas_ = on;
  prints_ready_ = false;
  if (on) return;  // primed by the next refresh or delta_frame()
  std::vector<uint64_t>().swap(prints_);
  total_prints_.clear();
  tracked_.assign(tracked_.size(), 0);
  for (const PivotSort& ps : spec_.column_sorts) tracked_[ps.agg] = 1;
}

Frame SplitOnlyEngine::delta_frame(const Table& table) {
  const bool all = delta_all_ || !row_deltas_;
  if (!row_deltas_) set_row_deltas(true);
  if (!prints_ready_) prime_deltas(table);  // the view's current state: the base of the next delta
  if (all) return frame(table, 0, num_rows(), 0, paths_.size(), WindowSpec{});
  // The total row (the reference lists it when one of its cells changed), then the changed rows.
  const size_t top = delta_total_ ? 1 : 0, n = top + delta_rids_.size(), outs = spec_.outputs;
  Frame f;
  f.num_rows = n;
  f.split_only = true;
  for (size_t c = 0; c < paths_.size(); ++c) {
    const uint32_t leaf = leaves_[c / outs];
    const Column& src = agg_source(table, c % outs);
    auto col = std::make_shared<Column>(src.type(), src.wide(), src.dict());
    col->resize_exact(n);
    if (top) {
      const uint32_t r = first_[c % outs][leaf];
      if (r != kNone) col->copy_cell(0, src, r);
      else agg::write_zero(*col, 0);
    }
    for (size_t i = top; i < n; ++i) {
      const uint32_t r = delta_rids_[i - top];
      if (leaf_of_[r] == leaf) shown(src, r, *col, i);
    }
    f.columns.push_back({paths_[c], col, 0});
  }
  return f;
}

}  // namespace parallax
