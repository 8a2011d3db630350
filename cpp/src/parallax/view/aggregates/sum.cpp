// sum: nulls add 0, so an all-null group sums to 0 (T2); integer sums are
// 64-bit. Also the state of `pct sum parent` / `pct sum grand total`.
#include "parallax/view/aggregates/sum.h"

namespace parallax::agg {

namespace {

std::unique_ptr<GroupsAccumulator> make_sum(const Column& value, const Column*) {
  return make_sum_accumulator(value, SumMode::Plain);
}

}  // namespace

std::unique_ptr<GroupsAccumulator> make_sum_accumulator(const Column& value, SumMode mode) {
  switch (value.type()) {
    case DType::Boolean: return std::make_unique<SumAccumulator<uint8_t, int64_t>>(mode);
    case DType::Integer:
      if (value.wide()) return std::make_unique<SumAccumulator<int64_t, int64_t>>(mode);
      return std::make_unique<SumAccumulator<int32_t, int64_t>>(mode);
    case DType::Float: return std::make_unique<SumAccumulator<double, double>>(mode);
    default: throw_invalid("Unexpected coltype");
  }
}

const AggregateDef& sum_aggregate() {
  static const AggregateDef def{"sum", {}, false, sum_types, make_sum, EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
