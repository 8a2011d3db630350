#include "parallax/view/flat_engine.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "parallax/core/datetime.h"
#include "parallax/core/error.h"
#include "parallax/view/aggregates/registry.h"
#include "parallax/view/merge_touched.h"
#include "parallax/view/reference_order.h"

namespace parallax {

FlatEngine::FlatEngine(const Table& table, const ViewConfig& config, const std::vector<std::string>& columns,
                       const ExpressionColumns& exprs)
    : names_(columns), exprs_(exprs) {
  TableColumnSource source(table, &exprs_);
  for (auto& n : names_) {
    const Field* f = source.field(n);
    if (!f) throw_internal("flat view column `" + n + "` is not in the table");
    types_.push_back(f->type);
  }
  // Perspective builds aggregate specs for every view (fill_aggspecs, before
  // the filter operators), so a flat view also rejects unknown aggregate names
  // and a weighted mean without its weight column.
  for (auto& [col, a] : config.aggregates)
    if (agg::find_aggregate(a.name).takes_arg && a.args.empty()) throw_invalid("vector");
  filter_ = RowFilter(source, config.filter, config.filter_or);
  // `col ...` directions only reorder split columns: no effect on a flat view.
  // Keys that are all `none` keep pkey order.
  bool reorders = false;
  for (auto& [col, dir] : config.sort) {
    if (!is_row_sort(dir)) continue;
    sort_.emplace_back(col, dir);
    reorders = reorders || dir != SortDir::None;
  }
  if (!reorders) sort_.clear();
}

bool FlatEngine::replay_filter(const Table& table, const NetChange& net) {
  // Only the filtered row list needs upkeep: the table keeps its own pkey
  // order incrementally, and identity views have nothing to maintain.
  if (filter_.empty() || !kept_) return false;
  // delta_rids_: the touched rows live and passing now, in pkey order.
  kept_ = merge_touched(*kept_, net, delta_rids_, [&](uint32_t a, uint32_t b) { return table.pkey_less(a, b); });
  return true;
}

void FlatEngine::refresh(const Table& table) {
  // The net change since the last refresh, when the journal has it and it is
  // small: the row delta, and the upkeep of the filtered rows.
  bool replayed = false;
  delta_all_ = true;
  delta_rids_.clear();
  std::optional<NetChange> net;
  if (refreshed_ && incremental_) net = table.replayable_change(version_);
  const bool merge = net && !sort_.empty() && merged_ && merged_version_ == version_;
  if (net) {
    TableColumnSource src(table, &exprs_);
    for (uint32_t r : net->after)
      if (filter_.empty() || filter_.matches(src, r)) delta_rids_.push_back(r);
    std::sort(delta_rids_.begin(), delta_rids_.end(), [&](uint32_t a, uint32_t b) { return table.pkey_less(a, b); });
    delta_all_ = false;
    if (!merge) replayed = replay_filter(table, *net);
  }
  refreshed_ = true;
  version_ = table.version();
  identity_ = false;
  sorted_mode_ = false;
  sorted_ = SortedRows();
  rows_.reset();
  if (merge) {
    merge_sorted(table, *net);
    rows_ = merged_;
    kept_.reset();  // the merged order holds the filtered rows; a recompute rebuilds kept_
    return;
  }
  merged_.reset();
  size_t first = 0;
  const bool ident = table.identity_order(&first);
  if (ident && filter_.empty() && sort_.empty()) {
    identity_ = true;
    first_ = first;
    count_ = table.size();
    return;
  }
  TableColumnSource source(table, &exprs_);
  std::shared_ptr<const std::vector<uint32_t>> base;
  if (replayed) {
    base = kept_;  // unused: the filtered list is already current
  } else if (ident) {
    auto all = std::make_shared<std::vector<uint32_t>>(table.size());
    std::iota(all->begin(), all->end(), uint32_t(first));
    base = std::move(all);
  } else {
    base = table.rows_in_pkey_order();  // shared with the table's cache, not copied
  }
  if (filter_.empty()) {
    rows_ = std::move(base);
  } else {
    if (!replayed) {
      auto kept = std::make_shared<std::vector<uint32_t>>();
      filter_.apply(source, base->data(), base->size(), *kept);
      kept_ = std::move(kept);
    }
    rows_ = kept_;
  }
  if (!sort_.empty()) {
    std::vector<SortKey> keys = sort_keys(source);
    std::vector<uint32_t> hashes;
    const bool strict = !SortedRows::needs_reference_order(keys);
    if (!strict) reference_pkey_hashes(table, *rows_, hashes);
    sorted_ = SortedRows(keys, *rows_, hashes);
    rows_.reset();
    sorted_mode_ = true;
    if (net && strict) {
      // The table is changing under a live view: sort everything once, then
      // merge each later change in.
      merged_ = std::make_shared<std::vector<uint32_t>>(sorted_.prefix(sorted_.size()));
      merged_version_ = version_;
      rows_ = merged_;
      sorted_ = SortedRows();
      sorted_mode_ = false;
    }
  }
}

std::vector<SortKey> FlatEngine::sort_keys(const TableColumnSource& source) const {
  std::vector<SortKey> keys;
  for (auto& [col, dir] : sort_) keys.push_back({&source.column(col), dir});
  return keys;
}

void FlatEngine::merge_sorted(const Table& table, const NetChange& net) {
  // Every touched row leaves; the touched rows live and passing now (the row
  // delta) come back at their sorted place. Ties go by pkey, as in SortedRows.
  TableColumnSource source(table, &exprs_);
  const std::vector<SortKey> keys = sort_keys(source);
  auto less = [&](uint32_t a, uint32_t b) {
    const bool first = table.pkey_less(a, b);
    return sorts_before(keys, a, first ? 0 : 1, b, first ? 1 : 0);
  };
  std::vector<uint32_t> in = delta_rids_;
  std::sort(in.begin(), in.end(), less);
  merged_ = merge_touched(*merged_, net, in, less);
  merged_version_ = table.version();
}

bool FlatEngine::reference_pkey_hashes(const Table& table, const std::vector<uint32_t>& rids,
                                       std::vector<uint32_t>& out) {
  // Reproduced pkey scalars: the implicit int32 row number of unindexed tables
  // without `limit` (whose pkeys wrap around in the reference), and int32 index
  // keys. Other key types keep std::sort's order (see COMPATIBILITY.md).
  const size_t n = rids.size();
  if (!table.indexed()) {
    if (table.options().limit) return false;
    out.resize(n);
    for (size_t i = 0; i < n; ++i)
      out[i] = reference::pkey_hash(uint32_t(table.implicit_pkey(rids[i])), reference::PkeyType::Int32);
    return true;
  }
  const Column& key = *table.column(table.index_column());
  if (key.type() != DType::Integer || key.wide()) return false;
  out.resize(n);
  for (size_t i = 0; i < n; ++i) {
    if (!key.is_valid(rids[i])) {
      out.clear();
      return false;
    }
    out[i] = reference::pkey_hash(uint32_t(key.get<int32_t>(rids[i])), reference::PkeyType::Int32);
  }
  return true;
}

size_t FlatEngine::num_rows() const {
  if (identity_) return count_;
  return sorted_mode_ ? sorted_.size() : rows_ ? rows_->size() : 0;
}

const uint32_t* FlatEngine::view_rows(size_t end) {
  if (sorted_mode_) return sorted_.prefix(end).data();
  return rows_->data();
}

std::vector<OutputField> FlatEngine::schema() const {
  std::vector<OutputField> out;
  for (size_t i = 0; i < names_.size(); ++i) out.push_back({names_[i], types_[i]});
  return out;
}

Frame FlatEngine::frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) {
  TableColumnSource source(table, &exprs_);
  Frame f;
  f.num_rows = r1 - r0;
  const uint32_t* rids = identity_ || f.num_rows == 0 ? nullptr : view_rows(r1) + r0;
  for (size_t c = c0; c < c1; ++c) {
    const Column& src = source.column(names_[c]);
    if (identity_) f.columns.push_back({names_[c], src.share(), first_ + r0});  // zero-copy slice
    else f.columns.push_back({names_[c], src.gather(rids, f.num_rows), 0});
  }
  if (opts.id || opts.index) {
    auto pk = std::make_shared<Column>(table.pkey_type());
    pk->resize_exact(f.num_rows);
    for (size_t i = 0; i < f.num_rows; ++i) table.pkey_of(identity_ ? uint32_t(first_ + r0 + i) : rids[i], *pk, i);
    f.has_pkey = true;
    f.pkey = {"__INDEX__", pk, 0};
  }
  return f;
}

Frame FlatEngine::delta_frame(const Table& table) {
  if (delta_all_) return frame(table, 0, num_rows(), 0, names_.size(), WindowSpec{});
  // View order: pkey order, or the view's sort over just these rows.
  std::vector<uint32_t> rids = delta_rids_;
  if (!sort_.empty() && rids.size() > 1) {
    TableColumnSource source(table, &exprs_);
    std::vector<SortKey> keys;
    for (auto& [col, dir] : sort_) keys.push_back({&source.column(col), dir});
    SortedRows sorted(keys, rids);
    rids = sorted.prefix(rids.size());
  }
  TableColumnSource source(table, &exprs_);
  Frame f;
  f.num_rows = rids.size();
  for (size_t c = 0; c < names_.size(); ++c)
    f.columns.push_back({names_[c], source.column(names_[c]).gather(rids.data(), rids.size()), 0});
  return f;
}

namespace {

/// Running [min, max] over valid cells as Perspective's t_ctx0::get_min_max
/// keeps it: the first valid cell seeds both, then strict < and > comparisons
/// (so a float NaN that seeds them sticks).
template <class T, class Get>
std::pair<Scalar, Scalar> scan_min_max(const Column& c, const uint32_t* rids, size_t n, size_t first, Get get,
                                       Scalar (*make)(T)) {
  bool any = false;
  T lo{}, hi{};
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = rids ? rids[i] : uint32_t(first + i);
    if (!c.is_valid(r)) continue;
    T v = get(r);
    if (!any) {
      lo = hi = v;
      any = true;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!any) return {};
  return {make(lo), make(hi)};
}

}  // namespace

std::pair<Scalar, Scalar> FlatEngine::min_max(const Table& table, const std::string& column) {
  TableColumnSource source(table, &exprs_);
  const Field* f = source.field(column);
  if (!f) throw_invalid("Could not find column index for `" + column + "` as it does not exist in the schema.");
  const Column& c = source.column(column);
  const size_t n = num_rows();
  const uint32_t* rids = identity_ || n == 0 ? nullptr : (sorted_mode_ ? sorted_.input().data() : rows_->data());
  const size_t first = identity_ ? first_ : 0;
  switch (f->type) {
    case DType::Boolean:
      return scan_min_max<bool>(c, rids, n, first, [&](uint32_t r) { return c.get<uint8_t>(r) != 0; },
                                [](bool v) { return Scalar{v}; });
    case DType::Integer:
      return scan_min_max<int64_t>(c, rids, n, first, [&](uint32_t r) { return c.get_int(r); },
                                   [](int64_t v) { return Scalar{v}; });
    case DType::Float:
      return scan_min_max<double>(c, rids, n, first, [&](uint32_t r) { return c.get<double>(r); },
                                  [](double v) { return Scalar{v}; });
    case DType::String:
      return scan_min_max<std::string_view>(c, rids, n, first, [&](uint32_t r) { return c.get_string(r); },
                                            [](std::string_view v) { return Scalar{std::string(v)}; });
    case DType::Date:
      return scan_min_max<int32_t>(c, rids, n, first, [&](uint32_t r) { return c.get<int32_t>(r); },
                                   [](int32_t v) {
                                     std::string s;
                                     append_date(s, v);
                                     return Scalar{std::move(s)};
                                   });
    case DType::Datetime:
      return scan_min_max<int64_t>(c, rids, n, first, [&](uint32_t r) { return c.get<int64_t>(r); },
                                   [](int64_t v) {
                                     std::string s;
                                     append_datetime(s, v);
                                     return Scalar{std::move(s)};
                                   });
  }
  return {};
}

}  // namespace parallax
