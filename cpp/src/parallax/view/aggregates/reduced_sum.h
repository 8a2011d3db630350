// The accumulator of `sum abs`, `abs sum` and `sum not null`. The reference
// computes these by folding scalars of the *input* type, so integer columns
// add in the column's own width (int32 wraps) and the result reaches the
// 64-bit output column zero-extended: `sum not null` of [-5, -3] is
// 4294967288 (obs). Nulls (and NaN for `sum not null`) are skipped. Boolean
// columns fold through the reference's scalar `add`, which has no boolean
// case: `sum abs` stays 0, `abs sum` is null, and `sum not null` alternates
// between null and the latest value (see BooleanSumNotNull).
#pragma once
#include <cmath>
#include <cstdlib>
#include <type_traits>
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

enum class ReducedSum { SumAbs, AbsSum, SumNotNull };

template <class T, ReducedSum kOp>
class ReducedSumAccumulator final : public GroupsAccumulator {
  // Integer arithmetic happens in unsigned types of the input width (wrapping, no UB).
  using Acc = std::conditional_t<std::is_same_v<T, double>, double,
                                 std::conditional_t<std::is_same_v<T, int64_t>, uint64_t, uint32_t>>;

 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override {
    return std::make_unique<ReducedSumAccumulator>();
  }
  void resize(size_t groups) override { acc_.resize(groups, Acc(0)); }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const T* v = in.value->data<T>();
    const uint8_t* valid = in.value->validity();
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      if (in.value_has_nulls && !bits::get(valid, r)) continue;
      acc_[groups[i]] += term(v[r]);
    }
  }
  bool can_retract() const override { return true; }
  void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const T* v = in.value->data<T>();
    const uint8_t* valid = in.value->validity();
    for (size_t i = 0; i < rows.n; ++i) {
      uint32_t r = rows.rid(i);
      if (in.value_has_nulls && !bits::get(valid, r)) continue;
      acc_[groups[i]] -= term(v[r]);
    }
  }
  void clear_group(uint32_t g) override { acc_[g] = Acc(0); }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const ReducedSumAccumulator&>(other);
    for (size_t g = 0; g < acc_.size(); ++g) acc_[g] += o.acc_[g];
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const ReducedSumAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) acc_[parent_of[i]] += c.acc_[i];
  }
  void finalize(const FinalizeContext&, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      Acc a = acc_[groups[i]];
      if constexpr (std::is_same_v<T, double>) {
        out.set<double>(i, kOp == ReducedSum::AbsSum ? std::fabs(a) : a);
      } else {
        if (kOp == ReducedSum::AbsSum) {
          using S = std::make_signed_t<Acc>;
          S s = S(a);
          a = s < 0 ? Acc(0) - a : a;
        }
        out.set_int(i, int64_t(uint64_t(a)));
      }
    }
  }

 private:
  /// What one value adds: |x| for `sum abs`, nothing for a NaN in `sum not null`.
  static Acc term(T x) {
    if constexpr (std::is_same_v<T, double>) {
      if (kOp == ReducedSum::SumNotNull && std::isnan(x)) return 0.0;
      return kOp == ReducedSum::SumAbs ? std::fabs(x) : x;
    } else {
      return kOp == ReducedSum::SumAbs && x < 0 ? Acc(0) - Acc(x) : Acc(x);
    }
  }
  std::vector<Acc> acc_;
};

/// Boolean input of `sum abs` (always 0) and `abs sum` (always null).
class BooleanReducedSum final : public GroupsAccumulator {
 public:
  explicit BooleanReducedSum(bool zero) : zero_(zero) {}
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<BooleanReducedSum>(zero_); }
  void resize(size_t) override {}
  void add(const AggregateInput&, const RowRun&, const uint32_t*) override {}
  bool can_retract() const override { return true; }
  void retract(const AggregateInput&, const RowRun&, const uint32_t*) override {}
  void clear_group(uint32_t) override {}
  void combine(const GroupsAccumulator&) override {}
  void rollup(const GroupsAccumulator&, const uint32_t*, size_t) override {}
  void finalize(const FinalizeContext& ctx, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) zero_ ? out.set_int(i, 0) : out.set_null(i);
  }

 private:
  bool zero_;
};

/// Boolean input of `sum not null`: the fold starts at a valid 0; adding a
/// boolean to a valid one yields an invalid scalar, adding one to an invalid
/// scalar yields that boolean. After k valid values: 0 when k = 0, null when
/// k is odd, else the k-th value (0 / 1), in the group's row order.
class BooleanSumNotNull final : public RowsAccumulator<BooleanSumNotNull> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    const Column& c = *ctx.input->value;
    size_t k = 0;
    uint8_t last = 0;
    for (size_t r = 0; r < n; ++r) {
      if (!c.is_valid(rows[r])) continue;
      ++k;
      last = c.get<uint8_t>(rows[r]) != 0;
    }
    if (k == 0) return out.set_int(i, 0);
    if (k % 2) return out.set_null(i);
    out.set_int(i, last);
  }
};

template <ReducedSum kOp>
std::unique_ptr<GroupsAccumulator> make_reduced_sum(const Column& value, const Column*) {
  switch (value.type()) {
    case DType::Integer:
      if (value.wide()) return std::make_unique<ReducedSumAccumulator<int64_t, kOp>>();
      return std::make_unique<ReducedSumAccumulator<int32_t, kOp>>();
    case DType::Float: return std::make_unique<ReducedSumAccumulator<double, kOp>>();
    case DType::Boolean:
      if (kOp == ReducedSum::SumNotNull) return std::make_unique<BooleanSumNotNull>();
      return std::make_unique<BooleanReducedSum>(kOp == ReducedSum::SumAbs);
    default: throw_invalid("Unexpected coltype");
  }
}

}  // namespace parallax::agg
