// sum not null: sum skipping nulls and NaN (integer and boolean quirks:
// see reduced_sum.h).
#include "parallax/view/aggregates/reduced_sum.h"

namespace parallax::agg {

const AggregateDef& sum_not_null_aggregate() {
  static const AggregateDef def{"sum not null", {"sum_not_null"}, false, sum_types,
                                make_reduced_sum<ReducedSum::SumNotNull>, EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
