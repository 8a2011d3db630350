// sum abs: |x| summed (integer and boolean quirks:
// see reduced_sum.h).
#include "parallax/view/aggregates/reduced_sum.h"

namespace parallax::agg {

const AggregateDef& sum_abs_aggregate() {
  static const AggregateDef def{"sum abs", {"sum_abs"}, false, sum_types, make_reduced_sum<ReducedSum::SumAbs>,
                                EmptyResult::Zero};
  return def;
}

}  // namespace parallax::agg
