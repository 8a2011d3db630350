// `high` / `low`: watermarks, not max / min (T12). The reference folds every
// changed row into the stored value and never lowers (raises) it, so removing
// rows or lowering values leaves it where it was. Nulls read as the stored
// zero (a null date as the packed date 0), so `low` of [1, 2, null] is 0.
// Strings are StringWatermarkAccumulator's.
//
// State per persistent group id: the extremum of the rows of this refresh and
// the history of earlier refreshes; reset() folds the former into the latter.
// (Values that came and went between two refreshes are not seen.)
#pragma once
#include <memory>
#include <vector>

#include "parallax/core/datetime.h"
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

template <bool kHigh>
class WatermarkAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override {
    return std::make_unique<WatermarkAccumulator>();
  }
  void reset(size_t groups) override {
    for (size_t g = 0; g < cur_.size(); ++g) {
      if (g >= hist_.size()) hist_.resize(g + 1);
      take(hist_[g], cur_[g]);
    }
    cur_.assign(groups, Mark{});
  }
  void resize(size_t groups) override { cur_.resize(groups, Mark{}); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const Column& c = *in.value;
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      Mark m{raw_key(c, r, nullptr), r, 1, uint8_t(c.is_valid(r))};
      take(cur_[groups[i]], m);
    }
  }
  /// A watermark never moves back: rows leaving change nothing, rows coming
  /// in are taken, and a group that empties keeps its mark.
  void fold_or_invalidate(int sign, const AggregateInput& in, const RowRun& rows, const uint32_t*,
                          const uint32_t* groups, std::vector<uint32_t>&) override {
    if (sign > 0) add(in, rows, groups);
  }
  void clear_group(uint32_t) override {}
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const WatermarkAccumulator&>(other);
    for (size_t g = 0; g < cur_.size(); ++g) take(cur_[g], o.cur_[g]);
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const WatermarkAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) take(cur_[parent_of[i]], c.cur_[i]);
  }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    const Column& src = *ctx.input->value;
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      Mark m = cur_[g];
      if (g < hist_.size()) take(m, hist_[g]);
      if (!m.seen) out.set_null(i);
      else if (m.valid) put_cell(out, i, src, m.rid);
      else write_zero(out, i);
    }
  }

 private:
  struct Mark {
    uint64_t key = 0;
    uint32_t rid = 0;
    uint8_t seen = 0;
    uint8_t valid = 0;  // the mark is a real cell (else the stored zero of a null)
  };
  static uint64_t raw_key(const Column& c, uint32_t r, const std::vector<int32_t>*) {
    if (c.is_valid(r)) return cell_order_bits(c, r, nullptr);
    return zero_key(c);
  }
  static uint64_t zero_key(const Column& c) {
    switch (c.type()) {
      case DType::Integer:
      case DType::Datetime: return uint64_t(1) << 63;                 // signed 0
      case DType::Float: return uint64_t(1) << 63;                    // +0.0
      case DType::Date: return uint64_t(int64_t(kZeroDate)) ^ (uint64_t(1) << 63);
      default: return 0;
    }
  }
  static void take(Mark& into, const Mark& from) {
    if (!from.seen) return;
    bool better = kHigh ? from.key > into.key : from.key < into.key;
    if (!into.seen || better) into = from;
  }
  std::vector<Mark> cur_, hist_;
};

/// String watermarks. The reference compares interned string pointers, which
/// follow the dictionary's insertion order, a null reading as the first
/// entry: on a leaf, the extremum of the dictionary codes. Its subtotals take
/// the value of their last child (its roll-up compares the children's storage
/// addresses), i.e. of the last leaf below them.
template <bool kHigh>
class StringWatermarkAccumulator final : public RowsAccumulator<StringWatermarkAccumulator<kHigh>> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    if (n == 0) return out.set_null(i);
    size_t from = 0;
    if (!ctx.leaf_level && ctx.rows->leaves) {
      // This group's rows, leaf by leaf in creation order: keep the last leaf's.
      const uint32_t* leaf = ctx.rows->leaves + (rows - ctx.rows->rows);
      from = n - 1;
      while (from > 0 && leaf[from - 1] == leaf[n - 1]) --from;
    }
    const Column& c = *ctx.input->value;
    int32_t best = 0;
    for (size_t k = from; k < n; ++k) {
      int32_t code = c.is_valid(rows[k]) ? c.get<int32_t>(rows[k]) : 0;
      if (k == from || (kHigh ? code > best : code < best)) best = code;
    }
    if (c.dict()->size() == 0) return out.set_null(i);
    out.set<int32_t>(i, best);
  }
};

template <bool kHigh>
std::unique_ptr<GroupsAccumulator> make_watermark(const Column& value, const Column*) {
  if (value.type() == DType::String) return std::make_unique<StringWatermarkAccumulator<kHigh>>();
  return std::make_unique<WatermarkAccumulator<kHigh>>();
}

}  // namespace parallax::agg
