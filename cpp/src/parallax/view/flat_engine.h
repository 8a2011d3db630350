// The engine of a view with no group_by and no split_by (Perspective's
// context 0): the table's live rows that pass the filter, in sort order, or in
// pkey order when unsorted (semantics 2.5, 3.6, 3.7, 4.2).
//
// Ownership: holds row ids and compiled filter/sort state only; column data is
// read from the table at frame() time (zero-copy slices on the identity path).
// Thread-safety: View serialises calls and holds the table's read lock.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "parallax/view/filter.h"
#include "parallax/view/sort.h"
#include "parallax/view/view_engine.h"

namespace parallax {

class FlatEngine final : public ViewEngine {
 public:
  /// Compiles the filter (Perspective's filter errors); `columns` were validated by View.
  FlatEngine(const Table& table, const ViewConfig& config, const std::vector<std::string>& columns,
             const ExpressionColumns& exprs);

  void refresh(const Table& table) override;
  /// None: a replay reads only rids and the table's current cells.
  std::vector<bool> journal_columns(const Table& table) const override {
    return std::vector<bool>(table.column_count(), false);
  }
  size_t num_rows() const override;
  std::vector<std::string> column_paths() const override { return names_; }
  std::vector<OutputField> schema() const override;
  Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) override;
  Frame delta_frame(const Table& table) override;
  std::pair<Scalar, Scalar> min_max(const Table& table, const std::string& column) override;
  void set_incremental(bool on) override { incremental_ = on; }

 private:
  /// Row ids of view rows [0, end) in view order (end <= num_rows()); not for the identity path.
  const uint32_t* view_rows(size_t end);
  /// The reference engine's hashes of the pkeys of `rids` (for SortedRows);
  /// false and `out` empty when the key type is not reproduced.
  static bool reference_pkey_hashes(const Table& table, const std::vector<uint32_t>& rids,
                                    std::vector<uint32_t>& out);

  std::vector<std::string> names_;
  ExpressionColumns exprs_;  // the view's expression columns (names the table does not know)
  std::vector<DType> types_;
  RowFilter filter_;
  std::vector<std::pair<std::string, SortDir>> sort_;  // row sorts, empty when they cannot reorder
  // Row order: the identity range [first_, first_ + count_) of rids (unfiltered,
  // unsorted, unindexed: zero-copy slices of the store), else rows_ (filtered
  // rids in pkey order; the table's own cached order when unfiltered) or
  // sorted_ (the same rows, sorted lazily).
  bool identity_ = false;
  size_t first_ = 0, count_ = 0;
  std::shared_ptr<const std::vector<uint32_t>> rows_;
  bool sorted_mode_ = false;
  SortedRows sorted_;
  // Filtered views: the rows passing the filter in pkey order, kept current by
  // replaying the table's journal (the pkey merge of replay_filter()).
  std::shared_ptr<const std::vector<uint32_t>> kept_;
  bool refreshed_ = false;
  uint64_t version_ = 0;
  /// Brings kept_ up to date with the net change; false: recompute it.
  bool replay_filter(const Table& table, const NetChange& net);
  // Sorted views that replay: the whole sorted order, kept by merging each
  // change's rows in (valid for version merged_version_). Only where the
  // reference's comparator is a strict weak order: otherwise its order
  // depends on its sort algorithm over all rows, and every refresh sorts.
  std::shared_ptr<const std::vector<uint32_t>> merged_;
  uint64_t merged_version_ = ~uint64_t(0);
  std::vector<SortKey> sort_keys(const TableColumnSource& source) const;
  void merge_sorted(const Table& table, const NetChange& net);
  bool incremental_ = true;  // replay changes (set_incremental)
  // Row delta of the latest refresh: the touched rows live now that pass the
  // filter, in pkey order (delta_all_: the journal could not tell).
  std::vector<uint32_t> delta_rids_;
  bool delta_all_ = true;
};

}  // namespace parallax
