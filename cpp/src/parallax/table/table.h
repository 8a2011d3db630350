// A Perspective table: a fixed schema of typed columns plus a row model.
//
// Row model. Rows live at physical row ids (rids).
//  * Unindexed: rows are appended in arrival order; the implicit pkey of rid r
//    is r + pkey_base_. With `limit`, the oldest rows are evicted: live rows are
//    always the contiguous range [first_live_, nrows_), compacted now and then.
//  * Indexed: the key column's values map to rids through a hash index; removed
//    rids go to a free list and come back as fresh all-null rows. Unsorted flat
//    views show rows in key order (semantics 2.5).
//
// Computed columns. Views' expression columns live here, after the schema's
// columns (indices >= schema().size(), see column()), so that every change
// evaluates them for just the rows it touches, under the same exclusive lock,
// and journals their old cells like any other column's: the view engines
// replay them as ordinary columns. The table knows them by index only; each
// view maps its own expression names to indices (TableColumnSource), so two
// views may give one name to different expressions. Row-local expressions
// with the same text share one column (reference-counted): N views of one
// expression cost one evaluation per change. Expressions that are not row-local
// (now(), random(), ...) get a column per view and, as in the reference, are
// evaluated again over every live row at each update and remove.
//
// Thread-safety: every public mutator takes the exclusive lock; readers (views,
// outputs) take read_lock() and may run concurrently with each other. Column
// buffers are copy-on-write, so a reader that copied ColumnPtrs (or exported
// them as Arrow) keeps a consistent snapshot after releasing the lock.
#pragma once
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "parallax/core/batch.h"
#include "parallax/core/column.h"
#include "parallax/core/flat_map.h"
#include "parallax/table/table_delta.h"

namespace parallax {

namespace expr {
class Expression;
}

struct TableOptions {
  std::optional<std::string> index;
  std::optional<int64_t> limit;
  std::string name;
};

class Table {
 public:
  /// An empty table with a fixed schema. Validates options (index exists,
  /// not both index and limit, limit > 0).
  Table(Schema schema, TableOptions options);

  /// Creates a table from loaded data; its nulls are creation nulls (T1).
  static std::shared_ptr<Table> from_batch(Batch batch, TableOptions options);

  // --- mutators (exclusive lock) ---
  /// Appends or upserts. Columns not in the schema are ignored; absent cells
  /// keep their value on existing rows. `port` tags the update (issue 4).
  void update(const Batch& batch, int port = 0);
  /// Loads and applies an update under one exclusive lock: `load` gets this
  /// table's dictionaries (SchemaDicts) and may intern the batch's strings
  /// straight into them, which saves a dictionary per string column and a
  /// translation of every cell (the bulk of a small update's cost). When
  /// `load` throws, the strings it added are taken out again. `load` runs
  /// with the lock held: for small inputs (streaming updates).
  void update_loaded(const std::function<Batch(const SchemaDicts&)>& load, int port = 0);
  /// Removes rows by key. `keys` is a one-column batch already coerced to the
  /// index column's type. Unknown keys are ignored.
  void remove(const Batch& keys, int port = 0);
  void clear();
  int make_port();
  /// Hosts computed columns for a view: one per expression (in order), each
  /// evaluated over every live row now; returns their column indices. A
  /// row-local expression whose text an attached view already registered
  /// shares that column. Takes the exclusive lock. Every index must be given
  /// back with release_computed() (views do so when they close).
  std::vector<int> acquire_computed(
      const std::vector<std::pair<std::string, std::shared_ptr<const expr::Expression>>>& exprs);
  /// Gives back acquire_computed()'s indices; a column no one uses any more
  /// stops being evaluated and its slot is reused. Takes the exclusive lock.
  void release_computed(const std::vector<int>& indices);
  /// Refuses while views are alive; afterwards every call fails.
  void mark_deleted();

  // --- metadata (safe without a lock: immutable after construction) ---
  const Schema& schema() const { return schema_; }
  const TableOptions& options() const { return options_; }
  int column_index(std::string_view name) const;
  bool indexed() const { return index_col_ >= 0; }
  int index_column() const { return index_col_; }

  // --- reading (caller holds read_lock()) ---
  std::shared_lock<std::shared_mutex> read_lock() const { return std::shared_lock<std::shared_mutex>(mu_); }
  size_t size() const { return live_count_; }
  uint64_t version() const { return version_; }
  /// Column i: a schema column (i < schema().size()) or a computed one.
  const ColumnPtr& column(int i) const {
    return size_t(i) < columns_.size() ? columns_[size_t(i)] : computed_[size_t(i) - columns_.size()].column;
  }
  /// Schema columns plus computed column slots (free slots hold no column).
  size_t column_count() const { return columns_.size() + computed_.size(); }
  /// Live rids in pkey order (see row model). Cached per version.
  std::shared_ptr<const std::vector<uint32_t>> rows_in_pkey_order() const;
  /// True when the live rows in pkey order are exactly [first, first+size()):
  /// unindexed tables, which lets views export store buffers zero-copy.
  bool identity_order(size_t* first) const;
  /// Whether live rid a comes before live rid b in pkey order.
  bool pkey_less(uint32_t a, uint32_t b) const;
  /// The pkey of a live rid as a one-row column of the key's type (Integer for
  /// implicit pkeys) written into out[out_row].
  void pkey_of(uint32_t rid, Column& out, size_t out_row) const;
  DType pkey_type() const;
  /// The journal entries of every change after version `since`, oldest first.
  /// False when the journal no longer covers them all or one is a reset: the
  /// caller must recompute from the table. Journaling runs only while views
  /// are attached.
  bool deltas_since(uint64_t since, std::vector<TableDeltaPtr>& out) const;
  /// The net change since version `since` when the journal covers it and it
  /// is small enough that replaying it beats a recompute (at most a quarter of
  /// the table, or 4,096 rows); nullopt otherwise. The last answer is cached:
  /// the views of one table usually ask for the same span one after another.
  std::optional<NetChange> replayable_change(uint64_t since) const;
  /// The implicit pkey of a live rid of an unindexed table.
  int64_t implicit_pkey(uint32_t rid) const { return int64_t(rid) + pkey_base_; }

  // --- views' bookkeeping (safe with or without the table's locks) ---
  /// A view starts following the table, up to date with `version`; returns
  /// its slot for view_synced() and detach_view(). `journal_columns` (one
  /// flag per schema column; see ViewEngine::journal_columns) names the
  /// columns whose old cells it reads from journal entries: entries gather
  /// only the columns some attached view reads.
  int attach_view(const std::vector<bool>& journal_columns, uint64_t version);
  /// The view in `slot` has caught up with `version`: journal entries every
  /// attached view has caught up with are dropped (and recycled) at the next
  /// change, so views polled often keep the journal short.
  void view_synced(int slot, uint64_t version);
  /// Stops following; `journal_columns` as given to attach_view().
  void detach_view(int slot, const std::vector<bool>& journal_columns);
  int view_count() const { return views_.load(); }
  bool deleted() const { return deleted_.load(); }
  void check_alive() const;

 private:
  /// update()'s work; the caller holds the exclusive lock.
  void update_locked(const Batch& batch, int port);
  /// A rid for a new key: a recycled one (its cells nulled) or nrows_++,
  /// whose cells exist only after grow_columns().
  uint32_t alloc_row();
  /// Resizes every column to nrows_ rows (new cells are creation nulls).
  void grow_columns();
  uint64_t key_bits(const Column& c, size_t row, bool* is_null) const;
  /// Evicts past `limit`; true when rids moved (compaction).
  bool evict_to_limit();
  void compact();
  /// Appends a change to the journal (or a reset when `d` is null) and trims it.
  void publish(std::shared_ptr<TableDelta> d, int port);
  /// An empty journal entry: the last one trimmed when no one else held it
  /// (vectors keep their capacity), else a new one.
  std::shared_ptr<TableDelta> new_delta();
  /// Gathers the old cells of rows[0, n) into d.old for every column some
  /// view reads (journal_columns), reusing spare columns; column c only when
  /// `only` is c (the parallel per-column pass), every column when -1.
  void gather_old(TableDelta& d, const uint32_t* rows, size_t n, int only = -1);
  bool journaling() const { return views_.load() > 0; }
  /// After a change to rows[0, n): evaluates the row-local computed columns
  /// in use at those rows and the others at every live row. `in_place`: some
  /// of the rows held cells before (their buffers are copied first if a
  /// snapshot shares them). `only_slot` >= 0: just that slot, at rows[0, n)
  /// (a new column). Exclusive lock held.
  void evaluate_computed(const uint32_t* rows, size_t n, bool in_place, int only_slot = -1);
  /// Every live rid, ascending.
  std::vector<uint32_t> live_rids() const;
  /// Old cells of rows[0, n) of every computed column in use into d.old.
  void gather_computed_old(TableDelta& d, const uint32_t* rows, size_t n);

  Schema schema_;
  TableOptions options_;
  std::vector<ColumnPtr> columns_;
  int index_col_ = -1;
  // Computed columns (see the header comment): slot k is column index
  // columns_.size() + k. Guarded by the exclusive lock; read under read_lock().
  struct ComputedSlot {
    std::shared_ptr<const expr::Expression> expr;  // null: a free slot
    std::string text;    // the expression's text: row-local ones are shared by it
    ColumnPtr column;    // cells by rid, like the schema columns
    int users = 0;
    bool row_local = true;
  };
  std::vector<ComputedSlot> computed_;
  bool any_volatile_ = false;  // some slot in use is not row-local

  size_t nrows_ = 0;        // physical rows (rids < nrows_)
  size_t live_count_ = 0;
  size_t first_live_ = 0;   // unindexed only
  int64_t pkey_base_ = 0;   // unindexed only: pkey of rid 0
  std::vector<uint8_t> live_;           // indexed only
  std::vector<uint32_t> free_rows_;     // indexed only
  FlatMap64 key_index_;                 // indexed only
  int64_t null_key_rid_ = -1;           // indexed only
  uint64_t version_ = 0;
  bool filled_ = false;     // a non-empty batch landed since creation or clear() (null kinds, T1)
  int next_port_ = 1;
  std::deque<std::shared_ptr<TableDelta>> journal_;  // newest last; see publish()
  size_t journal_rows_ = 0;
  // Recycled from trimmed entries no one else held (see new_delta()): one
  // entry, and per table column a few gathered columns. Small allocations
  // freed thousands of updates after they were made are a good share of a
  // small update's cost otherwise. Guarded by the exclusive lock.
  std::shared_ptr<TableDelta> spare_delta_;
  ColumnSpares spare_loaded_;  // the last small update_loaded() batch's columns
  std::vector<std::vector<ColumnPtr>> spare_old_;
  // Per schema column: how many attached views read its old cells.
  std::unique_ptr<std::atomic<int>[]> journal_readers_;
  // Per view slot: the version the view has caught up with (kFreeSlot: no
  // view). Guarded by synced_mu_ (views report under the read lock).
  static constexpr uint64_t kFreeSlot = ~uint64_t(0);
  mutable std::mutex synced_mu_;
  std::vector<uint64_t> synced_;

  mutable std::shared_mutex mu_;
  mutable std::mutex cache_mu_;
  mutable std::shared_ptr<const std::vector<uint32_t>> order_cache_;
  mutable uint64_t order_version_ = ~uint64_t(0);
  // replayable_change()'s last answer, for (net_since_, net_version_); guarded
  // by cache_mu_. Its entry pointers stay valid while version_ == net_version_.
  mutable std::shared_ptr<const std::optional<NetChange>> net_cache_;
  mutable uint64_t net_since_ = 0, net_version_ = ~uint64_t(0);

  std::atomic<int> views_{0};
  std::atomic<bool> deleted_{false};
};

using TablePtr = std::shared_ptr<Table>;

}  // namespace parallax
