// abs sum: |sum| (integer and boolean quirks:
// see reduced_sum.h).
#include "parallax/view/aggregates/reduced_sum.h"

namespace parallax::agg {

const AggregateDef& abs_sum_aggregate() {
  static const AggregateDef def{"abs sum", {"abs_sum"}, false, sum_types, make_reduced_sum<ReducedSum::AbsSum>,
                                EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
