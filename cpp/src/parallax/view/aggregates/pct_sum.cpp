// pct sum parent: 100 * sum / the parent row's sum (the total row shows 100).
// pct sum grand total: 100 * sum / the grand total's sum.
// The engine chooses the denominators (FinalizeContext); in split views the
// parent of a cell is the same row's cell one column level up.
#include "parallax/view/aggregates/sum.h"

namespace parallax::agg {

namespace {

std::unique_ptr<GroupsAccumulator> make_pct_parent(const Column& value, const Column*) {
  return make_sum_accumulator(value, SumMode::PctParent);
}
std::unique_ptr<GroupsAccumulator> make_pct_total(const Column& value, const Column*) {
  return make_sum_accumulator(value, SumMode::PctGrandTotal);
}

AggregateTypes pct_types(DType t, bool wide) {
  sum_types(t, wide);  // same accepted inputs as sum
  return float_result(t, wide);
}

}  // namespace

const AggregateDef& pct_sum_parent_aggregate() {
  static const AggregateDef def{"pct sum parent", {"pct_sum_parent"}, false, pct_types, make_pct_parent,
                                EmptyResult::Hundred};
  return def;
}

const AggregateDef& pct_sum_grand_total_aggregate() {
  static const AggregateDef def{"pct sum grand total",
                                {"pct_sum_grand_total", "pct sum total", "pct_sum_total"},
                                false,
                                pct_types,
                                make_pct_total,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
