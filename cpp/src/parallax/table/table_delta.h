// What one processed change did to a table's rows: the journal entries live
// views replay to stay current without recomputing from the whole table.
//
// A change is either a row delta (rids that became live, rids overwritten in
// place, rids that stopped being live, with the old cells of the latter two) or
// a reset (clear, replace, compaction of a limit window, or a change too large
// to journal): rids changed meaning, so views recompute from the table.
//
// Ownership: entries are immutable once published and shared (shared_ptr) by
// the table's journal and any view replaying them; `old` columns are private
// copies (gathers), never the table's buffers. The table recycles an entry it
// trims from its journal (its vectors and `old` columns) when no one else holds
// it any more.
// Thread-safety: the table appends and trims its journal under its exclusive
// lock; readers copy entries under the read lock and may then use them freely.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "parallax/core/column.h"

namespace parallax {

struct TableDelta {
  uint64_t version = 0;  // the table version this change produced
  int port = 0;
  bool reset = false;    // rids changed meaning: replay impossible, recompute
  // Rids that became live, in batch order (fresh or recycled rows).
  std::vector<uint32_t> added;
  // Rids live before and after whose cells were overwritten (each once), then
  // rids that stopped being live (remove, limit eviction).
  std::vector<uint32_t> changed, removed;
  // Old cells of changed then removed rows, one column per table column, row i
  // of each describing changed[i] (i < changed.size()) or
  // removed[i - changed.size()]. String columns share the table's dictionary.
  // Only the columns some attached view reads on replay are gathered
  // (ViewEngine::journal_columns); the others are null. Empty when no row was
  // changed or removed.
  std::vector<ColumnPtr> old;

  size_t rows() const { return added.size() + changed.size() + removed.size(); }
};

using TableDeltaPtr = std::shared_ptr<const TableDelta>;

/// The net effect of consecutive changes on each row they touched: where its
/// cells were before the first change (not live, or a row of some entry's
/// `old`), and whether it is live after the last (its cells are then the
/// table's current ones). Replaying a sequence needs this, not each entry in
/// turn: an entry's new cells may already be overwritten by a later one.
struct NetChange {
  struct Before {
    const TableDelta* delta;        // whose `old` holds the row's cells
    std::vector<uint32_t> positions;  // rows of delta->old
  };
  std::vector<Before> before;  // rows live before the sequence, grouped by entry
  std::vector<uint32_t> after;  // rids live after it, in first-touch order
  std::vector<uint32_t> rids;   // every distinct rid touched, in first-touch order
  // Touched rids live before the sequence. A rid can be live before and after
  // and still be another row: removed, then recycled for a new key.
  std::vector<uint32_t> was_live;
  // Touched rids that became live again after an earlier touch in the
  // sequence (removed, then recycled for a new row): live after, but their
  // `before` cells belong to the row that was removed.
  std::vector<uint32_t> recycled;

  /// Composes `deltas` (oldest first, none a reset).
  static NetChange of(const std::vector<TableDeltaPtr>& deltas);
};

}  // namespace parallax
