// The sum accumulator, shared by `sum` and the two percentage aggregates.
#pragma once
#include <type_traits>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/aggregates/kernels.h"

namespace parallax::agg {

enum class SumMode { Plain, PctParent, PctGrandTotal };

/// Per-group sums of a T column accumulated as Acc (int64 or double).
/// Retractable: a delta subtracts old values and adds new ones.
template <class T, class Acc>
class SumAccumulator final : public GroupsAccumulator {
 public:
  explicit SumAccumulator(SumMode mode) : mode_(mode) {}
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<SumAccumulator>(mode_); }
  void resize(size_t groups) override { sum_.resize(groups, Acc(0)); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    grouped_sum<T, Acc>(in.value->data<T>(), in.value->validity(), in.value_has_nulls, rows, groups, sum_.data());
  }
  bool can_retract() const override { return true; }
  void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    grouped_sum<T, Acc, true>(in.value->data<T>(), in.value->validity(), in.value_has_nulls, rows, groups,
                              sum_.data());
  }
  void clear_group(uint32_t g) override { sum_[g] = Acc(0); }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const SumAccumulator&>(other);
    for (size_t g = 0; g < sum_.size(); ++g) sum_[g] += o.sum_[g];
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const SumAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) sum_[parent_of[i]] += c.sum_[i];
  }
  double group_total(uint32_t g) const override { return double(sum_[g]); }

  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    if (mode_ == SumMode::Plain || ctx.stored) {
      for (size_t i = 0; i < n; ++i) {
        if constexpr (std::is_same_v<Acc, double>) out.set<double>(i, sum_[groups[i]]);
        else if (mode_ == SumMode::Plain) out.set_int(i, sum_[groups[i]]);
        else out.set<double>(i, double(sum_[groups[i]]));  // stored sum of a pct aggregate (a float column)
      }
      return;
    }
    // 100 * sum / denominator; a zero denominator gives null. The total row
    // has no parent: its share of the parent is 100.
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      double pv;
      if (mode_ == SumMode::PctParent) {
        if (!ctx.parent) {
          out.set<double>(i, 100.0);
          continue;
        }
        pv = ctx.parent->group_total(ctx.parent_of[g]);
      } else {
        pv = ctx.root->group_total(0);
      }
      if (pv == 0) out.set_null(i);
      else out.set<double>(i, 100.0 * (double(sum_[g]) / pv));
    }
  }

 private:
  SumMode mode_;
  std::vector<Acc> sum_;
};

/// Sum accumulator for `value` (boolean, integer or float; else "Unexpected coltype").
std::unique_ptr<GroupsAccumulator> make_sum_accumulator(const Column& value, SumMode mode);

}  // namespace parallax::agg
