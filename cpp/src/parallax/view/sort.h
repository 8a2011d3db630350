// Row ordering for view sorts (semantics 3.6, traps T1 and T11), exactly as
// Perspective 3.8's multi-sorter (multi_sort.h cmp_mselem) orders rows:
//  * keys apply in priority order; two cells that are equal (same null kind,
//    same value) defer to the next key, and the last word is the tie-break
//    position (the pkey order), ascending, in every direction;
//  * a cell's null kind is compared before its value: creation nulls sort
//    below every value, update nulls above (so `desc` puts update nulls first);
//  * strings compare by bytes, dates and datetimes chronologically, booleans
//    false < true; a float NaN sorts first in ascending and last in
//    descending order;
//  * `asc abs` / `desc abs` compare |value| with nulls counting as 0 and
//    strings as 0; unequal cells with the same |value| are ordered by
//    position, ascending for `asc abs` and DESCENDING for `desc abs`;
//  * `none`: unequal cells are ordered by position alone (later keys are not
//    consulted); equal cells defer to the next key.
// Known difference: -0.0 and 0.0 are equal here (Perspective leaves their
// relative order to std::sort).
//
// Perspective's comparator is not a strict weak order for `desc abs` (equal
// cells go by ascending position, unequal cells with the same |value| by
// descending position, so ties can form cycles) nor for a `none` key followed
// by more keys. Its result then depends on its sort algorithm and input order;
// given the reference hashes of the rows' pkeys, SortedRows reproduces both
// (reference_order.h: the hash-map order the reference feeds to std::sort;
// libcxx_sort.h: libc++'s std::sort) and sorts all rows that way.
//
// The keys are plain Columns addressed by row id, so the pivot engine sorts
// groups with the same code by passing aggregate output columns.
#pragma once
#include <cstdint>
#include <utility>
#include <vector>

#include "parallax/core/column.h"
#include "parallax/view/view_config.h"

namespace parallax {

struct SortKey {
  const Column* column;  // cells addressed by the ids being sorted
  SortDir dir;           // Asc, Desc, AscAbs, DescAbs or None
};

/// True for directions that order rows; the `col ...` ones reorder split
/// column groups and are no row sort.
bool is_row_sort(SortDir d);

/// Perspective's comparison of two rows (cells a and b of every key); pos_a
/// and pos_b are the rows' tie-break positions (their rank in pkey order).
/// Reads cells directly: for single comparisons (live updates, merges).
bool sorts_before(const std::vector<SortKey>& keys, uint32_t a, uint64_t pos_a, uint32_t b, uint64_t pos_b);

/// A set of rows in sort order, computed lazily: prefix(k) finishes only the
/// first k rows (a partial sort), so a small window over many rows is cheap.
/// The constructor reads the key columns into order-preserving codes and
/// keeps no reference to them (call it under the table's read lock).
/// Thread-safety: none; the owning view serialises calls.
class SortedRows {
 public:
  SortedRows() = default;
  /// `rows`: the row ids in tie-break order (pkey order for table rows).
  /// `ref_hashes`: empty, or per position the reference engine's hash of the
  /// row's pkey (reference::pkey_hash), used when the comparator may not be a
  /// strict weak order; without them such ties keep the order of std::sort.
  SortedRows(const std::vector<SortKey>& keys, std::vector<uint32_t> rows,
             const std::vector<uint32_t>& ref_hashes = {});

  /// True when Perspective's comparator for these keys may not be a strict
  /// weak order, so the order depends on the reference's algorithm.
  static bool needs_reference_order(const std::vector<SortKey>& keys);

  size_t size() const { return rows_.size(); }
  /// The row ids in tie-break (input) order.
  const std::vector<uint32_t>& input() const { return rows_; }
  /// Row ids in sorted order; the first min(k, size()) entries are final.
  const std::vector<uint32_t>& prefix(size_t k);

  /// One key, encoded per position.
  struct KeyCodes {
    SortDir dir = SortDir::Asc;
    std::vector<uint64_t> code;  // order-preserving code of (null kind, value); equal codes = equal cells
    std::vector<uint8_t> rank;   // only when values need all 64 bits of `code`: the null kind
    std::vector<uint64_t> abs;   // abs directions: order-preserving code of |value|
    bool is_float = false;       // code 0 is a NaN (which `none` puts first)
  };

 private:
  bool less(uint32_t pa, uint32_t pb) const;
  std::pair<uint64_t, uint32_t> fast_pair(uint32_t pos) const;
  void select_top(size_t k);

  std::vector<uint32_t> rows_;       // input row ids, by position
  std::vector<KeyCodes> keys_;
  bool fast_ = false;                // one plain asc/desc key: sort (code, position) pairs
  std::vector<std::pair<uint64_t, uint32_t>> pairs_;  // fast path, built on the first large prefix
  std::vector<uint32_t> order_;      // general path: positions
  size_t done_ = 0;                  // [0, done_) of the order is final
  std::vector<uint32_t> out_;        // row ids of the final prefix
};

}  // namespace parallax
