// `max` and `min` with nulls taking part under the reference's ordering (T1,
// T25): a creation null is below every value, an update null above, so
// update-nulls make `max` null and creation-nulls make `min` null.
#pragma once
#include <memory>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

template <bool kMax>
class ExtremumAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<ExtremumAccumulator>(); }
  void resize(size_t groups) override { best_.resize(groups, Best{}); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const Column& c = *in.value;
    std::shared_ptr<const std::vector<int32_t>> ranks;
    if (c.type() == DType::String) ranks = c.dict()->sort_ranks();
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      uint8_t s = cell_status(c, r);
      Best cand{s == kValid ? cell_order_bits(c, r, ranks.get()) : 0, r, s, 1};
      Best& b = best_[groups[i]];
      if (!b.seen || better(cand, b)) b = cand;
    }
  }
  /// Removing a row other than the extremum leaves it; adding one is a take.
  void fold_or_invalidate(int sign, const AggregateInput& in, const RowRun& rows, const uint32_t* rids,
                          const uint32_t* groups, std::vector<uint32_t>& stale) override {
    if (sign > 0) return add(in, rows, groups);
    for (size_t i = 0; i < rows.n; ++i)
      if (best_[groups[i]].seen && best_[groups[i]].rid == rids[i]) stale.push_back(groups[i]);
  }
  void clear_group(uint32_t g) override { best_[g] = Best{}; }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const ExtremumAccumulator&>(other);
    for (size_t g = 0; g < best_.size(); ++g) take(best_[g], o.best_[g]);
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const ExtremumAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) take(best_[parent_of[i]], c.best_[i]);
  }
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      const Best& b = best_[groups[i]];
      if (!b.seen) out.set_null(i);
      else put_cell(out, i, *ctx.input->value, b.rid);
    }
  }

 private:
  struct Best {
    uint64_t key = 0;
    uint32_t rid = 0;
    uint8_t status = 0;
    uint8_t seen = 0;
  };
  /// Strictly better: ties keep the earlier row, like std::max_element / min_element.
  static bool better(const Best& a, const Best& b) {
    if (a.status != b.status) return kMax ? a.status > b.status : a.status < b.status;
    return kMax ? a.key > b.key : a.key < b.key;
  }
  static void take(Best& into, const Best& from) {
    if (from.seen && (!into.seen || better(from, into))) into = from;
  }
  std::vector<Best> best_;
};

}  // namespace parallax::agg
