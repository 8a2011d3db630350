// avg / mean: the mean of the non-null values (booleans as
// 0/1). Strings, dates and datetimes fail at view creation like the reference's
// accumulator ("Unexpected dtype"). Retractable.
#include <vector>

#include "parallax/view/aggregates/accumulator_base.h"
#include "parallax/view/aggregates/kernels.h"

namespace parallax::agg {

namespace {

template <class T>
class MeanAccumulator final : public GroupsAccumulator {
 public:
  std::unique_ptr<GroupsAccumulator> make_empty() const override { return std::make_unique<MeanAccumulator>(); }
  void resize(size_t groups) override {
    sum_.resize(groups, 0.0);
    cnt_.resize(groups, 0);
  }
  void add(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const uint8_t* valid = in.value->validity();
    grouped_sum<T, double>(in.value->data<T>(), valid, in.value_has_nulls, rows, groups, sum_.data());
    grouped_count_valid<int64_t>(valid, in.value_has_nulls, rows, groups, cnt_.data());
  }
  bool can_retract() const override { return true; }
  void clear_group(uint32_t g) override { sum_[g] = 0.0, cnt_[g] = 0; }
  void retract(const AggregateInput& in, const RowRun& rows, const uint32_t* groups) override {
    const uint8_t* valid = in.value->validity();
    grouped_sum<T, double, true>(in.value->data<T>(), valid, in.value_has_nulls, rows, groups, sum_.data());
    grouped_count_valid<int64_t, true>(valid, in.value_has_nulls, rows, groups, cnt_.data());
  }
  void combine(const GroupsAccumulator& other) override {
    const auto& o = static_cast<const MeanAccumulator&>(other);
    for (size_t g = 0; g < sum_.size(); ++g) {
      sum_[g] += o.sum_[g];
      cnt_[g] += o.cnt_[g];
    }
  }
  void rollup(const GroupsAccumulator& child, const uint32_t* parent_of, size_t nchild) override {
    const auto& c = static_cast<const MeanAccumulator&>(child);
    for (size_t i = 0; i < nchild; ++i) {
      sum_[parent_of[i]] += c.sum_[i];
      cnt_[parent_of[i]] += c.cnt_[i];
    }
  }
  void finalize(const FinalizeContext&, const uint32_t* groups, size_t n, Column& out) const override {
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = groups[i];
      if (cnt_[g] == 0) out.set_null(i);
      else out.set<double>(i, sum_[g] / double(cnt_[g]));
    }
  }

 private:
  std::vector<double> sum_;
  std::vector<int64_t> cnt_;
};

AggregateTypes mean_types(DType t, bool wide) {
  if (t == DType::String || t == DType::Date || t == DType::Datetime) throw_invalid("Unexpected dtype");
  return float_result(t, wide);
}

std::unique_ptr<GroupsAccumulator> make_mean(const Column& value, const Column*) {
  return with_values(value, [](auto* values) -> std::unique_ptr<GroupsAccumulator> {
    using T = std::remove_const_t<std::remove_pointer_t<decltype(values)>>;
    return std::make_unique<MeanAccumulator<T>>();
  });
}

}  // namespace

const AggregateDef& mean_aggregate() {
  static const AggregateDef def{"avg", {"mean"}, false, mean_types, make_mean, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
