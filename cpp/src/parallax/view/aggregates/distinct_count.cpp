// distinct count / distinct / distinctcount / distinct_count: the number of
// distinct values, each null kind counting as one value (T13).
#include <algorithm>

#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {

class DistinctCountAccumulator final : public RowsAccumulator<DistinctCountAccumulator> {
 public:
  void evaluate(const FinalizeContext& ctx, const uint32_t* rows, size_t n, Column& out, size_t i) const {
    auto& keys = keys_of(*ctx.input->value, rows, n);
    std::sort(keys.begin(), keys.end());
    int64_t distinct = 0;
    for (size_t k = 0; k < n; ++k) distinct += k == 0 || !same_value(keys[k], keys[k - 1]);
    out.set_int(i, distinct);
  }
};

std::unique_ptr<GroupsAccumulator> make_distinct_count(const Column&, const Column*) {
  return std::make_unique<DistinctCountAccumulator>();
}
AggregateTypes distinct_count_types(DType, bool) { return {DType::Integer, DType::Integer}; }

}  // namespace

const AggregateDef& distinct_count_aggregate() {
  static const AggregateDef def{"distinct count",
                                {"distinct", "distinctcount", "distinct_count"},
                                false,
                                distinct_count_types,
                                make_distinct_count,
                                EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
