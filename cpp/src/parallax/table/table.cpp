#include "parallax/table/table.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "parallax/core/error.h"
#include "parallax/core/parallel.h"

namespace parallax {

namespace {

// Recycling bounds (see Table::spare_delta_): entries and columns this small
// are kept for the next update; bigger ones are freed.
constexpr size_t kSpareColumnBytes = 64 << 10;
constexpr size_t kSpareColumns = 4;
constexpr size_t kSpareEntryRows = 1 << 14;
constexpr size_t kSpareLoadedRows = 1 << 14;

/// Copies the given cells of `src` into rows `rids[i]` of `dst`. Explicit nulls
/// become `null_kind`; absent cells are left alone. Fast path for a contiguous
/// append of a fully present column of identical storage.
void copy_rows(Column& dst, const BatchColumn& src, const uint32_t* rids, size_t n, NullKind null_kind,
               bool contiguous) {
  const Column& s = *src.column;
  bool same_storage = s.type() == dst.type() && s.wide() == dst.wide();
  if (contiguous && !src.present && same_storage && dst.type() != DType::String) {
    size_t at = rids[0];
    std::memcpy(dst.mutable_data<uint8_t>() + at * dst.width(), s.data<uint8_t>(), n * dst.width());
    bits::copy(s.validity(), 0, dst.mutable_validity(), at, n);
    if (s.null_count() > 0)
      for (size_t i = 0; i < n; ++i)
        if (!s.is_valid(i)) dst.set_null(at + i, null_kind);
    return;
  }
  if (dst.type() == DType::String && s.dict() != dst.dict()) {
    // Translate codes once per distinct batch string, not once per cell.
    std::vector<int32_t> remap(s.dict()->size(), -1);
    for (size_t i = 0; i < n; ++i) {
      if (!src.has(i)) continue;
      if (!s.is_valid(i)) { dst.set_null(rids[i], null_kind); continue; }
      int32_t c = s.get<int32_t>(i);
      if (remap[c] < 0) remap[c] = dst.dict()->intern(s.dict()->get(c));
      dst.set<int32_t>(rids[i], remap[c]);
    }
    return;
  }
  if (same_storage && !src.present && s.null_count() == 0 &&
      (dst.type() != DType::String || s.dict() == dst.dict())) {
    // Every cell given and valid, same storage (strings: codes of the same
    // dictionary): what copy_cell() does, without its per-cell dispatch.
    uint8_t* dv = dst.mutable_data<uint8_t>();
    const uint8_t* sv = s.data<uint8_t>();
    switch (dst.width()) {
      case 1: for (size_t i = 0; i < n; ++i) dv[rids[i]] = sv[i]; break;
      case 4: for (size_t i = 0; i < n; ++i) std::memcpy(dv + size_t(rids[i]) * 4, sv + i * 4, 4); break;
      case 8: for (size_t i = 0; i < n; ++i) std::memcpy(dv + size_t(rids[i]) * 8, sv + i * 8, 8); break;
      default:
        for (size_t i = 0; i < n; ++i) std::memcpy(dv + size_t(rids[i]) * dst.width(), sv + i * dst.width(), dst.width());
    }
    uint8_t* valid = dst.mutable_validity();
    uint8_t* upd = dst.mutable_update_nulls();
    for (size_t i = 0; i < n; ++i) bits::set(valid, rids[i]);
    if (upd)
      for (size_t i = 0; i < n; ++i) bits::clear(upd, rids[i]);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!src.has(i)) continue;
    if (!s.is_valid(i)) dst.set_null(rids[i], null_kind);
    else dst.copy_cell(rids[i], s, i);
  }
}

}  // namespace

Table::Table(Schema schema, TableOptions options) : schema_(std::move(schema)), options_(std::move(options)) {
  if (options_.index && options_.limit) throw_invalid("Can't use both 'limit' and 'index' arguments");
  if (options_.limit && *options_.limit <= 0) throw_invalid("Table limit must be a positive integer");
  for (size_t i = 0; i < schema_.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (schema_[i].name == schema_[j].name) throw_invalid("Duplicate column name '" + schema_[i].name + "'");
  for (auto& f : schema_) columns_.push_back(std::make_shared<Column>(f.type, f.wide));
  spare_old_.resize(schema_.size());
  journal_readers_ = std::make_unique<std::atomic<int>[]>(schema_.size());
  for (size_t c = 0; c < schema_.size(); ++c) journal_readers_[c].store(0);
  if (options_.index) {
    index_col_ = column_index(*options_.index);
    if (index_col_ < 0) throw_invalid("Specified index `" + *options_.index + "` does not appear in the Table.");
  }
}

std::shared_ptr<Table> Table::from_batch(Batch batch, TableOptions options) {
  if (options.index && batch.find(*options.index) < 0)
    throw_invalid("Specified index `" + *options.index + "` does not exist in dataset.");
  auto t = std::make_shared<Table>(batch.schema(), std::move(options));
  bool adoptable = !t->indexed() && !t->options_.limit && batch.find("__INDEX__") < 0 && batch.num_rows > 0;
  for (auto& c : batch.columns) adoptable = adoptable && !c.present && c.column->size() == batch.num_rows;
  if (adoptable) {
    // Zero-copy: the loader's columns become the table's (their nulls are creation nulls).
    for (size_t i = 0; i < t->schema_.size(); ++i) t->columns_[i] = batch.columns[batch.find(t->schema_[i].name)].column;
    t->nrows_ = t->live_count_ = batch.num_rows;
    t->version_ = 1;
    t->filled_ = true;
    return t;
  }
  std::unique_lock<std::shared_mutex> lock(t->mu_);
  lock.unlock();
  t->update(batch, -1);
  return t;
}

int Table::column_index(std::string_view name) const {
  for (size_t i = 0; i < schema_.size(); ++i)
    if (schema_[i].name == name) return int(i);
  return -1;
}

void Table::check_alive() const {
  if (deleted_.load()) throw_state("Table has been deleted");
}

uint64_t Table::key_bits(const Column& c, size_t row, bool* is_null) const {
  *is_null = !c.is_valid(row);
  if (*is_null) return 0;
  switch (c.type()) {
    case DType::Boolean: return c.get<uint8_t>(row);
    case DType::Integer: return uint64_t(c.get_int(row));
    case DType::Float: {
      double d = c.get<double>(row);
      if (d == 0) d = 0;  // -0.0 and 0.0 are one key
      uint64_t b;
      std::memcpy(&b, &d, 8);
      return b;
    }
    case DType::String: {
      const Column& kc = *columns_[index_col_];
      if (c.dict() == kc.dict()) return uint64_t(uint32_t(c.get<int32_t>(row)));
      int32_t code = kc.dict()->intern(c.get_string(row));  // key strings enter the dictionary once
      return uint64_t(uint32_t(code));
    }
    case DType::Date: return uint64_t(int64_t(c.get<int32_t>(row)));
    case DType::Datetime: return uint64_t(c.get<int64_t>(row));
  }
  return 0;
}

uint32_t Table::alloc_row() {
  uint32_t rid;
  if (!free_rows_.empty()) {
    rid = free_rows_.back();
    free_rows_.pop_back();
    for (auto& c : columns_) c->set_null(rid, NullKind::CtorNull);  // a re-added key is a fresh row
    live_[rid] = 1;
  } else {
    rid = uint32_t(nrows_++);  // the columns grow once per batch (grow_columns())
    live_.push_back(1);
  }
  ++live_count_;
  return rid;
}

void Table::grow_columns() {
  for (auto& c : columns_) c->grow_rows(nrows_);
  for (auto& s : computed_)
    if (s.column) s.column->grow_rows(nrows_);
}

void Table::update(const Batch& batch, int port) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  update_locked(batch, port);
}

void Table::update_loaded(const std::function<Batch(const SchemaDicts&)>& load, int port) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  check_alive();
  SchemaDicts dicts(columns_.size());
  dicts.spares = &spare_loaded_;
  std::vector<int32_t> sizes(columns_.size(), 0);
  for (size_t c = 0; c < columns_.size(); ++c) {
    if (schema_[c].type != DType::String) continue;
    dicts[c] = columns_[c]->dict();
    sizes[c] = dicts[c]->size();
  }
  Batch batch;
  try {
    batch = load(dicts);
  } catch (...) {
    // No column holds the codes added since: a failed load leaves no trace.
    for (size_t c = 0; c < dicts.size(); ++c)
      if (dicts[c]) dicts[c]->truncate(sizes[c]);
    throw;
  }
  // The batch's strings may now land in cells. update_locked() checks before
  // it changes anything, and the loader already coerced the batch to the
  // schema, so only running out of memory can fail it midway; the new strings
  // then stay in the dictionaries (unused entries are harmless).
  update_locked(batch, port);
  // Its columns are spares for the next small load (update_locked() copied
  // their cells; nothing else holds them).
  spare_loaded_.columns.clear();
  if (batch.num_rows <= kSpareLoadedRows)
    for (BatchColumn& c : batch.columns) spare_loaded_.columns.push_back(std::move(c.column));
}

void Table::update_locked(const Batch& batch, int port) {
  check_alive();
  const bool loading = port < 0;  // from_batch: nulls are creation nulls
  // Perspective 3.8 marks explicit nulls as "cleared" (UpdateNull, sorting
  // last) only in the update that fills a table that has never held rows since
  // creation or clear(); in every later update they are plain invalid cells like
  // creation nulls (obs: later nulls sort first and form the first null group,
  // and removing every row does not reset this).
  const NullKind null_kind = loading || filled_ ? NullKind::CtorNull : NullKind::UpdateNull;
  const size_t n = batch.num_rows;
  if (n == 0) return;
  if (nrows_ + n > size_t(UINT32_MAX) - 1) throw_invalid("Table would exceed 2^32 rows");

  std::vector<int> src(schema_.size(), -1);
  for (size_t c = 0; c < schema_.size(); ++c) src[c] = batch.find(schema_[c].name);
  const int idx_src = batch.find("__INDEX__");

  // The journal entry: rows added by this batch and rows overwritten in place.
  std::shared_ptr<TableDelta> delta;
  if (journaling()) delta = new_delta();
  std::vector<uint32_t> rids(n);
  bool overwrote = false;
  bool contiguous = false;
  const size_t rows_before = nrows_, first_before = first_live_;
  if (indexed()) {
    int ks = src[index_col_] >= 0 ? src[index_col_] : idx_src;
    const BatchColumn* kc = ks >= 0 ? &batch.columns[ks] : nullptr;
    if (kc && kc->column->type() != schema_[index_col_].type)
      throw_invalid("Index values do not match the index column's type");
    key_index_.reserve(live_count_ + n);
    // Keys first, each hash slot prefetched: a big index misses the cache on
    // every lookup, and the misses then overlap instead of queueing.
    std::vector<uint64_t> keys(n, 0);
    std::vector<uint8_t> null_keys(n, 1);
    for (size_t i = 0; i < n; ++i) {
      bool is_null = true;
      if (kc && kc->has(i)) keys[i] = key_bits(*kc->column, i, &is_null);
      null_keys[i] = is_null;
      if (!is_null) key_index_.prefetch(keys[i]);
    }
    try {
      for (size_t i = 0; i < n; ++i) {
        const bool is_null = null_keys[i];
        const uint64_t k = keys[i];
        int64_t rid = is_null ? null_key_rid_ : key_index_.find(k);
        if (rid < 0) {
          rid = alloc_row();
          if (is_null) null_key_rid_ = rid;
          else key_index_.put(k, uint32_t(rid));
          if (kc && ks == idx_src && src[index_col_] < 0 && !is_null) {
            grow_columns();
            columns_[index_col_]->copy_cell(rid, *kc->column, i);
          }
          if (delta) delta->added.push_back(uint32_t(rid));
        } else {
          overwrote = true;
          if (delta) delta->changed.push_back(uint32_t(rid));
        }
        rids[i] = uint32_t(rid);
      }
    } catch (...) {
      grow_columns();  // every rid below nrows_ has cells, whatever happened
      throw;
    }
    grow_columns();
  } else {
    size_t appended = 0;
    const BatchColumn* ic = idx_src >= 0 ? &batch.columns[idx_src] : nullptr;
    for (size_t i = 0; i < n; ++i) {
      if (ic && ic->has(i) && ic->column->is_valid(i) && ic->column->type() == DType::Integer) {
        int64_t rid = ic->column->get_int(i) - pkey_base_;
        if (rid >= int64_t(first_live_) && rid < int64_t(nrows_)) {
          rids[i] = uint32_t(rid);
          overwrote = true;
          if (delta) delta->changed.push_back(uint32_t(rid));
          continue;
        }
      }
      rids[i] = uint32_t(nrows_ + appended++);
      if (delta) delta->added.push_back(rids[i]);
    }
    contiguous = appended == n;
    nrows_ += appended;
    live_count_ += appended;
    for (auto& c : columns_) c->resize(nrows_);
    for (auto& s : computed_)
      if (s.column) s.column->resize(nrows_);
  }
  if (delta && !delta->changed.empty()) {
    // Each overwritten row once; a row this batch added is not "changed".
    auto& ch = delta->changed;
    std::sort(ch.begin(), ch.end());
    ch.erase(std::unique(ch.begin(), ch.end()), ch.end());
    if (!delta->added.empty()) {
      std::vector<uint32_t> fresh = delta->added;
      std::sort(fresh.begin(), fresh.end());
      ch.erase(std::remove_if(ch.begin(), ch.end(),
                              [&](uint32_t r) { return std::binary_search(fresh.begin(), fresh.end(), r); }),
               ch.end());
    }
    if (!ch.empty()) delta->old.assign(column_count(), nullptr);  // gathered below, per column
  }
  // Columns are independent from here on (each has its own buffers and
  // dictionary): large batches spread them over the engine threads. Every
  // column's writes touch random rows, so this is memory-latency bound.
  const size_t per_column = n + (delta ? delta->changed.size() : 0);
  if (overwrote && n < 4096) {
    // Overwritten rows sit at random places: start every column's cache misses
    // at once rather than one column (and one journal gather) at a time.
    for (uint32_t r : rids)
      if (r < rows_before)
        for (const ColumnPtr& c : columns_) c->prefetch(r);
  }
  parallel_for(columns_.size(), per_column >= 4096 ? 1 : columns_.size(), [&](size_t b, size_t e, int) {
    for (size_t c = b; c < e; ++c) {
      if (delta && !delta->changed.empty()) gather_old(*delta, delta->changed.data(), delta->changed.size(), int(c));
      if (overwrote) columns_[c]->make_writable();
      if (src[c] >= 0) copy_rows(*columns_[c], batch.columns[src[c]], rids.data(), n, null_kind, contiguous);
    }
  });
  // Computed columns follow their inputs (before any compaction moves rids).
  if (!computed_.empty()) {
    if (delta && !delta->changed.empty()) gather_computed_old(*delta, delta->changed.data(), delta->changed.size());
    bool in_place = overwrote;
    for (size_t i = 0; i < n && !in_place; ++i) in_place = rids[i] < rows_before;  // recycled rids too
    evaluate_computed(rids.data(), n, in_place);
  }

  bool moved = false;
  if (!indexed()) {
    moved = evict_to_limit();
    if (delta && first_live_ != first_before) {
      // Rows that fell out of the limit window. Rows this batch appended and
      // evicted at once were never visible; overwritten rows that were then
      // evicted would need their pre-batch cells twice: recompute instead.
      const uint32_t lo = uint32_t(first_before), hi = uint32_t(std::min(first_live_, rows_before));
      if (!delta->changed.empty()) {
        moved = true;
      } else {
        for (uint32_t r = lo; r < hi; ++r) delta->removed.push_back(r);
        auto& ad = delta->added;
        ad.erase(std::remove_if(ad.begin(), ad.end(), [&](uint32_t r) { return r < first_live_; }), ad.end());
        delta->old.assign(column_count(), nullptr);
        gather_old(*delta, delta->removed.data(), delta->removed.size());
        gather_computed_old(*delta, delta->removed.data(), delta->removed.size());
      }
    }
  }
  filled_ = true;
  ++version_;
  publish(moved ? nullptr : std::move(delta), port);
}

bool Table::evict_to_limit() {
  if (!options_.limit || live_count_ <= size_t(*options_.limit)) return false;
  first_live_ = nrows_ - size_t(*options_.limit);
  live_count_ = size_t(*options_.limit);
  if (first_live_ < live_count_) return false;
  compact();
  return true;
}

std::shared_ptr<TableDelta> Table::new_delta() {
  if (!spare_delta_) return std::make_shared<TableDelta>();
  std::shared_ptr<TableDelta> d = std::move(spare_delta_);
  d->version = 0;
  d->port = 0;
  d->reset = false;
  d->added.clear();
  d->changed.clear();
  d->removed.clear();
  return d;
}

void Table::gather_old(TableDelta& d, const uint32_t* rows, size_t n, int only) {
  for (size_t c = only < 0 ? 0 : size_t(only); c < columns_.size(); ++c) {
    if (journal_readers_[c].load(std::memory_order_relaxed) > 0) {
      const Column& col = *columns_[c];
      std::vector<ColumnPtr>& spare = spare_old_[c];
      if (!spare.empty() && spare.back()->type() == col.type() && spare.back()->wide() == col.wide()) {
        d.old[c] = std::move(spare.back());
        spare.pop_back();
        col.gather_into(rows, n, *d.old[c]);
      } else {
        d.old[c] = col.gather(rows, n);
      }
    }
    if (only >= 0) break;
  }
}

void Table::publish(std::shared_ptr<TableDelta> d, int port) {
  if (!journaling()) {
    journal_.clear();
    journal_rows_ = 0;
    return;
  }
  // The journal keeps what a lagging view can replay more cheaply than a
  // recompute: entries up to a row budget that grows with the table. A view
  // further behind finds a gap and recomputes.
  const size_t budget = std::max<size_t>(size_t(1) << 16, live_count_ / 2);
  if (!d || d->rows() > budget) {
    d = std::make_shared<TableDelta>();
    d->reset = true;
  }
  d->version = version_;
  d->port = port;
  journal_rows_ += d->rows();
  journal_.push_back(std::move(d));
  // Entries every attached view has caught up with are no longer needed
  // (the pkey order cache then sorts again if it lags that far; its readers
  // are views, which read it while they catch up).
  uint64_t caught_up = kFreeSlot;
  {
    std::lock_guard<std::mutex> g(synced_mu_);
    for (uint64_t v : synced_) caught_up = std::min(caught_up, v);
  }
  while (journal_.size() > 1 &&
         (journal_.size() > 4096 || journal_rows_ > budget || journal_.front()->version <= caught_up)) {
    std::shared_ptr<TableDelta> gone = std::move(journal_.front());
    journal_rows_ -= gone->rows();
    journal_.pop_front();
    // Under the exclusive lock no reader can copy the entry now: a count of
    // one means no one else holds it. Big columns are freed, not kept.
    if (gone.use_count() != 1) continue;
    for (size_t c = 0; c < gone->old.size() && c < spare_old_.size(); ++c) {
      ColumnPtr& col = gone->old[c];
      if (col && col.use_count() == 1 && col->values_buffer()->capacity() <= kSpareColumnBytes &&
          spare_old_[c].size() < kSpareColumns)
        spare_old_[c].push_back(std::move(col));
    }
    gone->old.clear();
    if (!spare_delta_ && gone->rows() <= kSpareEntryRows) spare_delta_ = std::move(gone);
  }
}

std::optional<NetChange> Table::replayable_change(uint64_t since) const {
  {
    std::lock_guard<std::mutex> g(cache_mu_);
    if (net_cache_ && net_since_ == since && net_version_ == version_) return *net_cache_;
  }
  auto answer = std::make_shared<std::optional<NetChange>>();
  std::vector<TableDeltaPtr> deltas;
  if (deltas_since(since, deltas)) {
    size_t rows = 0;
    for (auto& d : deltas) rows += d->rows();
    if (rows <= std::max<size_t>(4096, live_count_ / 4)) *answer = NetChange::of(deltas);
  }
  std::lock_guard<std::mutex> g(cache_mu_);
  net_cache_ = answer;
  net_since_ = since;
  net_version_ = version_;
  return *answer;
}

bool Table::deltas_since(uint64_t since, std::vector<TableDeltaPtr>& out) const {
  out.clear();
  if (since == version_) return true;
  // Entries carry consecutive versions: walk back from the newest.
  uint64_t want = version_;
  for (auto it = journal_.rbegin(); it != journal_.rend() && want > since; ++it, --want) {
    if ((*it)->version != want || (*it)->reset) return false;
    out.push_back(*it);
  }
  if (want != since) return false;
  std::reverse(out.begin(), out.end());
  return true;
}

void Table::compact() {
  // Moves the live range [first_live_, nrows_) to rid 0; amortised O(1) per row
  // because it runs only once the dead prefix is at least as long as the live rows.
  std::vector<uint32_t> rows(live_count_);
  std::iota(rows.begin(), rows.end(), uint32_t(first_live_));
  for (auto& c : columns_) c = c->gather(rows.data(), rows.size());
  for (auto& s : computed_)
    if (s.column) s.column = s.column->gather(rows.data(), rows.size());
  pkey_base_ += int64_t(first_live_);
  nrows_ = live_count_;
  first_live_ = 0;
}

void Table::remove(const Batch& keys, int port) {
  std::unique_lock<std::shared_mutex> lock(mu_);
  check_alive();
  if (!indexed()) throw_state("Cannot remove from unindexed Table");
  if (keys.columns.empty()) return;
  const Column& kc = *keys.columns[0].column;
  if (kc.type() != schema_[index_col_].type) throw_invalid("Remove keys do not match the index column's type");
  std::shared_ptr<TableDelta> delta;
  if (journaling()) delta = new_delta();
  for (size_t i = 0; i < keys.num_rows; ++i) {
    bool is_null;
    uint64_t k = key_bits(kc, i, &is_null);
    int64_t rid = is_null ? null_key_rid_ : key_index_.find(k);
    if (rid < 0) continue;
    if (is_null) null_key_rid_ = -1;
    else key_index_.erase(k);
    live_[rid] = 0;
    free_rows_.push_back(uint32_t(rid));
    --live_count_;
    if (delta) delta->removed.push_back(uint32_t(rid));
  }
  // Removed cells stay in place until the rid is recycled: copy them now.
  if (delta && !delta->removed.empty()) {
    delta->old.assign(column_count(), nullptr);
    gather_old(*delta, delta->removed.data(), delta->removed.size());
    gather_computed_old(*delta, delta->removed.data(), delta->removed.size());
  }
  if (any_volatile_) evaluate_computed(nullptr, 0, true);  // not row-local: every live row again
  ++version_;
  publish(std::move(delta), port);
}

void Table::clear() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  check_alive();
  // Fresh buffers: snapshots and exports keep the old ones.
  for (size_t i = 0; i < columns_.size(); ++i)
    columns_[i] = std::make_shared<Column>(schema_[i].type, schema_[i].wide, columns_[i]->dict());
  for (auto& s : computed_)
    if (s.column) s.column = std::make_shared<Column>(s.column->type(), s.column->wide(), s.column->dict());
  nrows_ = live_count_ = first_live_ = 0;
  pkey_base_ = 0;
  live_.clear();
  free_rows_.clear();
  key_index_.clear();
  null_key_rid_ = -1;
  filled_ = false;
  ++version_;
  publish(nullptr, 0);
}

int Table::make_port() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  check_alive();
  return next_port_++;
}

int Table::attach_view(const std::vector<bool>& journal_columns, uint64_t version) {
  check_alive();
  // Readers first: an entry made once views_ counts this view gathers its columns.
  for (size_t c = 0; c < journal_columns.size() && c < schema_.size(); ++c)
    if (journal_columns[c]) ++journal_readers_[c];
  int slot;
  {
    std::lock_guard<std::mutex> g(synced_mu_);
    auto free = std::find(synced_.begin(), synced_.end(), kFreeSlot);
    slot = int(free - synced_.begin());
    if (free == synced_.end()) synced_.push_back(version);
    else *free = version;
  }
  ++views_;
  return slot;
}

void Table::view_synced(int slot, uint64_t version) {
  std::lock_guard<std::mutex> g(synced_mu_);
  if (slot >= 0 && size_t(slot) < synced_.size() && synced_[size_t(slot)] != kFreeSlot) synced_[size_t(slot)] = version;
}

void Table::detach_view(int slot, const std::vector<bool>& journal_columns) {
  --views_;
  {
    std::lock_guard<std::mutex> g(synced_mu_);
    if (slot >= 0 && size_t(slot) < synced_.size()) synced_[size_t(slot)] = kFreeSlot;
  }
  for (size_t c = 0; c < journal_columns.size() && c < schema_.size(); ++c)
    if (journal_columns[c]) --journal_readers_[c];
}

void Table::mark_deleted() {
  std::unique_lock<std::shared_mutex> lock(mu_);
  if (views_.load() > 0) throw_state("Cannot delete table with views");
  deleted_.store(true);
}

bool Table::identity_order(size_t* first) const {
  if (indexed()) return false;
  *first = first_live_;
  return true;
}

bool Table::pkey_less(uint32_t a, uint32_t b) const {
  if (!indexed()) return a < b;
  const Column& k = *columns_[index_col_];
  bool va = k.is_valid(a), vb = k.is_valid(b);
  if (va != vb) return !va;  // the null key sorts first
  if (!va) return false;
  switch (k.type()) {
    case DType::Boolean: return k.get<uint8_t>(a) < k.get<uint8_t>(b);
    case DType::Integer: return k.get_int(a) < k.get_int(b);
    case DType::Float: return k.get<double>(a) < k.get<double>(b);
    case DType::Date: return k.get<int32_t>(a) < k.get<int32_t>(b);
    case DType::Datetime: return k.get<int64_t>(a) < k.get<int64_t>(b);
    case DType::String: return k.get_string(a) < k.get_string(b);
  }
  return false;
}

std::shared_ptr<const std::vector<uint32_t>> Table::rows_in_pkey_order() const {
  std::lock_guard<std::mutex> g(cache_mu_);
  if (order_cache_ && order_version_ == version_) return order_cache_;
  auto out = std::make_shared<std::vector<uint32_t>>();
  std::vector<TableDeltaPtr> deltas;
  if (!indexed()) {
    out->resize(nrows_ - first_live_);
    std::iota(out->begin(), out->end(), uint32_t(first_live_));
  } else if (order_cache_ && deltas_since(order_version_, deltas)) {
    // Take out every touched row that was live, put back every touched row
    // live now at its key's place (a recycled rid holds a new key). Linear in
    // the rows, no sort of the table.
    NetChange net = NetChange::of(deltas);
    const std::vector<uint32_t>* kept = order_cache_.get();
    std::vector<uint32_t> filtered;
    if (!net.was_live.empty()) {
      std::vector<uint8_t> gone(nrows_, 0);
      for (uint32_t r : net.was_live) gone[r] = 1;
      filtered.reserve(kept->size());
      for (uint32_t r : *kept)
        if (!gone[r]) filtered.push_back(r);
      kept = &filtered;
    }
    std::vector<uint32_t> arrived = net.after;
    std::sort(arrived.begin(), arrived.end(), [&](uint32_t a, uint32_t b) { return pkey_less(a, b); });
    // Binary-search each arrival's place and copy the runs between: few key
    // comparisons, one memory pass.
    out->reserve(kept->size() + arrived.size());
    auto from = kept->begin();
    for (uint32_t r : arrived) {
      auto at = std::upper_bound(from, kept->end(), r, [&](uint32_t a, uint32_t b) { return pkey_less(a, b); });
      out->insert(out->end(), from, at);
      out->push_back(r);
      from = at;
    }
    out->insert(out->end(), from, kept->end());
  } else {
    out->reserve(live_count_);
    for (uint32_t r = 0; r < nrows_; ++r)
      if (live_[r]) out->push_back(r);
    std::sort(out->begin(), out->end(), [&](uint32_t a, uint32_t b) { return pkey_less(a, b); });
  }
  order_cache_ = out;
  order_version_ = version_;
  return out;
}

DType Table::pkey_type() const { return indexed() ? schema_[index_col_].type : DType::Integer; }

void Table::pkey_of(uint32_t rid, Column& out, size_t out_row) const {
  if (indexed()) out.copy_cell(out_row, *columns_[index_col_], rid);
  else out.set_int(out_row, int64_t(rid) + pkey_base_);
}

}  // namespace parallax
