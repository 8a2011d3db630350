// identity and mean by count: names the reference accepts but cannot compute;
// creating a view with them fails with its message.
#include "parallax/view/aggregates/accumulator_base.h"

namespace parallax::agg {

namespace {
AggregateTypes not_implemented(DType, bool) { throw_invalid("Not implemented"); }
}  // namespace

const AggregateDef& identity_aggregate() {
  static const AggregateDef def{"identity", {}, false, not_implemented, nullptr, EmptyResult::Null};
  return def;
}
const AggregateDef& mean_by_count_aggregate() {
  static const AggregateDef def{"mean by count", {"mean_by_count"}, false, not_implemented, nullptr,
                                EmptyResult::Null};
  return def;
}

}  // namespace parallax::agg
