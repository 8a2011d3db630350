// The engine of a view with no group_by and no split_by (Perspective's
// context 0): the table's live rows in pkey order, each a view row.
#pragma once
#include <memory>
#include <vector>

#include "parallax/view/view_engine.h"

namespace parallax {

class FlatEngine final : public ViewEngine {
 public:
  FlatEngine(const Table& table, const ViewConfig& config, const std::vector<std::string>& columns);

  void refresh(const Table& table) override;
  size_t num_rows() const override { return identity_ ? count_ : rows_->size(); }
  std::vector<std::string> column_paths() const override { return names_; }
  std::vector<OutputField> schema() const override;
  Frame frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) override;

 private:
  std::vector<std::string> names_;
  std::vector<int> cols_;  // table column index per output column
  std::vector<DType> types_;
  // Row order: either the identity range [first_, first_ + count_) of rids
  // (unindexed tables: zero-copy slices of the store) or an explicit rid list.
  bool identity_ = false;
  size_t first_ = 0, count_ = 0;
  std::shared_ptr<const std::vector<uint32_t>> rows_;
};

}  // namespace parallax
