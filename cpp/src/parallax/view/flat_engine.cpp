#include "parallax/view/flat_engine.h"

namespace parallax {

FlatEngine::FlatEngine(const Table& table, const ViewConfig& config, const std::vector<std::string>& columns)
    : names_(columns), rows_(std::make_shared<std::vector<uint32_t>>()) {
  for (auto& n : names_) {
    int c = table.column_index(n);
    cols_.push_back(c);
    types_.push_back(table.schema()[c].type);
  }
}

void FlatEngine::refresh(const Table& table) {
  identity_ = table.identity_order(&first_);
  if (identity_) {
    count_ = table.size();
    rows_ = std::make_shared<std::vector<uint32_t>>();
  } else {
    rows_ = table.rows_in_pkey_order();
    count_ = rows_->size();
  }
}

std::vector<OutputField> FlatEngine::schema() const {
  std::vector<OutputField> out;
  for (size_t i = 0; i < names_.size(); ++i) out.push_back({names_[i], types_[i]});
  return out;
}

Frame FlatEngine::frame(const Table& table, size_t r0, size_t r1, size_t c0, size_t c1, const WindowSpec& opts) {
  Frame f;
  f.num_rows = r1 - r0;
  const uint32_t* rids = identity_ ? nullptr : rows_->data() + r0;
  for (size_t c = c0; c < c1; ++c) {
    const ColumnPtr& src = table.column(cols_[c]);
    if (identity_) f.columns.push_back({names_[c], src->share(), first_ + r0});  // zero-copy slice
    else f.columns.push_back({names_[c], src->gather(rids, f.num_rows), 0});
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

}  // namespace parallax
